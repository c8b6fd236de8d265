package term

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"math/big"
	"slices"
	"strconv"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

// DecodeError is an error in External Term Format input: where decoding
// stopped and why. It unwraps to ErrExternalFormat (bad bytes),
// ErrUnsupported (a valid term etsql does not model) or ErrTooDeep.
type DecodeError struct {
	Offset int    // bytes from the start of the input (the version byte is 0)
	Msg    string // e.g. "truncated binary"
	Err    error
}

// Error returns "etf: offset N: message".
func (e *DecodeError) Error() string { return "etf: offset " + strconv.Itoa(e.Offset) + ": " + e.Msg }

// Unwrap returns the sentinel error the DecodeError is a case of.
func (e *DecodeError) Unwrap() error { return e.Err }

// Decode reads one term in the External Term Format, as binary_to_term/1
// does: b must start with the version byte 131 and hold exactly one term,
// plain or compressed (tag 80).
//
// Beyond what Encode writes, Decode accepts the older and alternative
// encodings Erlang accepts: Latin-1 atoms (ATOM_EXT, SMALL_ATOM_EXT), string
// floats (FLOAT_EXT), lists whose tail is a list, non-minimal bigs, bit
// binaries of whole bytes (as binaries), and maps in any key order. Pids,
// ports, references and funs become opaque terms holding their bytes, which
// Encode writes back unchanged; the old FUN_EXT and references of 4 or 5
// words, which OTP 25 rejects, are accepted too.
//
// Decode rejects, with a *DecodeError: truncated or corrupt input, bytes
// after the term (binary_to_term/1 ignores them; DecodePrefix reports where
// the term ended), NaN and infinite floats, duplicate map keys, atoms that
// are not valid UTF-8 or longer than 255 characters, atom cache references
// (they belong to the distribution protocol), bitstrings that are not whole
// bytes (ErrUnsupported) and nesting deeper than MaxDepth (ErrTooDeep).
//
// Decode trusts no length the input claims: a list, tuple or map is
// allocated only when the bytes left could hold its elements, so memory use
// stays proportional to the input's size (to its uncompressed size, for
// compressed input, which zlib bounds at about 1000 times).
//
// The term shares no memory with b, which the caller may reuse. Decoding
// allocates once per tuple, list, map, binary, big integer and opaque term;
// numbers, and atoms decoded recently, cost nothing.
func Decode(b []byte) (Term, error) {
	t, n, err := DecodePrefix(b)
	if err != nil {
		return Term{}, err
	}
	if n != len(b) {
		return Term{}, &DecodeError{Offset: n, Msg: fmt.Sprintf("%d trailing bytes after the term", len(b)-n), Err: ErrExternalFormat}
	}
	return t, nil
}

// DecodePrefix reads one term, as Decode does, from the start of b and
// returns it with the number of bytes it took; the bytes after it are not
// looked at. It reads terms written one after another.
func DecodePrefix(b []byte) (Term, int, error) {
	if len(b) == 0 {
		return Term{}, 0, &DecodeError{Offset: 0, Msg: "empty input", Err: ErrExternalFormat}
	}
	if b[0] != extVersion {
		return Term{}, 0, &DecodeError{Offset: 0, Msg: fmt.Sprintf("expected version byte 131, found %d", b[0]), Err: ErrExternalFormat}
	}
	if len(b) > 1 && b[1] == extCompressed {
		return decodeCompressed(b)
	}
	d := decoder{buf: b, off: 1}
	t, err := d.term()
	if err != nil {
		return Term{}, 0, err
	}
	return t, d.off, nil
}

