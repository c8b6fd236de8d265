package planner

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// PathKind is how a table access finds its rows.
type PathKind int

// The access paths, cheapest first.
const (
	PathLookup PathKind = iota + 1 // ets:lookup of each key the WHERE clause fixes
	PathPrefix                     // ordered_set traversal of a composite-key prefix
	PathRange                      // ordered_set traversal between key bounds
	PathIndex                      // a secondary index finds the keys, then lookups
	PathScan                       // one select over the whole table
)

var pathNames = [...]string{PathLookup: "lookup", PathPrefix: "prefix", PathRange: "range", PathIndex: "index", PathScan: "full select"}

// String returns the path as EXPLAIN names it: "lookup", "prefix",
// "range", "index" or "full select".
func (k PathKind) String() string {
	if k < PathLookup || k > PathScan {
		return "unknown"
	}
	return pathNames[k]
}

// keyExpr is where a key value (or bound) comes from: a constant known
// when planning, a placeholder, or an expression over the rows to the
// left of a join or of an enclosing query.
type keyExpr struct {
	static term.Term
	param  int
	fn     evalFn
	text   string
}

func (k keyExpr) value(c *evalCtx, row []term.Term) (term.Term, error) {
	switch {
	case k.static.IsValid():
		return k.static, nil
	case k.param > 0:
		return c.param(k.param)
	}
	return k.fn(c, row)
}

func (k keyExpr) String() string {
	if k.static.IsValid() {
		return term.Format(k.static)
	}
	return k.text
}

// rangeEnd is one end of a key range.
type rangeEnd struct {
	val       keyExpr
	inclusive bool
	conj      parser.Expr // the conjunct that gave the bound
}

// access reads one table of a FROM clause: an access path, a match
// specification (what ets:select/2 would take) and a residual filter.
type access struct {
	tab    *Table
	label  string
	src    int
	offset int    // scope index of its first column
	width  int    // row slots: the declared columns, then rowid if shown
	rowid  bool   // the last slot is the hidden row id
	bound  uint64 // the sources joined before it, whose columns keys may use

	path   PathKind
	index  *Index      // PathIndex: the index; prefix, keys (IN on its first column), lo and hi as for keys
	keys   [][]keyExpr // PathLookup: the values of the key columns, per key
	inSub  *selectPlan // PathLookup: or the keys a subquery gives (key IN (SELECT ...))
	prefix []keyExpr   // PathPrefix: the fixed leading key columns
	lo, hi *rangeEnd   // PathRange, PathPrefix: bounds on the next key column
	desc   bool        // traverse an ordered_set backwards (ORDER BY key DESC)

	spec         *matchspec.MatchSpec // with markers when it needs parameters
	prog         *matchspec.Program   // compiled spec, nil when it needs parameters
	countProg    *matchspec.Program   // the spec with bodies [true], for select_count
	writeProg    *matchspec.Program   // the spec of select_delete or select_replace
	execSpec     *matchspec.MatchSpec // the spec without what needs parameters
	execProg     *matchspec.Program   // execSpec compiled, when spec needs parameters
	lowered      []parser.Expr        // conjuncts in the spec
	residual     evalFn               // the residual filter
	residualBase evalFn               // the residual without the conjuncts on placeholders
	residText    []parser.Expr
	pk           []int                // the key columns
	keyConjs     map[parser.Expr]bool // conjuncts the head's keys express
	keyHead      bool                 // the head fixes the key (exact lookups with constant keys)
	count        bool                 // only counted (select_count)
	paramGuards  bool                 // a guard compares a column with a placeholder (see specializer)

	// exact is the specification and residual filter to use when the
	// path's keys come out exact (see exactKeys): without the conjuncts
	// the path then decides (pathConjs), which need no check per row.
	exact     *exactVariant
	pathConjs map[parser.Expr]bool
	flatRow   bool // the row slots are the object's elements, in order (see flatRow)

	examined, returned atomic.Int64

	// states holds the scan states of finished executions, for the base
	// and the exact variant, when they hold nothing of their parameters
	// (see scanState.release)
	states [2]sync.Pool
}

// flatRow reports whether the access's row slots are its objects'
// elements in order (a table with a one-column primary key, whose rows
// are {Col1, Col2, ...}): a row is then one copy.
func flatRow(a *access) bool {
	st := a.tab.Schema
	if a.rowid || st.HasRowID() || a.width != st.Arity() {
		return false
	}
	for i := 0; i < a.width; i++ {
		if st.Position(i) != (schema.Position{Elem: i + 1}) {
			return false
		}
	}
	return true
}

