package engine

import (
	"github.com/etsql/etsql/term"
)

// table is the storage of one ets table: the part that differs between the
// four types. It does no locking and no argument checking; Table does both.
// Objects are valid tuples with at least keypos elements.
type table interface {
	size() int
	// memoryWords is the table's memory in 8-byte words: objects and
	// index. It walks every object: Info is rare, writes are not.
	memoryWords() int
	// insert adds obj: it replaces the object with the same key in set and
	// ordered_set, is dropped when an =:= object exists in bag, and is
	// always added in duplicate_bag.
	insert(obj term.Term)
	member(key term.Term) bool
	// lookup appends the objects with key to dst; the caller may keep
	// them (a set marks them handed out: they never change).
	lookup(dst []term.Term, key term.Term) []term.Term
	// deleteKey removes the objects with key and appends them to dst
	// (removed, they never change).
	deleteKey(dst []term.Term, key term.Term) []term.Term
	// deleteObject removes the objects =:= obj (all copies in a
	// duplicate_bag) and reports how many it removed.
	deleteObject(obj term.Term) int
	clear()
	// get finds the object with key in a set or ordered_set, with a
	// reference for replace. obj is for the caller to read under the
	// write lock, not to keep or to put in a stored object: a set does
	// not mark it handed out, and may write it in place.
	get(key term.Term) (obj term.Term, ref slotRef, ok bool)
	// replace stores obj, which has the key of the object found by get,
	// in its place. No other write may come between get and replace.
	replace(ref slotRef, obj term.Term)
	// first, last, next and prev walk the keys in table order.
	first() (term.Term, bool)
	last() (term.Term, bool)
	next(key term.Term) (term.Term, bool, error)
	prev(key term.Term) (term.Term, bool, error)
	// scan calls fn for the objects from cursor c onward (backward when
	// c.reverse) until fn returns false (stop after this object) or the
	// table ends, and leaves c just past the last object given to fn. It
	// reports whether it reached the end. fn may keep the objects unless
	// c.keepsNone.
	scan(c *cursor, fn func(obj term.Term) bool) bool
}

// cursor is a position in a table for resumable traversals
// (continuations, chunked folds). For hash tables it is a row (and the
// index in a bag's bucket); for ordered_set it is the last key visited.
type cursor struct {
	reverse bool
	// anyOrder: the caller visits every object in this one call and
	// needs no particular order, so a set may walk its storage in memory
	// order (the cursor cannot be resumed afterwards).
	anyOrder bool
	// keepsNone: the caller keeps no object it is given past its
	// function's call (a count, a delete), so a set need not mark them
	// handed out (see setTable).
	keepsNone bool
	started   bool      // ordered_set: key is valid
	key       term.Term // ordered_set: last key visited
	// walk, on an ordered_set, is where a span scan stopped, to go on
	// from without a search while the table's version is walk.version.
	walk walkStop
	slot int // hash tables: next row to visit
	sub  int // bags: next object in the slot's bucket
}

// slotRef is where get found an object: a row of a set, a slot of an
// ordered_set's leaf.
type slotRef struct {
	slot int
	leaf *bpLeaf
}

var (
	_ table = (*setTable)(nil)
	_ table = (*bagTable)(nil)
	_ table = (*orderedSet)(nil)
)

// newTable returns empty storage for a table of type typ.
func newTable(typ Type, keypos int) table {
	switch typ {
	case OrderedSet:
		return newOrderedSet(keypos)
	case Bag, DuplicateBag:
		return newBagTable(keypos, typ == DuplicateBag)
	}
	return newSetTable(keypos)
}

// reserve makes room in a set's storage for n more objects when n > 1 (a
// list insert), so that it grows once.
func reserve(s table, n int) {
	if st, ok := s.(*setTable); ok && n > 1 {
		st.reserve(n)
	}
}

func keyAt(obj term.Term, keypos int) term.Term {
	k, _ := obj.Element(keypos)
	return k
}

// termWords estimates the memory of a term in 8-byte words, as stored in
// Go: 2 words per Term plus the data it points to.
func termWords(t term.Term) int {
	switch t.Kind() {
	case term.KindTuple, term.KindList:
		w := 2
		elems, tail := t.ListParts()
		if t.IsTuple() {
			elems, tail = t.Elements(), term.Nil
		}
		for _, e := range elems {
			w += termWords(e)
		}
		if !tail.IsNil() {
			w += termWords(tail)
		}
		return w
	case term.KindBinary:
		return 2 + (t.Len()+7)/8
	case term.KindMap:
		keys, vals := t.MapPairs()
		w := 2
		for i := range keys {
			w += termWords(keys[i]) + termWords(vals[i])
		}
		return w
	case term.KindInteger:
		if _, ok := t.Int64(); !ok {
			b, _ := t.Big()
			return 2 + len(b.Bits())
		}
	case term.KindReference, term.KindFun, term.KindPort, term.KindPid:
		ext, _ := t.OpaqueExt()
		return 2 + (len(ext)+7)/8
	}
	return 2 // immediates, atoms (shared names)
}

// objectWords is the memory of the objects of t, in words.
func objectWords(t table) int {
	w := 0
	t.scan(&cursor{}, func(obj term.Term) bool {
		w += termWords(obj)
		return true
	})
	return w
}

