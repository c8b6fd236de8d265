package etsql

import (
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/etsql/etsql/planner"
	"github.com/etsql/etsql/term"
)

// Arguments bind to placeholders by position or by name. A statement's
// placeholders are numbered as SQLite numbers them (see
// parser.Placeholder): ?, ?N and $N by their number, and each distinct
// :name, @name or $name by its first appearance, so that positional
// arguments bind named placeholders in that order. A sql.NamedArg
// (sql.Named("id", 7), in the native API as through database/sql) binds
// every placeholder of its name, whatever its prefix; the other arguments
// bind the placeholder numbered as their position among all arguments.

// bindInto appends to dst the terms of st's parameters, from args or,
// through the driver, from named (one of them is nil).
func bindInto(dst []term.Term, st *planner.Statement, args []any, named []driver.NamedValue) ([]term.Term, error) {
	if named != nil {
		if !hasNamedValue(named) {
			if err := checkCount(st, len(named)); err != nil {
				return nil, err
			}
			return appendNamedArgs(dst, named)
		}
		args = driverArgs(named)
	}
	if hasNamedArg(args) {
		return bindByName(dst, st, args)
	}
	if err := checkCount(st, len(args)); err != nil {
		return nil, err
	}
	return appendArgs(dst, args)
}

// checkCount refuses more or fewer positional arguments than st has
// placeholders.
func checkCount(st *planner.Statement, got int) error {
	if n := st.NumParams(); got != n {
		return fmt.Errorf("%w: statement has %d placeholders, got %d arguments", ErrParams, n, got)
	}
	return nil
}

func hasNamedArg(args []any) bool {
	for _, a := range args {
		if _, ok := a.(sql.NamedArg); ok {
			return true
		}
	}
	return false
}

func hasNamedValue(args []driver.NamedValue) bool {
	for _, a := range args {
		if a.Name != "" {
			return true
		}
	}
	return false
}

// driverArgs turns database/sql's arguments into the native API's, a
// named one into a sql.NamedArg.
func driverArgs(args []driver.NamedValue) []any {
	vals := make([]any, len(args))
	for i, a := range args {
		vals[i] = a.Value
		if a.Name != "" {
			vals[i] = sql.Named(a.Name, a.Value)
		}
	}
	return vals
}

// bindByName binds args, some of them sql.NamedArg, to st's parameters
// (see above), every parameter exactly once.
func bindByName(dst []term.Term, st *planner.Statement, args []any) ([]term.Term, error) {
	n := st.NumParams()
	names := st.ParamNames()
	start := len(dst)
	dst = append(dst, make([]term.Term, n)...)
	vals := dst[start:]
	for i, a := range args {
		if na, ok := a.(sql.NamedArg); ok {
			t, err := argTerm(na.Value)
			if err != nil {
				return nil, fmt.Errorf("argument %s: %w", na.Name, err)
			}
			found := false
			for p, name := range names {
				if name == na.Name {
					vals[p], found = t, true
				}
			}
			if !found {
				return nil, fmt.Errorf("%w: no parameter named %s", ErrParams, na.Name)
			}
			continue
		}
		if i >= n {
			return nil, fmt.Errorf("%w: statement has %d placeholders, got argument %d", ErrParams, n, i+1)
		}
		t, err := argTerm(a)
		if err != nil {
			return nil, fmt.Errorf("argument %d: %w", i+1, err)
		}
		vals[i] = t
	}
	for p, v := range vals {
		if v.IsValid() {
			continue
		}
		if p < len(names) && names[p] != "" {
			return nil, fmt.Errorf("%w: no value for parameter %s", ErrParams, names[p])
		}
		return nil, fmt.Errorf("%w: no value for parameter %d", ErrParams, p+1)
	}
	return dst, nil
}
