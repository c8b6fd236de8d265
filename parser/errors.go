package parser

import (
	"errors"
	"fmt"

	"github.com/alecthomas/participle/v2/lexer"
)

// Sentinel errors. Every error returned by this package is an *Error whose
// Unwrap gives one of these, so callers can test with errors.Is.
var (
	// ErrSyntax: the text is not valid SQL for this grammar.
	ErrSyntax = errors.New("syntax error")
	// ErrTooDeep: parentheses, CASE or EXPLAIN nest deeper than MaxDepth.
	ErrTooDeep = errors.New("nesting too deep")
)

// MaxDepth is the deepest nesting of parentheses, CASE expressions and
// EXPLAIN prefixes the parser accepts; deeper input gives ErrTooDeep.
const MaxDepth = 200

// Error is a positioned parse error. It prints as "line:col: msg", for
// example `1:10: expected FROM, found "FORM"`.
type Error struct {
	Pos lexer.Position // where the offending token starts
	Msg string         // lower-case, no trailing period
	Err error          // ErrSyntax or ErrTooDeep
}

func (e *Error) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// Unwrap returns the sentinel (ErrSyntax or ErrTooDeep).
func (e *Error) Unwrap() error {
	if e.Err == nil {
		return ErrSyntax
	}
	return e.Err
}

// syntaxErrorf makes an *Error wrapping ErrSyntax.
func syntaxErrorf(pos lexer.Position, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Err: ErrSyntax}
}

// expected makes the standard "expected X, found Y" error at tok.
func expected(what string, tok *lexer.Token) *Error {
	return syntaxErrorf(tok.Pos, "expected %s, found %s", what, describe(tok))
}
