package engine

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/etsql/etsql/term"
)

// TestTable_Select_directMatchesMatcher checks that selects answered
// without the matcher (see directArity) give what the matcher gives, on
// tables with and without float keys, and that the shortcut is taken
// exactly where it may be.
func TestTable_Select_directMatchesMatcher(t *testing.T) {
	objs := []term.Term{
		tu(tu(i(7), i(1)), i(1), a("x")),
		tu(tu(i(7), i(2)), i(3), a("x")),
		tu(tu(i(7), i(3)), i(3)),
		tu(tu(i(7), i(4), i(0)), i(4), a("x")),
		tu(tu(i(8), i(1)), i(1), a("x")),
		tu(tu(i(7)), i(1), a("x")),
		tu(i(7), i(1), a("x")),
	}
	floaty := tu(tu(f(7), f(5)), i(5), a("x"))
	for _, c := range []struct {
		spec   string
		direct bool
	}{
		{`[{{{7,'_'},'_','_'},[],['$_']}]`, true},
		{`[{{{7,'$1'},'$2','_'},[],['$_']}]`, true},
		{`[{{{7,'_'},'_'},[],['$_']}]`, true},
		{`[{{{7,'$1'},'$1','_'},[],['$_']}]`, false}, // the variable ties two elements
		{`[{{{7,'_'},3,'_'},[],['$_']}]`, false},
		{`[{{{7,'_'},'_','_'},[],['$$']}]`, false},
		{`[{{{7,'$1'},'_','_'},[{'>','$1',0}],['$_']}]`, false},
		{`[{{{7.0,'_'},'_','_'},[],['$_']}]`, false},
		{`[{{{7,2},'_','_'},[],['$_']}]`, true},
		{`[{{{7,'_',0},'_','_'},[],['$_']}]`, false}, // ground after a wildcard
		{`[{{{7,'_'},'_','_'},[],['$_']},{{{8,'_'},'_','_'},[],['$_']}]`, false},
	} {
		prog, err := CompileSpec(spec(c.spec))
		if err != nil {
			t.Fatal(err)
		}
		if _, direct := directArity(prog.Spec(), 1); direct != c.direct {
			t.Errorf("%s: direct %v, want %v", c.spec, direct, c.direct)
		}
		for _, withFloat := range []bool{false, true} {
			_, p, tab := newTestTable(t, Options{Type: OrderedSet})
			if err := tab.Insert(p, objs...); err != nil {
				t.Fatal(err)
			}
			if withFloat {
				if err := tab.Insert(p, floaty); err != nil {
					t.Fatal(err)
				}
			}
			got, err := tab.Select(p, prog)
			if err != nil {
				t.Fatal(err)
			}
			var want []term.Term
			m := prog.NewMatcher()
			all, _ := tab.Tab2List(p)
			for _, obj := range all {
				if r, ok := m.Match(obj); ok {
					want = append(want, r)
				}
			}
			if !slices.EqualFunc(got, want, term.ExactEqual) {
				t.Errorf("%s (float key %v): got %v, want %v", c.spec, withFloat, got, want)
			}
		}
	}
}

func TestOrderedSet_floatKeys_counts(t *testing.T) {
	s := newOrderedSet(1)
	s.insert(tu(i(1), a("x")))
	s.insert(tu(tu(i(2), f(0.5)), a("x")))
	s.insert(tu(f(3), a("x")))
	if s.floatKeys != 2 {
		t.Fatalf("floatKeys %d, want 2", s.floatKeys)
	}
	s.insert(tu(i(3), a("y"))) // replaces 3.0 by 3
	s.deleteKey(nil, tu(f(2), f(0.5)))
	if s.floatKeys != 0 {
		t.Fatalf("floatKeys %d after replacing and deleting, want 0", s.floatKeys)
	}
	s.insert(tu(f(1), a("x")))
	if s.deleteObject(tu(f(1), a("x"))) != 1 || s.floatKeys != 0 {
		t.Fatalf("floatKeys %d after delete_object, want 0", s.floatKeys)
	}
}

