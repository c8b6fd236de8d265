package planner

import (
	"strconv"
	"strings"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// This file lowers SQL predicates on one table into match specification
// guards. A predicate p is lowered to two guards: T(p), true exactly when
// p is TRUE, and F(p), true exactly when p is FALSE; a NULL makes both
// false. Then NOT p is (F(p), T(p)), and AND and OR combine as
// T(a AND b) = T(a) andalso T(b), F(a AND b) = F(a) orelse F(b), so
// three-valued logic survives lowering. Only comparisons whose match
// specification meaning is exactly SQLite's are lowered; everything else
// stays in the residual filter, which runs after the match.

var (
	atomTrue  = term.Atom("true")
	atomFalse = term.Atom("false")
	atomUndef = term.Atom("undefined")
	// paramMarker and cmpMarker stand in a match specification template
	// for what a placeholder's value decides at execution.
	paramMarker = term.Atom("$etsql_param")
	cmpMarker   = term.Atom("$etsql_cmp")
)

func call(name string, args ...term.Term) term.Term {
	return term.Tuple(append([]term.Term{term.Atom(name)}, args...)...)
}

// andalso and orelse build guards, folding the constants true and false:
// andalso(true, G) is G, orelse(true, G) is true.
func andalso(a, b term.Term) term.Term { return junction("andalso", atomFalse, atomTrue, a, b) }

func orelse(a, b term.Term) term.Term { return junction("orelse", atomTrue, atomFalse, a, b) }

// junction builds {op, a, b} for andalso or orelse, whose result is zero
// when either operand is zero and the other operand when one is unit.
func junction(op string, zero, unit, a, b term.Term) term.Term {
	switch {
	case term.ExactEqual(a, zero) || term.ExactEqual(b, zero):
		return zero
	case term.ExactEqual(a, unit):
		return b
	case term.ExactEqual(b, unit):
		return a
	}
	return call(op, a, b)
}

// guardConst writes a constant for use in a guard: tuples and lists must
// be wrapped in {const, C}.
func guardConst(v term.Term) term.Term {
	if v.IsTuple() || v.IsList() || v.IsMap() {
		return term.Tuple(term.Atom("const"), v)
	}
	return v
}

var erlOps = map[parser.BinaryOp]string{
	parser.OpEq: "==", parser.OpNe: "/=", parser.OpLt: "<", parser.OpLe: "=<", parser.OpGt: ">", parser.OpGe: ">=",
}

var negatedOp = map[parser.BinaryOp]parser.BinaryOp{
	parser.OpEq: parser.OpNe, parser.OpNe: parser.OpEq, parser.OpLt: parser.OpGe,
	parser.OpGe: parser.OpLt, parser.OpGt: parser.OpLe, parser.OpLe: parser.OpGt,
}

var flippedOp = map[parser.BinaryOp]parser.BinaryOp{
	parser.OpEq: parser.OpEq, parser.OpNe: parser.OpNe, parser.OpLt: parser.OpGt,
	parser.OpGt: parser.OpLt, parser.OpLe: parser.OpGe, parser.OpGe: parser.OpLe,
}

// typeTest is the guard that a column of type typ holds a non-NULL
// value of its type, or "" when the type has none we lower.
func typeTest(typ schema.Type) string {
	switch typ {
	case schema.Int, schema.Float:
		return "is_number"
	case schema.Text:
		return "is_binary"
	case schema.Date, schema.Timestamp:
		return "is_tuple"
	}
	return ""
}

// compareGuard lowers "column op value" for a constant value (a literal, or
// a placeholder's value at execution). ok is false when the comparison has
// no exact match specification form; then it must run in the residual.
//
// Example: price > 10 on a FLOAT column gives
//
//	T = {'andalso', {is_number,'$6'}, {'>','$6',10}}
//	F = {'andalso', {is_number,'$6'}, {'=<','$6',10}}
//
// so a NULL price (the atom undefined, above every number in term order)
// matches neither.
func compareGuard(op parser.BinaryOp, v term.Term, typ schema.Type, val term.Term) (t, f term.Term, ok bool) {
	if isNull(val) {
		return atomFalse, atomFalse, true
	}
	switch typeAffinity(typ) {
	case affNumeric:
		val = toNumericAffinity(val)
	case affText:
		val = toTextAffinity(val)
	}
	if typ == schema.Bool {
		return boolGuard(op, v, val)
	}
	test := typeTest(typ)
	if test == "" {
		return term.Term{}, term.Term{}, false
	}
	switch typ {
	case schema.Int, schema.Float:
		if val.IsBinary() { // text sorts after every number
			holds := cmpHolds(op, -1)
			return boolGuardOf(call(test, v), holds), boolGuardOf(call(test, v), !holds), true
		}
		if val.IsBoolean() {
			val = number(val)
		}
		if !val.IsNumber() {
			return term.Term{}, term.Term{}, false
		}
	case schema.Text:
		if !val.IsBinary() {
			return term.Term{}, term.Term{}, false
		}
	case schema.Date, schema.Timestamp:
		tv, ok := temporalConst(typ, val)
		if !ok {
			return term.Term{}, term.Term{}, false
		}
		val = tv
	}
	c := guardConst(val)
	t = andalso(call(test, v), call(erlOps[op], v, c))
	f = andalso(call(test, v), call(erlOps[negatedOp[op]], v, c))
	return t, f, true
}

// temporalConst converts a value compared with a DATE or TIMESTAMP column
// of type typ to a term of the column's type that orders against the
// column's values in term order as SQL orders them, if there is one.
//
// Text must be the canonical ISO text of a value of the type: '1997-01-01'
// for a DATE column becomes {1997,1,1}; '1997-1-1' compares as text
// (SQLite's rule) and has no such term. A date or timestamp compares as a
// point in time, a DATE being its midnight: TIMESTAMP '1997-01-01
// 00:00:00' against a DATE column becomes {1997,1,1}, a DATE against a
// TIMESTAMP column becomes {{1997,1,1},{0,0,0}}; a timestamp with a time
// of day against a DATE column has none (the residual compares it).
func temporalConst(typ schema.Type, v term.Term) (term.Term, bool) {
	s, isText := v.BinaryValue()
	if !isText {
		if _, isTemporal := temporalText(v); !isTemporal {
			return term.Term{}, false
		}
		tv, err := typ.Coerce(v)
		return tv, err == nil
	}
	tv, err := typ.Coerce(term.BinaryString(s))
	if err != nil {
		return term.Term{}, false
	}
	if back, _ := temporalText(tv); back != s {
		return term.Term{}, false // not canonical text: compare as text in the residual
	}
	return tv, true
}

func boolGuardOf(test term.Term, holds bool) term.Term {
	if holds {
		return test
	}
	return atomFalse
}

// boolGuard lowers a comparison on a BOOL column (true and false are 1
// and 0 to SQL) by testing which of the two values satisfy it.
func boolGuard(op parser.BinaryOp, v, val term.Term) (t, f term.Term, ok bool) {
	t, f = atomFalse, atomFalse
	for _, b := range []bool{true, false} {
		holds, _ := truth(compareOp(op, boolTerm(b), val, affNumeric, affNone))
		g := call("=:=", v, term.Bool(b))
		if holds {
			t = orelse(t, g)
		} else {
			f = orelse(f, g)
		}
	}
	return t, f, true
}

// lowerer lowers the predicates of one table access.
type lowerer struct {
	p      *planner
	sc     *scope
	src    int // the table's source index in sc
	tab    *schema.Table
	offset int          // scope index of the table's first column
	used   map[int]bool // columns referenced by guards (0-based)
	params bool         // a guard depends on a placeholder
}

// colOf returns the table column an expression names, if it is a plain
// reference to one.
func (l *lowerer) colOf(e parser.Expr) (int, bool) {
	ref, ok := e.(*parser.ColumnRef)
	if !ok {
		return 0, false
	}
	r, err := l.sc.resolve(ref)
	if err != nil || r.depth != 0 || r.col.src != l.src {
		return 0, false
	}
	return r.idx - l.offset, true
}

// schemaCol maps a column of the access (rowid last) to the schema's
// column index (RowIDColumn for rowid).
func (l *lowerer) schemaCol(col int) int {
	if col >= l.tab.NumColumns() {
		return schema.RowIDColumn
	}
	return col
}

func (l *lowerer) colVar(col int) term.Term {
	l.used[col] = true
	return schema.Var(col + 1)
}

// constOf returns the value of a literal, or a placeholder marker.
func (l *lowerer) constOf(e parser.Expr) (val term.Term, param int, ok bool) {
	switch e := e.(type) {
	case *parser.Placeholder:
		return term.Term{}, e.Index, true
	case *parser.UnaryExpr:
		if e.Op != parser.OpNeg {
			return term.Term{}, 0, false
		}
		if v, ok := negatedIntLiteral(e); ok {
			return v, 0, true
		}
		v, _, ok := l.constOf(e.X)
		if !ok || !v.IsValid() || !v.IsNumber() {
			return term.Term{}, 0, false
		}
		return negate(v), 0, true
	case *parser.IntegerLit, *parser.FloatLit, *parser.StringLit, *parser.NullLit, *parser.BoolLit, *parser.TypedLit:
		c, err := l.p.compileExpr(&scope{}, e)
		if err != nil {
			return term.Term{}, 0, false
		}
		v, err := c.eval(nil, nil)
		return v, 0, err == nil
	}
	return term.Term{}, 0, false
}

// lower returns T(e) and F(e), or false when e cannot be lowered exactly.
func (l *lowerer) lower(e parser.Expr) (t, f term.Term, ok bool) {
	switch e := e.(type) {
	case *parser.UnaryExpr:
		if e.Op == parser.OpNot {
			t, f, ok := l.lower(e.X)
			return f, t, ok
		}
	case *parser.BinaryExpr:
		switch e.Op {
		case parser.OpAnd, parser.OpOr:
			lt, lf, ok1 := l.lower(e.L)
			rt, rf, ok2 := l.lower(e.R)
			if !ok1 || !ok2 {
				return term.Term{}, term.Term{}, false
			}
			if e.Op == parser.OpAnd {
				return andalso(lt, rt), orelse(lf, rf), true
			}
			return orelse(lt, rt), andalso(lf, rf), true
		case parser.OpEq, parser.OpNe, parser.OpLt, parser.OpLe, parser.OpGt, parser.OpGe:
			return l.comparison(e.Op, e.L, e.R)
		}
	case *parser.IsNullExpr:
		col, ok := l.colOf(e.X)
		if !ok {
			break
		}
		v := l.colVar(col)
		isN, notN := call("=:=", v, atomUndef), call("=/=", v, atomUndef)
		if e.Not {
			return notN, isN, true
		}
		return isN, notN, true
	case *parser.InListExpr:
		if len(e.List) == 0 || len(e.List) > 64 {
			break
		}
		t, f := atomFalse, atomTrue
		for _, item := range e.List {
			it, jf, ok := l.comparison(parser.OpEq, e.X, item)
			if !ok {
				return term.Term{}, term.Term{}, false
			}
			t, f = orelse(t, it), andalso(f, jf)
		}
		if e.Not {
			return f, t, true
		}
		return t, f, true
	case *parser.BetweenExpr:
		at, af, ok1 := l.comparison(parser.OpGe, e.X, e.Lo)
		bt, bf, ok2 := l.comparison(parser.OpLe, e.X, e.Hi)
		if !ok1 || !ok2 {
			break
		}
		t, f := andalso(at, bt), orelse(af, bf)
		if e.Not {
			return f, t, true
		}
		return t, f, true
	}
	return term.Term{}, term.Term{}, false
}

// comparison lowers "a op b" where one side is a column of the table and
// the other a constant, a placeholder or a column of the same type.
func (l *lowerer) comparison(op parser.BinaryOp, a, b parser.Expr) (t, f term.Term, ok bool) {
	col, isCol := l.colOf(a)
	if !isCol {
		if col, isCol = l.colOf(b); !isCol {
			return term.Term{}, term.Term{}, false
		}
		a, b, op = b, a, flippedOp[op]
	}
	typ := l.tab.Type(l.schemaCol(col))
	if other, ok := l.colOf(b); ok {
		return l.columnPair(op, col, other)
	}
	val, param, ok := l.constOf(b)
	if !ok {
		return term.Term{}, term.Term{}, false
	}
	if param > 0 {
		if bv, ok := l.p.boundExact(param, typ); ok {
			val, param = bv, 0
		} else {
			l.p.noteParam(param, typ)
		}
	}
	v := l.colVar(col)
	if param > 0 {
		l.params = true
		mk := func(o parser.BinaryOp) term.Term {
			return term.Tuple(cmpMarker, term.Int(int64(o)), v, term.Int(int64(typ)), term.Int(int64(param)))
		}
		return mk(op), mk(negatedOp[op]), true
	}
	return compareGuard(op, v, typ, val)
}

// columnPair lowers a comparison of two columns of the same table when
// both hold the same kind of term. A DATE against a TIMESTAMP column runs
// in the residual: their tuples differ in size, so term order does not
// compare the date as its midnight.
func (l *lowerer) columnPair(op parser.BinaryOp, a, b int) (t, f term.Term, ok bool) {
	ta, tb := l.tab.Type(l.schemaCol(a)), l.tab.Type(l.schemaCol(b))
	test := typeTest(ta)
	if test == "" || test != typeTest(tb) || (test == "is_tuple" && ta != tb) {
		return term.Term{}, term.Term{}, false
	}
	va, vb := l.colVar(a), l.colVar(b)
	both := andalso(call(test, va), call(test, vb))
	return andalso(both, call(erlOps[op], va, vb)), andalso(both, call(erlOps[negatedOp[op]], va, vb)), true
}

// instantiate replaces the placeholder markers of a guard template by
// guards for the parameter values; ok is false when a value makes a
// comparison unlowerable (the caller then relies on the residual).
func instantiate(g term.Term, params []term.Term, inGuard bool) (term.Term, bool) {
	if !g.IsTuple() {
		return g, true
	}
	el := g.Elements()
	if len(el) == 5 && el[0].IsAtomNamed("$etsql_cmp") {
		op, _ := el[1].Int64()
		typ, _ := el[3].Int64()
		idx, _ := el[4].Int64()
		if int(idx) > len(params) {
			return term.Term{}, false
		}
		v := el[2]
		if hasMarker(v) {
			var ok bool
			if v, ok = instantiate(v, params, true); !ok {
				return term.Term{}, false
			}
		}
		t, _, ok := compareGuard(parser.BinaryOp(op), v, schema.Type(typ), params[idx-1])
		return t, ok
	}
	if len(el) == 3 && el[0].IsAtomNamed("$etsql_param") {
		idx, _ := el[1].Int64()
		typ, _ := el[2].Int64()
		if int(idx) > len(params) {
			return term.Term{}, false
		}
		v, err := schema.Type(typ).Coerce(params[idx-1])
		if err != nil || isNull(v) {
			return term.Term{}, false
		}
		if inGuard {
			return guardConst(v), true
		}
		return v, true
	}
	if len(el) > 0 && el[0].IsAtomNamed("const") {
		return g, true
	}
	out := make([]term.Term, len(el))
	for i, e := range el {
		var ok bool
		if out[i], ok = instantiate(e, params, inGuard); !ok {
			return term.Term{}, false
		}
	}
	return term.Tuple(out...), true
}

// hasMarker reports whether a template term holds a placeholder marker.
func hasMarker(g term.Term) bool {
	if !g.IsTuple() {
		return false
	}
	el := g.Elements()
	if len(el) > 0 && (el[0].IsAtomNamed("$etsql_cmp") || el[0].IsAtomNamed("$etsql_param")) {
		return true
	}
	for _, e := range el {
		if hasMarker(e) {
			return true
		}
	}
	return false
}

// substVar replaces variable v by the constant c in a guard (used when
// the head fixes the key, so the key variable is not bound). A parameter
// marker is put as is: instantiate wraps its value.
func substVar(g, v, c term.Term) term.Term {
	if term.ExactEqual(g, v) {
		if hasMarker(c) {
			return c
		}
		return guardConst(c)
	}
	if !g.IsTuple() {
		return g
	}
	el := g.Elements()
	if len(el) > 0 && el[0].IsAtomNamed("const") {
		return g
	}
	out := make([]term.Term, len(el))
	for i, e := range el {
		out[i] = substVar(e, v, c)
	}
	return term.Tuple(out...)
}

// splitAnd returns the conjuncts of e: "a AND (b AND c)" gives a, b, c.
// A row value equality is the conjunction of its pairs, with the same
// three-valued result: "(a, b) = (1, 2)" gives a = 1, b = 2 (and IS
// likewise), so that key paths and match specifications see its columns.
func splitAnd(e parser.Expr, out []parser.Expr) []parser.Expr {
	if e == nil {
		return out
	}
	b, ok := e.(*parser.BinaryExpr)
	if ok && b.Op == parser.OpAnd {
		return splitAnd(b.R, splitAnd(b.L, out))
	}
	if ok && (b.Op == parser.OpEq || b.Op == parser.OpIs) {
		if pairs := rowPairs(b); pairs != nil {
			return append(out, pairs...)
		}
	}
	return append(out, e)
}

// rowPairs returns "l1 op r1", "l2 op r2", ... for a comparison b of two
// row values of the same length whose elements are plain operands (no
// row values or subqueries: those keep SQLite's errors and rules), else
// nil.
func rowPairs(b *parser.BinaryExpr) []parser.Expr {
	l, ok1 := b.L.(*parser.RowExpr)
	r, ok2 := b.R.(*parser.RowExpr)
	if !ok1 || !ok2 || len(l.Elems) != len(r.Elems) {
		return nil
	}
	pairs := make([]parser.Expr, len(l.Elems))
	for i := range l.Elems {
		if !plainOperand(l.Elems[i]) || !plainOperand(r.Elems[i]) {
			return nil
		}
		pairs[i] = &parser.BinaryExpr{Pos: l.Elems[i].Position(), OpPos: b.OpPos, Op: b.Op, L: l.Elems[i], R: r.Elems[i]}
	}
	return pairs
}

// plainOperand reports whether e holds no row value and no subquery.
func plainOperand(e parser.Expr) bool {
	plain := true
	parser.Inspect(e, func(n parser.Node) bool {
		switch n.(type) {
		case *parser.RowExpr, *parser.SelectStmt, *parser.SubqueryExpr:
			plain = false
		}
		return plain
	})
	return plain
}

// joinAnd is the inverse of splitAnd, for printing.
func joinAnd(es []parser.Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = parser.Format(e)
		if b, ok := e.(*parser.BinaryExpr); ok && b.Op == parser.OpOr && len(es) > 1 {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, " AND ")
}

// displayTemplate shows a specification template with its placeholders
// as atoms '?1', '?2', ...: {'$etsql_cmp', >, '$4', FLOAT, 1} prints as
// {'andalso',{is_number,'$4'},{'>','$4','?1'}}.
func displayTemplate(g term.Term) term.Term {
	if !g.IsTuple() {
		return g
	}
	el := g.Elements()
	if len(el) == 5 && el[0].IsAtomNamed("$etsql_cmp") {
		op, _ := el[1].Int64()
		typ, _ := el[3].Int64()
		idx, _ := el[4].Int64()
		v := displayTemplate(el[2])
		cmp := call(erlOps[parser.BinaryOp(op)], v, term.Atom("?"+strconv.FormatInt(idx, 10)))
		if test := typeTest(schema.Type(typ)); test != "" {
			return andalso(call(test, v), cmp)
		}
		return cmp
	}
	if len(el) == 3 && el[0].IsAtomNamed("$etsql_param") {
		idx, _ := el[1].Int64()
		return term.Atom("?" + strconv.FormatInt(idx, 10))
	}
	out := make([]term.Term, len(el))
	for i, e := range el {
		out[i] = displayTemplate(e)
	}
	return term.Tuple(out...)
}
