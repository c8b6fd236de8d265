package engine

import (
	"testing"

	"github.com/etsql/etsql/term"
)

// matchOp generates an operation taking a match specification or pattern;
// until package matchspec is wired in, a lookup.
func (g *diffGen) matchOp(tab term.Term) term.Term {
	return tu(a("lookup"), tab, g.key())
}

func (r *diffRunner) applyMatch(tab *Table, name string, args []term.Term) (term.Term, error) {
	return term.Term{}, ErrBadArg
}

// measureSelects measures the match specification operations of
// bench_ets.escript; until package matchspec is wired in, none.
func measureSelects(b *testing.B, p *Process, s, o, pre *Table, lo int64) []measure {
	return nil
}
