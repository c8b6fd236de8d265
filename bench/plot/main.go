// Command plot draws the scaling curves of etsql's benchmark: the time of
// each operation against the number of rows, on log-log axes, from the
// JSON the runner writes (go run ./bench -rows 10k,100k,1M,5M -json
// bench/scaling.json). Lookups and bounded scans stay flat; full scans
// grow linearly (a slope of one on these axes).
//
// Usage:
//
//	go run ./bench/plot -in bench/scaling.json -out bench/scaling.png
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// results is the part of the runner's JSON the plot reads.
type results struct {
	Runs []struct {
		Rows    int                                           `json:"rows"`
		Systems map[string]map[string]struct{ Value float64 } `json:"systems"`
	} `json:"runs"`
}

// curves are the operations drawn, with their legend labels.
var curves = []struct{ op, label string }{
	{"lookup", "primary-key lookup"},
	{"range", "1,000 consecutive keys"},
	{"prefix", "prefix scan {category, id} (1% of rows: grows)"},
	{"nw_order", "Northwind order + lines"},
	{"count", "filtered count (full scan)"},
	{"groupby", "SUM GROUP BY (full scan)"},
	{"update", "UPDATE 1% of rows (full scan)"},
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "plot:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("plot", flag.ContinueOnError)
	in := fs.String("in", "bench/scaling.json", "the runner's JSON output")
	out := fs.String("out", "bench/scaling.png", "the PNG to write")
	systems := fs.String("systems", "etsql", "systems to draw, comma-separated (solid, dashed, dotted...)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	b, err := os.ReadFile(*in)
	if err != nil {
		return err
	}
	var res results
	if err := json.Unmarshal(b, &res); err != nil {
		return fmt.Errorf("%s: %w", *in, err)
	}
	if len(res.Runs) < 2 {
		return errors.New("need runs at two sizes at least (-rows 10k,100k,...)")
	}
	slices.SortFunc(res.Runs, func(a, b struct {
		Rows    int                                           `json:"rows"`
		Systems map[string]map[string]struct{ Value float64 } `json:"systems"`
	}) int {
		return a.Rows - b.Rows
	})
	p := plot.New()
	p.Title.Text = "etsql: time per operation against table size"
	p.X.Label.Text = "rows"
	p.Y.Label.Text = "time per operation (µs)"
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.LogTicks{Prec: -1}, plot.LogTicks{Prec: -1}
	p.Legend.Top, p.Legend.Left = true, true
	p.Add(plotter.NewGrid())
	for si, sys := range strings.Split(*systems, ",") {
		for ci, c := range curves {
			var xys plotter.XYs
			for _, r := range res.Runs {
				if v := r.Systems[sys][c.op].Value; v > 0 {
					xys = append(xys, plotter.XY{X: float64(r.Rows), Y: v / 1e3})
				}
			}
			if len(xys) == 0 {
				continue
			}
			line, points, err := plotter.NewLinePoints(xys)
			if err != nil {
				return err
			}
			line.Color, points.Color = plotutil.Color(ci), plotutil.Color(ci)
			line.Dashes = plotutil.Dashes(si)
			points.Shape = draw.CircleGlyph{}
			p.Add(line, points)
			label := c.label
			if si > 0 || strings.Contains(*systems, ",") {
				label = sys + ": " + label
			}
			p.Legend.Add(label, line, points)
		}
	}
	p.Y.Max *= 300 // headroom above the curves for the legend
	return p.Save(9*vg.Inch, 6*vg.Inch, *out)
}
