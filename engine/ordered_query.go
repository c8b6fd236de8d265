package engine

import (
	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

// Selects on an ordered_set whose specification only restates the range
// of keys it bounds need not run the matcher: every object in the range
// matches. For example [{{{7,'_'},'_','_','_'},[],['$_']}] returns the
// objects of arity 4 whose key is a pair starting with 7, which the key
// range of the prefix [7] holds, in order.
//
// The range holds the keys equal (==) to the bound; the head matches
// exact (=:=) ones. The two differ only when a float meets an integer, so
// the shortcut needs a bound without floats and a table whose keys hold
// none (orderedSet.floatKeys).

// directArity returns, for a specification of one clause whose head's key
// is ground or a tuple pattern with a ground prefix, free of floats, and
// whose other elements are '_' or variables seen once, with no guards and
// the body ['$_'], the arity of the objects its head matches.
func directArity(ms *matchspec.MatchSpec, keypos int) (int, bool) {
	if len(ms.Clauses) != 1 {
		return 0, false
	}
	cl := ms.Clauses[0]
	if len(cl.Guards) != 0 || len(cl.Body) != 1 || !cl.Body[0].IsAtomNamed("$_") || !cl.Head.IsTuple() {
		return 0, false
	}
	seen := map[string]bool{}
	wild := func(e term.Term) bool {
		if e.IsAtomNamed("_") {
			return true
		}
		if !isVariable(e) {
			return false
		}
		name, _ := e.AtomName()
		if seen[name] {
			return false
		}
		seen[name] = true
		return true
	}
	head := cl.Head.Elements()
	if keypos > len(head) {
		return 0, false
	}
	for n, e := range head {
		if n+1 != keypos {
			if !wild(e) {
				return 0, false
			}
			continue
		}
		if isGroundPattern(e, 0) {
			if hasFloat(e, 0) {
				return 0, false
			}
			continue
		}
		if !e.IsTuple() {
			return 0, false
		}
		prefix := true
		for _, ke := range e.Elements() {
			switch {
			case prefix && isGroundPattern(ke, 0):
				if hasFloat(ke, 0) {
					return 0, false
				}
			case wild(ke):
				prefix = false
			default:
				return 0, false
			}
		}
	}
	return len(head), true
}

// hasFloat reports whether t holds a float (or is nested too deep to
// tell).
func hasFloat(t term.Term, depth int) bool {
	if depth > term.MaxDepth {
		return true
	}
	switch t.Kind() {
	case term.KindFloat:
		return true
	case term.KindTuple, term.KindList:
		elems, tail := t.ListParts()
		if t.IsTuple() {
			elems, tail = t.Elements(), term.Nil
		}
		for _, e := range elems {
			if hasFloat(e, depth+1) {
				return true
			}
		}
		return hasFloat(tail, depth+1)
	case term.KindMap:
		keys, vals := t.MapPairs()
		for n := range keys {
			if hasFloat(keys[n], depth+1) || hasFloat(vals[n], depth+1) {
				return true
			}
		}
	}
	return false
}

// directCandidates keeps, in place, the candidates of arity: the results
// of a direct query (see directArity). It reads no object: the arity is
// in each object's reference.
func directCandidates(objs []term.Term, arity int) []term.Term {
	n := 0
	for _, obj := range objs {
		if obj.Arity() == arity {
			objs[n] = obj
			n++
		}
	}
	clear(objs[n:])
	if n == 0 {
		return nil
	}
	return objs[:n:n]
}
