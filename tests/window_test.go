package tests

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/etsql/etsql"
)

// TestDifferential_windows compares etsql with SQLite on random window
// function calls (partitions, orders, frames) over a small table with
// NULLs, alone and after WHERE, GROUP BY and before ORDER BY and LIMIT.
// Functions that see the order of peers get an order ending with the
// key, so that both databases agree on it.
func TestDifferential_windows(t *testing.T) {
	db, lite := openPair(t)
	mustExec(t, db, lite, "CREATE TABLE w (id INT PRIMARY KEY, a INT, b FLOAT, s TEXT)")
	r := rand.New(rand.NewPCG(9, 10))
	texts := []string{"NULL", "'a'", "'b'", "''", "'10'"}
	for i := 1; i <= 40; i++ {
		a := []string{"NULL", fmt.Sprint(r.IntN(5) - 1)}[min(r.IntN(5), 1)]
		b := []string{"NULL", fmt.Sprintf("%.2f", float64(r.IntN(40)-10)/4)}[min(r.IntN(5), 1)]
		mustExec(t, db, lite, fmt.Sprintf("INSERT INTO w VALUES (%d, %s, %s, %s)", i, a, b, texts[r.IntN(len(texts))]))
	}
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	for i := 0; i < 600; i++ {
		part := pick("", "", "PARTITION BY a ", "PARTITION BY s ", "PARTITION BY a % 2, s IS NULL ")
		total := pick("id", "b, id", "a DESC, id", "s NULLS LAST, b DESC, id", "a NULLS LAST, id DESC")
		ties := pick("a", "b DESC", "s", "a, s DESC", "b NULLS LAST")
		frame := pick("", "ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING", "ROWS 2 PRECEDING", "ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING",
			"ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING", "ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING", "RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING",
			"RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING")
		var call string
		switch r.IntN(6) {
		case 0:
			call = pick("ROW_NUMBER()", "LAG(b)", "LEAD(s, 2)", "LAG(a, 1, -9)", "LEAD(b, 0)") + " OVER (" + part + "ORDER BY " + total + ")"
		case 1:
			call = pick("RANK()", "DENSE_RANK()") + " OVER (" + part + "ORDER BY " + ties + ")"
		case 2:
			call = pick("FIRST_VALUE(b)", "LAST_VALUE(s)", "FIRST_VALUE(a)") + " OVER (" + part + "ORDER BY " + total + " " + frame + ")"
		case 3:
			call = pick("SUM(a)", "COUNT(*)", "COUNT(b)", "AVG(b)", "MIN(s)", "MAX(b)", "TOTAL(a)") + " OVER (" + part + "ORDER BY " + ties + ")"
		case 4:
			// not group_concat: SQLite's sliding group_concat drops empty
			// strings as they leave the frame (its inverse step cuts at
			// the first separator)
			call = pick("SUM(b)", "COUNT(*)", "AVG(a)", "MIN(a)", "MAX(s)") + " OVER (" + part + "ORDER BY " + total + " " + frame + ")"
		default:
			call = pick("SUM(a)", "COUNT(*)", "MAX(b)", "COUNT(a) FILTER (WHERE b > 0)", "group_concat(s, '-')") + " OVER (" + part + pick("", "ORDER BY "+total) + ")"
		}
		var q string
		switch r.IntN(3) {
		case 0:
			q = "SELECT id, " + call + " FROM w"
		case 1:
			q = "SELECT id, a, " + call + " AS x FROM w WHERE id % 3 <> 0 ORDER BY x, id LIMIT 15"
		default:
			q = "SELECT a, s, COUNT(*), " + replaceGrouped(call) + " FROM w GROUP BY a, s"
		}
		compareUnordered(t, "random window", db, lite, q)
	}
}

