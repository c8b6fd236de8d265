package etsql_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/etsql/etsql"
	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/term"
)

// names returns the names the query gives, one per row, in order.
func names(t *testing.T, db interface {
	Query(string, ...any) (*etsql.Rows, error)
}, q string, args ...any) string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		out = append(out, strings.TrimSpace(fmt.Sprintln(rows.Values()...)))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, " ")
}

const indexed = products + `;
CREATE INDEX products_name ON products (name);
CREATE UNIQUE INDEX products_stock ON products (stock)`

// TestDB_Index_maintainedByETS: writes made through the engine (ETS calls
// on the SQL table) keep the indexes right, and a unique index refuses an
// insert that conflicts.
func TestDB_Index_maintainedByETS(t *testing.T) {
	db := open(t, indexed)
	tab, _ := db.Engine().Whereis("products")
	p := db.Process()
	byName := "SELECT id FROM products WHERE name = ? ORDER BY id"
	if err := tab.Insert(p, term.Tuple(term.Int(20), term.BinaryString("chai"), term.Float(1), term.Int(5))); err != nil {
		t.Fatal(err)
	}
	if got := names(t, db, byName, "chai"); got != "1 20" {
		t.Errorf("after ets:insert: %q", got)
	}
	if _, err := tab.UpdateElement(p, term.Int(1), []engine.ElementUpdate{{Pos: 2, Value: term.BinaryString("tea")}}); err != nil {
		t.Fatal(err)
	}
	if got := names(t, db, byName, "chai") + "/" + names(t, db, byName, "tea"); got != "20/1" {
		t.Errorf("after ets:update_element: %q", got)
	}
	if err := tab.DeleteKey(p, term.Int(20)); err != nil {
		t.Fatal(err)
	}
	if got := names(t, db, byName, "chai"); got != "" {
		t.Errorf("after ets:delete: %q", got)
	}
	err := tab.Insert(p, term.Tuple(term.Int(21), term.BinaryString("x"), term.Float(1), term.Int(39)))
	if !errors.Is(err, engine.ErrUnique) {
		t.Errorf("ets:insert of a stock taken: %v, want ErrUnique", err)
	}
	if got := names(t, db, "SELECT id FROM products WHERE stock = 39"); got != "1" {
		t.Errorf("stock 39: %q", got)
	}
	if err := tab.DeleteAllObjects(p); err != nil {
		t.Fatal(err)
	}
	if got := names(t, db, "SELECT id FROM products WHERE stock > 0"); got != "" {
		t.Errorf("after ets:delete_all_objects: %q", got)
	}
}

// TestTx_Rollback_indexes: a rollback restores the index entries of the
// rows it restores, drops the indexes the transaction created and brings
// back those it dropped, built over the restored rows.
func TestTx_Rollback_indexes(t *testing.T) {
	db := open(t, indexed)
	before := names(t, db, "SELECT id, name FROM products WHERE name >= 'a' ORDER BY id")
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"UPDATE products SET name = 'zz' WHERE id = 2",
		"DELETE FROM products WHERE name = 'chai'",
		"INSERT INTO products VALUES (30, 'new', 1, 1)",
		"DROP INDEX products_name",
		"UPDATE products SET name = 'yy' WHERE id = 3",
		"CREATE INDEX products_price ON products (price)",
		"INSERT INTO products VALUES (31, 'newer', 2, 2)",
		"DROP INDEX products_stock",
		"INSERT INTO products VALUES (32, 'dup', 3, 1)",
	} {
		if _, err := tx.Exec(s); err != nil {
			t.Fatal(s, err)
		}
	}
	if got := names(t, tx, "SELECT id FROM products WHERE price = 1"); got != "30" {
		t.Errorf("in the transaction, price = 1: %q", got)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if got := names(t, db, "SELECT id, name FROM products WHERE name >= 'a' ORDER BY id"); got != before {
		t.Errorf("after rollback: %q, want %q", got, before)
	}
	for q, want := range map[string]string{
		"SELECT id FROM products WHERE name = 'chang'": "2",
		"SELECT id FROM products WHERE name = 'zz'":    "",
		"SELECT id FROM products WHERE stock = 39":     "1",
		"SELECT id FROM products WHERE stock = 1":      "",
	} {
		if got := names(t, db, q); got != want {
			t.Errorf("%s: %q, want %q", q, got, want)
		}
		if got := names(t, db, "EXPLAIN "+q); !strings.Contains(got, "scan: index ") {
			t.Errorf("%s: not by an index after the rollback: %s", q, got)
		}
	}
	if _, err := db.Exec("CREATE INDEX products_price ON products (price)"); err != nil {
		t.Errorf("the index the rollback dropped: %v", err)
	}
	if _, err := db.Exec("INSERT INTO products VALUES (40, 'x', 0, 39)"); !errors.Is(err, etsql.ErrConstraint) {
		t.Errorf("the unique index the rollback restored: %v", err)
	}
}

