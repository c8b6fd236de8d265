package planner

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// aggFrame collects the aggregate calls of a grouped SELECT: each call is
// computed per group and read back through evalCtx.aggs.
type aggFrame struct {
	specs []*aggSpec
	rows  *scope // the scope of the rows being grouped, without the frame
}

// aggSpec is one aggregate call, as COUNT(DISTINCT x).
type aggSpec struct {
	name     string // lower-case
	distinct bool
	star     bool
	args     []compiled
	sums     bool      // sum, avg or total: the step adds
	filter   *compiled // FILTER (WHERE cond): the rows cond holds for, or nil for all
}

var aggregateNames = map[string]bool{
	"count": true, "sum": true, "avg": true, "min": true, "max": true, "total": true, "group_concat": true,
}

func isAggregateCall(f *parser.FuncCall) bool {
	name := strings.ToLower(string(f.Name))
	if !aggregateNames[name] || f.Over != nil {
		return false
	}
	// min and max with several arguments are scalar functions.
	return !((name == "min" || name == "max") && len(f.Args) > 1)
}

// hasAggregate reports whether e calls an aggregate outside subqueries.
func hasAggregate(n parser.Node) bool {
	found := false
	parser.Inspect(n, func(n parser.Node) bool {
		switch n := n.(type) {
		case *parser.SelectStmt:
			return false
		case *parser.FuncCall:
			if isAggregateCall(n) {
				found = true
			}
		}
		return !found
	})
	return found
}

func (p *planner) call(sc *scope, e *parser.FuncCall) (compiled, error) {
	name := strings.ToLower(string(e.Name))
	if e.Over != nil {
		return p.windowCall(sc, e)
	}
	if windowOnly[name] {
		return compiled{}, errorf(ErrMisuse, e.Pos, "misuse of window function %s()", e.Name)
	}
	if isAggregateCall(e) {
		return p.aggregate(sc, e, name)
	}
	if e.Filter != nil {
		return compiled{}, errorf(ErrMisuse, e.Pos, "FILTER may not be used with non-aggregate %s()", e.Name)
	}
	if e.Star || e.Distinct {
		return compiled{}, errorf(ErrMisuse, e.Pos, "wrong use of %s()", e.Name)
	}
	args, err := p.compileList(sc, e.Args)
	if err != nil {
		return compiled{}, err
	}
	fn, ok := scalarFuncs[name]
	if !ok {
		return compiled{}, errorf(ErrNoFunction, e.Pos, "no such function: %s", e.Name)
	}
	if len(args) < fn.min || (fn.max >= 0 && len(args) > fn.max) {
		return compiled{}, errorf(ErrMisuse, e.Pos, "wrong number of arguments to function %s()", e.Name)
	}
	typ := fn.typ
	if typ == 0 && fn.sameType && len(args) > 0 {
		typ = args[0].typ
		for _, a := range args[1:] {
			if a.typ != typ {
				typ = 0
			}
		}
	}
	lazy := fn.lazy
	return compiled{typ: typ, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		if lazy != nil {
			return lazy(c, row, args)
		}
		var buf [4]term.Term
		vals := buf[:0]
		for _, a := range args {
			v, err := a.eval(c, row)
			if err != nil {
				return v, err
			}
			vals = append(vals, v)
		}
		return fn.fn(vals), nil
	}}, nil
}

type scalarFunc struct {
	min, max int // argument counts; max -1: any
	typ      schema.Type
	sameType bool // the result has its arguments' type
	fn       func(args []term.Term) term.Term
	lazy     func(c *evalCtx, row []term.Term, args []compiled) (term.Term, error)
}

var scalarFuncs map[string]scalarFunc

