package main

import (
	"strings"

	"github.com/tidwall/btree"
)

// The plain Go floor: what a Go developer would write by hand for this
// one table, with no query language and no generality. Each row is a
// heap-allocated struct (its own copy of the name), found through a map
// (mapFloor) or ordered in a B-tree (btreeFloor).

func cloneRow(r Row) *Row {
	c := r
	c.Name = strings.Clone(r.Name)
	return &c
}

// mapFloor is map[int64]*Row: O(1) lookups, no order (no range scans).
type mapFloor struct {
	rows     map[int64]*Row
	byCat    map[int64][]*Row // composite-key "prefix": the rows of each category, by id
	products map[int64]*NWProduct
	orders   map[int64]*NWOrder
	lines    map[int64][]NWDetail
}

func newMapFloor() *mapFloor { return &mapFloor{} }

func (m *mapFloor) Name() string { return "Go map" }

func (m *mapFloor) Load(rows []Row) error {
	m.rows = make(map[int64]*Row)
	for _, r := range rows {
		m.rows[r.ID] = cloneRow(r)
	}
	return nil
}

func (m *mapFloor) Lookup(id int64) (int64, error) {
	r, ok := m.rows[id]
	if !ok {
		return 0, errNotFound
	}
	return r.Qty, nil
}

func (m *mapFloor) Range(lo int64, n int) (int64, error) { return 0, errUnsupported }

func (m *mapFloor) CountFiltered() (int, error) {
	n := 0
	for _, r := range m.rows {
		if r.Category == filterCategory && r.Price > filterPrice {
			n++
		}
	}
	return n, nil
}

func (m *mapFloor) SumGroupBy() ([]float64, error) {
	sums := make([]float64, categories)
	for _, r := range m.rows {
		sums[r.Category] += r.Price
	}
	return sums, nil
}

func (m *mapFloor) Update() (int, error) {
	n := 0
	for _, r := range m.rows {
		if r.Category == filterCategory {
			r.Qty++
			n++
		}
	}
	return n, nil
}

func (m *mapFloor) LoadByCategory(rows []Row) error {
	m.byCat = make(map[int64][]*Row)
	for _, r := range rows {
		m.byCat[r.Category] = append(m.byCat[r.Category], cloneRow(r))
	}
	return nil
}

func (m *mapFloor) PrefixScan(cat int64) (int, int64, error) {
	var sum int64
	rows := m.byCat[cat]
	for _, r := range rows {
		sum += r.ID
	}
	return len(rows), sum, nil
}

func (m *mapFloor) LoadNorthwind(d *NWData) error {
	m.products = make(map[int64]*NWProduct)
	for i := range d.Products {
		p := d.Products[i]
		p.Name = strings.Clone(p.Name)
		m.products[p.ID] = &p
	}
	m.orders = make(map[int64]*NWOrder)
	for i := range d.Orders {
		o := d.Orders[i]
		o.Customer = strings.Clone(o.Customer)
		m.orders[o.ID] = &o
	}
	m.lines = make(map[int64][]NWDetail)
	for _, l := range d.Details {
		m.lines[l.Order] = append(m.lines[l.Order], l)
	}
	return nil
}

func (m *mapFloor) OrderLines(orderID int64) (int, int64, error) {
	if _, ok := m.orders[orderID]; !ok {
		return 0, 0, errNotFound
	}
	var qty int64
	lines := m.lines[orderID]
	for _, l := range lines {
		qty += l.Quantity
	}
	return len(lines), qty, nil
}

func (m *mapFloor) RevenueByCategory() ([]float64, error) {
	rev := make([]float64, nwCategories+1)
	for _, lines := range m.lines {
		for _, l := range lines {
			p, ok := m.products[l.Product]
			if !ok {
				return nil, errNotFound
			}
			rev[p.Category] += l.Price * float64(l.Quantity) * (1 - l.Discount)
		}
	}
	return rev, nil
}

func (m *mapFloor) QuantityByCustomer() (int, int64, error) {
	byCustomer := make(map[string]int64)
	for id, lines := range m.lines {
		o, ok := m.orders[id]
		if !ok {
			return 0, 0, errNotFound
		}
		for _, l := range lines {
			byCustomer[o.Customer] += l.Quantity
		}
	}
	return totalQuantity(byCustomer)
}

func (m *mapFloor) Close() error { *m = mapFloor{}; return nil }

// btreeFloor keeps *Row in a tidwall/btree ordered by id.
type btreeFloor struct {
	rows    *btree.BTreeG[*Row]
	byCat   *btree.BTreeG[*Row] // ordered by (category, id)
	prods   *btree.BTreeG[*NWProduct]
	orders  *btree.BTreeG[*NWOrder]
	details *btree.BTreeG[*NWDetail] // ordered by (order, product)
	probe   Row                      // reused search item: lookups allocate nothing
}

func newBTreeFloor() *btreeFloor { return &btreeFloor{} }

func (b *btreeFloor) Name() string { return "Go B-tree" }

