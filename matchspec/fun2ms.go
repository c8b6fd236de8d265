package matchspec

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/etsql/etsql/term"
)

// FunError is a fun that ets:fun2ms cannot translate into a match
// specification: where (the line and column ms_transform reports) and
// ms_transform's message, e.g. "the variable X is unbound, cannot
// translate into match_spec". It unwraps to ErrFun2MS.
type FunError struct {
	Pos term.Position
	Msg string
}

// Error returns "line:col: message".
func (e *FunError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg) }

// Unwrap returns ErrFun2MS.
func (e *FunError) Unwrap() error { return ErrFun2MS }

// TransformCrash is the message of a FunError for a fun whose translation
// is not a term: a head such as {X + 1}, {foo(X)} or {- -1}, or a binary
// built from variables. OTP's ms_transform fails on it with an exception
// (function_clause in normalise/1), not with a message of its own.
const TransformCrash = "the translation is not a term (illegal pattern or binary)"

// FromFun translates the text of an Erlang fun, `fun(Pattern) when Guard
// -> Body; ... end` (a final '.' allowed), into the match specification
// ets:fun2ms returns for it in the Erlang shell, as OTP 25's ms_transform
// translates it:
//
//	FromFun(`fun({K, V}) when V > 10 -> K end`, nil)
//	// [{{'$1','$2'},[{'>','$2',10}],['$1']}]
//
// Head variables become '$1', '$2', ... in order of first appearance, and
// a variable matched with the whole parameter (X = {A, B}) becomes '$_';
// a clause with alternative guards (G1; G2) becomes one clause per guard;
// tuples in guards and bodies become {{...}}; atoms beginning with $ and
// the values of bound variables become {const, Term}; operations on
// constants are computed (1 + 2 gives 3, as erl_eval:partial_eval/1
// does); object() and bindings() become '$_' and '$*'; old guard tests
// (integer(X)) become their is_ forms; erlang:F(...) is F(...).
//
// bindings holds the variables bound outside the fun, as the shell's
// bindings (nil for none). A fun ms_transform rejects gives a *FunError
// with its message and position (errors.Is(err, ErrFun2MS)); text that
// is not a fun gives a *term.SyntaxError (errors.Is(err, ErrSyntax)).
// Records are unknown (as in a shell without rd/2), so record syntax is
// rejected as ms_transform rejects an unknown record; a binary built from
// variables bound outside the fun (<<X>>) is refused with TransformCrash,
// where OTP builds it.
func FromFun(text string, bindings map[string]term.Term) (term.Term, error) {
	funPos, clauses, err := parseFunText(text)
	if err != nil {
		return term.Term{}, err
	}
	tr := &fun2ms{outer: bindings}
	var out []term.Term
	for _, c := range expandGuards(clauses) {
		t, err := tr.clause(c)
		if err != nil {
			return term.Term{}, err
		}
		out = append(out, t)
	}
	if tr.unbound != nil {
		return term.Term{}, tr.unbound
	}
	if tr.crash {
		return term.Term{}, &FunError{Pos: funPos, Msg: TransformCrash}
	}
	return term.List(out...), nil
}

// expandGuards turns a clause with alternative guards into one clause per
// guard, as ms_transform does.
func expandGuards(clauses []funClause) []funClause {
	var out []funClause
	for _, c := range clauses {
		if len(c.guards) < 2 {
			out = append(out, c)
			continue
		}
		for _, g := range c.guards {
			d := c
			d.guards = [][]funNode{g}
			out = append(out, d)
		}
	}
	return out
}

// fun2ms is the state of one translation.
type fun2ms struct {
	outer   map[string]term.Term // variables bound outside the fun
	heads   map[string]term.Term // the clause's head variables: '$N', '$_' or '_'
	next    int                  // the number of the next head variable
	body    bool                 // translating a body, not a guard
	unbound *FunError            // the first unbound variable, reported last
	crash   bool                 // the translation is not a term (TransformCrash)
}

