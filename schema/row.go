package schema

import (
	"math"
	"slices"
	"strings"

	"github.com/etsql/etsql/term"
)

// Row returns the row tuple of one row given as values in declared column
// order. Each value is coerced to its column's type (see Type.Coerce); the
// zero Term stands for an omitted value and takes the column's DEFAULT, or
// NULL. A table without a primary key gives the row the next row id. Any
// bad value is an error and then no row id is used.
func (t *Table) Row(values []term.Term) (term.Term, error) {
	row, key := t.newRow()
	if err := t.rowInto(row, key, values); err != nil {
		return term.Term{}, err
	}
	obj := [1]term.Term{term.Tuple(row...)}
	t.numberRows(obj[:])
	return obj[0], nil
}

// Rows is Row for several rows, all or nothing: if any row is bad it
// returns the first error and no rows. Rows of a rowid table get
// consecutive row ids.
func (t *Table) Rows(rows [][]term.Term) ([]term.Term, error) {
	out := make([]term.Term, len(rows))
	for i, values := range rows {
		row, key := t.newRow()
		if err := t.rowInto(row, key, values); err != nil {
			return nil, err
		}
		out[i] = term.Tuple(row...)
	}
	t.numberRows(out)
	return out, nil
}

// numberRows gives the rows of a rowid table, just built, consecutive row
// ids at element 1.
func (t *Table) numberRows(rows []term.Term) {
	if !t.HasRowID() || len(rows) == 0 {
		return
	}
	first := t.rowid.Add(int64(len(rows))) - int64(len(rows)) + 1
	for i, obj := range rows {
		obj.Elements()[0] = term.Int(first + int64(i)) // the tuple's own elements, not yet shared
	}
}

// RowFor is Row with the values given for the named columns only, as in
// INSERT INTO t (b, a) VALUES (...): the other columns take their DEFAULT
// or NULL. Names are case-insensitive; an unknown name is an ErrNoColumn
// error and a repeated one an ErrDuplicateColumn error.
func (t *Table) RowFor(columns []string, values []term.Term) (term.Term, error) {
	rows, err := t.RowsFor(columns, [][]term.Term{values})
	if err != nil {
		return term.Term{}, err
	}
	return rows[0], nil
}

// RowsFor is Rows with the values given for the named columns only (see
// RowFor), all or nothing.
func (t *Table) RowsFor(columns []string, rows [][]term.Term) ([]term.Term, error) {
	idx, err := t.columnList(columns)
	if err != nil {
		return nil, err
	}
	full := make([][]term.Term, len(rows))
	for r, values := range rows {
		if len(values) != len(idx) {
			return nil, errorf(ErrBadRow, "table %s: %d columns but %d values were supplied", t.name, len(idx), len(values))
		}
		full[r] = make([]term.Term, len(t.cols))
		for k, col := range idx {
			full[r][col] = values[k]
		}
	}
	return t.Rows(full)
}

// columnList resolves the column names of an insert.
func (t *Table) columnList(columns []string) ([]int, error) {
	idx := make([]int, len(columns))
	seen := make(map[string]bool, len(columns))
	for k, name := range columns {
		lower := strings.ToLower(name)
		col, ok := t.byName[lower]
		if !ok {
			return nil, &ColumnError{Table: t.name, Column: name, Err: ErrNoColumn}
		}
		if seen[lower] {
			return nil, t.columnError(col, errorf(ErrDuplicateColumn, "named twice"))
		}
		seen[lower] = true
		idx[k] = col
	}
	return idx, nil
}

// rowInto lays out one row of values (declared column order, DEFAULTs
// filled in, coerced) as the elements of its row tuple in row (Arity
// terms) and the parts of its composite key in key (see newRow); the row
// id of a rowid table is left for the caller.
func (t *Table) rowInto(row, key, values []term.Term) error {
	if len(values) != len(t.cols) {
		return errorf(ErrBadRow, "table %s has %d columns but %d values were supplied", t.name, len(t.cols), len(values))
	}
	for i, v := range values {
		if !v.IsValid() {
			v = t.cols[i].Default
			if !v.IsValid() {
				v = Null
			}
		}
		if !t.intKey || i != t.key[0] || !IsNull(v) { // an integer key's NULL is assigned by the inserter: see AssignKeys
			c, err := t.Coerce(i, v)
			if err != nil {
				return err
			}
			v = c
		}
		t.place(row, key, i, v)
	}
	if key != nil {
		row[0] = term.Tuple(key...)
	}
	return nil
}

// keyParts returns a slice for the parts of a composite key, nil for a
// key of one column or none. Each row gets its own: storage keeps the key
// tuple as it is.
func (t *Table) keyParts() []term.Term {
	if len(t.key) > 1 {
		return make([]term.Term, len(t.key))
	}
	return nil
}

// newRow returns the elements of a new row tuple (Arity terms) and the
// parts of its composite key (nil for a key of one column or none). In a
// table that keeps the row tuples it is given as they are (every type but
// set), they are one allocation, the key's right after the row's: a scan
// reading an object and its key reads neighbouring memory, not two
// places. (A set copies the row's elements and keeps the key tuple, which
// would keep the whole allocation alive.) The row's slice ends at Arity
// (appending to it copies).
func (t *Table) newRow() (row, key []term.Term) {
	if len(t.key) > 1 && t.opts.Type == Set {
		return make([]term.Term, t.arity), t.keyParts()
	}
	if len(t.key) > 1 {
		b := make([]term.Term, t.arity+len(t.key))
		return b[:t.arity:t.arity], b[t.arity:]
	}
	return make([]term.Term, t.arity), nil
}

