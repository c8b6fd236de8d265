package term

import (
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TokenKind is the kind of a token of Erlang term text.
type TokenKind uint8

// The token kinds.
const (
	TokenEOF     TokenKind = iota // end of the text
	TokenInteger                  // 42, 16#FF, 1_000
	TokenFloat                    // 1.5e3
	TokenChar                     // $a, $\n
	TokenAtom                     // abc, 'quoted atom'
	TokenString                   // "text"
	TokenVar                      // X, _Y
	TokenPunct                    // { } [ ] ( ) << >> , | => := : / # - + ...
	TokenKeyword                  // reserved words: end, case, fun, and, ...
	TokenDot                      // the '.' that ends a term or form
)

// Token is one token of Erlang term text.
type Token struct {
	Kind TokenKind
	Pos  Position
	Text string // the token's source text
	val  Term   // the value of an integer, float, char, atom or string
}

// Value returns the term a literal token stands for: an integer (for
// TokenInteger and TokenChar), a float, an atom, or a string as a list of
// code points. For other tokens it returns the zero Term.
func (t Token) Value() Term { return t.val }

// String describes the token for error messages, as in "integer 42",
// "'}'" or "end of input".
func (t Token) String() string {
	switch t.Kind {
	case TokenEOF:
		return "end of input"
	case TokenInteger:
		return "integer " + t.Text
	case TokenFloat:
		return "float " + t.Text
	case TokenChar:
		return "character " + t.Text
	case TokenAtom:
		return "atom " + t.Text
	case TokenString:
		return "string " + t.Text
	case TokenVar:
		return "variable " + t.Text
	}
	return "'" + t.Text + "'"
}

// is reports whether the token is the punctuation, keyword or dot text.
func (t Token) is(text string) bool {
	return (t.Kind == TokenPunct || t.Kind == TokenKeyword || t.Kind == TokenDot) && t.Text == text
}

// reservedWords are the words erl_scan reserves in OTP 25; an atom with
// one of these names must be quoted.
var reservedWords = map[string]bool{
	"after": true, "and": true, "andalso": true, "band": true, "begin": true,
	"bnot": true, "bor": true, "bsl": true, "bsr": true, "bxor": true,
	"case": true, "catch": true, "cond": true, "div": true, "end": true,
	"fun": true, "if": true, "let": true, "not": true, "of": true, "or": true,
	"orelse": true, "receive": true, "rem": true, "try": true, "when": true,
	"xor": true,
}

// maxAtomChars is the longest atom name Erlang accepts, in characters.
const maxAtomChars = 255

// scanner splits term text into tokens. It works on bytes, decoding UTF-8
// only outside ASCII, and keeps the line and column of its position.
type scanner struct {
	src  string
	off  int
	line int
	col  int
}

func newScanner(src string) scanner { return scanner{src: src, line: 1, col: 1} }

func (s *scanner) pos() Position { return Position{Offset: s.off, Line: s.line, Column: s.col} }

func (s *scanner) errorAt(pos Position, msg string) error { return &SyntaxError{Pos: pos, Msg: msg} }

// peekRune returns the rune at the current position and its size (0 at the
// end; utf8.RuneError with size 1 for invalid UTF-8).
func (s *scanner) peekRune() (rune, int) {
	if s.off >= len(s.src) {
		return -1, 0
	}
	if c := s.src[s.off]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s.src[s.off:])
}

// byteAt returns the byte i bytes ahead, or 0 past the end.
func (s *scanner) byteAt(i int) byte {
	if s.off+i < len(s.src) {
		return s.src[s.off+i]
	}
	return 0
}

// advance moves past one rune of size n.
func (s *scanner) advance(r rune, n int) {
	s.off += n
	if r == '\n' {
		s.line++
		s.col = 1
	} else {
		s.col++
	}
}

// skipBytes moves past n ASCII bytes that are not newlines.
func (s *scanner) skipBytes(n int) { s.off += n; s.col += n }

func isWhite(r rune) bool { return r >= 0 && r <= ' ' || r >= 0x80 && r <= 0xA0 }

func isDigit(c rune) bool { return c >= '0' && c <= '9' }

// isNameStart reports whether r starts an unquoted atom.
func isNameStart(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'ß' && r <= 'ÿ' && r != '÷' }

// isVarStart reports whether r starts a variable.
func isVarStart(r rune) bool {
	return r >= 'A' && r <= 'Z' || r == '_' || r >= 'À' && r <= 'Þ' && r != '×'
}

// isNameChar reports whether r may continue an unquoted atom or variable.
func isNameChar(r rune) bool {
	return isNameStart(r) || isVarStart(r) || isDigit(r) || r == '@'
}

// skipSpace skips white space and % comments; it fails on invalid UTF-8.
func (s *scanner) skipSpace() error {
	for {
		r, n := s.peekRune()
		switch {
		case n == 0:
			return nil
		case r == utf8.RuneError && n == 1:
			return s.errorAt(s.pos(), "invalid UTF-8")
		case r == '%':
			for r != '\n' && n > 0 {
				s.advance(r, n)
				r, n = s.peekRune()
			}
		case isWhite(r):
			s.advance(r, n)
		default:
			return nil
		}
	}
}