// DecodeInto is Decode, except that when the term is a tuple of at most
// len(space) elements, its elements are stored at the start of space
// instead of in memory of their own, and the rest of space is returned
// (space itself otherwise). The tuple is valid only as long as the caller
// leaves those elements of space alone: this is for callers that copy each
// tuple's elements elsewhere and then reuse space, sparing an allocation
// per tuple. Nested tuples, lists, maps, binaries and bigs are allocated as
// Decode allocates them and never use space.
func DecodeInto(b []byte, space []Term) (Term, []Term, error) {
	if len(b) < 3 || b[0] != extVersion || b[1] != extSmallTuple || int(b[2]) > len(space) || b[2] == 0 {
		t, err := Decode(b)
		return t, space, err
	}
	n := int(b[2])
	d := decoder{buf: b, off: 3}
	if err := d.enter(n, 1, "tuple"); err != nil {
		return Term{}, space, err
	}
	elems := space[:n:n]
	for i := range elems {
		e, err := d.elem()
		if err != nil {
			return Term{}, space, err
		}
		elems[i] = e
	}
	d.leave()
	if d.off != len(b) {
		return Term{}, space, &DecodeError{Offset: d.off, Msg: fmt.Sprintf("%d trailing bytes after the term", len(b)-d.off), Err: ErrExternalFormat}
	}
	return Term{ptr: unsafe.Pointer(unsafe.SliceData(elems)), word: header(tagTuple, n)}, space[n:], nil
}

// maxDeflateRatio bounds how much zlib can expand its input (deflate's
// limit is about 1032:1), so a compressed term claiming more is rejected
// before anything is allocated.
const maxDeflateRatio = 1100

func decodeCompressed(b []byte) (Term, int, error) {
	fail := func(off int, format string, args ...any) (Term, int, error) {
		return Term{}, 0, &DecodeError{Offset: off, Msg: fmt.Sprintf(format, args...), Err: ErrExternalFormat}
	}
	if len(b) < 6 {
		return fail(len(b), "truncated compressed term")
	}
	size := int(binary.BigEndian.Uint32(b[2:6]))
	rest := b[6:]
	if size > len(rest)*maxDeflateRatio+64 {
		return fail(2, "compressed term claims %d bytes, more than %d compressed bytes can hold", size, len(rest))
	}
	r := bytes.NewReader(rest)
	zr, err := zlib.NewReader(r)
	if err != nil {
		return fail(6, "bad zlib data: %v", err)
	}
	body := make([]byte, size)
	if _, err := io.ReadFull(zr, body); err != nil {
		return fail(6, "bad zlib data: %v", zlibProblem(err))
	}
	var extra [1]byte // reading on to the end checks the zlib checksum
	if n, err := io.ReadFull(zr, extra[:]); n != 0 || err != io.EOF {
		if n != 0 {
			return fail(2, "compressed term longer than the %d bytes it claims", size)
		}
		return fail(6, "bad zlib data: %v", zlibProblem(err))
	}
	used := 6 + len(rest) - r.Len()
	d := decoder{buf: body}
	t, err := d.term()
	if err == nil && d.off != len(body) {
		err = &DecodeError{Offset: d.off, Msg: fmt.Sprintf("%d trailing bytes after the term", len(body)-d.off), Err: ErrExternalFormat}
	}
	if err != nil {
		var de *DecodeError
		if errors.As(err, &de) {
			err = &DecodeError{Offset: 1, Msg: fmt.Sprintf("in compressed data at offset %d: %s", de.Offset, de.Msg), Err: de.Err}
		}
		return Term{}, 0, err
	}
	return t, used, nil
}

