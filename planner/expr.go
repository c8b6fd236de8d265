package planner

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// affinity is SQLite's column affinity, as far as comparisons need it.
type affinity int

const (
	affNone affinity = iota
	affNumeric
	affText
)

func typeAffinity(t schema.Type) affinity {
	switch t {
	case schema.Int, schema.Float, schema.Bool:
		return affNumeric
	case schema.Text, schema.Date, schema.Timestamp:
		return affText
	}
	return affNone
}

// compiled is an expression ready to run, with what the planner knows of
// it statically.
type compiled struct {
	eval evalFn
	typ  schema.Type // 0: unknown or varies
	aff  affinity
	slot int // a column of the current row, read as it is: its index + 1; 0 for other expressions
}

// compileExpr turns an expression into a function over rows of sc.
func (p *planner) compileExpr(sc *scope, e parser.Expr) (compiled, error) {
	if p.depth++; p.depth > 400 {
		return compiled{}, errorf(ErrMisuse, e.Position(), "expression nested too deeply")
	}
	defer func() { p.depth-- }()
	switch e := e.(type) {
	case *parser.IntegerLit:
		v, err := intLiteral(e)
		return compiled{eval: constFn(v), typ: schema.Int}, err
	case *parser.FloatLit:
		f, err := strconv.ParseFloat(e.Text, 64)
		if err != nil {
			return compiled{}, errorf(ErrMisuse, e.Pos, "bad number %s", e.Text)
		}
		return compiled{eval: constFn(term.Float(f)), typ: schema.Float}, nil
	case *parser.StringLit:
		return compiled{eval: constFn(term.BinaryString(e.Value)), typ: schema.Text}, nil
	case *parser.BoolLit:
		return compiled{eval: constFn(boolTerm(e.Value)), typ: schema.Int}, nil
	case *parser.NullLit:
		return compiled{eval: constFn(null)}, nil
	case *parser.TypedLit:
		return typedLiteral(e)
	case *parser.ColumnRef:
		return p.columnRef(sc, e)
	case *parser.Placeholder:
		idx := e.Index
		if idx > p.nparams {
			p.nparams = idx
		}
		return compiled{eval: func(c *evalCtx, _ []term.Term) (term.Term, error) { return c.param(idx) }}, nil
	case *parser.UnaryExpr:
		return p.unary(sc, e)
	case *parser.BinaryExpr:
		return p.binary(sc, e)
	case *parser.InListExpr:
		if isRow(e.X) {
			return p.rowInList(sc, e)
		}
		return p.inList(sc, e)
	case *parser.InSubqueryExpr:
		if isRow(e.X) {
			return p.rowInSubquery(sc, e)
		}
		return p.inSubquery(sc, e)
	case *parser.RowExpr:
		return compiled{}, errorf(ErrMisuse, e.Pos, "row value misused")
	case *parser.SubqueryExpr:
		return p.scalarSubquery(sc, e)
	case *parser.ExistsExpr:
		return p.exists(sc, e)
	case *parser.BetweenExpr:
		return p.between(sc, e)
	case *parser.LikeExpr:
		return p.like(sc, e)
	case *parser.IsNullExpr:
		x, err := p.compileExpr(sc, e.X)
		if err != nil {
			return compiled{}, err
		}
		not := e.Not
		return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
			v, err := x.eval(c, row)
			return boolTerm(isNull(v) != not), err
		}}, nil
	case *parser.IsBoolExpr:
		x, err := p.compileExpr(sc, e.X)
		if err != nil {
			return compiled{}, err
		}
		not, want := e.Not, e.Value
		return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
			v, err := x.eval(c, row)
			b, known := truth(v)
			return boolTerm((known && b == want) != not), err
		}}, nil
	case *parser.CaseExpr:
		return p.caseExpr(sc, e)
	case *parser.CastExpr:
		return p.cast(sc, e)
	case *parser.FuncCall:
		if strings.EqualFold(string(e.Name), "raise") {
			return p.raise(e)
		}
		return p.call(sc, e)
	}
	return compiled{}, errorf(ErrMisuse, e.Position(), "unsupported expression %s", parser.Format(e))
}

func intLiteral(e *parser.IntegerLit) (term.Term, error) {
	if hex, ok := strings.CutPrefix(strings.ToLower(e.Text), "0x"); ok {
		return hexLiteral(e, hex)
	}
	if i, err := strconv.ParseInt(e.Text, 10, 64); err == nil {
		return term.Int(i), nil
	}
	if f, err := strconv.ParseFloat(e.Text, 64); err == nil {
		return term.Float(f), nil // SQLite reads oversized integers as REAL
	}
	b, ok := new(big.Int).SetString(e.Text, 10)
	if !ok {
		return term.Term{}, errorf(ErrMisuse, e.Pos, "bad number %s", e.Text)
	}
	return term.BigInt(b), nil
}

