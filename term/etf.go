package term

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"unicode/utf8"
)

// The External Term Format tags (erts/doc: "External Term Format").
const (
	extVersion         = 131
	extCompressed      = 80
	extNewFloat        = 70
	extBitBinary       = 77
	extAtomCacheRef    = 82
	extDistHeader      = 68
	extDistFragHeader  = 69
	extNewPid          = 88
	extNewPort         = 89
	extNewerReference  = 90
	extSmallInteger    = 97
	extInteger         = 98
	extFloat           = 99
	extAtom            = 100
	extReference       = 101
	extPort            = 102
	extPid             = 103
	extSmallTuple      = 104
	extLargeTuple      = 105
	extNil             = 106
	extString          = 107
	extList            = 108
	extBinary          = 109
	extSmallBig        = 110
	extLargeBig        = 111
	extNewFun          = 112
	extExport          = 113
	extNewReference    = 114
	extSmallAtom       = 115
	extMap             = 116
	extFun             = 117
	extAtomUTF8        = 118
	extSmallAtomUTF8   = 119
	extV4Port          = 120
	extInvalid         = 0 // written for a term Erlang cannot hold; no decoder accepts it
	maxStringExtLength = 0xffff
	maxAtomCharacters  = 255
)

// Encode returns t in the External Term Format, byte for byte what OTP 25's
// term_to_binary/1 returns for the same term, with one known exception: a
// map of more than 32 pairs, which Erlang stores as a hash trie and writes
// in the trie's order, is written here in map-key order (both orders decode
// to the same map).
//
// The choices term_to_binary/1 makes are made here too: integers as
// SMALL_INTEGER_EXT, INTEGER_EXT or a big; floats as NEW_FLOAT_EXT; atoms
// that Latin-1 can spell as ATOM_EXT, others as UTF-8 atoms; a proper list
// of fewer than 65536 integers in 0..255 as STRING_EXT; maps of up to 32
// pairs in map-key order. Pids, ports, references and funs are written as
// the bytes they were decoded from.
//
// Values Erlang cannot hold have no encoding: the zero Term, NaN and
// infinite floats, atoms longer than 255 characters or not valid UTF-8 are
// written as the byte 0, which every decoder rejects.
func Encode(t Term) []byte {
	return AppendEncode(make([]byte, 0, EncodedSize(t)), t)
}

// AppendEncode appends Encode(t) to dst and returns the extended slice.
func AppendEncode(dst []byte, t Term) []byte {
	return appendExt(append(dst, extVersion), t)
}

// EncodedSize returns len(Encode(t)) without encoding t.
func EncodedSize(t Term) int { return 1 + extSize(t) }

// EncodeCompressed returns t in the compressed External Term Format, as
// term_to_binary(T, [{compressed, Level}]) does: tag 80, the uncompressed
// size, then the zlib stream. Level runs from 0 (no compression: the result
// is Encode(t)) to 9 and is clamped to that range; term_to_binary(T,
// [compressed]) uses 6. As in Erlang, the
// uncompressed form is returned when compressing would not make it smaller.
// The zlib stream is Go's, so the bytes differ from Erlang's, but each side
// decodes the other's.
func EncodeCompressed(t Term, level int) []byte {
	plain := Encode(t)
	level = min(level, zlib.BestCompression)
	if level <= 0 {
		return plain
	}
	body := plain[1:]
	var buf bytes.Buffer
	buf.Grow(len(plain))
	buf.Write([]byte{extVersion, extCompressed})
	buf.Write(binary.BigEndian.AppendUint32(nil, uint32(len(body))))
	zw, err := zlib.NewWriterLevel(&buf, level)
	if err != nil {
		return plain // unreachable: level is in range
	}
	zw.Write(body)
	zw.Close()
	// Erlang gives zlib room for len(body)-5 bytes and falls back to the
	// plain form when that is not enough.
	if buf.Len()-6 > len(body)-5 {
		return plain
	}
	return buf.Bytes()
}

// AppendEncodeChecked is AppendEncode for callers that must not write a
// term Erlang cannot hold: when t has no encoding (the zero Term, a NaN or
// infinite float, an atom longer than 255 characters or not valid UTF-8, a
// binary of 4 GiB or more) or nests deeper than MaxDepth, it returns dst
// unchanged and an error wrapping ErrUnsupported or ErrTooDeep. It checks
// while it encodes: one pass over t.
func AppendEncodeChecked(dst []byte, t Term) ([]byte, error) {
	e := encoder{check: true}
	b := e.ext(append(dst, extVersion), t, 0)
	if e.err != nil {
		return dst, e.err
	}
	return b, nil
}

