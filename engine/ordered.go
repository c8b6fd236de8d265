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
// numbers below 2^53 in magnitude, and pairs of two integers whose codes
// fit (see tupleKP).
func kpDecisive(kp uint64) bool {
	if kpExactLo < kp && kp < kpExactHi {
		return true
	}
	if kp&^tupleCodeMask != kpTuple|2<<tupleArityShift {
		return false
	}
	rest := tupleCodeBits
	for range 2 {
		n, ok := exactIntCodeLen(kp, rest)
		if !ok {
			return false
		}
		rest -= n
	}
	return true
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
// every arity from 15 on), then the codes of its first two elements one
// after the other (see elemCode), cut at 44 bits, zeros after them. The
// codes are bit strings that order like the elements and none of which
// begins another, so the 44 bits order like the tuples (they tie when
// they cut the difference off). Small values have short codes: a key of
// two integers below 2^20 or so takes 39 bits at most, and the summary
// then tells it exactly (kpDecisive): searches among such composite keys
// compare no keys at all. Tuples of arity 15 and more are summarized by
// their arity alone.
const (
	kpTuple         = kpOther - 1 + uint64(term.KindTuple)<<48 // kpOther's low bit would hide a code's
	tupleArityShift = 44
	tupleCodeBits   = 44
	tupleCodeMask   = 1<<tupleArityShift - 1
	maxArityCode    = 15
)

func tupleKP(e []term.Term) uint64 {
	if len(e) >= maxArityCode {
		return kpTuple | maxArityCode<<tupleArityShift
	}
	var b codeBits
	for _, x := range e[:min(len(e), 2)] {
		if !b.elem(x) {
			break // the code stands for other values too: nothing may follow
		}
	}
	return kpTuple | uint64(len(e))<<tupleArityShift | b.bits()
}

// tupleBoundKP is the least (greatest when high) summary of a tuple key
// of the arity whose first elements are prefix: the codes of the prefix's
// first two elements, then zeros (ones when high; zeros still after a
// code that stands for several values, which nothing follows).
func tupleBoundKP(prefix []term.Term, arity int, high bool) uint64 {
	if arity >= maxArityCode {
		return kpTuple | maxArityCode<<tupleArityShift
	}
	var b codeBits
	for _, x := range prefix[:min(len(prefix), 2)] {
		if !b.elem(x) {
			// the keys with this code have nothing after it: every
			// key with the prefix has this very summary
			return kpTuple | uint64(arity)<<tupleArityShift | b.bits()
		}
	}
	kp := kpTuple | uint64(arity)<<tupleArityShift | b.bits()
	if high && b.n < tupleCodeBits {
		kp |= 1<<(tupleCodeBits-b.n) - 1
	}
	return kp
}

// codeBits is a bit string of at most tupleCodeBits bits, written from
// its top: the codes of a tuple's elements.
type codeBits struct {
	v uint64 // the bits written, the first at bit n-1
	n int    // bits written (fewer than asked when cut)
}

// put appends the count low bits of x, cut at tupleCodeBits.
func (b *codeBits) put(x uint64, count int) {
	if room := tupleCodeBits - b.n; count > room {
		x >>= uint(count - room)
		count = room
	}
	if count <= 0 {
		return
	}
	b.v = b.v<<uint(count) | x&(1<<uint(count)-1)
	b.n += count
}

// bits returns the string as the top bits of tupleCodeBits bits.
func (b *codeBits) bits() uint64 { return b.v << uint(tupleCodeBits-b.n) }

// Element codes. elem appends the code of e, a bit string ordered like
// the terms (a < b: code(a) <= code(b) as bit strings; a == b: equal
// codes), none of which begins another:
//
//	negative numbers  00 then the bits of the magnitude's code, inverted
//	other numbers     01 then the magnitude's code: its integral part's
//	                  bit length c (6 bits: 0..62; 63 for 2^62 and more,
//	                  which ends the code), the c-1 bits below its top
//	                  bit, and 1 if it has a fraction, else 0
//	other terms       1, the kind (4 bits: term order), and for an atom
//	                  or binary each byte as 1 and its 8 bits, then 0
//
// So an integer below 2^k in magnitude takes k+8 bits, and 1 and 1.0 have
// one code. elem reports whether the code is exact, no other value's (an
// integer below 2^62 in magnitude, an atom or binary): after a code that
// stands for several values (a huge number, a fraction, another kind), no
// other code may follow.
func (b *codeBits) elem(e term.Term) (exact bool) {
	if !e.IsNumber() {
		b.put(1, 1)
		b.put(uint64(e.Kind()), 4)
		if e.IsAtom() || e.IsBinary() {
			// the bytes that can fit; the end only when there are no more
			const fit = (tupleCodeBits - 5 + 8) / 9
			s := stringPrefix(e, fit+1)
			for k := 0; k < min(len(s), fit); k++ {
				b.put(1<<8|uint64(s[k]), 9)
			}
			if len(s) <= fit {
				b.put(0, 1)
			}
			return true
		}
		return false
	}
	neg, mag, frac, huge := magnitude(e)
	var inv uint64 // a negative number's magnitude code is inverted
	if neg {
		inv = ^inv
		b.put(0, 2)
	} else {
		b.put(1, 2)
	}
	if huge {
		b.put(63^inv, 6)
		return false
	}
	c := bits.Len64(mag)
	b.put(uint64(c)^inv, 6)
	if c >= 2 {
		b.put(mag^inv, c-1) // the bits below the top one
	}
	var f uint64
	if frac {
		f = 1
	}
	b.put(f^inv, 1)
	return !frac
}

// magnitude splits a number into its sign, the integral part of its
// magnitude and whether it has a fraction; huge: the magnitude is 2^62 or
// more (the integral part is then meaningless).
func magnitude(e term.Term) (neg bool, mag uint64, frac, huge bool) {
	if v, ok := e.Int64(); ok && e.IsInteger() {
		if v < 0 {
			if v == math.MinInt64 {
				return true, 0, false, true
			}
			v, neg = -v, true
		}
		return neg, uint64(v), false, v >= 1<<62
	}
	f := numberValue(e)
	neg = f < 0
	a := math.Abs(f)
	if a >= 1<<62 {
		return neg, 0, false, true
	}
	ip := math.Floor(a)
	return neg, uint64(ip), a != ip, false
}

// exactIntCodeLen returns the length of the code of an integer (below
// 2^62 in magnitude: a value of its own) that begins rest bits from the
// bottom of kp, when all of it lies there; ok is false otherwise.
func exactIntCodeLen(kp uint64, rest int) (int, bool) {
	bit := func(k int) uint64 { return kp >> uint(rest-1-k) & 1 }
	if rest < 9 || bit(0) != 0 {
		return 0, false
	}
	inv := uint64(0)
	if bit(1) == 0 { // negative: the magnitude's code inverted
		inv = 1
	}
	c := int(kp>>uint(rest-8)&63) ^ int(inv*63)
	if c == 63 {
		return 0, false
	}
	n := 2 + 6 + max(c-1, 0) + 1
	if n > rest || bit(n-1)^inv != 0 { // cut, or a fraction
		return 0, false
	}
	return n, true
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