// schemaCol maps a row slot of the access to the schema's column index
// (RowIDColumn for the row id slot).
func (a *access) schemaCol(slot int) int {
	if a.rowid && slot == a.width-1 {
		return schema.RowIDColumn
	}
	return slot
}

// keyColumns returns the schema columns of the table's ETS key, in key
// order: the primary key, or the row id of a table without one.
func (a *access) keyColumns() []int {
	if a.rowid {
		return []int{schema.RowIDColumn}
	}
	return a.tab.Schema.PrimaryKey()
}

// keyIndex returns the position in pk (the access's key columns) of the
// column e names, when e is a plain reference to a key column of this
// access's table at this query level, or -1.
//
// Example: for order_details (key order_id, product_id), product_id gives
// 1; an outer query's order_id, or order_id + 0, gives -1.
func (a *access) keyIndex(sc *scope, pk []int, e parser.Expr) int {
	ref, ok := e.(*parser.ColumnRef)
	if !ok {
		return -1
	}
	r, err := sc.resolve(ref)
	if err != nil || r.depth != 0 || r.col.src != a.src {
		return -1
	}
	col := a.schemaCol(r.idx - a.offset)
	for i, c := range pk {
		if c == col {
			return i
		}
	}
	return -1
}

// colVar is the match variable of a schema column in the access's
// specifications: '$(I+1)' for column I, '$(N+1)' for the row id.
func (a *access) colVar(col int) term.Term {
	if col == schema.RowIDColumn {
		return schema.Var(a.tab.Schema.NumColumns() + 1)
	}
	return schema.Var(col + 1)
}

// colName names a schema column for EXPLAIN.
func colName(st *schema.Table, col int) string {
	if col == schema.RowIDColumn {
		return schema.RowIDName
	}
	return st.Column(col).Name
}

// errStop ends a traversal early.
var errStop = errors.New("stop")

// scanState is what one execution reuses from scan to scan of an access
// (a lookup join scans once per left row): the compiled program, its
// matcher and the lookup buffer.
type scanState struct {
	a            *access
	prog         *matchspec.Program
	m            *matchspec.Matcher
	buf          []term.Term
	residual     evalFn               // the access's residual, less what the guards now check
	spec         *matchspec.MatchSpec // what upgradeSpec compiles
	residualBase evalFn               // the residual upgradeSpec leaves
	all          bool                 // the specification matches every row: no need to run it
	upgrade      bool                 // a traversal with execProg: compile the full spec once it runs long

	// reuse: which pool of the access it goes back to (variant), and
	// what upgradeSpec changes, as it was made
	poolable    bool
	variant     int
	baseProg    *matchspec.Program
	baseUpgrade bool

	// the scan in progress
	c                  *evalCtx
	row                []term.Term
	slots              []int // the row slots emit reads, nil for all (scanSlots)
	emit               func(obj term.Term) (bool, error)
	examined, returned int64
	visitFn            func(obj term.Term) (bool, error)
	foldFn             func(obj, acc term.Term) (term.Term, error)
}

// state returns the access's scan state for this execution, compiling
// the specification with the parameters' values if it needs them.
func (a *access) state(c *evalCtx) (*scanState, error) {
	if c.exec == nil {
		c.exec = &execState{}
	}
	if s, ok := c.exec.scans[a]; ok {
		return s, nil
	}
	v := exactVariant{spec: a.spec, prog: a.prog, execProg: a.execProg, residual: a.residual, residualBase: a.residualBase}
	variant := 0
	if a.exact != nil && a.exactKeys(c) {
		v, variant = *a.exact, 1
	}
	compiles := v.prog == nil && (a.path == PathScan || v.execProg == nil)
	if !compiles {
		if s, _ := a.states[variant].Get().(*scanState); s != nil {
			c.exec.addScan(a, s)
			return s, nil
		}
	}
	prog, residual := v.prog, v.residual
	if compiles {
		// a full select visits every row: compiling the specification with
		// the parameters' values (some µs) pays, and if every comparison
		// went into the guards the residual filter need not check them
		// again; lookups and traversals visit few rows and use execProg
		ms, exact := instantiateSpecExact(v.spec, c.params)
		p, err := matchspec.Compile(ms)
		if err != nil {
			return nil, err
		}
		prog = p
		if exact {
			residual = v.residualBase
		}
	}
	if prog == nil {
		prog = v.execProg
	}
	s := &scanState{a: a, prog: prog, m: prog.NewMatcher(), residual: residual, all: matchesAll(prog.Spec(), a.tab.Schema.Arity())}
	s.upgrade = prog == v.execProg && v.prog == nil && a.path != PathLookup
	s.spec, s.residualBase = v.spec, v.residualBase
	s.visitFn, s.foldFn = s.visit, s.fold
	s.poolable, s.variant, s.baseProg, s.baseUpgrade = !compiles, variant, prog, s.upgrade
	c.exec.addScan(a, s)
	return s, nil
}

