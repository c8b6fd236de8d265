package etsql

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/planner"
	"github.com/etsql/etsql/term"
)

// Stmt is a prepared statement: parsed and planned once by Prepare, then
// run many times with different arguments, one for each placeholder. It
// keeps its plan, match specifications included, across runs; after a
// CREATE or DROP TABLE anywhere in the DB it is planned again from its
// parsed text when it next runs, so it never runs against a table that
// is gone. It is safe for concurrent use. Close it when done: a closed Stmt
// returns ErrClosed.
type Stmt struct {
	db     *DB
	sql    string
	ast    parser.Statement
	tx     *Tx // the transaction it runs in (Tx.Prepare, Tx.Stmt), or nil
	closed atomic.Bool
	cur    atomic.Pointer[stmtPlan] // the plan of the current schema version, as far as known
}

// stmtPlan is a Stmt's plan and the schema version it was made for.
type stmtPlan struct {
	st  *planner.Statement
	ver uint64
}

func newStmt(db *DB, sql string, ast parser.Statement, st *planner.Statement, ver uint64, tx *Tx) *Stmt {
	s := &Stmt{db: db, sql: sql, ast: ast, tx: tx}
	s.cur.Store(&stmtPlan{st: st, ver: ver})
	return s
}

// Prepare parses and plans one statement (not a script) for running many
// times: syntax errors, unknown tables and columns are reported now, not
// at run time. The plan is not shared with the plan cache of Exec and
// Query.
func (db *DB) Prepare(sql string) (*Stmt, error) {
	v, err := db.currentVersion()
	if err != nil {
		return nil, err
	}
	ast, st, err := db.parseAndPlan(sql)
	if err != nil {
		return nil, err
	}
	return newStmt(db, sql, ast, st, v, nil), nil
}

// NumInput is the number of placeholders, the number of arguments Exec
// and Query take by position ($N placeholders count up to the largest N;
// each distinct name counts once).
func (s *Stmt) NumInput() int { return s.cur.Load().st.NumParams() }

func (s *Stmt) plan() (*planner.Statement, error) {
	if s.closed.Load() {
		return nil, fmt.Errorf("statement %w", ErrClosed)
	}
	if s.tx != nil {
		if err := s.tx.check(); err != nil {
			return nil, err
		}
	}
	v, err := s.db.currentVersion()
	if err != nil {
		return nil, err
	}
	if p := s.cur.Load(); p.ver == v {
		return p.st, nil
	}
	st, err := planner.Plan(catalog{s.db}, s.sql, s.ast)
	if err != nil {
		return nil, err
	}
	if reusable(s.ast) {
		s.cur.Store(&stmtPlan{st: st, ver: v})
	}
	return st, nil
}

// Exec runs the statement with one argument for each placeholder and
// reports what it changed.
func (s *Stmt) Exec(args ...any) (Result, error) {
	return s.ExecContext(context.Background(), args...)
}

// ExecContext is Exec with a context, checked during scans.
func (s *Stmt) ExecContext(ctx context.Context, args ...any) (Result, error) {
	st, err := s.plan()
	if err != nil {
		return Result{}, err
	}
	return s.db.execPlan(s.txContext(ctx), st, args)
}

// Query runs the statement with one argument for each placeholder and
// returns its rows.
func (s *Stmt) Query(args ...any) (*Rows, error) {
	return s.QueryContext(context.Background(), args...)
}

// QueryContext is Query with a context, checked during scans.
func (s *Stmt) QueryContext(ctx context.Context, args ...any) (*Rows, error) {
	st, err := s.plan()
	if err != nil {
		return nil, err
	}
	return queryPlan(s.txContext(ctx), s.db, st, args)
}

// QueryRow runs a query expected to return at most one row; errors are
// deferred to Row.Scan. A key lookup through it allocates nothing but
// what Scan's destinations need.
func (s *Stmt) QueryRow(args ...any) *Row {
	rows, err := s.queryRow(context.Background(), args)
	return &Row{rows: rows, err: err}
}

// QueryRowContext is QueryRow with a context.
func (s *Stmt) QueryRowContext(ctx context.Context, args ...any) *Row {
	rows, err := s.queryRow(ctx, args)
	return &Row{rows: rows, err: err}
}

func (s *Stmt) queryRow(ctx context.Context, args []any) (*Rows, error) {
	st, err := s.plan()
	if err != nil {
		return nil, err
	}
	// args are hidden from escape analysis, so that boxing them costs no
	// allocation; runInto copies what it binds from them (see noescape.go).
	return queryPooled(s.txContext(ctx), s.db, st, hideArgs(args), true)
}

// Close closes the statement: Exec and Query then return ErrClosed.
// Closing twice does nothing; Rows already returned stay readable.
func (s *Stmt) Close() error {
	s.closed.Store(true)
	return nil
}

// Plan is a statement's plan as Explain returns it.
type Plan struct {
	Lines    []string      // EXPLAIN's text, one line per plan element
	Accesses []TableAccess // each table access, subqueries included, in plan order
	Columns  []Column      // the result columns, as Rows.Columns gives them; none for a statement without rows
}

// TableAccess is how a plan reads one table: the access path chosen from
// the WHERE clause, the ETS match specification run on the rows it finds,
// and what is left for the residual filter.
//
// For SELECT name FROM products WHERE id = 11 AND price > 10, on a table
// products (id INT PRIMARY KEY, name TEXT, price FLOAT, stock INT), it is
// Table "products", Path planner.PathLookup, Spec
//
//	[{{11,'_','$3','_'},[{'andalso',{is_number,'$3'},{'>','$3',10}}],['$_']}]
//
// and Residual "": the match specification checks all of the WHERE clause.
type TableAccess struct {
	Table    string               // the table, with its alias if the query gives one ("products AS p")
	Path     planner.PathKind     // how rows are found: key lookup, key prefix or range, full select
	Detail   string               // the access path as EXPLAIN prints it
	Spec     *matchspec.MatchSpec // exactly what ets:select/2 would take; placeholders as '?N' atoms unless Explain had arguments
	Residual string               // SQL checked on each matched row after the match ("" if none)
}

// Explain plans a statement without running it and returns the plan: the
// access path of each table and the match specification. With no args
// the placeholders show as atoms ('?1'); otherwise args must give one
// value for each placeholder (ErrParams), substituted in the specification,
// and the plan is the one that runs with them: a scan whose values are
// each of the type of the column they are compared with (7 for an INT
// column, not '7' or 7.0) plans as the literal SQL would.
func (db *DB) Explain(sql string, args ...any) (*Plan, error) {
	st, err := db.plan(sql)
	if err != nil {
		return nil, err
	}
	var targs []term.Term
	if len(args) > 0 { // without arguments, Explain shows the placeholders
		if targs, err = bindArgs(st, args); err != nil {
			return nil, err
		}
	}
	p := &Plan{Lines: st.Explain("ERLANG", targs...)}
	for _, c := range st.Columns() {
		p.Columns = append(p.Columns, Column(c))
	}
	for _, a := range st.Accesses(targs...) {
		p.Accesses = append(p.Accesses, TableAccess{Table: a.Table, Path: a.Path, Detail: a.Detail, Spec: a.Spec, Residual: a.Residual})
	}
	return p, nil
}
