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

// The last orders' prefix: its traversal must start at the prefix, not at
// the table's first key.
func BenchmarkQuery_prefixLast(b *testing.B) {
	benchQuery(b, "SELECT * FROM order_details WHERE order_id = ?", 11077)
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

// A prepared key lookup read with QueryRow and Scan: nothing allocated.
func BenchmarkQuery_pointLookupRow(b *testing.B) {
	db := northwindDB(b)
	st, err := db.Prepare("SELECT product_name, unit_price FROM products WHERE product_id = ?")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var name string
	var price float64
	for b.Loop() {
		if err := st.QueryRow(11).Scan(&name, &price); err != nil {
			b.Fatal(err)
		}
	}
}

// benchRows is the size of the synthetic table of the aggregate and
// UPDATE benchmarks.
const benchRows = 1_000_000

// syntheticDB returns a table t (id INT PRIMARY KEY, category INT, price
// FLOAT, qty INT) of benchRows rows, in 100 categories.
func syntheticDB(b *testing.B) *etsql.DB {
	b.Helper()
	db, err := etsql.Open()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t (id INT PRIMARY KEY, category INT, price FLOAT, qty INT)"); err != nil {
		b.Fatal(err)
	}
	rows := make([][]any, benchRows)
	for i := range rows {
		rows[i] = []any{i, i % 100, float64(i%1000) + 0.5, i % 50}
	}
	if err := db.InsertRows("t", rows); err != nil {
		b.Fatal(err)
	}
	return db
}

func benchSynthetic(b *testing.B, sql string) {
	db := syntheticDB(b)
	st, err := db.Prepare(sql)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rows, err := st.Query()
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

func BenchmarkQuery_countWhere1M(b *testing.B) {
	benchSynthetic(b, "SELECT COUNT(*) FROM t WHERE category = 7 AND price > 500")
}

func BenchmarkQuery_sumGroupBy1M(b *testing.B) {
	benchSynthetic(b, "SELECT category, SUM(price) FROM t GROUP BY category")
}

func BenchmarkExec_updateExpr1M(b *testing.B) {
	db := syntheticDB(b)
	st, err := db.Prepare("UPDATE t SET qty = qty + 1 WHERE category = 7")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.Exec(); err != nil {
			b.Fatal(err)
		}
	}
}

// A 1,000-key range of the synthetic table, read to the end.
func BenchmarkQuery_range1000(b *testing.B) {
	db := syntheticDB(b)
	st, err := db.Prepare("SELECT * FROM t WHERE id BETWEEN ? AND ?")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var id, category, qty int64
	var price float64
	for b.Loop() {
		rows, err := st.Query(500_000, 500_999)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			if err := rows.Scan(&id, &category, &price, &qty); err != nil {
				b.Fatal(err)
			}
			n++
		}
		if err := rows.Err(); err != nil || n != 1000 {
			b.Fatal(n, err)
		}
		rows.Close()
	}
}

// BenchmarkExec_insertAutoKey: one-row INSERTs assigning an INTEGER
// PRIMARY KEY, outside transactions and in one.
func BenchmarkExec_insertAutoKey(b *testing.B) {
	for _, inTx := range []bool{false, true} {
		name := "autocommit"
		if inTx {
			name = "inTx"
		}
		b.Run(name, func(b *testing.B) {
			db, err := etsql.Open()
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"); err != nil {
				b.Fatal(err)
			}
			ins, err := db.Prepare("INSERT INTO t (v) VALUES (?)")
			if err != nil {
				b.Fatal(err)
			}
			if inTx {
				tx, err := db.Begin()
				if err != nil {
					b.Fatal(err)
				}
				defer tx.Commit()
				ins = tx.Stmt(ins)
			}
			for b.Loop() {
				if _, err := ins.Exec("x"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
