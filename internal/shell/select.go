package shell

import (
	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

// The select family calls the engine's, with its key fast paths (lookups,
// ordered_set ranges) and its atomic select_delete and select_replace.

// tableAndSpec resolves a table and compiles a match specification term.
func (e *ETS) tableAndSpec(tab, spec term.Term) (*engine.Table, *matchspec.Program, error) {
	t, err := e.table(tab)
	if err != nil {
		return nil, nil, err
	}
	prog, err := engine.CompileSpec(spec)
	if err != nil {
		return nil, nil, err
	}
	return t, prog, nil
}

func selectFn(reverse bool) etsFunc {
	return func(e *ETS, args []term.Term) (term.Term, error) {
		t, prog, err := e.tableAndSpec(args[0], args[1])
		if err != nil {
			return term.Term{}, err
		}
		var out []term.Term
		if reverse {
			out, err = t.SelectReverse(e.self, prog)
		} else {
			out, err = t.Select(e.self, prog)
		}
		return term.List(out...), err
	}
}

// limitArg reads the limit of select/3 and match/3.
func limitArg(t term.Term) (int, error) {
	n, ok := t.Int64()
	if !ok || n < 1 {
		return 0, badarg("limit must be a positive integer")
	}
	return int(min(n, 1<<30)), nil
}

func selectLimitFn(reverse bool) etsFunc {
	return func(e *ETS, args []term.Term) (term.Term, error) {
		limit, err := limitArg(args[2])
		if err != nil {
			return term.Term{}, err
		}
		t, prog, err := e.tableAndSpec(args[0], args[1])
		if err != nil {
			return term.Term{}, err
		}
		var out []term.Term
		var c *engine.Continuation
		if reverse {
			out, c, err = t.SelectReverseLimit(e.self, prog, limit)
		} else {
			out, c, err = t.SelectLimit(e.self, prog, limit)
		}
		if err != nil {
			return term.Term{}, err
		}
		return e.chunk(out, c), nil
	}
}

// maxContinuations is how many continuations the shell keeps; older ones
// are forgotten (using one is then badarg).
const maxContinuations = 1000

// chunk returns {Results, Continuation}, or '$end_of_table' when there
// are no results. The continuation is shown as the handle
// {'$etsql_continuation', N}, or '$end_of_table' after the last chunk.
func (e *ETS) chunk(results []term.Term, c *engine.Continuation) term.Term {
	if len(results) == 0 {
		return atomEndOfTable
	}
	head := term.List(results...)
	if c == nil {
		return term.Tuple(head, atomEndOfTable)
	}
	e.lastC++
	e.conts[e.lastC] = c
	delete(e.conts, e.lastC-maxContinuations) // the oldest goes
	return term.Tuple(head, term.Tuple(term.Atom(continuationTag), term.Int(e.lastC)))
}

// continueSelect is select/1 (and match/1, match_object/1,
// select_reverse/1): the next chunk of a continuation. As in Erlang a
// continuation is a value: using it again gives the same chunk.
func (e *ETS) continueSelect(args []term.Term) (term.Term, error) {
	c := args[0]
	if c.IsAtomNamed("$end_of_table") {
		return atomEndOfTable, nil
	}
	if c.Arity() != 2 {
		return term.Term{}, badarg("not a continuation")
	}
	el := c.Elements()
	id, ok := el[1].Int64()
	cont, found := e.conts[id]
	if !el[0].IsAtomNamed(continuationTag) || !ok || !found {
		return term.Term{}, badarg("not a continuation")
	}
	out, next, err := cont.Next(e.self)
	if err != nil {
		return term.Term{}, err
	}
	return e.chunk(out, next), nil
}

// selectCountFn makes ets:select_count, select_delete or select_replace
// of the engine call that runs the compiled specification and returns how
// many objects it counted, deleted or replaced.
func selectCountFn(run func(t *engine.Table, p *engine.Process, prog *matchspec.Program) (int, error)) etsFunc {
	return func(e *ETS, args []term.Term) (term.Term, error) {
		t, prog, err := e.tableAndSpec(args[0], args[1])
		if err != nil {
			return term.Term{}, err
		}
		n, err := run(t, e.self, prog)
		return term.Int(int64(n)), err
	}
}

// matchKind is what a match returns: the bindings of the pattern's
// variables, or the whole object.
type matchKind uint8

const (
	matchBindings matchKind = iota
	matchObjects
)

func matchFn(kind matchKind) etsFunc {
	return func(e *ETS, args []term.Term) (term.Term, error) {
		t, err := e.table(args[0])
		if err != nil {
			return term.Term{}, err
		}
		var out []term.Term
		if kind == matchObjects {
			out, err = t.MatchObject(e.self, args[1])
		} else {
			out, err = t.Match(e.self, args[1])
		}
		return term.List(out...), err
	}
}

func matchLimitFn(kind matchKind) etsFunc {
	return func(e *ETS, args []term.Term) (term.Term, error) {
		limit, err := limitArg(args[2])
		if err != nil {
			return term.Term{}, err
		}
		t, err := e.table(args[0])
		if err != nil {
			return term.Term{}, err
		}
		var out []term.Term
		var c *engine.Continuation
		if kind == matchObjects {
			out, c, err = t.MatchObjectLimit(e.self, args[1], limit)
		} else {
			out, c, err = t.MatchLimit(e.self, args[1], limit)
		}
		if err != nil {
			return term.Term{}, err
		}
		return e.chunk(out, c), nil
	}
}

func (e *ETS) matchDelete(args []term.Term) (term.Term, error) {
	t, err := e.table(args[0])
	if err != nil {
		return term.Term{}, err
	}
	return atomTrue, t.MatchDelete(e.self, args[1])
}
