package schema

import (
	"strconv"

	"github.com/etsql/etsql/term"
)

// Wildcard is the match specification pattern '_', matching anything.
var Wildcard = term.Atom("_")

// Var returns the match variable '$n' (ETS takes 0 <= n <= 100000000).
func Var(n int) term.Term { return term.Atom("$" + strconv.Itoa(n)) }

// Head returns a match specification head of the shape of the table's
// rows: '_' everywhere except for the columns in bind (column index, or
// RowIDColumn, -> pattern). For a composite key the key element is a tuple
// of '_' with the bound components in place, or '_' as a whole when no key
// column is bound. For a table with key (a, b) and columns a, b, c:
//
//	Head(nil)                               {'_', '_'}
//	Head(map[int]term.Term{0: Var(1)})      {{'$1', '_'}, '_'}
//	Head(map[int]term.Term{2: term.Int(5)}) {'_', 5}
func (t *Table) Head(bind map[int]term.Term) term.Term {
	elems := make([]term.Term, t.arity)
	for i := range elems {
		elems[i] = Wildcard
	}
	var key []term.Term
	for col, pat := range bind {
		p := t.Position(col)
		if p.Sub == 0 {
			elems[p.Elem-1] = pat
			continue
		}
		if key == nil {
			key = make([]term.Term, len(t.key))
			for k := range key {
				key[k] = Wildcard
			}
		}
		key[p.Sub-1] = pat
	}
	if key != nil {
		elems[0] = term.Tuple(key...)
	}
	return term.Tuple(elems...)
}

// HeadVars returns the head binding every column to a variable: column i
// (0-based, declared order) to '$(i+1)'; a row id is '_'. For a table with
// key (a, b) and columns a, b, c it is {{'$1', '$2'}, '$3'}.
func (t *Table) HeadVars() term.Term {
	bind := make(map[int]term.Term, len(t.cols))
	for i := range t.cols {
		bind[i] = Var(i + 1)
	}
	return t.Head(bind)
}
