package etsql_test

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/etsql/etsql"
)

func TestDB_Exec_namedParams(t *testing.T) {
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE t (k INT PRIMARY KEY, a TEXT, b TEXT)"); err != nil {
		t.Fatal(err)
	}
	inserts := []struct {
		sql  string
		args []any
	}{
		{"INSERT INTO t VALUES (:k, :a, :b)", []any{sql.Named("b", "b1"), sql.Named("a", "a1"), sql.Named("k", 1)}},
		{"INSERT INTO t VALUES (@k, @a, $b)", []any{sql.Named("k", 2), sql.Named("a", "a2"), sql.Named("b", "b2")}},
		{"INSERT INTO t VALUES (:k, :a, :a)", []any{3, "same"}}, // positional: in order of first appearance
		{"INSERT INTO t VALUES (?, :a, @a)", []any{4, sql.Named("a", "both")}},
	}
	for _, in := range inserts {
		if _, err := db.Exec(in.sql, in.args...); err != nil {
			t.Fatalf("%s: %v", in.sql, err)
		}
	}
	want := "1 a1 b1\n2 a2 b2\n3 same same\n4 both both\n"
	if got := dumpNative(t, db, "SELECT k, a, b FROM t ORDER BY k"); got != want {
		t.Errorf("rows:\n%s\nwant\n%s", got, want)
	}
	var a string
	if err := db.QueryRow("SELECT a FROM t WHERE k = $key", sql.Named("key", 2)).Scan(&a); err != nil || a != "a2" {
		t.Errorf("QueryRow by name = %q, %v", a, err)
	}
	st, err := db.Prepare("SELECT a FROM t WHERE k = :k OR b = :b")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.QueryRow(sql.Named("b", "nope"), sql.Named("k", 3)).Scan(&a); err != nil || a != "same" {
		t.Errorf("prepared, by name = %q, %v", a, err)
	}
	for _, bad := range []struct {
		sql  string
		args []any
	}{
		{"SELECT :a", []any{sql.Named("b", 1)}},                   // no such name
		{"SELECT :a, :b", []any{sql.Named("a", 1)}},               // :b has no value
		{"SELECT :a", []any{sql.Named("a", 1), 2}},                // a positional argument too many
		{"SELECT ?, :a", []any{sql.Named("a", 1)}},                // ?1 has no value
		{"SELECT :a", []any{sql.Named("a", make(chan int))}},      // a value etsql cannot store
		{"SELECT ?", []any{sql.Named("a", 1), sql.Named("b", 2)}}, // names where there are none
	} {
		if _, err := db.Query(bad.sql, bad.args...); !errors.Is(err, etsql.ErrParams) && !errors.Is(err, etsql.ErrBadValue) {
			t.Errorf("%s %v: %v, want ErrParams", bad.sql, bad.args, err)
		}
	}
}

// dumpNative is a query's rows as text.
func dumpNative(t *testing.T, db *etsql.DB, query string, args ...any) string {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out strings.Builder
	for rows.Next() {
		fmt.Fprintln(&out, rows.Values()...)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestDriver_namedParams(t *testing.T) {
	db := openSQL(t, "", "CREATE TABLE t (k INT PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'one'), (2, 'two')")
	var v string
	if err := db.QueryRow("SELECT v FROM t WHERE k = @k", sql.Named("k", 2)).Scan(&v); err != nil || v != "two" {
		t.Errorf("QueryRow(@k) = %q, %v", v, err)
	}
	if _, err := db.Exec("INSERT INTO t VALUES (:k, :v)", sql.Named("v", "three"), sql.Named("k", 3)); err != nil {
		t.Fatal(err)
	}
	st, err := db.Prepare("SELECT v FROM t WHERE k = :k OR k = @k + 10")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.QueryRow(sql.Named("k", 3)).Scan(&v); err != nil || v != "three" {
		t.Errorf("prepared QueryRow(:k, @k) = %q, %v", v, err)
	}
	if _, err := db.Exec("INSERT INTO t VALUES (:k, :v)", sql.Named("k", 4)); !errors.Is(err, etsql.ErrParams) {
		t.Errorf("a named parameter without a value: %v, want ErrParams", err)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("UPDATE t SET v = $v WHERE k = $k", sql.Named("k", 1), sql.Named("v", "uno")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT v FROM t WHERE k = ?", 1).Scan(&v); err != nil || v != "uno" {
		t.Errorf("after a named UPDATE: %q, %v", v, err)
	}
	// sqlx with a map and a struct, binding sql.Named-style through its own
	// :name rewriting to ?
	x := sqlx.NewDb(db, "etsql")
	rows, err := x.NamedQuery("SELECT v FROM t WHERE k = :k", map[string]any{"k": 2})
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() || rows.Scan(&v) != nil || v != "two" {
		t.Errorf("sqlx NamedQuery = %q", v)
	}
}
