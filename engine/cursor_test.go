package engine

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/etsql/etsql/term"
)

// TestProcess_cursor_nextPrevLookup checks next, prev and lookup on an
// ordered_set, which reuse the process's cursor, against a sorted model
// while two processes write the table in between.
func TestProcess_cursor_nextPrevLookup(t *testing.T) {
	db, p, tab := newTestTable(t, Options{Type: OrderedSet, Access: Public})
	q := db.NewProcess("other")
	var model []int64
	r := rand.New(rand.NewPCG(5, 6))
	key := int64(50)
	for n := range 5000 {
		writer := p
		if r.IntN(2) == 0 {
			writer = q
		}
		k := r.Int64N(100)
		switch r.IntN(8) {
		case 0:
			must(t, tab.Insert(writer, tu(i(k), i(int64(n)))))
			if _, found := slices.BinarySearch(model, k); !found {
				model = append(model, k)
				slices.Sort(model)
			}
		case 1:
			must(t, tab.DeleteKey(writer, i(k)))
			if at, found := slices.BinarySearch(model, k); found {
				model = slices.Delete(model, at, at+1)
			}
		case 2:
			key = k // jump somewhere else
		default:
			forward := r.IntN(3) != 0
			var got term.Term
			var ok bool
			var err error
			if forward {
				got, ok, err = tab.Next(p, i(key))
			} else {
				got, ok, err = tab.Prev(p, i(key))
			}
			must(t, err)
			at, found := slices.BinarySearch(model, key)
			want, wantOK := int64(0), false
			switch {
			case forward && found && at+1 < len(model):
				want, wantOK = model[at+1], true
			case forward && !found && at < len(model):
				want, wantOK = model[at], true
			case !forward && at > 0:
				want, wantOK = model[at-1], true
			}
			if ok != wantOK || ok && !term.ExactEqual(got, i(want)) {
				t.Fatalf("op %d: step(%d, forward %v) = %v %v, want %d %v", n, key, forward, got, ok, want, wantOK)
			}
			if ok {
				key = want
				objs, err := tab.Lookup(p, got)
				must(t, err)
				if len(objs) != 1 || !term.ExactEqual(keyAt(objs[0], 1), got) {
					t.Fatalf("op %d: lookup(%v) after step = %v", n, got, objs)
				}
			}
		}
	}
}
