package etsql_test

import (
	"math/rand/v2"
	"strconv"
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

// A scan of a small table with a placeholder, its argument changing
// every run: each run plans a specialization (see
// planner.Statement.Run), which must cost little next to the scan.
func BenchmarkQuery_countFilterParamsVarying(b *testing.B) {
	db := northwindDB(b)
	st, err := db.Prepare("SELECT COUNT(*) FROM order_details WHERE quantity > ?")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var n int64
	i := 0
	for b.Loop() {
		if err := st.QueryRow(i % 100).Scan(&n); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// The same on a table of 8 rows, below planner's threshold for planning a
// specialization at the first run with new values: no planning per run.
func BenchmarkQuery_smallScanParamsVarying(b *testing.B) {
	db := northwindDB(b)
	st, err := db.Prepare("SELECT COUNT(*) FROM categories WHERE category_name = ?")
	if err != nil {
		b.Fatal(err)
	}
	names := []any{"Beverages", "Condiments", "Produce", "Seafood"}
	b.ReportAllocs()
	var n int64
	i := 0
	for b.Loop() {
		if err := st.QueryRow(names[i%len(names)]).Scan(&n); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkQuery_countFilterParams(b *testing.B) {
	benchQuery(b, "SELECT COUNT(*) FROM order_details WHERE quantity > ?", 50)
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
	cpu0 := cpuTime()
	for b.Loop() {
		if err := st.QueryRow(11).Scan(&name, &price); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu0)
}

// reportCPU reports the process's CPU time per iteration since start (a
// cpuTime reading) as cpu-ns/op: on a machine shared with other work it
// varies less than the elapsed time.
func reportCPU(b *testing.B, start int64) {
	if start > 0 && b.N > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
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
	cpu0 := cpuTime()
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
	reportCPU(b, cpu0)
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
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := st.Exec(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu0)
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
	cpu0 := cpuTime()
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
	reportCPU(b, cpu0)
}

// issueDB returns the table of issue 8's comparison: t (id INT PRIMARY
// KEY, name TEXT, category INT = id % 100, price FLOAT, qty INT) of
// benchRows rows inserted in random order, of the table type typ
// ("ordered_set" or "set").
func issueDB(b *testing.B, typ string) *etsql.DB {
	b.Helper()
	db, err := etsql.Open()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t (id INT PRIMARY KEY, name TEXT, category INT, price FLOAT, qty INT) WITH (type = " + typ + ")"); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(8, 8))
	rows := make([][]any, benchRows)
	for i, id := range rng.Perm(benchRows) {
		rows[i] = []any{id, "name-" + strconv.Itoa(id), id % 100, rng.Float64() * 1000, rng.IntN(100)}
	}
	const batch = 10_000
	for i := 0; i < len(rows); i += batch {
		if err := db.InsertRows("t", rows[i:min(i+batch, len(rows))]); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

// BenchmarkIssue8 runs the SQL operations of issue 8's table on 1M
// random-order rows, on an ordered_set (the default) and on a set.
func BenchmarkIssue8(b *testing.B) {
	for _, typ := range []string{"ordered_set", "set"} {
		b.Run(typ, func(b *testing.B) {
			db := issueDB(b, typ)
			prep := func(b *testing.B, sql string) *etsql.Stmt {
				st, err := db.Prepare(sql)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				return st
			}
			b.Run("lookup", func(b *testing.B) {
				st := prep(b, "SELECT * FROM t WHERE id = ?")
				keys := make([]any, benchRows) // boxed up front: the loop allocates nothing of its own
				for i, k := range rand.New(rand.NewPCG(1, 2)).Perm(benchRows) {
					keys[i] = k
				}
				var id, cat, qty int64
				var name string
				var price float64
				i := 0
				cpu0 := cpuTime()
				for b.Loop() {
					if err := st.QueryRow(keys[i%benchRows]).Scan(&id, &name, &cat, &price, &qty); err != nil {
						b.Fatal(err)
					}
					i++
				}
				reportCPU(b, cpu0)
			})
			b.Run("range1000", func(b *testing.B) {
				st := prep(b, "SELECT * FROM t WHERE id BETWEEN ? AND ?")
				var id, cat, qty int64
				var name string
				var price float64
				cpu0 := cpuTime()
				for b.Loop() {
					rows, err := st.Query(500_000, 500_999)
					if err != nil {
						b.Fatal(err)
					}
					n := 0
					for rows.Next() {
						if err := rows.Scan(&id, &name, &cat, &price, &qty); err != nil {
							b.Fatal(err)
						}
						n++
					}
					if err := rows.Err(); err != nil || n != 1000 {
						b.Fatal(n, err)
					}
				}
				reportCPU(b, cpu0)
			})
			b.Run("countWhere", func(b *testing.B) {
				st := prep(b, "SELECT COUNT(*) FROM t WHERE category = 7 AND price > 500")
				var n int64
				cpu0 := cpuTime()
				for b.Loop() {
					if err := st.QueryRow().Scan(&n); err != nil {
						b.Fatal(err)
					}
				}
				reportCPU(b, cpu0)
			})
			// The same count with placeholders: the arguments are exact
			// (an INT for category, a FLOAT for price), so it runs as the
			// literal SQL does; "Varying" changes the category every run,
			// each then planned again.
			b.Run("countWhereParams", func(b *testing.B) {
				st := prep(b, "SELECT COUNT(*) FROM t WHERE category = ? AND price > ?")
				var n int64
				cpu0 := cpuTime()
				for b.Loop() {
					if err := st.QueryRow(7, 500.0).Scan(&n); err != nil {
						b.Fatal(err)
					}
				}
				reportCPU(b, cpu0)
			})
			b.Run("countWhereParamsVarying", func(b *testing.B) {
				st := prep(b, "SELECT COUNT(*) FROM t WHERE category = ? AND price > ?")
				var n int64
				i := 0
				cpu0 := cpuTime()
				for b.Loop() {
					if err := st.QueryRow(i%100, 500.0).Scan(&n); err != nil {
						b.Fatal(err)
					}
					i++
				}
				reportCPU(b, cpu0)
			})
			b.Run("sumGroupBy", func(b *testing.B) {
				st := prep(b, "SELECT category, SUM(price) FROM t GROUP BY category")
				cpu0 := cpuTime()
				for b.Loop() {
					rows, err := st.Query()
					if err != nil {
						b.Fatal(err)
					}
					n := 0
					for rows.Next() {
						n++
					}
					if err := rows.Err(); err != nil || n != 100 {
						b.Fatal(n, err)
					}
				}
				reportCPU(b, cpu0)
			})
			b.Run("update", func(b *testing.B) {
				st := prep(b, "UPDATE t SET qty = qty + 1 WHERE category = 7")
				cpu0 := cpuTime()
				for b.Loop() {
					if _, err := st.Exec(); err != nil {
						b.Fatal(err)
					}
				}
				reportCPU(b, cpu0)
			})
			b.Run("updateParams", func(b *testing.B) {
				st := prep(b, "UPDATE t SET qty = qty + 1 WHERE category = ?")
				cpu0 := cpuTime()
				for b.Loop() {
					if _, err := st.Exec(7); err != nil {
						b.Fatal(err)
					}
				}
				reportCPU(b, cpu0)
			})
		})
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