func appendExt(b []byte, t Term) []byte {
	var e encoder
	return e.ext(b, t, 0)
}

// encoder writes terms in the External Term Format. With check set it
// records the first term that has no encoding (writing the byte 0 in its
// place, as without) and stops descending below MaxDepth.
type encoder struct {
	check bool
	err   error
}

func (e *encoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

func (e *encoder) ext(b []byte, t Term, depth int) []byte {
	switch t.tag() {
	case tagSmallInt:
		return appendInt(b, int64(t.word))
	case tagBigInt:
		return appendBig(b, t.bigRef())
	case tagFloat:
		if f := math.Float64frombits(t.word); !IsFinite(f) {
			if e.check {
				e.fail(fmt.Errorf("%w: float %v", ErrUnsupported, f))
			}
			return append(b, extInvalid)
		}
		return binary.BigEndian.AppendUint64(append(b, extNewFloat), t.word)
	case tagAtom:
		b, ok := appendAtom(b, t.str())
		if !ok && e.check {
			e.fail(fmt.Errorf("%w: atom %q", ErrUnsupported, t.str()))
		}
		return b
	case tagBinary:
		if e.check && uint64(t.length()) > math.MaxUint32 {
			e.fail(fmt.Errorf("%w: binary of %d bytes", ErrUnsupported, t.length()))
		}
		b = binary.BigEndian.AppendUint32(append(b, extBinary), uint32(t.length()))
		return append(b, t.str()...)
	case tagNil:
		return append(b, extNil)
	case tagRef, tagFun, tagPort, tagPid:
		return append(b, (*opaque)(t.ptr).ext...)
	case tagInvalid:
		if e.check {
			e.fail(fmt.Errorf("%w: the zero Term", ErrUnsupported))
		}
		return append(b, extInvalid)
	}
	// A container with elements nested MaxDepth deep does not decode
	// (empty tuples and maps hold no elements: they do).
	if e.check && depth >= MaxDepth && t.length() > 0 {
		e.fail(ErrTooDeep)
		return b
	}
	switch t.tag() {
	case tagTuple:
		n := t.length()
		if n <= math.MaxUint8 {
			b = append(b, extSmallTuple, byte(n))
		} else {
			b = binary.BigEndian.AppendUint32(append(b, extLargeTuple), uint32(n))
		}
		for _, x := range t.elems() {
			b = e.ext(b, x, depth+1)
		}
		return b
	case tagList, tagImproper:
		return e.list(b, t, depth)
	case tagMap:
		keys, vals := t.MapPairs()
		b = binary.BigEndian.AppendUint32(append(b, extMap), uint32(len(keys)))
		for i := range keys {
			b = e.ext(e.ext(b, keys[i], depth+1), vals[i], depth+1)
		}
		return b
	}
	return append(b, extInvalid)
}

func appendInt(b []byte, v int64) []byte {
	switch {
	case v >= 0 && v <= math.MaxUint8:
		return append(b, extSmallInteger, byte(v))
	case v >= math.MinInt32 && v <= math.MaxInt32:
		return binary.BigEndian.AppendUint32(append(b, extInteger), uint32(v))
	}
	sign, mag := byte(0), uint64(v)
	if v < 0 {
		sign, mag = 1, -mag
	}
	n := (bits.Len64(mag) + 7) / 8
	b = append(b, extSmallBig, byte(n), sign)
	for i := range n {
		b = append(b, byte(mag>>(8*i)))
	}
	return b
}

const wordBytes = bits.UintSize / 8

func appendBig(b []byte, x *big.Int) []byte {
	n := (x.BitLen() + 7) / 8
	if n <= math.MaxUint8 {
		b = append(b, extSmallBig, byte(n))
	} else {
		b = binary.BigEndian.AppendUint32(append(b, extLargeBig), uint32(n))
	}
	sign := byte(0)
	if x.Sign() < 0 {
		sign = 1
	}
	b = append(b, sign)
	words := x.Bits()
	for i := range n {
		b = append(b, byte(words[i/wordBytes]>>(8*(i%wordBytes))))
	}
	return b
}

// atomLatin1 reports whether the atom named name can be written as a
// Latin-1 ATOM_EXT and how many characters it has.
func atomLatin1(name string) (chars int, latin1 bool) {
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			return atomLatin1Slow(name)
		}
	}
	return len(name), true
}

