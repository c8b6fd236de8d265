package engine

import (
	"fmt"

	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

// CompileSpec compiles a match specification given as an Erlang term
// ([{Head, Guards, Body}, ...]), as ets:select/2 would accept it. An
// invalid one is ErrBadMatchSpec (badarg).
func CompileSpec(spec term.Term) (*matchspec.Program, error) {
	ms, err := matchspec.FromTerm(spec)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadMatchSpec, err)
	}
	prog, err := matchspec.Compile(ms)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadMatchSpec, err)
	}
	return prog, nil
}

// compilePattern compiles the match specification of ets:match/2
// (body ['$$']), match_object/2 (['$_']) or match_delete/2 ([true]).
func compilePattern(pattern, body term.Term) (*matchspec.Program, error) {
	return CompileSpec(term.List(term.Tuple(pattern, term.Nil, term.List(body))))
}

var (
	bodyBindings = term.Atom("$$")
	bodyObject   = term.Atom("$_")
)

// query returns prog as the engine runs it on this table: with the key
// bounds of its heads at the table's keypos.
func (t *Table) query(prog *matchspec.Program) (*query, error) {
	if prog == nil {
		return nil, fmt.Errorf("nil program: %w", ErrBadMatchSpec)
	}
	q := &query{
		newMatch: func() matchFunc { return prog.NewMatcher().Match },
		newCopiedMatch: func() matchFunc {
			m := prog.NewMatcher()
			m.AllocateResultsInBlocks()
			return m.Match
		},
	}
	bounds, ok := prog.KeyBounds(t.opts.KeyPos)
	if ok {
		q.bounded = true
		for _, b := range bounds {
			q.bounds = append(q.bounds, keyBound{exact: b.Exact, key: b.Key, prefix: b.Prefix, arity: b.Arity})
		}
		if t.opts.Type == OrderedSet {
			q.direct, _ = directArity(prog.Spec(), t.opts.KeyPos)
		}
	} else if t.opts.Type == OrderedSet {
		if r, ok := guardKeyRange(prog.Spec(), t.opts.KeyPos); ok {
			q.rng = &r
		}
	}
	return q, nil
}

// Select returns the results of prog for every object it matches:
// ets:select/2. A head that binds the whole key is a lookup, not a scan;
// on an ordered_set a head binding the leading elements of a tuple key,
// or guards bounding the key's variable ({'>=', '$1', 10}, ...), make it
// a bounded traversal. Results come in key order on an ordered_set.
func (t *Table) Select(p *Process, prog *matchspec.Program) ([]term.Term, error) {
	q, err := t.query(prog)
	if err != nil {
		return nil, err
	}
	return t.selectAll(p, q, false)
}

// SelectReverse is ets:select_reverse/2: Select in descending key order
// on an ordered_set (the same as Select on the other types).
func (t *Table) SelectReverse(p *Process, prog *matchspec.Program) ([]term.Term, error) {
	q, err := t.query(prog)
	if err != nil {
		return nil, err
	}
	return t.selectAll(p, q, true)
}

// SelectLimit returns at most limit results and a continuation for the
// rest: ets:select/3. With no results at all it returns nil, nil (Erlang's
// '$end_of_table'); the continuation is nil after the last chunk.
func (t *Table) SelectLimit(p *Process, prog *matchspec.Program, limit int) ([]term.Term, *Continuation, error) {
	q, err := t.query(prog)
	if err != nil {
		return nil, nil, err
	}
	return t.selectLimit(p, q, limit, false)
}

// SelectReverseLimit is ets:select_reverse/3.
func (t *Table) SelectReverseLimit(p *Process, prog *matchspec.Program, limit int) ([]term.Term, *Continuation, error) {
	q, err := t.query(prog)
	if err != nil {
		return nil, nil, err
	}
	return t.selectLimit(p, q, limit, true)
}

// SelectCount counts the objects for which prog returns true:
// ets:select_count/2.
func (t *Table) SelectCount(p *Process, prog *matchspec.Program) (int, error) {
	q, err := t.query(prog)
	if err != nil {
		return 0, err
	}
	return t.selectCount(p, q)
}

// SelectDelete deletes the objects for which prog returns true, atomically,
// and counts them: ets:select_delete/2.
func (t *Table) SelectDelete(p *Process, prog *matchspec.Program) (int, error) {
	q, err := t.query(prog)
	if err != nil {
		return 0, err
	}
	return t.selectDelete(p, q)
}

// SelectReplace replaces every object prog matches by prog's result and
// counts them: ets:select_replace/2. Not on bags (duplicate_bag is
// allowed, as in OTP 25). As in OTP, prog must be seen to keep the key
// before it runs (each body a single '$_', or a tuple construction whose
// key element rebuilds the head's key), and every replacement must be a
// tuple with the object's key (=:=); otherwise the call fails with
// ErrKeyChanged and nothing changes.
func (t *Table) SelectReplace(p *Process, prog *matchspec.Program) (int, error) {
	q, err := t.query(prog)
	if err != nil {
		return 0, err
	}
	if !keepsKey(prog.Spec(), t.opts.KeyPos) {
		return 0, ErrKeyChanged
	}
	return t.selectReplace(p, q)
}

// Match returns, for each object matching pattern, the list of the values
// of its pattern variables ('$1', '$2', ... in order): ets:match/2.
func (t *Table) Match(p *Process, pattern term.Term) ([]term.Term, error) {
	prog, err := compilePattern(pattern, bodyBindings)
	if err != nil {
		return nil, err
	}
	return t.Select(p, prog)
}

// MatchLimit is ets:match/3 (see SelectLimit).
func (t *Table) MatchLimit(p *Process, pattern term.Term, limit int) ([]term.Term, *Continuation, error) {
	prog, err := compilePattern(pattern, bodyBindings)
	if err != nil {
		return nil, nil, err
	}
	return t.SelectLimit(p, prog, limit)
}

// MatchObject returns the objects matching pattern: ets:match_object/2.
func (t *Table) MatchObject(p *Process, pattern term.Term) ([]term.Term, error) {
	prog, err := compilePattern(pattern, bodyObject)
	if err != nil {
		return nil, err
	}
	return t.Select(p, prog)
}

// MatchObjectLimit is ets:match_object/3 (see SelectLimit).
func (t *Table) MatchObjectLimit(p *Process, pattern term.Term, limit int) ([]term.Term, *Continuation, error) {
	prog, err := compilePattern(pattern, bodyObject)
	if err != nil {
		return nil, nil, err
	}
	return t.SelectLimit(p, prog, limit)
}

// MatchDelete deletes the objects matching pattern: ets:match_delete/2.
func (t *Table) MatchDelete(p *Process, pattern term.Term) error {
	prog, err := compilePattern(pattern, term.True)
	if err != nil {
		return err
	}
	_, err = t.SelectDelete(p, prog)
	return err
}
