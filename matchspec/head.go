package matchspec

import (
	"math"

	"github.com/etsql/etsql/term"
)

// patFn matches a head pattern (or part of one) against a term, binding
// variables in m.
type patFn func(m *Matcher, t term.Term) bool

// opKind is a step of matching one element of a structure.
type opKind uint8

const (
	opSkip  opKind = iota // '_'
	opBind                // first occurrence of a variable
	opCmp                 // later occurrence: =:= the bound value
	opEq                  // a ground constant without floats: =:=
	opEqInt               // a small integer constant: =:= is ==, the representation being unique
	opFloat               // a float constant: the same bits, as OTP compares
	opSub                 // a tuple, list or map: matched by sub
)

type op struct {
	kind opKind
	v    int
	c    term.Term
	bits uint64
	sub  patFn
}

func (o *op) run(m *Matcher, t term.Term) bool {
	switch o.kind {
	case opEqInt:
		return t == o.c
	case opSkip:
		return true
	case opBind:
		m.vars[o.v] = t
		return true
	case opCmp:
		return term.ExactEqual(m.vars[o.v], t)
	case opEq:
		return t == o.c || term.ExactEqual(t, o.c)
	case opFloat:
		f, ok := t.Float64()
		return ok && math.Float64bits(f) == o.bits
	}
	return o.sub(m, t)
}

// level is one structure of a head being compiled. OTP matches the simple
// elements of a structure in order and the nested structures afterwards,
// last first (a stack); binding order follows, so this compiler does the
// same: a nested structure's op is created when its parent's elements are
// laid out, and compiled (binding its variables) after them, in reverse.
type pendingSub struct {
	o *op
	t term.Term
}

// compileHead compiles a clause head.
func (c *compiler) compileHead(h term.Term) patFn {
	o := &op{}
	c.layout(o, h, nil)
	c.finish([]pendingSub{{o, h}})
	if o.kind == opSub {
		return o.sub
	}
	return func(m *Matcher, t term.Term) bool { return o.run(m, t) }
}

// layout decides how one element is matched; structures are queued.
func (c *compiler) layout(o *op, t term.Term, pending *[]pendingSub) {
	if n, ok := variableNumber(t); ok {
		if c.bound[n] {
			o.kind, o.v = opCmp, n
		} else {
			c.bound[n] = true
			o.kind, o.v = opBind, n
		}
		return
	}
	if isUnderscore(t) {
		o.kind = opSkip
		return
	}
	if f, ok := t.Float64(); ok {
		o.kind, o.bits = opFloat, math.Float64bits(f)
		return
	}
	switch t.Kind() {
	case term.KindTuple, term.KindList, term.KindMap:
		if groundExact(t, 0) {
			o.kind, o.c = opEq, t
			return
		}
		o.kind = opSub
		if pending != nil {
			*pending = append(*pending, pendingSub{o, t})
		}
		return
	}
	if _, ok := t.Int64(); ok {
		o.kind, o.c = opEqInt, t
		return
	}
	o.kind, o.c = opEq, t
}

// finish compiles queued structures, last first.
func (c *compiler) finish(subs []pendingSub) {
	for i := len(subs) - 1; i >= 0 && !c.stopped; i-- {
		s := subs[i]
		if s.o.kind == opSub {
			s.o.sub = c.compileStructure(s.t)
		}
	}
}

// compileStructure compiles a tuple, list or map pattern: the structure
// check, its elements in order, then its nested structures.
func (c *compiler) compileStructure(t term.Term) patFn {
	var pending []pendingSub
	var fn patFn
	switch t.Kind() {
	case term.KindTuple:
		fn = c.tuplePattern(t, &pending)
	case term.KindList:
		fn = c.listPattern(t, &pending)
	case term.KindMap:
		fn = c.mapPattern(t, &pending)
	}
	c.finish(pending)
	return fn
}

func (c *compiler) layoutAll(elems []term.Term, pending *[]pendingSub) []op {
	ops := make([]op, len(elems))
	for i, e := range elems {
		c.layout(&ops[i], e, pending)
	}
	return ops
}

