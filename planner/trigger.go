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

// Trigger is a catalog entry made by CREATE TRIGGER: statements run for
// each row an INSERT, UPDATE or DELETE of its table changes, planned
// into the plans of those statements (so CREATE and DROP TRIGGER must
// make the catalog's plans stale, as CREATE TABLE does).
type Trigger struct {
	Name  string // as declared
	Table string // the table it is on, as declared
	// SQL is the CREATE TRIGGER statement as written.
	SQL string
}

// TriggerCatalog is what a Catalog implements to run CREATE and DROP
// TRIGGER; without it those statements are ErrUnsupported and no
// statement fires triggers. DropTable of a table drops its triggers.
type TriggerCatalog interface {
	// Triggers returns the triggers on table (any case), oldest first.
	Triggers(table string) []*Trigger
	CreateTrigger(t *Trigger, ifNotExists bool) error
	DropTrigger(name string, ifExists bool) error
}

// maxTriggerDepth caps triggers firing triggers, as SQLite's
// SQLITE_MAX_TRIGGER_DEPTH does (its default is 1000; plans nest here);
// maxTriggerPlans caps the trigger bodies planned into one statement,
// which triggers firing several others could multiply.
const (
	maxTriggerDepth = 32
	maxTriggerPlans = 4096
)

func (p *planner) planCreateTrigger(st *Statement, s *parser.CreateTriggerStmt) error {
	tc, ok := p.cat.(TriggerCatalog)
	if !ok {
		return errorf(ErrUnsupported, s.Pos, "CREATE TRIGGER is not supported by this catalog")
	}
	if strings.HasPrefix(strings.ToLower(string(s.Name)), "sqlite_") {
		return errorf(ErrMisuse, s.Pos, "object name reserved for internal use: %s", s.Name)
	}
	var on string // the table's or view's name, as declared
	if v, isView := p.view(s.Table); isView {
		if s.Timing != parser.InsteadOf {
			return errorf(ErrMisuse, s.Pos, "cannot create %s trigger on view: %s", s.Timing, s.Table)
		}
		on = v.Name
	} else {
		t, ok := p.cat.Table(string(s.Table))
		if !ok {
			return errorf(ErrNoTable, s.Pos, "no such table: %s", s.Table)
		}
		if s.Timing == parser.InsteadOf {
			return errorf(ErrMisuse, s.Pos, "cannot create INSTEAD OF trigger on table: %s", s.Table)
		}
		on = t.Schema.Name()
	}
	if parser.NumInput(s) > 0 {
		return errorf(ErrMisuse, s.Pos, "trigger cannot use variables")
	}
	sql := parser.Format(s)
	if end := s.End.Offset + len("END"); s.Pos.Offset < end && end <= len(p.sql) {
		sql = p.sql[s.Pos.Offset:end] // as written
	}
	tr := &Trigger{Name: string(s.Name), Table: on, SQL: sql}
	st.exec = func(*evalCtx) (*Result, error) {
		return &Result{}, tc.CreateTrigger(tr, s.IfNotExists)
	}
	st.describe = func(explainOpts) []string { return []string{"create trigger " + tr.Name} }
	return nil
}

func (p *planner) planDropTrigger(st *Statement, s *parser.DropTriggerStmt) error {
	tc, ok := p.cat.(TriggerCatalog)
	if !ok {
		return errorf(ErrUnsupported, s.Pos, "DROP TRIGGER is not supported by this catalog")
	}
	st.exec = func(*evalCtx) (*Result, error) {
		return &Result{}, tc.DropTrigger(string(s.Name), s.IfExists)
	}
	st.describe = func(explainOpts) []string { return []string{"drop trigger " + string(s.Name)} }
	return nil
}

// triggerScope is what NEW and OLD name in a trigger on a table: the
// parameters of its WHEN clause and body statements. With n columns,
// NEW.col i is parameter i+1 and NEW.rowid n+1; OLD's follow, OLD.col i
// being n+2+i (see rowValues).
type triggerScope struct {
	tab            *schema.Table
	hasNew, hasOld bool // INSERT has NEW, DELETE OLD, UPDATE both
}

// refers reports whether e is NEW.col or OLD.col in a trigger (ts may
// be nil: outside one).
func (ts *triggerScope) refers(e *parser.ColumnRef) bool {
	if ts == nil {
		return false
	}
	return strings.EqualFold(string(e.Table), "new") || strings.EqualFold(string(e.Table), "old")
}

