package engine

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/etsql/etsql/term"
)

// Table is one ets table. Every operation takes the calling process, which
// the table checks against its owner and protection: private tables admit
// only the owner, protected tables admit others only to read.
//
// Each single-object operation is atomic and isolated; so is an insert of
// a list of objects. Traversals (Select, Match, Foldl, First/Next, ...)
// never block writers for long and never fail because of concurrent writes;
// see the package documentation for what they see.
type Table struct {
	db   *DB
	id   uint64
	ref  term.Term
	opts Options // Type, KeyPos, Access and flags never change

	owner atomic.Pointer[Process]

	mu       sync.RWMutex
	store    table
	version  atomic.Uint64 // incremented by every write lock: invalidates cursors
	deleted  bool
	name     string
	heir     *Process
	heirData term.Term

	fix fixation // safe_fixtable (fixtable.go)
}

// ID returns the table's number, unique in its DB.
func (t *Table) ID() uint64 { return t.id }

// Ref returns the table's id as an Erlang reference: what ets:new returns
// for an unnamed table. DB.Resolve accepts it.
func (t *Table) Ref() term.Term { return t.ref }

// Type returns the table's type.
func (t *Table) Type() Type { return t.opts.Type }

// KeyPos returns the 1-based key position.
func (t *Table) KeyPos() int { return t.opts.KeyPos }

// Owner returns the owning process.
func (t *Table) Owner() *Process { return t.owner.Load() }

// Name returns the table's name.
func (t *Table) Name() string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.name
}

// Size returns the number of objects in the table, as ets:info(T, size)
// does, without building the rest of Info; 0 once the table is deleted.
func (t *Table) Size() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	if t.deleted {
		return 0
	}
	return t.store.size()
}

// ---- access ----

func (t *Table) canRead(p *Process) bool {
	return t.opts.Access != Private || t.owner.Load() == p
}

func (t *Table) canWrite(p *Process) bool {
	return t.opts.Access == Public || t.owner.Load() == p
}

// rlock read-locks the table for p, or explains why p may not read it.
func (t *Table) rlock(p *Process) error {
	t.mu.RLock()
	switch {
	case t.deleted:
		t.mu.RUnlock()
		return ErrNoTable
	case !t.canRead(p):
		t.mu.RUnlock()
		return ErrAccess
	}
	return nil
}

// wlock write-locks the table for p, or explains why p may not write it.
func (t *Table) wlock(p *Process) error {
	t.mu.Lock()
	switch {
	case t.deleted:
		t.mu.Unlock()
		return ErrNoTable
	case !t.canWrite(p):
		t.mu.Unlock()
		return ErrAccess
	}
	t.version.Add(1)
	return nil
}

// checkObject checks that obj can be stored: a tuple with a key.
func (t *Table) checkObject(obj term.Term) error {
	if obj.Arity() < t.opts.KeyPos {
		return fmt.Errorf("object must be a tuple of at least %d elements: %w", t.opts.KeyPos, ErrBadObject)
	}
	return nil
}

func (t *Table) key(obj term.Term) term.Term { return keyAt(obj, t.opts.KeyPos) }

// ---- writes ----

// Insert stores objs: ets:insert/2. A list is inserted atomically; in
// set and ordered_set the last object of a key wins. Any object that is
// not a tuple with a key makes the whole call fail with nothing inserted.
func (t *Table) Insert(p *Process, objs ...term.Term) error {
	for _, obj := range objs {
		if err := t.checkObject(obj); err != nil {
			return err
		}
	}
	if err := t.wlock(p); err != nil {
		return err
	}
	defer t.mu.Unlock()
	if err := t.insertLocked(objs); err != nil {
		return err
	}
	if os, ok := t.storage().(*orderedSet); ok {
		os.loaded(len(objs))
	}
	return nil
}

// InsertNew stores objs only if none of their keys is in the table:
// ets:insert_new/2. It reports whether it inserted (all or nothing).
func (t *Table) InsertNew(p *Process, objs ...term.Term) (bool, error) {
	for _, obj := range objs {
		if err := t.checkObject(obj); err != nil {
			return false, err
		}
	}
	if err := t.wlock(p); err != nil {
		return false, err
	}
	defer t.mu.Unlock()
	for _, obj := range objs {
		if t.store.member(t.key(obj)) {
			return false, nil
		}
	}
	if err := t.insertLocked(objs); err != nil {
		return false, err
	}
	if os, ok := t.storage().(*orderedSet); ok {
		os.loaded(len(objs))
	}
	return true, nil
}

// DeleteKey removes the objects with key: ets:delete/2.
func (t *Table) DeleteKey(p *Process, key term.Term) error {
	if err := t.wlock(p); err != nil {
		return err
	}
	defer t.mu.Unlock()
	t.store.deleteKey(nil, key)
	return nil
}