// next scans the next token.
func (s *scanner) next() (Token, error) {
	if err := s.skipSpace(); err != nil {
		return Token{}, err
	}
	start := s.pos()
	r, n := s.peekRune()
	var tok Token
	var err error
	switch {
	case n == 0:
		return Token{Kind: TokenEOF, Pos: start}, nil
	case isDigit(r):
		tok, err = s.number(start)
	case r == '$':
		tok, err = s.char(start)
	case r == '"':
		tok, err = s.quoted(start, '"')
	case r == '\'':
		tok, err = s.quoted(start, '\'')
	case isNameStart(r) || isVarStart(r):
		tok = s.name(start)
	case r == '.':
		tok = s.dot(start)
	default:
		tok, err = s.punct(start, r)
	}
	if err != nil {
		return Token{}, err
	}
	tok.Pos = start
	tok.Text = s.src[start.Offset:s.off]
	return tok, nil
}

func (s *scanner) name(start Position) Token {
	r, n := s.peekRune()
	isVar := isVarStart(r)
	for n > 0 && isNameChar(r) {
		s.advance(r, n)
		r, n = s.peekRune()
	}
	text := s.src[start.Offset:s.off]
	switch {
	case isVar:
		return Token{Kind: TokenVar}
	case reservedWords[text]:
		return Token{Kind: TokenKeyword}
	}
	return Token{Kind: TokenAtom, val: Atom(strings.Clone(text))} // not pinning the source
}

// dot scans '.': the end of a term when white space, a comment or the end
// of the text follows, else a plain '.' punctuation.
func (s *scanner) dot(start Position) Token {
	s.skipBytes(1)
	r, n := s.peekRune()
	if n == 0 || r == '%' || isWhite(r) {
		return Token{Kind: TokenDot}
	}
	return Token{Kind: TokenPunct}
}

func (s *scanner) punct(start Position, r rune) (Token, error) {
	if n := punctLen(s.src[s.off:]); n > 0 {
		s.skipBytes(n)
		return Token{Kind: TokenPunct}, nil
	}
	if r == utf8.RuneError {
		return Token{}, s.errorAt(start, "invalid UTF-8")
	}
	return Token{}, s.errorAt(start, "unexpected character "+strconv.QuoteRune(r))
}

// punctLen returns the length of the punctuation s starts with, or 0.
func punctLen(s string) int {
	if len(s) >= 3 && (s[:3] == "=:=" || s[:3] == "=/=") {
		return 3
	}
	if len(s) >= 2 {
		switch s[:2] {
		case "<<", ">>", "=>", ":=", "->", "<-", "||", "++", "--", "==", "/=", "=<", ">=":
			return 2
		}
	}
	if strings.IndexByte("{}[](),|:/#-+=*<>;!?", s[0]) >= 0 {
		return 1
	}
	return 0
}

// digits scans digits of the base separated by single underscores and
// returns them without the underscores ("" when there are none).
func (s *scanner) digits(base int) string {
	begin := s.off
	var sb []byte
	for {
		c := s.byteAt(0)
		if digitValue(c) >= base {
			break
		}
		sb = append(sb, c)
		s.skipBytes(1)
		if s.byteAt(0) == '_' && digitValue(s.byteAt(1)) < base {
			s.skipBytes(1)
		}
	}
	if s.off-begin == len(sb) {
		return s.src[begin:s.off]
	}
	return string(sb)
}

// digitValue is the value of an alphanumeric digit, or 99.
func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}

func (s *scanner) number(start Position) (Token, error) {
	whole := s.digits(10)
	switch {
	case s.byteAt(0) == '#':
		return s.based(start, whole)
	case s.byteAt(0) == '.' && isDigit(rune(s.byteAt(1))):
		return s.float(start, whole)
	}
	return Token{Kind: TokenInteger, val: parseInteger(whole, 10)}, nil
}

func (s *scanner) based(start Position, baseText string) (Token, error) {
	base, err := strconv.Atoi(baseText)
	if err != nil || base < 2 || base > 36 {
		return Token{}, s.errorAt(start, "illegal base "+baseText)
	}
	s.skipBytes(1)
	ds := s.digits(base)
	if ds == "" {
		return Token{}, s.errorAt(start, "illegal integer")
	}
	return Token{Kind: TokenInteger, val: parseInteger(ds, base)}, nil
}

// parseInteger converts validated digits to an integer term.
func parseInteger(ds string, base int) Term {
	if v, err := strconv.ParseInt(ds, base, 64); err == nil {
		return Int(v)
	}
	b, _ := new(big.Int).SetString(ds, base)
	return BigInt(b)
}

func (s *scanner) float(start Position, whole string) (Token, error) {
	s.skipBytes(1)
	text := whole + "." + s.digits(10)
	if c := s.byteAt(0); c == 'e' || c == 'E' {
		s.skipBytes(1)
		sign := ""
		if c := s.byteAt(0); c == '+' || c == '-' {
			sign = string(c)
			s.skipBytes(1)
		}
		exp := s.digits(10)
		if exp == "" {
			return Token{}, s.errorAt(start, "illegal float")
		}
		text += "e" + sign + exp
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return Token{}, s.errorAt(start, "illegal float "+s.src[start.Offset:s.off])
	}
	return Token{Kind: TokenFloat, val: Float(f)}, nil
}

