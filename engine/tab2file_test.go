package engine

import (
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