func zlibProblem(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// decoder reads one term from buf, starting at off.
//
// Containers are decoded by recursion, counted in depth and capped at
// MaxDepth. To defend against allocation bombs, pending counts the element
// slots that opened containers still expect after the one being decoded:
// every slot needs at least one byte of input, so a container may claim n
// slots only if n+pending bytes remain. The slices allocated at any time
// then hold fewer elements than the input has bytes.
type decoder struct {
	buf     []byte
	off     int
	depth   int
	pending int
}

func (d *decoder) fail(off int, format string, args ...any) error {
	return &DecodeError{Offset: off, Msg: fmt.Sprintf(format, args...), Err: ErrExternalFormat}
}

func (d *decoder) truncated(what string) error {
	return &DecodeError{Offset: len(d.buf), Msg: "truncated " + what, Err: ErrExternalFormat}
}

func (d *decoder) remaining() int { return len(d.buf) - d.off }

// take returns the next n bytes.
func (d *decoder) take(n int, what string) ([]byte, error) {
	if n < 0 || n > d.remaining() {
		return nil, d.truncated(what)
	}
	b := d.buf[d.off : d.off+n : d.off+n]
	d.off += n
	return b, nil
}

func (d *decoder) u8(what string) (int, error) {
	if d.off >= len(d.buf) {
		return 0, d.truncated(what)
	}
	v := d.buf[d.off]
	d.off++
	return int(v), nil
}

func (d *decoder) u16(what string) (int, error) {
	b, err := d.take(2, what)
	if err != nil {
		return 0, err
	}
	return int(binary.BigEndian.Uint16(b)), nil
}

func (d *decoder) u32(what string) (int, error) {
	b, err := d.take(4, what)
	if err != nil {
		return 0, err
	}
	return int(binary.BigEndian.Uint32(b)), nil
}

// enter opens a container of slots element slots that starts at offset at.
func (d *decoder) enter(slots, at int, what string) error {
	if d.depth >= MaxDepth {
		return &DecodeError{Offset: at, Msg: fmt.Sprintf("%s nested deeper than %d", what, MaxDepth), Err: ErrTooDeep}
	}
	if slots > d.remaining()-d.pending {
		return d.fail(at, "%s of %d elements does not fit in the %d bytes left", what, slots, d.remaining())
	}
	d.depth++
	d.pending += slots
	return nil
}

// claim adds slots to the innermost open container (a list continued by
// its tail).
func (d *decoder) claim(slots, at int, what string) error {
	if slots > d.remaining()-d.pending {
		return d.fail(at, "%s of %d elements does not fit in the %d bytes left", what, slots, d.remaining())
	}
	d.pending += slots
	return nil
}

func (d *decoder) leave() { d.depth-- }

// elem decodes the next element of an open container.
func (d *decoder) elem() (Term, error) {
	d.pending--
	return d.term()
}

func (d *decoder) term() (Term, error) {
	at := d.off
	tg, err := d.u8("term")
	if err != nil {
		return Term{}, err
	}
	switch tg {
	case extSmallInteger:
		v, err := d.u8("integer")
		return Int(int64(v)), err
	case extInteger:
		b, err := d.take(4, "integer")
		if err != nil {
			return Term{}, err
		}
		return Int(int64(int32(binary.BigEndian.Uint32(b)))), nil
	case extNewFloat:
		b, err := d.take(8, "float")
		if err != nil {
			return Term{}, err
		}
		f := math.Float64frombits(binary.BigEndian.Uint64(b))
		if !IsFinite(f) {
			return Term{}, d.fail(at, "float %v is not an Erlang float", f)
		}
		return Float(f), nil
	case extFloat:
		return d.stringFloat(at)
	case extAtom, extSmallAtom, extAtomUTF8, extSmallAtomUTF8:
		name, err := d.atomBody(tg, at)
		return Atom(name), err
	case extBinary:
		n, err := d.u32("binary length")
		if err != nil {
			return Term{}, err
		}
		b, err := d.take(n, "binary")
		if err != nil {
			return Term{}, err
		}
		return BinaryString(string(b)), nil
	case extBitBinary:
		return d.bitBinary(at)
	case extSmallTuple:
		n, err := d.u8("tuple arity")
		if err != nil {
			return Term{}, err
		}
		return d.tuple(n, at)
	case extLargeTuple:
		n, err := d.u32("tuple arity")
		if err != nil {
			return Term{}, err
		}
		return d.tuple(n, at)
	case extNil:
		return Nil, nil
	case extString:
		elems, err := d.stringBody(nil)
		return List(elems...), err
	case extList:
		return d.list(at)
	case extMap:
		return d.mapBody(at)
	case extSmallBig:
		n, err := d.u8("integer length")
		if err != nil {
			return Term{}, err
		}
		return d.bigBody(n)
	case extLargeBig:
		n, err := d.u32("integer length")
		if err != nil {
			return Term{}, err
		}
		return d.bigBody(n)
	case extPid, extNewPid, extPort, extNewPort, extV4Port,
		extReference, extNewReference, extNewerReference,
		extNewFun, extExport, extFun:
		return d.opaqueTerm(tg, at)
	case extCompressed:
		return Term{}, d.fail(at, "compressed term inside a term")
	case extAtomCacheRef, extDistHeader, extDistFragHeader:
		return Term{}, d.fail(at, "distribution header or atom cache reference (tag %d) outside the distribution protocol", tg)
	}
	return Term{}, d.fail(at, "unknown tag %d", tg)
}

func (d *decoder) tuple(n, at int) (Term, error) {
	if n == 0 {
		return Tuple(), nil
	}
	if err := d.enter(n, at, "tuple"); err != nil {
		return Term{}, err
	}
	elems := make([]Term, n)
	for i := range elems {
		e, err := d.elem()
		if err != nil {
			return Term{}, err
		}
		elems[i] = e
	}
	d.leave()
	return Term{ptr: unsafe.Pointer(unsafe.SliceData(elems)), word: header(tagTuple, n)}, nil
}

// stringBody reads the rest of a STRING_EXT and appends its bytes to elems
// as integers.
func (d *decoder) stringBody(elems []Term) ([]Term, error) {
	n, err := d.u16("string length")
	if err != nil {
		return nil, err
	}
	b, err := d.take(n, "string")
	if err != nil {
		return nil, err
	}
	elems = slices.Grow(elems, n)
	for _, c := range b {
		elems = append(elems, Int(int64(c)))
	}
	return elems, nil
}

// list reads the rest of a LIST_EXT. A tail that is itself a list (which
// term_to_binary never writes, but binary_to_term accepts) continues the
// list, so a long chain of them neither recurses nor nests.
func (d *decoder) list(at int) (Term, error) {
	n, err := d.u32("list length")
	if err != nil {
		return Term{}, err
	}
	if err := d.enter(n+1, at, "list"); err != nil { // the elements and the tail
		return Term{}, err
	}
	elems := make([]Term, 0, n)
	for {
		for range n {
			e, err := d.elem()
			if err != nil {
				return Term{}, err
			}
			elems = append(elems, e)
		}
		d.pending-- // the tail's slot
		tailAt := d.off
		if tailAt >= len(d.buf) {
			return Term{}, d.truncated("list tail")
		}
		switch d.buf[tailAt] {
		case extNil:
			d.off++
			d.leave()
			return List(elems...), nil
		case extString:
			d.off++
			if elems, err = d.stringBody(elems); err != nil {
				return Term{}, err
			}
			d.leave()
			return List(elems...), nil
		case extList:
			d.off++
			if n, err = d.u32("list length"); err != nil {
				return Term{}, err
			}
			if err := d.claim(n+1, tailAt, "list"); err != nil {
				return Term{}, err
			}
			elems = slices.Grow(elems, n)
			continue
		}
		tail, err := d.term()
		if err != nil {
			return Term{}, err
		}
		d.leave()
		return ImproperList(elems, tail), nil
	}
}

func (d *decoder) mapBody(at int) (Term, error) {
	n, err := d.u32("map size")
	if err != nil {
		return Term{}, err
	}
	if n == 0 {
		return Map(), nil
	}
	if err := d.enter(2*n, at, "map"); err != nil {
		return Term{}, err
	}
	kv := make([]Term, 2*n)
	keys, vals := kv[:n:n], kv[n:]
	for i := range n {
		if keys[i], err = d.elem(); err != nil {
			return Term{}, err
		}
		if vals[i], err = d.elem(); err != nil {
			return Term{}, err
		}
	}
	d.leave()
	if !keysAscending(keys) {
		if err := sortMapPairs(keys, vals); err != nil {
			return Term{}, d.fail(at, "%v", err)
		}
	}
	return Term{ptr: unsafe.Pointer(&mapData{keys: keys, vals: vals}), word: header(tagMap, n)}, nil
}

func keysAscending(keys []Term) bool {
	for i := 1; i < len(keys); i++ {
		if compareMapKeys(keys[i-1], keys[i]) >= 0 {
			return false
		}
	}
	return true
}

// sortMapPairs sorts keys in map-key order, moving vals along, and
// reports a key that occurs twice.
func sortMapPairs(keys, vals []Term) error {
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return compareMapKeys(keys[a], keys[b]) })
	for i := 1; i < len(idx); i++ {
		if compareMapKeys(keys[idx[i-1]], keys[idx[i]]) == 0 {
			return errors.New("duplicate map key")
		}
	}
	sk, sv := make([]Term, len(keys)), make([]Term, len(vals))
	for i, j := range idx {
		sk[i], sv[i] = keys[j], vals[j]
	}
	copy(keys, sk)
	copy(vals, sv)
	return nil
}

