package main

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

const twoRuns = `{"machine": {"cpus": 2, "cpu_model": "test", "go": "go1", "otp": "25"},
 "columns": [{"Key": "etsql", "Title": "etsql native"}, {"Key": "map", "Title": "Go map"}],
 "runs": [
  {"rows": 1000, "systems": {"etsql": {"lookup": {"value": 30}, "count": {"value": 10000}, "load": {"value": 4e6}, "memory": {"value": 120000}},
                             "map": {"lookup": {"value": 12}, "count": {"value": 3000}}}},
  {"rows": 10000, "systems": {"etsql": {"lookup": {"value": 35}, "count": {"value": 100000}, "load": {"value": 3e6}, "memory": {"value": 1200000}},
                              "map": {"lookup": {"value": 14}, "count": {"value": 30000}}}}]}`

func TestRunPlot_writesPNG(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.png")
	if err := os.WriteFile(in, []byte(twoRuns), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := runPlot([]string{"-in", in, "-out", out}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 1000 || b.Dy() < 600 {
		t.Errorf("image is %v, want at least 1000×600", b)
	}
}

func TestRunPlot_oneRun_isAnError(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "r.json")
	if err := os.WriteFile(in, []byte(`{"runs": [{"rows": 10}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := runPlot([]string{"-in", in, "-out", filepath.Join(dir, "r.png")}); err == nil {
		t.Error("one run: no error")
	}
}