// param returns the parameter index of NEW.col or OLD.col and the
// column's type.
func (ts *triggerScope) param(e *parser.ColumnRef) (int, schema.Type, error) {
	isNew := strings.EqualFold(string(e.Table), "new")
	if (isNew && !ts.hasNew) || (!isNew && !ts.hasOld) {
		return 0, 0, errorf(ErrNoColumn, e.Pos, "no such column: %s", parser.Format(e))
	}
	col, ok := ts.tab.Lookup(string(e.Column))
	if !ok {
		return 0, 0, errorf(ErrNoColumn, e.Pos, "no such column: %s", parser.Format(e))
	}
	n := ts.tab.NumColumns()
	slot := col
	if col == schema.RowIDColumn || col < 0 {
		slot = n
	}
	if !isNew {
		slot += n + 1
	}
	return slot + 1, ts.tab.Type(col), nil
}

// compile compiles NEW.col or OLD.col: a parameter with the column's
// type and affinity.
func (ts *triggerScope) compile(e *parser.ColumnRef) (compiled, error) {
	idx, typ, err := ts.param(e)
	if err != nil {
		return compiled{}, err
	}
	c := compiled{typ: typ, aff: typeAffinity(typ), eval: func(c *evalCtx, _ []term.Term) (term.Term, error) { return c.param(idx) }}
	if typ == schema.Any {
		c.typ = 0
	}
	return c, nil
}

// rowValues returns the values a trigger sees of a row (see
// triggerScope): its columns, then its row id (a rowid table's, or the
// INTEGER PRIMARY KEY's value, else NULL). A missing row (the old of an
// INSERT, the new of a DELETE) is all NULL.
func rowValues(tab *schema.Table, obj term.Term) []term.Term {
	n := tab.NumColumns()
	vals := make([]term.Term, n+1)
	if !obj.IsValid() {
		for j := range vals {
			vals[j] = null
		}
		return vals
	}
	for c := 0; c < n; c++ {
		vals[c], _ = tab.Value(obj, c)
	}
	vals[n] = null
	if id, ok := tab.RowID(obj); ok {
		vals[n] = term.Int(id)
	} else if tab.IntegerKey() {
		vals[n] = vals[tab.PrimaryKey()[0]]
	}
	return vals
}

// insertValues returns NEW of a row an INSERT is about to write, for its
// BEFORE triggers: the values given for the columns named (all when
// names is nil), converted to the columns' types when they can be, the
// other columns' DEFAULTs, and -1 for a row id or INTEGER PRIMARY KEY
// still to be assigned, as SQLite shows them.
func insertValues(tab *schema.Table, names []string, given []term.Term) []term.Term {
	n := tab.NumColumns()
	vals := make([]term.Term, n+1)
	for c := range n {
		vals[c] = null
		if d := tab.Column(c).Default; d.IsValid() {
			vals[c] = d
		}
	}
	set := func(c int, v term.Term) {
		if cv, err := tab.Type(c).Coerce(v); err == nil {
			v = cv
		}
		if v.IsValid() {
			vals[c] = v
		}
	}
	if names == nil {
		for c := 0; c < n && c < len(given); c++ {
			set(c, given[c])
		}
	} else {
		for i, name := range names {
			if c, ok := tab.Lookup(name); ok && c >= 0 && i < len(given) {
				set(c, given[i])
			}
		}
	}
	vals[n] = term.Int(-1)
	if tab.IntegerKey() {
		k := tab.PrimaryKey()[0]
		if isNull(vals[k]) {
			vals[k] = term.Int(-1)
		}
		vals[n] = vals[k]
	}
	return vals
}

// triggerPlan is a trigger planned for a statement: its WHEN condition
// (nil when it has none) and its body.
type triggerPlan struct {
	name string
	when evalFn
	body []*Statement
}

// firing is the triggers a statement fires on each row it changes: the
// BEFORE (or INSTEAD OF) ones, then the AFTER ones, newest first as in
// SQLite; and the
// tables they, and the statement itself, write, which the statement
// journals so that an error undoes them all.
type firing struct {
	tab           *schema.Table
	before, after []*triggerPlan
	writes        []*Table
	orFail        bool // an INSERT OR FAIL: a constraint error keeps what was written
}

// planFiring plans the triggers a statement on t fires for event; cols
// are the columns an UPDATE sets (an UPDATE OF trigger fires when one of
// its columns is among them). It is nil when none fires. A trigger
// whose body is being planned does not fire again within itself, as
// SQLite's recursive_triggers is off by default.
func (p *planner) planFiring(t *Table, event parser.TriggerEvent, cols []int) (*firing, error) {
	return p.planFiringOn(t.Schema, t, event, cols)
}

