package matchspec

import (
	"github.com/etsql/etsql/term"
)

// exprFn evaluates a guard or body expression for the object being
// matched; false means an exception was raised.
type exprFn func(m *Matcher) (term.Term, bool)

// condFn evaluates one guard: true when it evaluates exactly to 'true'.
type condFn func(m *Matcher) bool

// exprKind tells the compiler how an operand can be fetched, so that calls
// on variables and constants get closures that skip a level of calls.
type exprKind uint8

const (
	exprGeneral exprKind = iota
	exprConst
	exprVar
)

// expr is a compiled expression.
type expr struct {
	kind exprKind
	val  term.Term // exprConst: the value
	v    int       // exprVar: the variable
	fn   exprFn
}

var atomEXIT = term.Atom("EXIT")

func constExpr(v term.Term) expr {
	return expr{kind: exprConst, val: v, fn: func(*Matcher) (term.Term, bool) { return v, true }}
}

func isTrue(t term.Term) bool { return t == term.True || t.IsTrue() }

// compileExpr compiles a guard or body expression (dmc_expr).
func (c *compiler) compileExpr(t term.Term, depth int) expr {
	switch t.Kind() {
	case term.KindList:
		return c.compileListExpr(t, depth)
	case term.KindMap:
		return c.compileMapExpr(t, depth)
	case term.KindTuple:
		elems := t.Elements()
		if len(elems) == 1 && elems[0].IsTuple() {
			return c.compileTupleExpr(elems[0], depth, false)
		}
		if len(elems) >= 1 && elems[0].IsAtom() {
			if _, isVar := variableNumber(elems[0]); !isVar {
				return c.compileCall(t, depth)
			}
		}
		c.errorf(msgNotCall, ertsFormat(t))
		return errExpr()
	case term.KindAtom:
		if n, ok := variableNumber(t); ok {
			if n >= c.nvars || !c.bound[n] {
				c.errorf(msgUnbound, c.originalVar(n))
				return errExpr()
			}
			return expr{kind: exprVar, v: n, fn: func(m *Matcher) (term.Term, bool) { return m.vars[n], true }}
		}
		if t.IsAtomNamed(atomWhole) {
			return expr{fn: func(m *Matcher) (term.Term, bool) { return m.obj, true }}
		}
		if t.IsAtomNamed(atomBindings) {
			bound := c.boundList()
			return expr{fn: func(m *Matcher) (term.Term, bool) {
				out := make([]term.Term, len(bound))
				for i, v := range bound {
					out[i] = m.vars[v]
				}
				return term.List(out...), true
			}}
		}
	}
	return constExpr(t)
}

func (c *compiler) boundList() []int {
	var out []int
	for i, b := range c.bound {
		if b {
			out = append(out, i)
		}
	}
	return out
}

// compileListExpr compiles a list built by the expression: heads first,
// then the tail (dmc_list).
func (c *compiler) compileListExpr(t term.Term, depth int) expr {
	elems, tail := t.ListParts()
	parts := make([]expr, len(elems))
	allConst := true
	for i, e := range elems {
		parts[i] = c.compileExpr(e, depth+1)
		allConst = allConst && parts[i].kind == exprConst
	}
	tl := c.compileExpr(tail, depth+1)
	if allConst && tl.kind == exprConst {
		vals := make([]term.Term, len(parts))
		for i, p := range parts {
			vals[i] = p.val
		}
		return constExpr(term.ImproperList(vals, tl.val))
	}
	return expr{fn: func(m *Matcher) (term.Term, bool) {
		out := make([]term.Term, len(parts))
		for i, p := range parts {
			v, ok := p.fn(m)
			if !ok {
				return term.Term{}, false
			}
			out[i] = v
		}
		tv, ok := tl.fn(m)
		if !ok {
			return term.Term{}, false
		}
		return term.ImproperList(out, tv), true
	}}
}

// compileTupleExpr compiles {{E1, ..., En}}: the elements are compiled
// last to first, as OTP does (which orders its diagnostics). A result
// tuple (a body's value) takes its elements from the matcher's blocks when
// it has them.
func (c *compiler) compileTupleExpr(t term.Term, depth int, result bool) expr {
	elems := t.Elements()
	parts := make([]expr, len(elems))
	allConst := true
	for i := len(elems) - 1; i >= 0; i-- {
		parts[i] = c.compileExpr(elems[i], depth+1)
		allConst = allConst && parts[i].kind == exprConst
	}
	if allConst {
		vals := make([]term.Term, len(parts))
		for i, p := range parts {
			vals[i] = p.val
		}
		return constExpr(term.Tuple(vals...))
	}
	return expr{fn: func(m *Matcher) (term.Term, bool) {
		var out []term.Term
		if result {
			out = m.resultElems(len(parts))
		} else {
			out = make([]term.Term, len(parts))
		}
		for i, p := range parts {
			v, ok := p.fn(m)
			if !ok {
				return term.Term{}, false
			}
			out[i] = v
		}
		return term.Tuple(out...), true
	}}
}