// place puts the value of column col in the elements of a row tuple, or
// in the parts of its composite key.
func (t *Table) place(row, key []term.Term, col int, v term.Term) {
	if p := t.pos[col]; p.Sub > 0 {
		key[p.Sub-1] = v
	} else {
		row[p.Elem-1] = v
	}
}

// build lays coerced values (declared column order) out as a row tuple.
func (t *Table) build(vals []term.Term, rowid int64) term.Term {
	elems := make([]term.Term, t.arity)
	switch len(t.key) {
	case 0:
		elems[0] = term.Int(rowid)
	case 1:
		elems[0] = vals[t.key[0]]
	default:
		key := make([]term.Term, len(t.key))
		for k, col := range t.key {
			key[k] = vals[col]
		}
		elems[0] = term.Tuple(key...)
	}
	for i, v := range vals {
		if p := t.pos[i]; p.Sub == 0 && !t.cols[i].PrimaryKey {
			elems[p.Elem-1] = v
		}
	}
	return term.Tuple(elems...)
}

// Values returns the column values of a row tuple in declared order (the
// inverse of Row; the row id is not among them). A term that does not have
// the shape of the table's rows (a tuple of Arity elements; for a composite
// key, a key tuple of the key's size) is an ErrBadRow error. The values are
// not type-checked: rows written by other means come back as they are.
func (t *Table) Values(row term.Term) ([]term.Term, error) {
	if err := t.checkShape(row); err != nil {
		return nil, err
	}
	vals := make([]term.Term, len(t.cols))
	for i := range t.cols {
		vals[i], _ = t.Value(row, i)
	}
	return vals, nil
}

func (t *Table) checkShape(row term.Term) error {
	if row.Arity() != t.arity {
		return errorf(ErrBadRow, "table %s: %s is not a row (tuple of size %d)", t.name, showValue(row), t.arity)
	}
	if len(t.key) > 1 {
		if key, _ := row.Element(1); key.Arity() != len(t.key) {
			return errorf(ErrBadRow, "table %s: %s is not a row (key tuple of size %d)", t.name, showValue(row), len(t.key))
		}
	}
	return nil
}

// Value returns the value of column col (or of the row id, for
// RowIDColumn) in a row tuple, without allocating; false if the row does
// not have the table's shape there.
func (t *Table) Value(row term.Term, col int) (term.Term, bool) {
	p := t.Position(col)
	v, ok := row.Element(p.Elem)
	if ok && p.Sub > 0 {
		v, ok = v.Element(p.Sub)
	}
	return v, ok
}

// RowID returns the row id of a row of a table without primary key.
func (t *Table) RowID(row term.Term) (int64, bool) {
	if !t.HasRowID() {
		return 0, false
	}
	v, _ := row.Element(1)
	return v.Int64()
}

// NoteRowID makes sure row ids handed out later are greater than id: call
// it for every row when rows of a rowid table are loaded from elsewhere.
func (t *Table) NoteRowID(id int64) {
	for {
		last := t.rowid.Load()
		if id <= last || t.rowid.CompareAndSwap(last, id) {
			return
		}
	}
}

// NeedsKey reports whether row, of a table with an integer key, has NULL
// for its key: the inserter assigns one (see AssignKeys).
func (t *Table) NeedsKey(row term.Term) bool {
	k, _ := row.Element(1)
	return t.intKey && IsNull(k)
}

// NotedKey returns the largest key noted by NoteKey (0 if none): with
// AUTOINCREMENT, the floor of the keys AssignKeys may give.
func (t *Table) NotedKey() int64 { return t.rowid.Load() }

// NoteKey records that key was stored in a table with an integer key, so
// that NotedKey is at least key.
func (t *Table) NoteKey(key int64) { t.NoteRowID(key) }

// AssignKeys fills, in order, the NULL key of each row of a table with an
// integer key (see IntegerKey) with one more than the largest key so far:
// max, the table's largest key before the rows, or a larger key given by
// an earlier row, as SQLite numbers an INTEGER PRIMARY KEY. It returns
// the rows (changed in place) and the largest key among them, or max if
// none is larger. A key beyond the 64-bit range is an ErrBadValue error.
func (t *Table) AssignKeys(rows []term.Term, max int64) ([]term.Term, int64, error) {
	if !t.intKey {
		return rows, max, nil
	}
	for i, row := range rows {
		k, _ := row.Element(1)
		if !IsNull(k) {
			if v, ok := k.Int64(); ok && v > max {
				max = v
			}
			continue
		}
		if max == math.MaxInt64 {
			return nil, 0, t.columnError(t.key[0], errorf(ErrBadValue, "no key left to assign: the largest is %d", max))
		}
		max++
		elems := slices.Clone(row.Elements())
		elems[0] = term.Int(max)
		rows[i] = term.Tuple(elems...)
	}
	return rows, max, nil
}

// Update returns row with the columns in set (column index -> new value)
// replaced, coerced and checked as for an insert; the other columns and
// the row id are kept. Changing a key column changes the row's key: the
// caller deletes the old row. The row id itself cannot be set.
func (t *Table) Update(row term.Term, set map[int]term.Term) (term.Term, error) {
	vals, err := t.Values(row)
	if err != nil {
		return term.Term{}, err
	}
	for col := range set {
		if col < 0 || col >= len(t.cols) {
			return term.Term{}, t.columnError(RowIDColumn, errorf(ErrBadRow, "cannot update the row id"))
		}
	}
	for col := range t.cols { // in column order, so the first bad column is reported
		if v, ok := set[col]; ok {
			if vals[col], err = t.Coerce(col, v); err != nil {
				return term.Term{}, err
			}
		}
	}
	id, _ := t.RowID(row)
	return t.build(vals, id), nil
}
