package shell

import (
	"context"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// Column is a result column: its name and SQL type.
type Column struct {
	Name string
	Type schema.Type
}

// Rows streams the rows of a query. Values returns the current row's
// values as the terms the tables store (NULL is the atom undefined); the
// slice is valid until the next call to Next.
type Rows interface {
	Columns() []Column
	Next() bool
	Values() []term.Term
	Err() error
	Close() error
}

// Table describes an SQL table for .tables, .schema and completion.
type Table struct {
	Name    string
	Columns []Column
	Create  string // its CREATE TABLE statement, then those of its indexes
	View    bool   // a view: Create is its CREATE VIEW statement, Columns is empty
}

// Backend is the SQL side of the shell: the etsql Go API, or a stand-in.
// The shell parses every statement first (so syntax errors carry the
// statement's position without asking the backend) and sends queries
// (SELECT, EXPLAIN) to Query and every other statement to Exec.
type Backend interface {
	Query(ctx context.Context, sql string) (Rows, error)
	Exec(ctx context.Context, sql string) (rowsAffected int64, err error)
	// Tables lists the SQL tables and views in name order.
	Tables() []Table
	// Load inserts rows (full rows, values in column order, as Go values
	// of the kinds schema.FromGo takes) into an SQL table in bulk: all of
	// them or, on an error, none.
	Load(ctx context.Context, table string, rows [][]any) error
	// Engine and Process give the ETS side: SQL tables are named ETS
	// tables the process can read.
	Engine() *engine.DB
	Process() *engine.Process
}

// PosError is an error a Backend positions in the statement's text
// (1-based line and column, relative to the statement), so that the shell
// reports it at FILE:LINE:COL.
type PosError struct {
	Line, Col int
	Msg       string
	Err       error // the backend's own error
}

func (e *PosError) Error() string { return e.Msg }

// Unwrap returns the backend's error.
func (e *PosError) Unwrap() error { return e.Err }
