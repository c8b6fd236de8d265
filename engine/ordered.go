package engine

import (
	"math"
	"math/bits"

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
// lie above +Inf's summary (kpOther): their kind, then for a tuple its
// arity and codes of its first two elements (see tupleKP), for an atom or
// binary its first 6 bytes.
func orderKey(k term.Term) uint64 {
	kind := k.Kind()
	switch kind {
	case term.KindInteger, term.KindFloat:
		return numberKP(k)
	case term.KindTuple:
		return tupleKP(k.Elements())
	}
	return flatKP(k)
}

// kpOther is the least summary of a key that is not a number: just above
// +Inf's (NaNs, which have no term, lie there).
const kpOther = 0xFFF0000000000001

func numberKP(k term.Term) uint64 {
	return floatKP(numberValue(k))
}

// numberValue is a number's value as a float64, a big integer beyond the
// float range as an infinity.
func numberValue(k term.Term) float64 {
	f, ok := k.Number()
	if !ok {
		f = math.Inf(1)
		if b, _ := k.Big(); b.Sign() < 0 {
			f = math.Inf(-1)
		}
	}
	return f
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

// kpDecisive reports whether keys with summary kp are all equal (==):
// numbers below 2^53 in magnitude, and pairs of two small integers (see
// tupleKP).
func kpDecisive(kp uint64) bool {
	if kpExactLo < kp && kp < kpExactHi {
		return true
	}
	return kp&^tupleCodeMask == kpTuple|2<<tupleArityShift &&
		elemCodeExact(kp>>tupleFirstShift&(1<<firstCodeBits-1), firstCodeBits) &&
		elemCodeExact(kp&(1<<secondCodeBits-1), secondCodeBits)
}

// flatKP is the summary of a key that is neither a number nor a tuple.
func flatKP(k term.Term) uint64 {
	kind := k.Kind()
	switch kind {
	case term.KindAtom, term.KindBinary:
		var prefix uint64
		for n, b := range []byte(stringPrefix(k, 6)) {
			prefix |= uint64(b) << (40 - 8*n)
		}
		return kpOther + uint64(kind)<<48 | prefix
	}
	return kpOther + uint64(kind)<<48
}

// stringPrefix returns the first bytes (at most n) of an atom's name or a
// binary.
func stringPrefix(k term.Term, n int) string {
	s, ok := k.AtomName()
	if !ok {
		s, _ = k.BinaryValue()
	}
	return s[:min(n, len(s))]
}

// A tuple's summary is kpTuple plus 48 bits: its arity (4 bits: 15 for
// every arity from 15 on), then a 20-bit code of its first element and a
// 24-bit code of its second (see elemCode). The second element's code is
// there only when the first's is exact (no other value has it); else it
// is 0, and so is everything after the arity of the tuples of arity 15
// and more. So a tuple key of two small integers, the usual composite
// key, is summarized exactly, and searches compare no keys at all.
const (
	kpTuple         = kpOther - 1 + uint64(term.KindTuple)<<48 // kpOther's low bit would hide a code's
	tupleArityShift = 44
	tupleFirstShift = 24
	tupleCodeMask   = 1<<tupleArityShift - 1
	firstCodeBits   = 20
	secondCodeBits  = 24
	maxArityCode    = 15
)

func tupleKP(e []term.Term) uint64 {
	if len(e) >= maxArityCode {
		return kpTuple | maxArityCode<<tupleArityShift
	}
	kp := kpTuple | uint64(len(e))<<tupleArityShift
	if len(e) == 0 {
		return kp
	}
	first := elemCode(e[0], firstCodeBits)
	kp |= first << tupleFirstShift
	if len(e) >= 2 && elemCodeExact(first, firstCodeBits) {
		kp |= elemCode(e[1], secondCodeBits)
	}
	return kp
}

// tupleBoundKP is the least (greatest when high) summary of a tuple key
// of the arity whose first elements are prefix.
func tupleBoundKP(prefix []term.Term, arity int, high bool) uint64 {
	if arity >= maxArityCode {
		return kpTuple | maxArityCode<<tupleArityShift
	}
	kp := kpTuple | uint64(arity)<<tupleArityShift
	if arity == 0 {
		return kp
	}
	var first uint64
	switch {
	case len(prefix) > 0:
		first = elemCode(prefix[0], firstCodeBits)
	case high:
		first = 1<<firstCodeBits - 1
	}
	kp |= first << tupleFirstShift
	switch {
	case arity < 2 || !elemCodeExact(first, firstCodeBits):
	case len(prefix) > 1:
		kp |= elemCode(prefix[1], secondCodeBits)
	case high:
		kp |= 1<<secondCodeBits - 1
	}
	return kp
}

// Element codes. elemCode(e, bits) is a code of e in bits bits, ordered
// like the terms (a < b implies code(a) <= code(b), a == b equal codes).
// Numbers take the lower half: integers of magnitude below 2^(bits-4)
// (and the floats equal to them) even codes of their own, the exact
// codes; the numbers between two of them the odd code between; the
// numbers beyond, a quarter of the half each side, summarized from their
// float64 value. Other terms take the upper half: their kind, then the
// first bytes of an atom or binary, or a tuple's arity.
func elemCode(e term.Term, bits int) uint64 {
	half := uint64(1) << (bits - 1)
	switch e.Kind() {
	case term.KindInteger, term.KindFloat:
		return numberCode(e, bits)
	case term.KindAtom, term.KindBinary:
		var prefix uint64 // the first 3 bytes, big-endian, zeros after the end
		for n, b := range []byte(stringPrefix(e, 3)) {
			prefix |= uint64(b) << (16 - 8*n)
		}
		payload := bits - 1 - 4
		return half | uint64(e.Kind())<<payload | prefix>>(24-payload)
	case term.KindTuple:
		payload := bits - 1 - 4
		return half | uint64(term.KindTuple)<<payload | uint64(min(e.Arity(), 1<<payload-1))
	}
	return half | uint64(e.Kind())<<(bits-1-4)
}

// exactRange is the magnitude below which integers have exact codes.
func exactRange(bits int) int64 { return 1 << (bits - 4) }

func numberCode(e term.Term, bits int) uint64 {
	quarter := uint64(1) << (bits - 3)
	r := exactRange(bits)
	if v, ok := e.Int64(); ok && -r <= v && v < r {
		return quarter + 2*uint64(v+r)
	}
	f := numberValue(e)
	switch {
	case f < float64(-r):
		return tailCode(floatKP(f)-floatKP(math.Inf(-1)), floatKP(float64(-r))-floatKP(math.Inf(-1)), quarter)
	case f >= float64(r):
		return 3*quarter + tailCode(floatKP(f)-floatKP(float64(r)), floatKP(math.Inf(1))-floatKP(float64(r))+1, quarter)
	}
	fl := math.Floor(f)
	code := quarter + 2*uint64(int64(fl)+r)
	if f != fl {
		code++
	}
	return code
}

// tailCode scales offset, below span, into [0, codes) keeping order.
func tailCode(offset, span, codes uint64) uint64 {
	shift := bits.Len64(span-1) - bits.Len64(codes-1)
	if shift <= 0 {
		return offset
	}
	return offset >> uint(shift)
}

// elemCodeExact reports whether only one value (by ==) has the code: the
// even codes of the integers with exact codes.
func elemCodeExact(code uint64, bits int) bool {
	quarter := uint64(1) << (bits - 3)
	return code >= quarter && code < 3*quarter && code%2 == 0
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
