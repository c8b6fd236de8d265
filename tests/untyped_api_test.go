package tests

import (
	"database/sql"
	"reflect"
	"testing"

	"github.com/etsql/etsql"
)

// TestUntyped_goValues: values of a column without a type come back by
// their stored class, through the Go API (Rows.Scan into any, Values)
// and the database/sql driver: int64, float64, string, nil.
func TestUntyped_goValues(t *testing.T) {
	want := []any{int64(7), 2.5, "x", nil, 1.0, "12"}
	const setup = "CREATE TABLE u (k INTEGER PRIMARY KEY, v); INSERT INTO u VALUES (1, 7), (2, 2.5), (3, 'x'), (4, NULL), (5, 1.0), (6, '12')"
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(setup); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query("SELECT v, v FROM u ORDER BY k")
	if err != nil {
		t.Fatal(err)
	}
	var scanned, values []any
	for rows.Next() {
		var v any
		if err := rows.Scan(&v, new(any)); err != nil {
			t.Fatal(err)
		}
		scanned = append(scanned, v)
		values = append(values, rows.Values()[1])
	}
	if !reflect.DeepEqual(scanned, want) || !reflect.DeepEqual(values, want) {
		t.Errorf("Scan gave %#v, Values %#v; want %#v", scanned, values, want)
	}
	var n int64
	var f float64
	var s string
	if err := db.QueryRow("SELECT v FROM u WHERE k = 1").Scan(&n); err != nil || n != 7 {
		t.Errorf("scan into int64: %d, %v", n, err)
	}
	if err := db.QueryRow("SELECT v FROM u WHERE k = 2").Scan(&f); err != nil || f != 2.5 {
		t.Errorf("scan into float64: %v, %v", f, err)
	}
	if err := db.QueryRow("SELECT v FROM u WHERE k = 3").Scan(&s); err != nil || s != "x" {
		t.Errorf("scan into string: %q, %v", s, err)
	}

	sdb, err := sql.Open("etsql", "")
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	sdb.SetMaxOpenConns(1)
	if _, err := sdb.Exec(setup); err != nil {
		t.Fatal(err)
	}
	srows, err := sdb.Query("SELECT v FROM u ORDER BY k")
	if err != nil {
		t.Fatal(err)
	}
	defer srows.Close()
	var got []any
	for srows.Next() {
		var v any
		if err := srows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("database/sql gave %#v; want %#v", got, want)
	}
}
