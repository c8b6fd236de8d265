package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/etsql/etsql/internal/erltest"
)

// smokeRows is the size of the data the tests run every system on.
const smokeRows = 3000

var smoke = sync.OnceValue(func() *Data {
	d := generate(smokeRows)
	nw, err := generateNW(1)
	if err != nil {
		panic(err)
	}
	d.NW = nw
	return d
})

// reference computes every operation's result from the data directly.
func reference(d *Data) Results {
	byID := map[int64]Row{}
	for _, r := range d.Rows {
		byID[r.ID] = r
	}
	var lookup, rng float64
	for _, k := range d.LookupKeys[:1000] {
		lookup += float64(byID[k].Qty)
	}
	for _, lo := range d.RangeStarts[:16] {
		for id := lo; id < lo+rangeLen && id <= int64(len(d.Rows)); id++ {
			rng += float64(byID[id].Qty)
		}
	}
	var count, inCat, sumID float64
	sums := make([]float64, categories)
	for _, r := range d.Rows {
		if r.Category == filterCategory && r.Price > filterPrice {
			count++
		}
		if r.Category == filterCategory {
			inCat++
			sumID += float64(r.ID)
		}
		sums[r.Category] += r.Price
	}
	nw := d.NW
	cat, cust := map[int64]int64{}, map[int64]string{}
	for _, p := range nw.Products {
		cat[p.ID] = p.Category
	}
	for _, o := range nw.Orders {
		cust[o.ID] = o.Customer
	}
	rev := make([]float64, nwCategories+1)
	byCust := map[string]int64{}
	lines := map[int64][2]float64{}
	var qty float64
	for _, l := range nw.Details {
		rev[cat[l.Product]] += l.Price * float64(l.Quantity) * (1 - l.Discount)
		byCust[cust[l.Order]] += l.Quantity
		qty += float64(l.Quantity)
		x := lines[l.Order]
		lines[l.Order] = [2]float64{x[0] + 1, x[1] + float64(l.Quantity)}
	}
	var ol [2]float64
	for _, o := range nw.LineOrders[:100] {
		ol[0] += lines[o][0]
		ol[1] += lines[o][1]
	}
	return Results{
		opLookup:     {Check: []float64{lookup}},
		opRange:      {Check: []float64{rng}},
		opCount:      {Check: []float64{count}},
		opGroupBy:    {Check: sums},
		opPrefix:     {Check: []float64{inCat, sumID}},
		opNWOrder:    {Check: ol[:]},
		opNWRevenue:  {Check: rev},
		opNWCustomer: {Check: []float64{float64(len(byCust)), qty}},
		opUpdate:     {Check: []float64{inCat}},
	}
}

// checkAgainst compares a system's results with the reference.
func checkAgainst(t *testing.T, name string, got, want Results) {
	t.Helper()
	for op, w := range want {
		g := got[op]
		switch {
		case g == nil:
			t.Errorf("%s: %s: no result", name, op)
		case g.Note == "—" && op == opRange && name == "map":
			// A map has no order: no range scans.
		case g.Value == 0:
			t.Errorf("%s: %s: no figure (%s)", name, op, g.Note)
		case !checksAgree(w.Check, g.Check):
			t.Errorf("%s: %s = %v, want %v", name, op, g.Check, w.Check)
		}
	}
	if got[opLoad] == nil || got[opLoad].Value <= 0 {
		t.Errorf("%s: no load figure", name)
	}
}

var smokeConfig = measureConfig{budget: time.Millisecond}

func TestRunSystem_goSystems_agreeWithReference(t *testing.T) {
	d := smoke()
	want := reference(d)
	for _, c := range contenders {
		if c.make == nil || c.key == "mattn" && !cgoEnabled {
			continue
		}
		t.Run(c.key, func(t *testing.T) {
			sys := c.make()
			got := runSystem(sys, d, smokeConfig)
			if err := sys.Close(); err != nil {
				t.Fatal(err)
			}
			checkAgainst(t, c.key, got, want)
		})
	}
}

func TestRunETS_agreesWithReference(t *testing.T) {
	erltest.Require(t)
	d := smoke()
	got, extra, err := runETS(d, smokeConfig)
	if err != nil {
		t.Fatal(err)
	}
	checkAgainst(t, "ets", got, reference(d))
	if len(extra) != 1 {
		t.Errorf("extra figures = %v, want the select range", extra)
	}
}

