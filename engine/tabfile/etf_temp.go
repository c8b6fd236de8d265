package tabfile

// TEMPORARY: a private External Term Format codec for the subset of terms
// ETS tables hold, written so that this package works before term.Encode and
// term.Decode land on main (branch etf). When they do, encodeTerm and
// decodeTerm become thin wrappers around them and this file goes away; the
// rest of the package only calls those two functions.
//
// The encoder writes what OTP 25's term_to_binary/1 writes (minor version 1:
// NEW_FLOAT_EXT, ATOM_EXT for Latin-1 atoms, SMALL_ATOM_UTF8_EXT or
// ATOM_UTF8_EXT otherwise, STRING_EXT for byte lists), so files match erl's
// byte for byte.

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/big"
	"unicode/utf8"
	"unsafe"

	"github.com/etsql/etsql/term"
)

// External Term Format tags.
const (
	etfVersion       = 131
	tagNewFloat      = 70  // 'F'
	tagBitBinary     = 77  // 'M'
	tagCompressed    = 80  // 'P'
	tagNewPid        = 88  // 'X'
	tagNewPort       = 89  // 'Y'
	tagNewerRef      = 90  // 'Z'
	tagSmallInt      = 97  // 'a'
	tagInt           = 98  // 'b'
	tagFloatString   = 99  // 'c'
	tagAtom          = 100 // 'd'
	tagRef           = 101 // 'e'
	tagPort          = 102 // 'f'
	tagPid           = 103 // 'g'
	tagSmallTuple    = 104 // 'h'
	tagLargeTuple    = 105 // 'i'
	tagNil           = 106 // 'j'
	tagString        = 107 // 'k'
	tagList          = 108 // 'l'
	tagBinary        = 109 // 'm'
	tagSmallBig      = 110 // 'n'
	tagLargeBig      = 111 // 'o'
	tagNewFun        = 112 // 'p'
	tagExport        = 113 // 'q'
	tagNewRef        = 114 // 'r'
	tagSmallAtom     = 115 // 's'
	tagMap           = 116 // 't'
	tagAtomUTF8      = 118 // 'v'
	tagSmallAtomUTF8 = 119 // 'w'
	tagV4Port        = 120 // 'x'
)

// maxAtomChars is Erlang's limit on the length of an atom, in characters.
const maxAtomChars = 255

// appendTerm appends the External Term Format encoding of t, with the
// version byte, to dst.
func appendTerm(dst []byte, t term.Term) ([]byte, error) {
	dst = append(dst, etfVersion)
	return appendBody(dst, t, 0)
}

func appendBody(dst []byte, t term.Term, depth int) ([]byte, error) {
	if depth > term.MaxDepth {
		return dst, term.ErrTooDeep
	}
	switch t.Kind() {
	case term.KindInteger:
		if v, ok := t.Int64(); ok {
			return appendInt(dst, v), nil
		}
		b, _ := t.Big()
		return appendBig(dst, b), nil
	case term.KindFloat:
		f, _ := t.Float64()
		dst = append(dst, tagNewFloat)
		return binary.BigEndian.AppendUint64(dst, math.Float64bits(f)), nil
	case term.KindAtom:
		name, _ := t.AtomName()
		return appendAtom(dst, name)
	case term.KindBinary:
		s, _ := t.BinaryValue()
		if uint64(len(s)) > math.MaxUint32 {
			return dst, fmt.Errorf("%w: binary of %d bytes", term.ErrUnsupported, len(s))
		}
		dst = append(dst, tagBinary)
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(s)))
		return append(dst, s...), nil
	case term.KindTuple:
		elems := t.Elements()
		if len(elems) < 256 {
			dst = append(dst, tagSmallTuple, byte(len(elems)))
		} else {
			dst = append(dst, tagLargeTuple)
			dst = binary.BigEndian.AppendUint32(dst, uint32(len(elems)))
		}
		return appendAll(dst, elems, depth)
	case term.KindNil:
		return append(dst, tagNil), nil
	case term.KindList:
		return appendList(dst, t, depth)
	case term.KindMap:
		keys, vals := t.MapPairs()
		dst = append(dst, tagMap)
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(keys)))
		var err error
		for i := range keys {
			if dst, err = appendBody(dst, keys[i], depth+1); err != nil {
				return dst, err
			}
			if dst, err = appendBody(dst, vals[i], depth+1); err != nil {
				return dst, err
			}
		}
		return dst, nil
	case term.KindReference, term.KindFun, term.KindPort, term.KindPid:
		ext, _ := t.OpaqueExt()
		return append(dst, ext...), nil
	}
	return dst, fmt.Errorf("%w: %s term", term.ErrUnsupported, t.Kind())
}

