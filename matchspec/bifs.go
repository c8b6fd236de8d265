package matchspec

import (
	"github.com/etsql/etsql/term"
)

// The guard functions ETS match specifications may call in OTP 25 (the
// guard_tab of erl_db_util.c, checked against erl), each reporting false
// where Erlang raises an exception.

type bifKey struct {
	name  string
	arity int
}

type bif struct {
	traceOnly bool // exists, but only in tracing match specifications
	compile   func(args []expr) expr
}

type (
	fn1 func(a term.Term) (term.Term, bool)
	fn2 func(a, b term.Term) (term.Term, bool)
	fn3 func(a, b, c term.Term) (term.Term, bool)
)

var bifs = map[bifKey]bif{}

func def1(name string, f fn1) { bifs[bifKey{name, 1}] = bif{compile: call1(f)} }
func def2(name string, f fn2) { bifs[bifKey{name, 2}] = bif{compile: call2(f)} }
func def3(name string, f fn3) { bifs[bifKey{name, 3}] = bif{compile: call3(f)} }

func typeTest(test func(term.Term) bool) fn1 {
	return func(a term.Term) (term.Term, bool) { return term.Bool(test(a)), true }
}

func init() {
	def1("is_atom", typeTest(term.Term.IsAtom))
	def1("is_float", typeTest(term.Term.IsFloat))
	def1("is_integer", typeTest(term.Term.IsInteger))
	def1("is_list", typeTest(term.Term.IsList))
	def1("is_number", typeTest(term.Term.IsNumber))
	def1("is_pid", typeTest(func(t term.Term) bool { return t.Kind() == term.KindPid }))
	def1("is_port", typeTest(func(t term.Term) bool { return t.Kind() == term.KindPort }))
	def1("is_reference", typeTest(func(t term.Term) bool { return t.Kind() == term.KindReference }))
	def1("is_tuple", typeTest(term.Term.IsTuple))
	def1("is_map", typeTest(term.Term.IsMap))
	def1("is_binary", typeTest(term.Term.IsBinary))
	def1("is_function", typeTest(func(t term.Term) bool { return t.Kind() == term.KindFun }))
	def3("is_record", bifIsRecord)
	def2("is_map_key", bifIsMapKey)
	def1("abs", arithAbs)
	def2("element", bifElement)
	def1("hd", bifHd)
	def1("tl", bifTl)
	def1("length", bifLength)
	def1("node", bifNode)
	bifs[bifKey{"node", 0}] = bif{compile: func([]expr) expr { return constExpr(NodeName) }}
	def1("round", bifRound)
	def1("trunc", bifTrunc)
	def1("float", bifFloat)
	def1("size", bifSize)
	def1("byte_size", bifByteSize)
	def1("bit_size", bifBitSize)
	def1("map_size", bifMapSize)
	def2("map_get", bifMapGet)
	def2("binary_part", bifBinaryPart2)
	def3("binary_part", bifBinaryPart3)
	def1("+", arithPlus)
	def1("-", arithNeg)
	def2("+", arithAdd)
	def2("-", arithSub)
	def2("*", arithMul)
	def2("/", arithDivide)
	def2("div", arithIntDiv)
	def2("rem", arithRem)
	def2("band", arithBand)
	def2("bor", arithBor)
	def2("bxor", arithBxor)
	def1("bnot", arithBnot)
	def2("bsl", func(a, b term.Term) (term.Term, bool) { return arithShift(a, b, true) })
	def2("bsr", func(a, b term.Term) (term.Term, bool) { return arithShift(a, b, false) })
	for name, cmp := range comparisons {
		def2(name, func(a, b term.Term) (term.Term, bool) { return term.Bool(cmp(a, b)), true })
	}
	def1("not", bifNot)
	def2("xor", bifXor)
	bifs[bifKey{"get_tcw", 0}] = bif{traceOnly: true}
	bifs[bifKey{"set_tcw", 1}] = bif{traceOnly: true}
	bifs[bifKey{"set_tcw_fake", 1}] = bif{traceOnly: true}
}

