package engine

import (
	"fmt"
	"slices"

	"github.com/etsql/etsql/term"
	"github.com/tidwall/btree"
)

// Secondary indexes are not an ets feature: they serve the SQL layer, as
// journals do. A table with indexes keeps, per index, an ordered tree of
// (values..., key) entries, one for each distinct combination of an
// object's indexed values and its key, so that the keys of the objects
// with given values, or values in a range, are found without a scan.
//
// Every write of any kind (insert, delete, select_delete, select_replace,
// update_element, update_counter, delete_all_objects, a journal's undo)
// maintains them: the indexes are a wrapper of the table's storage, below
// any undo journals, so that what a journal undoes is undone in the
// indexes too. A table without indexes pays nothing.
//
// A unique index forbids objects of different keys with equal values,
// none of them the atom undefined (SQL's NULL): Insert and InsertNew
// refuse objects that would make such a conflict (ErrUnique, nothing
// written). The other writes make them if told to, and the index counts
// them (IndexConflicts): their caller checks the count, as the SQL layer
// does, under a journal that undoes the statement.

// IndexSpec declares a secondary index.
type IndexSpec struct {
	Name   string
	Fields []Field // the indexed values, most significant first
	Unique bool    // objects of different keys may not share values (see ErrUnique)
}

// Field is where an indexed value is in an object: element Elem, or, when
// Sub > 0, element Sub of the tuple at Elem (a column of a composite key).
// A missing element indexes as the atom undefined.
type Field struct {
	Elem, Sub int
}

// IndexRange selects index entries: those whose leading values equal
// Prefix (by ==) and whose next value is within Lower and Upper (no bound
// when a Key is the zero Term).
type IndexRange struct {
	Prefix       []term.Term
	Lower, Upper Bound
}

// undefined is the value that never conflicts in a unique index.
var undefined = term.Atom("undefined")

// ixEntry is one entry of an index: values, then a key; a pivot for a
// search has no key (it sorts before every key) and maybe fewer values.
type ixEntry struct {
	vals []term.Term
	key  term.Term
	n    int // objects of the key with these values (several in a bag)
}

func lessEntry(a, b *ixEntry) bool {
	for i := 0; i < len(a.vals) && i < len(b.vals); i++ {
		if c := term.Compare(a.vals[i], b.vals[i]); c != 0 {
			return c < 0
		}
	}
	if len(a.vals) != len(b.vals) {
		return len(a.vals) < len(b.vals)
	}
	switch {
	case !b.key.IsValid():
		return false
	case !a.key.IsValid():
		return true
	}
	return term.CompareExact(a.key, b.key) < 0
}

// index is one secondary index of a table.
type index struct {
	spec      IndexSpec
	tree      *btree.BTreeG[*ixEntry]
	conflicts int // unique: the entries beyond the first of each group of equal non-NULL values
}

func newIndex(spec IndexSpec) *index {
	return &index{spec: spec, tree: btree.NewBTreeGOptions(lessEntry, btree.Options{NoLocks: true})}
}

// build fills an empty index with the entries of objs at once: sorted,
// then loaded in order, which is several times faster than adding them one
// by one.
func (ix *index) build(objs []term.Term, keypos int) {
	entries := make([]*ixEntry, len(objs))
	for i, obj := range objs {
		entries[i] = &ixEntry{vals: ix.values(obj), key: keyAt(obj, keypos), n: 1}
	}
	slices.SortFunc(entries, func(a, b *ixEntry) int {
		switch {
		case lessEntry(a, b):
			return -1
		case lessEntry(b, a):
			return 1
		}
		return 0
	})
	var last *ixEntry
	for _, e := range entries {
		if last != nil && !lessEntry(last, e) { // the same values and key: a bag's objects
			last.n++
			continue
		}
		if ix.spec.Unique && last != nil && !nullable(e.vals) && equalVals(last.vals, e.vals) {
			ix.conflicts++
		}
		ix.tree.Load(e)
		last = e
	}
}

// values extracts the indexed values of obj.
func (ix *index) values(obj term.Term) []term.Term {
	vals := make([]term.Term, len(ix.spec.Fields))
	for i, f := range ix.spec.Fields {
		v, ok := obj.Element(f.Elem)
		if ok && f.Sub > 0 {
			v, ok = v.Element(f.Sub)
		}
		if !ok {
			v = undefined
		}
		vals[i] = v
	}
	return vals
}

