package etsql

import (
	"database/sql"
	"errors"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/planner"
	"github.com/etsql/etsql/schema"
)

// The sentinel errors of package etsql. Errors from Exec, Query and
// Prepare wrap one of them (or a package's own sentinel); test with
// errors.Is. A syntax error is a *parser.Error carrying the position:
// use errors.As.
var (
	// ErrSyntax: the SQL text does not parse (a *parser.Error).
	ErrSyntax = parser.ErrSyntax
	// ErrNoTable: a table name the database does not have. It is
	// engine.ErrNoTable, which the engine returns for a deleted table, so
	// it matches either; like every engine sentinel it matches ErrBadArg.
	ErrNoTable = engine.ErrNoTable
	// ErrTableExists: CREATE TABLE of a name already taken.
	ErrTableExists = planner.ErrTableExists
	// ErrIndexExists: CREATE INDEX of a name already taken.
	ErrIndexExists = planner.ErrIndexExists
	// ErrNoView: DROP VIEW of a name no view has.
	ErrNoView = planner.ErrNoView
	// ErrTriggerExists: CREATE TRIGGER of a name a trigger has.
	ErrTriggerExists = planner.ErrTriggerExists
	// ErrNoTrigger: DROP TRIGGER of a name no trigger has.
	ErrNoTrigger = planner.ErrNoTrigger
	// ErrNoIndex: DROP INDEX of a name no index has.
	ErrNoIndex = planner.ErrNoIndex
	// ErrNoColumn: a column name no table in scope has.
	ErrNoColumn = planner.ErrNoColumn
	// ErrConstraint: a UNIQUE (primary key) constraint failed: the
	// statement changed nothing.
	ErrConstraint = planner.ErrConstraint
	// ErrDuplicateKey is ErrConstraint, by the name Go programs look for.
	ErrDuplicateKey = planner.ErrConstraint
	// ErrNotNull: NULL for a NOT NULL or primary key column.
	ErrNotNull = schema.ErrNotNull
	// ErrBadValue: a value a column cannot store.
	ErrBadValue = schema.ErrBadValue
	// ErrAccess: the table's ETS access mode forbids the operation.
	ErrAccess = engine.ErrAccess
	// ErrBadArg: any engine failure that Erlang's ets would raise as
	// badarg (ErrAccess is one); engine's errors.go tells the finer causes.
	ErrBadArg = engine.ErrBadArg
	// ErrAmbiguous: an unqualified column name two tables in scope have.
	ErrAmbiguous = planner.ErrAmbiguous
	// ErrNoFunction: an unknown SQL function.
	ErrNoFunction = planner.ErrNoFunction
	// ErrMisuse: an aggregate where none may be, a wrong number of
	// arguments to a function, a subquery of several columns where one is
	// needed.
	ErrMisuse = planner.ErrMisuse
	// ErrOverflow: sum() of integers past the 64-bit range (SQLite's
	// "integer overflow").
	ErrOverflow = planner.ErrOverflow
	// ErrUnsupported: valid SQL that etsql does not run, such as a UNIQUE
	// column that is not the primary key.
	ErrUnsupported = planner.ErrUnsupported
	// ErrTxDone: a statement, Commit or Rollback on a transaction that has
	// already been committed or rolled back. It is database/sql's
	// sql.ErrTxDone, so either matches it.
	ErrTxDone = sql.ErrTxDone
	// ErrTxState: BEGIN within a transaction, COMMIT or ROLLBACK outside
	// one, BEGIN through DB.Exec outside a script, or a script ending
	// inside the transaction it began.
	ErrTxState = errors.New("transaction state")
	// ErrBusy: a write waited longer than the busy timeout for the write
	// transaction of another session to end (SQLite's SQLITE_BUSY,
	// "database is locked"); see WithBusyTimeout.
	ErrBusy = errors.New("database is locked")
	// ErrReadOnly: a write in a read-only transaction.
	ErrReadOnly = errors.New("read-only transaction")
	// ErrBadDSN: a data source name the database/sql driver does not
	// understand (see Driver).
	ErrBadDSN = errors.New("bad data source name")
	// ErrParams: the wrong number of arguments for the placeholders.
	ErrParams = planner.ErrParams
	// ErrNoRows: QueryRow's Scan found no row.
	ErrNoRows = errors.New("no rows in result set")
	// ErrClosed: the database, statement or rows are closed.
	ErrClosed = errors.New("closed")
)
