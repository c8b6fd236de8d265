package planner

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

func (p *planner) table(name parser.Name, pos parser.Node) (*Table, error) {
	t, ok := p.cat.Table(string(name))
	if !ok {
		if err := p.notAView(name, pos, "cannot modify "+string(name)+" because it is a view"); err != nil {
			return nil, err
		}
		return nil, errorf(ErrNoTable, pos.Position(), "no such table: %s", name)
	}
	return t, nil
}

// uniqueError is SQLite's message for a duplicate primary key.
func uniqueError(st *schema.Table) error {
	var cols []string
	for _, c := range st.PrimaryKey() {
		cols = append(cols, st.Name()+"."+st.Column(c).Name)
	}
	return &Error{Msg: "UNIQUE constraint failed: " + strings.Join(cols, ", "), Err: ErrConstraint}
}

// keyString identifies a key for duplicate checks.
func keyString(k term.Term) string { return term.Format(k) }

// ---- INSERT

func (p *planner) planInsert(st *Statement, s *parser.InsertStmt) error {
	if v, ok := p.view(s.Table); ok {
		return p.planViewInsert(st, s, v)
	}
	t, err := p.table(s.Table, s)
	if err != nil {
		return err
	}
	var names []string
	for _, c := range s.Columns {
		names = append(names, string(c))
	}
	var source func(c *evalCtx) ([][]term.Term, error)
	var from *selectPlan
	srcDesc := "values"
	switch src := s.Source.(type) {
	case *parser.Values:
		sc := &scope{}
		rows := make([][]compiled, len(src.Rows))
		for i, r := range src.Rows {
			if rows[i], err = p.compileList(sc, r.Exprs); err != nil {
				return err
			}
		}
		width := 0
		for _, r := range rows {
			width += len(r)
		}
		source = func(c *evalCtx) ([][]term.Term, error) {
			out := make([][]term.Term, len(rows))
			all := make([]term.Term, width) // the values of every row: one allocation
			for i, r := range rows {
				vals := all[:len(r):len(r)]
				all = all[len(r):]
				for j, e := range r {
					v, err := e.eval(c, nil)
					if err != nil {
						return nil, err
					}
					vals[j] = v
				}
				out[i] = vals
			}
			return out, nil
		}
	case *parser.SelectStmt:
		sp, err := p.planSelect(src, nil)
		if err != nil {
			return err
		}
		srcDesc, from = "select", sp
		source = func(c *evalCtx) ([][]term.Term, error) { return sp.run(c, 0) }
	}
	tab := t.Schema
	replace := s.Or == parser.OrReplace
	var rowPath *conflictPlan
	if needsRowPath(s, t) {
		if rowPath, err = p.planConflicts(s, t); err != nil {
			return err
		}
	}
	ret, err := p.planReturning(t, s.Returning)
	if err != nil {
		return err
	}
	ret.returns(st)
	fire, err := p.planFiring(t, parser.OnInsert, nil)
	if err != nil {
		return err
	}
	if fire, err = p.planUpsertFiring(t, rowPath, fire); err != nil {
		return err
	}
	if fire != nil {
		fire.orFail = s.Or == parser.OrFail
	}
	st.tables = fire.written(t)
	var insert func(c *evalCtx) (*Result, error)
	st.exec = func(c *evalCtx) (*Result, error) {
		res, err := insert(c)
		if err != nil && s.Or == parser.OrRollback && (errors.Is(err, ErrConstraint) || errors.Is(err, schema.ErrNotNull)) {
			err = &RollbackError{Err: err}
		}
		return res, err
	}
	insert = func(c *evalCtx) (*Result, error) {
		vals, err := source(c)
		if err != nil {
			return nil, err
		}
		for _, v := range vals { // NULL is the zero value DEFAULT would fill
			for j := range v {
				if !v[j].IsValid() {
					v[j] = null
				}
			}
		}
		if fire != nil {
			var res *Result
			var written []term.Term
			err := fire.journaled(c, func() (err error) {
				res, written, err = insertFiring(c, t, fire, rowPath, replace, names, vals)
				return err
			})
			if err != nil {
				return nil, err
			}
			return ret.result(c, res, written)
		}
		if rowPath != nil {
			res, written, _, err := insertEach(c, t, rowPath, names, vals)
			if err != nil {
				return nil, err
			}
			return ret.result(c, res, written)
		}
		var objs []term.Term
		if names != nil {
			objs, err = tab.RowsFor(names, vals)
		} else {
			objs, err = tab.Rows(vals)
		}
		if err != nil {
			return nil, err
		}
		if err := insertRows(c, t, objs, replace); err != nil {
			return nil, constraintError(t, err)
		}
		res := &Result{RowsAffected: int64(len(objs))}
		if n := len(objs); n > 0 {
			res.LastInsertID = lastID(tab, objs[n-1])
		}
		return ret.result(c, res, objs)
	}
	st.describe = func(o explainOpts) []string {
		how := "insert_new (all or nothing)"
		switch {
		case fire != nil:
			how = fire.describe("insert")
		case rowPath != nil:
			how = rowPath.describe()
		case replace || !tab.Options().Type.Unique() || tab.HasRowID():
			how = "insert (all or nothing)"
		}
		lines := []string{fmt.Sprintf("insert into %s from %s: %s", tab.Name(), srcDesc, how)}
		if from != nil {
			for _, l := range describeSelect(from, o) {
				lines = append(lines, "  "+l)
			}
		}
		return lines
	}
	return nil
}

