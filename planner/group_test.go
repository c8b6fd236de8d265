package planner

import (
	"math"
	"math/big"
	"testing"

	"github.com/etsql/etsql/term"
)

// intGroupKey must put a value in the group groupKey puts it in.
func TestIntGroupKey_agreesWithGroupKey(t *testing.T) {
	big64 := new(big.Int).Lsh(big.NewInt(1), 64)
	tests := []struct {
		v    term.Term
		want int64
		ok   bool
	}{
		{term.Int(7), 7, true},
		{term.Int(-3), -3, true},
		{term.Float(7.0), 7, true},
		{term.Float(7.5), 0, false},
		{term.True, 1, true},
		{term.False, 0, true},
		{term.BinaryString("7"), 0, false},
		{null, 0, false},
		{term.BigInt(big64), 0, false},
		{term.Float(math.Ldexp(1, 70)), 0, false},
		{term.Int(math.MinInt64), math.MinInt64, true},
	}
	for _, tt := range tests {
		k, ok := intGroupKey(tt.v)
		if ok != tt.ok || ok && k != tt.want {
			t.Errorf("intGroupKey(%s) = %d, %v; want %d, %v", term.Format(tt.v), k, ok, tt.want, tt.ok)
		}
		if ok && string(groupKey(nil, tt.v)) != string(groupKey(nil, term.Int(k))) {
			t.Errorf("%s: groupKey %q differs from that of %d", term.Format(tt.v), groupKey(nil, tt.v), k)
		}
	}
}

func TestIntMap_getPut(t *testing.T) {
	var m intMap[string]
	keys := []int64{0, 5, smallInts - 1, smallInts, -1, math.MaxInt64, math.MinInt64}
	for _, k := range keys {
		if got := m.get(k); got != "" {
			t.Errorf("get(%d) before put = %q", k, got)
		}
		m.put(k, term.Format(term.Int(k)))
	}
	for _, k := range keys {
		if got, want := m.get(k), term.Format(term.Int(k)); got != want {
			t.Errorf("get(%d) = %q, want %q", k, got, want)
		}
	}
	if len(m.small) != smallInts {
		t.Errorf("small keys: %d slots, want %d", len(m.small), smallInts)
	}
}
