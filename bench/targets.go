package main

import (
	"fmt"
	"io"
	"math"
)

// Target is one of issue 8's performance targets checked against a run:
// etsql's figure (System) against a peer's (Peer), as a ratio that must
// reach Want.
type Target struct {
	What     string  `json:"what"`
	System   string  `json:"system"` // the etsql column measured
	Peer     string  `json:"peer"`   // the column compared with ("" for an absolute target)
	Op       opID    `json:"op"`
	Value    float64 `json:"value"`      // the system's figure
	PeerVal  float64 `json:"peer_value"` // the peer's figure, or the absolute limit
	Ratio    float64 `json:"ratio"`      // how many times better the system is; 0: no figure
	Want     float64 `json:"want"`
	Met      bool    `json:"met"`
	Absolute bool    `json:"absolute,omitempty"` // Value against a fixed limit, not a peer
}

// The etsql columns the targets read: the "native API" is the SQL
// Go API for the targets against SQLite and the engine for those against
// ETS and the plain Go floor.
const (
	colSQL    = "etsql-sql"
	colDriver = "etsql-driver"
)

// scanOps are the operations with a target against SQLite besides the
// lookup and the range.
var scanOps = []opID{opCount, opGroupBy, opUpdate}

// targets checks issue 8's targets against the run.
func targets(run *Run) []Target {
	var out []Target
	vsPeer := func(what, sys, peer string, op opID, want float64) {
		t := Target{What: what, System: sys, Peer: peer, Op: op, Want: want,
			Value: run.value(sys, op), PeerVal: run.value(peer, op)}
		if t.Value != 0 && t.PeerVal != 0 {
			t.Ratio = ratio(opUnit(op), t.Value, t.PeerVal)
			t.Met = t.Ratio >= want
		}
		out = append(out, t)
	}
	sqlite := func(op opID) string { return fasterOf(run, op, "modernc", "mattn") }
	floor := func(op opID) string { return fasterOf(run, op, "map", "btree") }

	for _, op := range []opID{opLookup, opRange} {
		vsPeer("SQL API ≥ 10× faster than SQLite", colSQL, sqlite(op), op, 10)
	}
	for _, op := range scanOps {
		vsPeer("SQL API ≥ 3× faster than SQLite", colSQL, sqlite(op), op, 3)
	}
	vsPeer("database/sql ≥ 2× faster than SQLite", colDriver, sqlite(opLookup), opLookup, 2)
	vsPeer("engine ≥ 3× faster than ETS", baseline, "ets", opLookup, 3)
	for _, op := range []opID{opLoad, opRange, opCount, opGroupBy, opUpdate, opPrefix, opNWOrder, opNWRevenue, opNWCustomer} {
		vsPeer("engine ≥ 5× faster than ETS", baseline, "ets", op, 5)
	}
	for _, op := range []opID{opLookup, opRange, opCount, opGroupBy, opUpdate} {
		vsPeer("engine within 2× of the plain Go floor", baseline, floor(op), op, 0.5)
	}
	for _, sys := range []string{baseline, colSQL} {
		load := run.value(sys, opLoad)
		out = append(out, Target{What: "load ≥ 2M rows/s", System: sys, Op: opLoad, Value: load,
			PeerVal: 2e6, Ratio: load / 2e6, Want: 1, Met: load >= 2e6, Absolute: true})
	}
	limit := 130 * float64(1<<20) * float64(run.Rows) / 1e6
	for _, sys := range []string{baseline, colSQL} {
		mem := run.value(sys, opMemory)
		t := Target{What: "memory after load < ETS's 130 MiB per 1M rows", System: sys, Op: opMemory,
			Value: mem, PeerVal: limit, Want: 1, Met: mem > 0 && mem < limit, Absolute: true}
		if mem > 0 {
			t.Ratio = limit / mem
		}
		out = append(out, t)
	}
	return out
}

// fasterOf returns the system with the better figure for op among a and
// b (a when neither has one).
func fasterOf(run *Run, op opID, a, b string) string {
	va, vb := run.value(a, op), run.value(b, op)
	switch {
	case va == 0 && vb != 0:
		return b
	case va == 0 || vb == 0:
		return a
	case ratio(opUnit(op), va, vb) >= 1:
		return a
	}
	return b
}

func opUnit(op opID) unit {
	for _, o := range ops {
		if o.id == op {
			return o.unit
		}
	}
	return perOp
}

// columnTitle returns the title of a system's column.
func columnTitle(key string) string {
	for _, c := range contenders {
		if c.key == key {
			return c.title
		}
	}
	return key
}

// writeTargets prints the targets as a Markdown list, each with the
// figures it compares, and how many are met.
func writeTargets(w io.Writer, ts []Target) {
	met, measured := 0, 0
	for _, t := range ts {
		if t.Ratio != 0 {
			measured++
		}
		if t.Met {
			met++
		}
	}
	fmt.Fprintf(w, "Targets (issue 8): %d of %d met (%d without figures in this run)\n\n", met, len(ts), len(ts)-measured)
	for _, t := range ts {
		fmt.Fprintf(w, "- %s\n", targetLine(t))
	}
	fmt.Fprintln(w)
}

func targetLine(t Target) string {
	u := opUnit(t.Op)
	verdict := "NOT met"
	if t.Met {
		verdict = "met"
	}
	if t.Absolute {
		if t.Value == 0 {
			return fmt.Sprintf("%s, %s: no figure", t.What, columnTitle(t.System))
		}
		return fmt.Sprintf("%s, %s: %s — %s", t.What, columnTitle(t.System), formatValue(u, t.Value), verdict)
	}
	head := fmt.Sprintf("%s, %s: %s %s vs %s", t.What, t.Op, columnTitle(t.System), figureOrNone(u, t.Value),
		columnTitle(t.Peer))
	if t.Ratio == 0 || math.IsInf(t.Ratio, 0) || math.IsNaN(t.Ratio) {
		return fmt.Sprintf("%s %s: no figure", head, figureOrNone(u, t.PeerVal))
	}
	return fmt.Sprintf("%s %s = %s× (want ≥ %g×) — %s", head, formatValue(u, t.PeerVal), trimRatio(t.Ratio), t.Want, verdict)
}

func figureOrNone(u unit, v float64) string {
	if v == 0 {
		return "(none)"
	}
	return formatValue(u, v)
}
