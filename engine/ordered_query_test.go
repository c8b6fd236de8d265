package engine

import (
	"slices"
	"testing"

	"github.com/etsql/etsql/term"
)

// TestTable_Select_directMatchesMatcher checks that selects answered
// without the matcher (see directArity) give what the matcher gives, on
// tables with and without float keys, and that the shortcut is taken
// exactly where it may be.
func TestTable_Select_directMatchesMatcher(t *testing.T) {
	objs := []term.Term{
		tu(tu(i(7), i(1)), i(1), a("x")),
		tu(tu(i(7), i(2)), i(3), a("x")),
		tu(tu(i(7), i(3)), i(3)),
		tu(tu(i(7), i(4), i(0)), i(4), a("x")),
		tu(tu(i(8), i(1)), i(1), a("x")),
		tu(tu(i(7)), i(1), a("x")),
		tu(i(7), i(1), a("x")),
	}
	floaty := tu(tu(f(7), f(5)), i(5), a("x"))
	for _, c := range []struct {
		spec   string
		direct bool
	}{
		{`[{{{7,'_'},'_','_'},[],['$_']}]`, true},
		{`[{{{7,'$1'},'$2','_'},[],['$_']}]`, true},
		{`[{{{7,'_'},'_'},[],['$_']}]`, true},
		{`[{{{7,'$1'},'$1','_'},[],['$_']}]`, false}, // the variable ties two elements
		{`[{{{7,'_'},3,'_'},[],['$_']}]`, false},
		{`[{{{7,'_'},'_','_'},[],['$$']}]`, false},
		{`[{{{7,'$1'},'_','_'},[{'>','$1',0}],['$_']}]`, false},
		{`[{{{7.0,'_'},'_','_'},[],['$_']}]`, false},
		{`[{{{7,2},'_','_'},[],['$_']}]`, true},
		{`[{{{7,'_',0},'_','_'},[],['$_']}]`, false}, // ground after a wildcard
		{`[{{{7,'_'},'_','_'},[],['$_']},{{{8,'_'},'_','_'},[],['$_']}]`, false},
	} {
		prog, err := CompileSpec(spec(c.spec))
		if err != nil {
			t.Fatal(err)
		}
		if _, direct := directArity(prog.Spec(), 1); direct != c.direct {
			t.Errorf("%s: direct %v, want %v", c.spec, direct, c.direct)
		}
		for _, withFloat := range []bool{false, true} {
			_, p, tab := newTestTable(t, Options{Type: OrderedSet})
			if err := tab.Insert(p, objs...); err != nil {
				t.Fatal(err)
			}
			if withFloat {
				if err := tab.Insert(p, floaty); err != nil {
					t.Fatal(err)
				}
			}
			got, err := tab.Select(p, prog)
			if err != nil {
				t.Fatal(err)
			}
			var want []term.Term
			m := prog.NewMatcher()
			all, _ := tab.Tab2List(p)
			for _, obj := range all {
				if r, ok := m.Match(obj); ok {
					want = append(want, r)
				}
			}
			if !slices.EqualFunc(got, want, term.ExactEqual) {
				t.Errorf("%s (float key %v): got %v, want %v", c.spec, withFloat, got, want)
			}
		}
	}
}

func TestOrderedSet_floatKeys_counts(t *testing.T) {
	s := newOrderedSet(1)
	s.insert(tu(i(1), a("x")))
	s.insert(tu(tu(i(2), f(0.5)), a("x")))
	s.insert(tu(f(3), a("x")))
	if s.floatKeys != 2 {
		t.Fatalf("floatKeys %d, want 2", s.floatKeys)
	}
	s.insert(tu(i(3), a("y"))) // replaces 3.0 by 3
	s.deleteKey(nil, tu(f(2), f(0.5)))
	if s.floatKeys != 0 {
		t.Fatalf("floatKeys %d after replacing and deleting, want 0", s.floatKeys)
	}
	s.insert(tu(f(1), a("x")))
	if s.deleteObject(tu(f(1), a("x"))) != 1 || s.floatKeys != 0 {
		t.Fatalf("floatKeys %d after delete_object, want 0", s.floatKeys)
	}
}
