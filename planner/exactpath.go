package planner

import (
	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// exactVariant is an access's specification and residual filter without
// the conjuncts its path decides (pathConjs): what a scan runs when the
// path's keys come out exact at execution (see exactKeys).
type exactVariant struct {
	spec, execSpec         *matchspec.MatchSpec
	prog, execProg         *matchspec.Program
	residual, residualBase evalFn
}

// rulePathConjs finds the conjuncts an access path decides by itself
// whenever its keys, computed at execution, come out exact: then no row
// needs checking against them.
//
// Example: on t (id INT PRIMARY KEY), an ordered_set, WHERE id BETWEEN ?
// AND ? is a traversal from the first bound to the second; the keys
// between two numbers in term order are numbers, ordered as SQL orders
// them, so every key visited passes. WHERE id = ? is a lookup of the key:
// when the argument is the key as stored (an integer, not 7.0 or '7'),
// the row found passes.
//
// Only constant or placeholder keys qualify (not keys from the left row
// of a join). A range qualifies on one key column of type INT or FLOAT
// with an upper bound (no number is above a non-number in term order, so
// the range cannot reach NULL, an atom), or TEXT with a lower bound
// (binaries sort last); a BETWEEN qualifies only when it gave both bounds.
func rulePathConjs(a *access) {
	if a.dynamic() {
		return
	}
	switch a.path {
	case PathLookup:
		if len(a.keyConjs) > 0 && !a.tab.Schema.HasRowID() {
			a.pathConjs = a.keyConjs
		}
	case PathRange:
		if len(a.pk) != 1 || len(a.prefix) > 0 {
			return
		}
		switch a.tab.Schema.Type(a.pk[0]) {
		case schema.Int, schema.Float:
			if a.hi == nil {
				return
			}
		case schema.Text:
			if a.lo == nil {
				return
			}
		default:
			return
		}
		conjs := map[parser.Expr]bool{}
		for _, e := range []*rangeEnd{a.lo, a.hi} {
			if e != nil && e.conj != nil {
				conjs[e.conj] = true
			}
		}
		for c := range conjs {
			if _, ok := c.(*parser.BetweenExpr); ok && (a.lo == nil || a.lo.conj != c || a.hi == nil || a.hi.conj != c) {
				delete(conjs, c)
			}
		}
		if len(conjs) > 0 {
			a.pathConjs = conjs
		}
	}
}

// withoutConjs returns es less the conjuncts in drop, and whether any was
// dropped; the terms ts (if any) follow es.
func withoutConjs(es []parser.Expr, ts []term.Term, drop map[parser.Expr]bool) ([]parser.Expr, []term.Term, bool) {
	var outE []parser.Expr
	var outT []term.Term
	dropped := false
	for i, e := range es {
		if drop[e] {
			dropped = true
			continue
		}
		outE = append(outE, e)
		if ts != nil {
			outT = append(outT, ts[i])
		}
	}
	return outE, outT, dropped
}

// buildExactVariant builds a.exact from the access's lowered conjuncts
// (kept their guards), its residual conjuncts and their base (those
// without placeholders), when its path decides some of them.
func (p *planner) buildExactVariant(sc *scope, a *access, kept []term.Term, residual, base []parser.Expr) error {
	if len(a.pathConjs) == 0 {
		return nil
	}
	_, vGuards, d1 := withoutConjs(a.lowered, kept, a.pathConjs)
	vResidual, _, d2 := withoutConjs(residual, nil, a.pathConjs)
	vBase, _, _ := withoutConjs(base, nil, a.pathConjs)
	if !d1 && !d2 {
		return nil // the specification and residual leave them out already
	}
	spec, execSpec, keyHead := a.spec, a.execSpec, a.keyHead
	ruleBuildSpec(a, vGuards)
	v := &exactVariant{spec: a.spec, execSpec: a.execSpec}
	a.spec, a.execSpec, a.keyHead = spec, execSpec, keyHead
	var err error
	if v.residual, err = p.filter(sc, vResidual); err != nil {
		return err
	}
	if v.residualBase, err = p.filter(sc, vBase); err != nil {
		return err
	}
	a.exact = v
	return nil
}

// exactKeys reports whether the access's keys, with this execution's
// parameters, are exact, so that its path decides the conjuncts in
// pathConjs: each key of a lookup is a value the key column stores as it
// is (no coercion), both ends of a range are bounds.
func (a *access) exactKeys(c *evalCtx) bool {
	st := a.tab.Schema
	switch a.path {
	case PathLookup:
		for _, kx := range a.keys {
			for i, k := range kx {
				v, err := k.value(c, nil)
				if err != nil || isNull(v) {
					return false
				}
				cv, err := st.Coerce(a.pk[i], v)
				if err != nil || !term.ExactEqual(cv, v) {
					return false
				}
			}
		}
		return len(a.keys) > 0
	case PathRange:
		lo, hi, empty, err := a.bounds(c, nil, st.Type(a.pk[0]))
		return err == nil && !empty && (a.lo == nil) == (lo == nil) && (a.hi == nil) == (hi == nil)
	}
	return false
}

// compileSpecs compiles spec when it needs no parameters (prog), else
// execSpec (execProg).
func compileSpecs(spec, execSpec *matchspec.MatchSpec) (prog, execProg *matchspec.Program, err error) {
	for _, cl := range spec.Clauses {
		needs := hasMarker(cl.Head)
		for _, g := range cl.Guards {
			needs = needs || hasMarker(g)
		}
		if needs {
			execProg, err = matchspec.Compile(execSpec)
			return nil, execProg, err
		}
	}
	prog, err = matchspec.Compile(spec)
	return prog, nil, err
}
