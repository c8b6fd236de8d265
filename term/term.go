package term

import (
	"math"
	"math/big"
	"slices"
	"unsafe"
)

// Term is one immutable Erlang term.
//
// A Term is a 16-byte value: integers that fit in 64 bits, floats, and the
// headers of atoms, binaries, tuples and lists are held inline, so building
// or copying a Term never allocates for numbers and a tuple of N elements is
// one allocation of N Terms. This is what lets a table of a million rows fit
// in less memory than ETS and lets Compare and match specifications run
// without allocating. The representation is private: build terms with the
// constructors (Int, Float, Atom, Binary, Tuple, List, Map, ...) and take
// them apart with the accessors. The zero Term is not a valid Erlang term; it
// stands for "no term" (IsValid reports false) and is never produced by the
// parsers or decoders.
//
// Terms are immutable: the slices passed to Tuple, List and Map are kept, not
// copied, and the slices returned by Elements and MapPairs are shared. Do not
// modify either.
type Term struct {
	ptr  unsafe.Pointer
	word uint64
}

// tag is the internal representation of a term's kind. Integers and floats
// are recognised by ptr pointing at smallIntTag or floatTag (word then holds
// the full 64-bit value); every other kind keeps its tag in the top byte of
// word and its length in the low 56 bits.
type tag uint8

const (
	tagInvalid tag = iota
	tagSmallInt
	tagBigInt
	tagFloat
	tagAtom
	tagRef
	tagFun
	tagPort
	tagPid
	tagTuple
	tagMap
	tagNil
	tagList
	tagImproper
	tagBinary
)

const (
	tagShift = 56
	lenMask  = 1<<tagShift - 1
)

// The addresses of these two bytes mark integers and floats.
var smallIntTag, floatTag byte

var (
	smallIntPtr = unsafe.Pointer(&smallIntTag)
	floatPtr    = unsafe.Pointer(&floatTag)
)

func (t Term) tag() tag {
	switch t.ptr {
	case smallIntPtr:
		return tagSmallInt
	case floatPtr:
		return tagFloat
	}
	return tag(t.word >> tagShift)
}

func (t Term) length() int { return int(t.word & lenMask) }

func header(tg tag, n int) uint64 { return uint64(tg)<<tagShift | uint64(n) }

// Kind is the kind of an Erlang term. The kinds are declared in Erlang's term
// order: number < atom < reference < fun < port < pid < tuple < map < [] <
// list < binary.
type Kind uint8

// The term kinds.
const (
	KindInvalid Kind = iota // the zero Term
	KindInteger
	KindFloat
	KindAtom
	KindReference
	KindFun
	KindPort
	KindPid
	KindTuple
	KindMap
	KindNil // the empty list []
	KindList
	KindBinary
)

var kindNames = [...]string{
	KindInvalid:   "invalid",
	KindInteger:   "integer",
	KindFloat:     "float",
	KindAtom:      "atom",
	KindReference: "reference",
	KindFun:       "fun",
	KindPort:      "port",
	KindPid:       "pid",
	KindTuple:     "tuple",
	KindMap:       "map",
	KindNil:       "nil",
	KindList:      "list",
	KindBinary:    "binary",
}

// String returns the kind's name, as in "integer" or "tuple".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

var tagKinds = [...]Kind{
	tagInvalid:  KindInvalid,
	tagSmallInt: KindInteger,
	tagBigInt:   KindInteger,
	tagFloat:    KindFloat,
	tagAtom:     KindAtom,
	tagRef:      KindReference,
	tagFun:      KindFun,
	tagPort:     KindPort,
	tagPid:      KindPid,
	tagTuple:    KindTuple,
	tagMap:      KindMap,
	tagNil:      KindNil,
	tagList:     KindList,
	tagImproper: KindList,
	tagBinary:   KindBinary,
}

// Kind reports the term's kind.
func (t Term) Kind() Kind {
	tg := t.tag()
	if int(tg) < len(tagKinds) {
		return tagKinds[tg]
	}
	return KindInvalid
}

// IsValid reports whether t is a term (the zero Term is not).
func (t Term) IsValid() bool { return t.tag() != tagInvalid }

// ---- numbers ----

