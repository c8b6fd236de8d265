package term

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
)

// Parse reads one Erlang term literal, as erl_parse:parse_term/1 does: a
// term optionally followed by the terminating '.', with white space and %
// comments around it.
//
//	t, err := term.Parse(`{user, "ann", <<"é"/utf8>>, [1,2|3], #{k => 1.5e3}}.`)
//
// Errors are *SyntaxError values (errors.Is(err, ErrSyntax)) naming the
// line and column; nesting deeper than MaxDepth also matches ErrTooDeep.
func Parse(text string) (Term, error) {
	p := NewParser(text)
	t, err := p.ParseTerm()
	if err != nil {
		return Term{}, err
	}
	tok, err := p.Next()
	if err != nil {
		return Term{}, err
	}
	if tok.Kind == TokenDot {
		tok, err = p.Next()
		if err != nil {
			return Term{}, err
		}
		if tok.Kind != TokenEOF {
			return Term{}, unexpected(tok, "end of input")
		}
		return t, nil
	}
	if tok.Kind != TokenEOF {
		return Term{}, unexpected(tok, "'.' or end of input")
	}
	return t, nil
}

// ParseTerms reads a sequence of terms each ending in '.', as
// file:consult/1 reads a file.
func ParseTerms(text string) ([]Term, error) {
	p := NewParser(text)
	var terms []Term
	for {
		tok, err := p.Peek()
		if err != nil {
			return nil, err
		}
		if tok.Kind == TokenEOF {
			return terms, nil
		}
		t, err := p.ParseTerm()
		if err != nil {
			return nil, err
		}
		if _, err := p.Expect("."); err != nil {
			return nil, err
		}
		terms = append(terms, t)
	}
}

// Parser reads Erlang terms and the tokens around them, for callers that
// parse more than a term, such as a shell reading `ets:lookup(tab, 1).`:
//
//	p := term.NewParser(line)
//	mod, _ := p.Next()          // atom ets
//	p.Expect(":")
//	fun, _ := p.Next()          // atom lookup
//	args, err := p.ParseArgs()  // [tab, 1]
//	p.Expect(".")
//
// Every error is a *SyntaxError with the position of the offending token.
type Parser struct {
	src    string
	sc     scanner
	tok    Token // the lookahead, valid when peeked
	peeked bool
	err    error // the scanner's error, returned from then on
	depth  int
}

// NewParser returns a Parser reading text.
func NewParser(text string) *Parser {
	return &Parser{src: text, sc: newScanner(text)}
}

// Peek returns the next token without consuming it. After a scanning
// error, Peek and Next return that error again.
func (p *Parser) Peek() (Token, error) {
	if p.err != nil {
		return Token{}, p.err
	}
	if !p.peeked {
		tok, err := p.sc.next()
		if err != nil {
			p.err = err
			return Token{}, err
		}
		p.tok, p.peeked = tok, true
	}
	return p.tok, nil
}

// Next consumes and returns the next token.
func (p *Parser) Next() (Token, error) {
	tok, err := p.Peek()
	p.peeked = false
	return tok, err
}

// Pos returns the position of the next token, or of the scanning error
// that stopped the parser.
func (p *Parser) Pos() Position {
	tok, err := p.Peek()
	if se, ok := err.(*SyntaxError); ok {
		return se.Pos
	}
	return tok.Pos
}

// Rest returns the text from the next token on.
func (p *Parser) Rest() string { return p.src[p.Pos().Offset:] }

// Expect consumes the next token, which must be the punctuation, keyword
// or '.' given by text.
func (p *Parser) Expect(text string) (Token, error) {
	tok, err := p.Next()
	if err != nil {
		return Token{}, err
	}
	if !tok.is(text) {
		return Token{}, unexpected(tok, "'"+text+"'")
	}
	return tok, nil
}

// ParseArgs reads a parenthesised, comma-separated list of terms, as in
// the arguments of a call: `()` or `(T1, ..., Tn)`.
func (p *Parser) ParseArgs() ([]Term, error) {
	if _, err := p.Expect("("); err != nil {
		return nil, err
	}
	return p.sequence(")")
}

// ParseTerm reads one term.
func (p *Parser) ParseTerm() (Term, error) {
	tok, err := p.Next()
	if err != nil {
		return Term{}, err
	}
	switch tok.Kind {
	case TokenInteger, TokenFloat, TokenChar, TokenAtom:
		return tok.val, nil
	case TokenString:
		return p.strings(tok)
	case TokenPunct, TokenKeyword:
		return p.compound(tok)
	}
	return Term{}, unexpected(tok, "term")
}

