package planner

import (
	"container/heap"
	"slices"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/term"
)

// subRows runs a subquery of an expression for the current row: a
// correlated one every time, an uncorrelated one once per execution.
func (sp *selectPlan) subRows(c *evalCtx, row []term.Term, limit int) ([][]term.Term, error) {
	if c.exec == nil {
		c.exec = &execState{}
	}
	if !sp.correlated {
		if rows, ok := c.exec.cache[sp]; ok {
			return rows, nil
		}
		limit = 0
	}
	c2 := *c
	c2.outer = append(c.outer[:len(c.outer):len(c.outer)], row)
	c2.aggs = nil
	rows, err := sp.run(&c2, limit)
	if err != nil {
		return nil, err
	}
	if !sp.correlated {
		if c.exec.cache == nil {
			c.exec.cache = map[*selectPlan][][]term.Term{}
		}
		c.exec.cache[sp] = rows
	}
	return rows, nil
}

// run executes the SELECT and returns its rows; hint > 0 says only that
// many rows are wanted (a scalar subquery, EXISTS).
func (sp *selectPlan) run(c *evalCtx, hint int) ([][]term.Term, error) {
	offset, limit, err := sp.window(c, hint)
	if err != nil {
		return nil, err
	}
	if len(sp.cores) == 1 {
		core := sp.cores[0]
		if len(sp.order) == 0 || core.ordered {
			rows, err := core.collect(c, offset, limit)
			for i, r := range rows {
				rows[i] = r[:core.visible]
			}
			return rows, err
		}
		var rows [][]term.Term
		var err error
		if limit >= 0 {
			rows, err = core.topK(c, sp.order, offset+limit)
		} else {
			rows, err = core.collect(c, 0, -1)
		}
		if err != nil {
			return nil, err
		}
		sortRows(rows, sp.order)
		rows = window(rows, offset, limit)
		for i, r := range rows {
			rows[i] = r[:core.visible]
		}
		return rows, nil
	}
	rows, err := sp.compound(c)
	if err != nil {
		return nil, err
	}
	sortRows(rows, sp.order)
	return window(rows, offset, limit), nil
}

// window returns the OFFSET and the LIMIT (-1: none) of the SELECT; a
// hint > 0 lowers the limit to it.
func (sp *selectPlan) window(c *evalCtx, hint int) (offset, limit int64, err error) {
	limit = -1
	if sp.limit != nil {
		v, err := sp.limit(c, nil)
		if err != nil {
			return 0, 0, err
		}
		limit = toInt64(number(v))
		if sp.offset != nil {
			o, err := sp.offset(c, nil)
			if err != nil {
				return 0, 0, err
			}
			offset = max(0, toInt64(number(o)))
		}
	}
	if hint > 0 && (limit < 0 || limit > int64(hint)) {
		limit = int64(hint)
	}
	return offset, limit, nil
}

// streams reports whether the SELECT's rows can be computed as they are
// pulled: one SELECT (no UNION, INTERSECT or EXCEPT), no sort (or one the
// key traversal gives), no GROUP BY or aggregate (a group is known only
// once the scan ends), and a first table read by a traversal, not by key
// lookups (their few rows cost less computed at once). DISTINCT streams:
// a row goes out the first time it is seen. Joins stream on the first
// table; the tables joined to it are read per row of it (lookup and range
// joins) or once, when the first row needs them (hash and loop joins).
//
// Example: SELECT * FROM orders WHERE freight > 10 LIMIT 5 streams (a
// full select that stops after 5 rows); SELECT * FROM orders ORDER BY
// freight does not (a sort needs every row).
func (sp *selectPlan) streams() bool {
	if len(sp.cores) != 1 {
		return false
	}
	core := sp.cores[0]
	if len(sp.order) > 0 && !core.ordered || core.grouped || core.wins != nil || len(core.levels) == 0 {
		return false
	}
	first := core.levels[0].acc
	return first == nil || first.path != PathLookup
}

