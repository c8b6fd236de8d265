// Package sqlstub is a stand-in for the etsql SQL API, just enough for the
// shell to run and be tested before the real one is wired in: CREATE
// TABLE, DROP TABLE, INSERT ... VALUES with literal values, DELETE FROM t
// (no WHERE) and SELECT */columns FROM one table [LIMIT n]. Anything else
// is an error saying so. Tables are named public ETS tables with keypos 1
// whose rows have the schema package's tuple layout, as in etsql.
package sqlstub

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/internal/shell"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// ErrUnsupported is returned for SQL the stand-in does not run.
var ErrUnsupported = errors.New("not supported by the stand-in SQL backend")

// DB is the stand-in backend.
type DB struct {
	mu     sync.Mutex
	db     *engine.DB
	proc   *engine.Process
	tables map[string]*table // by lower-case name
}

type table struct {
	def    *schema.Table
	t      *engine.Table
	create string
}

var _ shell.Backend = (*DB)(nil)

// New returns an empty stand-in database.
func New() *DB {
	db := engine.NewDB()
	return &DB{db: db, proc: db.NewProcess("etsql"), tables: map[string]*table{}}
}

// Engine implements shell.Backend.
func (d *DB) Engine() *engine.DB { return d.db }

// Process implements shell.Backend.
func (d *DB) Process() *engine.Process { return d.proc }

// Tables implements shell.Backend.
func (d *DB) Tables() []shell.Table {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]shell.Table, 0, len(d.tables))
	for _, t := range d.tables {
		out = append(out, shell.Table{Name: t.def.Name(), Columns: columns(t.def), Create: t.create})
	}
	slices.SortFunc(out, func(a, b shell.Table) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func columns(def *schema.Table) []shell.Column {
	cols := make([]shell.Column, def.NumColumns())
	for i, c := range def.Columns() {
		cols[i] = shell.Column{Name: c.Name, Type: c.Type}
	}
	return cols
}

func (d *DB) lookup(name string) (*table, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	t, ok := d.tables[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("no such table: %s", name)
	}
	return t, nil
}

// Exec implements shell.Backend.
func (d *DB) Exec(ctx context.Context, sql string) (int64, error) {
	stmt, err := parser.Parse(sql)
	if err != nil {
		return 0, err
	}
	switch s := stmt.(type) {
	case *parser.CreateTableStmt:
		return 0, d.create(s)
	case *parser.DropTableStmt:
		return 0, d.drop(s)
	case *parser.InsertStmt:
		return d.insert(s)
	case *parser.DeleteStmt:
		return d.deleteAll(s)
	}
	return 0, fmt.Errorf("%s: %w", firstWord(sql), ErrUnsupported)
}

func firstWord(sql string) string {
	f := strings.Fields(sql)
	if len(f) == 0 {
		return "statement"
	}
	return strings.ToUpper(strings.TrimRight(f[0], ";"))
}

func (d *DB) create(s *parser.CreateTableStmt) error {
	def := schema.TableDef{Name: string(s.Name)}
	for _, c := range s.Columns() {
		typ := schema.Term
		if c.Type != nil {
			params := make([]int, len(c.Type.Params))
			for i, p := range c.Type.Params {
				params[i], _ = strconv.Atoi(p)
			}
			var err error
			if typ, err = schema.ParseType(c.Type.Name, params); err != nil {
				return err
			}
		}
		def.Columns = append(def.Columns, schema.Column{Name: string(c.Name), Type: typ, NotNull: c.IsNotNull()})
	}
	for _, k := range s.PrimaryKey() {
		def.PrimaryKey = append(def.PrimaryKey, string(k))
	}
	def.Options.Type = schema.OrderedSet
	def.Options.Access = schema.Public
	for _, o := range s.Options {
		if err := def.Options.Set(string(o.Name), strings.Trim(o.Value, "'")); err != nil {
			return err
		}
	}
	st, err := schema.NewTable(def)
	if err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.tables[strings.ToLower(def.Name)]; ok {
		if s.IfNotExists {
			return nil
		}
		return fmt.Errorf("table %s already exists", def.Name)
	}
	typ := engine.OrderedSet
	switch def.Options.Type {
	case schema.Set:
		typ = engine.Set
	case schema.Bag:
		typ = engine.Bag
	case schema.DuplicateBag:
		typ = engine.DuplicateBag
	}
	et, err := d.db.New(d.proc, def.Name, engine.Options{Type: typ, Named: true, Access: engine.Public})
	if err != nil {
		return err
	}
	d.tables[strings.ToLower(def.Name)] = &table{def: st, t: et, create: parser.Format(s) + ";"}
	return nil
}

func (d *DB) drop(s *parser.DropTableStmt) error {
	t, err := d.lookup(string(s.Name))
	if err != nil {
		if s.IfExists {
			return nil
		}
		return err
	}
	d.mu.Lock()
	delete(d.tables, strings.ToLower(string(s.Name)))
	d.mu.Unlock()
	return t.t.Delete(d.proc)
}

func (d *DB) insert(s *parser.InsertStmt) (int64, error) {
	t, err := d.lookup(string(s.Table))
	if err != nil {
		return 0, err
	}
	vals, ok := s.Source.(*parser.Values)
	if !ok {
		return 0, fmt.Errorf("INSERT ... SELECT: %w", ErrUnsupported)
	}
	cols := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		cols[i] = string(c)
	}
	rows := make([][]term.Term, len(vals.Rows))
	for i, r := range vals.Rows {
		for _, e := range r.Exprs {
			v, err := literal(e)
			if err != nil {
				return 0, err
			}
			rows[i] = append(rows[i], v)
		}
	}
	var objs []term.Term
	if len(cols) > 0 {
		objs, err = t.def.RowsFor(cols, rows)
	} else {
		objs, err = t.def.Rows(rows)
	}
	if err != nil {
		return 0, err
	}
	if err := d.insertNew(t, objs); err != nil {
		return 0, err
	}
	return int64(len(objs)), nil
}

