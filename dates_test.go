package etsql_test

import (
	"testing"
	"time"

	"github.com/etsql/etsql"
)

func countRows(t *testing.T, db *etsql.DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// A DATE compared with a TIMESTAMP (a time.Time argument) is that date at
// midnight, whether the comparison is lowered into the match
// specification, bounds a key range or runs in the residual filter.
func TestDB_Query_dateAgainstTimestamp(t *testing.T) {
	db := open(t, "")
	if err := db.LoadNorthwind(1); err != nil {
		t.Fatal(err)
	}
	day := time.Date(1996, 7, 4, 0, 0, 0, 0, time.UTC)
	noon := day.Add(12 * time.Hour)
	text := day.Format(time.DateOnly)
	// order_date is a plain column (a match spec guard); COALESCE keeps the
	// comparison in the residual
	for _, col := range []string{"order_date", "COALESCE(order_date, order_date)"} {
		for _, tc := range []struct {
			op  string
			arg any
			ref string // the same predicate on the date as text
		}{
			{"=", day, "= '" + text + "'"},
			{">=", day, ">= '" + text + "'"},
			{">", day, "> '" + text + "'"},
			{"<=", day, "<= '" + text + "'"},
			{"<", day, "< '" + text + "'"},
			{"<>", day, "<> '" + text + "'"},
			{"=", noon, "<> order_date"},
			{">", noon, "> '" + text + "'"},
			{"<=", noon, "<= '" + text + "'"},
			{">=", noon, "> '" + text + "'"},
		} {
			want := countRows(t, db, "SELECT COUNT(*) FROM orders WHERE order_date "+tc.ref)
			got := countRows(t, db, "SELECT COUNT(*) FROM orders WHERE "+col+" "+tc.op+" ?", tc.arg)
			if got != want {
				t.Errorf("%s %s %v: %d rows, want %d", col, tc.op, tc.arg, got, want)
			}
		}
	}
}

func TestDB_Query_dateKeyAgainstTimestamp(t *testing.T) {
	db := open(t, "CREATE TABLE ev (d DATE PRIMARY KEY, ts TIMESTAMP)")
	day := func(d int) time.Time { return time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC) }
	for i := 1; i <= 5; i++ {
		if _, err := db.Exec("INSERT INTO ev VALUES (?, ?)", day(i), day(i)); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		where string
		args  []any
		want  int64
	}{
		{"d = ?", []any{day(3)}, 1},
		{"d >= ? AND d < ?", []any{day(2), day(4)}, 2},
		{"d > ?", []any{day(2).Add(time.Hour)}, 3},
		{"d <= ?", []any{day(2).Add(time.Hour)}, 2},
		{"d = ?", []any{day(2).Add(time.Hour)}, 0},
		{"d = ts", nil, 5},
		{"ts = DATE '2024-03-02'", nil, 1},
		{"ts >= DATE '2024-03-02'", nil, 4},
		{"d = '2024-03-02 00:00:00'", nil, 0}, // text compares as text, as in SQLite
	} {
		if got := countRows(t, db, "SELECT COUNT(*) FROM ev WHERE "+tc.where, tc.args...); got != tc.want {
			t.Errorf("%s %v: %d rows, want %d", tc.where, tc.args, got, tc.want)
		}
	}
}
