package parser

import (
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types produced by the SQL lexer. Comments and white space are
// dropped by the lexer itself.
const (
	tokKeyword lexer.TokenType = -(iota + 2) // reserved word, any case
	tokIdent                                 // bare identifier
	tokQIdent                                // "quoted" or `quoted` identifier
	tokInt                                   // 123 (no sign)
	tokFloat                                 // 1.5 .5 1e3
	tokString                                // 'text' with '' escapes, quotes kept
	tokParam                                 // ? ?3 $1 :name @name $name
	tokPunct                                 // operators and punctuation
)

// keywords are the reserved words: they never lex as identifiers, so they
// cannot be used as bare table, column or alias names (quote them instead).
// Other words of the grammar (ASC, KEY, SET, NULLS, BEGIN, types...) stay
// identifiers and are matched case-insensitively where the grammar wants them.
var keywords = map[string]bool{}

func init() {
	// NATURAL, RIGHT, FULL, USING, COLLATE and WITH are reserved though
	// unsupported so that "FROM t NATURAL JOIN u" is an error rather than a
	// join with t aliased as NATURAL.
	for _, k := range strings.Fields(`ALL AND AS BETWEEN BY CASE CAST COLLATE CREATE
		CROSS DEFAULT DELETE DISTINCT DROP ELSE END ESCAPE EXCEPT EXISTS EXPLAIN FALSE
		FROM FULL GLOB GROUP HAVING IF IN INNER INSERT INTERSECT INTO IS ISNULL JOIN LEFT
		LIKE LIMIT NATURAL NOT NOTNULL NULL OFFSET ON OR ORDER OUTER PRIMARY RIGHT
		RETURNING SELECT TABLE THEN TRUE UNION UNIQUE UPDATE USING VALUES WHEN WHERE WITH`) {
		keywords[k] = true
	}
}

// isKeyword reports whether word (any case) is reserved.
func isKeyword(word string) bool { return keywords[strings.ToUpper(word)] }

// MaxParam is the largest parameter number ($N, ?N) accepted, as in SQLite.
const MaxParam = 32766

// sqlLexer is the participle lexer.Definition for SQL.
type sqlLexer struct{}

var symbols = map[string]lexer.TokenType{
	"EOF":     lexer.EOF,
	"Keyword": tokKeyword,
	"Ident":   tokIdent,
	"QIdent":  tokQIdent,
	"Int":     tokInt,
	"Float":   tokFloat,
	"String":  tokString,
	"Param":   tokParam,
	"Punct":   tokPunct,
}

// Symbols implements lexer.Definition.
func (sqlLexer) Symbols() map[string]lexer.TokenType { return symbols }

// Lex implements lexer.Definition.
func (d sqlLexer) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

// LexString implements lexer.StringDefinition.
func (sqlLexer) LexString(filename string, s string) (lexer.Lexer, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	return &sliceLexer{toks: toks}, nil
}

// sliceLexer replays tokens; its last token must be EOF.
type sliceLexer struct {
	toks []lexer.Token
	i    int
}

func (l *sliceLexer) Next() (lexer.Token, error) {
	t := l.toks[l.i]
	if l.i < len(l.toks)-1 {
		l.i++
	}
	return t, nil
}

// scanner turns SQL text into tokens.
type scanner struct {
	src  string
	off  int
	line int
	col  int
}

func (s *scanner) pos() lexer.Position {
	return lexer.Position{Offset: s.off, Line: s.line, Column: s.col}
}

// advance moves over n bytes, keeping line and column (in runes) right.
func (s *scanner) advance(n int) {
	for _, r := range s.src[s.off : s.off+n] {
		if r == '\n' {
			s.line++
			s.col = 1
		} else {
			s.col++
		}
	}
	s.off += n
}

func (s *scanner) peekByte(i int) byte {
	if s.off+i < len(s.src) {
		return s.src[s.off+i]
	}
	return 0
}

// tokenize lexes the whole of src into tokens ending with EOF. It also
// checks the nesting depth, so that the recursive parser stays bounded. On
// an error it returns the tokens before the offending one (no EOF).
func tokenize(src string) ([]lexer.Token, error) {
	s := &scanner{src: src, line: 1, col: 1}
	toks := make([]lexer.Token, 0, len(src)/4+1)
	depth := 0
	for {
		if err := s.skipSpaceAndComments(); err != nil {
			return toks, err
		}
		if s.off >= len(s.src) {
			toks = append(toks, lexer.EOFToken(s.pos()))
			return toks, nil
		}
		t, err := s.next()
		if err != nil {
			return toks, err
		}
		depth = nextDepth(depth, t)
		if depth > MaxDepth {
			return toks, &Error{Pos: t.Pos, Msg: "nesting deeper than " + strconv.Itoa(MaxDepth), Err: ErrTooDeep}
		}
		toks = append(toks, t)
	}
}

// nextDepth counts open parentheses, CASE and EXPLAIN; a ";" resets it.
func nextDepth(depth int, t lexer.Token) int {
	switch {
	case t.Type == tokPunct && t.Value == "(":
		return depth + 1
	case t.Type == tokPunct && t.Value == ")", t.Type == tokKeyword && strings.EqualFold(t.Value, "END"):
		return max(depth-1, 0)
	case t.Type == tokKeyword && (strings.EqualFold(t.Value, "CASE") || strings.EqualFold(t.Value, "EXPLAIN")):
		return depth + 1
	case t.Type == tokPunct && t.Value == ";":
		return 0
	}
	return depth
}

func (s *scanner) skipSpaceAndComments() error {
	for s.off < len(s.src) {
		c := s.src[s.off]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			s.advance(1)
		case c == '-' && s.peekByte(1) == '-':
			n := strings.IndexByte(s.src[s.off:], '\n')
			if n < 0 {
				n = len(s.src) - s.off
			}
			s.advance(n)
		case c == '/' && s.peekByte(1) == '*':
			n := strings.Index(s.src[s.off+2:], "*/")
			if n < 0 {
				return syntaxErrorf(s.pos(), "unterminated comment")
			}
			s.advance(n + 4)
		default:
			r, size := utf8.DecodeRuneInString(s.src[s.off:])
			if r == utf8.RuneError && size == 1 {
				return syntaxErrorf(s.pos(), "invalid UTF-8 encoding")
			}
			if !unicode.IsSpace(r) {
				return nil
			}
			s.advance(size)
		}
	}
	return nil
}

