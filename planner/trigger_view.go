package planner

import (
	"fmt"
	"slices"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// This file runs INSERT, UPDATE and DELETE on a view through its INSTEAD
// OF triggers, as SQLite does: the statement writes nothing itself; each
// row it would change runs the triggers, NEW and OLD being the view's
// columns. A view without such a trigger for the statement cannot be
// written. Like SQLite, such a statement reports no rows affected.

// viewTable is the table a view's INSTEAD OF triggers see: the view's
// columns, named as its SELECT names them, of type ANY.
func (p *planner) viewTable(v *View, at parser.Node) (*schema.Table, error) {
	_, names, err := p.planView(v, &parser.TableName{Pos: at.Position(), Name: parser.Name(v.Name)})
	if err != nil {
		return nil, err
	}
	def := schema.TableDef{Name: v.Name}
	for _, n := range names {
		def.Columns = append(def.Columns, schema.Column{Name: n, Type: schema.Any})
	}
	tab, err := schema.NewTable(def)
	if err != nil {
		return nil, &Error{Pos: at.Position(), Msg: err.Error(), Err: err}
	}
	return tab, nil
}

// viewFiring plans the INSTEAD OF triggers of a statement on view v, or
// fails as writing a view does when it has none.
func (p *planner) viewFiring(v *View, at parser.Node, event parser.TriggerEvent, cols []int, tab *schema.Table) (*firing, error) {
	f, err := p.planFiringOn(tab, nil, event, cols)
	if err != nil {
		return nil, err
	}
	if f == nil {
		return nil, errorf(ErrMisuse, at.Position(), "cannot modify %s because it is a view", v.Name)
	}
	return f, nil
}

// viewRow is the values a trigger sees of a view's row: its columns,
// then a NULL row id.
func viewRow(cols []term.Term) []term.Term {
	vals := make([]term.Term, len(cols)+1)
	copy(vals, cols)
	vals[len(cols)] = null
	return vals
}

// runOnView plans how a statement on a view runs: rows computes the rows
// it changes (NEW and OLD values of each, nil when absent), f's triggers
// run for each.
func runOnView(st *Statement, f *firing, verb, view string, rows func(c *evalCtx) (news, olds [][]term.Term, err error)) {
	st.tables = f.writes
	st.oneWrite = true // all under one journal
	st.exec = func(c *evalCtx) (*Result, error) {
		news, olds, err := rows(c)
		if err != nil {
			return nil, err
		}
		none := viewRow(make([]term.Term, f.tab.NumColumns()))
		for i := range none {
			none[i] = null
		}
		err = f.journaled(c, func() error {
			for i := range max(len(news), len(olds)) {
				nv, ov := none, none
				if news != nil {
					nv = news[i]
				}
				if olds != nil {
					ov = olds[i]
				}
				if _, err := f.run(c, f.before, nv, ov); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return &Result{}, nil
	}
	st.describe = func(explainOpts) []string {
		return []string{fmt.Sprintf("%s %s: %s", verb, view, f.describe(verb))}
	}
}

func (p *planner) planViewInsert(st *Statement, s *parser.InsertStmt, v *View) error {
	if len(s.Upsert) > 0 || len(s.Returning) > 0 {
		return errorf(ErrUnsupported, s.Pos, "cannot UPSERT or RETURN from view %s", v.Name)
	}
	tab, err := p.viewTable(v, s)
	if err != nil {
		return err
	}
	f, err := p.viewFiring(v, s, parser.OnInsert, nil, tab)
	if err != nil {
		return err
	}
	var names []string
	for _, c := range s.Columns {
		if col, ok := tab.Lookup(string(c)); !ok || col < 0 {
			return errorf(ErrNoColumn, s.Pos, "table %s has no column named %s", v.Name, c)
		}
		names = append(names, string(c))
	}
	width := len(names)
	if names == nil {
		width = tab.NumColumns()
	}
	checkWidth := func(n int) error {
		if n == width {
			return nil
		}
		if names == nil {
			return errorf(ErrMisuse, s.Pos, "table %s has %d columns but %d values were supplied", v.Name, width, n)
		}
		return errorf(ErrMisuse, s.Pos, "%d values for %d columns", n, width)
	}
	var source func(c *evalCtx) ([][]term.Term, error)
	switch src := s.Source.(type) {
	case *parser.Values:
		rows := make([][]compiled, len(src.Rows))
		for i, r := range src.Rows {
			if rows[i], err = p.compileList(&scope{}, r.Exprs); err != nil {
				return err
			}
			if err := checkWidth(len(rows[i])); err != nil {
				return err
			}
		}
		source = func(c *evalCtx) ([][]term.Term, error) {
			out := make([][]term.Term, len(rows))
			for i, r := range rows {
				out[i] = make([]term.Term, len(r))
				for j, e := range r {
					if out[i][j], err = e.eval(c, nil); err != nil {
						return nil, err
					}
				}
			}
			return out, nil
		}
	case *parser.SelectStmt:
		sp, err := p.planSelect(src, nil)
		if err != nil {
			return err
		}
		if err := checkWidth(len(sp.cols)); err != nil {
			return err
		}
		source = func(c *evalCtx) ([][]term.Term, error) { return sp.run(c, 0) }
	}
	runOnView(st, f, "insert into", v.Name, func(c *evalCtx) ([][]term.Term, [][]term.Term, error) {
		rows, err := source(c)
		if err != nil {
			return nil, nil, err
		}
		news := make([][]term.Term, len(rows))
		for i, r := range rows {
			news[i] = insertValues(tab, names, r)
		}
		return news, nil, nil
	})
	return nil
}

// viewRows plans "SELECT *, extra... FROM view WHERE where": the view's
// rows a statement changes, each followed by the values of extra.
func (p *planner) viewRows(at parser.Node, view parser.Name, where parser.Expr, extra []parser.Expr) (*selectPlan, error) {
	pos := at.Position()
	cols := []parser.ResultColumn{&parser.StarColumn{Pos: pos}}
	for i, e := range extra {
		cols = append(cols, &parser.ExprColumn{Pos: pos, Expr: e, Alias: parser.Name(fmt.Sprintf("set%d", i+1))})
	}
	sel := &parser.SelectStmt{Pos: pos, Core: &parser.SelectCore{Pos: pos, Columns: cols,
		From: &parser.FromClause{Pos: pos, Table: &parser.TableName{Pos: pos, Name: view}}, Where: where}}
	return p.planSelect(sel, nil)
}

func (p *planner) planViewUpdate(st *Statement, s *parser.UpdateStmt, v *View) error {
	if len(s.Returning) > 0 {
		return errorf(ErrUnsupported, s.Pos, "cannot RETURN from view %s", v.Name)
	}
	tab, err := p.viewTable(v, s)
	if err != nil {
		return err
	}
	cols := make([]int, len(s.Set))
	vals := make([]parser.Expr, len(s.Set))
	for i, as := range s.Set {
		col, ok := tab.Lookup(string(as.Column))
		if !ok || col < 0 {
			return errorf(ErrNoColumn, as.Pos, "no such column: %s", as.Column)
		}
		cols[i], vals[i] = col, as.Value
	}
	f, err := p.viewFiring(v, s, parser.OnUpdate, cols, tab)
	if err != nil {
		return err
	}
	sp, err := p.viewRows(s, s.Table, s.Where, vals)
	if err != nil {
		return err
	}
	n := tab.NumColumns()
	runOnView(st, f, "update", v.Name, func(c *evalCtx) ([][]term.Term, [][]term.Term, error) {
		rows, err := sp.run(c, 0)
		if err != nil {
			return nil, nil, err
		}
		news, olds := make([][]term.Term, len(rows)), make([][]term.Term, len(rows))
		for i, r := range rows {
			olds[i] = viewRow(r[:n])
			news[i] = slices.Clone(olds[i])
			for j, col := range cols {
				if nv, err := schema.Any.Coerce(r[n+j]); err == nil {
					news[i][col] = nv
				} else {
					news[i][col] = r[n+j]
				}
			}
		}
		return news, olds, nil
	})
	return nil
}

func (p *planner) planViewDelete(st *Statement, s *parser.DeleteStmt, v *View) error {
	if len(s.Returning) > 0 {
		return errorf(ErrUnsupported, s.Pos, "cannot RETURN from view %s", v.Name)
	}
	tab, err := p.viewTable(v, s)
	if err != nil {
		return err
	}
	f, err := p.viewFiring(v, s, parser.OnDelete, nil, tab)
	if err != nil {
		return err
	}
	sp, err := p.viewRows(s, s.Table, s.Where, nil)
	if err != nil {
		return err
	}
	n := tab.NumColumns()
	runOnView(st, f, "delete from", v.Name, func(c *evalCtx) ([][]term.Term, [][]term.Term, error) {
		rows, err := sp.run(c, 0)
		if err != nil {
			return nil, nil, err
		}
		olds := make([][]term.Term, len(rows))
		for i, r := range rows {
			olds[i] = viewRow(r[:n])
		}
		return nil, olds, nil
	})
	return nil
}
