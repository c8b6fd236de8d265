package engine

import (
	"math"
	"sync"
	"unsafe"

	"github.com/etsql/etsql/term"
	"github.com/tidwall/btree"
)

// orderedSet is an ordered_set: a B-tree of objects in the term order of
// their keys (keys equal by ==, so 1 and 1.0 are one key).
type orderedSet struct {
	keypos int
	tree   *btree.BTreeG[item]
}

// item is one object in the B-tree with a 64-bit summary of its key that
// orders like the key (see orderKey), so that most comparisons during a
// search are decided without loading the object from memory.
type item struct {
	kp  uint64
	obj term.Term
}

// orderKey summarizes a key in 64 bits so that orderKey(a) < orderKey(b)
// implies a < b in term order (equal summaries decide nothing). Numbers
// (top bit 0) map to their float64 value with an order-preserving bit
// trick; other keys (top bit 1) to their kind, then the arity of a tuple
// or the first 7 bytes of an atom or binary.
func orderKey(k term.Term) uint64 {
	kind := k.Kind()
	switch kind {
	case term.KindInteger, term.KindFloat:
		f, ok := k.Number()
		if !ok { // a big integer beyond the float range
			f = math.Inf(1)
			if b, _ := k.Big(); b.Sign() < 0 {
				f = math.Inf(-1)
			}
		}
		if f == 0 {
			f = 0 // -0.0 == 0.0
		}
		b := math.Float64bits(f)
		if b>>63 == 1 {
			b = ^b
		} else {
			b |= 1 << 63
		}
		return b >> 1
	case term.KindTuple:
		return 1<<63 | uint64(kind)<<56 | uint64(min(k.Arity(), 1<<56-1))
	case term.KindAtom, term.KindBinary:
		s, _ := k.AtomName()
		if kind == term.KindBinary {
			s, _ = k.BinaryValue()
		}
		var prefix uint64
		for n := range 7 {
			prefix <<= 8
			if n < len(s) {
				prefix |= uint64(s[n])
			}
		}
		return 1<<63 | uint64(kind)<<56 | prefix
	}
	return 1<<63 | uint64(kind)<<56
}

const btreeDegree = 32

func newOrderedSet(keypos int) *orderedSet {
	s := &orderedSet{keypos: keypos}
	s.tree = btree.NewBTreeGOptions(s.less, btree.Options{NoLocks: true, Degree: btreeDegree})
	return s
}

// Probes. The B-tree compares items with items, so a search for a key
// needs an item holding that key: an exact probe is an object-shaped tuple
// from a pool (no allocation per lookup), and a bound probe (for key
// prefixes) is a tuple marked by the private probeMarker, which compares
// just before or just after every key of a given arity starting with a
// given prefix.

var probeMarkerElems = []term.Term{term.Atom("$etsql_probe")}

// probeMarker is a tuple no stored object can hold: its element array is
// private to this file and recognized by address.
var probeMarker = term.Tuple(probeMarkerElems...)

var emptyTuple = term.Tuple()

const pooledProbeLen = 8

var probePool = sync.Pool{New: func() any { return new([pooledProbeLen]term.Term) }}

// withProbe calls fn with an item holding an object-shaped tuple whose key
// is key.
func (s *orderedSet) withProbe(key term.Term, fn func(probe item)) {
	kp := orderKey(key)
	if s.keypos > pooledProbeLen {
		elems := make([]term.Term, s.keypos)
		elems[s.keypos-1] = key
		fn(item{kp, term.Tuple(elems...)})
		return
	}
	arr := probePool.Get().(*[pooledProbeLen]term.Term)
	arr[s.keypos-1] = key
	fn(item{kp, term.Tuple(arr[:s.keypos]...)})
	arr[s.keypos-1] = term.Term{}
	probePool.Put(arr)
}

