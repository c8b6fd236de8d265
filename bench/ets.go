package main

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// etsScript measures the same operations on real ETS tables.
//
//go:embed ets_bench.escript
var etsScript []byte

// runETS writes the data where the escript reads it, runs the escript
// under OTP and reads its figures. Without escript on PATH it returns an
// error wrapping errUnavailable. The escript's own timing covers only the
// ETS calls: parsing its input is not measured.
func runETS(d *Data, cfg measureConfig) (Results, map[string]string, error) {
	escript, err := exec.LookPath("escript")
	if err != nil {
		return nil, nil, fmt.Errorf("%w: escript (Erlang/OTP) not found on PATH", errUnavailable)
	}
	dir, err := os.MkdirTemp("", "etsql-bench-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(dir)
	if err := writeETSInput(dir, d); err != nil {
		return nil, nil, err
	}
	script := filepath.Join(dir, "ets_bench.escript")
	if err := os.WriteFile(script, etsScript, 0o644); err != nil {
		return nil, nil, err
	}
	cmd := exec.Command(escript, script, dir, strconv.Itoa(int(cfg.budget.Milliseconds())))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, nil, fmt.Errorf("%v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return parseETSOutput(out)
}

// parseETSOutput reads the escript's lines "Op<TAB>Value<TAB>Checks".
func parseETSOutput(out []byte) (Results, map[string]string, error) {
	res, extra := Results{}, map[string]string{}
	for line := range strings.Lines(string(out)) {
		f := strings.Split(strings.TrimRight(line, "\n"), "\t")
		if len(f) != 3 {
			return nil, nil, fmt.Errorf("escript output: unexpected line %q", line)
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, nil, fmt.Errorf("escript output: %q: %w", line, err)
		}
		if f[0] == "range_select" {
			extra["OTP ETS, 1,000 consecutive keys by ets:select with key guards (a full scan in OTP 25)"] = formatValue(perOp, v)
			continue
		}
		cell := &Cell{Value: v}
		if f[2] != "" {
			for _, c := range strings.Split(f[2], ",") {
				x, err := strconv.ParseFloat(c, 64)
				if err != nil {
					return nil, nil, fmt.Errorf("escript output: %q: %w", line, err)
				}
				cell.Check = append(cell.Check, x)
			}
		}
		switch opID(f[0]) {
		case opMemory:
			cell.Note = "ets:info(T, memory) × wordsize"
		case opRange:
			cell.Note = "ets:next loop"
		}
		res[opID(f[0])] = cell
	}
	return res, extra, nil
}

// writeETSInput writes the rows (in insert order), the keys and the
// Northwind tables as the escript reads them: one CSV line per row.
func writeETSInput(dir string, d *Data) error {
	write := func(name string, n int, line func(w *bufio.Writer, i int)) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		w := bufio.NewWriter(f)
		for i := range n {
			line(w, i)
		}
		if err := w.Flush(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	err := write("items.csv", len(d.Rows), func(w *bufio.Writer, i int) {
		r := &d.Rows[i]
		fmt.Fprintf(w, "%d,%s,%d,%.2f,%d\n", r.ID, r.Name, r.Category, r.Price, r.Qty)
	})
	if err == nil {
		err = writeInts(write, "keys.txt", d.LookupKeys)
	}
	if err == nil {
		err = writeInts(write, "starts.txt", d.RangeStarts)
	}
	if err != nil || d.NW == nil {
		return err
	}
	nw := d.NW
	err = write("nw_products.csv", len(nw.Products), func(w *bufio.Writer, i int) {
		p := &nw.Products[i]
		fmt.Fprintf(w, "%d,%s,%d,%.2f\n", p.ID, strings.ReplaceAll(p.Name, ",", " "), p.Category, p.Price)
	})
	if err == nil {
		err = write("nw_orders.csv", len(nw.Orders), func(w *bufio.Writer, i int) {
			fmt.Fprintf(w, "%d,%s\n", nw.Orders[i].ID, nw.Orders[i].Customer)
		})
	}
	if err == nil {
		err = writeInts(write, "nw_lineorders.txt", nw.LineOrders)
	}
	if err == nil {
		// Last: the escript runs the Northwind part only when it exists.
		err = write("nw_details.csv", len(nw.Details), func(w *bufio.Writer, i int) {
			l := &nw.Details[i]
			fmt.Fprintf(w, "%d,%d,%.2f,%d,%.2f\n", l.Order, l.Product, l.Price, l.Quantity, l.Discount)
		})
	}
	return err
}

func writeInts(write func(string, int, func(*bufio.Writer, int)) error, name string, xs []int64) error {
	return write(name, len(xs), func(w *bufio.Writer, i int) { fmt.Fprintf(w, "%d\n", xs[i]) })
}
