package planner

import (
	"fmt"
	"slices"
	"strings"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// AlterCatalog is what a Catalog implements to run ALTER TABLE: it swaps
// the declaration of the table name for def, which keeps the table's ETS
// table (and renames it when def's name differs). Without it ALTER TABLE
// is ErrUnsupported.
type AlterCatalog interface {
	AlterTable(name string, def *schema.Table) error
}

// alterPlan is what an ALTER TABLE does: the new declaration, how each
// row changes (nil when the layout stays), and the indexes to build again
// because the columns they read moved.
type alterPlan struct {
	t       *Table
	def     schema.TableDef
	rewrite func(obj term.Term) (term.Term, error)
	reindex []Index // the indexes as they are; cols maps their columns
	cols    func(col int) int
	what    string
}

func (p *planner) planAlter(st *Statement, s *parser.AlterTableStmt) error {
	ac, ok1 := p.cat.(AlterCatalog)
	ic, ok2 := p.cat.(IndexCatalog)
	if !ok1 || !ok2 {
		return errorf(ErrUnsupported, s.Pos, "ALTER TABLE is not supported by this catalog")
	}
	msg := "view " + string(s.Table) + " may not be altered"
	if _, add := s.Action.(*parser.AddColumn); add {
		msg = "Cannot add a column to a view"
	}
	if err := p.notAView(s.Table, s, msg); err != nil {
		return err
	}
	t, err := p.table(s.Table, s)
	if err != nil {
		return err
	}
	ap := &alterPlan{t: t, def: t.Schema.Def(), cols: func(c int) int { return c }}
	switch a := s.Action.(type) {
	case *parser.AddColumn:
		err = ap.addColumn(a)
	case *parser.DropColumn:
		err = ap.dropColumn(a)
	case *parser.Rename:
		err = ap.rename(a)
	}
	if err != nil {
		return err
	}
	if _, err := schema.NewTable(ap.def); err != nil {
		return err
	}
	st.exec = func(c *evalCtx) (*Result, error) { return &Result{}, ap.run(c, ac, ic) }
	st.describe = func(explainOpts) []string { return []string{"alter table " + t.Schema.Name() + ": " + ap.what} }
	return nil
}

// addColumn: the column goes last, so each row gets its value (the
// default, or NULL) as a new last element.
//
// Example: ALTER TABLE users ADD COLUMN age INT DEFAULT 0 makes {1,<<"ann">>}
// {1,<<"ann">>,0}.
func (ap *alterPlan) addColumn(a *parser.AddColumn) error {
	c := a.Column
	switch {
	case c.IsPrimaryKey():
		return errorf(ErrMisuse, c.Pos, "Cannot add a PRIMARY KEY column")
	case c.IsUnique():
		return errorf(ErrMisuse, c.Pos, "Cannot add a UNIQUE column")
	}
	col, err := columnDef(c)
	if err != nil {
		return err
	}
	if col.AutoIncrement {
		return errorf(ErrMisuse, c.Pos, "AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY")
	}
	if col.NotNull && (!col.Default.IsValid() || isNull(col.Default)) {
		return errorf(ErrMisuse, c.Pos, "Cannot add a NOT NULL column with default value NULL")
	}
	if idx, ok := ap.t.Schema.Lookup(col.Name); ok && idx >= 0 {
		return errorf(ErrMisuse, c.Pos, "duplicate column name: %s", col.Name)
	}
	ap.def.Columns = append(ap.def.Columns, col)
	nt, err := schema.NewTable(ap.def)
	if err != nil {
		return &Error{Pos: c.Pos, Msg: err.Error(), Err: err}
	}
	value := nt.Column(nt.NumColumns() - 1).Default // coerced
	if !value.IsValid() {
		value = schema.Null
	}
	ap.rewrite = func(obj term.Term) (term.Term, error) {
		el := obj.Elements()
		return term.Tuple(append(el[:len(el):len(el)], value)...), nil
	}
	ap.what = "add column " + col.Name + ", rewriting every row"
	return nil
}

// dropColumn: the column's element leaves each row; the indexes reading
// columns after it are built again. SQLite's refusals: a key column, an
// indexed one, the only one.
//
// Example: ALTER TABLE users DROP COLUMN age makes {1,<<"ann">>,0}
// {1,<<"ann">>}.
func (ap *alterPlan) dropColumn(a *parser.DropColumn) error {
	st := ap.t.Schema
	idx, ok := st.Lookup(string(a.Column))
	if !ok || idx < 0 {
		return errorf(ErrNoColumn, a.Pos, "no such column: %s", a.Column)
	}
	name := st.Column(idx).Name
	if slices.Contains(st.PrimaryKey(), idx) {
		return errorf(ErrMisuse, a.Pos, "cannot drop PRIMARY KEY column: %s", name)
	}
	if st.NumColumns() == 1 {
		return errorf(ErrMisuse, a.Pos, "cannot drop column %q: no other columns exist", name)
	}
	for _, ix := range ap.t.Indexes() {
		if slices.Contains(ix.Columns, idx) && strings.HasPrefix(ix.Name, autoIndexPrefix) {
			return errorf(ErrMisuse, a.Pos, "cannot drop UNIQUE column: %s", name)
		}
		if slices.Contains(ix.Columns, idx) {
			return errorf(ErrMisuse, a.Pos, "error in index %s after drop column: no such column: %s", ix.Name, name)
		}
		if slices.ContainsFunc(ix.Columns, func(c int) bool { return c > idx }) {
			ap.reindex = append(ap.reindex, ix)
		}
	}
	ap.cols = func(c int) int {
		if c > idx {
			return c - 1
		}
		return c
	}
	ap.def.Columns = slices.Delete(ap.def.Columns, idx, idx+1)
	elem := st.Position(idx).Elem
	ap.rewrite = func(obj term.Term) (term.Term, error) {
		el := obj.Elements()
		if len(el) < elem {
			return obj, nil
		}
		return term.Tuple(append(el[:elem-1:elem-1], el[elem:]...)...), nil
	}
	ap.what = "drop column " + name + ", rewriting every row"
	return nil
}

// rename renames the table (Column empty) or a column; rows stay as they
// are.
func (ap *alterPlan) rename(a *parser.Rename) error {
	st := ap.t.Schema
	to := string(a.To)
	if a.Column == "" {
		ap.def.Name = to
		ap.what = "rename to " + to
		return nil
	}
	idx, ok := st.Lookup(string(a.Column))
	if !ok || idx < 0 {
		return errorf(ErrNoColumn, a.Pos, "no such column: \"%s\"", a.Column)
	}
	if other, ok := st.Lookup(to); ok && other >= 0 && other != idx {
		return errorf(ErrMisuse, a.Pos, "duplicate column name: %s", to)
	}
	old := st.Column(idx).Name
	ap.def.Columns[idx].Name = to
	for i, k := range ap.def.PrimaryKey {
		if strings.EqualFold(k, old) {
			ap.def.PrimaryKey[i] = to
		}
	}
	ap.what = fmt.Sprintf("rename column %s to %s", old, to)
	return nil
}

// run drops the indexes to rebuild, rewrites the rows, swaps the
// declaration and builds the indexes again. The row id counter carries
// over.
func (ap *alterPlan) run(c *evalCtx, ac AlterCatalog, ic IndexCatalog) error {
	old := ap.t.Schema
	nt, err := schema.NewTable(ap.def)
	if err != nil {
		return err
	}
	nt.NoteRowID(old.NotedKey())
	for _, ix := range ap.reindex {
		if err := ic.DropIndex(ix.Name, false); err != nil {
			return err
		}
	}
	if ap.rewrite != nil {
		if err := ap.t.ETS.Rewrite(c.rt.Proc, ap.rewrite); err != nil {
			return err
		}
	}
	if err := ac.AlterTable(old.Name(), nt); err != nil {
		return err
	}
	for _, ix := range ap.reindex {
		cols := make([]int, len(ix.Columns))
		for i, col := range ix.Columns {
			cols[i] = ap.cols(col)
		}
		if err := ic.CreateIndex(nt.Name(), IndexSpec(nt, ix.Name, cols, ix.Unique), false); err != nil {
			return err
		}
	}
	return nil
}