// planFiringOn is planFiring for the table or view tab: t is the table,
// nil for a view (whose INSTEAD OF triggers fire, and only those).
func (p *planner) planFiringOn(tab *schema.Table, t *Table, event parser.TriggerEvent, cols []int) (*firing, error) {
	tc, ok := p.cat.(TriggerCatalog)
	if !ok {
		return nil, nil
	}
	trigs := tc.Triggers(tab.Name())
	if len(trigs) == 0 {
		return nil, nil
	}
	f := &firing{tab: tab}
	if t != nil {
		f.writes = []*Table{t}
	}
	for _, tr := range slices.Backward(trigs) {
		if slices.ContainsFunc(p.firing, func(n string) bool { return strings.EqualFold(n, tr.Name) }) {
			continue
		}
		stmt, err := parser.Parse(tr.SQL)
		if err != nil {
			return nil, fmt.Errorf("trigger %s: %w", tr.Name, err)
		}
		def, ok := stmt.(*parser.CreateTriggerStmt)
		if !ok {
			return nil, fmt.Errorf("trigger %s: %w", tr.Name, errorf(ErrMisuse, stmt.Position(), "not a CREATE TRIGGER statement"))
		}
		if def.Event != event || !updatesOf(tab, def.Columns, cols) || (t == nil) != (def.Timing == parser.InsteadOf) {
			continue
		}
		if p.planned == nil {
			p.planned = new(int)
		}
		if *p.planned++; len(p.firing) >= maxTriggerDepth || *p.planned > maxTriggerPlans {
			return nil, &Error{Msg: "too many levels of trigger recursion", Err: ErrMisuse}
		}
		tp, err := p.planTrigger(tab, tr, def, f)
		if err != nil {
			return nil, fmt.Errorf("trigger %s: %w", tr.Name, err)
		}
		if def.Timing == parser.After {
			f.after = append(f.after, tp)
		} else {
			f.before = append(f.before, tp) // INSTEAD OF too
		}
	}
	if len(f.before) == 0 && len(f.after) == 0 {
		return nil, nil
	}
	return f, nil
}

// planUpsertFiring plans the UPDATE triggers of the DO UPDATE clauses of
// rowPath (nil: none) and returns fire, the INSERT's triggers, made to
// journal the tables those write too (made, empty, if fire is nil and a
// clause fires triggers).
func (p *planner) planUpsertFiring(t *Table, rowPath *conflictPlan, fire *firing) (*firing, error) {
	if rowPath == nil {
		return fire, nil
	}
	for _, up := range rowPath.clauses {
		if up.nothing {
			continue
		}
		uf, err := p.planFiring(t, parser.OnUpdate, up.cols)
		if err != nil || uf == nil {
			if err != nil {
				return nil, err
			}
			continue
		}
		up.fire = uf
		if fire == nil {
			fire = &firing{tab: t.Schema, writes: []*Table{t}}
		}
		for _, w := range uf.writes {
			if !slices.Contains(fire.writes, w) {
				fire.writes = append(fire.writes, w)
			}
		}
	}
	return fire, nil
}

// updatesOf reports whether an UPDATE setting cols fires a trigger of
// UPDATE OF names (any, when names is empty).
func updatesOf(tab *schema.Table, names []parser.Name, cols []int) bool {
	if len(names) == 0 {
		return true
	}
	for _, n := range names {
		if c, ok := tab.Lookup(string(n)); ok && slices.Contains(cols, c) {
			return true
		}
	}
	return false
}

