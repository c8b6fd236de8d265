package schema

import (
	"slices"
	"strings"
	"sync/atomic"

	"github.com/etsql/etsql/term"
)

// Column is one declared column.
type Column struct {
	Name       string
	Type       Type
	NotNull    bool      // NOT NULL (implied for primary key columns)
	PrimaryKey bool      // a column-level PRIMARY KEY; or list it in TableDef.PrimaryKey
	Default    term.Term // DEFAULT value; the zero Term for none (NULL)
	// AutoIncrement (AUTOINCREMENT) makes the assigned keys of an integer
	// key never repeat one ever used (see Table.IntegerKey); only on the
	// INT column that is the whole primary key.
	AutoIncrement bool
}

// TableDef is a table declaration, as CREATE TABLE gives it.
type TableDef struct {
	Name       string
	Columns    []Column
	PrimaryKey []string // the key columns in key order; nil for none
	Options    Options
}

// RowIDColumn is the column index standing for the hidden row id of a table
// without a primary key, in the methods that take a column index. Lookup
// gives it for the name "rowid" (RowIDName) unless a column has that name.
const RowIDColumn = -1

// RowIDName is the name the hidden row id answers to.
const RowIDName = "rowid"

// Position is where a column's value lies in a row tuple.
type Position struct {
	Elem int // 1-based element of the row tuple, for element/2 and ets:update_element
	Sub  int // 1-based element inside the composite key tuple at Elem 1; 0 if none
}

// Table is a declared table: its columns and key, how its rows map to
// tuples, and the counter of its hidden row ids. A Table never changes once
// built, except for the row id counter, which is safe for concurrent use;
// all its methods may be called from several goroutines.
type Table struct {
	name    string
	cols    []Column       // Default coerced to Type; NotNull set for key columns
	byName  map[string]int // lower-case name -> column index
	key     []int          // key columns in key order; nil for a rowid table
	pos     []Position     // per column
	arity   int            // size of a row tuple
	opts    Options
	rowid   atomic.Int64 // the last row id handed out; for an integer key, the largest noted
	intKey  bool         // the key is one INT column: see IntegerKey
	autoInc bool         // AUTOINCREMENT
}

// NewTable checks a declaration and builds the table. It refuses a table
// without a name or columns, a column without a valid type, two columns of
// the same name (ErrDuplicateColumn; names are case-insensitive), two
// primary keys, a key naming no column (ErrNoColumn), a DEFAULT its column
// cannot store, and invalid options (ErrBadDefinition).
func NewTable(def TableDef) (*Table, error) {
	if def.Name == "" {
		return nil, errorf(ErrBadDefinition, "table has no name")
	}
	if len(def.Columns) == 0 {
		return nil, errorf(ErrBadDefinition, "table %s has no columns", def.Name)
	}
	if int(def.Options.Type) >= len(tableTypeNames) || int(def.Options.Access) >= len(accessNames) {
		return nil, errorf(ErrBadDefinition, "table %s: invalid options", def.Name)
	}
	t := &Table{name: def.Name, cols: slices.Clone(def.Columns), byName: make(map[string]int), opts: def.Options}
	if err := t.addColumns(); err != nil {
		return nil, err
	}
	keyNames, err := t.keyNames(def.PrimaryKey)
	if err != nil {
		return nil, err
	}
	if err := t.setKey(keyNames); err != nil {
		return nil, err
	}
	if err := t.setIntegerKey(); err != nil {
		return nil, err
	}
	t.layout()
	return t, nil
}

func (t *Table) addColumns() error {
	for i := range t.cols {
		c := &t.cols[i]
		if c.Name == "" {
			return errorf(ErrBadDefinition, "table %s: column %d has no name", t.name, i+1)
		}
		lower := strings.ToLower(c.Name)
		if _, dup := t.byName[lower]; dup {
			return t.columnError(i, errorf(ErrDuplicateColumn, "duplicate column"))
		}
		t.byName[lower] = i
		if !c.Type.Valid() {
			return t.columnError(i, errorf(ErrBadDefinition, "no valid type"))
		}
		if c.Default.IsValid() {
			d, err := c.Type.Coerce(c.Default)
			if err != nil {
				return t.columnError(i, errorf(ErrBadDefinition, "bad DEFAULT: %v", err))
			}
			c.Default = d
		}
	}
	return nil
}