// stream computes the rows of a SELECT that streams, from offset and at
// most limit (-1: all) of them, and hands them to yield in chunks of 1,
// 2, 4, ... maxChunk rows. It stops when yield returns false, at the
// limit, or when the context is cancelled (checked after each chunk, and
// every so many rows examined). With buf (when the reader is done with a
// chunk once it asks for the next) the chunks are written into buf.
func (sp *selectPlan) stream(c *evalCtx, offset, limit int64, buf *chunkBuf, yield func([][]term.Term) bool) error {
	if limit == 0 {
		return nil
	}
	core := sp.cores[0]
	var chunk [][]term.Term
	var flat []term.Term
	if buf != nil {
		chunk, flat = buf.rows[:0], buf.flat[:0]
		defer func() { buf.used = max(buf.used, len(flat)) }()
	}
	size, seen, given := 1, int64(0), int64(0)
	stopped := false
	err := core.run(c, func(out []term.Term) (bool, error) {
		if seen++; seen <= offset {
			return true, nil
		}
		if chunk == nil || cap(chunk) < size {
			// the chunk's rows share one backing array
			chunk = make([][]term.Term, 0, size)
			flat = make([]term.Term, 0, size*core.visible)
		}
		start := len(flat)
		flat = append(flat, out[:core.visible]...)
		chunk = append(chunk, flat[start:len(flat):len(flat)])
		if given++; limit >= 0 && given >= limit {
			return false, nil
		}
		if len(chunk) < size {
			return true, nil
		}
		if !yield(chunk) {
			stopped = true
			return false, nil
		}
		size = min(2*size, maxChunk)
		if c.reuseRows {
			// the reader is done with the chunk: it asked for the next
			if buf != nil {
				buf.used = max(buf.used, len(flat))
			}
			chunk, flat = chunk[:0], flat[:0]
		} else {
			chunk = nil
		}
		return true, c.rt.Ctx.Err()
	})
	if err == nil && !stopped && len(chunk) > 0 {
		yield(chunk)
	}
	return err
}

func window(rows [][]term.Term, offset, limit int64) [][]term.Term {
	if offset >= int64(len(rows)) {
		return nil
	}
	rows = rows[offset:]
	if limit >= 0 && limit < int64(len(rows)) {
		rows = rows[:limit]
	}
	return rows
}

// topK returns the k first rows in ORDER BY order (unsorted), keeping
// only k rows at a time in a heap: ORDER BY ... LIMIT without sorting
// everything.
func (cp *corePlan) topK(c *evalCtx, keys []orderKey, k int64) ([][]term.Term, error) {
	if k <= 0 {
		return nil, nil
	}
	h := &rowHeap{keys: keys}
	err := cp.run(c, func(out []term.Term) (bool, error) {
		if int64(len(h.rows)) < k {
			heap.Push(h, slices.Clone(out))
		} else if compareRows(out, h.rows[0], keys) < 0 {
			copy(h.rows[0], out)
			heap.Fix(h, 0)
		}
		return true, nil
	})
	return h.rows, err
}

// rowHeap is a max-heap in ORDER BY order: its top is the last row kept.
type rowHeap struct {
	rows [][]term.Term
	keys []orderKey
}

func (h *rowHeap) Len() int           { return len(h.rows) }
func (h *rowHeap) Less(i, j int) bool { return compareRows(h.rows[i], h.rows[j], h.keys) > 0 }
func (h *rowHeap) Swap(i, j int)      { h.rows[i], h.rows[j] = h.rows[j], h.rows[i] }
func (h *rowHeap) Push(x any)         { h.rows = append(h.rows, x.([]term.Term)) }
func (h *rowHeap) Pop() any {
	r := h.rows[len(h.rows)-1]
	h.rows = h.rows[:len(h.rows)-1]
	return r
}

// sortRows sorts by the ORDER BY keys with SQL's order: NULLs first
// ascending (unless NULLS LAST), numbers before text.
func sortRows(rows [][]term.Term, keys []orderKey) {
	if len(keys) == 0 {
		return
	}
	slices.SortStableFunc(rows, func(a, b []term.Term) int { return compareRows(a, b, keys) })
}