// planTrigger plans one trigger's WHEN and body, adding the tables its
// body writes to f.writes.
func (p *planner) planTrigger(tab *schema.Table, tr *Trigger, def *parser.CreateTriggerStmt, f *firing) (*triggerPlan, error) {
	ts := &triggerScope{tab: tab, hasNew: def.Event != parser.OnDelete, hasOld: def.Event != parser.OnInsert}
	firing := append(slices.Clip(p.firing), tr.Name)
	sub := func() *planner {
		return &planner{cat: p.cat, sql: tr.SQL, trig: ts, firing: firing, planned: p.planned}
	}
	tp := &triggerPlan{name: tr.Name}
	if def.When != nil {
		w, err := sub().compileExpr(&scope{}, def.When)
		if err != nil {
			return nil, err
		}
		tp.when = w.eval
	}
	for _, s := range def.Body {
		bp := sub()
		st := &Statement{sql: tr.SQL}
		var err error
		switch s := s.(type) {
		case *parser.SelectStmt:
			err = bp.planQuery(st, s)
		case *parser.InsertStmt:
			err = bp.planInsert(st, s)
		case *parser.UpdateStmt:
			err = bp.planUpdate(st, s)
		case *parser.DeleteStmt:
			err = bp.planDelete(st, s)
		default:
			err = errorf(ErrUnsupported, s.Position(), "unsupported statement in a trigger")
		}
		if err != nil {
			return nil, err
		}
		st.accesses = bp.accesses
		tp.body = append(tp.body, st)
		for _, w := range st.tables {
			if !slices.Contains(f.writes, w) {
				f.writes = append(f.writes, w)
			}
		}
	}
	return tp, nil
}

// errIgnore is RAISE(IGNORE): the rest of the row's triggers and its
// change are skipped.
var errIgnore = errors.New("raise(ignore)")

// beforeList and afterList are the BEFORE and AFTER triggers of f, which
// may be nil (none).
func (f *firing) beforeList() []*triggerPlan {
	if f == nil {
		return nil
	}
	return f.before
}

func (f *firing) afterList() []*triggerPlan {
	if f == nil {
		return nil
	}
	return f.after
}

// run runs the triggers of list for one row change, given the values of
// the new and old rows (see rowValues); ignored reports a RAISE(IGNORE).
func (f *firing) run(c *evalCtx, list []*triggerPlan, newVals, oldVals []term.Term) (ignored bool, err error) {
	if len(list) == 0 {
		return false, nil
	}
	tc := &evalCtx{rt: c.rt, params: append(slices.Clip(newVals), oldVals...)}
	for _, tp := range list {
		if err := c.rt.Ctx.Err(); err != nil {
			return false, err
		}
		tc.exec = &execState{}
		if tp.when != nil {
			v, err := tp.when(tc, nil)
			if err != nil {
				return errors.Is(err, errIgnore), ignoreErr(err)
			}
			if b, _ := truth(v); !b {
				continue
			}
		}
		for _, st := range tp.body {
			tc.exec = &execState{}
			if err := runStep(tc, st); err != nil {
				return errors.Is(err, errIgnore), ignoreErr(err)
			}
		}
	}
	return false, nil
}

// ignoreErr is err, but nil for RAISE(IGNORE).
func ignoreErr(err error) error {
	if errors.Is(err, errIgnore) {
		return nil
	}
	return err
}

// runStep runs one statement of a trigger's body; a SELECT runs to its
// end, its rows dropped.
func runStep(c *evalCtx, st *Statement) error {
	if st.sel != nil {
		_, err := st.sel.run(c, 0)
		return err
	}
	_, err := st.exec(c)
	return err
}

// journaled runs a statement that fires triggers under an undo journal
// on every table it or they write, so that an error undoes it all, the
// triggers' writes with the statement's (SQLite's ABORT); after
// RAISE(FAIL), or a constraint failing an INSERT OR FAIL, the writes made
// before stay. RAISE(ROLLBACK) comes back as
// a *RollbackError, which ends the transaction.
func (f *firing) journaled(c *evalCtx, run func() error) error {
	p := c.rt.Proc
	for i, t := range f.writes {
		if err := t.ETS.BeginJournal(p); err != nil {
			for _, t := range f.writes[:i] {
				_ = t.ETS.RollbackJournal(p)
			}
			return err
		}
	}
	err := run()
	keep := err == nil
	var re *RaiseError
	if errors.As(err, &re) {
		keep = re.Action == RaiseFail
	} else if f.orFail && (errors.Is(err, ErrConstraint) || errors.Is(err, schema.ErrNotNull)) {
		keep = true // INSERT OR FAIL keeps the rows before the failing one
	}
	for _, t := range f.writes {
		if keep {
			_ = t.ETS.CommitJournal(p)
		} else {
			_ = t.ETS.RollbackJournal(p)
		}
	}
	return err
}

// describe is how EXPLAIN shows a statement's write with triggers.
func (f *firing) describe(verb string) string {
	var names []string
	for _, tp := range f.before {
		names = append(names, "before "+tp.name)
	}
	for _, tp := range f.after {
		names = append(names, "after "+tp.name)
	}
	return "select, then row by row: " + verb + " and the triggers " + strings.Join(names, ", ") + " (all or nothing)"
}