// insertEach is an INSERT on the row path (see conflictPlan). It also
// returns the last row inserted (invalid when none was: the rows written
// were all updated by ON CONFLICT DO UPDATE).
func insertEach(c *evalCtx, t *Table, cp *conflictPlan, names []string, vals [][]term.Term) (*Result, []term.Term, term.Term, error) {
	tab := t.Schema
	if tab.IntegerKey() {
		t.keys.Lock() // keys are assigned row by row: see conflictPlan.assignKey
		defer t.keys.Unlock()
	}
	written, last, err := cp.write(c, names, vals)
	res := &Result{RowsAffected: int64(len(written))}
	if last.IsValid() {
		res.LastInsertID = lastID(tab, last)
	}
	return res, written, last, err
}

// lastID is the LastInsertID of a row: its row id, or its key when that
// is one integer column; 0 otherwise.
func lastID(tab *schema.Table, obj term.Term) int64 {
	if id, ok := tab.RowID(obj); ok {
		return id
	}
	k, _ := obj.Element(1) // a key of one column; a composite key is a tuple there
	i, _ := k.Int64()
	return i
}

// insertRows writes rows atomically: insert_new for tables with a primary
// key (a duplicate key fails the whole statement, as SQLite's UNIQUE
// constraint), insert for rowid tables, bags and INSERT OR REPLACE. Rows
// of a table with an integer key whose key is NULL get one first (see
// assignKeys); objs is changed in place.
func insertRows(c *evalCtx, t *Table, objs []term.Term, replace bool) error {
	tab := t.Schema
	if !tab.IntegerKey() {
		return writeRows(c, t, objs, replace)
	}
	t.keys.Lock()
	defer t.keys.Unlock()
	top, err := assignKeys(c, t, objs)
	if err != nil {
		return err
	}
	if err := writeRows(c, t, objs, replace); err != nil {
		return err
	}
	tab.NoteKey(top)
	return nil
}

// assignKeys gives the rows whose integer key is NULL one, as SQLite
// numbers an INTEGER PRIMARY KEY: one more than the largest key in the
// table (1 in an empty one), or than a larger key an earlier row of the
// statement gives, so that a multi-row INSERT numbers its rows in order.
// On an ordered_set the largest key is the last one (ets:last); a set or
// bag has no order, so its largest key is the largest noted by inserts
// (schema.Table.NotedKey), checked against the table: when an assigned key
// is taken (rows written by UPDATE or ETS code), a scan finds the true
// largest. With AUTOINCREMENT a key is never one used before: the largest
// noted counts too. It returns the largest key of the rows. The caller
// holds t.keys.
func assignKeys(c *evalCtx, t *Table, objs []term.Term) (int64, error) {
	tab := t.Schema
	if !slices.ContainsFunc(objs, tab.NeedsKey) {
		_, top, err := tab.AssignKeys(objs, math.MinInt64)
		return top, err
	}
	p := c.rt.Proc
	if t.ETS.Type() == engine.OrderedSet {
		base, err := lastKey(p, t)
		if err != nil {
			return 0, err
		}
		if tab.AutoIncrement() {
			base = max(base, tab.NotedKey())
		}
		_, top, err := tab.AssignKeys(objs, base)
		return top, err
	}
	orig := slices.Clone(objs)
	_, top, err := tab.AssignKeys(objs, tab.NotedKey())
	if err != nil {
		return 0, err
	}
	for i, o := range orig {
		if !tab.NeedsKey(o) {
			continue
		}
		k, _ := objs[i].Element(1)
		taken, err := t.ETS.Member(p, k)
		if err != nil {
			return 0, err
		}
		if !taken {
			continue
		}
		base, err := scanMaxKey(p, t) // the noted largest key is stale
		if err != nil {
			return 0, err
		}
		copy(objs, orig)
		_, top, err = tab.AssignKeys(objs, max(base, tab.NotedKey()))
		return top, err
	}
	return top, nil
}