// compileMapExpr compiles a map built by the expression. Keys and values
// are both expressions; OTP compiles the values last to first, then the
// keys last to first, and the keys once more when the values are all
// constant but the keys are not (which repeats the keys' diagnostics).
// When two keys evaluate to the same term, the later one (in the map's
// key order) wins.
func (c *compiler) compileMapExpr(t term.Term, depth int) expr {
	keys, vals := t.MapPairs()
	vparts := c.compileAll(vals, depth)
	kparts := c.compileAll(keys, depth)
	if allConst(vparts) && !allConst(kparts) {
		c.compileAll(keys, depth)
	}
	if allConst(vparts) && allConst(kparts) {
		pairs := make([]term.MapPair, len(keys))
		for i := range keys {
			pairs[i] = term.MapPair{Key: kparts[i].val, Value: vparts[i].val}
		}
		return constExpr(term.Map(pairs...))
	}
	return expr{fn: func(m *Matcher) (term.Term, bool) {
		pairs := make([]term.MapPair, len(kparts))
		for i := range kparts {
			k, ok := kparts[i].fn(m)
			if !ok {
				return term.Term{}, false
			}
			v, ok := vparts[i].fn(m)
			if !ok {
				return term.Term{}, false
			}
			pairs[i] = term.MapPair{Key: k, Value: v}
		}
		return term.Map(pairs...), true
	}}
}

// compileAll compiles expressions last to first, OTP's order.
func (c *compiler) compileAll(ts []term.Term, depth int) []expr {
	parts := make([]expr, len(ts))
	for i := len(ts) - 1; i >= 0; i-- {
		parts[i] = c.compileExpr(ts[i], depth+1)
	}
	return parts
}

func allConst(parts []expr) bool {
	for _, p := range parts {
		if p.kind != exprConst {
			return false
		}
	}
	return true
}

// traceOnly are the special forms of tracing match specifications, with
// the name OTP gives them in its diagnostic.
var traceOnly = map[string]string{
	"message": "message", "return_trace": "return_trace", "exception_trace": "exception_trace",
	"display": "display", "is_seq_trace": "is_seq_trace", "set_seq_token": "set_seq_trace",
	"get_seq_token": "get_seq_token", "process_dump": "process_dump", "enable_trace": "enable_trace",
	"disable_trace": "disable_trace", "trace": "trace", "caller": "caller", "silent": "silent",
}

// compileCall compiles {Function, Arg...} (dmc_fun).
func (c *compiler) compileCall(t term.Term, depth int) expr {
	elems := t.Elements()
	name, _ := elems[0].AtomName()
	args := elems[1:]
	switch name {
	case "const":
		if len(args) != 1 {
			c.errorf(msgConstArgs, ertsFormat(t))
			return errExpr()
		}
		return constExpr(args[0])
	case "and", "or":
		if len(args) < 1 {
			c.errorf(msgNoArgs, name, ertsFormat(t))
			return errExpr()
		}
		return c.compileAndOr(name == "and", args, depth)
	case "andalso", "andthen", "orelse":
		if len(args) < 1 {
			form := "andalso"
			if name == "orelse" {
				form = "orelse"
			}
			c.errorf(msgNoArgs, form, ertsFormat(t))
			return errExpr()
		}
		return c.compileShortCircuit(name != "orelse", args, depth)
	case "self":
		if len(args) != 0 {
			c.errorf(msgSelfArgs, ertsFormat(t))
			return errExpr()
		}
		return constExpr(SelfPid)
	}
	if form, ok := traceOnly[name]; ok {
		c.errorf(msgWrongDialect, form)
		return errExpr()
	}
	lookup := name
	if name == "set_tcw" {
		lookup = "set_tcw_fake"
	}
	b, ok := bifs[bifKey{lookup, len(args)}]
	if !ok {
		c.errorf(msgNoFunction, ertsFormat(elems[0]), len(args))
		return errExpr()
	}
	if b.traceOnly {
		c.errorf(msgWrongContext, ertsFormat(elems[0]), len(args))
		return errExpr()
	}
	parts := make([]expr, len(args))
	for i := len(args) - 1; i >= 0; i-- {
		parts[i] = c.compileExpr(args[i], depth+1)
	}
	e := b.compile(parts)
	if !c.inGuard {
		e = catching(e)
	}
	return e
}

// catching makes a body call give 'EXIT' instead of raising.
func catching(e expr) expr {
	f := e.fn
	return expr{fn: func(m *Matcher) (term.Term, bool) {
		if v, ok := f(m); ok {
			return v, true
		}
		return atomEXIT, true
	}}
}

