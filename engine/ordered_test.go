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
