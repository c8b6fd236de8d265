package planner

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// IndexCatalog is what a Catalog implements to run CREATE and DROP INDEX:
// index names are the database's (unique among its indexes), each index
// an engine index of one table (see engine.Table.CreateIndex). Without it
// those statements are ErrUnsupported.
type IndexCatalog interface {
	CreateIndex(table string, spec engine.IndexSpec, ifNotExists bool) error
	DropIndex(name string, ifExists bool) error
}

// IndexFinder is a catalog that can tell whether an index of that name
// exists (REINDEX checks its name with it).
type IndexFinder interface {
	HasIndex(name string) bool
}

// Index is a secondary index of a table as the planner sees it.
type Index struct {
	Name    string
	Columns []int // schema columns, most significant first
	Unique  bool
}

// Indexes returns the table's secondary indexes on its columns (engine
// indexes on other fields are left out), in creation order.
func (t *Table) Indexes() []Index {
	if t.ETS == nil {
		return nil
	}
	var out []Index
	for _, spec := range t.ETS.Indexes() {
		if ix, ok := indexOf(t.Schema, spec); ok {
			out = append(out, ix)
		}
	}
	return out
}

// indexOf maps an engine index to the columns of st.
func indexOf(st *schema.Table, spec engine.IndexSpec) (Index, bool) {
	ix := Index{Name: spec.Name, Unique: spec.Unique}
	for _, f := range spec.Fields {
		col := -1
		for c := range st.NumColumns() {
			if p := st.Position(c); p.Elem == f.Elem && p.Sub == f.Sub {
				col = c
				break
			}
		}
		if col < 0 {
			return Index{}, false
		}
		ix.Columns = append(ix.Columns, col)
	}
	return ix, true
}

// IndexSpec returns the engine index of the columns of st.
func IndexSpec(st *schema.Table, name string, cols []int, unique bool) engine.IndexSpec {
	spec := engine.IndexSpec{Name: name, Unique: unique}
	for _, c := range cols {
		p := st.Position(c)
		spec.Fields = append(spec.Fields, engine.Field{Elem: p.Elem, Sub: p.Sub})
	}
	return spec
}

func (p *planner) planCreateIndex(st *Statement, s *parser.CreateIndexStmt) error {
	ic, ok := p.cat.(IndexCatalog)
	if !ok {
		return errorf(ErrUnsupported, s.Pos, "CREATE INDEX is not supported by this catalog")
	}
	if err := p.notAView(s.Table, s, "views may not be indexed"); err != nil {
		return err
	}
	t, err := p.table(s.Table, s)
	if err != nil {
		return err
	}
	if strings.HasPrefix(strings.ToLower(string(s.Name)), "sqlite_") {
		return errorf(ErrMisuse, s.Pos, "object name reserved for internal use: %s", s.Name)
	}
	var cols []int
	for _, c := range s.Columns {
		idx, ok := t.Schema.Lookup(string(c.Name))
		if !ok || idx < 0 {
			return errorf(ErrNoColumn, c.Pos, "no such column: %s", c.Name)
		}
		cols = append(cols, idx)
	}
	spec := IndexSpec(t.Schema, string(s.Name), cols, s.Unique)
	st.exec = func(c *evalCtx) (*Result, error) {
		err := ic.CreateIndex(t.Schema.Name(), spec, s.IfNotExists)
		if errors.Is(err, engine.ErrUnique) {
			err = uniqueIndexError(t.Schema, Index{Name: spec.Name, Columns: cols})
		}
		return &Result{}, err
	}
	st.describe = func(explainOpts) []string { return []string{"create index " + string(s.Name)} }
	return nil
}

func (p *planner) planDropIndex(st *Statement, s *parser.DropIndexStmt) error {
	ic, ok := p.cat.(IndexCatalog)
	if !ok {
		return errorf(ErrUnsupported, s.Pos, "DROP INDEX is not supported by this catalog")
	}
	if strings.HasPrefix(strings.ToLower(string(s.Name)), autoIndexPrefix) {
		return errorf(ErrMisuse, s.Pos, "index associated with UNIQUE or PRIMARY KEY constraint cannot be dropped")
	}
	st.exec = func(c *evalCtx) (*Result, error) {
		return &Result{}, ic.DropIndex(string(s.Name), s.IfExists)
	}
	st.describe = func(explainOpts) []string { return []string{"drop index " + string(s.Name)} }
	return nil
}

