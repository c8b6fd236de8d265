package engine

import (
	"errors"
	"slices"
	"testing"

	"github.com/etsql/etsql/term"
)

// fakeQuery builds a query from a Go function, standing in for a compiled
// match specification.
func fakeQuery(match matchFunc, bounds ...keyBound) *query {
	return &query{newMatch: func() matchFunc { return match }, bounds: bounds, bounded: len(bounds) > 0}
}

// whereSecond matches objects whose second element is v, returning the object.
func whereSecond(v term.Term) matchFunc {
	return func(obj term.Term) (term.Term, bool) {
		e, _ := obj.Element(2)
		return obj, term.ExactEqual(e, v)
	}
}

func everything(obj term.Term) (term.Term, bool) { return obj, true }

func fill(t *testing.T, p *Process, tab *Table, n int64) {
	t.Helper()
	for k := range n {
		must(t, tab.Insert(p, tu(i(k), i(k%3))))
	}
}

func TestTable_Select_scanAndLimit(t *testing.T) {
	for _, typ := range allTypes {
		_, p, tab := newTestTable(t, Options{Type: typ})
		fill(t, p, tab, 100)
		q := fakeQuery(whereSecond(i(1)))
		all, err := tab.selectAll(p, q, false)
		must(t, err)
		if len(all) != 33 {
			t.Errorf("%v: select found %d", typ, len(all))
		}
		var chunks []term.Term
		res, c, err := tab.selectLimit(p, q, 7, false)
		for ; err == nil && (res != nil || c != nil); res, c, err = c.Next(p) {
			if len(res) > 7 {
				t.Errorf("%v: chunk of %d", typ, len(res))
			}
			chunks = append(chunks, res...)
		}
		must(t, err)
		if !equalTerms(sortedTerms(chunks), sortedTerms(all)) {
			t.Errorf("%v: chunks %d objects, select %d", typ, len(chunks), len(all))
		}
		if typ == OrderedSet {
			rev, _ := tab.selectAll(p, q, true)
			slices.Reverse(rev)
			if !equalTerms(rev, all) {
				t.Errorf("select_reverse is not the reverse")
			}
		}
		if _, _, err := tab.selectLimit(p, q, 0, false); !errors.Is(err, ErrBadArg) {
			t.Errorf("%v: limit 0: %v", typ, err)
		}
		none := fakeQuery(whereSecond(a("none")))
		if res, c, err := tab.selectLimit(p, none, 5, false); res != nil || c != nil || err != nil {
			t.Errorf("%v: no match gave %v %v %v, want '$end_of_table'", typ, res, c, err)
		}
	}
}

func TestTable_Select_keyFastPath(t *testing.T) {
	for _, typ := range allTypes {
		_, p, tab := newTestTable(t, Options{Type: typ})
		fill(t, p, tab, 100)
		calls := 0
		q := fakeQuery(func(obj term.Term) (term.Term, bool) { calls++; return obj, true },
			keyBound{exact: true, key: i(5)}, keyBound{exact: true, key: i(7)}, keyBound{exact: true, key: i(5)}, keyBound{exact: true, key: i(500)})
		got, err := tab.selectAll(p, q, false)
		must(t, err)
		if calls != 2 || len(got) != 2 {
			t.Errorf("%v: %d matcher calls, %d results; want 2 lookups", typ, calls, len(got))
		}
		res, c, _ := tab.selectLimit(p, q, 1, false)
		res2, c2, _ := c.Next(p)
		if typ == OrderedSet && c2 != nil {
			// An ordered_set looks its keys up chunk by chunk (as OTP):
			// key 500 is still to look up, and gives nothing.
			if res3, c3, _ := c2.Next(p); len(res3) != 0 || c3 != nil {
				t.Errorf("%v: limited fast path, last chunk: %v %v", typ, res3, c3)
			}
			c2 = nil
		}
		if len(res) != 1 || len(res2) != 1 || c2 != nil {
			t.Errorf("%v: limited fast path: %v %v %v", typ, res, res2, c2)
		}
	}
}

