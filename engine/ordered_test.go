package engine

import (
	"math"
	"math/big"
	"testing"

	"github.com/etsql/etsql/term"
)

func TestOrderKey_monotone(t *testing.T) {
	huge := new(big.Int).Exp(big.NewInt(10), big.NewInt(400), nil) // beyond the float range
	keys := []term.Term{
		i(0), i(-1), i(1), i(math.MaxInt64), i(math.MinInt64), i(1 << 53), i(1<<53 + 1),
		f(0), f(math.Copysign(0, -1)), f(0.5), f(-0.5), f(1), f(1e300), f(-1e300), f(float64(1 << 53)),
		term.BigInt(huge), term.BigInt(new(big.Int).Neg(huge)), term.BigInt(new(big.Int).Lsh(big.NewInt(1), 70)),
		a(""), a("a"), a("abcdefg"), a("abcdefgh"), a("abcdefg\x00"), a("b"),
		term.BinaryString(""), term.BinaryString("abcdefgh"), term.BinaryString("abcdefgz"), term.BinaryString("\xff"),
		tu(), tu(i(1)), tu(i(2)), tu(i(1), i(1)), tu(i(7), a("x")),
		tu(f(1), a("z")), tu(i(2), a("a")), tu(f(-1.5), i(0)), tu(a("x"), i(1)), tu(a("xyzzyxyzzy")),
		tu(tu(i(1)), i(0)), tu(tu(i(1), i(2)), i(0)), tu(term.BinaryString("b"), i(0)), tu(term.BigInt(huge), i(0)),
		wideTuple(70000, 0), wideTuple(70000, 1), wideTuple(70001, 0),
		term.Nil, term.List(i(1)), term.List(a("a")),
		term.Map(), term.Map(term.MapPair{Key: i(1), Value: i(2)}),
	}
	for _, x := range keys {
		for _, y := range keys {
			if term.Compare(x, y) < 0 && orderKey(x) > orderKey(y) {
				t.Errorf("%v < %v but orderKey %x > %x", x, y, orderKey(x), orderKey(y))
			}
			if term.Compare(x, y) == 0 && orderKey(x) != orderKey(y) {
				t.Errorf("%v == %v but orderKey %x != %x", x, y, orderKey(x), orderKey(y))
			}
		}
	}
}

// TestOrderedSet_scan_resumes stops a scan after every possible number
// of objects around the touch batch size, in both directions, and checks
// that resuming from the cursor visits every key once, in order.
func TestOrderedSet_scan_resumes(t *testing.T) {
	const n = 3*touchBatch + 5
	s := newOrderedSet(1)
	for k := range int64(n) {
		s.insert(tu(i(k)))
	}
	for _, reverse := range []bool{false, true} {
		for stopAfter := 1; stopAfter <= n+1; stopAfter++ {
			c := &cursor{reverse: reverse}
			var got []int64
			for done := false; !done; {
				given := 0
				done = s.scan(c, func(obj term.Term) bool {
					v, _ := keyAt(obj, 1).Int64()
					got = append(got, v)
					given++
					return given < stopAfter
				})
				if given > stopAfter || !done && given != stopAfter {
					t.Fatalf("reverse %v, stop after %d: scan gave %d objects (done %v)", reverse, stopAfter, given, done)
				}
			}
			if len(got) != n {
				t.Fatalf("reverse %v, stop after %d: visited %d keys, want %d", reverse, stopAfter, len(got), n)
			}
			for j, v := range got {
				want := int64(j)
				if reverse {
					want = int64(n - 1 - j)
				}
				if v != want {
					t.Fatalf("reverse %v, stop after %d: key %d is %d, want %d", reverse, stopAfter, j, v, want)
				}
			}
		}
	}
}

// wideTuple returns a tuple of n zeros and then last, of an arity beyond
// what key summaries tell apart.
func wideTuple(n int, last int64) term.Term {
	elems := make([]term.Term, n)
	for k := range elems {
		elems[k] = i(0)
	}
	elems[n-1] = i(last)
	return term.Tuple(elems...)
}