// nullable reports whether vals hold SQL's NULL, which never conflicts.
func nullable(vals []term.Term) bool {
	return slices.ContainsFunc(vals, func(v term.Term) bool { return term.ExactEqual(v, undefined) })
}

// groupSize counts the entries with values vals, stopping at 2.
func (ix *index) groupSize(vals []term.Term) int {
	n := 0
	ix.tree.Ascend(&ixEntry{vals: vals}, func(e *ixEntry) bool {
		if !equalVals(e.vals, vals) {
			return false
		}
		n++
		return n < 2
	})
	return n
}

func equalVals(a, b []term.Term) bool {
	for i := range a {
		if term.Compare(a[i], b[i]) != 0 {
			return false
		}
	}
	return true
}

// add notes an object with key.
func (ix *index) add(obj, key term.Term) {
	vals := ix.values(obj)
	probe := &ixEntry{vals: vals, key: key, n: 1}
	if prev, replaced := ix.tree.Set(probe); replaced { // one descent: the entry was there
		probe.n = prev.n + 1
		return
	}
	if ix.spec.Unique && !nullable(vals) && ix.groupSize(vals) > 1 {
		ix.conflicts++
	}
}

// remove forgets an object with key.
func (ix *index) remove(obj, key term.Term) {
	vals := ix.values(obj)
	e, ok := ix.tree.Delete(&ixEntry{vals: vals, key: key})
	if !ok {
		return
	}
	if e.n--; e.n > 0 { // other objects of the key have these values (a bag)
		ix.tree.Set(e)
		return
	}
	if ix.spec.Unique && !nullable(vals) && ix.groupSize(vals) > 0 {
		ix.conflicts--
	}
}

// wouldConflict reports whether an object with key and the values of obj
// would conflict with another key (same tells keys apart as the table
// does).
func (ix *index) wouldConflict(obj, key term.Term, same func(a, b term.Term) bool) bool {
	vals := ix.values(obj)
	if !ix.spec.Unique || nullable(vals) {
		return false
	}
	found := false
	ix.tree.Ascend(&ixEntry{vals: vals}, func(e *ixEntry) bool {
		if !equalVals(e.vals, vals) {
			return false
		}
		found = !same(e.key, key)
		return !found
	})
	return found
}

// each calls fn with the key of each entry within r, in index order,
// until fn returns false.
func (ix *index) each(r IndexRange, fn func(key term.Term) bool) {
	n := len(r.Prefix)
	pivot := &ixEntry{vals: r.Prefix}
	if r.Lower.Key.IsValid() && n < len(ix.spec.Fields) {
		pivot.vals = append(slices.Clone(r.Prefix), r.Lower.Key)
	}
	ix.tree.Ascend(pivot, func(e *ixEntry) bool {
		if !equalVals(e.vals[:n], r.Prefix) {
			return false
		}
		if n < len(e.vals) {
			v := e.vals[n]
			if r.Lower.Key.IsValid() && r.Lower.Exclusive && term.Compare(v, r.Lower.Key) == 0 {
				return true
			}
			if u := r.Upper.Key; u.IsValid() {
				c := term.Compare(v, u)
				if c > 0 || c == 0 && r.Upper.Exclusive {
					return false
				}
			}
		}
		return fn(e.key)
	})
}

// indexed is a table's storage with its secondary indexes: every write
// goes through it and updates them.
type indexed struct {
	table
	keypos    int
	ixs       []*index
	buf       []term.Term
	suspended bool // writes go to the storage alone (Rewrite rebuilds after)
}

var _ table = (*indexed)(nil)

func (w *indexed) addAll(objs []term.Term) {
	for _, obj := range objs {
		k := keyAt(obj, w.keypos)
		for _, ix := range w.ixs {
			ix.add(obj, k)
		}
	}
}

func (w *indexed) removeAll(objs []term.Term) {
	for _, obj := range objs {
		k := keyAt(obj, w.keypos)
		for _, ix := range w.ixs {
			ix.remove(obj, k)
		}
	}
}

// insert updates the indexes with the objects of the key before and
// after: a set's insert replaces, a bag's may drop a duplicate.
func (w *indexed) insert(obj term.Term) {
	if w.suspended {
		w.table.insert(obj)
		return
	}
	key := keyAt(obj, w.keypos)
	before := w.peek(w.buf[:0], key)
	w.removeAll(before)
	w.table.insert(obj)
	after := w.peek(before[len(before):], key)
	w.addAll(after)
	clear(before)
	clear(after)
	w.buf = before[:0]
}