func (p *Parser) compound(tok Token) (Term, error) {
	switch tok.Text {
	case "-", "+":
		return p.signed(tok)
	case "fun":
		return p.externalFun(tok)
	}
	if err := p.enter(tok); err != nil {
		return Term{}, err
	}
	defer func() { p.depth-- }()
	switch tok.Text {
	case "{":
		elems, err := p.sequence("}")
		if err != nil {
			return Term{}, err
		}
		return Tuple(elems...), nil
	case "[":
		return p.list()
	case "<<":
		return p.binary(tok)
	case "#":
		return p.mapTerm()
	}
	return Term{}, unexpected(tok, "term")
}

// enter counts one more level of nesting.
func (p *Parser) enter(tok Token) error {
	p.depth++
	if p.depth > MaxDepth {
		return &SyntaxError{Pos: tok.Pos, Msg: fmt.Sprintf("terms nested deeper than %d", MaxDepth), Err: ErrTooDeep}
	}
	return nil
}

// unexpected reports tok where something else was expected.
func unexpected(tok Token, want string) error {
	return &SyntaxError{Pos: tok.Pos, Msg: "expected " + want + ", found " + tok.String()}
}

// signed reads a unary minus or plus applied to a number literal.
func (p *Parser) signed(sign Token) (Term, error) {
	tok, err := p.Next()
	if err != nil {
		return Term{}, err
	}
	switch tok.Kind {
	case TokenInteger, TokenChar, TokenFloat:
	default:
		return Term{}, unexpected(tok, "number after '"+sign.Text+"'")
	}
	if sign.Text == "+" {
		return tok.val, nil
	}
	return negate(tok.val), nil
}

// negate returns -t for a number t.
func negate(t Term) Term {
	if f, ok := t.Float64(); ok {
		return Float(-f)
	}
	b, _ := t.Big()
	return BigInt(b.Neg(b))
}

// strings reads a string literal and the string literals adjacent to it.
func (p *Parser) strings(first Token) (Term, error) {
	next, err := p.Peek()
	if err != nil || next.Kind != TokenString {
		return first.val, err
	}
	elems := append([]Term(nil), first.val.Elements()...)
	for next.Kind == TokenString {
		p.peeked = false
		elems = append(elems, next.val.Elements()...)
		if next, err = p.Peek(); err != nil {
			return Term{}, err
		}
	}
	return List(elems...), nil
}

// sequence reads terms separated by commas up to the closing token.
func (p *Parser) sequence(closing string) ([]Term, error) {
	tok, err := p.Peek()
	if err != nil {
		return nil, err
	}
	if tok.is(closing) {
		p.peeked = false
		return nil, nil
	}
	var elems []Term
	for {
		t, err := p.ParseTerm()
		if err != nil {
			return nil, err
		}
		elems = append(elems, t)
		tok, err := p.Next()
		if err != nil {
			return nil, err
		}
		if tok.is(closing) {
			return elems, nil
		}
		if !tok.is(",") {
			return nil, unexpected(tok, "',' or '"+closing+"'")
		}
	}
}

// list reads the rest of a list after '['.
func (p *Parser) list() (Term, error) {
	tok, err := p.Peek()
	if err != nil {
		return Term{}, err
	}
	if tok.is("]") {
		p.peeked = false
		return Nil, nil
	}
	var elems []Term
	for {
		t, err := p.ParseTerm()
		if err != nil {
			return Term{}, err
		}
		elems = append(elems, t)
		tok, err := p.Next()
		if err != nil {
			return Term{}, err
		}
		switch {
		case tok.is("]"):
			return List(elems...), nil
		case tok.is("|"):
			return p.listTail(elems)
		case !tok.is(","):
			return Term{}, unexpected(tok, "',', '|' or ']'")
		}
	}
}

func (p *Parser) listTail(elems []Term) (Term, error) {
	tail, err := p.ParseTerm()
	if err != nil {
		return Term{}, err
	}
	if _, err := p.Expect("]"); err != nil {
		return Term{}, err
	}
	return ImproperList(elems, tail), nil
}