// noteKeys notes the largest key of rows of a table with an integer key,
// none of them NULL (see schema.Table.NoteKey).
func noteKeys(tab *schema.Table, rows []term.Term) {
	if !tab.IntegerKey() {
		return
	}
	if _, top, err := tab.AssignKeys(rows, math.MinInt64); err == nil {
		tab.NoteKey(top)
	}
}

// lastKey is the largest key of an ordered_set with an integer key, 0 when
// it is empty.
func lastKey(p *engine.Process, t *Table) (int64, error) {
	k, ok, err := t.ETS.Last(p)
	if err != nil || !ok {
		return 0, err
	}
	v, ok := k.Int64()
	if !ok {
		return 0, &Error{Msg: fmt.Sprintf("cannot assign a key in table %s: its largest key %s is not a 64-bit integer", t.Schema.Name(), term.Format(k)), Err: schema.ErrBadValue}
	}
	return v, nil
}

// scanMaxKey is the largest 64-bit integer key of a set or bag, 0 when it
// has none.
func scanMaxKey(p *engine.Process, t *Table) (int64, error) {
	var max int64
	_, err := t.ETS.Foldl(p, func(obj, acc term.Term) (term.Term, error) {
		k, _ := obj.Element(1)
		if v, ok := k.Int64(); ok && v > max {
			max = v
		}
		return acc, nil
	}, term.Nil)
	return max, err
}

// writeRows writes rows as insertRows does, their keys assigned.
func writeRows(c *evalCtx, t *Table, objs []term.Term, replace bool) error {
	tab := t.Schema
	if replace || tab.HasRowID() || !tab.Options().Type.Unique() {
		return t.ETS.Insert(c.rt.Proc, objs...)
	}
	if repeatsKey(objs, t.ETS.Type() == engine.OrderedSet) {
		return uniqueError(tab)
	}
	ok, err := t.ETS.InsertNew(c.rt.Proc, objs...)
	if err != nil {
		return err
	}
	if !ok {
		return uniqueError(tab)
	}
	return nil
}

// repeatsKey reports whether two of objs have the same key: equal (==)
// in an ordered_set, exactly equal (=:=) in a set, as the table compares
// keys. It hashes the keys into an open-addressing table of row numbers:
// no allocation per row, where a map of the keys' text took two.
func repeatsKey(objs []term.Term, ordered bool) bool {
	if len(objs) < 2 {
		return false
	}
	hash, same := term.Hash, term.ExactEqual
	if ordered {
		hash, same = term.HashEqual, func(a, b term.Term) bool { return term.Compare(a, b) == 0 }
	}
	slots := make([]int, 1<<bits.Len(uint(2*len(objs)-1))) // row+1; 0 empty
	mask := uint64(len(slots) - 1)
	for i, o := range objs {
		k, _ := o.Element(1)
		for j := hash(k) & mask; ; j = (j + 1) & mask {
			r := slots[j]
			if r == 0 {
				slots[j] = i + 1
				break
			}
			if other, _ := objs[r-1].Element(1); same(k, other) {
				return true
			}
		}
	}
	return false
}

// ---- UPDATE and DELETE

// singleTable plans the access of UPDATE and DELETE: the table's scope
// and its WHERE conjuncts, lowered as for a SELECT.
func (p *planner) singleTable(name parser.Name, node parser.Node, where parser.Expr) (*Table, *scope, *access, error) {
	t, err := p.table(name, node)
	if err != nil {
		return nil, nil, nil, err
	}
	cols, rowid := tableColumns(t.Schema, t.Schema.Name(), 0)
	sc := &scope{correlated: new(bool), cols: cols}
	a := &access{tab: t, label: t.Schema.Name(), width: len(cols), rowid: rowid}
	conjs := splitAnd(where, nil)
	for _, c := range conjs {
		if hasAggregate(c) {
			return nil, nil, nil, errorf(ErrMisuse, c.Position(), "misuse of aggregate function")
		}
	}
	if err := p.planAccess(sc, a, conjs, nil); err != nil {
		return nil, nil, nil, err
	}
	if err := p.finishAccess(a); err != nil {
		return nil, nil, nil, err
	}
	return t, sc, a, nil
}

// matching returns the objects the access selects (read before any write).
func matching(c *evalCtx, a *access) ([]term.Term, [][]term.Term, error) {
	row := make([]term.Term, a.width)
	var objs []term.Term
	var rows [][]term.Term
	err := a.scan(c, row, func(obj term.Term) (bool, error) {
		objs = append(objs, obj)
		rows = append(rows, append([]term.Term(nil), row...))
		return true, nil
	})
	return objs, rows, err
}

