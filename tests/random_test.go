package tests

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/etsql/etsql"
)

// TestDifferential_randomWhere compares etsql with SQLite on random WHERE
// clauses over a table of every lowerable type with NULLs: whatever goes
// into the match specification and whatever stays in the residual filter,
// the rows must be SQLite's.
func TestDifferential_randomWhere(t *testing.T) { randomWhere(t, nil, "") }

// TestDifferential_randomWhere_indexed is TestDifferential_randomWhere
// with secondary indexes on the columns the WHERE clauses test (SQLite
// gets them too): the index paths must give the rows a full select gives,
// and the random changes must keep the indexes right.
func TestDifferential_randomWhere_indexed(t *testing.T) {
	for _, typ := range []string{"ordered_set", "set", "bag"} {
		t.Run(typ, func(t *testing.T) { randomWhere(t, randomIndexes, " WITH (type = "+typ+")") })
	}
}

var randomIndexes = []string{
	"CREATE INDEX w_a ON w (a)",
	"CREATE INDEX w_s ON w (s)",
	"CREATE INDEX w_b ON w (b)",
	"CREATE INDEX w_d ON w (d)",
	"CREATE INDEX w_as ON w (a, s)",
	"CREATE INDEX w2_v ON w2 (v)",
	"CREATE INDEX w2_yv ON w2 (y, v)",
}