// TestDB_Exec_schemaScriptWithIndexes: a schema script mixing CREATE
// TABLE and CREATE INDEX runs whole.
func TestDB_Exec_schemaScriptWithIndexes(t *testing.T) {
	db := open(t, `
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users (email);
CREATE INDEX IF NOT EXISTS users_name ON users (name);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INT, title TEXT);
CREATE INDEX posts_user ON posts (user_id);
INSERT INTO users (email, name) VALUES ('a@x', 'ann'), ('b@x', 'bo');
INSERT INTO posts (user_id, title) VALUES (1, 'hi'), (2, 'yo'), (1, 'again')`)
	// posts comes first in FROM; users, found by its index, is read first
	q := "SELECT p.title FROM posts p JOIN users u ON p.user_id = u.id WHERE u.email = 'a@x' ORDER BY p.id"
	if got := names(t, db, q); got != "hi again" {
		t.Errorf("join: %q", got)
	}
	plan := names(t, db, "EXPLAIN "+q)
	for _, want := range []string{"index users_email on users AS u (email = <<\"a@x\">>)", "lookup join: index posts_user on posts AS p (user_id = u.id)"} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan lacks %q:\n%s", want, plan)
		}
	}
	if _, err := db.Exec("INSERT INTO users (email) VALUES ('a@x')"); !errors.Is(err, etsql.ErrConstraint) || !strings.Contains(err.Error(), "UNIQUE constraint failed: users.email") {
		t.Errorf("duplicate email: %v", err)
	}
}

// BenchmarkQuery_indexedEquality_1M: SELECT by a non-key column of a
// table of a million rows, each value held by 10 rows, with its index
// ("index") and, for scale, without ("scan", a full select).
func BenchmarkQuery_indexedEquality_1M(b *testing.B) {
	const n = millionRows
	db := millionDB(b)
	run := func(b *testing.B) {
		st, err := db.Prepare("SELECT id, name FROM big WHERE grp = ?")
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			rs, err := st.Query(i % (n / 10))
			if err != nil {
				b.Fatal(err)
			}
			got := 0
			for rs.Next() {
				got++
			}
			if err := rs.Err(); err != nil || got != 10 {
				b.Fatalf("%d rows, %v", got, err)
			}
			rs.Close()
		}
	}
	b.Run("scan", func(b *testing.B) {
		b.ResetTimer()
		run(b)
	})
	if _, err := db.Exec("CREATE INDEX big_grp ON big (grp)"); err != nil {
		b.Fatal(err)
	}
	b.Run("index", run)
	if _, err := db.Exec("DROP INDEX big_grp"); err != nil {
		b.Fatal(err)
	}
}

// millionRows is the size of millionDB's table.
const millionRows = 1_000_000

