package engine

import (
	"sync"
	"unsafe"

	"github.com/etsql/etsql/term"
	"github.com/tidwall/btree"
)

// orderedSet is an ordered_set: a B-tree of objects in the term order of
// their keys (keys equal by ==, so 1 and 1.0 are one key).
type orderedSet struct {
	keypos int
	tree   *btree.BTreeG[term.Term]
	words  int
}

const btreeDegree = 64

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

// withProbe calls fn with an object-shaped tuple whose key is key.
func (s *orderedSet) withProbe(key term.Term, fn func(probe term.Term)) {
	if s.keypos > pooledProbeLen {
		elems := make([]term.Term, s.keypos)
		elems[s.keypos-1] = key
		fn(term.Tuple(elems...))
		return
	}
	arr := probePool.Get().(*[pooledProbeLen]term.Term)
	arr[s.keypos-1] = key
	fn(term.Tuple(arr[:s.keypos]...))
	arr[s.keypos-1] = term.Term{}
	probePool.Put(arr)
}

// boundProbe returns a probe that sorts just before (high=false) or just
// after (high=true) every tuple key of the given arity whose first
// elements are prefix.
func boundProbe(prefix []term.Term, arity int, high bool) term.Term {
	return term.Tuple(probeMarker, term.Tuple(prefix...), term.Int(int64(arity)), term.Bool(high))
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

func (s *orderedSet) compare(a, b term.Term) int {
	if isProbe(a) {
		return compareProbe(a, keyAt(b, s.keypos))
	}
	if isProbe(b) {
		return -compareProbe(b, keyAt(a, s.keypos))
	}
	return term.Compare(keyAt(a, s.keypos), keyAt(b, s.keypos))
}

func (s *orderedSet) less(a, b term.Term) bool { return s.compare(a, b) < 0 }

// compareKey compares the key of obj with key.
func (s *orderedSet) compareKey(obj, key term.Term) int {
	return term.Compare(keyAt(obj, s.keypos), key)
}

func (s *orderedSet) size() int { return s.tree.Len() }

// memoryWords: objects plus the B-tree items (2 words each, nodes about
// three quarters full) and node headers.
func (s *orderedSet) memoryWords() int {
	n := s.tree.Len()
	return s.words + n*2*4/3 + n/btreeDegree*8 + 16
}

func (s *orderedSet) insert(obj term.Term) {
	if old, replaced := s.tree.Set(obj); replaced {
		s.words -= termWords(old)
	}
	s.words += termWords(obj)
}

func (s *orderedSet) get(key term.Term) (obj term.Term, ok bool) {
	s.withProbe(key, func(p term.Term) { obj, ok = s.tree.Get(p) })
	return obj, ok
}

func (s *orderedSet) member(key term.Term) bool {
	_, ok := s.get(key)
	return ok
}

func (s *orderedSet) lookup(dst []term.Term, key term.Term) []term.Term {
	if obj, ok := s.get(key); ok {
		dst = append(dst, obj)
	}
	return dst
}

func (s *orderedSet) deleteKey(dst []term.Term, key term.Term) []term.Term {
	var old term.Term
	var ok bool
	s.withProbe(key, func(p term.Term) { old, ok = s.tree.Delete(p) })
	if ok {
		s.words -= termWords(old)
		dst = append(dst, old)
	}
	return dst
}

func (s *orderedSet) deleteObject(obj term.Term) int {
	old, ok := s.tree.Get(obj)
	if !ok || !term.ExactEqual(old, obj) {
		return 0
	}
	s.tree.Delete(obj)
	s.words -= termWords(old)
	return 1
}

func (s *orderedSet) clear() {
	s.tree = btree.NewBTreeGOptions(s.less, btree.Options{NoLocks: true, Degree: btreeDegree})
	s.words = 0
}

func (s *orderedSet) first() (term.Term, bool) {
	obj, ok := s.tree.Min()
	return keyAt(obj, s.keypos), ok
}

func (s *orderedSet) last() (term.Term, bool) {
	obj, ok := s.tree.Max()
	return keyAt(obj, s.keypos), ok
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
	s.withProbe(key, func(p term.Term) {
		s.tree.Ascend(p, func(obj term.Term) bool {
			if !inclusive && s.compareKey(obj, key) == 0 {
				return true
			}
			return fn(obj)
		})
	})
}

// descendBefore calls fn with the objects whose keys are < key (<= when
// inclusive), in reverse order, until fn returns false.
func (s *orderedSet) descendBefore(key term.Term, inclusive bool, fn func(obj term.Term) bool) {
	s.withProbe(key, func(p term.Term) {
		s.tree.Descend(p, func(obj term.Term) bool {
			if !inclusive && s.compareKey(obj, key) == 0 {
				return true
			}
			return fn(obj)
		})
	})
}

func (s *orderedSet) scan(c *cursor, fn func(obj term.Term) bool) bool {
	done := true
	visit := func(obj term.Term) bool {
		c.started, c.key = true, keyAt(obj, s.keypos)
		if !fn(obj) {
			done = false
			return false
		}
		return true
	}
	switch {
	case c.reverse && c.started:
		s.descendBefore(c.key, false, visit)
	case c.reverse:
		s.tree.Reverse(visit)
	case c.started:
		s.ascendAfter(c.key, false, visit)
	default:
		s.tree.Scan(visit)
	}
	return done
}