// keyNames returns the primary key from either the table-level list or the
// one column marked PrimaryKey.
func (t *Table) keyNames(tableLevel []string) ([]string, error) {
	names := slices.Clone(tableLevel)
	for _, c := range t.cols {
		if c.PrimaryKey {
			if len(names) > 0 {
				return nil, errorf(ErrBadDefinition, "table %s has more than one primary key", t.name)
			}
			names = []string{c.Name}
		}
	}
	return names, nil
}

func (t *Table) setKey(names []string) error {
	for _, name := range names {
		i, ok := t.byName[strings.ToLower(name)]
		if !ok {
			return &ColumnError{Table: t.name, Column: name, Err: errorf(ErrNoColumn, "primary key names no column")}
		}
		if slices.Contains(t.key, i) {
			return t.columnError(i, errorf(ErrDuplicateColumn, "named twice in the primary key"))
		}
		t.key = append(t.key, i)
		t.cols[i].NotNull = true
		t.cols[i].PrimaryKey = true
	}
	return nil
}

// setIntegerKey marks a key of one INT column as an integer key, and
// checks that AUTOINCREMENT is only on one.
func (t *Table) setIntegerKey() error {
	t.intKey = len(t.key) == 1 && t.cols[t.key[0]].Type == Int
	for i, c := range t.cols {
		if !c.AutoIncrement {
			continue
		}
		if !t.intKey || t.key[0] != i {
			return t.columnError(i, errorf(ErrBadDefinition, "AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY"))
		}
		t.autoInc = true
	}
	return nil
}

// layout assigns each column its place in the row tuple: the key (or the
// row id) at element 1, the other columns after it in declared order.
func (t *Table) layout() {
	t.pos = make([]Position, len(t.cols))
	for k, i := range t.key {
		t.pos[i] = Position{Elem: 1}
		if len(t.key) > 1 {
			t.pos[i].Sub = k + 1
		}
	}
	elem := 1
	for i := range t.cols {
		if !t.cols[i].PrimaryKey {
			elem++
			t.pos[i] = Position{Elem: elem}
		}
	}
	t.arity = elem
}

func (t *Table) columnError(col int, err error) error {
	name := RowIDName
	if col >= 0 {
		name = t.cols[col].Name
	}
	return &ColumnError{Table: t.name, Column: name, Err: err}
}

// Name returns the table's name as declared.
func (t *Table) Name() string { return t.name }

// Options returns the table's ETS options.
func (t *Table) Options() Options { return t.opts }

// Columns returns the columns in declared order, with each DEFAULT coerced
// to its column's type and NotNull and PrimaryKey set for key columns.
func (t *Table) Columns() []Column { return slices.Clone(t.cols) }

// NumColumns returns the number of declared columns.
func (t *Table) NumColumns() int { return len(t.cols) }

// Column returns the column at index col (0-based, declared order).
func (t *Table) Column(col int) Column { return t.cols[col] }

// Lookup returns the index of the column named name, compared
// case-insensitively as SQL does. A table without a primary key also
// answers RowIDColumn for "rowid", unless it has a column of that name.
func (t *Table) Lookup(name string) (int, bool) {
	lower := strings.ToLower(name)
	if i, ok := t.byName[lower]; ok {
		return i, true
	}
	if t.HasRowID() && lower == RowIDName {
		return RowIDColumn, true
	}
	return 0, false
}

// ColumnIndex is Lookup returning an ErrNoColumn error
// ("table products, column pricee: no such column") for an unknown name.
func (t *Table) ColumnIndex(name string) (int, error) {
	if i, ok := t.Lookup(name); ok {
		return i, nil
	}
	return 0, &ColumnError{Table: t.name, Column: name, Err: ErrNoColumn}
}