// peek appends the objects with key for the indexes to read now, under
// the write lock: from a set, without marking them handed out (the write
// that follows may then be in place), as the indexes copy the values.
func (w *indexed) peek(dst []term.Term, key term.Term) []term.Term {
	if s, ok := w.table.(*setTable); ok {
		return s.peek(dst, key)
	}
	return w.table.lookup(dst, key)
}

func (w *indexed) deleteKey(dst []term.Term, key term.Term) []term.Term {
	n := len(dst)
	dst = w.table.deleteKey(dst, key)
	w.removeAll(dst[n:])
	return dst
}

func (w *indexed) deleteObject(obj term.Term) int {
	n := w.table.deleteObject(obj)
	for range n {
		w.removeAll([]term.Term{obj})
	}
	return n
}

func (w *indexed) clear() {
	for _, ix := range w.ixs {
		ix.tree.Clear()
		ix.conflicts = 0
	}
	w.table.clear()
}

// replace is only called after get, for the key of obj; the lookup in
// between is a read, which leaves ref valid.
func (w *indexed) replace(ref slotRef, obj term.Term) {
	key := keyAt(obj, w.keypos)
	before := w.peek(w.buf[:0], key)
	w.removeAll(before)
	w.table.replace(ref, obj)
	w.addAll([]term.Term{obj})
	clear(before)
	w.buf = before[:0]
}

func (w *indexed) memoryWords() int {
	n := w.table.memoryWords()
	for _, ix := range w.ixs {
		n += ix.tree.Len() * (6 + 2*len(ix.spec.Fields))
	}
	return n
}

// indexes returns the table's index wrapper, or nil. The caller holds
// the lock.
func (t *Table) indexes() *indexed {
	s := t.store
	for {
		switch x := s.(type) {
		case *journal:
			s = x.table
		case *indexed:
			return x
		default:
			return nil
		}
	}
}

// setBase replaces the storage under the journals (the indexes' place).
// The caller holds the write lock.
func (t *Table) setBase(s table) {
	var lowest *journal
	for x := t.store; ; {
		j, ok := x.(*journal)
		if !ok {
			break
		}
		lowest, x = j, j.table
	}
	if lowest == nil {
		t.store = s
	} else {
		lowest.table = s
	}
}

// CreateIndex adds a secondary index to the table, built from its objects.
// It is ErrIndexExists when the table has an index of that name,
// ErrBadArg for no fields or a position below 1, and ErrUnique when a
// unique index's objects conflict already (nothing changes then).
func (t *Table) CreateIndex(p *Process, spec IndexSpec) error {
	if len(spec.Fields) == 0 {
		return fmt.Errorf("index %s: no fields: %w", spec.Name, ErrBadArg)
	}
	for _, f := range spec.Fields {
		if f.Elem < 1 || f.Sub < 0 {
			return fmt.Errorf("index %s: %w", spec.Name, ErrBadPosition)
		}
	}
	spec.Fields = slices.Clone(spec.Fields)
	if err := t.wlock(p); err != nil {
		return err
	}
	defer t.mu.Unlock()
	w := t.indexes()
	if w != nil {
		for _, ix := range w.ixs {
			if ix.spec.Name == spec.Name {
				return fmt.Errorf("index %s: %w", spec.Name, ErrIndexExists)
			}
		}
	}
	ix := newIndex(spec)
	ix.build(allObjects(t.storage()), t.opts.KeyPos)
	if ix.conflicts > 0 {
		return &UniqueError{Index: spec.Name}
	}
	if w == nil {
		w = &indexed{table: t.storage(), keypos: t.opts.KeyPos}
		t.setBase(w)
	}
	w.ixs = append(w.ixs, ix)
	return nil
}

// allObjects returns the objects of s.
func allObjects(s table) []term.Term {
	objs := make([]term.Term, 0, s.size())
	s.scan(&cursor{anyOrder: true}, func(obj term.Term) bool {
		objs = append(objs, obj)
		return true
	})
	return objs
}

// rebuild builds every index again from the objects of the storage.
func (w *indexed) rebuild() {
	objs := allObjects(w.table)
	for _, ix := range w.ixs {
		ix.tree.Clear()
		ix.conflicts = 0
		ix.build(objs, w.keypos)
	}
}