// addScan records the scan state of an access for this execution.
func (e *execState) addScan(a *access, s *scanState) {
	if e.scans == nil {
		e.scans = map[*access]*scanState{}
	}
	e.scans[a] = s
}

// release puts the scan state of a finished execution back in its
// access's pool, unless it holds something of that execution's
// parameters (a specification compiled with their values).
func (ss *scanState) release() {
	if !ss.poolable || ss.prog != ss.baseProg {
		return
	}
	ss.upgrade = ss.baseUpgrade
	ss.c, ss.row, ss.emit = nil, nil, nil
	clear(ss.buf[:cap(ss.buf)])
	ss.buf = ss.buf[:0]
	ss.a.states[ss.variant].Put(ss)
}

// matchesAll reports whether ms matches every row of a table of the
// arity: one clause, no guards, a head of '_' or of arity '_'s, and the
// body ['$_'].
//
// Example: [{{'_','_','_'},[],['$_']}] on a table of three columns.
func matchesAll(ms *matchspec.MatchSpec, arity int) bool {
	if len(ms.Clauses) != 1 || len(ms.Clauses[0].Guards) != 0 {
		return false
	}
	if b := ms.Clauses[0].Body; len(b) != 1 || !b[0].IsAtomNamed("$_") {
		return false
	}
	head := ms.Clauses[0].Head
	if head.IsAtomNamed("_") {
		return true
	}
	el := head.Elements()
	if !head.IsTuple() || len(el) != arity {
		return false
	}
	for _, e := range el {
		if !e.IsAtomNamed("_") {
			return false
		}
	}
	return true
}

// instantiateSpec replaces the placeholder markers of a specification.
func instantiateSpec(ms *matchspec.MatchSpec, params []term.Term) *matchspec.MatchSpec {
	out, _ := instantiateSpecExact(ms, params)
	return out
}

// instantiateSpecExact is instantiateSpec, also reporting whether every
// comparison with a parameter became a guard (none left to the residual).
func instantiateSpecExact(ms *matchspec.MatchSpec, params []term.Term) (*matchspec.MatchSpec, bool) {
	exact := true
	out := &matchspec.MatchSpec{}
	for _, cl := range ms.Clauses {
		head, ok := instantiate(cl.Head, params, false)
		if !ok {
			continue // a key that cannot be coerced: the clause matches nothing
		}
		nc := matchspec.Clause{Head: head, Body: cl.Body}
		for _, g := range cl.Guards {
			ig, ok := instantiate(g, params, true)
			if !ok {
				ig, exact = atomTrue, false // the residual filter decides
			}
			nc.Guards = append(nc.Guards, ig)
		}
		out.Clauses = append(out.Clauses, nc)
	}
	return out, exact
}

// scan calls emit for every row of the table the access selects, with
// the row's columns written into row[offset:offset+width].
func (a *access) scan(c *evalCtx, row []term.Term, emit func(obj term.Term) (bool, error)) error {
	return a.scanSlots(c, row, nil, emit)
}

// scanSlots is scan for an emit that reads only the row slots slots (nil:
// any): when no residual filter reads the row either, only those are
// written.
//
// Example: SELECT id, price FROM items_by_category WHERE category = ?
// writes slots 1 and 3 of each row, not the five.
func (a *access) scanSlots(c *evalCtx, row []term.Term, slots []int, emit func(obj term.Term) (bool, error)) error {
	ss, err := a.state(c)
	if err != nil {
		return err
	}
	prevSlots := ss.slots // a nested scan of the access (a subquery) has its own
	ss.c, ss.row, ss.emit, ss.slots = c, row, emit, slots
	ss.examined, ss.returned = 0, 0
	err = ss.run()
	a.examined.Add(ss.examined)
	a.returned.Add(ss.returned)
	ss.c, ss.row, ss.emit, ss.slots = nil, nil, nil, prevSlots
	return err
}

