package tests

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/etsql/etsql"
)

// untypedValues are the values the untyped tests store: integers, floats
// (integral ones too), text that looks like numbers and text that does
// not, and NULL. SQLite keeps each as it is in a column without affinity.
var untypedValues = []string{"NULL", "0", "1", "2", "-3", "10", "1.0", "2.5", "-0.5", "1e3",
	"'1'", "'2.5'", "'a'", "'B'", "''", "'10'", "' 1'", "'1.0'"}

// TestDifferential_untyped compares columns declared without a type (no
// affinity in SQLite, ANY in etsql) with SQLite: random INSERT, UPDATE and
// DELETE sequences on a table keyed by such a column and on a rowid
// table, the contents and the storage classes (typeof) compared after
// each; then random WHERE, ORDER BY, GROUP BY, DISTINCT and join
// queries over them.
func TestDifferential_untyped(t *testing.T) {
	db, lite := openPair(t)
	for _, s := range []string{
		"CREATE TABLE u (k PRIMARY KEY, a, b)",
		"CREATE TABLE v (x, y INTEGER, z)",
	} {
		mustExec(t, db, lite, s)
	}
	r := rand.New(rand.NewPCG(11, 12))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	val := func() string { return untypedValues[r.IntN(len(untypedValues))] }
	// y INTEGER holds integers (etsql refuses what SQLite would keep as text or real)
	yval := func() string { return pick("NULL", "0", "1", "-3", "10", "1.0", "'1'", "'10'", "'1.0'") }
	pred := func(col string) string {
		switch r.IntN(6) {
		case 0:
			return col + " IS NULL"
		case 1:
			return col + " IN (" + val() + ", " + val() + ")"
		case 2:
			return col + " BETWEEN " + val() + " AND " + val()
		}
		return col + " " + pick("=", "<>", "<", "<=", ">", ">=") + " " + val()
	}
	const showU = "SELECT k, typeof(k), a, typeof(a), b, typeof(b) FROM u ORDER BY k"
	const showV = "SELECT x, typeof(x), y, typeof(y), z, typeof(z) FROM v ORDER BY rowid"
	for i := 0; i < 400; i++ {
		var q string
		switch r.IntN(8) {
		case 0, 1:
			q = fmt.Sprintf("INSERT INTO u VALUES (%s, %s, %s)", pick(untypedValues[1:]...), val(), val())
		case 2:
			q = fmt.Sprintf("INSERT INTO v VALUES (%s, %s, %s), (%s, %s, %s)", val(), yval(), val(), val(), yval(), val())
		case 3:
			q = "UPDATE u SET " + pick("a = "+val(), "b = a", "a = a + 1", "b = b || 'x'", "a = NULL", "k = k || 'k'") + " WHERE " + pred(pick("k", "a", "b"))
		case 4:
			q = "UPDATE v SET " + pick("x = "+val(), "z = x * 2", "y = "+yval()) + " WHERE " + pred(pick("x", "y", "z"))
		case 5:
			q = "DELETE FROM " + pick("u WHERE "+pred(pick("k", "a")), "v WHERE "+pred(pick("x", "z")))
		default:
			q = fmt.Sprintf("INSERT OR REPLACE INTO u VALUES (%s, %s, %s)", pick(untypedValues[1:]...), val(), val())
		}
		where := fmt.Sprintf("change %d", i)
		_, err := db.Exec(q)
		_, lerr := lite.Exec(q)
		if (err == nil) != (lerr == nil) {
			t.Errorf("%s: etsql error %v, sqlite error %v\n%s", where, err, lerr, q)
		}
		compareClassed(t, where, db, lite, showU)
		compareClassed(t, where, db, lite, showV)
	}
	var nu, nv int
	if err := db.QueryRow("SELECT (SELECT count(*) FROM u), (SELECT count(*) FROM v)").Scan(&nu, &nv); err != nil || nu < 10 || nv < 10 {
		t.Fatalf("the changes left %d rows in u, %d in v (%v): too few to query", nu, nv, err)
	}
	for i := 0; i < 300; i++ {
		where := fmt.Sprintf("query %d", i)
		switch r.IntN(6) {
		case 0:
			compareClassed(t, where, db, lite, "SELECT k, typeof(k) FROM u WHERE "+pred(pick("k", "a", "b"))+" ORDER BY k")
		case 1:
			compareClassed(t, where, db, lite, "SELECT a, typeof(a), count(*) FROM u GROUP BY a ORDER BY a")
		case 2:
			compareClassed(t, where, db, lite, "SELECT DISTINCT x, typeof(x) FROM v ORDER BY x, typeof(x)")
		case 3:
			q := "SELECT u.k, v.x, v.z FROM u JOIN v ON u.a = v.x WHERE " + pred("v.z")
			if msg := compareClasses(db, lite, q, 3); msg != "" {
				t.Errorf("%s: %s\n%s", where, msg, q)
			}
		case 4:
			compareClassed(t, where, db, lite, "SELECT k, a, b FROM u ORDER BY "+pick("a", "b DESC", "a, b")+", k")
		default:
			compareClassed(t, where, db, lite, "SELECT k FROM u WHERE k = "+val()+" OR k IN (SELECT x FROM v WHERE "+pred("y")+") ORDER BY k")
		}
	}
}

// TestDifferential_affinityNames compares columns declared with type
// names etsql does not know, which follow SQLite's affinity rules, and
// with none: the stored classes must be SQLite's.
func TestDifferential_affinityNames(t *testing.T) {
	db, lite := openPair(t)
	mustExec(t, db, lite, "CREATE TABLE n (a UNSIGNED INTEGER, b SHORTTEXT, c FLOATING, d BLOBBY, e, f INTEGER)")
	for _, v := range []string{"1", "'7'", "2.0", "'x'", "NULL", "' 5 '", "-4"} {
		switch v {
		case "'x'", "' 5 '": // INT, FLOAT columns refuse text that is no number (STRICT)
			mustExec(t, db, lite, fmt.Sprintf("INSERT INTO n (b, d, e) VALUES (%s, %s, %s)", v, v, v))
		default:
			mustExec(t, db, lite, fmt.Sprintf("INSERT INTO n VALUES (%s, %s, %s, %s, %s, %s)", v, v, v, v, v, v))
		}
	}
	compareClassed(t, "affinity", db, lite, "SELECT a, typeof(a), b, typeof(b), c, typeof(c), d, typeof(d), e, typeof(e) FROM n ORDER BY rowid")
}

// compareClassed runs q, which orders its rows completely, in both
// engines: the values must be SQLite's, storage classes included (see
// classedTerm), in the same order; an error in one must be an error in
// the other.
func compareClassed(t *testing.T, where string, db *etsql.DB, lite *sql.DB, q string) {
	t.Helper()
	got, gerr := etsqlTerms(db, q)
	want, lerr := sqliteAnys(lite, q)
	if gerr != nil || lerr != nil {
		if (gerr == nil) != (lerr == nil) {
			t.Errorf("%s: etsql error %v, sqlite error %v\n%s", where, gerr, lerr, q)
		}
		return
	}
	g := make([]string, len(got))
	for i, v := range got {
		g[i] = classedTerm(v)
	}
	w := make([]string, len(want))
	for i, v := range want {
		w[i] = classedAny(v)
	}
	if !slices.Equal(g, w) {
		t.Errorf("%s: %s\netsql  %.400v\nsqlite %.400v", where, q, g, w)
	}
}
