package planner

import (
	"math"
	"math/big"
	"testing"

	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

func TestExactFor_valueKinds(t *testing.T) {
	big2 := new(big.Int).Lsh(big.NewInt(1), 70)
	cases := []struct {
		typ  schema.Type
		v    term.Term
		want bool
	}{
		{schema.Int, term.Int(7), true},
		{schema.Int, term.BigInt(big2), true},
		{schema.Int, term.Float(7), false},
		{schema.Int, term.BinaryString("7"), false},
		{schema.Int, term.Atom("undefined"), false},
		{schema.Int, term.True, false},
		{schema.Float, term.Float(2.5), true},
		{schema.Float, term.Int(500), true},
		{schema.Float, term.Int(1<<53 + 1), false},
		{schema.Float, term.BigInt(big2), false},
		{schema.Float, term.Float(math.NaN()), false},
		{schema.Float, term.BinaryString("2.5"), false},
		{schema.Text, term.BinaryString("b7"), true},
		{schema.Text, term.BinaryString(""), true},
		{schema.Text, term.Int(7), false},
		{schema.Text, term.Atom("undefined"), false},
		{schema.Bool, term.True, true},
		{schema.Bool, term.Int(1), false},
		{schema.Date, term.Tuple(term.Int(1997), term.Int(1), term.Int(1)), true},
		{schema.Date, term.BinaryString("1997-01-01"), false},
		{schema.Int, term.Term{}, false},
	}
	for _, c := range cases {
		if got := exactFor(c.typ, c.v); got != c.want {
			t.Errorf("exactFor(%v, %s) = %v, want %v", c.typ, term.Format(c.v), got, c.want)
		}
	}
}