func (p *planner) planDelete(st *Statement, s *parser.DeleteStmt) error {
	if v, ok := p.view(s.Table); ok {
		return p.planViewDelete(st, s, v)
	}
	t, _, a, err := p.singleTable(s.Table, s, s.Where)
	if err != nil {
		return err
	}
	unique := t.Schema.Options().Type.Unique()
	ret, err := p.planReturning(t, s.Returning)
	if err != nil {
		return err
	}
	ret.returns(st)
	fire, err := p.planFiring(t, parser.OnDelete, nil)
	if err != nil {
		return err
	}
	st.tables = fire.written(t)
	// With the whole WHERE clause in a specification known at planning,
	// the engine deletes in one atomic select_delete (body [true]), unless
	// RETURNING needs the rows or an index finds them without visiting
	// the table.
	var delProg *matchspec.Program
	if a.prog != nil && a.residual == nil && ret == nil && a.path != PathIndex && fire == nil {
		if delProg, err = matchspec.Compile(bodyTrue(a.spec, a.tab.Schema)); err != nil {
			return err
		}
		a.writeProg = delProg
	}
	st.oneWrite = delProg != nil || fire != nil // with triggers: all under one journal
	st.exec = func(c *evalCtx) (*Result, error) {
		if fire != nil {
			var res *Result
			var deleted []term.Term
			err := fire.journaled(c, func() (err error) {
				res, deleted, err = deleteFiring(c, t, fire, a)
				return err
			})
			if err != nil {
				return nil, err
			}
			return ret.result(c, res, deleted)
		}
		if delProg != nil {
			return a.wroteAtOnce(t.ETS.SelectDelete(c.rt.Proc, delProg))
		}
		objs, _, err := matching(c, a)
		if err != nil {
			return nil, err
		}
		for _, o := range objs {
			if unique {
				k, _ := o.Element(1)
				err = t.ETS.DeleteKey(c.rt.Proc, k)
			} else {
				err = t.ETS.DeleteObject(c.rt.Proc, o)
			}
			if err != nil {
				return nil, err
			}
		}
		return ret.result(c, &Result{RowsAffected: int64(len(objs))}, objs)
	}
	st.describe = func(o explainOpts) []string {
		how := "select, then a delete of each row"
		spec := printSpec(a, o)
		if delProg != nil {
			how = "select_delete (atomic)"
		}
		if fire != nil {
			how = fire.describe("delete")
		}
		return a.writeLines(fmt.Sprintf("delete from %s: %s", t.Schema.Name(), how), spec, o)
	}
	return nil
}

func (p *planner) planUpdate(st *Statement, s *parser.UpdateStmt) error {
	if v, ok := p.view(s.Table); ok {
		return p.planViewUpdate(st, s, v)
	}
	t, sc, a, err := p.singleTable(s.Table, s, s.Where)
	if err != nil {
		return err
	}
	tab := t.Schema
	cols := make([]int, len(s.Set))
	vals := make([]compiled, len(s.Set))
	keyChange := false
	for i, as := range s.Set {
		idx, ok := tab.Lookup(string(as.Column))
		if !ok || idx < 0 {
			return errorf(ErrNoColumn, as.Pos, "no such column: %s", as.Column)
		}
		cols[i] = idx
		for _, k := range tab.PrimaryKey() {
			if k == idx {
				keyChange = true
			}
		}
		if hasAggregate(as.Value) {
			return errorf(ErrMisuse, as.Pos, "misuse of aggregate function")
		}
		if vals[i], err = p.compileExpr(sc, as.Value); err != nil {
			return err
		}
	}
	unique := tab.Options().Type.Unique()
	ret, err := p.planReturning(t, s.Returning)
	if err != nil {
		return err
	}
	ret.returns(st)
	fire, err := p.planFiring(t, parser.OnUpdate, cols)
	if err != nil {
		return err
	}
	st.tables = fire.written(t)
	var replProg *matchspec.Program
	if ret == nil && fire == nil { // RETURNING needs the new rows, triggers each row
		replProg = replaceProgram(a, tab, s.Set, cols, keyChange)
	}
	st.oneWrite = replProg != nil || fire != nil // with triggers: all under one journal
	a.writeProg = replProg
	var update func(c *evalCtx) (*Result, []term.Term, error)
	st.exec = func(c *evalCtx) (res *Result, err error) {
		var written []term.Term
		guarded := func() (err error) {
			res, err = guardUnique(c, t, func() (r *Result, err error) {
				r, written, err = update(c)
				return r, err
			})
			return err
		}
		if fire != nil { // the unique check too must undo the triggers' writes
			err = fire.journaled(c, guarded)
		} else {
			err = guarded()
		}
		if err != nil {
			return nil, err
		}
		return ret.result(c, res, written)
	}
	update = func(c *evalCtx) (*Result, []term.Term, error) {
		if fire != nil {
			return updateFiring(c, t, fire, a, cols, vals)
		}
		if replProg != nil {
			res, err := a.wroteAtOnce(t.ETS.SelectReplace(c.rt.Proc, replProg))
			return res, nil, err
		}
		objs, rows, err := matching(c, a)
		if err != nil {
			return nil, nil, err
		}
		news := make([]term.Term, len(objs))
		for i, o := range objs {
			set := make(map[int]term.Term, len(cols))
			for j, col := range cols {
				v, err := vals[j].eval(c, rows[i])
				if err != nil {
					return nil, nil, err
				}
				set[col] = v
			}
			if news[i], err = tab.Update(o, set); err != nil {
				return nil, nil, err
			}
		}
		if len(objs) == 0 {
			return &Result{}, nil, nil
		}
		proc := c.rt.Proc
		if unique && !keyChanged(objs, news) {
			// same keys: one atomic insert replaces every row
			return &Result{RowsAffected: int64(len(objs))}, news, t.ETS.Insert(proc, news...)
		}
		if unique {
			if err := checkNewKeys(c, t, objs, news); err != nil {
				return nil, nil, err
			}
		}
		for _, o := range objs {
			if err := t.ETS.DeleteObject(proc, o); err != nil {
				return nil, nil, err
			}
		}
		noteKeys(tab, news)
		return &Result{RowsAffected: int64(len(objs))}, news, t.ETS.Insert(proc, news...)
	}
	st.describe = func(o explainOpts) []string {
		how := "select, then one atomic insert of the new rows (the key does not change)"
		spec := printSpec(a, o)
		switch {
		case fire != nil:
			how = fire.describe("update")
		case replProg != nil:
			how = "select_replace (atomic)"
		case keyChange:
			how = "select, then delete and insert (the key may change)"
		}
		return a.writeLines(fmt.Sprintf("update %s: %s", tab.Name(), how), spec, o)
	}
	return nil
}