// next lexes one token starting at a non-space character.
func (s *scanner) next() (lexer.Token, error) {
	start := s.pos()
	c := s.src[s.off]
	var typ lexer.TokenType
	var n int
	var err error
	switch {
	case isIdentStart(c) || c >= utf8.RuneSelf:
		n = s.identLen()
		if n == 0 {
			r, _ := utf8.DecodeRuneInString(s.src[s.off:])
			return lexer.Token{}, syntaxErrorf(start, "unexpected character %q", r)
		}
		typ = tokIdent
		if isKeyword(s.src[s.off : s.off+n]) {
			typ = tokKeyword
		}
	case isDigit(c) || (c == '.' && isDigit(s.peekByte(1))):
		typ, n, err = s.number()
	case c == '\'':
		typ, n, err = tokString, s.quotedLen('\''), nil
		if n < 0 {
			err = syntaxErrorf(start, "unterminated string literal")
		}
	case c == '"' || c == '`':
		typ, n = tokQIdent, s.quotedLen(c)
		if n < 0 {
			err = syntaxErrorf(start, "unterminated quoted identifier")
		}
	case (c == ':' || c == '@' || c == '$') && isIdentStart(s.peekByte(1)):
		typ, n = tokParam, 1+s.paramNameLen()
	case c == ':' || c == '@':
		err = syntaxErrorf(start, "expected parameter name after %q", string(c))
	case c == '?' || c == '$':
		typ, n = tokParam, 1
		for isDigit(s.peekByte(n)) {
			n++
		}
		if c == '$' && n == 1 {
			err = syntaxErrorf(start, "expected parameter number or name after \"$\"")
		} else if n > 1 {
			if k, e := strconv.Atoi(s.src[s.off+1 : s.off+n]); e != nil || k < 1 || k > MaxParam {
				err = syntaxErrorf(start, "parameter number must be between 1 and %d", MaxParam)
			}
		}
	default:
		typ, n = tokPunct, punctLen(s.src[s.off:])
		if n == 0 {
			r, _ := utf8.DecodeRuneInString(s.src[s.off:])
			err = syntaxErrorf(start, "unexpected character %q", r)
		}
	}
	if err != nil {
		return lexer.Token{}, err
	}
	val := s.src[s.off : s.off+n]
	s.advance(n)
	return lexer.Token{Type: typ, Value: val, Pos: start}, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isHexDigit(c byte) bool {
	return isDigit(c) || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}
func isIdentStart(c byte) bool { return c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }

// identLen is the byte length of the identifier at the cursor (0 if none).
func (s *scanner) identLen() int {
	n := 0
	for s.off+n < len(s.src) {
		r, size := utf8.DecodeRuneInString(s.src[s.off+n:])
		ok := r == '_' || unicode.IsLetter(r) || (n > 0 && (unicode.IsDigit(r) || r == '$'))
		if !ok || (r == utf8.RuneError && size == 1) {
			break
		}
		n += size
	}
	return n
}

// paramNameLen is the byte length of the name of the :name, @name or
// $name parameter at the cursor, after its first character: ASCII
// letters, digits and underscores.
func (s *scanner) paramNameLen() int {
	n := 0
	for c := s.peekByte(1 + n); isIdentStart(c) || isDigit(c); c = s.peekByte(1 + n) {
		n++
	}
	return n
}

// number lexes 12, 1.5, .5, 1., 1e3, 1.5E-3 and hexadecimal integers
// 0x1F. A letter or digit glued to a number (12abc, 1e, 0x1G) is an
// error, as in SQLite.
func (s *scanner) number() (lexer.TokenType, int, error) {
	n, typ := 0, tokInt
	if s.peekByte(0) == '0' && (s.peekByte(1) == 'x' || s.peekByte(1) == 'X') && isHexDigit(s.peekByte(2)) {
		for n = 2; isHexDigit(s.peekByte(n)); n++ {
		}
		return s.numberEnd(typ, n)
	}
	for isDigit(s.peekByte(n)) {
		n++
	}
	if s.peekByte(n) == '.' {
		typ = tokFloat
		n++
		for isDigit(s.peekByte(n)) {
			n++
		}
	}
	if c := s.peekByte(n); c == 'e' || c == 'E' {
		m := n + 1
		if c := s.peekByte(m); c == '+' || c == '-' {
			m++
		}
		if isDigit(s.peekByte(m)) {
			typ = tokFloat
			for n = m; isDigit(s.peekByte(n)); n++ {
			}
		}
	}
	return s.numberEnd(typ, n)
}

// numberEnd checks that the number of n bytes at the cursor ends there.
func (s *scanner) numberEnd(typ lexer.TokenType, n int) (lexer.TokenType, int, error) {
	if c := s.peekByte(n); isIdentStart(c) || isDigit(c) || c == '.' || c >= utf8.RuneSelf {
		end := n + 1
		for isIdentStart(s.peekByte(end)) || isDigit(s.peekByte(end)) {
			end++
		}
		return 0, 0, syntaxErrorf(s.pos(), "malformed number %q", s.src[s.off:min(s.off+end, len(s.src))])
	}
	return typ, n, nil
}

// quotedLen is the byte length of the quoted text at the cursor, quotes
// included, where a doubled quote stands for one; -1 if unterminated.
func (s *scanner) quotedLen(q byte) int {
	for i := s.off + 1; i < len(s.src); i++ {
		if s.src[i] == q {
			if i+1 < len(s.src) && s.src[i+1] == q {
				i++
				continue
			}
			return i + 1 - s.off
		}
	}
	return -1
}

// punctLen is the length of the operator or punctuation at the start of s.
func punctLen(s string) int {
	if len(s) >= 2 {
		switch s[:2] {
		case "<>", "<=", ">=", "!=", "==", "||", "<<", ">>":
			return 2
		}
	}
	if strings.IndexByte("+-*/%=<>(),.;&|~", s[0]) >= 0 {
		return 1
	}
	return 0
}

// unquote removes the quotes of a 'string', "identifier" or `identifier`
// token and undoubles the inner quotes. Other text is returned unchanged.
func unquote(s string) string {
	if len(s) < 2 {
		return s
	}
	q := s[0]
	if (q != '\'' && q != '"' && q != '`') || s[len(s)-1] != q {
		return s
	}
	inner := s[1 : len(s)-1]
	return strings.ReplaceAll(inner, string([]byte{q, q}), string(q))
}

// describe names a token for "found ..." in error messages.
func describe(t *lexer.Token) string {
	if t.EOF() {
		if t.Value == ";" { // the end of one statement of a script
			return `";"`
		}
		return "end of input"
	}
	v := t.Value
	if utf8.RuneCountInString(v) > 24 {
		r := []rune(v)
		v = string(r[:21]) + "..."
	}
	return strconv.Quote(v)
}
