package planner

import (
	"strings"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// returningPlan computes the RETURNING clause of an INSERT, UPDATE or
// DELETE: its expressions over each row the statement wrote (inserted,
// or updated by an upsert; the new row of an UPDATE; the deleted row of a
// DELETE), in the order written. The statement is then a query that
// writes: Exec runs it and drops the rows.
type returningPlan struct {
	tab   *schema.Table
	proj  []compiled
	cols  []Column
	width int
	rowid bool
}

func (p *planner) planReturning(t *Table, items []parser.ResultColumn) (*returningPlan, error) {
	if len(items) == 0 {
		return nil, nil
	}
	st := t.Schema
	cols, rowid := tableColumns(st, st.Name(), 0)
	sc := &scope{cols: cols}
	rp := &returningPlan{tab: st, width: len(cols), rowid: rowid}
	var exprs []*parser.ExprColumn
	for _, item := range items {
		switch c := item.(type) {
		case *parser.StarColumn:
			if c.Table != "" && !strings.EqualFold(string(c.Table), st.Name()) {
				return nil, errorf(ErrNoTable, c.Pos, "no such table: %s", c.Table)
			}
			for _, col := range cols {
				if !col.hidden {
					exprs = append(exprs, &parser.ExprColumn{Pos: c.Pos, Expr: &parser.ColumnRef{Pos: c.Pos, Column: parser.Name(col.name)}, Alias: parser.Name(col.name)})
				}
			}
		case *parser.ExprColumn:
			if hasAggregate(c.Expr) {
				return nil, errorf(ErrMisuse, c.Pos, "misuse of aggregate function")
			}
			exprs = append(exprs, c)
		}
	}
	for _, e := range exprs {
		c, err := p.compileExpr(sc, e.Expr)
		if err != nil {
			return nil, err
		}
		rp.proj = append(rp.proj, c)
		rp.cols = append(rp.cols, Column{Name: p.columnName(e, sc), Type: c.typ})
	}
	return rp, nil
}

// rows computes the RETURNING rows of the objects written.
func (rp *returningPlan) rows(c *evalCtx, objs []term.Term) ([][]term.Term, error) {
	out := make([][]term.Term, 0, len(objs))
	row := make([]term.Term, rp.width)
	n := rp.tab.NumColumns()
	for _, obj := range objs {
		for i := range n {
			row[i], _ = rp.tab.Value(obj, i)
		}
		if rp.rowid {
			row[n], _ = rp.tab.Value(obj, schema.RowIDColumn)
		}
		vals := make([]term.Term, len(rp.proj))
		for i, pc := range rp.proj {
			v, err := pc.eval(c, row)
			if err != nil {
				return nil, err
			}
			vals[i] = v
		}
		out = append(out, vals)
	}
	return out, nil
}

// result is the statement's result: res with the RETURNING rows of objs.
func (rp *returningPlan) result(c *evalCtx, res *Result, objs []term.Term) (*Result, error) {
	if rp == nil || res == nil {
		return res, nil
	}
	rows, err := rp.rows(c, objs)
	if err != nil {
		return nil, err
	}
	out := materialized(rp.cols, rows)
	out.RowsAffected, out.LastInsertID = res.RowsAffected, res.LastInsertID
	return out, nil
}

// returns marks the statement a query with the clause's columns.
func (rp *returningPlan) returns(st *Statement) {
	if rp != nil {
		st.cols, st.query = rp.cols, true
	}
}
