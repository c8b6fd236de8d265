// Package shared finds the project's shared test data, the folder shared/
// that sits beside the repository (the real Northwind CSV files among it).
// The data is never copied into the repository; tests read it in place.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// NorthwindDir returns the folder of the real Northwind CSV files: the
// environment variable ETSQL_NORTHWIND_DIR if set, else shared/northwind
// beside the repository root (the folder holding go.mod). When it is
// missing the test is skipped with a message, except under CI=true, where
// the data must be there and the test fails.
func NorthwindDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("ETSQL_NORTHWIND_DIR")
	if dir == "" {
		dir = besideRepo(filepath.Join("shared", "northwind"))
	}
	if _, err := os.Stat(filepath.Join(dir, "orders.csv")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the real Northwind data is missing under CI (%s): %v", dir, err)
		}
		t.Skipf("the real Northwind data is missing (%v): set ETSQL_NORTHWIND_DIR to its folder", err)
	}
	return dir
}

// besideRepo returns rel resolved against the parent of the repository root
// found by walking up from the working directory to go.mod.
func besideRepo(rel string) string {
	dir, err := os.Getwd()
	if err != nil {
		return rel
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), rel)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return rel
		}
		dir = parent
	}
}