// insertNew inserts rows whose keys must be new, all or nothing.
func (d *DB) insertNew(t *table, objs []term.Term) error {
	ok, err := t.t.InsertNew(d.proc, objs...)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("table %s: duplicate primary key", t.def.Name())
	}
	return nil
}

// literal evaluates a literal expression.
func literal(e parser.Expr) (term.Term, error) {
	switch x := e.(type) {
	case *parser.IntegerLit:
		n, ok := new(big.Int).SetString(x.Text, 10)
		if !ok {
			return term.Term{}, fmt.Errorf("bad integer %s", x.Text)
		}
		return term.BigInt(n), nil
	case *parser.FloatLit:
		f, err := strconv.ParseFloat(x.Text, 64)
		return term.Float(f), err
	case *parser.StringLit:
		return term.BinaryString(x.Value), nil
	case *parser.BoolLit:
		return term.Bool(x.Value), nil
	case *parser.NullLit:
		return term.Undefined, nil
	case *parser.TypedLit:
		if x.Type == "DATE" {
			return schema.ParseDate(x.Value)
		}
		return schema.ParseTimestamp(x.Value)
	case *parser.UnaryExpr:
		v, err := literal(x.X)
		if err != nil || x.Op != parser.OpNeg {
			return v, err
		}
		if i, ok := v.Big(); ok {
			return term.BigInt(new(big.Int).Neg(i)), nil
		}
		if f, ok := v.Float64(); ok {
			return term.Float(-f), nil
		}
	}
	return term.Term{}, fmt.Errorf("expressions other than literals: %w", ErrUnsupported)
}

func (d *DB) deleteAll(s *parser.DeleteStmt) (int64, error) {
	if s.Where != nil {
		return 0, fmt.Errorf("DELETE ... WHERE: %w", ErrUnsupported)
	}
	t, err := d.lookup(string(s.Table))
	if err != nil {
		return 0, err
	}
	info, err := t.t.Info()
	if err != nil {
		return 0, err
	}
	return int64(info.Size), t.t.DeleteAllObjects(d.proc)
}

