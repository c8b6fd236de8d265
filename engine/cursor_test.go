package engine

import (
	"errors"
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

// TestProcess_cursor_longWalks walks an ordered_set end to end with next
// and with prev, past many read-ahead batches, deleting a key ahead of
// the cursor now and then: every step must give the next key of the
// table as it is then.
func TestProcess_cursor_longWalks(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	var model []int64
	for k := range int64(1000) {
		must(t, tab.Insert(p, tu(i(2*k), i(k))))
		model = append(model, 2*k)
	}
	for _, forward := range []bool{true, false} {
		step, first := tab.Next, tab.First
		if !forward {
			step, first = tab.Prev, tab.Last
		}
		k, ok, err := first(p)
		must(t, err)
		for n := 0; ok; n++ {
			at, found := slices.BinarySearch(model, mustInt(t, k))
			if !found {
				t.Fatalf("forward %v, step %d: key %v not in the table", forward, n, k)
			}
			if n%37 == 0 && at+5 < len(model) && at >= 5 { // delete a key a few steps ahead
				victim := model[at+5]
				if !forward {
					victim = model[at-5]
				}
				must(t, tab.DeleteKey(p, i(victim)))
				model = slices.DeleteFunc(model, func(v int64) bool { return v == victim })
				at, _ = slices.BinarySearch(model, mustInt(t, k))
			}
			want, wantOK := int64(0), false
			if forward && at+1 < len(model) {
				want, wantOK = model[at+1], true
			} else if !forward && at > 0 {
				want, wantOK = model[at-1], true
			}
			if k, ok, err = step(p, k); err != nil || ok != wantOK || ok && mustInt(t, k) != want {
				t.Fatalf("forward %v, step %d: got %v %v %v, want %d %v", forward, n, k, ok, err, want, wantOK)
			}
		}
	}
}

func mustInt(t *testing.T, k term.Term) int64 {
	t.Helper()
	v, ok := k.Int64()
	if !ok {
		t.Fatalf("key %v is not an integer", k)
	}
	return v
}

// TestProcess_cursor_accessAfterGiveAway checks that a cursor left on a
// private table serves nothing once the table belongs to another process.
func TestProcess_cursor_accessAfterGiveAway(t *testing.T) {
	db, p, tab := newTestTable(t, Options{Type: OrderedSet, Access: Private})
	q := db.NewProcess("heir")
	for k := range int64(100) {
		must(t, tab.Insert(p, tu(i(k))))
	}
	k, ok, err := tab.Next(p, i(10))
	if err != nil || !ok || mustInt(t, k) != 11 {
		t.Fatalf("next(10) = %v %v %v", k, ok, err)
	}
	must(t, tab.GiveAway(p, q, term.Nil))
	if _, err := tab.Lookup(p, i(11)); !errors.Is(err, ErrAccess) {
		t.Errorf("lookup by the old owner: %v, want %v", err, ErrAccess)
	}
	if _, _, err := tab.Next(p, i(11)); !errors.Is(err, ErrAccess) {
		t.Errorf("next by the old owner: %v, want %v", err, ErrAccess)
	}
}
