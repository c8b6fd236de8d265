package planner

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/term"
)

// Statement is a planned statement. Planning happens once; Run executes
// it any number of times, with the values of its placeholders, from any
// number of goroutines.
type Statement struct {
	sql      string
	nparams  int
	pnames   []string // the parameters' names (parser.ParamNames), nil if none has one
	cols     []Column
	names    []string // the columns' names
	query    bool
	writes   bool        // INSERT, UPDATE, DELETE, CREATE or DROP TABLE, or EXPLAIN ANALYZE of one
	oneWrite bool        // it writes with one engine call: see Atomic
	txOp     parser.TxOp // BEGIN, COMMIT or ROLLBACK, which the database runs
	exec     func(c *evalCtx) (*Result, error)
	describe func(o explainOpts) []string
	accesses []*access
	sel      *selectPlan  // a query's plan
	point    *pointPlan   // a key lookup's fast path, or nil
	special  *specializer // plans it for given parameter values, or nil
	explains bool         // an EXPLAIN without ANALYZE: it shows a plan, running nothing
	tables   []*Table     // the tables an INSERT, UPDATE or DELETE writes, its triggers' included
}

// Plan plans one parsed statement. sql is its text (result columns are
// named after it, as SQLite names them).
func Plan(cat Catalog, sql string, stmt parser.Statement) (*Statement, error) {
	st, p, err := plan(cat, sql, stmt, nil)
	if err != nil {
		return nil, err
	}
	st.special = newSpecializer(cat, sql, stmt, p, st)
	return st, nil
}

// plan plans stmt, with the parameters' values bound when specializing
// (see specializer).
func plan(cat Catalog, sql string, stmt parser.Statement, bound []term.Term) (*Statement, *planner, error) {
	p := &planner{cat: cat, sql: sql, bound: bound}
	st := &Statement{sql: sql}
	var err error
	st.classify(stmt)
	switch s := stmt.(type) {
	case *parser.SelectStmt:
		err = p.planQuery(st, s)
	case *parser.InsertStmt:
		err = p.planInsert(st, s)
	case *parser.UpdateStmt:
		err = p.planUpdate(st, s)
	case *parser.DeleteStmt:
		err = p.planDelete(st, s)
	case *parser.CreateTableStmt:
		err = p.planCreate(st, s)
	case *parser.DropTableStmt:
		st.exec = func(c *evalCtx) (*Result, error) {
			return &Result{}, cat.DropTable(string(s.Name), s.IfExists)
		}
		st.describe = func(explainOpts) []string { return []string{"drop table " + string(s.Name)} }
	case *parser.CreateIndexStmt:
		err = p.planCreateIndex(st, s)
	case *parser.DropIndexStmt:
		err = p.planDropIndex(st, s)
	case *parser.ReindexStmt:
		err = p.planReindex(st, s)
	case *parser.CreateViewStmt:
		err = p.planCreateView(st, s)
	case *parser.DropViewStmt:
		err = p.planDropView(st, s)
	case *parser.CreateTriggerStmt:
		err = p.planCreateTrigger(st, s)
	case *parser.DropTriggerStmt:
		err = p.planDropTrigger(st, s)
	case *parser.AlterTableStmt:
		err = p.planAlter(st, s)
	case *parser.ExplainStmt:
		err = p.planExplain(st, s)
	case *parser.TransactionStmt:
		// The database runs these itself (see TxOp): a plan has no
		// transactions to begin or end.
		st.txOp = s.Op
		st.exec = func(*evalCtx) (*Result, error) {
			return nil, errorf(ErrUnsupported, s.Pos, "%s must be run by the database's Exec", s.Op)
		}
		st.describe = func(explainOpts) []string { return []string{strings.ToLower(s.Op.String())} }
	default:
		return nil, nil, errorf(ErrUnsupported, stmt.Position(), "unsupported statement")
	}
	if err != nil {
		return nil, nil, err
	}
	st.nparams = max(p.nparams, parser.NumInput(stmt))
	st.pnames = parser.ParamNames(stmt)
	st.accesses = p.accesses
	st.names = columnNames(st.cols)
	return st, p, nil
}

