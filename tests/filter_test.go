package tests

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestDifferential_aggregateFilter compares etsql with SQLite on
// aggregates with FILTER (WHERE ...): random aggregates and conditions
// over a small table with NULLs, grouped and not.
func TestDifferential_aggregateFilter(t *testing.T) {
	db, lite := openPair(t)
	mustExec(t, db, lite, "CREATE TABLE w (id INT PRIMARY KEY, a INT, b FLOAT, s TEXT, d TEXT)")
	r := rand.New(rand.NewPCG(5, 6))
	texts := []string{"NULL", "'a'", "'b'", "'B'", "''", "'10'", "'ab'"}
	for i := 1; i <= 40; i++ {
		a := []string{"NULL", fmt.Sprint(r.IntN(7) - 2)}[min(r.IntN(5), 1)]
		b := []string{"NULL", fmt.Sprintf("%.1f", float64(r.IntN(50)-10)/4)}[min(r.IntN(5), 1)]
		mustExec(t, db, lite, fmt.Sprintf("INSERT INTO w VALUES (%d, %s, %s, %s, NULL)", i, a, b, texts[r.IntN(len(texts))]))
	}
	g := &whereGen{r: r}
	aggs := []string{"COUNT(*)", "COUNT(a)", "SUM(a)", "SUM(b)", "AVG(a)", "MIN(s)", "MAX(b)", "TOTAL(a)", "COUNT(DISTINCT a)", "SUM(DISTINCT b)", "group_concat(s)"}
	for i := 0; i < 400; i++ {
		g.args = nil
		agg := g.pick(aggs...) + " FILTER (WHERE " + g.pred(2) + ")"
		args := g.args
		var q string
		switch i % 4 {
		case 0:
			q = "SELECT " + agg + " FROM w"
		case 1:
			q = "SELECT a, " + agg + ", COUNT(*) FROM w GROUP BY a"
		case 2:
			q = "SELECT s, " + agg + " FROM w GROUP BY s HAVING " + agg + " IS NOT NULL"
			args = append(args, args...)
		default:
			q = "SELECT " + agg + ", " + aggs[i%len(aggs)] + " FROM w WHERE id > 10"
		}
		compareQuery(t, "random filter", db, lite, q, args...)
	}
}

// TestDifferential_aggregateFilterNorthwind compares etsql with SQLite
// on Northwind reports using FILTER.
func TestDifferential_aggregateFilterNorthwind(t *testing.T) {
	db, lite := openNorthwindPair(t)
	for _, q := range []string{
		"SELECT COUNT(*) FILTER (WHERE shipped_date IS NULL), COUNT(*) FILTER (WHERE freight > 100), COUNT(*) FROM orders",
		"SELECT employee_id, COUNT(*) FILTER (WHERE ship_country = 'USA') AS usa, COUNT(*) FILTER (WHERE ship_country <> 'USA') AS other FROM orders GROUP BY employee_id",
		"SELECT product_id, SUM(quantity) FILTER (WHERE discount > 0), SUM(quantity) FILTER (WHERE discount = 0), MAX(unit_price) FILTER (WHERE quantity >= 50) FROM order_details GROUP BY product_id",
		"SELECT c.country, COUNT(DISTINCT o.customer_id) FILTER (WHERE o.freight > 50) FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id GROUP BY c.country",
		"SELECT category_id, AVG(unit_price) FILTER (WHERE discontinued = 0) FROM products GROUP BY category_id HAVING COUNT(*) FILTER (WHERE units_in_stock = 0) > 0",
	} {
		compareQuery(t, q, db, lite, q)
	}
}
