package engine

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"

	"github.com/etsql/etsql/term"
)

// checkTree verifies the B+tree's invariants: every leaf at one depth,
// keys strictly increasing along the leaf chain and within the bounds the
// separators set, summaries matching keys, occupancy within bounds below
// the root, links and size consistent, unused slots cleared.
func checkTree(tr *bptree) error {
	var leaves []*bpLeaf
	var walk func(n *bpInner, depth int, lo, hi *term.Term) error
	inRange := func(k term.Term, lo, hi *term.Term) bool {
		return (lo == nil || term.Compare(*lo, k) <= 0) && (hi == nil || term.Compare(k, *hi) < 0)
	}
	walk = func(n *bpInner, depth int, lo, hi *term.Term) error {
		if n != tr.root && n.n < innerMin || n.n < 1 || n.n > innerMax {
			return fmt.Errorf("inner node at depth %d has %d children", depth, n.n)
		}
		if n.leaves != (depth == tr.height-1) {
			return fmt.Errorf("inner node at depth %d: leaves %v, height %d", depth, n.leaves, tr.height)
		}
		for i := 1; i < n.n; i++ {
			if n.kp[i] != orderKey(n.keys[i]) {
				return fmt.Errorf("separator %d at depth %d: summary mismatch", i, depth)
			}
			if i > 1 && term.Compare(n.keys[i-1], n.keys[i]) >= 0 {
				return fmt.Errorf("separators at depth %d out of order", depth)
			}
			if !inRange(n.keys[i], lo, hi) {
				return fmt.Errorf("separator %v at depth %d out of its bounds", n.keys[i], depth)
			}
		}
		for i := n.n; i < innerSlots; i++ {
			if n.keys[i].IsValid() || n.leaf[i] != nil || n.inner[i] != nil {
				return fmt.Errorf("inner node at depth %d: slot %d not cleared", depth, i)
			}
		}
		for i := range n.n {
			clo, chi := lo, hi
			if i > 0 {
				clo = &n.keys[i]
			}
			if i+1 < n.n {
				chi = &n.keys[i+1]
			}
			if n.leaves {
				l := n.leaf[i]
				// the last leaf may hold fewer: loading in key order
				// splits it to keep leaves full
				short := n != tr.root && l.next != nil && l.n < leafMin
				if short || l.n > leafMax || n.n > 1 && l.n == 0 {
					return fmt.Errorf("leaf holds %d objects", l.n)
				}
				for j := range l.n {
					k := keyAt(l.objs[j], tr.keypos)
					if l.kp[j] != orderKey(k) {
						return fmt.Errorf("leaf object %d: summary mismatch", j)
					}
					if !inRange(k, clo, chi) {
						return fmt.Errorf("leaf key %v out of bounds", k)
					}
				}
				for j := l.n; j < leafSlots; j++ {
					if l.objs[j].IsValid() {
						return fmt.Errorf("leaf slot %d not cleared", j)
					}
				}
				leaves = append(leaves, l)
				continue
			}
			if err := walk(n.inner[i], depth+1, clo, chi); err != nil {
				return err
			}
		}
		return nil
	}
	if tr.height > maxHeight {
		return fmt.Errorf("height %d", tr.height)
	}
	if err := walk(tr.root, 0, nil, nil); err != nil {
		return err
	}
	if tr.head != leaves[0] || tr.tail != leaves[len(leaves)-1] || leaves[0].prev != nil || leaves[len(leaves)-1].next != nil {
		return fmt.Errorf("head or tail wrong")
	}
	size := 0
	var last term.Term
	for i, l := range leaves {
		if i > 0 && (l.prev != leaves[i-1] || leaves[i-1].next != l) {
			return fmt.Errorf("leaf %d: links wrong", i)
		}
		for j := range l.n {
			k := keyAt(l.objs[j], tr.keypos)
			if size > 0 && term.Compare(last, k) >= 0 {
				return fmt.Errorf("keys out of order: %v then %v", last, k)
			}
			last = k
			size++
		}
	}
	if size != tr.size {
		return fmt.Errorf("size %d, %d objects", tr.size, size)
	}
	return nil
}

// model is a sorted slice of objects: what the tree must hold.
type model struct{ objs []term.Term }

func (m *model) find(k term.Term) (int, bool) {
	return slices.BinarySearchFunc(m.objs, k, func(o, k term.Term) int { return term.Compare(keyAt(o, 1), k) })
}

