package tests

import (
	"fmt"
	"testing"
)

// TestDifferential_createTableAs compares etsql with SQLite on CREATE
// TABLE ... AS SELECT over small tables with NULLs: the new table's
// column names and rows, and that it is a table (written to afterwards).
func TestDifferential_createTableAs(t *testing.T) {
	db, lite := openPair(t)
	for _, s := range []string{
		"CREATE TABLE w (id INT PRIMARY KEY, a INT, b FLOAT, s TEXT)",
		"CREATE TABLE w2 (x INT, y TEXT, v INT, PRIMARY KEY (x, y))",
		"INSERT INTO w VALUES (1, 1, 2.5, 'a'), (2, NULL, -1.0, 'b'), (3, 3, NULL, NULL), (4, -2, 0.25, 'ab'), (5, 3, 1.5, '')",
		"INSERT INTO w2 VALUES (1, 'p', 1), (1, 'q', NULL), (3, 'r', 3), (4, 's', -2), (7, 't', 7)",
	} {
		mustExec(t, db, lite, s)
	}
	for i, sel := range []string{
		"SELECT * FROM w",
		"SELECT a, a, s AS x, s FROM w",
		"SELECT id, a + 1, b * 2, s || 'x', upper(s), length(s), a IS NULL FROM w WHERE id > 1",
		"SELECT a, COUNT(*), SUM(b), MAX(s) FROM w GROUP BY a",
		"SELECT w.id, w2.y, w2.v FROM w LEFT JOIN w2 ON w2.x = w.a",
		"SELECT 1, 'lit', 1.5, NULL",
		"SELECT CASE WHEN a > 0 THEN a ELSE s END AS mixed FROM w",
		"SELECT a FROM w UNION SELECT v FROM w2 ORDER BY 1",
		"SELECT * FROM w WHERE 0",
		"SELECT CAST(a AS TEXT), CAST(b AS INT), abs(a), round(b), coalesce(a, b, s) FROM w",
	} {
		name := fmt.Sprintf("c%d", i)
		q := "CREATE TABLE " + name + " AS " + sel
		mustExec(t, db, lite, q)
		compareQuery(t, q, db, lite, "SELECT * FROM "+name)
		// a table like any other: keyed by a hidden rowid
		mustExec(t, db, lite, "INSERT INTO "+name+" SELECT * FROM "+name+" LIMIT 2")
		compareQuery(t, q, db, lite, "SELECT rowid, * FROM "+name)
	}
	mustExec(t, db, lite, "CREATE TABLE IF NOT EXISTS c0 AS SELECT 1")
	compareQuery(t, "if not exists", db, lite, "SELECT * FROM c0")
}

// TestDifferential_createTableAsNorthwind compares etsql with SQLite on
// tables made from Northwind queries.
func TestDifferential_createTableAsNorthwind(t *testing.T) {
	db, lite := openNorthwindPair(t)
	for _, q := range []string{
		"CREATE TABLE order_totals AS SELECT order_id, SUM(quantity) AS items, COUNT(*) FROM order_details GROUP BY order_id",
		"CREATE TABLE late AS SELECT o.order_id, c.company_name, o.shipped_date, o.freight FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.shipped_date > o.required_date",
		"CREATE TABLE cheap AS SELECT product_name, unit_price, category_id FROM products WHERE unit_price < 10",
	} {
		mustExec(t, db, lite, q)
	}
	for _, q := range []string{
		"SELECT * FROM order_totals",
		"SELECT * FROM late",
		"SELECT * FROM cheap",
		"SELECT l.company_name, COUNT(*), SUM(t.items) FROM late l JOIN order_totals t ON t.order_id = l.order_id GROUP BY l.company_name",
	} {
		compareQuery(t, q, db, lite, q)
	}
}
