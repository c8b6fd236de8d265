package etsql_test

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/etsql/etsql"
)

// The per-call overhead of the bench program's short queries (bench/sqlsys.go),
// through the SQL API (prepared Stmt) and through database/sql (prepared
// sql.Stmt on the same DB): a key lookup in a set of 1M rows, 1,000
// consecutive keys of an ordered_set, the 10,000 rows of a key prefix
// {category, id}, one Northwind order joined with its lines.

var (
	shortOnce sync.Once
	shortDB   *etsql.DB
	shortErr  error
)

// shortQueriesDB returns the tables of the bench program's short queries,
// loaded once: items (a set) and items_ordered (an ordered_set) keyed by
// id, items_by_category keyed by {category, id}, all of benchRows rows with
// category = id % 100, and Northwind at scale 1.
func shortQueriesDB(b *testing.B) *etsql.DB {
	b.Helper()
	shortOnce.Do(func() { shortDB, shortErr = loadShortQueriesDB() })
	if shortErr != nil {
		b.Fatal(shortErr)
	}
	return shortDB
}

func loadShortQueriesDB() (*etsql.DB, error) {
	db, err := etsql.Open()
	if err != nil {
		return nil, err
	}
	if err := db.LoadNorthwind(1); err != nil {
		return nil, err
	}
	const items = `CREATE TABLE %s (id INT NOT NULL, name TEXT NOT NULL, category INT NOT NULL,
		price FLOAT NOT NULL, qty INT NOT NULL, PRIMARY KEY (id)) WITH (type = %s)`
	for _, ddl := range []string{
		fmt.Sprintf(items, "items", "set"),
		fmt.Sprintf(items, "items_ordered", "ordered_set"),
		`CREATE TABLE items_by_category (category INT NOT NULL, id INT NOT NULL, name TEXT NOT NULL,
		price FLOAT NOT NULL, qty INT NOT NULL, PRIMARY KEY (category, id)) WITH (type = ordered_set)`,
	} {
		if _, err := db.Exec(ddl); err != nil {
			return nil, err
		}
	}
	rng := rand.New(rand.NewPCG(8, 8))
	const batch = 10_000
	byID := make([][]any, 0, batch)
	byCat := make([][]any, 0, batch)
	for id := range benchRows {
		name, cat, price, qty := fmt.Sprintf("item-%d", id), id%100, rng.Float64()*1000, rng.IntN(100)
		byID = append(byID, []any{id, name, cat, price, qty})
		byCat = append(byCat, []any{cat, id, name, price, qty})
		if len(byID) == batch || id == benchRows-1 {
			for _, ins := range []struct {
				table string
				rows  [][]any
			}{{"items", byID}, {"items_ordered", byID}, {"items_by_category", byCat}} {
				if err := db.InsertRows(ins.table, ins.rows); err != nil {
					return nil, err
				}
			}
			byID, byCat = byID[:0], byCat[:0]
		}
	}
	return db, nil
}

// The bench program's statements (bench/sqlsys.go).
const (
	shortLookup = "SELECT qty FROM items WHERE id = ?"
	shortRange  = "SELECT qty FROM items_ordered WHERE id BETWEEN ? AND ? ORDER BY id"
	shortPrefix = "SELECT id, price FROM items_by_category WHERE category = ?"
	shortOrder  = "SELECT o.customer_id, od.product_id, od.quantity FROM orders o JOIN order_details od ON od.order_id = o.order_id WHERE o.order_id = ?"
)

// querier is what the short benchmarks run their statements on: an
// *etsql.Stmt or a *sql.Stmt, behind one shape.
type querier interface {
	lookup(id int64) (int64, error)
}

type apiStmt struct {
	st  *etsql.Stmt
	qty int64
}

func (s *apiStmt) lookup(id int64) (int64, error) {
	err := s.st.QueryRow(id).Scan(&s.qty)
	return s.qty, err
}

type driverStmt struct{ st *sql.Stmt }

func (s driverStmt) lookup(id int64) (int64, error) {
	var qty int64
	err := s.st.QueryRow(id).Scan(&qty)
	return qty, err
}

