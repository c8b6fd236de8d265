package planner

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// TestValueSet_in_matchesInSet: for random sets, probes and affinities,
// the hashed answer is inSet's, which compares with every value.
func TestValueSet_in_matchesInSet(t *testing.T) {
	date, err := schema.Date.Coerce(term.BinaryString("1996-07-04"))
	if err != nil {
		t.Fatal(err)
	}
	pool := []term.Term{
		null, term.Int(0), term.Int(1), term.Int(-3), term.Int(1 << 53), term.Int(1<<53 + 1),
		term.Int(math.MaxInt64), term.Float(1), term.Float(-3), term.Float(2.5), term.Float(0.1),
		term.Float(math.Copysign(0, -1)), term.Float(1 << 53), term.Float(1<<53 + 2), term.Float(1e300),
		term.BinaryString("1"), term.BinaryString("2.5"), term.BinaryString(" 1 "), term.BinaryString("abc"),
		term.BinaryString(""), term.BinaryString("1996-07-04"), date, term.True, term.False,
	}
	affs := []affinity{affNone, affNumeric, affText}
	r := rand.New(rand.NewPCG(7, 11))
	for range 3000 {
		rows := make([][]term.Term, r.IntN(6))
		for i := range rows {
			rows[i] = []term.Term{pool[r.IntN(len(pool))]}
		}
		v := pool[r.IntN(len(pool))]
		va, ia := affs[r.IntN(3)], affs[r.IntN(3)]
		not := r.IntN(2) == 0
		want, _ := inSet(v, va, not, len(rows), func(i int) (term.Term, affinity, error) { return rows[i][0], ia, nil })
		set := newValueSet(rows, func(w term.Term) term.Term { _, w = applyAffinity(null, w, va, ia); return w })
		pv, _ := applyAffinity(v, null, va, ia)
		if got := set.in(pv, not); !term.ExactEqual(got, want) && !(isNull(got) && isNull(want)) {
			t.Fatalf("%v IN %v (affinities %d, %d, not %v): hashed %v, compared %v", v, rows, va, ia, not, got, want)
		}
	}
}
