package engine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/etsql/etsql/engine/tabfile"
	"github.com/etsql/etsql/internal/erltest"
	"github.com/etsql/etsql/term"
)

func TestTable_Tab2File_roundTrip(t *testing.T) {
	for _, typ := range allTypes {
		db, p, tab := newTestTable(t, Options{Type: typ, KeyPos: 2, Access: Public})
		must(t, tab.Insert(p, tu(a("x"), i(1)), tu(a("y"), f(1)), tu(a("z"), i(1)), tu(a("w"), tu(i(7), term.BinaryString("b")))))
		path := filepath.Join(t.TempDir(), "t.ets")
		must(t, tab.Tab2File(p, path, tabfile.WriteOptions{ObjectCount: true, MD5Sum: true}))
		back, err := db.File2Tab(p, path, tabfile.ReadOptions{Verify: true})
		must(t, err)
		t.Cleanup(func() { checkInvariants(t, back, p) })
		want, _ := tab.Tab2List(p)
		got, _ := back.Tab2List(p)
		if !equalTerms(sortedTerms(got), sortedTerms(want)) {
			t.Errorf("%v: read back %v, want %v", typ, got, want)
		}
		if back.Type() != typ || back.KeyPos() != 2 {
			t.Errorf("%v: read back as %v keypos %d", typ, back.Type(), back.KeyPos())
		}
	}
}

// manyObjects returns n objects of several arities (some too big for a
// load batch's space) with binaries and tuples, whose keys repeat every
// n/2 objects in a bag.
func manyObjects(typ Type, n int) []term.Term {
	objs := make([]term.Term, n)
	for k := range objs {
		id := int64(k)
		if typ == Bag || typ == DuplicateBag {
			id %= int64(n / 2)
		}
		elems := []term.Term{i(id), term.BinaryString(fmt.Sprint("name-", k)), tu(a("x"), i(int64(k))), f(float64(k) / 4)}
		for range k % 12 {
			elems = append(elems, i(int64(k%7)))
		}
		objs[k] = tu(elems...)
	}
	return objs
}

// TestDB_File2Tab_manyObjects loads objects in several batches, and into
// a set more objects than the batches File2Tab reads at once, so that it
// reuses their space: the table must hold every object as written, in the
// same order within a key of a bag.
func TestDB_File2Tab_manyObjects(t *testing.T) {
	for _, typ := range allTypes {
		t.Run(typ.String(), func(t *testing.T) {
			n := loadBatchSize + 17
			if typ == Set {
				n = loadBatchSize*(loadBatches+1) + 17
			}
			db, p, tab := newTestTable(t, Options{Type: typ})
			objs := manyObjects(typ, n)
			must(t, tab.Insert(p, objs...))
			path := filepath.Join(t.TempDir(), "t.ets")
			must(t, tab.Tab2File(p, path, tabfile.WriteOptions{}))
			back, err := db.File2Tab(p, path, tabfile.ReadOptions{Verify: true})
			must(t, err)
			t.Cleanup(func() { checkInvariants(t, back, p) })
			got, _ := back.Tab2List(p)
			if !equalTerms(sortedTerms(got), sortedTerms(objs)) {
				t.Errorf("read back %d objects, not the %d written", len(got), len(objs))
			}
			for k := range n / 2 {
				want, _ := tab.Lookup(p, i(int64(k)))
				got, _ := back.Lookup(p, i(int64(k)))
				if !equalTerms(got, want) {
					t.Fatalf("key %d: read back %v, want %v", k, got, want)
				}
			}
		})
	}
}

// TestDB_File2Tab_cutFileLeavesNoTable cuts a file after several batches:
// the table being filled is deleted.
func TestDB_File2Tab_cutFileLeavesNoTable(t *testing.T) {
	for _, ext := range []tabfile.WriteOptions{{}, {ObjectCount: true}} {
		db, p, tab := newTestTable(t, Options{Type: Set, Named: true})
		must(t, tab.Insert(p, manyObjects(Set, 3*loadBatchSize)...))
		path := filepath.Join(t.TempDir(), "t.ets")
		must(t, tab.Tab2File(p, path, ext))
		b, err := os.ReadFile(path)
		must(t, err)
		must(t, tab.Delete(p))
		for _, cut := range []int{len(b) * 3 / 4, len(b) - 1} {
			must(t, os.WriteFile(path, b[:cut], 0o644))
			_, err := db.File2Tab(p, path, tabfile.ReadOptions{Verify: true})
			if !errors.Is(err, tabfile.ErrTruncated) && !errors.Is(err, tabfile.ErrObjectCount) {
				t.Errorf("%+v, cut at %d of %d: error %v, want a truncated file", ext, cut, len(b), err)
			}
			if all := db.All(); len(all) != 0 {
				t.Errorf("%+v, cut at %d of %d: %d tables left", ext, cut, len(b), len(all))
			}
		}
	}
}

func TestDB_File2Tab_badFileCreatesNothing(t *testing.T) {
	db := NewDB()
	p := db.NewProcess("p")
	if _, err := db.File2Tab(p, filepath.Join(t.TempDir(), "missing.ets"), tabfile.ReadOptions{}); err == nil {
		t.Fatal("reading a missing file succeeded")
	}
	if len(db.All()) != 0 {
		t.Errorf("a failed file2tab left %d tables", len(db.All()))
	}
}

// TestTable_Tab2File_readByOTP checks that ets:file2tab loads what
// Tab2File writes.
func TestTable_Tab2File_readByOTP(t *testing.T) {
	erltest.Require(t)
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	must(t, tab.Insert(p, tu(i(1), a("a")), tu(f(2.5), term.BinaryString("b")), tu(tu(i(7), a("x")), term.List(i(1)))))
	path := filepath.Join(t.TempDir(), "t.ets")
	must(t, tab.Tab2File(p, path, tabfile.WriteOptions{MD5Sum: true}))
	out := erltest.RunEscript(t, `main([F]) ->
    {ok, T} = ets:file2tab(F, [{verify, true}]),
    io:format("~w~n", [ets:tab2list(T)]).
`, nil, path)
	got, err := term.Parse(string(out))
	must(t, err)
	want, _ := tab.Tab2List(p)
	if !term.ExactEqual(got, term.List(want...)) {
		t.Errorf("OTP read %s, want %s", term.Format(got), term.Format(term.List(want...)))
	}
}

// BenchmarkTable_Tab2File writes the benchmark set (1M rows) with
// ets:tab2file/2's default options. cpu-ms/op is the CPU time of all
// threads, steadier than wall time on a shared machine.
func BenchmarkTable_Tab2File(b *testing.B) {
	p, tab := benchTable(b, Set)
	path := filepath.Join(b.TempDir(), "bench.ets")
	reportCPU(b, func() {
		if err := tab.Tab2File(p, path, tabfile.WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkDB_File2Tab loads the file BenchmarkTable_Tab2File writes, with
// ets:file2tab/1's default options.
func BenchmarkDB_File2Tab(b *testing.B) {
	p, tab := benchTable(b, Set)
	path := filepath.Join(b.TempDir(), "bench.ets")
	if err := tab.Tab2File(p, path, tabfile.WriteOptions{}); err != nil {
		b.Fatal(err)
	}
	reportCPU(b, func() {
		loaded, err := tab.db.File2Tab(p, path, tabfile.ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := loaded.Delete(p); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	})
}

// reportCPU runs f b.N times and reports the CPU milliseconds (all
// threads) each run took besides the wall time.
func reportCPU(b *testing.B, f func()) {
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		f()
	}
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