func (m *model) insert(obj term.Term) {
	i, ok := m.find(keyAt(obj, 1))
	if ok {
		m.objs[i] = obj
		return
	}
	m.objs = slices.Insert(m.objs, i, obj)
}

func (m *model) delete(k term.Term) bool {
	i, ok := m.find(k)
	if ok {
		m.objs = slices.Delete(m.objs, i, i+1)
	}
	return ok
}

// keyGens make keys whose summaries never tie (integers), often tie
// (tuples with few first elements, floats equal to integers, long atoms),
// or mix kinds.
var keyGens = map[string]func(r *rand.Rand, span int) term.Term{
	"integers": func(r *rand.Rand, span int) term.Term { return i(r.Int64N(int64(span))) },
	"ties": func(r *rand.Rand, span int) term.Term {
		switch r.IntN(4) {
		case 0:
			return tu(i(r.Int64N(3)), i(r.Int64N(int64(span))))
		case 1:
			return f(float64(r.IntN(span)))
		case 2:
			return a(fmt.Sprintf("atom_prefix_%d", r.IntN(span)))
		}
		return term.BinaryString(fmt.Sprintf("binary-%08d", r.IntN(span)))
	},
	// composite keys whose summaries code both elements (see tupleKP):
	// integers of every code length and sign, floats equal to them and
	// between them, huge numbers, short and long strings, other kinds
	"composite": func(r *rand.Rand, span int) term.Term {
		elem := func() term.Term {
			v := r.Int64N(int64(span))
			switch r.IntN(9) {
			case 0:
				return i(-v)
			case 1:
				return i(v << (r.IntN(4) * 15)) // up to 2^45 and beyond
			case 2:
				return f(float64(v))
			case 3:
				return f(float64(v) + 0.5)
			case 4:
				return i(1<<62 + v) // no exact code
			case 5:
				return a(fmt.Sprintf("k%d", v%7))
			case 6:
				return term.BinaryString(fmt.Sprintf("longer-binary-%d", v))
			case 7:
				return tu(i(v % 3))
			}
			return i(v)
		}
		switch r.IntN(6) {
		case 0:
			return tu(elem())
		case 1:
			return tu(elem(), elem(), elem())
		}
		return tu(elem(), elem())
	},
}

func TestBPTree_randomOps_matchModel(t *testing.T) {
	for name, gen := range keyGens {
		for _, span := range []int{50, 3000, 40000} {
			t.Run(fmt.Sprintf("%s/%d", name, span), func(t *testing.T) {
				r := rand.New(rand.NewPCG(uint64(span), 7))
				tr := newBPTree(1)
				var m model
				ops := 4 * span
				for n := range ops {
					k := gen(r, span)
					// grow for the first half, then shrink
					grow := n < ops/2
					op := r.IntN(10)
					insert := op < 6
					if !grow {
						insert = op < 3
					}
					switch {
					case op == 9:
						checkSeeks(t, tr, &m, k)
					case insert:
						obj := tu(k, i(int64(n)))
						tr.insert(orderKey(k), obj)
						m.insert(obj)
					default:
						p := keyProbe(k)
						old, ok := tr.delete(&p)
						if ok != m.delete(k) || ok && term.Compare(keyAt(old, 1), k) != 0 {
							t.Fatalf("op %d: delete %v: %v", n, k, ok)
						}
					}
					if n%(ops/20) == 0 || span <= 50 {
						if err := checkTree(tr); err != nil {
							t.Fatalf("op %d: %v", n, err)
						}
					}
				}
				if err := checkTree(tr); err != nil {
					t.Fatal(err)
				}
				var got []term.Term
				ascendFrom(tr.firstPos(), func(obj term.Term) bool { got = append(got, obj); return true })
				if !slices.EqualFunc(got, m.objs, term.ExactEqual) {
					t.Fatalf("tree holds %d objects, model %d, or they differ", len(got), len(m.objs))
				}
				drain(t, r, tr, &m)
			})
		}
	}
}

