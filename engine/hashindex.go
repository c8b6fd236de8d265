package engine

import (
	"math/bits"

	"github.com/etsql/etsql/term"
)

// hashIndex is an open-addressing hash table with linear probing, keyed by
// a term under =:= (term.Hash and term.ExactEqual). Each slot holds one E
// (an object for set, a bucket for the bags); a parallel control byte per
// slot tells empty, deleted, or full with 7 bits of the hash, so that a
// probe touches the stored object only when those bits agree.
//
// The home slot of a hash is (hash * capacity) >> 64, which works for any
// capacity, so the table can grow by a factor of 1.6 instead of 2 and keep
// its load between 0.55 and 0.875.
type hashIndex[E any] struct {
	ctrl  []uint8
	slots []E
	live  int // full slots
	dead  int // deleted slots
	gen   int // incremented on every rehash (slot positions change)
	keyOf func(E) term.Term
}

const (
	ctrlEmpty   = 0
	ctrlDeleted = 1
	ctrlFull    = 0x80
	maxLoadNum  = 7 // grow when live+dead > capacity*7/8
	maxLoadDen  = 8
	minCapacity = 8
)

func h7(h uint64) uint8 { return uint8(h)&0x7f | ctrlFull }

func (x *hashIndex[E]) home(h uint64) int {
	hi, _ := bits.Mul64(h, uint64(len(x.ctrl)))
	return int(hi)
}

// find returns the slot holding key, or -1.
func (x *hashIndex[E]) find(key term.Term, h uint64) int {
	n := len(x.ctrl)
	if n == 0 {
		return -1
	}
	tag := h7(h)
	for i := x.home(h); ; {
		c := x.ctrl[i]
		if c == ctrlEmpty {
			return -1
		}
		if c == tag && term.ExactEqual(x.keyOf(x.slots[i]), key) {
			return i
		}
		if i++; i == n {
			i = 0
		}
	}
}

// findOrFree returns the slot holding key (found) or the first free slot
// where it would go. The caller must have called reserve first.
func (x *hashIndex[E]) findOrFree(key term.Term, h uint64) (slot int, found bool) {
	n := len(x.ctrl)
	tag := h7(h)
	free := -1
	for i := x.home(h); ; {
		c := x.ctrl[i]
		switch {
		case c == ctrlEmpty:
			if free < 0 {
				free = i
			}
			return free, false
		case c == ctrlDeleted:
			if free < 0 {
				free = i
			}
		case c == tag && term.ExactEqual(x.keyOf(x.slots[i]), key):
			return i, true
		}
		if i++; i == n {
			i = 0
		}
	}
}

// reserve makes room for one more entry.
func (x *hashIndex[E]) reserve() {
	if (x.live+x.dead+1)*maxLoadDen <= len(x.ctrl)*maxLoadNum {
		return
	}
	want := x.live + 1
	x.rehash(max(minCapacity, want*16/10+want/10+1)) // load about 0.55 after
}

// fill stores e in slot i (from findOrFree).
func (x *hashIndex[E]) fill(i int, h uint64, e E) {
	if x.ctrl[i] == ctrlDeleted {
		x.dead--
	}
	x.ctrl[i] = h7(h)
	x.slots[i] = e
	x.live++
}

// remove empties slot i.
func (x *hashIndex[E]) remove(i int) {
	var zero E
	x.slots[i] = zero
	x.live--
	next := i + 1
	if next == len(x.ctrl) {
		next = 0
	}
	if x.ctrl[next] == ctrlEmpty {
		x.ctrl[i] = ctrlEmpty
		return
	}
	x.ctrl[i] = ctrlDeleted
	x.dead++
}

func (x *hashIndex[E]) rehash(capacity int) {
	oldCtrl, oldSlots := x.ctrl, x.slots
	x.ctrl = make([]uint8, capacity)
	x.slots = make([]E, capacity)
	x.live, x.dead = 0, 0
	x.gen++
	for i, c := range oldCtrl {
		if c&ctrlFull == 0 {
			continue
		}
		h := term.Hash(x.keyOf(oldSlots[i]))
		j := x.home(h)
		for x.ctrl[j] != ctrlEmpty {
			if j++; j == capacity {
				j = 0
			}
		}
		x.ctrl[j] = h7(h)
		x.slots[j] = oldSlots[i]
		x.live++
	}
}

func (x *hashIndex[E]) clear() {
	*x = hashIndex[E]{keyOf: x.keyOf, gen: x.gen + 1}
}

// nextFull returns the first full slot at or after i, or -1.
func (x *hashIndex[E]) nextFull(i int) int {
	for ; i < len(x.ctrl); i++ {
		if x.ctrl[i]&ctrlFull != 0 {
			return i
		}
	}
	return -1
}

// prevFull returns the last full slot at or before i, or -1.
func (x *hashIndex[E]) prevFull(i int) int {
	for i = min(i, len(x.ctrl)-1); i >= 0; i-- {
		if x.ctrl[i]&ctrlFull != 0 {
			return i
		}
	}
	return -1
}

// capacityBytes is the memory of the index itself.
func (x *hashIndex[E]) slotCount() int { return len(x.ctrl) }