func atomLatin1Slow(name string) (chars int, latin1 bool) {
	latin1 = true
	for _, r := range name {
		if r > 0xff {
			latin1 = false // also for utf8.RuneError: invalid UTF-8
		}
		chars++
	}
	return chars, latin1
}

// atomEncodable reports whether Erlang can hold the atom named name.
func atomEncodable(name string, chars int, latin1 bool) bool {
	return chars <= maxAtomCharacters && (latin1 || utf8.ValidString(name))
}

// appendAtom appends the atom's encoding, or the byte 0 and false when
// Erlang cannot hold it.
func appendAtom(b []byte, name string) ([]byte, bool) {
	chars, latin1 := atomLatin1(name)
	switch {
	case !atomEncodable(name, chars, latin1):
		return append(b, extInvalid), false
	case latin1:
		b = append(b, extAtom, 0, byte(chars))
		if chars == len(name) {
			return append(b, name...), true
		}
		for _, r := range name {
			b = append(b, byte(r))
		}
		return b, true
	case len(name) <= math.MaxUint8:
		return append(append(b, extSmallAtomUTF8, byte(len(name))), name...), true
	}
	return append(append(b, extAtomUTF8, byte(len(name)>>8), byte(len(name))), name...), true
}

// isByteList reports whether term_to_binary writes the proper list elems
// as STRING_EXT.
func isByteList(elems []Term) bool {
	if len(elems) > maxStringExtLength {
		return false
	}
	for _, e := range elems {
		if e.ptr != smallIntPtr || e.word > math.MaxUint8 {
			return false
		}
	}
	return true
}

func (e *encoder) list(b []byte, t Term, depth int) []byte {
	elems, tail := t.ListParts()
	if tail.IsNil() && isByteList(elems) {
		b = append(b, extString, byte(len(elems)>>8), byte(len(elems)))
		for _, e := range elems {
			b = append(b, byte(e.word))
		}
		return b
	}
	b = binary.BigEndian.AppendUint32(append(b, extList), uint32(len(elems)))
	for _, x := range elems {
		b = e.ext(b, x, depth+1)
	}
	return e.ext(b, tail, depth+1)
}

// extSize is the length of t's encoding without the version byte.
func extSize(t Term) int {
	switch t.tag() {
	case tagSmallInt:
		return intSize(int64(t.word))
	case tagBigInt:
		n := (t.bigRef().BitLen() + 7) / 8
		if n <= math.MaxUint8 {
			return 3 + n
		}
		return 6 + n
	case tagFloat:
		if !IsFinite(math.Float64frombits(t.word)) {
			return 1
		}
		return 9
	case tagAtom:
		return atomSize(t.str())
	case tagBinary:
		return 5 + t.length()
	case tagTuple:
		n := 2
		if t.length() > math.MaxUint8 {
			n = 5
		}
		for _, e := range t.elems() {
			n += extSize(e)
		}
		return n
	case tagNil:
		return 1
	case tagList, tagImproper:
		elems, tail := t.ListParts()
		if tail.IsNil() && isByteList(elems) {
			return 3 + len(elems)
		}
		n := 5 + extSize(tail)
		for _, e := range elems {
			n += extSize(e)
		}
		return n
	case tagMap:
		keys, vals := t.MapPairs()
		n := 5
		for i := range keys {
			n += extSize(keys[i]) + extSize(vals[i])
		}
		return n
	case tagRef, tagFun, tagPort, tagPid:
		return len((*opaque)(t.ptr).ext)
	}
	return 1
}

func intSize(v int64) int {
	switch {
	case v >= 0 && v <= math.MaxUint8:
		return 2
	case v >= math.MinInt32 && v <= math.MaxInt32:
		return 5
	}
	mag := uint64(v)
	if v < 0 {
		mag = -mag
	}
	return 3 + (bits.Len64(mag)+7)/8
}

func atomSize(name string) int {
	chars, latin1 := atomLatin1(name)
	switch {
	case !atomEncodable(name, chars, latin1):
		return 1
	case latin1:
		return 3 + chars
	case len(name) <= math.MaxUint8:
		return 2 + len(name)
	}
	return 3 + len(name)
}