func keyChanged(olds, news []term.Term) bool {
	for i := range olds {
		a, _ := olds[i].Element(1)
		b, _ := news[i].Element(1)
		if !term.ExactEqual(a, b) {
			return true
		}
	}
	return false
}

// writeLines is EXPLAIN of an UPDATE or DELETE: the head line saying how
// it writes, then its access, match specification, residual filter and,
// for EXPLAIN ANALYZE, its row counts.
func (a *access) writeLines(head, spec string, o explainOpts) []string {
	lines := []string{head, "  access: " + a.describe(), "  match spec: " + spec}
	if len(a.residText) > 0 {
		lines = append(lines, "  residual: "+joinAnd(a.residText))
	}
	if o.analyze {
		lines = append(lines, fmt.Sprintf("  rows examined: %d, returned: %d", a.examined.Load(), a.returned.Load()))
	}
	return lines
}

// wroteAtOnce is the result of a DELETE or UPDATE the engine ran as one
// select_delete or select_replace of n rows: EXPLAIN ANALYZE counts each
// as examined and matched.
func (a *access) wroteAtOnce(n int, err error) (*Result, error) {
	if err != nil {
		return nil, err
	}
	a.examined.Add(int64(n))
	a.returned.Add(int64(n))
	return &Result{RowsAffected: int64(n)}, nil
}

// checkNewKeys refuses an UPDATE whose new keys collide with each other or
// with rows it does not change.
func checkNewKeys(c *evalCtx, t *Table, olds, news []term.Term) error {
	leaving := map[string]bool{}
	for _, o := range olds {
		k, _ := o.Element(1)
		leaving[keyString(k)] = true
	}
	seen := map[string]bool{}
	for _, n := range news {
		k, _ := n.Element(1)
		ks := keyString(k)
		if seen[ks] {
			return uniqueError(t.Schema)
		}
		seen[ks] = true
		if !leaving[ks] {
			ok, err := t.ETS.Member(c.rt.Proc, k)
			if err != nil {
				return err
			}
			if ok {
				return uniqueError(t.Schema)
			}
		}
	}
	return nil
}

// ---- CREATE TABLE

func (p *planner) planCreate(st *Statement, s *parser.CreateTableStmt) error {
	if s.AsSelect != nil {
		return p.planCreateAs(st, s)
	}
	def, err := tableDef(s)
	if err != nil {
		return err
	}
	if _, err := schema.NewTable(def); err != nil {
		return err
	}
	ifNot := s.IfNotExists
	cat := p.cat
	uniques, err := uniqueConstraints(def, s)
	if err != nil {
		return err
	}
	ic, _ := cat.(IndexCatalog)
	if len(uniques) > 0 && ic == nil {
		return errorf(ErrUnsupported, s.Pos, "UNIQUE constraints are not supported by this catalog")
	}
	st.exec = func(c *evalCtx) (*Result, error) {
		tab, err := schema.NewTable(def) // a fresh row id counter each time
		if err != nil {
			return nil, err
		}
		if _, exists := cat.Table(def.Name); exists && ifNot {
			return &Result{}, nil
		}
		if err := cat.CreateTable(tab, ifNot); err != nil {
			return nil, err
		}
		n := 0
		for _, cols := range uniques { // SQLite's names for them
			for {
				n++ // a renamed table keeps its names: skip them
				name := fmt.Sprintf("%s%s_%d", autoIndexPrefix, def.Name, n)
				err := ic.CreateIndex(def.Name, IndexSpec(tab, name, cols, true), false)
				if err == nil {
					break
				}
				if !errors.Is(err, ErrIndexExists) {
					return nil, err
				}
			}
		}
		return &Result{}, nil
	}
	st.describe = func(explainOpts) []string { return []string{"create table " + def.Name} }
	return nil
}