// DeleteObject removes the objects =:= obj (every copy in a
// duplicate_bag): ets:delete_object/2.
func (t *Table) DeleteObject(p *Process, obj term.Term) error {
	if err := t.checkObject(obj); err != nil {
		return err
	}
	if err := t.wlock(p); err != nil {
		return err
	}
	defer t.mu.Unlock()
	t.store.deleteObject(obj)
	return nil
}

// Take removes and returns the objects with key: ets:take/2.
func (t *Table) Take(p *Process, key term.Term) ([]term.Term, error) {
	if err := t.wlock(p); err != nil {
		return nil, err
	}
	defer t.mu.Unlock()
	return t.store.deleteKey(nil, key), nil
}

// DeleteAllObjects empties the table: ets:delete_all_objects/1.
func (t *Table) DeleteAllObjects(p *Process) error {
	if err := t.wlock(p); err != nil {
		return err
	}
	defer t.mu.Unlock()
	t.store.clear()
	return nil
}

// Delete deletes the table: ets:delete/1. Later calls on it fail with
// ErrNoTable.
func (t *Table) Delete(p *Process) error {
	if err := t.wlock(p); err != nil {
		return err
	}
	t.deleteLocked()
	t.mu.Unlock()
	t.db.unregister(t)
	return nil
}

func (t *Table) deleteLocked() {
	t.version.Add(1)
	t.deleted = true
	t.store = newTable(t.opts.Type, t.opts.KeyPos) // free the objects now
}

// ---- reads ----

// Lookup returns the objects with key: ets:lookup/2. The objects are the
// stored terms themselves (terms are immutable).
func (t *Table) Lookup(p *Process, key term.Term) ([]term.Term, error) {
	return t.AppendLookup(nil, p, key)
}

// AppendLookup appends the objects with key to dst and returns the
// extended slice; with a reused dst it does not allocate.
func (t *Table) AppendLookup(dst []term.Term, p *Process, key term.Term) ([]term.Term, error) {
	if t.opts.Type == OrderedSet && p != nil && t.canRead(p) {
		if obj, ok := p.cursorAt(t, key); ok {
			return append(dst, obj), nil
		}
	}
	if err := t.rlock(p); err != nil {
		return dst, err
	}
	dst = t.store.lookup(dst, key)
	t.mu.RUnlock()
	return dst, nil
}

// Member reports whether key is in the table: ets:member/2.
func (t *Table) Member(p *Process, key term.Term) (bool, error) {
	if err := t.rlock(p); err != nil {
		return false, err
	}
	ok := t.store.member(key)
	t.mu.RUnlock()
	return ok, nil
}

// LookupElement returns element pos of the object with key:
// ets:lookup_element/3. In a bag it returns the list of element pos of
// every object with key. A missing key, or an object with fewer than pos
// elements, is badarg.
func (t *Table) LookupElement(p *Process, key term.Term, pos int) (term.Term, error) {
	if t.opts.Type == Set {
		return t.lookupSetElement(p, key, pos)
	}
	var buf [1]term.Term
	objs, err := t.AppendLookup(buf[:0], p, key)
	if err != nil {
		return term.Term{}, err
	}
	if len(objs) == 0 {
		return term.Term{}, ErrKeyNotFound
	}
	elems := make([]term.Term, len(objs))
	for i, obj := range objs {
		e, ok := obj.Element(pos)
		if !ok {
			return term.Term{}, fmt.Errorf("position %d: %w", pos, ErrBadPosition)
		}
		elems[i] = e
	}
	if t.opts.Type.isBag() {
		return term.List(elems...), nil
	}
	return elems[0], nil
}

// lookupSetElement is LookupElement on a set: it reads the element under
// the lock, so the object is not handed out, and an update_counter of it
// may be in place.
func (t *Table) lookupSetElement(p *Process, key term.Term, pos int) (term.Term, error) {
	if err := t.rlock(p); err != nil {
		return term.Term{}, err
	}
	var buf [1]term.Term
	objs := t.storage().(*setTable).peek(buf[:0], key)
	var e term.Term
	ok := len(objs) == 1
	if ok {
		e, ok = objs[0].Element(pos)
	}
	t.mu.RUnlock()
	switch {
	case len(objs) == 0:
		return term.Term{}, ErrKeyNotFound
	case !ok:
		return term.Term{}, fmt.Errorf("position %d: %w", pos, ErrBadPosition)
	}
	return e, nil
}

// First returns the first key (in term order for ordered_set, in storage
// order otherwise): ets:first/1. ok is false for an empty table
// ('$end_of_table').
func (t *Table) First(p *Process) (key term.Term, ok bool, err error) {
	return t.end(p, false)
}

