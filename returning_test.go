package etsql_test

import (
	"testing"
)

// TestDB_Query_returning: INSERT, UPDATE and DELETE with RETURNING give
// their rows to Query, in the native API and through database/sql, in and
// out of transactions; Exec runs them and drops the rows.
func TestDB_Query_returning(t *testing.T) {
	db := open(t, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
	if got := names(t, db, "INSERT INTO notes (body) VALUES (?), (?) RETURNING id, body", "x", "y"); got != "1 x 2 y" {
		t.Errorf("insert returning: %q", got)
	}
	res, err := db.Exec("UPDATE notes SET body = body || '!' RETURNING id")
	if err != nil || res.RowsAffected != 2 {
		t.Fatalf("exec of update returning: %+v, %v", res, err)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if got := names(t, tx, "DELETE FROM notes WHERE id = 1 RETURNING body"); got != "x!" {
		t.Errorf("delete returning in a transaction: %q", got)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if got := names(t, db, "SELECT body FROM notes ORDER BY id"); got != "x! y!" {
		t.Errorf("after rollback: %q", got)
	}

	sdb := openSQL(t, "", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
	var id int64
	if err := sdb.QueryRow("INSERT INTO notes (body) VALUES ($1) RETURNING id", "hello").Scan(&id); err != nil || id != 1 {
		t.Fatalf("database/sql QueryRow of insert returning: %d, %v", id, err)
	}
	rows, err := sdb.Query("UPDATE notes SET body = upper(body) RETURNING id, body")
	if err != nil {
		t.Fatal(err)
	}
	var body string
	if !rows.Next() || rows.Scan(&id, &body) != nil || body != "HELLO" || rows.Next() {
		t.Errorf("database/sql rows of update returning: %d %q %v", id, body, rows.Err())
	}
	rows.Close()
	sres, err := sdb.Exec("DELETE FROM notes RETURNING *")
	if n, _ := sres.RowsAffected(); err != nil || n != 1 {
		t.Errorf("database/sql exec of delete returning: %d, %v", n, err)
	}
}
