package planner

import (
	"math"
	"sync/atomic"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// Specialization. At planning a placeholder's value is unknown, so a
// comparison of a column with it keeps a generic guard, instantiated at
// execution, and the residual filter checks it again on every row (a
// TEXT '7' against an INT column needs SQLite's affinity conversion, the
// residual's business). A scan then returns whole rows to Go even when
// the literal SQL would count them (select_count) or write them
// (select_delete, select_replace) in the engine.
//
// So a statement that scans with such guards keeps a specializer: when
// an execution's values are each exact for the columns they are compared
// with (see exactFor), the statement is planned again with the values in
// place of their placeholders, as literals would be lowered, and that
// plan runs instead; it is the plan of the literal SQL, with the same
// results. The last specialization is kept, keyed by the values, so
// repeating the arguments does not plan again. Key lookups and index
// paths are never specialized: they find their few rows without a guard
// (a long index range compiles its guards as it goes, as traversals do).

// specializer is what a statement needs to specialize itself.
type specializer struct {
	cat    Catalog
	sql    string
	ast    parser.Statement
	params map[int][]schema.Type // each lowered placeholder: the types of the columns it is compared with
	scans  []*Table              // the tables of the full scans it speeds up (see large)
	last   atomic.Pointer[specialization]
}

// specialization is the plan for given parameter values: st, or the
// generic plan when st is nil. planned is false while specializing waits
// for the values to repeat (see specialized).
type specialization struct {
	args    []term.Term
	st      *Statement
	planned bool
}

// specializeRows is the number of rows scanned from which planning a
// specialization (some microseconds) is worth it at the first run with
// new values: a smaller scan is specialized when its values repeat.
const specializeRows = 1024

// newSpecializer returns the specializer of a planned statement, or nil
// when specializing cannot speed it up: no access other than a key lookup
// has a guard on a placeholder.
func newSpecializer(cat Catalog, sql string, ast parser.Statement, p *planner, st *Statement) *specializer {
	if st.point != nil || len(p.paramTypes) == 0 {
		return nil
	}
	var scans []*Table
	useful := false
	for _, a := range p.accesses {
		if a.paramGuards && a.path != PathLookup && a.path != PathIndex {
			useful = true
			if a.path == PathScan {
				scans = append(scans, a.tab)
			}
		}
	}
	if !useful {
		return nil
	}
	return &specializer{cat: cat, sql: sql, ast: ast, params: p.paramTypes, scans: scans}
}

// planFor returns the plan Run runs with args: EXPLAIN shows what Explain
// shows (see specializedForExplain).
func (s *Statement) planFor(args []term.Term) *Statement {
	if s.explains {
		return s.specializedForExplain(args)
	}
	return s.specialized(args)
}

// specialized returns the plan to run with args: a specialization, or s
// itself when the values do not allow one. New values are specialized at
// once when the scans read specializeRows rows or more, else when the
// same values come again.
func (s *Statement) specialized(args []term.Term) *Statement {
	sp := s.special
	if sp == nil {
		return s
	}
	last := sp.last.Load()
	if last != nil && sameArgs(last.args, args) {
		if !last.planned {
			last = sp.specialize(s, last.args)
		}
	} else if sp.exact(args) && !sp.large() {
		last = &specialization{args: append([]term.Term(nil), args...)}
		sp.last.Store(last)
	} else {
		last = sp.specialize(s, append([]term.Term(nil), args...))
	}
	if last.st == nil {
		return s
	}
	return last.st
}

// specializedForExplain is the plan Explain shows for args: the one
// specialized returns once the values have repeated. It plans without
// keeping the plan.
func (s *Statement) specializedForExplain(args []term.Term) *Statement {
	sp := s.special
	if sp == nil {
		return s
	}
	if last := sp.last.Load(); last != nil && last.planned && sameArgs(last.args, args) {
		if last.st == nil {
			return s
		}
		return last.st
	}
	if !sp.exact(args) {
		return s
	}
	if st := sp.plan(s, args); st != nil {
		return st
	}
	return s
}

// specialize plans the specialization for args (which it keeps) and makes
// it the last one.
func (sp *specializer) specialize(gen *Statement, args []term.Term) *specialization {
	last := &specialization{args: args, planned: true}
	if sp.exact(args) {
		last.st = sp.plan(gen, args)
	}
	sp.last.Store(last)
	return last
}

// large reports whether the full scans that specializing speeds up read
// specializeRows rows or more. A key range or prefix reads a part of its
// table, often a small one (1,000 keys of 1M), and compiles its guards
// itself once it runs long (upgradeAfter): planning it again for every
// new value would cost more than it saves, so it is specialized only when
// its values repeat.
func (sp *specializer) large() bool {
	n := 0
	for _, t := range sp.scans {
		n += t.ETS.Size()
	}
	return n >= specializeRows
}

// exact reports whether each lowered placeholder's value is exact for
// every column it is compared with.
func (sp *specializer) exact(args []term.Term) bool {
	for idx, types := range sp.params {
		if idx > len(args) {
			return false
		}
		for _, typ := range types {
			if !exactFor(typ, args[idx-1]) {
				return false
			}
		}
	}
	return true
}

// plan plans the statement with args bound, or returns nil when that
// fails or gives a plan not to run in the generic one's place (other
// tables, as after a DROP and CREATE TABLE, or a write no longer atomic).
func (sp *specializer) plan(gen *Statement, args []term.Term) *Statement {
	st, p, err := plan(sp.cat, sp.sql, sp.ast, args)
	if err != nil || st.nparams != gen.nparams || len(st.cols) != len(gen.cols) || len(p.accesses) != len(gen.accesses) {
		return nil
	}
	if gen.oneWrite && !st.oneWrite {
		return nil
	}
	for i, a := range p.accesses {
		if a.tab != gen.accesses[i].tab {
			return nil
		}
	}
	st.cols, st.names = gen.cols, gen.names
	return st
}

// sameArgs reports whether two argument lists are the same values, as
// exactly as a specialization depends on them.
func sameArgs(a, b []term.Term) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !term.ExactEqual(a[i], b[i]) {
			return false
		}
	}
	return true
}

