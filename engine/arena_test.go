package engine

import (
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/etsql/etsql/term"
)

// TestOrderedSet_handedOut_neverChange runs random inserts (new keys and
// replacements), update_counter, deletions, select_delete and bulk
// inserts over an ordered_set, so that leaves split, merge, even out and
// rebuild their arenas, and keeps objects handed out by lookup, select
// (and its continuations), next loops and RangeScan, with their text at
// the time: none may change afterwards.
func TestOrderedSet_handedOut_neverChange(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	r := rand.New(rand.NewPCG(21, 22))
	type given struct {
		obj  term.Term
		text string
	}
	var handed []given
	hand := func(objs ...term.Term) {
		for _, obj := range objs {
			if len(handed) < 20000 {
				handed = append(handed, given{obj, obj.String()})
			}
		}
	}
	const keys = 3000
	key := func() term.Term { return i(r.Int64N(keys)) }
	object := func(k term.Term) term.Term {
		elems := []term.Term{k, i(r.Int64N(100))}
		for range r.IntN(3) {
			elems = append(elems, term.BinaryString("v"+itoa(r.Int64N(1000))))
		}
		return term.Tuple(elems...)
	}
	all, err := CompileSpec(spec(`[{'_',[],['$_']}]`))
	must(t, err)
	lowKeys, err := CompileSpec(spec(`[{{'$1','_'},[{'<','$1',200}],['$_']},{{'$1','_','_'},[{'<','$1',200}],['$_']},{{'$1','_','_','_'},[{'<','$1',200}],['$_']}]`))
	must(t, err)
	for n := range 12000 {
		switch op := r.IntN(100); {
		case op < 40:
			k := key()
			must(t, tab.Insert(p, object(k)))
		case op < 50:
			k := key()
			if _, err := tab.UpdateCounter1(p, k, CounterOp{Pos: 2, Incr: i(1)}, tu(k, i(0))); err != nil {
				t.Fatal(err)
			}
		case op < 75:
			must(t, tab.DeleteKey(p, key()))
		case op < 85:
			got, err := tab.Lookup(p, key())
			must(t, err)
			hand(got...)
		case op < 90:
			k, ok := key(), true
			for range r.IntN(200) {
				if k, ok, err = tab.Next(p, k); err != nil || !ok {
					break
				}
				got, err := tab.Lookup(p, k)
				must(t, err)
				hand(got...)
			}
		case op < 94:
			lo := r.Int64N(keys)
			must(t, tab.RangeScan(p, Range{Lower: Bound{Key: i(lo)}, Upper: Bound{Key: i(lo + 100)}}, func(obj term.Term) bool {
				hand(obj)
				return true
			}))
		case op < 97:
			got, c, err := tab.SelectLimit(p, all, 50)
			must(t, err)
			hand(got...)
			if c != nil {
				got, _, err = c.Next(p)
				must(t, err)
				hand(got...)
			}
		case op < 98:
			if _, err := tab.SelectDelete(p, lowKeys); err != nil {
				t.Fatal(err)
			}
		default: // a bulk insert of a stretch of keys, which compacts
			var objs []term.Term
			for k := range int64(bulkLoad) {
				objs = append(objs, object(i(k%keys+r.Int64N(2)*keys)))
			}
			must(t, tab.Insert(p, objs...))
		}
		if n%1000 == 0 {
			checkInvariants(t, tab, p)
		}
	}
	for _, g := range handed {
		if got := g.obj.String(); got != g.text {
			t.Fatalf("an object handed out changed: %s, was %s", got, g.text)
		}
	}
}

// TestOrderedSet_randomInserts_leafObjectsTogether fills an ordered_set
// one object at a time in random key order and checks that the objects of
// each leaf lie together: most follow another of their leaf's objects
// directly in memory.
func TestOrderedSet_randomInserts_leafObjectsTogether(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	for _, row := range benchRows(20000) {
		must(t, tab.Insert(p, row))
	}
	adjacent, objects := 0, 0
	for l := tab.storage().(*orderedSet).tree.head; l != nil; l = l.next {
		ends := map[uintptr]bool{}
		for _, obj := range l.objs[:l.n] {
			e := obj.Elements()
			ends[uintptr(unsafe.Pointer(unsafe.SliceData(e)))+uintptr(len(e))*unsafe.Sizeof(e[0])] = true
		}
		for _, obj := range l.objs[:l.n] {
			if ends[uintptr(unsafe.Pointer(unsafe.SliceData(obj.Elements())))] {
				adjacent++
			}
			objects++
		}
	}
	if adjacent < objects*9/10 {
		t.Errorf("%d of %d objects follow another of their leaf's in memory, want 90%%", adjacent, objects)
	}
}
