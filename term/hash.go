package term

import (
	"hash/maphash"
	"math"
	"math/big"
)

// hashSeed is fixed for the life of the process; hashes are not stable
// across processes and must not be stored.
var hashSeed = maphash.MakeSeed()

// Hash returns a hash of t consistent with =:=: ExactEqual(a, b) implies
// Hash(a) == Hash(b). It is the hash of set, bag and duplicate_bag keys.
func Hash(t Term) uint64 {
	if t.ptr == smallIntPtr {
		return combine(0, mix(t.word^0x9e3779b97f4a7c15))
	}
	return hashTerm(t, 0, false)
}

// HashEqual returns a hash of t consistent with ==: Equal(a, b) implies
// HashEqual(a) == HashEqual(b), so 1 and 1.0 hash alike. SQL hash joins and
// grouping use it.
func HashEqual(t Term) uint64 {
	if t.ptr == smallIntPtr {
		return combine(0, mix(t.word^0x9e3779b97f4a7c15))
	}
	return hashTerm(t, 0, true)
}

func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

func combine(h, x uint64) uint64 { return mix(h*31 + x) }

func hashTerm(t Term, h uint64, numeric bool) uint64 {
	tg := t.tag()
	switch tg {
	case tagSmallInt:
		return combine(h, mix(t.word^0x9e3779b97f4a7c15))
	case tagFloat:
		f := math.Float64frombits(t.word)
		if f == 0 {
			f = 0 // -0.0 =:= 0.0 in OTP 25
		}
		if numeric {
			if i, ok := floatAsInt(f); ok {
				return combine(h, mix(uint64(i)^0x9e3779b97f4a7c15))
			}
			if bi, ok := floatAsBig(f); ok {
				return combine(h, hashBig(bi))
			}
		}
		return combine(h, mix(math.Float64bits(f)^0x5851f42d4c957f2d))
	case tagBigInt:
		return combine(h, hashBig(t))
	case tagAtom, tagBinary:
		return combine(h, maphash.String(hashSeed, t.str())^uint64(tg))
	case tagTuple:
		h = combine(h, uint64(tg)<<8|uint64(t.length()))
		for _, e := range t.elems() {
			h = hashTerm(e, h, numeric)
		}
		return h
	case tagList, tagImproper:
		elems, tail := t.ListParts()
		h = combine(h, uint64(tagList))
		for _, e := range elems {
			h = hashTerm(e, h, numeric)
		}
		return hashTerm(tail, h, numeric)
	case tagMap:
		keys, vals := t.MapPairs()
		h = combine(h, uint64(tg)<<8|uint64(len(keys)))
		for i := range keys {
			h = hashTerm(keys[i], h, false) // map keys match exactly
			h = hashTerm(vals[i], h, numeric)
		}
		return h
	case tagRef, tagFun, tagPort, tagPid:
		return combine(h, maphash.Bytes(hashSeed, (*opaque)(t.ptr).ext)^uint64(tg))
	}
	return combine(h, uint64(tg))
}

func hashBig(t Term) uint64 {
	b := t.bigRef()
	var sign [1]byte
	if b.Sign() < 0 {
		sign[0] = 1
	}
	var mh maphash.Hash
	mh.SetSeed(hashSeed)
	mh.Write(sign[:])
	mh.Write(b.Bytes())
	return mh.Sum64()
}

// floatAsInt returns f as an int64 when f is a whole number in int64 range.
func floatAsInt(f float64) (int64, bool) {
	if f != math.Trunc(f) || f < -9223372036854775808.0 || f >= 9223372036854775808.0 {
		return 0, false
	}
	return int64(f), true
}

// floatAsBig returns f as a big integer term when f is a whole number
// beyond the int64 range.
func floatAsBig(f float64) (Term, bool) {
	if f != math.Trunc(f) || !IsFinite(f) {
		return Term{}, false
	}
	bi, _ := new(big.Float).SetFloat64(f).Int(nil)
	t := BigInt(bi)
	return t, t.tag() == tagBigInt
}