// visit runs the specification and the residual filter on one object and
// hands a passing row to emit.
func (ss *scanState) visit(obj term.Term) (bool, error) {
	a, c, row := ss.a, ss.c, ss.row
	ss.examined++
	if err := c.checkCancel(); err != nil {
		return false, err
	}
	if ss.upgrade && ss.examined == upgradeAfter {
		ss.upgradeSpec(c)
	}
	if !ss.all {
		if _, ok := ss.m.Match(obj); !ok {
			return true, nil
		}
	}
	if ss.slots != nil && ss.residual == nil && !a.count {
		ss.fillSlots(obj)
	} else if a.flatRow {
		if el := obj.Elements(); len(el) == a.width {
			copy(row[a.offset:a.offset+a.width], el)
		}
	} else if !a.count {
		st := a.tab.Schema
		n := a.width
		if a.rowid {
			n--
			row[a.offset+n], _ = st.Value(obj, schema.RowIDColumn)
		}
		for i := 0; i < n; i++ {
			row[a.offset+i], _ = st.Value(obj, i)
		}
	}
	if ss.residual != nil {
		v, err := ss.residual(c, row)
		if err != nil {
			return false, err
		}
		if b, _ := truth(v); !b {
			return true, nil
		}
	}
	ss.returned++
	return ss.emit(obj)
}

// fillSlots writes the row slots of ss.slots from obj.
func (ss *scanState) fillSlots(obj term.Term) {
	a, row := ss.a, ss.row
	if el := obj.Elements(); a.flatRow && len(el) == a.width {
		off := a.offset
		for _, s := range ss.slots {
			row[s] = el[s-off]
		}
		return
	}
	st := a.tab.Schema
	for _, s := range ss.slots {
		col := s - a.offset
		if a.rowid && col == a.width-1 {
			col = schema.RowIDColumn
		}
		row[s], _ = st.Value(obj, col)
	}
}

// upgradeAfter is how many rows a traversal (a key range or prefix) of a
// statement with placeholders examines before it compiles its
// specification with their values, as a full select does at once: a
// short traversal does not pay the compilation, a long one checks its
// rows with the compiled guards instead of the residual filter.
const upgradeAfter = 64

// upgradeSpec switches the scan to the specification compiled with the
// parameters' values, and drops from the residual filter what its guards
// then check. The rows are the same either way.
func (ss *scanState) upgradeSpec(c *evalCtx) {
	ss.upgrade = false
	ms, exact := instantiateSpecExact(ss.spec, c.params)
	p, err := matchspec.Compile(ms)
	if err != nil {
		return
	}
	ss.prog, ss.m = p, p.NewMatcher()
	if exact {
		ss.residual = ss.residualBase
	}
}

func (ss *scanState) fold(obj, acc term.Term) (term.Term, error) {
	more, err := ss.visit(obj)
	if err == nil && !more {
		err = errStop
	}
	return acc, err
}

func (ss *scanState) run() error {
	a, c, row := ss.a, ss.c, ss.row
	ets := a.tab.ETS
	proc := c.rt.Proc
	if a.path == PathIndex {
		if done, err := ss.indexScan(); done {
			return err
		}
	}
	switch a.path {
	case PathLookup:
		keys := a.keys
		if a.inSub != nil {
			rows, err := a.inSub.subRows(c, row, 0)
			if err != nil {
				return err
			}
			keys = make([][]keyExpr, len(rows))
			for i, r := range rows {
				keys[i] = []keyExpr{{static: r[0]}}
			}
		}
		var done map[string]bool // keys looked up already: IN (1, 1) reads key 1 once
		if len(keys) > 1 {
			done = make(map[string]bool, len(keys))
		}
		for _, kx := range keys {
			key, ok, err := a.lookupKey(c, row, kx)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if done != nil {
				ks := term.Format(key)
				if done[ks] {
					continue
				}
				done[ks] = true
			}
			// a nested scan of another access may run inside visit: the
			// buffer is this access's own, taken for the loop
			buf, err := ets.AppendLookup(ss.buf[:0], proc, key)
			if err != nil {
				return err
			}
			ss.buf = nil
			for _, obj := range buf {
				if more, err := ss.visit(obj); err != nil || !more {
					ss.buf = buf[:0]
					return err
				}
			}
			ss.buf = buf[:0]
		}
		return nil
	case PathRange, PathPrefix:
		return a.rangeScan(c, row, ss.visitFn)
	}
	fold := ets.Foldl
	if a.desc {
		fold = ets.Foldr
	}
	_, err := fold(proc, ss.foldFn, term.Nil)
	if err == errStop {
		err = nil
	}
	return err
}

