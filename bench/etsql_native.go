package main

import (
	"fmt"
	"strings"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

// etsqlNative drives etsql's engine directly, as an Erlang developer
// would use ets: objects {Id, Name, Category, Price, Qty} in a set keyed by
// Id (a hash table: the fastest lookups and full scans) with an
// ordered_set copy for the range scans; the filtered count and the update
// are ets:select_count and ets:select_replace with compiled match
// specifications, the GROUP BY an ets:foldl; ranges and key prefixes are
// RangeScan walks of an ordered_set between two keys (ets's next loop,
// without a lookup per key).
type etsqlNative struct {
	db      *engine.DB
	p       *engine.Process
	items   *engine.Table // set keyed by Id
	ordered *engine.Table // ordered_set keyed by Id, for Range
	dst     []term.Term   // reused by Lookup

	countSpec, updateSpec *matchspec.Program

	byCat                    *engine.Table // ordered_set keyed by {Category, Id}
	products, orders, detail *engine.Table
}

// The filtered count and the update as match specifications, in Erlang
// syntax as ets:select_count/2 and ets:select_replace/2 take them.
const (
	countSpecText  = "[{{'_','_',7,'$1','_'},[{'>','$1',500}],[true]}]"
	updateSpecText = "[{{'$1','$2',7,'$3','$4'},[],[{{'$1','$2',7,'$3',{'+','$4',1}}}]}]"
)

func newEtsqlNative() *etsqlNative { return &etsqlNative{} }

func (e *etsqlNative) Name() string { return "etsql native" }

func compileSpec(text string) (*matchspec.Program, error) {
	ms, err := matchspec.Parse(text)
	if err != nil {
		return nil, err
	}
	return matchspec.Compile(ms)
}

func itemObject(r Row) term.Term {
	return term.Tuple(itemElems(make([]term.Term, 5), r)...)
}

// itemElems fills elems (5 terms) with the elements of r's object.
func itemElems(elems []term.Term, r Row) []term.Term {
	elems[0], elems[1], elems[2], elems[3], elems[4] = term.Int(r.ID), term.BinaryString(strings.Clone(r.Name)),
		term.Int(r.Category), term.Float(r.Price), term.Int(r.Qty)
	return elems
}

func (e *etsqlNative) Load(rows []Row) error {
	var err error
	if e.countSpec, err = compileSpec(countSpecText); err != nil {
		return err
	}
	if e.updateSpec, err = compileSpec(updateSpecText); err != nil {
		return err
	}
	e.db = engine.NewDB()
	e.p = e.db.NewProcess("bench")
	e.items, err = e.loadItems("items", engine.Set, rows)
	return err
}

// loadItems creates a table of items and inserts the rows one by one, as
// they come. A set copies the elements of the objects it stores (see the
// engine's package documentation), so into a set every object is built in
// one reused slice of elements, as a Go program loading a table would do;
// an ordered_set keeps the objects given, each with elements of its own.
func (e *etsqlNative) loadItems(name string, typ engine.Type, rows []Row) (*engine.Table, error) {
	t, err := e.db.New(e.p, name, engine.Options{Type: typ, KeyPos: 1})
	if err != nil {
		return nil, err
	}
	var buf []term.Term
	if typ == engine.Set {
		buf = make([]term.Term, 5)
	}
	for _, r := range rows {
		var obj term.Term
		if buf != nil {
			obj = term.Tuple(itemElems(buf, r)...)
		} else {
			obj = itemObject(r)
		}
		if err := t.Insert(e.p, obj); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// LoadOrdered loads the ordered_set copy of items that Range walks.
func (e *etsqlNative) LoadOrdered(rows []Row) error {
	var err error
	e.ordered, err = e.loadItems("items_ordered", engine.OrderedSet, rows)
	return err
}

func intAt(obj term.Term, pos int) int64 {
	el, _ := obj.Element(pos)
	v, _ := el.Int64()
	return v
}

func floatAt(obj term.Term, pos int) float64 {
	el, _ := obj.Element(pos)
	v, _ := el.Float64()
	return v
}

func (e *etsqlNative) Lookup(id int64) (int64, error) {
	var err error
	e.dst, err = e.items.AppendLookup(e.dst[:0], e.p, term.Int(id))
	if err != nil {
		return 0, err
	}
	if len(e.dst) == 0 {
		return 0, errNotFound
	}
	return intAt(e.dst[0], 5), nil
}

func (e *etsqlNative) Range(lo int64, n int) (int64, error) {
	var sum int64
	r := engine.Range{Lower: engine.Bound{Key: term.Int(lo)}, Upper: engine.Bound{Key: term.Int(lo + int64(n) - 1)}}
	err := e.ordered.RangeScan(e.p, r, func(obj term.Term) bool {
		sum += intAt(obj, 5)
		return true
	})
	return sum, err
}

func (e *etsqlNative) CountFiltered() (int, error) {
	return e.items.SelectCount(e.p, e.countSpec)
}

func (e *etsqlNative) SumGroupBy() ([]float64, error) {
	sums := make([]float64, categories)
	_, err := e.items.Foldl(e.p, func(obj, acc term.Term) (term.Term, error) {
		c := intAt(obj, 3)
		if c >= 0 && c < categories {
			sums[c] += floatAt(obj, 4)
		}
		return acc, nil
	}, term.Nil)
	return sums, err
}

func (e *etsqlNative) Update() (int, error) {
	return e.items.SelectReplace(e.p, e.updateSpec)
}

func (e *etsqlNative) LoadByCategory(rows []Row) error {
	var err error
	e.byCat, err = e.db.New(e.p, "items_by_category", engine.Options{Type: engine.OrderedSet, KeyPos: 1})
	if err != nil {
		return err
	}
	for _, r := range rows {
		obj := term.Tuple(term.Tuple(term.Int(r.Category), term.Int(r.ID)), term.BinaryString(strings.Clone(r.Name)),
			term.Float(r.Price), term.Int(r.Qty))
		if err := e.byCat.Insert(e.p, obj); err != nil {
			return err
		}
	}
	return nil
}

// prefixRange is the key range of the tuples {prefix, Id} for integer
// ids: from {prefix, minInt64} up to, not including, {prefix+1, minInt64}.
func prefixRange(prefix int64) engine.Range {
	return engine.Range{
		Lower: engine.Bound{Key: term.Tuple(term.Int(prefix), term.Int(minInt64))},
		Upper: engine.Bound{Key: term.Tuple(term.Int(prefix+1), term.Int(minInt64)), Exclusive: true},
	}
}

func (e *etsqlNative) PrefixScan(cat int64) (int, int64, error) {
	n, sum := 0, int64(0)
	err := e.byCat.RangeScan(e.p, prefixRange(cat), func(obj term.Term) bool {
		key, _ := obj.Element(1)
		n++
		sum += intAt(key, 2)
		return true
	})
	return n, sum, err
}

func (e *etsqlNative) LoadNorthwind(d *NWData) error {
	var err error
	newTable := func(name string, typ engine.Type) *engine.Table {
		if err != nil {
			return nil
		}
		var t *engine.Table
		t, err = e.db.New(e.p, name, engine.Options{Type: typ, KeyPos: 1})
		return t
	}
	e.products = newTable("products", engine.Set)
	e.orders = newTable("orders", engine.Set)
	e.detail = newTable("order_details", engine.OrderedSet)
	if err != nil {
		return err
	}
	for _, p := range d.Products {
		obj := term.Tuple(term.Int(p.ID), term.BinaryString(strings.Clone(p.Name)), term.Int(p.Category), term.Float(p.Price))
		if err := e.products.Insert(e.p, obj); err != nil {
			return err
		}
	}
	for _, o := range d.Orders {
		if err := e.orders.Insert(e.p, term.Tuple(term.Int(o.ID), term.BinaryString(strings.Clone(o.Customer)))); err != nil {
			return err
		}
	}
	for _, l := range d.Details {
		obj := term.Tuple(term.Tuple(term.Int(l.Order), term.Int(l.Product)),
			term.Float(l.Price), term.Int(l.Quantity), term.Float(l.Discount))
		if err := e.detail.Insert(e.p, obj); err != nil {
			return err
		}
	}
	return nil
}

func (e *etsqlNative) OrderLines(orderID int64) (int, int64, error) {
	var err error
	e.dst, err = e.orders.AppendLookup(e.dst[:0], e.p, term.Int(orderID))
	if err != nil {
		return 0, 0, err
	}
	if len(e.dst) == 0 {
		return 0, 0, errNotFound
	}
	n, qty := 0, int64(0)
	err = e.detail.RangeScan(e.p, prefixRange(orderID), func(obj term.Term) bool {
		n++
		qty += intAt(obj, 3)
		return true
	})
	return n, qty, err
}

func (e *etsqlNative) RevenueByCategory() ([]float64, error) {
	rev := make([]float64, nwCategories+1)
	var dst []term.Term
	var lookupErr error
	err := e.detail.RangeScan(e.p, engine.Range{}, func(obj term.Term) bool {
		key, _ := obj.Element(1)
		dst, lookupErr = e.products.AppendLookup(dst[:0], e.p, term.Int(intAt(key, 2)))
		if lookupErr == nil && len(dst) == 0 {
			lookupErr = errNotFound
		}
		if lookupErr != nil {
			return false
		}
		c := intAt(dst[0], 3)
		if c < 0 || c > nwCategories {
			lookupErr = fmt.Errorf("category %d out of range", c)
			return false
		}
		rev[c] += floatAt(obj, 2) * float64(intAt(obj, 3)) * (1 - floatAt(obj, 4))
		return true
	})
	if err == nil {
		err = lookupErr
	}
	return rev, err
}

func (e *etsqlNative) QuantityByCustomer() (int, int64, error) {
	byCustomer := make(map[string]int64)
	var dst []term.Term
	var lookupErr error
	err := e.detail.RangeScan(e.p, engine.Range{}, func(obj term.Term) bool {
		key, _ := obj.Element(1)
		dst, lookupErr = e.orders.AppendLookup(dst[:0], e.p, term.Int(intAt(key, 1)))
		if lookupErr == nil && len(dst) == 0 {
			lookupErr = errNotFound
		}
		if lookupErr != nil {
			return false
		}
		cust, _ := dst[0].Element(2)
		name, _ := cust.BinaryValue()
		byCustomer[name] += intAt(obj, 3)
		return true
	})
	if err == nil {
		err = lookupErr
	}
	if err != nil {
		return 0, 0, err
	}
	return totalQuantity(byCustomer)
}

func (e *etsqlNative) Close() error {
	if e.p != nil {
		e.p.Close()
	}
	*e = etsqlNative{}
	return nil
}
