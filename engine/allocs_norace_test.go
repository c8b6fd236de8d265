//go:build !race

package engine

import (
	"testing"

	"github.com/etsql/etsql/term"
)

// TestSetTable_readsAllocateNothing: on a set, a lookup of a present or a
// missing key with a reused slice, lookup_element and update_counter (in
// place or making a new version) allocate nothing. (The race detector
// allocates, hence the build tag.)
func TestSetTable_readsAllocateNothing(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: Set})
	for k := range int64(1000) {
		must(t, tab.Insert(p, tu(i(k+1000), term.BinaryString("v"), i(0))))
	}
	buf := make([]term.Term, 0, 1)
	n := int64(0)
	for _, c := range []struct {
		name string
		fn   func()
	}{
		{"lookup of a present key", func() { buf, _ = tab.AppendLookup(buf[:0], p, i(1000+n%1000)) }},
		{"lookup of a missing key", func() { buf, _ = tab.AppendLookup(buf[:0], p, i(5000+n%1000)) }},
		{"lookup_element", func() { _, _ = tab.LookupElement(p, i(1000+n%1000), 3) }},
		{"update_counter", func() {
			_, _ = tab.UpdateCounter1(p, i(1000+n%1000), CounterOp{Pos: 3, Incr: i(1)}, term.Term{})
		}},
	} {
		if allocs := testing.AllocsPerRun(500, func() { c.fn(); n++ }); allocs != 0 {
			t.Errorf("%s: %v allocations per call", c.name, allocs)
		}
	}
}