// lookupKey computes the ETS key of one lookup, coerced to the key
// columns' types as an insert would; ok is false when no row can have it
// (a NULL, or a value the column cannot hold).
func (a *access) lookupKey(c *evalCtx, row []term.Term, kx []keyExpr) (term.Term, bool, error) {
	st := a.tab.Schema
	if len(kx) == 1 && !st.HasRowID() {
		v, err := kx[0].value(c, row)
		if err != nil || isNull(v) {
			return term.Term{}, false, err
		}
		key, err := st.Coerce(a.pk[0], v)
		return key, err == nil, nil
	}
	vals := make([]term.Term, len(kx))
	for i, k := range kx {
		v, err := k.value(c, row)
		if err != nil {
			return term.Term{}, false, err
		}
		if isNull(v) {
			return term.Term{}, false, nil
		}
		vals[i] = v
	}
	key, err := st.Key(vals...)
	if err != nil {
		return term.Term{}, false, nil
	}
	return key, true, nil
}

// rangeScan walks an ordered_set between the access's bounds, stopping
// once past a key prefix.
func (a *access) rangeScan(c *evalCtx, row []term.Term, visit func(term.Term) (bool, error)) error {
	st := a.tab.Schema
	pk := a.pk
	var prefix []term.Term
	if len(a.prefix) > 0 {
		prefix = make([]term.Term, 0, len(a.prefix))
	}
	for i, k := range a.prefix {
		v, err := k.value(c, row)
		if err != nil {
			return err
		}
		if isNull(v) {
			return nil
		}
		cv, err := st.Coerce(pk[i], v)
		if err != nil {
			return nil
		}
		prefix = append(prefix, cv)
	}
	next := len(prefix)
	var r engine.Range
	r.Descending = a.desc
	if next < len(pk) {
		typ := st.Type(pk[next])
		lo, hi, empty, err := a.bounds(c, row, typ)
		if err != nil || empty {
			return err
		}
		r.Lower = keyBound(prefix, lo, pk, st, true)
		r.Upper = keyBound(prefix, hi, pk, st, false)
	}
	var ferr error
	seen := false
	err := a.tab.ETS.RangeScan(c.rt.Proc, r, func(obj term.Term) bool {
		if len(prefix) > 0 {
			key, _ := obj.Element(1)
			if !hasPrefix(key, prefix) {
				return !seen
			}
			seen = true
		}
		more, err := visit(obj)
		if err != nil {
			ferr = err
			return false
		}
		return more
	})
	if ferr != nil {
		return ferr
	}
	return err
}

func hasPrefix(key term.Term, prefix []term.Term) bool {
	el := key.Elements()
	if !key.IsTuple() || len(el) < len(prefix) {
		return false
	}
	for i, p := range prefix {
		if term.Compare(el[i], p) != 0 {
			return false
		}
	}
	return true
}

// endValue is a bound on the next key column after coercion.
type endValue struct {
	v         term.Term
	inclusive bool
}

// bounds computes the range on the next key column; empty reports that no
// row can match (a NULL bound).
func (a *access) bounds(c *evalCtx, row []term.Term, typ schema.Type) (lo, hi *endValue, empty bool, err error) {
	get := func(e *rangeEnd) (*endValue, bool, error) {
		if e == nil {
			return nil, false, nil
		}
		v, err := e.val.value(c, row)
		if err != nil {
			return nil, false, err
		}
		if isNull(v) {
			return nil, true, nil
		}
		bv, ok := rangeTerm(typ, v)
		if !ok {
			return nil, false, nil // not comparable in term order: no bound
		}
		return &endValue{bv, e.inclusive}, false, nil
	}
	var e1, e2 bool
	if lo, e1, err = get(a.lo); err != nil {
		return
	}
	if hi, e2, err = get(a.hi); err != nil {
		return
	}
	return lo, hi, e1 || e2, nil
}

