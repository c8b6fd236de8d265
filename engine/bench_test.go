package engine

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/etsql/etsql/term"
)

// The benchmark data: benchN rows {Id, Name, Category, Price, Qty}, as in
// testdata/bench_ets.escript, in random order.
const benchN = 1_000_000

func benchRow(id int64) term.Term {
	return tu(i(id), term.BinaryString("product-"+strconv.FormatInt(id, 10)), i(id%100), f(float64(id%10000)/10), i(id%50))
}

// benchRows returns the rows with ids 1..n in random order, each built
// in that order, as a loader builds each row just before inserting it.
func benchRows(n int) []term.Term {
	ids := make([]int64, n)
	for k := range ids {
		ids[k] = int64(k + 1)
	}
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(n, func(x, y int) { ids[x], ids[y] = ids[y], ids[x] })
	rows := make([]term.Term, n)
	for k, id := range ids {
		rows[k] = benchRow(id)
	}
	return rows
}

var benchTables = struct {
	sync.Mutex
	m map[Type]*Table
	p *Process
}{m: map[Type]*Table{}}

// benchTable returns a table of the type holding the benchmark rows,
// built once per test binary run.
func benchTable(b *testing.B, typ Type) (*Process, *Table) {
	b.Helper()
	benchTables.Lock()
	defer benchTables.Unlock()
	if benchTables.p == nil {
		benchTables.p = NewDB().NewProcess("bench")
	}
	p := benchTables.p
	if tab, ok := benchTables.m[typ]; ok {
		return p, tab
	}
	tab, err := p.db.New(p, "bench", Options{Type: typ, Access: Public})
	if err != nil {
		b.Fatal(err)
	}
	for _, row := range benchRows(benchN) {
		if err := tab.Insert(p, row); err != nil {
			b.Fatal(err)
		}
	}
	benchTables.m[typ] = tab
	return p, tab
}

func randomKeys(n int) []term.Term {
	r := rand.New(rand.NewPCG(3, 4))
	keys := make([]term.Term, n)
	for k := range keys {
		keys[k] = i(r.Int64N(benchN) + 1)
	}
	return keys
}

func BenchmarkTable_Lookup(b *testing.B) {
	for _, typ := range []Type{Set, OrderedSet} {
		b.Run(typ.String(), func(b *testing.B) {
			p, tab := benchTable(b, typ)
			keys := randomKeys(1 << 16)
			buf := make([]term.Term, 0, 1)
			b.ReportAllocs()
			b.ResetTimer()
			for n := 0; b.Loop(); n++ {
				var err error
				buf, err = tab.AppendLookup(buf[:0], p, keys[n&(1<<16-1)])
				if err != nil || len(buf) != 1 {
					b.Fatal("lookup failed")
				}
			}
		})
	}
}

