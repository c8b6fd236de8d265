package engine

import "github.com/etsql/etsql/term"

// matchOp generates an operation taking a match specification or pattern;
// until package matchspec is wired in, a lookup.
func (g *diffGen) matchOp(tab term.Term) term.Term {
	return tu(a("lookup"), tab, g.key())
}

func (r *diffRunner) applyMatch(tab *Table, name string, args []term.Term) (term.Term, error) {
	return term.Term{}, ErrBadArg
}
