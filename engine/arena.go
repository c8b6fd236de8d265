package engine

import (
	"slices"

	"github.com/etsql/etsql/term"
)

// Leaf arenas. The elements of a leaf's objects lie together in a few
// arenas of the leaf's own, and objs[i] is a tuple over its stretch of one
// (term.Tuple over arena[off:off+arity:off+arity]): a scan, a next loop or
// a key-prefix search reads a leaf's objects from a few blocks of memory
// however the table was filled, where objects allocated one by one by
// their callers would lie anywhere in the heap.
//
// An arena is only ever appended to: callers hold the objects lookups,
// selects and cursors gave them (and journals hold old versions for
// rollback), so the memory of an object, once stored, never changes. An
// insert copies the object's elements (16-byte Terms; the binaries,
// tuples and lists they refer to are shared, being immutable) to the end
// of its leaf's current arena; a replacement appends the new version and
// leaves the old one dead. When an object does not fit, the leaf starts a
// new arena of a quarter of its objects' size (grow), without copying
// anything, unless the arenas filled since its objects were last copied
// together hold more than twice their size: then it copies its live
// objects into one fresh arena (rebuild), and the old arenas live on only
// while something holds an object in them. A split gives each half one
// fresh arena holding its objects, and so does a merge or a redistribution
// between neighbours: the copies a leaf's objects cost are those of its
// splits, and a table loaded in key order copies nothing more.

// store copies obj's elements to the end of l's arena, growing it first
// when they do not fit, and returns the tuple over the copy.
func (l *bpLeaf) store(obj term.Term) term.Term {
	e := obj.Elements()
	if len(l.arena)+len(e) > cap(l.arena) {
		l.grow(len(e))
	}
	return l.appendElems(e)
}

// appendElems appends e to l's arena, which has room for it, and returns
// the tuple over the copy.
func (l *bpLeaf) appendElems(e []term.Term) term.Term {
	off := len(l.arena)
	l.arena = append(l.arena, e...)
	end := len(l.arena)
	return term.Tuple(l.arena[off:end:end]...)
}

// liveElems is the number of elements of l's objects.
func (l *bpLeaf) liveElems() int {
	n := 0
	for _, obj := range l.objs[:l.n] {
		n += obj.Arity()
	}
	return n
}

// growMin is the fewest objects (of the arity being stored) a new arena
// has room for.
const growMin = 4

// grow gives l an arena with room for need more elements: a new one of
// a quarter of its live elements, or, when the arenas l filled since its
// last rebuild hold more than twice its live elements (replaced or
// deleted objects), a rebuilt one.
func (l *bpLeaf) grow(need int) {
	live := l.liveElems()
	size := max(live/4, growMin*need)
	if l.held > 2*live+size {
		l.renew(live + size)
		return
	}
	l.arena = slices.Grow([]term.Term(nil), size)
	l.held += cap(l.arena)
}

// rebuild copies l's objects into one fresh arena just large enough.
func (l *bpLeaf) rebuild() { l.renew(l.liveElems()) }

// rebuildFull is rebuild for a leaf that will likely be filled, as the
// new last leaf of a table loaded in key order: the new arena has room for
// leafMax objects of the arity.
func (l *bpLeaf) rebuildFull(arity int) {
	l.renew(max(l.liveElems(), leafMax*arity))
}

// renew copies l's objects into a fresh arena of capacity size at least
// (rounded up to its allocation's size class), which must hold them.
func (l *bpLeaf) renew(size int) {
	objs := l.objs[:l.n]
	l.arena = slices.Grow([]term.Term(nil), size)
	l.held = cap(l.arena)
	for i, obj := range objs {
		objs[i] = l.appendElems(obj.Elements())
	}
}