// compileAndOr compiles {'and', ...} and {'or', ...}: every operand is
// evaluated, all must be booleans.
func (c *compiler) compileAndOr(isAnd bool, args []term.Term, depth int) expr {
	parts := make([]expr, len(args))
	for i := len(args) - 1; i >= 0; i-- {
		parts[i] = c.compileExpr(args[i], depth+1)
	}
	inGuard := c.inGuard
	return expr{fn: func(m *Matcher) (term.Term, bool) {
		result := isAnd
		for i := len(parts) - 1; i >= 0; i-- {
			v, ok := parts[i].fn(m)
			if !ok {
				return term.Term{}, false
			}
			switch {
			case isTrue(v):
				if !isAnd {
					result = true
				}
			case v.IsAtomNamed("false"):
				if isAnd {
					result = false
				}
			default:
				if inGuard {
					return term.Term{}, false
				}
				return atomEXIT, true
			}
		}
		return term.Bool(result), true
	}}
}

// compileShortCircuit compiles andalso/orelse: operands in order; all but
// the last must be booleans; the last one's value is the result.
func (c *compiler) compileShortCircuit(isAnd bool, args []term.Term, depth int) expr {
	parts := make([]expr, len(args))
	for i := range args {
		parts[i] = c.compileExpr(args[i], depth+1)
	}
	inGuard := c.inGuard
	stop := term.False
	if !isAnd {
		stop = term.True
	}
	return expr{fn: func(m *Matcher) (term.Term, bool) {
		for i, p := range parts {
			v, ok := p.fn(m)
			if !ok {
				return term.Term{}, false
			}
			if i == len(parts)-1 {
				return v, true
			}
			switch {
			case isTrue(v) == isAnd && v.IsBoolean():
				continue
			case v.IsBoolean():
				return stop, true
			case inGuard:
				return term.Term{}, false
			default:
				return atomEXIT, true
			}
		}
		return stop, true
	}}
}

// compileCond compiles one guard; comparisons and type tests get closures
// that return a bool directly.
func (c *compiler) compileCond(g term.Term) condFn {
	if g.IsTuple() && g.Arity() == 3 {
		if name, ok := g.Elements()[0].AtomName(); ok {
			if _, ok := comparisons[name]; ok {
				nd := len(c.diags)
				a := c.compileExpr(g.Elements()[2], 1)
				b := c.compileExpr(g.Elements()[1], 1)
				if len(c.diags) == nd {
					return compareCond(name, b, a)
				}
				return nil
			}
		}
	}
	nd := len(c.diags)
	e := c.compileExpr(g, 0)
	if len(c.diags) == nd {
		if f := c.fastCond(g); f != nil {
			return f
		}
	}
	f := e.fn
	if e.kind == exprConst {
		v := e.val
		t := isTrue(v)
		return func(*Matcher) bool { return t }
	}
	return func(m *Matcher) bool {
		v, ok := f(m)
		return ok && isTrue(v)
	}
}

// varTypeTests are the type tests fastCond runs on a variable directly.
var varTypeTests = map[string]func(term.Term) bool{
	"is_atom": term.Term.IsAtom, "is_float": term.Term.IsFloat,
	"is_integer": term.Term.IsInteger, "is_number": term.Term.IsNumber,
}

// fastCond returns a direct form of a guard already compiled without
// diagnostics, or nil: a type test of a bound variable ({is_number,'$4'})
// reads the variable, and {'andalso', G1, ..., Gn} is the conjunction of
// its operands as guards (it is true exactly when each operand, in order,
// is true: a false one stops it, false; a non-boolean one raises, and the
// guard fails either way).
func (c *compiler) fastCond(g term.Term) condFn {
	elems := g.Elements()
	if !g.IsTuple() || len(elems) < 2 {
		return nil
	}
	name, ok := elems[0].AtomName()
	if !ok {
		return nil
	}
	if test, ok := varTypeTests[name]; ok && len(elems) == 2 {
		if n, ok := variableNumber(elems[1]); ok && n < c.nvars && c.bound[n] {
			return func(m *Matcher) bool { return test(m.vars[n]) }
		}
		return nil
	}
	if name != "andalso" && name != "andthen" {
		return nil
	}
	conds := make([]condFn, len(elems)-1)
	for i, a := range elems[1:] {
		if conds[i] = c.compileCond(a); conds[i] == nil {
			return nil
		}
	}
	if len(conds) == 2 {
		a, b := conds[0], conds[1]
		return func(m *Matcher) bool { return a(m) && b(m) }
	}
	return func(m *Matcher) bool {
		for _, f := range conds {
			if !f(m) {
				return false
			}
		}
		return true
	}
}

// errExpr stands for an expression with a diagnostic: like OTP, the
// compiler carries on (to report more problems) treating it as not
// constant. It is never run: a program with diagnostics is not built.
func errExpr() expr {
	return expr{fn: func(*Matcher) (term.Term, bool) { return term.Term{}, false }}
}