func (s *scanner) char(start Position) (Token, error) {
	s.skipBytes(1)
	r, n := s.peekRune()
	switch {
	case n == 0:
		return Token{}, s.errorAt(start, "expected character after '$', found end of input")
	case r == utf8.RuneError && n == 1:
		return Token{}, s.errorAt(s.pos(), "invalid UTF-8")
	case r == '\\':
		c, err := s.escape()
		if err != nil {
			return Token{}, err
		}
		r = c
	default:
		s.advance(r, n)
	}
	return Token{Kind: TokenChar, val: Int(int64(r))}, nil
}

// quoted scans a string or a quoted atom; adjacent strings are joined by
// the parser, not here.
func (s *scanner) quoted(start Position, q rune) (Token, error) {
	s.skipBytes(1)
	begin := s.off
	var sb strings.Builder
	plain := true // no escapes so far: the value is a slice of the source
	chars := 0
	for {
		r, n := s.peekRune()
		switch {
		case n == 0:
			return Token{}, s.errorAt(start, "unterminated "+quotedWhat(q))
		case r == utf8.RuneError && n == 1:
			return Token{}, s.errorAt(s.pos(), "invalid UTF-8")
		case r == q:
			text := s.src[begin:s.off]
			if !plain {
				text = sb.String()
			}
			s.skipBytes(1)
			return s.quotedToken(start, q, text, chars)
		case r == '\\':
			if plain {
				sb.WriteString(s.src[begin:s.off])
				plain = false
			}
			c, err := s.escape()
			if err != nil {
				return Token{}, err
			}
			sb.WriteRune(c)
		default:
			if !plain {
				sb.WriteString(s.src[s.off : s.off+n])
			}
			s.advance(r, n)
		}
		chars++
	}
}

func quotedWhat(q rune) string {
	if q == '"' {
		return "string"
	}
	return "quoted atom"
}

func (s *scanner) quotedToken(start Position, q rune, text string, chars int) (Token, error) {
	if q == '"' {
		return Token{Kind: TokenString, val: Charlist(text)}, nil
	}
	if chars > maxAtomChars {
		return Token{}, s.errorAt(start, "atom too long")
	}
	return Token{Kind: TokenAtom, val: Atom(strings.Clone(text))}, nil
}

// simpleEscapes maps the letter after a backslash to its character.
var simpleEscapes = [128]rune{'b': '\b', 'd': 0x7f, 'e': 0x1b, 'f': '\f', 'n': '\n', 'r': '\r', 's': ' ', 't': '\t', 'v': '\v'}

// escape scans a backslash escape and returns its character.
func (s *scanner) escape() (rune, error) {
	start := s.pos()
	s.skipBytes(1)
	r, n := s.peekRune()
	switch {
	case n == 0:
		return 0, s.errorAt(start, "unterminated escape sequence")
	case r >= '0' && r <= '7':
		return s.octalEscape(), nil
	case r == 'x':
		return s.hexEscape(start)
	case r == '^':
		s.skipBytes(1)
		c, n := s.peekRune()
		if n == 0 || c == utf8.RuneError {
			return 0, s.errorAt(start, "illegal control escape")
		}
		s.advance(c, n)
		return c & 31, nil
	case r == utf8.RuneError && n == 1:
		return 0, s.errorAt(s.pos(), "invalid UTF-8")
	}
	s.advance(r, n)
	if r < 128 && simpleEscapes[r] != 0 {
		return simpleEscapes[r], nil
	}
	return r, nil
}

func (s *scanner) octalEscape() rune {
	var v rune
	for i := 0; i < 3; i++ {
		c := s.byteAt(0)
		if c < '0' || c > '7' {
			break
		}
		v = v*8 + rune(c-'0')
		s.skipBytes(1)
	}
	return v
}

func (s *scanner) hexEscape(start Position) (rune, error) {
	s.skipBytes(1)
	var ds string
	if s.byteAt(0) == '{' {
		s.skipBytes(1)
		begin := s.off
		for digitValue(s.byteAt(0)) < 16 {
			s.skipBytes(1)
		}
		ds = s.src[begin:s.off]
		if s.byteAt(0) != '}' || ds == "" {
			return 0, s.errorAt(start, "illegal hex escape")
		}
		s.skipBytes(1)
	} else {
		if digitValue(s.byteAt(0)) >= 16 || digitValue(s.byteAt(1)) >= 16 {
			return 0, s.errorAt(start, "illegal hex escape")
		}
		ds = s.src[s.off : s.off+2]
		s.skipBytes(2)
	}
	v, err := strconv.ParseUint(ds, 16, 32)
	if err != nil || v > utf8.MaxRune || v >= 0xD800 && v <= 0xDFFF {
		return 0, s.errorAt(start, "illegal character")
	}
	return rune(v), nil
}
