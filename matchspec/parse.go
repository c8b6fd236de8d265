package matchspec

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/etsql/etsql/term"
)

// parseTerm reads one Erlang term written as data (no variables, no
// expressions other than unary minus on numbers), optionally followed by a
// period. It is the small reader Parse needs; errors are
// *term.SyntaxError values with a line:column position.
func parseTerm(text string) (term.Term, error) {
	p := &parser{src: text, line: 1, col: 1}
	if !utf8.ValidString(text) {
		for p.pos < len(text) {
			if r, size := utf8.DecodeRuneInString(text[p.pos:]); r == utf8.RuneError && size == 1 {
				break
			}
			p.advance(1)
		}
		return term.Term{}, p.errorf("invalid UTF-8")
	}
	p.skipSpace()
	t, err := p.term(0)
	if err != nil {
		return term.Term{}, err
	}
	p.skipSpace()
	if p.peek() == '.' {
		p.advance(1)
		p.skipSpace()
	}
	if p.pos < len(p.src) {
		return term.Term{}, p.errorf("expected end of input, found %s", p.found())
	}
	return t, nil
}

type parser struct {
	src       string
	pos       int
	line, col int
}

func (p *parser) errorf(format string, args ...any) error {
	return &term.SyntaxError{Pos: term.Position{Offset: p.pos, Line: p.line, Column: p.col}, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) found() string {
	if p.pos >= len(p.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *parser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *parser) advance(n int) {
	for i := 0; i < n && p.pos < len(p.src); {
		r, size := utf8.DecodeRuneInString(p.src[p.pos:])
		p.pos += size
		i++
		if r == '\n' {
			p.line, p.col = p.line+1, 1
		} else {
			p.col++
		}
	}
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.advance(1)
		case c == '%':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.advance(1)
			}
		default:
			return
		}
	}
}

func (p *parser) expect(s string) error {
	p.skipSpace()
	if !strings.HasPrefix(p.src[p.pos:], s) {
		return p.errorf("expected %q, found %s", s, p.found())
	}
	p.advance(len(s))
	return nil
}

func (p *parser) term(depth int) (term.Term, error) {
	if depth > maxDepth {
		return term.Term{}, p.errorf("term nested too deeply")
	}
	p.skipSpace()
	c := p.peek()
	switch {
	case c == '{':
		p.advance(1)
		elems, err := p.sequence('}', depth)
		if err != nil {
			return term.Term{}, err
		}
		return term.Tuple(elems...), nil
	case c == '[':
		return p.list(depth)
	case c == '#':
		return p.mapTerm(depth)
	case c == '<' && strings.HasPrefix(p.src[p.pos:], "<<"):
		return p.binary()
	case c == '"':
		s, err := p.quoted('"')
		if err != nil {
			return term.Term{}, err
		}
		return term.Charlist(s), nil
	case c == '\'':
		s, err := p.quoted('\'')
		if err != nil {
			return term.Term{}, err
		}
		return term.Atom(s), nil
	case c == '-' || c == '+' || c >= '0' && c <= '9' || c == '$':
		return p.number()
	case c >= 'a' && c <= 'z':
		start := p.pos
		for p.pos < len(p.src) && isNameByte(p.src[p.pos]) {
			p.advance(1)
		}
		return term.Atom(p.src[start:p.pos]), nil
	}
	return term.Term{}, p.errorf("expected term, found %s", p.found())
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '@'
}

// sequence reads terms separated by commas up to the closing byte.
func (p *parser) sequence(closing byte, depth int) ([]term.Term, error) {
	var elems []term.Term
	p.skipSpace()
	if p.peek() == closing {
		p.advance(1)
		return elems, nil
	}
	for {
		t, err := p.term(depth + 1)
		if err != nil {
			return nil, err
		}
		elems = append(elems, t)
		p.skipSpace()
		switch p.peek() {
		case ',':
			p.advance(1)
		case closing:
			p.advance(1)
			return elems, nil
		default:
			return nil, p.errorf("expected ',' or '%c', found %s", closing, p.found())
		}
	}
}

