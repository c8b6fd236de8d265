package matchspec

import (
	"slices"
	"sync"

	"github.com/etsql/etsql/term"
)

// Program is a compiled match specification. It is immutable and safe for
// concurrent use; a Matcher holds the per-goroutine state of a run.
type Program struct {
	clauses       []compiledClause
	nvars         int
	returnsObject bool
	spec          *MatchSpec
	pool          sync.Pool
}

type compiledClause struct {
	head          patFn
	guards        []condFn
	body          expr
	returnsObject bool
	// sameHead: the head is the previous clause's (=:=); matching an
	// object against it gives the same answer and the same bindings, so
	// the previous answer stands (UPDATE's clauses share their head)
	sameHead bool
}

// Compile validates ms as ets:select/2 would and compiles it. An invalid
// specification gives an *Error (wrapping ErrBadMatchSpec, OTP's badarg)
// holding the first diagnostic ets:test_ms/2 would report. An empty
// specification is valid and matches nothing, as in ets:select/2.
func Compile(ms *MatchSpec) (*Program, error) {
	if ms == nil || len(ms.Clauses) == 0 {
		return &Program{spec: &MatchSpec{}}, nil
	}
	p, diags := compileTerm(ms.Term())
	if p == nil {
		return nil, &Error{Clause: diags[0].Clause, Msg: diags[0].Message}
	}
	p.spec = &MatchSpec{Clauses: slices.Clone(ms.Clauses)}
	return p, nil
}

// Spec returns (a copy of) the specification the program was compiled
// from.
func (p *Program) Spec() *MatchSpec { return p.spec }

// ReturnsObject reports whether every clause's body is ['$_'], so that a
// match returns the object itself (as ets:match_object/2 does).
func (p *Program) ReturnsObject() bool { return p.returnsObject }

// Matcher runs a Program for one goroutine at a time. It holds the
// variable bindings, reused from object to object, so that matching an
// object that no clause accepts allocates nothing.
type Matcher struct {
	p    *Program
	vars []term.Term
	obj  term.Term
	// block, when not nil, is where the elements of result tuples are
	// allocated (see AllocateResultsInBlocks)
	block []term.Term
}

// resultBlockTerms is how many terms a block of result tuples holds.
const resultBlockTerms = 2048

// AllocateResultsInBlocks makes the matcher build the tuples its clauses'
// bodies return (the result itself, not tuples nested in it) in blocks
// of many, instead of one allocation each: for a caller that copies the
// elements of each result and keeps no result tuple (select_replace on a
// table that copies objects), to which a result is garbage once copied.
// A result kept keeps its whole block alive.
func (m *Matcher) AllocateResultsInBlocks() {
	if m.block == nil {
		m.block = make([]term.Term, 0, resultBlockTerms)
	}
}

// resultElems returns space for the n elements of a result tuple.
func (m *Matcher) resultElems(n int) []term.Term {
	if m.block == nil || n > resultBlockTerms/8 {
		return make([]term.Term, n)
	}
	if cap(m.block)-len(m.block) < n {
		m.block = make([]term.Term, 0, resultBlockTerms)
	}
	k := len(m.block)
	m.block = m.block[:k+n]
	return m.block[k : k+n : k+n]
}

// NewMatcher returns a Matcher for p.
func (p *Program) NewMatcher() *Matcher {
	return &Matcher{p: p, vars: make([]term.Term, p.nvars)}
}

// Match runs the specification on obj: the result of the first clause whose
// head matches and whose guards all evaluate to true, and true; or false
// when no clause matches.
func (m *Matcher) Match(obj term.Term) (term.Term, bool) {
	m.obj = obj
	headOK := false
	for i := range m.p.clauses {
		cl := &m.p.clauses[i]
		if !cl.sameHead {
			headOK = cl.head(m, obj)
		}
		if !headOK {
			continue
		}
		passed := true
		for _, g := range cl.guards {
			if !g(m) {
				passed = false
				break
			}
		}
		if !passed {
			continue
		}
		if cl.returnsObject {
			return obj, true
		}
		v, _ := cl.body.fn(m)
		return v, true
	}
	return term.Term{}, false
}

// Match runs the specification on obj (see Matcher.Match). It is safe for
// concurrent use; loops over many objects should use a Matcher.
func (p *Program) Match(obj term.Term) (term.Term, bool) {
	m, _ := p.pool.Get().(*Matcher)
	if m == nil {
		m = p.NewMatcher()
	}
	v, ok := m.Match(obj)
	m.obj = term.Term{}
	p.pool.Put(m)
	return v, ok
}

// TestMS returns exactly what ets:test_ms(Obj, Spec) returns in OTP 25:
// {ok, Result}, {ok, false} when no clause matches, or {error, Errors}
// with Errors a list of {error, "message"} (and {warning, "message"})
// tuples whose messages are OTP's own.
func TestMS(obj term.Term, spec term.Term) term.Term {
	p, diags := compileTerm(spec)
	if p == nil {
		return term.Tuple(term.Atom("error"), diagnosticsTerm(diags))
	}
	v, ok := p.NewMatcher().Match(obj)
	if !ok {
		v = term.False
	}
	return term.Tuple(term.Atom("ok"), v)
}

// Validate returns the errors (and warnings) ets:test_ms/2 reports for
// spec, in OTP's order, each with the number of the clause at fault; none
// for a valid specification.
func Validate(spec term.Term) []Diagnostic {
	_, diags := compileTerm(spec)
	return diags
}

func diagnosticsTerm(diags []Diagnostic) term.Term {
	out := make([]term.Term, len(diags))
	for i, d := range diags {
		sev := term.Atom("error")
		if d.Warning {
			sev = term.Atom("warning")
		}
		out[i] = term.Tuple(sev, byteList(d.Message))
	}
	return term.List(out...)
}

// byteList is a message as OTP returns it: a list of its bytes (OTP builds
// it byte by byte, so UTF-8 in atoms shows as two characters).
func byteList(s string) term.Term {
	elems := make([]term.Term, len(s))
	for i := 0; i < len(s); i++ {
		elems[i] = term.Int(int64(s[i]))
	}
	return term.List(elems...)
}