// drain deletes every object in random order, checking the tree as it
// shrinks to a single empty leaf.
func drain(t *testing.T, r *rand.Rand, tr *bptree, m *model) {
	t.Helper()
	keys := make([]term.Term, len(m.objs))
	for j, obj := range m.objs {
		keys[j] = keyAt(obj, 1)
	}
	r.Shuffle(len(keys), func(x, y int) { keys[x], keys[y] = keys[y], keys[x] })
	for j, k := range keys {
		p := keyProbe(k)
		if _, ok := tr.delete(&p); !ok {
			t.Fatalf("drain: %v not found", k)
		}
		if j%max(len(keys)/50, 1) == 0 {
			if err := checkTree(tr); err != nil {
				t.Fatalf("drain, %d left: %v", len(keys)-j-1, err)
			}
		}
	}
	if err := checkTree(tr); err != nil {
		t.Fatal(err)
	}
	if tr.size != 0 || tr.height != 1 || tr.firstPos().valid() || tr.lastPos().valid() {
		t.Fatalf("drained tree: size %d, height %d", tr.size, tr.height)
	}
}

// checkSeeks compares lookups and the four seeks around k with the model.
func checkSeeks(t *testing.T, tr *bptree, m *model, k term.Term) {
	t.Helper()
	p := keyProbe(k)
	i, ok := m.find(k)
	pos, found := tr.get(&p)
	if found != ok || found && !term.ExactEqual(pos.obj(), m.objs[i]) {
		t.Fatalf("get %v: found %v, model %v", k, found, ok)
	}
	at := func(j int) term.Term {
		if j < 0 || j >= len(m.objs) {
			return term.Term{}
		}
		return m.objs[j]
	}
	objAt := func(pos bpPos) term.Term {
		if !pos.valid() {
			return term.Term{}
		}
		return pos.obj()
	}
	after := i
	if ok {
		after = i + 1
	}
	for _, c := range []struct {
		name      string
		got, want term.Term
	}{
		{"after", objAt(tr.seekAfter(&p, false)), at(after)},
		{"from", objAt(tr.seekAfter(&p, true)), at(i)},
		{"before", objAt(tr.seekBefore(&p, false)), at(i - 1)},
		{"upto", objAt(tr.seekBefore(&p, true)), at(after - 1)},
	} {
		if c.got.IsValid() != c.want.IsValid() || c.got.IsValid() && !term.ExactEqual(c.got, c.want) {
			t.Fatalf("seek %s %v: got %v, want %v", c.name, k, c.got, c.want)
		}
	}
}

func TestBPTree_insertSorted_fillsLeaves(t *testing.T) {
	tr := newBPTree(1)
	const n = 10 * leafMax
	for k := range int64(n) {
		tr.insert(orderKey(i(k)), tu(i(k)))
	}
	if err := checkTree(tr); err != nil {
		t.Fatal(err)
	}
	leaves := 0
	for l := tr.head; l != nil; l = l.next {
		leaves++
	}
	if leaves != 10 {
		t.Errorf("%d objects inserted in order fill %d leaves, want 10", n, leaves)
	}
}

func TestBPTree_boundProbe_prefixRange(t *testing.T) {
	s := newOrderedSet(1)
	for c := range int64(5) {
		for k := range int64(300) {
			s.insert(tu(tu(i(c), i(k)), i(0)))
		}
		s.insert(tu(tu(i(c)), i(0)))
		s.insert(tu(tu(i(c), i(1), i(2)), i(0)))
	}
	for _, c := range []int64{0, 2, 4, 9} {
		got := s.appendPrefix(nil, []term.Term{i(c)}, 2)
		want := 300
		if c > 4 {
			want = 0
		}
		if len(got) != want {
			t.Fatalf("prefix {%d,_}: %d objects, want %d", c, len(got), want)
		}
		for k, obj := range got {
			if e := keyAt(obj, 1).Elements(); e[0] != i(c) || e[1] != i(int64(k)) {
				t.Fatalf("prefix {%d,_}: object %d is %v", c, k, obj)
			}
		}
	}
	if got := s.appendPrefix(nil, nil, 2); len(got) != 1500 {
		t.Fatalf("prefix {_,_}: %d objects, want 1500", len(got))
	}
}