// declaredTable builds the table a CREATE TABLE declares.
func declaredTable(s *parser.CreateTableStmt) (*schema.Table, error) {
	def, err := tableDef(s)
	if err != nil {
		return nil, err
	}
	return schema.NewTable(def)
}

// columnDef translates a column definition: its type by name (ANY when
// it has none), NOT NULL, AUTOINCREMENT and a constant DEFAULT.
func columnDef(c *parser.ColumnDef) (schema.Column, error) {
	col := schema.Column{Name: string(c.Name), NotNull: c.IsNotNull(), AutoIncrement: c.IsAutoIncrement()}
	if c.Type == nil {
		col.Type = schema.Any // SQLite's column without affinity
		return col, columnDefault(c, &col)
	}
	var params []int
	for _, ps := range c.Type.Params {
		n, err := strconv.Atoi(ps)
		if err != nil {
			return col, errorf(schema.ErrTypeParams, c.Type.Pos, "bad type parameter %s", ps)
		}
		params = append(params, n)
	}
	typ, err := schema.ParseType(c.Type.Name, params)
	if err != nil {
		return col, &Error{Pos: c.Type.Pos, Msg: err.Error(), Err: err}
	}
	col.Type = typ
	return col, columnDefault(c, &col)
}

// columnDefault sets col's DEFAULT value, from a constant expression.
func columnDefault(c *parser.ColumnDef, col *schema.Column) error {
	d := c.DefaultValue()
	if d == nil {
		return nil
	}
	p := &planner{}
	dc, err := p.compileExpr(&scope{}, d)
	if err != nil {
		return err
	}
	col.Default, err = dc.eval(&evalCtx{}, nil)
	return err
}

// tableDef translates CREATE TABLE into a schema declaration: column
// types by name, NOT NULL, constant DEFAULTs, the primary key, and the
// ETS options of WITH (...).
func tableDef(s *parser.CreateTableStmt) (schema.TableDef, error) {
	def := schema.TableDef{Name: string(s.Name)}
	for _, c := range s.Columns() {
		col, err := columnDef(c)
		if err != nil {
			return def, err
		}
		def.Columns = append(def.Columns, col)
	}
	for _, k := range s.PrimaryKey() {
		def.PrimaryKey = append(def.PrimaryKey, string(k))
	}
	for _, o := range s.Options {
		v := o.Value
		if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
			v = strings.ReplaceAll(v[1:len(v)-1], "''", "'")
		}
		if err := def.Options.Set(string(o.Name), v); err != nil {
			return def, &Error{Pos: o.Pos, Msg: err.Error(), Err: err}
		}
	}
	return def, nil
}

// EngineOptions returns the ETS options of a declared table: named, keypos
// 1, with its type and access.
func EngineOptions(t *schema.Table) engine.Options {
	o := t.Options()
	eo := engine.Options{Named: true, KeyPos: 1, ReadConcurrency: o.ReadConcurrency, WriteConcurrency: o.WriteConcurrency, Compressed: o.Compressed}
	switch o.Type {
	case schema.Set:
		eo.Type = engine.Set
	case schema.Bag:
		eo.Type = engine.Bag
	case schema.DuplicateBag:
		eo.Type = engine.DuplicateBag
	default:
		eo.Type = engine.OrderedSet
	}
	switch o.Access {
	case schema.Protected:
		eo.Access = engine.Protected
	case schema.Private:
		eo.Access = engine.Private
	default:
		eo.Access = engine.Public
	}
	return eo
}

// InsertRows inserts row tuples as INSERT does: a duplicate key of a
// table with a primary key, or a conflict in a unique index, fails them
// all with an ErrConstraint error.
func InsertRows(rt *Runtime, t *Table, objs []term.Term) error {
	return constraintError(t, insertRows(&evalCtx{rt: rt}, t, objs, false))
}

