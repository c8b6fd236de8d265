package etsql_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/etsql/etsql"
)

var tableTypes = []string{"ordered_set", "set", "bag", "duplicate_bag"}

// dumpTable is a table's rows as text, sorted.
func dumpTable(t *testing.T, q interface {
	Query(string, ...any) (*sql.Rows, error)
}, table string) string {
	t.Helper()
	rows, err := q.Query("SELECT * FROM " + table)
	if err != nil {
		return "error: " + err.Error()
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintln(vals...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	return strings.Join(lines, "")
}

// TestTx_Rollback_tableTypes: inserts, updates (of values and of keys) and
// deletes in a database/sql transaction, rolled back, leave each type of
// table as it was; committed, they stay.
func TestTx_Rollback_tableTypes(t *testing.T) {
	writes := []string{
		"INSERT INTO t VALUES (4, 'd'), (5, 'e')",
		"INSERT INTO t VALUES (1, 'again')", // a duplicate key: fails in set and ordered_set
		"UPDATE t SET v = 'B' WHERE k = 2",
		"UPDATE t SET k = k + 10 WHERE k = 3",
		"DELETE FROM t WHERE k = 1",
		"DELETE FROM t WHERE v = 'e'",
	}
	for _, typ := range tableTypes {
		t.Run(typ, func(t *testing.T) {
			db := openSQL(t, "", "CREATE TABLE t (k INT PRIMARY KEY, v TEXT) WITH (type = "+typ+");"+
				"INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')")
			if strings.HasSuffix(typ, "bag") {
				if _, err := db.Exec("INSERT INTO t VALUES (2, 'b2')"); err != nil {
					t.Fatal(err)
				}
			}
			before := dumpTable(t, db, "t")
			var after string
			for _, commit := range []bool{false, true} {
				tx, err := db.Begin()
				if err != nil {
					t.Fatal(err)
				}
				for _, w := range writes {
					_, err := tx.Exec(w)
					if err != nil && !errors.Is(err, etsql.ErrDuplicateKey) {
						t.Fatalf("%s: %v", w, err)
					}
				}
				inside := dumpTable(t, tx, "t")
				if inside == before {
					t.Fatalf("the writes changed nothing:\n%s", inside)
				}
				if !commit {
					if err := tx.Rollback(); err != nil {
						t.Fatal(err)
					}
					if got := dumpTable(t, db, "t"); got != before {
						t.Fatalf("after rollback:\n%s\nwant\n%s", got, before)
					}
					after = inside
					continue
				}
				if err := tx.Commit(); err != nil {
					t.Fatal(err)
				}
				if got := dumpTable(t, db, "t"); got != after {
					t.Fatalf("after commit:\n%s\nwant\n%s", got, after)
				}
			}
		})
	}
}

// TestTx_statementFails: a statement that fails in a transaction changes
// nothing (an UPDATE moving keys into one that exists), and the
// transaction goes on.
func TestTx_statementFails(t *testing.T) {
	db := openSQL(t, "", "CREATE TABLE t (k INT PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')")
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO t VALUES (4, 'd')"); err != nil {
		t.Fatal(err)
	}
	before := dumpTable(t, tx, "t")
	if _, err := tx.Exec("UPDATE t SET k = 1 WHERE k >= 3"); !errors.Is(err, etsql.ErrConstraint) {
		t.Fatalf("UPDATE onto an existing key: %v", err)
	}
	if _, err := tx.Exec("INSERT INTO t VALUES (9, 'x'), (9, 'y')"); !errors.Is(err, etsql.ErrConstraint) {
		t.Fatalf("INSERT of a duplicate: %v", err)
	}
	if got := dumpTable(t, tx, "t"); got != before {
		t.Errorf("failed statements changed the table:\n%s\nwant\n%s", got, before)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := dumpTable(t, db, "t"); got != before {
		t.Errorf("after commit:\n%s\nwant\n%s", got, before)
	}
	if _, err := tx.Exec("INSERT INTO t VALUES (5, 'e')"); !errors.Is(err, sql.ErrTxDone) {
		t.Errorf("Exec after Commit: %v, want sql.ErrTxDone", err)
	}
}

// TestTx_Rollback_ddl: CREATE and DROP TABLE in a transaction are undone
// by its rollback, a dropped table coming back with its rows, and kept by
// its commit.
func TestTx_Rollback_ddl(t *testing.T) {
	for _, typ := range tableTypes {
		t.Run(typ, func(t *testing.T) {
			db := openSQL(t, "", "CREATE TABLE t (k INT PRIMARY KEY, v TEXT) WITH (type = "+typ+"); INSERT INTO t VALUES (1, 'a'), (2, 'b')")
			before := dumpTable(t, db, "t")
			tx, err := db.Begin()
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{
				"INSERT INTO t VALUES (3, 'c')",
				"CREATE TABLE n (a INT) WITH (type = " + typ + ")",
				"INSERT INTO n VALUES (1)",
				"DROP TABLE t",
				"CREATE TABLE t (other TEXT)", // the name is free again
				"INSERT INTO t VALUES ('x')",
			} {
				if _, err := tx.Exec(s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
			if got := dumpTable(t, db, "t"); got != before {
				t.Errorf("t after rollback:\n%s\nwant\n%s", got, before)
			}
			if _, err := db.Exec("SELECT * FROM n"); !errors.Is(err, etsql.ErrNoTable) {
				t.Errorf("a table created in a rolled back transaction: %v, want ErrNoTable", err)
			}
			// committed, the drop deletes the table
			tx, err = db.Begin()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tx.Exec("DROP TABLE t"); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec("SELECT * FROM t"); !errors.Is(err, etsql.ErrNoTable) {
				t.Errorf("a table dropped in a committed transaction: %v, want ErrNoTable", err)
			}
			if _, err := db.Exec("CREATE TABLE t (a INT)"); err != nil {
				t.Errorf("CREATE TABLE of a name a commit freed: %v", err)
			}
		})
	}
}

// TestTx_sqlStatements: BEGIN, COMMIT, END and ROLLBACK as SQL, on one
// connection, in scripts, and their misuse.
func TestTx_sqlStatements(t *testing.T) {
	db := openSQL(t, "", "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)")
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	exec := func(s string) error {
		_, err := conn.ExecContext(ctx, s)
		return err
	}
	for _, s := range []string{"BEGIN", "INSERT INTO t (v) VALUES ('rolled back')", "ROLLBACK",
		"BEGIN TRANSACTION", "INSERT INTO t (v) VALUES ('kept')", "COMMIT",
		"BEGIN", "INSERT INTO t (v) VALUES ('kept too')", "END TRANSACTION"} {
		if err := exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	for s, want := range map[string]error{"COMMIT": etsql.ErrTxState, "ROLLBACK": etsql.ErrTxState} {
		if err := exec(s); !errors.Is(err, want) || !strings.Contains(err.Error(), "no transaction is active") {
			t.Errorf("%s outside a transaction: %v", s, err)
		}
	}
	if err := exec("BEGIN"); err != nil {
		t.Fatal(err)
	}
	if err := exec("BEGIN"); !errors.Is(err, etsql.ErrTxState) {
		t.Errorf("BEGIN within a transaction: %v", err)
	}
	if err := exec("ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	// scripts through the native API
	edb := etsqlDB(t, db)
	if _, err := edb.Exec("BEGIN; INSERT INTO t (v) VALUES ('script'); ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if _, err := edb.Exec("BEGIN; INSERT INTO t (v) VALUES ('left open')"); !errors.Is(err, etsql.ErrTxState) {
		t.Errorf("a script ending inside its transaction: %v, want ErrTxState", err)
	}
	if _, err := edb.Exec("BEGIN; INSERT INTO t (v) VALUES ('failed'); INSERT INTO t VALUES (1, 'dup'); COMMIT"); !errors.Is(err, etsql.ErrConstraint) {
		t.Errorf("a failing script: %v, want ErrConstraint", err)
	}
	if _, err := edb.Exec("BEGIN; INSERT INTO t (v) VALUES ('script'); COMMIT"); err != nil {
		t.Fatal(err)
	}
	if _, err := edb.Exec("BEGIN"); !errors.Is(err, etsql.ErrTxState) {
		t.Errorf("BEGIN through DB.Exec: %v, want ErrTxState", err)
	}
	if got, want := dumpTable(t, db, "t"), "1 kept\n2 kept too\n3 script\n"; got != want {
		t.Errorf("rows:\n%s\nwant\n%s", got, want)
	}
}

// etsqlDB returns the DB behind a *sql.DB.
func etsqlDB(t *testing.T, db *sql.DB) *etsql.DB {
	t.Helper()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var edb *etsql.DB
	if err := conn.Raw(func(c any) error { edb = c.(*etsql.DriverConn).DB(); return nil }); err != nil {
		t.Fatal(err)
	}
	return edb
}

// TestTx_native: the native API's transactions, prepared statements in
// them, and ErrTxDone after the end.
func TestTx_native(t *testing.T) {
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)"); err != nil {
		t.Fatal(err)
	}
	outside, err := db.Prepare("INSERT INTO t (v) VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	ins, err := tx.Prepare("INSERT INTO t (v) VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"a", "b"} {
		if _, err := ins.Exec(v); err != nil {
			t.Fatal(err)
		}
	}
	if r, err := tx.Stmt(outside).Exec("c"); err != nil || r.LastInsertId != 3 {
		t.Fatalf("Tx.Stmt: %+v %v", r, err)
	}
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 3 {
		t.Fatalf("count in the transaction = %d, %v", n, err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 0 {
		t.Errorf("count after rollback = %d, %v", n, err)
	}
	if _, err := ins.Exec("d"); !errors.Is(err, etsql.ErrTxDone) {
		t.Errorf("a statement of an ended transaction: %v, want ErrTxDone", err)
	}
	if _, err := tx.Query("SELECT * FROM t"); !errors.Is(err, etsql.ErrTxDone) {
		t.Errorf("Query after Rollback: %v, want ErrTxDone", err)
	}
	if err := tx.Commit(); !errors.Is(err, etsql.ErrTxDone) {
		t.Errorf("Commit after Rollback: %v, want ErrTxDone", err)
	}
	if _, err := outside.Exec("e"); err != nil {
		t.Errorf("the DB's statement after the transaction: %v", err)
	}
	tx, err = db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO t (v) VALUES ('f'); COMMIT"); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO t (v) VALUES ('g')"); !errors.Is(err, etsql.ErrTxDone) {
		t.Errorf("Exec after COMMIT in a script: %v, want ErrTxDone", err)
	}
	if err := db.QueryRow("SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 2 {
		t.Errorf("count = %d, %v; want 2", n, err)
	}
}

// TestTx_sqlx: sqlx's canonical transaction.
func TestTx_sqlx(t *testing.T) {
	db, err := sqlx.Open("etsql", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.MustExec("CREATE TABLE person (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, email TEXT)")
	type person struct {
		ID    int64  `db:"id"`
		First string `db:"first_name"`
		Last  string `db:"last_name"`
		Email string `db:"email"`
	}
	tx := db.MustBegin()
	tx.MustExec("INSERT INTO person (first_name, last_name, email) VALUES (?, ?, ?)", "Jason", "Moiron", "jmoiron@jmoiron.net")
	tx.MustExec("INSERT INTO person (first_name, last_name, email) VALUES (?, ?, ?)", "John", "Doe", "johndoeDNE@gmail.net")
	if _, err := tx.NamedExec("INSERT INTO person (first_name, last_name, email) VALUES (:first_name, :last_name, :email)",
		&person{First: "Jane", Last: "Citizen", Email: "jane.citzen@example.com"}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var people []person
	if err := db.Select(&people, "SELECT * FROM person ORDER BY first_name ASC"); err != nil {
		t.Fatal(err)
	}
	if len(people) != 3 || people[0].First != "Jane" || people[0].ID != 3 {
		t.Errorf("people = %+v", people)
	}
	tx = db.MustBegin()
	tx.MustExec("DELETE FROM person")
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.Get(&n, "SELECT COUNT(*) FROM person"); err != nil || n != 3 {
		t.Errorf("count after a rolled back delete = %d, %v", n, err)
	}
}

// TestTx_concurrentTransfers: 8 goroutines move money between accounts in
// transactions, some rolled back, while autocommit writers add rows
// elsewhere and readers read: the total never changes.
func TestTx_concurrentTransfers(t *testing.T) {
	const accounts, total = 10, 1000
	db := openSQL(t, "", "CREATE TABLE acct (id INT PRIMARY KEY, bal INT) WITH (type = set); CREATE TABLE log (id INTEGER PRIMARY KEY, note TEXT)")
	for i := range accounts {
		if _, err := db.Exec("INSERT INTO acct VALUES (?, ?)", i, total/accounts); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for g := range 8 {
		wg.Go(func() {
			for i := range 30 {
				from, to, amount := (g+i)%accounts, (g*3+i+1)%accounts, 1+i%7
				err := func() error {
					tx, err := db.Begin()
					if err != nil {
						return err
					}
					defer tx.Rollback()
					var bal int
					if err := tx.QueryRow("SELECT bal FROM acct WHERE id = ?", from).Scan(&bal); err != nil {
						return err
					}
					if _, err := tx.Exec("UPDATE acct SET bal = bal - ? WHERE id = ?", amount, from); err != nil {
						return err
					}
					if _, err := tx.Exec("UPDATE acct SET bal = bal + ? WHERE id = ?", amount, to); err != nil {
						return err
					}
					if i%3 == 0 {
						return nil // rolled back by the deferred Rollback
					}
					return tx.Commit()
				}()
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	for range 2 {
		wg.Go(func() {
			for range 30 {
				if _, err := db.Exec("INSERT INTO log (note) VALUES ('autocommit')"); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Go(func() {
		for range 50 {
			var n int
			if err := db.QueryRow("SELECT COUNT(*) FROM acct").Scan(&n); err != nil || n != accounts {
				errs <- fmt.Errorf("reader: %d accounts, %v", n, err)
				return
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var sum, logs int
	if err := db.QueryRow("SELECT SUM(bal) FROM acct").Scan(&sum); err != nil || sum != total {
		t.Errorf("total = %d, %v; want %d", sum, err, total)
	}
	if err := db.QueryRow("SELECT COUNT(*) FROM log").Scan(&logs); err != nil || logs != 60 {
		t.Errorf("log rows = %d, %v; want 60", logs, err)
	}
}

// TestTx_waitCancelled: a transaction and a write outside it wait for the
// running transaction only as long as their context allows; a read does
// not wait, and sees the uncommitted row.
func TestTx_waitCancelled(t *testing.T) {
	db := openSQL(t, "", "CREATE TABLE t (k INT PRIMARY KEY)")
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := db.BeginTx(ctx, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("BeginTx while another runs: %v, want DeadlineExceeded", err)
	}
	ctx2, cancel2 := context.WithCancel(context.Background())
	go func() { time.Sleep(10 * time.Millisecond); cancel2() }()
	if _, err := db.ExecContext(ctx2, "INSERT INTO t VALUES (2)"); !errors.Is(err, context.Canceled) {
		t.Errorf("a write outside the transaction: %v, want Canceled", err)
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 1 {
		t.Errorf("a read outside the transaction: %d, %v; want its uncommitted row", n, err)
	}
	done := make(chan error)
	go func() {
		_, err := db.Exec("INSERT INTO t VALUES (3)") // waits for the commit
		done <- err
	}()
	time.Sleep(5 * time.Millisecond)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Errorf("the waiting write: %v", err)
	}
	if got := dumpTable(t, db, "t"); got != "1\n3\n" {
		t.Errorf("rows = %q", got)
	}
}

// TestTx_explainAnalyze: EXPLAIN ANALYZE of a write runs it, so it takes
// part in the transaction like the write itself.
func TestTx_explainAnalyze(t *testing.T) {
	db := openSQL(t, "", "CREATE TABLE t (k INT PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'a'), (2, 'b')")
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := tx.Query("EXPLAIN ANALYZE DELETE FROM t WHERE v > 'a'")
	if err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if got := dumpTable(t, tx, "t"); got != "1 a\n" {
		t.Fatalf("in the transaction: %q", got)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if got := dumpTable(t, db, "t"); got != "1 a\n2 b\n" {
		t.Errorf("after rollback: %q", got)
	}
}

// TestTx_prepared: statements prepared in a database/sql transaction, and
// the DB's statements moved into it with Tx.Stmt, run in it.
func TestTx_prepared(t *testing.T) {
	db := openSQL(t, "", "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)")
	outside, err := db.Prepare("INSERT INTO t (v) VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	defer outside.Close()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	inside, err := tx.Prepare("INSERT INTO t (v) VALUES (:v)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := inside.Exec(sql.Named("v", "a")); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Stmt(outside).Exec("b"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 2 {
		t.Errorf("count in the transaction = %d, %v", n, err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 0 {
		t.Errorf("count after rollback = %d, %v", n, err)
	}
	if _, err := outside.Exec("c"); err != nil {
		t.Errorf("the DB's statement after the transaction: %v", err)
	}
}

func TestConn_transaction(t *testing.T) {
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := db.Conn()
	for _, s := range []string{"CREATE TABLE t (k INT PRIMARY KEY)", "BEGIN", "INSERT INTO t VALUES (1)"} {
		if _, err := c.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if c.Tx() == nil {
		t.Fatal("no transaction open after BEGIN")
	}
	rows, err := c.Query("SELECT COUNT(*) FROM t")
	if err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if _, err := c.Exec("ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec("BEGIN; INSERT INTO t VALUES (2)"); err != nil {
		t.Fatal(err) // the session holds the transaction past the script
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 0 {
		t.Errorf("count = %d, %v; want 0 (both transactions rolled back)", n, err)
	}
}

// TestTx_busyTimeout: a write waiting for another session's transaction
// longer than the busy timeout fails with ErrBusy, through the native API
// and through a DSN's busy_timeout; the transaction goes on unharmed.
func TestTx_busyTimeout(t *testing.T) {
	db, err := etsql.Open(etsql.WithBusyTimeout(15 * time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE t (k INT PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO t VALUES (2)"); !errors.Is(err, etsql.ErrBusy) {
		t.Errorf("write outside a running transaction: %v, want ErrBusy", err)
	}
	if _, err := db.Begin(); !errors.Is(err, etsql.ErrBusy) {
		t.Errorf("second transaction: %v, want ErrBusy", err)
	}
	if _, err := tx.Exec("INSERT INTO t VALUES (3)"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 2 {
		t.Errorf("after commit: %d rows, %v; want 2", n, err)
	}

	sdb, err := sql.Open("etsql", "mem:busy?busy_timeout=10")
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	if _, err := sdb.Exec("CREATE TABLE u (k INT PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	stx, err := sdb.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer stx.Rollback()
	if _, err := stx.Exec("INSERT INTO u VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	if _, err := sdb.Exec("INSERT INTO u VALUES (2)"); !errors.Is(err, etsql.ErrBusy) {
		t.Errorf("database/sql write outside a running transaction: %v, want ErrBusy", err)
	}
	if _, err := sql.Open("etsql", "mem:busy2?busy_timeout=soon"); !errors.Is(err, etsql.ErrBadDSN) {
		t.Errorf("bad busy_timeout: %v, want ErrBadDSN", err)
	}
}

// TestTx_insertOrRollback: a constraint failure of INSERT OR ROLLBACK
// ends the transaction it runs in, undoing it all; outside one it is OR
// ABORT.
func TestTx_insertOrRollback(t *testing.T) {
	db := open(t, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT NOT NULL)")
	if _, err := db.Exec("INSERT INTO t VALUES (1, 'a')"); err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO t VALUES (2, 'b')"); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT OR ROLLBACK INTO t VALUES (3, 'c'), (1, 'x')"); !errors.Is(err, etsql.ErrConstraint) {
		t.Fatalf("conflict: %v", err)
	}
	if err := tx.Commit(); !errors.Is(err, etsql.ErrTxDone) {
		t.Errorf("commit after the rollback: %v, want ErrTxDone", err)
	}
	if got := names(t, db, "SELECT * FROM t"); got != "1 a" {
		t.Errorf("after INSERT OR ROLLBACK: %q", got)
	}
	if _, err := db.Exec("INSERT OR ROLLBACK INTO t VALUES (4, NULL)"); !errors.Is(err, etsql.ErrNotNull) {
		t.Errorf("outside a transaction: %v", err)
	}
	if _, err := db.Exec("INSERT INTO t VALUES (5, 'e')"); err != nil {
		t.Errorf("the database is usable afterwards: %v", err)
	}
}
