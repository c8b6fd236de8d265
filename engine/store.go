package engine

import (
	"github.com/etsql/etsql/term"
)

// table is the storage of one ets table: the part that differs between the
// four types. It does no locking and no argument checking; Table does both.
// Objects are valid tuples with at least keypos elements.
type table interface {
	size() int
	// memoryWords is the table's memory in 8-byte words: objects and index.
	memoryWords() int
	// insert adds obj: it replaces the object with the same key in set and
	// ordered_set, is dropped when an =:= object exists in bag, and is
	// always added in duplicate_bag.
	insert(obj term.Term)
	member(key term.Term) bool
	// lookup appends the objects with key to dst.
	lookup(dst []term.Term, key term.Term) []term.Term
	// deleteKey removes the objects with key and appends them to dst.
	deleteKey(dst []term.Term, key term.Term) []term.Term
	// deleteObject removes the objects =:= obj (all copies in a
	// duplicate_bag) and reports how many it removed.
	deleteObject(obj term.Term) int
	clear()
	// first, last, next and prev walk the keys in table order.
	first() (term.Term, bool)
	last() (term.Term, bool)
	next(key term.Term) (term.Term, bool, error)
	prev(key term.Term) (term.Term, bool, error)
	// scan calls fn for the objects from cursor c onward (backward when
	// c.reverse) until fn returns false (stop after this object) or the
	// table ends, and leaves c just past the last object given to fn. It
	// reports whether it reached the end.
	scan(c *cursor, fn func(obj term.Term) bool) bool
}

