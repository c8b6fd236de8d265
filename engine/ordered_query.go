package engine

import (
	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

// Selects on an ordered_set whose specification only restates the range
// of keys it bounds need not run the matcher: every object in the range
// matches. For example [{{{7,'_'},'_','_','_'},[],['$_']}] returns the
// objects of arity 4 whose key is a pair starting with 7, which the key
// range of the prefix [7] holds, in order.
//
// The range holds the keys equal (==) to the bound; the head matches
// exact (=:=) ones. The two differ only when a float meets an integer, so
// the shortcut needs a bound without floats and a table whose keys hold
// none (orderedSet.floatKeys).

// directArity returns, for a specification of one clause whose head's key
// is ground or a tuple pattern with a ground prefix, free of floats, and
// whose other elements are '_' or variables seen once, with no guards and
// the body ['$_'], the arity of the objects its head matches.
func directArity(ms *matchspec.MatchSpec, keypos int) (int, bool) {
	if len(ms.Clauses) != 1 {
		return 0, false
	}
	cl := ms.Clauses[0]
	if len(cl.Guards) != 0 || len(cl.Body) != 1 || !cl.Body[0].IsAtomNamed("$_") || !cl.Head.IsTuple() {
		return 0, false
	}
	seen := map[string]bool{}
	wild := func(e term.Term) bool {
		if e.IsAtomNamed("_") {
			return true
		}
		if !isVariable(e) {
			return false
		}
		name, _ := e.AtomName()
		if seen[name] {
			return false
		}
		seen[name] = true
		return true
	}
	head := cl.Head.Elements()
	if keypos > len(head) {
		return 0, false
	}
	for n, e := range head {
		if n+1 != keypos {
			if !wild(e) {
				return 0, false
			}
			continue
		}
		if isGroundPattern(e, 0) {
			if hasFloat(e, 0) {
				return 0, false
			}
			continue
		}
		if !e.IsTuple() {
			return 0, false
		}
		prefix := true
		for _, ke := range e.Elements() {
			switch {
			case prefix && isGroundPattern(ke, 0):
				if hasFloat(ke, 0) {
					return 0, false
				}
			case wild(ke):
				prefix = false
			default:
				return 0, false
			}
		}
	}
	return len(head), true
}

// hasFloat reports whether t holds a float (or is nested too deep to
// tell).
func hasFloat(t term.Term, depth int) bool {
	if depth > term.MaxDepth {
		return true
	}
	switch t.Kind() {
	case term.KindFloat:
		return true
	case term.KindTuple, term.KindList:
		elems, tail := t.ListParts()
		if t.IsTuple() {
			elems, tail = t.Elements(), term.Nil
		}
		for _, e := range elems {
			if hasFloat(e, depth+1) {
				return true
			}
		}
		return hasFloat(tail, depth+1)
	case term.KindMap:
		keys, vals := t.MapPairs()
		for n := range keys {
			if hasFloat(keys[n], depth+1) || hasFloat(vals[n], depth+1) {
				return true
			}
		}
	}
	return false
}

// directCandidates keeps, in place, the candidates of arity: the results
// of a direct query (see directArity). It reads no object: the arity is
// in each object's reference.
func directCandidates(objs []term.Term, arity int) []term.Term {
	n := 0
	for _, obj := range objs {
		if obj.Arity() == arity {
			objs[n] = obj
			n++
		}
	}
	clear(objs[n:])
	if n == 0 {
		return nil
	}
	return objs[:n:n]
}

// span is a range of keys of an ordered_set between two probes, either
// end unbounded when not set: what a limited select walks instead of the
// whole table.
type span struct {
	lo, hi         probe
	loSet, hiSet   bool
	loExcl, hiExcl bool
	empty          bool // the bounds cross: no key lies between
}

// querySpan returns the range of keys outside which q matches nothing,
// when q bounds the key by a single exact key, a single prefix or a range
// from its guards.
func querySpan(q *query) (*span, bool) {
	switch {
	case q.rng != nil:
		sp := boundsSpan(q.rng.lo, q.rng.hi)
		return &sp, true
	case !q.bounded || len(q.bounds) != 1:
		return nil, false
	}
	b := q.bounds[0]
	if b.exact {
		return &span{lo: keyProbe(b.key), hi: keyProbe(b.key), loSet: true, hiSet: true}, true
	}
	return &span{
		lo: boundProbe(b.prefix, b.arity, false), hi: boundProbe(b.prefix, b.arity, true),
		loSet: true, hiSet: true,
	}, true
}

// boundsSpan returns the span between two bounds.
func boundsSpan(lo, hi Bound) span {
	var sp span
	if lo.Key.IsValid() {
		sp.lo, sp.loSet, sp.loExcl = keyProbe(lo.Key), true, lo.Exclusive
	}
	if hi.Key.IsValid() {
		sp.hi, sp.hiSet, sp.hiExcl = keyProbe(hi.Key), true, hi.Exclusive
	}
	if sp.loSet && sp.hiSet {
		c := term.Compare(lo.Key, hi.Key)
		sp.empty = c > 0 || c == 0 && (lo.Exclusive || hi.Exclusive)
	}
	return sp
}

// spanScan is scan within sp: it starts at sp's near end (or after the
// cursor's key) and reports the end reached at sp's far end. version is
// the table's: a cursor that stopped at the same version goes on from
// where it stopped, without a search.
func (s *orderedSet) spanScan(sp *span, c *cursor, version uint64, fn func(obj term.Term) bool) bool {
	if sp.empty {
		return true
	}
	start, stop := s.spanEnds(sp, c, version)
	var done bool
	var last bpPos
	if start.valid() {
		w := newWalker(start, stop, !c.reverse)
		done, last = w.walk(fn)
	} else {
		done = true
	}
	c.walk = walkStop{}
	if !done {
		c.leaveOn(last.obj(), s.keypos)
		c.walk = walkStop{valid: true, version: version, last: last, stop: stop}
	}
	return done
}

// spanEnds returns where a span scan starts and stops (exclusive).
func (s *orderedSet) spanEnds(sp *span, c *cursor, version uint64) (start, stop bpPos) {
	if c.started && c.walk.valid && c.walk.version == version {
		start = c.walk.last
		move(&start, !c.reverse)
		return start, c.walk.stop
	}
	t := s.tree
	switch {
	case c.reverse && c.started:
		p := keyProbe(c.key)
		start = t.seekBefore(&p, false)
	case c.reverse && sp.hiSet:
		start = t.seekBefore(&sp.hi, !sp.hiExcl)
	case c.reverse:
		start = t.lastPos()
	case c.started:
		p := keyProbe(c.key)
		start = t.seekAfter(&p, false)
	case sp.loSet:
		start = t.seekAfter(&sp.lo, !sp.loExcl)
	default:
		start = t.firstPos()
	}
	switch {
	case c.reverse && sp.loSet:
		stop = t.seekBeforeNear(start, &sp.lo, sp.loExcl)
	case !c.reverse && sp.hiSet:
		stop = t.seekAfterNear(start, &sp.hi, sp.hiExcl)
	}
	return start, stop
}

// walkForward calls fn with the objects from start up to stop (an
// invalid stop: the end), in key order, until fn returns false, which it
// reports. The objects ahead are prefetched (see walker).
func walkForward(start, stop bpPos, fn func(obj term.Term) bool) bool {
	if !start.valid() {
		return true
	}
	w := newWalker(start, stop, true)
	done, _ := w.walk(fn)
	return done
}

// walkBackward is walkForward in reverse key order, down to stop
// (exclusive).
func walkBackward(start, stop bpPos, fn func(obj term.Term) bool) bool {
	if !start.valid() {
		return true
	}
	w := newWalker(start, stop, false)
	done, _ := w.walk(fn)
	return done
}
