package matchspec

import (
	"fmt"
	"slices"

	"github.com/etsql/etsql/term"
)

// OTP's diagnostics, word for word (erl_db_util.c, OTP 25).
const (
	msgNotList       = "Match programs are not in a list."
	msgNotProperList = "Match programs are not in a proper list."
	msgNotTuple3     = "Match program part is not a tuple of arity 3."
	msgGuardNotList  = "Match expression is not a list."
	msgGuardImproper = "Match expression is not a proper list."
	msgNoBody        = "Body clause does not return anything."
	msgVarInMapKey   = "Variable found in map key."
	msgUnderscoreKey = "Underscore found in map key."
	msgUnbound       = "Variable $%d is unbound."
	msgNotCall       = "%s is neither a function call, nor a tuple (tuples are written {{ ... }})."
	msgNoFunction    = "Function %s/%d does_not_exist."
	msgWrongContext  = "Function %s/%d cannot be called in this context."
	msgWrongDialect  = "Special form '%s' used in wrong dialect."
	msgConstArgs     = "Special form 'const' called with more than one argument in %s."
	msgNoArgs        = "Special form '%s' called without arguments in %s."
	msgSelfArgs      = "Special form 'self' called with arguments in %s."
	msgTooDeep       = "Match specification is nested too deeply."
)

// compiler turns a match specification term into a Program, collecting the
// diagnostics ets:test_ms/2 would give. It mirrors db_match_compile: clauses
// in order, stopping after the first clause with an error; within a clause
// compilation goes on to find more errors.
type compiler struct {
	diags   []Diagnostic
	clause  int    // 1-based number of the clause being compiled
	inGuard bool   // compiling guards (exceptions fail) or body (exceptions give 'EXIT')
	nvars   int    // size of the variable array
	bound   []bool // variables bound by the current clause's head
	trans   []int  // compacted variable number -> original, nil when not compacted
	stopped bool   // a fatal error: compilation ends now
	clauses []compiledClause
}

func (c *compiler) errorf(format string, args ...any) {
	c.diags = append(c.diags, Diagnostic{Clause: c.clause, Message: truncateDiagnostic(fmt.Sprintf(format, args...))})
}

func (c *compiler) originalVar(n int) int {
	if c.trans != nil && n < len(c.trans) {
		return c.trans[n]
	}
	return n
}

// compileTerm compiles spec (the whole [{Head, Guards, Body}, ...] term).
// It returns the program, or nil and at least one diagnostic.
func compileTerm(spec term.Term) (*Program, []Diagnostic) {
	c := &compiler{}
	if tooDeep(spec, 0) {
		return nil, []Diagnostic{{Message: msgTooDeep}}
	}
	if !spec.IsList() || spec.IsNil() {
		return nil, []Diagnostic{{Message: msgNotList}}
	}
	elems, tail := spec.ListParts()
	if !tail.IsNil() {
		return nil, []Diagnostic{{Message: msgNotProperList}}
	}
	heads := make([]term.Term, len(elems))
	guards := make([]term.Term, len(elems))
	bodies := make([]term.Term, len(elems))
	for i, e := range elems {
		if e.Arity() != 3 {
			return nil, []Diagnostic{{Clause: i + 1, Message: msgNotTuple3}}
		}
		heads[i], guards[i], bodies[i] = e.Elements()[0], e.Elements()[1], e.Elements()[2]
	}
	c.nvars = compactThreshold
	for i := 0; i < len(heads); i++ {
		if c.trans == nil && hasVariableAtLeast(heads[i], compactThreshold, 0) {
			c.compact(heads, guards, bodies)
			c.clauses = c.clauses[:0]
			i = -1 // restart, as OTP does
			continue
		}
		c.compileClause(i+1, heads[i], guards[i], bodies[i])
		if c.stopped || len(c.diags) > 0 {
			return nil, c.diags
		}
		c.clauses[i].sameHead = i > 0 && term.ExactEqual(heads[i], heads[i-1])
	}
	p := &Program{clauses: c.clauses, nvars: c.nvars}
	p.returnsObject = len(p.clauses) > 0
	for _, cl := range p.clauses {
		if !cl.returnsObject {
			p.returnsObject = false
		}
	}
	return p, nil
}

// compact renumbers the variables of the whole specification 0, 1, 2, ...
// in the order of their numbers, as OTP does (match_compact) as soon as a
// head holds a variable numbered 25 or more. Like OTP it renames every
// variable-like atom, even inside {const, ...}.
func (c *compiler) compact(heads, guards, bodies []term.Term) {
	set := map[int]bool{}
	for i := range heads {
		collectVariables(heads[i], set, 0)
		collectVariables(guards[i], set, 0)
		collectVariables(bodies[i], set, 0)
	}
	nums := make([]int, 0, len(set))
	for n := range set {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	rename := make(map[int]int, len(nums))
	for i, n := range nums {
		rename[n] = i
	}
	for i := range heads {
		heads[i] = renameVariables(heads[i], rename, 0)
		guards[i] = renameVariables(guards[i], rename, 0)
		bodies[i] = renameVariables(bodies[i], rename, 0)
	}
	c.trans = nums
	c.nvars = len(nums)
}

func (c *compiler) compileClause(n int, head, guards, body term.Term) {
	c.clause = n
	c.bound = make([]bool, c.nvars)
	cl := compiledClause{}
	cl.head = c.compileHead(head)
	if c.stopped {
		return
	}
	c.inGuard = true
	cl.guards = c.compileGuards(guards)
	c.inGuard = false
	if !body.IsList() || body.IsNil() {
		c.errorf(msgNoBody)
		c.stopped = true
		return
	}
	cl.body = c.compileBody(body)
	elems, _ := body.ListParts()
	cl.returnsObject = len(elems) == 1 && elems[0].IsAtomNamed(atomWhole)
	c.clauses = append(c.clauses, cl)
}

// compileGuards compiles the guard list (compile_guard_expr).
func (c *compiler) compileGuards(l term.Term) []condFn {
	if l.IsNil() {
		return nil
	}
	if !l.IsList() {
		c.errorf(msgGuardNotList)
		return nil
	}
	elems, tail := l.ListParts()
	conds := make([]condFn, 0, len(elems))
	for _, g := range elems {
		conds = append(conds, c.compileCond(g))
	}
	if !tail.IsNil() {
		c.errorf(msgGuardImproper)
	}
	return conds
}

// compileBody compiles the body list; only the last expression's value
// matters (table match specifications have no side effects and body
// exceptions are caught), so only it is kept.
func (c *compiler) compileBody(l term.Term) expr {
	elems, tail := l.ListParts()
	var last expr
	for k, b := range elems {
		if e := b.Elements(); k == len(elems)-1 && b.IsTuple() && len(e) == 1 && e[0].IsTuple() {
			last = c.compileTupleExpr(e[0], 0, true) // the result: see AllocateResultsInBlocks
			continue
		}
		last = c.compileExpr(b, 0)
	}
	if !tail.IsNil() {
		c.errorf(msgGuardImproper)
	}
	return last
}
