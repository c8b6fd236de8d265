package matchspec

import (
	"strconv"

	"github.com/etsql/etsql/term"
)

// Special atoms of match specifications.
const (
	atomUnderscore = "_"
	atomWhole      = "$_"
	atomBindings   = "$$"
)

// compactThreshold is the variable number from which OTP renumbers the
// variables of a specification (DMC_DEFAULT_SIZE in erl_db_util.c).
const compactThreshold = 25

// variableNumber reports whether t is a match variable '$N' and its number,
// exactly as OTP 25's db_is_variable decides: '$' then decimal digits
// without a leading zero (except '$0'), accumulated in a wrapping 32-bit
// integer; a number that wraps negative is not a variable.
func variableNumber(t term.Term) (int, bool) {
	name, ok := t.AtomName()
	if !ok || len(name) < 2 || name[0] != '$' {
		return 0, false
	}
	digits := name[1:]
	if digits[0] == '0' {
		return 0, len(digits) == 1
	}
	var n int32
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int32(c-'0')
	}
	if n < 0 {
		return 0, false
	}
	return int(n), true
}

func isUnderscore(t term.Term) bool { return t.IsAtomNamed(atomUnderscore) }

// hasVariableAtLeast reports whether the head t holds a variable numbered
// n or more.
func hasVariableAtLeast(t term.Term, n int, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch t.Kind() {
	case term.KindAtom:
		v, ok := variableNumber(t)
		return ok && v >= n
	case term.KindTuple:
		for _, e := range t.Elements() {
			if hasVariableAtLeast(e, n, depth+1) {
				return true
			}
		}
	case term.KindList:
		elems, tail := t.ListParts()
		for _, e := range elems {
			if hasVariableAtLeast(e, n, depth+1) {
				return true
			}
		}
		return hasVariableAtLeast(tail, n, depth+1)
	case term.KindMap:
		keys, vals := t.MapPairs()
		for i := range keys {
			if hasVariableAtLeast(keys[i], n, depth+1) || hasVariableAtLeast(vals[i], n, depth+1) {
				return true
			}
		}
	}
	return false
}

// collectVariables adds the numbers of every variable atom anywhere in t.
func collectVariables(t term.Term, set map[int]bool, depth int) {
	if depth > maxDepth {
		return
	}
	switch t.Kind() {
	case term.KindAtom:
		if v, ok := variableNumber(t); ok {
			set[v] = true
		}
	case term.KindTuple:
		for _, e := range t.Elements() {
			collectVariables(e, set, depth+1)
		}
	case term.KindList:
		elems, tail := t.ListParts()
		for _, e := range elems {
			collectVariables(e, set, depth+1)
		}
		collectVariables(tail, set, depth+1)
	case term.KindMap:
		keys, vals := t.MapPairs()
		for i := range keys {
			collectVariables(keys[i], set, depth+1)
			collectVariables(vals[i], set, depth+1)
		}
	}
}

// renameVariables rewrites every variable atom anywhere in t (constants
// included, as OTP does) through rename.
func renameVariables(t term.Term, rename map[int]int, depth int) term.Term {
	if depth > maxDepth {
		return t
	}
	switch t.Kind() {
	case term.KindAtom:
		if v, ok := variableNumber(t); ok {
			return term.Atom("$" + strconv.Itoa(rename[v]))
		}
	case term.KindTuple:
		elems := t.Elements()
		out := make([]term.Term, len(elems))
		for i, e := range elems {
			out[i] = renameVariables(e, rename, depth+1)
		}
		return term.Tuple(out...)
	case term.KindList:
		elems, tail := t.ListParts()
		out := make([]term.Term, len(elems))
		for i, e := range elems {
			out[i] = renameVariables(e, rename, depth+1)
		}
		return term.ImproperList(out, renameVariables(tail, rename, depth+1))
	case term.KindMap:
		keys, vals := t.MapPairs()
		pairs := make([]term.MapPair, len(keys))
		for i := range keys {
			pairs[i] = term.MapPair{Key: renameVariables(keys[i], rename, depth+1), Value: renameVariables(vals[i], rename, depth+1)}
		}
		return term.Map(pairs...)
	}
	return t
}