func init() {
	scalarFuncs = map[string]scalarFunc{
		"coalesce": {min: 2, max: -1, sameType: true, lazy: coalesce},
		"ifnull":   {min: 2, max: 2, sameType: true, lazy: coalesce},
		"nullif": {min: 2, max: 2, sameType: true, fn: func(a []term.Term) term.Term {
			if !isNull(a[0]) && !isNull(a[1]) && compareValues(a[0], a[1]) == 0 {
				return null
			}
			return a[0]
		}},
		"iif": {min: 3, max: 3, lazy: func(c *evalCtx, row []term.Term, args []compiled) (term.Term, error) {
			v, err := args[0].eval(c, row)
			if err != nil {
				return v, err
			}
			if b, _ := truth(v); b {
				return args[1].eval(c, row)
			}
			return args[2].eval(c, row)
		}},
		"upper":     {min: 1, max: 1, typ: schema.Text, fn: textFunc(asciiUpper)},
		"lower":     {min: 1, max: 1, typ: schema.Text, fn: textFunc(asciiLower)},
		"length":    {min: 1, max: 1, typ: schema.Int, fn: lengthFunc},
		"abs":       {min: 1, max: 1, sameType: true, fn: absFunc},
		"round":     {min: 1, max: 2, typ: schema.Float, fn: roundFunc},
		"substr":    {min: 2, max: 3, typ: schema.Text, fn: substrFunc},
		"substring": {min: 2, max: 3, typ: schema.Text, fn: substrFunc},
		"trim":      {min: 1, max: 2, typ: schema.Text, fn: trimFunc(strings.Trim)},
		"ltrim":     {min: 1, max: 2, typ: schema.Text, fn: trimFunc(strings.TrimLeft)},
		"rtrim":     {min: 1, max: 2, typ: schema.Text, fn: trimFunc(strings.TrimRight)},
		"replace": {min: 3, max: 3, typ: schema.Text, fn: func(a []term.Term) term.Term {
			s, ok1 := text(a[0])
			old, ok2 := text(a[1])
			nw, ok3 := text(a[2])
			if !ok1 || !ok2 || !ok3 {
				return null
			}
			if old == "" {
				return term.BinaryString(s)
			}
			return term.BinaryString(strings.ReplaceAll(s, old, nw))
		}},
		"instr": {min: 2, max: 2, typ: schema.Int, fn: func(a []term.Term) term.Term {
			s, ok1 := text(a[0])
			sub, ok2 := text(a[1])
			if !ok1 || !ok2 {
				return null
			}
			i := strings.Index(s, sub)
			if i < 0 {
				return term.Int(0)
			}
			return term.Int(int64(utf8.RuneCountInString(s[:i]) + 1))
		}},
		"typeof": {min: 1, max: 1, typ: schema.Text, fn: func(a []term.Term) term.Term {
			v := a[0]
			switch {
			case isNull(v):
				return term.BinaryString("null")
			case v.IsInteger(), v.IsBoolean():
				return term.BinaryString("integer")
			case v.IsFloat():
				return term.BinaryString("real")
			}
			return term.BinaryString("text")
		}},
		"min": {min: 2, max: -1, sameType: true, fn: func(a []term.Term) term.Term { return extreme(a, -1) }},
		"max": {min: 2, max: -1, sameType: true, fn: func(a []term.Term) term.Term { return extreme(a, 1) }},
	}
	for _, more := range []map[string]scalarFunc{textScalarFuncs(), dateScalarFuncs(), mathScalarFuncs()} {
		for name, f := range more {
			scalarFuncs[name] = f
		}
	}
}

func coalesce(c *evalCtx, row []term.Term, args []compiled) (term.Term, error) {
	for _, a := range args {
		v, err := a.eval(c, row)
		if err != nil || !isNull(v) {
			return v, err
		}
	}
	return null, nil
}

func extreme(a []term.Term, sign int) term.Term {
	best := a[0]
	for _, v := range a {
		if isNull(v) {
			return null
		}
		if compareValues(v, best)*sign > 0 {
			best = v
		}
	}
	return best
}

func textFunc(f func(string) string) func([]term.Term) term.Term {
	return func(a []term.Term) term.Term {
		s, ok := text(a[0])
		if !ok {
			return null
		}
		return term.BinaryString(f(s))
	}
}

func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