// TestTable_SelectLimit_spanMatchesSelect checks that limited selects
// walking only the key range of their specification give, chunk after
// chunk, what Select gives, in both directions.
func TestTable_SelectLimit_spanMatchesSelect(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	for k := range int64(500) {
		if err := tab.Insert(p, tu(i(k), i(k%7)), tu(tu(i(k%5), i(k)), i(k%7))); err != nil {
			t.Fatal(err)
		}
	}
	for _, text := range []string{
		`[{{{3,'_'},'$1'},[{'>','$1',2}],['$_']}]`,
		`[{{{3,'_'},'_'},[],['$_']}]`,
		`[{{{9,'_'},'_'},[],['$_']}]`,
		`[{{'$1','$2'},[{'>=','$1',100},{'<','$1',260}],['$2']}]`,
		`[{{'$1','$2'},[{'>','$1',100},{'=<','$1',260},{'==','$2',3}],['$1']}]`,
		`[{{'$1','_'},[{'<','$1',40}],['$_']}]`,
		`[{{'$1','_'},[{'>','$1',480}],['$_']}]`,
	} {
		prog, err := CompileSpec(spec(text))
		if err != nil {
			t.Fatal(err)
		}
		for _, rev := range []bool{false, true} {
			want, _ := tab.Select(p, prog)
			if rev {
				want, _ = tab.SelectReverse(p, prog)
			}
			for _, limit := range []int{1, 7, 100, 1000} {
				var got []term.Term
				res, c, err := tab.SelectLimit(p, prog, limit)
				if rev {
					res, c, err = tab.SelectReverseLimit(p, prog, limit)
				}
				for err == nil && res != nil {
					if len(res) > limit {
						t.Fatalf("%s: chunk of %d over limit %d", text, len(res), limit)
					}
					got = append(got, res...)
					res, c, err = c.Next(p)
				}
				if err != nil {
					t.Fatal(err)
				}
				if !slices.EqualFunc(got, want, term.ExactEqual) {
					t.Errorf("%s reverse %v limit %d: got %d results, want %d", text, rev, limit, len(got), len(want))
				}
			}
		}
	}
}

