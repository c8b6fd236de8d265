package engine

import (
	"testing"

	"github.com/etsql/etsql/term"
)

// BenchmarkOrderedSet_compositeKey inserts the benchmark rows into an
// ordered_set keyed by {Category, Id}, in random order, then looks them
// up: the composite primary keys of SQL tables.
func BenchmarkOrderedSet_compositeKey(b *testing.B) {
	rows := benchRows(benchN)
	objs := make([]term.Term, len(rows))
	for k, row := range rows {
		e := row.Elements()
		objs[k] = tu(append([]term.Term{tu(e[2], e[0])}, e[1:]...)...)
	}
	db := NewDB()
	p := db.NewProcess("bench")
	var tab *Table
	b.Run("insert", func(b *testing.B) {
		b.ReportAllocs()
		for n := 0; b.Loop(); n++ {
			if n%benchN == 0 {
				if tab != nil {
					_ = tab.Delete(p)
				}
				tab, _ = db.New(p, "t", Options{Type: OrderedSet})
			}
			if err := tab.Insert(p, objs[n%benchN]); err != nil {
				b.Fatal(err)
			}
		}
	})
	for n := tab.Size(); n < benchN; n++ {
		if err := tab.Insert(p, objs[n]); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("lookup", func(b *testing.B) {
		var dst []term.Term
		for n := 0; b.Loop(); n++ {
			var err error
			dst, err = tab.AppendLookup(dst[:0], p, keyAt(objs[(n*7919)%benchN], 1))
			if err != nil || len(dst) != 1 {
				b.Fatal("lookup failed")
			}
		}
	})
}