// bigBody reads the sign and the n little-endian digit bytes of a big
// integer. Integers that fit in 64 bits become Int, as BigInt would make
// them.
func (d *decoder) bigBody(n int) (Term, error) {
	sign, err := d.u8("integer sign")
	if err != nil {
		return Term{}, err
	}
	digits, err := d.take(n, "integer")
	if err != nil {
		return Term{}, err
	}
	for len(digits) > 0 && digits[len(digits)-1] == 0 {
		digits = digits[:len(digits)-1]
	}
	neg := sign != 0
	if len(digits) <= 8 {
		var mag uint64
		for i, c := range digits {
			mag |= uint64(c) << (8 * i)
		}
		switch {
		case !neg && mag <= math.MaxInt64:
			return Int(int64(mag)), nil
		case neg && mag <= 1<<63:
			return Int(int64(-mag)), nil
		}
	}
	words := make([]big.Word, (len(digits)+wordBytes-1)/wordBytes)
	for i, c := range digits {
		words[i/wordBytes] |= big.Word(c) << (8 * (i % wordBytes))
	}
	x := new(big.Int).SetBits(words)
	if neg {
		x.Neg(x)
	}
	return Term{ptr: unsafe.Pointer(x), word: header(tagBigInt, 0)}, nil
}

// stringFloat reads a FLOAT_EXT: 31 bytes of text, "%.20e" padded with NULs.
func (d *decoder) stringFloat(at int) (Term, error) {
	b, err := d.take(31, "float")
	if err != nil {
		return Term{}, err
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
			return Term{}, d.fail(at, "bad float text %q", b)
		}
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || !IsFinite(f) {
		return Term{}, d.fail(at, "bad float text %q", b)
	}
	return Float(f), nil
}