// planReindex plans REINDEX [name], which has nothing to do (an engine
// index is always up to date) but check, when it runs, that the name is a
// table, an index or a collation (BINARY, NOCASE, RTRIM), as SQLite does.
func (p *planner) planReindex(st *Statement, s *parser.ReindexStmt) error {
	name := string(s.Name)
	st.exec = func(*evalCtx) (*Result, error) {
		switch strings.ToUpper(name) {
		case "", "BINARY", "NOCASE", "RTRIM":
			return &Result{}, nil
		}
		if _, ok := p.cat.Table(name); ok {
			return &Result{}, nil
		}
		if f, ok := p.cat.(IndexFinder); ok && f.HasIndex(name) {
			return &Result{}, nil
		}
		return nil, errorf(ErrMisuse, s.Pos, "unable to identify the object to be reindexed")
	}
	st.describe = func(explainOpts) []string { return []string{strings.TrimSpace("reindex " + name)} }
	return nil
}

// uniqueIndexError is SQLite's message for a unique index conflict.
func uniqueIndexError(st *schema.Table, ix Index) error {
	var cols []string
	for _, c := range ix.Columns {
		cols = append(cols, st.Name()+"."+st.Column(c).Name)
	}
	return &Error{Msg: "UNIQUE constraint failed: " + strings.Join(cols, ", "), Err: ErrConstraint}
}

// constraintError turns the engine's unique index conflict on t into
// SQLite's message; other errors pass.
func constraintError(t *Table, err error) error {
	var ue *engine.UniqueError
	if !errors.As(err, &ue) {
		return err
	}
	for _, ix := range t.Indexes() {
		if ix.Name == ue.Index {
			return uniqueIndexError(t.Schema, ix)
		}
	}
	return &Error{Msg: "UNIQUE constraint failed: index " + ue.Index, Err: ErrConstraint}
}

// guardUnique runs a write of t that the engine does not check against
// unique indexes (select_replace, row-by-row updates) under an undo
// journal of its own: when it leaves an index with more conflicts than
// before, it is undone and fails as SQLite's UNIQUE constraint does.
func guardUnique(c *evalCtx, t *Table, run func() (*Result, error)) (*Result, error) {
	before := t.ETS.IndexConflicts()
	if len(before) == 0 {
		res, err := run()
		return res, constraintError(t, err)
	}
	p := c.rt.Proc
	if err := t.ETS.BeginJournal(p); err != nil {
		return nil, err
	}
	res, err := run()
	err = constraintError(t, err)
	if err == nil {
		for name, n := range t.ETS.IndexConflicts() {
			if n > before[name] {
				err = constraintError(t, &engine.UniqueError{Index: name})
				break
			}
		}
	}
	if err != nil {
		_ = t.ETS.RollbackJournal(p)
		return nil, err
	}
	return res, t.ETS.CommitJournal(p)
}

