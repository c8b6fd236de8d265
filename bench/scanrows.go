package main

import "fmt"

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