// Last returns the last key: ets:last/1 (the first key of hash tables,
// as in ets, is not guaranteed to be related to Last).
func (t *Table) Last(p *Process) (key term.Term, ok bool, err error) {
	return t.end(p, true)
}

func (t *Table) end(p *Process, last bool) (term.Term, bool, error) {
	if err := t.rlock(p); err != nil {
		return term.Term{}, false, err
	}
	defer t.mu.RUnlock()
	if last {
		k, ok := t.store.last()
		return k, ok, nil
	}
	k, ok := t.store.first()
	return k, ok, nil
}

// endOfTableAtom is the atom ets:first/next/last/prev return at the end
// of a table; as a key to ets:next/prev it is badarg.
const endOfTableAtom = "$end_of_table"

// Next returns the key after key: ets:next/2. On ordered_set key need not
// be in the table (the next greater key is returned), so a next loop goes
// on correctly when its current key is deleted. On the hash tables a key
// not in the table is badarg (ErrKeyNotFound), as in OTP 25. The key
// '$end_of_table' is badarg on every type, as in OTP.
func (t *Table) Next(p *Process, key term.Term) (next term.Term, ok bool, err error) {
	if key.IsAtomNamed(endOfTableAtom) {
		return term.Term{}, false, fmt.Errorf("next of '$end_of_table': %w", ErrBadArg)
	}
	if t.opts.Type == OrderedSet && p != nil && t.canRead(p) {
		if next, ok, known := p.stepAhead(t, key, true); known {
			return next, ok, nil
		}
	}
	if err := t.rlock(p); err != nil {
		return term.Term{}, false, err
	}
	if os, isOrdered := t.storage().(*orderedSet); isOrdered && p != nil {
		next, ok = p.step(t, os, key, true)
		t.mu.RUnlock()
		return next, ok, nil
	}
	defer t.mu.RUnlock()
	return t.store.next(key)
}

// Prev returns the key before key: ets:prev/2 (see Next).
func (t *Table) Prev(p *Process, key term.Term) (prev term.Term, ok bool, err error) {
	if key.IsAtomNamed(endOfTableAtom) {
		return term.Term{}, false, fmt.Errorf("prev of '$end_of_table': %w", ErrBadArg)
	}
	if t.opts.Type == OrderedSet && p != nil && t.canRead(p) {
		if prev, ok, known := p.stepAhead(t, key, false); known {
			return prev, ok, nil
		}
	}
	if err := t.rlock(p); err != nil {
		return term.Term{}, false, err
	}
	if os, isOrdered := t.storage().(*orderedSet); isOrdered && p != nil {
		prev, ok = p.step(t, os, key, false)
		t.mu.RUnlock()
		return prev, ok, nil
	}
	defer t.mu.RUnlock()
	return t.store.prev(key)
}

// Tab2List returns all objects: ets:tab2list/1 (in key order for
// ordered_set).
func (t *Table) Tab2List(p *Process) ([]term.Term, error) {
	if err := t.rlock(p); err != nil {
		return nil, err
	}
	defer t.mu.RUnlock()
	return t.snapshotLocked(), nil
}

func (t *Table) snapshotLocked() []term.Term {
	objs := make([]term.Term, 0, t.store.size())
	t.store.scan(&cursor{}, func(obj term.Term) bool {
		objs = append(objs, obj)
		return true
	})
	return objs
}

// Snapshot returns the options and all objects of the table, read
// atomically: what ets:tab2file needs to dump a table.
func (t *Table) Snapshot(p *Process) (Options, []term.Term, error) {
	if err := t.rlock(p); err != nil {
		return Options{}, nil, err
	}
	defer t.mu.RUnlock()
	return t.opts, t.snapshotLocked(), nil
}

// Load inserts objs into the table, which must be empty and writable by
// p: the bulk load of ets:file2tab into a freshly created table.
func (t *Table) Load(p *Process, objs []term.Term) error {
	for _, obj := range objs {
		if err := t.checkObject(obj); err != nil {
			return err
		}
	}
	if err := t.wlock(p); err != nil {
		return err
	}
	defer t.mu.Unlock()
	if t.store.size() != 0 {
		return fmt.Errorf("load into a non-empty table: %w", ErrBadArg)
	}
	reserve(t.storage(), len(objs))
	for _, obj := range objs {
		t.store.insert(obj)
	}
	if os, ok := t.storage().(*orderedSet); ok {
		os.loaded(len(objs))
	}
	return nil
}

// foldChunk is how many objects a chunked traversal reads per lock.
const foldChunk = 256

