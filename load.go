package etsql

import (
	"context"
	"fmt"
	"sync"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/planner"
	"github.com/etsql/etsql/term"
)

// InsertRows inserts rows of Go values (in declared column order, nil for
// NULL, converted as schema.FromGo does for each column's type) into a
// table, all or nothing, as INSERT INTO table VALUES ... would: a
// duplicate primary key or a unique index conflict is an ErrConstraint
// error. It skips SQL parsing, for bulk loads. Like a write statement
// outside a transaction, it waits while a write transaction runs. It
// keeps none of the slices of rows: the caller may refill them for its
// next call.
func (db *DB) InsertRows(table string, rows [][]any) error {
	t, ok := catalog{db}.Table(table)
	if !ok {
		return fmt.Errorf("%w: %s", ErrNoTable, table)
	}
	buf := newLoadBuf(t, len(rows))
	defer buf.release()
	objs, err := t.Schema.AppendGoRows(buf.objs[:0], rows, buf.elems)
	if err != nil {
		return err
	}
	buf.objs = objs
	if err := db.gate.enter(context.Background(), nil); err != nil { // waits for a write transaction
		return err
	}
	defer db.gate.leave(nil)
	return planner.InsertRows(db.runtime(nil), t, objs)
}

// loadBuf holds the row tuples of one InsertRows call and, for a set,
// their elements.
//
// A set copies the elements of every object it stores into chunks of its
// own (see the engine's package documentation), so the tuples handed to
// it are garbage once it returns: their elements are laid out in one
// slice, pooled across calls with the slice of tuples, instead of one
// allocation per row. The other table types keep the tuples they are
// given, so each row there gets elements of its own.
type loadBuf struct {
	objs  []term.Term // the row tuples
	elems []term.Term // their elements, for a set; empty otherwise
	pool  bool        // goes back to loadBufs
}

// loadBufs holds loadBufs for reuse.
var loadBufs sync.Pool

// maxPooledTerms bounds the terms (16 bytes each) of a pooled loadBuf:
// a bigger call allocates its own and leaves it to the collector.
const maxPooledTerms = 1 << 17

func newLoadBuf(t *planner.Table, n int) *loadBuf {
	var elems int
	if t.ETS.Type() == engine.Set {
		elems = n * t.Schema.Arity()
	}
	b := &loadBuf{}
	if n+elems <= maxPooledTerms {
		if pb, ok := loadBufs.Get().(*loadBuf); ok {
			b = pb
		}
		b.pool = true
	}
	if cap(b.objs) < n {
		b.objs = make([]term.Term, 0, n)
	}
	if cap(b.elems) < elems {
		b.elems = make([]term.Term, elems)
	}
	b.elems = b.elems[:elems]
	return b
}

// release clears the terms, so that the pool keeps no value alive, and
// returns a pooled buffer to the pool.
func (b *loadBuf) release() {
	if !b.pool {
		return
	}
	clear(b.objs)
	clear(b.elems)
	b.objs, b.elems = b.objs[:0], b.elems[:0]
	loadBufs.Put(b)
}
