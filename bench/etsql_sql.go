package main

import (
	"fmt"

	"github.com/etsql/etsql"
)

// etsqlSQL is etsql through its SQL Go API (the root package): the same
// tables and statements as the database/sql systems, every repeated
// statement prepared once, lookups by Stmt.QueryRow and Scan, loads by
// DB.InsertRows in batches.
type etsqlSQL struct {
	db *etsql.DB

	lookup, rangeQ, count, groupBy, update *etsql.Stmt
	prefix                                 *etsql.Stmt
	orderLines, revenue, customer          *etsql.Stmt

	qty int64 // Lookup's Scan destination: a field, so that it does not escape per call
}

// loadBatch is the number of rows per InsertRows call: a bulk load in
// batches, as a program streaming its rows in would do.
const loadBatch = 4096

func newEtsqlSQL() *etsqlSQL { return &etsqlSQL{} }

func (e *etsqlSQL) Name() string { return "etsql SQL" }

func (e *etsqlSQL) Load(rows []Row) error {
	var err error
	if e.db, err = etsql.Open(); err != nil {
		return err
	}
	if _, err := e.db.Exec(fmt.Sprintf(etsqlItemsDDL, "items", "set")); err != nil {
		return err
	}
	if err := e.insertItems("items", rows); err != nil {
		return err
	}
	return e.prepare(
		sqlPrep{&e.lookup, sqlLookup},
		sqlPrep{&e.count, sqlCount},
		sqlPrep{&e.groupBy, sqlGroupBy},
		sqlPrep{&e.update, sqlUpdate},
	)
}

// LoadOrdered loads the ordered_set copy of items the range scans read.
func (e *etsqlSQL) LoadOrdered(rows []Row) error {
	if _, err := e.db.Exec(fmt.Sprintf(etsqlItemsDDL, "items_ordered", "ordered_set")); err != nil {
		return err
	}
	if err := e.insertItems("items_ordered", rows); err != nil {
		return err
	}
	return e.prepare(sqlPrep{&e.rangeQ, fmt.Sprintf(sqlRange, "items_ordered")})
}

// insertItems inserts the items by InsertRows calls of loadBatch rows,
// refilling the same value slices for every batch (InsertRows keeps none
// of them), as a program streaming rows in would.
func (e *etsqlSQL) insertItems(table string, rows []Row) error {
	const width = 5
	vals := make([]any, loadBatch*width)
	batch := make([][]any, loadBatch)
	for i := range batch {
		batch[i] = vals[i*width : (i+1)*width : (i+1)*width]
	}
	for start := 0; start < len(rows); start += loadBatch {
		part := rows[start:min(start+loadBatch, len(rows))]
		b := batch[:len(part)]
		for i := range part {
			r, v := &part[i], b[i]
			v[0], v[1], v[2], v[3], v[4] = r.ID, r.Name, r.Category, r.Price, r.Qty
		}
		if err := e.db.InsertRows(table, b); err != nil {
			return err
		}
	}
	return nil
}

// insertBatches inserts n rows, row(i) giving the values of row i, by
// InsertRows calls of loadBatch rows.
func insertBatches(db *etsql.DB, table string, n int, row func(i int) []any) error {
	batch := make([][]any, 0, loadBatch)
	for i := range n {
		batch = append(batch, row(i))
		if len(batch) == loadBatch || i == n-1 {
			if err := db.InsertRows(table, batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	return nil
}

// sqlPrep is a statement to prepare and where to keep it.
type sqlPrep struct {
	dst **etsql.Stmt
	sql string
}

func (e *etsqlSQL) prepare(ps ...sqlPrep) error {
	for _, p := range ps {
		st, err := e.db.Prepare(p.sql)
		if err != nil {
			return fmt.Errorf("prepare %q: %w", p.sql, err)
		}
		*p.dst = st
	}
	return nil
}

func (e *etsqlSQL) Lookup(id int64) (int64, error) {
	err := e.lookup.QueryRow(id).Scan(&e.qty)
	return e.qty, err
}

func (e *etsqlSQL) Range(lo int64, n int) (int64, error) {
	rows, err := e.rangeQ.Query(lo, lo+int64(n)-1)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var sum, qty int64
	for rows.Next() {
		if err := rows.Scan(&qty); err != nil {
			return 0, err
		}
		sum += qty
	}
	return sum, rows.Err()
}

func (e *etsqlSQL) CountFiltered() (int, error) {
	var n int64
	err := e.count.QueryRow(filterCategory, filterPrice).Scan(&n)
	return int(n), err
}

func (e *etsqlSQL) SumGroupBy() ([]float64, error) {
	rows, err := e.groupBy.Query()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	sums := make([]float64, categories)
	for rows.Next() {
		var c int64
		var sum float64
		if err := rows.Scan(&c, &sum); err != nil {
			return nil, err
		}
		if c < 0 || c >= categories {
			return nil, fmt.Errorf("category %d out of range", c)
		}
		sums[c] = sum
	}
	return sums, rows.Err()
}

func (e *etsqlSQL) Update() (int, error) {
	res, err := e.update.Exec(filterCategory)
	return int(res.RowsAffected), err
}

func (e *etsqlSQL) LoadByCategory(rows []Row) error {
	if _, err := e.db.Exec(etsqlByCategoryDDL); err != nil {
		return err
	}
	if err := insertBatches(e.db, "items_by_category", len(rows), func(i int) []any {
		r := &rows[i]
		return []any{r.Category, r.ID, r.Name, r.Price, r.Qty}
	}); err != nil {
		return err
	}
	return e.prepare(sqlPrep{&e.prefix, sqlPrefix})
}

func (e *etsqlSQL) PrefixScan(cat int64) (int, int64, error) {
	rows, err := e.prefix.Query(cat)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	n, sum := 0, int64(0)
	for rows.Next() {
		var id int64
		var price float64
		if err := rows.Scan(&id, &price); err != nil {
			return 0, 0, err
		}
		n++
		sum += id
	}
	return n, sum, rows.Err()
}

func (e *etsqlSQL) LoadNorthwind(d *NWData) error {
	for _, ddl := range etsqlNorthwindDDL {
		if _, err := e.db.Exec(ddl); err != nil {
			return err
		}
	}
	for _, t := range northwindTables(d) {
		if err := insertBatches(e.db, t.name, t.n, t.row); err != nil {
			return err
		}
	}
	return e.prepare(sqlPrep{&e.orderLines, sqlNWOrder}, sqlPrep{&e.revenue, sqlRevenue}, sqlPrep{&e.customer, sqlCustomer})
}

func (e *etsqlSQL) OrderLines(orderID int64) (int, int64, error) {
	rows, err := e.orderLines.Query(orderID)
	if err != nil {
		return 0, 0, err
	}
	return readOrderLines(rows)
}

func (e *etsqlSQL) RevenueByCategory() ([]float64, error) {
	rows, err := e.revenue.Query()
	if err != nil {
		return nil, err
	}
	return readRevenue(rows)
}

func (e *etsqlSQL) QuantityByCustomer() (int, int64, error) {
	rows, err := e.customer.Query()
	if err != nil {
		return 0, 0, err
	}
	return readQuantities(rows)
}

func (e *etsqlSQL) Close() error {
	if e.db == nil {
		return nil
	}
	err := e.db.Close()
	e.db = nil
	return err
}
