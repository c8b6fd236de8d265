package term

import (
	"bytes"
	"cmp"
	"math"
	"math/big"
	"strings"
)

// Compare orders a and b in Erlang's term order and returns -1, 0 or +1.
//
// The order is: number < atom < reference < fun < port < pid < tuple < map
// < [] < list < binary. Numbers compare by value, exactly, whatever their
// type (1 and 1.0 compare equal); tuples by arity, then element by element;
// lists element by element (a shorter list that is a prefix comes first);
// binaries byte by byte; maps by size, then by keys in map-key order, then
// by values. Compare(a, b) == 0 is exactly Erlang's a == b, and it is the key
// equality of ordered_set tables.
func Compare(a, b Term) int {
	if a.ptr == smallIntPtr && b.ptr == smallIntPtr {
		return cmp.Compare(int64(a.word), int64(b.word))
	}
	if a.isTupleFast() && b.isTupleFast() {
		return compareTuples(a, b, false) // the common case: whole rows and tuple keys
	}
	return compare(a, b, false)
}

// isTupleFast reports whether t is a tuple, testing the pointer for the
// number tags before trusting the tag byte.
func (t Term) isTupleFast() bool {
	return t.word>>tagShift == uint64(tagTuple) && t.ptr != smallIntPtr && t.ptr != floatPtr
}

func compareTuples(a, b Term, exact bool) int {
	if c := cmp.Compare(a.length(), b.length()); c != 0 {
		return c
	}
	return compareSlices(a.elems(), b.elems(), exact)
}

// Equal reports whether a == b in Erlang (numbers compare by value: 1 == 1.0).
func Equal(a, b Term) bool {
	if a.ptr == smallIntPtr && b.ptr == smallIntPtr {
		return a.word == b.word
	}
	return compare(a, b, false) == 0
}

// ExactEqual reports whether a =:= b in Erlang: equal, with numbers of the
// same type (1 =:= 1.0 is false). It is the key equality of set, bag and
// duplicate_bag tables and of match specification heads. As in OTP 25,
// 0.0 =:= -0.0.
func ExactEqual(a, b Term) bool {
	if a.ptr == smallIntPtr || b.ptr == smallIntPtr {
		return a == b
	}
	return compare(a, b, true) == 0
}

// CompareExact orders terms as Compare does, except that any integer sorts
// before any float (at every depth), so that CompareExact(a, b) == 0 exactly
// when a =:= b. This is Erlang's map-key order: the order of maps:keys/1.
func CompareExact(a, b Term) int { return compare(a, b, true) }

func compareMapKeys(a, b Term) int { return compare(a, b, true) }

// class is a term's place in term order.
type class uint8

const (
	classInvalid class = iota
	classNumber
	classAtom
	classRef
	classFun
	classPort
	classPid
	classTuple
	classMap
	classNil
	classList
	classBinary
)

var tagClasses = [...]class{
	tagInvalid:  classInvalid,
	tagSmallInt: classNumber,
	tagBigInt:   classNumber,
	tagFloat:    classNumber,
	tagAtom:     classAtom,
	tagRef:      classRef,
	tagFun:      classFun,
	tagPort:     classPort,
	tagPid:      classPid,
	tagTuple:    classTuple,
	tagMap:      classMap,
	tagNil:      classNil,
	tagList:     classList,
	tagImproper: classList,
	tagBinary:   classBinary,
}

func compare(a, b Term, exact bool) int {
	ta, tb := a.tag(), b.tag()
	ca, cb := tagClasses[ta], tagClasses[tb]
	if ca != cb {
		return cmp.Compare(ca, cb)
	}
	switch ca {
	case classNumber:
		return compareNumbers(a, b, ta, tb, exact)
	case classAtom, classBinary:
		return strings.Compare(a.str(), b.str())
	case classTuple:
		return compareTuples(a, b, exact)
	case classList:
		return compareLists(a, b, exact)
	case classMap:
		return compareMaps(a, b, exact)
	case classRef, classFun, classPort, classPid:
		return bytes.Compare((*opaque)(a.ptr).ext, (*opaque)(b.ptr).ext)
	}
	return 0 // both [] or both invalid
}

