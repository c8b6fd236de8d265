package engine

import (
	"math/bits"

	"github.com/etsql/etsql/term"
)

// hashIndex is the index of bags (a set has its own storage, setstore.go,
// with the same slots): an insertion-ordered hash table keyed by a term under =:=
// (term.Hash and term.ExactEqual), in the layout of an "index map": the
// entries live in a dense slice, rows, in insertion order (a deletion
// moves the last row into the hole), and an open-addressing table with
// linear probing maps keys to row numbers.
//
// Each slot is one uint64. The low 31 bits hold the row number plus one
// (0 in an empty slot, all ones in a deleted one; so at most 2^31-2
// keys). When the key is an
// integer that fits in 32 bits, bit 31 is set and the high half is the key
// itself, so the slot alone decides equality; otherwise the high half is
// the high 32 bits of the hash, and a probe loads the row only when they
// agree. A lookup of an integer key thus costs two memory accesses: the
// slot and the row. Since a slot holds what its home depends on (the
// high half of the hash, or the key that gives it), rehashing reads the
// slots only, never the rows and their objects.
//
// Scans walk rows, which sit in memory in the order the objects were
// inserted (and, usually, allocated): sequential reads instead of one
// cache miss per object. Rehashing does not reorder rows.
//
// The rows are stored in chunks of rowChunk (the first chunk grows up to
// that size, the others are allocated whole), so that growing never copies
// them: a million rows allocate their 16 MiB once, not the five times
// over that appending to one slice costs (and the collections that
// garbage triggers), and hold no spare capacity beyond the last chunk.
//
// The home slot of a hash is (hash * capacity) >> 64, which works for any
// capacity, so the table grows by 1.7x and keeps its load between about
// 0.5 and 0.875.
type hashIndex[E any] struct {
	slots  []uint64
	chunks [][]E // rows r is chunks[r>>rowChunkBits][r&(rowChunk-1)]
	n      int   // rows
	dead   int   // deleted slots
	keyOf  func(E) term.Term
}

const (
	rowChunkBits = 10
	rowChunk     = 1 << rowChunkBits
)

// len returns the number of rows.
func (x *hashIndex[E]) len() int { return x.n }

// at returns row r.
func (x *hashIndex[E]) at(r int) *E { return &x.chunks[r>>rowChunkBits][r&(rowChunk-1)] }

// run returns the rows from r to the end of r's chunk: a contiguous
// stretch for scans.
func (x *hashIndex[E]) run(r int) []E { return x.chunks[r>>rowChunkBits][r&(rowChunk-1):] }

// push appends row e.
func (x *hashIndex[E]) push(e E) {
	last := len(x.chunks) - 1
	if last < 0 || len(x.chunks[last]) == rowChunk {
		size := rowChunk
		if last < 0 {
			size = minCapacity
		}
		x.chunks = append(x.chunks, make([]E, 0, size))
		last++
	}
	x.chunks[last] = append(x.chunks[last], e)
	x.n++
}

// pop removes the last row.
func (x *hashIndex[E]) pop() {
	last := len(x.chunks) - 1
	c := x.chunks[last]
	var zero E
	c[len(c)-1] = zero
	if c = c[:len(c)-1]; len(c) == 0 && last > 0 {
		x.chunks[last] = nil
		x.chunks = x.chunks[:last]
	} else {
		x.chunks[last] = c
	}
	x.n--
}

const (
	rowMask     = 1<<31 - 1
	intKeyFlag  = 1 << 31
	deletedSlot = rowMask
	maxLoadNum  = 7 // grow when rows+dead > capacity*7/8
	maxLoadDen  = 8
	minCapacity = 8
)

// tag is what a slot holds besides the row: the key itself when it is an
// integer that fits in 32 bits, or the high 32 bits of its hash.
func tag(key term.Term, h uint64) uint64 {
	if v, ok := key.Int64(); ok && v == int64(int32(v)) {
		return uint64(uint32(int32(v)))<<32 | intKeyFlag
	}
	return h &^ (1<<32 - 1)
}

// slotHash returns the hash of the key of a used slot, as far as home
// needs it (the high 32 bits).
func slotHash(s uint64) uint64 {
	if s&intKeyFlag != 0 {
		return term.Hash(term.Int(int64(int32(s >> 32))))
	}
	return s
}

// home is the first slot to probe for hash h: it depends on the high 32
// bits of h only.
func (x *hashIndex[E]) home(h uint64) int {
	hi, _ := bits.Mul64(h&^(1<<32-1), uint64(len(x.slots)))
	return int(hi)
}

// find returns the row holding key, or -1.
func (x *hashIndex[E]) find(key term.Term, h uint64) int {
	n := len(x.slots)
	if n == 0 {
		return -1
	}
	tg := tag(key, h)
	for i := x.home(h); ; {
		s := x.slots[i]
		if s == 0 {
			return -1
		}
		if s&^rowMask == tg && s&rowMask != deletedSlot {
			r := int(s&rowMask) - 1
			if tg&intKeyFlag != 0 || term.ExactEqual(x.keyOf(*x.at(r)), key) {
				return r
			}
		}
		if i++; i == n {
			i = 0
		}
	}
}

// add appends e, whose key (hashing to h) is not in the index.
func (x *hashIndex[E]) add(key term.Term, h uint64, e E) {
	if (x.n+x.dead+1)*maxLoadDen > len(x.slots)*maxLoadNum {
		want := x.n + 1
		x.rehash(max(minCapacity, want*17/10+1))
	}
	x.push(e)
	n := len(x.slots)
	for i := x.home(h); ; {
		s := x.slots[i]
		if s == 0 || s&rowMask == deletedSlot {
			if s != 0 {
				x.dead--
			}
			x.slots[i] = tag(key, h) | uint64(x.n)
			return
		}
		if i++; i == n {
			i = 0
		}
	}
}

// slotOf returns the slot pointing at row r.
func (x *hashIndex[E]) slotOf(r int) int {
	h := term.Hash(x.keyOf(*x.at(r)))
	n := len(x.slots)
	for i := x.home(h); ; {
		if x.slots[i]&rowMask == uint64(r+1) {
			return i
		}
		if i++; i == n {
			i = 0
		}
	}
}

// remove deletes row r; the last row moves into its place.
func (x *hashIndex[E]) remove(r int) {
	i := x.slotOf(r)
	next := i + 1
	if next == len(x.slots) {
		next = 0
	}
	if x.slots[next] == 0 {
		x.slots[i] = 0
	} else {
		x.slots[i] = deletedSlot
		x.dead++
	}
	last := x.n - 1
	if r != last {
		j := x.slotOf(last)
		x.slots[j] = x.slots[j]&^rowMask | uint64(r+1)
		*x.at(r) = *x.at(last)
	}
	x.pop()
}

// rehash moves the used slots into a new array of capacity slots.
func (x *hashIndex[E]) rehash(capacity int) {
	old := x.slots
	x.slots = make([]uint64, capacity)
	x.dead = 0
	for _, s := range old {
		if s == 0 || s&rowMask == deletedSlot {
			continue
		}
		i := x.home(slotHash(s))
		for x.slots[i] != 0 {
			if i++; i == capacity {
				i = 0
			}
		}
		x.slots[i] = s
	}
}

func (x *hashIndex[E]) clear() { *x = hashIndex[E]{keyOf: x.keyOf} }

// indexWords is the memory of the index and the rows, in words.
func (x *hashIndex[E]) indexWords(rowWords int) int {
	w := len(x.slots) + len(x.chunks)*3
	for _, c := range x.chunks {
		w += cap(c) * rowWords
	}
	return w
}
