package tests

import (
	"database/sql"
	"fmt"
	"testing"

	"github.com/etsql/etsql"
)

// specializeArgs are values of every kind for one placeholder: exact for
// INT (7, -3), FLOAT (7.0, 2.5, 7) or TEXT ('b7'), and not ('7', '7.0',
// NULL, TRUE, 'abc', a blob).
var specializeArgs = []any{7, -3, 7.0, 2.5, 7.5, "7", "7.0", "b7", "abc", "", nil, true, false, int64(1) << 40}

// TestDifferential_specializedParams runs scans whose WHERE compares
// columns with placeholders, prepared once and run with values of every
// type (so that some runs are planned again with the values as literals
// and some fall back to the generic plan), twice each (on a small table
// the second run is the one specialized), and compares the rows with SQLite's and with
// the same condition wrapped so that it is never lowered ((cond) = 1).
func TestDifferential_specializedParams(t *testing.T) {
	db, lite := openPair(t)
	for _, s := range []string{
		"CREATE TABLE t (k INT PRIMARY KEY, i INT, f FLOAT, s TEXT, n INT)",
	} {
		if _, err := db.Exec(s + " WITH (type = set)"); err != nil {
			t.Fatal(err)
		}
		if _, err := lite.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	for k := 1; k <= 60; k++ {
		i, f, s := any(k%11-3), any(float64(k%9)+0.5*float64(k%2)), any(fmt.Sprintf("%c%d", 'a'+k%4, k%10))
		switch k % 13 {
		case 0:
			i = nil
		case 5:
			f = nil
		case 9:
			s = nil
		}
		q := "INSERT INTO t VALUES (?, ?, ?, ?, ?)"
		for _, ex := range []func(string, ...any) (sql.Result, error){lite.Exec, func(q string, a ...any) (sql.Result, error) { _, err := db.Exec(q, a...); return nil, err }} {
			if _, err := ex(q, k, i, f, s, k%5); err != nil {
				t.Fatal(err)
			}
		}
	}
	conds := []string{
		"i = ?", "i <> ?", "i > ?", "i <= ?", "NOT (i < ?)",
		"f = ?", "f > ?", "f <= ?",
		"s = ?", "s > ?", "s < ?",
		"i = ? AND f > ?", "i = ? OR s = ?", "i IN (?, ?)", "f BETWEEN ? AND ?",
		"i = ? AND n > 1", "s >= ? AND i < ?",
	}
	shapes := []string{
		"SELECT count(*) FROM t WHERE %s",
		"SELECT k, i, f, s FROM t WHERE %s ORDER BY k",
	}
	for _, cond := range conds {
		nargs := 0
		for _, c := range cond {
			if c == '?' {
				nargs++
			}
		}
		for _, shape := range shapes {
			q, plain := fmt.Sprintf(shape, cond), fmt.Sprintf(shape, "("+cond+") = 1")
			st, err := db.Prepare(q)
			if err != nil {
				t.Fatal(err)
			}
			for n, a := range specializeArgs {
				args := make([]any, nargs)
				for j := range args {
					args[j] = specializeArgs[(n+j*5)%len(specializeArgs)]
				}
				args[0] = a
				where := fmt.Sprintf("%s %v", q, args)
				for range 2 {
					got, gerr := stmtRows(st, args)
					want, werr := stmtRows(mustPrepare(t, db, plain), args)
					if gerr != nil || werr != nil || got != want {
						t.Errorf("%s:\n got %s, %v\nwant %s, %v", where, got, gerr, want, werr)
					}
				}
				compareQuery(t, where, db, lite, q, args...)
			}
		}
	}
}

// TestDifferential_specializedWrites runs UPDATE and DELETE with
// placeholders in both databases, with exact and inexact values, and
// compares the tables after each.
func TestDifferential_specializedWrites(t *testing.T) {
	db, lite := openPair(t)
	create := "CREATE TABLE w (k INT PRIMARY KEY, c INT, p FLOAT, q INT)"
	if _, err := db.Exec(create + " WITH (type = set)"); err != nil {
		t.Fatal(err)
	}
	if _, err := lite.Exec(create); err != nil {
		t.Fatal(err)
	}
	for k := 1; k <= 80; k++ {
		for _, ex := range []func(string, ...any) error{
			func(q string, a ...any) error { _, err := lite.Exec(q, a...); return err },
			func(q string, a ...any) error { _, err := db.Exec(q, a...); return err },
		} {
			if err := ex("INSERT INTO w VALUES (?, ?, ?, ?)", k, k%7, float64(k%10)+0.5, k); err != nil {
				t.Fatal(err)
			}
		}
	}
	stmts := []struct {
		sql  string
		args [][]any
	}{
		{"UPDATE w SET q = q + 1 WHERE c = ?", [][]any{{3}, {3}, {"3"}, {3.0}, {nil}, {4}}},
		{"UPDATE w SET q = q * 2 WHERE c = ? AND p > ?", [][]any{{2, 4.0}, {2, "4"}, {2, 4}, {5, 7.5}}},
		{"DELETE FROM w WHERE c = ? AND p < ?", [][]any{{1, 3.0}, {"6", 9}, {0, 2.5}, {2, 5}}},
		{"DELETE FROM w WHERE p >= ?", [][]any{{9.5}, {"8.5"}}},
	}
	for _, s := range stmts {
		st, err := db.Prepare(s.sql)
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range s.args {
			where := fmt.Sprintf("%s %v", s.sql, args)
			for range 2 { // the second run is specialized (the table is small)
				res, err := st.Exec(args...)
				lres, lerr := lite.Exec(s.sql, args...)
				if err != nil || lerr != nil {
					t.Fatalf("%s: etsql %v, sqlite %v", where, err, lerr)
				}
				if n, _ := lres.RowsAffected(); n != res.RowsAffected {
					t.Errorf("%s: %d rows affected, sqlite %d", where, res.RowsAffected, n)
				}
				compareQuery(t, where, db, lite, "SELECT * FROM w ORDER BY k")
			}
		}
	}
}

func mustPrepare(t *testing.T, db *etsql.DB, q string) *etsql.Stmt {
	t.Helper()
	st, err := db.Prepare(q)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// stmtRows is a prepared query's rows as text.
func stmtRows(st *etsql.Stmt, args []any) (string, error) {
	rows, err := st.Query(args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	out := ""
	for rows.Next() {
		for _, v := range rows.Terms() {
			out += etsValue(v).String() + " "
		}
		out += "\n"
	}
	return out, rows.Err()
}
