package tests

import (
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/etsql/etsql"
)

// triggerSchema is the schema of the trigger tests: items with counters,
// an audit table, a cascade to tags, WHEN clauses, RAISE(IGNORE) and
// RAISE(ABORT), a trigger on the audit table (triggers firing triggers),
// an untyped log, and triggers writing their own table (rows the UPDATE
// firing them has yet to reach, too).
var triggerSchema = []string{
	"CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER)",
	"CREATE TABLE audit (op TEXT, item INTEGER, old_qty INTEGER, new_qty INTEGER)",
	"CREATE TABLE counters (name TEXT PRIMARY KEY, n INTEGER)",
	"CREATE TABLE tags (item INTEGER, tag TEXT)",
	"CREATE TABLE log (what, v)",
	"INSERT INTO counters VALUES ('rows', 0), ('audits', 0), ('big', 0)",
	`CREATE TRIGGER items_ins AFTER INSERT ON items BEGIN
		INSERT INTO audit VALUES ('ins', NEW.id, NULL, NEW.qty);
		UPDATE counters SET n = n + 1 WHERE name = 'rows';
	END`,
	`CREATE TRIGGER items_upd AFTER UPDATE OF qty ON items WHEN NEW.qty IS NOT OLD.qty BEGIN
		INSERT INTO audit VALUES ('upd', NEW.id, OLD.qty, NEW.qty);
	END`,
	`CREATE TRIGGER items_del BEFORE DELETE ON items BEGIN
		INSERT INTO audit VALUES ('del', OLD.id, OLD.qty, NULL);
		UPDATE counters SET n = n - 1 WHERE name = 'rows';
	END`,
	`CREATE TRIGGER items_cascade AFTER DELETE ON items BEGIN
		DELETE FROM tags WHERE item = OLD.id;
	END`,
	`CREATE TRIGGER items_neg BEFORE INSERT ON items WHEN NEW.qty < 0 BEGIN
		SELECT RAISE(IGNORE);
	END`,
	`CREATE TRIGGER items_cap BEFORE UPDATE ON items WHEN NEW.qty > 100 BEGIN
		SELECT RAISE(ABORT, 'qty too large');
	END`,
	`CREATE TRIGGER items_big AFTER UPDATE ON items FOR EACH ROW WHEN NEW.qty >= 50 AND OLD.qty < 50 BEGIN
		UPDATE counters SET n = n + 1 WHERE name = 'big';
		INSERT INTO log SELECT 'big', NEW.qty || '/' || (SELECT count(*) FROM items WHERE qty >= 50);
	END`,
	`CREATE TRIGGER audit_count AFTER INSERT ON audit BEGIN
		UPDATE counters SET n = n + 1 WHERE name = 'audits';
	END`,
	`CREATE TRIGGER items_rename AFTER UPDATE OF name ON items WHEN NEW.name = 'zz' BEGIN
		UPDATE items SET name = 'renamed', qty = qty + 1 WHERE id = NEW.id;
	END`,
	`CREATE TRIGGER items_chain AFTER UPDATE OF name ON items WHEN NEW.name LIKE '%x' BEGIN
		UPDATE items SET qty = qty + 1 WHERE id = NEW.id + 1;
		DELETE FROM items WHERE id = NEW.id + 2 AND qty IS NULL;
	END`,
	`CREATE TRIGGER tags_check BEFORE INSERT ON tags WHEN NOT EXISTS (SELECT 1 FROM items WHERE id = NEW.item) BEGIN
		SELECT RAISE(ABORT, 'no such item');
	END`,
}

// triggerShows are the queries whose rows must be SQLite's after each
// statement of the trigger tests.
var triggerShows = []string{
	"SELECT id, name, qty FROM items ORDER BY id",
	"SELECT op, item, old_qty, new_qty FROM audit ORDER BY rowid",
	"SELECT name, n FROM counters ORDER BY name",
	"SELECT item, tag FROM tags ORDER BY rowid",
	"SELECT what, v, typeof(v) FROM log ORDER BY rowid",
}