// BenchmarkShort runs the short queries through the SQL API ("api") and
// database/sql ("driver").
func BenchmarkShort(b *testing.B) {
	db := shortQueriesDB(b)
	sqldb := sql.OpenDB(etsql.NewConnector(db))
	defer sqldb.Close()
	sqldb.SetMaxOpenConns(1)
	prepare := map[string]func(b *testing.B, q string) querier{
		"api": func(b *testing.B, q string) querier {
			st, err := db.Prepare(q)
			if err != nil {
				b.Fatal(err)
			}
			return &apiStmt{st: st}
		},
		"driver": func(b *testing.B, q string) querier {
			st, err := sqldb.Prepare(q)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { st.Close() })
			return driverStmt{st}
		},
	}
	for _, via := range []string{"api", "driver"} {
		b.Run(via, func(b *testing.B) {
			b.Run("lookup", func(b *testing.B) {
				q := prepare[via](b, shortLookup)
				keys := rand.New(rand.NewPCG(1, 2)).Perm(benchRows)
				b.ReportAllocs()
				i := 0
				cpu0 := cpuTime()
				for b.Loop() {
					if _, err := q.lookup(int64(keys[i%benchRows])); err != nil {
						b.Fatal(err)
					}
					i++
				}
				reportCPU(b, cpu0)
			})
			b.Run("range1000", func(b *testing.B) {
				q := prepare[via](b, shortRange)
				b.ReportAllocs()
				cpu0 := cpuTime()
				for b.Loop() {
					n, _ := readShort(b, q, 1, 500_000, 500_999)
					if n != 1000 {
						b.Fatal(n)
					}
				}
				reportCPU(b, cpu0)
			})
			// new bounds every run, as the bench program's ranges
			b.Run("range1000Varying", func(b *testing.B) {
				q := prepare[via](b, shortRange)
				b.ReportAllocs()
				lo := 0
				cpu0 := cpuTime()
				for b.Loop() {
					lo = (lo + 7919) % (benchRows - 1000)
					n, _ := readShort(b, q, 1, lo, lo+999)
					if n != 1000 {
						b.Fatal(n)
					}
				}
				reportCPU(b, cpu0)
			})
			b.Run("prefix", func(b *testing.B) {
				q := prepare[via](b, shortPrefix)
				b.ReportAllocs()
				cpu0 := cpuTime()
				for b.Loop() {
					if n, _ := readShort(b, q, 2, 7); n != benchRows/100 {
						b.Fatal(n)
					}
				}
				reportCPU(b, cpu0)
			})
			b.Run("order", func(b *testing.B) {
				q := prepare[via](b, shortOrder)
				b.ReportAllocs()
				cpu0 := cpuTime()
				for b.Loop() {
					if n, _ := readShort(b, q, 3, 10300); n == 0 {
						b.Fatal(n)
					}
				}
				reportCPU(b, cpu0)
			})
		})
	}
}

// readShort runs q with args and reads its rows, of ncols columns: an
// int (1), an int and a float (2), or a string and two ints (3), as the
// bench program does. Each system has its own loop so that Scan is called
// on the concrete type, as a program calls it: through an interface its
// destinations would escape, an allocation per row.
func readShort(b *testing.B, q querier, ncols int, args ...any) (n int, sum int64) {
	var err error
	switch q := q.(type) {
	case *apiStmt:
		n, sum, err = readAPI(q.st, ncols, args)
	case driverStmt:
		n, sum, err = readDriver(q.st, ncols, args)
	}
	if err != nil {
		b.Fatal(err)
	}
	return n, sum
}

func readAPI(st *etsql.Stmt, ncols int, args []any) (n int, sum int64, err error) {
	rows, err := st.Query(args...)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	var i1, i2 int64
	var f float64
	var s string
	for rows.Next() {
		switch ncols {
		case 1:
			err = rows.Scan(&i1)
		case 2:
			err = rows.Scan(&i1, &f)
		default:
			err = rows.Scan(&s, &i1, &i2)
		}
		if err != nil {
			return 0, 0, err
		}
		n++
		sum += i1
	}
	return n, sum, rows.Err()
}

func readDriver(st *sql.Stmt, ncols int, args []any) (n int, sum int64, err error) {
	rows, err := st.Query(args...)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	var i1, i2 int64
	var f float64
	var s string
	for rows.Next() {
		switch ncols {
		case 1:
			err = rows.Scan(&i1)
		case 2:
			err = rows.Scan(&i1, &f)
		default:
			err = rows.Scan(&s, &i1, &i2)
		}
		if err != nil {
			return 0, 0, err
		}
		n++
		sum += i1
	}
	return n, sum, rows.Err()
}