// cursor is a position in a table for resumable traversals
// (continuations, chunked folds). For hash tables it is a slot (and the
// index in a bag's bucket); for ordered_set it is the last key visited.
type cursor struct {
	reverse bool
	started bool      // ordered_set: key is valid
	key     term.Term // ordered_set: last key visited
	slot    int       // hash tables: next slot to visit
	sub     int       // bags: next object in the slot's bucket
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

// ---- set ----

// setTable is a set: a hash index of objects.
type setTable struct {
	keypos int
	idx    hashIndex[term.Term]
	words  int // object memory
}

func newSetTable(keypos int) *setTable {
	s := &setTable{keypos: keypos}
	s.idx.keyOf = func(obj term.Term) term.Term { return keyAt(obj, keypos) }
	return s
}

func (s *setTable) size() int        { return s.idx.live }
func (s *setTable) memoryWords() int { return s.words + s.idx.slotCount()*17/8 + 16 }

func (s *setTable) insert(obj term.Term) {
	key := keyAt(obj, s.keypos)
	h := term.Hash(key)
	s.idx.reserve()
	i, found := s.idx.findOrFree(key, h)
	if found {
		s.words -= termWords(s.idx.slots[i])
		s.idx.slots[i] = obj
	} else {
		s.idx.fill(i, h, obj)
	}
	s.words += termWords(obj)
}

func (s *setTable) member(key term.Term) bool { return s.idx.find(key, term.Hash(key)) >= 0 }

func (s *setTable) lookup(dst []term.Term, key term.Term) []term.Term {
	if i := s.idx.find(key, term.Hash(key)); i >= 0 {
		dst = append(dst, s.idx.slots[i])
	}
	return dst
}

func (s *setTable) deleteKey(dst []term.Term, key term.Term) []term.Term {
	if i := s.idx.find(key, term.Hash(key)); i >= 0 {
		dst = append(dst, s.idx.slots[i])
		s.words -= termWords(s.idx.slots[i])
		s.idx.remove(i)
	}
	return dst
}

func (s *setTable) deleteObject(obj term.Term) int {
	i := s.idx.find(keyAt(obj, s.keypos), term.Hash(keyAt(obj, s.keypos)))
	if i < 0 || !term.ExactEqual(s.idx.slots[i], obj) {
		return 0
	}
	s.words -= termWords(obj)
	s.idx.remove(i)
	return 1
}

func (s *setTable) clear() { s.idx.clear(); s.words = 0 }

func (s *setTable) first() (term.Term, bool) {
	if i := s.idx.nextFull(0); i >= 0 {
		return keyAt(s.idx.slots[i], s.keypos), true
	}
	return term.Term{}, false
}

func (s *setTable) last() (term.Term, bool) {
	if i := s.idx.prevFull(len(s.idx.ctrl) - 1); i >= 0 {
		return keyAt(s.idx.slots[i], s.keypos), true
	}
	return term.Term{}, false
}

// next returns the key in the slot after key's; a key not in the table is
// badarg, as in OTP 25 on a table that is not fixed.
func (s *setTable) next(key term.Term) (term.Term, bool, error) {
	i := s.idx.find(key, term.Hash(key))
	if i < 0 {
		return term.Term{}, false, ErrKeyNotFound
	}
	if j := s.idx.nextFull(i + 1); j >= 0 {
		return keyAt(s.idx.slots[j], s.keypos), true, nil
	}
	return term.Term{}, false, nil
}

func (s *setTable) prev(key term.Term) (term.Term, bool, error) {
	i := s.idx.find(key, term.Hash(key))
	if i < 0 {
		return term.Term{}, false, ErrKeyNotFound
	}
	if j := s.idx.prevFull(i - 1); j >= 0 {
		return keyAt(s.idx.slots[j], s.keypos), true, nil
	}
	return term.Term{}, false, nil
}

func (s *setTable) scan(c *cursor, fn func(obj term.Term) bool) bool {
	for i := s.idx.nextFull(c.slot); i >= 0; i = s.idx.nextFull(i + 1) {
		if !fn(s.idx.slots[i]) {
			c.slot = i + 1
			return false
		}
	}
	c.slot = len(s.idx.ctrl)
	return true
}

// ---- bag and duplicate_bag ----

// bucket holds the objects of one key of a bag, in insertion order.
type bucket struct{ objs []term.Term }

// bagTable is a bag or a duplicate_bag: a hash index of buckets.
type bagTable struct {
	keypos int
	dups   bool // duplicate_bag
	idx    hashIndex[*bucket]
	n      int // objects
	words  int
}

func newBagTable(keypos int, dups bool) *bagTable {
	b := &bagTable{keypos: keypos, dups: dups}
	b.idx.keyOf = func(bk *bucket) term.Term { return keyAt(bk.objs[0], keypos) }
	return b
}

func (b *bagTable) size() int { return b.n }
func (b *bagTable) memoryWords() int {
	return b.words + b.idx.slotCount()*9/8 + b.idx.live*4 + 16
}

func (b *bagTable) insert(obj term.Term) {
	key := keyAt(obj, b.keypos)
	h := term.Hash(key)
	b.idx.reserve()
	i, found := b.idx.findOrFree(key, h)
	if !found {
		b.idx.fill(i, h, &bucket{objs: []term.Term{obj}})
	} else {
		bk := b.idx.slots[i]
		if !b.dups {
			for _, o := range bk.objs {
				if term.ExactEqual(o, obj) {
					return
				}
			}
		}
		bk.objs = append(bk.objs, obj)
	}
	b.n++
	b.words += termWords(obj)
}

func (b *bagTable) member(key term.Term) bool { return b.idx.find(key, term.Hash(key)) >= 0 }

func (b *bagTable) lookup(dst []term.Term, key term.Term) []term.Term {
	if i := b.idx.find(key, term.Hash(key)); i >= 0 {
		dst = append(dst, b.idx.slots[i].objs...)
	}
	return dst
}

func (b *bagTable) deleteKey(dst []term.Term, key term.Term) []term.Term {
	if i := b.idx.find(key, term.Hash(key)); i >= 0 {
		for _, o := range b.idx.slots[i].objs {
			b.words -= termWords(o)
		}
		dst = append(dst, b.idx.slots[i].objs...)
		b.n -= len(b.idx.slots[i].objs)
		b.idx.remove(i)
	}
	return dst
}

func (b *bagTable) deleteObject(obj term.Term) int {
	key := keyAt(obj, b.keypos)
	i := b.idx.find(key, term.Hash(key))
	if i < 0 {
		return 0
	}
	bk := b.idx.slots[i]
	kept := make([]term.Term, 0, len(bk.objs))
	for _, o := range bk.objs {
		if !term.ExactEqual(o, obj) {
			kept = append(kept, o)
		}
	}
	removed := len(bk.objs) - len(kept)
	b.n -= removed
	b.words -= removed * termWords(obj)
	if len(kept) == 0 {
		b.idx.remove(i)
	} else {
		bk.objs = kept
	}
	return removed
}

func (b *bagTable) clear() { b.idx.clear(); b.n, b.words = 0, 0 }

func (b *bagTable) first() (term.Term, bool) {
	if i := b.idx.nextFull(0); i >= 0 {
		return b.idx.keyOf(b.idx.slots[i]), true
	}
	return term.Term{}, false
}

func (b *bagTable) last() (term.Term, bool) {
	if i := b.idx.prevFull(len(b.idx.ctrl) - 1); i >= 0 {
		return b.idx.keyOf(b.idx.slots[i]), true
	}
	return term.Term{}, false
}

func (b *bagTable) next(key term.Term) (term.Term, bool, error) {
	i := b.idx.find(key, term.Hash(key))
	if i < 0 {
		return term.Term{}, false, ErrKeyNotFound
	}
	if j := b.idx.nextFull(i + 1); j >= 0 {
		return b.idx.keyOf(b.idx.slots[j]), true, nil
	}
	return term.Term{}, false, nil
}

func (b *bagTable) prev(key term.Term) (term.Term, bool, error) {
	i := b.idx.find(key, term.Hash(key))
	if i < 0 {
		return term.Term{}, false, ErrKeyNotFound
	}
	if j := b.idx.prevFull(i - 1); j >= 0 {
		return b.idx.keyOf(b.idx.slots[j]), true, nil
	}
	return term.Term{}, false, nil
}

func (b *bagTable) scan(c *cursor, fn func(obj term.Term) bool) bool {
	for i := b.idx.nextFull(c.slot); i >= 0; i = b.idx.nextFull(i + 1) {
		objs := b.idx.slots[i].objs
		for j := c.sub; j < len(objs); j++ {
			if !fn(objs[j]) {
				c.slot, c.sub = i, j+1
				return false
			}
		}
		c.sub = 0
	}
	c.slot, c.sub = len(b.idx.ctrl), 0
	return true
}
