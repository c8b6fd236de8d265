package etsql

import (
	"context"
	"fmt"

	"github.com/etsql/etsql/planner"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// InsertRows inserts rows of Go values (in declared column order, nil for
// NULL, converted as schema.FromGo does for each column's type) into a
// table, all or nothing, as INSERT INTO table VALUES ... would: a
// duplicate primary key is an ErrConstraint error. It skips SQL parsing,
// for bulk loads. Like a write statement outside a transaction, it waits
// while a write transaction runs.
func (db *DB) InsertRows(table string, rows [][]any) error {
	t, ok := catalog{db}.Table(table)
	if !ok {
		return fmt.Errorf("%w: %s", ErrNoTable, table)
	}
	st := t.Schema
	vals := make([][]term.Term, len(rows))
	for i, r := range rows {
		if len(r) != st.NumColumns() {
			return fmt.Errorf("%w: table %s has %d columns but %d values were supplied", schema.ErrBadRow, st.Name(), st.NumColumns(), len(r))
		}
		vals[i] = make([]term.Term, len(r))
		for j, v := range r {
			tv, err := schema.FromGo(v, st.Type(j))
			if err != nil {
				return &schema.ColumnError{Table: st.Name(), Column: st.Column(j).Name, Err: err}
			}
			vals[i][j] = tv
		}
	}
	objs, err := st.Rows(vals)
	if err != nil {
		return err
	}
	if err := db.gate.enter(context.Background(), nil); err != nil { // waits for a write transaction
		return err
	}
	defer db.gate.leave(nil)
	return planner.InsertRows(db.runtime(nil), t, objs)
}