// mapTerm reads the rest of a map after '#'.
func (p *Parser) mapTerm() (Term, error) {
	if _, err := p.Expect("{"); err != nil {
		return Term{}, err
	}
	tok, err := p.Peek()
	if err != nil {
		return Term{}, err
	}
	if tok.is("}") {
		p.peeked = false
		return Map(), nil
	}
	var pairs []MapPair
	for {
		pair, err := p.mapPair()
		if err != nil {
			return Term{}, err
		}
		pairs = append(pairs, pair)
		tok, err := p.Next()
		if err != nil {
			return Term{}, err
		}
		if tok.is("}") {
			return Map(pairs...), nil
		}
		if !tok.is(",") {
			return Term{}, unexpected(tok, "',' or '}'")
		}
	}
}

func (p *Parser) mapPair() (MapPair, error) {
	k, err := p.ParseTerm()
	if err != nil {
		return MapPair{}, err
	}
	tok, err := p.Next()
	if err != nil {
		return MapPair{}, err
	}
	if !tok.is("=>") {
		return MapPair{}, unexpected(tok, "'=>'")
	}
	v, err := p.ParseTerm()
	return MapPair{k, v}, err
}

// externalFun reads `fun Module:Function/Arity`, the one fun with a
// literal form, and keeps it as its External Term Format encoding.
func (p *Parser) externalFun(fun Token) (Term, error) {
	mod, err := p.expectAtom()
	if err != nil {
		return Term{}, err
	}
	if _, err := p.Expect(":"); err != nil {
		return Term{}, err
	}
	name, err := p.expectAtom()
	if err != nil {
		return Term{}, err
	}
	if _, err := p.Expect("/"); err != nil {
		return Term{}, err
	}
	tok, err := p.Next()
	if err != nil {
		return Term{}, err
	}
	arity, ok := tok.val.Int64()
	if tok.Kind != TokenInteger || !ok || arity > 255 {
		return Term{}, unexpected(tok, "arity")
	}
	ext := []byte{extExport}
	ext = appendExtAtom(appendExtAtom(ext, mod), name)
	t, _ := Opaque(KindFun, append(ext, extSmallInteger, byte(arity)))
	return t, nil
}

func (p *Parser) expectAtom() (string, error) {
	tok, err := p.Next()
	if err != nil {
		return "", err
	}
	if tok.Kind != TokenAtom {
		return "", unexpected(tok, "atom")
	}
	name, _ := tok.val.AtomName()
	return name, nil
}

// segment is one element of a binary literal: Value:Size/Type-Specifiers.
type segment struct {
	pos    Position
	value  Term
	size   int64 // -1 when not given
	typ    string
	unit   int64 // 0 when not given
	little bool
}

// binary reads the rest of a binary literal after '<<'. Segments may hold
// integers, characters, floats, strings and binaries with the size and type
// specifiers of the bit syntax; the result must be a whole number of bytes.
func (p *Parser) binary(open Token) (Term, error) {
	tok, err := p.Peek()
	if err != nil {
		return Term{}, err
	}
	if tok.is(">>") {
		p.peeked = false
		return BinaryString(""), nil
	}
	var w bitWriter
	for {
		seg, err := p.segment()
		if err != nil {
			return Term{}, err
		}
		if err := w.write(seg); err != nil {
			return Term{}, err
		}
		tok, err := p.Next()
		if err != nil {
			return Term{}, err
		}
		if tok.is(">>") {
			break
		}
		if !tok.is(",") {
			return Term{}, unexpected(tok, "',' or '>>'")
		}
	}
	if w.nbits%8 != 0 {
		msg := fmt.Sprintf("bitstring of %d bits is not a whole number of bytes", w.nbits)
		return Term{}, &SyntaxError{Pos: open.Pos, Msg: msg, Err: ErrUnsupported}
	}
	return Binary(w.buf), nil
}

func (p *Parser) segment() (segment, error) {
	seg := segment{pos: p.Pos(), size: -1, typ: "integer"}
	v, err := p.segmentValue()
	if err != nil {
		return seg, err
	}
	seg.value = v
	tok, err := p.Peek()
	if err != nil {
		return seg, err
	}
	if tok.is(":") {
		p.peeked = false
		if seg.size, err = p.smallInteger("segment size", 1<<24); err != nil {
			return seg, err
		}
		if tok, err = p.Peek(); err != nil {
			return seg, err
		}
	}
	if tok.is("/") {
		p.peeked = false
		err = p.typeSpecifiers(&seg)
	}
	return seg, err
}

