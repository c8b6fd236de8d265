package planner

import (
	"context"
	"fmt"
	"sync"

	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// pointPlan is the fast path of a query that reads one table by the
// lookup of one key and projects its rows, nothing more: no join,
// grouping, DISTINCT, sort, LIMIT or subquery key list. It runs without
// the general machinery (no closures, coroutine or row copies): the key
// is computed, ets:lookup fills a reused buffer, and the projection is
// written into the Result's own row buffer. Its per-execution state is
// pooled, so a run allocates nothing.
//
// Example: SELECT * FROM products WHERE product_id = ? and SELECT name
// FROM products WHERE product_id = 7 AND price > 10.
type pointPlan struct {
	sp   *selectPlan
	core *corePlan
	acc  *access
	all  bool      // the specification matches every row: not run
	pool sync.Pool // *pointState
}

// pointState is what one execution of a point plan uses, reused.
type pointState struct {
	rt  Runtime
	c   evalCtx
	m   *matchspec.Matcher
	buf []term.Term // the objects looked up
	row []term.Term // the scope row
}

// newPointPlan returns the point plan of sp when it is a point query.
func newPointPlan(sp *selectPlan) *pointPlan {
	if len(sp.cores) != 1 || len(sp.order) > 0 || sp.limit != nil || sp.offset != nil {
		return nil
	}
	core := sp.cores[0]
	if len(core.levels) != 1 || core.grouped || core.distinct || core.where != nil {
		return nil
	}
	lv := core.levels[0]
	a := lv.acc
	if a == nil || lv.on != nil || lv.post != nil || a.path != PathLookup || len(a.keys) != 1 || a.inSub != nil || a.count {
		return nil
	}
	if a.prog == nil && a.execProg == nil {
		return nil
	}
	prog := a.prog
	if prog == nil {
		prog = a.execProg
	}
	return &pointPlan{sp: sp, core: core, acc: a, all: matchesAll(prog.Spec(), a.tab.Schema.Arity())}
}

// run executes the point query into res, whose row buffers it reuses.
func (pp *pointPlan) run(ctx context.Context, rt Runtime, args []term.Term, res *Result) error {
	ps, _ := pp.pool.Get().(*pointState)
	if ps == nil {
		prog := pp.acc.prog
		if prog == nil {
			prog = pp.acc.execProg
		}
		ps = &pointState{m: prog.NewMatcher(), row: make([]term.Term, pp.core.width)}
	}
	ps.rt = rt
	ps.rt.Ctx = ctx
	ps.c = evalCtx{rt: &ps.rt, params: args}
	err := pp.fill(ps, res)
	clear(ps.buf)
	clear(ps.row)
	ps.rt, ps.c = Runtime{}, evalCtx{}
	pp.pool.Put(ps)
	return err
}

// fill looks the key up and appends each passing row's projection to res.
func (pp *pointPlan) fill(ps *pointState, res *Result) error {
	a, c, row := pp.acc, &ps.c, ps.row
	key, ok, err := a.lookupKey(c, row, a.keys[0])
	if err != nil || !ok {
		return err
	}
	ps.buf, err = a.tab.ETS.AppendLookup(ps.buf[:0], c.rt.Proc, key)
	if err != nil {
		return err
	}
	residual := a.residual
	if a.exact != nil && a.exactKeys(c) {
		residual = a.exact.residual
	}
	st := a.tab.Schema
	visible := pp.core.visible
	if res.flat == nil {
		res.flat = res.inlineVals[:0]
		res.rowBuf = res.inlineRows[:0]
	}
	examined, returned := int64(0), int64(0)
	defer addCounts(a, &examined, &returned)
	for _, obj := range ps.buf {
		examined++
		if !pp.all {
			if _, ok := ps.m.Match(obj); !ok {
				continue
			}
		}
		el := obj.Elements()
		if direct := pp.core.direct; residual == nil && direct != nil && a.flatRow && len(el) == a.width {
			// the columns are the output: read just them from the object
			returned++
			start := len(res.flat)
			for _, s := range direct[:visible] {
				res.flat = append(res.flat, el[s-a.offset])
			}
			res.rowBuf = append(res.rowBuf, res.flat[start:len(res.flat):len(res.flat)])
			res.rows = res.rowBuf
			continue
		}
		if a.flatRow && len(el) == a.width {
			copy(row[a.offset:a.offset+a.width], el)
		} else {
			n := a.width
			if a.rowid {
				n--
				row[a.offset+n], _ = st.Value(obj, schema.RowIDColumn)
			}
			for i := 0; i < n; i++ {
				row[a.offset+i], _ = st.Value(obj, i)
			}
		}
		if residual != nil {
			v, err := residual(c, row)
			if err != nil {
				return err
			}
			if b, _ := truth(v); !b {
				continue
			}
		}
		returned++
		start := len(res.flat)
		for _, p := range pp.core.proj[:visible] {
			v, err := p.eval(c, row)
			if err != nil {
				return err
			}
			res.flat = append(res.flat, v)
		}
		res.rowBuf = append(res.rowBuf, res.flat[start:len(res.flat):len(res.flat)])
		res.rows = res.rowBuf
	}
	return nil
}

// runState is what one execution of RunInto uses besides its result:
// its context, and the scan state of each access, taken from the
// accesses' pools and put back when the execution is over: as soon as
// RunInto returns, or when the scan of a streamed result ends (done).
type runState struct {
	rt        Runtime
	c         evalCtx
	exec      execState
	releaseFn func() // release, made once
}

var runStates sync.Pool

// release puts the scan states and rs back in their pools.
func (rs *runState) release() {
	for _, ss := range rs.exec.scans {
		ss.release()
	}
	rs.exec.reset()
	rs.rt, rs.c = Runtime{}, evalCtx{}
	runStates.Put(rs)
}

// addCounts adds a run's counts to the access's, for EXPLAIN ANALYZE.
func addCounts(a *access, examined, returned *int64) {
	a.examined.Add(*examined)
	a.returned.Add(*returned)
}

// RunInto is Run writing the result into res, whose buffers it reuses
// from its previous use: a key lookup (SELECT ... WHERE key = ?) then
// allocates nothing. A row that Next returns from res stays valid until
// the next call of Next (a streamed scan reuses its rows) or the next use
// of res, not beyond; All copies them.
func (s *Statement) RunInto(ctx context.Context, rt Runtime, args []term.Term, res *Result) error {
	if len(args) < s.nparams {
		return fmt.Errorf("%w: statement needs %d, got %d", ErrParams, s.nparams, len(args))
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	res.reset()
	if s.point != nil {
		res.Columns, res.names, res.borrowed = s.cols, s.names, true
		return s.point.run(ctx, rt, args, res)
	}
	rs, _ := runStates.Get().(*runState)
	if rs == nil {
		rs = &runState{}
		rs.releaseFn = rs.release
	}
	rs.rt = Runtime{Ctx: ctx, Proc: rt.Proc}
	rs.c = evalCtx{rt: &rs.rt, params: args, exec: &rs.exec, reuseRows: true, done: rs.releaseFn}
	out, err := s.planFor(args).exec(&rs.c)
	if err != nil || !out.Streamed() {
		rs.release() // the execution is over; a streamed one calls done at its end
	}
	if err != nil {
		return err
	}
	flat, rowBuf := res.flat, res.rowBuf
	*res = *out
	res.flat, res.rowBuf, res.borrowed = flat, rowBuf, true
	if len(res.Columns) == len(s.cols) {
		res.names = s.names
	}
	return nil
}