func typedLiteral(e *parser.TypedLit) (compiled, error) {
	switch e.Type {
	case "DATE":
		v, err := schema.ParseDate(e.Value)
		if err != nil {
			return compiled{}, errorf(schema.ErrBadValue, e.Pos, "bad DATE literal '%s'", e.Value)
		}
		return compiled{eval: constFn(v), typ: schema.Date, aff: affText}, nil
	case "TIMESTAMP":
		v, err := schema.ParseTimestamp(e.Value)
		if err != nil {
			return compiled{}, errorf(schema.ErrBadValue, e.Pos, "bad TIMESTAMP literal '%s'", e.Value)
		}
		return compiled{eval: constFn(v), typ: schema.Timestamp, aff: affText}, nil
	}
	return compiled{eval: constFn(term.BinaryString(e.Value)), typ: schema.Text}, nil
}

func (p *planner) columnRef(sc *scope, e *parser.ColumnRef) (compiled, error) {
	if p.trig.refers(e) {
		return p.trig.compile(e)
	}
	ref, err := sc.resolve(e)
	if err != nil {
		if alias, ok := sc.aliases[strings.ToLower(string(e.Column))]; ok && e.Table == "" {
			return p.compileExpr(sc, alias)
		}
		if now, ok := currentTimeFuncs[strings.ToLower(string(e.Column))]; ok && e.Table == "" {
			return compiled{typ: schema.Text, eval: func(*evalCtx, []term.Term) (term.Term, error) { return now(nil), nil }}, nil
		}
		return compiled{}, err
	}
	c := compiled{typ: ref.col.typ, aff: typeAffinity(ref.col.typ)}
	if c.typ == schema.Any {
		c.typ = 0 // its values' classes vary
	}
	idx, depth := ref.idx, ref.depth
	if depth == 0 {
		c.slot = idx + 1
		c.eval = func(_ *evalCtx, row []term.Term) (term.Term, error) { return row[idx], nil }
	} else {
		c.eval = func(ctx *evalCtx, _ []term.Term) (term.Term, error) {
			return ctx.outer[len(ctx.outer)-depth][idx], nil
		}
	}
	return c, nil
}

func (p *planner) unary(sc *scope, e *parser.UnaryExpr) (compiled, error) {
	x, err := p.compileExpr(sc, e.X)
	if err != nil {
		return compiled{}, err
	}
	switch e.Op {
	case parser.OpNeg:
		if v, ok := negatedIntLiteral(e); ok {
			return compiled{eval: constFn(v), typ: schema.Int}, nil
		}
		return compiled{typ: x.typ, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
			v, err := x.eval(c, row)
			return negate(v), err
		}}, nil
	case parser.OpPlus:
		return compiled{eval: x.eval, typ: x.typ}, nil
	case parser.OpNot:
		return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
			v, err := x.eval(c, row)
			b, known := truth(v)
			if !known {
				return null, err
			}
			return boolTerm(!b), err
		}}, nil
	case parser.OpBitNot:
		return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
			v, err := x.eval(c, row)
			if isNull(v) {
				return null, err
			}
			return term.Int(^toInt64(number(v))), err
		}}, nil
	}
	return compiled{}, errorf(ErrMisuse, e.Pos, "unsupported operator %s", e.Op)
}

func toInt64(n term.Term) int64 {
	if i, ok := n.Int64(); ok {
		return i
	}
	return int64(toFloat(n))
}