// written returns the tables a statement on t writes: t, and those its
// triggers write (f may be nil).
func (f *firing) written(t *Table) []*Table {
	if f == nil {
		return []*Table{t}
	}
	return f.writes
}

// raise compiles RAISE(IGNORE) or RAISE(ABORT | FAIL | ROLLBACK, message),
// allowed only in a trigger.
func (p *planner) raise(e *parser.FuncCall) (compiled, error) {
	if p.trig == nil {
		return compiled{}, errorf(ErrMisuse, e.Pos, "RAISE() may only be used within a trigger-program")
	}
	var action string
	if len(e.Args) > 0 {
		if ref, ok := e.Args[0].(*parser.ColumnRef); ok && ref.Table == "" {
			action = strings.ToUpper(string(ref.Column))
		}
	}
	switch {
	case action == "IGNORE" && len(e.Args) == 1:
		return compiled{eval: func(*evalCtx, []term.Term) (term.Term, error) { return term.Term{}, errIgnore }}, nil
	case (action == RaiseAbort || action == RaiseFail || action == RaiseRollback) && len(e.Args) == 2:
	default:
		return compiled{}, errorf(ErrMisuse, e.Pos, "RAISE takes IGNORE, or ABORT, FAIL or ROLLBACK and a message")
	}
	msg, err := p.compileExpr(&scope{}, e.Args[1])
	if err != nil {
		return compiled{}, err
	}
	return compiled{eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		v, err := msg.eval(c, row)
		if err != nil {
			return term.Term{}, err
		}
		s, _ := text(v)
		re := &RaiseError{Action: action, Msg: s}
		if action == RaiseRollback {
			return term.Term{}, &RollbackError{Err: re}
		}
		return term.Term{}, re
	}}, nil
}

// insertFiring is an INSERT into a table with triggers, row by row: the
// row's BEFORE triggers, its insert (on the row path when there is one),
// its AFTER triggers.
func insertFiring(c *evalCtx, t *Table, f *firing, rowPath *conflictPlan, replace bool, names []string, vals [][]term.Term) (*Result, []term.Term, error) {
	tab := t.Schema
	res := &Result{}
	var written []term.Term
	for _, v := range vals {
		if ignored, err := f.run(c, f.before, insertValues(tab, names, v), rowValues(tab, term.Term{})); err != nil || ignored {
			if err != nil {
				return nil, nil, err
			}
			continue
		}
		var objs []term.Term
		if rowPath != nil {
			r, w, last, err := insertEach(c, t, rowPath, names, [][]term.Term{v})
			if err != nil {
				return nil, nil, err
			}
			if !last.IsValid() { // updated by DO UPDATE, whose triggers ran
				res.RowsAffected += r.RowsAffected
				written = append(written, w...)
				continue
			}
			objs = w
			if r.LastInsertID != 0 {
				res.LastInsertID = r.LastInsertID
			}
		} else {
			var err error
			if names != nil {
				objs, err = tab.RowsFor(names, [][]term.Term{v})
			} else {
				objs, err = tab.Rows([][]term.Term{v})
			}
			if err != nil {
				return nil, nil, err
			}
			if err := insertRows(c, t, objs, replace); err != nil {
				return nil, nil, constraintError(t, err)
			}
			res.LastInsertID = lastID(tab, objs[0])
		}
		for _, o := range objs {
			res.RowsAffected++
			written = append(written, o)
			if _, err := f.run(c, f.after, rowValues(tab, o), rowValues(tab, term.Term{})); err != nil {
				return nil, nil, err
			}
		}
	}
	return res, written, nil
}

// current returns the row o as the table holds it now (a trigger may
// have changed or deleted it); false when it is gone.
func current(c *evalCtx, t *Table, o term.Term) (term.Term, bool, error) {
	k, _ := o.Element(1)
	objs, err := t.ETS.Lookup(c.rt.Proc, k)
	if err != nil || len(objs) == 0 {
		return term.Term{}, false, err
	}
	if t.Schema.Options().Type.Unique() {
		return objs[0], true, nil
	}
	return o, slices.ContainsFunc(objs, func(x term.Term) bool { return term.ExactEqual(x, o) }), nil
}

// accessRow lays out obj as the row slots of a single-table access (its
// columns, then the row id if the access has it).
func accessRow(a *access, obj term.Term) []term.Term {
	st := a.tab.Schema
	row := make([]term.Term, a.width)
	n := a.width
	if a.rowid {
		n--
		row[n], _ = st.Value(obj, schema.RowIDColumn)
	}
	for i := 0; i < n; i++ {
		row[i], _ = st.Value(obj, i)
	}
	return row
}

