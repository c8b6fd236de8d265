package planner

import (
	"iter"
	"slices"
	"sync"

	"github.com/etsql/etsql/term"
)

// Result is what a statement gives: rows for queries (and EXPLAIN), a
// count of changed rows for the others.
//
// A query's rows come one at a time from Next. When the plan has no
// blocking step (see Streamed) they are computed as Next pulls them: the
// scan advances a chunk at a time and stops when the reader stops, so
// the first rows come before the scan ends, LIMIT reads no further, a
// cancelled context ends the scan at the next chunk, and no more than a
// chunk of result rows is held at once. Other queries (a sort, GROUP BY or an
// aggregate, UNION, INTERSECT or EXCEPT, a first table read by key
// lookups) are computed by Statement.Run and handed out from memory.
//
// A Result is read by one goroutine at a time. A streamed result holds a
// scan in progress until Next reports the end or Close is called.
type Result struct {
	Columns      []Column
	RowsAffected int64
	LastInsertID int64

	names    []string      // RunInto: the columns' names, the statement's
	rows     [][]term.Term // computed rows not yet handed out
	rowBuf   [][]term.Term // RunInto: the backing of rows, reused
	flat     []term.Term   // RunInto: the rows' values, reused
	stream   *rowStream    // the scan under way; nil once it ended
	streamed bool
	borrowed bool // RunInto: a row is valid until the next Next

	// RunInto: the first buffers of a key lookup's row, so that a Result
	// allocated for one allocates nothing more
	inlineVals [16]term.Term
	inlineRows [1][]term.Term
}

// rowStream is the scan of a streamed result, paused between chunks.
type rowStream struct {
	pull func() ([][]term.Term, bool)
	stop func()
	err  error     // set by the scan when it ends
	buf  *chunkBuf // the chunks' buffers, recycled when the scan ends
}

// end stops the scan and recycles its buffers: the reader is done with
// the last chunk.
func (s *rowStream) end() {
	s.stop()
	if s.buf != nil {
		s.buf.recycle()
		s.buf = nil
	}
}

// chunkBuf is the row buffers of a streamed scan whose reader is done
// with a chunk when it asks for the next (RunInto): taken from chunkPool
// when the scan starts and put back when it ends, so that a scan
// allocates no rows.
type chunkBuf struct {
	rows [][]term.Term
	flat []term.Term
	used int // how much of flat has been written
}

var chunkPool sync.Pool

// getChunkBuf returns buffers for chunks of up to maxChunk rows of width
// values.
func getChunkBuf(width int) *chunkBuf {
	cb, _ := chunkPool.Get().(*chunkBuf)
	if cb == nil {
		cb = &chunkBuf{}
	}
	if cap(cb.rows) < maxChunk {
		cb.rows = make([][]term.Term, 0, maxChunk)
	}
	if cap(cb.flat) < maxChunk*width {
		cb.flat = make([]term.Term, 0, maxChunk*width)
	}
	return cb
}

// recycle clears the buffers (they hold terms) and puts them back.
func (cb *chunkBuf) recycle() {
	clear(cb.flat[:cb.used])
	clear(cb.rows[:cap(cb.rows)])
	cb.used = 0
	chunkPool.Put(cb)
}

// maxChunk is how many rows a streamed scan computes at most before it
// hands them over; the first chunks are smaller (1, 2, 4, ...) so that
// the first row comes as soon as it is found.
const maxChunk = 256

// materialized returns a query's result with its rows computed.
func materialized(cols []Column, rows [][]term.Term) *Result {
	return &Result{Columns: cols, rows: rows}
}

// streamed returns a query's result whose rows produce computes when
// they are pulled: produce gives rows in chunks to yield, stopping when
// yield returns false.
//
// buf, if not nil, holds the buffers produce writes its chunks into; it
// is recycled once the scan ends.
func streamed(cols []Column, buf *chunkBuf, produce func(yield func([][]term.Term) bool) error) *Result {
	s := &rowStream{buf: buf}
	s.pull, s.stop = iter.Pull(func(yield func([][]term.Term) bool) {
		growStack()
		s.err = produce(yield)
	})
	return &Result{Columns: cols, stream: s, streamed: true}
}

