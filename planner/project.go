package planner

import (
	"strconv"
	"strings"

	"github.com/etsql/etsql/parser"
)

// projection compiles the result columns, GROUP BY and HAVING; in a
// grouped SELECT the result columns are compiled over groups, aggregate
// calls reading their group's values.
func (p *planner) projection(sc, parent *scope, corr *bool, core *parser.SelectCore, cp *corePlanOut, order []*parser.OrderingTerm) error {
	grouped := len(core.GroupBy) > 0 || core.Having != nil
	for _, c := range core.Columns {
		if hasAggregate(c) {
			grouped = true
		}
	}
	for _, o := range order {
		if hasAggregate(o.Expr) {
			grouped = true
		}
	}
	cp.grouped = grouped
	out := sc
	if grouped {
		cp.aggs = &aggFrame{rows: sc}
		out = &scope{cols: sc.cols, parent: parent, correlated: corr, agg: cp.aggs}
	}
	windowed := false
	for _, c := range core.Columns {
		windowed = windowed || hasWindow(c)
	}
	for _, o := range order {
		windowed = windowed || hasWindow(o.Expr)
	}
	if windowed {
		cp.wins = &winFrame{}
		w := *out
		w.win = cp.wins
		out = &w
	}
	// result columns, with * expanded
	var exprs []*parser.ExprColumn
	for _, c := range core.Columns {
		switch c := c.(type) {
		case *parser.StarColumn:
			n := 0
			for _, col := range sc.cols {
				if col.hidden || c.Table != "" && col.table != strings.ToLower(string(c.Table)) {
					continue
				}
				n++
				exprs = append(exprs, &parser.ExprColumn{Pos: c.Pos, Expr: &parser.ColumnRef{Pos: c.Pos, Table: parser.Name(col.table), Column: parser.Name(col.name)}, Alias: parser.Name(col.name)})
			}
			if n == 0 {
				if c.Table != "" {
					return errorf(ErrNoTable, c.Pos, "no such table: %s", c.Table)
				}
				return errorf(ErrMisuse, c.Pos, "no tables specified")
			}
		case *parser.ExprColumn:
			exprs = append(exprs, c)
		}
	}
	cp.onlyCount = grouped && len(core.GroupBy) == 0 && core.Having == nil
	for _, e := range exprs {
		f, ok := e.Expr.(*parser.FuncCall)
		if !ok || !f.Star || !strings.EqualFold(string(f.Name), "count") || f.Filter != nil || f.Over != nil {
			cp.onlyCount = false
		}
		c, err := p.compileExpr(out, e.Expr)
		if err != nil {
			return err
		}
		cp.proj = append(cp.proj, c)
		cp.outCols = append(cp.outCols, Column{Name: p.columnName(e, sc), Type: c.typ})
		cp.exprs = append(cp.exprs, e)
	}
	cp.visible = len(cp.proj)
	if len(exprs) == 1 {
		_, cp.firstIsRef = exprs[0].Expr.(*parser.ColumnRef)
	}
	for _, g := range core.GroupBy {
		ge := g
		if idx, ok := p.outputRef(g, cp); ok {
			ge = cp.exprs[idx].Expr
		}
		if hasAggregate(ge) {
			return errorf(ErrMisuse, g.Position(), "aggregate functions are not allowed in the GROUP BY clause")
		}
		c, err := p.compileExpr(sc, ge)
		if err != nil {
			return err
		}
		cp.groupBy = append(cp.groupBy, c)
		cp.groupTxt = append(cp.groupTxt, parser.Format(ge))
	}
	if core.Having != nil {
		out.aliases = map[string]parser.Expr{}
		for _, x := range cp.exprs {
			if x.Alias != "" {
				out.aliases[strings.ToLower(string(x.Alias))] = x.Expr
			}
		}
		win := out.win // no window functions in HAVING: they come after it
		out.win = nil
		c, err := p.compileExpr(out, core.Having)
		out.aliases, out.win = nil, win
		if err != nil {
			return err
		}
		cp.having = c.eval
		cp.havingTxt = parser.Format(core.Having)
	}
	cp.outScope = out
	return nil
}

// outputRef resolves a GROUP BY or ORDER BY term naming a result column:
// a column number, or an alias.
func (p *planner) outputRef(e parser.Expr, cp *corePlanOut) (int, bool) {
	switch e := e.(type) {
	case *parser.IntegerLit:
		n, err := strconv.Atoi(e.Text)
		if err == nil && n >= 1 && n <= cp.visible {
			return n - 1, true
		}
	case *parser.ColumnRef:
		if e.Table != "" {
			return 0, false
		}
		for i, x := range cp.exprs {
			if x.Alias != "" && strings.EqualFold(string(x.Alias), string(e.Column)) {
				return i, true
			}
		}
	}
	return 0, false
}

// orderBy resolves ORDER BY terms to output columns, adding hidden
// columns for expressions not in the result.
func (p *planner) orderBy(cp *corePlanOut, order []*parser.OrderingTerm) ([]orderKey, error) {
	var keys []orderKey
	for _, o := range order {
		if lit, ok := o.Expr.(*parser.IntegerLit); ok {
			n, err := strconv.Atoi(lit.Text)
			if err != nil || n < 1 || n > cp.visible {
				return nil, errorf(ErrMisuse, lit.Pos, "ORDER BY term out of range - should be between 1 and %d", cp.visible)
			}
		}
		idx, ok := p.outputRef(o.Expr, cp)
		src := orderCol{src: -1, col: -1}
		var expr parser.Expr = o.Expr
		if ok {
			expr = cp.exprs[idx].Expr
		} else {
			c, err := p.compileExpr(cp.outScope, o.Expr)
			if err != nil {
				return nil, err
			}
			idx = len(cp.proj)
			cp.proj = append(cp.proj, c)
		}
		if ref, isRef := expr.(*parser.ColumnRef); isRef {
			if r, err := cp.outScope.resolve(ref); err == nil && r.depth == 0 {
				var lv *level
				for _, l := range cp.levels {
					if l.src == r.col.src {
						lv = l
					}
				}
				col := r.idx - lv.offset
				if lv.acc != nil {
					col = lv.acc.schemaCol(col)
				}
				src = orderCol{src: r.col.src, col: col}
			}
		}
		keys = append(keys, orderKeyOf(o, idx))
		cp.orderCols = append(cp.orderCols, src)
	}
	return keys, nil
}
