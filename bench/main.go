// Command bench measures etsql against its peers side by side, in one
// run, and prints one Markdown table per size (see doc.go).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// contender is a system the runner knows: a Go one (make) or the ETS
// escript (external), or one that does not exist yet (pending says why).
type contender struct {
	column
	make     func() system
	external bool
	pending  string
}

var contenders = []contender{
	{column: column{"etsql", "etsql native"}, make: func() system { return newEtsqlNative() }},
	{column: column{"etsql-sql", "etsql SQL"}, make: func() system { return newEtsqlSQL() }},
	{column: column{"etsql-driver", "etsql database/sql"}, make: func() system { return newEtsqlDriver() }},
	{column: column{"modernc", "SQLite modernc"}, make: func() system { return newSQLite("SQLite modernc", "sqlite") }},
	{column: column{"mattn", "SQLite mattn (cgo)"}, make: func() system { return newSQLite("SQLite mattn", "sqlite3") }},
	{column: column{"memdb", "go-memdb"}, make: func() system { return newMemDB() }},
	{column: column{"ets", "OTP ETS"}, external: true},
	{column: column{"map", "Go map"}, make: func() system { return newMapFloor() }},
	{column: column{"btree", "Go B-tree"}, make: func() system { return newBTreeFloor() }},
}

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rowsFlag := fs.String("rows", "100000", "table sizes, comma-separated (10k, 1M and 5M are accepted)")
	sysFlag := fs.String("systems", "all", "systems to run, comma-separated: "+contenderKeys())
	budget := fs.Duration("budget", 300*time.Millisecond, "time spent on each figure (three rounds, median)")
	jsonOut := fs.String("json", "", "write the results as JSON to this file (input of bench/plot)")
	noNW := fs.Bool("no-northwind", false, "skip the Northwind joins")
	mdOut := fs.String("md", "", "also write the Markdown (command, machine, tables, targets) to this file")
	readme := fs.String("readme", "", "replace the results block of this Markdown file (README.md) with the Markdown of one size")
	readmeSize := fs.String("readme-rows", "1M", "the size whose table -readme writes (the last size run when it is not among -rows)")
	profileDir := fs.String("profile", "", "write a CPU profile per system and operation into this folder (SYSTEM.OP.pprof)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	sizes, err := parseSizes(*rowsFlag)
	if err != nil {
		return err
	}
	chosen, err := chooseContenders(*sysFlag)
	if err != nil {
		return err
	}
	var cols []column
	for _, c := range chosen {
		cols = append(cols, c.column)
	}
	if *profileDir != "" {
		if err := os.MkdirAll(*profileDir, 0o755); err != nil {
			return err
		}
	}
	readmeRows, err := parseSizes(*readmeSize)
	if err != nil || len(readmeRows) != 1 {
		return fmt.Errorf("bad -readme-rows %q: want one size", *readmeSize)
	}
	mach := thisMachine()
	var md, head bytes.Buffer
	fmt.Fprintf(&head, "Command: `%s`\n\nMachine: %s\n", commandLine(args), mach)
	stdout.Write(head.Bytes())
	md.Write(head.Bytes())
	var runs []*Run
	for _, n := range sizes {
		r, err := runSize(n, chosen, measureConfig{budget: *budget, profileDir: *profileDir}, !*noNW, stderr)
		if err != nil {
			return err
		}
		r.Targets = targets(r)
		runs = append(runs, r)
		var table bytes.Buffer
		writeMarkdown(&table, r, cols)
		stdout.Write(table.Bytes())
		md.Write(table.Bytes())
		readmeNow := n == readmeRows[0] || !slices.Contains(sizes, readmeRows[0])
		// Every output is written after each size, so that the figures of
		// the sizes done survive a long run stopped midway.
		if *jsonOut != "" {
			if err := writeJSON(*jsonOut, mach, cols, runs); err != nil {
				return err
			}
		}
		if *mdOut != "" {
			if err := os.WriteFile(*mdOut, md.Bytes(), 0o644); err != nil {
				return err
			}
		}
		if *readme != "" && readmeNow {
			if err := replaceBlock(*readme, append(slices.Clip(head.Bytes()), table.Bytes()...)); err != nil {
				return err
			}
		}
	}
	return nil
}