// Load implements shell.Backend.
func (d *DB) Load(ctx context.Context, name string, rows [][]any) error {
	t, err := d.lookup(name)
	if err != nil {
		return err
	}
	cols := t.def.Columns()
	vals := make([][]term.Term, len(rows))
	for i, r := range rows {
		if len(r) != len(cols) {
			return fmt.Errorf("table %s: row %d has %d values, want %d", name, i+1, len(r), len(cols))
		}
		vals[i] = make([]term.Term, len(r))
		for j, v := range r {
			if v == nil {
				vals[i][j] = term.Undefined
				continue
			}
			if vals[i][j], err = schema.FromGo(v, cols[j].Type); err != nil {
				return fmt.Errorf("table %s: row %d: %s: %w", name, i+1, cols[j].Name, err)
			}
		}
		if i%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	objs, err := t.def.Rows(vals)
	if err != nil {
		return err
	}
	return d.insertNew(t, objs)
}

// Query implements shell.Backend.
func (d *DB) Query(ctx context.Context, sql string) (shell.Rows, error) {
	stmt, err := parser.Parse(sql)
	if err != nil {
		return nil, err
	}
	s, ok := stmt.(*parser.SelectStmt)
	if !ok || len(s.Compound) > 0 || len(s.OrderBy) > 0 || s.Core.From == nil ||
		len(s.Core.From.Joins) > 0 || s.Core.Where != nil || s.Core.GroupBy != nil || s.Core.Distinct {
		return nil, fmt.Errorf("only SELECT columns FROM table [LIMIT n] runs here: %w", ErrUnsupported)
	}
	src, ok := s.Core.From.Table.(*parser.TableName)
	if !ok {
		return nil, fmt.Errorf("subqueries: %w", ErrUnsupported)
	}
	t, err := d.lookup(string(src.Name))
	if err != nil {
		return nil, err
	}
	var pick []int
	for _, c := range s.Core.Columns {
		switch c := c.(type) {
		case *parser.StarColumn:
			for i := range t.def.NumColumns() {
				pick = append(pick, i)
			}
		case *parser.ExprColumn:
			ref, ok := c.Expr.(*parser.ColumnRef)
			if !ok {
				return nil, fmt.Errorf("expressions in the select list: %w", ErrUnsupported)
			}
			i, err := t.def.ColumnIndex(string(ref.Column))
			if err != nil {
				return nil, err
			}
			pick = append(pick, i)
		}
	}
	limit := -1
	if s.Limit != nil {
		v, err := literal(s.Limit.Count)
		n, ok := v.Int64()
		if err != nil || !ok || s.Limit.Offset != nil {
			return nil, fmt.Errorf("LIMIT other than a number: %w", ErrUnsupported)
		}
		limit = int(n)
	}
	objs, err := t.t.Tab2List(d.proc)
	if err != nil {
		return nil, err
	}
	if limit >= 0 && limit < len(objs) {
		objs = objs[:limit]
	}
	all := columns(t.def)
	cols := make([]shell.Column, len(pick))
	for i, p := range pick {
		cols[i] = all[p]
	}
	return &rows{ctx: ctx, def: t.def, objs: objs, pick: pick, cols: cols, i: -1}, nil
}

type rows struct {
	ctx  context.Context
	def  *schema.Table
	objs []term.Term
	pick []int
	cols []shell.Column
	i    int
	vals []term.Term
	err  error
}

func (r *rows) Columns() []shell.Column { return r.cols }

func (r *rows) Next() bool {
	if r.err != nil {
		return false
	}
	r.i++
	if r.i%1024 == 0 {
		if r.err = r.ctx.Err(); r.err != nil {
			return false
		}
	}
	if r.i >= len(r.objs) {
		return false
	}
	r.vals = r.vals[:0]
	for _, p := range r.pick {
		v, _ := r.def.Value(r.objs[r.i], p)
		r.vals = append(r.vals, v)
	}
	return true
}

func (r *rows) Values() []term.Term { return r.vals }
func (r *rows) Err() error          { return r.err }
func (r *rows) Close() error        { return nil }