// bodyTrue returns ms with every body [true], as select_count and
// select_delete want, and the INT equalities in the heads (see
// intEqualityInHead).
func bodyTrue(ms *matchspec.MatchSpec, tab *schema.Table) *matchspec.MatchSpec {
	out := &matchspec.MatchSpec{}
	for _, cl := range ms.Clauses {
		cl = intEqualityInHead(tab, matchspec.Clause{Head: cl.Head, Guards: cl.Guards, Body: []term.Term{atomTrue}})
		out.Clauses = append(out.Clauses, cl)
	}
	return out
}

// replaceProgram builds, when it can, the ets:select_replace/2
// specification of an UPDATE: the whole WHERE clause in the guards, no
// key column set, and constant new values (checked now). The body
// rebuilds each row with {element, I, '$_'} for the columns kept, so the
// engine sees that the key does not change.
//
// Example: UPDATE products SET units = 0 WHERE product_id = 11 gives
//
//	[{{11,'_','_','_'},[],[{{{element,1,'$_'},{element,2,'$_'},{element,3,'$_'},0}}]}]
func replaceProgram(a *access, tab *schema.Table, set []*parser.Assignment, cols []int, keyChange bool) *matchspec.Program {
	if keyChange || a.prog == nil || a.residual != nil || tab.Options().Type == schema.Bag || a.path == PathIndex {
		return nil // an index finds the rows faster than select_replace visits the table
	}
	elems := make([]term.Term, tab.Arity())
	for i := range elems {
		elems[i] = term.Tuple(term.Atom("element"), term.Int(int64(i+1)), term.Atom("$_"))
	}
	p := &planner{}
	var incr *increment
	for i, as := range set {
		elem := tab.Position(cols[i]).Elem
		l := &lowerer{p: p, sc: &scope{}}
		v, param, ok := l.constOf(as.Value)
		if !ok {
			inc, ok := intIncrement(tab, cols[i], as.Value)
			if !ok || incr != nil {
				return nil
			}
			inc.elem = elem
			incr = &inc
			continue
		}
		if param > 0 {
			return nil
		}
		cv, err := tab.Coerce(cols[i], v)
		if err != nil {
			return nil // the general path reports it, if a row matches
		}
		elems[elem-1] = guardConst(cv)
	}
	ms := &matchspec.MatchSpec{}
	for _, cl := range a.spec.Clauses {
		cl = intEqualityInHead(tab, cl)
		if incr == nil {
			body := []term.Term{term.Tuple(term.Tuple(elems...))}
			ms.Clauses = append(ms.Clauses, matchspec.Clause{Head: cl.Head, Guards: cl.Guards, Body: body})
			continue
		}
		for _, c := range incr.cases(elems) {
			guards := append(slices.Clip(cl.Guards), c.guard)
			ms.Clauses = append(ms.Clauses, matchspec.Clause{Head: cl.Head, Guards: guards, Body: []term.Term{c.body}})
		}
	}
	prog, err := matchspec.Compile(ms)
	if err != nil {
		return nil
	}
	return prog
}

// intEqualityInHead moves the guards that compare an INT column with an
// integer into the clause's head, where they reject a row before any
// guard runs. An INT column holds only integers and NULL, so
// {'==','$2',7} there is the same as matching 7 exactly.
//
// Example: {{'_','$2','_'},[{'andalso',{is_number,'$2'},{'==','$2',7}}],B}
// becomes {{'_',7,'_'},[],B}.
func intEqualityInHead(tab *schema.Table, cl matchspec.Clause) matchspec.Clause {
	head := cl.Head.Elements()
	if !cl.Head.IsTuple() {
		return cl
	}
	var guards []term.Term
	var newHead []term.Term
	for i, g := range cl.Guards {
		v, c, ok := intEquality(g)
		elem := -1
		if ok {
			for j, h := range head {
				if term.ExactEqual(h, v) {
					elem = j
					break
				}
			}
		}
		if elem < 0 || !isIntElem(tab, elem+1) || occurrences(cl.Head, v, 0) != 1 || slices.ContainsFunc(cl.Guards[i+1:], func(o term.Term) bool { return occurrences(o, v, 0) > 0 }) || slices.ContainsFunc(guards, func(o term.Term) bool { return occurrences(o, v, 0) > 0 }) {
			guards = append(guards, g)
			continue
		}
		if newHead == nil {
			newHead = slices.Clone(head)
		}
		newHead[elem] = c
	}
	if newHead == nil {
		return cl
	}
	for _, b := range cl.Body {
		if occurrences(b, term.Atom("$$"), 0) > 0 {
			return cl // '$$' lists the head's variables
		}
	}
	return matchspec.Clause{Head: term.Tuple(newHead...), Guards: guards, Body: cl.Body}
}

