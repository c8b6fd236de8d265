package matchspec

import (
	"fmt"

	"github.com/etsql/etsql/term"
)

// parseTerm reads Erlang term text. (Placeholder until term.Parse lands.)
func parseTerm(text string) (term.Term, error) {
	return term.Term{}, fmt.Errorf("%w: term text parsing not available yet", ErrSyntax)
}