// Int returns the integer v.
func Int(v int64) Term { return Term{ptr: smallIntPtr, word: uint64(v)} }

// BigInt returns the integer v. An integer that fits in 64 bits is stored as
// Int(v) would store it, so equal integers always have one representation.
// v is copied.
func BigInt(v *big.Int) Term {
	if v.IsInt64() {
		return Int(v.Int64())
	}
	return Term{ptr: unsafe.Pointer(new(big.Int).Set(v)), word: header(tagBigInt, 0)}
}

// Float returns the float f. Erlang has no NaN or infinities; callers that
// compute floats check for them (see IsFinite).
func Float(f float64) Term { return Term{ptr: floatPtr, word: math.Float64bits(f)} }

// IsFinite reports whether f is a float Erlang can represent.
func IsFinite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// IsInteger reports whether t is an integer of any size.
func (t Term) IsInteger() bool { tg := t.tag(); return tg == tagSmallInt || tg == tagBigInt }

// IsFloat reports whether t is a float.
func (t Term) IsFloat() bool { return t.ptr == floatPtr }

// IsNumber reports whether t is an integer or a float.
func (t Term) IsNumber() bool { tg := t.tag(); return tg <= tagFloat && tg != tagInvalid }

// Int64 returns t's value if t is an integer that fits in 64 bits.
func (t Term) Int64() (int64, bool) {
	if t.ptr == smallIntPtr {
		return int64(t.word), true
	}
	return 0, false
}

// Big returns t's value as a new big.Int if t is an integer of any size.
func (t Term) Big() (*big.Int, bool) {
	switch t.tag() {
	case tagSmallInt:
		return big.NewInt(int64(t.word)), true
	case tagBigInt:
		return new(big.Int).Set((*big.Int)(t.ptr)), true
	}
	return nil, false
}

// bigRef returns the stored big.Int of a big integer without copying it.
func (t Term) bigRef() *big.Int { return (*big.Int)(t.ptr) }

// Float64 returns t's value if t is a float.
func (t Term) Float64() (float64, bool) {
	if t.ptr == floatPtr {
		return math.Float64frombits(t.word), true
	}
	return 0, false
}

// Number returns t's value as a float64 if t is a number (integers are
// rounded to the nearest float; a big integer beyond the float range is not
// a number here and gives false).
func (t Term) Number() (float64, bool) {
	switch t.tag() {
	case tagSmallInt:
		return float64(int64(t.word)), true
	case tagFloat:
		return math.Float64frombits(t.word), true
	case tagBigInt:
		f, _ := new(big.Float).SetInt(t.bigRef()).Float64()
		return f, IsFinite(f)
	}
	return 0, false
}

// ---- atoms ----

// Atom returns the atom named name (UTF-8 text).
func Atom(name string) Term {
	return Term{ptr: unsafe.Pointer(unsafe.StringData(name)), word: header(tagAtom, len(name))}
}

// The atoms etsql uses most.
var (
	True      = Atom("true")
	False     = Atom("false")
	Undefined = Atom("undefined")
	Null      = Atom("null")
)

// Bool returns the atom true or false.
func Bool(b bool) Term {
	if b {
		return True
	}
	return False
}

// IsAtom reports whether t is an atom.
func (t Term) IsAtom() bool { return t.tag() == tagAtom }

// AtomName returns the atom's name if t is an atom.
func (t Term) AtomName() (string, bool) {
	if t.tag() != tagAtom {
		return "", false
	}
	return t.str(), true
}

// IsAtomNamed reports whether t is the atom named name.
func (t Term) IsAtomNamed(name string) bool {
	return t.tag() == tagAtom && t.length() == len(name) && t.str() == name
}

// IsTrue reports whether t is the atom true.
func (t Term) IsTrue() bool { return t.IsAtomNamed("true") }

// IsBoolean reports whether t is the atom true or false.
func (t Term) IsBoolean() bool { return t.IsAtomNamed("true") || t.IsAtomNamed("false") }

func (t Term) str() string {
	n := t.length()
	if n == 0 {
		return ""
	}
	return unsafe.String((*byte)(t.ptr), n)
}

// ---- binaries ----

// Binary returns a binary holding a copy of b.
func Binary(b []byte) Term { return BinaryString(string(b)) }

