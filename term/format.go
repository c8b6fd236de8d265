package term

import (
	"encoding/binary"
	"math"
	"strconv"
	"unicode/utf8"
)

// Format returns t as Erlang prints it on one line with
// io_lib:format("~0tp", [T]) in OTP 25, the shell's ~p form without line
// breaks: lists of printable Latin-1 characters as "strings", printable
// binaries as <<"text">> (or <<"text"/utf8>> for UTF-8 beyond ASCII), atoms
// quoted only when needed, floats in their shortest round-trip form.
//
// Strings are judged printable as under erl's default +pc latin1: a list
// holding characters beyond Latin-1 prints as a list of integers. Caveats:
// maps of more than 32 keys print in key order, where OTP prints them in its
// internal hash order; pids, ports and references print node 0 for every
// node, as a local node would; the zero Term prints as #Invalid<>.
func Format(t Term) string { return string(AppendFormat(make([]byte, 0, 64), t)) }

// FormatW returns t as io_lib:format("~w", [T]) prints it: no strings, every
// list and binary as its elements, atoms beyond Latin-1 with \x{...}
// escapes. It shares Format's caveats.
func FormatW(t Term) string { return string(AppendFormatW(make([]byte, 0, 64), t)) }

// String returns Format(t).
func (t Term) String() string { return Format(t) }

// AppendFormat appends Format(t) to b.
func AppendFormat(b []byte, t Term) []byte { return appendTerm(b, t, true) }

// AppendFormatW appends FormatW(t) to b.
func AppendFormatW(b []byte, t Term) []byte { return appendTerm(b, t, false) }

// appendTerm prints t as ~0tp (pretty) or ~w.
func appendTerm(b []byte, t Term, pretty bool) []byte {
	switch t.tag() {
	case tagSmallInt:
		return strconv.AppendInt(b, int64(t.word), 10)
	case tagBigInt:
		return t.bigRef().Append(b, 10)
	case tagFloat:
		return appendFloat(b, math.Float64frombits(t.word))
	case tagAtom:
		return appendAtomText(b, t.str(), pretty)
	case tagBinary:
		return appendBinary(b, t.str(), pretty)
	case tagTuple:
		return appendElems(append(b, '{'), t.elems(), pretty, ',', '}')
	case tagNil:
		return append(b, "[]"...)
	case tagList, tagImproper:
		return appendListText(b, t, pretty)
	case tagMap:
		return appendMap(b, t, pretty)
	case tagPid, tagPort, tagRef, tagFun:
		return appendOpaque(b, t)
	}
	return append(b, "#Invalid<>"...)
}

func appendElems(b []byte, elems []Term, pretty bool, sep, end byte) []byte {
	for i, e := range elems {
		if i > 0 {
			b = append(b, sep)
		}
		b = appendTerm(b, e, pretty)
	}
	return append(b, end)
}

func appendListText(b []byte, t Term, pretty bool) []byte {
	elems, tail := t.ListParts()
	if pretty && tail.IsNil() && printableList(elems) {
		b = append(b, '"')
		for _, e := range elems {
			b = appendQuotedRune(b, rune(int64(e.word)), '"', true)
		}
		return append(b, '"')
	}
	b = append(b, '[')
	for i, e := range elems {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendTerm(b, e, pretty)
	}
	if !tail.IsNil() {
		b = appendTerm(append(b, '|'), tail, pretty)
	}
	return append(b, ']')
}

func appendMap(b []byte, t Term, pretty bool) []byte {
	keys, vals := t.MapPairs()
	b = append(b, "#{"...)
	for i := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendTerm(b, keys[i], pretty)
		b = append(b, " => "...)
		b = appendTerm(b, vals[i], pretty)
	}
	return append(b, '}')
}

// printableChar reports whether io_lib prints c inside a string under the
// default Latin-1 printable range (erl +pc latin1).
func printableChar(c int64) bool {
	switch {
	case c >= ' ' && c <= '~', c >= 0xA0 && c <= 0xFF:
		return true
	case c == '\n', c == '\r', c == '\t', c == '\v', c == '\b', c == '\f', c == 0x1b:
		return true
	}
	return false
}

