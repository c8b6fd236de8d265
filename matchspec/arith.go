package matchspec

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/etsql/etsql/term"
)

// Arithmetic as the guard BIFs compute it. Each function reports false
// where Erlang raises an exception (badarith, badarg, system_limit). Small
// integers are handled without allocating; results outside 64 bits become
// big integers, as in Erlang.

// maxIntegerBits bounds the size of integers bsl may build; beyond it OTP
// raises system_limit. (OTP's exact limit is a few tens of millions of
// bits; this is close to it, not identical.)
const maxIntegerBits = 1 << 26

func bigOf(t term.Term) *big.Int {
	v, _ := t.Big()
	return v
}

// toFloat converts a number for float arithmetic; false for non-numbers and
// integers beyond the float range.
func toFloat(t term.Term) (float64, bool) {
	if f, ok := t.Float64(); ok {
		return f, true
	}
	if v, ok := t.Int64(); ok {
		return float64(v), true
	}
	if t.IsInteger() {
		f, _ := new(big.Float).SetInt(bigOf(t)).Float64()
		return f, term.IsFinite(f)
	}
	return 0, false
}

func floatResult(f float64) (term.Term, bool) {
	if !term.IsFinite(f) {
		return term.Term{}, false
	}
	return term.Float(f), true
}

func bothNumbers(a, b term.Term) bool { return a.IsNumber() && b.IsNumber() }

func arithAdd(a, b term.Term) (term.Term, bool) {
	x, ok1 := a.Int64()
	y, ok2 := b.Int64()
	if ok1 && ok2 {
		s := x + y
		if (s > x) == (y > 0) {
			return term.Int(s), true
		}
		return term.BigInt(new(big.Int).Add(big.NewInt(x), big.NewInt(y))), true
	}
	return arithSlow(a, b, func(x, y float64) float64 { return x + y }, (*big.Int).Add)
}

func arithSub(a, b term.Term) (term.Term, bool) {
	x, ok1 := a.Int64()
	y, ok2 := b.Int64()
	if ok1 && ok2 {
		d := x - y
		if (d < x) == (y > 0) {
			return term.Int(d), true
		}
		return term.BigInt(new(big.Int).Sub(big.NewInt(x), big.NewInt(y))), true
	}
	return arithSlow(a, b, func(x, y float64) float64 { return x - y }, (*big.Int).Sub)
}

func arithMul(a, b term.Term) (term.Term, bool) {
	x, ok1 := a.Int64()
	y, ok2 := b.Int64()
	if ok1 && ok2 {
		hi, lo := bits.Mul64(uint64(absInt(x)), uint64(absInt(y)))
		if hi == 0 && lo <= math.MaxInt64 && x != math.MinInt64 && y != math.MinInt64 {
			p := int64(lo)
			if (x < 0) != (y < 0) {
				p = -p
			}
			return term.Int(p), true
		}
		return term.BigInt(new(big.Int).Mul(big.NewInt(x), big.NewInt(y))), true
	}
	return arithSlow(a, b, func(x, y float64) float64 { return x * y }, (*big.Int).Mul)
}

