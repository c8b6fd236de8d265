package main

import "errors"

// system is one contender, driven operation by operation by the harness,
// which times each call. Every method returns what it computed so that
// the harness can check that all systems agree.
type system interface {
	Name() string
	// Load inserts the rows one by one, in the given order.
	Load(rows []Row) error
	// Lookup returns the qty of the row with primary key id.
	Lookup(id int64) (qty int64, err error)
	// Range visits the n rows with ids lo .. lo+n-1 in id order and
	// returns the sum of their qty.
	Range(lo int64, n int) (sumQty int64, err error)
	// CountFiltered counts the rows with category = 7 AND price > 500,
	// scanning every row (no index on category or price).
	CountFiltered() (int, error)
	// SumGroupBy returns SUM(price) by category, indexed by category.
	SumGroupBy() ([]float64, error)
	// Update adds 1 to qty in every row with category = 7 and returns
	// the number of rows changed.
	Update() (int, error)
	Close() error
}

// orderedLoader is a system whose items table is a hash table (the
// fastest for key lookups and full scans): before the range scans, the
// harness has it load an ordered copy, keyed by id, which Range reads.
// The copy's load is not part of the load figure.
type orderedLoader interface {
	LoadOrdered(rows []Row) error
}

// prefixScanner is a system that can store the rows keyed by the
// composite key {category, id} and scan one category as a key prefix.
type prefixScanner interface {
	LoadByCategory(rows []Row) error
	// PrefixScan visits the rows whose key starts with cat and returns
	// their number and the sum of their ids.
	PrefixScan(cat int64) (n int, sumID int64, err error)
}

// northwinder is a system that runs the Northwind-shaped joins.
type northwinder interface {
	LoadNorthwind(d *NWData) error
	// OrderLines reads one order joined with its lines (order_details
	// keyed by {order_id, product_id}) and returns the number of lines
	// and their total quantity.
	OrderLines(orderID int64) (lines int, qty int64, err error)
	// RevenueByCategory joins every order line with its product and
	// returns SUM(unit_price * quantity * (1 - discount)) by the product's
	// category_id (index 0 unused).
	RevenueByCategory() ([]float64, error)
	// QuantityByCustomer joins every order line with its order and
	// returns the number of customers with orders and the total quantity.
	QuantityByCustomer() (customers int, qty int64, err error)
}

// memoryReporter is a system whose data lives outside the Go heap, so it
// says itself how much memory its data takes and how it measured it.
type memoryReporter interface {
	Memory() (bytes int64, how string, err error)
}

// errUnavailable marks a system that cannot run here (its note says why).
var errUnavailable = errors.New("unavailable")

var (
	errNotFound    = errors.New("key not found")
	errUnsupported = errors.New("not supported by this system")
)

const minInt64 = -1 << 63

// nwCategories is the number of Northwind categories (ids 1..8).
const nwCategories = 8

// totalQuantity returns the number of customers and the sum of their
// quantities.
func totalQuantity(byCustomer map[string]int64) (int, int64, error) {
	var qty int64
	for _, q := range byCustomer {
		qty += q
	}
	return len(byCustomer), qty, nil
}
