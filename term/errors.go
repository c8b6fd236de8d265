package term

import (
	"errors"
	"fmt"
)

// The sentinel errors of package term. Errors returned by the package wrap
// one of them, so callers test with errors.Is.
var (
	// ErrSyntax: Erlang or Elixir term text that does not parse. The error
	// is a *SyntaxError carrying the position.
	ErrSyntax = errors.New("syntax error")

	// ErrExternalFormat: bytes that are not a valid External Term Format
	// encoding (truncated, corrupt, or trailing garbage).
	ErrExternalFormat = errors.New("bad external term format")

	// ErrUnsupported: a valid term of a kind etsql does not model, such as a
	// bitstring whose size is not a whole number of bytes.
	ErrUnsupported = errors.New("unsupported term")

	// ErrTooDeep: a term nested deeper than MaxDepth.
	ErrTooDeep = errors.New("term nested too deeply")
)

// MaxDepth bounds the nesting of terms read by the parsers and decoders, so
// that hostile input cannot exhaust the stack.
const MaxDepth = 10000

// Position is a place in term text: a byte offset and a 1-based line and
// column (columns count Unicode code points).
type Position struct {
	Offset int
	Line   int
	Column int
}

// String returns "line:col".
func (p Position) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// SyntaxError is an error in term text, with its position.
type SyntaxError struct {
	Pos Position
	Msg string // e.g. "expected term, found ')'"
	Err error  // an optional further sentinel, such as ErrTooDeep
}

// Error returns "line:col: message".
func (e *SyntaxError) Error() string { return e.Pos.String() + ": " + e.Msg }

// Unwrap returns ErrSyntax, and Err when set, for errors.Is.
func (e *SyntaxError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrSyntax, e.Err}
	}
	return []error{ErrSyntax}
}