// replaceGrouped makes a window call valid over groups of (a, s): its
// columns b and id, not grouped, become aggregates of them.
func replaceGrouped(call string) string {
	out := []rune{}
	rs := []rune(call)
	for i := 0; i < len(rs); i++ {
		word := func(w string) bool {
			if i+len(w) > len(rs) || string(rs[i:i+len(w)]) != w {
				return false
			}
			before := i == 0 || !isIdentRune(rs[i-1])
			after := i+len(w) == len(rs) || !isIdentRune(rs[i+len(w)])
			return before && after
		}
		switch {
		case word("id"):
			out = append(out, []rune("MIN(id)")...)
			i++
		case word("b"):
			out = append(out, []rune("SUM(b)")...)
		default:
			out = append(out, rs[i])
		}
	}
	return string(out)
}

func isIdentRune(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// TestDifferential_windowsNorthwind compares etsql with SQLite on window
// functions over Northwind: rankings, running totals, previous orders.
func TestDifferential_windowsNorthwind(t *testing.T) {
	db, lite := openNorthwindPair(t)
	for _, q := range []string{
		"SELECT product_id, category_id, unit_price, RANK() OVER (PARTITION BY category_id ORDER BY unit_price DESC) FROM products",
		"SELECT order_id, customer_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date, order_id), LAG(order_id) OVER (PARTITION BY customer_id ORDER BY order_date, order_id) FROM orders",
		"SELECT order_id, SUM(quantity) OVER (ORDER BY order_id) FROM order_details WHERE order_id < 10300",
		"SELECT employee_id, COUNT(*), DENSE_RANK() OVER (ORDER BY COUNT(*) DESC) FROM orders GROUP BY employee_id",
		"SELECT order_id, product_id, quantity, MAX(quantity) OVER (PARTITION BY order_id), COUNT(*) OVER (PARTITION BY order_id) FROM order_details WHERE order_id BETWEEN 10248 AND 10300",
		"SELECT customer_id, order_id, freight, AVG(freight) OVER (PARTITION BY customer_id ORDER BY order_id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM orders WHERE customer_id LIKE 'A%'",
		"SELECT * FROM (SELECT product_name, category_id, RANK() OVER (PARTITION BY category_id ORDER BY units_in_stock DESC, product_id) AS r FROM products) WHERE r <= 2",
	} {
		compareUnordered(t, q, db, lite, q)
	}
}

// compareUnordered is compareQuery for a query whose ORDER BY sits
// inside its windows only: the rows are compared as sets.
func compareUnordered(t *testing.T, where string, db *etsql.DB, lite *sql.DB, q string) {
	t.Helper()
	if strings.Contains(strings.ToUpper(q), ") ORDER BY") || !strings.Contains(strings.ToUpper(q), "ORDER BY") {
		compareQuery(t, where, db, lite, q)
		return
	}
	gotNames, got, err := queryEtsql(db, q)
	if err != nil {
		t.Errorf("%s: etsql: %v\n%s", where, err, q)
		return
	}
	wantNames, want, err := querySQLite(lite, q)
	if err != nil {
		t.Errorf("%s: sqlite: %v\n%s", where, err, q)
		return
	}
	if !slices.Equal(gotNames, wantNames) {
		t.Errorf("%s: column names %q, sqlite %q\n%s", where, gotNames, wantNames, q)
	}
	slices.SortFunc(got, func(a, b []value) int { return strings.Compare(sortKey(a), sortKey(b)) })
	slices.SortFunc(want, func(a, b []value) int { return strings.Compare(sortKey(a), sortKey(b)) })
	same := len(got) == len(want)
	for i := 0; same && i < len(got); i++ {
		same = len(got[i]) == len(want[i])
		for j := 0; same && j < len(got[i]); j++ {
			same = sameValue(got[i][j], want[i][j])
		}
	}
	if !same {
		t.Errorf("%s: rows differ\n%s\n---- etsql (%d rows)\n%s---- sqlite (%d rows)\n%s", where, q, len(got), formatRows(got), len(want), formatRows(want))
	}
}
