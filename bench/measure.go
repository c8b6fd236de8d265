package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"time"
)

// opID names one measured operation.
type opID string

// The operations, in the order they are measured (update last: it
// changes qty, which the lookup and range checks read).
const (
	opLoad       opID = "load"
	opMemory     opID = "memory"
	opLookup     opID = "lookup"
	opRange      opID = "range"
	opCount      opID = "count"
	opGroupBy    opID = "groupby"
	opPrefix     opID = "prefix"
	opNWOrder    opID = "nw_order"
	opNWRevenue  opID = "nw_revenue"
	opNWCustomer opID = "nw_customer"
	opUpdate     opID = "update"
)

// unit says how an operation's figure reads.
type unit int

const (
	perOp   unit = iota // nanoseconds per call; lower is better
	perSec              // rows per second; higher is better
	inBytes             // bytes; lower is better
)

type opInfo struct {
	id    opID
	label string
	unit  unit
}

var ops = []opInfo{
	{opLoad, "bulk load, rows/s", perSec},
	{opLookup, "primary-key lookup", perOp},
	{opRange, "1,000 consecutive keys", perOp},
	{opCount, "count where category = 7 AND price > 500, no index", perOp},
	{opGroupBy, "SUM(price) GROUP BY category", perOp},
	{opUpdate, "UPDATE qty = qty + 1 WHERE category = 7", perOp},
	{opPrefix, "prefix scan of key {category, id}, category = 7", perOp},
	{opNWOrder, "Northwind: one order joined with its lines", perOp},
	{opNWRevenue, "Northwind: revenue by category (join, GROUP BY)", perOp},
	{opNWCustomer, "Northwind: quantity by customer (join, GROUP BY)", perOp},
	{opMemory, "memory after load", inBytes},
}

// Cell is one system's figure for one operation.
type Cell struct {
	Value float64   `json:"value"`           // ns per op, rows/s or bytes (see unit); 0: no figure
	Check []float64 `json:"check,omitempty"` // what the operation computed, compared across systems
	Note  string    `json:"note,omitempty"`  // why there is no figure, or how it was measured
}

// Results are one system's cells by operation.
type Results map[opID]*Cell

// measureConfig sets how long each timing runs, and where CPU profiles go.
type measureConfig struct {
	budget     time.Duration // per operation and system
	profileDir string        // if set, a CPU profile per system and operation: DIR/SYSTEM.OP.pprof
	system     string        // the key of the system measured (for the profile's name)
}

// profile starts a CPU profile of op when cfg asks for one and returns
// the function that stops it.
func (cfg measureConfig) profile(op opID) (stop func() error) {
	if cfg.profileDir == "" {
		return func() error { return nil }
	}
	f, err := os.Create(filepath.Join(cfg.profileDir, fmt.Sprintf("%s.%s.pprof", cfg.system, op)))
	if err != nil {
		return func() error { return err }
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() error { return err }
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}
}

// heapInUse returns the Go heap in use after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// timeOp returns the median time per call of fn over three rounds of
// about budget/3 each (at least one call per round), after a calibration
// run. fn gets a running call index, to pick its keys.
func timeOp(budget time.Duration, fn func(i int) error) (float64, error) {
	i := 0
	run := func(n int) (time.Duration, error) {
		start := time.Now()
		for range n {
			if err := fn(i); err != nil {
				return 0, err
			}
			i++
		}
		return time.Since(start), nil
	}
	n := 1
	var per float64
	for {
		el, err := run(n)
		if err != nil {
			return 0, err
		}
		per = float64(el) / float64(n)
		if el >= budget/10 || n >= 1<<26 {
			break
		}
		grow := 10
		if el > 0 {
			grow = min(100, max(2, int(float64(budget/10)/float64(el))+1))
		}
		n *= grow
	}
	k := max(1, int(float64(budget/3)/max(per, 1)))
	rounds := make([]float64, 3)
	for r := range rounds {
		el, err := run(k)
		if err != nil {
			return 0, err
		}
		rounds[r] = float64(el) / float64(k)
	}
	slices.Sort(rounds)
	return rounds[1], nil
}