// ---- bag and duplicate_bag ----

// bucket holds the objects of one key of a bag, in insertion order.
type bucket struct{ objs []term.Term }

// bagTable is a bag or a duplicate_bag: an index map of buckets.
type bagTable struct {
	keypos int
	dups   bool // duplicate_bag
	idx    hashIndex[*bucket]
	n      int // objects
}

func newBagTable(keypos int, dups bool) *bagTable {
	b := &bagTable{keypos: keypos, dups: dups}
	b.idx.keyOf = func(bk *bucket) term.Term { return keyAt(bk.objs[0], keypos) }
	return b
}

func (b *bagTable) size() int { return b.n }
func (b *bagTable) memoryWords() int {
	return objectWords(b) + b.idx.indexWords(1) + b.idx.len()*4 + 16
}

func (b *bagTable) insert(obj term.Term) {
	key := keyAt(obj, b.keypos)
	h := term.Hash(key)
	r := b.idx.find(key, h)
	if r < 0 {
		b.idx.add(key, h, &bucket{objs: []term.Term{obj}})
		b.n++
		return
	}
	bk := *b.idx.at(r)
	if !b.dups {
		for _, o := range bk.objs {
			if term.ExactEqual(o, obj) {
				return
			}
		}
	}
	bk.objs = append(bk.objs, obj)
	b.n++
}

func (b *bagTable) member(key term.Term) bool { return b.idx.find(key, term.Hash(key)) >= 0 }

func (b *bagTable) lookup(dst []term.Term, key term.Term) []term.Term {
	if r := b.idx.find(key, term.Hash(key)); r >= 0 {
		dst = append(dst, (*b.idx.at(r)).objs...)
	}
	return dst
}

func (b *bagTable) deleteKey(dst []term.Term, key term.Term) []term.Term {
	if r := b.idx.find(key, term.Hash(key)); r >= 0 {
		objs := (*b.idx.at(r)).objs
		dst = append(dst, objs...)
		b.n -= len(objs)
		b.idx.remove(r)
	}
	return dst
}

func (b *bagTable) deleteObject(obj term.Term) int {
	key := keyAt(obj, b.keypos)
	r := b.idx.find(key, term.Hash(key))
	if r < 0 {
		return 0
	}
	bk := *b.idx.at(r)
	kept := make([]term.Term, 0, len(bk.objs))
	for _, o := range bk.objs {
		if !term.ExactEqual(o, obj) {
			kept = append(kept, o)
		}
	}
	removed := len(bk.objs) - len(kept)
	b.n -= removed
	if len(kept) == 0 {
		b.idx.remove(r)
	} else {
		bk.objs = kept
	}
	return removed
}

func (b *bagTable) clear() { b.idx.clear(); b.n = 0 }

func (b *bagTable) first() (term.Term, bool) {
	if b.idx.len() == 0 {
		return term.Term{}, false
	}
	return b.idx.keyOf(*b.idx.at(0)), true
}

func (b *bagTable) last() (term.Term, bool) {
	if b.idx.len() == 0 {
		return term.Term{}, false
	}
	return b.idx.keyOf(*b.idx.at(b.idx.len() - 1)), true
}

func (b *bagTable) next(key term.Term) (term.Term, bool, error) {
	r := b.idx.find(key, term.Hash(key))
	switch {
	case r < 0:
		return term.Term{}, false, ErrKeyNotFound
	case r+1 < b.idx.len():
		return b.idx.keyOf(*b.idx.at(r + 1)), true, nil
	}
	return term.Term{}, false, nil
}

func (b *bagTable) prev(key term.Term) (term.Term, bool, error) {
	r := b.idx.find(key, term.Hash(key))
	switch {
	case r < 0:
		return term.Term{}, false, ErrKeyNotFound
	case r > 0:
		return b.idx.keyOf(*b.idx.at(r - 1)), true, nil
	}
	return term.Term{}, false, nil
}

func (b *bagTable) scan(c *cursor, fn func(obj term.Term) bool) bool {
	for r := c.slot; r < b.idx.len(); r++ {
		objs := (*b.idx.at(r)).objs
		for j := c.sub; j < len(objs); j++ {
			if !fn(objs[j]) {
				c.slot, c.sub = r, j+1
				return false
			}
		}
		c.sub = 0
	}
	c.slot, c.sub = b.idx.len(), 0
	return true
}

// get and replace are for set and ordered_set only.
func (b *bagTable) get(term.Term) (term.Term, slotRef, bool) { return term.Term{}, slotRef{}, false }
func (b *bagTable) replace(slotRef, term.Term)               {}

// replaceEach replaces, in place, every object for which fn returns a
// replacement (with the same key), and counts them. When fn fails nothing
// changes.
func (b *bagTable) replaceEach(fn func(obj term.Term) (term.Term, bool, error)) (int, error) {
	type change struct {
		bk  *bucket
		at  int
		obj term.Term
	}
	var changes []change
	for r := range b.idx.len() {
		bk := *b.idx.at(r)
		for j, obj := range bk.objs {
			r, ok, err := fn(obj)
			if err != nil {
				return 0, err
			}
			if ok {
				changes = append(changes, change{bk, j, r})
			}
		}
	}
	for _, c := range changes {
		c.bk.objs[c.at] = c.obj
	}
	return len(changes), nil
}