// exactFor reports whether v is a value of a column of type typ as the
// column stores it, so that comparing the column with v needs no
// conversion: an integer for INT, a number for FLOAT (an integer only
// where a float holds it exactly), text for TEXT, a date's tuple for
// DATE... NULL is exact for no type.
//
// This is the notion exactKeys uses for key lookups, but for FLOAT: a
// FLOAT column compares numerically, so an integer it holds exactly
// needs no conversion either.
func exactFor(typ schema.Type, v term.Term) bool {
	if !v.IsValid() || isNull(v) {
		return false
	}
	if typ == schema.Float && v.IsInteger() {
		n, ok := v.Int64()
		return ok && n >= -1<<53 && n <= 1<<53
	}
	if typ == schema.Float {
		f, ok := v.Float64()
		return ok && !math.IsNaN(f)
	}
	cv, err := typ.Coerce(v)
	return err == nil && term.ExactEqual(cv, v)
}

// boundExact returns the value of placeholder idx when planning a
// specialization and the value is exact for a column of type typ.
func (p *planner) boundExact(idx int, typ schema.Type) (term.Term, bool) {
	if idx > len(p.bound) || !exactFor(typ, p.bound[idx-1]) {
		return term.Term{}, false
	}
	return p.bound[idx-1], true
}

// noteParam records that placeholder idx is compared with a column of
// type typ in a guard.
func (p *planner) noteParam(idx int, typ schema.Type) {
	if p.paramTypes == nil {
		p.paramTypes = map[int][]schema.Type{}
	}
	for _, t := range p.paramTypes[idx] {
		if t == typ {
			return
		}
	}
	p.paramTypes[idx] = append(p.paramTypes[idx], typ)
}