// each calls fn with every object, without holding the table's lock while
// fn runs, so fn may read and write the table. On ordered_set it reads
// chunks in key order (descending when reverse) and resumes after the last
// key it saw, which is safe under concurrent writes; on the hash tables it
// reads a snapshot taken at the start.
func (t *Table) each(p *Process, reverse bool, fn func(obj term.Term) error) error {
	if err := t.rlock(p); err != nil {
		return err
	}
	if t.opts.Type != OrderedSet {
		objs := t.snapshotLocked()
		t.mu.RUnlock()
		for i := range objs {
			if reverse {
				i = len(objs) - 1 - i
			}
			if err := fn(objs[i]); err != nil {
				return err
			}
		}
		return nil
	}
	t.mu.RUnlock()
	c := &cursor{reverse: reverse}
	chunk := make([]term.Term, 0, foldChunk)
	for {
		if err := t.rlock(p); err != nil {
			return err
		}
		chunk = chunk[:0]
		done := t.store.scan(c, func(obj term.Term) bool {
			chunk = append(chunk, obj)
			return len(chunk) < foldChunk
		})
		t.mu.RUnlock()
		for _, obj := range chunk {
			if err := fn(obj); err != nil {
				return err
			}
		}
		if done {
			return nil
		}
	}
}

// Foldl folds fn over the objects, first to last: ets:foldl/3. fn may
// read and write the table. An error from fn stops the fold and is
// returned.
func (t *Table) Foldl(p *Process, fn func(obj, acc term.Term) (term.Term, error), acc term.Term) (term.Term, error) {
	err := t.each(p, false, func(obj term.Term) (err error) {
		acc, err = fn(obj, acc)
		return err
	})
	return acc, err
}

// Foldr folds fn over the objects, last to first: ets:foldr/3.
func (t *Table) Foldr(p *Process, fn func(obj, acc term.Term) (term.Term, error), acc term.Term) (term.Term, error) {
	err := t.each(p, true, func(obj term.Term) (err error) {
		acc, err = fn(obj, acc)
		return err
	})
	return acc, err
}

// ---- ownership ----

// GiveAway makes to the owner of the table and tells it through its
// OnTransfer function, with data: ets:give_away/3. Only the owner may
// give a table away, and not to itself or to a dead process.
func (t *Table) GiveAway(p, to *Process, data term.Term) error {
	if to == nil || to.db != t.db || !to.Alive() || to == p {
		return ErrBadProcess
	}
	t.mu.Lock()
	switch {
	case t.deleted:
		t.mu.Unlock()
		return ErrNoTable
	case t.owner.Load() != p:
		t.mu.Unlock()
		return ErrAccess
	}
	t.owner.Store(to)
	t.mu.Unlock()
	to.notify(Transfer{Table: t, From: p, Data: data})
	return nil
}

// SetHeir sets the heir and its data (nil heir: none): ets:setopts(T,
// {heir, Pid, Data}). Only the owner may. A heir that is not alive is
// accepted and leaves the table with no heir, as in OTP.
func (t *Table) SetHeir(p, heir *Process, data term.Term) error {
	if heir != nil && heir.db != t.db {
		return ErrBadProcess
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case t.deleted:
		return ErrNoTable
	case t.owner.Load() != p:
		return ErrAccess
	}
	if heir != nil && !heir.Alive() {
		heir = nil // OTP accepts a dead heir and sets none
	}
	if heir == nil {
		data = term.Term{}
	}
	if heir != nil && !data.IsValid() {
		data = term.Undefined
	}
	t.heir, t.heirData = heir, data
	return nil
}

// Rename gives the table a new name: ets:rename/2. A named table moves in
// the registry; a name already taken by a named table, this one included,
// is ErrNameTaken. An unnamed table only changes its info name, which may
// be any name.
func (t *Table) Rename(p *Process, name string) error {
	if err := t.wlock(p); err != nil {
		return err
	}
	defer t.mu.Unlock()
	if !t.opts.Named {
		t.name = name
		return nil
	}
	t.db.mu.Lock()
	defer t.db.mu.Unlock()
	if _, taken := t.db.byName[name]; taken { // its own name too, as in OTP
		return fmt.Errorf("%s: %w", name, ErrNameTaken)
	}
	delete(t.db.byName, t.name)
	t.db.byName[name] = t
	t.name = name
	return nil
}

// ownerExited passes the table to its heir or deletes it.
func (t *Table) ownerExited(p *Process) {
	t.mu.Lock()
	if t.deleted || t.owner.Load() != p {
		t.mu.Unlock()
		return
	}
	heir, data := t.heir, t.heirData
	if heir != nil && heir != p && heir.Alive() {
		t.owner.Store(heir)
		t.heir, t.heirData = nil, term.Term{}
		t.mu.Unlock()
		heir.notify(Transfer{Table: t, From: p, Data: data})
		return
	}
	t.deleteLocked()
	t.mu.Unlock()
	t.db.unregister(t)
}