func TestTable_Select_prefixBoundsPerArity(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	keys := []term.Term{
		tu(i(7)), tu(i(8)), tu(i(6), a("z")), tu(i(7), a("a")), tu(f(7), a("b")), tu(i(7), a("c"), a("x")),
		tu(i(7), i(1)), tu(i(8), a("a")), a("atom"), tu(i(7), a("d")),
	}
	for _, k := range keys {
		must(t, tab.Insert(p, tu(k)))
	}
	calls := 0
	q := fakeQuery(func(obj term.Term) (term.Term, bool) { calls++; return obj, true },
		keyBound{prefix: []term.Term{i(7)}, arity: 2})
	got, err := tab.selectAll(p, q, false)
	must(t, err)
	want := []term.Term{tu(tu(i(7), i(1))), tu(tu(i(7), a("a"))), tu(tu(f(7), a("b"))), tu(tu(i(7), a("d")))}
	if !equalTerms(got, want) || calls != 4 {
		t.Errorf("prefix {7,_}: %v (%d calls), want %v", got, calls, want)
	}
	rev, _ := tab.selectAll(p, q, true)
	slices.Reverse(rev)
	if !equalTerms(rev, want) {
		t.Errorf("reverse prefix: %v", rev)
	}
	// overlapping bounds: an exact key inside the prefix range
	q = fakeQuery(everything, keyBound{prefix: []term.Term{i(7)}, arity: 2}, keyBound{exact: true, key: tu(i(7), a("a"))}, keyBound{exact: true, key: tu(i(8))})
	got, _ = tab.selectAll(p, q, false)
	if len(got) != 5 {
		t.Errorf("overlapping bounds gave %v", got)
	}
}

func TestTable_SelectCountDelete(t *testing.T) {
	isOne := func(obj term.Term) (term.Term, bool) {
		e, _ := obj.Element(2)
		return term.Bool(term.ExactEqual(e, i(1))), true
	}
	for _, typ := range allTypes {
		_, p, tab := newTestTable(t, Options{Type: typ})
		fill(t, p, tab, 30)
		if typ == DuplicateBag {
			must(t, tab.Insert(p, tu(i(1), i(1))))
		}
		wantN := map[bool]int{false: 10, true: 11}[typ == DuplicateBag]
		n, err := tab.selectCount(p, fakeQuery(isOne))
		if err != nil || n != wantN {
			t.Errorf("%v: select_count = %d, %v", typ, n, err)
		}
		n, err = tab.selectDelete(p, fakeQuery(isOne))
		if err != nil || n != wantN {
			t.Errorf("%v: select_delete = %d, %v", typ, n, err)
		}
		if info, _ := tab.Info(); info.Size != 20 {
			t.Errorf("%v: size after select_delete %d", typ, info.Size)
		}
	}
}

