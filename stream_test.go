package etsql_test

import (
	"context"
	"database/sql"
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/etsql/etsql"
	"github.com/etsql/etsql/engine"
)

const bigRows = 200_000

// bigDB holds big (id INT PRIMARY KEY, v INT) with ids 1..n, v = id mod 7.
func bigDB(t testing.TB, n int) *etsql.DB {
	t.Helper()
	db := open(t, "CREATE TABLE big (id INT PRIMARY KEY, v INT)")
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{int64(i + 1), int64((i + 1) % 7)}
	}
	if err := db.InsertRows("big", rows); err != nil {
		t.Fatal(err)
	}
	return db
}

// The first row of a scan comes before the scan ends: a row the reader
// inserts past the end of the table after reading the first one comes
// out of the same scan.
func TestRows_Next_streams(t *testing.T) {
	db := bigDB(t, bigRows)
	rows, err := db.Query("SELECT id FROM big WHERE v >= 0")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatalf("no first row: %v", rows.Err())
	}
	if _, err := db.Exec("INSERT INTO big VALUES (?, 1)", bigRows+1); err != nil {
		t.Fatal(err)
	}
	n, last := 1, int64(0)
	for rows.Next() {
		if err := rows.Scan(&last); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != bigRows+1 || last != bigRows+1 {
		t.Errorf("%d rows ending with %d, want %d ending with the row inserted after the first", n, last, bigRows+1)
	}
}

// A sort reads every row before the first: a row inserted after the
// first row was read is not in the result.
func TestRows_Next_sortIsMaterialized(t *testing.T) {
	db := bigDB(t, 1000)
	rows, err := db.Query("SELECT id FROM big ORDER BY v, id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if _, err := db.Exec("INSERT INTO big VALUES (1001, 1)"); err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	if n != 1000 || rows.Err() != nil {
		t.Errorf("%d rows (%v), want 1000", n, rows.Err())
	}
}

// Cancelling the context of a query being read ends its rows with the
// context's error, long before the end of the table.
func TestRows_Err_cancelledMidStream(t *testing.T) {
	db := bigDB(t, bigRows)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rows, err := db.QueryContext(ctx, "SELECT id, v FROM big")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if n++; n == 100 {
			cancel()
		}
	}
	if !errors.Is(rows.Err(), context.Canceled) {
		t.Errorf("Err() = %v, want context.Canceled", rows.Err())
	}
	if n >= 10_000 {
		t.Errorf("%d rows read after cancelling at 100", n)
	}
	if rows.Next() {
		t.Error("Next after the error gave a row")
	}
}

// QueryRow and Rows closed early leave no scan behind.
func TestRows_Close_releasesTheScan(t *testing.T) {
	db := bigDB(t, 10_000)
	before := runtime.NumGoroutine()
	for i := 0; i < 200; i++ {
		var id int64
		if err := db.QueryRow("SELECT id FROM big WHERE v = ?", i%7).Scan(&id); err != nil {
			t.Fatal(err)
		}
		rows, err := db.Query("SELECT id FROM big")
		if err != nil {
			t.Fatal(err)
		}
		rows.Next()
		rows.Close()
	}
	if after := runtime.NumGoroutine(); after > before+5 {
		t.Errorf("%d goroutines after 400 queries left unfinished, %d before", after, before)
	}
}

