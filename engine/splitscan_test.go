package engine

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

// withSplitScan sets the size from which a set scans in parts, and the
// processors, for the rest of the test.
func withSplitScan(t *testing.T, minObjects, procs int) {
	t.Helper()
	oldMin, oldProcs := splitScanMin, runtime.GOMAXPROCS(procs)
	splitScanMin = minObjects
	t.Cleanup(func() { splitScanMin = oldMin; runtime.GOMAXPROCS(oldProcs) })
}

// randomSet fills a set with n objects of several arities (2 to 7, the
// key first, an integer second), then updates some (after handing some
// out, so that dead versions stay in the chunks) and deletes some, all
// from seed: two calls with the same seed build the same storage.
func randomSet(t *testing.T, seed uint64, n int) (*Process, *Table) {
	t.Helper()
	_, p, tab := newTestTable(t, Options{Type: Set})
	rng := rand.New(rand.NewPCG(seed, 7))
	object := func(k int64) term.Term {
		elems := []term.Term{i(k), i(rng.Int64N(100))}
		for range rng.IntN(6) {
			elems = append(elems, a(fmt.Sprint("v", rng.IntN(5))))
		}
		return tu(elems...)
	}
	objs := make([]term.Term, n)
	for k := range objs {
		objs[k] = object(int64(k))
	}
	must(t, tab.Insert(p, objs...))
	for range n / 3 {
		k := i(rng.Int64N(int64(n)))
		if rng.IntN(2) == 0 {
			_, err := tab.Lookup(p, k) // handed out: the update makes a new version
			must(t, err)
		}
		must(t, tab.Insert(p, object(intOf(k))))
	}
	for range n / 10 {
		must(t, tab.DeleteKey(p, i(rng.Int64N(int64(n)))))
	}
	return p, tab
}

// exportedBits returns a copy of the exported bits of a set's chunks.
func exportedBits(tab *Table) [][]uint64 {
	var out [][]uint64
	for _, c := range tab.storage().(*setTable).chunks {
		out = append(out, slices.Clone(c.exported))
	}
	return out
}

// TestTable_Select_splitScanSameAsSequential: select, select_count,
// select_delete and select_replace on sets around the split threshold
// give what the sequential scan gives (results in the same order, the
// same objects handed out, the same table after), on tables of several
// arities with dead versions and deleted rows.
func TestTable_Select_splitScanSameAsSequential(t *testing.T) {
	specs := []struct {
		name, text string
		run        func(tab *Table, p *Process, text string) (any, error)
	}{
		{"select_object", `[{{'$1','$2'},[{'>','$2',30}],['$_']},{{'$1','$2','_'},[{'<','$2',10}],['$_']}]`, runSelect},
		{"select_body", `[{{'$1','$2','_','_'},[],[{{'$2','$1'}}]}]`, runSelect},
		{"select_none", `[{{'$1',-1},[],['$_']}]`, runSelect},
		{"select_all", `[{'_',[],['$_']}]`, runSelect},
		{"select_prefix", `[{{{'$1'},'_'},[],['$_']}]`, runSelect},
		{"select_count", `[{{'_','$2','_'},[{'>','$2',50}],[true]},{{'_','$2'},[],[{'<','$2',20}]}]`, runCount},
		{"select_delete", `[{{'_','$2','_','_'},[{'>=','$2',40}],[true]}]`, runDelete},
		{"select_replace", `[{{'$1','$2','_'},[{'<','$2',60}],[{{'$1',{'+','$2',1},x}}]}]`, runReplace},
		{"select_replace_self", `[{{'$1','$2'},[],[{{'$1','$2','$_'}}]}]`, runReplace},
	}
	for _, n := range []int{3000, 5000, 12000} {
		for seed := range uint64(3) {
			for _, sp := range specs {
				t.Run(fmt.Sprintf("%s/n=%d/seed=%d", sp.name, n, seed), func(t *testing.T) {
					withSplitScan(t, 4000, 3)
					p1, seq := randomSet(t, seed, n)
					p2, par := randomSet(t, seed, n)
					split := par.storage().(*setTable).scanSplit()
					if (n*9/10 >= 4000) != (split != nil) {
						t.Fatalf("n=%d: split %v", n, split)
					}
					splitScanMin = 1 << 30
					want, wantErr := sp.run(seq, p1, sp.text)
					splitScanMin = 4000
					got, gotErr := sp.run(par, p2, sp.text)
					if !errors.Is(gotErr, wantErr) && fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
						t.Fatalf("error %v, sequential %v", gotErr, wantErr)
					}
					if fmt.Sprint(got) != fmt.Sprint(want) {
						t.Fatalf("split scan differs from the sequential one:\n%.300v\n%.300v", got, want)
					}
					if !slices.EqualFunc(exportedBits(par), exportedBits(seq), slices.Equal) {
						t.Fatal("split scan handed out other objects")
					}
					after1, err := seq.Tab2List(p1)
					must(t, err)
					after2, err := par.Tab2List(p2)
					must(t, err)
					if !slices.EqualFunc(after1, after2, term.ExactEqual) {
						t.Fatal("tables differ after the call")
					}
				})
			}
		}
	}
}

func runSelect(tab *Table, p *Process, text string) (any, error) {
	prog, err := CompileSpec(spec(text))
	if err != nil {
		return nil, err
	}
	return tab.Select(p, prog)
}

