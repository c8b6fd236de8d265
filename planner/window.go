package planner

import (
	"slices"
	"strings"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// winFrame collects the window function calls of a SELECT: they are
// computed over all its rows (after WHERE, GROUP BY and HAVING, before
// ORDER BY and LIMIT) and read back through evalCtx.win.
type winFrame struct {
	specs []*winSpec
}

// winSpec is one window function call, as SUM(x) OVER (PARTITION BY p
// ORDER BY o ROWS 2 PRECEDING).
type winSpec struct {
	name   string // lower-case
	args   []compiled
	filter *compiled
	part   []compiled
	order  []compiled
	keys   []orderKey // over the partition then the order values
	frame  frameSpec
	agg    *aggSpec // an aggregate's accumulator, reading [arg0, arg1, filter]
}

// frameSpec is a window frame: by rows or by peers (RANGE), between two
// bounds; offsets are evaluated once per run.
type frameSpec struct {
	rows       bool
	start, end parser.BoundKind
	startN     evalFn
	endN       evalFn
}

// windowOnly are the functions that exist only as window functions.
var windowOnly = map[string]bool{
	"row_number": true, "rank": true, "dense_rank": true, "lag": true, "lead": true,
	"first_value": true, "last_value": true,
}

// windowArgs are the argument counts of the window-only functions.
var windowArgs = map[string][2]int{
	"row_number": {0, 0}, "rank": {0, 0}, "dense_rank": {0, 0}, "lag": {1, 3}, "lead": {1, 3},
	"first_value": {1, 1}, "last_value": {1, 1},
}

// hasWindow reports whether n calls a window function outside subqueries.
func hasWindow(n parser.Node) bool {
	found := false
	parser.Inspect(n, func(n parser.Node) bool {
		switch n := n.(type) {
		case *parser.SelectStmt:
			return false
		case *parser.FuncCall:
			if n.Over != nil {
				found = true
			}
		}
		return !found
	})
	return found
}

// windowCall compiles name(args) OVER (window).
func (p *planner) windowCall(sc *scope, e *parser.FuncCall) (compiled, error) {
	name := strings.ToLower(string(e.Name))
	if sc.win == nil {
		return compiled{}, errorf(ErrMisuse, e.Pos, "misuse of window function %s()", e.Name)
	}
	if e.Distinct {
		return compiled{}, errorf(ErrMisuse, e.Pos, "DISTINCT is not supported for window functions")
	}
	spec := &winSpec{name: name}
	typ := schema.Type(0)
	if want, ok := windowArgs[name]; ok {
		if e.Star || len(e.Args) < want[0] || len(e.Args) > want[1] {
			return compiled{}, errorf(ErrMisuse, e.Pos, "wrong number of arguments to function %s()", e.Name)
		}
		if e.Filter != nil {
			return compiled{}, errorf(ErrMisuse, e.Pos, "FILTER clause may only be used with aggregate window functions")
		}
	} else if !aggregateNames[name] {
		if _, ok := scalarFuncs[name]; ok {
			return compiled{}, errorf(ErrMisuse, e.Pos, "%s() may not be used as a window function", e.Name)
		}
		return compiled{}, errorf(ErrNoFunction, e.Pos, "no such function: %s", e.Name)
	}
	// the arguments, partition and order read the row: no window
	// functions in them
	win := sc.win
	inner := *sc
	inner.win = nil
	sc = &inner
	args, err := p.compileList(sc, e.Args)
	if err != nil {
		return compiled{}, err
	}
	spec.args = args
	if aggregateNames[name] {
		as, t, err := windowAggregate(e, name, args)
		if err != nil {
			return compiled{}, err
		}
		typ = t
		if e.Filter != nil {
			f, err := p.compileExpr(sc, e.Filter)
			if err != nil {
				return compiled{}, err
			}
			spec.filter = &f
			as.filter = &compiled{eval: func(_ *evalCtx, row []term.Term) (term.Term, error) { return row[2], nil }}
		}
		spec.agg = as
	} else {
		switch name {
		case "row_number", "rank", "dense_rank":
			typ = schema.Int
		default:
			typ = args[0].typ
		}
	}
	w := e.Over
	if spec.part, err = p.compileList(sc, w.PartitionBy); err != nil {
		return compiled{}, err
	}
	for i := range spec.part {
		spec.keys = append(spec.keys, orderKey{idx: i, nullsFirst: true})
	}
	for _, o := range w.OrderBy {
		c, err := p.compileExpr(sc, o.Expr)
		if err != nil {
			return compiled{}, err
		}
		spec.order = append(spec.order, c)
		k := orderKeyOf(o, len(spec.keys))
		spec.keys = append(spec.keys, k)
	}
	if err := p.frame(spec, w); err != nil {
		return compiled{}, err
	}
	slot := len(win.specs)
	win.specs = append(win.specs, spec)
	return compiled{typ: typ, eval: func(c *evalCtx, _ []term.Term) (term.Term, error) { return c.win[slot], nil }}, nil
}

// windowAggregate checks an aggregate called as a window function and
// returns its accumulator, which reads its arguments from [arg0, arg1,
// filter], and its type. Unlike a plain aggregate's, its arguments may
// hold aggregates (of the groups it runs over).
func windowAggregate(e *parser.FuncCall, name string, args []compiled) (*aggSpec, schema.Type, error) {
	if e.Star && name != "count" {
		return nil, 0, errorf(ErrMisuse, e.Pos, "wrong use of %s(*)", e.Name)
	}
	lo, hi := 1, 1
	switch name {
	case "count":
		lo = 0
		if !e.Star {
			lo = 1
		}
	case "group_concat":
		hi = 2
	}
	if !e.Star && (len(args) < lo || len(args) > hi) {
		return nil, 0, errorf(ErrMisuse, e.Pos, "wrong number of arguments to function %s()", e.Name)
	}
	as := &aggSpec{name: name, star: e.Star, sums: name == "sum" || name == "avg" || name == "total"}
	as.args = []compiled{
		{slot: 1, eval: func(_ *evalCtx, row []term.Term) (term.Term, error) { return row[0], nil }},
		{eval: func(_ *evalCtx, row []term.Term) (term.Term, error) { return row[1], nil }},
	}[:len(args)]
	var typ schema.Type
	switch name {
	case "count":
		typ = schema.Int
	case "avg", "total":
		typ = schema.Float
	case "group_concat":
		typ = schema.Text
	default:
		typ = args[0].typ
		if name == "sum" && typ != schema.Int {
			typ = schema.Float
		}
	}
	return as, typ, nil
}

// frame compiles the window's frame, SQLite's default when it has none:
// RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (the whole partition
// when there is no ORDER BY, every row being a peer).
func (p *planner) frame(spec *winSpec, w *parser.WindowSpec) error {
	fs := frameSpec{start: parser.BoundUnboundedPreceding, end: parser.BoundCurrentRow}
	if fr := w.Frame; fr != nil {
		fs = frameSpec{rows: !fr.Range, start: fr.Start.Kind, end: fr.End.Kind}
		if fr.Start.Kind == parser.BoundUnboundedFollowing || fr.End.Kind == parser.BoundUnboundedPreceding || fr.Start.Kind > fr.End.Kind && !(fr.Start.Kind == parser.BoundFollowing && fr.End.Kind == parser.BoundFollowing) {
			return errorf(ErrMisuse, fr.Pos, "unsupported frame specification")
		}
		if fr.Range && (fr.Start.Offset != nil || fr.End.Offset != nil) {
			return errorf(ErrUnsupported, fr.Pos, "RANGE with an offset is not supported")
		}
		for _, b := range []struct {
			off *parser.Expr
			fn  *evalFn
		}{{&fr.Start.Offset, &fs.startN}, {&fr.End.Offset, &fs.endN}} {
			if *b.off == nil {
				continue
			}
			c, err := p.compileExpr(&scope{}, *b.off)
			if err != nil {
				return err
			}
			*b.fn = c.eval
		}
	}
	spec.frame = fs
	return nil
}

// runWindowed runs a core with window functions: its rows (and their
// groups' aggregates) are collected first, the window functions computed
// over them, then each row projected, in the order the rows came.
func (cp *corePlan) runWindowed(c *evalCtx, emit func(out []term.Term) (bool, error)) error {
	inner := *cp
	inner.wins, inner.distinct, inner.direct = nil, false, nil
	nAgg := 0
	if cp.aggs != nil {
		nAgg = len(cp.aggs.specs)
	}
	width := cp.width
	inner.proj = make([]compiled, width+nAgg)
	for i := range width {
		inner.proj[i] = compiled{eval: func(_ *evalCtx, row []term.Term) (term.Term, error) { return row[i], nil }}
	}
	for j := range nAgg {
		inner.proj[width+j] = compiled{eval: func(c *evalCtx, _ []term.Term) (term.Term, error) { return c.aggs[j], nil }}
	}
	var rows [][]term.Term
	if err := inner.run(c, func(out []term.Term) (bool, error) {
		rows = append(rows, slices.Clone(out))
		return true, nil
	}); err != nil {
		return err
	}
	vals := make([][]term.Term, len(rows))
	for i := range vals {
		vals[i] = make([]term.Term, len(cp.wins.specs))
	}
	for k, spec := range cp.wins.specs {
		if err := spec.compute(c, rows, width, k, vals); err != nil {
			return err
		}
	}
	out := make([]term.Term, len(cp.proj))
	var seen map[string]bool
	var kbuf []byte
	for i, full := range rows {
		row := full[:width]
		if nAgg > 0 {
			c.aggs = full[width:]
		}
		c.win = vals[i]
		for j, pr := range cp.proj {
			v, err := pr.eval(c, row)
			if err != nil {
				return err
			}
			out[j] = v
		}
		if cp.distinct {
			if seen == nil {
				seen = map[string]bool{}
			}
			kbuf = rowKey(kbuf[:0], out[:cp.visible])
			if seen[string(kbuf)] {
				continue
			}
			seen[string(kbuf)] = true
		}
		if more, err := emit(out); err != nil || !more {
			return err
		}
	}
	return nil
}

// compute sets vals[i][k], for every row i, to the window function's
// value.
func (w *winSpec) compute(c *evalCtx, rows [][]term.Term, width, k int, vals [][]term.Term) error {
	n := len(rows)
	keys := make([][]term.Term, n)  // partition then order values
	synth := make([][]term.Term, n) // the arguments (and filter) per row
	for i, full := range rows {
		row := full[:width]
		if len(full) > width {
			c.aggs = full[width:]
		}
		kr := make([]term.Term, 0, len(w.part)+len(w.order))
		for _, e := range append(slices.Clip(w.part), w.order...) {
			v, err := e.eval(c, row)
			if err != nil {
				return err
			}
			kr = append(kr, v)
		}
		keys[i] = kr
		s := []term.Term{null, null, sqlTrue}
		for j, a := range w.args {
			v, err := a.eval(c, row)
			if err != nil {
				return err
			}
			if j < 2 {
				s[j] = v
			} else {
				s = append(s, v)
			}
		}
		if w.filter != nil {
			v, err := w.filter.eval(c, row)
			if err != nil {
				return err
			}
			s[2] = v
		}
		synth[i] = s
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return compareRows(keys[a], keys[b], w.keys) })
	startN, endN, err := w.offsets(c)
	if err != nil {
		return err
	}
	partKeys := w.keys[:len(w.part)]
	orderKeys := w.keys[len(w.part):]
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && compareRows(keys[idx[lo]], keys[idx[hi]], partKeys) == 0 {
			hi++
		}
		if err := w.partition(c, idx[lo:hi], keys, orderKeys, synth, k, vals, startN, endN); err != nil {
			return err
		}
		lo = hi
	}
	return nil
}

