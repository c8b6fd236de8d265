package engine

import (
	"fmt"
	"io"
	"slices"

	"github.com/etsql/etsql/engine/tabfile"
	"github.com/etsql/etsql/term"
)

// Tab2File writes the table to a file in the format of OTP 25's
// ets:tab2file/3, which ets:file2tab and File2Tab read. The objects are
// those of one atomic snapshot. p must be allowed to read the table.
func (t *Table) Tab2File(p *Process, path string, opts tabfile.WriteOptions) error {
	o, objs, err := t.Snapshot(p)
	if err != nil {
		return err
	}
	h := tabfile.Header{
		Name: t.Name(), Type: o.Type.String(), Protection: o.Access.String(), Named: o.Named,
		KeyPos: o.KeyPos, Size: len(objs),
		Compressed: o.Compressed, ReadConcurrency: o.ReadConcurrency,
		WriteConcurrency: fmt.Sprint(o.WriteConcurrency), DecentralizedCounters: o.DecentralizedCounters,
	}
	if o.WriteConcurrencyAuto {
		h.WriteConcurrency = "auto"
	}
	return tabfile.Write(path, h, slices.Values(objs), opts)
}

// File2Tab creates a table owned by p from a file written by Tab2File or
// by ets:tab2file: ets:file2tab/2. As in OTP, the table is created once
// the file's header is read and filled as the objects are read; a file
// found bad anywhere (cut short, damaged, failing verification) deletes
// it, so a bad file leaves no table. File errors are tabfile's; a named
// table whose name is taken is ErrNameTaken.
func (db *DB) File2Tab(p *Process, path string, opts tabfile.ReadOptions) (*Table, error) {
	r, err := tabfile.Open(path, opts)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	o, err := headerOptions(r.Header())
	if err != nil {
		return nil, err
	}
	t, err := db.New(p, r.Header().Name, o)
	if err != nil {
		return nil, err
	}
	if err := t.loadFrom(p, r); err != nil {
		_ = t.Delete(p)
		return nil, err
	}
	return t, nil
}

// headerOptions returns the options of the table a file's header describes.
func headerOptions(h tabfile.Header) (Options, error) {
	o := Options{
		KeyPos: h.KeyPos, Named: h.Named, Compressed: h.Compressed,
		ReadConcurrency: h.ReadConcurrency, WriteConcurrency: h.WriteConcurrency == "true" || h.WriteConcurrency == "auto",
		WriteConcurrencyAuto:  h.WriteConcurrency == "auto",
		DecentralizedCounters: h.DecentralizedCounters,
	}
	typ, ok := map[string]Type{tabfile.Set: Set, tabfile.OrderedSet: OrderedSet, tabfile.Bag: Bag, tabfile.DuplicateBag: DuplicateBag}[h.Type]
	access, ok2 := map[string]Access{tabfile.Public: Public, tabfile.Protected: Protected, tabfile.Private: Private}[h.Protection]
	if !ok || !ok2 {
		return Options{}, fmt.Errorf("table file header: type %q, protection %q: %w", h.Type, h.Protection, ErrBadOption)
	}
	o.Type, o.Access = typ, access
	return o, nil
}

// loadBatchSize is how many objects File2Tab decodes before inserting them
// in one call; loadBatches batches are in flight at once.
// In a set, a batch has room for the elements of loadBatchSize objects of
// loadArity elements; larger objects are allocated once it is full.
const (
	loadBatchSize = 4096
	loadBatches   = 3
	loadArity     = 8
)

// loadBatch is objects read from a file, to be inserted together.
type loadBatch struct {
	objs  []term.Term
	space []term.Term // the elements of objs' tuples, when the table copies them
	err   error       // the Reader's error after objs: io.EOF at the good end
}

// loadFrom inserts the objects r reads into t, which p created. A
// goroutine reads and decodes the file while the caller's inserts the
// batches read before, so the two overlap.
//
// A set copies the elements of the objects inserted into its own chunks
// (setstore.go) and keeps no reference to the tuples it was given (its
// journals keep keys, its indexes what it stores), so for a set the
// tuples of a batch are decoded into the batch's space, reused once the
// batch is inserted, instead of one allocation each.
func (t *Table) loadFrom(p *Process, r *tabfile.Reader) error {
	free := make(chan *loadBatch, loadBatches)
	full := make(chan *loadBatch, loadBatches) // never blocks: it can hold every batch
	stop := make(chan struct{})
	for range loadBatches {
		b := &loadBatch{objs: make([]term.Term, 0, loadBatchSize)}
		if t.Type() == Set {
			b.space = make([]term.Term, loadBatchSize*loadArity)
		}
		free <- b
	}
	go func() {
		defer close(full)
		for {
			select {
			case b := <-free:
				b.fill(r)
				full <- b
				if b.err != nil {
					return
				}
			case <-stop:
				return
			}
		}
	}()
	var err error
	for b := range full { // until the reader is done with r
		if err != nil {
			continue
		}
		if b.err != nil && b.err != io.EOF {
			err = b.err
		} else {
			err = t.Insert(p, b.objs...)
		}
		switch {
		case err != nil:
			close(stop)
		case b.err == nil:
			free <- b
		}
	}
	return err
}

// fill reads the next batch of objects, the elements of their tuples in
// b.space while it has room.
func (b *loadBatch) fill(r *tabfile.Reader) {
	b.objs = b.objs[:0]
	space := b.space
	for len(b.objs) < cap(b.objs) {
		obj, rest, err := r.NextInto(space)
		if err != nil {
			b.err = err
			return
		}
		b.objs = append(b.objs, obj)
		space = rest
	}
}
