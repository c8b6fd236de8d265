package etsql

import (
	"strings"
	"unsafe"

	"github.com/etsql/etsql/term"
)

// Prepared lookups without allocation. Stmt.QueryRow(id) boxes id in an
// interface; Go boxes it on the caller's stack only when the callee's
// parameter does not escape, and binding an argument to a placeholder can
// keep memory it points to (a string's bytes, a term.Term's elements), so
// escape analysis must assume the worst and every call would allocate the
// box. QueryRow therefore hides its arguments from escape analysis
// (hideArgs) and makes every bound term independent of the caller's memory
// (ownTerms) before the call returns, so that nothing refers to the
// arguments afterwards: integers, floats and booleans are copied by value
// as always, strings, atoms and compound terms are copied.

//go:linkname noescape runtime.noescape
//go:noescape
func noescape(p unsafe.Pointer) unsafe.Pointer

// hideArgs returns args, hidden from escape analysis. The caller must not
// keep anything args points to beyond its own return (see ownTerms).
func hideArgs(args []any) []any {
	if len(args) == 0 {
		return nil
	}
	return unsafe.Slice((*any)(noescape(unsafe.Pointer(unsafe.SliceData(args)))), len(args))
}

// ownTerms replaces each term by one that shares no memory with the
// values it was bound from.
func ownTerms(ts []term.Term) {
	for i, t := range ts {
		ts[i] = ownTerm(t, 0)
	}
}

// ownTerm returns a copy of t sharing no memory with it, except the
// immutable constants the term package itself holds (small integer and
// float tags).
func ownTerm(t term.Term, depth int) term.Term {
	if depth > term.MaxDepth {
		return t // binding refuses deeper terms before this can matter
	}
	switch t.Kind() {
	case term.KindInteger:
		if n, ok := t.Int64(); ok {
			return term.Int(n)
		}
		b, _ := t.Big()
		return term.BigInt(b) // BigInt copies
	case term.KindFloat:
		f, _ := t.Float64()
		return term.Float(f)
	case term.KindAtom:
		name, _ := t.AtomName()
		return term.Atom(strings.Clone(name))
	case term.KindBinary:
		s, _ := t.BinaryValue()
		return term.BinaryString(strings.Clone(s))
	case term.KindTuple:
		return term.Tuple(ownElems(t.Elements(), depth)...)
	case term.KindList:
		if t.IsNil() {
			return t
		}
		elems, tail := t.ListParts()
		return term.ImproperList(ownElems(elems, depth), ownTerm(tail, depth+1))
	case term.KindMap:
		keys, vals := t.MapPairs()
		pairs := make([]term.MapPair, len(keys))
		for i := range keys {
			pairs[i] = term.MapPair{Key: ownTerm(keys[i], depth+1), Value: ownTerm(vals[i], depth+1)}
		}
		return term.Map(pairs...)
	case term.KindReference, term.KindFun, term.KindPort, term.KindPid:
		ext, _ := t.OpaqueExt()
		o, _ := term.Opaque(t.Kind(), ext) // Opaque copies
		return o
	}
	return t
}

func ownElems(elems []term.Term, depth int) []term.Term {
	out := make([]term.Term, len(elems))
	for i, e := range elems {
		out[i] = ownTerm(e, depth+1)
	}
	return out
}

// hideAny returns v, hidden from escape analysis: Rows.Scan writes
// through its destinations and keeps none of them, but reflect, which
// its rarer conversions use, makes escape analysis assume they escape,
// and every variable scanned into would move to the heap. The caller
// must not keep anything v points to beyond its own return.
func hideAny(v any) any { return *(*any)(noescape(unsafe.Pointer(&v))) }
