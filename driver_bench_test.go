package etsql_test

import (
	"database/sql"
	"testing"
)

func northwindSQL(b *testing.B) *sql.DB {
	b.Helper()
	db, err := sql.Open("etsql", "?northwind=1")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// The cost database/sql adds over BenchmarkQuery_pointLookup.
func BenchmarkDriver_pointLookup(b *testing.B) {
	db := northwindSQL(b)
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

func BenchmarkDriver_pointLookupUnprepared(b *testing.B) {
	db := northwindSQL(b)
	b.ReportAllocs()
	var name string
	for b.Loop() {
		if err := db.QueryRow("SELECT product_name FROM products WHERE product_id = ?", 11).Scan(&name); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDriver_insert(b *testing.B) {
	db, err := sql.Open("etsql", "")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE t (id INT PRIMARY KEY, v TEXT)"); err != nil {
		b.Fatal(err)
	}
	st, err := db.Prepare("INSERT INTO t VALUES (?, ?)")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if _, err := st.Exec(i, "x"); err != nil {
			b.Fatal(err)
		}
	}
}