// Streamed scans run while other goroutines insert, update and delete
// rows of the same table, and while the reader itself writes between two
// rows: no error, no deadlock, every key at most once and in key order.
func TestRows_Next_concurrentWriters(t *testing.T) {
	db := bigDB(t, 20_000)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	writes := []string{
		"INSERT INTO big VALUES (?, 1)",
		"UPDATE big SET v = v + 1 WHERE id = ?",
		"DELETE FROM big WHERE id = ?",
		"DELETE FROM big WHERE id BETWEEN ? AND ? + 10",
	}
	for w := range writes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				id := (i*7919+w*104729)%40_000 + 1
				args := []any{id}
				if w == 3 {
					args = append(args, id)
				}
				_, err := db.Exec(writes[w], args...)
				if err != nil && !errors.Is(err, etsql.ErrDuplicateKey) {
					t.Errorf("%s: %v", writes[w], err)
					return
				}
				if i%64 == 0 {
					time.Sleep(time.Microsecond)
				}
			}
		}()
	}
	defer func() { cancel(); wg.Wait() }()
	for round := 0; round < 6; round++ {
		q := "SELECT id, v FROM big WHERE v >= 0"
		if round%2 == 1 {
			q = "SELECT id, v FROM big WHERE id > 100 ORDER BY id DESC"
		}
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		var last int64
		n := 0
		for rows.Next() {
			var id, v int64
			if err := rows.Scan(&id, &v); err != nil {
				t.Fatal(err)
			}
			if n > 0 && (round%2 == 0 && id <= last || round%2 == 1 && id >= last) {
				t.Fatalf("%s: key %d after %d", q, id, last)
			}
			last = id
			if n++; n%500 == 0 {
				if _, err := db.Exec("UPDATE big SET v = 0 WHERE id = ?", id); err != nil {
					t.Fatal(err)
				}
			}
			if round == 4 && n == 1000 {
				break
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
}

// A table dropped while its rows are read ends them with an error, or
// the rows end: never a crash.
func TestRows_Next_tableDropped(t *testing.T) {
	db := bigDB(t, 10_000)
	rows, err := db.Query("SELECT id FROM big")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	err = readDroppingTable(t, db, rows.Next, rows.Err)
	if !errors.Is(err, engine.ErrNoTable) {
		t.Errorf("error %v, want engine.ErrNoTable", err)
	}
}

// readDroppingTable reads one row, drops table big under the reader,
// reads on and returns the rows' error, which must come before the end.
func readDroppingTable(t *testing.T, db *etsql.DB, next func() bool, rowsErr func() error) error {
	t.Helper()
	next()
	if _, err := db.Exec("DROP TABLE big"); err != nil {
		t.Fatal(err)
	}
	n := 1
	for next() {
		n++
	}
	if rowsErr() == nil || n >= 10_000 {
		t.Errorf("%d rows, error %v; want an error before the end", n, rowsErr())
	}
	return rowsErr()
}

// Exec of a query runs it to its end and leaves no scan behind.
func TestDB_Exec_query(t *testing.T) {
	db := bigDB(t, 10_000)
	before := runtime.NumGoroutine()
	for i := 0; i < 100; i++ {
		res, err := db.Exec("SELECT * FROM big")
		if err != nil || res.RowsAffected != 0 {
			t.Fatalf("Exec(SELECT) = %+v, %v", res, err)
		}
	}
	if after := runtime.NumGoroutine(); after > before+5 {
		t.Errorf("%d goroutines after 100 queries run by Exec, %d before", after, before)
	}
}

// BenchmarkRows_firstRow is the time to the first row of a filtered scan
// of a 200k-row table, and to close it.
func BenchmarkRows_firstRow(b *testing.B) {
	db := bigDB(b, bigRows)
	st, err := db.Prepare("SELECT id, v FROM big WHERE v >= 0")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		rows, err := st.Query()
		if err != nil {
			b.Fatal(err)
		}
		if !rows.Next() {
			b.Fatal(rows.Err())
		}
		rows.Close()
	}
}

// BenchmarkRows_allRows reads every row of the same scan.
func BenchmarkRows_allRows(b *testing.B) {
	db := bigDB(b, bigRows)
	st, err := db.Prepare("SELECT id, v FROM big WHERE v >= 0")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		rows, err := st.Query()
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
		}
		if err := rows.Err(); err != nil {
			b.Fatal(err)
		}
		rows.Close()
	}
}

// Through database/sql too, an error after the first rows of a streamed
// scan reaches sql.Rows.Err instead of looking like the end of the rows.
func TestDriver_Rows_Next_tableDropped(t *testing.T) {
	db := bigDB(t, 10_000)
	sqldb := sql.OpenDB(etsql.NewConnector(db))
	defer sqldb.Close()
	rows, err := sqldb.Query("SELECT id FROM big")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	readDroppingTable(t, db, rows.Next, rows.Err)
}