// ruleIndexPath: when no key path applies, a secondary index whose
// leading columns the WHERE clause fixes (=, or IN on the first), or
// bounds (<, <=, >, >=, BETWEEN on the column after the fixed ones),
// finds the keys; the rows are fetched by key and checked against the
// whole WHERE clause as a full select would (the index only narrows).
// The index fixing most columns wins, then one with a range; among equals
// the first created.
//
// Example: with CREATE INDEX users_name ON users (name), WHERE name = 'bob'
// AND age > 3 reads the keys under 'bob' in users_name, then looks up
// each row and checks age > 3.
func ruleIndexPath(p *planner, sc *scope, a *access, conjs, joinEqs []parser.Expr) {
	if a.path != PathScan {
		return
	}
	st := a.tab.Schema
	best, bestScore := -1, 0
	var bestEq []keyExpr
	var bestIn []keyExpr
	var bestLo, bestHi *rangeEnd
	indexes := a.tab.Indexes()
	all := append(append([]parser.Expr(nil), conjs...), joinEqs...)
	for n, ix := range indexes {
		if anyTyped(st, ix.Columns) {
			continue
		}
		colOf := func(e parser.Expr) int { return a.keyIndex(sc, ix.Columns, e) }
		eq := make([]*keyExpr, len(ix.Columns))
		var in []keyExpr
		var lo, hi boundSet
		for _, c := range all {
			switch e := c.(type) {
			case *parser.BinaryExpr:
				op := e.Op
				k, other := colOf(e.L), e.R
				if k < 0 {
					k, other, op = colOf(e.R), e.L, flippedOp[op]
				}
				if k < 0 {
					continue
				}
				kv, ok := p.keyValue(sc, a, other, st.Type(ix.Columns[k]))
				if !ok {
					continue
				}
				switch op {
				case parser.OpEq:
					if eq[k] == nil {
						eq[k] = &kv
					}
				case parser.OpGt, parser.OpGe:
					setBound(&lo, k, &rangeEnd{val: kv, inclusive: op == parser.OpGe, conj: c}, true)
				case parser.OpLt, parser.OpLe:
					setBound(&hi, k, &rangeEnd{val: kv, inclusive: op == parser.OpLe, conj: c}, false)
				}
			case *parser.BetweenExpr:
				k := colOf(e.X)
				if k < 0 || e.Not {
					continue
				}
				l, ok1 := p.keyValue(sc, a, e.Lo, st.Type(ix.Columns[k]))
				h, ok2 := p.keyValue(sc, a, e.Hi, st.Type(ix.Columns[k]))
				if ok1 && ok2 {
					setBound(&lo, k, &rangeEnd{val: l, inclusive: true, conj: c}, true)
					setBound(&hi, k, &rangeEnd{val: h, inclusive: true, conj: c}, false)
				}
			case *parser.InListExpr:
				if colOf(e.X) != 0 || e.Not || len(e.List) == 0 || len(e.List) > 64 || in != nil {
					continue
				}
				var vals []keyExpr
				for _, item := range e.List {
					kv, ok := p.keyValue(sc, a, item, st.Type(ix.Columns[0]))
					if !ok {
						vals = nil
						break
					}
					vals = append(vals, kv)
				}
				in = vals
			}
		}
		fixed := 0
		for fixed < len(eq) && eq[fixed] != nil {
			fixed++
		}
		score := 4 * fixed
		if fixed == 0 && in != nil {
			score = 3
		} else {
			in = nil
		}
		l, h := lo.at(fixed), hi.at(fixed)
		if fixed < len(eq) && in == nil && (l != nil || h != nil) {
			score++
		} else {
			l, h = nil, nil
		}
		if score > bestScore {
			best, bestScore = n, score
			bestEq = nil
			for _, e := range eq[:fixed] {
				bestEq = append(bestEq, *e)
			}
			bestIn, bestLo, bestHi = in, l, h
		}
	}
	if best < 0 {
		return
	}
	ix := indexes[best]
	a.path, a.index = PathIndex, &ix
	a.prefix, a.lo, a.hi = bestEq, bestLo, bestHi
	for _, v := range bestIn {
		a.keys = append(a.keys, []keyExpr{v})
	}
}

// indexRanges computes the engine ranges of an index access: one, or one
// per value of an IN list. ok is false when a value does not convert to
// the column's type (the access then reads every row, checking each as
// usual); none is true when no row can match (a NULL).
func (a *access) indexRanges(c *evalCtx, row []term.Term) (rs []engine.IndexRange, ok bool, err error) {
	st := a.tab.Schema
	cols := a.index.Columns
	var prefix []term.Term
	for i, k := range a.prefix {
		v, err := k.value(c, row)
		if err != nil {
			return nil, false, err
		}
		if isNull(v) {
			return nil, true, nil
		}
		cv, err := st.Coerce(cols[i], v)
		if err != nil {
			return nil, false, nil
		}
		prefix = append(prefix, cv)
	}
	if len(a.keys) > 0 {
		seen := map[string]bool{}
		for _, kx := range a.keys {
			v, err := kx[0].value(c, row)
			if err != nil {
				return nil, false, err
			}
			if isNull(v) {
				continue
			}
			cv, err := st.Coerce(cols[0], v)
			if err != nil {
				return nil, false, nil
			}
			if s := term.Format(cv); !seen[s] {
				seen[s] = true
				rs = append(rs, engine.IndexRange{Prefix: []term.Term{cv}})
			}
		}
		return rs, true, nil
	}
	r := engine.IndexRange{Prefix: prefix}
	if len(prefix) < len(cols) {
		lo, hi, empty, err := a.bounds(c, row, st.Type(cols[len(prefix)]))
		if err != nil || empty {
			return nil, err == nil, err
		}
		if lo != nil {
			r.Lower = engine.Bound{Key: lo.v, Exclusive: !lo.inclusive}
		}
		if hi != nil {
			r.Upper = engine.Bound{Key: hi.v, Exclusive: !hi.inclusive}
		}
	}
	return []engine.IndexRange{r}, true, nil
}