func absInt(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// arithSlow handles floats and big integers for + - *.
func arithSlow(a, b term.Term, ff func(x, y float64) float64, bf func(z, x, y *big.Int) *big.Int) (term.Term, bool) {
	if !bothNumbers(a, b) {
		return term.Term{}, false
	}
	if a.IsFloat() || b.IsFloat() {
		x, ok1 := toFloat(a)
		y, ok2 := toFloat(b)
		if !ok1 || !ok2 {
			return term.Term{}, false
		}
		return floatResult(ff(x, y))
	}
	return term.BigInt(bf(new(big.Int), bigOf(a), bigOf(b))), true
}

func arithDivide(a, b term.Term) (term.Term, bool) {
	if !bothNumbers(a, b) {
		return term.Term{}, false
	}
	x, ok1 := toFloat(a)
	y, ok2 := toFloat(b)
	if !ok1 || !ok2 || y == 0 {
		return term.Term{}, false
	}
	return floatResult(x / y)
}

func arithIntDiv(a, b term.Term) (term.Term, bool) {
	x, ok1 := a.Int64()
	y, ok2 := b.Int64()
	if ok1 && ok2 {
		if y == 0 {
			return term.Term{}, false
		}
		if x == math.MinInt64 && y == -1 {
			return term.BigInt(new(big.Int).Neg(big.NewInt(x))), true
		}
		return term.Int(x / y), true
	}
	if !a.IsInteger() || !b.IsInteger() || isZero(b) {
		return term.Term{}, false
	}
	return term.BigInt(new(big.Int).Quo(bigOf(a), bigOf(b))), true
}

func arithRem(a, b term.Term) (term.Term, bool) {
	x, ok1 := a.Int64()
	y, ok2 := b.Int64()
	if ok1 && ok2 {
		if y == 0 {
			return term.Term{}, false
		}
		if y == -1 {
			return term.Int(0), true
		}
		return term.Int(x % y), true
	}
	if !a.IsInteger() || !b.IsInteger() || isZero(b) {
		return term.Term{}, false
	}
	return term.BigInt(new(big.Int).Rem(bigOf(a), bigOf(b))), true
}

func isZero(t term.Term) bool { v, ok := t.Int64(); return ok && v == 0 }

func bitwise(a, b term.Term, small func(x, y int64) int64, bf func(z, x, y *big.Int) *big.Int) (term.Term, bool) {
	x, ok1 := a.Int64()
	y, ok2 := b.Int64()
	if ok1 && ok2 {
		return term.Int(small(x, y)), true
	}
	if !a.IsInteger() || !b.IsInteger() {
		return term.Term{}, false
	}
	return term.BigInt(bf(new(big.Int), bigOf(a), bigOf(b))), true
}

func arithBand(a, b term.Term) (term.Term, bool) {
	return bitwise(a, b, func(x, y int64) int64 { return x & y }, (*big.Int).And)
}

func arithBor(a, b term.Term) (term.Term, bool) {
	return bitwise(a, b, func(x, y int64) int64 { return x | y }, (*big.Int).Or)
}

func arithBxor(a, b term.Term) (term.Term, bool) {
	return bitwise(a, b, func(x, y int64) int64 { return x ^ y }, (*big.Int).Xor)
}

func arithBnot(a term.Term) (term.Term, bool) {
	if x, ok := a.Int64(); ok {
		return term.Int(^x), true
	}
	if !a.IsInteger() {
		return term.Term{}, false
	}
	return term.BigInt(new(big.Int).Not(bigOf(a))), true
}

// arithShift computes a bsl n (left) or a bsr n; a negative count shifts
// the other way.
func arithShift(a, n term.Term, left bool) (term.Term, bool) {
	if !a.IsInteger() || !n.IsInteger() {
		return term.Term{}, false
	}
	cnt, small := n.Int64()
	if !small {
		// A count beyond 64 bits: right shifts give 0 or -1, left shifts
		// of anything but 0 exceed the integer limit.
		neg := bigOf(n).Sign() < 0
		if neg == left { // shifting right
			return shiftOut(a), true
		}
		if isZero(a) {
			return term.Int(0), true
		}
		return term.Term{}, false
	}
	if !left {
		if cnt == math.MinInt64 {
			return term.Term{}, false
		}
		cnt = -cnt
	}
	if cnt < 0 { // right shift by -cnt
		if cnt < -maxIntegerBits {
			return shiftOut(a), true
		}
		if x, ok := a.Int64(); ok {
			if cnt <= -63 {
				return shiftOut(a), true
			}
			return term.Int(x >> uint(-cnt)), true
		}
		return term.BigInt(new(big.Int).Rsh(bigOf(a), uint(-cnt))), true
	}
	if isZero(a) {
		return term.Int(0), true
	}
	if x, ok := a.Int64(); ok && cnt < 63 {
		if r := x << uint(cnt); r>>uint(cnt) == x {
			return term.Int(r), true
		}
	}
	v := bigOf(a)
	if int64(v.BitLen())+cnt > maxIntegerBits {
		return term.Term{}, false
	}
	return term.BigInt(v.Lsh(v, uint(cnt))), true
}

func shiftOut(a term.Term) term.Term {
	if x, ok := a.Int64(); ok {
		if x < 0 {
			return term.Int(-1)
		}
		return term.Int(0)
	}
	if bigOf(a).Sign() < 0 {
		return term.Int(-1)
	}
	return term.Int(0)
}

func arithNeg(a term.Term) (term.Term, bool) {
	if x, ok := a.Int64(); ok {
		if x == math.MinInt64 {
			return term.BigInt(new(big.Int).Neg(big.NewInt(x))), true
		}
		return term.Int(-x), true
	}
	if f, ok := a.Float64(); ok {
		return term.Float(-f), true
	}
	if a.IsInteger() {
		return term.BigInt(new(big.Int).Neg(bigOf(a))), true
	}
	return term.Term{}, false
}

func arithPlus(a term.Term) (term.Term, bool) { return a, a.IsNumber() }

func arithAbs(a term.Term) (term.Term, bool) {
	if x, ok := a.Int64(); ok && x >= 0 {
		return a, true
	}
	if f, ok := a.Float64(); ok {
		return term.Float(math.Abs(f)), true
	}
	if a.IsInteger() {
		if v := bigOf(a); v.Sign() < 0 {
			return term.BigInt(v.Neg(v)), true
		}
		return a, true
	}
	return term.Term{}, false
}

// floatToInteger converts an already rounded or truncated float.
func floatToInteger(f float64) term.Term {
	if f >= -9.2e18 && f <= 9.2e18 {
		return term.Int(int64(f))
	}
	v, _ := new(big.Float).SetFloat64(f).Int(nil)
	return term.BigInt(v)
}

func bifRound(a term.Term) (term.Term, bool) {
	if a.IsInteger() {
		return a, true
	}
	f, ok := a.Float64()
	if !ok {
		return term.Term{}, false
	}
	return floatToInteger(math.Round(f)), true
}

func bifTrunc(a term.Term) (term.Term, bool) {
	if a.IsInteger() {
		return a, true
	}
	f, ok := a.Float64()
	if !ok {
		return term.Term{}, false
	}
	return floatToInteger(math.Trunc(f)), true
}

func bifFloat(a term.Term) (term.Term, bool) {
	if a.IsFloat() {
		return a, true
	}
	f, ok := toFloat(a)
	if !ok {
		return term.Term{}, false
	}
	return term.Float(f), true
}
