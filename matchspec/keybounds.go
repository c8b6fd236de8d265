package matchspec

import "github.com/etsql/etsql/term"

// KeyBound is what one clause's head fixes about the key of the objects it
// can match, the key being the element at a table's keypos.
type KeyBound struct {
	// Exact: the head's key element is ground (no variables, no '_', no
	// map patterns) and Key holds it. Only objects whose key is Key
	// (=:=) can match.
	Exact bool
	Key   term.Term
	// Prefix: otherwise, when the key pattern is a tuple whose first
	// elements are ground, those elements (at least one); only keys that
	// are tuples of Arity elements starting with them can match.
	Prefix []term.Term
	Arity  int
}

// KeyBounds reports, clause by clause, what the heads fix about the key at
// keypos (1-based), so that a table can look keys up instead of scanning.
// ok is false when some clause leaves the key wholly unbound (a variable,
// '_', or a pattern with no ground prefix): the table must then scan.
// Clauses whose head cannot match any object with a key at keypos (not a
// tuple, or a tuple of arity below keypos) are left out of bounds.
func (p *Program) KeyBounds(keypos int) (bounds []KeyBound, ok bool) {
	if p.spec == nil {
		return nil, true
	}
	for _, cl := range p.spec.Clauses {
		h := cl.Head
		if isPatternVariable(h) {
			return nil, false
		}
		if !h.IsTuple() || h.Arity() < keypos || keypos < 1 {
			continue
		}
		k, _ := h.Element(keypos)
		if isGround(k, 0) {
			bounds = append(bounds, KeyBound{Exact: true, Key: k})
			continue
		}
		var prefix []term.Term
		for _, e := range k.Elements() {
			if !k.IsTuple() || !isGround(e, 0) {
				break
			}
			prefix = append(prefix, e)
		}
		if !k.IsTuple() || len(prefix) == 0 {
			return nil, false
		}
		bounds = append(bounds, KeyBound{Prefix: prefix, Arity: k.Arity()})
	}
	return bounds, true
}

func isPatternVariable(t term.Term) bool {
	_, isVar := variableNumber(t)
	return isVar || isUnderscore(t)
}

// isGround reports whether a pattern matches exactly one term: no
// variables, no '_', no maps (map patterns match larger maps).
func isGround(t term.Term, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch t.Kind() {
	case term.KindAtom:
		return !isPatternVariable(t)
	case term.KindMap:
		return false
	case term.KindTuple:
		for _, e := range t.Elements() {
			if !isGround(e, depth+1) {
				return false
			}
		}
	case term.KindList:
		elems, tail := t.ListParts()
		for _, e := range elems {
			if !isGround(e, depth+1) {
				return false
			}
		}
		return isGround(tail, depth+1)
	}
	return true
}
