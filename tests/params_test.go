package tests

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
)

// TestDifferential_namedParams binds :name, @name and $name placeholders
// by sql.Named and by position in etsql and in SQLite (both through
// database/sql) and compares the rows.
func TestDifferential_namedParams(t *testing.T) {
	_, lite := openPair(t)
	db, err := sql.Open("etsql", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range []string{
		"CREATE TABLE t (k INT PRIMARY KEY, a TEXT, n INT)",
		"INSERT INTO t VALUES (1, 'x', 10), (2, 'y', 20), (3, 'x', 30), (4, NULL, 40)",
	} {
		for _, d := range []*sql.DB{db, lite} {
			if _, err := d.Exec(s); err != nil {
				t.Fatal(s, err)
			}
		}
	}
	// modernc's driver binds named placeholders by name only: the queries
	// binding them by position run there as the ?N that SQLite numbers
	// them (lite).
	queries := []struct {
		sql, lite string
		args      []any
	}{
		{"SELECT k FROM t WHERE a = :a ORDER BY k", "", []any{sql.Named("a", "x")}},
		{"SELECT k FROM t WHERE a = @a OR n > $n ORDER BY k", "", []any{sql.Named("n", 25), sql.Named("a", "y")}},
		{"SELECT k, :v FROM t WHERE n > :v ORDER BY k", "", []any{sql.Named("v", 15)}},
		{"SELECT k FROM t WHERE n BETWEEN :lo AND :hi AND a = :a ORDER BY k",
			"SELECT k FROM t WHERE n BETWEEN ?1 AND ?2 AND a = ?3 ORDER BY k", []any{15, 35, "x"}},
		{"SELECT k FROM t WHERE k = ? OR k = :b OR k = ? OR k = :b ORDER BY k",
			"SELECT k FROM t WHERE k = ?1 OR k = ?2 OR k = ?3 OR k = ?2 ORDER BY k", []any{1, 2, 4}},
		{"SELECT k FROM t WHERE k IN (:a, ?5, :c) ORDER BY k",
			"SELECT k FROM t WHERE k IN (?1, ?5, ?6) ORDER BY k", []any{1, 0, 0, 0, 3, 4}},
	}
	for _, q := range queries {
		ls := q.lite
		if ls == "" {
			ls = q.sql
		}
		got, gerr := rowsText(db, q.sql, q.args...)
		want, werr := rowsText(lite, ls, q.args...)
		if gerr != nil || werr != nil || got != want {
			t.Errorf("%s %v:\n got %q, %v\nwant %q, %v", q.sql, q.args, got, gerr, want, werr)
		}
	}
}

// rowsText is a query's rows as text.
func rowsText(db *sql.DB, query string, args ...any) (string, error) {
	rows, err := db.Query(query, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	var out strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		fmt.Fprintln(&out, vals...)
	}
	return out.String(), rows.Err()
}