func printableList(elems []Term) bool {
	for _, e := range elems {
		c, ok := e.Int64()
		if !ok || !printableChar(c) {
			return false
		}
	}
	return true
}

// appendBinary prints a binary: under ~tp as <<"text">> when its bytes are
// printable (as UTF-8 first, then as Latin-1), else as <<1,2,3>>.
func appendBinary(b []byte, s string, pretty bool) []byte {
	if pretty && s != "" {
		if utf8.ValidString(s) {
			if printableUTF8(s) {
				b = appendQuotedBytes(append(b, "<<\""...), s, true)
				if allASCII(s) {
					return append(b, "\">>"...)
				}
				return append(b, "\"/utf8>>"...)
			}
		} else if printableLatin1(s) {
			b = appendQuotedBytes(append(b, "<<\""...), s, false)
			return append(b, "\">>"...)
		}
	}
	b = append(b, "<<"...)
	for i := 0; i < len(s); i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(s[i]), 10)
	}
	return append(b, ">>"...)
}

func printableUTF8(s string) bool {
	for _, r := range s {
		if !printableChar(int64(r)) {
			return false
		}
	}
	return true
}

func printableLatin1(s string) bool {
	for i := 0; i < len(s); i++ {
		if !printableChar(int64(s[i])) {
			return false
		}
	}
	return true
}

func allASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// appendQuotedBytes prints the characters of s, decoded as UTF-8 or as
// Latin-1, escaped for a double-quoted string.
func appendQuotedBytes(b []byte, s string, asUTF8 bool) []byte {
	if asUTF8 {
		for _, r := range s {
			b = appendQuotedRune(b, r, '"', true)
		}
		return b
	}
	for i := 0; i < len(s); i++ {
		b = appendQuotedRune(b, rune(s[i]), '"', true)
	}
	return b
}

// appendAtomText prints an atom, quoted when it is not a bare Erlang atom.
// Unless unicode is set, characters beyond Latin-1 print as \x{...}.
func appendAtomText(b []byte, name string, unicode bool) []byte {
	if !atomNeedsQuotes(name) {
		return append(b, name...)
	}
	b = append(b, '\'')
	for _, r := range name {
		b = appendQuotedRune(b, r, '\'', unicode)
	}
	return append(b, '\'')
}

// atomNeedsQuotes reports whether io_lib quotes the atom.
func atomNeedsQuotes(name string) bool {
	if name == "" || reservedWords[name] {
		return true
	}
	for i, r := range name {
		if i == 0 && !isNameStart(r) || !isNameChar(r) {
			return true
		}
	}
	return false
}

// quoteEscapes are the letter escapes io_lib uses in quoted text.
var quoteEscapes = [128]byte{'\n': 'n', '\r': 'r', '\t': 't', '\v': 'v', '\b': 'b', '\f': 'f', 0x1b: 'e', 0x7f: 'd'}

// appendQuotedRune prints r inside text quoted by q, as io_lib:write_string
// does; unless unicode is set, characters beyond Latin-1 print as \x{...}.
func appendQuotedRune(b []byte, r rune, q byte, unicode bool) []byte {
	switch {
	case r == rune(q) || r == '\\':
		return append(b, '\\', byte(r))
	case r >= ' ' && r <= '~':
		return append(b, byte(r))
	case r >= 0xA0 && (unicode || r <= 0xFF):
		return utf8.AppendRune(b, r)
	case r < 0x80 && quoteEscapes[r] != 0:
		return append(b, '\\', quoteEscapes[r])
	case r < 0xA0:
		return append(b, '\\', byte('0'+r>>6), byte('0'+r>>3&7), byte('0'+r&7))
	}
	b = append(b, "\\x{"...)
	b = strconv.AppendUint(b, uint64(r), 16)
	for i := len(b) - 1; i >= 0 && b[i] != '{'; i-- {
		if b[i] >= 'a' {
			b[i] -= 'a' - 'A'
		}
	}
	return append(b, '}')
}