var btreeOpts = btree.Options{NoLocks: true}

func (b *btreeFloor) Load(rows []Row) error {
	b.rows = btree.NewBTreeGOptions(func(x, y *Row) bool { return x.ID < y.ID }, btreeOpts)
	for _, r := range rows {
		b.rows.Set(cloneRow(r))
	}
	return nil
}

func (b *btreeFloor) Lookup(id int64) (int64, error) {
	b.probe.ID = id
	r, ok := b.rows.Get(&b.probe)
	if !ok {
		return 0, errNotFound
	}
	return r.Qty, nil
}

func (b *btreeFloor) Range(lo int64, n int) (int64, error) {
	var sum int64
	hi := lo + int64(n)
	b.probe.ID = lo
	b.rows.Ascend(&b.probe, func(r *Row) bool {
		if r.ID >= hi {
			return false
		}
		sum += r.Qty
		return true
	})
	return sum, nil
}

func (b *btreeFloor) CountFiltered() (int, error) {
	n := 0
	b.rows.Scan(func(r *Row) bool {
		if r.Category == filterCategory && r.Price > filterPrice {
			n++
		}
		return true
	})
	return n, nil
}

func (b *btreeFloor) SumGroupBy() ([]float64, error) {
	sums := make([]float64, categories)
	b.rows.Scan(func(r *Row) bool {
		sums[r.Category] += r.Price
		return true
	})
	return sums, nil
}

func (b *btreeFloor) Update() (int, error) {
	n := 0
	b.rows.Scan(func(r *Row) bool {
		if r.Category == filterCategory {
			r.Qty++ // the key is untouched, so in place is safe
			n++
		}
		return true
	})
	return n, nil
}

func (b *btreeFloor) LoadByCategory(rows []Row) error {
	b.byCat = btree.NewBTreeGOptions(func(x, y *Row) bool {
		return x.Category < y.Category || x.Category == y.Category && x.ID < y.ID
	}, btreeOpts)
	for _, r := range rows {
		b.byCat.Set(cloneRow(r))
	}
	return nil
}

func (b *btreeFloor) PrefixScan(cat int64) (int, int64, error) {
	n, sum := 0, int64(0)
	b.probe.Category, b.probe.ID = cat, minInt64
	b.byCat.Ascend(&b.probe, func(r *Row) bool {
		if r.Category != cat {
			return false
		}
		n++
		sum += r.ID
		return true
	})
	return n, sum, nil
}

func (b *btreeFloor) LoadNorthwind(d *NWData) error {
	b.prods = btree.NewBTreeGOptions(func(x, y *NWProduct) bool { return x.ID < y.ID }, btreeOpts)
	for i := range d.Products {
		p := d.Products[i]
		p.Name = strings.Clone(p.Name)
		b.prods.Set(&p)
	}
	b.orders = btree.NewBTreeGOptions(func(x, y *NWOrder) bool { return x.ID < y.ID }, btreeOpts)
	for i := range d.Orders {
		o := d.Orders[i]
		o.Customer = strings.Clone(o.Customer)
		b.orders.Set(&o)
	}
	b.details = btree.NewBTreeGOptions(func(x, y *NWDetail) bool {
		return x.Order < y.Order || x.Order == y.Order && x.Product < y.Product
	}, btreeOpts)
	for i := range d.Details {
		l := d.Details[i]
		b.details.Set(&l)
	}
	return nil
}

func (b *btreeFloor) OrderLines(orderID int64) (int, int64, error) {
	if _, ok := b.orders.Get(&NWOrder{ID: orderID}); !ok {
		return 0, 0, errNotFound
	}
	n, qty := 0, int64(0)
	b.details.Ascend(&NWDetail{Order: orderID, Product: minInt64}, func(l *NWDetail) bool {
		if l.Order != orderID {
			return false
		}
		n++
		qty += l.Quantity
		return true
	})
	return n, qty, nil
}

func (b *btreeFloor) RevenueByCategory() ([]float64, error) {
	rev := make([]float64, nwCategories+1)
	var err error
	var probe NWProduct
	b.details.Scan(func(l *NWDetail) bool {
		probe.ID = l.Product
		p, ok := b.prods.Get(&probe)
		if !ok {
			err = errNotFound
			return false
		}
		rev[p.Category] += l.Price * float64(l.Quantity) * (1 - l.Discount)
		return true
	})
	return rev, err
}

func (b *btreeFloor) QuantityByCustomer() (int, int64, error) {
	byCustomer := make(map[string]int64)
	var err error
	var probe NWOrder
	b.details.Scan(func(l *NWDetail) bool {
		probe.ID = l.Order
		o, ok := b.orders.Get(&probe)
		if !ok {
			err = errNotFound
			return false
		}
		byCustomer[o.Customer] += l.Quantity
		return true
	})
	if err != nil {
		return 0, 0, err
	}
	return totalQuantity(byCustomer)
}

func (b *btreeFloor) Close() error { *b = btreeFloor{}; return nil }
