package etsql_test

import (
	"testing"

	"github.com/etsql/etsql"
	"github.com/etsql/etsql/fixtures/northwind"
)

func northwindDB(b *testing.B) *etsql.DB {
	b.Helper()
	db, err := etsql.Open()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(northwind.Schema()); err != nil {
		b.Fatal(err)
	}
	rows := map[string][][]any{}
	if err := northwind.Generate(1, func(table string, row []any) error {
		rows[table] = append(rows[table], row)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	for _, ti := range northwind.Tables() {
		if err := db.InsertRows(ti.Name, rows[ti.Name]); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

func benchQuery(b *testing.B, sql string, args ...any) {
	db := northwindDB(b)
	st, err := db.Prepare(sql)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		rows, err := st.Query(args...)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
		}
		if err := rows.Err(); err != nil {
			b.Fatal(err)
		}
		rows.Close()
	}
}

func BenchmarkQuery_pointLookup(b *testing.B) {
	benchQuery(b, "SELECT * FROM products WHERE product_id = ?", 11)
}

func BenchmarkQuery_pointLookupUnprepared(b *testing.B) {
	db := northwindDB(b)
	b.ReportAllocs()
	for b.Loop() {
		rows, err := db.Query("SELECT * FROM products WHERE product_id = 11")
		if err != nil {
			b.Fatal(err)
		}
		rows.Close()
	}
}

func BenchmarkQuery_keyRange(b *testing.B) {
	benchQuery(b, "SELECT order_id, freight FROM orders WHERE order_id BETWEEN 10300 AND 10320")
}

func BenchmarkQuery_prefix(b *testing.B) {
	benchQuery(b, "SELECT * FROM order_details WHERE order_id = ?", 10300)
}

func BenchmarkQuery_countFilter(b *testing.B) {
	benchQuery(b, "SELECT COUNT(*) FROM order_details WHERE quantity > 50")
}

func BenchmarkQuery_joinGroup(b *testing.B) {
	benchQuery(b, `SELECT c.category_name, SUM(d.unit_price * d.quantity) FROM order_details d
		JOIN products p ON p.product_id = d.product_id JOIN categories c ON c.category_id = p.category_id
		GROUP BY c.category_name`)
}

func BenchmarkQuery_orderByKeyLimit(b *testing.B) {
	benchQuery(b, "SELECT * FROM orders ORDER BY order_id DESC LIMIT 10")
}

func BenchmarkQuery_fullScan(b *testing.B) {
	benchQuery(b, "SELECT order_id, product_id, quantity FROM order_details WHERE quantity > 10")
}

func BenchmarkQuery_orderByLimit(b *testing.B) {
	benchQuery(b, "SELECT order_id, product_id, quantity FROM order_details ORDER BY quantity DESC, order_id, product_id LIMIT 10")
}