func BenchmarkTable_Insert(b *testing.B) {
	for _, typ := range []Type{Set, OrderedSet} {
		b.Run(typ.String(), func(b *testing.B) {
			rows := benchRows(benchN)
			db := NewDB()
			p := db.NewProcess("bench")
			var tab *Table
			b.ReportAllocs()
			b.ResetTimer()
			for n := 0; b.Loop(); n++ {
				if n%benchN == 0 {
					tab, _ = db.New(p, "t", Options{Type: typ})
				}
				if err := tab.Insert(p, rows[n%benchN]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkTable_UpdateCounter(b *testing.B) {
	p, tab := benchTable(b, Set)
	keys := randomKeys(1 << 16)
	op := CounterOp{Pos: 5, Incr: i(1)}
	b.ReportAllocs()
	for n := 0; b.Loop(); n++ {
		if _, err := tab.UpdateCounter1(p, keys[n&(1<<16-1)], op, term.Term{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTable_UpdateCounter_handedOut updates objects every one of
// which a caller was given (tab2list hands them all out before each pass
// over the keys, a permutation): each update makes a new version, as in
// BenchmarkVersusETS after its lookups.
func BenchmarkTable_UpdateCounter_handedOut(b *testing.B) {
	p, tab := benchTable(b, Set)
	keys := make([]term.Term, benchN)
	for k, id := range rand.New(rand.NewPCG(5, 6)).Perm(benchN) {
		keys[k] = i(int64(id + 1))
	}
	op := CounterOp{Pos: 5, Incr: i(1)}
	b.ReportAllocs()
	for n := 0; b.Loop(); n++ {
		if n%benchN == 0 {
			b.StopTimer()
			if _, err := tab.Tab2List(p); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		if _, err := tab.UpdateCounter1(p, keys[n%benchN], op, term.Term{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTable_Range1000(b *testing.B) {
	p, tab := benchTable(b, OrderedSet)
	lo := int64(benchN / 2)
	b.Run("RangeScan", func(b *testing.B) {
		r := Range{Lower: Bound{Key: i(lo)}, Upper: Bound{Key: i(lo + 1000), Exclusive: true}}
		for b.Loop() {
			n := 0
			_ = tab.RangeScan(p, r, func(term.Term) bool { n++; return true })
			if n != 1000 {
				b.Fatalf("range gave %d", n)
			}
		}
	})
	b.Run("NextLoop", func(b *testing.B) {
		buf := make([]term.Term, 0, 1)
		for b.Loop() {
			nextLoop(b, p, tab, i(lo), 1000, buf)
		}
	})
}

func nextLoop(b *testing.B, p *Process, tab *Table, k term.Term, count int, buf []term.Term) {
	ok := true
	var err error
	for ; ok && count > 0; count-- {
		if buf, err = tab.AppendLookup(buf[:0], p, k); err != nil || len(buf) != 1 {
			b.Fatal("lookup in next loop failed")
		}
		if k, ok, err = tab.Next(p, k); err != nil {
			b.Fatal(err)
		}
	}
}

// heapInUse returns the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkTable_Memory reports the heap a table of the benchmark rows
// holds (objects and index), in MiB.
func BenchmarkTable_Memory(b *testing.B) {
	for _, typ := range []Type{Set, OrderedSet} {
		b.Run(typ.String(), func(b *testing.B) {
			for b.Loop() {
				mib := tableMiB(b, typ, benchN)
				b.ReportMetric(mib, "MiB")
			}
		})
	}
}

func tableMiB(b *testing.B, typ Type, n int) float64 {
	before := heapInUse()
	db := NewDB()
	p := db.NewProcess("mem")
	tab, err := db.New(p, "t", Options{Type: typ})
	if err != nil {
		b.Fatal(err)
	}
	rows := benchRows(n)
	if err := tab.Insert(p, rows...); err != nil {
		b.Fatal(err)
	}
	rows = nil
	after := heapInUse()
	runtime.KeepAlive(tab)
	return float64(after-before) / (1 << 20)
}

// BenchmarkTable_SelectCountAfterUpdates counts with a match
// specification over a set whose objects were all updated once by
// update_counter, in random order (as in BenchmarkVersusETS).
func BenchmarkTable_SelectCountAfterUpdates(b *testing.B) {
	p, tab := benchTable(b, Set)
	op := CounterOp{Pos: 5, Incr: i(1)}
	for _, k := range randomKeysN(benchN, benchN) {
		if _, err := tab.UpdateCounter1(p, k, op, term.Term{}); err != nil {
			b.Fatal(err)
		}
	}
	prog, err := CompileSpec(spec(`[{{'_','_','$1','$2','_'},[{'==','$1',7},{'>','$2',500.0}],[true]}]`))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if n, err := tab.SelectCount(p, prog); err != nil || n == 0 {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkTable_SelectCount is a full scan with guards: select_count of
// the rows of category 7 priced over 500.
func BenchmarkTable_SelectCount(b *testing.B) {
	prog, err := CompileSpec(spec(`[{{'_','_','$1','$2','_'},[{'==','$1',7},{'>','$2',500.0}],[true]}]`))
	if err != nil {
		b.Fatal(err)
	}
	for _, typ := range []Type{Set, OrderedSet} {
		b.Run(typ.String(), func(b *testing.B) {
			p, tab := benchTable(b, typ)
			for b.Loop() {
				if _, err := tab.SelectCount(p, prog); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// The same rows inserted in one call: the leaves are compacted.
	b.Run("ordered_set_bulk", func(b *testing.B) {
		db := NewDB()
		p := db.NewProcess("bench")
		tab, err := db.New(p, "bulk", Options{Type: OrderedSet})
		if err != nil {
			b.Fatal(err)
		}
		if err := tab.Insert(p, benchRows(benchN)...); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := tab.SelectCount(p, prog); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkTable_SelectLimitRange reads 1,000 consecutive keys of the
// ordered_set in chunks of 100 with select/3 and a guard range.
func BenchmarkTable_SelectLimitRange(b *testing.B) {
	p, tab := benchTable(b, OrderedSet)
	lo := int64(benchN / 2)
	prog, err := CompileSpec(spec(`[{{'$1','_','_','_','_'},[{'>=','$1',` + itoa(lo) + `},{'<','$1',` + itoa(lo+1000) + `}],['$_']}]`))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		n := 0
		res, c, err := tab.SelectLimit(p, prog, 100)
		for err == nil && res != nil {
			n += len(res)
			res, c, err = c.Next(p)
		}
		if err != nil || n != 1000 {
			b.Fatalf("got %d results, %v", n, err)
		}
	}
}