func (p *parser) list(depth int) (term.Term, error) {
	p.advance(1)
	p.skipSpace()
	if p.peek() == ']' {
		p.advance(1)
		return term.Nil, nil
	}
	var elems []term.Term
	for {
		t, err := p.term(depth + 1)
		if err != nil {
			return term.Term{}, err
		}
		elems = append(elems, t)
		p.skipSpace()
		switch p.peek() {
		case ',':
			p.advance(1)
		case '|':
			p.advance(1)
			tail, err := p.term(depth + 1)
			if err != nil {
				return term.Term{}, err
			}
			if err := p.expect("]"); err != nil {
				return term.Term{}, err
			}
			return term.ImproperList(elems, tail), nil
		case ']':
			p.advance(1)
			return term.List(elems...), nil
		default:
			return term.Term{}, p.errorf("expected ',', '|' or ']', found %s", p.found())
		}
	}
}

func (p *parser) mapTerm(depth int) (term.Term, error) {
	p.advance(1)
	if err := p.expect("{"); err != nil {
		return term.Term{}, err
	}
	var pairs []term.MapPair
	p.skipSpace()
	if p.peek() == '}' {
		p.advance(1)
		return term.Map(), nil
	}
	for {
		k, err := p.term(depth + 1)
		if err != nil {
			return term.Term{}, err
		}
		if err := p.expect("=>"); err != nil {
			return term.Term{}, err
		}
		v, err := p.term(depth + 1)
		if err != nil {
			return term.Term{}, err
		}
		pairs = append(pairs, term.MapPair{Key: k, Value: v})
		p.skipSpace()
		switch p.peek() {
		case ',':
			p.advance(1)
		case '}':
			p.advance(1)
			return term.Map(pairs...), nil
		default:
			return term.Term{}, p.errorf("expected ',' or '}', found %s", p.found())
		}
	}
}

func (p *parser) binary() (term.Term, error) {
	p.advance(2)
	var b []byte
	p.skipSpace()
	if strings.HasPrefix(p.src[p.pos:], ">>") {
		p.advance(2)
		return term.Binary(nil), nil
	}
	for {
		p.skipSpace()
		if p.peek() == '"' {
			s, err := p.quoted('"')
			if err != nil {
				return term.Term{}, err
			}
			b = append(b, s...)
		} else {
			t, err := p.number()
			if err != nil {
				return term.Term{}, err
			}
			v, ok := t.Int64()
			if !ok || v < 0 || v > 255 {
				return term.Term{}, p.errorf("expected a byte in binary")
			}
			b = append(b, byte(v))
		}
		p.skipSpace()
		if p.peek() == ',' {
			p.advance(1)
			continue
		}
		if err := p.expect(">>"); err != nil {
			return term.Term{}, err
		}
		return term.Binary(b), nil
	}
}

// quoted reads a quoted atom or string, handling Erlang's escapes.
func (p *parser) quoted(q byte) (string, error) {
	p.advance(1)
	var b strings.Builder
	for {
		if p.pos >= len(p.src) {
			return "", p.errorf("unterminated %c", q)
		}
		c := p.src[p.pos]
		if c == q {
			p.advance(1)
			return b.String(), nil
		}
		if c != '\\' {
			r, size := utf8.DecodeRuneInString(p.src[p.pos:])
			b.WriteString(p.src[p.pos : p.pos+size])
			_ = r
			p.advance(1)
			continue
		}
		p.advance(1)
		r, err := p.escape()
		if err != nil {
			return "", err
		}
		b.WriteRune(r)
	}
}