func appendAll(dst []byte, elems []term.Term, depth int) ([]byte, error) {
	var err error
	for _, e := range elems {
		if dst, err = appendBody(dst, e, depth+1); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

func appendInt(dst []byte, v int64) []byte {
	switch {
	case v >= 0 && v < 256:
		return append(dst, tagSmallInt, byte(v))
	case v >= math.MinInt32 && v <= math.MaxInt32:
		dst = append(dst, tagInt)
		return binary.BigEndian.AppendUint32(dst, uint32(int32(v)))
	}
	sign := byte(0)
	u := uint64(v)
	if v < 0 {
		sign, u = 1, uint64(-v) // -MinInt64 wraps to 1<<63, which is right
	}
	n := (bitsLen(u) + 7) / 8
	dst = append(dst, tagSmallBig, byte(n), sign)
	for range n {
		dst = append(dst, byte(u))
		u >>= 8
	}
	return dst
}

func bitsLen(u uint64) int {
	n := 0
	for u != 0 {
		n++
		u >>= 1
	}
	return n
}

func appendBig(dst []byte, b *big.Int) []byte {
	mag := b.Bytes() // big-endian magnitude
	sign := byte(0)
	if b.Sign() < 0 {
		sign = 1
	}
	if len(mag) < 256 {
		dst = append(dst, tagSmallBig, byte(len(mag)), sign)
	} else {
		dst = append(dst, tagLargeBig)
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(mag)))
		dst = append(dst, sign)
	}
	for i := len(mag) - 1; i >= 0; i-- {
		dst = append(dst, mag[i])
	}
	return dst
}

func appendAtom(dst []byte, name string) ([]byte, error) {
	if !utf8.ValidString(name) || utf8.RuneCountInString(name) > maxAtomChars {
		return dst, fmt.Errorf("%w: atom %q", term.ErrUnsupported, name)
	}
	latin1 := true
	for _, r := range name {
		if r > 255 {
			latin1 = false
			break
		}
	}
	if latin1 {
		dst = append(dst, tagAtom, 0, 0)
		start := len(dst)
		for _, r := range name {
			dst = append(dst, byte(r))
		}
		binary.BigEndian.PutUint16(dst[start-2:], uint16(len(dst)-start))
		return dst, nil
	}
	if len(name) < 256 {
		dst = append(dst, tagSmallAtomUTF8, byte(len(name)))
	} else {
		dst = append(dst, tagAtomUTF8)
		dst = binary.BigEndian.AppendUint16(dst, uint16(len(name)))
	}
	return append(dst, name...), nil
}

func appendList(dst []byte, t term.Term, depth int) ([]byte, error) {
	elems, tail := t.ListParts()
	if tail.IsNil() && len(elems) < 65536 && allBytes(elems) {
		dst = append(dst, tagString)
		dst = binary.BigEndian.AppendUint16(dst, uint16(len(elems)))
		for _, e := range elems {
			v, _ := e.Int64()
			dst = append(dst, byte(v))
		}
		return dst, nil
	}
	dst = append(dst, tagList)
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(elems)))
	dst, err := appendAll(dst, elems, depth)
	if err != nil {
		return dst, err
	}
	return appendBody(dst, tail, depth+1)
}

func allBytes(elems []term.Term) bool {
	for _, e := range elems {
		v, ok := e.Int64()
		if !ok || v < 0 || v > 255 {
			return false
		}
	}
	return true
}

// decoder reads External Term Format bodies. It interns atom names and
// carves tuple and list element slices out of a shared slab, so decoding a
// table's objects allocates little.
type decoder struct {
	b           []byte
	off         int
	latin1Atoms map[string]string // ATOM_EXT and SMALL_ATOM_EXT names, by their bytes
	utf8Atoms   map[string]string
	slab        []term.Term
	byteSlab    []byte // small binaries are carved from it
	atomCache   [256]cachedAtom
}

// cachedAtom is a direct-mapped cache entry in front of the intern maps:
// a table's few atoms are then found without hashing.
type cachedAtom struct {
	utf8 bool
	raw  string
	name string
}

const slabSize = 4096

// maxInterned bounds the atom names a decoder keeps, so that a file of
// millions of distinct atoms cannot grow the table without limit.
const maxInterned = 1 << 16

