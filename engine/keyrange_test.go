package engine

import (
	"testing"

	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

func TestGuardKeyRange(t *testing.T) {
	unb := Bound{}
	incl := func(k term.Term) Bound { return Bound{Key: k} }
	excl := func(k term.Term) Bound { return Bound{Key: k, Exclusive: true} }
	for _, tc := range []struct {
		spec   string
		lo, hi Bound
		ok     bool
	}{
		{`[{{'$1','_'},[{'>=','$1',10},{'<','$1',20}],['$_']}]`, incl(i(10)), excl(i(20)), true},
		{`[{{'$1','_'},[{'>',30,'$1'},{'>',5,'$1'}],['$_']}]`, unb, excl(i(5)), true},
		{`[{{'$1','_'},[{'andalso',{'>','$1',1},{'>=','$1',1}}],['$_']}]`, excl(i(1)), unb, true},
		{`[{{'$1','_'},[{'==','$1',{const,{7,x}}}],['$_']}]`, incl(tu(i(7), a("x"))), incl(tu(i(7), a("x"))), true},
		{`[{{'$1','_'},[{'>','$1',1}],['$_']},{{5,'_'},[],['$_']}]`, excl(i(1)), unb, true},
		{`[{{'$1','_'},[{'<','$1',1}],['$_']},{{5,'_'},[],['$_']}]`, unb, incl(i(5)), true},
		{`[{{'$1','_'},[{'>','$1','$2'}],['$_']}]`, unb, unb, false},
		{`[{{'$1','_'},[{'orelse',{'>','$1',1},{'<','$1',0}}],['$_']}]`, unb, unb, false},
		{`[{{'$1','_'},[{'>','$1',1}],['$_']},{{'$1','_'},[],['$_']}]`, unb, unb, false},
		{`[{{'$1','$2'},[{'>','$2',1}],['$_']}]`, unb, unb, false},
		{`[{'$1',[{'>','$1',1}],['$_']}]`, unb, unb, false},
	} {
		ms, err := matchspec.FromTerm(spec(tc.spec))
		if err != nil {
			t.Fatal(err)
		}
		r, ok := guardKeyRange(ms, 1)
		if ok != tc.ok || ok && (!sameBound(r.lo, tc.lo) || !sameBound(r.hi, tc.hi)) {
			t.Errorf("%s: range %+v %v, want %+v %+v %v", tc.spec, r, ok, tc.lo, tc.hi, tc.ok)
		}
	}
}

func sameBound(x, y Bound) bool {
	if x.Key.IsValid() != y.Key.IsValid() {
		return false
	}
	return !x.Key.IsValid() || term.ExactEqual(x.Key, y.Key) && x.Exclusive == y.Exclusive
}

// TestTable_Select_guardRangeMatchesScan compares range-bounded selects
// with the same select run as a scan.
func TestTable_Select_guardRangeMatchesScan(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	for _, k := range diffKeys {
		must(t, tab.Insert(p, tu(k, i(0))))
	}
	for k := range int64(50) {
		must(t, tab.Insert(p, tu(f(float64(k)/4), i(k))))
	}
	for _, text := range []string{
		`[{{'$1','_'},[{'>=','$1',1},{'<','$1',3}],['$_']}]`,
		`[{{'$1','_'},[{'>','$1',1},{'=<','$1',3.0}],['$_']}]`,
		`[{{'$1','_'},[{'==','$1',2}],['$_']}]`,
		`[{{'$1','_'},[{'<',a,'$1'}],['$_']}]`,
		`[{{'$1','_'},[{'<','$1',{const,{7,y}}},{'>','$1',{const,{7}}}],['$_']}]`,
	} {
		prog, err := CompileSpec(spec(text))
		must(t, err)
		got, err := tab.Select(p, prog)
		must(t, err)
		q, _ := tab.query(prog)
		if q.rng == nil {
			t.Errorf("%s: no key range derived", text)
		}
		q.rng = nil
		want, _ := tab.selectAll(p, q, false)
		if !equalTerms(got, want) {
			t.Errorf("%s: range select %v, scan %v", text, got, want)
		}
		rev, _ := tab.SelectReverse(p, prog)
		for n := range rev {
			if !term.ExactEqual(rev[n], want[len(want)-1-n]) {
				t.Errorf("%s: select_reverse differs", text)
				break
			}
		}
	}
}
