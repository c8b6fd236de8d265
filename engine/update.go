package engine

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/etsql/etsql/term"
)

// CounterOp is one update of ets:update_counter: add Incr to element Pos;
// with a threshold, a result beyond it (above for Incr >= 0, below for
// Incr < 0) is replaced by SetValue.
type CounterOp struct {
	Pos          int
	Incr         term.Term // an integer
	HasThreshold bool
	Threshold    term.Term // an integer
	SetValue     term.Term // an integer
}

// UpdateCounter applies ops in order to the object with key and returns
// the new value of each updated element: ets:update_counter/3,4 with a list
// of operations. When key is missing, def (if valid) is inserted first
// with its key element replaced by key; without def a missing key is
// badarg. The table must be a set or ordered_set; every position must hold
// an integer and may not be the key; nothing changes when any op fails.
func (t *Table) UpdateCounter(p *Process, key term.Term, ops []CounterOp, def term.Term) ([]term.Term, error) {
	if t.opts.Type.isBag() {
		return nil, ErrTableType
	}
	for _, op := range ops {
		if !op.Incr.IsInteger() || op.HasThreshold && (!op.Threshold.IsInteger() || !op.SetValue.IsInteger()) {
			return nil, ErrNotInteger
		}
	}
	if def.IsValid() {
		if err := t.checkObject(def); err != nil {
			return nil, err
		}
	}
	if err := t.wlock(p); err != nil {
		return nil, err
	}
	defer t.mu.Unlock()
	results := make([]term.Term, len(ops))
	if err := t.updateCounterLocked(key, ops, def, results); err != nil {
		return nil, err
	}
	return results, nil
}

// UpdateCounter1 is UpdateCounter with one operation, returning the new
// value: the fast path (one allocation, the new object).
func (t *Table) UpdateCounter1(p *Process, key term.Term, op CounterOp, def term.Term) (term.Term, error) {
	if t.opts.Type.isBag() {
		return term.Term{}, ErrTableType
	}
	if !op.Incr.IsInteger() || op.HasThreshold && (!op.Threshold.IsInteger() || !op.SetValue.IsInteger()) {
		return term.Term{}, ErrNotInteger
	}
	if def.IsValid() {
		if err := t.checkObject(def); err != nil {
			return term.Term{}, err
		}
	}
	if err := t.wlock(p); err != nil {
		return term.Term{}, err
	}
	defer t.mu.Unlock()
	var res [1]term.Term
	err := t.updateCounterLocked(key, []CounterOp{op}, def, res[:])
	return res[0], err
}

func (t *Table) updateCounterLocked(key term.Term, ops []CounterOp, def term.Term, results []term.Term) error {
	obj, ref, found := t.store.get(key)
	if !found {
		if !def.IsValid() {
			return ErrKeyNotFound
		}
		elems := append([]term.Term(nil), def.Elements()...)
		elems[t.opts.KeyPos-1] = key
		obj = term.Tuple(elems...)
	}
	// The new object is built in buf when it fits, and the store copies
	// it: a set then allocates nothing.
	var buf [16]term.Term
	elems := append(buf[:0], obj.Elements()...)
	for i, op := range ops {
		if op.Pos < 1 || op.Pos > len(elems) || op.Pos == t.opts.KeyPos {
			return fmt.Errorf("position %d: %w", op.Pos, ErrBadPosition)
		}
		old := elems[op.Pos-1]
		if !old.IsInteger() {
			return fmt.Errorf("element %d: %w", op.Pos, ErrNotInteger)
		}
		v := addIntegers(old, op.Incr)
		if op.HasThreshold {
			neg := isNegative(op.Incr)
			if c := term.Compare(v, op.Threshold); !neg && c > 0 || neg && c < 0 {
				v = op.SetValue
			}
		}
		elems[op.Pos-1] = v
		results[i] = v
	}
	t.storeElems(ref, found, elems)
	return nil
}

// storeElems stores elems, which may be a buffer of the caller's, as the
// object get found at ref, or as a new object when found is false.
func (t *Table) storeElems(ref slotRef, found bool, elems []term.Term) {
	if s, ok := t.store.(*setTable); ok && found {
		s.replaceSlot(ref.slot, elems)
		return
	}
	obj := term.Tuple(slices.Clone(elems)...)
	if found {
		t.store.replace(ref, obj)
	} else {
		t.store.insert(obj)
	}
}