func newDecoder() *decoder {
	return &decoder{latin1Atoms: make(map[string]string), utf8Atoms: make(map[string]string)}
}

// decode decodes one whole encoded term (version byte first). Trailing bytes
// are an error.
func (d *decoder) decode(b []byte) (term.Term, error) {
	d.b, d.off = b, 0
	v, err := d.u8()
	if err != nil {
		return term.Term{}, err
	}
	if v != etfVersion {
		return term.Term{}, d.errorf("version byte %d, want %d", v, etfVersion)
	}
	if len(b) > 1 && b[1] == tagCompressed {
		return d.decompressed()
	}
	t, err := d.term(0)
	if err != nil {
		return term.Term{}, err
	}
	if d.off != len(d.b) {
		return term.Term{}, d.errorf("%d bytes after the term", len(d.b)-d.off)
	}
	return t, nil
}

// maxInflated bounds a compressed term's stated size, so a hostile header
// cannot make the decoder allocate without limit.
const maxInflated = 1 << 30

func (d *decoder) decompressed() (term.Term, error) {
	d.off = 2
	n, err := d.u32()
	if err != nil {
		return term.Term{}, err
	}
	if n > maxInflated || n > 1100*(len(d.b)-d.off) { // deflate shrinks 1032:1 at best
		return term.Term{}, d.errorf("compressed term of %d bytes", n)
	}
	zr, err := zlib.NewReader(bytes.NewReader(d.b[d.off:]))
	if err != nil {
		return term.Term{}, d.errorf("compressed term: %v", err)
	}
	plain := make([]byte, 1, min(n, 64<<10)+1) // n is untrusted: grow as data comes
	plain[0] = etfVersion
	buf := bytes.NewBuffer(plain)
	if _, err := io.Copy(buf, io.LimitReader(zr, int64(n)+1)); err != nil {
		return term.Term{}, d.errorf("compressed term: %v", err)
	}
	if buf.Len() != int(n)+1 {
		return term.Term{}, d.errorf("compressed term inflates to %d bytes, header says %d", buf.Len()-1, n)
	}
	inner := buf.Bytes()
	if len(inner) > 1 && inner[1] == tagCompressed {
		return term.Term{}, d.errorf("compressed term inside a compressed term")
	}
	return d.decode(inner)
}

func (d *decoder) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: byte %d of the term: %s", term.ErrExternalFormat, d.off, fmt.Sprintf(format, args...))
}

func (d *decoder) need(n int) error {
	if n < 0 || len(d.b)-d.off < n {
		return d.errorf("truncated")
	}
	return nil
}

func (d *decoder) u8() (byte, error) {
	if err := d.need(1); err != nil {
		return 0, err
	}
	d.off++
	return d.b[d.off-1], nil
}

func (d *decoder) u16() (int, error) {
	if err := d.need(2); err != nil {
		return 0, err
	}
	d.off += 2
	return int(binary.BigEndian.Uint16(d.b[d.off-2:])), nil
}

func (d *decoder) u32() (int, error) {
	if err := d.need(4); err != nil {
		return 0, err
	}
	d.off += 4
	return int(binary.BigEndian.Uint32(d.b[d.off-4:])), nil
}

func (d *decoder) bytes(n int) ([]byte, error) {
	if err := d.need(n); err != nil {
		return nil, err
	}
	d.off += n
	return d.b[d.off-n : d.off], nil
}

// elems returns a slice of n terms from the slab.
func (d *decoder) elems(n int) []term.Term {
	if n > slabSize/4 {
		return make([]term.Term, n)
	}
	if len(d.slab) < n {
		d.slab = make([]term.Term, slabSize)
	}
	s := d.slab[:n:n]
	d.slab = d.slab[n:]
	return s
}

// binary returns a binary holding a copy of b. Small binaries share a slab:
// their bytes are written once and never changed, as Go strings require.
func (d *decoder) binary(b []byte) term.Term {
	if len(b) == 0 || len(b) > byteSlabSize/16 {
		return term.Binary(b)
	}
	if len(d.byteSlab) < len(b) {
		d.byteSlab = make([]byte, byteSlabSize)
	}
	n := copy(d.byteSlab, b)
	s := unsafe.String(&d.byteSlab[0], n)
	d.byteSlab = d.byteSlab[n:]
	return term.BinaryString(s)
}

const byteSlabSize = 64 << 10

