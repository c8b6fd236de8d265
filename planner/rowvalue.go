package planner

import (
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// rowOperand is a row value compiled: its elements, evaluated together.
type rowOperand struct {
	n    int
	affs []affinity
	eval func(c *evalCtx, row []term.Term) ([]term.Term, error)
}

// isRow reports whether e is a row value "(a, b, ...)".
func isRow(e parser.Expr) bool {
	_, ok := e.(*parser.RowExpr)
	return ok
}

// rowOf compiles a row value operand: "(a, b, ...)", or a subquery whose
// first row is the value (NULLs when it has none), as SQLite allows
// beside a row value.
func (p *planner) rowOf(sc *scope, e parser.Expr) (rowOperand, error) {
	switch e := e.(type) {
	case *parser.RowExpr:
		elems, err := p.compileList(sc, e.Elems)
		if err != nil {
			return rowOperand{}, err
		}
		r := rowOperand{n: len(elems)}
		for _, el := range elems {
			r.affs = append(r.affs, el.aff)
		}
		r.eval = func(c *evalCtx, row []term.Term) ([]term.Term, error) {
			out := make([]term.Term, len(elems))
			for i, el := range elems {
				v, err := el.eval(c, row)
				if err != nil {
					return nil, err
				}
				out[i] = v
			}
			return out, nil
		}
		return r, nil
	case *parser.SubqueryExpr:
		sp, err := p.subplan(sc, e.Select)
		if err != nil {
			return rowOperand{}, err
		}
		n := len(sp.cols)
		return rowOperand{n: n, affs: make([]affinity, n), eval: func(c *evalCtx, row []term.Term) ([]term.Term, error) {
			rows, err := sp.subRows(c, row, 1)
			if err != nil {
				return nil, err
			}
			if len(rows) == 0 {
				out := make([]term.Term, n)
				for i := range out {
					out[i] = null
				}
				return out, nil
			}
			return rows[0][:n], nil
		}}, nil
	}
	return rowOperand{}, errorf(ErrMisuse, e.Position(), "row value misused")
}

// rowComparison compiles "L op R" where an operand is a row value: both
// must be rows of the same size.
//
// Example: (a, b) < (1, 2) holds when a < 1, or a = 1 and b < 2; it is
// NULL when a NULL comes before the first unequal pair.
func (p *planner) rowComparison(sc *scope, e *parser.BinaryExpr) (compiled, error) {
	switch e.Op {
	case parser.OpEq, parser.OpNe, parser.OpLt, parser.OpLe, parser.OpGt, parser.OpGe, parser.OpIs, parser.OpIsNot:
	default:
		return compiled{}, errorf(ErrMisuse, e.Pos, "row value misused")
	}
	l, err := p.rowOf(sc, e.L)
	if err != nil {
		return compiled{}, err
	}
	r, err := p.rowOf(sc, e.R)
	if err != nil {
		return compiled{}, err
	}
	if l.n != r.n {
		return compiled{}, errorf(ErrMisuse, e.Pos, "row value misused")
	}
	op := e.Op
	return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		a, err := l.eval(c, row)
		if err != nil {
			return null, err
		}
		b, err := r.eval(c, row)
		if err != nil {
			return null, err
		}
		return compareRowValues(op, a, b, l.affs, r.affs), nil
	}}, nil
}

