package tests

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestDifferential_rowValues compares etsql with SQLite on random row
// value comparisons, IN lists and IN subqueries over small tables with
// NULLs.
func TestDifferential_rowValues(t *testing.T) {
	db, lite := openPair(t)
	mustExec(t, db, lite, "CREATE TABLE w (id INT PRIMARY KEY, a INT, b FLOAT, s TEXT)")
	mustExec(t, db, lite, "CREATE TABLE w2 (x INT, y TEXT, v INT, PRIMARY KEY (x, y))")
	r := rand.New(rand.NewPCG(7, 8))
	texts := []string{"NULL", "'a'", "'b'", "''", "'10'"}
	for i := 1; i <= 30; i++ {
		a := []string{"NULL", fmt.Sprint(r.IntN(4) - 1)}[min(r.IntN(4), 1)]
		b := []string{"NULL", fmt.Sprintf("%.1f", float64(r.IntN(8)-2)/2)}[min(r.IntN(4), 1)]
		mustExec(t, db, lite, fmt.Sprintf("INSERT INTO w VALUES (%d, %s, %s, %s)", i, a, b, texts[r.IntN(len(texts))]))
		mustExec(t, db, lite, fmt.Sprintf("INSERT INTO w2 VALUES (%d, %s, %s)", r.IntN(4)-1, texts[1+r.IntN(len(texts)-1)]+"||"+fmt.Sprint(i), a))
	}
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	intv := func() string { return pick("NULL", "-1", "0", "1", "2", "a", "id % 3") }
	fltv := func() string { return pick("NULL", "0.5", "1", "-1.0", "b", "a") }
	txtv := func() string { return pick("NULL", "'a'", "'b'", "s", "'10'") }
	row := func(n int) string {
		var es []string
		for i := range n {
			es = append(es, []func() string{intv, fltv, txtv}[i%3]())
		}
		return "(" + strings.Join(es, ", ") + ")"
	}
	for i := 0; i < 500; i++ {
		n := 2 + r.IntN(2)
		var cond string
		switch r.IntN(4) {
		case 0, 1:
			cond = row(n) + " " + pick("=", "<>", "<", "<=", ">", ">=", "IS", "IS NOT") + " " + row(n)
		case 2:
			var items []string
			for range 1 + r.IntN(3) {
				items = append(items, row(n))
			}
			cond = row(n) + pick(" IN ", " NOT IN ") + "(" + strings.Join(items, ", ") + ")"
		default:
			cols := []string{"x", "v", "y"}[:min(n, 3)]
			if n == 2 {
				cols = []string{pick("x", "v"), pick("v", "x + 0.5")}
				cond = "(" + intv() + ", " + fltv() + ")"
			} else {
				cond = "(" + intv() + ", " + intv() + ", " + txtv() + ")"
				cols = []string{"x", "v", "y"}
			}
			cond += pick(" IN ", " NOT IN ") + "(SELECT " + strings.Join(cols, ", ") + " FROM w2" + pick("", " WHERE x > 0", " WHERE v IS NULL") + ")"
		}
		compareQuery(t, "random row value", db, lite, "SELECT id, "+cond+" FROM w")
		compareQuery(t, "random row value", db, lite, "SELECT id FROM w WHERE "+cond)
	}
}

// TestDifferential_rowValuesNorthwind compares etsql with SQLite on row
// values over Northwind: composite keys looked up and compared.
func TestDifferential_rowValuesNorthwind(t *testing.T) {
	db, lite := openNorthwindPair(t)
	for _, q := range []string{
		"SELECT * FROM order_details WHERE (order_id, product_id) = (10248, 11)",
		"SELECT order_id, product_id FROM order_details WHERE (order_id, product_id) IN ((10248, 11), (10249, 14), (10250, 99))",
		"SELECT order_id, product_id FROM order_details WHERE (order_id, product_id) > (11076, 14)",
		"SELECT order_id FROM orders WHERE (customer_id, employee_id) IN (SELECT customer_id, employee_id FROM orders WHERE freight > 500)",
		"SELECT employee_id, territory_id FROM employee_territories WHERE (employee_id, territory_id) NOT IN (SELECT employee_id, territory_id FROM employee_territories WHERE employee_id > 2)",
		"SELECT product_id FROM products WHERE (category_id, supplier_id) = (SELECT category_id, supplier_id FROM products WHERE product_id = 1)",
	} {
		compareQuery(t, q, db, lite, q)
	}
}
