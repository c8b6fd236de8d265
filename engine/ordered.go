package engine

import (
	"math"

	"github.com/etsql/etsql/term"
)

// orderedSet is an ordered_set: a B+tree of objects in the term order of
// their keys (keys equal by ==, so 1 and 1.0 are one key); see bplus.go.
type orderedSet struct {
	keypos int
	tree   *bptree
	// floatKeys counts the objects whose key holds a float: while there
	// are none, keys equal by == are equal by =:= (see ordered_query.go).
	floatKeys int
}

// Key summaries. orderKey summarizes a key in 64 bits so that
// orderKey(a) < orderKey(b) implies a < b in term order, and a == b
// implies equal summaries (equal summaries decide nothing in general).
// Numbers map to their float64 value, made monotone as an unsigned
// integer: distinct floats have distinct summaries, and two numbers with
// one summary below 2^53 in magnitude are equal (kpDecisive). Other keys
// lie above +Inf's summary (kpOther): their kind, then the arity of a
// tuple and a 32-bit summary of its first element, or the first 6 bytes
// of an atom or binary.
func orderKey(k term.Term) uint64 {
	kind := k.Kind()
	switch kind {
	case term.KindInteger, term.KindFloat:
		return numberKP(k)
	case term.KindTuple:
		e := k.Elements()
		if len(e) == 0 {
			return tupleKP(0, 0)
		}
		return tupleKP(len(e), elemSummary(e[0]))
	}
	return flatKP(k)
}

// kpOther is the least summary of a key that is not a number: just above
// +Inf's (NaNs, which have no term, lie there).
const kpOther = 0xFFF0000000000001

func numberKP(k term.Term) uint64 {
	f, ok := k.Number()
	if !ok { // a big integer beyond the float range
		f = math.Inf(1)
		if b, _ := k.Big(); b.Sign() < 0 {
			f = math.Inf(-1)
		}
	}
	return floatKP(f)
}

func floatKP(f float64) uint64 {
	if f == 0 {
		f = 0 // -0.0 == 0.0
	}
	b := math.Float64bits(f)
	if b>>63 == 1 {
		return ^b
	}
	return b | 1<<63
}

// The summaries between which equal summaries mean equal numbers: every
// integer of magnitude below 2^53 is a distinct float64.
var (
	kpExactLo = floatKP(-(1 << 53))
	kpExactHi = floatKP(1 << 53)
)

// kpDecisive reports whether keys with summary kp are all equal (==).
func kpDecisive(kp uint64) bool { return kpExactLo < kp && kp < kpExactHi }

// flatKP is the summary of a key that is not a number, with a tuple
// summarized by its arity alone.
func flatKP(k term.Term) uint64 {
	kind := k.Kind()
	switch kind {
	case term.KindTuple:
		return tupleKP(k.Arity(), 0)
	case term.KindAtom, term.KindBinary:
		s, _ := k.AtomName()
		if kind == term.KindBinary {
			s, _ = k.BinaryValue()
		}
		var prefix uint64
		for n := range 6 {
			prefix <<= 8
			if n < len(s) {
				prefix |= uint64(s[n])
			}
		}
		return kpOther + uint64(kind)<<48 | prefix
	}
	return kpOther + uint64(kind)<<48
}

const maxArityKP = 1<<16 - 1

// tupleKP is the summary of a tuple of the arity whose first element's
// summary is first (see elemSummary). Arities from maxArityKP on share one
// summary.
func tupleKP(arity int, first uint32) uint64 {
	if arity >= maxArityKP {
		return kpOther + uint64(term.KindTuple)<<48 | maxArityKP<<32
	}
	return kpOther + uint64(term.KindTuple)<<48 | uint64(arity)<<32 | uint64(first)
}

// elemSummary is a 32-bit summary of a tuple's first element, ordered
// like the element (not strictly): the top of its summary, a tuple
// element summarized by its arity.
func elemSummary(e term.Term) uint32 {
	if e.IsNumber() {
		return uint32(numberKP(e) >> 32)
	}
	return uint32(flatKP(e) >> 32)
}

func newOrderedSet(keypos int) *orderedSet {
	return &orderedSet{keypos: keypos, tree: newBPTree(keypos)}
}

func (s *orderedSet) key(obj term.Term) term.Term { return keyAt(obj, s.keypos) }

func (s *orderedSet) size() int { return s.tree.size }

// memoryWords: objects plus the tree's nodes.
func (s *orderedSet) memoryWords() int {
	leaves := 0
	for l := s.tree.head; l != nil; l = l.next {
		leaves++
	}
	const leafWords, innerWords = 2048 / 8, 3072 / 8
	return objectWords(s) + leaves*leafWords + (leaves/innerMin+1)*innerWords + 16
}

func (s *orderedSet) insert(obj term.Term) {
	key := keyAt(obj, s.keypos)
	s.countFloats(key, 1)
	if old, ok := s.tree.insert(orderKey(key), obj); ok {
		s.countFloats(keyAt(old, s.keypos), -1)
	}
}

// bulkLoad is the size of an insert or load of many objects after which
// the tree compacts its leaves (see bptree.compact).
const bulkLoad = 4096