// BinaryString returns a binary holding the bytes of s (not copied: Go
// strings are immutable).
func BinaryString(s string) Term {
	return Term{ptr: unsafe.Pointer(unsafe.StringData(s)), word: header(tagBinary, len(s))}
}

// IsBinary reports whether t is a binary.
func (t Term) IsBinary() bool { return t.tag() == tagBinary }

// BinaryValue returns the binary's bytes as a string if t is a binary.
func (t Term) BinaryValue() (string, bool) {
	if t.tag() != tagBinary {
		return "", false
	}
	return t.str(), true
}

// Bytes returns a copy of the binary's bytes if t is a binary.
func (t Term) Bytes() ([]byte, bool) {
	s, ok := t.BinaryValue()
	if !ok {
		return nil, false
	}
	return []byte(s), true
}

// ---- tuples ----

// Tuple returns the tuple of elems. The slice is kept, not copied.
func Tuple(elems ...Term) Term {
	if len(elems) == 0 {
		return Term{word: header(tagTuple, 0)}
	}
	return Term{ptr: unsafe.Pointer(unsafe.SliceData(elems)), word: header(tagTuple, len(elems))}
}

// IsTuple reports whether t is a tuple.
func (t Term) IsTuple() bool { return t.tag() == tagTuple }

// Arity returns the tuple's size, or -1 if t is not a tuple.
func (t Term) Arity() int {
	if t.tag() != tagTuple {
		return -1
	}
	return t.length()
}

// Element returns the tuple's i-th element, counting from 1 as Erlang's
// element/2 does.
func (t Term) Element(i int) (Term, bool) {
	if t.tag() != tagTuple || i < 1 || i > t.length() {
		return Term{}, false
	}
	return t.elems()[i-1], true
}

// Elements returns the elements of a tuple or of a proper list (nil for []
// and for other kinds). The slice is shared: do not modify it.
func (t Term) Elements() []Term {
	switch t.tag() {
	case tagTuple, tagList:
		return t.elems()
	}
	return nil
}

func (t Term) elems() []Term {
	n := t.length()
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*Term)(t.ptr), n)
}

// ---- lists ----

// Nil is the empty list [].
var Nil = Term{word: header(tagNil, 0)}

// List returns the proper list of elems ([] when there are none). The slice
// is kept, not copied.
func List(elems ...Term) Term {
	if len(elems) == 0 {
		return Nil
	}
	return Term{ptr: unsafe.Pointer(unsafe.SliceData(elems)), word: header(tagList, len(elems))}
}

type improperList struct {
	elems []Term // at least one
	tail  Term   // neither [] nor a list
}

// ImproperList returns [E1, ..., En | Tail]. With a list tail the result is
// the flattened list, so ImproperList(elems, Nil) is List(elems...).
func ImproperList(elems []Term, tail Term) Term {
	if len(elems) == 0 {
		return tail
	}
	switch tail.tag() {
	case tagNil:
		return List(elems...)
	case tagList, tagImproper:
		rest, restTail := tail.ListParts()
		all := make([]Term, 0, len(elems)+len(rest))
		all = append(append(all, elems...), rest...)
		return ImproperList(all, restTail)
	}
	return Term{ptr: unsafe.Pointer(&improperList{elems: elems, tail: tail}), word: header(tagImproper, len(elems))}
}

// Charlist returns the Erlang string s: a list of its Unicode code points.
func Charlist(s string) Term {
	rs := []rune(s)
	elems := make([]Term, len(rs))
	for i, r := range rs {
		elems[i] = Int(int64(r))
	}
	return List(elems...)
}

// IsNil reports whether t is the empty list.
func (t Term) IsNil() bool { return t.tag() == tagNil }

// IsList reports whether t is [] or a non-empty list (proper or not), as
// Erlang's is_list/1 does.
func (t Term) IsList() bool {
	switch t.tag() {
	case tagNil, tagList, tagImproper:
		return true
	}
	return false
}

// IsProperList reports whether t is [] or a list ending in [].
func (t Term) IsProperList() bool { tg := t.tag(); return tg == tagNil || tg == tagList }