func TestRun_printsOneTable(t *testing.T) {
	var out, progress bytes.Buffer
	if err := run([]string{"-rows", "2k", "-budget", "1ms", "-systems", "etsql,map,btree"}, &out, &progress); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"### 2000 rows", "| operation | etsql native | Go map | Go B-tree |",
		"| primary-key lookup | ", "- load ≥ 2M rows/s, etsql native: "} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "≠") || strings.Contains(text, "error") {
		t.Errorf("systems disagree or fail:\n%s", text)
	}
}

func TestParseSizes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
		err  bool
	}{
		{"10k,100000,1M", []int{10_000, 100_000, 1_000_000}, false},
		{"5M", []int{5_000_000}, false},
		{"0", nil, true},
		{"x", nil, true},
		{"1000M", nil, true},
	} {
		got, err := parseSizes(tc.in)
		if (err != nil) != tc.err || fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("parseSizes(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

// ---- allocation discipline ----

// loadedNative returns etsql native loaded with n rows.
func loadedNative(t testing.TB, n int) (*etsqlNative, *Data) {
	d := generate(n)
	e := newEtsqlNative()
	if err := e.Load(d.Rows); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e, d
}

func TestEtsqlNative_Lookup_allocatesNothing(t *testing.T) {
	e, d := loadedNative(t, smokeRows)
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		if _, err := e.Lookup(d.LookupKeys[i%len(d.LookupKeys)]); err != nil {
			t.Fatal(err)
		}
		i++
	})
	if allocs != 0 {
		t.Errorf("Lookup allocates %v times per call, want 0", allocs)
	}
}

// noMatchSpec matches no row of the items (no category is 1000).
const noMatchSpec = "[{{'_','_',1000,'$1','_'},[{'>','$1',500}],[true]}]"

// A select_count allocates per call, never per object that does not
// match: four times the rows must not add one allocation.
func TestEtsqlNative_SelectCount_nonMatchingRowsAllocateNothing(t *testing.T) {
	prog, err := compileSpec(noMatchSpec)
	if err != nil {
		t.Fatal(err)
	}
	small, _ := loadedNative(t, 4_000)
	large, _ := loadedNative(t, 16_000)
	count := func(e *etsqlNative) float64 {
		return testing.AllocsPerRun(20, func() {
			if n, err := e.items.SelectCount(e.p, prog); err != nil || n != 0 {
				t.Fatalf("SelectCount = %d, %v; want 0, nil", n, err)
			}
		})
	}
	if a, b := count(small), count(large); b > a {
		t.Errorf("select_count matching nothing: %v allocations at 4000 rows, %v at 16000, want no more", a, b)
	}
}

// ---- Go benchmarks: figures with allocations (go test -bench . ./bench) ----

// benchRows is the table size of the Go benchmarks: $ETSQL_BENCH_ROWS or
// 100000.
func benchRows(b *testing.B) int {
	if s := os.Getenv("ETSQL_BENCH_ROWS"); s != "" {
		n, err := parseSizes(s)
		if err != nil || len(n) != 1 {
			b.Fatalf("ETSQL_BENCH_ROWS=%q: want one size", s)
		}
		return n[0]
	}
	return 100_000
}

var (
	benchMu      sync.Mutex
	benchData    *Data
	benchSystems = map[string]system{}
)

// benchSystem returns the system loaded with the benchmark rows, loading
// it on first use (one at a time: the last one is dropped).
func benchSystem(b *testing.B, c contender) (system, *Data) {
	benchMu.Lock()
	defer benchMu.Unlock()
	if benchData == nil {
		benchData = generate(benchRows(b))
	}
	if sys, ok := benchSystems[c.key]; ok {
		return sys, benchData
	}
	for k, sys := range benchSystems {
		sys.Close()
		delete(benchSystems, k)
	}
	sys := c.make()
	if err := sys.Load(benchData.Rows); err != nil {
		b.Fatal(err)
	}
	if ol, ok := sys.(orderedLoader); ok {
		if err := ol.LoadOrdered(benchData.Rows); err != nil {
			b.Fatal(err)
		}
	}
	benchSystems[c.key] = sys
	return sys, benchData
}

func eachSystem(b *testing.B, fn func(b *testing.B, sys system, d *Data)) {
	for _, c := range contenders {
		if c.make == nil || c.key == "mattn" && !cgoEnabled {
			continue
		}
		b.Run(c.key, func(b *testing.B) {
			sys, d := benchSystem(b, c)
			b.ReportAllocs()
			b.ResetTimer()
			fn(b, sys, d)
		})
	}
}