func (p *planner) binary(sc *scope, e *parser.BinaryExpr) (compiled, error) {
	if isRow(e.L) || isRow(e.R) {
		return p.rowComparison(sc, e)
	}
	l, err := p.compileExpr(sc, e.L)
	if err != nil {
		return compiled{}, err
	}
	r, err := p.compileExpr(sc, e.R)
	if err != nil {
		return compiled{}, err
	}
	switch e.Op {
	case parser.OpAnd:
		return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
			a, err := l.eval(c, row)
			if err != nil {
				return a, err
			}
			av, ak := truth(a)
			if ak && !av {
				return sqlFalse, nil
			}
			b, err := r.eval(c, row)
			return and3(a, b), err
		}}, nil
	case parser.OpOr:
		return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
			a, err := l.eval(c, row)
			if err != nil {
				return a, err
			}
			av, ak := truth(a)
			if ak && av {
				return sqlTrue, nil
			}
			b, err := r.eval(c, row)
			bv, bk := truth(b)
			switch {
			case bk && bv:
				return sqlTrue, err
			case ak && bk:
				return sqlFalse, err
			}
			return null, err
		}}, nil
	case parser.OpEq, parser.OpNe, parser.OpLt, parser.OpLe, parser.OpGt, parser.OpGe, parser.OpIs, parser.OpIsNot:
		return comparison(e.Op, l, r), nil
	case parser.OpAdd, parser.OpSub, parser.OpMul, parser.OpDiv, parser.OpMod:
		op := "+-*/%"[e.Op-parser.OpAdd]
		typ := schema.Type(0)
		if l.typ == schema.Int && r.typ == schema.Int {
			typ = schema.Int
		} else if (l.typ == schema.Float || l.typ == schema.Int) && (r.typ == schema.Float || r.typ == schema.Int) {
			typ = schema.Float
		}
		return compiled{typ: typ, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
			a, err := l.eval(c, row)
			if err != nil {
				return a, err
			}
			b, err := r.eval(c, row)
			return arith(op, a, b), err
		}}, nil
	case parser.OpConcat:
		return compiled{typ: schema.Text, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
			a, err := l.eval(c, row)
			if err != nil {
				return a, err
			}
			b, err := r.eval(c, row)
			as, aok := text(a)
			bs, bok := text(b)
			if !aok || !bok {
				return null, err
			}
			return term.BinaryString(as + bs), err
		}}, nil
	case parser.OpBitAnd, parser.OpBitOr, parser.OpShl, parser.OpShr:
		op := e.Op
		return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
			a, err := l.eval(c, row)
			if err != nil {
				return a, err
			}
			b, err := r.eval(c, row)
			if isNull(a) || isNull(b) {
				return null, err
			}
			x, y := toInt64(number(a)), toInt64(number(b))
			switch op {
			case parser.OpBitAnd:
				return term.Int(x & y), err
			case parser.OpBitOr:
				return term.Int(x | y), err
			case parser.OpShl:
				return term.Int(shift(x, y)), err
			}
			return term.Int(shift(x, -y)), err
		}}, nil
	}
	return compiled{}, errorf(ErrMisuse, e.OpPos, "unsupported operator %s", e.Op)
}

func shift(x, n int64) int64 {
	switch {
	case n >= 64:
		return 0
	case n >= 0:
		return x << uint(n)
	case n <= -64:
		if x < 0 {
			return -1
		}
		return 0
	}
	return x >> uint(-n)
}

// applyAffinity converts the operands of a comparison as SQLite does: a
// numeric column against text holding a number compares numerically, a
// text column against a number compares as text.
func applyAffinity(a, b term.Term, aa, ba affinity) (term.Term, term.Term) {
	switch {
	case aa == affNumeric && ba != affNumeric:
		b = toNumericAffinity(b)
	case ba == affNumeric && aa != affNumeric:
		a = toNumericAffinity(a)
	case aa == affText && ba == affNone:
		b = toTextAffinity(b)
	case ba == affText && aa == affNone:
		a = toTextAffinity(a)
	}
	return a, b
}

func toNumericAffinity(v term.Term) term.Term {
	if v.IsBinary() {
		s, _ := v.BinaryValue()
		if n, ok := exactNumber(s); ok {
			return n
		}
	}
	return v
}

func toTextAffinity(v term.Term) term.Term {
	if v.IsNumber() {
		s, _ := text(v)
		return term.BinaryString(s)
	}
	return v
}

func comparison(op parser.BinaryOp, l, r compiled) compiled {
	la, ra := l.aff, r.aff
	return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		a, err := l.eval(c, row)
		if err != nil {
			return a, err
		}
		b, err := r.eval(c, row)
		if err != nil {
			return b, err
		}
		return compareOp(op, a, b, la, ra), nil
	}}
}

func compareOp(op parser.BinaryOp, a, b term.Term, la, ra affinity) term.Term {
	an, bn := isNull(a), isNull(b)
	if op == parser.OpIs || op == parser.OpIsNot {
		var eq bool
		if an || bn {
			eq = an && bn
		} else {
			a, b = applyAffinity(a, b, la, ra)
			eq = compareValues(a, b) == 0
		}
		return boolTerm(eq == (op == parser.OpIs))
	}
	if an || bn {
		return null
	}
	a, b = applyAffinity(a, b, la, ra)
	c := compareValues(a, b)
	return boolTerm(cmpHolds(op, c))
}