// DropIndex removes the secondary index name; ErrNoIndex if there is none.
func (t *Table) DropIndex(p *Process, name string) error {
	if err := t.wlock(p); err != nil {
		return err
	}
	defer t.mu.Unlock()
	w := t.indexes()
	i := -1
	if w != nil {
		i = slices.IndexFunc(w.ixs, func(ix *index) bool { return ix.spec.Name == name })
	}
	if i < 0 {
		return fmt.Errorf("index %s: %w", name, ErrNoIndex)
	}
	w.ixs = slices.Delete(w.ixs, i, i+1)
	if len(w.ixs) == 0 {
		t.setBase(w.table)
	}
	return nil
}

// Indexes returns the table's secondary indexes, in creation order.
func (t *Table) Indexes() []IndexSpec {
	t.mu.RLock()
	defer t.mu.RUnlock()
	w := t.indexes()
	if w == nil {
		return nil
	}
	specs := make([]IndexSpec, len(w.ixs))
	for i, ix := range w.ixs {
		specs[i] = ix.spec
	}
	return specs
}

// IndexConflicts returns, per unique index by name, how many objects
// conflict with another (0 for none): the SQL layer compares it before
// and after a write.
func (t *Table) IndexConflicts() map[string]int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	w := t.indexes()
	if w == nil {
		return nil
	}
	m := map[string]int{}
	for _, ix := range w.ixs {
		if ix.spec.Unique {
			m[ix.spec.Name] = ix.conflicts
		}
	}
	return m
}

// AppendIndexed appends to dst the objects of the keys that index name
// has entries for within r, each key's objects once, in index order.
func (t *Table) AppendIndexed(dst []term.Term, p *Process, name string, r IndexRange) ([]term.Term, error) {
	if err := t.rlock(p); err != nil {
		return dst, err
	}
	defer t.mu.RUnlock()
	w := t.indexes()
	var ix *index
	if w != nil {
		if i := slices.IndexFunc(w.ixs, func(ix *index) bool { return ix.spec.Name == name }); i >= 0 {
			ix = w.ixs[i]
		}
	}
	if ix == nil {
		return dst, fmt.Errorf("index %s: %w", name, ErrNoIndex)
	}
	if len(r.Prefix) > len(ix.spec.Fields) {
		return dst, fmt.Errorf("index %s: %d values for %d fields: %w", name, len(r.Prefix), len(ix.spec.Fields), ErrBadArg)
	}
	if !t.opts.Type.isBag() { // a key has one object, under one entry
		ix.each(r, func(k term.Term) bool {
			dst = w.table.lookup(dst, k)
			return true
		})
		return dst, nil
	}
	seen := map[uint64][]term.Term{} // a bag's key may have entries under several values
	ix.each(r, func(k term.Term) bool {
		h := term.Hash(k)
		if !slices.ContainsFunc(seen[h], func(x term.Term) bool { return term.ExactEqual(x, k) }) {
			seen[h] = append(seen[h], k)
			dst = w.table.lookup(dst, k)
		}
		return true
	})
	return dst, nil
}

// insertLocked inserts objs, all or none: on a table with unique
// indexes, objs that would make objects of different keys share the
// values of one fail with ErrUnique and leave the table as it was. The
// caller holds the write lock.
func (t *Table) insertLocked(objs []term.Term) error {
	w := t.indexes()
	if w == nil || !slices.ContainsFunc(w.ixs, func(ix *index) bool { return ix.spec.Unique }) {
		reserve(t.storage(), len(objs))
		for _, obj := range objs {
			t.store.insert(obj)
		}
		return nil
	}
	if len(objs) == 1 { // the common case needs no journal: a conflict is another key's
		j := &journal{ordered: t.opts.Type == OrderedSet}
		for _, ix := range w.ixs {
			if ix.spec.Unique && ix.wouldConflict(objs[0], t.key(objs[0]), j.same) {
				return &UniqueError{Index: ix.spec.Name}
			}
		}
		t.store.insert(objs[0])
		return nil
	}
	before := w.conflicts()
	j := newJournal(t.store, t.opts.KeyPos, t.opts.Type == OrderedSet)
	for _, obj := range objs {
		j.insert(obj)
	}
	if name, ok := w.newConflict(before); ok {
		j.undo()
		return &UniqueError{Index: name}
	}
	return nil
}

// conflicts returns the conflicts of each index.
func (w *indexed) conflicts() []int {
	n := make([]int, len(w.ixs))
	for i, ix := range w.ixs {
		n[i] = ix.conflicts
	}
	return n
}

// newConflict names an index with more conflicts than before.
func (w *indexed) newConflict(before []int) (string, bool) {
	for i, ix := range w.ixs {
		if i < len(before) && ix.conflicts > before[i] {
			return ix.spec.Name, true
		}
	}
	return "", false
}