// randomWhere runs the random WHERE clauses and changes, with the indexes
// and the table options with (etsql's WITH clause; SQLite gets neither).
func randomWhere(t *testing.T, indexes []string, with string) {
	db, lite := openPair(t)
	// DATE is TEXT to SQLite: etsql compares dates as their ISO text, as a
	// TEXT column holding them would (a column declared DATE in SQLite
	// has NUMERIC affinity instead).
	for _, s := range []string{
		"CREATE TABLE w (id INT PRIMARY KEY, a INT, b FLOAT, s TEXT, d %s)",
		"CREATE TABLE w2 (x INT, y TEXT, v INT, PRIMARY KEY (x, y))",
	} {
		if _, err := db.Exec(strings.Replace(s, "%s", "DATE", 1) + with); err != nil {
			t.Fatal(err)
		}
		if _, err := lite.Exec(strings.Replace(s, "%s", "TEXT", 1)); err != nil {
			t.Fatal(err)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	texts := []string{"NULL", "'a'", "'b'", "'B'", "''", "'10'", "'ab'"}
	dates := []string{"NULL", "'1997-01-01'", "'1997-06-30'", "'1998-01-01'"}
	for i := 1; i <= 40; i++ {
		a := []string{"NULL", fmt.Sprint(r.IntN(7) - 2)}[min(r.IntN(5), 1)]
		b := []string{"NULL", fmt.Sprintf("%.1f", float64(r.IntN(50)-10)/4)}[min(r.IntN(5), 1)]
		mustExec(t, db, lite, fmt.Sprintf("INSERT INTO w VALUES (%d, %s, %s, %s, %s)", i, a, b, texts[r.IntN(len(texts))], dates[r.IntN(len(dates))]))
		mustExec(t, db, lite, fmt.Sprintf("INSERT INTO w2 VALUES (%d, %s, %s)", r.IntN(5), texts[1+r.IntN(len(texts)-1)]+"||"+fmt.Sprint(i), a))
	}
	for _, s := range indexes {
		mustExec(t, db, lite, s)
	}
	g := &whereGen{r: r}
	indexed := 0
	for i := 0; i < 600; i++ {
		g.args = nil
		where := g.pred(3)
		compareQuery(t, "random where", db, lite, "SELECT id FROM w WHERE "+where, g.args...)
		where2 := g.pred2(2)
		compareQuery(t, "random where", db, lite, "SELECT x, y FROM w2 WHERE "+where2)
		if indexes != nil {
			indexed += usesIndex(t, db, "SELECT id FROM w WHERE "+where, g.args...)
			indexed += usesIndex(t, db, "SELECT x, y FROM w2 WHERE "+where2)
		}
	}
	if indexes != nil && indexed < 300 {
		t.Errorf("only %d of 1200 queries read an index", indexed)
	}
	// random changes, the table compared after each
	next := 100
	for i := 0; i < 200; i++ {
		g.args = nil
		var q string
		switch g.r.IntN(5) {
		case 0:
			next++
			q = fmt.Sprintf("INSERT INTO w VALUES (%d, %s, %s, %s, NULL)", next, g.pick("NULL", "1", "2"), g.pick("NULL", "0.5"), g.pick("NULL", "'n'"))
		case 1:
			q = "DELETE FROM w WHERE " + g.pred(1) + " AND id % 3 = 0"
		case 2:
			q = "UPDATE w SET " + g.pick("a = 7", "b = NULL", "s = 'u'", "a = a + 1", "s = s || 'x'", "b = b * 2", "id = id + 1000") + " WHERE " + g.pred(2)
		default:
			q = "UPDATE w SET a = " + g.pick("1", "NULL", "a - 1") + ", s = " + g.pick("'v'", "NULL", "s") + " WHERE " + g.pred(1)
		}
		if len(g.args) > 0 {
			continue // compareDML takes no arguments
		}
		if g.r.IntN(4) == 0 {
			compareReturning(t, db, lite, q+g.pick(" RETURNING *", " RETURNING id, a + 1, s || 'r'"), "w")
			continue
		}
		compareDML(t, "random change", db, lite, q)
	}
}

// usesIndex is 1 when the plan of q reads a secondary index, else 0.
func usesIndex(t *testing.T, db *etsql.DB, q string, args ...any) int {
	t.Helper()
	rows, err := db.Query("EXPLAIN "+q, args...)
	if err != nil {
		t.Fatal(q, err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(line, "scan: index ") {
			n = 1
		}
	}
	return n
}

func mustExec(t *testing.T, db *etsql.DB, lite *sql.DB, s string) {
	t.Helper()
	if _, err := db.Exec(s); err != nil {
		t.Fatal(s, err)
	}
	if _, err := lite.Exec(s); err != nil {
		t.Fatal(s, err)
	}
}

// whereGen makes random predicates; a "?" gets a random value of the
// column's kinds as an argument.
type whereGen struct {
	r    *rand.Rand
	args []any
}

func (g *whereGen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

func (g *whereGen) pickAny(xs ...any) any { return xs[g.r.IntN(len(xs))] }

func (g *whereGen) value(col string) string {
	switch col {
	case "a", "id":
		return g.pick("NULL", "0", "1", "-1", "3", "2.5", "'1'", "'x'", "?")
	case "b":
		return g.pick("NULL", "0", "1.5", "-2", "2.25", "'1.5'", "'z'", "?")
	case "s":
		return g.pick("NULL", "'a'", "'b'", "'B'", "''", "10", "'ab'", "?")
	}
	return g.pick("NULL", "'1997-01-01'", "'1997-06-30'", "'1997-1-1'", "'1997'", "?")
}

func (g *whereGen) pred(depth int) string {
	if depth > 0 && g.r.IntN(3) == 0 {
		switch g.r.IntN(3) {
		case 0:
			return "(" + g.pred(depth-1) + " AND " + g.pred(depth-1) + ")"
		case 1:
			return "(" + g.pred(depth-1) + " OR " + g.pred(depth-1) + ")"
		default:
			return "NOT (" + g.pred(depth-1) + ")"
		}
	}
	col := g.pick("id", "a", "b", "s", "d")
	v := func() string {
		s := g.value(col)
		if s == "?" {
			g.args = append(g.args, g.pickAny(0, 1, -1, 2.5, 1.5, "1", "a", "B", "", "1997-01-01", "1997-06-30", nil))
		}
		return s
	}
	switch g.r.IntN(7) {
	case 0:
		return col + g.pick(" IS NULL", " IS NOT NULL")
	case 1:
		return col + g.pick(" IN (", " NOT IN (") + v() + ", " + v() + ")"
	case 2:
		return col + g.pick(" BETWEEN ", " NOT BETWEEN ") + v() + " AND " + v()
	case 3:
		if col == "a" || col == "b" {
			return "a " + g.pick("=", "<", ">=", "<>") + " b"
		}
	case 4:
		if col == "s" {
			return "s LIKE " + g.pick("'a%'", "'%b'", "'_'", "'A%'")
		}
	}
	return col + " " + g.pick("=", "<>", "<", "<=", ">", ">=") + " " + v()
}

func (g *whereGen) pred2(depth int) string {
	if depth > 0 && g.r.IntN(3) == 0 {
		return "(" + g.pred2(depth-1) + g.pick(" AND ", " OR ") + g.pred2(depth-1) + ")"
	}
	col := g.pick("x", "y", "v")
	val := map[string][]string{"x": {"0", "2", "4", "'3'", "1.0"}, "y": {"'a||3'", "'b'", "'ab||7'", "'a'"}, "v": {"NULL", "1", "-1"}}[col]
	return col + " " + g.pick("=", "<", ">=", "<>") + " " + g.pick(val...)
}

// TestDifferential_randomJoins compares random joins, groupings and
// subqueries over the same tables.
func TestDifferential_randomJoins(t *testing.T) { randomJoins(t, nil) }

// TestDifferential_randomJoins_indexed: the same with indexes on the
// joined columns, which lookup joins read per left row.
func TestDifferential_randomJoins_indexed(t *testing.T) {
	randomJoins(t, []string{"CREATE INDEX j1_a ON j1 (a)", "CREATE INDEX j2_v ON j2 (v)", "CREATE INDEX j3_n ON j3 (n)"})
}

func randomJoins(t *testing.T, indexes []string) {
	db, lite := openPair(t)
	for _, s := range []string{
		"CREATE TABLE j1 (id INT PRIMARY KEY, a INT, s TEXT)",
		"CREATE TABLE j2 (x INT, y TEXT, v INT, PRIMARY KEY (x, y))",
		"CREATE TABLE j3 (k TEXT PRIMARY KEY, n FLOAT)",
	} {
		mustExec(t, db, lite, s)
	}
	r := rand.New(rand.NewPCG(3, 4))
	g := &whereGen{r: r}
	val := func(xs ...string) string { return g.pick(xs...) }
	for i := 1; i <= 30; i++ {
		mustExec(t, db, lite, fmt.Sprintf("INSERT INTO j1 VALUES (%d, %s, %s)", i, val("NULL", "1", "2", "3", "5"), val("NULL", "'a'", "'b'", "'c'")))
		mustExec(t, db, lite, fmt.Sprintf("INSERT INTO j2 VALUES (%d, '%s%d', %s)", r.IntN(8), val("a", "b", "c"), i, val("NULL", "1", "2", "-1")))
	}
	for _, k := range []string{"a", "b", "d"} {
		mustExec(t, db, lite, fmt.Sprintf("INSERT INTO j3 VALUES ('%s', %s)", k, val("NULL", "1.5", "2")))
	}
	for _, s := range indexes {
		mustExec(t, db, lite, s)
	}
	for i := 0; i < 400; i++ {
		join := g.pick("JOIN", "LEFT JOIN", ",")
		on := g.pick("j2.x = j1.a", "j2.x = j1.id", "j1.a = j2.x AND j2.v > 0", "j2.v = j1.a", "j1.id < j2.x")
		from := "j1 " + join + " j2"
		var conds []string
		if join == "," {
			conds = append(conds, on)
		} else {
			from += " ON " + on
		}
		if g.r.IntN(2) == 0 {
			from += g.pick(" LEFT JOIN j3 ON j3.k = j1.s", " JOIN j3 ON j3.k = j1.s", " LEFT JOIN j3 ON j3.k = j1.s AND j3.n > 1")
		}
		cond := g.pick("", "j2.x = 3", "j1.id = 5", "j2.x = 2 AND j2.y > 'b'", "j1.id BETWEEN 3 AND 9 AND j2.x = 1", "j1.s IS NOT NULL", "j2.v IS NULL", "j1.a > 1 OR j2.y LIKE 'a%'", "NOT (j2.v = 1)",
			"j1.id IN (SELECT x FROM j2 WHERE v = 2)", "EXISTS (SELECT 1 FROM j2 z WHERE z.x = j1.id AND z.v < 0)",
			"j1.a = (SELECT MAX(x) FROM j2 WHERE j2.v = 1)")
		if cond != "" {
			conds = append(conds, "("+cond+")")
		}
		if len(conds) > 0 {
			from += " WHERE " + strings.Join(conds, " AND ")
		}
		var q string
		switch g.r.IntN(3) {
		case 0:
			q = "SELECT j1.id, j1.s, j2.y, j2.v FROM " + from
		case 1:
			q = "SELECT j1.a, COUNT(*), COUNT(j2.v), SUM(j2.v), MAX(j2.y), COUNT(DISTINCT j2.x) FROM " + from + " GROUP BY j1.a" + g.pick("", " HAVING COUNT(*) > 2", " HAVING SUM(j2.v) IS NULL")
		default:
			q = "SELECT DISTINCT j1.s, j2.v FROM " + from + " ORDER BY 1, 2" + g.pick("", " LIMIT 3", " LIMIT 2 OFFSET 1")
		}
		compareQuery(t, "random join", db, lite, q)
	}
}