// ColumnNames returns the names of the columns. They may be shared with
// the statement: the caller must not change them.
func (r *Result) ColumnNames() []string {
	if r.names == nil && len(r.Columns) > 0 {
		r.names = columnNames(r.Columns)
	}
	return r.names
}

func columnNames(cols []Column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return names
}

// Streamed reports whether the rows are computed as Next pulls them
// rather than all at once by Statement.Run.
func (r *Result) Streamed() bool { return r.streamed }

// Next returns the next row; ok is false at the end of the rows, and err
// the error that ended them early (the context's error when it was
// cancelled). The row is the caller's to keep.
func (r *Result) Next() (row []term.Term, ok bool, err error) {
	for len(r.rows) == 0 {
		s := r.stream
		if s == nil {
			return nil, false, nil
		}
		chunk, more := s.pull()
		if !more {
			r.stream = nil
			s.end()
			return nil, false, s.err
		}
		r.rows = chunk
	}
	row = r.rows[0]
	r.rows[0] = nil
	r.rows = r.rows[1:]
	return row, true, nil
}

// All returns the rows not read yet and closes the result.
func (r *Result) All() ([][]term.Term, error) {
	var rows [][]term.Term
	for {
		row, ok, err := r.Next()
		if !ok {
			return rows, err
		}
		if r.borrowed {
			row = slices.Clone(row)
		}
		rows = append(rows, row)
	}
}

// Detach moves the result out of r into a new Result and leaves r empty,
// keeping its buffers for the next RunInto: a streamed result is read
// from the new one while r is reused.
func (r *Result) Detach() *Result {
	out := &Result{Columns: r.Columns, names: r.names, RowsAffected: r.RowsAffected, LastInsertID: r.LastInsertID,
		rows: r.rows, stream: r.stream, streamed: r.streamed, borrowed: r.borrowed}
	rowBuf, flat := r.rowBuf, r.flat
	*r = Result{rowBuf: rowBuf[:0], flat: flat[:0]}
	return out
}

// reset empties r for RunInto, keeping its row buffers.
func (r *Result) reset() {
	r.Close()
	clear(r.rowBuf)
	clear(r.flat)
	if cap(r.flat) > 0 && &r.flat[:1][0] != &r.inlineVals[0] && r.inlineVals[0].IsValid() {
		// the buffers outgrew the inline ones, which keep stale values
		clear(r.inlineVals[:])
		clear(r.inlineRows[:])
	}
	// field by field: zeroing the whole struct would clear the inline
	// buffers again, under write barriers
	r.Columns, r.RowsAffected, r.LastInsertID = nil, 0, 0
	r.names, r.rows, r.stream, r.streamed, r.borrowed = nil, nil, nil, false, false
	r.rowBuf, r.flat = r.rowBuf[:0], r.flat[:0]
}

// Close ends the result: a streamed scan stops where it is. Close may be
// called more than once, and after the end of the rows.
func (r *Result) Close() error {
	r.rows = nil
	if s := r.stream; s != nil {
		r.stream = nil
		s.end()
	}
	return nil
}

// stackPad is the stack a streamed scan's goroutine takes at its start:
// the scan (joins, expressions, the engine's B-tree walk) runs deep, and
// growing a new goroutine's stack once, while it is shallow, costs far
// less than growing it step by step under the scan's frames.
const stackPad = 16 << 10

// padIndex is a variable so that growStack's array is not optimized away.
var padIndex = stackPad - 1

// growStack grows the calling goroutine's stack by stackPad bytes.
//
//go:noinline
func growStack() byte {
	var pad [stackPad]byte
	return pad[padIndex]
}