// TestBPTree_deepTree_drains builds a tree of three inner levels in key
// order and deletes it in random order, so that inner nodes even out
// with both neighbours and merge.
func TestBPTree_deepTree_drains(t *testing.T) {
	const n = 300_000
	tr := newBPTree(1)
	var m model
	for k := range int64(n) {
		obj := tu(i(k))
		tr.insert(orderKey(i(k)), obj)
		m.objs = append(m.objs, obj)
	}
	if tr.height < 3 {
		t.Fatalf("height %d, want 3 or more", tr.height)
	}
	r := rand.New(rand.NewPCG(5, 6))
	// delete every other run of keys first: nodes shrink unevenly
	for k := int64(0); k < n; k += 2000 {
		for j := k; j < k+1000; j++ {
			p := keyProbe(i(j))
			if _, ok := tr.delete(&p); !ok {
				t.Fatalf("%d not found", j)
			}
		}
	}
	if err := checkTree(tr); err != nil {
		t.Fatal(err)
	}
	m.objs = slices.DeleteFunc(m.objs, func(obj term.Term) bool {
		v, _ := keyAt(obj, 1).Int64()
		return v%2000 < 1000
	})
	drain(t, r, tr, &m)
}

// TestBPTree_clusteredOps_matchModel inserts and deletes runs of keys at
// random places of a deep tree, so that neighbouring nodes grow and
// shrink unevenly and even out in both directions.
func TestBPTree_clusteredOps_matchModel(t *testing.T) {
	const span = 400_000
	tr := newBPTree(1)
	present := make([]bool, span)
	for k := 0; k < span; k += 2 {
		tr.insert(orderKey(i(int64(k))), tu(i(int64(k))))
		present[k] = true
	}
	r := rand.New(rand.NewPCG(8, 9))
	for op := range 400 {
		lo := r.IntN(span)
		hi := min(lo+r.IntN(20_000), span)
		insert := r.IntN(2) == 0
		for k := lo; k < hi; k++ {
			key := i(int64(k))
			if insert {
				tr.insert(orderKey(key), tu(key))
			} else {
				p := keyProbe(key)
				if _, ok := tr.delete(&p); ok != present[k] {
					t.Fatalf("op %d: delete %d: %v, model %v", op, k, ok, present[k])
				}
			}
			present[k] = insert
		}
		if op%40 == 0 {
			if err := checkTree(tr); err != nil {
				t.Fatalf("op %d: %v", op, err)
			}
		}
	}
	if err := checkTree(tr); err != nil {
		t.Fatal(err)
	}
	var m model
	for k, ok := range present {
		if ok {
			m.objs = append(m.objs, tu(i(int64(k))))
		}
	}
	var got []term.Term
	ascendFrom(tr.firstPos(), func(obj term.Term) bool { got = append(got, obj); return true })
	if !slices.EqualFunc(got, m.objs, term.Equal) {
		t.Fatalf("tree holds %d objects, model %d, or they differ", len(got), len(m.objs))
	}
	drain(t, r, tr, &m)
}

// TestOrderedSet_bulkInsert_compacts checks that a bulk insert leaves the
// objects in consecutive memory (but where a chunk ends), equal to what was inserted,
// and that objects handed out before are untouched.
func TestOrderedSet_bulkInsert_compacts(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	rows := benchRows(2 * bulkLoad)
	must(t, tab.Insert(p, rows[:bulkLoad]...))
	before, err := tab.Lookup(p, keyAt(rows[0], 1))
	if err != nil || len(before) != 1 {
		t.Fatal(before, err)
	}
	saved := before[0].String()
	must(t, tab.Insert(p, rows[bulkLoad:]...))
	if got := before[0].String(); got != saved {
		t.Fatalf("object handed out changed: %s, was %s", got, saved)
	}
	want := slices.Clone(rows)
	slices.SortFunc(want, func(a, b term.Term) int { return term.Compare(keyAt(a, 1), keyAt(b, 1)) })
	got, _ := tab.Tab2List(p)
	if !slices.EqualFunc(got, want, term.ExactEqual) {
		t.Fatal("bulk insert changed the objects")
	}
	adjacent, pairs := 0, 0
	for l := tab.storage().(*orderedSet).tree.head; l != nil; l = l.next {
		for j := 1; j < l.n; j++ {
			a, b := l.objs[j-1].Elements(), l.objs[j].Elements()
			end := uintptr(unsafe.Pointer(unsafe.SliceData(a))) + uintptr(len(a))*unsafe.Sizeof(a[0])
			if end == uintptr(unsafe.Pointer(unsafe.SliceData(b))) {
				adjacent++
			}
			pairs++
		}
	}
	// all but where a chunk ends
	if chunks := 5*len(rows)/compactChunk + 1; pairs-adjacent > chunks {
		t.Errorf("%d of %d neighbours in leaves adjacent in memory, want all but %d", adjacent, pairs, chunks)
	}
}
