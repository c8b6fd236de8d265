package schema

import (
	"errors"
	"fmt"
)

// The sentinel errors of package schema. Every error the package returns
// wraps one of them, so callers test with errors.Is; errors about one
// column of one table are a *ColumnError.
var (
	// ErrUnknownType: a column type name that is not one of the types
	// ParseType knows.
	ErrUnknownType = errors.New("unknown type")

	// ErrTypeParams: a known type name with parameters it does not take,
	// as in BOOL(3) or VARCHAR(1, 2).
	ErrTypeParams = errors.New("bad type parameters")

	// ErrBadDefinition: a table declaration that cannot be built: no name,
	// no columns, a primary key naming no column, two primary keys, a
	// DEFAULT that does not fit its column, a bad table option.
	ErrBadDefinition = errors.New("bad table definition")

	// ErrDuplicateColumn: a column named twice, in a table declaration or
	// in the column list of an insert.
	ErrDuplicateColumn = errors.New("duplicate column")

	// ErrNoColumn: a column name the table does not have.
	ErrNoColumn = errors.New("no such column")

	// ErrBadValue: a value that cannot be stored in a column of its type.
	ErrBadValue = errors.New("bad value")

	// ErrNotNull: NULL for a NOT NULL or primary key column.
	ErrNotNull = errors.New("not null constraint failed")

	// ErrBadRow: a list of values of the wrong length for the table, or a
	// tuple that does not have the shape of the table's rows.
	ErrBadRow = errors.New("bad row")
)

// ColumnError is an error about one column of one table. It prints as
// "table products, column price: cannot store 'abc' as FLOAT" and unwraps
// to one of the sentinel errors (ErrBadValue, ErrNotNull, ...).
type ColumnError struct {
	Table  string
	Column string
	Err    error // the error without table and column, wrapping a sentinel
}

// Error returns "table T, column C: message".
func (e *ColumnError) Error() string {
	return fmt.Sprintf("table %s, column %s: %v", e.Table, e.Column, e.Err)
}

// Unwrap returns the underlying error.
func (e *ColumnError) Unwrap() error { return e.Err }

// errorf returns an error wrapping sentinel with a formatted message
// that does not repeat the sentinel's text.
func errorf(sentinel error, format string, args ...any) error {
	return &plainError{msg: fmt.Sprintf(format, args...), err: sentinel}
}

// plainError is a message of its own that still matches its sentinel.
type plainError struct {
	msg string
	err error
}

func (e *plainError) Error() string { return e.msg }
func (e *plainError) Unwrap() error { return e.err }