// comparisons are the term-order comparison operators.
var comparisons = map[string]func(a, b term.Term) bool{
	">":   func(a, b term.Term) bool { return term.Compare(a, b) > 0 },
	">=":  func(a, b term.Term) bool { return term.Compare(a, b) >= 0 },
	"<":   func(a, b term.Term) bool { return term.Compare(a, b) < 0 },
	"=<":  func(a, b term.Term) bool { return term.Compare(a, b) <= 0 },
	"==":  term.Equal,
	"/=":  func(a, b term.Term) bool { return !term.Equal(a, b) },
	"=:=": term.ExactEqual,
	"=/=": func(a, b term.Term) bool { return !term.ExactEqual(a, b) },
}

// compareCond is a guard that is a comparison, specialised for variables
// and constants as operands.
func compareCond(name string, a, b expr) condFn {
	cmp := comparisons[name]
	switch {
	case a.kind == exprVar && b.kind == exprConst:
		if f := compareVarConst(name, a.v, b.val); f != nil {
			return f
		}
		i, c := a.v, b.val
		return func(m *Matcher) bool { return cmp(m.vars[i], c) }
	case a.kind == exprConst && b.kind == exprVar:
		c, i := a.val, b.v
		return func(m *Matcher) bool { return cmp(c, m.vars[i]) }
	case a.kind == exprVar && b.kind == exprVar:
		i, j := a.v, b.v
		return func(m *Matcher) bool { return cmp(m.vars[i], m.vars[j]) }
	}
	fa, fb := a.fn, b.fn
	return func(m *Matcher) bool {
		x, ok := fa(m)
		if !ok {
			return false
		}
		y, ok := fb(m)
		return ok && cmp(x, y)
	}
}

// compareVarConst is the commonest guard, a variable compared with a
// constant, as a direct call.
func compareVarConst(name string, i int, c term.Term) condFn {
	if f := compareVarNumber(name, i, c); f != nil {
		return f
	}
	switch name {
	case ">":
		return func(m *Matcher) bool { return term.Compare(m.vars[i], c) > 0 }
	case ">=":
		return func(m *Matcher) bool { return term.Compare(m.vars[i], c) >= 0 }
	case "<":
		return func(m *Matcher) bool { return term.Compare(m.vars[i], c) < 0 }
	case "=<":
		return func(m *Matcher) bool { return term.Compare(m.vars[i], c) <= 0 }
	case "==":
		return func(m *Matcher) bool { return term.Equal(m.vars[i], c) }
	case "/=":
		return func(m *Matcher) bool { return !term.Equal(m.vars[i], c) }
	case "=:=":
		return func(m *Matcher) bool { return term.ExactEqual(m.vars[i], c) }
	case "=/=":
		return func(m *Matcher) bool { return !term.ExactEqual(m.vars[i], c) }
	}
	return nil
}

