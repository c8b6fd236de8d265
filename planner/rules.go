package planner

// The rules of the planner, in the order they apply to a table access
// (planAccess), then to the SELECT around it (ruleOrderByKey,
// ruleSelectCount). Each has a worked example in its doc comment.

import (
	"slices"
	"strconv"

	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// planAccess applies the access rules to one table, in order:
//
//  1. ruleLower: conjuncts with an exact match specification form become
//     guards; the rest are the residual filter.
//  2. ruleKeyLookup: equalities fixing every key column give lookups.
//  3. rulePrefix and ruleRange (ordered_set): equalities on leading key
//     columns and bounds on the next give a bounded traversal.
//  4. ruleIndexPath: else a secondary index on the columns the WHERE
//     clause fixes or bounds finds the keys.
//  5. otherwise one select over the table.
//  6. rulePathConjs: the conjuncts the path decides when its keys come
//     out exact need no check per row then.
//
// joinEqs are the join conditions of the level, usable for lookups.
func (p *planner) planAccess(sc *scope, a *access, conjs, joinEqs []parser.Expr) error {
	a.pk = a.keyColumns()
	l := &lowerer{p: p, sc: sc, src: a.src, tab: a.tab.Schema, offset: a.offset, used: map[int]bool{}}
	guards := make([]term.Term, len(conjs))
	var residual, base []parser.Expr
	for i, c := range conjs {
		l.params = false
		t, _, ok := l.lower(c)
		if !ok {
			residual = append(residual, c)
			base = append(base, c)
			continue
		}
		guards[i] = t
		if hasMarker(t) {
			a.paramGuards = true
			residual = append(residual, c) // decided at execution; the residual keeps it exact
		}
	}
	ruleKeyPath(p, sc, a, conjs, joinEqs)
	ruleIndexPath(p, sc, a, conjs, joinEqs)
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
	if a.residual, err = p.filter(sc, residual); err != nil {
		return err
	}
	a.residText = residual
	if a.residualBase, err = p.filter(sc, base); err != nil {
		return err
	}
	a.flatRow = flatRow(a)
	rulePathConjs(a)
	if err := p.buildExactVariant(sc, a, kept, residual, base); err != nil {
		return err
	}
	p.accesses = append(p.accesses, a)
	return nil
}

// keyValue returns what a key-path rule may use as a key value: a
// constant, a placeholder, or an expression over the rows to the left (or
// of enclosing queries) whose affinity does not change the comparison.
func (p *planner) keyValue(sc *scope, a *access, e parser.Expr, keyType schema.Type) (keyExpr, bool) {
	switch v := e.(type) {
	case *parser.Placeholder:
		return keyExpr{param: v.Index, text: "?" + strconv.Itoa(v.Index)}, true
	case *parser.ColumnRef:
		if p.trig.refers(v) {
			idx, col, err := p.trig.param(v)
			if err != nil || (typeAffinity(col) != affNone && typeAffinity(col) != typeAffinity(keyType)) {
				return keyExpr{}, false
			}
			return keyExpr{param: idx, text: parser.Format(v)}, true
		}
	case *parser.IntegerLit, *parser.FloatLit, *parser.StringLit, *parser.TypedLit, *parser.UnaryExpr:
		l := &lowerer{p: p, sc: sc}
		if val, _, ok := l.constOf(e); ok && val.IsValid() {
			return keyExpr{static: val}, true
		}
	}
	if !p.readsOnlyLeft(sc, e, a.bound) {
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

// anyTyped reports whether one of the columns is ANY. Key and index
// paths skip such columns: ETS finds keys by term equality, where the
// integer 1 and the float 1.0 an ANY column may hold are different keys
// (or, in a match specification head, different patterns), though SQL
// compares them equal. A scan with the residual filter compares as SQL.
func anyTyped(st *schema.Table, cols []int) bool {
	return slices.ContainsFunc(cols, func(c int) bool { return st.Type(c) == schema.Any })
}

// ruleKeyPath picks the access path from the conjuncts on key columns.
//
// Example: for order_details (key order_id, product_id, ordered_set),
// WHERE order_id = 10248 AND product_id = 11 is a lookup of {10248, 11};
// WHERE order_id = 10248 alone is a prefix traversal; for orders (key
// order_id) WHERE order_id BETWEEN 10300 AND 10310 is a range traversal.
func ruleKeyPath(p *planner, sc *scope, a *access, conjs, joinEqs []parser.Expr) {
	st := a.tab.Schema
	pk := a.pk
	a.path = PathScan
	if len(pk) == 0 || anyTyped(st, pk) {
		return
	}
	eq := make([]*keyExpr, len(pk))
	eqConj := make([]parser.Expr, len(pk))
	var in []keyExpr
	var inConj parser.Expr
	var inSub *selectPlan
	type bnd struct {
		lo, hi boundSet
	}
	var ranges bnd
	colOf := func(e parser.Expr) int { return a.keyIndex(sc, pk, e) }
	all := append(append([]parser.Expr(nil), conjs...), joinEqs...)
	for _, c := range all {
		if vals, ok := orOfKeyEqualities(p, sc, a, c, colOf, st.Type(pk[0])); ok && len(pk) == 1 && in == nil {
			in, inConj = vals, c
			continue
		}
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
				re := &rangeEnd{val: kv, inclusive: op == parser.OpGe || op == parser.OpLe, conj: c}
				if op == parser.OpGt || op == parser.OpGe {
					setBound(&ranges.lo, k, re, true)
				} else {
					setBound(&ranges.hi, k, re, false)
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
				setBound(&ranges.lo, k, &rangeEnd{val: lo, inclusive: true, conj: c}, true)
				setBound(&ranges.hi, k, &rangeEnd{val: hi, inclusive: true, conj: c}, false)
			}
		case *parser.InSubqueryExpr:
			k := colOf(e.X)
			if k != 0 || len(pk) != 1 || e.Not || in != nil || inSub != nil {
				continue
			}
			sp, err := p.planSelect(e.Select, sc)
			if err != nil || len(sp.cols) != 1 || sp.cols[0].Type == 0 ||
				typeAffinity(sp.cols[0].Type) != typeAffinity(st.Type(pk[0])) {
				continue
			}
			inSub = sp
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
	case inSub != nil && in == nil:
		a.path, a.inSub = PathLookup, inSub
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

// orOfKeyEqualities recognizes "key = v1 OR key = v2 OR ..." (with
// constants or placeholders), which is key IN (v1, v2, ...).
//
// Example: WHERE product_id = 1 OR product_id = 2 is a lookup of keys 1
// and 2, one clause per key: [{{1,...},[],['$_']},{{2,...},[],['$_']}].
func orOfKeyEqualities(p *planner, sc *scope, a *access, e parser.Expr, colOf func(parser.Expr) int, typ schema.Type) ([]keyExpr, bool) {
	b, ok := e.(*parser.BinaryExpr)
	if !ok || b.Op != parser.OpOr {
		return nil, false
	}
	var vals []keyExpr
	var walk func(e parser.Expr) bool
	walk = func(e parser.Expr) bool {
		b, ok := e.(*parser.BinaryExpr)
		if !ok {
			return false
		}
		switch b.Op {
		case parser.OpOr:
			return walk(b.L) && walk(b.R)
		case parser.OpEq:
			k, other := colOf(b.L), b.R
			if k < 0 {
				k, other = colOf(b.R), b.L
			}
			l := &lowerer{p: p, sc: sc}
			if _, _, isConst := l.constOf(other); k != 0 || !isConst {
				return false
			}
			kv, ok := p.keyValue(sc, a, other, typ)
			vals = append(vals, kv)
			return ok && len(vals) <= 64
		}
		return false
	}
	if !walk(b) {
		return nil, false
	}
	return vals, true
}

// boundSet holds, per key column, the bound a range starts (or ends) at:
// the first found, or the tightest of constant ones.
type boundSet map[int]*rangeEnd

// setBound records re as a lower (lower true) or upper bound of key
// column k, keeping the tighter of two constant bounds.
//
// Example: col3 <= 9107 AND col3 < 1891 ends the range before 1891.
func setBound(s *boundSet, k int, re *rangeEnd, lower bool) {
	if *s == nil {
		*s = boundSet{}
	}
	old := (*s)[k]
	if old == nil {
		(*s)[k] = re
		return
	}
	a, b := old.val.static, re.val.static
	if !a.IsValid() || !b.IsValid() || isNull(a) || isNull(b) || classOf(a) != classOf(b) {
		return
	}
	c := compareValues(b, a)
	if !lower {
		c = -c
	}
	if c > 0 || c == 0 && !re.inclusive {
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
	if a.inSub != nil {
		return true
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
	vars := map[int]term.Term{}
	for _, g := range guards {
		collectVars(g, vars)
	}
	bind := map[int]term.Term{}
	for col, v := range vars {
		if col >= st.NumColumns() {
			col = schema.RowIDColumn // '$(N+1)' is the row id
		}
		bind[col] = v
	}
	body := []term.Term{term.Atom("$_")}
	// What runs when the spec needs parameters: no keys in the head (the
	// path fixes them) and no guard that needs a parameter (its conjunct
	// is in the residual filter), so it compiles once.
	var static []term.Term
	for _, g := range guards {
		if !hasMarker(g) {
			static = append(static, g)
		}
	}
	a.execSpec = appendClause(nil, st.Head(bind), static, body)
	pk := a.pk
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
			gs = substAll(gs, a.colVar(pk[i]), val)
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
			gs = substAll(gs, a.colVar(pk[i]), val)
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

// finishAccess compiles the specification once: the whole one when it
// needs no parameters, else the execution specification (see
// ruleBuildSpec), the parameters' conditions being checked by the path
// and the residual filter.
func (p *planner) finishAccess(a *access) error {
	if v := a.exact; v != nil {
		var err error
		if v.prog, v.execProg, err = compileSpecs(v.spec, v.execSpec); err != nil {
			return err
		}
	}
	prog, execProg, err := compileSpecs(a.spec, a.execSpec)
	if err != nil {
		return err
	}
	a.prog, a.execProg = prog, execProg
	if prog != nil && a.count {
		a.countProg, err = matchspec.Compile(bodyTrue(a.spec, a.tab.Schema))
	}
	return err
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
	if a == nil || a.tab.Schema.Options().Type != schema.OrderedSet || a.path == PathIndex {
		return
	}
	if a.path == PathLookup && (len(a.keys) > 1 || a.inSub != nil) {
		return
	}
	pk := a.pk
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
	if a == nil || a.residual != nil || lv.on != nil || lv.post != nil || a.path == PathIndex {
		return // an index reads fewer rows than select_count visits
	}
	for _, s := range cp.aggs.specs {
		if !(s.name == "count" && s.star) || s.filter != nil {
			return
		}
	}
	if len(cp.proj) != cp.visible {
		return
	}
	a.count = true
}

// ruleDirectScan: a SELECT of columns (no other expressions) from one
// table, without grouping, DISTINCT or a join, copies each row the scan
// passes into the output, without the join and projection machinery.
//
// Example: SELECT id, price FROM t WHERE id BETWEEN ? AND ? hands each
// row's slots 0 and 3 over as they are.
func ruleDirectScan(cp *corePlan) {
	if len(cp.levels) != 1 || cp.grouped || cp.distinct || cp.where != nil {
		return
	}
	lv := cp.levels[0]
	if lv.acc == nil || lv.sub != nil || lv.on != nil || lv.post != nil || lv.left {
		return
	}
	slots := make([]int, len(cp.proj))
	for i, c := range cp.proj {
		if c.slot == 0 {
			return
		}
		slots[i] = c.slot - 1
	}
	cp.direct = slots
}

// ruleJoinOrder: in a join of tables without LEFT JOIN, the table whose
// own WHERE terms give the cheapest access path (a key lookup, then a
// prefix, then a key range) is read first, so the others can be looked up
// from it; the rest keep their FROM order.
//
// Example: FROM order_details d JOIN orders o ON d.order_id = o.order_id
// WHERE o.order_id = 10248 reads orders by key first, then order_details
// by the prefix {10248, _}, instead of scanning order_details.
func ruleJoinOrder(p *planner, sc *scope, cp *corePlan, conjs []conjunct) {
	if len(cp.levels) < 2 {
		return
	}
	for _, lv := range cp.levels {
		if lv.acc == nil || lv.left {
			return
		}
	}
	best, bestRank := 0, staticRank(p, sc, cp.levels[0].acc, conjs)
	for i := 1; i < len(cp.levels); i++ {
		if r := staticRank(p, sc, cp.levels[i].acc, conjs); r < bestRank {
			best, bestRank = i, r
		}
	}
	if best == 0 {
		return
	}
	lv := cp.levels[best]
	copy(cp.levels[1:best+1], cp.levels[:best])
	cp.levels[0] = lv
}

// staticRank rates the access path a table's own constant conditions
// give: 0 a lookup, 1 a key prefix, 2 a key range, 3 an index on a column
// fixed by an equality, 4 a full select.
func staticRank(p *planner, sc *scope, a *access, conjs []conjunct) int {
	pk := a.keyColumns()
	ordered := a.tab.Schema.Options().Type == schema.OrderedSet
	fixed := make([]bool, len(pk))
	ranged, inList, indexed := false, false, false
	var firstCols [][]int // the leading column of each index
	for _, ix := range a.tab.Indexes() {
		firstCols = append(firstCols, ix.Columns[:1])
	}
	keyOf := func(e parser.Expr) int { return a.keyIndex(sc, pk, e) }
	l := &lowerer{p: p, sc: sc}
	isConst := func(e parser.Expr) bool { _, _, ok := l.constOf(e); return ok }
	for _, c := range conjs {
		if c.subq || c.leftOn >= 0 || c.refs != 1<<uint(a.src) {
			continue
		}
		switch e := c.e.(type) {
		case *parser.BinaryExpr:
			k, other := keyOf(e.L), e.R
			if k < 0 {
				k, other = keyOf(e.R), e.L
			}
			if e.Op == parser.OpEq && !indexed {
				for _, cols := range firstCols {
					if (a.keyIndex(sc, cols, e.L) == 0 && isConst(e.R)) || (a.keyIndex(sc, cols, e.R) == 0 && isConst(e.L)) {
						indexed = true
					}
				}
			}
			if k < 0 || !isConst(other) {
				continue
			}
			switch e.Op {
			case parser.OpEq:
				fixed[k] = true
			case parser.OpLt, parser.OpLe, parser.OpGt, parser.OpGe:
				ranged = ranged || k == 0
			}
		case *parser.BetweenExpr:
			ranged = ranged || keyOf(e.X) == 0 && !e.Not
		case *parser.InListExpr:
			inList = inList || keyOf(e.X) == 0 && len(pk) == 1 && !e.Not
		}
	}
	all := true
	for _, f := range fixed {
		all = all && f
	}
	switch {
	case all || inList:
		return 0
	case fixed[0] && ordered:
		return 1
	case ranged && ordered:
		return 2
	case indexed:
		return 3
	}
	return 4
}

// ruleConnectJoins: in a join of tables without LEFT JOIN, a table that
// no equality ties to the tables before it is put off while a later table
// has one, so each level joins by a lookup or a hash join instead of a
// cross product; tables keep their order otherwise.
//
// Example: FROM t1, t2, t3 WHERE t3.a = t1.b AND t2.a = t3.b reads t1,
// then t3 (tied to t1), then t2 (tied to t3), instead of t1 × t2 first.
func ruleConnectJoins(cp *corePlan, conjs []conjunct) {
	if len(cp.levels) < 3 {
		return
	}
	for _, lv := range cp.levels {
		if lv.acc == nil || lv.left {
			return
		}
	}
	bound := uint64(1) << uint(cp.levels[0].src)
	for i := 1; i < len(cp.levels); i++ {
		if !tiedTo(cp.levels[i], bound, conjs) {
			for j := i + 1; j < len(cp.levels); j++ {
				if tiedTo(cp.levels[j], bound, conjs) {
					lv := cp.levels[j]
					copy(cp.levels[i+1:j+1], cp.levels[i:j])
					cp.levels[i] = lv
					break
				}
			}
		}
		bound |= 1 << uint(cp.levels[i].src)
	}
}

// tiedTo reports whether an equality conjunct reads level lv and the
// sources in bound only, at least one of each.
func tiedTo(lv *level, bound uint64, conjs []conjunct) bool {
	own := uint64(1) << uint(lv.src)
	for _, c := range conjs {
		if c.subq || c.leftOn >= 0 || c.refs&own == 0 || c.refs&bound == 0 || c.refs&^(bound|own) != 0 {
			continue
		}
		if b, ok := c.e.(*parser.BinaryExpr); ok && b.Op == parser.OpEq {
			return true
		}
	}
	return false
}
