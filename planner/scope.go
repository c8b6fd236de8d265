package planner

import (
	"fmt"
	"strings"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// column is one column visible in a scope: its qualifier (table name or
// alias, lower-case), its name as declared, and its type (0 when unknown,
// as for computed columns of a subquery).
type column struct {
	table  string
	name   string
	typ    schema.Type
	src    int  // index of the FROM source it belongs to
	hidden bool // rowid: named, not part of *
	// qualifiedOnly: found only by a qualified name (excluded.name in
	// ON CONFLICT ... DO UPDATE, where name is the table's)
	qualifiedOnly bool
}

// scope is the set of columns an expression can name: those of the
// current FROM clause, then (for correlated subqueries) the enclosing
// queries' scopes.
type scope struct {
	cols       []column
	parent     *scope
	correlated *bool                  // set when an expression reaches into parent
	agg        *aggFrame              // non-nil while compiling after GROUP BY
	win        *winFrame              // non-nil while compiling the result columns and ORDER BY
	aliases    map[string]parser.Expr // result column aliases HAVING may name
}

// colRef is a resolved column: depth 0 for the current scope.
type colRef struct {
	depth int
	idx   int
	col   column
}

// resolve finds the column a reference names, searching outwards.
func (s *scope) resolve(ref *parser.ColumnRef) (colRef, error) {
	depth := 0
	for sc := s; sc != nil; sc = sc.parent {
		idx, err := sc.find(ref)
		if err != nil {
			return colRef{}, err
		}
		if idx >= 0 {
			if depth > 0 {
				for in := s; in != sc; in = in.parent {
					if in.correlated != nil {
						*in.correlated = true
					}
				}
			}
			return colRef{depth: depth, idx: idx, col: sc.cols[idx]}, nil
		}
		depth++
	}
	name := string(ref.Column)
	if ref.Table != "" {
		name = string(ref.Table) + "." + name
	}
	return colRef{}, errorf(ErrNoColumn, ref.Pos, "no such column: %s", name)
}

func (s *scope) find(ref *parser.ColumnRef) (int, error) {
	found := -1
	qual := strings.ToLower(string(ref.Table))
	for i, c := range s.cols {
		if qual != "" && c.table != qual || qual == "" && c.qualifiedOnly {
			continue
		}
		if !strings.EqualFold(c.name, string(ref.Column)) {
			continue
		}
		if found >= 0 && qual == "" {
			return -1, errorf(ErrAmbiguous, ref.Pos, "ambiguous column name: %s", ref.Column)
		}
		if found < 0 {
			found = i
		}
	}
	return found, nil
}

// Column is a result column: its name as SQLite would give it and its
// type (0 when it varies from row to row, as for CASE of mixed types).
type Column struct {
	Name string
	Type schema.Type
}

// evalCtx is the state of one statement execution, shared by the
// expressions it evaluates.
type evalCtx struct {
	rt     *Runtime
	params []term.Term
	outer  [][]term.Term // rows of the enclosing queries, innermost last
	aggs   []term.Term   // aggregate values of the current group
	win    []term.Term   // window function values of the current row
	exec   *execState    // shared by the copies made for subqueries
	steps  int

	// reuseRows lets a streamed scan reuse a chunk's rows once the
	// reader asks for the next chunk (Statement.RunInto)
	reuseRows bool

	// done, if set, is called by a streamed scan when it ends: the
	// execution's state may be reused then (Statement.RunInto)
	done func()
}

// execState is what all the expressions of one execution share: the
// results of uncorrelated subqueries and the scan state of each access.
type execState struct {
	cache  map[*selectPlan][][]term.Term
	inSets map[*selectPlan]*valueSet // uncorrelated IN subqueries, hashed
	scans  map[*access]*scanState
}

// reset forgets everything one execution computed, keeping the scans'
// map for the next execution (pooled runs: see runState). A result kept
// from one execution to the next would be stale: the tables may change
// in between.
func (e *execState) reset() {
	clear(e.scans)
	e.cache, e.inSets = nil, nil
}

// evalFn computes an expression over a row of the current scope.
type evalFn func(c *evalCtx, row []term.Term) (term.Term, error)

func constFn(v term.Term) evalFn {
	return func(*evalCtx, []term.Term) (term.Term, error) { return v, nil }
}

// checkCancel is called every so many rows: it reports the context's
// error once the statement is cancelled.
func (c *evalCtx) checkCancel() error {
	c.steps++
	if c.steps&1023 != 0 || c.rt == nil || c.rt.Ctx == nil {
		return nil
	}
	return c.rt.Ctx.Err()
}

func (c *evalCtx) param(i int) (term.Term, error) {
	if i < 1 || i > len(c.params) {
		return term.Term{}, fmt.Errorf("%w: statement needs parameter %d, got %d", ErrParams, i, len(c.params))
	}
	return c.params[i-1], nil
}