// compareRowValues is SQLite's comparison of two row values of one size:
// = and <> (and IS, IS NOT) pair by pair, a false (true for <>) pair
// deciding, else NULL if a pair had a NULL; the orderings by the first
// unequal pair, NULL if a NULL comes first.
func compareRowValues(op parser.BinaryOp, a, b []term.Term, la, ra []affinity) term.Term {
	switch op {
	case parser.OpIs, parser.OpIsNot:
		for i := range a {
			if !isTrueTerm(compareOp(parser.OpIs, a[i], b[i], la[i], ra[i])) {
				return boolTerm(op == parser.OpIsNot)
			}
		}
		return boolTerm(op == parser.OpIs)
	case parser.OpEq, parser.OpNe:
		sawNull := false
		for i := range a {
			v := compareOp(parser.OpEq, a[i], b[i], la[i], ra[i])
			if isNull(v) {
				sawNull = true
				continue
			}
			if !isTrueTerm(v) {
				return boolTerm(op == parser.OpNe)
			}
		}
		if sawNull {
			return null
		}
		return boolTerm(op == parser.OpEq)
	}
	for i := range a {
		if isNull(a[i]) || isNull(b[i]) {
			return null
		}
		x, y := applyAffinity(a[i], b[i], la[i], ra[i])
		if c := compareValues(x, y); c != 0 {
			return boolTerm(cmpHolds(op, c))
		}
	}
	return boolTerm(cmpHolds(op, 0))
}

// isTrueTerm reports whether a comparison's result is true.
func isTrueTerm(v term.Term) bool {
	b, known := truth(v)
	return known && b
}

// rowInList compiles "(a, b) [NOT] IN ((1, 2), (3, 4), ...)": true when
// a row of the list equals the value, else NULL when one might (a NULL
// pair), else false.
func (p *planner) rowInList(sc *scope, e *parser.InListExpr) (compiled, error) {
	x, err := p.rowOf(sc, e.X)
	if err != nil {
		return compiled{}, err
	}
	items := make([]rowOperand, len(e.List))
	for i, it := range e.List {
		if !isRow(it) {
			return compiled{}, errorf(ErrMisuse, it.Position(), "row value misused")
		}
		if items[i], err = p.rowOf(sc, it); err != nil {
			return compiled{}, err
		}
		if items[i].n != x.n {
			return compiled{}, errorf(ErrMisuse, it.Position(), "row value misused")
		}
	}
	not := e.Not
	return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		v, err := x.eval(c, row)
		if err != nil {
			return null, err
		}
		return rowInSet(v, x.affs, not, len(items), func(i int) ([]term.Term, []affinity, error) {
			w, err := items[i].eval(c, row)
			return w, items[i].affs, err
		})
	}}, nil
}

// rowInSubquery compiles "(a, b) [NOT] IN (SELECT x, y ...)".
func (p *planner) rowInSubquery(sc *scope, e *parser.InSubqueryExpr) (compiled, error) {
	x, err := p.rowOf(sc, e.X)
	if err != nil {
		return compiled{}, err
	}
	sp, err := p.subplan(sc, e.Select)
	if err != nil {
		return compiled{}, err
	}
	if len(sp.cols) != x.n {
		return compiled{}, errorf(ErrMisuse, e.Pos, "sub-select returns %d columns - expected %d", len(sp.cols), x.n)
	}
	affs := make([]affinity, x.n)
	for i, col := range sp.cols {
		affs[i] = typeAffinity(col.Type)
	}
	not := e.Not
	return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		v, err := x.eval(c, row)
		if err != nil {
			return null, err
		}
		rows, err := sp.subRows(c, row, 0)
		if err != nil {
			return null, err
		}
		return rowInSet(v, x.affs, not, len(rows), func(i int) ([]term.Term, []affinity, error) {
			return rows[i][:x.n], affs, nil
		})
	}}, nil
}

// rowInSet is inSet for row values: v [NOT] IN the n rows item gives.
func rowInSet(v []term.Term, va []affinity, not bool, n int, item func(i int) ([]term.Term, []affinity, error)) (term.Term, error) {
	sawNull := false
	for i := range n {
		w, wa, err := item(i)
		if err != nil {
			return null, err
		}
		eq := compareRowValues(parser.OpEq, v, w, va, wa)
		if isNull(eq) {
			sawNull = true
			continue
		}
		if isTrueTerm(eq) {
			return boolTerm(!not), nil
		}
	}
	if sawNull {
		return null, nil
	}
	return boolTerm(not), nil
}
