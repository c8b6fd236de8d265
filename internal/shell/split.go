package shell

import (
	"strings"
	"unicode/utf8"

	"github.com/etsql/etsql/parser"
)

// Kind is what a statement of shell input is.
type Kind uint8

// The kinds of statements.
const (
	KindSQL  Kind = iota // SQL, ended by ';'
	KindETS              // an ets:function(Args) call or a Var = binding, ended by '.' or ';'
	KindMeta             // a dot command (.tables) or a psql backslash command (\dt), one line
)

// Statement is one complete statement of shell input and where it starts.
type Statement struct {
	Kind Kind
	Text string // the statement's text, terminator included, leading blanks and comments dropped
	Line int    // 1-based line of the first character of Text in the input
	Col  int    // 1-based column (in bytes) of that character
}

// Splitter cuts shell input into statements. Feed it text in any pieces
// (lines in the REPL, a whole file in a script); it keeps an incomplete
// statement until the rest of it arrives and tracks line numbers across
// calls.
type Splitter struct {
	buf       string // pending text not yet part of a complete statement
	line, col int    // position of buf[0]
}

// NewSplitter returns a Splitter whose first character is at line 1, column 1.
func NewSplitter() *Splitter { return &Splitter{line: 1, col: 1} }

// Feed adds text and returns the statements it completes.
func (s *Splitter) Feed(text string) []Statement {
	s.buf += text
	var out []Statement
	for {
		start := skipBlank(s.buf)
		s.advance(start)
		if s.buf == "" {
			return out
		}
		kind := classify(s.buf)
		end, ok := statementEnd(s.buf, kind)
		if !ok {
			return out
		}
		out = append(out, Statement{Kind: kind, Text: strings.TrimRight(s.buf[:end], " \t\r\n"), Line: s.line, Col: s.col})
		s.advance(end)
	}
}

// Pending reports whether an incomplete statement is waiting for more
// text (blank text and comments do not count).
func (s *Splitter) Pending() bool { return skipBlank(s.buf) < len(s.buf) }

// Rest returns the incomplete statement's text and drops it, as at the
// end of a script or when the user abandons a statement with Ctrl-C. Its
// position is returned too.
func (s *Splitter) Rest() (Statement, bool) {
	start := skipBlank(s.buf)
	s.advance(start)
	if s.buf == "" {
		return Statement{}, false
	}
	st := Statement{Kind: classify(s.buf), Text: strings.TrimRight(s.buf, " \t\r\n"), Line: s.line, Col: s.col}
	s.advance(len(s.buf))
	return st, true
}

// Reset drops any pending text; line counting goes on.
func (s *Splitter) Reset() { s.advance(len(s.buf)) }

func (s *Splitter) advance(n int) {
	for _, r := range s.buf[:n] {
		if r == '\n' {
			s.line, s.col = s.line+1, 1
		} else {
			s.col += utf8.RuneLen(r)
		}
	}
	s.buf = s.buf[n:]
}

// skipBlank returns the length of the white space and comments (SQL's
// "--" and "/* */", Erlang's "%") at the start of text. An unterminated
// block comment is not skipped: it is pending input.
func skipBlank(text string) int {
	i := 0
	for i < len(text) {
		switch c := text[i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';':
			i++ // empty statements are dropped too
		case strings.HasPrefix(text[i:], "--") || c == '%':
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				return len(text)
			}
			i += j + 1
		case strings.HasPrefix(text[i:], "/*"):
			j := strings.Index(text[i+2:], "*/")
			if j < 0 {
				return i
			}
			i += j + 4
		default:
			return i
		}
	}
	return i
}

// classify tells a statement's kind from its first characters.
func classify(text string) Kind {
	if text[0] == '.' || text[0] == '\\' {
		return KindMeta
	}
	if isETSCall(text) {
		return KindETS
	}
	return KindSQL
}

// isETSCall reports whether text starts with "ets:" (white space allowed
// around the colon), or with "Var =" (an Erlang binding: no SQL statement
// starts so).
func isETSCall(text string) bool {
	if v := erlangVarLen(text); v > 0 {
		rest := strings.TrimLeft(text[v:], " \t\r\n")
		if strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "==") {
			return true
		}
	}
	if len(text) < 4 || !strings.EqualFold(text[:3], "ets") {
		return false
	}
	rest := strings.TrimLeft(text[3:], " \t\r\n")
	return strings.HasPrefix(rest, ":") && !strings.HasPrefix(rest, ":=")
}

// statementEnd returns the length of the complete statement at the start
// of text, terminator included, or false when it is incomplete.
func statementEnd(text string, kind Kind) (int, bool) {
	switch kind {
	case KindMeta:
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return 0, false
		}
		return i + 1, true
	case KindETS:
		return erlangEnd(text)
	}
	return sqlEnd(text)
}

// sqlEnd finds the ';' that ends an SQL statement, outside 'strings',
// "identifiers", `identifiers`, -- comments and /* comments */, and
// outside the body of a CREATE TRIGGER (see parser.InTrigger).
func sqlEnd(text string) (int, bool) {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case ';':
			if parser.InTrigger(text[:i]) {
				continue
			}
			return i + 1, true
		case '\'', '"', '`':
			j := closeQuote(text, i+1, c, true)
			if j < 0 {
				return 0, false
			}
			i = j
		case '-':
			if strings.HasPrefix(text[i:], "--") {
				j := strings.IndexByte(text[i:], '\n')
				if j < 0 {
					return 0, false
				}
				i += j
			}
		case '/':
			if strings.HasPrefix(text[i:], "/*") {
				j := strings.Index(text[i+2:], "*/")
				if j < 0 {
					return 0, false
				}
				i += j + 3
			}
		}
	}
	return 0, false
}

// closeQuote returns the index of the quote closing a quoted token whose
// text starts at i, or -1. With doubling, two quotes stand for one (SQL);
// without, a backslash escapes the next character (Erlang).
func closeQuote(text string, i int, q byte, doubling bool) int {
	for ; i < len(text); i++ {
		switch text[i] {
		case '\\':
			if !doubling {
				i++
			}
		case q:
			if doubling && i+1 < len(text) && text[i+1] == q {
				i++
				continue
			}
			return i
		}
	}
	return -1
}

// erlangEnd finds the end of an ets call: a '.' followed by white space,
// a '%' comment or the end of the text (Erlang's end of form), or a ';'
// (SQL habit) outside brackets, outside strings, quoted atoms, $c characters
// and comments.
// A '.' at the very end of the text ends the call only once a line ends
// after it, so "ets:all()." typed on one line is complete with its newline.
func erlangEnd(text string) (int, bool) {
	depth := 0 // of brackets: a ';' inside them separates fun clauses
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case ';':
			if depth <= 0 {
				return i + 1, true
			}
		case '.':
			if i+1 < len(text) {
				n := text[i+1]
				if n == ' ' || n == '\t' || n == '\r' || n == '\n' || n == '%' {
					return i + 1, true
				}
			}
		case '"', '\'':
			j := closeQuote(text, i+1, c, false)
			if j < 0 {
				return 0, false
			}
			i = j
		case '$':
			if i+1 < len(text) && text[i+1] == '\\' {
				i++
			}
			i++
		case '%':
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				return 0, false
			}
			i += j
		}
	}
	return 0, false
}

// erlangVarLen returns the length of the Erlang variable name at the start
// of text, or 0.
func erlangVarLen(text string) int {
	if text == "" || !(text[0] == '_' || text[0] >= 'A' && text[0] <= 'Z') {
		return 0
	}
	i := 1
	for i < len(text) && isWordByte(text[i]) {
		i++
	}
	return i
}
