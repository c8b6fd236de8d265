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

// Stmt is a prepared statement: planned once, run many times with
// different arguments. It is safe for concurrent use. If the schema
// changes (CREATE or DROP TABLE) it is planned again on its next run.
type Stmt struct {
	db  *DB
	sql string
	ast parser.Statement
	st  *planner.Statement
	ver uint64

	closed atomic.Bool
}

// Prepare parses and plans a statement.
func (db *DB) Prepare(sql string) (*Stmt, error) {
	v, err := db.currentVersion()
	if err != nil {
		return nil, err
	}
	ast, err := parser.Parse(sql)
	if err != nil {
		return nil, err
	}
	st, err := planner.Plan(catalog{db}, sql, ast)
	if err != nil {
		return nil, err
	}
	return &Stmt{db: db, sql: sql, ast: ast, st: st, ver: v}, nil
}

// NumInput is the number of placeholders.
func (s *Stmt) NumInput() int { return s.st.NumParams() }

func (s *Stmt) plan() (*planner.Statement, error) {
	if s.closed.Load() {
		return nil, fmt.Errorf("statement %w", ErrClosed)
	}
	v, err := s.db.currentVersion()
	if err != nil {
		return nil, err
	}
	if v == s.ver {
		return s.st, nil
	}
	return planner.Plan(catalog{s.db}, s.sql, s.ast)
}

// Exec runs the statement.
func (s *Stmt) Exec(args ...any) (Result, error) {
	return s.ExecContext(context.Background(), args...)
}

// ExecContext runs the statement with a context.
func (s *Stmt) ExecContext(ctx context.Context, args ...any) (Result, error) {
	st, err := s.plan()
	if err != nil {
		return Result{}, err
	}
	return s.db.execPlan(ctx, st, args)
}

// Query runs the statement and returns its rows.
func (s *Stmt) Query(args ...any) (*Rows, error) {
	return s.QueryContext(context.Background(), args...)
}

// QueryContext runs the statement with a context.
func (s *Stmt) QueryContext(ctx context.Context, args ...any) (*Rows, error) {
	st, err := s.plan()
	if err != nil {
		return nil, err
	}
	return queryPlan(ctx, s.db, st, args)
}

// Close closes the statement: Exec and Query then return ErrClosed.
// Closing twice does nothing; Rows already returned stay readable.
func (s *Stmt) Close() error {
	s.closed.Store(true)
	return nil
}

// Plan is a statement's plan as Explain returns it.
type Plan struct {
	Lines    []string      // EXPLAIN's text
	Accesses []TableAccess // each table access, subqueries included
	Columns  []planner.Column
}

// TableAccess is one table access of a plan.
type TableAccess struct {
	Table    string
	Path     planner.PathKind
	Detail   string               // the access path as EXPLAIN prints it
	Spec     *matchspec.MatchSpec // exactly what ets:select/2 would take
	Residual string               // SQL checked after the match ("" if none)
}

// Explain plans a statement without running it and returns the plan: the
// access path of each table and the match specification. With no args
// the placeholders show as atoms ('?1'); otherwise args must give one
// value for each placeholder (ErrParams), substituted in the specification.
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
	p := &Plan{Lines: st.Explain("ERLANG", targs...), Columns: st.Columns()}
	for _, a := range st.Accesses(targs...) {
		p.Accesses = append(p.Accesses, TableAccess{Table: a.Table, Path: a.Path, Detail: a.Detail, Spec: a.Spec, Residual: a.Residual})
	}
	return p, nil
}
