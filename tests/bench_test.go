package tests

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/etsql/etsql"
	"github.com/etsql/etsql/fixtures/northwind"
)

// The same queries on the same generated data (scale 1) in etsql and in
// SQLite (modernc.org/sqlite, in memory), for scale, through prepared
// statements. Run: go test ./tests -run XXX -bench Compare -benchtime=1s

var compareQueries = []struct {
	name string
	sql  string
	args []any
}{
	{"pointLookup", "SELECT * FROM products WHERE product_id = ?", []any{11}},
	{"keyRange", "SELECT order_id, freight FROM orders WHERE order_id BETWEEN ? AND ?", []any{10300, 10320}},
	{"filterScan", "SELECT COUNT(*) FROM order_details WHERE quantity > ?", []any{50}},
	{"joinGroup", `SELECT c.category_name, SUM(d.unit_price * d.quantity) FROM order_details d
		JOIN products p ON p.product_id = d.product_id JOIN categories c ON c.category_id = p.category_id
		GROUP BY c.category_name`, nil},
	{"orderLimit", "SELECT order_id FROM orders ORDER BY freight DESC, order_id LIMIT 10", nil},
}

func generatedBoth(b *testing.B) (*etsql.DB, *sql.DB) {
	db, err := etsql.Open()
	if err != nil {
		b.Fatal(err)
	}
	if err := db.LoadNorthwind(1); err != nil {
		b.Fatal(err)
	}
	lite, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		b.Fatal(err)
	}
	lite.SetMaxOpenConns(1)
	for _, ti := range northwind.Tables() {
		if _, err := lite.Exec(sqliteCreate(ti)); err != nil {
			b.Fatal(err)
		}
	}
	tx, _ := lite.Begin()
	err = northwind.Generate(1, func(table string, row []any) error {
		ti, _ := northwind.Table(table)
		args := make([]any, len(row))
		for i, v := range row {
			switch x := v.(type) {
			case time.Time:
				args[i] = x.Format("2006-01-02")
			case bool:
				args[i] = map[bool]int{true: 1}[x]
			default:
				args[i] = v
			}
		}
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(ti.Columns)), ", ")
		_, err := tx.Exec(fmt.Sprintf("INSERT INTO %s VALUES (%s)", table, marks), args...)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return db, lite
}

func BenchmarkCompare(b *testing.B) {
	db, lite := generatedBoth(b)
	defer lite.Close()
	for _, q := range compareQueries {
		b.Run(q.name+"/etsql", func(b *testing.B) {
			st, err := db.Prepare(q.sql)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				rows, err := st.Query(q.args...)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
				}
			}
		})
		b.Run(q.name+"/sqlite", func(b *testing.B) {
			st, err := lite.Prepare(q.sql)
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			b.ReportAllocs()
			for b.Loop() {
				rows, err := st.Query(q.args...)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
				}
				rows.Close()
			}
		})
	}
}
