package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTargets_comparesTheRightColumns(t *testing.T) {
	run := &Run{Rows: 1_000_000, Systems: map[string]Results{
		"etsql":        {opLookup: {Value: 100}, opLoad: {Value: 3e6}, opMemory: {Value: 100 << 20}},
		"etsql-sql":    {opLookup: {Value: 200}, opLoad: {Value: 1e6}},
		"etsql-driver": {opLookup: {Value: 1000}},
		"modernc":      {opLookup: {Value: 4000}},
		"mattn":        {opLookup: {Value: 3000}},
		"ets":          {opLookup: {Value: 250}},
		"map":          {opLookup: {Value: 40}},
	}}
	want := map[string]struct {
		peer  string
		ratio float64
		met   bool
	}{
		"SQL API ≥ 10× faster than SQLite/lookup":       {"mattn", 15, true},
		"database/sql ≥ 2× faster than SQLite/lookup":   {"mattn", 3, true},
		"engine ≥ 3× faster than ETS/lookup":            {"ets", 2.5, false},
		"engine within 2× of the plain Go floor/lookup": {"map", 0.4, false},
		"load ≥ 2M rows/s/load":                         {"", 1.5, true},
	}
	found := 0
	for _, tg := range targets(run) {
		w, ok := want[tg.What+"/"+string(tg.Op)]
		if !ok || tg.System == colSQL && tg.Op == opLoad {
			continue
		}
		found++
		if tg.Peer != w.peer || !checksAgree([]float64{tg.Ratio}, []float64{w.ratio}) || tg.Met != w.met {
			t.Errorf("%s, %s: peer %q ratio %v met %v; want %q %v %v", tg.What, tg.Op, tg.Peer, tg.Ratio, tg.Met, w.peer, w.ratio, w.met)
		}
	}
	if found != len(want) {
		t.Errorf("found %d of the %d targets", found, len(want))
	}
	var b bytes.Buffer
	writeTargets(&b, targets(run))
	for _, line := range []string{
		"- SQL API ≥ 10× faster than SQLite, lookup: etsql SQL 200 ns vs SQLite mattn (cgo) 3 µs = 15.0× (want ≥ 10×) — met",
		"- engine ≥ 5× faster than ETS, count: etsql native (none) vs OTP ETS (none): no figure",
		"- load ≥ 2M rows/s, etsql SQL: 1.00M — NOT met",
	} {
		if !strings.Contains(b.String(), line+"\n") {
			t.Errorf("targets lack %q:\n%s", line, b.String())
		}
	}
}

func TestReplaceBlock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "README.md")
	old := "# x\n\n" + readmeBegin + "\nold table\n" + readmeEnd + "\n\nafter\n"
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := replaceBlock(path, []byte("\nnew table\n\n")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if want := "# x\n\n" + readmeBegin + "\nnew table\n" + readmeEnd + "\n\nafter\n"; string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if err := os.WriteFile(path, []byte("no markers\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := replaceBlock(path, []byte("x")); err == nil {
		t.Error("no markers: no error")
	}
}