// TestTable_SelectLimit_spanSeesLaterInserts checks that a chunk shows
// the objects inserted in its range after the previous chunk, as OTP's
// ordered_set does.
func TestTable_SelectLimit_spanSeesLaterInserts(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	for k := range int64(20) {
		if err := tab.Insert(p, tu(tu(i(1), i(2*k)), i(0))); err != nil {
			t.Fatal(err)
		}
	}
	prog, _ := CompileSpec(spec(`[{{{1,'_'},'_'},[],['$_']}]`))
	first, c, err := tab.SelectLimit(p, prog, 5)
	if err != nil || len(first) != 5 {
		t.Fatalf("first chunk: %v, %v", first, err)
	}
	if err := tab.Insert(p, tu(tu(i(1), i(1)), i(0)), tu(tu(i(1), i(11)), i(0))); err != nil {
		t.Fatal(err)
	}
	rest, _, err := c.Next(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := tu(tu(i(1), i(10)), i(0)); len(rest) != 5 || !term.ExactEqual(rest[0], want) || !term.ExactEqual(rest[1], tu(tu(i(1), i(11)), i(0))) {
		t.Fatalf("second chunk %v: want {{1,10},0}, {{1,11},0}, ... and not the key inserted before the cursor", rest)
	}
}

// TestTable_RangeScan_matchesFilter compares range scans with a filter of
// all keys, for bounds inside, outside, equal and crossing, both ways.
func TestTable_RangeScan_matchesFilter(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	for k := range int64(1000) {
		if err := tab.Insert(p, tu(i(2*k), i(k))); err != nil {
			t.Fatal(err)
		}
	}
	var keys []term.Term
	for k := range int64(1000) {
		keys = append(keys, i(2*k))
	}
	bounds := []Bound{{}, {Key: i(-5)}, {Key: i(0)}, {Key: i(501)}, {Key: i(502)}, {Key: i(502), Exclusive: true}, {Key: f(1200.5)}, {Key: i(1998), Exclusive: true}, {Key: i(5000)}}
	for _, lo := range bounds {
		for _, hi := range bounds {
			for _, desc := range []bool{false, true} {
				if got, want, err := rangeKeys(p, tab, keys, Range{Lower: lo, Upper: hi, Descending: desc}); err != nil || !slices.EqualFunc(got, want, term.ExactEqual) {
					t.Errorf("range %v..%v desc %v: got %d keys, want %d (%v)", lo, hi, desc, len(got), len(want), err)
				}
			}
		}
	}
}

// rangeKeys returns the keys RangeScan visits for r in tab and the keys
// of keys (in term order) that lie in r, in r's direction.
func rangeKeys(p *Process, tab *Table, keys []term.Term, r Range) (got, want []term.Term, err error) {
	lo, hi := r.Lower, r.Upper
	for _, key := range keys {
		if lo.Key.IsValid() && (term.Compare(key, lo.Key) < 0 || lo.Exclusive && term.Compare(key, lo.Key) == 0) {
			continue
		}
		if hi.Key.IsValid() && (term.Compare(key, hi.Key) > 0 || hi.Exclusive && term.Compare(key, hi.Key) == 0) {
			continue
		}
		want = append(want, key)
	}
	if r.Descending {
		slices.Reverse(want)
	}
	err = tab.RangeScan(p, r, func(obj term.Term) bool {
		got = append(got, keyAt(obj, 1))
		return true
	})
	return got, want, err
}

// TestTable_RangeScan_randomBoundsMatchFilter compares range scans with a
// filter of all keys for random bounds: within one leaf, across leaves,
// on keys, between keys, integers against equal floats (1 == 1.0 in an
// ordered_set), exclusive or not, both ways.
func TestTable_RangeScan_randomBoundsMatchFilter(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	var keys []term.Term // in term order
	for k := range int64(2000) {
		keys = append(keys, i(2*k), f(float64(2*k)+0.5))
	}
	for _, j := range rand.New(rand.NewPCG(1, 2)).Perm(len(keys)) {
		if err := tab.Insert(p, tu(keys[j], i(int64(j)))); err != nil {
			t.Fatal(err)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	bound := func() Bound {
		if rng.IntN(20) == 0 {
			return Bound{}
		}
		var k term.Term
		switch v := rng.Int64N(4100) - 50; rng.IntN(3) {
		case 0:
			k = i(v)
		case 1:
			k = f(float64(v))
		default:
			k = f(float64(v) + 0.5)
		}
		return Bound{Key: k, Exclusive: rng.IntN(2) == 0}
	}
	for n := 0; n < 3000; n++ {
		lo, hi := bound(), bound()
		if n%2 == 0 && lo.Key.IsValid() { // short ranges: mostly within a leaf
			v, _ := lo.Key.Number()
			hi.Key = f(v + float64(rng.IntN(60)))
		}
		desc := rng.IntN(2) == 0
		if got, want, err := rangeKeys(p, tab, keys, Range{Lower: lo, Upper: hi, Descending: desc}); err != nil || !slices.EqualFunc(got, want, term.ExactEqual) {
			t.Fatalf("range %v..%v desc %v: got %d keys, want %d (%v)", lo, hi, desc, len(got), len(want), err)
		}
	}
}

// TestTable_RangeScan_writesBetweenChunks checks that a range scan whose
// function writes the table sees the writes as a walk under the table's
// lock would: objects deleted ahead are not visited, objects inserted
// ahead are (the scan reads in chunks and goes on from where it stopped
// only while the table is unchanged).
func TestTable_RangeScan_writesBetweenChunks(t *testing.T) {
	for _, desc := range []bool{false, true} {
		_, p, tab := newTestTable(t, Options{Type: OrderedSet})
		const n = 3000
		for k := range int64(n) {
			if err := tab.Insert(p, tu(i(k), i(k))); err != nil {
				t.Fatal(err)
			}
		}
		// ahead is the key 600 places further in the scan's direction.
		ahead := func(k int64) int64 {
			if desc {
				return k - 600
			}
			return k + 600
		}
		var got []int64
		err := tab.RangeScan(p, Range{Descending: desc}, func(obj term.Term) bool {
			k, _ := keyAt(obj, 1).Int64()
			got = append(got, k)
			if k%2 == 0 {
				if err := tab.DeleteKey(p, i(ahead(k))); err != nil {
					t.Fatal(err)
				}
			}
			if k%2 != 0 { // the even key visited just before: moves the rest of its leaf
				prev := k - 1
				if desc {
					prev = k + 1
				}
				if err := tab.DeleteKey(p, i(prev)); err != nil {
					t.Fatal(err)
				}
			}
			if k%5 == 0 && k >= 0 && k < n {
				if err := tab.Insert(p, tu(i(ahead(k)+n*10), i(0))); err != nil { // beyond the end forward
					t.Fatal(err)
				}
			}
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int64]bool{}
		for _, k := range got {
			if seen[k] {
				t.Fatalf("desc %v: key %d visited twice", desc, k)
			}
			seen[k] = true
		}
		// The model: a key is deleted when the key 600 places before it
		// in the scan's order is visited and even.
		visited := map[int64]bool{}
		for j := range int64(n) {
			k := j
			if desc {
				k = n - 1 - j
			}
			before := k - 600
			if desc {
				before = k + 600
			}
			visited[k] = !(k%2 == 0 && visited[before])
			if seen[k] != visited[k] {
				t.Errorf("desc %v: key %d visited %v, want %v", desc, k, seen[k], visited[k])
			}
		}
		for k := range seen {
			if desc && k >= n {
				t.Errorf("desc: key %d inserted behind the scan was visited", k)
			}
		}
		if !desc {
			for k := int64(0); k < n; k += 5 {
				if visited[k] && !seen[k+600+n*10] {
					t.Errorf("key %d inserted ahead was not visited", k+600+n*10)
				}
			}
		}
	}
}
