package tests

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/etsql/etsql"
	"github.com/etsql/etsql/internal/shared"
)

// TestDifferential_views compares etsql with SQLite on queries reading
// views (in FROM, joins, subqueries, views of views) over small tables
// with NULLs, written to between the queries: a view is no snapshot.
func TestDifferential_views(t *testing.T) {
	db, lite := openPair(t)
	for _, s := range []string{
		"CREATE TABLE w (id INT PRIMARY KEY, a INT, b FLOAT, s TEXT, d TEXT)",
		"CREATE TABLE w2 (x INT, y TEXT, v INT, PRIMARY KEY (x, y))",
	} {
		mustExec(t, db, lite, s)
	}
	r := rand.New(rand.NewPCG(3, 4))
	texts := []string{"NULL", "'a'", "'b'", "'B'", "''", "'10'", "'ab'"}
	dates := []string{"NULL", "'1997-01-01'", "'1997-06-30'", "'1998-01-01'"}
	insert := func(i int) {
		a := []string{"NULL", fmt.Sprint(r.IntN(7) - 2)}[min(r.IntN(5), 1)]
		b := []string{"NULL", fmt.Sprintf("%.1f", float64(r.IntN(50)-10)/4)}[min(r.IntN(5), 1)]
		mustExec(t, db, lite, fmt.Sprintf("INSERT INTO w VALUES (%d, %s, %s, %s, %s)", i, a, b, texts[r.IntN(len(texts))], dates[r.IntN(len(dates))]))
		mustExec(t, db, lite, fmt.Sprintf("INSERT INTO w2 VALUES (%d, %s, %s)", r.IntN(5), texts[1+r.IntN(len(texts)-1)]+"||"+fmt.Sprint(i), a))
	}
	for i := 1; i <= 30; i++ {
		insert(i)
	}
	views := []string{
		"CREATE VIEW vall AS SELECT * FROM w",
		"CREATE VIEW vexpr AS SELECT id, a, a + 1, b * 2 AS b2, s || 'x', upper(s) FROM w WHERE a IS NOT NULL",
		"CREATE VIEW vdup AS SELECT w.a, w2.v AS a, x, y FROM w JOIN w2 ON w2.v = w.a",
		"CREATE VIEW vagg (k, n, total) AS SELECT a, COUNT(*), SUM(b) FROM w GROUP BY a",
		"CREATE VIEW vagg2 AS SELECT k, n FROM vagg WHERE n > 1",
		"CREATE VIEW vcomp AS SELECT a FROM w UNION SELECT v FROM w2 ORDER BY 1 LIMIT 4",
		"CREATE VIEW vleft AS SELECT w.id, w2.y FROM w LEFT JOIN w2 ON w2.x = w.a",
	}
	for _, v := range views {
		mustExec(t, db, lite, v)
	}
	queries := []string{
		"SELECT * FROM vall",
		"SELECT * FROM vexpr",
		"SELECT \"a + 1\", b2 FROM vexpr WHERE b2 > 0",
		"SELECT * FROM vdup",
		"SELECT * FROM vagg",
		"SELECT k, n, total FROM vagg ORDER BY k NULLS LAST",
		"SELECT * FROM vagg2",
		"SELECT * FROM vcomp",
		"SELECT * FROM vleft",
		"SELECT COUNT(*), SUM(a) FROM vall",
		"SELECT v.id, v2.k FROM vall AS v JOIN vagg AS v2 ON v2.k = v.a WHERE v.id < 10",
		"SELECT id FROM w WHERE a IN (SELECT k FROM vagg2)",
		"SELECT id, (SELECT n FROM vagg WHERE k = w.a) FROM w",
		"SELECT * FROM (SELECT * FROM vexpr WHERE id > 5) AS q",
		"SELECT vall.*, vagg.n FROM vall, vagg WHERE vall.a = vagg.k AND vall.id % 2 = 0",
		"SELECT a, COUNT(*) FROM vall GROUP BY a HAVING COUNT(*) > 1",
		"SELECT DISTINCT s FROM vall ORDER BY s",
		"SELECT y FROM vleft WHERE y IS NULL",
	}
	g := &whereGen{r: r}
	for round := 0; round < 3; round++ {
		for _, q := range queries {
			compareQuery(t, q, db, lite, q)
		}
		for i := 0; i < 200; i++ {
			g.args = nil
			q := "SELECT id FROM vall WHERE " + g.pred(3)
			compareQuery(t, "random where on a view", db, lite, q, g.args...)
		}
		// writes to the tables show through the views
		for i := 0; i < 5; i++ {
			insert(100*(round+1) + i)
		}
		mustExec(t, db, lite, fmt.Sprintf("UPDATE w SET a = a + 1 WHERE id %% 4 = %d", round))
		mustExec(t, db, lite, fmt.Sprintf("DELETE FROM w WHERE id %% 7 = %d", round))
	}
}

// openNorthwindPair opens etsql and SQLite databases holding the
// Northwind data.
func openNorthwindPair(t *testing.T) (*etsql.DB, *sql.DB) {
	t.Helper()
	dir := shared.NorthwindDir(t)
	db, lite := openPair(t)
	if err := loadBoth(db, lite, dir); err != nil {
		t.Fatal(err)
	}
	return db, lite
}

// TestDifferential_viewsNorthwind compares etsql with SQLite on views
// Northwind users write: order totals, customers' orders, a view of a
// view.
func TestDifferential_viewsNorthwind(t *testing.T) {
	db, lite := openNorthwindPair(t)
	for _, v := range []string{
		`CREATE VIEW order_totals AS SELECT order_id, SUM(unit_price * quantity * (1 - discount)) AS total, COUNT(*) FROM order_details GROUP BY order_id`,
		`CREATE VIEW customer_orders (customer, country, order_id, shipped) AS
			SELECT c.company_name, c.country, o.order_id, o.shipped_date FROM customers c JOIN orders o ON o.customer_id = c.customer_id`,
		`CREATE VIEW big_orders AS SELECT * FROM order_totals WHERE total > 10000`,
		`CREATE VIEW product_list AS SELECT p.product_name, c.category_name, p.unit_price FROM products p LEFT JOIN categories c ON c.category_id = p.category_id WHERE p.discontinued = 0`,
	} {
		mustExec(t, db, lite, v)
	}
	for _, q := range []string{
		"SELECT * FROM order_totals WHERE order_id < 10260",
		"SELECT * FROM big_orders",
		"SELECT country, COUNT(*) FROM customer_orders GROUP BY country",
		"SELECT customer, order_id FROM customer_orders WHERE shipped IS NULL",
		"SELECT co.customer, COUNT(*), MAX(ot.total) FROM customer_orders co JOIN order_totals ot ON ot.order_id = co.order_id GROUP BY co.customer",
		"SELECT * FROM product_list WHERE unit_price > 40",
		"SELECT category_name, COUNT(*), MAX(unit_price) FROM product_list GROUP BY category_name",
		"SELECT order_id FROM orders WHERE order_id IN (SELECT order_id FROM big_orders) AND freight > 100",
		"SELECT (SELECT COUNT(*) FROM big_orders), (SELECT MAX(total) FROM order_totals)",
	} {
		compareQuery(t, q, db, lite, q)
	}
	mustExec(t, db, lite, "DELETE FROM order_details WHERE order_id IN (SELECT order_id FROM big_orders LIMIT 3)")
	compareQuery(t, "after delete", db, lite, "SELECT * FROM big_orders")
}