// rangeTerm converts a bound value to a term that orders against the key
// column's values as SQL orders them, if there is one.
func rangeTerm(typ schema.Type, v term.Term) (term.Term, bool) {
	switch typeAffinity(typ) {
	case affNumeric:
		v = toNumericAffinity(v)
		if typ == schema.Bool || !v.IsNumber() {
			return term.Term{}, false
		}
		return v, true
	case affText:
		v = toTextAffinity(v)
		if typ == schema.Text {
			return v, v.IsBinary()
		}
		return temporalConst(typ, v)
	}
	return term.Term{}, false
}

// numberMin is below every number in term order (integers of any size
// and floats): -Inf, which no stored value holds (Erlang has no
// infinities), so it serves only as a bound.
var numberMin = term.Float(math.Inf(-1))

// typeMin and typeMax are terms below and above every non-NULL value of a
// key column of the type, when term order has them.
//
// Example: the prefix order_id = 11077 of order_details (order_id INT,
// product_id INT) starts at {11077, -Inf}, not at the table's first key.
func typeMin(typ schema.Type) (term.Term, bool) {
	switch typ {
	case schema.Int, schema.Float:
		return numberMin, true
	case schema.Text, schema.Blob:
		return term.BinaryString(""), true
	case schema.Date, schema.Timestamp:
		return term.Tuple(), true
	case schema.Bool:
		return term.Atom(""), true
	}
	return term.Term{}, false
}

func typeMax(typ schema.Type) (term.Term, bool) {
	switch typ {
	case schema.Int, schema.Float, schema.Bool:
		return term.Tuple(), true
	case schema.Date, schema.Timestamp:
		return term.Nil, true
	}
	return term.Term{}, false
}

// keyBound builds the engine bound for a key made of prefix, then the
// bound e on the next column, then the least (lower) or greatest (upper)
// values of the remaining columns. Bounds of composite keys are inclusive
// and may be looser than the predicate (an exclusive bound still visits
// the keys equal to it); when a needed extreme does not exist in term
// order the bound is dropped. The guards stay exact either way.
func keyBound(prefix []term.Term, e *endValue, pk []int, st *schema.Table, lower bool) engine.Bound {
	if len(pk) == 1 {
		if e == nil {
			return engine.Bound{}
		}
		return engine.Bound{Key: e.v, Exclusive: !e.inclusive}
	}
	elems := append(make([]term.Term, 0, len(pk)), prefix...)
	for i := len(prefix); i < len(pk); i++ {
		if i == len(prefix) && e != nil {
			elems = append(elems, e.v)
			continue
		}
		x, ok := typeMax(st.Type(pk[i]))
		if lower {
			x, ok = typeMin(st.Type(pk[i]))
		}
		if !ok {
			return engine.Bound{}
		}
		elems = append(elems, x)
	}
	return engine.Bound{Key: term.Tuple(elems...)}
}

// describe returns the access path as EXPLAIN prints it.
func (a *access) describe() string {
	var b strings.Builder
	if a.path == PathIndex {
		b.WriteString(a.describeIndex())
	} else {
		fmt.Fprintf(&b, "%s %s", a.path, a.label)
	}
	st := a.tab.Schema
	pk := a.pk
	switch a.path {
	case PathLookup:
		var keys []string
		for _, kx := range a.keys {
			var parts []string
			for _, k := range kx {
				parts = append(parts, k.String())
			}
			s := strings.Join(parts, ", ")
			if len(kx) > 1 {
				s = "{" + s + "}"
			}
			keys = append(keys, s)
		}
		if a.inSub != nil {
			keys = append(keys, "IN (subquery)")
		}
		fmt.Fprintf(&b, " key %s", strings.Join(keys, "; "))
	case PathPrefix, PathRange:
		var names []string
		for i := range a.prefix {
			names = append(names, fmt.Sprintf("%s = %s", colName(st, pk[i]), a.prefix[i]))
		}
		if len(a.prefix) < len(pk) {
			col := colName(st, pk[len(a.prefix)])
			if a.lo != nil {
				op := ">"
				if a.lo.inclusive {
					op = ">="
				}
				names = append(names, fmt.Sprintf("%s %s %s", col, op, a.lo.val))
			}
			if a.hi != nil {
				op := "<"
				if a.hi.inclusive {
					op = "<="
				}
				names = append(names, fmt.Sprintf("%s %s %s", col, op, a.hi.val))
			}
		}
		fmt.Fprintf(&b, " (%s)", strings.Join(names, ", "))
	}
	if a.desc {
		b.WriteString(" descending")
	}
	if a.countProg != nil {
		b.WriteString(" (select_count)")
	}
	return b.String()
}