func cmpHolds(op parser.BinaryOp, c int) bool {
	switch op {
	case parser.OpEq:
		return c == 0
	case parser.OpNe:
		return c != 0
	case parser.OpLt:
		return c < 0
	case parser.OpLe:
		return c <= 0
	case parser.OpGt:
		return c > 0
	}
	return c >= 0
}

func (p *planner) compileList(sc *scope, es []parser.Expr) ([]compiled, error) {
	out := make([]compiled, len(es))
	for i, e := range es {
		c, err := p.compileExpr(sc, e)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

func (p *planner) inList(sc *scope, e *parser.InListExpr) (compiled, error) {
	x, err := p.compileExpr(sc, e.X)
	if err != nil {
		return compiled{}, err
	}
	list, err := p.compileList(sc, e.List)
	if err != nil {
		return compiled{}, err
	}
	not := e.Not
	return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		v, err := x.eval(c, row)
		if err != nil {
			return v, err
		}
		return inSet(v, x.aff, not, len(list), func(i int) (term.Term, affinity, error) {
			w, err := list[i].eval(c, row)
			return w, list[i].aff, err
		})
	}}, nil
}

// inSet is the SQL truth of v IN (the n values item gives, each with its
// affinity), or of NOT IN when not. An empty set gives false (true for NOT
// IN) even for a NULL v; otherwise a NULL v, or no value equal to v but a
// NULL among them, gives NULL. The values are asked for in order, until
// one equals v.
func inSet(v term.Term, va affinity, not bool, n int, item func(i int) (term.Term, affinity, error)) (term.Term, error) {
	if n == 0 {
		return boolTerm(not), nil
	}
	if isNull(v) {
		return null, nil
	}
	sawNull := false
	for i := range n {
		w, wa, err := item(i)
		if err != nil {
			return w, err
		}
		if isNull(w) {
			sawNull = true
			continue
		}
		a, b := applyAffinity(v, w, va, wa)
		if compareValues(a, b) == 0 {
			return boolTerm(!not), nil
		}
	}
	if sawNull {
		return null, nil
	}
	return boolTerm(not), nil
}

// and3 is SQL's three-valued AND of two truth values: 0 if either is
// false, 1 if both are true, NULL otherwise.
func and3(a, b term.Term) term.Term {
	av, ak := truth(a)
	bv, bk := truth(b)
	switch {
	case ak && !av, bk && !bv:
		return sqlFalse
	case ak && bk:
		return sqlTrue
	}
	return null
}

func (p *planner) between(sc *scope, e *parser.BetweenExpr) (compiled, error) {
	ops, err := p.compileList(sc, []parser.Expr{e.X, e.Lo, e.Hi})
	if err != nil {
		return compiled{}, err
	}
	x, lo, hi := ops[0], ops[1], ops[2]
	not := e.Not
	return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		v, err := x.eval(c, row)
		if err != nil {
			return v, err
		}
		l, err := lo.eval(c, row)
		if err != nil {
			return l, err
		}
		h, err := hi.eval(c, row)
		if err != nil {
			return h, err
		}
		res := and3(compareOp(parser.OpGe, v, l, x.aff, lo.aff), compareOp(parser.OpLe, v, h, x.aff, hi.aff))
		if not && !isNull(res) {
			rv, _ := truth(res)
			return boolTerm(!rv), nil
		}
		return res, nil
	}}, nil
}

func (p *planner) like(sc *scope, e *parser.LikeExpr) (compiled, error) {
	x, err := p.compileExpr(sc, e.X)
	if err != nil {
		return compiled{}, err
	}
	pat, err := p.compileExpr(sc, e.Pattern)
	if err != nil {
		return compiled{}, err
	}
	if e.Glob {
		return p.globOp(sc, e, x, pat)
	}
	var esc *compiled
	if e.Escape != nil {
		ec, err := p.compileExpr(sc, e.Escape)
		if err != nil {
			return compiled{}, err
		}
		esc = &ec
	}
	not := e.Not
	return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		v, err := x.eval(c, row)
		if err != nil {
			return v, err
		}
		pv, err := pat.eval(c, row)
		if err != nil {
			return pv, err
		}
		s, ok1 := text(v)
		ps, ok2 := text(pv)
		if !ok1 || !ok2 {
			return null, nil
		}
		escRune := rune(-1)
		if esc != nil {
			ev, err := esc.eval(c, row)
			if err != nil {
				return ev, err
			}
			es, ok := text(ev)
			if !ok {
				return null, nil
			}
			if r := []rune(es); len(r) == 1 {
				escRune = r[0]
			} else {
				return null, errorf(ErrMisuse, e.Pos, "ESCAPE expression must be a single character")
			}
		}
		return boolTerm(like(ps, s, escRune) != not), nil
	}}, nil
}

