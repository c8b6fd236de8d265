package engine

import (
	"math"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"slices"
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

// summaryElems are tuple elements around every boundary of the element
// codes (exact integers of the first and second elements, the tails,
// fractions between integers, strings sharing prefixes) and of every kind.
func summaryElems() []term.Term {
	var es []term.Term
	for _, r := range []int64{1 << 16, 1 << 20, 1 << 30, 1 << 53, 1 << 62} { // code lengths and their ends
		for _, v := range []int64{-r - 1, -r, -r + 1, r - 2, r - 1, r, r + 1} {
			es = append(es, i(v), f(float64(v)), f(float64(v)+0.5))
		}
	}
	for _, v := range []int64{2, 3, 4, 5, 100, 255, 256, 10248, 93000, 425000, 999999, 1000000} {
		es = append(es, i(v), i(-v), f(float64(v)-0.25))
	}
	huge := new(big.Int).Exp(big.NewInt(10), big.NewInt(400), nil)
	es = append(es, i(0), f(math.Copysign(0, -1)), f(-0.5), i(-1), i(1), i(7), f(7), f(7.25), i(8),
		i(math.MaxInt64), i(math.MinInt64), i(1<<53+1), f(1e300), f(-1e300), f(math.Inf(1)), f(math.Inf(-1)),
		term.BigInt(huge), term.BigInt(new(big.Int).Neg(huge)),
		a(""), a("a"), a("ab"), a("abc"), a("abcd"), a("abd"), a("\xff\xff\xff"), a("abcde"), a("abcdef"), a("abcdefg"),
		term.BinaryString(""), term.BinaryString("a"), term.BinaryString("abc"), term.BinaryString("abcd"),
		term.BinaryString("abd"), term.BinaryString("\xff\xff\xff\xff"), term.BinaryString("abcde"),
		term.BinaryString("abcdef"), term.BinaryString("abcdeg"), term.BinaryString("\x00"), term.BinaryString("\x00\x00"),
		tu(), tu(i(1)), tu(i(1), i(2)), term.Nil, term.List(i(1)), term.Map())
	return es
}

// summaryKeys are keys for the summary properties: the elements, and
// tuples of them of arities 1, 2, 3, 15 and 16.
func summaryKeys() []term.Term {
	es := summaryElems()
	keys := append([]term.Term(nil), es...)
	for _, x := range es {
		keys = append(keys, tu(x))
		for _, y := range es {
			keys = append(keys, tu(x, y))
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	pick := func() term.Term { return es[r.IntN(len(es))] }
	for range 1500 {
		keys = append(keys, tu(pick(), pick(), pick()))
	}
	for _, n := range []int{15, 16} {
		for range 50 {
			elems := make([]term.Term, n)
			for k := range elems {
				elems[k] = pick()
			}
			keys = append(keys, tu(elems...))
		}
	}
	return keys
}

// TestOrderKey_tuples checks the summaries of tuple keys: ordered like
// the keys, equal for equal keys, and decisive only where equal
// summaries mean equal keys.
func TestOrderKey_tuples(t *testing.T) {
	keys := summaryKeys()
	// In term order, the summaries must not decrease, must be equal for
	// equal keys, and two different keys next to each other must not share
	// a decisive summary (which covers every pair: summaries between two
	// keys with one summary share it).
	slices.SortStableFunc(keys, term.Compare)
	kps := make([]uint64, len(keys))
	for k, key := range keys {
		kps[k] = orderKey(key)
	}
	decisive := 0
	for x := range keys {
		if kpDecisive(kps[x]) {
			decisive++
		}
		if x == 0 {
			continue
		}
		c := term.Compare(keys[x-1], keys[x])
		switch {
		case kps[x-1] > kps[x]:
			t.Fatalf("%v <= %v but orderKey %x > %x", keys[x-1], keys[x], kps[x-1], kps[x])
		case c == 0 && kps[x-1] != kps[x]:
			t.Fatalf("%v == %v but orderKey %x != %x", keys[x-1], keys[x], kps[x-1], kps[x])
		case c != 0 && kps[x-1] == kps[x] && kpDecisive(kps[x]):
			t.Fatalf("%v != %v but their summary %x is decisive", keys[x-1], keys[x], kps[x])
		}
	}
	for x, key := range keys {
		if got, want := kpDecisive(kps[x]), wantDecisive(key); got != want {
			t.Errorf("summary of %v decisive %v, want %v", key, got, want)
		}
	}
	if decisive < 400 {
		t.Errorf("%d summaries decisive, want the pairs of small integers among them", decisive)
	}
}

// wantDecisive tells the keys whose summaries must be decisive: numbers
// (floats too) below 2^53 in magnitude, and pairs of integral numbers
// below 2^62 in magnitude whose codes (bit length + 8 bits each) fit in
// 44 bits.
func wantDecisive(key term.Term) bool {
	if v, ok := key.Number(); ok && key.IsNumber() {
		return math.Abs(v) < 1<<53
	}
	codeLen := func(e term.Term) int {
		v, ok := e.Number()
		if !ok || !e.IsNumber() || v != math.Trunc(v) || math.Abs(v) >= 1<<62 {
			return 1000
		}
		if n, ok := e.Int64(); ok && e.IsInteger() {
			if n < 0 {
				n = -n
			}
			return max(bits.Len64(uint64(n)), 1) + 8
		}
		return max(bits.Len64(uint64(math.Abs(v))), 1) + 8
	}
	e := key.Elements()
	return key.IsTuple() && len(e) == 2 && codeLen(e[0])+codeLen(e[1]) <= tupleCodeBits
}

// TestBoundProbe_summaries checks the bound probes of key prefixes: an
// object whose summary is below a probe's lies before the probe, one
// above lies after it.
func TestBoundProbe_summaries(t *testing.T) {
	keys := summaryKeys()
	es := summaryElems()
	var prefixes [][]term.Term
	prefixes = append(prefixes, nil)
	for k, x := range es {
		prefixes = append(prefixes, []term.Term{x}, []term.Term{x, es[(k*7)%len(es)]}, []term.Term{x, a("ab")})
	}
	// every key whose first elements are among the prefixes' (and a sample
	// of the others)
	r := rand.New(rand.NewPCG(7, 8))
	var sample []term.Term
	for _, k := range keys {
		if len(k.Elements()) <= 1 || r.IntN(8) == 0 {
			sample = append(sample, k)
		}
	}
	keys = sample
	for _, prefix := range prefixes {
		for _, arity := range []int{1, 2, 3, 15, 16} {
			if len(prefix) > arity {
				continue
			}
			for _, high := range []bool{false, true} {
				p := boundProbe(prefix, arity, high)
				for _, k := range keys {
					kp := orderKey(k)
					c := p.cmp(k)
					if kp < p.kp && c <= 0 || kp > p.kp && c >= 0 {
						t.Fatalf("probe %v arity %d high %v (summary %x) against %v (summary %x): cmp %d", prefix, arity, high, p.kp, k, kp, c)
					}
				}
			}
		}
	}
}
