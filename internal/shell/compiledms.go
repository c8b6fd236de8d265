package shell

import (
	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

// Compiled match specifications: ets:match_spec_compile/1 gives an opaque
// value (a reference in erl, shown #Ref<...>); the shell shows it as the
// handle {'$etsql_compiled_ms', N}, as it shows continuations.

// compiledMSTag is the atom of a compiled specification's handle.
const compiledMSTag = "$etsql_compiled_ms"

// maxCompiled is how many compiled specifications the shell keeps; older
// ones are forgotten (they are then not compiled specifications).
const maxCompiled = 1000

func (e *ETS) matchSpecCompile(args []term.Term) (term.Term, error) {
	prog, err := engine.CompileSpec(args[0])
	if err != nil {
		return term.Term{}, err
	}
	e.lastMS++
	e.compiled[e.lastMS] = prog
	delete(e.compiled, e.lastMS-maxCompiled)
	return term.Tuple(term.Atom(compiledMSTag), term.Int(e.lastMS)), nil
}

// compiledMS returns the program a handle stands for.
func (e *ETS) compiledMS(t term.Term) (*matchspec.Program, bool) {
	if t.Arity() != 2 || !t.IsTuple() {
		return nil, false
	}
	el := t.Elements()
	id, ok := el[1].Int64()
	if !ok || !el[0].IsAtomNamed(compiledMSTag) {
		return nil, false
	}
	prog, ok := e.compiled[id]
	return prog, ok
}

func (e *ETS) isCompiledMS(args []term.Term) (term.Term, error) {
	_, ok := e.compiledMS(args[0])
	return term.Bool(ok), nil
}

// matchSpecRun is ets:match_spec_run/2: the results of the terms of a
// list the specification matches, in order.
func (e *ETS) matchSpecRun(args []term.Term) (term.Term, error) {
	prog, ok := e.compiledMS(args[1])
	if !ok {
		return term.Term{}, badarg("not a compiled match specification")
	}
	elems, tail := args[0].ListParts()
	if !args[0].IsList() || !tail.IsNil() {
		return term.Term{}, badarg("not a list")
	}
	m := prog.NewMatcher()
	var out []term.Term
	for _, obj := range elems {
		if v, ok := m.Match(obj); ok {
			out = append(out, v)
		}
	}
	return term.List(out...), nil
}