// intEquality matches the lowered form of column = integer constant:
// {'andalso',{is_number,V},{'==',V,C}}.
func intEquality(g term.Term) (v, c term.Term, ok bool) {
	el := g.Elements()
	if !g.IsTuple() || len(el) != 3 || !el[0].IsAtomNamed("andalso") {
		return v, c, false
	}
	num, eq := el[1].Elements(), el[2].Elements()
	if len(num) != 2 || !num[0].IsAtomNamed("is_number") || len(eq) != 3 || !eq[0].IsAtomNamed("==") {
		return v, c, false
	}
	v, c = num[1], eq[2]
	if !v.IsAtom() || !term.ExactEqual(eq[1], v) || !c.IsInteger() {
		return v, c, false
	}
	return v, c, true
}

// isIntElem reports whether element elem of the table's rows is an INT
// column (not the composite key tuple).
func isIntElem(tab *schema.Table, elem int) bool {
	for col := 0; col < tab.NumColumns(); col++ {
		if p := tab.Position(col); p.Elem == elem && p.Sub == 0 {
			return tab.Type(col) == schema.Int
		}
	}
	return false
}

// occurrences counts the occurrences of the atom v in t.
func occurrences(t, v term.Term, depth int) int {
	if depth > term.MaxDepth {
		return 1
	}
	if t.IsAtom() {
		if term.ExactEqual(t, v) {
			return 1
		}
		return 0
	}
	n := 0
	if t.IsTuple() || t.IsProperList() {
		for _, e := range t.Elements() {
			n += occurrences(e, v, depth+1)
		}
	}
	return n
}

// increment is SET c = s + k for INT columns c and s and an integer k:
// the object's element src plus k, into element elem.
type increment struct {
	src, elem int
	k         int64
}

// intIncrement recognises SET c = s + k, s - k or k + s, where c and s
// are INT columns of tab (s may be c) and k an integer literal.
//
// Example: SET qty = qty + 1 on t (id, category, price, qty) gives src 5
// (qty's element), k 1.
func intIncrement(tab *schema.Table, col int, e parser.Expr) (increment, bool) {
	b, ok := e.(*parser.BinaryExpr)
	if !ok || (b.Op != parser.OpAdd && b.Op != parser.OpSub) || tab.Type(col) != schema.Int {
		return increment{}, false
	}
	ref, lit := b.L, b.R
	if _, isRef := ref.(*parser.ColumnRef); !isRef && b.Op == parser.OpAdd {
		ref, lit = lit, ref
	}
	r, ok := ref.(*parser.ColumnRef)
	if !ok || r.Table != "" && !strings.EqualFold(string(r.Table), tab.Name()) {
		return increment{}, false
	}
	src, ok := tab.Lookup(string(r.Column))
	if !ok || src < 0 || tab.Type(src) != schema.Int {
		return increment{}, false
	}
	l := &lowerer{p: &planner{}, sc: &scope{}}
	v, param, ok := l.constOf(lit)
	k, isInt := v.Int64()
	if !ok || param > 0 || !v.IsInteger() || !isInt {
		return increment{}, false
	}
	if b.Op == parser.OpSub {
		if k == math.MinInt64 {
			return increment{}, false
		}
		k = -k
	}
	return increment{src: tab.Position(src).Elem, k: k}, true
}

// incrementCase is one clause of an increment: a guard on the source
// value and the replacement object.
type incrementCase struct{ guard, body term.Term }

// cases returns the clauses that compute the increment exactly as SQL
// does: an integer that stays in 64 bits gets k added; NULL stays NULL;
// another integer goes through a float, as SQLite's arithmetic does when
// it overflows, then back to an integer as the INT column stores it.
func (inc *increment) cases(elems []term.Term) []incrementCase {
	src := term.Tuple(term.Atom("element"), term.Int(int64(inc.src)), term.Atom("$_"))
	with := func(v term.Term) term.Term {
		out := slices.Clone(elems)
		out[inc.elem-1] = v
		return term.Tuple(term.Tuple(out...))
	}
	inRange := term.Tuple(term.Atom("=<"), src, term.Int(math.MaxInt64-inc.k))
	if inc.k < 0 {
		inRange = term.Tuple(term.Atom(">="), src, term.Int(math.MinInt64-inc.k))
	}
	isInt := term.Tuple(term.Atom("is_integer"), src)
	viaFloat := term.Tuple(term.Atom("trunc"), term.Tuple(term.Atom("+"), term.Tuple(term.Atom("float"), src), term.Float(float64(inc.k))))
	return []incrementCase{
		{term.Tuple(term.Atom("andalso"), isInt, inRange), with(term.Tuple(term.Atom("+"), src, term.Int(inc.k)))},
		{term.Tuple(term.Atom("=:="), src, term.Atom("undefined")), with(term.Atom("undefined"))},
		{isInt, with(viaFloat)},
	}
}