// compareRows orders two rows by the ORDER BY keys.
func compareRows(a, b []term.Term, keys []orderKey) int {
	for _, k := range keys {
		x, y := a[k.idx], b[k.idx]
		xn, yn := isNull(x), isNull(y)
		switch {
		case xn && yn:
			continue
		case xn || yn:
			if xn == k.nullsFirst {
				return -1
			}
			return 1
		}
		c := compareValues(x, y)
		if k.desc {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// compound runs the SELECTs of a compound and combines them.
func (sp *selectPlan) compound(c *evalCtx) ([][]term.Term, error) {
	rows, err := sp.cores[0].collect(c, 0, -1)
	if err != nil {
		return nil, err
	}
	for i, op := range sp.ops {
		next, err := sp.cores[i+1].collect(c, 0, -1)
		if err != nil {
			return nil, err
		}
		rows = combine(op, rows, next)
	}
	return rows, nil
}

func rowKey(buf []byte, row []term.Term) []byte {
	for _, v := range row {
		buf = groupKey(buf, v)
	}
	return buf
}

func combine(op parser.CompoundOp, a, b [][]term.Term) [][]term.Term {
	if op == parser.UnionAll {
		return append(a, b...)
	}
	var buf []byte
	inB := map[string]bool{}
	if op != parser.Union {
		for _, r := range b {
			buf = rowKey(buf[:0], r)
			inB[string(buf)] = true
		}
	}
	seen := map[string]bool{}
	var out [][]term.Term
	keep := func(r []term.Term, want bool) {
		buf = rowKey(buf[:0], r)
		k := string(buf)
		if seen[k] || (op != parser.Union && inB[k] != want) {
			return
		}
		seen[k] = true
		out = append(out, r)
	}
	for _, r := range a {
		keep(r, op == parser.Intersect)
	}
	if op == parser.Union {
		for _, r := range b {
			keep(r, true)
		}
	}
	// SQLite returns the rows of UNION, INTERSECT and EXCEPT sorted.
	slices.SortStableFunc(out, func(x, y []term.Term) int {
		for i := range x {
			if c := compareValues(x[i], y[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	return out
}

// collect runs the core and returns its rows (with hidden ORDER BY
// columns), skipping offset and stopping after limit (-1: all).
func (cp *corePlan) collect(c *evalCtx, offset, limit int64) ([][]term.Term, error) {
	var rows [][]term.Term
	if limit == 0 {
		return nil, nil
	}
	var seen int64
	var flat []term.Term // the rows' values, several rows to an allocation
	err := cp.run(c, func(out []term.Term) (bool, error) {
		seen++
		if seen <= offset {
			return true, nil
		}
		if cap(flat)-len(flat) < len(out) {
			// a new array: the rows in the old one keep it
			flat = make([]term.Term, 0, max(min(2*cap(flat), 1024*len(out)), 4*len(out)))
		}
		start := len(flat)
		flat = append(flat, out...)
		rows = append(rows, flat[start:len(flat):len(flat)])
		return limit < 0 || int64(len(rows)) < limit, nil
	})
	return rows, err
}

// coreRun is the state of one execution of a core: hash tables and
// materialized inner rows of its joins. It is reused by the core's next
// runs (getRun), so that a run allocates none of it.
type coreRun struct {
	cp     *corePlan
	c      *evalCtx
	row    []term.Term
	outBuf []term.Term // the output row handed to emit
	emit   func(out []term.Term) (bool, error)
	seen   map[string]bool // DISTINCT: the rows given
	leaf   func() (bool, error)
	kbuf   []byte
	runs   []levelRun

	// method values, made once: the leaf of a core without grouping,
	// and the scan callbacks of a direct scan and of a one-table core
	projectLeaf          func() (bool, error)
	identityFn, directFn func(term.Term) (bool, error)
	leafObj              func(term.Term) (bool, error)
}

// getRun returns a run of the core for c, from the core's pool.
func (cp *corePlan) getRun(c *evalCtx, emit func(out []term.Term) (bool, error)) *coreRun {
	r, _ := cp.runs.Get().(*coreRun)
	if r == nil || len(r.row) != cp.width || len(r.runs) != len(cp.levels) || len(r.outBuf) != len(cp.proj) {
		// (a windowed core's inner copy shares the pool: see runWindowed)
		r = &coreRun{row: make([]term.Term, cp.width), outBuf: make([]term.Term, len(cp.proj))}
		r.runs = make([]levelRun, len(cp.levels))
		for i := range r.runs {
			lr := &r.runs[i]
			lr.r, lr.i = r, i
			lr.nextFn, lr.emitFn = lr.next, lr.emit
		}
		r.projectLeaf = func() (bool, error) { return r.project(nil) }
		r.identityFn, r.directFn, r.leafObj = r.emitIdentity, r.emitDirect, r.leafOfObj
	}
	r.cp, r.c, r.emit = cp, c, emit
	return r
}

// putRun clears a finished run and puts it back in the core's pool.
func (cp *corePlan) putRun(r *coreRun) {
	clear(r.row)
	clear(r.outBuf)
	for i := range r.runs {
		lr := &r.runs[i]
		lr.matched, lr.more, lr.built, lr.mat, lr.hash = false, false, false, nil, nil
	}
	r.cp, r.c, r.emit, r.seen, r.leaf = nil, nil, nil, nil, nil
	cp.runs.Put(r)
}

// emitIdentity emits the row itself: SELECT * (or its first columns in
// order) of a direct scan.
func (r *coreRun) emitIdentity(term.Term) (bool, error) { return r.emit(r.row[:len(r.cp.direct)]) }

// emitDirect emits the direct scan's columns.
func (r *coreRun) emitDirect(term.Term) (bool, error) {
	out, row := r.outBuf, r.row // locals: the stores below could alias r's fields
	for i, s := range r.cp.direct {
		out[i] = row[s]
	}
	return r.emit(out)
}

func (r *coreRun) leafOfObj(term.Term) (bool, error) { return r.leaf() }

// project computes the output row of the current row (and group's
// aggregates) and emits it, once per distinct row under DISTINCT.
func (r *coreRun) project(aggs []term.Term) (bool, error) {
	cp, c := r.cp, r.c
	c.aggs = aggs
	out := r.outBuf
	for i, p := range cp.proj {
		v, err := p.eval(c, r.row)
		if err != nil {
			return false, err
		}
		out[i] = v
	}
	if cp.distinct {
		if r.seen == nil {
			r.seen = map[string]bool{}
		}
		r.kbuf = rowKey(r.kbuf[:0], out[:cp.visible])
		if r.seen[string(r.kbuf)] {
			return true, nil
		}
		r.seen[string(r.kbuf)] = true
	}
	return r.emit(out)
}

// run streams the core's output rows to emit. The slice is reused for the
// next row: emit copies what it keeps.
func (cp *corePlan) run(c *evalCtx, emit func(out []term.Term) (bool, error)) error {
	if cp.wins != nil {
		return cp.runWindowed(c, emit)
	}
	r := cp.getRun(c, emit)
	defer cp.putRun(r)
	if cp.direct != nil {
		if identitySlots(cp.direct) {
			return cp.levels[0].acc.scanSlots(c, r.row, cp.direct, r.identityFn)
		}
		return cp.levels[0].acc.scanSlots(c, r.row, cp.direct, r.directFn)
	}
	if !cp.grouped {
		r.leaf = r.projectLeaf
		return r.from()
	}
	project := r.project
	// grouped: accumulate, then project each group
	type group struct {
		row  []term.Term
		accs []aggAcc
	}
	groups := map[string]*group{}
	var intGroups intMap[*group] // groups whose one key is an integer
	var order []*group
	var kbuf []byte
	count := int64(0)
	// only COUNT(*) columns (each one spec): one counter serves them all
	countOnly := cp.onlyCount && len(cp.groupBy) == 0
	r.leaf = func() (bool, error) {
		if countOnly {
			count++
			return true, nil
		}
		var g *group
		if len(cp.groupBy) == 1 {
			// one GROUP BY value: an integer one is its own key
			var v term.Term
			if slot := cp.groupBy[0].slot; slot > 0 {
				v = r.row[slot-1]
			} else {
				var err error
				if v, err = cp.groupBy[0].eval(c, r.row); err != nil {
					return false, err
				}
			}
			if k, ok := intGroupKey(v); ok {
				if g = intGroups.get(k); g == nil {
					g = &group{row: slices.Clone(r.row), accs: newAccs(cp.aggs.specs)}
					intGroups.put(k, g)
					order = append(order, g)
				}
			} else {
				kbuf = groupKey(kbuf[:0], v)
			}
		} else {
			kbuf = kbuf[:0]
			for _, g := range cp.groupBy {
				v, err := g.eval(c, r.row)
				if err != nil {
					return false, err
				}
				kbuf = groupKey(kbuf, v)
			}
		}
		if g == nil {
			if g = groups[string(kbuf)]; g == nil {
				g = &group{row: slices.Clone(r.row), accs: newAccs(cp.aggs.specs)}
				groups[string(kbuf)] = g
				order = append(order, g)
			}
		}
		for i := range g.accs {
			if err := g.accs[i].step(c, r.row); err != nil {
				return false, err
			}
		}
		return true, nil
	}
	fastCount := false
	if lv := cp.singleCount(); lv != nil {
		// ets:select_count with the whole WHERE clause in the specification
		n, err := lv.acc.tab.ETS.SelectCount(c.rt.Proc, lv.acc.countProg)
		if err != nil {
			return err
		}
		count, fastCount = int64(n), true
		lv.acc.returned.Add(int64(n))
	}
	if !fastCount {
		if err := r.from(); err != nil {
			return err
		}
	}
	if countOnly {
		for i := range r.row {
			r.row[i] = null
		}
		counts := make([]term.Term, len(cp.aggs.specs))
		for i := range counts {
			counts[i] = term.Int(count)
		}
		_, err := project(counts)
		return err
	}
	if len(order) == 0 && len(cp.groupBy) == 0 {
		for i := range r.row {
			r.row[i] = null
		}
		order = append(order, &group{row: r.row, accs: newAccs(cp.aggs.specs)})
	}
	// SQLite returns groups in GROUP BY order
	if len(cp.groupBy) > 0 {
		keys := make([][]term.Term, len(order))
		for i, g := range order {
			k := make([]term.Term, len(cp.groupBy)+1)
			for j, ge := range cp.groupBy {
				v, err := ge.eval(c, g.row)
				if err != nil {
					return err
				}
				k[j] = v
			}
			k[len(cp.groupBy)] = term.Int(int64(i))
			keys[i] = k
		}
		idx := make([]int, len(order))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			for j := range cp.groupBy {
				if x := compareValues(keys[a][j], keys[b][j]); x != 0 {
					return x
				}
			}
			return 0
		})
		sorted := make([]*group, len(order))
		for i, j := range idx {
			sorted[i] = order[j]
		}
		order = sorted
	}
	for _, g := range order {
		aggs := make([]term.Term, len(g.accs))
		for i := range g.accs {
			var err error
			if aggs[i], err = g.accs[i].value(); err != nil {
				return err
			}
		}
		copy(r.row, g.row)
		c.aggs = aggs
		if cp.having != nil {
			v, err := cp.having(c, r.row)
			if err != nil {
				return err
			}
			if b, _ := truth(v); !b {
				continue
			}
		}
		more, err := project(aggs)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// identitySlots reports whether slots are 0, 1, 2, ...
func identitySlots(slots []int) bool {
	for i, s := range slots {
		if s != i {
			return false
		}
	}
	return true
}

// intMap is a map from integers to values that keeps the small
// non-negative ones (category codes, years, flags: the usual GROUP BY
// keys) in a slice.
type intMap[V comparable] struct {
	small []V
	other map[int64]V
}

// smallInts bounds the keys intMap keeps in its slice.
const smallInts = 1 << 12

func (m *intMap[V]) get(k int64) V {
	if uint64(k) < uint64(len(m.small)) {
		return m.small[k]
	}
	return m.other[k]
}

func (m *intMap[V]) put(k int64, v V) {
	if uint64(k) < smallInts {
		if int(k) >= len(m.small) {
			m.small = append(m.small, make([]V, int(k)+1-len(m.small))...)
		}
		m.small[k] = v
		return
	}
	if m.other == nil {
		m.other = map[int64]V{}
	}
	m.other[k] = v
}

// singleCount returns the level whose rows a SELECT COUNT(*) counts with
// ets:select_count, when it can.
func (cp *corePlan) singleCount() *level {
	if len(cp.levels) != 1 || cp.where != nil {
		return nil
	}
	lv := cp.levels[0]
	if lv.acc == nil || lv.acc.countProg == nil || lv.acc.residual != nil || lv.on != nil || lv.post != nil {
		return nil
	}
	return lv
}

// from runs the FROM clause, calling r.leaf for each joined row.
func (r *coreRun) from() error {
	cp := r.cp
	if cp.where != nil {
		v, err := cp.where(r.c, r.row)
		if err != nil {
			return err
		}
		if b, _ := truth(v); !b {
			return nil
		}
	}
	if len(cp.levels) == 0 {
		_, err := r.leaf()
		return err
	}
	if lv := cp.levels[0]; len(cp.levels) == 1 && lv.acc != nil && lv.sub == nil && lv.on == nil && lv.post == nil && !lv.left {
		// one table, nothing to join or check after the scan
		return lv.acc.scan(r.c, r.row, r.leafObj)
	}
	_, err := r.level(0)
	return err
}

// levelRun is the per-execution state of one level, so that joining a
// row allocates nothing.
type levelRun struct {
	r       *coreRun
	i       int
	matched bool
	more    bool
	nextFn  func() (bool, error)
	emitFn  func(obj term.Term) (bool, error)

	built bool                     // mat (and hash) are filled
	mat   [][]term.Term            // the inner rows, materialized
	hash  map[string][][]term.Term // hash join: inner rows by key
}

// next checks the level's ON condition on the current pair and goes on.
func (lr *levelRun) next() (bool, error) {
	r := lr.r
	lv := r.cp.levels[lr.i]
	if lv.on != nil {
		v, err := lv.on(r.c, r.row)
		if err != nil {
			return false, err
		}
		if b, _ := truth(v); !b {
			return true, nil
		}
	}
	lr.matched = true
	return r.after(lr.i)
}

func (lr *levelRun) emit(term.Term) (bool, error) {
	m, err := lr.next()
	lr.more = m
	return m, err
}

// level produces the rows of level i for the current left row and goes
// on to the next level; it returns false when the output wants no more.
func (r *coreRun) level(i int) (bool, error) {
	cp := r.cp
	if i == len(cp.levels) {
		return r.leaf()
	}
	lv := cp.levels[i]
	lr := &r.runs[i]
	lr.matched, lr.more = false, true
	var err error
	switch {
	case lv.sub != nil || lv.join == joinHash || lv.join == joinLoop:
		lr.more, err = r.fromRows(i, lr.nextFn)
	default:
		err = lv.acc.scan(r.c, r.row, lr.emitFn)
	}
	if err != nil || !lr.more {
		return lr.more, err
	}
	if lv.left && !lr.matched {
		for j := lv.offset; j < lv.offset+lv.width; j++ {
			r.row[j] = null
		}
		return r.after(i)
	}
	return true, nil
}

// after applies a level's post-join filter and goes to the next level.
func (r *coreRun) after(i int) (bool, error) {
	lv := r.cp.levels[i]
	if lv.post != nil {
		v, err := lv.post(r.c, r.row)
		if err != nil {
			return false, err
		}
		if b, _ := truth(v); !b {
			return true, nil
		}
	}
	return r.level(i + 1)
}

// fromRows iterates materialized inner rows: all of them (nested loop or
// a subquery), or those whose hash key matches the left row.
func (r *coreRun) fromRows(i int, next func() (bool, error)) (bool, error) {
	lv := r.cp.levels[i]
	lr := &r.runs[i]
	if !lr.built {
		if err := r.materialize(i); err != nil {
			return false, err
		}
		lr.built = true
	}
	rows := lr.mat
	if lv.join == joinHash && i > 0 {
		r.kbuf = r.kbuf[:0]
		for _, p := range lv.probe {
			v, err := p.eval(r.c, r.row)
			if err != nil {
				return false, err
			}
			if isNull(v) {
				return true, nil
			}
			r.kbuf = groupKey(r.kbuf, v)
		}
		rows = lr.hash[string(r.kbuf)]
	}
	for _, inner := range rows {
		copy(r.row[lv.offset:], inner)
		if err := r.c.checkCancel(); err != nil {
			return false, err
		}
		more, err := next()
		if err != nil || !more {
			return more, err
		}
	}
	return true, nil
}

func (r *coreRun) materialize(i int) error {
	lv := r.cp.levels[i]
	var rows [][]term.Term
	if lv.sub != nil {
		sub, err := lv.sub.run(r.c, 0)
		if err != nil {
			return err
		}
		rows = sub
	} else {
		err := lv.acc.scan(r.c, r.row, func(term.Term) (bool, error) {
			rows = append(rows, slices.Clone(r.row[lv.offset:lv.offset+lv.width]))
			return true, nil
		})
		if err != nil {
			return err
		}
	}
	r.runs[i].mat = rows
	if lv.join == joinHash && i > 0 {
		h := map[string][][]term.Term{}
		var buf []byte
	rowLoop:
		for _, row := range rows {
			buf = buf[:0]
			for _, col := range lv.build {
				v := row[col-lv.offset]
				if isNull(v) {
					continue rowLoop
				}
				buf = groupKey(buf, v)
			}
			h[string(buf)] = append(h[string(buf)], row)
		}
		r.runs[i].hash = h
	}
	return nil
}