// boundProbe returns a probe that sorts just before (high=false) or just
// after (high=true) every tuple key of the given arity whose first
// elements are prefix. Its summary is that of every tuple of that arity.
func boundProbe(prefix []term.Term, arity int, high bool) item {
	return item{
		kp:  orderKey(term.Tuple(make([]term.Term, arity)...)),
		obj: term.Tuple(probeMarker, term.Tuple(prefix...), term.Int(int64(arity)), term.Bool(high)),
	}
}

func isProbe(t term.Term) bool {
	if t.Arity() != 4 {
		return false
	}
	m, _ := t.Element(1)
	e := m.Elements()
	return len(e) == 1 && unsafe.SliceData(e) == unsafe.SliceData(probeMarkerElems)
}

// compareProbe compares bound probe p with key k.
func compareProbe(p, k term.Term) int {
	pre, _ := p.Element(2)
	ar, _ := p.Element(3)
	hi, _ := p.Element(4)
	arity, _ := ar.Int64()
	if !k.IsTuple() {
		return term.Compare(emptyTuple, k)
	}
	if n := k.Arity(); n != int(arity) {
		if int(arity) < n {
			return -1
		}
		return 1
	}
	ke := k.Elements()
	for i, e := range pre.Elements() {
		if c := term.Compare(e, ke[i]); c != 0 {
			return c
		}
	}
	if hi.IsTrue() {
		return 1
	}
	return -1
}

func (s *orderedSet) compare(a, b item) int {
	if a.kp != b.kp {
		if a.kp < b.kp {
			return -1
		}
		return 1
	}
	if isProbe(a.obj) {
		return compareProbe(a.obj, keyAt(b.obj, s.keypos))
	}
	if isProbe(b.obj) {
		return -compareProbe(b.obj, keyAt(a.obj, s.keypos))
	}
	return term.Compare(keyAt(a.obj, s.keypos), keyAt(b.obj, s.keypos))
}

func (s *orderedSet) less(a, b item) bool { return s.compare(a, b) < 0 }

func (s *orderedSet) item(obj term.Term) item { return item{orderKey(keyAt(obj, s.keypos)), obj} }

// key returns the key of an item's object.
func (s *orderedSet) key(it item) term.Term { return keyAt(it.obj, s.keypos) }

// compareKey compares the key of obj with key.
func (s *orderedSet) compareKey(obj, key term.Term) int {
	return term.Compare(keyAt(obj, s.keypos), key)
}

func (s *orderedSet) size() int { return s.tree.Len() }

// memoryWords: objects plus the B-tree items (2 words each, nodes about
// three quarters full) and node headers.
func (s *orderedSet) memoryWords() int {
	n := s.tree.Len()
	return objectWords(s) + n*3*4/3 + n/btreeDegree*8 + 16
}

func (s *orderedSet) insert(obj term.Term) {
	s.tree.Set(s.item(obj))
}

func (s *orderedSet) get(key term.Term) (obj term.Term, ref slotRef, ok bool) {
	s.withProbe(key, func(p item) {
		var it item
		it, ok = s.tree.GetHint(p, &ref.hint)
		obj = it.obj
	})
	return obj, ref, ok
}

func (s *orderedSet) replace(ref slotRef, obj term.Term) {
	s.tree.SetHint(s.item(obj), &ref.hint)
}

func (s *orderedSet) member(key term.Term) bool {
	_, _, ok := s.get(key)
	return ok
}

func (s *orderedSet) lookup(dst []term.Term, key term.Term) []term.Term {
	return s.lookupHint(dst, key, nil)
}

// lookupHint is lookup starting the search from hint, the path of an
// earlier search (see btree.PathHint), which it updates.
func (s *orderedSet) lookupHint(dst []term.Term, key term.Term, hint *btree.PathHint) []term.Term {
	s.withProbe(key, func(p item) {
		if it, ok := s.tree.GetHint(p, hint); ok {
			dst = append(dst, it.obj)
		}
	})
	return dst
}