func lengthFunc(a []term.Term) term.Term {
	s, ok := text(a[0])
	if !ok {
		return null
	}
	return term.Int(int64(utf8.RuneCountInString(s)))
}

func absFunc(a []term.Term) term.Term {
	v := a[0]
	if isNull(v) {
		return null
	}
	if !v.IsNumber() && !v.IsBoolean() {
		return term.Float(math.Abs(valueFloat(v))) // SQLite: text is REAL
	}
	n := number(v)
	if i, ok := n.Int64(); ok {
		if i < 0 {
			return arith('-', term.Int(0), n)
		}
		return n
	}
	return term.Float(math.Abs(toFloat(n)))
}

func substrFunc(a []term.Term) term.Term {
	s, ok := text(a[0])
	if !ok || isNull(a[1]) || (len(a) > 2 && isNull(a[2])) {
		return null
	}
	r := []rune(s)
	n := int64(len(r))
	start := toInt64(number(a[1]))
	var length int64 = math.MaxInt32
	hasLen := len(a) > 2
	if hasLen {
		length = toInt64(number(a[2]))
	}
	// SQLite's rules: positions are 1-based, 0 is before the first
	// character, negative counts from the end, a negative length takes the
	// characters before start.
	if start < 0 {
		start = n + start + 1
		if start < 1 {
			if hasLen {
				length += start - 1
			}
			start = 1
		}
	} else if start == 0 {
		if hasLen {
			length--
		}
		start = 1
	}
	if length < 0 {
		end := start - 1
		start = end + length
		if start < 1 {
			start = 1
		}
		length = end - start + 1
		if length < 0 {
			length = 0
		}
	}
	from := start - 1
	if from >= n || length <= 0 {
		return term.BinaryString("")
	}
	to := from + length
	if to > n || to < from {
		to = n
	}
	return term.BinaryString(string(r[from:to]))
}

func trimFunc(f func(string, string) string) func([]term.Term) term.Term {
	return func(a []term.Term) term.Term {
		s, ok := text(a[0])
		if !ok {
			return null
		}
		cut := " "
		if len(a) > 1 {
			if cut, ok = text(a[1]); !ok {
				return null
			}
		}
		return term.BinaryString(f(s, cut))
	}
}

// ---- aggregates

func (p *planner) aggregate(sc *scope, e *parser.FuncCall, name string) (compiled, error) {
	if sc.agg == nil {
		return compiled{}, errorf(ErrMisuse, e.Pos, "misuse of aggregate function %s()", e.Name)
	}
	frame := sc.agg
	spec := &aggSpec{name: name, distinct: e.Distinct, star: e.Star, sums: name == "sum" || name == "avg" || name == "total"}
	if e.Star && name != "count" {
		return compiled{}, errorf(ErrMisuse, e.Pos, "wrong use of %s(*)", e.Name)
	}
	want := map[string][2]int{"count": {0, 1}, "group_concat": {1, 2}}[name]
	if want == [2]int{} {
		want = [2]int{1, 1}
	}
	if !e.Star && (len(e.Args) < want[0] || len(e.Args) > want[1]) || (name == "count" && !e.Star && len(e.Args) != 1) {
		return compiled{}, errorf(ErrMisuse, e.Pos, "wrong number of arguments to function %s()", e.Name)
	}
	if e.Distinct && len(e.Args) != 1 {
		return compiled{}, errorf(ErrMisuse, e.Pos, "DISTINCT aggregates must have exactly one argument")
	}
	for _, a := range e.Args {
		if hasAggregate(a) {
			return compiled{}, errorf(ErrMisuse, e.Pos, "misuse of aggregate function %s()", e.Name)
		}
		c, err := p.compileExpr(frame.rows, a)
		if err != nil {
			return compiled{}, err
		}
		spec.args = append(spec.args, c)
	}
	if e.Filter != nil {
		if hasAggregate(e.Filter) {
			return compiled{}, errorf(ErrMisuse, e.Filter.Position(), "misuse of aggregate function %s()", e.Name)
		}
		c, err := p.compileExpr(frame.rows, e.Filter)
		if err != nil {
			return compiled{}, err
		}
		spec.filter = &c
	}
	slot := len(frame.specs)
	frame.specs = append(frame.specs, spec)
	var typ schema.Type
	switch name {
	case "count":
		typ = schema.Int
	case "avg", "total":
		typ = schema.Float
	case "group_concat":
		typ = schema.Text
	default:
		typ = spec.args[0].typ
		if name == "sum" && typ != schema.Int {
			typ = schema.Float
		}
	}
	return compiled{typ: typ, eval: func(c *evalCtx, _ []term.Term) (term.Term, error) { return c.aggs[slot], nil }}, nil
}