func addIntegers(a, b term.Term) term.Term {
	x, ok1 := a.Int64()
	y, ok2 := b.Int64()
	if ok1 && ok2 {
		s := x + y
		if (s > x) == (y > 0) { // no overflow
			return term.Int(s)
		}
	}
	ab, _ := a.Big()
	bb, _ := b.Big()
	return term.BigInt(new(big.Int).Add(ab, bb))
}

func isNegative(i term.Term) bool {
	if v, ok := i.Int64(); ok {
		return v < 0
	}
	b, _ := i.Big()
	return b.Sign() < 0
}

// UpdateCounterTerm is ets:update_counter/3,4 with the operation as an
// Erlang term: Incr, {Pos, Incr}, {Pos, Incr, Threshold, SetValue}, or a
// list of these. The result is an integer, or a list of integers for a
// list. def is the default object, or the zero Term for none.
func (t *Table) UpdateCounterTerm(p *Process, key, op, def term.Term) (term.Term, error) {
	if op.IsList() {
		elems, tail := op.ListParts()
		if !tail.IsNil() {
			return term.Term{}, ErrBadArg
		}
		ops := make([]CounterOp, len(elems))
		for i, e := range elems {
			o, err := t.counterOp(e, false)
			if err != nil {
				return term.Term{}, err
			}
			ops[i] = o
		}
		rs, err := t.UpdateCounter(p, key, ops, def)
		if err != nil {
			return term.Term{}, err
		}
		return term.List(rs...), nil
	}
	o, err := t.counterOp(op, true)
	if err != nil {
		return term.Term{}, err
	}
	return t.UpdateCounter1(p, key, o, def)
}

func (t *Table) counterOp(e term.Term, bareIncr bool) (CounterOp, error) {
	if bareIncr && e.IsInteger() {
		return CounterOp{Pos: t.opts.KeyPos + 1, Incr: e}, nil
	}
	el := e.Elements()
	if !e.IsTuple() || (len(el) != 2 && len(el) != 4) {
		return CounterOp{}, fmt.Errorf("bad counter operation: %w", ErrBadArg)
	}
	pos, ok := el[0].Int64()
	if !ok {
		return CounterOp{}, ErrBadPosition
	}
	op := CounterOp{Pos: int(max(min(pos, 1<<30), -1)), Incr: el[1]}
	if len(el) == 4 {
		op.HasThreshold, op.Threshold, op.SetValue = true, el[2], el[3]
	}
	return op, nil
}

// ElementUpdate sets element Pos to Value.
type ElementUpdate struct {
	Pos   int
	Value term.Term
}

// UpdateElement sets elements of the object with key, all or nothing:
// ets:update_element/3. It reports false when key is missing. The table
// must be a set or ordered_set; a position beyond the object or at the
// key is badarg.
func (t *Table) UpdateElement(p *Process, key term.Term, ups []ElementUpdate) (bool, error) {
	if t.opts.Type.isBag() {
		return false, ErrTableType
	}
	if err := t.wlock(p); err != nil {
		return false, err
	}
	defer t.mu.Unlock()
	obj, ref, found := t.store.get(key)
	if !found {
		return false, nil
	}
	var buf [16]term.Term
	elems := append(buf[:0], obj.Elements()...)
	for _, u := range ups {
		if u.Pos < 1 || u.Pos > len(elems) || u.Pos == t.opts.KeyPos {
			return false, fmt.Errorf("position %d: %w", u.Pos, ErrBadPosition)
		}
		elems[u.Pos-1] = u.Value
	}
	t.storeElems(ref, true, elems)
	return true, nil
}

// UpdateElementTerm is ets:update_element/3 with {Pos, Value} or a list
// of them as an Erlang term.
func (t *Table) UpdateElementTerm(p *Process, key, spec term.Term) (bool, error) {
	one := func(e term.Term) (ElementUpdate, error) {
		if e.Arity() != 2 {
			return ElementUpdate{}, fmt.Errorf("expected {Pos, Value}: %w", ErrBadArg)
		}
		el := e.Elements()
		pos, ok := el[0].Int64()
		if !ok {
			return ElementUpdate{}, ErrBadPosition
		}
		return ElementUpdate{Pos: int(max(min(pos, 1<<30), -1)), Value: el[1]}, nil
	}
	var ups []ElementUpdate
	if spec.IsList() {
		elems, tail := spec.ListParts()
		if !tail.IsNil() {
			return false, ErrBadArg
		}
		for _, e := range elems {
			u, err := one(e)
			if err != nil {
				return false, err
			}
			ups = append(ups, u)
		}
	} else {
		u, err := one(spec)
		if err != nil {
			return false, err
		}
		ups = append(ups, u)
	}
	return t.UpdateElement(p, key, ups)
}
