package planner

import (
	"errors"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
)

// planCreateAs plans CREATE TABLE name AS select: a table without a
// primary key (its rows keyed by a hidden rowid), one column per result
// column of the SELECT, named as SQLite names them (a repeated name gets
// a ":N" suffix) and typed after the result column (TERM where its type
// is unknown), filled with the SELECT's rows.
//
// Example: CREATE TABLE t2 AS SELECT id, name, price * 2 FROM t makes
// t2 (id INT, name TEXT, "price * 2" FLOAT) when t declares id INT, name
// TEXT and price FLOAT.
func (p *planner) planCreateAs(st *Statement, s *parser.CreateTableStmt) error {
	sp, err := p.planSelect(s.AsSelect, nil)
	if err != nil {
		return err
	}
	names := make([]string, len(sp.cols))
	for i, c := range sp.cols {
		names[i] = c.Name
	}
	def := schema.TableDef{Name: string(s.Name)}
	for i, name := range uniqueNames(names) {
		typ := sp.cols[i].Type
		if !typ.Valid() {
			typ = schema.Term
		}
		def.Columns = append(def.Columns, schema.Column{Name: name, Type: typ})
	}
	if _, err := schema.NewTable(def); err != nil {
		return &Error{Pos: s.Pos, Msg: err.Error(), Err: err}
	}
	cat, sql, ifNot := p.cat, p.sql, s.IfNotExists
	insert := &parser.InsertStmt{Pos: s.Pos, Table: s.Name, Source: s.AsSelect}
	st.exec = func(c *evalCtx) (*Result, error) {
		if _, exists := cat.Table(def.Name); exists && ifNot {
			return &Result{}, nil
		}
		tab, err := schema.NewTable(def) // a fresh row id counter each time
		if err != nil {
			return nil, err
		}
		if err := cat.CreateTable(tab, ifNot); err != nil {
			return nil, err
		}
		// The table exists now: its rows go in as INSERT ... SELECT's,
		// all or none; with none, the table goes too.
		ins, _, err := plan(cat, sql, insert, nil)
		if err == nil {
			_, err = ins.exec(c)
		}
		if err != nil {
			return nil, errors.Join(err, cat.DropTable(def.Name, true))
		}
		return &Result{}, nil
	}
	st.cols = nil
	st.describe = func(explainOpts) []string { return []string{"create table " + def.Name + " as select"} }
	return nil
}