func (p *planner) caseExpr(sc *scope, e *parser.CaseExpr) (compiled, error) {
	var operand *compiled
	if e.Operand != nil {
		o, err := p.compileExpr(sc, e.Operand)
		if err != nil {
			return compiled{}, err
		}
		operand = &o
	}
	type arm struct{ cond, res compiled }
	arms := make([]arm, len(e.Whens))
	var typ schema.Type
	for i, w := range e.Whens {
		c, err := p.compileExpr(sc, w.Cond)
		if err != nil {
			return compiled{}, err
		}
		r, err := p.compileExpr(sc, w.Result)
		if err != nil {
			return compiled{}, err
		}
		arms[i] = arm{c, r}
		if i == 0 {
			typ = r.typ
		} else if typ != r.typ {
			typ = 0
		}
	}
	els := compiled{eval: constFn(null)}
	if e.Else != nil {
		var err error
		if els, err = p.compileExpr(sc, e.Else); err != nil {
			return compiled{}, err
		}
		if els.typ != typ {
			typ = 0
		}
	}
	return compiled{typ: typ, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		var ov term.Term
		if operand != nil {
			v, err := operand.eval(c, row)
			if err != nil {
				return v, err
			}
			ov = v
		}
		for _, a := range arms {
			cv, err := a.cond.eval(c, row)
			if err != nil {
				return cv, err
			}
			var hit bool
			if operand != nil {
				hit, _ = truth(compareOp(parser.OpEq, ov, cv, operand.aff, a.cond.aff))
			} else {
				hit, _ = truth(cv)
			}
			if hit {
				return a.res.eval(c, row)
			}
		}
		return els.eval(c, row)
	}}, nil
}

func (p *planner) cast(sc *scope, e *parser.CastExpr) (compiled, error) {
	x, err := p.compileExpr(sc, e.X)
	if err != nil {
		return compiled{}, err
	}
	name := strings.ToUpper(e.Type.Name)
	typ, err := schema.ParseType(name, nil)
	if err != nil {
		typ = castAffinityType(name) // a name no column type has: SQLite's rules
	}
	if (typ == schema.Float || typ == schema.Bool) && hasNumericAffinity(name) {
		return compiled{aff: affNumeric, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
			v, err := x.eval(c, row)
			if err != nil || isNull(v) {
				return null, err
			}
			return castToNumeric(v), nil
		}}, nil
	}
	return compiled{typ: typ, aff: typeAffinity(typ), eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		v, err := x.eval(c, row)
		if err != nil || isNull(v) {
			return null, err
		}
		return castValue(v, typ), nil
	}}, nil
}

// castAffinityType is the type a CAST to a name that is no column type
// converts to, by SQLite's affinity rules (the first that applies): a
// name holding INT is INTEGER; CHAR, CLOB or TEXT, TEXT; BLOB, BLOB; REAL,
// FLOA or DOUB, REAL; any other name is NUMERIC (Float here, which cast
// reads as NUMERIC through hasNumericAffinity).
//
// Example: CAST('12abc' AS SIGNED) is NUMERIC, 12; CAST(1 AS FLOATING
// POINT) is INTEGER ("POINT" holds INT), 1.
func castAffinityType(name string) schema.Type {
	switch {
	case strings.Contains(name, "INT"):
		return schema.Int
	case strings.Contains(name, "CHAR"), strings.Contains(name, "CLOB"), strings.Contains(name, "TEXT"):
		return schema.Text
	case strings.Contains(name, "BLOB"):
		return schema.Blob
	}
	return schema.Float
}

// castValue converts v as SQLite's CAST does (never failing).
func castValue(v term.Term, typ schema.Type) term.Term {
	switch typ {
	case schema.Int, schema.Bool:
		return castToInt(v)
	case schema.Float:
		return term.Float(toFloat(number(v)))
	case schema.Text, schema.Blob:
		s, _ := text(v)
		return term.BinaryString(s)
	case schema.Date, schema.Timestamp:
		if c, err := typ.Coerce(v); err == nil {
			return c
		}
		return null
	}
	return v
}