func compareSlices(as, bs []Term, exact bool) int {
	for i := range as {
		if c := compareElem(as[i], bs[i], exact); c != 0 {
			return c
		}
	}
	return 0
}

// compareElem is compare with the common cases inlined: two small integers,
// two floats, and two terms sharing their storage.
func compareElem(a, b Term, exact bool) int {
	if a.ptr == b.ptr {
		switch a.ptr {
		case smallIntPtr:
			return cmp.Compare(int64(a.word), int64(b.word))
		case floatPtr:
			return compareFloats(math.Float64frombits(a.word), math.Float64frombits(b.word))
		}
		if a.word == b.word {
			return 0 // the same atom, binary, tuple or list storage
		}
	}
	if a.isBinaryFast() && b.isBinaryFast() {
		return strings.Compare(a.str(), b.str())
	}
	return compare(a, b, exact)
}

// isBinaryFast reports whether t is a binary, testing the pointer for the
// number tags before trusting the tag byte.
func (t Term) isBinaryFast() bool {
	return t.word>>tagShift == uint64(tagBinary) && t.ptr != smallIntPtr && t.ptr != floatPtr
}

// compareLists compares two lists cell by cell, as Erlang compares cons
// cells: heads first, then tails, so [1|2] < [1,2] (2 is a number, [2] a list).
func compareLists(a, b Term, exact bool) int {
	ae, at := a.ListParts()
	be, bt := b.ListParts()
	n := min(len(ae), len(be))
	if c := compareSlices(ae[:n], be[:n], exact); c != 0 {
		return c
	}
	// What follows the common prefix: the rest of the elements, or the tail.
	restA, restB := at, bt
	if len(ae) > n {
		restA = ImproperList(ae[n:], at)
	}
	if len(be) > n {
		restB = ImproperList(be[n:], bt)
	}
	return compare(restA, restB, exact)
}

func compareMaps(a, b Term, exact bool) int {
	if c := cmp.Compare(a.length(), b.length()); c != 0 {
		return c
	}
	ak, av := a.MapPairs()
	bk, bv := b.MapPairs()
	for i := range ak {
		if c := compare(ak[i], bk[i], true); c != 0 {
			return c
		}
	}
	return compareSlices(av, bv, exact)
}

func compareNumbers(a, b Term, ta, tb tag, exact bool) int {
	if exact && (ta == tagFloat) != (tb == tagFloat) {
		if ta == tagFloat {
			return 1 // in exact order every integer precedes every float
		}
		return -1
	}
	switch {
	case ta == tagSmallInt && tb == tagSmallInt:
		return cmp.Compare(int64(a.word), int64(b.word))
	case ta == tagFloat && tb == tagFloat:
		return compareFloats(math.Float64frombits(a.word), math.Float64frombits(b.word))
	case ta == tagSmallInt && tb == tagFloat:
		return compareIntFloat(int64(a.word), math.Float64frombits(b.word))
	case ta == tagFloat && tb == tagSmallInt:
		return -compareIntFloat(int64(b.word), math.Float64frombits(a.word))
	case ta == tagBigInt && tb == tagBigInt:
		return a.bigRef().Cmp(b.bigRef())
	case ta == tagBigInt && tb == tagSmallInt:
		return a.bigRef().Sign() // a big integer lies outside the int64 range
	case ta == tagSmallInt && tb == tagBigInt:
		return -b.bigRef().Sign()
	case ta == tagBigInt && tb == tagFloat:
		return compareBigFloat(a.bigRef(), math.Float64frombits(b.word))
	default: // float, big
		return -compareBigFloat(b.bigRef(), math.Float64frombits(a.word))
	}
}

func compareFloats(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0 // equal, including 0.0 and -0.0
}

// compareIntFloat compares an integer and a float by exact value.
func compareIntFloat(i int64, f float64) int {
	const two63 = 9223372036854775808.0
	switch {
	case f >= two63:
		return -1
	case f < -two63:
		return 1
	}
	whole := math.Trunc(f) // exactly representable as int64 here
	if c := cmp.Compare(i, int64(whole)); c != 0 {
		return c
	}
	return compareFloats(0, f-whole) // the fraction decides
}

func compareBigFloat(b *big.Int, f float64) int {
	return new(big.Float).SetInt(b).Cmp(big.NewFloat(f))
}
