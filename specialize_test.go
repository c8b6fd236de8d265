package etsql_test

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

const itemsTable = `CREATE TABLE items (id INT NOT NULL, name TEXT NOT NULL, category INT NOT NULL,
	price FLOAT NOT NULL, qty INT NOT NULL, PRIMARY KEY (id)) WITH (type = set);
	INSERT INTO items VALUES (1, 'a', 7, 600.5, 1), (2, 'b', 7, 100.5, 2), (3, 'c', 8, 700.5, 3)`

// With arguments each of its column's own type, a scan with placeholders
// plans as the literal SQL (constants in the head, select_count,
// select_replace or select_delete, no residual); with others it keeps
// the generic plan, whose residual converts them.
func TestDB_Explain_specializedParams(t *testing.T) {
	db := open(t, itemsTable)
	cases := []struct {
		sql     string
		args    []any
		literal string // the SQL the plan must equal, "" if it must stay generic
	}{
		{"SELECT count(*) FROM items WHERE category = ? AND price > ?", []any{7, 500.0},
			"SELECT count(*) FROM items WHERE category = 7 AND price > 500.0"},
		{"SELECT count(*) FROM items WHERE category = ? AND price > ?", []any{7, 500},
			"SELECT count(*) FROM items WHERE category = 7 AND price > 500"},
		{"SELECT name FROM items WHERE name >= ? AND category IN (?, ?)", []any{"b", 7, 8},
			"SELECT name FROM items WHERE name >= 'b' AND category IN (7, 8)"},
		{"UPDATE items SET qty = qty + 1 WHERE category = ?", []any{7},
			"UPDATE items SET qty = qty + 1 WHERE category = 7"},
		{"DELETE FROM items WHERE category = ? AND price < ?", []any{7, 3.5},
			"DELETE FROM items WHERE category = 7 AND price < 3.5"},
		{"EXPLAIN SELECT count(*) FROM items WHERE category = ?", []any{7},
			"EXPLAIN SELECT count(*) FROM items WHERE category = 7"},
		{"SELECT count(*) FROM items WHERE category = ? AND price > ?", []any{"7", 500.0}, ""},
		{"SELECT count(*) FROM items WHERE category = ? AND price > ?", []any{7.0, 500.0}, ""},
		{"SELECT count(*) FROM items WHERE category = ? AND price > ?", []any{nil, 500.0}, ""},
		{"SELECT count(*) FROM items WHERE category = ? AND price > ?", []any{true, 500.0}, ""},
		{"SELECT count(*) FROM items WHERE name = ?", []any{[]byte("a")}, "SELECT count(*) FROM items WHERE name = 'a'"},
		{"SELECT count(*) FROM items WHERE name = ?", []any{1}, ""},
		{"UPDATE items SET qty = qty + 1 WHERE category = ?", []any{"7"}, ""},
	}
	for _, tc := range cases {
		got, err := db.Explain(tc.sql, tc.args...)
		if err != nil {
			t.Fatal(tc.sql, err)
		}
		if tc.literal == "" {
			if got.Accesses[0].Residual == "" {
				t.Errorf("%s %v: specialized, want the generic plan:\n%s", tc.sql, tc.args, strings.Join(got.Lines, "\n"))
			}
			continue
		}
		want, err := db.Explain(tc.literal)
		if err != nil {
			t.Fatal(tc.literal, err)
		}
		if !slices.Equal(got.Lines, want.Lines) {
			t.Errorf("%s %v: plan\n%s\nwant the literal SQL's\n%s", tc.sql, tc.args, strings.Join(got.Lines, "\n"), strings.Join(want.Lines, "\n"))
		}
	}
}

// EXPLAIN ANALYZE shows the plan run: on a small table the generic one
// at the first run with new values, the specialized one when they repeat.
func TestStmt_Query_specializedWhenRepeated(t *testing.T) {
	db := open(t, itemsTable)
	st, err := db.Prepare("EXPLAIN ANALYZE SELECT count(*) FROM items WHERE category = ? AND price > ?")
	if err != nil {
		t.Fatal(err)
	}
	var plans []string
	for _, args := range [][]any{{7, 500.0}, {7, 500.0}, {8, 500.0}, {"8", 500.0}, {"8", 500.0}} {
		rows, err := st.Query(args...)
		if err != nil {
			t.Fatal(err)
		}
		var s string
		if !rows.Next() || rows.Scan(&s) != nil {
			t.Fatal("no plan", rows.Err())
		}
		rows.Close()
		plans = append(plans, s)
	}
	generic, specialized := "scan: full select items", "scan: full select items (select_count)"
	want := []string{generic, specialized, generic, generic, generic}
	if !slices.Equal(plans, want) {
		t.Errorf("plans %q, want %q", plans, want)
	}
}

// Goroutines running one statement with their own arguments each get
// their own rows, the last specialization changing under them.
func TestStmt_Query_specializedConcurrently(t *testing.T) {
	db := open(t, itemsTable)
	st, err := db.Prepare("SELECT count(*) FROM items WHERE category = ? AND price > ?")
	if err != nil {
		t.Fatal(err)
	}
	args := [][]any{{7, 500.0}, {7, 0.0}, {8, 0.0}, {"7", 0}, {9, 0.0}}
	want := []int{1, 2, 1, 2, 0}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 200 {
				n := (g + i/3) % len(args)
				var got int
				if err := st.QueryRow(args[n]...).Scan(&got); err != nil || got != want[n] {
					t.Errorf("%v: got %d, %v; want %d", args[n], got, err, want[n])
					return
				}
			}
		})
	}
	wg.Wait()
}