// loaded tells that n objects were just inserted in one call: when they
// are many and make a good part of the table, the tree compacts, so that
// the traversals of a table loaded in bulk read consecutive memory. The
// cost, a copy of each object's elements, is about that of the load.
// (Compacting a table filled object by object as it grows by half was
// measured: each copy of a scattered object is a cache miss, and inserts
// became 60% slower for next loops a third faster.)
func (s *orderedSet) loaded(n int) {
	if n >= bulkLoad && 2*n >= s.size() {
		s.tree.compact()
	}
}

// countFloats adds d to floatKeys if key holds a float.
func (s *orderedSet) countFloats(key term.Term, d int) {
	if !key.IsInteger() && !key.IsAtom() && hasFloat(key, 0) {
		s.floatKeys += d
	}
}

func (s *orderedSet) get(key term.Term) (obj term.Term, ref slotRef, ok bool) {
	p := keyProbe(key)
	pos, ok := s.tree.get(&p)
	if !ok {
		return term.Term{}, slotRef{}, false
	}
	return pos.obj(), slotRef{slot: pos.i, leaf: pos.leaf}, true
}

func (s *orderedSet) replace(ref slotRef, obj term.Term) {
	s.countFloats(keyAt(ref.leaf.objs[ref.slot], s.keypos), -1)
	s.countFloats(keyAt(obj, s.keypos), 1)
	ref.leaf.objs[ref.slot] = obj
}

func (s *orderedSet) member(key term.Term) bool {
	p := keyProbe(key)
	_, ok := s.tree.get(&p)
	return ok
}

func (s *orderedSet) lookup(dst []term.Term, key term.Term) []term.Term {
	p := keyProbe(key)
	if pos, ok := s.tree.get(&p); ok {
		dst = append(dst, pos.obj())
	}
	return dst
}

func (s *orderedSet) deleteKey(dst []term.Term, key term.Term) []term.Term {
	p := keyProbe(key)
	if old, ok := s.tree.delete(&p); ok {
		s.countFloats(keyAt(old, s.keypos), -1)
		dst = append(dst, old)
	}
	return dst
}

func (s *orderedSet) deleteObject(obj term.Term) int {
	p := keyProbe(keyAt(obj, s.keypos))
	pos, ok := s.tree.get(&p)
	if !ok || !term.ExactEqual(pos.obj(), obj) {
		return 0
	}
	s.tree.delete(&p)
	s.countFloats(keyAt(obj, s.keypos), -1)
	return 1
}

func (s *orderedSet) clear() {
	s.tree, s.floatKeys = newBPTree(s.keypos), 0
}

func (s *orderedSet) first() (term.Term, bool) {
	pos := s.tree.firstPos()
	if !pos.valid() {
		return term.Term{}, false
	}
	return pos.key(s.keypos), true
}

func (s *orderedSet) last() (term.Term, bool) {
	pos := s.tree.lastPos()
	if !pos.valid() {
		return term.Term{}, false
	}
	return pos.key(s.keypos), true
}

// next returns the first key after key, whether or not key is in the table.
func (s *orderedSet) next(key term.Term) (term.Term, bool, error) {
	p := keyProbe(key)
	pos := s.tree.seekAfter(&p, false)
	if !pos.valid() {
		return term.Term{}, false, nil
	}
	return pos.key(s.keypos), true, nil
}

// prev returns the last key before key, whether or not key is in the table.
func (s *orderedSet) prev(key term.Term) (term.Term, bool, error) {
	p := keyProbe(key)
	pos := s.tree.seekBefore(&p, false)
	if !pos.valid() {
		return term.Term{}, false, nil
	}
	return pos.key(s.keypos), true, nil
}

// ascendFrom calls fn with the objects from pos on, in key order, until
// fn returns false, which it reports.
func ascendFrom(pos bpPos, fn func(obj term.Term) bool) bool {
	return walkForward(pos, bpPos{}, fn)
}

// descendFrom is ascendFrom in reverse key order.
func descendFrom(pos bpPos, fn func(obj term.Term) bool) bool {
	return walkBackward(pos, bpPos{}, fn)
}

// scan walks the tree from cursor c, leaving c on the last key given to fn.
func (s *orderedSet) scan(c *cursor, fn func(obj term.Term) bool) bool {
	var last term.Term
	visit := func(obj term.Term) bool {
		last = obj
		return fn(obj)
	}
	var done bool
	switch {
	case c.reverse && c.started:
		p := keyProbe(c.key)
		done = descendFrom(s.tree.seekBefore(&p, false), visit)
	case c.reverse:
		done = descendFrom(s.tree.lastPos(), visit)
	case c.started:
		p := keyProbe(c.key)
		done = ascendFrom(s.tree.seekAfter(&p, false), visit)
	default:
		done = ascendFrom(s.tree.firstPos(), visit)
	}
	c.leaveOn(last, s.keypos)
	return done
}

// leaveOn moves an ordered_set cursor to the key of obj, the last object
// a traversal gave, if any.
func (c *cursor) leaveOn(obj term.Term, keypos int) {
	if obj.IsValid() {
		c.started, c.key = true, keyAt(obj, keypos)
	}
}
