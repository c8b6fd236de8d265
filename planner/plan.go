package planner

import (
	"strings"
	"sync"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// planner builds the plan of one statement.
type planner struct {
	cat      Catalog
	sql      string
	nparams  int
	depth    int
	accesses []*access
	subs     []*selectPlan
	exprSubs []*selectPlan // subqueries in expressions, for EXPLAIN
	views    []string      // the views being expanded, innermost last

	// bound holds the parameters' values when planning a specialization
	// (see specialize): a placeholder compared with a column whose type
	// its value has exactly is lowered as a literal would be.
	bound []term.Term
	// paramTypes lists, for each placeholder lowered into a guard, the
	// types of the columns it is compared with (see specializer).
	paramTypes map[int][]schema.Type

	// trig is set in a trigger's WHEN clause and body, where NEW.col and
	// OLD.col are parameters (see triggerScope); firing names the
	// triggers whose bodies are being planned, outermost first: none
	// fires again within itself (see planFiring).
	trig    *triggerScope
	firing  []string
	planned *int // trigger bodies planned for the statement, shared with the planners of its triggers
}

// selectPlan is a planned SELECT, possibly compound.
type selectPlan struct {
	cols       []Column
	colIsRef   bool // one column, a plain column reference (for IN affinity)
	cores      []*corePlan
	ops        []parser.CompoundOp
	order      []orderKey
	limit      evalFn
	offset     evalFn
	correlated bool
}

// orderKey is one ORDER BY term: the output column it sorts on (hidden
// columns follow the visible ones).
type orderKey struct {
	idx        int
	desc       bool
	nullsFirst bool
	text       string
}

// corePlan is one SELECT ... FROM ... WHERE ... GROUP BY ... HAVING.
type corePlan struct {
	levels    []*level
	width     int
	where     evalFn // conjuncts of a FROM-less SELECT
	whereTxt  []parser.Expr
	grouped   bool
	groupBy   []compiled
	groupTxt  []string
	aggs      *aggFrame
	wins      *winFrame // window functions, or nil
	having    evalFn
	proj      []compiled // visible columns, then hidden ORDER BY columns
	visible   int
	distinct  bool
	ordered   bool // rows come out in ORDER BY order without a sort
	onlyCount bool // the result is COUNT(*) alone
	havingTxt string
	direct    []int // ruleDirectScan: the row slot of each output column

	runs *sync.Pool // the *coreRun of finished runs (see getRun)
}

// joinKind is how a level joins the rows to its left.
type joinKind int

const (
	joinFirst  joinKind = iota // the first FROM item
	joinLookup                 // the access looks keys up from the left row
	joinHash                   // a hash table of the inner rows, probed
	joinLoop                   // the inner rows, materialized, for every left row
)

var joinNames = [...]string{joinFirst: "scan", joinLookup: "lookup join", joinHash: "hash join", joinLoop: "nested loop join"}

// level is one FROM item and how it joins the ones before it.
type level struct {
	src     int         // the FROM item (source index)
	bound   uint64      // the sources joined before this level
	acc     *access     // a table
	sub     *selectPlan // or a subquery
	label   string
	offset  int
	width   int
	left    bool // LEFT JOIN: a left row without match gets NULLs
	join    joinKind
	probe   []compiled // hash join: the left side's key expressions
	build   []int      // hash join: the inner columns (scope indexes) they equal
	on      evalFn     // conditions on a (left, inner) pair
	onTxt   []parser.Expr
	post    evalFn // WHERE conditions after a LEFT JOIN's NULL rows
	postTxt []parser.Expr
}

// conjunct is one AND term of WHERE or ON, with the FROM items it reads.
type conjunct struct {
	e      parser.Expr
	refs   uint64 // bit i: reads source i
	max    int    // highest source read, -1 for none
	subq   bool   // holds a subquery
	leftOn int    // for a LEFT JOIN's ON: its level; -1 for WHERE and inner ON
}

func (p *planner) planSelect(s *parser.SelectStmt, parent *scope) (*selectPlan, error) {
	sp := &selectPlan{}
	corr := new(bool)
	var order []*parser.OrderingTerm
	if len(s.Compound) == 0 {
		order = s.OrderBy
	}
	core, keys, err := p.planCore(s.Core, parent, corr, order, s.Limit != nil)
	if err != nil {
		return nil, err
	}
	sp.cores = append(sp.cores, core.corePlan)
	sp.order = keys
	sp.cols = core.outCols
	sp.colIsRef = core.firstIsRef
	for _, cs := range s.Compound {
		c, _, err := p.planCore(cs.Select, parent, corr, nil, false)
		if err != nil {
			return nil, err
		}
		if c.visible != core.visible {
			return nil, errorf(ErrMisuse, cs.Pos, "SELECTs to the left and right of %s do not have the same number of result columns", cs.Op)
		}
		sp.cores = append(sp.cores, c.corePlan)
		sp.ops = append(sp.ops, cs.Op)
	}
	if len(s.Compound) > 0 {
		for _, o := range s.OrderBy {
			idx, err := compoundOrderIndex(o, sp.cols, s.Core)
			if err != nil {
				return nil, err
			}
			sp.order = append(sp.order, orderKeyOf(o, idx))
		}
	}
	if s.Limit != nil {
		lsc := &scope{parent: parent, correlated: corr}
		c, err := p.compileExpr(lsc, s.Limit.Count)
		if err != nil {
			return nil, err
		}
		sp.limit = c.eval
		if s.Limit.Offset != nil {
			o, err := p.compileExpr(lsc, s.Limit.Offset)
			if err != nil {
				return nil, err
			}
			sp.offset = o.eval
		}
	}
	sp.correlated = *corr
	return sp, nil
}

func orderKeyOf(o *parser.OrderingTerm, idx int) orderKey {
	k := orderKey{idx: idx, desc: o.Desc, nullsFirst: !o.Desc, text: parser.Format(o)}
	switch o.Nulls {
	case parser.NullsFirst:
		k.nullsFirst = true
	case parser.NullsLast:
		k.nullsFirst = false
	}
	return k
}

// compoundOrderIndex resolves an ORDER BY term of a compound SELECT: a
// column number, or the name of a result column.
func compoundOrderIndex(o *parser.OrderingTerm, cols []Column, first *parser.SelectCore) (int, error) {
	switch e := o.Expr.(type) {
	case *parser.IntegerLit:
		n := 0
		for _, ch := range e.Text {
			n = n*10 + int(ch-'0')
			if n > len(cols) {
				break
			}
		}
		if n < 1 || n > len(cols) {
			return 0, errorf(ErrMisuse, e.Pos, "1st ORDER BY term out of range - should be between 1 and %d", len(cols))
		}
		return n - 1, nil
	case *parser.ColumnRef:
		for i, c := range cols {
			if strings.EqualFold(c.Name, string(e.Column)) {
				return i, nil
			}
		}
	}
	return 0, errorf(ErrMisuse, o.Pos, "1st ORDER BY term does not match any column in the result set")
}

// tableColumns returns the columns a table shows in a scope: its declared
// columns, then for a table without a primary key the hidden column rowid
// (unless a declared column has that name), which * leaves out.
func tableColumns(st *schema.Table, qual string, src int) ([]column, bool) {
	var cols []column
	for c := 0; c < st.NumColumns(); c++ {
		col := st.Column(c)
		cols = append(cols, column{table: strings.ToLower(qual), name: col.Name, typ: col.Type, src: src})
	}
	if idx, ok := st.Lookup(schema.RowIDName); ok && idx == schema.RowIDColumn {
		cols = append(cols, column{table: strings.ToLower(qual), name: schema.RowIDName, typ: schema.Int, src: src, hidden: true})
		return cols, true
	}
	return cols, false
}

// fromItems lists the FROM clause's items with their join kinds.
type fromItem struct {
	src  parser.TableSource
	kind parser.JoinKind
	on   parser.Expr
}

func fromItems(f *parser.FromClause) []fromItem {
	if f == nil {
		return nil
	}
	items := []fromItem{{src: f.Table}}
	for _, j := range f.Joins {
		items = append(items, fromItem{src: j.Table, kind: j.Kind, on: j.On})
	}
	return items
}

func (p *planner) planCore(core *parser.SelectCore, parent *scope, corr *bool, order []*parser.OrderingTerm, hasLimit bool) (*corePlanOut, []orderKey, error) {
	sc := &scope{parent: parent, correlated: corr}
	cp := &corePlanOut{corePlan: &corePlan{distinct: core.Distinct, runs: new(sync.Pool)}}
	items := fromItems(core.From)
	if len(items) > 64 {
		return nil, nil, errorf(ErrMisuse, core.Pos, "at most 64 tables in a join")
	}
	for i, it := range items {
		lv := &level{offset: len(sc.cols), left: it.kind == parser.JoinLeft, src: i}
		switch src := it.src.(type) {
		case *parser.TableName:
			t, ok := p.cat.Table(string(src.Name))
			if v, isView := p.view(src.Name); !ok && isView {
				if err := p.planViewLevel(sc, lv, v, src, i); err != nil {
					return nil, nil, err
				}
				break
			}
			if !ok {
				return nil, nil, errorf(ErrNoTable, src.Pos, "no such table: %s", src.Name)
			}
			qual := string(src.Name)
			lv.label = t.Schema.Name()
			if src.Alias != "" {
				qual = string(src.Alias)
				lv.label += " AS " + qual
			}
			cols, rowid := tableColumns(t.Schema, qual, i)
			sc.cols = append(sc.cols, cols...)
			lv.acc = &access{tab: t, label: lv.label, src: i, offset: lv.offset, width: len(cols), rowid: rowid}
		case *parser.SubquerySource:
			sub, err := p.planSelect(src.Select, parent)
			if err != nil {
				return nil, nil, err
			}
			p.subs = append(p.subs, sub)
			lv.sub = sub
			lv.label = "(subquery)"
			if src.Alias != "" {
				lv.label += " AS " + string(src.Alias)
			}
			for _, c := range sub.cols {
				sc.cols = append(sc.cols, column{table: strings.ToLower(string(src.Alias)), name: c.Name, typ: c.Type, src: i})
			}
		}
		lv.width = len(sc.cols) - lv.offset
		cp.levels = append(cp.levels, lv)
	}
	cp.width = len(sc.cols)

	conjs, err := p.conjuncts(sc, core, items)
	if err != nil {
		return nil, nil, err
	}
	ruleJoinOrder(p, sc, cp.corePlan, conjs)
	ruleConnectJoins(cp.corePlan, conjs)
	var mask uint64
	for _, lv := range cp.levels {
		lv.bound = mask
		if lv.acc != nil {
			lv.acc.bound = mask
		}
		mask |= 1 << uint(lv.src)
	}
	if err := p.placeConjuncts(sc, cp.corePlan, conjs); err != nil {
		return nil, nil, err
	}
	if err := p.projection(sc, parent, corr, core, cp, order); err != nil {
		return nil, nil, err
	}
	keys, err := p.orderBy(cp, order)
	if err != nil {
		return nil, nil, err
	}
	ruleOrderByKey(cp.corePlan, keys, cp.orderCols)
	ruleSelectCount(cp.corePlan)
	ruleDirectScan(cp.corePlan)
	for _, lv := range cp.levels {
		if lv.acc != nil {
			if err := p.finishAccess(lv.acc); err != nil {
				return nil, nil, err
			}
		}
	}
	return cp, keys, nil
}

// planViewLevel makes lv, the FROM item src at index i, read view v:
// its SELECT, as a subquery named after the view (or src's alias).
func (p *planner) planViewLevel(sc *scope, lv *level, v *View, src *parser.TableName, i int) error {
	sub, names, err := p.planView(v, src)
	if err != nil {
		return err
	}
	p.subs = append(p.subs, sub)
	lv.sub = sub
	qual := string(src.Name)
	lv.label = "view " + v.Name
	if src.Alias != "" {
		qual = string(src.Alias)
		lv.label += " AS " + qual
	}
	for k, c := range sub.cols {
		sc.cols = append(sc.cols, column{table: strings.ToLower(qual), name: names[k], typ: c.Type, src: i})
	}
	return nil
}

// corePlanOut is a corePlan with what planning learnt of its output.
type corePlanOut struct {
	*corePlan
	outCols    []Column
	firstIsRef bool
	orderCols  []orderCol
	exprs      []*parser.ExprColumn
	outScope   *scope
}

// orderCol is what an ORDER BY term sorts on, when it is a plain column.
type orderCol struct {
	src, col int // source and its column index; src -1 when not a column
}

// conjuncts splits WHERE and the ON clauses into AND terms and finds the
// FROM items each reads.
//
// Example: FROM a JOIN b ON a.x = b.y WHERE a.z > 1 AND b.w = 2 gives
// a.x = b.y (reads a, b), a.z > 1 (reads a), b.w = 2 (reads b).
func (p *planner) conjuncts(sc *scope, core *parser.SelectCore, items []fromItem) ([]conjunct, error) {
	var out []conjunct
	add := func(e parser.Expr, leftOn int) error {
		for _, part := range splitAnd(e, nil) {
			c := conjunct{e: part, leftOn: leftOn}
			var err error
			parser.Inspect(part, func(n parser.Node) bool {
				switch n := n.(type) {
				case *parser.SelectStmt:
					c.subq = true
					return false
				case *parser.ColumnRef:
					if p.trig.refers(n) {
						return true // a parameter
					}
					r, rerr := sc.resolve(n)
					if rerr != nil {
						err = rerr
						return false
					}
					if r.depth == 0 {
						c.refs |= 1 << uint(r.col.src)
					}
				case *parser.FuncCall:
					if isAggregateCall(n) {
						err = errorf(ErrMisuse, n.Pos, "misuse of aggregate function %s()", n.Name)
						return false
					}
				}
				return err == nil
			})
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	}
	for i, it := range items {
		if it.on == nil {
			continue
		}
		leftOn := -1
		if it.kind == parser.JoinLeft {
			leftOn = i
		}
		if err := add(it.on, leftOn); err != nil {
			return nil, err
		}
	}
	if err := add(core.Where, -1); err != nil {
		return nil, err
	}
	return out, nil
}

// placeConjuncts gives each conjunct to the first level where it can be
// decided: pushed into a table's access when it reads that table alone
// (there it may become match specification guards or pick a key path),
// else checked on the joined row. A subquery forces the last level.
//
// Example: FROM a LEFT JOIN b ON a.x = b.y WHERE b.w IS NULL: a.x = b.y is
// the ON condition of level b (a lookup join when b.y is b's key), and
// b.w IS NULL is checked after level b adds its NULL rows.
func (p *planner) placeConjuncts(sc *scope, cp *corePlan, conjs []conjunct) error {
	n := len(cp.levels)
	pushed := make([][]parser.Expr, n)
	joinEq := make([][]parser.Expr, n)
	on := make([][]parser.Expr, n)
	post := make([][]parser.Expr, n)
	var top []parser.Expr
	pos := make([]int, n) // source index -> level
	for i, lv := range cp.levels {
		pos[lv.src] = i
	}
	for _, c := range conjs {
		lvl := -1
		for s := 0; s < n; s++ {
			if c.refs&(1<<uint(s)) != 0 {
				lvl = max(lvl, pos[s])
			}
		}
		if c.subq {
			lvl = n - 1
		}
		if c.leftOn >= 0 {
			lvl = pos[c.leftOn] // a LEFT JOIN's ON belongs to its join
		}
		if lvl < 0 {
			if n == 0 {
				top = append(top, c.e)
				continue
			}
			lvl = 0
		}
		lv := cp.levels[lvl]
		only := c.refs == 1<<uint(lv.src) && !c.subq
		switch {
		case c.leftOn >= 0: // ON of a LEFT JOIN
			if only && lv.acc != nil {
				pushed[lvl] = append(pushed[lvl], c.e)
			} else {
				on[lvl] = append(on[lvl], c.e)
				joinEq[lvl] = append(joinEq[lvl], c.e)
			}
		case lv.left || p.leftBefore(cp, lvl, c.refs):
			post[lvl] = append(post[lvl], c.e)
		case only && lv.acc != nil:
			pushed[lvl] = append(pushed[lvl], c.e)
		case lvl == 0 && c.refs == 0 && lv.acc != nil && !c.subq:
			pushed[lvl] = append(pushed[lvl], c.e)
		default:
			on[lvl] = append(on[lvl], c.e)
			joinEq[lvl] = append(joinEq[lvl], c.e)
		}
	}
	for i, lv := range cp.levels {
		if lv.acc != nil {
			if err := p.planAccess(sc, lv.acc, pushed[i], joinEq[i]); err != nil {
				return err
			}
		} else if len(pushed[i]) > 0 {
			on[i] = append(pushed[i], on[i]...)
		}
		var err error
		if lv.on, err = p.filter(sc, on[i]); err != nil {
			return err
		}
		lv.onTxt = on[i]
		if lv.post, err = p.filter(sc, post[i]); err != nil {
			return err
		}
		lv.postTxt = post[i]
		if i > 0 {
			p.chooseJoin(sc, lv, joinEq[i])
		}
	}
	var err error
	cp.where, err = p.filter(sc, top)
	cp.whereTxt = top
	return err
}

// leftBefore reports whether a conjunct reads a table that a LEFT JOIN
// before level lvl may have filled with NULLs: then it must wait for them.
func (p *planner) leftBefore(cp *corePlan, lvl int, refs uint64) bool {
	for i := 1; i < lvl; i++ {
		if cp.levels[i].left && refs&(1<<uint(cp.levels[i].src)) != 0 {
			return true
		}
	}
	return false
}

// filter compiles the AND of some conjuncts; nil when there are none.
func (p *planner) filter(sc *scope, es []parser.Expr) (evalFn, error) {
	if len(es) == 0 {
		return nil, nil
	}
	fns := make([]evalFn, len(es))
	for i, e := range es {
		c, err := p.compileExpr(sc, e)
		if err != nil {
			return nil, err
		}
		fns[i] = c.eval
	}
	return func(c *evalCtx, row []term.Term) (term.Term, error) {
		for _, f := range fns {
			v, err := f(c, row)
			if err != nil {
				return v, err
			}
			if b, _ := truth(v); !b {
				return sqlFalse, nil
			}
		}
		return sqlTrue, nil
	}, nil
}

// chooseJoin picks how level lv joins: a lookup join when its access
// looks keys up from the left row; else a hash join on the equalities
// between an inner column and a left expression of the same affinity;
// else a nested loop.
func (p *planner) chooseJoin(sc *scope, lv *level, eqs []parser.Expr) {
	if lv.acc != nil && lv.acc.dynamic() {
		lv.join = joinLookup
		return
	}
	for _, e := range eqs {
		b, ok := e.(*parser.BinaryExpr)
		if !ok || b.Op != parser.OpEq {
			continue
		}
		for _, sides := range [][2]parser.Expr{{b.L, b.R}, {b.R, b.L}} {
			ref, ok := sides[0].(*parser.ColumnRef)
			if !ok {
				continue
			}
			r, err := sc.resolve(ref)
			if err != nil || r.depth != 0 || r.col.src != lv.src {
				continue
			}
			if !p.readsOnlyLeft(sc, sides[1], lv.bound) {
				continue
			}
			probe, err := p.compileExpr(sc, sides[1])
			if err != nil || probe.aff == affNone || probe.aff != typeAffinity(r.col.typ) {
				continue
			}
			lv.probe = append(lv.probe, probe)
			lv.build = append(lv.build, r.idx)
			break
		}
	}
	if len(lv.probe) > 0 {
		lv.join = joinHash
		return
	}
	lv.join = joinLoop
}

// readsOnlyLeft reports whether e reads only columns of the sources in
// bound (those joined before) or of enclosing queries, and holds no
// subquery.
func (p *planner) readsOnlyLeft(sc *scope, e parser.Expr, bound uint64) bool {
	ok := true
	parser.Inspect(e, func(n parser.Node) bool {
		switch n := n.(type) {
		case *parser.SelectStmt:
			ok = false
		case *parser.FuncCall:
			if isAggregateCall(n) {
				ok = false
			}
		case *parser.ColumnRef:
			if p.trig.refers(n) {
				return true // a parameter
			}
			r, err := sc.resolve(n)
			if err != nil || (r.depth == 0 && bound&(1<<uint(r.col.src)) == 0) {
				ok = false
			}
		}
		return ok
	})
	return ok
}
