package etsql_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/etsql/etsql"
	"github.com/etsql/etsql/schema"
)

// TestTx_Rollback_views: CREATE and DROP VIEW in a transaction are undone
// by its rollback and kept by its commit.
func TestTx_Rollback_views(t *testing.T) {
	db := openSQL(t, "", "CREATE TABLE t (k INT PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'a'); CREATE VIEW old AS SELECT v FROM t")
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"CREATE VIEW made AS SELECT k FROM t",
		"DROP VIEW old",
		"CREATE TABLE old (x INT)", // the name is free again
	} {
		if _, err := tx.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	var v string
	if err := tx.QueryRow("SELECT COUNT(*) FROM made").Scan(&v); err != nil || v != "1" {
		t.Errorf("a view created in the transaction, read in it: %q, %v", v, err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("SELECT * FROM made"); !errors.Is(err, etsql.ErrNoTable) {
		t.Errorf("a view created in a rolled back transaction: %v, want ErrNoTable", err)
	}
	if err := db.QueryRow("SELECT v FROM old").Scan(&v); err != nil || v != "a" {
		t.Errorf("a view dropped in a rolled back transaction: %q, %v; want \"a\"", v, err)
	}
	tx, err = db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("DROP VIEW old; CREATE VIEW kept AS SELECT 2"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("SELECT * FROM old"); !errors.Is(err, etsql.ErrNoTable) {
		t.Errorf("a view dropped in a committed transaction: %v, want ErrNoTable", err)
	}
	if err := db.QueryRow("SELECT * FROM kept").Scan(&v); err != nil || v != "2" {
		t.Errorf("a view created in a committed transaction: %q, %v", v, err)
	}
}

// TestDB_Views_list: Views lists each view with its statement as
// written; a view's errors are SQLite's.
func TestDB_Views_list(t *testing.T) {
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE t (a INT); CREATE VIEW v AS select a   from t -- all of it\n; CREATE VIEW \"w;x\" AS SELECT ';'"); err != nil {
		t.Fatal(err)
	}
	got := db.Views()
	slices.SortFunc(got, func(a, b etsql.View) int { return len(a.Name) - len(b.Name) })
	want := []etsql.View{
		{Name: "v", SQL: "CREATE VIEW v AS select a   from t"},
		{Name: "w;x", SQL: `CREATE VIEW "w;x" AS SELECT ';'`},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Views() = %q, want %q", got, want)
	}
	if _, err := db.Exec("DROP VIEW nothere"); !errors.Is(err, etsql.ErrNoView) {
		t.Errorf("DROP VIEW of no view: %v, want ErrNoView", err)
	}
}

// TestDB_Exec_createTableAsTypes: CREATE TABLE ... AS SELECT types each
// column after its expression, TERM when it has no one type, and keys
// the rows by a hidden rowid.
func TestDB_Exec_createTableAsTypes(t *testing.T) {
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE t (a INT PRIMARY KEY, b TEXT, c FLOAT, d DATE, e BOOL);" +
		"CREATE TABLE t2 AS SELECT a, b, c, d, e, a + 1, b || 'x', COUNT(*), NULL, CASE WHEN a THEN 1 ELSE 'x' END, 1.5 FROM t"); err != nil {
		t.Fatal(err)
	}
	tab, ok := db.Table("t2")
	if !ok {
		t.Fatal("no table t2")
	}
	var got []string
	for _, c := range tab.Columns() {
		got = append(got, c.Name+" "+c.Type.String())
	}
	want := []string{"a INT", "b TEXT", "c FLOAT", "d DATE", "e BOOL", "a + 1 INT", "b || 'x' TEXT", "COUNT(*) INT",
		"NULL TERM", "CASE WHEN a THEN 1 ELSE 'x' END TERM", "1.5 FLOAT"}
	if !slices.Equal(got, want) {
		t.Errorf("columns %q, want %q", got, want)
	}
	if idx, ok := tab.Lookup("rowid"); !ok || idx != schema.RowIDColumn {
		t.Errorf("Lookup(rowid) = %d, %v; want the hidden row id", idx, ok)
	}
}