func (s *orderedSet) deleteKey(dst []term.Term, key term.Term) []term.Term {
	var old item
	var ok bool
	s.withProbe(key, func(p item) { old, ok = s.tree.Delete(p) })
	if ok {
		dst = append(dst, old.obj)
	}
	return dst
}

func (s *orderedSet) deleteObject(obj term.Term) int {
	old, ok := s.tree.Get(s.item(obj))
	if !ok || !term.ExactEqual(old.obj, obj) {
		return 0
	}
	s.tree.Delete(old)
	return 1
}

func (s *orderedSet) clear() {
	s.tree = btree.NewBTreeGOptions(s.less, btree.Options{NoLocks: true, Degree: btreeDegree})
}

func (s *orderedSet) first() (term.Term, bool) {
	it, ok := s.tree.Min()
	return keyAt(it.obj, s.keypos), ok
}

func (s *orderedSet) last() (term.Term, bool) {
	it, ok := s.tree.Max()
	return keyAt(it.obj, s.keypos), ok
}

// next returns the first key after key, whether or not key is in the table.
func (s *orderedSet) next(key term.Term) (k term.Term, ok bool, err error) {
	s.ascendAfter(key, false, func(obj term.Term) bool {
		k, ok = keyAt(obj, s.keypos), true
		return false
	})
	return k, ok, nil
}

// prev returns the last key before key, whether or not key is in the table.
func (s *orderedSet) prev(key term.Term) (k term.Term, ok bool, err error) {
	s.descendBefore(key, false, func(obj term.Term) bool {
		k, ok = keyAt(obj, s.keypos), true
		return false
	})
	return k, ok, nil
}

// ascendAfter calls fn with the objects whose keys are > key (>= when
// inclusive), in order, until fn returns false.
func (s *orderedSet) ascendAfter(key term.Term, inclusive bool, fn func(obj term.Term) bool) {
	s.withProbe(key, func(p item) {
		s.tree.Ascend(p, func(it item) bool {
			if !inclusive && s.compareKey(it.obj, key) == 0 {
				return true
			}
			return fn(it.obj)
		})
	})
}

// descendBefore calls fn with the objects whose keys are < key (<= when
// inclusive), in reverse order, until fn returns false.
func (s *orderedSet) descendBefore(key term.Term, inclusive bool, fn func(obj term.Term) bool) {
	s.withProbe(key, func(p item) {
		s.tree.Descend(p, func(it item) bool {
			if !inclusive && s.compareKey(it.obj, key) == 0 {
				return true
			}
			return fn(it.obj)
		})
	})
}

// scan walks the tree in batches of touchBatch objects, each touched
// before fn sees them (the objects of consecutive keys lie anywhere in
// memory).
func (s *orderedSet) scan(c *cursor, fn func(obj term.Term) bool) bool {
	var batch [touchBatch]term.Term
	n, done := 0, true
	flush := func() bool {
		touchTerms(batch[:n])
		for _, obj := range batch[:n] {
			c.started, c.key = true, keyAt(obj, s.keypos)
			if !fn(obj) {
				done = false
				break
			}
		}
		clear(batch[:n])
		n = 0
		return done
	}
	visit := func(obj term.Term) bool {
		batch[n] = obj
		if n++; n == touchBatch {
			return flush()
		}
		return true
	}
	switch {
	case c.reverse && c.started:
		s.descendBefore(c.key, false, visit)
	case c.reverse:
		s.reverse(visit)
	case c.started:
		s.ascendAfter(c.key, false, visit)
	default:
		s.forward(visit)
	}
	if done {
		flush()
	}
	return done
}

// forward calls fn with every object in key order until fn returns false.
func (s *orderedSet) forward(fn func(obj term.Term) bool) {
	s.tree.Scan(func(it item) bool { return fn(it.obj) })
}

// reverse calls fn with every object in reverse key order until fn
// returns false.
func (s *orderedSet) reverse(fn func(obj term.Term) bool) {
	s.tree.Reverse(func(it item) bool { return fn(it.obj) })
}