func (p *parser) escape() (rune, error) {
	if p.pos >= len(p.src) {
		return 0, p.errorf("unterminated escape")
	}
	c := p.src[p.pos]
	simple := map[byte]rune{'n': '\n', 't': '\t', 'r': '\r', 'b': '\b', 'f': '\f', 'v': '\v', 'e': 27, 's': ' ', 'd': 127}
	if r, ok := simple[c]; ok {
		p.advance(1)
		return r, nil
	}
	switch {
	case c >= '0' && c <= '7':
		v := 0
		for i := 0; i < 3 && p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '7'; i++ {
			v = v*8 + int(p.src[p.pos]-'0')
			p.advance(1)
		}
		return rune(v), nil
	case c == 'x':
		p.advance(1)
		if p.peek() == '{' {
			p.advance(1)
			end := strings.IndexByte(p.src[p.pos:], '}')
			if end < 0 {
				return 0, p.errorf("unterminated \\x{...}")
			}
			v, err := strconv.ParseUint(p.src[p.pos:p.pos+end], 16, 21)
			if err != nil {
				return 0, p.errorf("bad \\x{...} escape")
			}
			p.advance(end + 1)
			return rune(v), nil
		}
		if p.pos+2 > len(p.src) {
			return 0, p.errorf("bad \\x escape")
		}
		v, err := strconv.ParseUint(p.src[p.pos:p.pos+2], 16, 8)
		if err != nil {
			return 0, p.errorf("bad \\x escape")
		}
		p.advance(2)
		return rune(v), nil
	case c == '^':
		p.advance(1)
		if p.pos >= len(p.src) {
			return 0, p.errorf("unterminated escape")
		}
		r := rune(p.src[p.pos]) & 31
		p.advance(1)
		return r, nil
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	p.advance(1)
	return r, nil
}

// number reads an integer (decimal, Base#digits or $c) or a float, with an
// optional sign.
func (p *parser) number() (term.Term, error) {
	neg := false
	if c := p.peek(); c == '-' || c == '+' {
		neg = c == '-'
		p.advance(1)
		p.skipSpace()
	}
	if p.peek() == '$' {
		p.advance(1)
		if p.pos >= len(p.src) {
			return term.Term{}, p.errorf("expected character after $")
		}
		var r rune
		if p.src[p.pos] == '\\' {
			p.advance(1)
			var err error
			if r, err = p.escape(); err != nil {
				return term.Term{}, err
			}
		} else {
			r, _ = utf8.DecodeRuneInString(p.src[p.pos:])
			p.advance(1)
		}
		if neg {
			r = -r
		}
		return term.Int(int64(r)), nil
	}
	start := p.pos
	for p.pos < len(p.src) && (p.src[p.pos] >= '0' && p.src[p.pos] <= '9' || p.src[p.pos] == '_') {
		p.advance(1)
	}
	if p.pos == start {
		return term.Term{}, p.errorf("expected number, found %s", p.found())
	}
	digits := strings.ReplaceAll(p.src[start:p.pos], "_", "")
	sign := ""
	if neg {
		sign = "-"
	}
	if p.peek() == '#' {
		base, err := strconv.Atoi(digits)
		if err != nil || base < 2 || base > 36 {
			return term.Term{}, p.errorf("bad base %s", digits)
		}
		p.advance(1)
		ds := p.pos
		for p.pos < len(p.src) && (isNameByte(p.src[p.pos]) && p.src[p.pos] != '@') {
			p.advance(1)
		}
		v, ok := new(big.Int).SetString(sign+strings.ReplaceAll(p.src[ds:p.pos], "_", ""), base)
		if !ok {
			return term.Term{}, p.errorf("bad base-%d integer", base)
		}
		return term.BigInt(v), nil
	}
	if p.peek() == '.' && p.pos+1 < len(p.src) && p.src[p.pos+1] >= '0' && p.src[p.pos+1] <= '9' {
		p.advance(1)
		for p.pos < len(p.src) && (p.src[p.pos] >= '0' && p.src[p.pos] <= '9' || p.src[p.pos] == '_') {
			p.advance(1)
		}
		if c := p.peek(); c == 'e' || c == 'E' {
			p.advance(1)
			if c := p.peek(); c == '-' || c == '+' {
				p.advance(1)
			}
			for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
				p.advance(1)
			}
		}
		f, err := strconv.ParseFloat(sign+strings.ReplaceAll(p.src[start:p.pos], "_", ""), 64)
		if err != nil || !term.IsFinite(f) {
			return term.Term{}, p.errorf("bad float %s", p.src[start:p.pos])
		}
		return term.Float(f), nil
	}
	v, ok := new(big.Int).SetString(sign+digits, 10)
	if !ok {
		return term.Term{}, p.errorf("bad integer")
	}
	return term.BigInt(v), nil
}
