package planner

import (
	"math"
	"strconv"

	"github.com/etsql/etsql/term"
)

// valueSet answers "x IN (SELECT ...)" for an uncorrelated subquery by
// hashing instead of comparing x with every row: its values, converted by
// the comparison's affinity, keyed so that two keys are equal exactly when
// compareValues says the values are. Values without such a key (dates,
// integers past 2^53, NaN, terms) stay in a list checked one by one.
type valueSet struct {
	keys    map[string]struct{}
	rest    []term.Term
	sawNull bool
	n       int
}

// newValueSet indexes the first column of rows, each converted by conv.
func newValueSet(rows [][]term.Term, conv func(term.Term) term.Term) *valueSet {
	s := &valueSet{keys: make(map[string]struct{}, len(rows)), n: len(rows)}
	var buf []byte
	for _, r := range rows {
		w := r[0]
		if isNull(w) {
			s.sawNull = true
			continue
		}
		w = conv(w)
		if k, ok := valueKey(buf[:0], w); ok {
			s.keys[string(k)] = struct{}{}
			buf = k
		} else {
			s.rest = append(s.rest, w)
		}
	}
	return s
}

// in is SQL's v IN set (v already converted), NOT IN when not: inSet's
// answer in one lookup.
func (s *valueSet) in(v term.Term, not bool) term.Term {
	if s.n == 0 {
		return boolTerm(not)
	}
	if isNull(v) {
		return null
	}
	var arr [64]byte
	if k, ok := valueKey(arr[:0], v); ok {
		if _, found := s.keys[string(k)]; found {
			return boolTerm(!not)
		}
		for _, w := range s.rest {
			if compareValues(v, w) == 0 {
				return boolTerm(!not)
			}
		}
	} else if s.anyEqual(v) {
		return boolTerm(!not)
	}
	if s.sawNull {
		return null
	}
	return boolTerm(not)
}

// anyEqual compares v, which has no key, with every value of the set.
func (s *valueSet) anyEqual(v term.Term) bool {
	for _, w := range s.rest {
		if compareValues(v, w) == 0 {
			return true
		}
	}
	for k := range s.keys {
		if w, ok := keyValue(k); ok && compareValues(v, w) == 0 {
			return true
		}
	}
	return false
}

// maxExactInt bounds the integers (and integral reals) valueKey keys: up
// to 2^53 an integer and a real are equal exactly when their values are.
const maxExactInt = 1 << 53

// valueKey appends v's key to dst: "i" and the integer for integers and
// integral reals within ±2^53 (booleans as 1 and 0), "r" and the bits for
// other finite reals, "t" and the bytes for text; ok is false for other
// values.
func valueKey(dst []byte, v term.Term) ([]byte, bool) {
	switch {
	case v.IsBoolean():
		if v.IsTrue() {
			return append(dst, "i1"...), true
		}
		return append(dst, "i0"...), true
	case v.IsInteger():
		i, ok := v.Int64()
		if !ok || i > maxExactInt || i < -maxExactInt {
			return dst, false
		}
		return strconv.AppendInt(append(dst, 'i'), i, 10), true
	case v.IsFloat():
		f, _ := v.Float64()
		switch {
		case math.IsNaN(f) || math.IsInf(f, 0):
			return dst, false
		case f == math.Trunc(f) && math.Abs(f) <= maxExactInt:
			return strconv.AppendInt(append(dst, 'i'), int64(f), 10), true
		case math.Abs(f) >= maxExactInt:
			return dst, false // may equal an integer past 2^53
		}
		return strconv.AppendUint(append(dst, 'r'), math.Float64bits(f), 16), true
	case v.IsBinary():
		s, _ := v.BinaryValue()
		return append(append(dst, 't'), s...), true
	}
	return dst, false
}

// keyValue is the value a key stands for (one equal to it).
func keyValue(k string) (term.Term, bool) {
	switch k[0] {
	case 'i':
		i, err := strconv.ParseInt(k[1:], 10, 64)
		return term.Int(i), err == nil
	case 'r':
		b, err := strconv.ParseUint(k[1:], 16, 64)
		return term.Float(math.Float64frombits(b)), err == nil
	case 't':
		return term.BinaryString(k[1:]), true
	}
	return term.Term{}, false
}