func BenchmarkLookup(b *testing.B) {
	eachSystem(b, func(b *testing.B, sys system, d *Data) {
		for i := 0; b.Loop(); i++ {
			if _, err := sys.Lookup(d.LookupKeys[i%len(d.LookupKeys)]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkRange1000(b *testing.B) {
	eachSystem(b, func(b *testing.B, sys system, d *Data) {
		if _, err := sys.Range(1, 1); err == errUnsupported {
			b.Skip("no order")
		}
		for i := 0; b.Loop(); i++ {
			if _, err := sys.Range(d.RangeStarts[i%len(d.RangeStarts)], rangeLen); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkCountFiltered(b *testing.B) {
	eachSystem(b, func(b *testing.B, sys system, d *Data) {
		for b.Loop() {
			if _, err := sys.CountFiltered(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(d.Rows)), "ns/row")
	})
}

// BenchmarkScanNoMatch is a full scan that matches nothing, through the
// engine (select_count) and through SQL (a prepared count(*)): its
// allocs/op must not grow with the rows.
func BenchmarkScanNoMatch(b *testing.B) {
	b.Run("etsql", func(b *testing.B) {
		sys, d := benchSystem(b, contenderNamed(b, "etsql"))
		e := sys.(*etsqlNative)
		prog, err := compileSpec(noMatchSpec)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := e.items.SelectCount(e.p, prog); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(d.Rows)), "ns/row")
	})
	b.Run("etsql-sql", func(b *testing.B) {
		sys, d := benchSystem(b, contenderNamed(b, "etsql-sql"))
		st, err := sys.(*etsqlSQL).db.Prepare("SELECT count(*) FROM items WHERE category = ? AND price > ?")
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		var n int64
		for b.Loop() {
			if err := st.QueryRow(1000, filterPrice).Scan(&n); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(d.Rows)), "ns/row")
	})
}

func contenderNamed(b *testing.B, key string) contender {
	for _, c := range contenders {
		if c.key == key {
			return c
		}
	}
	b.Fatalf("no system %q", key)
	return contender{}
}

func BenchmarkSumGroupBy(b *testing.B) {
	eachSystem(b, func(b *testing.B, sys system, d *Data) {
		for b.Loop() {
			if _, err := sys.SumGroupBy(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLoad inserts the benchmark rows into an empty system.
func BenchmarkLoad(b *testing.B) {
	rows := generate(benchRows(b)).Rows
	for _, c := range contenders {
		if c.make == nil || c.key == "mattn" && !cgoEnabled {
			continue
		}
		b.Run(c.key, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sys := c.make()
				if err := sys.Load(rows); err != nil {
					b.Fatal(err)
				}
				sys.Close()
			}
			b.ReportMetric(float64(len(rows))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkPrefixScan scans one category of the rows keyed by {category,
// id} (loaded on first use, not timed).
func BenchmarkPrefixScan(b *testing.B) {
	eachSystem(b, func(b *testing.B, sys system, d *Data) {
		ps, ok := sys.(prefixScanner)
		if !ok {
			b.Skip("no composite keys")
		}
		loadOnce(b, sys, "bycat", func() error { return ps.LoadByCategory(d.Rows) })
		b.ResetTimer()
		for b.Loop() {
			if _, _, err := ps.PrefixScan(filterCategory); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkNWOrder reads one Northwind order joined with its lines (the
// Northwind tables, scale rows/10,000, loaded on first use, not timed).
func BenchmarkNWOrder(b *testing.B) {
	eachSystem(b, func(b *testing.B, sys system, d *Data) {
		nw, ok := sys.(northwinder)
		if !ok {
			b.Skip("no Northwind")
		}
		var nwd *NWData
		loadOnce(b, sys, "northwind", func() (err error) {
			if nwd, err = generateNW(max(1, len(d.Rows)/10_000)); err != nil {
				return err
			}
			benchNW[sys] = nwd
			return nw.LoadNorthwind(nwd)
		})
		nwd = benchNW[sys]
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			if _, _, err := nw.OrderLines(nwd.LineOrders[i%len(nwd.LineOrders)]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

var (
	benchLoaded = map[system]map[string]bool{}
	benchNW     = map[system]*NWData{}
)

// loadOnce runs load the first time a benchmark asks sys for what.
func loadOnce(b *testing.B, sys system, what string, load func() error) {
	benchMu.Lock()
	defer benchMu.Unlock()
	if benchLoaded[sys][what] {
		return
	}
	if err := load(); err != nil {
		b.Fatal(err)
	}
	if benchLoaded[sys] == nil {
		benchLoaded[sys] = map[string]bool{}
	}
	benchLoaded[sys][what] = true
}

// BenchmarkUpdate adds 1 to qty in the rows of one category (category 7:
// 1% of the rows), each call.
func BenchmarkUpdate(b *testing.B) {
	eachSystem(b, func(b *testing.B, sys system, d *Data) {
		for b.Loop() {
			if _, err := sys.Update(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