func (d *decoder) term(depth int) (term.Term, error) {
	if depth > term.MaxDepth {
		return term.Term{}, term.ErrTooDeep
	}
	start := d.off
	tg, err := d.u8()
	if err != nil {
		return term.Term{}, err
	}
	switch tg {
	case tagSmallInt:
		v, err := d.u8()
		return term.Int(int64(v)), err
	case tagInt:
		v, err := d.u32()
		return term.Int(int64(int32(uint32(v)))), err
	case tagSmallBig:
		n, err := d.u8()
		if err != nil {
			return term.Term{}, err
		}
		return d.big(int(n))
	case tagLargeBig:
		n, err := d.u32()
		if err != nil {
			return term.Term{}, err
		}
		return d.big(n)
	case tagNewFloat:
		b, err := d.bytes(8)
		if err != nil {
			return term.Term{}, err
		}
		f := math.Float64frombits(binary.BigEndian.Uint64(b))
		if !term.IsFinite(f) {
			return term.Term{}, d.errorf("float is not finite")
		}
		return term.Float(f), nil
	case tagFloatString:
		b, err := d.bytes(31)
		if err != nil {
			return term.Term{}, err
		}
		var f float64
		if _, err := fmt.Sscanf(string(bytes.TrimRight(b, "\x00")), "%g", &f); err != nil || !term.IsFinite(f) {
			return term.Term{}, d.errorf("bad float text")
		}
		return term.Float(f), nil
	case tagAtom, tagSmallAtom, tagAtomUTF8, tagSmallAtomUTF8:
		d.off = start
		name, err := d.atom()
		return term.Atom(name), err
	case tagSmallTuple, tagLargeTuple:
		var n int
		if tg == tagSmallTuple {
			var b byte
			b, err = d.u8()
			n = int(b)
		} else {
			n, err = d.u32()
		}
		if err != nil {
			return term.Term{}, err
		}
		if err := d.need(n); err != nil { // every element takes a byte at least
			return term.Term{}, err
		}
		elems := d.elems(n)
		for i := range elems {
			if elems[i], err = d.term(depth + 1); err != nil {
				return term.Term{}, err
			}
		}
		return term.Tuple(elems...), nil
	case tagNil:
		return term.Nil, nil
	case tagString:
		n, err := d.u16()
		if err != nil {
			return term.Term{}, err
		}
		b, err := d.bytes(n)
		if err != nil {
			return term.Term{}, err
		}
		elems := d.elems(n)
		for i, c := range b {
			elems[i] = term.Int(int64(c))
		}
		return term.List(elems...), nil
	case tagList:
		n, err := d.u32()
		if err != nil {
			return term.Term{}, err
		}
		if err := d.need(n + 1); err != nil {
			return term.Term{}, err
		}
		elems := d.elems(n)
		for i := range elems {
			if elems[i], err = d.term(depth + 1); err != nil {
				return term.Term{}, err
			}
		}
		tail, err := d.term(depth + 1)
		if err != nil {
			return term.Term{}, err
		}
		if n == 0 {
			return term.Term{}, d.errorf("list of no elements")
		}
		return term.ImproperList(elems, tail), nil
	case tagBinary:
		n, err := d.u32()
		if err != nil {
			return term.Term{}, err
		}
		b, err := d.bytes(n)
		if err != nil {
			return term.Term{}, err
		}
		return d.binary(b), nil
	case tagBitBinary:
		n, err := d.u32()
		if err != nil {
			return term.Term{}, err
		}
		bits, err := d.u8()
		if err != nil {
			return term.Term{}, err
		}
		b, err := d.bytes(n)
		if err != nil {
			return term.Term{}, err
		}
		if bits != 8 || n == 0 {
			return term.Term{}, fmt.Errorf("%w: bitstring", term.ErrUnsupported)
		}
		return term.Binary(b), nil
	case tagMap:
		n, err := d.u32()
		if err != nil {
			return term.Term{}, err
		}
		if err := d.need(2 * n); err != nil {
			return term.Term{}, err
		}
		pairs := make([]term.MapPair, n)
		for i := range pairs {
			if pairs[i].Key, err = d.term(depth + 1); err != nil {
				return term.Term{}, err
			}
			if pairs[i].Value, err = d.term(depth + 1); err != nil {
				return term.Term{}, err
			}
		}
		m := term.Map(pairs...)
		if keys, _ := m.MapPairs(); len(keys) != n {
			return term.Term{}, d.errorf("map with a repeated key")
		}
		return m, nil
	case tagNewPid, tagPid, tagNewPort, tagV4Port, tagPort, tagNewerRef, tagNewRef, tagRef, tagNewFun, tagExport:
		return d.opaque(tg, start, depth)
	}
	d.off = start
	return term.Term{}, d.errorf("unknown tag %d", tg)
}