// millionDB returns a database with the table big (id INT PRIMARY KEY, grp
// INT, name TEXT) of millionRows rows, each grp value held by 10 rows.
func millionDB(b *testing.B) *etsql.DB {
	b.Helper()
	db, err := etsql.Open()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE big (id INT PRIMARY KEY, grp INT, name TEXT)"); err != nil {
		b.Fatal(err)
	}
	rows := make([][]any, 0, millionRows)
	for i := range millionRows {
		rows = append(rows, []any{i, i % (millionRows / 10), "n" + strconv.Itoa(i)})
	}
	if err := db.InsertRows("big", rows); err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkDDL_1M: CREATE INDEX (then DROP INDEX) and ALTER TABLE ADD
// COLUMN (then DROP COLUMN, both rewriting every row) on a million rows.
// Run with -benchtime 2x: each operation takes a fraction of a second.
func BenchmarkDDL_1M(b *testing.B) {
	db := millionDB(b)
	exec := func(b *testing.B, stmts ...string) {
		for _, s := range stmts {
			if _, err := db.Exec(s); err != nil {
				b.Fatal(s, err)
			}
		}
	}
	b.Run("create_index", func(b *testing.B) {
		for b.Loop() {
			exec(b, "CREATE INDEX big_grp ON big (grp)")
			b.StopTimer()
			exec(b, "DROP INDEX big_grp")
			b.StartTimer()
		}
	})
	b.Run("create_unique_index_text", func(b *testing.B) {
		for b.Loop() {
			exec(b, "CREATE UNIQUE INDEX big_name ON big (name)")
			b.StopTimer()
			exec(b, "DROP INDEX big_name")
			b.StartTimer()
		}
	})
	exec(b, "CREATE INDEX big_grp ON big (grp)")
	b.Run("add_and_drop_column_with_an_index", func(b *testing.B) {
		for b.Loop() {
			exec(b, "ALTER TABLE big ADD COLUMN x INT DEFAULT 1", "ALTER TABLE big DROP COLUMN x")
		}
	})
}

// TestStmt_Query_indexDroppedAfterPlanning: a plan made when an index
// existed reads every row once the index is gone (ETS code dropped it),
// and gives the same rows.
func TestStmt_Query_indexDroppedAfterPlanning(t *testing.T) {
	db := open(t, indexed)
	st, err := db.Prepare("SELECT id FROM products WHERE name = ?")
	if err != nil {
		t.Fatal(err)
	}
	tab, _ := db.Engine().Whereis("products")
	if err := tab.DropIndex(db.Process(), "products_name"); err != nil {
		t.Fatal(err)
	}
	rows, err := st.Query("chang")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() || fmt.Sprint(rows.Values()...) != "2" || rows.Next() {
		t.Errorf("rows %v, err %v", rows.Values(), rows.Err())
	}
}

// TestDB_Explain_indexPathNotSpecialized: an index path with a
// placeholder keeps its plan whatever the values, even on a table large
// enough for a scan to be specialized at once (planning again per value
// would cost more than the lookup).
func TestDB_Explain_indexPathNotSpecialized(t *testing.T) {
	db := open(t, "CREATE TABLE big (id INT PRIMARY KEY, grp INT); CREATE INDEX big_grp ON big (grp)")
	rows := make([][]any, 2000)
	for i := range rows {
		rows[i] = []any{i, i % 100}
	}
	if err := db.InsertRows("big", rows); err != nil {
		t.Fatal(err)
	}
	q := "SELECT count(*) FROM big WHERE grp = ?"
	if got := names(t, db, q, 7); got != "20" {
		t.Fatalf("count %q", got)
	}
	plan, err := db.Explain(q, 7)
	if err != nil {
		t.Fatal(err)
	}
	// a specialized plan has the comparison in its guards, no residual
	if got := strings.Join(plan.Lines, "\n"); !strings.Contains(got, "index big_grp on big (grp = ?1)") || plan.Accesses[0].Residual == "" {
		t.Errorf("specialized, want the generic plan:\n%s", got)
	}
}