// aggAcc accumulates one aggregate over the rows of a group.
type aggAcc struct {
	spec    *aggSpec
	count   int64
	sumI    int64
	sumF    float64
	isFloat bool
	ovfl    bool // the integer sum overflowed before any real came
	best    term.Term
	text    []byte
	seen    map[string]bool
	keybuf  []byte
}

func newAccs(specs []*aggSpec) []aggAcc {
	accs := make([]aggAcc, len(specs))
	for i, s := range specs {
		accs[i].spec = s
	}
	return accs
}

// add adds v (not NULL) to the sum: in integers while they do not
// overflow, else in floats. Text counts as the number it holds as a whole
// ('12' as 12, SQLite's numeric affinity); other text ('abc', '12abc')
// makes the sum a real one, adding its numeric prefix.
func (a *aggAcc) add(v term.Term) {
	if a.isFloat {
		if f, ok := v.Float64(); ok {
			a.sumF += f
			return
		}
	}
	n := number(v)
	if s, ok := v.BinaryValue(); ok && v.IsBinary() {
		if x, whole := exactNumber(s); whole {
			n = x
		} else if !a.isFloat {
			a.isFloat, a.sumF = true, float64(a.sumI)
		}
	}
	if i, ok := n.Int64(); ok && !a.isFloat {
		if r := a.sumI + i; (r > a.sumI) == (i > 0) || i == 0 {
			a.sumI = r
			return
		}
		a.isFloat, a.sumF, a.ovfl = true, float64(a.sumI), true
	}
	if !a.isFloat {
		a.isFloat, a.sumF = true, float64(a.sumI)
	}
	a.sumF += toFloat(n)
}

func (a *aggAcc) step(c *evalCtx, row []term.Term) error {
	s := a.spec
	if s.filter != nil {
		v, err := s.filter.eval(c, row)
		if err != nil {
			return err
		}
		if b, _ := truth(v); !b {
			return nil
		}
	}
	if s.star {
		a.count++
		return nil
	}
	var v term.Term
	if slot := s.args[0].slot; slot > 0 {
		v = row[slot-1]
	} else {
		var err error
		if v, err = s.args[0].eval(c, row); err != nil {
			return err
		}
	}
	if isNull(v) {
		return nil
	}
	if s.sums && !s.distinct {
		a.count++
		a.add(v)
		return nil
	}
	if s.distinct {
		a.keybuf = groupKey(a.keybuf[:0], v)
		if a.seen == nil {
			a.seen = map[string]bool{}
		}
		if a.seen[string(a.keybuf)] {
			return nil
		}
		a.seen[string(a.keybuf)] = true
	}
	a.count++
	switch s.name {
	case "sum", "avg", "total":
		a.add(v)
	case "min":
		if !a.best.IsValid() || compareValues(v, a.best) < 0 {
			a.best = v
		}
	case "max":
		if !a.best.IsValid() || compareValues(v, a.best) > 0 {
			a.best = v
		}
	case "group_concat":
		sep := ","
		if len(s.args) > 1 {
			sv, err := s.args[1].eval(c, row)
			if err != nil {
				return err
			}
			sep, _ = text(sv)
		}
		if a.count > 1 {
			a.text = append(a.text, sep...)
		}
		t, _ := text(v)
		a.text = append(a.text, t...)
	}
	return nil
}

