package etsql

import (
	"fmt"
	"math/big"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/etsql/etsql/planner"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// Column describes a result column: its name as SQLite would give it and
// its type (0 when it varies from row to row). It is the planner's
// Column, so that a Rows shares its plan's columns instead of copying them.
type Column = planner.Column

// Rows is the result of a query, read with Next. When the plan allows it
// (no sort, grouping or compound SELECT: see planner.Result) rows are
// computed as Next asks for them, so the first come before the scan ends
// and a scan stops where the reader stops; an error met on the way (a
// cancelled context, a dropped table) ends the rows and is reported by
// Err. Close the Rows when not reading them to the end.
type Rows struct {
	cols   []Column // the plan's: not to be changed
	res    *planner.Result
	own    planner.Result // res when the result does not stream
	row    []term.Term
	closed bool
	err    error
	pooled bool // a QueryRow's Rows, back to rowsPool when its Row is scanned
}

// rowsPool holds the Rows of QueryRow, which the caller never sees: a key
// lookup through QueryRow then allocates nothing.
var rowsPool = sync.Pool{New: func() any { return &Rows{pooled: true} }}

// start makes r read the result that RunInto left in r.own; a streamed
// result moves to a Result of its own, which start returns (nil when the
// result does not stream).
func (r *Rows) start() *planner.Result {
	r.cols, r.row, r.closed, r.err = r.own.Columns, nil, false, nil
	r.res = &r.own
	if !r.own.Streamed() {
		return nil
	}
	r.res = r.own.Detach()
	return r.res
}

// closeOnDrop makes a Rows (or what holds it) dropped unclosed stop its
// scan, so that it does not hold the scan forever.
func closeOnDrop[T any](owner *T, res *planner.Result) {
	if res != nil {
		runtime.AddCleanup(owner, func(res *planner.Result) { res.Close() }, res)
	}
}

// Columns returns the result columns.
func (r *Rows) Columns() []Column { return slices.Clone(r.cols) }

// Next advances to the next row, reporting false at the end or on an
// error (see Err).
func (r *Rows) Next() bool {
	if r.closed {
		return false
	}
	row, ok, err := r.res.Next()
	if !ok {
		r.err = err
		r.Close()
		return false
	}
	r.row = row
	return true
}

// Err returns the error met while iterating, if any.
func (r *Rows) Err() error { return r.err }

// Close ends the iteration, stopping the scan if it is under way.
func (r *Rows) Close() error {
	if r.closed {
		return nil
	}
	r.closed, r.row = true, nil
	return r.res.Close()
}

// Terms returns the current row as stored terms (NULL is undefined). The
// slice is valid until the next call of Next, which may reuse it: copy it
// to keep it.
func (r *Rows) Terms() []term.Term { return r.row }

// Values returns the current row as Go values (see schema.ToGo): nil for
// NULL, int64, float64, string, []byte, bool, time.Time, or term.Term.
func (r *Rows) Values() []any {
	row := r.Terms()
	out := make([]any, len(row))
	for i, v := range row {
		out[i] = toGo(v, r.cols[i].Type)
	}
	return out
}

// toGo converts a value of a column whose type may be unknown.
func toGo(v term.Term, typ schema.Type) any {
	if schema.IsNull(v) {
		return nil
	}
	if typ == 0 || typ == schema.Bool && !v.IsBoolean() {
		switch {
		case v.IsInteger():
			typ = schema.Int
		case v.IsFloat():
			typ = schema.Float
		case v.IsBinary():
			typ = schema.Text
		case v.IsBoolean():
			typ = schema.Bool
		default:
			if _, ok := schema.FormatDate(v); ok {
				typ = schema.Date
			} else if _, ok := schema.FormatTimestamp(v); ok {
				typ = schema.Timestamp
			} else {
				typ = schema.Term
			}
		}
	}
	if typ == schema.Int && v.IsFloat() {
		f, _ := v.Float64()
		return f
	}
	if typ == schema.Float && v.IsInteger() {
		i, _ := v.Int64()
		return i
	}
	if typ == schema.Text && !v.IsBinary() {
		return toGo(v, 0)
	}
	return schema.ToGo(v, typ)
}

// Scan copies the current row's columns into dest: pointers to int64,
// int, float64, string, []byte, bool, time.Time, term.Term or any.
// It keeps no pointer of dest, so that the variables they point to need
// not escape to the heap (see hideAny).
func (r *Rows) Scan(dest ...any) error {
	row := r.Terms()
	if row == nil {
		return fmt.Errorf("etsql: Scan called without a row")
	}
	if len(dest) != len(row) {
		return fmt.Errorf("etsql: expected %d destination arguments in Scan, not %d", len(row), len(dest))
	}
	cols := r.cols
	for i, d := range dest {
		// the common destinations first, without a call
		v, typ := row[i], cols[i].Type
		switch d := d.(type) {
		case *int64:
			if n, ok := v.Int64(); ok && (typ == schema.Int || typ == 0 || typ == schema.Float) {
				*d = n
				continue
			}
		case *float64:
			if f, ok := v.Float64(); ok && (typ == schema.Float || typ == 0 || typ == schema.Int) {
				*d = f
				continue
			}
		case *string:
			if s, ok := v.BinaryValue(); ok && (typ == schema.Text || typ == 0 || typ == schema.Blob) {
				*d = s
				continue
			}
		case *term.Term:
			*d = v
			continue
		}
		if err := scanValue(d, v, cols[i]); err != nil {
			return err
		}
	}
	return nil
}

func scanValue(dest any, v term.Term, col Column) error {
	if t, ok := dest.(*term.Term); ok {
		*t = v
		return nil
	}
	if scanDirect(dest, v, col.Type) {
		return nil
	}
	g := toGo(v, col.Type)
	if a, ok := dest.(*any); ok {
		*a = g
		return nil
	}
	if g == nil {
		switch d := dest.(type) {
		case *string, *int64, *int, *float64, *bool, *time.Time:
			return fmt.Errorf("etsql: column %s is NULL: scan into a pointer to a pointer or any", col.Name)
		default:
			rv := reflect.ValueOf(hideAny(d))
			if rv.Kind() == reflect.Pointer && rv.Elem().Kind() == reflect.Pointer {
				rv.Elem().Set(reflect.Zero(rv.Elem().Type()))
				return nil
			}
		}
		return fmt.Errorf("etsql: column %s is NULL", col.Name)
	}
	switch d := dest.(type) {
	case *string:
		switch x := g.(type) {
		case string:
			*d = x
		case []byte:
			*d = string(x)
		case time.Time:
			if s, ok := schema.FormatDate(v); ok {
				*d = s
			} else {
				*d, _ = schema.FormatTimestamp(v)
			}
		default:
			*d = fmt.Sprint(x)
		}
		return nil
	case *[]byte:
		if s, ok := v.BinaryValue(); ok {
			*d = []byte(s)
			return nil
		}
	case *int64:
		switch x := g.(type) {
		case int64:
			*d = x
			return nil
		case float64:
			*d = int64(x)
			return nil
		case bool:
			*d = map[bool]int64{true: 1}[x]
			return nil
		}
	case *int:
		if x, ok := g.(int64); ok {
			*d = int(x)
			return nil
		}
	case *float64:
		switch x := g.(type) {
		case float64:
			*d = x
			return nil
		case int64:
			*d = float64(x)
			return nil
		}
	case *bool:
		switch x := g.(type) {
		case bool:
			*d = x
			return nil
		case int64:
			*d = x != 0
			return nil
		}
	case *time.Time:
		if x, ok := g.(time.Time); ok {
			*d = x
			return nil
		}
	case **big.Int:
		if b, ok := v.Big(); ok {
			*d = b
			return nil
		}
	}
	rv := reflect.ValueOf(hideAny(dest))
	if rv.Kind() == reflect.Pointer && rv.Elem().Kind() == reflect.Pointer {
		p := reflect.New(rv.Elem().Type().Elem())
		if err := scanValue(p.Interface(), v, col); err != nil {
			return err
		}
		rv.Elem().Set(p)
		return nil
	}
	return fmt.Errorf("etsql: cannot scan column %s (%T) into %s", col.Name, g, reflect.TypeOf(dest))
}

// scanDirect writes the commonest cases (text into a string, numbers into
// int64, int or float64) straight from the term, without the boxing of
// toGo; it reports false for the others, which give the same results
// through toGo.
func scanDirect(dest any, v term.Term, typ schema.Type) bool {
	numeric := typ == 0 || typ == schema.Int || typ == schema.Float
	switch d := dest.(type) {
	case *string:
		s, ok := v.BinaryValue()
		if ok && (typ == 0 || typ == schema.Text || typ == schema.Blob) {
			*d = s
			return true
		}
	case *int64:
		if i, ok := v.Int64(); ok && v.IsInteger() && numeric {
			*d = i
			return true
		}
	case *int:
		if i, ok := v.Int64(); ok && v.IsInteger() && numeric && int64(int(i)) == i {
			*d = int(i)
			return true
		}
	case *float64:
		if f, ok := v.Float64(); ok && v.IsFloat() && numeric {
			*d = f
			return true
		}
		if i, ok := v.Int64(); ok && v.IsInteger() && numeric {
			*d = float64(i)
			return true
		}
	}
	return false
}

// Row is QueryRow's result.
type Row struct {
	rows *Rows
	err  error
}

// Scan copies the first row into dest, or returns ErrNoRows.
func (r *Row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	rows := r.rows
	if rows == nil { // scanned already
		return ErrNoRows
	}
	err := scanFirst(rows, dest)
	rows.Close()
	if rows.pooled {
		r.rows = nil
		rows.release()
	}
	return err
}

func scanFirst(rows *Rows, dest []any) error {
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return ErrNoRows
	}
	return rows.Scan(dest...)
}

// release puts a closed pooled Rows back in rowsPool.
func (r *Rows) release() {
	r.cols, r.res, r.row, r.err = nil, nil, nil, nil
	rowsPool.Put(r)
}

// Err returns the query's error.
func (r *Row) Err() error { return r.err }

// appendArgs appends the Go arguments, turned into terms, to dst.
func appendArgs(dst []term.Term, args []any) ([]term.Term, error) {
	for i, a := range args {
		t, err := argTerm(a)
		if err != nil {
			return nil, fmt.Errorf("argument %d: %w", i+1, err)
		}
		dst = append(dst, t)
	}
	return dst, nil
}

func argTerm(a any) (term.Term, error) {
	switch v := a.(type) {
	case int64:
		return term.Int(v), nil
	case int:
		return term.Int(int64(v)), nil
	case nil:
		return schema.Null, nil
	case term.Term:
		return v, nil
	case bool:
		return term.Bool(v), nil
	case time.Time:
		return schema.FromGo(v, schema.Timestamp)
	case string:
		return term.BinaryString(v), nil
	case []byte:
		return term.Binary(v), nil
	case float32:
		return term.Float(float64(v)), nil
	case float64:
		return term.Float(v), nil
	}
	return schema.FromGo(a, schema.Int)
}