// classify marks the statements that write, and those that write with
// one engine call (planDelete and planUpdate decide for theirs).
func (s *Statement) classify(stmt parser.Statement) {
	switch stmt.(type) {
	case *parser.InsertStmt, *parser.CreateTableStmt, *parser.DropTableStmt, *parser.CreateIndexStmt, *parser.DropIndexStmt, *parser.AlterTableStmt,
		*parser.CreateViewStmt, *parser.DropViewStmt, *parser.CreateTriggerStmt, *parser.DropTriggerStmt:
		s.writes, s.oneWrite = true, true
	case *parser.UpdateStmt, *parser.DeleteStmt:
		s.writes = true
	}
}

// NumParams is the number of placeholders the statement takes.
func (s *Statement) NumParams() int { return s.nparams }

// Columns returns the result columns (none for statements without rows).
func (s *Statement) Columns() []Column { return s.cols }

// ParamNames returns the names of the parameters by number, without
// their prefix (":id" and "@id" are "id"), "" for a numbered one; nil
// when no parameter has a name. Do not change the slice.
func (s *Statement) ParamNames() []string { return s.pnames }

// TxOp is the verb of a BEGIN, COMMIT (END) or ROLLBACK statement, which
// the database runs itself (Run refuses it); 0 for other statements.
func (s *Statement) TxOp() parser.TxOp { return s.txOp }

// Writes reports whether running the statement writes: INSERT, UPDATE,
// DELETE, CREATE and DROP TABLE, INDEX and VIEW, ALTER TABLE, and EXPLAIN
// ANALYZE of one of them.
func (s *Statement) Writes() bool { return s.writes }

// Atomic reports whether the statement writes, if at all, with a single
// engine call (an INSERT's insert_new, a DELETE's select_delete, an
// UPDATE's select_replace, CREATE and DROP TABLE), so that when it fails
// it has changed nothing. Other UPDATEs and DELETEs write row by row: a
// caller wanting them all or nothing journals the table (see
// engine.Table.BeginJournal).
func (s *Statement) Atomic() bool { return !s.writes || s.oneWrite }

// IsQuery reports whether the statement returns rows.
func (s *Statement) IsQuery() bool { return s.query }

// Run executes the statement with the placeholders' values. A query
// whose plan streams (see Result) only starts: its scan runs as the
// result's rows are read, and the result must be read to its end or
// closed. A scan whose guards compare columns with placeholders runs the
// plan of its literal SQL when the values allow (see package doc).
func (s *Statement) Run(rt *Runtime, args []term.Term) (*Result, error) {
	if len(args) < s.nparams {
		return nil, fmt.Errorf("%w: statement needs %d, got %d", ErrParams, s.nparams, len(args))
	}
	if rt.Ctx == nil {
		rt.Ctx = context.Background()
	}
	if err := rt.Ctx.Err(); err != nil {
		return nil, err
	}
	c := &evalCtx{rt: rt, params: args, exec: &execState{}}
	return s.planFor(args).exec(c)
}

// Explain returns the plan as EXPLAIN prints it, one line per element;
// format is "TEXT", "ERLANG" (match specifications in Erlang syntax) or
// "ELIXIR".
func (s *Statement) Explain(format string, args ...term.Term) []string {
	if len(args) >= s.nparams {
		s = s.specializedForExplain(args)
	}
	return s.describe(explainOpts{format: format, params: args})
}

// explainOpts say how EXPLAIN prints: the language of match
// specifications, the parameters to put in them, and whether to show the
// counts of an ANALYZE run.
type explainOpts struct {
	format  string
	params  []term.Term
	analyze bool
}

// Access describes one table access of a plan, for Go programs using the
// planner alone.
type Access struct {
	Table    string               // the table (and alias)
	Path     PathKind             // how rows are found
	Detail   string               // the path as EXPLAIN prints it
	Spec     *matchspec.MatchSpec // what ets:select/2 would take (placeholders as '?N' atoms unless given)
	Residual string               // SQL checked after the match; "" if none
}