func runCount(tab *Table, p *Process, text string) (any, error) {
	prog, err := CompileSpec(spec(text))
	if err != nil {
		return nil, err
	}
	return tab.SelectCount(p, prog)
}

func runDelete(tab *Table, p *Process, text string) (any, error) {
	prog, err := CompileSpec(spec(text))
	if err != nil {
		return nil, err
	}
	return tab.SelectDelete(p, prog)
}

func runReplace(tab *Table, p *Process, text string) (any, error) {
	prog, err := CompileSpec(spec(text))
	if err != nil {
		return nil, err
	}
	return tab.SelectReplace(p, prog)
}

// TestSetTable_replaceEachSplit_firstErrorInMemoryOrder: when the
// replacement fails on several objects, in several parts, the split
// matching reports the failure replaceEach meets first, and changes
// nothing.
func TestSetTable_replaceEachSplit_firstErrorInMemoryOrder(t *testing.T) {
	withSplitScan(t, 1000, 4)
	for _, failAt := range [][]int64{{10000}, {10000, 100}, {100, 19900}, {19999, 12000, 5000}} {
		_, p, tab := newTestTable(t, Options{Type: Set})
		objs := make([]term.Term, 20000)
		for k := range objs {
			objs[k] = tu(i(int64(k)), i(0))
		}
		must(t, tab.Insert(p, objs...))
		s := tab.storage().(*setTable)
		bounds := s.scanSplit()
		if len(bounds) != 5 {
			t.Fatalf("parts %v, want 4", bounds)
		}
		newFn := func() func(obj term.Term) (term.Term, bool, error) {
			return func(obj term.Term) (term.Term, bool, error) {
				k := intOf(keyAt(obj, 1))
				if slices.Contains(failAt, k) {
					return term.Term{}, false, fmt.Errorf("object %d: %w", k, ErrBadObject)
				}
				return tu(i(k), i(1)), true, nil
			}
		}
		_, want := s.replaceEach(newFn())
		_, got := s.replaceEachSplit(bounds, newFn)
		if want == nil || got == nil || got.Error() != want.Error() {
			t.Fatalf("fail at %v: split %v, sequential %v", failAt, got, want)
		}
		if n, err := tab.SelectCount(p, mustCompile(t, `[{{'_',1},[],[true]}]`)); err != nil || n != 0 {
			t.Fatalf("%d objects replaced, %v", n, err)
		}
	}
}

func mustCompile(t *testing.T, text string) *matchspec.Program {
	t.Helper()
	prog, err := CompileSpec(spec(text))
	must(t, err)
	return prog
}

// TestTable_Select_splitScanWithWriters: split scans run under the read
// lock (select, select_count) or the write lock (select_delete,
// select_replace) while writers wait: each sees the table as one write
// left it (every object with the same generation), and the objects a
// select handed out never change. Run with -race.
func TestTable_Select_splitScanWithWriters(t *testing.T) {
	withSplitScan(t, 1000, 3)
	_, p, tab := newTestTable(t, Options{Type: Set, Access: Public})
	const n = 3000
	generation := func(g int64) []term.Term {
		objs := make([]term.Term, n)
		for k := range objs {
			objs[k] = tu(i(int64(k)), i(g), a("x"))
		}
		return objs
	}
	must(t, tab.Insert(p, generation(0)...))
	if tab.storage().(*setTable).scanSplit() == nil {
		t.Fatal("table too small to split")
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Go(func() {
		for g := int64(1); !stop.Load(); g++ {
			if err := tab.Insert(p, generation(g)...); err != nil {
				t.Error(err)
				return
			}
		}
	})
	all := mustCompile(t, `[{'_',[],['$_']}]`)
	values := mustCompile(t, `[{{'_','$1','_'},[],['$1']}]`)
	for round := range 30 {
		objs, err := tab.Select(p, all)
		must(t, err)
		g := objs[0].Elements()[1]
		saved := fmt.Sprint(objs[:200])
		got, err := tab.Select(p, values)
		must(t, err)
		if len(objs) != n || len(got) != n {
			t.Fatalf("round %d: %d objects, %d values", round, len(objs), len(got))
		}
		for _, obj := range objs {
			if !term.ExactEqual(obj.Elements()[1], g) {
				t.Fatalf("round %d: generations %v and %v in one select", round, g, obj)
			}
		}
		gv := got[0]
		cnt, err := tab.SelectCount(p, mustCompile(t, fmt.Sprintf(`[{{'_',%d,'_'},[],[true]}]`, intOf(gv))))
		must(t, err)
		if cnt != 0 && cnt != n {
			t.Fatalf("round %d: select_count saw %d objects of one generation", round, cnt)
		}
		if round%10 == 9 {
			_, err := tab.SelectReplace(p, mustCompile(t, `[{{'$1','$2','_'},[],[{{'$1','$2',y}}]}]`))
			must(t, err)
			_, err = tab.SelectDelete(p, mustCompile(t, `[{{'_','_',z},[],[true]}]`))
			must(t, err)
		}
		if fmt.Sprint(objs[:200]) != saved {
			t.Fatalf("round %d: an object handed out changed", round)
		}
	}
	stop.Store(true)
	wg.Wait()
}

func intOf(t term.Term) int64 {
	v, _ := t.Int64()
	return v
}
