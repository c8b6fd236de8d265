package engine

import (
	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

// keyRange is a range of keys in term order; an invalid Key is unbounded.
type keyRange struct{ lo, hi Bound }

// guardKeyRange derives from ms a range of keys outside which no clause can
// match, for a traversal of an ordered_set instead of a scan. A clause
// whose head's key is a variable contributes the range its top-level
// guards impose on that variable ({'>=', '$1', 10}, {'<', '$1', 20},
// {'==', '$1', 7}, either way round, inside andalso); a clause with a
// ground key contributes that key. ok is false when some clause leaves the
// key unbounded below and above.
//
// Example: [{{'$1','_'},[{'>=','$1',10},{'<','$1',20}],['$_']}] gives
// [10, 20).
func guardKeyRange(ms *matchspec.MatchSpec, keypos int) (r keyRange, ok bool) {
	for n, cl := range ms.Clauses {
		cr, ok := clauseKeyRange(cl, keypos)
		if !ok {
			return keyRange{}, false
		}
		if n == 0 {
			r = cr
			continue
		}
		r.lo = outerBound(r.lo, cr.lo, -1)
		r.hi = outerBound(r.hi, cr.hi, 1)
	}
	return r, r.lo.Key.IsValid() || r.hi.Key.IsValid()
}

func clauseKeyRange(cl matchspec.Clause, keypos int) (keyRange, bool) {
	key, ok := cl.Head.Element(keypos)
	if !ok {
		return keyRange{}, false
	}
	if !isVariable(key) {
		if isGroundPattern(key, 0) {
			return keyRange{Bound{Key: key}, Bound{Key: key}}, true
		}
		return keyRange{}, false
	}
	var r keyRange
	for _, g := range cl.Guards {
		r.narrow(g, key, 0)
	}
	return r, r.lo.Key.IsValid() || r.hi.Key.IsValid()
}

// narrow tightens r by guard g on variable v.
func (r *keyRange) narrow(g, v term.Term, depth int) {
	el := g.Elements()
	if !g.IsTuple() || len(el) != 3 || depth > 100 {
		return
	}
	op, _ := el[0].AtomName()
	if op == "andalso" {
		r.narrow(el[1], v, depth+1)
		r.narrow(el[2], v, depth+1)
		return
	}
	a, b := el[1], el[2]
	if !term.ExactEqual(a, v) {
		// constant op variable: mirror the operator
		a, b = b, a
		op = map[string]string{">": "<", ">=": "=<", "<": ">", "=<": ">=", "==": "==", "=:=": "=:="}[op]
	}
	c, ok := guardConstant(b)
	if !term.ExactEqual(a, v) || !ok {
		return
	}
	switch op {
	case ">":
		r.lo = innerBound(r.lo, Bound{Key: c, Exclusive: true}, -1)
	case ">=":
		r.lo = innerBound(r.lo, Bound{Key: c}, -1)
	case "<":
		r.hi = innerBound(r.hi, Bound{Key: c, Exclusive: true}, 1)
	case "=<":
		r.hi = innerBound(r.hi, Bound{Key: c}, 1)
	case "==", "=:=":
		r.lo = innerBound(r.lo, Bound{Key: c}, -1)
		r.hi = innerBound(r.hi, Bound{Key: c}, 1)
	}
}

// guardConstant returns the value of a guard operand that is a constant:
// a number, binary, [] or non-variable atom, or {const, X}.
func guardConstant(t term.Term) (term.Term, bool) {
	switch t.Kind() {
	case term.KindInteger, term.KindFloat, term.KindBinary, term.KindNil:
		return t, true
	case term.KindAtom:
		return t, !isVariable(t) && !t.IsAtomNamed("$_") && !t.IsAtomNamed("$$") && !t.IsAtomNamed("_")
	case term.KindTuple:
		if e := t.Elements(); len(e) == 2 && e[0].IsAtomNamed("const") {
			return e[1], true
		}
	}
	return term.Term{}, false
}

// innerBound returns the tighter of two bounds of one side (dir -1:
// lower bounds, +1: upper bounds).
func innerBound(x, y Bound, dir int) Bound {
	if !x.Key.IsValid() {
		return y
	}
	c := term.Compare(x.Key, y.Key) * dir
	switch {
	case c < 0:
		return x
	case c > 0:
		return y
	}
	x.Exclusive = x.Exclusive || y.Exclusive
	return x
}

// outerBound returns the looser of two bounds of one side.
func outerBound(x, y Bound, dir int) Bound {
	if !x.Key.IsValid() || !y.Key.IsValid() {
		return Bound{}
	}
	c := term.Compare(x.Key, y.Key) * dir
	switch {
	case c > 0:
		return x
	case c < 0:
		return y
	}
	x.Exclusive = x.Exclusive && y.Exclusive
	return x
}

// isGroundPattern reports whether a head pattern has no variables, '_'
// or maps: it matches one term.
func isGroundPattern(t term.Term, depth int) bool {
	if depth > term.MaxDepth {
		return false
	}
	switch t.Kind() {
	case term.KindAtom:
		return !isVariable(t) && !t.IsAtomNamed("_")
	case term.KindMap:
		return false
	case term.KindTuple, term.KindList:
		elems, tail := t.ListParts()
		if t.IsTuple() {
			elems, tail = t.Elements(), term.Nil
		}
		for _, e := range elems {
			if !isGroundPattern(e, depth+1) {
				return false
			}
		}
		return isGroundPattern(tail, depth+1)
	}
	return true
}