// Accesses returns the table accesses of the plan, subqueries included.
func (s *Statement) Accesses(args ...term.Term) []Access {
	var out []Access
	if len(args) > 0 && len(args) >= s.nparams {
		s = s.specializedForExplain(args)
	}
	for _, a := range s.accesses {
		spec := a.shownSpec()
		if a.prog == nil {
			spec = showParams(spec, args)
		}
		out = append(out, Access{Table: a.label, Path: a.path, Detail: a.describe(), Spec: spec, Residual: joinAnd(a.residText)})
	}
	return out
}

func (p *planner) planQuery(st *Statement, s *parser.SelectStmt) error {
	sp, err := p.planSelect(s, nil)
	if err != nil {
		return err
	}
	st.cols = sp.cols
	st.query = true
	st.sel = sp
	st.point = newPointPlan(sp)
	st.exec = func(c *evalCtx) (*Result, error) {
		if sp.streams() {
			offset, limit, err := sp.window(c, 0)
			if err != nil {
				return nil, err
			}
			var buf *chunkBuf
			if c.reuseRows {
				buf = getChunkBuf(sp.cores[0].visible)
			}
			return streamed(sp.cols, buf, func(yield func([][]term.Term) bool) error {
				err := sp.stream(c, offset, limit, buf, yield)
				if done := c.done; done != nil {
					done() // the execution is over: c goes
				}
				return err
			}), nil
		}
		rows, err := sp.run(c, 0)
		if err != nil {
			return nil, err
		}
		return materialized(sp.cols, rows), nil
	}
	subs := p.exprSubs
	st.describe = func(o explainOpts) []string {
		lines := describeSelect(sp, o)
		for i, sub := range subs {
			lines = append(lines, fmt.Sprintf("subquery %d:", i+1))
			for _, l := range describeSelect(sub, o) {
				lines = append(lines, "  "+l)
			}
		}
		return lines
	}
	return nil
}

// ---- EXPLAIN

func (p *planner) planExplain(st *Statement, s *parser.ExplainStmt) error {
	inner := &Statement{sql: st.sql}
	inner.classify(s.Stmt)
	var err error
	switch x := s.Stmt.(type) {
	case *parser.SelectStmt:
		err = p.planQuery(inner, x)
	case *parser.InsertStmt:
		err = p.planInsert(inner, x)
	case *parser.UpdateStmt:
		err = p.planUpdate(inner, x)
	case *parser.DeleteStmt:
		err = p.planDelete(inner, x)
	default:
		return errorf(ErrUnsupported, s.Pos, "EXPLAIN of this statement is not supported")
	}
	if err != nil {
		return err
	}
	format := s.OutputFormat()
	analyze := s.Analyze()
	accs := p.accesses
	st.cols = []Column{{Name: "plan", Type: 3}}
	st.query = true
	st.writes, st.oneWrite = analyze && inner.writes, inner.oneWrite
	st.describe = inner.describe
	st.explains = !analyze
	st.exec = func(c *evalCtx) (*Result, error) {
		lines := func(o explainOpts) *Result {
			var rows [][]term.Term
			for _, l := range inner.describe(o) {
				rows = append(rows, []term.Term{term.BinaryString(l)})
			}
			return materialized(st.cols, rows)
		}
		if !analyze {
			return lines(explainOpts{format: format, params: c.params}), nil
		}
		for _, a := range accs {
			a.examined.Store(0)
			a.returned.Store(0)
		}
		start := time.Now()
		out, err := inner.exec(c)
		if err != nil {
			return nil, err
		}
		rows, err := out.All()
		if err != nil {
			return nil, err
		}
		took := time.Since(start)
		res := lines(explainOpts{format: format, params: c.params, analyze: true})
		total := fmt.Sprintf("rows: %d, time: %s", len(rows)+int(out.RowsAffected), took.Round(time.Microsecond))
		res.rows = append(res.rows, []term.Term{term.BinaryString(total)})
		return res, nil
	}
	return nil
}

// printSpec prints an access's specification, with the parameters put in
// when they are known.
func printSpec(a *access, o explainOpts) string {
	ms := a.shownSpec()
	if a.prog == nil {
		ms = showParams(ms, o.params)
	}
	return printMS(ms, o)
}