func (p *Parser) segmentValue() (Term, error) {
	tok, err := p.Peek()
	if err != nil {
		return Term{}, err
	}
	switch {
	case tok.Kind == TokenInteger, tok.Kind == TokenChar, tok.Kind == TokenFloat,
		tok.Kind == TokenString, tok.is("-"), tok.is("+"), tok.is("<<"):
		return p.ParseTerm()
	}
	p.peeked = false
	return Term{}, unexpected(tok, "binary segment value")
}

func (p *Parser) smallInteger(what string, max int64) (int64, error) {
	tok, err := p.Next()
	if err != nil {
		return 0, err
	}
	v, ok := tok.val.Int64()
	if tok.Kind != TokenInteger || !ok || v > max {
		return 0, unexpected(tok, what)
	}
	return v, nil
}

var segmentTypes = map[string]string{
	"integer": "integer", "float": "float", "binary": "binary", "bytes": "binary",
	"bitstring": "bitstring", "bits": "bitstring", "utf8": "utf8", "utf16": "utf16", "utf32": "utf32",
}

func (p *Parser) typeSpecifiers(seg *segment) error {
	for {
		tok, err := p.Next()
		if err != nil {
			return err
		}
		name, _ := tok.val.AtomName()
		switch {
		case tok.Kind != TokenAtom:
			return unexpected(tok, "type specifier")
		case segmentTypes[name] != "":
			seg.typ = segmentTypes[name]
		case name == "little", name == "big", name == "native":
			seg.little = name != "big" // native: little-endian, as on x86-64 and arm64
		case name == "signed", name == "unsigned":
		case name == "unit":
			if _, err := p.Expect(":"); err != nil {
				return err
			}
			if seg.unit, err = p.smallInteger("unit", 256); err != nil {
				return err
			}
		default:
			return unexpected(tok, "type specifier")
		}
		if tok, err = p.Peek(); err != nil || !tok.is("-") {
			return err
		}
		p.peeked = false
	}
}

// bitWriter builds the bits of a binary literal.
type bitWriter struct {
	buf   []byte
	nbits int
}

func segmentError(seg segment, msg string) error { return &SyntaxError{Pos: seg.pos, Msg: msg} }

func (w *bitWriter) write(seg segment) error {
	if seg.value.IsList() { // a string: one segment per character
		if seg.typ == "integer" && seg.size < 0 && seg.unit == 0 && w.nbits%8 == 0 {
			for _, c := range seg.value.Elements() { // the common <<"text">>
				w.buf = append(w.buf, byte(c.word))
			}
			w.nbits += 8 * seg.value.Len()
			return nil
		}
		for _, c := range seg.value.Elements() {
			s := seg
			s.value = c
			if err := w.write(s); err != nil {
				return err
			}
		}
		return nil
	}
	switch seg.typ {
	case "integer":
		return w.integer(seg)
	case "float":
		return w.float(seg)
	case "binary", "bitstring":
		return w.binary(seg)
	}
	return w.utf(seg)
}

// bitCount returns size*unit with the type's defaults.
func (seg segment) bitCount(defSize, defUnit int64) int64 {
	size, unit := seg.size, seg.unit
	if size < 0 {
		size = defSize
	}
	if unit == 0 {
		unit = defUnit
	}
	return size * unit
}

func (w *bitWriter) integer(seg segment) error {
	if !seg.value.IsInteger() {
		return segmentError(seg, "integer segment needs an integer value")
	}
	if seg.size < 0 && seg.unit != 0 {
		return segmentError(seg, "unit given without a size")
	}
	n := int(seg.bitCount(8, 1))
	if seg.little && n%8 != 0 {
		return segmentError(seg, "little-endian segment must be a whole number of bytes")
	}
	if v, ok := seg.value.Int64(); ok && n <= 64 {
		u := uint64(v)
		if n < 64 {
			u &= 1<<n - 1 // two's complement, as Erlang truncates
		}
		var buf [8]byte
		binary.BigEndian.PutUint64(buf[:], u)
		b := buf[8-(n+7)/8:]
		if seg.little {
			slices.Reverse(b)
		}
		w.writeBits(b, len(b)*8-n, n)
		return nil
	}
	v, _ := seg.value.Big()
	mask := new(big.Int).Lsh(big.NewInt(1), uint(n))
	v.And(v, mask.Sub(mask, big.NewInt(1))) // two's complement, as Erlang truncates
	b := v.FillBytes(make([]byte, (n+7)/8))
	if seg.little {
		slices.Reverse(b)
	}
	w.writeBits(b, len(b)*8-n, n)
	return nil
}