// ListParts returns a list's elements and its tail: Nil for a proper list,
// the final non-list term for an improper one. For a term that is not a
// list it returns no elements and t itself as the tail.
func (t Term) ListParts() (elems []Term, tail Term) {
	switch t.tag() {
	case tagNil:
		return nil, Nil
	case tagList:
		return t.elems(), Nil
	case tagImproper:
		il := (*improperList)(t.ptr)
		return il.elems, il.tail
	}
	return nil, t
}

// Head returns hd(t) for a non-empty list.
func (t Term) Head() (Term, bool) {
	elems, _ := t.ListParts()
	if len(elems) == 0 {
		return Term{}, false
	}
	return elems[0], true
}

// TailOf returns tl(t) for a non-empty list.
func (t Term) TailOf() (Term, bool) {
	elems, tail := t.ListParts()
	if len(elems) == 0 {
		return Term{}, false
	}
	return ImproperList(elems[1:], tail), true
}

// Len returns the number of elements of a tuple or proper list, the number
// of pairs of a map, or the number of bytes of a binary; -1 for other terms.
func (t Term) Len() int {
	switch t.tag() {
	case tagTuple, tagList, tagMap, tagBinary:
		return t.length()
	case tagNil:
		return 0
	}
	return -1
}

// ---- maps ----

type mapData struct {
	keys, vals []Term // keys sorted in map-key order, no duplicates
}

// MapPair is one key and its value, for Map.
type MapPair struct{ Key, Value Term }

// Map returns the map of the given pairs. When a key occurs more than once
// (by =:=) the last pair wins, as in an Erlang map expression. The slice is
// not kept.
func Map(pairs ...MapPair) Term {
	sorted := slices.Clone(pairs)
	slices.SortStableFunc(sorted, func(a, b MapPair) int { return compareMapKeys(a.Key, b.Key) })
	md := &mapData{keys: make([]Term, 0, len(sorted)), vals: make([]Term, 0, len(sorted))}
	for i, p := range sorted {
		if i+1 < len(sorted) && compareMapKeys(p.Key, sorted[i+1].Key) == 0 {
			continue // a later pair with the same key wins
		}
		md.keys = append(md.keys, p.Key)
		md.vals = append(md.vals, p.Value)
	}
	return Term{ptr: unsafe.Pointer(md), word: header(tagMap, len(md.keys))}
}

// IsMap reports whether t is a map.
func (t Term) IsMap() bool { return t.tag() == tagMap }

// MapPairs returns a map's keys (sorted in Erlang's map-key order) and the
// values that go with them. The slices are shared: do not modify them.
func (t Term) MapPairs() (keys, vals []Term) {
	if t.tag() != tagMap {
		return nil, nil
	}
	md := (*mapData)(t.ptr)
	return md.keys, md.vals
}

// MapGet returns the value for key (matched by =:=) if t is a map holding it.
func (t Term) MapGet(key Term) (Term, bool) {
	keys, vals := t.MapPairs()
	lo, hi := 0, len(keys)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if compareMapKeys(keys[mid], key) < 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(keys) && compareMapKeys(keys[lo], key) == 0 {
		return vals[lo], true
	}
	return Term{}, false
}

// ---- opaque terms: pids, ports, references, funs ----

type opaque struct {
	ext []byte // the term's External Term Format encoding, without the version byte
}

// Opaque returns a pid, port, reference or fun kept as its External Term
// Format encoding (without the leading version byte 131), so that data
// holding one can be decoded, stored, compared and encoded again unchanged.
// It reports false for other kinds.
func Opaque(kind Kind, ext []byte) (Term, bool) {
	var tg tag
	switch kind {
	case KindReference:
		tg = tagRef
	case KindFun:
		tg = tagFun
	case KindPort:
		tg = tagPort
	case KindPid:
		tg = tagPid
	default:
		return Term{}, false
	}
	o := &opaque{ext: append([]byte(nil), ext...)}
	return Term{ptr: unsafe.Pointer(o), word: header(tg, 0)}, true
}

// OpaqueExt returns the External Term Format encoding (no version byte) of
// a pid, port, reference or fun.
func (t Term) OpaqueExt() ([]byte, bool) {
	switch t.tag() {
	case tagRef, tagFun, tagPort, tagPid:
		return (*opaque)(t.ptr).ext, true
	}
	return nil, false
}