func printMS(ms *matchspec.MatchSpec, o explainOpts) string {
	if o.format == "ELIXIR" {
		return ms.Elixir()
	}
	return ms.String()
}

func describeSelect(sp *selectPlan, o explainOpts) []string {
	var lines []string
	var walk func(sp *selectPlan, ind string)
	walk = func(sp *selectPlan, ind string) {
		for i, core := range sp.cores {
			if i > 0 {
				lines = append(lines, ind+strings.ToLower(sp.ops[i-1].String()))
			}
			lines = append(lines, describeCore(core, ind, o)...)
		}
		if len(sp.order) > 0 && !(len(sp.cores) == 1 && sp.cores[0].ordered) {
			var ks []string
			for _, k := range sp.order {
				ks = append(ks, k.text)
			}
			lines = append(lines, ind+"sort: "+strings.Join(ks, ", "))
		} else if len(sp.order) > 0 {
			lines = append(lines, ind+"order: by the key traversal, no sort")
		}
		if sp.limit != nil {
			lines = append(lines, ind+"limit")
		}
	}
	walk(sp, "")
	return lines
}

func describeCore(cp *corePlan, ind string, o explainOpts) []string {
	var lines []string
	for _, lv := range cp.levels {
		if lv.acc != nil {
			head := joinNames[lv.join]
			if lv.left {
				head = "left " + head
			}
			lines = append(lines, ind+head+": "+lv.acc.describe())
			lines = append(lines, ind+"  match spec: "+printSpec(lv.acc, o))
			if len(lv.acc.residText) > 0 {
				lines = append(lines, ind+"  residual: "+joinAnd(lv.acc.residText))
			}
			if o.analyze {
				lines = append(lines, fmt.Sprintf("%s  rows examined: %d, returned: %d", ind, lv.acc.examined.Load(), lv.acc.returned.Load()))
			}
		} else {
			head := joinNames[lv.join]
			if lv.left {
				head = "left " + head
			}
			lines = append(lines, ind+head+": "+lv.label)
			sub := describeSelect(lv.sub, o)
			for _, l := range sub {
				lines = append(lines, ind+"  "+l)
			}
		}
		if len(lv.onTxt) > 0 {
			lines = append(lines, ind+"  on: "+joinAnd(lv.onTxt))
		}
		if len(lv.postTxt) > 0 {
			lines = append(lines, ind+"  filter: "+joinAnd(lv.postTxt))
		}
	}
	if len(cp.whereTxt) > 0 {
		lines = append(lines, ind+"filter: "+joinAnd(cp.whereTxt))
	}
	if cp.grouped {
		if len(cp.groupTxt) > 0 {
			lines = append(lines, ind+"group by: "+strings.Join(cp.groupTxt, ", "))
		} else {
			lines = append(lines, ind+"aggregate")
		}
		if cp.havingTxt != "" {
			lines = append(lines, ind+"having: "+cp.havingTxt)
		}
	}
	if cp.distinct {
		lines = append(lines, ind+"distinct")
	}
	return lines
}

// shownSpec is the specification EXPLAIN shows: the one the engine runs.
func (a *access) shownSpec() *matchspec.MatchSpec {
	if a.writeProg != nil {
		return a.writeProg.Spec()
	}
	if a.countProg != nil {
		return a.countProg.Spec()
	}
	return a.spec
}

// showParams puts the parameters' values into a specification template
// when they are all given, else shows the placeholders as '?N' atoms.
func showParams(ms *matchspec.MatchSpec, params []term.Term) *matchspec.MatchSpec {
	if len(params) > 0 {
		return instantiateSpec(ms, params)
	}
	out := &matchspec.MatchSpec{}
	for _, cl := range ms.Clauses {
		nc := matchspec.Clause{Head: displayTemplate(cl.Head), Body: cl.Body}
		for _, g := range cl.Guards {
			nc.Guards = append(nc.Guards, displayTemplate(g))
		}
		out.Clauses = append(out.Clauses, nc)
	}
	return out
}