// appendFloat prints f as io_lib_format:fwrite_g/1 does in OTP 25: the
// shortest digits that read back as f, in plain or exponent notation,
// whichever is shorter (plain on a tie).
func appendFloat(b []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, "#Float<nan>"...) // no Erlang float: see IsFinite
	case math.IsInf(f, 1):
		return append(b, "#Float<inf>"...)
	case math.IsInf(f, -1):
		return append(b, "#Float<-inf>"...)
	case f == 0:
		if math.Signbit(f) {
			return append(b, "-0.0"...)
		}
		return append(b, "0.0"...)
	}
	if f < 0 {
		b = append(b, '-')
		f = -f
	}
	var scratch [32]byte
	e := strconv.AppendFloat(scratch[:0], f, 'e', -1, 64) // d.ddde±xx
	digits := make([]byte, 0, 24)
	i := 0
	for ; e[i] != 'e'; i++ {
		if e[i] != '.' {
			digits = append(digits, e[i])
		}
	}
	exp, _ := strconv.Atoi(string(e[i+1:]))
	return insertDecimal(b, exp+1, digits, f >= 1<<53)
}

// insertDecimal places the decimal point place digits into ds, as OTP 25's
// io_lib_format:insert_decimal/3 does. Integral values of 2^53 and more,
// beyond a float's exact integers, always take the exponent form.
func insertDecimal(b []byte, place int, ds []byte, huge bool) []byte {
	n := len(ds)
	if place == 0 {
		return append(append(b, "0."...), ds...)
	}
	if place > 0 && place < n {
		b = append(b, ds[:place]...)
		return append(append(b, '.'), ds[place:]...)
	}
	expText := strconv.Itoa(place - 1)
	expCost := len(expText) + 2
	if n == 1 {
		expCost++
	}
	switch {
	case place < 0 && 2-place <= expCost:
		b = append(b, "0."...)
		for range -place {
			b = append(b, '0')
		}
		return append(b, ds...)
	case place > 0 && place-n+2 <= expCost && !huge:
		b = append(b, ds...)
		for range place - n {
			b = append(b, '0')
		}
		return append(b, ".0"...)
	}
	b = append(b, ds[0], '.')
	if n == 1 {
		b = append(b, '0')
	} else {
		b = append(b, ds[1:]...)
	}
	return append(append(b, 'e'), expText...)
}

// ---- opaque terms ----

// extReader takes apart the External Term Format bytes of an opaque term.
// Reads past the end give zeros and set bad.
type extReader struct {
	b   []byte
	bad bool
}