// TestDifferential_triggers runs random INSERT, UPDATE and DELETE
// statements on tables with triggers (counters, an audit table, a
// cascade, WHEN clauses, RAISE, triggers firing triggers) in etsql and
// SQLite: after each, both fail or neither does, with the same rows
// affected, and every table holds SQLite's rows. Some statements run in
// transactions that roll back, undoing the triggers' writes too.
func TestDifferential_triggers(t *testing.T) {
	db, lite := openPair(t)
	for _, s := range triggerSchema {
		mustExec(t, db, lite, s)
	}
	r := rand.New(rand.NewPCG(21, 22))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	qty := func() string { return pick("0", "1", "5", "-1", "20", "49", "50", "60", "99", "150", "NULL") }
	pred := func() string {
		return pick("id = "+fmt.Sprint(1+r.IntN(12)), "qty > "+qty(), "qty < "+qty(), "name = 'n"+fmt.Sprint(r.IntN(4))+"'",
			"id % 2 = 0", "qty IS NULL", "id IN (SELECT item FROM tags)")
	}
	statement := func() string {
		switch r.IntN(9) {
		case 0, 1:
			var rows []string
			for range 1 + r.IntN(3) {
				rows = append(rows, fmt.Sprintf("('n%d', %s)", r.IntN(4), qty()))
			}
			return "INSERT INTO items (name, qty) VALUES " + strings.Join(rows, ", ")
		case 2:
			if r.IntN(3) == 0 {
				return fmt.Sprintf("INSERT INTO items VALUES (%d, 'n%d', %s) ON CONFLICT (id) DO UPDATE SET %s", 1+r.IntN(12), r.IntN(4), qty(),
					pick("qty = excluded.qty + items.qty", "name = 'zz'", "name = excluded.name || 'x'"))
			}
			return fmt.Sprintf("INSERT %sINTO items VALUES (%d, 'n%d', %s), (%d, 'n%d', %s)", pick("", "OR IGNORE ", "OR REPLACE ", "OR FAIL "),
				1+r.IntN(12), r.IntN(4), qty(), 1+r.IntN(12), r.IntN(4), qty())
		case 3:
			return "UPDATE items SET qty = " + pick("qty + 10", "qty * 2", qty(), "qty - 5") + " WHERE " + pred()
		case 4:
			return "UPDATE items SET name = " + pick("'zz'", "'n1'", "name || 'x'") + " WHERE " + pred()
		case 5:
			return "DELETE FROM items WHERE " + pred()
		case 6:
			return fmt.Sprintf("INSERT INTO tags VALUES (%d, 't%d')", 1+r.IntN(12), r.IntN(3))
		case 7:
			return "UPDATE items SET id = id + 20 WHERE " + pred()
		}
		return "INSERT INTO items (name, qty) SELECT name || 'c', qty + 1 FROM items WHERE " + pred()
	}
	for i := 0; i < 300; i++ {
		if r.IntN(10) == 0 {
			triggersInTx(t, db, lite, i, []string{statement(), statement(), statement()})
			continue
		}
		q := statement()
		where := fmt.Sprintf("statement %d", i)
		res, err := db.Exec(q)
		lres, lerr := lite.Exec(q)
		if (err == nil) != (lerr == nil) {
			t.Fatalf("%s: etsql error %v, sqlite error %v\n%s", where, err, lerr, q)
		}
		if err == nil {
			if n, _ := lres.RowsAffected(); n != res.RowsAffected {
				t.Errorf("%s: %d rows affected, sqlite %d\n%s", where, res.RowsAffected, n, q)
			}
		} else if err.Error() != lerr.Error() && !strings.Contains(lerr.Error(), "constraint failed") {
			t.Errorf("%s: etsql error %q, sqlite %q\n%s", where, err, lerr, q)
		}
		for _, show := range triggerShows {
			compareClassed(t, where, db, lite, show)
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	var audits int
	if err := db.QueryRow("SELECT count(*) FROM audit").Scan(&audits); err != nil || audits < 100 {
		t.Errorf("only %d audit rows (%v): the triggers fired too little to compare", audits, err)
	}
}

// triggersInTx runs stmts in a transaction in both databases, then rolls
// it back: every table must be SQLite's after each statement and after
// the rollback.
func triggersInTx(t *testing.T, db *etsql.DB, lite *sql.DB, i int, stmts []string) {
	t.Helper()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lite.Exec("BEGIN"); err != nil {
		t.Fatal(err)
	}
	for j, q := range stmts {
		_, err := tx.Exec(q)
		_, lerr := lite.Exec(q)
		if (err == nil) != (lerr == nil) {
			t.Fatalf("tx %d.%d: etsql error %v, sqlite error %v\n%s", i, j, err, lerr, q)
		}
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, err := lite.Exec("ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	for _, show := range triggerShows {
		compareClassed(t, fmt.Sprintf("after rollback %d", i), db, lite, show)
	}
}

// TestTriggers_raise checks RAISE's actions against SQLite: ABORT undoes
// the statement and its triggers' writes, FAIL keeps the rows written
// before, ROLLBACK ends the transaction, IGNORE skips the row; each
// error is an ErrConstraint with the message given.
func TestTriggers_raise(t *testing.T) {
	db, lite := openPair(t)
	for _, s := range []string{
		"CREATE TABLE t (a INTEGER PRIMARY KEY, b INTEGER)",
		"CREATE TABLE seen (a INTEGER)",
		"CREATE TRIGGER t_seen BEFORE INSERT ON t BEGIN INSERT INTO seen VALUES (NEW.a); END",
		"CREATE TRIGGER t_abort BEFORE INSERT ON t WHEN NEW.b = 1 BEGIN SELECT RAISE(ABORT, 'abort ' || 'it'); END",
		"CREATE TRIGGER t_fail BEFORE INSERT ON t WHEN NEW.b = 2 BEGIN SELECT RAISE(FAIL, 'fail it'); END",
		"CREATE TRIGGER t_rollback BEFORE INSERT ON t WHEN NEW.b = 3 BEGIN SELECT RAISE(ROLLBACK, 'roll it back'); END",
		"CREATE TRIGGER t_ignore BEFORE INSERT ON t WHEN NEW.b = 4 BEGIN SELECT RAISE(IGNORE); END",
	} {
		mustExec(t, db, lite, s)
	}
	shows := []string{"SELECT a, b FROM t ORDER BY a", "SELECT a FROM seen ORDER BY rowid"}
	tests := []struct {
		sql, err string
	}{
		{"INSERT INTO t VALUES (1, 0), (2, 1), (3, 0)", "abort it"},
		{"INSERT INTO t VALUES (4, 0), (5, 2), (6, 0)", "fail it"},
		{"INSERT INTO t VALUES (7, 4), (8, 0), (9, 4)", ""},
	}
	for _, tt := range tests {
		_, err := db.Exec(tt.sql)
		_, lerr := lite.Exec(tt.sql)
		switch {
		case tt.err == "" && (err != nil || lerr != nil):
			t.Errorf("%s: etsql error %v, sqlite error %v", tt.sql, err, lerr)
		case tt.err != "" && (err == nil || err.Error() != tt.err || !errors.Is(err, etsql.ErrConstraint) || lerr == nil):
			t.Errorf("%s: etsql error %v, sqlite error %v; want %q", tt.sql, err, lerr, tt.err)
		}
		for _, show := range shows {
			compareClassed(t, tt.sql, db, lite, show)
		}
	}
	// ROLLBACK ends the transaction, undoing its earlier statements too
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	mustExecTx := func(q string) error {
		_, err := tx.Exec(q)
		_, lerr := lite.Exec(q)
		if (err == nil) != (lerr == nil) {
			t.Errorf("%s: etsql error %v, sqlite error %v", q, err, lerr)
		}
		return err
	}
	if _, err := lite.Exec("BEGIN"); err != nil {
		t.Fatal(err)
	}
	mustExecTx("INSERT INTO t VALUES (10, 0)")
	if err := mustExecTx("INSERT INTO t VALUES (11, 0), (12, 3)"); err == nil || err.Error() != "roll it back" {
		t.Errorf("RAISE(ROLLBACK): %v", err)
	}
	if _, err := tx.Exec("INSERT INTO t VALUES (13, 0)"); !errors.Is(err, etsql.ErrTxDone) {
		t.Errorf("after RAISE(ROLLBACK) the transaction goes on: %v", err)
	}
	for _, show := range shows {
		compareClassed(t, "after RAISE(ROLLBACK)", db, lite, show)
	}
	// RAISE outside a trigger
	if _, err := db.Exec("SELECT RAISE(ABORT, 'x')"); err == nil || !strings.Contains(err.Error(), "RAISE() may only be used within a trigger-program") {
		t.Errorf("RAISE outside a trigger: %v", err)
	}
}

// TestTriggers_catalog checks CREATE and DROP TRIGGER: errors, IF [NOT]
// EXISTS, DROP TABLE dropping its triggers, ALTER TABLE RENAME moving
// them, a transaction's rollback bringing them back in order, and
// DB.Triggers.
func TestTriggers_catalog(t *testing.T) {
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	exec := func(q string) error {
		t.Helper()
		_, err := db.Exec(q)
		return err
	}
	for _, q := range []string{
		"CREATE TABLE t (a INT)", "CREATE TABLE log (x TEXT)",
		"CREATE TRIGGER r1 AFTER INSERT ON t BEGIN INSERT INTO log VALUES ('r1'); END",
		"CREATE TRIGGER r2 AFTER INSERT ON t BEGIN INSERT INTO log VALUES ('r2'); END",
		"CREATE TRIGGER IF NOT EXISTS r1 AFTER INSERT ON t BEGIN SELECT 1; END",
		"CREATE VIEW v AS SELECT a FROM t",
	} {
		if err := exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	errs := []struct{ sql, want string }{
		{"CREATE TRIGGER r1 AFTER INSERT ON t BEGIN SELECT 1; END", "trigger already exists: trigger r1 already exists"},
		{"CREATE TRIGGER r3 AFTER INSERT ON nosuch BEGIN SELECT 1; END", "1:1: no such table: nosuch"},
		{"CREATE TRIGGER r3 AFTER INSERT ON v BEGIN SELECT 1; END", "1:1: cannot create AFTER trigger on view: v"},
		{"INSERT INTO v VALUES (1)", "1:1: cannot modify v because it is a view"},
		{"CREATE TRIGGER r3 INSTEAD OF INSERT ON t BEGIN SELECT 1; END", "1:1: cannot create INSTEAD OF trigger on table: t"},
		{"CREATE TRIGGER r3 AFTER INSERT ON t BEGIN SELECT ?; END", "1:1: trigger cannot use variables"},
		{"DROP TRIGGER nosuch", "no such trigger: nosuch"},
	}
	for _, e := range errs {
		if err := exec(e.sql); err == nil || err.Error() != e.want {
			t.Errorf("%s: error %v, want %q", e.sql, err, e.want)
		}
	}
	if err := exec("CREATE TRIGGER r4 AFTER INSERT ON t BEGIN INSERT INTO nosuch VALUES (1); END"); err != nil {
		t.Errorf("a trigger's body is checked when it fires, as in SQLite: %v", err)
	}
	if err := exec("INSERT INTO t VALUES (1)"); err == nil || !strings.Contains(err.Error(), "no such table: nosuch") {
		t.Errorf("INSERT firing a trigger on a missing table: %v", err)
	}
	for _, q := range []string{"DROP TRIGGER r4", "DROP TRIGGER IF EXISTS r4", "INSERT INTO t VALUES (1)"} {
		if err := exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	names := func() string {
		var out []string
		for _, tr := range db.Triggers() {
			out = append(out, tr.Name+"@"+tr.Table)
		}
		return strings.Join(out, " ")
	}
	if got := names(); got != "r1@t r2@t" {
		t.Errorf("triggers %q", got)
	}
	// DROP TABLE in a transaction drops the triggers; the rollback brings
	// them back, firing in the same order
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("DROP TABLE t"); err != nil {
		t.Fatal(err)
	}
	if got := names(); got != "" {
		t.Errorf("after DROP TABLE: triggers %q", got)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if got := names(); got != "r1@t r2@t" {
		t.Errorf("after the rollback: triggers %q", got)
	}
	if err := exec("INSERT INTO t VALUES (2)"); err != nil {
		t.Fatal(err)
	}
	var log []string
	rows, err := db.Query("SELECT x FROM log ORDER BY rowid")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var x string
		if err := rows.Scan(&x); err != nil {
			t.Fatal(err)
		}
		log = append(log, x)
	}
	if got := strings.Join(log, " "); got != "r2 r1 r2 r1" {
		t.Errorf("log %q, want newest trigger first: r2 r1 r2 r1", got)
	}
	// ALTER TABLE RENAME takes the triggers along; its rollback brings
	// them back
	tx, err = db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("ALTER TABLE t RENAME TO t2"); err != nil {
		t.Fatal(err)
	}
	if got := names(); got != "r1@t2 r2@t2" {
		t.Errorf("after RENAME: triggers %q", got)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := exec("ALTER TABLE t RENAME TO t3"); err != nil {
		t.Fatal(err)
	}
	if err := exec("INSERT INTO t3 VALUES (3)"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM log").Scan(&n); err != nil || n != 6 {
		t.Errorf("after RENAME the triggers fired %d times in all (%v), want 6", n, err)
	}
	if err := exec("DROP TABLE t3"); err != nil {
		t.Fatal(err)
	}
	if err := exec("DROP TRIGGER r1"); !errors.Is(err, etsql.ErrNoTrigger) {
		t.Errorf("DROP TRIGGER of a dropped table's trigger: %v", err)
	}
}

// TestDifferential_insteadOf writes a view through its INSTEAD OF
// triggers, in random INSERT, UPDATE and DELETE statements, in etsql and
// SQLite: both fail or neither does, and the tables the triggers write
// hold SQLite's rows after each.
func TestDifferential_insteadOf(t *testing.T) {
	db, lite := openPair(t)
	for _, s := range []string{
		"CREATE TABLE base (a INTEGER PRIMARY KEY, b TEXT, n INTEGER)",
		"CREATE TABLE vlog (x TEXT)",
		"CREATE VIEW v AS SELECT a, b, n * 2 AS twice FROM base WHERE n IS NOT NULL",
		`CREATE TRIGGER v_ins INSTEAD OF INSERT ON v WHEN NEW.a IS NOT NULL BEGIN
			INSERT OR REPLACE INTO base VALUES (NEW.a, NEW.b, coalesce(NEW.twice / 2, 0));
			INSERT INTO vlog VALUES ('ins ' || NEW.a || ' ' || ifnull(NEW.twice, 'null'));
		END`,
		`CREATE TRIGGER v_upd INSTEAD OF UPDATE OF b, twice ON v BEGIN
			UPDATE base SET b = NEW.b, n = NEW.twice / 2 WHERE a = OLD.a;
			INSERT INTO vlog VALUES ('upd ' || OLD.a || ' ' || OLD.b || '>' || NEW.b);
		END`,
		`CREATE TRIGGER v_del INSTEAD OF DELETE ON v WHEN OLD.a % 5 <> 0 BEGIN
			DELETE FROM base WHERE a = OLD.a;
			INSERT INTO vlog VALUES ('del ' || OLD.a);
		END`,
	} {
		mustExec(t, db, lite, s)
	}
	r := rand.New(rand.NewPCG(31, 32))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	shows := []string{"SELECT a, b, n FROM base ORDER BY a", "SELECT x FROM vlog ORDER BY rowid", "SELECT a, b, twice FROM v ORDER BY a"}
	for i := 0; i < 150; i++ {
		var q string
		switch r.IntN(5) {
		case 0, 1:
			q = fmt.Sprintf("INSERT INTO v %s VALUES (%s, 'b%d', %d)", pick("", "(a, b, twice)"), pick("NULL", fmt.Sprint(r.IntN(15))), r.IntN(3), 2*r.IntN(10))
		case 2:
			q = "UPDATE v SET " + pick("b = b || 'x'", "twice = twice + 2", "b = 'z', twice = 0", "a = 1") + " WHERE " + pick("a < 5", "twice > 6", "b = 'b1'", "a % 2 = 1")
		case 3:
			q = "DELETE FROM v WHERE " + pick("a < 4", "twice = 0", "b LIKE '%x'", "a IN (SELECT a FROM base WHERE n > 3)")
		default:
			q = "INSERT INTO v (a, b) SELECT a + 20, b || 'c' FROM base WHERE a < " + fmt.Sprint(r.IntN(10))
		}
		where := fmt.Sprintf("statement %d", i)
		_, err := db.Exec(q)
		_, lerr := lite.Exec(q)
		if (err == nil) != (lerr == nil) {
			t.Fatalf("%s: etsql error %v, sqlite error %v\n%s", where, err, lerr, q)
		}
		for _, show := range shows {
			compareClassed(t, where, db, lite, show)
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM vlog").Scan(&n); err != nil || n < 50 {
		t.Errorf("the INSTEAD OF triggers ran %d times (%v): too few to compare", n, err)
	}
}