// indexScan reads the rows an index access finds and hands each to visit;
// done is false when the index cannot serve these values (see
// indexRanges) and the caller must read every row.
func (ss *scanState) indexScan() (done bool, err error) {
	a, c, row := ss.a, ss.c, ss.row
	rs, ok, err := a.indexRanges(c, row)
	if err != nil || !ok {
		return err != nil, err
	}
	var seen map[string]bool // a bag's key may be under several values of an IN list
	if len(rs) > 1 && !a.tab.Schema.Options().Type.Unique() {
		seen = map[string]bool{}
	}
	for i, r := range rs {
		buf, err := a.tab.ETS.AppendIndexed(ss.buf[:0], c.rt.Proc, a.index.Name, r)
		if errors.Is(err, engine.ErrNoIndex) && i == 0 {
			return false, nil // dropped since the plan was made: read every row
		}
		if err != nil {
			return true, err
		}
		ss.buf = nil
		for _, obj := range buf {
			if seen != nil {
				k, _ := obj.Element(1)
				ks := term.Format(k)
				if seen[ks] {
					continue
				}
				seen[ks] = true
			}
			if more, err := ss.visit(obj); err != nil || !more {
				ss.buf = buf[:0]
				return true, err
			}
		}
		ss.buf = buf[:0]
	}
	return true, nil
}

// describeIndex is EXPLAIN's text of an index access's conditions.
func (a *access) describeIndex() string {
	st := a.tab.Schema
	cols := a.index.Columns
	var parts []string
	for i, k := range a.prefix {
		parts = append(parts, fmt.Sprintf("%s = %s", colName(st, cols[i]), k))
	}
	if len(a.keys) > 0 {
		var vals []string
		for _, kx := range a.keys {
			vals = append(vals, kx[0].String())
		}
		parts = append(parts, fmt.Sprintf("%s IN (%s)", colName(st, cols[0]), strings.Join(vals, ", ")))
	}
	if n := len(a.prefix); n < len(cols) {
		col := colName(st, cols[n])
		if a.lo != nil {
			op := ">"
			if a.lo.inclusive {
				op = ">="
			}
			parts = append(parts, fmt.Sprintf("%s %s %s", col, op, a.lo.val))
		}
		if a.hi != nil {
			op := "<"
			if a.hi.inclusive {
				op = "<="
			}
			parts = append(parts, fmt.Sprintf("%s %s %s", col, op, a.hi.val))
		}
	}
	return fmt.Sprintf("index %s on %s (%s)", a.index.Name, a.label, strings.Join(parts, ", "))
}

// autoIndexPrefix starts the names of the indexes of UNIQUE constraints
// (sqlite_autoindex_users_1), which CREATE INDEX may not use and DROP
// INDEX may not drop, as in SQLite.
const autoIndexPrefix = "sqlite_autoindex_"

// uniqueConstraints returns the columns of each UNIQUE constraint of a
// CREATE TABLE that the primary key does not already enforce.
func uniqueConstraints(def schema.TableDef, s *parser.CreateTableStmt) ([][]int, error) {
	st, err := schema.NewTable(def)
	if err != nil {
		return nil, err
	}
	var out [][]int
	for _, names := range s.UniqueColumns() {
		var cols []int
		for _, n := range names {
			idx, ok := st.Lookup(string(n))
			if !ok || idx < 0 {
				return nil, errorf(ErrNoColumn, s.Pos, "no such column: %s", n)
			}
			cols = append(cols, idx)
		}
		pk := st.PrimaryKey()
		if st.Options().Type.Unique() && len(pk) == len(cols) && !slices.ContainsFunc(cols, func(c int) bool { return !slices.Contains(pk, c) }) {
			continue // the key is unique already
		}
		out = append(out, cols)
	}
	return out, nil
}
