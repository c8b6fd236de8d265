package engine

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/etsql/etsql/engine/tabfile"
	"github.com/etsql/etsql/term"
)

// BenchmarkVersusETS measures the engine and real ETS
// (testdata/bench_ets.escript) on the same data and prints both side by
// side. It is a report, not a b.N loop; run it alone:
//
//	go test ./engine -run XXX -bench VersusETS -benchtime 1x
//
// ETSQL_BENCH_N sets the number of rows (default 1,000,000).
func BenchmarkVersusETS(b *testing.B) {
	n := benchN
	if s := os.Getenv("ETSQL_BENCH_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	for b.Loop() {
		ets := runETSBench(b, n)
		ours := measureEngine(b, n)
		var out strings.Builder
		fmt.Fprintf(&out, "\n%-40s %14s %14s %9s\n", "operation", "ETS", "engine", "speedup")
		for _, m := range ours {
			e, ok := ets[strings.Fields(m.name)[0]]
			es, ratio := "-", "-"
			if ok {
				es = fmt.Sprintf("%.4g %s", e, m.unit)
				if m.value > 0 {
					ratio = fmt.Sprintf("%.1fx", e/m.value)
				}
			}
			fmt.Fprintf(&out, "%-40s %14s %14s %9s\n", m.name, es, fmt.Sprintf("%.4g %s", m.value, m.unit), ratio)
		}
		fmt.Print(out.String()) // b.Log would truncate the table
	}
}

type measure struct {
	name  string
	value float64
	unit  string
}

func runETSBench(b *testing.B, n int) map[string]float64 {
	escript, err := exec.LookPath("escript")
	if err != nil {
		b.Log("escript not found: ETS figures omitted")
		return nil
	}
	script, _ := filepath.Abs("testdata/bench_ets.escript")
	out, err := exec.Command(escript, script, strconv.Itoa(n), b.TempDir()).Output()
	if err != nil {
		b.Fatalf("bench_ets.escript: %v", err)
	}
	res := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 3 {
			v, _ := strconv.ParseFloat(f[1], 64)
			res[f[0]] = v
		}
	}
	return res
}

// perOp starts from a collected heap, as testing.B does before each
// benchmark, so that a long measure does not pay for the garbage of the
// previous one. (millis does not: a collection evicts the caches a short
// measure would otherwise find warm, as ETS does.)
func perOp(n int, fn func()) float64 {
	runtime.GC()
	start := time.Now()
	fn()
	return float64(time.Since(start).Nanoseconds()) / float64(n)
}

func millis(fn func()) float64 {
	start := time.Now()
	fn()
	return float64(time.Since(start).Microseconds()) / 1000
}

// measureEngine runs the operations of bench_ets.escript on the engine.
func measureEngine(b *testing.B, n int) []measure {
	rows := make([]term.Term, 0, n)
	for _, r := range benchRows(n) {
		rows = append(rows, r)
	}
	keys := randomKeysN(n, n)
	db := NewDB()
	p := db.NewProcess("bench")
	newTab := func(typ Type) *Table {
		t, err := db.New(p, "t", Options{Type: typ})
		if err != nil {
			b.Fatal(err)
		}
		return t
	}
	s, o, pre := newTab(Set), newTab(OrderedSet), newTab(OrderedSet)
	var ms []measure
	add := func(name string, v float64, unit string) { ms = append(ms, measure{name, v, unit}) }
	check := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	add("insert_set", perOp(n, func() {
		for _, r := range rows {
			check(s.Insert(p, r))
		}
	}), "ns/row")
	add("insert_ordered_set", perOp(n, func() {
		for _, r := range rows {
			check(o.Insert(p, r))
		}
	}), "ns/row")
	for _, r := range rows {
		e := r.Elements()
		check(pre.Insert(p, tu(tu(e[2], e[0]), e[1], e[3], e[4])))
	}
	buf := make([]term.Term, 0, 1)
	for _, tc := range []struct {
		name string
		tab  *Table
	}{{"lookup_set", s}, {"lookup_ordered_set", o}} {
		add(tc.name, perOp(n, func() {
			for _, k := range keys {
				buf, _ = tc.tab.AppendLookup(buf[:0], p, k)
			}
		}), "ns/op")
	}
	ms = append(ms, measureTabFile(b, p, s)...)
	lo := int64(n / 2)
	// next loops and range scans from the 100 places bench_ets.escript
	// uses, per loop
	starts := make([]int64, 100)
	for k := range starts {
		starts[k] = 1 + int64(k*9973)%int64(max(n-1000, 1))
	}
	add("range_1000_next", millis(func() {
		for _, lo := range starts {
			nextLoop(b, p, o, i(lo), 1000, buf)
		}
	})/100, "ms")
	add("range_1000_rangescan", millis(func() {
		for _, lo := range starts {
			check(o.RangeScan(p, Range{Lower: Bound{Key: i(lo)}, Upper: Bound{Key: i(lo + 1000), Exclusive: true}}, func(term.Term) bool { return true }))
		}
	})/100, "ms")
	ms = append(ms, measureSelects(b, p, s, o, pre, lo, false)...)
	// update_counter replaces objects by new ones: scans then read them
	// out of allocation order (ETS updates in place). Measured after the
	// scans, and the scans again after it.
	op := CounterOp{Pos: 5, Incr: i(1)}
	add("update_counter", perOp(n, func() {
		for _, k := range keys {
			_, err := s.UpdateCounter1(p, k, op, term.Term{})
			check(err)
		}
	}), "ns/op")
	ms = append(ms, measureSelects(b, p, s, o, pre, lo, true)...)
	rows, keys, buf = nil, nil, nil
	for _, typ := range []Type{Set, OrderedSet} {
		add("memory_"+typ.String(), tableMiB(b, typ, n), "MiB")
	}
	return ms
}

// measureTabFile writes the set to a file and loads it back, as
// bench_ets.escript does with ets:tab2file/2 and ets:file2tab/1 (their
// default options: no extended info, no verify).
func measureTabFile(b *testing.B, p *Process, s *Table) []measure {
	path := filepath.Join(b.TempDir(), "bench.ets")
	run := func(name string, fn func() error) measure {
		runtime.GC()
		start := time.Now()
		if err := fn(); err != nil {
			b.Fatal(name, err)
		}
		return measure{name, float64(time.Since(start).Microseconds()) / 1000, "ms"}
	}
	var loaded *Table
	ms := []measure{
		run("tab2file", func() error { return s.Tab2File(p, path, tabfile.WriteOptions{}) }),
		run("file2tab", func() (err error) { loaded, err = s.db.File2Tab(p, path, tabfile.ReadOptions{}); return err }),
	}
	if err := loaded.Delete(p); err != nil {
		b.Fatal(err)
	}
	return ms
}

func randomKeysN(n, max int) []term.Term {
	ks := randomKeys(n)
	if max != benchN {
		for k := range ks {
			v, _ := ks[k].Int64()
			ks[k] = i((v-1)%int64(max) + 1)
		}
	}
	return ks
}