// PrimaryKey returns the indexes of the key columns in key order, or nil
// for a table keyed by row id.
func (t *Table) PrimaryKey() []int { return slices.Clone(t.key) }

// HasRowID reports whether the table has no primary key, its rows being
// keyed by a hidden row id.
func (t *Table) HasRowID() bool { return len(t.key) == 0 }

// IntegerKey reports whether the primary key is one INT column, which
// SQLite calls an INTEGER PRIMARY KEY: Row, Rows and their variants then
// accept NULL (or nothing) for it and leave NULL at the key's place, for
// the inserter to fill with AssignKeys.
func (t *Table) IntegerKey() bool { return t.intKey }

// AutoIncrement reports whether the integer key was declared
// AUTOINCREMENT: assigned keys never repeat one used before, even one
// since deleted (see NoteKey).
func (t *Table) AutoIncrement() bool { return t.autoInc }

// Arity returns the size of the table's row tuples.
func (t *Table) Arity() int { return t.arity }

// Position returns where column col lies in a row tuple; for RowIDColumn,
// element 1.
func (t *Table) Position(col int) Position {
	if col == RowIDColumn {
		return Position{Elem: 1}
	}
	return t.pos[col]
}

// Type returns the type of column col; INT for RowIDColumn.
func (t *Table) Type(col int) Type {
	if col == RowIDColumn {
		return Int
	}
	return t.cols[col].Type
}

// Coerce returns v converted for column col (see Type.Coerce), refusing
// NULL for a NOT NULL column. Errors are *ColumnError values naming the
// table and column: "table products, column price: cannot store 'abc' as
// FLOAT" (ErrBadValue), "table products, column name: cannot store NULL in
// a NOT NULL column" (ErrNotNull).
func (t *Table) Coerce(col int, v term.Term) (term.Term, error) {
	out, err := t.Type(col).Coerce(v)
	if err != nil {
		return term.Term{}, t.columnError(col, err)
	}
	if IsNull(out) && (col == RowIDColumn || t.cols[col].NotNull) {
		return term.Term{}, t.notNullError(col)
	}
	return out, nil
}

// notNullError is the ErrNotNull error of a NULL for column col.
func (t *Table) notNullError(col int) error {
	what := "a NOT NULL"
	if col == RowIDColumn || t.cols[col].PrimaryKey {
		what = "a primary key"
	}
	return t.columnError(col, errorf(ErrNotNull, "cannot store NULL in %s column", what))
}

// Key returns the ETS key of the row whose key columns hold values (in key
// order), coerced as for an insert: the value itself for a one-column key,
// the tuple of the values for a composite key. For a rowid table it takes
// one value, the row id. A planner uses it for key lookups.
func (t *Table) Key(values ...term.Term) (term.Term, error) {
	cols := t.key
	if t.HasRowID() {
		cols = []int{RowIDColumn}
	}
	if len(values) != len(cols) {
		return term.Term{}, errorf(ErrBadRow, "table %s: key has %d columns but %d values were supplied", t.name, len(cols), len(values))
	}
	parts := make([]term.Term, len(cols))
	for k, col := range cols {
		v, err := t.Coerce(col, values[k])
		if err != nil {
			return term.Term{}, err
		}
		parts[k] = v
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	return term.Tuple(parts...), nil
}

// Def returns a declaration of the table: NewTable(t.Def()) builds a
// table of the same columns, key and options (with a fresh row id
// counter). ALTER TABLE edits it.
func (t *Table) Def() TableDef {
	def := TableDef{Name: t.name, Columns: slices.Clone(t.cols), Options: t.opts}
	for i := range def.Columns {
		def.Columns[i].PrimaryKey = false // the key is listed below
	}
	for _, k := range t.key {
		def.PrimaryKey = append(def.PrimaryKey, t.cols[k].Name)
	}
	return def
}