// updateFiring is an UPDATE of a table with triggers, row by row as
// SQLite runs it: the rows matching WHERE are found first; then each,
// read again as it is then (skipped if gone), gets its new values, its
// BEFORE triggers, its write (if still there) and its AFTER triggers.
func updateFiring(c *evalCtx, t *Table, f *firing, a *access, cols []int, vals []compiled) (*Result, []term.Term, error) {
	objs, _, err := matching(c, a)
	if err != nil {
		return nil, nil, err
	}
	tab := t.Schema
	res := &Result{}
	var written []term.Term
	for _, o := range objs {
		cur, ok, err := current(c, t, o)
		if err != nil || !ok {
			if err != nil {
				return nil, nil, err
			}
			continue
		}
		row := accessRow(a, cur)
		set := make(map[int]term.Term, len(cols))
		for j, col := range cols {
			if set[col], err = vals[j].eval(c, row); err != nil {
				return nil, nil, err
			}
		}
		nw, err := tab.Update(cur, set)
		if err != nil {
			return nil, nil, err
		}
		newVals, oldVals := rowValues(tab, nw), rowValues(tab, cur)
		if ignored, err := f.run(c, f.before, newVals, oldVals); err != nil || ignored {
			if err != nil {
				return nil, nil, err
			}
			continue
		}
		if cur, ok, err = current(c, t, cur); err != nil || !ok {
			if err != nil {
				return nil, nil, err
			}
			continue
		}
		if err := replaceRow(c, t, cur, nw); err != nil {
			return nil, nil, err
		}
		res.RowsAffected++
		written = append(written, nw)
		if _, err := f.run(c, f.after, newVals, oldVals); err != nil {
			return nil, nil, err
		}
	}
	return res, written, nil
}

// replaceRow writes nw in place of old, refusing a new key another row
// has.
func replaceRow(c *evalCtx, t *Table, old, nw term.Term) error {
	p := c.rt.Proc
	tab := t.Schema
	if !tab.Options().Type.Unique() {
		if err := t.ETS.DeleteObject(p, old); err != nil {
			return err
		}
		return t.ETS.Insert(p, nw)
	}
	ok, _ := old.Element(1)
	nk, _ := nw.Element(1)
	same := term.ExactEqual(ok, nk) || (t.ETS.Type() == engine.OrderedSet && term.Compare(ok, nk) == 0)
	if !same {
		taken, err := t.ETS.Member(p, nk)
		if err != nil {
			return err
		}
		if taken {
			return uniqueError(tab)
		}
		if err := t.ETS.DeleteKey(p, ok); err != nil {
			return err
		}
		noteKeys(tab, []term.Term{nw})
	}
	return t.ETS.Insert(p, nw)
}

// deleteFiring is a DELETE from a table with triggers, row by row: the
// rows matching WHERE are found first; then each still there gets its
// BEFORE triggers, its delete (if still there) and its AFTER triggers.
func deleteFiring(c *evalCtx, t *Table, f *firing, a *access) (*Result, []term.Term, error) {
	objs, _, err := matching(c, a)
	if err != nil {
		return nil, nil, err
	}
	tab := t.Schema
	unique := tab.Options().Type.Unique()
	res := &Result{}
	var deleted []term.Term
	none := rowValues(tab, term.Term{})
	for _, o := range objs {
		cur, ok, err := current(c, t, o)
		if err != nil || !ok {
			if err != nil {
				return nil, nil, err
			}
			continue
		}
		oldVals := rowValues(tab, cur)
		if ignored, err := f.run(c, f.before, none, oldVals); err != nil || ignored {
			if err != nil {
				return nil, nil, err
			}
			continue
		}
		if cur, ok, err = current(c, t, cur); err != nil || !ok {
			if err != nil {
				return nil, nil, err
			}
			continue
		}
		if unique {
			k, _ := cur.Element(1)
			err = t.ETS.DeleteKey(c.rt.Proc, k)
		} else {
			err = t.ETS.DeleteObject(c.rt.Proc, cur)
		}
		if err != nil {
			return nil, nil, err
		}
		res.RowsAffected++
		deleted = append(deleted, cur)
		if _, err := f.run(c, f.after, none, oldVals); err != nil {
			return nil, nil, err
		}
	}
	return res, deleted, nil
}