func (tr *fun2ms) fail(pos term.Position, format string, args ...any) error {
	return &FunError{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// where names the part translated in messages: "guard" or "body".
func (tr *fun2ms) where() string {
	if tr.body {
		return "body"
	}
	return "guard"
}

func (tr *fun2ms) clause(c funClause) (term.Term, error) {
	if !singleParameter(c.params) {
		return term.Term{}, tr.fail(c.pos, "ets:fun2ms requires fun with single variable or tuple parameter")
	}
	tr.heads = map[string]term.Term{"_": term.Atom("_")}
	tr.next = 1
	param := c.params[0]
	if m, ok := param.(*matchNode); ok {
		if v, ok := m.left.(*varNode); ok {
			tr.heads[v.name], param = term.Atom("$_"), m.right
		} else if v, ok := m.right.(*varNode); ok {
			tr.heads[v.name], param = term.Atom("$_"), m.left
		}
	}
	head, err := tr.head(param)
	if err != nil {
		return term.Term{}, err
	}
	var guards []term.Term
	if len(c.guards) == 1 {
		tr.body = false
		for _, g := range c.guards[0] {
			t, err := tr.expr(oldGuardTest(g))
			if err != nil {
				return term.Term{}, err
			}
			guards = append(guards, t)
		}
	}
	tr.body = true
	body := make([]term.Term, 0, len(c.body))
	for _, b := range c.body {
		t, err := tr.expr(b)
		if err != nil {
			return term.Term{}, err
		}
		body = append(body, t)
	}
	return term.Tuple(head, term.List(guards...), term.List(body...)), nil
}

// singleParameter reports whether params is what ets:fun2ms accepts: one
// variable, tuple or record, possibly matched with a variable.
func singleParameter(params []funNode) bool {
	if len(params) != 1 {
		return false
	}
	switch p := params[0].(type) {
	case *varNode, *tupleNode:
		return true
	case *recordNode:
		return p.base == nil && !p.access
	case *matchNode:
		if _, ok := p.left.(*varNode); ok {
			return singleParameter([]funNode{p.right})
		}
		if _, ok := p.right.(*varNode); ok {
			return singleParameter([]funNode{p.left})
		}
	}
	return false
}

// oldGuardTests are the guard tests of old Erlang and their new names.
var oldGuardTests = map[string]string{
	"atom/1": "is_atom", "float/1": "is_float", "integer/1": "is_integer",
	"list/1": "is_list", "number/1": "is_number", "pid/1": "is_pid",
	"port/1": "is_port", "reference/1": "is_reference", "tuple/1": "is_tuple",
	"binary/1": "is_binary", "function/1": "is_function", "record/2": "is_record",
}

// oldGuardTest renames an old guard test at the top of a guard.
func oldGuardTest(g funNode) funNode {
	c, ok := g.(*callNode)
	if !ok || c.module != nil {
		return g
	}
	name, ok := atomLit(c.fun)
	if !ok {
		return g
	}
	if renamed, ok := oldGuardTests[name+"/"+strconv.Itoa(len(c.args))]; ok {
		d := *c
		d.fun = &litNode{nodePos{c.fun.position()}, term.Atom(renamed), false}
		return &d
	}
	return g
}

// atomLit returns the name of an atom literal.
func atomLit(n funNode) (string, bool) {
	l, ok := n.(*litNode)
	if !ok {
		return "", false
	}
	return l.val.AtomName()
}

// head translates the head pattern.
func (tr *fun2ms) head(n funNode) (term.Term, error) {
	switch n := n.(type) {
	case *litNode:
		if name, ok := n.val.AtomName(); ok && reservedHeadAtom(name) {
			return term.Term{}, tr.fail(n.pos, "fun head contains atom %s, which conflics with reserved atoms in match_spec heads", term.FormatW(n.val))
		}
		return n.val, nil
	case *nilNode:
		return term.Nil, nil
	case *varNode:
		if v, ok := tr.heads[n.name]; ok {
			return v, nil
		}
		v := term.Atom("$" + strconv.Itoa(tr.next))
		tr.next++
		tr.heads[n.name] = v
		return v, nil
	case *tupleNode:
		elems, err := tr.heads2(n.elems...)
		return term.Tuple(elems...), err
	case *consNode:
		return buildList(n, tr.head)
	case *mapNode:
		return tr.headMap(n)
	case *matchNode:
		return term.Term{}, tr.fail(n.pos, "in fun head, only matching (=) on toplevel can be translated into match_spec")
	case *opNode:
		return tr.headOp(n)
	case *recordNode:
		return tr.headRecord(n)
	case *binNode:
		for _, seg := range n.segs {
			if v, ok := seg.value.(*varNode); ok {
				return term.Term{}, tr.fail(v.pos, "fun head contains bit syntax matching of variable %s, which cannot be translated into match_spec", term.FormatW(term.Atom(v.name)))
			}
			if _, err := tr.heads2(seg.value); err != nil {
				return term.Term{}, err
			}
			if seg.size != nil {
				if _, err := tr.heads2(seg.size); err != nil {
					return term.Term{}, err
				}
			}
		}
	case *callNode:
		parts := []funNode{n.module, n.fun}
		if n.module == nil {
			parts = parts[1:]
		}
		if _, err := tr.heads2(append(parts, n.args...)...); err != nil {
			return term.Term{}, err
		}
	}
	tr.crash = true
	return term.Nil, nil
}

// heads2 translates head patterns in order.
func (tr *fun2ms) heads2(ns ...funNode) ([]term.Term, error) {
	out := make([]term.Term, len(ns))
	for i, n := range ns {
		t, err := tr.head(n)
		if err != nil {
			return nil, err
		}
		out[i] = t
	}
	return out, nil
}

// reservedHeadAtom reports whether an atom is '$N' (N an integer, a sign
// allowed, as list_to_integer/1 reads it).
func reservedHeadAtom(name string) bool {
	digits, ok := strings.CutPrefix(name, "$")
	if !ok {
		return false
	}
	digits = strings.TrimLeft(digits[:min(len(digits), 1)], "+-") + digits[min(len(digits), 1):]
	if digits == "" {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func (tr *fun2ms) headMap(n *mapNode) (term.Term, error) {
	if n.base != nil {
		if _, err := tr.head(n.base); err != nil {
			return term.Term{}, err
		}
	}
	pairs := make([]term.MapPair, len(n.fields))
	for i, f := range n.fields {
		kv, err := tr.heads2(f.key, f.value)
		if err != nil {
			return term.Term{}, err
		}
		pairs[i] = term.MapPair{Key: kv[0], Value: kv[1]}
	}
	if n.base != nil {
		tr.crash = true
	}
	return term.Map(pairs...), nil
}

// headOp translates an operator in a head: its operands are translated,
// and only what ms_transform's normalise/1 evaluates is a term: a sign
// on a number literal, and ++ of a proper list.
func (tr *fun2ms) headOp(n *opNode) (term.Term, error) {
	ops := []funNode{n.left}
	if n.right != nil {
		ops = append(ops, n.right)
	}
	ts, err := tr.heads2(ops...)
	if err != nil {
		return term.Term{}, err
	}
	if l, ok := n.left.(*litNode); ok && n.right == nil && !l.isString && l.val.IsNumber() {
		switch n.op {
		case "+":
			return l.val, nil
		case "-":
			if v, ok := arithNeg(l.val); ok {
				return v, nil
			}
		}
	}
	if n.op == "++" && n.right != nil {
		if v, ok := appendLists(ts[0], ts[1]); ok {
			return v, nil
		}
	}
	tr.crash = true
	return term.Nil, nil
}

func (tr *fun2ms) headRecord(n *recordNode) (term.Term, error) {
	if n.base != nil {
		if _, err := tr.head(n.base); err != nil {
			return term.Term{}, err
		}
	}
	for _, f := range n.fields {
		if _, err := tr.head(f.value); err != nil {
			return term.Term{}, err
		}
	}
	if n.base != nil || n.access {
		tr.crash = true
		return term.Nil, nil
	}
	return term.Term{}, tr.fail(n.pos, "fun head contains unknown record type %s", term.FormatW(term.Atom(n.name)))
}

// expr translates a guard or body expression.
func (tr *fun2ms) expr(n funNode) (term.Term, error) {
	switch n := n.(type) {
	case *litNode:
		if name, ok := n.val.AtomName(); ok && strings.HasPrefix(name, "$") {
			return term.Tuple(atomConst, n.val), nil
		}
		return n.val, nil
	case *nilNode:
		return term.Nil, nil
	case *varNode:
		return tr.variable(n), nil
	case *tupleNode:
		elems, err := tr.exprs(n.elems...)
		return term.Tuple(term.Tuple(elems...)), err
	case *consNode:
		return buildList(n, tr.expr)
	case *mapNode:
		return tr.exprMap(n)
	case *matchNode:
		if tr.body {
			return term.Term{}, tr.fail(n.pos, "fun with body matching ('=' in body) is illegal as match_spec")
		}
		return term.Term{}, tr.fail(n.pos, "fun with guard matching ('=' in guard) is illegal as match_spec as well")
	case *opNode:
		return tr.op(n)
	case *callNode:
		return tr.call(n)
	case *recordNode:
		return tr.record(n)
	case *binNode:
		return tr.binary(n)
	case *elementNode:
		return term.Term{}, tr.languageElement(n.pos, n.element)
	}
	return term.Term{}, tr.languageElement(n.position(), "unknown")
}

func (tr *fun2ms) languageElement(pos term.Position, element string) error {
	return tr.fail(pos, "the language element %s (in %s) cannot be translated into match_spec", element, tr.where())
}

var (
	atomConst = term.Atom("const")
	atomAll   = term.Atom("$_")
	atomStar  = term.Atom("$*")
)

// exprs translates expressions in order.
func (tr *fun2ms) exprs(ns ...funNode) ([]term.Term, error) {
	out := make([]term.Term, len(ns))
	for i, n := range ns {
		t, err := tr.expr(n)
		if err != nil {
			return nil, err
		}
		out[i] = t
	}
	return out, nil
}

// variable translates a variable: a head variable's atom, a bound
// variable's {const, Value}, or (an unbound variable) an error kept for
// the end, as ms_transform reports it after the rest.
func (tr *fun2ms) variable(n *varNode) term.Term {
	if v, ok := tr.heads[n.name]; ok {
		return v
	}
	if v, ok := tr.outer[n.name]; ok {
		return term.Tuple(atomConst, v)
	}
	if tr.unbound == nil {
		tr.unbound = &FunError{Pos: n.pos, Msg: fmt.Sprintf("the variable %s is unbound, cannot translate into match_spec", n.name)}
	}
	return term.Nil
}

func (tr *fun2ms) exprMap(n *mapNode) (term.Term, error) {
	if n.base != nil {
		return term.Term{}, tr.languageElement(n.pos, "map")
	}
	pairs := make([]term.MapPair, len(n.fields))
	for i, f := range n.fields {
		if f.exact {
			return term.Term{}, tr.languageElement(f.pos, "map_field_exact")
		}
		kv, err := tr.exprs(f.key, f.value)
		if err != nil {
			return term.Term{}, err
		}
		pairs[i] = term.MapPair{Key: kv[0], Value: kv[1]}
	}
	return term.Map(pairs...), nil
}

// op translates an operator: computed when its operands are constants
// and the result is a number or an atom, else {Op, A[, B]}.
func (tr *fun2ms) op(n *opNode) (term.Term, error) {
	if v, ok := constValue(n, 0); ok && (v.IsNumber() || v.IsAtom()) {
		return v, nil
	}
	ops := []funNode{n.left}
	if n.right != nil {
		ops = append(ops, n.right)
	}
	args, err := tr.exprs(ops...)
	if err != nil {
		return term.Term{}, err
	}
	return term.Tuple(append([]term.Term{term.Atom(n.op)}, args...)...), nil
}

func (tr *fun2ms) call(n *callNode) (term.Term, error) {
	name, ok := atomLit(n.fun)
	if !ok {
		return term.Term{}, tr.languageElement(n.pos, "call")
	}
	if n.module != nil {
		mod, ok := atomLit(n.module)
		if !ok {
			return term.Term{}, tr.languageElement(n.pos, "call")
		}
		if mod != "erlang" || !importedFromErlang(name, len(n.args)) {
			return term.Term{}, tr.fail(n.pos, "fun containing the remote function call '%s:%s/%d' (called in %s) cannot be translated into match_spec",
				term.FormatW(term.Atom(mod)), term.FormatW(term.Atom(name)), len(n.args), tr.where())
		}
		if isOperator(name, len(n.args)) {
			op := &opNode{nodePos{n.fun.position()}, name, n.args[0], nil}
			if len(n.args) == 2 {
				op.right = n.args[1]
			}
			return tr.op(op)
		}
	}
	switch {
	case name == "bindings" && len(n.args) == 0:
		return atomStar, nil
	case name == "object" && len(n.args) == 0:
		return atomAll, nil
	case name == "is_record" && len(n.args) == 2:
		if rec, ok := n.args[1].(*litNode); ok && rec.val.IsAtom() {
			if _, err := tr.expr(n.args[0]); err != nil {
				return term.Term{}, err
			}
			return term.Term{}, tr.unknownRecord(rec.pos, rec.val)
		}
	}
	if !msFunction(name, len(n.args), tr.body) {
		return term.Term{}, tr.fail(n.pos, "fun containing the local function call '%s/%d' (called in %s) cannot be translated into match_spec",
			term.FormatW(term.Atom(name)), len(n.args), tr.where())
	}
	args, err := tr.exprs(n.args...)
	if err != nil {
		return term.Term{}, err
	}
	return term.Tuple(append([]term.Term{term.Atom(name)}, args...)...), nil
}

func (tr *fun2ms) unknownRecord(pos term.Position, name term.Term) error {
	return tr.fail(pos, "fun %s contains unknown record type %s", tr.where(), term.FormatW(name))
}

// record rejects record syntax as ms_transform rejects a record it does
// not know, after translating what it translates first.
func (tr *fun2ms) record(n *recordNode) (term.Term, error) {
	name := term.Atom(n.name)
	if n.access {
		return term.Term{}, tr.unknownRecord(n.pos, name)
	}
	if n.base != nil {
		v, ok := n.base.(*varNode)
		if !ok {
			return term.Term{}, tr.languageElement(n.pos, "record")
		}
		tr.variable(v)
	}
	for _, f := range n.fields {
		if n.base != nil && f.name == "_" {
			return term.Term{}, tr.fail(n.pos, "Unknown error code 7")
		}
		if _, err := tr.expr(f.value); err != nil {
			return term.Term{}, err
		}
	}
	return term.Term{}, tr.unknownRecord(n.pos, name)
}

// binary translates a binary that is not a literal: ms_transform refuses
// a head variable as a segment's value and lets erl_eval build the rest
// once bound variables are replaced; building it is not supported here,
// so it is reported as ms_transform's failure to build it.
func (tr *fun2ms) binary(n *binNode) (term.Term, error) {
	for _, seg := range n.segs {
		if v, ok := seg.value.(*varNode); ok {
			if _, head := tr.heads[v.name]; head {
				return term.Term{}, tr.fail(v.pos, "bit syntax construction with variable %s (in %s) cannot be translated into match_spec", term.FormatW(term.Atom(v.name)), tr.where())
			}
			tr.variable(v)
			continue
		}
		if _, err := tr.expr(seg.value); err != nil {
			return term.Term{}, err
		}
		if seg.size != nil {
			if _, err := tr.expr(seg.size); err != nil {
				return term.Term{}, err
			}
		}
	}
	tr.crash = true
	return term.Nil, nil
}

// buildList translates a chain of cons cells, heads first, then the
// tail, without recursing on the tail.
func buildList(n *consNode, translate func(funNode) (term.Term, error)) (term.Term, error) {
	var elems []term.Term
	var rest funNode = n
	for {
		c, ok := rest.(*consNode)
		if !ok {
			break
		}
		h, err := translate(c.head)
		if err != nil {
			return term.Term{}, err
		}
		elems = append(elems, h)
		rest = c.tail
	}
	tail, err := translate(rest)
	if err != nil {
		return term.Term{}, err
	}
	return term.ImproperList(elems, tail), nil
}

// appendLists returns a ++ b; false when a is not a proper list.
func appendLists(a, b term.Term) (term.Term, bool) {
	if !a.IsProperList() {
		return term.Term{}, false
	}
	elems, _ := a.ListParts()
	return term.ImproperList(elems, b), true
}
