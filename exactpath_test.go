package etsql_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/etsql/etsql"
)

// A key lookup or key range whose per-row checks are dropped (the path
// decides them when its keys come out exact) gives the rows of the same
// condition checked on every row of a full select ((cond) = 1 is no key
// path).
func TestStmt_Query_exactPaths(t *testing.T) {
	for _, typ := range []string{"ordered_set", "set"} {
		t.Run(typ, func(t *testing.T) {
			db := open(t, fmt.Sprintf(`
				CREATE TABLE i (id INT PRIMARY KEY, v INT) WITH (type = %[1]s);
				CREATE TABLE s (k TEXT PRIMARY KEY, v INT) WITH (type = %[1]s);
				CREATE TABLE f (k FLOAT PRIMARY KEY, v INT) WITH (type = %[1]s)`, typ))
			for n := 0; n < 40; n++ {
				for _, q := range []string{
					fmt.Sprintf("INSERT INTO i VALUES (%d, %d)", n-5, n),
					fmt.Sprintf("INSERT INTO s VALUES ('%c%d', %d)", 'a'+n%7, n, n),
					fmt.Sprintf("INSERT INTO f VALUES (%g, %d)", float64(n)/2, n),
				} {
					if _, err := db.Exec(q); err != nil {
						t.Fatal(err)
					}
				}
			}
			cases := []struct {
				table, col, cond string
				args             [][]any
			}{
				{"i", "id", "%s = ?", [][]any{{7}, {7.0}, {"7"}, {"7.0"}, {7.5}, {"abc"}, {nil}, {int64(-5)}}},
				{"i", "id", "%s BETWEEN ? AND ?", [][]any{{5, 10}, {5.5, 9.5}, {"5", "10"}, {"abc", 10}, {10, 5}, {nil, 5}, {-100, 100}, {30, "zz"}}},
				{"i", "id", "%s > ? AND %[1]s <= ?", [][]any{{3, 8}, {3.0, 8.5}, {-1, "4"}}},
				{"i", "id", "%s < ?", [][]any{{3}, {3.5}, {"3"}, {"x"}}},
				{"i", "id", "%s >= ?", [][]any{{30}, {"30"}}},
				{"i", "id", "%s BETWEEN ? AND ? AND %[1]s > ?", [][]any{{1, 9, 4}, {1, 9, "4"}}},
				{"s", "k", "%s BETWEEN ? AND ?", [][]any{{"b", "d"}, {"b1", "c9"}, {1, 5}, {"d", "b"}}},
				{"s", "k", "%s > ?", [][]any{{"c"}, {"f3"}, {5}}},
				{"s", "k", "%s < ?", [][]any{{"c"}, {5}}},
				{"s", "k", "%s = ?", [][]any{{"c2"}, {"c"}, {2}}},
				{"f", "k", "%s BETWEEN ? AND ?", [][]any{{2, 4}, {2.5, 4.5}, {"2", "4"}}},
				{"f", "k", "%s = ?", [][]any{{2}, {2.0}, {2.5}, {"2.5"}}},
			}
			for _, tc := range cases {
				cond := fmt.Sprintf(tc.cond, tc.col)
				plain := "(" + cond + ") = 1"
				fast, err := db.Prepare(fmt.Sprintf("SELECT * FROM %s WHERE %s ORDER BY %s", tc.table, cond, tc.col))
				if err != nil {
					t.Fatal(err)
				}
				slow, err := db.Prepare(fmt.Sprintf("SELECT * FROM %s WHERE %s ORDER BY %s", tc.table, plain, tc.col))
				if err != nil {
					t.Fatal(err)
				}
				for _, args := range tc.args {
					got, want := queryText(t, fast, args), queryText(t, slow, args)
					if got != want {
						t.Errorf("%s WHERE %s %#v: got\n%s\nwant\n%s", tc.table, cond, args, got, want)
					}
				}
			}
		})
	}
}

// queryText runs a prepared query and returns its rows as text, one a line.
func queryText(t *testing.T, st *etsql.Stmt, args []any) string {
	t.Helper()
	rows, err := st.Query(args...)
	if err != nil {
		return "error: " + err.Error()
	}
	var lines []string
	for rows.Next() {
		lines = append(lines, fmt.Sprint(rows.Values()...))
	}
	if err := rows.Err(); err != nil {
		lines = append(lines, "error: "+err.Error())
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
