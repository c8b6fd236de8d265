// Command plot draws the scaling curves of etsql's benchmark from the JSON
// the runner writes: one panel per operation, time per operation against
// the number of rows on log-log axes, one line per system. Lookups and
// bounded scans stay flat; full scans grow linearly (a slope of one on
// these axes).
//
// Usage:
//
//	go run ./bench -rows 10k,100k,1M,5M -json docs/bench/scaling.json
//	go run ./bench/plot -in docs/bench/scaling.json -out docs/bench/scaling.png
package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image/color"
	"os"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// results is the part of the runner's JSON the plot reads.
type results struct {
	Machine struct {
		CPUs     int    `json:"cpus"`
		CPUModel string `json:"cpu_model"`
		Go       string `json:"go"`
		OTP      string `json:"otp"`
	} `json:"machine"`
	Columns []struct{ Key, Title string } `json:"columns"`
	Runs    []run                         `json:"runs"`
}

type run struct {
	Rows    int                                           `json:"rows"`
	Systems map[string]map[string]struct{ Value float64 } `json:"systems"`
}

// panel is one operation drawn, and how its figure turns into the Y value.
type panel struct {
	op, title, ylabel string
	y                 func(v float64, rows int) float64
}

func perOpMicros(v float64, _ int) float64 { return v / 1e3 }

var panels = []panel{
	{"lookup", "primary-key lookup", "µs per lookup", perOpMicros},
	{"range", "1,000 consecutive keys", "µs per range", perOpMicros},
	{"nw_order", "Northwind: order + its lines", "µs per order", perOpMicros},
	{"prefix", "prefix scan {7, _} (1% of rows)", "µs per scan", perOpMicros},
	{"count", "filtered count (full scan)", "µs per count", perOpMicros},
	{"groupby", "SUM GROUP BY (full scan)", "µs per query", perOpMicros},
	{"update", "UPDATE 1% of rows (full scan)", "µs per update", perOpMicros},
	{"nw_revenue", "Northwind: revenue by category", "µs per query", perOpMicros},
	{"nw_customer", "Northwind: quantity by customer", "µs per query", perOpMicros},
	{"load", "load", "ns per row", func(v float64, _ int) float64 { return 1e9 / v }},
	{"memory", "memory after load", "bytes per row", func(v float64, rows int) float64 { return v / float64(rows) }},
}

func main() {
	if err := runPlot(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "plot:", err)
		os.Exit(1)
	}
}

func runPlot(args []string) error {
	fs := flag.NewFlagSet("plot", flag.ContinueOnError)
	in := fs.String("in", "docs/bench/scaling.json", "the runner's JSON output")
	out := fs.String("out", "docs/bench/scaling.png", "the PNG to write")
	systems := fs.String("systems", "all", "systems to draw, comma-separated keys (all: every system in the JSON)")
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
	slices.SortFunc(res.Runs, func(a, b run) int { return cmp.Compare(a.Rows, b.Rows) })
	keys, titles := chooseSystems(&res, *systems)
	if len(keys) == 0 {
		return fmt.Errorf("no system %q in %s", *systems, *in)
	}

	var drawn []*plot.Plot
	for _, pn := range panels {
		p, ok, err := drawPanel(res.Runs, pn, keys)
		if err != nil {
			return err
		}
		if ok {
			drawn = append(drawn, p)
		}
	}
	if len(drawn) == 0 {
		return fmt.Errorf("%s: no figures to draw", *in)
	}
	drawn = append(drawn, legendPanel(res, keys, titles))
	const cols = 4
	rows := (len(drawn) + cols - 1) / cols
	grid := make([][]*plot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, cols)
	}
	for i, p := range drawn {
		grid[i/cols][i%cols] = p
	}

	img := vgimg.NewWith(vgimg.UseWH(18*vg.Inch, vg.Length(rows)*11*vg.Inch/3), vgimg.UseDPI(96))
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadTop: vg.Points(6), PadBottom: vg.Points(6),
		PadLeft: vg.Points(6), PadRight: vg.Points(10), PadX: vg.Points(18), PadY: vg.Points(18)}
	canvases := plot.Align(grid, tiles, dc)
	for r := range grid {
		for c := range grid[r] {
			if grid[r][c] != nil {
				grid[r][c].Draw(canvases[r][c])
			}
		}
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// chooseSystems returns the keys and titles of the systems to draw, in the
// runner's column order.
func chooseSystems(res *results, list string) (keys, titles []string) {
	want := strings.Split(list, ",")
	seen := map[string]bool{}
	for _, c := range res.Columns {
		if list == "all" || slices.Contains(want, c.Key) {
			keys, titles = append(keys, c.Key), append(titles, c.Title)
			seen[c.Key] = true
		}
	}
	// JSON without columns: the systems of the runs, by key.
	for _, r := range res.Runs {
		var extra []string
		for k := range r.Systems {
			if !seen[k] && (list == "all" || slices.Contains(want, k)) {
				extra = append(extra, k)
				seen[k] = true
			}
		}
		slices.Sort(extra)
		keys, titles = append(keys, extra...), append(titles, extra...)
	}
	return keys, titles
}

// style gives system i its color, dashes and glyph.
func style(i int) (color.Color, []vg.Length, draw.GlyphDrawer) {
	glyphs := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{},
		draw.PlusGlyph{}, draw.CrossGlyph{}, draw.RingGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}}
	var dashes []vg.Length
	if i >= 3 { // the peers dashed, etsql's three systems solid
		dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	}
	return palette[i%len(palette)], dashes, glyphs[i%len(glyphs)]
}

