package tests

import (
	"database/sql"
	"slices"

	"fmt"
	"github.com/etsql/etsql"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestDifferential_randomUpsert compares random INSERTs with ON CONFLICT
// clauses and OR actions with SQLite, on a table with an integer key, a
// unique index and a plain one: after each, the rows affected and the
// table's rows must be SQLite's (and a statement must fail in both or in
// neither).
func TestDifferential_randomUpsert(t *testing.T) {
	db, lite := openPair(t)
	for _, s := range []string{
		"CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT, n INT NOT NULL DEFAULT 0, tag TEXT)",
		"CREATE UNIQUE INDEX u_email ON u (email)",
		"CREATE INDEX u_tag ON u (tag)",
		"CREATE TABLE p (a INT, b TEXT, v INT, PRIMARY KEY (a, b))",
		"CREATE UNIQUE INDEX p_v ON p (v)",
	} {
		mustExec(t, db, lite, s)
	}
	r := rand.New(rand.NewPCG(5, 6))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	for i := 0; i < 800; i++ {
		var q string
		if r.IntN(4) == 0 {
			var rows []string
			for range 1 + r.IntN(3) {
				rows = append(rows, fmt.Sprintf("(%d, '%s', %s)", r.IntN(4), pick("x", "y", "z"), pick("NULL", "1", "2", "3", "4")))
			}
			q = "INSERT " + pick("", "OR IGNORE ", "OR REPLACE ", "OR FAIL ") + "INTO p VALUES " + strings.Join(rows, ", ") +
				pick("", "", " ON CONFLICT (a, b) DO UPDATE SET v = excluded.v", " ON CONFLICT (v) DO NOTHING",
					" ON CONFLICT (b, a) DO UPDATE SET v = p.v + 10 WHERE p.v IS NOT NULL", " ON CONFLICT DO NOTHING")
		} else {
			var rows []string
			for range 1 + r.IntN(3) {
				rows = append(rows, fmt.Sprintf("(%s, %s, %s, %s)", pick("NULL", "1", "2", "3", "4", "5"),
					pick("NULL", "'a@x'", "'b@x'", "'c@x'", "'d@x'"), pick("0", "1", "2", "-1", "NULL"), pick("NULL", "'t'", "'u'")))
			}
			q = "INSERT " + pick("", "", "OR IGNORE ", "OR REPLACE ", "OR FAIL ", "OR ABORT ") + "INTO u (id, email, n, tag) VALUES " + strings.Join(rows, ", ") +
				pick("", "",
					" ON CONFLICT (id) DO UPDATE SET n = u.n + excluded.n",
					" ON CONFLICT (id) DO UPDATE SET email = excluded.email, tag = 'upd' WHERE excluded.n > 0",
					" ON CONFLICT (email) DO UPDATE SET n = n + 100, tag = excluded.tag",
					" ON CONFLICT (email) DO NOTHING",
					" ON CONFLICT DO NOTHING",
					" ON CONFLICT (email) DO NOTHING ON CONFLICT (id) DO UPDATE SET n = excluded.n * 2",
					" ON CONFLICT (id) DO UPDATE SET id = excluded.id + 10",
					" ON CONFLICT (tag) DO NOTHING")
		}
		before := dumpBoth(t, db, lite)
		if r.IntN(3) == 0 {
			q += pick(" RETURNING *", " RETURNING n * 2, tag", " RETURNING v, a || b")
			if strings.Contains(q, "INTO p") != strings.Contains(q, "RETURNING v") {
				q = q[:strings.LastIndex(q, " RETURNING")] + " RETURNING *"
			}
			table := "u"
			if strings.Contains(q, "INTO p") {
				table = "p"
			}
			compareReturning(t, db, lite, q, table)
		} else {
			compareDML(t, "random upsert", db, lite, q)
		}
		if t.Failed() {
			t.Log(q + "\nbefore:\n" + before)
			t.FailNow()
		}
	}
}

func dumpBoth(t *testing.T, db *etsql.DB, lite *sql.DB) string {
	_, a, _ := queryEtsql(db, "SELECT * FROM p")
	_, b, _ := querySQLite(lite, "SELECT * FROM p")
	return formatRows(a) + "----\n" + formatRows(b)
}

// compareReturning runs a statement with RETURNING as a query in both
// databases: both fail, or both give the same rows and leave the same
// table.
func compareReturning(t *testing.T, db *etsql.DB, lite *sql.DB, q, table string) {
	t.Helper()
	_, got, err := queryEtsql(db, q)
	_, want, lerr := querySQLite(lite, q)
	if (err == nil) != (lerr == nil) {
		t.Errorf("etsql error %v, sqlite error %v\n%s", err, lerr, q)
		return
	}
	slices.SortFunc(got, func(a, b []value) int { return strings.Compare(sortKey(a), sortKey(b)) })
	slices.SortFunc(want, func(a, b []value) int { return strings.Compare(sortKey(a), sortKey(b)) })
	if formatRows(got) != formatRows(want) {
		t.Errorf("RETURNING rows differ\n%s\n---- etsql\n%s---- sqlite\n%s", q, formatRows(got), formatRows(want))
	}
	compareQuery(t, "after RETURNING", db, lite, "SELECT * FROM "+table)
}