func (c *compiler) tuplePattern(t term.Term, pending *[]pendingSub) patFn {
	elems := t.Elements()
	ops := c.layoutAll(elems, pending)
	subs := subIndexes(ops)
	n := len(elems)
	// Constants first (they reject cheaply), then bindings, then
	// comparisons with bound variables (which may be bound at this level).
	var binds, consts, cmps []int
	for i := range ops {
		switch ops[i].kind {
		case opBind:
			binds = append(binds, i)
		case opCmp:
			cmps = append(cmps, i)
		case opEq, opEqInt, opFloat:
			consts = append(consts, i)
		}
	}
	return func(m *Matcher, x term.Term) bool {
		xs := x.Elements()
		if len(xs) != n || !x.IsTuple() {
			return false
		}
		for _, i := range consts {
			if !ops[i].run(m, xs[i]) {
				return false
			}
		}
		for _, i := range binds {
			m.vars[ops[i].v] = xs[i]
		}
		for _, i := range cmps {
			if !term.ExactEqual(m.vars[ops[i].v], xs[i]) {
				return false
			}
		}
		for _, i := range subs {
			if !ops[i].sub(m, xs[i]) {
				return false
			}
		}
		return true
	}
}

// subIndexes lists the nested structures of a level, last first: the order
// OTP matches them in.
func subIndexes(ops []op) []int {
	var subs []int
	for i := len(ops) - 1; i >= 0; i-- {
		if ops[i].kind == opSub {
			subs = append(subs, i)
		}
	}
	return subs
}

// listPattern matches [P1, ..., Pk | Tail]: at least k cells, then the
// rest against Tail (a tuple or map tail is matched in the same pass, as
// OTP does).
func (c *compiler) listPattern(t term.Term, pending *[]pendingSub) patFn {
	elems, tail := t.ListParts()
	ops := c.layoutAll(elems, pending)
	k := len(elems)
	subs := subIndexes(ops)
	var tailOp op
	var tailFn patFn
	switch tail.Kind() {
	case term.KindTuple:
		tailFn = c.tuplePattern(tail, pending)
	case term.KindMap:
		tailFn = c.mapPattern(tail, pending)
	default:
		c.layout(&tailOp, tail, pending)
	}
	return func(m *Matcher, x term.Term) bool {
		xs, xtail := x.ListParts()
		if len(xs) < k || k == 0 {
			return false
		}
		for i := range ops {
			if ops[i].kind != opSub && !ops[i].run(m, xs[i]) {
				return false
			}
		}
		rest := xtail
		if len(xs) > k {
			rest = term.ImproperList(xs[k:], xtail)
		}
		if tailFn != nil {
			if !tailFn(m, rest) {
				return false
			}
		} else if !tailOp.run(m, rest) {
			return false
		}
		for _, i := range subs {
			if !ops[i].sub(m, xs[i]) {
				return false
			}
		}
		return true
	}
}

func (c *compiler) mapPattern(t term.Term, pending *[]pendingSub) patFn {
	keys, vals := t.MapPairs()
	ops := make([]op, len(vals))
	for i, k := range keys {
		if _, ok := variableNumber(k); ok {
			c.errorf(msgVarInMapKey)
			c.stopped = true
			return nil
		}
		if isUnderscore(k) {
			c.errorf(msgUnderscoreKey)
			c.stopped = true
			return nil
		}
		c.layout(&ops[i], vals[i], pending)
	}
	n := len(keys)
	subs := subIndexes(ops)
	return func(m *Matcher, x term.Term) bool {
		if !x.IsMap() || x.Len() < n {
			return false
		}
		for i := range ops {
			v, ok := x.MapGet(keys[i])
			if !ok || ops[i].kind != opSub && !ops[i].run(m, v) {
				return false
			}
		}
		for _, i := range subs {
			v, _ := x.MapGet(keys[i])
			if !ops[i].sub(m, v) {
				return false
			}
		}
		return true
	}
}

// groundExact reports whether a pattern has no variables, no '_', no
// floats (compared by bits) and no maps (which match larger maps), so that
// =:= decides it whole.
func groundExact(t term.Term, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch t.Kind() {
	case term.KindAtom:
		_, isVar := variableNumber(t)
		return !isVar && !isUnderscore(t)
	case term.KindFloat, term.KindMap:
		return false
	case term.KindTuple:
		for _, e := range t.Elements() {
			if !groundExact(e, depth+1) {
				return false
			}
		}
	case term.KindList:
		elems, tail := t.ListParts()
		for _, e := range elems {
			if !groundExact(e, depth+1) {
				return false
			}
		}
		return groundExact(tail, depth+1)
	}
	return true
}
