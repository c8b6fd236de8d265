package term

import "testing"

// TouchTuples reads only tuples, never an integer or float whose value
// looks like a tuple header, and sums the words it reads.
func TestTouchTuples(t *testing.T) {
	fake := Int(int64(tagTuple)<<tagShift | 5) // a tuple header with an integer's marker
	tests := []struct {
		name     string
		ts       []Term
		compound bool
		want     uint64
	}{
		{"none", nil, true, 0},
		{"not tuples", []Term{fake, Float(1), Tuple(), Nil, List(Int(1)), BinaryString("ab")}, true, 0},
		{"first and last", []Term{Tuple(Int(3), Int(100), Int(4))}, false, 7},
		{"one element", []Term{Tuple(Int(3))}, false, 6},
		{"compound key", []Term{Tuple(Tuple(Int(5), Int(6)), Int(4))}, true, Tuple(Int(5), Int(6)).word + 4 + 5},
		{"compound list key", []Term{Tuple(List(Int(5)), Int(4))}, true, List(Int(5)).word + 4 + 5},
		{"compound not asked", []Term{Tuple(Tuple(Int(5), Int(6)), Int(4))}, false, Tuple(Int(5), Int(6)).word + 4},
		{"key looks compound", []Term{Tuple(fake, Int(4))}, true, fake.word + 4},
		{"empty tuple key", []Term{Tuple(Tuple(), Int(4))}, true, Tuple().word + 4},
	}
	for _, tt := range tests {
		if got := TouchTuples(tt.ts, tt.compound); got != tt.want {
			t.Errorf("%s: TouchTuples = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestIsCompound(t *testing.T) {
	for _, tt := range []struct {
		obj  Term
		want bool
	}{
		{Tuple(Tuple(Int(1)), Int(2)), true},
		{Tuple(List(Int(1))), true},
		{Tuple(Tuple()), false},
		{Tuple(Int(1), Tuple(Int(1))), false},
		{Int(1), false},
		{Tuple(), false},
	} {
		if got := IsCompound(tt.obj); got != tt.want {
			t.Errorf("IsCompound(%v) = %v, want %v", tt.obj, got, tt.want)
		}
	}
}

// Prefetching never faults, whatever the terms: integers whose value looks
// like a tuple header with a huge length, floats, the empty tuple (no
// elements), lists, and tuples with compound keys or none.
func TestPrefetch_anyTerms(t *testing.T) {
	fake := Int(int64(tagTuple)<<tagShift | lenMask)
	ts := []Term{fake, Int(-1), Float(1.5), Tuple(), Nil, List(Int(1)), BinaryString("x"),
		Tuple(Int(1)), Tuple(Tuple(Int(1), Int(2)), Int(3)), Tuple(List(Int(1)), Int(3)),
		Tuple(fake, Int(3)), Tuple(Tuple(), Int(3)), Tuple(Float(2), Int(3))}
	for range 3 { // more than one batch of PrefetchKeys
		ts = append(ts, ts...)
	}
	PrefetchTuples(ts)
	PrefetchKeys(ts)
	PrefetchTuples(nil)
	PrefetchKeys(nil)
}