// commandLine is the command that ran the benchmark, as a user types it.
func commandLine(args []string) string {
	return strings.TrimSpace("go run ./bench " + strings.Join(args, " "))
}

func contenderKeys() string {
	var keys []string
	for _, c := range contenders {
		keys = append(keys, c.key)
	}
	return strings.Join(keys, ",")
}

func chooseContenders(list string) ([]contender, error) {
	if list == "all" {
		return contenders, nil
	}
	want := strings.Split(list, ",")
	var out []contender
	for _, c := range contenders {
		if i := slices.Index(want, c.key); i >= 0 {
			out = append(out, c)
			want = slices.Delete(want, i, i+1)
		}
	}
	if len(want) > 0 {
		return nil, fmt.Errorf("unknown systems %q (known: %s)", want, contenderKeys())
	}
	if len(out) == 0 || out[0].key != baseline {
		// The ratios need the baseline.
		for _, c := range contenders {
			if c.key == baseline {
				out = append([]contender{c}, out...)
			}
		}
	}
	return out, nil
}

// parseSizes reads "10k,100000,1M".
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		mult := 1
		switch {
		case strings.HasSuffix(f, "k"), strings.HasSuffix(f, "K"):
			mult, f = 1000, f[:len(f)-1]
		case strings.HasSuffix(f, "M"), strings.HasSuffix(f, "m"):
			mult, f = 1_000_000, f[:len(f)-1]
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || n > 100_000_000/mult {
			return nil, fmt.Errorf("bad -rows value %q", f)
		}
		out = append(out, n*mult)
	}
	return out, nil
}

// runSize generates the data for n rows and runs every chosen system on
// it, one after the other.
func runSize(n int, chosen []contender, cfg measureConfig, withNW bool, progress io.Writer) (*Run, error) {
	d := generate(n)
	r := &Run{Rows: n, BudgetMS: int(cfg.budget / time.Millisecond), Systems: map[string]Results{},
		SysNotes: map[string]string{}, Extra: map[string]string{}, LoadAvg: loadAverage(),
		StartedAt: time.Now().UTC().Format(time.RFC3339)}
	if withNW {
		nw, err := generateNW(nwScale(n))
		if err != nil {
			return nil, err
		}
		d.NW, r.NWScale, r.NWLines = nw, nw.Scale, len(nw.Details)
	}
	for _, c := range chosen {
		cfg.system = c.key
		start := time.Now()
		fmt.Fprintf(progress, "%d rows: %s...", n, c.title)
		switch {
		case c.pending != "":
			r.SysNotes[c.key] = c.pending
		case c.key == "mattn" && !cgoEnabled:
			r.SysNotes[c.key] = "built without cgo (CGO_ENABLED=0)"
		case c.external:
			res, extra, err := runETS(d, cfg)
			if errors.Is(err, errUnavailable) {
				r.SysNotes[c.key] = err.Error()
				break
			}
			if err != nil {
				r.SysNotes[c.key] = "failed: " + err.Error()
				break
			}
			r.Systems[c.key] = res
			for k, v := range extra {
				r.Extra[k] = v
			}
		default:
			sys := c.make()
			r.Systems[c.key] = runSystem(sys, d, cfg)
			if err := sys.Close(); err != nil {
				r.SysNotes[c.key] = "close: " + err.Error()
			}
		}
		fmt.Fprintf(progress, " %.1fs\n", time.Since(start).Seconds())
	}
	return r, nil
}

// loadAverage returns the 1-minute load average when the system tells it.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func writeJSON(path string, mach Machine, cols []column, runs []*Run) error {
	type col struct{ Key, Title string }
	var cs []col
	for _, c := range cols {
		cs = append(cs, col{c.key, c.title})
	}
	b, err := json.MarshalIndent(struct {
		Machine Machine `json:"machine"`
		Columns []col   `json:"columns"`
		Runs    []*Run  `json:"runs"`
	}{mach, cs, runs}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
