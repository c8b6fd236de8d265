package planner

import (
	"errors"
	"fmt"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/etsql/etsql/engine"
)

// The sentinel errors of package planner. Every error the planner and the
// executor return wraps one of them (or one of package schema's or
// engine's), so callers test with errors.Is. Errors about a place in the
// statement are *Error values carrying the position.
var (
	// ErrNoTable: a table name that is not in the catalog. It is
	// engine.ErrNoTable, so one test finds a missing table whether SQL or
	// the engine noticed it (and, as in ETS, it matches engine.ErrBadArg).
	ErrNoTable = engine.ErrNoTable
	// ErrTableExists: CREATE TABLE of a name already taken.
	ErrTableExists = errors.New("table already exists")
	// ErrIndexExists: CREATE INDEX of a name already taken.
	ErrIndexExists = errors.New("index already exists")
	// ErrNoView: DROP VIEW of a name no view has.
	ErrNoView = errors.New("no such view")
	// ErrTriggerExists: CREATE TRIGGER of a name a trigger has.
	ErrTriggerExists = errors.New("trigger already exists")
	// ErrNoTrigger: DROP TRIGGER of a name no trigger has.
	ErrNoTrigger = errors.New("no such trigger")
	// ErrNoIndex: DROP INDEX of a name no index has.
	ErrNoIndex = errors.New("no such index")
	// ErrNoColumn: a column name no table in scope has.
	ErrNoColumn = errors.New("no such column")
	// ErrAmbiguous: an unqualified column name two tables in scope have.
	ErrAmbiguous = errors.New("ambiguous column name")
	// ErrConstraint: a statement that would break a UNIQUE (primary key)
	// or NOT NULL constraint.
	ErrConstraint = errors.New("constraint failed")
	// ErrMisuse: an aggregate where none may be, a wrong number of
	// arguments, a subquery returning several columns where one is needed.
	ErrMisuse = errors.New("misuse")
	// ErrNoFunction: an unknown function name.
	ErrNoFunction = errors.New("no such function")
	// ErrParams: the wrong number of statement parameters.
	ErrParams = errors.New("wrong number of parameters")
	// ErrOverflow: sum() of integers past the 64-bit range, as SQLite's
	// "integer overflow".
	ErrOverflow = errors.New("integer overflow")
	// ErrUnsupported: valid SQL that etsql does not run (transactions).
	ErrUnsupported = errors.New("not supported")
)

// RollbackError is the constraint error of an INSERT OR ROLLBACK: the
// statement is undone, and the database rolls back the transaction it ran
// in, if any. It prints and unwraps as the error it holds.
type RollbackError struct{ Err error }

func (e *RollbackError) Error() string { return e.Err.Error() }

// Unwrap returns the constraint error.
func (e *RollbackError) Unwrap() error { return e.Err }

// RaiseError is the error of RAISE(ABORT, message), RAISE(FAIL, message)
// or RAISE(ROLLBACK, message) in a trigger (the last one inside a
// *RollbackError): it prints as the message and unwraps to
// ErrConstraint, as SQLite reports it. ABORT undoes the statement, FAIL
// keeps what it wrote before, ROLLBACK undoes the transaction.
type RaiseError struct {
	Action string // RaiseAbort, RaiseFail or RaiseRollback
	Msg    string
}

// The actions of RaiseError.
const (
	RaiseAbort    = "ABORT"
	RaiseFail     = "FAIL"
	RaiseRollback = "ROLLBACK"
)

func (e *RaiseError) Error() string { return e.Msg }

// Unwrap returns ErrConstraint.
func (e *RaiseError) Unwrap() error { return ErrConstraint }

// Error is an error at a place in a statement. It prints as
// "line:col: message" and unwraps to its sentinel.
type Error struct {
	Pos lexer.Position
	Msg string
	Err error
}

// Error returns "line:col: message", or the message alone for an error
// without a position.
func (e *Error) Error() string {
	if e.Pos.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

func errorf(sentinel error, pos lexer.Position, format string, args ...any) error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Err: sentinel}
}
