package planner

import (
	"strconv"
	"strings"

	"github.com/etsql/etsql/matchspec"
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
}

// selectPlan is a planned SELECT, possibly compound.
type selectPlan struct {
	cols       []outCol
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
	having    evalFn
	proj      []compiled // visible columns, then hidden ORDER BY columns
	visible   int
	distinct  bool
	ordered   bool // rows come out in ORDER BY order without a sort
	onlyCount bool // the result is COUNT(*) alone
	havingTxt string
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
func compoundOrderIndex(o *parser.OrderingTerm, cols []outCol, first *parser.SelectCore) (int, error) {
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
	cp := &corePlanOut{corePlan: &corePlan{distinct: core.Distinct}}
	items := fromItems(core.From)
	if len(items) > 64 {
		return nil, nil, errorf(ErrMisuse, core.Pos, "at most 64 tables in a join")
	}
	for i, it := range items {
		lv := &level{offset: len(sc.cols), left: it.kind == parser.JoinLeft}
		switch src := it.src.(type) {
		case *parser.TableName:
			t, ok := p.cat.Table(string(src.Name))
			if !ok {
				return nil, nil, errorf(ErrNoTable, src.Pos, "no such table: %s", src.Name)
			}
			qual := string(src.Name)
			lv.label = t.Schema.Name()
			if src.Alias != "" {
				qual = string(src.Alias)
				lv.label += " AS " + qual
			}
			for c := 0; c < t.Schema.NumColumns(); c++ {
				col := t.Schema.Column(c)
				sc.cols = append(sc.cols, column{table: strings.ToLower(qual), name: col.Name, typ: col.Type, src: i})
			}
			lv.acc = &access{tab: t, label: lv.label, src: i, offset: lv.offset, width: t.Schema.NumColumns()}
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
	for _, lv := range cp.levels {
		if lv.acc != nil {
			if err := p.finishAccess(lv.acc); err != nil {
				return nil, nil, err
			}
		}
	}
	return cp, keys, nil
}

// corePlanOut is a corePlan with what planning learnt of its output.
type corePlanOut struct {
	*corePlan
	outCols    []outCol
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
			c := conjunct{e: part, max: -1, leftOn: leftOn}
			var err error
			parser.Inspect(part, func(n parser.Node) bool {
				switch n := n.(type) {
				case *parser.SelectStmt:
					c.subq = true
					return false
				case *parser.ColumnRef:
					r, rerr := sc.resolve(n)
					if rerr != nil {
						err = rerr
						return false
					}
					if r.depth == 0 {
						c.refs |= 1 << uint(r.col.src)
						c.max = max(c.max, r.col.src)
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
	for _, c := range conjs {
		lvl := c.max
		if c.subq {
			lvl = n - 1
		}
		if c.leftOn >= 0 && lvl < c.leftOn {
			lvl = c.leftOn
		}
		if lvl < 0 {
			if n == 0 {
				top = append(top, c.e)
				continue
			}
			lvl = 0
		}
		only := c.refs == 1<<uint(lvl) && !c.subq
		lv := cp.levels[lvl]
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
		if cp.levels[i].left && refs&(1<<uint(i)) != 0 {
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
			if err != nil || r.depth != 0 || r.col.src != p.levelIndex(sc, lv) {
				continue
			}
			if !p.readsOnlyLeft(sc, sides[1], lv.offset) {
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

func (p *planner) levelIndex(sc *scope, lv *level) int {
	if lv.width == 0 {
		return -1
	}
	return sc.cols[lv.offset].src
}

// readsOnlyLeft reports whether e reads only columns left of offset (or
// of enclosing queries) and holds no subquery.
func (p *planner) readsOnlyLeft(sc *scope, e parser.Expr, offset int) bool {
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
			r, err := sc.resolve(n)
			if err != nil || (r.depth == 0 && r.idx >= offset) {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// ---- the access path rules

// planAccess applies the access rules to one table, in order:
//
//  1. ruleLower: conjuncts with an exact match specification form become
//     guards; the rest are the residual filter.
//  2. ruleKeyLookup: equalities fixing every key column give lookups.
//  3. rulePrefix and ruleRange (ordered_set): equalities on leading key
//     columns and bounds on the next give a bounded traversal.
//  4. otherwise one select over the table.
//
// joinEqs are the join conditions of the level, usable for lookups.
func (p *planner) planAccess(sc *scope, a *access, conjs, joinEqs []parser.Expr) error {
	l := &lowerer{p: p, sc: sc, src: a.src, tab: a.tab.Schema, offset: a.offset, used: map[int]bool{}}
	guards := make([]term.Term, len(conjs))
	var residual []parser.Expr
	for i, c := range conjs {
		l.params = false
		t, _, ok := l.lower(c)
		if !ok {
			residual = append(residual, c)
			continue
		}
		guards[i] = t
		if hasMarker(t) {
			residual = append(residual, c) // decided at execution; the residual keeps it exact
		}
	}
	ruleKeyPath(p, sc, a, conjs, joinEqs)
	var kept []term.Term
	for i, c := range conjs {
		if !guards[i].IsValid() {
			continue
		}
		if a.keyConjs[c] {
			continue // the head holds it
		}
		a.lowered = append(a.lowered, c)
		kept = append(kept, guards[i])
	}
	ruleBuildSpec(a, kept)
	var err error
	a.residual, err = p.filter(sc, residual)
	a.residText = residual
	p.accesses = append(p.accesses, a)
	return err
}

// keyTarget names what a key-path rule may use as a value: a constant, a
// placeholder, or an expression over rows to the left (or outer queries).
func (p *planner) keyValue(sc *scope, a *access, e parser.Expr, keyType schema.Type) (keyExpr, bool) {
	switch v := e.(type) {
	case *parser.Placeholder:
		return keyExpr{param: v.Index, text: v.Text}, true
	case *parser.IntegerLit, *parser.FloatLit, *parser.StringLit, *parser.TypedLit, *parser.UnaryExpr:
		l := &lowerer{p: p, sc: sc}
		if val, _, ok := l.constOf(e); ok && val.IsValid() {
			return keyExpr{static: val}, true
		}
	}
	if !p.readsOnlyLeft(sc, e, a.offset) {
		return keyExpr{}, false
	}
	c, err := p.compileExpr(sc, e)
	if err != nil {
		return keyExpr{}, false
	}
	if c.aff != affNone && c.aff != typeAffinity(keyType) {
		return keyExpr{}, false
	}
	return keyExpr{fn: c.eval, text: parser.Format(e)}, true
}

// ruleKeyPath picks the access path from the conjuncts on key columns.
//
// Example: for order_details (key order_id, product_id, ordered_set),
// WHERE order_id = 10248 AND product_id = 11 is a lookup of {10248, 11};
// WHERE order_id = 10248 alone is a prefix traversal; for orders (key
// order_id) WHERE order_id BETWEEN 10300 AND 10310 is a range traversal.
func ruleKeyPath(p *planner, sc *scope, a *access, conjs, joinEqs []parser.Expr) {
	st := a.tab.Schema
	pk := st.PrimaryKey()
	a.path = PathScan
	if len(pk) == 0 {
		return
	}
	eq := make([]*keyExpr, len(pk))
	eqConj := make([]parser.Expr, len(pk))
	var in []keyExpr
	var inConj parser.Expr
	type bnd struct {
		lo, hi boundSet
	}
	var ranges bnd
	colOf := func(e parser.Expr) int {
		ref, ok := e.(*parser.ColumnRef)
		if !ok {
			return -1
		}
		r, err := sc.resolve(ref)
		if err != nil || r.depth != 0 || r.col.src != a.src {
			return -1
		}
		for i, c := range pk {
			if c == r.idx-a.offset {
				return i
			}
		}
		return -1
	}
	all := append(append([]parser.Expr(nil), conjs...), joinEqs...)
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
			kv, ok := p.keyValue(sc, a, other, st.Type(pk[k]))
			if !ok {
				continue
			}
			switch op {
			case parser.OpEq:
				if eq[k] == nil {
					eq[k] = &kv
					eqConj[k] = c
				}
			case parser.OpGt, parser.OpGe, parser.OpLt, parser.OpLe:
				re := &rangeEnd{val: kv, inclusive: op == parser.OpGe || op == parser.OpLe}
				if op == parser.OpGt || op == parser.OpGe {
					setBound(&ranges.lo, k, re)
				} else {
					setBound(&ranges.hi, k, re)
				}
			}
		case *parser.BetweenExpr:
			k := colOf(e.X)
			if k < 0 || e.Not {
				continue
			}
			lo, ok1 := p.keyValue(sc, a, e.Lo, st.Type(pk[k]))
			hi, ok2 := p.keyValue(sc, a, e.Hi, st.Type(pk[k]))
			if ok1 && ok2 {
				setBound(&ranges.lo, k, &rangeEnd{val: lo, inclusive: true})
				setBound(&ranges.hi, k, &rangeEnd{val: hi, inclusive: true})
			}
		case *parser.InListExpr:
			k := colOf(e.X)
			if k != 0 || len(pk) != 1 || e.Not || len(e.List) == 0 || in != nil {
				continue
			}
			var vals []keyExpr
			for _, item := range e.List {
				kv, ok := p.keyValue(sc, a, item, st.Type(pk[0]))
				if !ok {
					vals = nil
					break
				}
				vals = append(vals, kv)
			}
			in, inConj = vals, c
		}
	}
	fixed := 0
	for fixed < len(pk) && eq[fixed] != nil {
		fixed++
	}
	switch {
	case fixed == len(pk):
		key := make([]keyExpr, len(pk))
		for i := range pk {
			key[i] = *eq[i]
		}
		a.path, a.keys = PathLookup, [][]keyExpr{key}
		a.markKeyConjs(eqConj...)
		return
	case in != nil:
		a.path = PathLookup
		for _, v := range in {
			a.keys = append(a.keys, []keyExpr{v})
		}
		a.markKeyConjs(inConj)
		return
	}
	if st.Options().Type != schema.OrderedSet {
		return
	}
	for i := 0; i < fixed; i++ {
		a.prefix = append(a.prefix, *eq[i])
	}
	lo, hi := ranges.lo.at(fixed), ranges.hi.at(fixed)
	if fixed > 0 {
		a.path, a.lo, a.hi = PathPrefix, lo, hi
		a.markKeyConjs(eqConj[:fixed]...)
	} else if lo != nil || hi != nil {
		a.path, a.lo, a.hi = PathRange, lo, hi
	}
}

// boundSet holds, per key column, the first bound found.
type boundSet map[int]*rangeEnd

func setBound(s *boundSet, k int, re *rangeEnd) {
	if *s == nil {
		*s = boundSet{}
	}
	if (*s)[k] == nil {
		(*s)[k] = re
	}
}

func (s boundSet) at(k int) *rangeEnd { return s[k] }

// markKeyConjs records the conjuncts a lookup's head expresses, when the
// keys are constants or placeholders.
func (a *access) markKeyConjs(cs ...parser.Expr) {
	if a.dynamic() {
		return
	}
	a.keyConjs = map[parser.Expr]bool{}
	for _, c := range cs {
		a.keyConjs[c] = true
	}
}

// dynamic reports whether the access reads keys from the left row.
func (a *access) dynamic() bool {
	for _, kx := range a.keys {
		for _, k := range kx {
			if k.fn != nil {
				return true
			}
		}
	}
	for _, k := range a.prefix {
		if k.fn != nil {
			return true
		}
	}
	return (a.lo != nil && a.lo.val.fn != nil) || (a.hi != nil && a.hi.val.fn != nil)
}

// ruleBuildSpec builds the match specification: a head binding the
// columns the guards read, the guards, and the body ['$_']. When the path
// looks up constant keys (or placeholders), the keys go in the head, one
// clause per key, as ets:select/2 needs to look them up too.
//
// Example: WHERE product_id = 11 AND unit_price > 10 on products gives
//
//	[{{11,'_','_','_','_','_','$6','_','_','_'},
//	  [{'andalso',{is_number,'$6'},{'>','$6',10}}],
//	  ['$_']}]
func ruleBuildSpec(a *access, guards []term.Term) {
	st := a.tab.Schema
	bind := map[int]term.Term{}
	for _, g := range guards {
		collectVars(g, bind)
	}
	body := []term.Term{term.Atom("$_")}
	pk := st.PrimaryKey()
	if a.path == PathPrefix && !a.dynamic() {
		// the fixed leading key columns go in the head: {{5,'$2'},...}
		gs := guards
		for i, k := range a.prefix {
			val := term.Tuple(paramMarker, term.Int(int64(k.param)), term.Int(int64(st.Type(pk[i]))))
			if k.param == 0 {
				cv, err := st.Coerce(pk[i], k.static)
				if err != nil || isNull(cv) {
					a.spec = &matchspec.MatchSpec{} // no row can match
					return
				}
				val = cv
			}
			gs = substAll(gs, schema.Var(pk[i]+1), val)
			bind[pk[i]] = val
		}
		a.spec = appendClause(nil, st.Head(bind), gs, body)
		return
	}
	if a.path != PathLookup || a.dynamic() || len(a.keys) > 64 {
		a.spec = appendClause(nil, st.Head(bind), guards, body)
		return
	}
	a.spec = &matchspec.MatchSpec{}
	for _, kx := range a.keys {
		hb := map[int]term.Term{}
		for c, v := range bind {
			hb[c] = v
		}
		gs := guards
		ok := true
		for i, k := range kx {
			var val term.Term
			if k.param > 0 {
				val = term.Tuple(paramMarker, term.Int(int64(k.param)), term.Int(int64(st.Type(pk[i]))))
			} else {
				cv, err := st.Coerce(pk[i], k.static)
				if err != nil || isNull(cv) {
					ok = false
					break
				}
				val = cv
			}
			gs = substAll(gs, schema.Var(pk[i]+1), val)
			hb[pk[i]] = val
		}
		if !ok {
			continue // no row can have this key
		}
		a.keyHead = true
		a.spec = appendClause(a.spec, st.Head(hb), gs, body)
	}
}

// collectVars adds the match variables of a guard to bind (column index
// to variable).
func collectVars(g term.Term, bind map[int]term.Term) {
	if name, ok := g.AtomName(); ok && len(name) > 1 && name[0] == '$' {
		if n, err := strconv.Atoi(name[1:]); err == nil && n >= 1 {
			bind[n-1] = g
		}
		return
	}
	if g.IsTuple() {
		for _, e := range g.Elements() {
			collectVars(e, bind)
		}
	}
}

func hasParamKey(kx []keyExpr) bool {
	for _, k := range kx {
		if k.param > 0 {
			return true
		}
	}
	return false
}

func substAll(gs []term.Term, v, c term.Term) []term.Term {
	out := make([]term.Term, len(gs))
	for i, g := range gs {
		out[i] = substVar(g, v, c)
	}
	return out
}

func appendClause(ms *matchspec.MatchSpec, head term.Term, guards, body []term.Term) *matchspec.MatchSpec {
	if ms == nil {
		ms = &matchspec.MatchSpec{}
	}
	ms.Clauses = append(ms.Clauses, matchspec.Clause{Head: head, Guards: append([]term.Term(nil), guards...), Body: body})
	return ms
}

// finishAccess compiles the specification once when it needs no
// parameters.
func (p *planner) finishAccess(a *access) error {
	headMarkers := false
	for _, cl := range a.spec.Clauses {
		for _, g := range cl.Guards {
			if hasMarker(g) {
				return nil
			}
		}
		if hasMarker(cl.Head) {
			headMarkers = true
		}
	}
	if headMarkers {
		return p.execProgram(a)
	}
	prog, err := matchspec.Compile(a.spec)
	if err != nil {
		return err
	}
	a.prog = prog
	if a.count {
		a.countProg, err = matchspec.Compile(bodyTrue(a.spec))
	}
	return err
}

// execProgram compiles, for a lookup or prefix traversal whose keys are
// placeholders, the specification with '_' in place of the keys: the
// traversal already fixes them, so the program is compiled once, not at
// every execution.
func (p *planner) execProgram(a *access) error {
	if a.path != PathLookup && a.path != PathPrefix {
		return nil
	}
	ms := &matchspec.MatchSpec{}
	seen := map[string]bool{}
	for _, cl := range a.spec.Clauses {
		head := replaceMarkers(cl.Head)
		nc := matchspec.Clause{Head: head, Guards: cl.Guards, Body: cl.Body}
		k := term.Format((&matchspec.MatchSpec{Clauses: []matchspec.Clause{nc}}).Term())
		if !seen[k] {
			seen[k] = true
			ms.Clauses = append(ms.Clauses, nc)
		}
	}
	prog, err := matchspec.Compile(ms)
	if err != nil {
		return err
	}
	a.execProg = prog
	return nil
}

func replaceMarkers(t term.Term) term.Term {
	if !t.IsTuple() {
		return t
	}
	el := t.Elements()
	if len(el) == 3 && el[0].IsAtomNamed("$etsql_param") {
		return schema.Wildcard
	}
	out := make([]term.Term, len(el))
	for i, e := range el {
		out[i] = replaceMarkers(e)
	}
	return term.Tuple(out...)
}

// ruleOrderByKey: when a single ordered_set is read and ORDER BY names its
// leading key columns in one direction, the traversal gives the order (in
// reverse for DESC) and no sort is needed; LIMIT then stops the scan.
//
// Example: SELECT * FROM orders ORDER BY order_id DESC LIMIT 5 reads the
// last five keys.
func ruleOrderByKey(cp *corePlan, keys []orderKey, cols []orderCol) {
	if len(keys) == 0 || len(cp.levels) != 1 || cp.grouped || cp.distinct {
		return
	}
	a := cp.levels[0].acc
	if a == nil || a.tab.Schema.Options().Type != schema.OrderedSet {
		return
	}
	if a.path == PathLookup && len(a.keys) > 1 {
		return
	}
	pk := a.tab.Schema.PrimaryKey()
	if len(pk) == 0 || len(keys) > len(pk) {
		return
	}
	for i, k := range keys {
		if i >= len(cols) || cols[i].src != 0 || cols[i].col != pk[i] || k.desc != keys[0].desc {
			return
		}
	}
	a.desc = keys[0].desc
	cp.ordered = true
}

// ruleSelectCount: SELECT COUNT(*) FROM t [WHERE ...] whose WHERE is all
// in the match specification counts matches without reading rows, as
// ets:select_count/2.
func ruleSelectCount(cp *corePlan) {
	if !cp.onlyCount || !cp.grouped || len(cp.groupBy) > 0 || len(cp.levels) != 1 || cp.having != nil || cp.distinct {
		return
	}
	lv := cp.levels[0]
	a := lv.acc
	if a == nil || a.residual != nil || lv.on != nil || lv.post != nil {
		return
	}
	for _, s := range cp.aggs.specs {
		if !(s.name == "count" && s.star) {
			return
		}
	}
	if len(cp.proj) != cp.visible {
		return
	}
	a.count = true
}
