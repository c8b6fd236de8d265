package matchspec

import (
	"errors"
	"fmt"
	"strings"

	"github.com/etsql/etsql/term"
)

// The sentinel errors of package matchspec. Every error the package returns
// wraps one of them; test with errors.Is.
var (
	// ErrBadMatchSpec: a match specification that ets:select/2 would
	// reject with badarg (not a list of {Head, Guards, Body}, an unknown
	// guard function, an unbound variable, ...). Errors carrying the
	// reason are *Error values.
	ErrBadMatchSpec = errors.New("bad match specification")

	// ErrSyntax: match specification text that is not an Erlang term. It
	// is term.ErrSyntax; the error is a *term.SyntaxError with a position.
	ErrSyntax = term.ErrSyntax
)

// Error is an invalid match specification: the 1-based number of the clause
// at fault (0 when the fault is in the list itself) and OTP's diagnostic
// for it, exactly as ets:test_ms/2 words it. It unwraps to ErrBadMatchSpec.
type Error struct {
	Clause int
	Msg    string // OTP's message, e.g. "Variable $2 is unbound."
}

// Error returns "clause N: message" with the OTP message lower-cased at the
// start and without its final period.
func (e *Error) Error() string {
	msg := strings.TrimSuffix(e.Msg, ".")
	if msg != "" && msg[0] >= 'A' && msg[0] <= 'Z' {
		msg = string(msg[0]+'a'-'A') + msg[1:]
	}
	if e.Clause > 0 {
		return fmt.Sprintf("clause %d: %s", e.Clause, msg)
	}
	return msg
}

// Unwrap returns ErrBadMatchSpec.
func (e *Error) Unwrap() error { return ErrBadMatchSpec }

// Diagnostic is one problem ets:test_ms/2 reports about a match
// specification.
type Diagnostic struct {
	Clause  int    // 1-based clause number, 0 for the list as a whole
	Warning bool   // a warning rather than an error
	Message string // OTP's text, e.g. "Function foo/1 does_not_exist."
}

// String returns "clause N: error: message".
func (d Diagnostic) String() string {
	sev := "error"
	if d.Warning {
		sev = "warning"
	}
	if d.Clause > 0 {
		return fmt.Sprintf("clause %d: %s: %s", d.Clause, sev, d.Message)
	}
	return sev + ": " + d.Message
}

// ErrFun2MS: a fun that ets:fun2ms cannot translate; the error is a *FunError.
var ErrFun2MS = errors.New("fun cannot be translated into a match specification")