// value is the aggregate's result, or SQLite's error for it: sum() of
// integers that overflows fails (total() and avg() go on in reals).
func (a *aggAcc) value() (term.Term, error) {
	if a.ovfl && a.spec.name == "sum" {
		return null, ErrOverflow
	}
	return a.result(), nil
}

func (a *aggAcc) result() term.Term {
	switch a.spec.name {
	case "count":
		return term.Int(a.count)
	case "sum":
		if a.count == 0 {
			return null
		}
		if a.isFloat {
			return term.Float(a.sumF)
		}
		return term.Int(a.sumI)
	case "total":
		if a.isFloat {
			return term.Float(a.sumF)
		}
		return term.Float(float64(a.sumI))
	case "avg":
		if a.count == 0 {
			return null
		}
		sum := float64(a.sumI)
		if a.isFloat {
			sum = a.sumF
		}
		return term.Float(sum / float64(a.count))
	case "min", "max":
		if !a.best.IsValid() {
			return null
		}
		return a.best
	case "group_concat":
		if a.count == 0 {
			return null
		}
		return term.BinaryString(string(a.text))
	}
	return null
}

// ---- subqueries in expressions

func (p *planner) subplan(sc *scope, s *parser.SelectStmt) (*selectPlan, error) {
	sp, err := p.planSelect(s, sc)
	if err == nil {
		p.exprSubs = append(p.exprSubs, sp)
	}
	return sp, err
}

func (p *planner) scalarSubquery(sc *scope, e *parser.SubqueryExpr) (compiled, error) {
	sp, err := p.subplan(sc, e.Select)
	if err != nil {
		return compiled{}, err
	}
	if len(sp.cols) != 1 {
		return compiled{}, errorf(ErrMisuse, e.Pos, "sub-select returns %d columns - expected 1", len(sp.cols))
	}
	return compiled{typ: sp.cols[0].Type, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		rows, err := sp.subRows(c, row, 1)
		if err != nil || len(rows) == 0 {
			return null, err
		}
		return rows[0][0], nil
	}}, nil
}

func (p *planner) exists(sc *scope, e *parser.ExistsExpr) (compiled, error) {
	sp, err := p.subplan(sc, e.Select)
	if err != nil {
		return compiled{}, err
	}
	return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		rows, err := sp.subRows(c, row, 1)
		return boolTerm(len(rows) > 0), err
	}}, nil
}

func (p *planner) inSubquery(sc *scope, e *parser.InSubqueryExpr) (compiled, error) {
	x, err := p.compileExpr(sc, e.X)
	if err != nil {
		return compiled{}, err
	}
	sp, err := p.subplan(sc, e.Select)
	if err != nil {
		return compiled{}, err
	}
	if len(sp.cols) != 1 {
		return compiled{}, errorf(ErrMisuse, e.Pos, "sub-select returns %d columns - expected 1", len(sp.cols))
	}
	ia := typeAffinity(sp.cols[0].Type)
	if !sp.colIsRef {
		ia = affNone
	}
	not := e.Not
	va := x.aff
	convX := func(v term.Term) term.Term { v, _ = applyAffinity(v, null, va, ia); return v }
	convSub := func(w term.Term) term.Term { _, w = applyAffinity(null, w, va, ia); return w }
	return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		v, err := x.eval(c, row)
		if err != nil {
			return v, err
		}
		rows, err := sp.subRows(c, row, 0)
		if err != nil {
			return null, err
		}
		if !sp.correlated {
			// the same rows for every row of the scan: hash them once
			set := c.exec.inSets[sp]
			if set == nil {
				set = newValueSet(rows, convSub)
				if c.exec.inSets == nil {
					c.exec.inSets = map[*selectPlan]*valueSet{}
				}
				c.exec.inSets[sp] = set
			}
			return set.in(convX(v), not), nil
		}
		return inSet(v, x.aff, not, len(rows), func(i int) (term.Term, affinity, error) {
			return rows[i][0], ia, nil
		})
	}}, nil
}