func TestTable_SelectReplace(t *testing.T) {
	bump := func(obj term.Term) (term.Term, bool) {
		e := obj.Elements()
		return tu(e[0], a("new")), true
	}
	rekey := func(obj term.Term) (term.Term, bool) {
		e := obj.Elements()
		k, _ := e[0].Int64()
		if k == 17 {
			return tu(i(1000), a("new")), true
		}
		return tu(e[0], a("new")), true
	}
	floatKey := func(obj term.Term) (term.Term, bool) {
		k, _ := obj.Elements()[0].Int64()
		return tu(f(float64(k)), a("f")), true
	}
	for _, typ := range allTypes {
		_, p, tab := newTestTable(t, Options{Type: typ})
		fill(t, p, tab, 30)
		if typ == Bag { // duplicate_bag is allowed, as in OTP 25
			if _, err := tab.selectReplace(p, fakeQuery(bump)); !errors.Is(err, ErrTableType) {
				t.Errorf("%v: select_replace: %v", typ, err)
			}
			continue
		}
		if n, err := tab.selectReplace(p, fakeQuery(rekey)); !errors.Is(err, ErrKeyChanged) || n != 0 {
			t.Errorf("%v: key change: %d %v", typ, n, err)
		}
		if objs, _ := tab.Lookup(p, i(3)); !term.ExactEqual(objs[0], tu(i(3), i(0))) {
			t.Errorf("%v: failed select_replace changed %v", typ, objs)
		}
		// even in an ordered_set, where 1 == 1.0, the key must stay =:=
		if n, err := tab.selectReplace(p, fakeQuery(floatKey)); !errors.Is(err, ErrKeyChanged) {
			t.Errorf("%v: 1 -> 1.0: %d %v", typ, n, err)
		}
		n, err := tab.selectReplace(p, fakeQuery(bump))
		if err != nil || n != 30 {
			t.Errorf("%v: select_replace = %d %v", typ, n, err)
		}
	}
}

func TestTable_RangeScan(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	fill(t, p, tab, 1000)
	keysOf := func(r Range) []int64 {
		var ks []int64
		must(t, tab.RangeScan(p, r, func(obj term.Term) bool {
			k, _ := tab.key(obj).Int64()
			ks = append(ks, k)
			return true
		}))
		return ks
	}
	ints := func(from, to int64, step int64) []int64 {
		var s []int64
		for k := from; step > 0 && k <= to || step < 0 && k >= to; k += step {
			s = append(s, k)
		}
		return s
	}
	for name, tc := range map[string]struct {
		r    Range
		want []int64
	}{
		"inclusive":         {Range{Lower: Bound{Key: i(10)}, Upper: Bound{Key: i(20)}}, ints(10, 20, 1)},
		"exclusive":         {Range{Lower: Bound{Key: i(10), Exclusive: true}, Upper: Bound{Key: i(20), Exclusive: true}}, ints(11, 19, 1)},
		"float bounds":      {Range{Lower: Bound{Key: f(9.5)}, Upper: Bound{Key: f(12.0), Exclusive: true}}, ints(10, 11, 1)},
		"descending":        {Range{Lower: Bound{Key: i(10)}, Upper: Bound{Key: i(20), Exclusive: true}, Descending: true}, ints(19, 10, -1)},
		"open below, limit": {Range{Upper: Bound{Key: i(500)}, Limit: 3}, ints(0, 2, 1)},
		"open above":        {Range{Lower: Bound{Key: i(995)}}, ints(995, 999, 1)},
		"desc open":         {Range{Descending: true, Limit: 300}, ints(999, 700, -1)},
		"long":              {Range{Lower: Bound{Key: i(100)}, Upper: Bound{Key: i(899)}}, ints(100, 899, 1)},
		"empty":             {Range{Lower: Bound{Key: i(20)}, Upper: Bound{Key: i(10)}}, nil},
		"match spec":        {Range{Lower: Bound{Key: i(0)}, Upper: Bound{Key: i(9)}, query: fakeQuery(whereSecond(i(2)))}, []int64{2, 5, 8}},
	} {
		if got := keysOf(tc.r); !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", name, got, tc.want)
		}
	}
	// the callback may write the table, and stop early
	seen := 0
	must(t, tab.RangeScan(p, Range{}, func(obj term.Term) bool {
		must(t, tab.DeleteKey(p, tab.key(obj)))
		seen++
		return seen < 600
	}))
	if info, _ := tab.Info(); seen != 600 || info.Size != 400 {
		t.Errorf("seen %d, size %d", seen, info.Size)
	}
	_, p2, set := newTestTable(t, Options{})
	if err := set.RangeScan(p2, Range{}, func(term.Term) bool { return true }); !errors.Is(err, ErrTableType) {
		t.Errorf("range scan of a set: %v", err)
	}
}