// runSystem loads d into sys and measures every operation it supports.
// An operation that fails gets a note; the others go on.
func runSystem(sys system, d *Data, cfg measureConfig) Results {
	res := Results{}
	rows := d.Rows
	before := heapInUse()
	stop := cfg.profile(opLoad)
	start := time.Now()
	err := sys.Load(rows)
	elapsed := time.Since(start)
	if perr := stop(); err == nil && perr != nil {
		err = fmt.Errorf("cpu profile: %w", perr)
	}
	if err != nil {
		res[opLoad] = &Cell{Note: "load failed: " + err.Error()}
		return res
	}
	res[opLoad] = &Cell{Value: float64(len(rows)) / elapsed.Seconds()}
	if mr, ok := sys.(memoryReporter); ok {
		b, how, err := mr.Memory()
		res[opMemory] = cellOrNote(float64(b), nil, err)
		res[opMemory].Note = how
	} else {
		res[opMemory] = &Cell{Value: float64(int64(heapInUse()) - int64(before)), Note: "Go heap in use after GC, minus before load"}
	}
	runtime.KeepAlive(rows)

	keys, starts := d.LookupKeys, d.RangeStarts
	res[opLookup] = measure(cfg, opLookup, func() ([]float64, error) {
		var sum int64
		for _, k := range keys[:min(len(keys), 1000)] {
			q, err := sys.Lookup(k)
			if err != nil {
				return nil, err
			}
			sum += q
		}
		return []float64{float64(sum)}, nil
	}, func(i int) error {
		_, err := sys.Lookup(keys[i%len(keys)])
		return err
	})
	n := min(rangeLen, len(rows))
	if ol, ok := sys.(orderedLoader); ok {
		if err := ol.LoadOrdered(rows); err != nil {
			res[opRange] = &Cell{Note: "load failed: " + err.Error()}
		}
	}
	if res[opRange] == nil {
		res[opRange] = rangeCell(sys, starts, n, cfg)
	}
	res[opCount] = measure(cfg, opCount, func() ([]float64, error) {
		var sum int64
		for _, lo := range starts[:16] {
			s, err := sys.Range(lo, n)
			if err != nil {
				return nil, err
			}
			sum += s
		}
		return []float64{float64(sum)}, nil
	}, func(i int) error {
		_, err := sys.Range(starts[i%len(starts)], n)
		return err
	})
	res[opCount] = measure(cfg, opCount, func() ([]float64, error) {
		c, err := sys.CountFiltered()
		return []float64{float64(c)}, err
	}, func(int) error { _, err := sys.CountFiltered(); return err })
	res[opGroupBy] = measure(cfg, opGroupBy, func() ([]float64, error) {
		return sys.SumGroupBy()
	}, func(int) error { _, err := sys.SumGroupBy(); return err })

	if ps, ok := sys.(prefixScanner); ok {
		if err := ps.LoadByCategory(rows); err != nil {
			res[opPrefix] = &Cell{Note: "load failed: " + err.Error()}
		} else {
			res[opPrefix] = measure(cfg, opPrefix, func() ([]float64, error) {
				c, sum, err := ps.PrefixScan(filterCategory)
				return []float64{float64(c), float64(sum)}, err
			}, func(int) error { _, _, err := ps.PrefixScan(filterCategory); return err })
		}
	}
	if nw, ok := sys.(northwinder); ok && d.NW != nil {
		runNorthwind(nw, d.NW, cfg, res)
	}

	res[opUpdate] = measure(cfg, opUpdate, func() ([]float64, error) {
		c, err := sys.Update()
		return []float64{float64(c)}, err
	}, func(int) error { _, err := sys.Update(); return err })
	return res
}

func rangeCell(sys system, starts []int64, n int, cfg measureConfig) *Cell {
	return measure(cfg, opRange, func() ([]float64, error) {
		var sum int64
		for _, lo := range starts[:16] {
			s, err := sys.Range(lo, n)
			if err != nil {
				return nil, err
			}
			sum += s
		}
		return []float64{float64(sum)}, nil
	}, func(i int) error {
		_, err := sys.Range(starts[i%len(starts)], n)
		return err
	})
}

func runNorthwind(nw northwinder, d *NWData, cfg measureConfig, res Results) {
	if err := nw.LoadNorthwind(d); err != nil {
		note := &Cell{Note: "load failed: " + err.Error()}
		res[opNWOrder], res[opNWRevenue], res[opNWCustomer] = note, note, note
		return
	}
	orders := d.LineOrders
	res[opNWOrder] = measure(cfg, opNWOrder, func() ([]float64, error) {
		var lines, qty int64
		for _, o := range orders[:min(len(orders), 100)] {
			n, q, err := nw.OrderLines(o)
			if err != nil {
				return nil, err
			}
			lines += int64(n)
			qty += q
		}
		return []float64{float64(lines), float64(qty)}, nil
	}, func(i int) error {
		_, _, err := nw.OrderLines(orders[i%len(orders)])
		return err
	})
	res[opNWRevenue] = measure(cfg, opNWRevenue, func() ([]float64, error) {
		return nw.RevenueByCategory()
	}, func(int) error { _, err := nw.RevenueByCategory(); return err })
	res[opNWCustomer] = measure(cfg, opNWCustomer, func() ([]float64, error) {
		c, q, err := nw.QuantityByCustomer()
		return []float64{float64(c), float64(q)}, err
	}, func(int) error { _, _, err := nw.QuantityByCustomer(); return err })
}

// measure runs check once (its result is compared across systems), then
// times fn.
func measure(cfg measureConfig, op opID, check func() ([]float64, error), fn func(i int) error) *Cell {
	c, err := check()
	if err != nil {
		return noteFor(err)
	}
	stop := cfg.profile(op)
	ns, err := timeOp(cfg.budget, fn)
	if perr := stop(); err == nil && perr != nil {
		err = fmt.Errorf("cpu profile: %w", perr)
	}
	if err != nil {
		return noteFor(err)
	}
	return &Cell{Value: ns, Check: c}
}

func cellOrNote(v float64, check []float64, err error) *Cell {
	if err != nil {
		return noteFor(err)
	}
	return &Cell{Value: v, Check: check}
}

func noteFor(err error) *Cell {
	if errors.Is(err, errUnsupported) {
		return &Cell{Note: "—"}
	}
	return &Cell{Note: fmt.Sprintf("error: %v", err)}
}