// offsets evaluates the frame's offsets (0 when absent).
func (w *winSpec) offsets(c *evalCtx) (start, end int64, err error) {
	for _, b := range []struct {
		fn  evalFn
		out *int64
	}{{w.frame.startN, &start}, {w.frame.endN, &end}} {
		if b.fn == nil {
			continue
		}
		v, err := b.fn(c, nil)
		if err != nil {
			return 0, 0, err
		}
		n, ok := number(v).Int64()
		if !ok || n < 0 || isNull(v) {
			return 0, 0, &Error{Msg: "frame starting offset must be a non-negative integer", Err: ErrMisuse}
		}
		*b.out = n
	}
	return start, end, nil
}

// partition computes the values of the rows of one partition, part
// holding their indexes in window order.
func (w *winSpec) partition(c *evalCtx, part []int, keys [][]term.Term, orderKeys []orderKey, synth [][]term.Term, k int, vals [][]term.Term, startN, endN int64) error {
	n := len(part)
	// peer groups: peerLo[i] and peerHi[i] bound the peers of position i
	peerLo, peerHi := make([]int, n), make([]int, n)
	dense := make([]int, n)
	group := 0
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && compareRows(keys[part[lo]], keys[part[hi]], orderKeys) == 0 {
			hi++
		}
		group++
		for i := lo; i < hi; i++ {
			peerLo[i], peerHi[i], dense[i] = lo, hi-1, group
		}
		lo = hi
	}
	bound := func(kind parser.BoundKind, off int64, i int, start bool) int {
		switch kind {
		case parser.BoundUnboundedPreceding:
			return 0
		case parser.BoundUnboundedFollowing:
			return n - 1
		case parser.BoundPreceding:
			return i - int(min(off, int64(n)))
		case parser.BoundFollowing:
			return i + int(min(off, int64(n)))
		}
		if w.frame.rows {
			return i
		}
		if start {
			return peerLo[i]
		}
		return peerHi[i]
	}
	var acc []aggAcc
	accEnd := -1 // the last position stepped into acc, when the frame starts at the partition
	for i := range n {
		row := part[i]
		var v term.Term
		switch w.name {
		case "row_number":
			v = term.Int(int64(i + 1))
		case "rank":
			v = term.Int(int64(peerLo[i] + 1))
		case "dense_rank":
			v = term.Int(int64(dense[i]))
		case "lag", "lead":
			off := int64(1)
			if len(w.args) > 1 {
				o := synth[row][1]
				if isNull(o) {
					v = null
					break
				}
				off = toInt64(number(o))
			}
			if w.name == "lead" {
				off = -off
			}
			j := int64(i) - off
			v = null
			if len(w.args) > 2 {
				v = synth[row][3]
			}
			if j >= 0 && j < int64(n) {
				v = synth[part[j]][0]
			}
		default:
			lo, hi := max(bound(w.frame.start, startN, i, true), 0), min(bound(w.frame.end, endN, i, false), n-1)
			switch w.name {
			case "first_value":
				v = null
				if lo <= hi {
					v = synth[part[lo]][0]
				}
			case "last_value":
				v = null
				if lo <= hi {
					v = synth[part[hi]][0]
				}
			default:
				var err error
				if v, acc, accEnd, err = w.aggregate(c, part, synth, lo, hi, acc, accEnd); err != nil {
					return err
				}
			}
		}
		vals[row][k] = v
	}
	return nil
}

// aggregate computes the aggregate over the positions lo..hi of part.
// When the frame starts at the partition's start its end only grows, so
// the accumulator acc carries over, stepped up to accEnd.
func (w *winSpec) aggregate(c *evalCtx, part []int, synth [][]term.Term, lo, hi int, acc []aggAcc, accEnd int) (term.Term, []aggAcc, int, error) {
	if w.frame.start == parser.BoundUnboundedPreceding {
		if acc == nil {
			acc = newAccs([]*aggSpec{w.agg})
		}
		for ; accEnd < hi; accEnd++ {
			if err := acc[0].step(c, synth[part[accEnd+1]]); err != nil {
				return null, acc, accEnd, err
			}
		}
		v, err := acc[0].value()
		return v, acc, accEnd, err
	}
	fresh := newAccs([]*aggSpec{w.agg})
	for j := lo; j <= hi; j++ {
		if err := fresh[0].step(c, synth[part[j]]); err != nil {
			return null, acc, accEnd, err
		}
	}
	v, err := fresh[0].value()
	return v, acc, accEnd, err
}
