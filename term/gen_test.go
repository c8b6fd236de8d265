package term

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
)

// randomTerm returns a random term of every kind but the opaque ones
// (which have no literal syntax): integers small and big, floats of every
// magnitude and sign, bare, quoted, reserved and Unicode atoms, binaries
// (ASCII, UTF-8, raw bytes), strings, tuples, proper and improper lists and
// maps, nested up to depth levels. Maps have at most 8 keys, so that OTP
// prints them in key order too.
func randomTerm(r *rand.Rand, depth int) Term {
	if depth <= 0 || r.IntN(3) == 0 {
		return randomLeaf(r)
	}
	switch r.IntN(5) {
	case 0:
		return Tuple(randomTerms(r, depth-1, 4)...)
	case 1:
		return List(randomTerms(r, depth-1, 4)...)
	case 2:
		elems := randomTerms(r, depth-1, 3)
		if len(elems) == 0 {
			elems = []Term{randomLeaf(r)}
		}
		return ImproperList(elems, randomNonList(r, depth-1))
	case 3:
		return randomMap(r, depth-1)
	}
	return Charlist(randomText(r))
}

func randomTerms(r *rand.Rand, depth, max int) []Term {
	elems := make([]Term, r.IntN(max+1))
	for i := range elems {
		elems[i] = randomTerm(r, depth)
	}
	return elems
}

func randomNonList(r *rand.Rand, depth int) Term {
	for {
		if t := randomTerm(r, depth); !t.IsList() {
			return t
		}
	}
}

func randomMap(r *rand.Rand, depth int) Term {
	pairs := make([]MapPair, r.IntN(9))
	for i := range pairs {
		pairs[i] = MapPair{randomTerm(r, depth), randomTerm(r, depth)}
	}
	return Map(pairs...)
}

// randomLeaf returns a random number, atom, binary or [].
func randomLeaf(r *rand.Rand) Term {
	switch r.IntN(8) {
	case 0:
		return Int(r.Int64N(2001) - 1000)
	case 1:
		return Int(int64(r.Uint64()))
	case 2:
		return randomBigInt(r)
	case 3:
		return Float(randomFloat(r))
	case 4:
		return Atom(randomAtomName(r))
	case 5:
		return randomBinary(r)
	case 6:
		return Nil
	}
	return Int(int64(r.IntN(300))) // often a character
}

func randomBigInt(r *rand.Rand) Term {
	b := new(big.Int).Lsh(big.NewInt(1), uint(64+r.IntN(200)))
	b.Add(b, new(big.Int).SetUint64(r.Uint64()))
	if r.IntN(2) == 0 {
		b.Neg(b)
	}
	return BigInt(b)
}

var specialFloats = []float64{0, math.Copysign(0, -1), 0.1, 1, -1, 1e10, 1e15, 1e16, 1e21, 1e22, 1e23, 1e-5, 1e-4,
	0.001, 100, 1000, 123456789, 5e-324, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 2.5e-308}

func randomFloat(r *rand.Rand) float64 {
	switch r.IntN(4) {
	case 0:
		return specialFloats[r.IntN(len(specialFloats))]
	case 1:
		return float64(r.IntN(20000)-10000) / 8 // short, often integral
	case 2:
		f := math.Float64frombits(r.Uint64())
		if IsFinite(f) {
			return f
		}
	}
	return (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(40)-20))
}

var atomPieces = []string{"a", "ok", "user_name", "nonode@nohost", "Abc", "hello world", "$1", "'", "\\", "\"",
	"and", "end", "case", "maybe", "else", "é", "ünï", "жа", "€", "😀", "\n", "\t", "\x00", "\x7f", "\u0096", "_", "9", "Elixir.Foo",
	"+", "::", "%{}", "a#{b}", "ß", "×", "÷", "\u00a0", "\u200b"}

func randomAtomName(r *rand.Rand) string {
	var sb strings.Builder
	for n := r.IntN(3); n >= 0; n-- {
		sb.WriteString(atomPieces[r.IntN(len(atomPieces))])
	}
	if r.IntN(50) == 0 {
		return strings.Repeat("x", 255) // the longest atom
	}
	return sb.String()
}

var textPieces = []string{"abc", " ", "hello, world", "é", "ÿ", "€", "😀", "\n", "\t", "\x1b", "\"", "\\", "'", "#{", "\x00", "\x7f", "\u0085", "\u00a0", "~"}

func randomText(r *rand.Rand) string {
	var sb strings.Builder
	for n := r.IntN(4); n > 0; n-- {
		sb.WriteString(textPieces[r.IntN(len(textPieces))])
	}
	return sb.String()
}

func randomBinary(r *rand.Rand) Term {
	switch r.IntN(3) {
	case 0:
		return BinaryString(randomText(r))
	case 1:
		b := make([]byte, r.IntN(6))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return Binary(b)
	}
	b := []byte(randomText(r))
	for i := range b { // Latin-1 text: not UTF-8 when it holds bytes >= 0x80
		if b[i] >= 0x80 {
			b[i] = byte(0xA0 + r.IntN(0x60))
		}
	}
	return Binary(b)
}
