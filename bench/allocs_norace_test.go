//go:build !race

// The race detector makes sync.Pool drop what it holds at random, so the
// pooled Rows of QueryRow allocate under -race: this test is built
// without it only.

package main

import "testing"

// sqlLookupAllocs is what a prepared QueryRow lookup may allocate: nothing,
// not even the box of its int64 argument (Stmt.QueryRow's arguments do not
// escape: see noescape.go in the root package).
const sqlLookupAllocs = 0

func TestEtsqlSQL_Lookup_allocatesNothing(t *testing.T) {
	d := generate(smokeRows)
	e := newEtsqlSQL()
	if err := e.Load(d.Rows); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	// Keys above 255: Go boxes smaller integers without allocating, which
	// would hide an allocation per call in the average.
	var keys []int64
	for _, k := range d.LookupKeys {
		if k > 255 {
			keys = append(keys, k)
		}
	}
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		if _, err := e.Lookup(keys[i%len(keys)]); err != nil {
			t.Fatal(err)
		}
		i++
	})
	if allocs > sqlLookupAllocs {
		t.Errorf("prepared QueryRow lookup allocates %v times per call, want at most %d", allocs, sqlLookupAllocs)
	}
}
