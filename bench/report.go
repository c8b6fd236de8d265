package main

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// column is one system of the report.
type column struct {
	key, title string
}

// Run is the outcome of one benchmark run at one size.
type Run struct {
	Rows      int                `json:"rows"`
	NWScale   int                `json:"northwind_scale"`
	NWLines   int                `json:"northwind_order_lines"`
	BudgetMS  int                `json:"budget_ms"`
	Systems   map[string]Results `json:"systems"`
	SysNotes  map[string]string  `json:"system_notes,omitempty"`
	Extra     map[string]string  `json:"extra,omitempty"` // side figures, e.g. ETS range by select
	LoadAvg   string             `json:"load_average,omitempty"`
	Targets   []Target           `json:"targets,omitempty"`
	StartedAt string             `json:"started_at"`
}

// howMeasured says how each system runs the operations, and on which
// table types.
const howMeasured = `How: etsql native is the engine (package engine) as ets: items in a set (lookup by AppendLookup,
count by select_count, update by select_replace with compiled match specifications, GROUP BY by foldl),
ranges and key prefixes by RangeScan of an ordered_set; etsql SQL is the root package's Go API (prepared
Stmt, QueryRow+Scan for lookups, InsertRows in batches of 4096 for loads); etsql database/sql is the
"etsql" driver (DSN mem:NAME) with prepared statements, one INSERT per row in a transaction. etsql and
ETS keep items in a set (hash: lookups, full scans, update, load and memory figures) and read the
1,000-key ranges from an ordered_set copy keyed by id (loaded apart, not in the load figure); the
composite keys {category, id} and Northwind's order_details are ordered_sets, products a set. SQLite
(database/sql, prepared statements, loads in one transaction) uses a rowid table, WITHOUT ROWID for the
composite keys; go-memdb a unique id index (radix tree), compound for the composite keys.`

// baseline is the column the ratios compare against.
const baseline = "etsql"

func formatValue(u unit, v float64) string {
	switch u {
	case perSec:
		switch {
		case v >= 1e6:
			return fmt.Sprintf("%.2fM", v/1e6)
		case v >= 1e3:
			return fmt.Sprintf("%.0fk", v/1e3)
		}
		return fmt.Sprintf("%.0f", v)
	case inBytes:
		return fmt.Sprintf("%.1f MiB", v/(1<<20))
	}
	switch {
	case v >= 1e9:
		return fmt.Sprintf("%.2f s", v/1e9)
	case v >= 1e6:
		return fmt.Sprintf("%.3g ms", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.3g µs", v/1e3)
	}
	return fmt.Sprintf("%.0f ns", v)
}

// ratio is how many times better the baseline is than v (above 1: the
// baseline is faster or smaller).
func ratio(u unit, base, v float64) float64 {
	if u == perSec {
		return base / v
	}
	return v / base
}

func formatRatio(r float64) string {
	switch {
	case r >= 100:
		return fmt.Sprintf("%.0f×", r)
	case r >= 10:
		return fmt.Sprintf("%.1f×", r)
	}
	return fmt.Sprintf("%.2f×", r)
}

// checksAgree reports whether two computed results are the same, floats
// within a relative 1e-6 (sums in different orders differ in the last
// bits).
func checksAgree(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		d := math.Abs(a[i] - b[i])
		if d > 1e-6*math.Max(1, math.Max(math.Abs(a[i]), math.Abs(b[i]))) {
			return false
		}
	}
	return true
}

// writeMarkdown prints the run as a Markdown table: each system's figure,
// and for every peer etsql native's ratio to it.
func writeMarkdown(w io.Writer, run *Run, cols []column) {
	fmt.Fprintf(w, "\n### %d rows (Northwind scale %d: %d order lines; %d ms per figure; load average %s)\n\n",
		run.Rows, run.NWScale, run.NWLines, run.BudgetMS, run.LoadAvg)
	var notes []string
	head := []string{"operation"}
	for _, c := range cols {
		head = append(head, c.title)
	}
	fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
	base := run.Systems[baseline]
	for _, op := range ops {
		line := []string{op.label}
		ref := referenceCheck(run, cols, op.id)
		for _, c := range cols {
			line = append(line, cellText(run, c, op, base, ref, &notes))
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(line, " | "))
	}
	fmt.Fprintf(w, "\nRatios (×) are the peer's figure over etsql native's (for rows/s the reverse): above 1, etsql native is faster or smaller.\n\n%s\n", howMeasured)
	for _, c := range cols {
		if n := run.SysNotes[c.key]; n != "" {
			notes = append(notes, fmt.Sprintf("%s: %s", c.title, n))
		}
	}
	for k, v := range run.Extra {
		notes = append(notes, fmt.Sprintf("%s: %s", k, v))
	}
	for _, n := range notes {
		fmt.Fprintf(w, "- %s\n", n)
	}
	fmt.Fprintln(w)
	writeTargets(w, targets(run))
}

// referenceCheck is the computed result the systems should agree on: the
// first one in column order.
func referenceCheck(run *Run, cols []column, op opID) []float64 {
	for _, c := range cols {
		if cell := run.Systems[c.key][op]; cell != nil && cell.Check != nil {
			return cell.Check
		}
	}
	return nil
}

func cellText(run *Run, c column, op opInfo, base Results, ref []float64, notes *[]string) string {
	res := run.Systems[c.key]
	if res == nil {
		return "n/a"
	}
	cell := res[op.id]
	if cell == nil {
		return "—"
	}
	if cell.Value == 0 {
		if cell.Note != "" && cell.Note != "—" {
			*notes = append(*notes, fmt.Sprintf("%s, %s: %s", c.title, op.label, cell.Note))
			return "error"
		}
		return "—"
	}
	text := formatValue(op.unit, cell.Value)
	if op.id == opMemory && cell.Note != "" && !strings.HasPrefix(cell.Note, "Go heap") {
		*notes = append(*notes, fmt.Sprintf("%s, memory: %s", c.title, cell.Note))
		text += "¹"
	}
	if c.key != baseline && base != nil && base[op.id] != nil && base[op.id].Value != 0 {
		text += " (" + formatRatio(ratio(op.unit, base[op.id].Value, cell.Value)) + ")"
	}
	if ref != nil && cell.Check != nil && !checksAgree(ref, cell.Check) {
		*notes = append(*notes, fmt.Sprintf("%s, %s: result %v differs from %v", c.title, op.label, cell.Check, ref))
		text += " ≠"
	}
	return text
}

// value returns a system's figure for op, or 0.
func (run *Run) value(sys string, op opID) float64 {
	if c := run.Systems[sys][op]; c != nil {
		return c.Value
	}
	return 0
}

func trimRatio(r float64) string { return strings.TrimSuffix(formatRatio(r), "×") }

func metIf(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}
