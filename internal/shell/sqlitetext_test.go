package shell

import (
	"math"
	"testing"
)

// The expected texts are what sqlite3 3.40 prints in CSV mode for
// SELECT 1000.0, 0.1+0.2, 1e20, ... and for the strings.
func TestSqliteFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{1000, "1000.0"},
		{0.1 + 0.2, "0.3"},
		{1e20, "1.0e+20"},
		{9223372036854775808, "9.22337203685478e+18"},
		{math.Inf(1), "Inf"},
		{math.Inf(-1), "-Inf"},
		{2.5, "2.5"},
		{100.0 / 3, "33.3333333333333"},
		{1.5e-7, "1.5e-07"},
		{123456789012345678, "1.23456789012346e+17"},
		{math.Copysign(0, -1), "0.0"},
		{1e15, "1.0e+15"},
		{0.000123, "0.000123"},
		{-7.25, "-7.25"},
	}
	for _, tc := range tests {
		if got := sqliteFloat(tc.in); got != tc.want {
			t.Errorf("sqliteFloat(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCSVField(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a b", `"a b"`},
		{"x", "x"},
		{"", `""`},
		{"é", `"é"`},
		{"it's", `"it's"`},
		{`q"q`, `"q""q"`},
		{"a,b", `"a,b"`},
		{"COUNT(*)", "COUNT(*)"},
		{"line\nbreak", "\"line\nbreak\""},
	}
	for _, tc := range tests {
		if got := csvField(tc.in); got != tc.want {
			t.Errorf("csvField(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