// palette has a distinct color per system (Tableau 10).
var palette = []color.Color{
	color.RGBA{0xd6, 0x27, 0x28, 0xff}, color.RGBA{0xff, 0x7f, 0x0e, 0xff}, color.RGBA{0xbc, 0xbd, 0x22, 0xff},
	color.RGBA{0x1f, 0x77, 0xb4, 0xff}, color.RGBA{0x17, 0xbe, 0xcf, 0xff}, color.RGBA{0x94, 0x67, 0xbd, 0xff},
	color.RGBA{0xe3, 0x77, 0xc2, 0xff}, color.RGBA{0x2c, 0xa0, 0x2c, 0xff}, color.RGBA{0x8c, 0x56, 0x4b, 0xff},
	color.RGBA{0x7f, 0x7f, 0x7f, 0xff},
}

// drawPanel draws one operation; ok is false when no system has a figure
// for it.
func drawPanel(runs []run, pn panel, keys []string) (p *plot.Plot, ok bool, err error) {
	p = plot.New()
	p.Title.Text = pn.title
	p.X.Label.Text = "rows"
	p.Y.Label.Text = pn.ylabel
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = rowTicks{}, plot.LogTicks{Prec: -1}
	p.Add(plotter.NewGrid())
	for i, k := range keys {
		var xys plotter.XYs
		for _, r := range runs {
			if v := r.Systems[k][pn.op].Value; v > 0 {
				xys = append(xys, plotter.XY{X: float64(r.Rows), Y: pn.y(v, r.Rows)})
			}
		}
		if len(xys) == 0 {
			continue
		}
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, false, err
		}
		ok = true
		c, dashes, glyph := style(i)
		line.Color, line.Dashes, line.Width = c, dashes, vg.Points(1.5)
		points.Color, points.Shape = c, glyph
		p.Add(line, points)
	}
	return p, ok, nil
}

// rowTicks are log ticks labelled as row counts: 10k, 100k, 1M.
type rowTicks struct{}

func (rowTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.LogTicks{Prec: -1}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = rowLabel(ticks[i].Value)
		}
	}
	return ticks
}

func rowLabel(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%gM", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%gk", v/1e3)
	}
	return fmt.Sprintf("%g", v)
}

// legendPanel is a panel with no axes holding the legend and the machine.
func legendPanel(res results, keys, titles []string) *plot.Plot {
	p := plot.New()
	p.HideAxes()
	m := res.Machine
	p.Title.Text = fmt.Sprintf("%d CPUs %s, %s, OTP %s", m.CPUs, m.CPUModel, m.Go, m.OTP)
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.TextStyle.Font.Size = vg.Points(12)
	for i := range keys {
		c, dashes, glyph := style(i)
		l := &plotter.Line{LineStyle: draw.LineStyle{Color: c, Dashes: dashes, Width: vg.Points(1.5)}}
		s := &plotter.Scatter{GlyphStyle: draw.GlyphStyle{Color: c, Shape: glyph, Radius: vg.Points(3)}}
		p.Legend.Add(titles[i], l, s)
	}
	return p
}
