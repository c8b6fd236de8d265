package planner

import (
	"errors"
	"slices"
	"strings"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// An INSERT with ON CONFLICT clauses, or OR IGNORE, OR FAIL, or OR
// REPLACE on a table with unique indexes, writes row by row, as SQLite
// does: each row is checked against the primary key and the unique
// indexes as the table stands after the rows before it, and a row that
// conflicts is skipped, replaces the rows it conflicts with, updates the
// row it conflicts with (DO UPDATE), or fails the statement. The statement
// runs under an undo journal: a failure undoes it all, but for OR FAIL,
// which keeps the rows written before the failing one.

// pkConstraint names the primary key among a table's unique constraints;
// the others are named by their index.
const pkConstraint = ""

// conflictPlan is how an INSERT deals with rows that break a uniqueness
// constraint.
type conflictPlan struct {
	t       *Table
	or      parser.ConflictAction
	clauses []*upsertPlan
	width   int // row slots of one side of the DO UPDATE row: existing, then excluded
	rowid   bool
	uniques []Index // the table's unique indexes
}

// upsertPlan is one ON CONFLICT clause.
type upsertPlan struct {
	target  *string // the constraint it handles; nil for any
	nothing bool
	cols    []int
	vals    []compiled
	where   evalFn
	fire    *firing // the UPDATE triggers its DO UPDATE fires, or nil
}

// needsRowPath reports whether the INSERT must write row by row.
func needsRowPath(s *parser.InsertStmt, t *Table) bool {
	switch {
	case len(s.Upsert) > 0, s.Or == parser.OrIgnore, s.Or == parser.OrFail:
		return true
	case s.Or == parser.OrReplace:
		return slices.ContainsFunc(t.Indexes(), func(ix Index) bool { return ix.Unique })
	}
	return false
}

// planConflicts plans the ON CONFLICT clauses of s.
func (p *planner) planConflicts(s *parser.InsertStmt, t *Table) (*conflictPlan, error) {
	st := t.Schema
	cp := &conflictPlan{t: t, or: s.Or}
	for _, ix := range t.Indexes() {
		if ix.Unique {
			cp.uniques = append(cp.uniques, ix)
		}
	}
	cols, rowid := tableColumns(st, st.Name(), 0)
	excl, _ := tableColumns(st, "excluded", 1)
	for i := range excl {
		excl[i].qualifiedOnly = true
	}
	cp.width, cp.rowid = len(cols), rowid
	sc := &scope{cols: append(cols, excl...)}
	for i, u := range s.Upsert {
		up := &upsertPlan{nothing: u.Nothing}
		if len(u.Target) > 0 {
			name, err := conflictTarget(t, u.Target)
			if err != nil {
				return nil, err
			}
			up.target = &name
		} else if i < len(s.Upsert)-1 && !u.Nothing {
			return nil, errorf(ErrMisuse, u.Pos, "ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint")
		}
		for _, as := range u.Set {
			idx, ok := st.Lookup(string(as.Column))
			if !ok || idx < 0 {
				return nil, errorf(ErrNoColumn, as.Pos, "no such column: %s", as.Column)
			}
			if hasAggregate(as.Value) {
				return nil, errorf(ErrMisuse, as.Pos, "misuse of aggregate function")
			}
			v, err := p.compileExpr(sc, as.Value)
			if err != nil {
				return nil, err
			}
			up.cols, up.vals = append(up.cols, idx), append(up.vals, v)
		}
		if u.Where != nil {
			w, err := p.filter(sc, []parser.Expr{u.Where})
			if err != nil {
				return nil, err
			}
			up.where = w
		}
		cp.clauses = append(cp.clauses, up)
	}
	return cp, nil
}

// conflictTarget names the constraint whose columns are target's: the
// primary key of a set or ordered_set, or a unique index.
func conflictTarget(t *Table, target []*parser.IndexColumn) (string, error) {
	st := t.Schema
	var cols []int
	for _, c := range target {
		idx, ok := st.Lookup(string(c.Name))
		if !ok || idx < 0 {
			return "", errorf(ErrNoColumn, c.Pos, "no such column: %s", c.Name)
		}
		cols = append(cols, idx)
	}
	same := func(a []int) bool {
		if len(a) != len(cols) {
			return false
		}
		for _, c := range cols {
			if !slices.Contains(a, c) {
				return false
			}
		}
		return true
	}
	if st.Options().Type.Unique() && !st.HasRowID() && same(st.PrimaryKey()) {
		return pkConstraint, nil
	}
	for _, ix := range t.Indexes() {
		if ix.Unique && same(ix.Columns) {
			return ix.Name, nil
		}
	}
	return "", errorf(ErrMisuse, target[0].Pos, "ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint")
}

// conflict is an existing row a new one conflicts with, and on what.
type conflict struct {
	constraint string
	existing   term.Term
}

// conflicts finds the rows obj conflicts with: the row of its key, then
// those sharing the values of each unique index.
func (cp *conflictPlan) conflicts(c *evalCtx, obj term.Term) ([]conflict, error) {
	t, st := cp.t, cp.t.Schema
	p := c.rt.Proc
	var out []conflict
	if st.Options().Type.Unique() && !st.HasRowID() {
		key, _ := obj.Element(1)
		objs, err := t.ETS.Lookup(p, key)
		if err != nil {
			return nil, err
		}
		if len(objs) > 0 {
			out = append(out, conflict{pkConstraint, objs[0]})
		}
	}
	for _, ix := range cp.uniques {
		vals := make([]term.Term, len(ix.Columns))
		null := false
		for i, col := range ix.Columns {
			vals[i], _ = st.Value(obj, col)
			null = null || isNull(vals[i])
		}
		if null {
			continue
		}
		objs, err := t.ETS.AppendIndexed(nil, p, ix.Name, engine.IndexRange{Prefix: vals})
		if errors.Is(err, engine.ErrNoIndex) {
			continue // ETS code dropped it since the plan was made
		}
		if err != nil {
			return nil, err
		}
		for _, o := range objs { // the row of the same key too: it conflicts on both
			out = append(out, conflict{ix.Name, o})
		}
	}
	return out, nil
}

// rowOf writes the values of obj (with its row id, if shown) into row.
func (cp *conflictPlan) rowOf(row []term.Term, obj term.Term) {
	st := cp.t.Schema
	n := st.NumColumns()
	for i := range n {
		row[i], _ = st.Value(obj, i)
	}
	if cp.rowid {
		row[n], _ = st.Value(obj, schema.RowIDColumn)
	}
}

// constraintFailed is the error of a row breaking the constraint.
func (cp *conflictPlan) constraintFailed(constraint string) error {
	if constraint == pkConstraint {
		return uniqueError(cp.t.Schema)
	}
	return constraintError(cp.t, &engine.UniqueError{Index: constraint})
}

// write stores the rows one by one (see the comment at the top); it
// returns the rows written (inserted, or updated by DO UPDATE) and how
// many of them were inserted, the last inserted one last among those.
func (cp *conflictPlan) write(c *evalCtx, names []string, vals [][]term.Term) (written []term.Term, lastInserted term.Term, err error) {
	t := cp.t
	p := c.rt.Proc
	if err := t.ETS.BeginJournal(p); err != nil {
		return nil, term.Term{}, err
	}
	written, lastInserted, err = cp.writeRows(c, names, vals)
	var ae *abortError
	if errors.As(err, &ae) {
		err = ae.err
	}
	if err != nil && (cp.or != parser.OrFail || ae != nil) {
		_ = t.ETS.RollbackJournal(p)
		return nil, term.Term{}, err
	}
	if cerr := t.ETS.CommitJournal(p); err == nil {
		err = cerr
	}
	return written, lastInserted, err
}

func (cp *conflictPlan) writeRows(c *evalCtx, names []string, vals [][]term.Term) ([]term.Term, term.Term, error) {
	t := cp.t
	p := c.rt.Proc
	var written []term.Term
	var last term.Term
	row := make([]term.Term, 2*cp.width)
	for _, v := range vals {
		obj, ok, err := cp.buildRow(names, v)
		if err != nil {
			return written, last, err
		}
		if !ok {
			continue
		}
		if obj, err = cp.assignKey(c, obj); err != nil {
			return written, last, err
		}
		found, err := cp.conflicts(c, obj)
		if err != nil {
			return written, last, err
		}
		if len(found) == 0 {
			if err := t.ETS.Insert(p, obj); err != nil {
				return written, last, constraintError(t, err)
			}
			written, last = append(written, obj), obj
			continue
		}
		clause, with := cp.clauseFor(found)
		switch {
		case clause != nil && clause.nothing:
			continue
		case clause != nil:
			cp.rowOf(row[:cp.width], with.existing)
			cp.rowOf(row[cp.width:], obj)
			updated, ok, err := clause.update(c, t.Schema, row, with.existing)
			if err != nil {
				return written, last, &abortError{err}
			}
			if !ok {
				continue
			}
			var newVals, oldVals []term.Term
			if clause.fire != nil {
				newVals, oldVals = rowValues(t.Schema, updated), rowValues(t.Schema, with.existing)
			}
			if ignored, err := clause.fire.run(c, clause.fire.beforeList(), newVals, oldVals); err != nil || ignored {
				if err != nil {
					return written, last, &abortError{err}
				}
				continue
			}
			if err := cp.replaceRow(c, with.existing, updated); err != nil {
				return written, last, &abortError{err}
			}
			written = append(written, updated)
			if _, err := clause.fire.run(c, clause.fire.afterList(), newVals, oldVals); err != nil {
				return written, last, &abortError{err}
			}
		case cp.or == parser.OrIgnore:
			continue
		case cp.or == parser.OrReplace:
			for _, f := range found {
				if err := cp.remove(c, f.existing); err != nil {
					return written, last, err
				}
			}
			if err := t.ETS.Insert(p, obj); err != nil {
				return written, last, constraintError(t, err)
			}
			written, last = append(written, obj), obj
		default:
			return written, last, cp.constraintFailed(found[0].constraint)
		}
	}
	return written, last, nil
}

// assignKey gives a row whose integer key is NULL one, as the table
// stands now (SQLite numbers each row when it inserts it). The caller
// holds t.keys.
func (cp *conflictPlan) assignKey(c *evalCtx, obj term.Term) (term.Term, error) {
	tab := cp.t.Schema
	if !tab.IntegerKey() {
		return obj, nil
	}
	one := []term.Term{obj}
	top, err := assignKeys(c, cp.t, one)
	if err != nil {
		return obj, err
	}
	tab.NoteKey(top)
	return one[0], nil
}

// abortError is a failure of DO UPDATE, which undoes the statement even
// under OR FAIL, as in SQLite.
type abortError struct{ err error }

func (e *abortError) Error() string { return e.err.Error() }
func (e *abortError) Unwrap() error { return e.err }

// clauseFor picks the first ON CONFLICT clause that handles one of the
// conflicts: its target's, or the first conflict for a clause without a
// target.
func (cp *conflictPlan) clauseFor(found []conflict) (*upsertPlan, conflict) {
	for _, u := range cp.clauses {
		if u.target == nil {
			return u, found[0]
		}
		for _, f := range found {
			if f.constraint == *u.target {
				return u, f
			}
		}
	}
	return nil, conflict{}
}

// update computes the row DO UPDATE makes of existing; ok is false when
// its WHERE clause is not true.
func (u *upsertPlan) update(c *evalCtx, st *schema.Table, row []term.Term, existing term.Term) (term.Term, bool, error) {
	if u.where != nil {
		v, err := u.where(c, row)
		if err != nil {
			return term.Term{}, false, err
		}
		if ok, _ := truth(v); !ok {
			return term.Term{}, false, nil
		}
	}
	set := make(map[int]term.Term, len(u.cols))
	for i, col := range u.cols {
		v, err := u.vals[i].eval(c, row)
		if err != nil {
			return term.Term{}, false, err
		}
		set[col] = v
	}
	updated, err := st.Update(existing, set)
	return updated, err == nil, err
}

// replaceRow stores updated in place of existing: a key it changes to
// must be free.
func (cp *conflictPlan) replaceRow(c *evalCtx, existing, updated term.Term) error {
	t, st := cp.t, cp.t.Schema
	p := c.rt.Proc
	oldKey, _ := existing.Element(1)
	newKey, _ := updated.Element(1)
	if !term.ExactEqual(oldKey, newKey) || !st.Options().Type.Unique() {
		if st.Options().Type.Unique() {
			taken, err := t.ETS.Member(p, newKey)
			if err != nil {
				return err
			}
			if taken {
				return uniqueError(st)
			}
		}
		if err := cp.remove(c, existing); err != nil {
			return err
		}
	}
	return constraintError(t, t.ETS.Insert(p, updated))
}

// remove deletes an existing row.
func (cp *conflictPlan) remove(c *evalCtx, existing term.Term) error {
	if cp.t.Schema.Options().Type.Unique() {
		k, _ := existing.Element(1)
		return cp.t.ETS.DeleteKey(c.rt.Proc, k)
	}
	return cp.t.ETS.DeleteObject(c.rt.Proc, existing)
}

// buildRow builds one row of an INSERT: with OR IGNORE a row that
// breaks NOT NULL is skipped (ok false), with OR REPLACE a NULL for a NOT
// NULL column with a default takes the default, as in SQLite.
func (cp *conflictPlan) buildRow(names []string, v []term.Term) (obj term.Term, ok bool, err error) {
	tab := cp.t.Schema
	if cp.or == parser.OrReplace {
		v = notNullDefaults(tab, names, v)
	}
	if names != nil {
		obj, err = tab.RowFor(names, v)
	} else {
		obj, err = tab.Row(v)
	}
	if err != nil && cp.or == parser.OrIgnore && errors.Is(err, schema.ErrNotNull) {
		return obj, false, nil
	}
	return obj, err == nil, err
}

// notNullDefaults returns vals with the NULLs given to NOT NULL columns
// that have a default replaced by it.
func notNullDefaults(tab *schema.Table, names []string, vals []term.Term) []term.Term {
	out := vals
	for j, v := range vals {
		if !isNull(v) {
			continue
		}
		col := j
		if names != nil {
			c, ok := tab.Lookup(names[j])
			if !ok || c < 0 {
				continue
			}
			col = c
		}
		if col >= tab.NumColumns() {
			continue
		}
		if c := tab.Column(col); c.NotNull && c.Default.IsValid() && !isNull(c.Default) {
			if &out[0] == &vals[0] {
				out = slices.Clone(vals)
			}
			out[j] = c.Default
		}
	}
	return out
}

// describe is EXPLAIN's line for the row path.
func (cp *conflictPlan) describe() string {
	var parts []string
	for _, u := range cp.clauses {
		target := "any conflict"
		if u.target != nil {
			target = "the primary key"
			if *u.target != pkConstraint {
				target = "index " + *u.target
			}
		}
		what := "do nothing"
		if !u.nothing {
			what = "do update"
		}
		parts = append(parts, "on "+target+": "+what)
	}
	if cp.or != 0 {
		parts = append(parts, "else "+strings.ToLower(cp.or.String()))
	}
	return "row by row, checking each row's conflicts (" + strings.Join(parts, "; ") + ")"
}
