package engine

import (
	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

// keepsKey reports whether every clause of ms provably returns an object
// with the key of the object it matched, the static check OTP 25 makes
// before select_replace (db_match_keeps_key in erl_db_util.c): the body
// is ['$_'], or one tuple construction {{...}} or constant {const, {...}}
// whose key element rebuilds the head's key pattern (same variables, same
// constants) or is {element, KeyPos, '$_'}.
func keepsKey(ms *matchspec.MatchSpec, keypos int) bool {
	for _, cl := range ms.Clauses {
		if !clauseKeepsKey(cl, keypos) {
			return false
		}
	}
	return true
}

func clauseKeepsKey(cl matchspec.Clause, keypos int) bool {
	if len(cl.Body) != 1 {
		return false
	}
	body := cl.Body[0]
	if body.IsAtomNamed("$_") {
		return true
	}
	if !body.IsTuple() {
		return false
	}
	headKey, ok := cl.Head.Element(keypos)
	if !ok {
		return false
	}
	var sub term.Term
	constMode := false
	be := body.Elements()
	switch {
	case len(be) == 2 && be[0].IsAtomNamed("const"):
		sub, constMode = be[1], true
	case len(be) == 1:
		sub = be[0]
	default:
		return false
	}
	bodyKey, ok := sub.Element(keypos)
	if !ok {
		return false
	}
	if eqBody(headKey, bodyKey, constMode, 0) {
		return true
	}
	if constMode || bodyKey.Arity() != 3 {
		return false
	}
	e := bodyKey.Elements()
	pos, _ := e[1].Int64()
	return e[0].IsAtomNamed("element") && e[2].IsAtomNamed("$_") && pos == int64(keypos)
}

// eqBody reports whether the body expression b always builds the term the
// head pattern a matched.
func eqBody(a, b term.Term, constMode bool, depth int) bool {
	if depth > term.MaxDepth {
		return false
	}
	switch b.Kind() {
	case term.KindList:
		if a.Kind() != term.KindList {
			return false
		}
		ae, at := a.ListParts()
		be, bt := b.ListParts()
		n := min(len(ae), len(be))
		for i := range n {
			if !eqBody(ae[i], be[i], constMode, depth+1) {
				return false
			}
		}
		restA, restB := at, bt
		if len(ae) > n {
			restA = term.ImproperList(ae[n:], at)
		}
		if len(be) > n {
			restB = term.ImproperList(be[n:], bt)
		}
		return eqBody(restA, restB, constMode, depth+1)
	case term.KindTuple:
		if !constMode {
			be := b.Elements()
			switch {
			case len(be) == 1 && be[0].IsTuple():
				b = be[0] // {{...}}: tuple construction
			case len(be) == 2 && be[0].IsAtomNamed("const"):
				return eqBody(a, be[1], true, depth+1)
			default:
				return false // a function call
			}
		}
		if !a.IsTuple() || a.Arity() != b.Arity() {
			return false
		}
		ae, be := a.Elements(), b.Elements()
		for i := range ae {
			if !eqBody(ae[i], be[i], constMode, depth+1) {
				return false
			}
		}
		return true
	case term.KindMap:
		return false // the matched map may hold other pairs
	case term.KindAtom, term.KindNil, term.KindInteger:
		if b.Kind() == term.KindInteger {
			if _, small := b.Int64(); !small {
				return term.ExactEqual(a, b) // a big integer is boxed
			}
		}
		if !term.ExactEqual(a, b) {
			return false
		}
		if a.IsAtomNamed("_") || a.IsAtomNamed("$$") || a.IsAtomNamed("$_") {
			return false
		}
		return !constMode || !isVariable(a)
	}
	return term.ExactEqual(a, b)
}

// isVariable reports whether t is a match variable '$0', '$1', ... (no
// leading zeros).
func isVariable(t term.Term) bool {
	name, ok := t.AtomName()
	if !ok || len(name) < 2 || name[0] != '$' || name[1] == '0' && len(name) > 2 {
		return false
	}
	for _, c := range name[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
