package main

import (
	"strings"

	memdb "github.com/hashicorp/go-memdb"
)

// memdbSystem is hashicorp/go-memdb: immutable radix trees, one write
// transaction per batch, reads in read transactions. Objects are *Row
// (and the Northwind structs), with the "id" index on the primary key.
type memdbSystem struct {
	db *memdb.MemDB
}

func newMemDB() *memdbSystem { return &memdbSystem{} }

func (m *memdbSystem) Name() string { return "go-memdb" }

func memdbSchema() *memdb.DBSchema {
	id := func(field string) *memdb.IndexSchema {
		return &memdb.IndexSchema{Name: "id", Unique: true, Indexer: &memdb.IntFieldIndex{Field: field}}
	}
	compound := func(a, b string) *memdb.IndexSchema {
		return &memdb.IndexSchema{Name: "id", Unique: true, Indexer: &memdb.CompoundIndex{
			Indexes: []memdb.Indexer{prefixInt{&memdb.IntFieldIndex{Field: a}}, &memdb.IntFieldIndex{Field: b}}}}
	}
	table := func(name string, idx *memdb.IndexSchema) *memdb.TableSchema {
		return &memdb.TableSchema{Name: name, Indexes: map[string]*memdb.IndexSchema{"id": idx}}
	}
	return &memdb.DBSchema{Tables: map[string]*memdb.TableSchema{
		"items":             table("items", id("ID")),
		"items_by_category": table("items_by_category", compound("Category", "ID")),
		"products":          table("products", id("ID")),
		"orders":            table("orders", id("ID")),
		"order_details":     table("order_details", compound("Order", "Product")),
	}}
}

// prefixInt is memdb's IntFieldIndex usable as the leading part of a
// prefix query on a CompoundIndex: its encoding has a fixed width, so the
// encoded value is its own prefix.
type prefixInt struct{ *memdb.IntFieldIndex }

func (p prefixInt) PrefixFromArgs(args ...any) ([]byte, error) { return p.FromArgs(args...) }

func (m *memdbSystem) Load(rows []Row) error {
	db, err := memdb.NewMemDB(memdbSchema())
	if err != nil {
		return err
	}
	m.db = db
	return m.insertAll("items", len(rows), func(i int) any { return cloneRow(rows[i]) })
}

// insertAll inserts n objects in one write transaction.
func (m *memdbSystem) insertAll(table string, n int, obj func(i int) any) error {
	txn := m.db.Txn(true)
	defer txn.Abort()
	for i := range n {
		if err := txn.Insert(table, obj(i)); err != nil {
			return err
		}
	}
	txn.Commit()
	return nil
}

func (m *memdbSystem) Lookup(id int64) (int64, error) {
	txn := m.db.Txn(false)
	raw, err := txn.First("items", "id", id)
	if err != nil {
		return 0, err
	}
	if raw == nil {
		return 0, errNotFound
	}
	return raw.(*Row).Qty, nil
}

func (m *memdbSystem) Range(lo int64, n int) (int64, error) {
	txn := m.db.Txn(false)
	it, err := txn.LowerBound("items", "id", lo)
	if err != nil {
		return 0, err
	}
	var sum int64
	hi := lo + int64(n)
	for raw := it.Next(); raw != nil; raw = it.Next() {
		r := raw.(*Row)
		if r.ID >= hi {
			break
		}
		sum += r.Qty
	}
	return sum, nil
}

// scan calls fn with every row of items in id order.
func (m *memdbSystem) scan(fn func(r *Row)) error {
	it, err := m.db.Txn(false).Get("items", "id")
	if err != nil {
		return err
	}
	for raw := it.Next(); raw != nil; raw = it.Next() {
		fn(raw.(*Row))
	}
	return nil
}

func (m *memdbSystem) CountFiltered() (int, error) {
	n := 0
	err := m.scan(func(r *Row) {
		if r.Category == filterCategory && r.Price > filterPrice {
			n++
		}
	})
	return n, err
}