// compareVarNumber orders a variable against a number constant, with the
// common same-type case done inline (Erlang orders numbers by value, and
// 0.0 == -0.0 as in Go).
func compareVarNumber(name string, i int, c term.Term) condFn {
	if cf, ok := c.Float64(); ok {
		switch name {
		case ">":
			return func(m *Matcher) bool {
				if f, ok := m.vars[i].Float64(); ok {
					return f > cf
				}
				return term.Compare(m.vars[i], c) > 0
			}
		case ">=":
			return func(m *Matcher) bool {
				if f, ok := m.vars[i].Float64(); ok {
					return f >= cf
				}
				return term.Compare(m.vars[i], c) >= 0
			}
		case "<":
			return func(m *Matcher) bool {
				if f, ok := m.vars[i].Float64(); ok {
					return f < cf
				}
				return term.Compare(m.vars[i], c) < 0
			}
		case "=<":
			return func(m *Matcher) bool {
				if f, ok := m.vars[i].Float64(); ok {
					return f <= cf
				}
				return term.Compare(m.vars[i], c) <= 0
			}
		}
		return nil
	}
	ci, ok := c.Int64()
	if !ok {
		return nil
	}
	switch name {
	case ">":
		return func(m *Matcher) bool {
			if v, ok := m.vars[i].Int64(); ok {
				return v > ci
			}
			return term.Compare(m.vars[i], c) > 0
		}
	case ">=":
		return func(m *Matcher) bool {
			if v, ok := m.vars[i].Int64(); ok {
				return v >= ci
			}
			return term.Compare(m.vars[i], c) >= 0
		}
	case "<":
		return func(m *Matcher) bool {
			if v, ok := m.vars[i].Int64(); ok {
				return v < ci
			}
			return term.Compare(m.vars[i], c) < 0
		}
	case "=<":
		return func(m *Matcher) bool {
			if v, ok := m.vars[i].Int64(); ok {
				return v <= ci
			}
			return term.Compare(m.vars[i], c) <= 0
		}
	case "==":
		return func(m *Matcher) bool {
			if v, ok := m.vars[i].Int64(); ok {
				return v == ci
			}
			return term.Equal(m.vars[i], c)
		}
	case "=:=":
		return func(m *Matcher) bool { return m.vars[i] == c }
	}
	return nil
}

func call1(f fn1) func([]expr) expr {
	return func(args []expr) expr {
		a := args[0]
		switch a.kind {
		case exprVar:
			i := a.v
			return expr{fn: func(m *Matcher) (term.Term, bool) { return f(m.vars[i]) }}
		case exprConst:
			v := a.val
			return expr{fn: func(*Matcher) (term.Term, bool) { return f(v) }}
		}
		fa := a.fn
		return expr{fn: func(m *Matcher) (term.Term, bool) {
			x, ok := fa(m)
			if !ok {
				return term.Term{}, false
			}
			return f(x)
		}}
	}
}

func call2(f fn2) func([]expr) expr {
	return func(args []expr) expr {
		a, b := args[0], args[1]
		switch {
		case a.kind == exprVar && b.kind == exprConst:
			i, c := a.v, b.val
			return expr{fn: func(m *Matcher) (term.Term, bool) { return f(m.vars[i], c) }}
		case a.kind == exprVar && b.kind == exprVar:
			i, j := a.v, b.v
			return expr{fn: func(m *Matcher) (term.Term, bool) { return f(m.vars[i], m.vars[j]) }}
		}
		fa, fb := a.fn, b.fn
		return expr{fn: func(m *Matcher) (term.Term, bool) {
			x, ok := fa(m)
			if !ok {
				return term.Term{}, false
			}
			y, ok := fb(m)
			if !ok {
				return term.Term{}, false
			}
			return f(x, y)
		}}
	}
}

func call3(f fn3) func([]expr) expr {
	return func(args []expr) expr {
		fa, fb, fc := args[0].fn, args[1].fn, args[2].fn
		return expr{fn: func(m *Matcher) (term.Term, bool) {
			x, ok := fa(m)
			if !ok {
				return term.Term{}, false
			}
			y, ok := fb(m)
			if !ok {
				return term.Term{}, false
			}
			z, ok := fc(m)
			if !ok {
				return term.Term{}, false
			}
			return f(x, y, z)
		}}
	}
}

func fail() (term.Term, bool) { return term.Term{}, false }

func bifIsRecord(t, name, size term.Term) (term.Term, bool) {
	n, ok := size.Int64()
	if !name.IsAtom() || !ok {
		if !name.IsAtom() || !size.IsInteger() {
			return fail()
		}
		return term.False, true
	}
	if t.Arity() != int(n) || n < 1 {
		return term.False, true
	}
	first, _ := t.Element(1)
	return term.Bool(term.ExactEqual(first, name)), true
}

