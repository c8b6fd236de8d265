package schema

import (
	"unicode/utf8"

	"github.com/etsql/etsql/term"
)

// AppendGoRows appends to dst the row tuples of rows of Go values, each
// in declared column order, for bulk loads: every value is converted as
// FromGo does for its column's type (nil is NULL, not the DEFAULT), a NULL
// in a NOT NULL column is an ErrNotNull error, and the result is what Rows
// gives for the converted values. A row of the wrong length is an
// ErrBadRow error, a value its column cannot store a *ColumnError. It is
// all or nothing: on an error it returns dst unchanged, and the rows of a
// rowid table get their consecutive row ids only when all are good.
//
// When elems holds at least len(rows)*Arity() terms, the elements of all
// the tuples are laid out in it one after the other: for a caller that
// hands the tuples to storage that copies their elements, and then
// reuses elems. Otherwise (elems nil) each tuple gets elements of its
// own, with its composite key's parts after them (see newRow). With elems,
// the key tuple of a composite key has elements of its own (storage keeps
// nested tuples as they are).
func (t *Table) AppendGoRows(dst []term.Term, rows [][]any, elems []term.Term) ([]term.Term, error) {
	n := len(dst)
	inline := len(elems) >= len(rows)*t.arity
	for i, values := range rows {
		var row, key []term.Term
		if inline {
			row, key = elems[i*t.arity:(i+1)*t.arity:(i+1)*t.arity], t.keyParts()
		} else {
			row, key = t.newRow()
		}
		if err := t.goRow(row, key, values); err != nil {
			clear(dst[n:])
			return dst[:n], err
		}
		dst = append(dst, term.Tuple(row...))
	}
	t.numberRows(dst[n:])
	return dst, nil
}

// goRow lays out one row of Go values as the elements of its row tuple
// and the parts of its composite key (see AppendGoRows and newRow); the
// row id of a rowid table is left for the caller.
func (t *Table) goRow(row, key []term.Term, values []any) error {
	if len(values) != len(t.cols) {
		return errorf(ErrBadRow, "table %s has %d columns but %d values were supplied", t.name, len(t.cols), len(values))
	}
	for i, v := range values {
		c, err := t.goValue(i, v)
		if err != nil {
			return err
		}
		t.place(row, key, i, c)
	}
	if key != nil {
		row[0] = term.Tuple(key...)
	}
	return nil
}

// goValue converts the Go value v for column col as FromGo and Coerce do,
// leaving NULL for an integer key (see AssignKeys). The common pairs (a Go
// integer for INT, a float64 for FLOAT, a string for TEXT) take a short
// way that gives the same terms.
func (t *Table) goValue(col int, v any) (term.Term, error) {
	c := &t.cols[col]
	switch x := v.(type) {
	case int64:
		if c.Type == Int {
			return term.Int(x), nil
		}
	case int:
		if c.Type == Int {
			return term.Int(int64(x)), nil
		}
	case float64:
		if c.Type == Float && term.IsFinite(x) {
			return term.Float(x), nil
		}
	case string:
		if c.Type == Text && utf8.ValidString(x) {
			return term.BinaryString(x), nil
		}
	}
	out, err := FromGo(v, c.Type)
	if err != nil {
		return term.Term{}, t.columnError(col, err)
	}
	if IsNull(out) && c.NotNull && !(t.intKey && col == t.key[0]) {
		return term.Term{}, t.notNullError(col)
	}
	return out, nil
}
