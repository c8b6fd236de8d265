package main

import (
	"fmt"
	"strings"
)

// resultRows is what the Northwind readers need of a query's rows: both
// *etsql.Rows and *sql.Rows have it, so the SQL API and the database/sql
// systems share one reader per query.
type resultRows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close() error
}

// readOrderLines reads sqlNWOrder's rows: how many lines, and their
// total quantity.
func readOrderLines(rows resultRows) (int, int64, error) {
	defer rows.Close()
	n, qty := 0, int64(0)
	for rows.Next() {
		var customer string
		var product, q int64
		if err := rows.Scan(&customer, &product, &q); err != nil {
			return 0, 0, err
		}
		n++
		qty += q
	}
	return n, qty, rows.Err()
}

// readRevenue reads sqlRevenue's rows into revenue by category.
func readRevenue(rows resultRows) ([]float64, error) {
	defer rows.Close()
	rev := make([]float64, nwCategories+1)
	for rows.Next() {
		var c int64
		var sum float64
		if err := rows.Scan(&c, &sum); err != nil {
			return nil, err
		}
		if c < 0 || c > nwCategories {
			return nil, fmt.Errorf("category %d out of range", c)
		}
		rev[c] = sum
	}
	return rev, rows.Err()
}

// readQuantities reads sqlCustomer's rows: how many customers, and the
// total quantity.
func readQuantities(rows resultRows) (int, int64, error) {
	defer rows.Close()
	n, qty := 0, int64(0)
	for rows.Next() {
		var customer string
		var q int64
		if err := rows.Scan(&customer, &q); err != nil {
			return 0, 0, err
		}
		n++
		qty += q
	}
	return n, qty, rows.Err()
}

// nwTable is one Northwind table's rows as SQL arguments, in its columns'
// order: the SQL API and the database/sql systems load the same rows.
type nwTable struct {
	name string
	cols int
	n    int
	row  func(i int) []any
}

// insert is the table's INSERT statement with one placeholder a column.
func (t nwTable) insert() string {
	return "INSERT INTO " + t.name + " VALUES (" + strings.TrimSuffix(strings.Repeat("?, ", t.cols), ", ") + ")"
}

// northwindTables lists the tables of d in the order they load.
func northwindTables(d *NWData) []nwTable {
	return []nwTable{
		{"products", 4, len(d.Products), func(i int) []any {
			p := &d.Products[i]
			return []any{p.ID, p.Name, p.Category, p.Price}
		}},
		{"orders", 2, len(d.Orders), func(i int) []any {
			return []any{d.Orders[i].ID, d.Orders[i].Customer}
		}},
		{"order_details", 5, len(d.Details), func(i int) []any {
			l := &d.Details[i]
			return []any{l.Order, l.Product, l.Price, l.Quantity, l.Discount}
		}},
	}
}
