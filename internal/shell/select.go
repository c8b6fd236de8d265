package shell

import (
	"slices"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

// The select family runs match specifications with package matchspec over
// a snapshot of the table (Tab2List). The engine's own select, with its
// key fast paths, replaces this once it is exported.

// compileSpec reads and compiles a match specification term.
func compileSpec(spec term.Term) (*matchspec.Program, error) {
	ms, err := matchspec.FromTerm(spec)
	if err != nil {
		return nil, err
	}
	return matchspec.Compile(ms)
}

// selectObjects returns the results of spec over the objects of t, in
// table order, or in reverse order for an ordered_set when reverse.
func (e *ETS) selectObjects(tab, spec term.Term, reverse bool) ([]term.Term, *engine.Table, error) {
	t, err := e.table(tab)
	if err != nil {
		return nil, nil, err
	}
	prog, err := compileSpec(spec)
	if err != nil {
		return nil, nil, err
	}
	objs, err := t.Tab2List(e.self)
	if err != nil {
		return nil, nil, err
	}
	if reverse && t.Type() == engine.OrderedSet {
		objs = slices.Clone(objs)
		slices.Reverse(objs)
	}
	m := prog.NewMatcher()
	var out []term.Term
	for _, obj := range objs {
		if r, ok := m.Match(obj); ok {
			out = append(out, r)
		}
	}
	return out, t, nil
}

func selectFn(reverse bool) etsFunc {
	return func(e *ETS, args []term.Term) (term.Term, error) {
		out, _, err := e.selectObjects(args[0], args[1], reverse)
		return term.List(out...), err
	}
}

func selectLimitFn(reverse bool) etsFunc {
	return func(e *ETS, args []term.Term) (term.Term, error) {
		limit, ok := args[2].Int64()
		if !ok || limit < 1 {
			return term.Term{}, badarg("limit must be a positive integer")
		}
		out, _, err := e.selectObjects(args[0], args[1], reverse)
		if err != nil {
			return term.Term{}, err
		}
		return e.chunk(out, int(min(limit, 1<<30))), nil
	}
}

// maxContinuations is how many continuations the shell keeps; older ones
// are forgotten (using one is then badarg).
const maxContinuations = 1000

// chunk returns the first limit results and a continuation for the rest,
// as {Results, Continuation}, or '$end_of_table' when there are none.
func (e *ETS) chunk(results []term.Term, limit int) term.Term {
	if len(results) == 0 {
		return atomEndOfTable
	}
	n := min(limit, len(results))
	head := term.List(results[:n]...)
	if n == len(results) {
		return term.Tuple(head, atomEndOfTable)
	}
	e.lastC++
	e.conts[e.lastC] = &continuation{rest: results[n:], limit: limit}
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
	return e.chunk(cont.rest, cont.limit), nil
}

func (e *ETS) selectCount(args []term.Term) (term.Term, error) {
	out, _, err := e.selectObjects(args[0], args[1], false)
	n := 0
	for _, r := range out {
		if r.IsTrue() {
			n++
		}
	}
	return term.Int(int64(n)), err
}

// selectDelete deletes the objects for which spec returns true.
func (e *ETS) selectDelete(args []term.Term) (term.Term, error) {
	t, err := e.table(args[0])
	if err != nil {
		return term.Term{}, err
	}
	prog, err := compileSpec(args[1])
	if err != nil {
		return term.Term{}, err
	}
	objs, err := t.Tab2List(e.self)
	if err != nil {
		return term.Term{}, err
	}
	m := prog.NewMatcher()
	n := 0
	for _, obj := range objs {
		if r, ok := m.Match(obj); ok && r.IsTrue() {
			if err := t.DeleteObject(e.self, obj); err != nil {
				return term.Term{}, err
			}
			n++
		}
	}
	return term.Int(int64(n)), nil
}

// selectReplace replaces each matching object with the spec's result,
// which must keep the key; only on set and ordered_set tables.
func (e *ETS) selectReplace(args []term.Term) (term.Term, error) {
	t, err := e.table(args[0])
	if err != nil {
		return term.Term{}, err
	}
	if t.Type() == engine.Bag || t.Type() == engine.DuplicateBag {
		return term.Term{}, badarg("select_replace on a bag")
	}
	prog, err := compileSpec(args[1])
	if err != nil {
		return term.Term{}, err
	}
	objs, err := t.Tab2List(e.self)
	if err != nil {
		return term.Term{}, err
	}
	m := prog.NewMatcher()
	kp := t.KeyPos()
	sameKey := term.ExactEqual
	if t.Type() == engine.OrderedSet {
		sameKey = term.Equal
	}
	var repl []term.Term
	for _, obj := range objs {
		r, ok := m.Match(obj)
		if !ok {
			continue
		}
		oldKey, _ := obj.Element(kp)
		newKey, ok := r.Element(kp)
		if !r.IsTuple() || !ok || !sameKey(oldKey, newKey) {
			return term.Term{}, badarg("replacement changes the key")
		}
		repl = append(repl, r)
	}
	if err := t.Insert(e.self, repl...); err != nil {
		return term.Term{}, err
	}
	return term.Int(int64(len(repl))), nil
}

// matchKind is what a match returns: the bindings of the pattern's
// variables, or the whole object.
type matchKind uint8

const (
	matchBindings matchKind = iota
	matchObjects
)

// patternSpec turns an ets:match pattern into a match specification.
func patternSpec(pattern term.Term, kind matchKind) term.Term {
	body := term.Atom("$$")
	if kind == matchObjects {
		body = term.Atom("$_")
	}
	return term.List(term.Tuple(pattern, term.Nil, term.List(body)))
}

func matchFn(kind matchKind) etsFunc {
	return func(e *ETS, args []term.Term) (term.Term, error) {
		out, _, err := e.selectObjects(args[0], patternSpec(args[1], kind), false)
		return term.List(out...), err
	}
}

func matchLimitFn(kind matchKind) etsFunc {
	sel := selectLimitFn(false)
	return func(e *ETS, args []term.Term) (term.Term, error) {
		return sel(e, []term.Term{args[0], patternSpec(args[1], kind), args[2]})
	}
}

func (e *ETS) matchDelete(args []term.Term) (term.Term, error) {
	spec := term.List(term.Tuple(args[1], term.Nil, term.List(term.True)))
	if _, err := e.selectDelete([]term.Term{args[0], spec}); err != nil {
		return term.Term{}, err
	}
	return atomTrue, nil
}