func (w *bitWriter) float(seg segment) error {
	f, ok := seg.value.Number()
	if !ok {
		return segmentError(seg, "float segment needs a number")
	}
	var b []byte
	switch seg.bitCount(64, 1) {
	case 64:
		b = binary.BigEndian.AppendUint64(nil, math.Float64bits(f))
	case 32: // beyond the float32 range: infinity, as OTP writes it
		b = binary.BigEndian.AppendUint32(nil, math.Float32bits(float32(f)))
	case 16:
		b = binary.BigEndian.AppendUint16(nil, float16Bits(f))
	default:
		return segmentError(seg, "float segment must be 16, 32 or 64 bits")
	}
	if seg.little {
		slices.Reverse(b)
	}
	w.writeBits(b, 0, len(b)*8)
	return nil
}

// float16Bits converts f to IEEE half precision, rounding to nearest even
// (through float32, as OTP does); beyond the range it gives infinity.
func float16Bits(f float64) uint16 {
	bits := math.Float32bits(float32(f))
	sign := uint16(bits>>16) & 0x8000
	exp := int(bits>>23&0xff) - 127 + 15
	mant := bits & 0x7fffff
	switch {
	case bits&0x7fffffff == 0:
		return sign
	case exp >= 31:
		return sign | 0x7c00
	case exp <= 0: // subnormal half
		if exp < -10 {
			return sign
		}
		mant |= 0x800000
		shift := uint(14 - exp)
		h := mant >> shift
		rem := mant & (1<<shift - 1)
		half := uint32(1) << (shift - 1)
		if rem > half || rem == half && h&1 == 1 {
			h++
		}
		return sign | uint16(h)
	}
	h := uint32(exp)<<10 | mant>>13
	rem := mant & 0x1fff
	if rem > 0x1000 || rem == 0x1000 && h&1 == 1 {
		h++ // may carry into the exponent, up to infinity
	}
	return sign | uint16(h)
}

func (w *bitWriter) binary(seg segment) error {
	s, ok := seg.value.BinaryValue()
	if !ok {
		return segmentError(seg, "binary segment needs a binary value")
	}
	unit := int64(8)
	if seg.typ == "bitstring" {
		unit = 1
	}
	n := int64(len(s)) * 8
	if seg.size >= 0 {
		n = seg.bitCount(0, unit)
		if n > int64(len(s))*8 {
			return segmentError(seg, "binary segment is larger than its value")
		}
	}
	w.writeBits([]byte(s), 0, int(n))
	return nil
}

func (w *bitWriter) utf(seg segment) error {
	if seg.size >= 0 || seg.unit != 0 {
		return segmentError(seg, "utf segment takes no size or unit")
	}
	c, ok := seg.value.Int64()
	if !ok || c < 0 || c > utf8.MaxRune || c >= 0xD800 && c <= 0xDFFF {
		return segmentError(seg, "utf segment needs a Unicode code point")
	}
	var b []byte
	switch seg.typ {
	case "utf8":
		b = utf8.AppendRune(nil, rune(c))
	case "utf16":
		for _, u := range utf16.Encode([]rune{rune(c)}) {
			b = binary.BigEndian.AppendUint16(b, u)
			if seg.little {
				slices.Reverse(b[len(b)-2:])
			}
		}
	default:
		b = binary.BigEndian.AppendUint32(nil, uint32(c))
		if seg.little {
			slices.Reverse(b)
		}
	}
	w.writeBits(b, 0, len(b)*8)
	return nil
}

// writeBits appends count bits of src, starting skip bits in.
func (w *bitWriter) writeBits(src []byte, skip, count int) {
	if w.nbits%8 == 0 && skip%8 == 0 && count%8 == 0 {
		w.buf = append(w.buf, src[skip/8:(skip+count)/8]...)
		w.nbits += count
		return
	}
	for i := skip; i < skip+count; i++ {
		if w.nbits%8 == 0 {
			w.buf = append(w.buf, 0)
		}
		if src[i/8]>>(7-i%8)&1 == 1 {
			w.buf[len(w.buf)-1] |= 1 << (7 - w.nbits%8)
		}
		w.nbits++
	}
}