func (d *decoder) big(n int) (term.Term, error) {
	sign, err := d.u8()
	if err != nil {
		return term.Term{}, err
	}
	if sign > 1 {
		return term.Term{}, d.errorf("big integer sign %d", sign)
	}
	le, err := d.bytes(n)
	if err != nil {
		return term.Term{}, err
	}
	be := make([]byte, n)
	for i, c := range le {
		be[n-1-i] = c
	}
	v := new(big.Int).SetBytes(be)
	if sign == 1 {
		v.Neg(v)
	}
	return term.BigInt(v), nil
}

// atom reads an atom of any of the four atom encodings and returns its name
// as UTF-8.
func (d *decoder) atom() (string, error) {
	tg, err := d.u8()
	if err != nil {
		return "", err
	}
	var n int
	switch tg {
	case tagAtom, tagAtomUTF8:
		n, err = d.u16()
	case tagSmallAtom, tagSmallAtomUTF8:
		var b byte
		b, err = d.u8()
		n = int(b)
	default:
		d.off--
		return "", d.errorf("expected an atom, found tag %d", tg)
	}
	if err != nil {
		return "", err
	}
	raw, err := d.bytes(n)
	if err != nil {
		return "", err
	}
	utf8Enc := tg == tagAtomUTF8 || tg == tagSmallAtomUTF8
	var slot *cachedAtom
	if n > 0 {
		slot = &d.atomCache[(n*31+int(raw[0])*7+int(raw[n-1]))&255]
		if slot.utf8 == utf8Enc && slot.raw == string(raw) && slot.name != "" {
			return slot.name, nil
		}
	}
	interned := d.latin1Atoms
	if utf8Enc {
		interned = d.utf8Atoms
	}
	if name, ok := interned[string(raw)]; ok {
		if slot != nil && name == string(raw) { // ASCII or UTF-8: the name is the raw bytes
			*slot = cachedAtom{utf8: utf8Enc, raw: name, name: name}
		}
		return name, nil
	}
	var name string
	if utf8Enc {
		if !utf8.Valid(raw) {
			return "", d.errorf("atom is not valid UTF-8")
		}
		name = string(raw)
	} else {
		rs := make([]rune, len(raw))
		for i, c := range raw {
			rs[i] = rune(c)
		}
		name = string(rs)
	}
	if utf8.RuneCountInString(name) > maxAtomChars {
		return "", d.errorf("atom longer than %d characters", maxAtomChars)
	}
	if len(interned) < maxInterned {
		interned[string(raw)] = name
	}
	return name, nil
}

// opaque skips over a pid, port, reference or fun and keeps its encoding.
func (d *decoder) opaque(tg byte, start, depth int) (term.Term, error) {
	var kind term.Kind
	var err error
	switch tg {
	case tagNewPid, tagPid:
		kind = term.KindPid
		if _, err = d.atom(); err == nil {
			_, err = d.bytes(map[byte]int{tagNewPid: 12, tagPid: 9}[tg])
		}
	case tagNewPort, tagV4Port, tagPort:
		kind = term.KindPort
		if _, err = d.atom(); err == nil {
			_, err = d.bytes(map[byte]int{tagNewPort: 8, tagV4Port: 12, tagPort: 5}[tg])
		}
	case tagRef:
		kind = term.KindReference
		if _, err = d.atom(); err == nil {
			_, err = d.bytes(5)
		}
	case tagNewerRef, tagNewRef:
		kind = term.KindReference
		var n int
		if n, err = d.u16(); err != nil {
			break
		}
		if n > 5 {
			return term.Term{}, d.errorf("reference of %d words", n)
		}
		if _, err = d.atom(); err == nil {
			creation := map[byte]int{tagNewerRef: 4, tagNewRef: 1}[tg]
			_, err = d.bytes(creation + 4*n)
		}
	case tagNewFun:
		kind = term.KindFun
		var size int
		if size, err = d.u32(); err == nil {
			if size < 4 {
				return term.Term{}, d.errorf("fun of %d bytes", size)
			}
			_, err = d.bytes(size - 4)
		}
	case tagExport:
		kind = term.KindFun
		for range 3 {
			if _, err = d.term(depth + 1); err != nil {
				break
			}
		}
	}
	if err != nil {
		return term.Term{}, err
	}
	t, _ := term.Opaque(kind, d.b[start:d.off])
	return t, nil
}