func (r *extReader) take(n int) []byte {
	if n < 0 || len(r.b) < n {
		r.bad = true
		r.b = nil
		return make([]byte, max(n, 0))
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}

func (r *extReader) u8() uint64  { return uint64(r.take(1)[0]) }
func (r *extReader) u16() uint64 { return uint64(binary.BigEndian.Uint16(r.take(2))) }
func (r *extReader) u32() uint64 { return uint64(binary.BigEndian.Uint32(r.take(4))) }

// atom reads an atom in any of its encodings.
func (r *extReader) atom() string {
	switch r.u8() {
	case extAtom:
		return latin1String(r.take(int(r.u16())))
	case extSmallAtom:
		return latin1String(r.take(int(r.u8())))
	case extAtomUTF8:
		return string(r.take(int(r.u16())))
	case extSmallAtomUTF8:
		return string(r.take(int(r.u8())))
	}
	r.bad = true
	return ""
}

// integer reads a small integer or a 32-bit integer (printed unsigned, as
// fun uniques are).
func (r *extReader) integer() uint64 {
	switch r.u8() {
	case extSmallInteger:
		return r.u8()
	case extInteger:
		return r.u32()
	}
	r.bad = true
	return 0
}

// skipPid reads past a pid.
func (r *extReader) skipPid() {
	tag := r.u8()
	r.atom()
	r.take(8)
	if tag == extPid {
		r.take(1)
	} else {
		r.take(4)
	}
}

func latin1String(b []byte) string {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}

// appendExtAtom appends an atom's External Term Format encoding as OTP 25's
// term_to_binary/1 writes it.
func appendExtAtom(b []byte, name string) []byte {
	latin1 := make([]byte, 0, len(name))
	for _, r := range name {
		if r > 0xFF {
			latin1 = nil
			break
		}
		latin1 = append(latin1, byte(r))
	}
	switch {
	case latin1 != nil || name == "":
		b = append(b, extAtom, byte(len(latin1)>>8), byte(len(latin1)))
		return append(b, latin1...)
	case len(name) < 256:
		return append(append(b, extSmallAtomUTF8, byte(len(name))), name...)
	}
	return append(append(b, extAtomUTF8, byte(len(name)>>8), byte(len(name))), name...)
}

// appendOpaque prints a pid, port, reference or fun the way OTP does, from
// the numbers in its External Term Format encoding; bytes that do not
// decode print as a placeholder of the right kind, such as <0.0.0>.
func appendOpaque(b []byte, t Term) []byte {
	ext, _ := t.OpaqueExt()
	r := &extReader{b: ext}
	start := len(b)
	switch tag := r.u8(); {
	case t.Kind() == KindFun:
		b = appendFun(b, r, tag)
	case t.Kind() == KindPid && (tag == extPid || tag == extNewPid):
		r.atom()
		b = appendDotted(append(b, "<0."...), r.u32(), r.u32())
		b = append(b, '>')
	case t.Kind() == KindPort && (tag == extPort || tag == extNewPort):
		r.atom()
		b = strconv.AppendUint(append(b, "#Port<0."...), r.u32(), 10)
		b = append(b, '>')
	case t.Kind() == KindPort && tag == extV4Port:
		r.atom()
		id := binary.BigEndian.Uint64(r.take(8))
		b = strconv.AppendUint(append(b, "#Port<0."...), id, 10)
		b = append(b, '>')
	case t.Kind() == KindReference && tag == extReference:
		r.atom()
		b = strconv.AppendUint(append(b, "#Ref<0."...), r.u32(), 10)
		b = append(b, '>')
	case t.Kind() == KindReference && (tag == extNewReference || tag == extNewerReference):
		b = appendRef(b, r, tag == extNewerReference)
	default:
		r.bad = true
	}
	if r.bad {
		return append(b[:start], opaqueFallback(t)...)
	}
	return b
}

func appendDotted(b []byte, x, y uint64) []byte {
	b = strconv.AppendUint(b, x, 10)
	return strconv.AppendUint(append(b, '.'), y, 10)
}

func appendRef(b []byte, r *extReader, newer bool) []byte {
	n := int(r.u16())
	r.atom()
	if newer {
		r.u32()
	} else {
		r.u8()
	}
	words := r.take(4 * n)
	b = append(b, "#Ref<0"...)
	for i := n - 1; i >= 0; i-- {
		b = strconv.AppendUint(append(b, '.'), uint64(binary.BigEndian.Uint32(words[4*i:])), 10)
	}
	return append(b, '>')
}

func appendFun(b []byte, r *extReader, tag uint64) []byte {
	switch tag {
	case extExport:
		mod, name := r.atom(), r.atom()
		arity := r.integer()
		b = appendAtomText(append(b, "fun "...), mod, true)
		b = appendAtomText(append(b, ':'), name, true)
		return strconv.AppendUint(append(b, '/'), arity, 10)
	case extNewFun:
		r.take(4 + 1 + 16 + 4 + 4) // size, arity, uniq, index, free count
	case extFun:
		r.take(4) // free count
		r.skipPid()
	default:
		r.bad = true
		return b
	}
	mod := r.atom()
	b = appendAtomText(append(b, "#Fun<"...), mod, true)
	b = appendDotted(append(b, '.'), r.integer(), r.integer())
	return append(b, '>')
}

// opaqueFallback prints an opaque term whose bytes cannot be taken apart.
func opaqueFallback(t Term) string {
	switch t.Kind() {
	case KindPid:
		return "<0.0.0>"
	case KindPort:
		return "#Port<0.0>"
	case KindReference:
		return "#Ref<0.0>"
	}
	return "#Fun<>"
}
