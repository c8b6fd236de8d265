package main

import (
	"fmt"
	"math/rand/v2"

	"github.com/etsql/etsql/fixtures/northwind"
)

// seed fixes every random stream of the benchmark: the same -rows always
// gives the same rows, insert order, lookup keys and range starts.
const seed = 0x65747371 // "etsq"

// categories is the number of distinct category values (category = id % categories).
const categories = 100

// The filter of the filtered count and the category of the update and
// the prefix scan.
const (
	filterCategory = 7
	filterPrice    = 500.0
)

// rangeLen is the number of consecutive keys of a range scan.
const rangeLen = 1000

// Row is one row of the items table: {id PK, name TEXT, category INT =
// id % 100, price FLOAT, qty INT}.
type Row struct {
	ID       int64
	Name     string
	Category int64
	Price    float64
	Qty      int64
}

// Data is one benchmark's input: the rows in insert order, and the keys
// the lookups and range scans use.
type Data struct {
	Rows        []Row   // ids 1..n in a random order
	LookupKeys  []int64 // random existing ids
	RangeStarts []int64 // random ids with rangeLen consecutive ids from each
	NW          *NWData // Northwind-shaped tables
}

// generate returns the data for n rows, deterministically.
func generate(n int) *Data {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	rows := make([]Row, n)
	for i, p := range r.Perm(n) {
		id := int64(p + 1)
		rows[i] = Row{
			ID:       id,
			Name:     fmt.Sprintf("item %d %s", id, words[r.IntN(len(words))]),
			Category: id % categories,
			Price:    float64(r.IntN(100_000)) / 100, // 0.00 .. 999.99
			Qty:      int64(r.IntN(1000)),
		}
	}
	d := &Data{Rows: rows}
	d.LookupKeys = make([]int64, 1<<16)
	for i := range d.LookupKeys {
		d.LookupKeys[i] = 1 + r.Int64N(int64(n))
	}
	d.RangeStarts = make([]int64, 1<<10)
	span := max(1, n-rangeLen+1)
	for i := range d.RangeStarts {
		d.RangeStarts[i] = 1 + r.Int64N(int64(span))
	}
	return d
}

var words = []string{"anchor", "bolt", "cable", "dowel", "epoxy", "flange", "gasket", "hinge",
	"insert", "joint", "knob", "lever", "mount", "nut", "o-ring", "pulley", "quill", "rivet",
	"spring", "tube", "union", "valve", "washer", "yoke", "zipper"}

// NWData is the part of the Northwind-shaped data set the join benchmarks
// use, made by fixtures/northwind's generator.
type NWData struct {
	Scale    int
	Products []NWProduct
	Orders   []NWOrder
	Details  []NWDetail // in (order_id, product_id) order
	// LineOrders are random order ids for the order-with-lines lookup.
	LineOrders []int64
}

// NWProduct is a product's id, name, category and price.
type NWProduct struct {
	ID, Category int64
	Name         string
	Price        float64
}

// NWOrder is an order's id and customer.
type NWOrder struct {
	ID       int64
	Customer string
}

// NWDetail is one order line.
type NWDetail struct {
	Order, Product int64
	Price          float64
	Quantity       int64
	Discount       float64
}

// nwScale returns the Northwind scale for a run of n rows: about n/5
// order lines (scale 1 has 2155).
func nwScale(n int) int { return max(1, min(northwind.MaxScale, n/10_000)) }

// generateNW returns the Northwind tables at the given scale.
func generateNW(scale int) (*NWData, error) {
	d := &NWData{Scale: scale}
	err := northwind.Generate(scale, func(table string, row []any) error {
		switch table {
		case "products":
			d.Products = append(d.Products, NWProduct{ID: row[0].(int64), Name: row[1].(string),
				Category: row[3].(int64), Price: row[5].(float64)})
		case "orders":
			d.Orders = append(d.Orders, NWOrder{ID: row[0].(int64), Customer: row[1].(string)})
		case "order_details":
			d.Details = append(d.Details, NWDetail{Order: row[0].(int64), Product: row[1].(int64),
				Price: row[2].(float64), Quantity: row[3].(int64), Discount: row[4].(float64)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, uint64(scale)))
	d.LineOrders = make([]int64, 1<<12)
	for i := range d.LineOrders {
		d.LineOrders[i] = d.Orders[r.IntN(len(d.Orders))].ID
	}
	return d, nil
}
