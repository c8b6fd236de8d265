package matchspec

import (
	"github.com/etsql/etsql/term"
)

// maxDepth bounds the nesting of the terms in a specification, so hostile
// input cannot exhaust the stack.
const maxDepth = term.MaxDepth

// MatchSpec is an ETS match specification: a list of clauses, tried in
// order against each object.
type MatchSpec struct{ Clauses []Clause }

// Clause is one {Head, Guards, Body} of a match specification. Guards and
// Body hold the elements of the guard and body lists.
type Clause struct {
	Head   term.Term
	Guards []term.Term
	Body   []term.Term
}

// FromTerm reads a match specification from its term: a proper list of
// {Head, Guards, Body} tuples whose guards and bodies are lists. It checks
// the structure only; Compile checks the rest. Errors wrap ErrBadMatchSpec.
func FromTerm(t term.Term) (*MatchSpec, error) {
	if tooDeep(t, 0) {
		return nil, &Error{Msg: msgTooDeep}
	}
	if t.IsNil() {
		return &MatchSpec{}, nil
	}
	if !t.IsList() {
		return nil, &Error{Msg: msgNotList}
	}
	elems, tail := t.ListParts()
	if !tail.IsNil() {
		return nil, &Error{Msg: msgNotProperList}
	}
	ms := &MatchSpec{Clauses: make([]Clause, len(elems))}
	for i, e := range elems {
		if e.Arity() != 3 {
			return nil, &Error{Clause: i + 1, Msg: msgNotTuple3}
		}
		parts := e.Elements()
		guards, ok := properList(parts[1])
		if !ok {
			return nil, &Error{Clause: i + 1, Msg: msgGuardNotList}
		}
		body, ok := properList(parts[2])
		if !ok || len(body) == 0 {
			return nil, &Error{Clause: i + 1, Msg: msgNoBody}
		}
		ms.Clauses[i] = Clause{Head: parts[0], Guards: guards, Body: body}
	}
	return ms, nil
}

func properList(t term.Term) ([]term.Term, bool) {
	if t.IsNil() {
		return nil, true
	}
	if !t.IsProperList() {
		return nil, false
	}
	return t.Elements(), true
}

func tooDeep(t term.Term, depth int) bool {
	if depth > maxDepth {
		return true
	}
	switch t.Kind() {
	case term.KindTuple:
		for _, e := range t.Elements() {
			if tooDeep(e, depth+1) {
				return true
			}
		}
	case term.KindList:
		elems, tail := t.ListParts()
		for _, e := range elems {
			if tooDeep(e, depth+1) {
				return true
			}
		}
		return tooDeep(tail, depth+1)
	case term.KindMap:
		keys, vals := t.MapPairs()
		for i := range keys {
			if tooDeep(keys[i], depth+1) || tooDeep(vals[i], depth+1) {
				return true
			}
		}
	}
	return false
}

// Term returns the specification as a term: [{Head, Guards, Body}, ...].
func (ms *MatchSpec) Term() term.Term {
	clauses := make([]term.Term, len(ms.Clauses))
	for i, c := range ms.Clauses {
		clauses[i] = term.Tuple(c.Head, term.List(c.Guards...), term.List(c.Body...))
	}
	return term.List(clauses...)
}

// String returns the specification in Erlang syntax on one line, ready to
// paste into erl, e.g. [{{'$1','_'},[{'>','$1',3}],['$_']}].
func (ms *MatchSpec) String() string { return term.Format(ms.Term()) }

// Elixir returns the specification in Elixir syntax, ready to paste into
// iex, e.g. [{{:"$1", :_}, [{:>, :"$1", 3}], [:"$_"]}].
func (ms *MatchSpec) Elixir() string { return term.FormatElixir(ms.Term()) }

// Parse reads a match specification from Erlang text, such as
// "[{{'$1','_'},[{'>','$1',3}],['$_']}]." (the final period is optional):
// term.Parse, then FromTerm. Syntax errors are *term.SyntaxError values
// (errors.Is(err, ErrSyntax)) with a line:column position; structural
// errors wrap ErrBadMatchSpec.
func Parse(text string) (*MatchSpec, error) {
	t, err := term.Parse(text)
	if err != nil {
		return nil, err
	}
	return FromTerm(t)
}