func bifIsMapKey(k, m term.Term) (term.Term, bool) {
	if !m.IsMap() {
		return fail()
	}
	_, ok := m.MapGet(k)
	return term.Bool(ok), true
}

func bifMapGet(k, m term.Term) (term.Term, bool) {
	if !m.IsMap() {
		return fail()
	}
	return m.MapGet(k)
}

func bifMapSize(m term.Term) (term.Term, bool) {
	if !m.IsMap() {
		return fail()
	}
	return term.Int(int64(m.Len())), true
}

func bifElement(n, t term.Term) (term.Term, bool) {
	i, ok := n.Int64()
	if !ok || !t.IsTuple() || i < 1 || i > int64(t.Arity()) {
		return fail()
	}
	return t.Element(int(i))
}

func bifHd(t term.Term) (term.Term, bool) {
	if !t.IsList() || t.IsNil() {
		return fail()
	}
	return t.Head()
}

func bifTl(t term.Term) (term.Term, bool) {
	if !t.IsList() || t.IsNil() {
		return fail()
	}
	return t.TailOf()
}

func bifLength(t term.Term) (term.Term, bool) {
	if !t.IsProperList() {
		return fail()
	}
	return term.Int(int64(t.Len())), true
}

func bifSize(t term.Term) (term.Term, bool) {
	if !t.IsTuple() && !t.IsBinary() {
		return fail()
	}
	return term.Int(int64(t.Len())), true
}

func bifByteSize(t term.Term) (term.Term, bool) {
	if !t.IsBinary() {
		return fail()
	}
	return term.Int(int64(t.Len())), true
}

func bifBitSize(t term.Term) (term.Term, bool) {
	if !t.IsBinary() {
		return fail()
	}
	return term.Int(8 * int64(t.Len())), true
}

func bifBinaryPart2(b, pos term.Term) (term.Term, bool) {
	if pos.Arity() != 2 {
		return fail()
	}
	return bifBinaryPart3(b, pos.Elements()[0], pos.Elements()[1])
}

func bifBinaryPart3(b, start, length term.Term) (term.Term, bool) {
	s, ok := b.BinaryValue()
	st, ok1 := start.Int64()
	ln, ok2 := length.Int64()
	if !ok || !ok1 || !ok2 {
		return fail()
	}
	if ln < 0 {
		st, ln = st+ln, -ln
	}
	if st < 0 || ln < 0 || st > int64(len(s)) || ln > int64(len(s))-st {
		return fail()
	}
	return term.BinaryString(s[st : st+ln]), true
}

func bifNot(a term.Term) (term.Term, bool) {
	if !a.IsBoolean() {
		return fail()
	}
	return term.Bool(!isTrue(a)), true
}

func bifXor(a, b term.Term) (term.Term, bool) {
	if !a.IsBoolean() || !b.IsBoolean() {
		return fail()
	}
	return term.Bool(isTrue(a) != isTrue(b)), true
}

// NodeName is what node/0 returns in a match specification, and node/1 for
// a pid, port or reference of this node: Erlang's name for a node that is
// not distributed.
var NodeName = term.Atom("nonode@nohost")

// SelfPid is what {self} returns in a match specification run by etsql:
// a fixed pid, <0.0.0> on node nonode@nohost, standing for "the process
// running the match" (Go has no Erlang processes).
var SelfPid = func() term.Term {
	ext := []byte{88, 119, 13}
	ext = append(ext, "nonode@nohost"...)
	ext = append(ext, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	t, _ := term.Opaque(term.KindPid, ext)
	return t
}()

func bifNode(t term.Term) (term.Term, bool) {
	switch t.Kind() {
	case term.KindPid, term.KindPort, term.KindReference:
		ext, _ := t.OpaqueExt()
		if node, _, ok := splitNodeAtom(ext); ok {
			return term.Atom(node), true
		}
		return NodeName, true
	}
	return fail()
}
