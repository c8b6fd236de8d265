package engine

import (
	"math/rand/v2"
	"testing"

	"github.com/etsql/etsql/term"
)

// TestHashIndex_randomOps checks the index map against a Go map through
// inserts, replacements and deletions (which move the last row).
func TestHashIndex_randomOps(t *testing.T) {
	s := newSetTable(1)
	model := map[int64]int64{}
	r := rand.New(rand.NewPCG(7, 7))
	for n := range 20000 {
		k := r.Int64N(500)
		if r.IntN(3) == 0 {
			s.deleteKey(nil, i(k))
			delete(model, k)
		} else {
			s.insert(tu(i(k), i(int64(n))))
			model[k] = int64(n)
		}
		if n%997 == 0 || n == 19999 {
			if s.size() != len(model) {
				t.Fatalf("op %d: size %d, model %d", n, s.size(), len(model))
			}
			for k, v := range model {
				got := s.lookup(nil, i(k))
				if len(got) != 1 || !term.ExactEqual(got[0], tu(i(k), i(v))) {
					t.Fatalf("op %d: lookup(%d) = %v, want {%d,%d}", n, k, got, k, v)
				}
			}
			seen := 0
			s.scan(&cursor{}, func(term.Term) bool { seen++; return true })
			if seen != len(model) {
				t.Fatalf("op %d: scan saw %d", n, seen)
			}
		}
	}
}