// bitBinary reads a BIT_BINARY_EXT: a binary when its last byte is whole.
func (d *decoder) bitBinary(at int) (Term, error) {
	n, err := d.u32("bitstring length")
	if err != nil {
		return Term{}, err
	}
	bitsUsed, err := d.u8("bitstring")
	if err != nil {
		return Term{}, err
	}
	b, err := d.take(n, "bitstring")
	if err != nil {
		return Term{}, err
	}
	switch {
	case (bitsUsed == 0) != (n == 0) || bitsUsed > 8:
		return Term{}, d.fail(at, "bitstring of %d bytes with %d bits in its last byte", n, bitsUsed)
	case bitsUsed != 8 && n != 0:
		return Term{}, &DecodeError{Offset: at, Msg: fmt.Sprintf("bitstring of %d bits is not a binary", 8*(n-1)+bitsUsed), Err: ErrUnsupported}
	}
	return BinaryString(string(b)), nil
}

// atomBody reads the rest of an atom whose tag tg was at offset at.
func (d *decoder) atomBody(tg int, at int) (string, error) {
	var n int
	var err error
	if tg == extAtom || tg == extAtomUTF8 {
		n, err = d.u16("atom length")
	} else {
		n, err = d.u8("atom length")
	}
	if err != nil {
		return "", err
	}
	b, err := d.take(n, "atom")
	if err != nil {
		return "", err
	}
	if tg == extAtom || tg == extSmallAtom {
		if n > maxAtomCharacters {
			return "", d.fail(at, "atom of %d characters (at most %d)", n, maxAtomCharacters)
		}
		if !isASCII(b) {
			return latin1ToUTF8(b), nil
		}
		return internAtom(b), nil
	}
	if !utf8.Valid(b) {
		return "", d.fail(at, "atom is not valid UTF-8")
	}
	if c := utf8.RuneCount(b); c > maxAtomCharacters {
		return "", d.fail(at, "atom of %d characters (at most %d)", c, maxAtomCharacters)
	}
	return internAtom(b), nil
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func latin1ToUTF8(b []byte) string {
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return string(out)
}

// atomCache holds recently decoded atom names, so that decoding the same
// atom again (the common case: a table's atoms repeat) allocates nothing
// and yields the same string. It is a fixed-size lossy cache: a slot keeps
// the last name that hashed to it, so hostile input cannot grow it.
var (
	atomCache     [1024]atomic.Pointer[string]
	atomCacheSeed = maphash.MakeSeed()
)

func internAtom(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	slot := &atomCache[maphash.Bytes(atomCacheSeed, b)%uint64(len(atomCache))]
	if p := slot.Load(); p != nil && *p == string(b) {
		return *p
	}
	s := string(b)
	slot.Store(&s)
	return s
}

// opaqueTerm reads a pid, port, reference or fun, checking its structure,
// and keeps its bytes.
func (d *decoder) opaqueTerm(tg int, at int) (Term, error) {
	if err := d.opaqueBody(tg, at); err != nil {
		return Term{}, err
	}
	t, _ := Opaque(opaqueKind(tg), d.buf[at:d.off])
	return t, nil
}

func opaqueKind(tg int) Kind {
	switch tg {
	case extPid, extNewPid:
		return KindPid
	case extPort, extNewPort, extV4Port:
		return KindPort
	case extReference, extNewReference, extNewerReference:
		return KindReference
	}
	return KindFun
}

// maxRefWords bounds the ID words of a reference (OTP 25 writes up to 3
// and rejects more; later releases write up to 5).
const maxRefWords = 5

// nodeTermFields is the size of the fields after the node atom of a pid,
// port or old reference: ID, Serial and Creation for pids, ID and Creation
// for the others.
func nodeTermFields(tg int) int {
	switch tg {
	case extPid:
		return 4 + 4 + 1
	case extNewPid:
		return 4 + 4 + 4
	case extNewPort:
		return 4 + 4
	case extV4Port:
		return 8 + 4
	}
	return 4 + 1 // PORT_EXT, REFERENCE_EXT
}

// opaqueBody checks the rest of a pid, port, reference or fun whose tag tg
// was at offset at, and moves past it.
func (d *decoder) opaqueBody(tg int, at int) error {
	switch tg {
	case extNewReference, extNewerReference:
		return d.reference(tg, at)
	case extExport:
		return d.export(at)
	case extNewFun:
		return d.newFun(at)
	case extFun:
		return d.oldFun(at)
	}
	if err := d.atom("node"); err != nil {
		return err
	}
	_, err := d.take(nodeTermFields(tg), "pid, port or reference")
	return err
}

// reference checks a NEW_REFERENCE_EXT or NEWER_REFERENCE_EXT: Len Node
// Creation ID...
func (d *decoder) reference(tg int, at int) error {
	n, err := d.u16("reference length")
	if err != nil {
		return err
	}
	if n < 1 || n > maxRefWords {
		return d.fail(at, "reference of %d words (1 to %d)", n, maxRefWords)
	}
	if err := d.atom("node"); err != nil {
		return err
	}
	creation := 4
	if tg == extNewReference {
		creation = 1
	}
	_, err = d.take(creation+4*n, "reference")
	return err
}

// export checks an EXPORT_EXT: Module Function Arity. OTP accepts any
// non-negative integer as the arity.
func (d *decoder) export(at int) error {
	if err := d.atom("module"); err != nil {
		return err
	}
	if err := d.atom("function"); err != nil {
		return err
	}
	arity, err := d.term()
	if err != nil {
		return err
	}
	if v, ok := arity.Int64(); !ok || v < 0 {
		return d.fail(at, "bad fun arity")
	}
	return nil
}

// atom reads an atom (any atom encoding) that is part of a pid, port,
// reference or fun.
func (d *decoder) atom(what string) error {
	at := d.off
	tg, err := d.u8(what)
	if err != nil {
		return err
	}
	switch tg {
	case extAtom, extSmallAtom, extAtomUTF8, extSmallAtomUTF8:
		_, err = d.atomBody(tg, at)
		return err
	}
	return d.fail(at, "expected %s atom, found tag %d", what, tg)
}

// intField reads an integer field of a fun (SMALL_INTEGER_EXT or
// INTEGER_EXT).
func (d *decoder) intField(what string) error {
	at := d.off
	tg, err := d.u8(what)
	if err != nil {
		return err
	}
	switch tg {
	case extSmallInteger:
		_, err = d.take(1, what)
	case extInteger:
		_, err = d.take(4, what)
	default:
		err = d.fail(at, "expected %s integer, found tag %d", what, tg)
	}
	return err
}

func (d *decoder) pid(what string) error {
	at := d.off
	tg, err := d.u8(what)
	if err != nil {
		return err
	}
	if tg != extPid && tg != extNewPid {
		return d.fail(at, "expected %s pid, found tag %d", what, tg)
	}
	return d.opaqueBody(tg, at)
}

// freeVars checks the n free variables of a fun.
func (d *decoder) freeVars(n, at int) error {
	if d.depth >= MaxDepth {
		return &DecodeError{Offset: at, Msg: fmt.Sprintf("fun nested deeper than %d", MaxDepth), Err: ErrTooDeep}
	}
	d.depth++
	for range n {
		if _, err := d.term(); err != nil {
			return err
		}
	}
	d.leave()
	return nil
}

// newFun checks a NEW_FUN_EXT: Size Arity Uniq Index NumFree Module
// OldIndex OldUniq Pid FreeVars, where Size counts itself and all after it.
func (d *decoder) newFun(at int) error {
	size, err := d.u32("fun size")
	if err != nil {
		return err
	}
	end := at + 1 + size
	if size < 4+1+16+4+4 {
		return d.fail(at, "fun of %d bytes is too short", size)
	}
	if end > len(d.buf) {
		return d.truncated("fun")
	}
	d.off += 1 + 16 + 4
	numFree, _ := d.u32("fun")
	if err := d.atom("fun module"); err != nil {
		return err
	}
	if err := d.intField("fun index"); err != nil {
		return err
	}
	if err := d.intField("fun uniq"); err != nil {
		return err
	}
	if err := d.pid("fun"); err != nil {
		return err
	}
	if err := d.freeVars(numFree, at); err != nil {
		return err
	}
	if d.off != end {
		return d.fail(at, "fun of %d bytes holds %d", size, d.off-at-1)
	}
	return nil
}

// oldFun checks a FUN_EXT: NumFree Pid Module Index Uniq FreeVars.
func (d *decoder) oldFun(at int) error {
	numFree, err := d.u32("fun")
	if err != nil {
		return err
	}
	if err := d.pid("fun"); err != nil {
		return err
	}
	if err := d.atom("fun module"); err != nil {
		return err
	}
	if err := d.intField("fun index"); err != nil {
		return err
	}
	if err := d.intField("fun uniq"); err != nil {
		return err
	}
	return d.freeVars(numFree, at)
}