func (m *memdbSystem) SumGroupBy() ([]float64, error) {
	sums := make([]float64, categories)
	err := m.scan(func(r *Row) { sums[r.Category] += r.Price })
	return sums, err
}

// Update replaces each matching row by an updated copy, in one write
// transaction (memdb's objects must not change in place).
func (m *memdbSystem) Update() (int, error) {
	var changed []*Row
	if err := m.scan(func(r *Row) {
		if r.Category == filterCategory {
			c := *r
			c.Qty++
			changed = append(changed, &c)
		}
	}); err != nil {
		return 0, err
	}
	return len(changed), m.insertAll("items", len(changed), func(i int) any { return changed[i] })
}

func (m *memdbSystem) LoadByCategory(rows []Row) error {
	return m.insertAll("items_by_category", len(rows), func(i int) any { return cloneRow(rows[i]) })
}

func (m *memdbSystem) PrefixScan(cat int64) (int, int64, error) {
	it, err := m.db.Txn(false).Get("items_by_category", "id_prefix", cat)
	if err != nil {
		return 0, 0, err
	}
	n, sum := 0, int64(0)
	for raw := it.Next(); raw != nil; raw = it.Next() {
		n++
		sum += raw.(*Row).ID
	}
	return n, sum, nil
}

func (m *memdbSystem) LoadNorthwind(d *NWData) error {
	if err := m.insertAll("products", len(d.Products), func(i int) any {
		p := d.Products[i]
		p.Name = strings.Clone(p.Name)
		return &p
	}); err != nil {
		return err
	}
	if err := m.insertAll("orders", len(d.Orders), func(i int) any {
		o := d.Orders[i]
		o.Customer = strings.Clone(o.Customer)
		return &o
	}); err != nil {
		return err
	}
	return m.insertAll("order_details", len(d.Details), func(i int) any {
		l := d.Details[i]
		return &l
	})
}

func (m *memdbSystem) OrderLines(orderID int64) (int, int64, error) {
	txn := m.db.Txn(false)
	o, err := txn.First("orders", "id", orderID)
	if err != nil {
		return 0, 0, err
	}
	if o == nil {
		return 0, 0, errNotFound
	}
	it, err := txn.Get("order_details", "id_prefix", orderID)
	if err != nil {
		return 0, 0, err
	}
	n, qty := 0, int64(0)
	for raw := it.Next(); raw != nil; raw = it.Next() {
		n++
		qty += raw.(*NWDetail).Quantity
	}
	return n, qty, nil
}

// eachLine calls fn with every order line and the object the join finds
// for it in table (by the key key(line)).
func (m *memdbSystem) eachLine(table string, key func(l *NWDetail) int64, fn func(l *NWDetail, joined any)) error {
	txn := m.db.Txn(false)
	it, err := txn.Get("order_details", "id")
	if err != nil {
		return err
	}
	for raw := it.Next(); raw != nil; raw = it.Next() {
		l := raw.(*NWDetail)
		j, err := txn.First(table, "id", key(l))
		if err != nil {
			return err
		}
		if j == nil {
			return errNotFound
		}
		fn(l, j)
	}
	return nil
}

func (m *memdbSystem) RevenueByCategory() ([]float64, error) {
	rev := make([]float64, nwCategories+1)
	err := m.eachLine("products", func(l *NWDetail) int64 { return l.Product }, func(l *NWDetail, j any) {
		rev[j.(*NWProduct).Category] += l.Price * float64(l.Quantity) * (1 - l.Discount)
	})
	return rev, err
}

func (m *memdbSystem) QuantityByCustomer() (int, int64, error) {
	byCustomer := make(map[string]int64)
	err := m.eachLine("orders", func(l *NWDetail) int64 { return l.Order }, func(l *NWDetail, j any) {
		byCustomer[j.(*NWOrder).Customer] += l.Quantity
	})
	if err != nil {
		return 0, 0, err
	}
	return totalQuantity(byCustomer)
}

func (m *memdbSystem) Close() error { m.db = nil; return nil }
