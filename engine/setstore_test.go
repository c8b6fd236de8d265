package engine

import (
	"fmt"
	"math/bits"

	"github.com/etsql/etsql/term"
)

// checkInvariants verifies a set's storage: every row has exactly one
// slot, whose tag is its key's and which a probe from the key's home
// reaches without crossing an empty slot; every row's location is a live
// object of its chunk and every live object is some row's; the dead and
// deleted-slot counts are right; the load stays under the maximum.
func (s *setTable) checkInvariants() error {
	n := len(s.order)
	seen := make([]bool, n)
	tomb := 0
	for i, sl := range s.slots {
		switch {
		case sl == 0:
			continue
		case sl == deletedSlot:
			tomb++
			continue
		}
		r := int(sl&rowMask) - 1
		if r >= n || seen[r] {
			return fmt.Errorf("slot %d: row %d out of range or pointed at twice", i, r)
		}
		seen[r] = true
		key := s.rowKey(r)
		h := term.Hash(key)
		if sl&^rowMask != tag(key, h) {
			return fmt.Errorf("slot %d: tag %x, key's %x", i, sl&^rowMask, tag(key, h))
		}
		for j := homeSlot(h, len(s.slots)); j != i; j = (j + 1) % len(s.slots) {
			if s.slots[j] == 0 {
				return fmt.Errorf("slot %d: empty slot %d between it and its home", i, j)
			}
		}
		if s.find(key, h) != i {
			return fmt.Errorf("slot %d: find does not reach it", i)
		}
	}
	for r, ok := range seen {
		if !ok {
			return fmt.Errorf("row %d has no slot", r)
		}
	}
	if tomb != s.tomb {
		return fmt.Errorf("%d deleted slots, tomb says %d", tomb, s.tomb)
	}
	if len(s.slots) > 0 && (n+s.tomb)*maxLoadDen > len(s.slots)*maxLoadNum {
		return fmt.Errorf("load %d+%d over %d slots", n, s.tomb, len(s.slots))
	}
	live, stored := 0, 0
	owner := map[uint32]int{}
	for r, loc := range s.order {
		ci, j := int(loc>>locRowBits), int(loc&locRowMask)
		if ci >= len(s.chunks) || (j+1)*s.chunks[ci].arity > len(s.chunks[ci].elems) {
			return fmt.Errorf("row %d: location %x outside the chunks", r, loc)
		}
		if s.chunks[ci].live[j>>6]&(1<<(j&63)) == 0 {
			return fmt.Errorf("row %d: object %x is marked dead", r, loc)
		}
		if o, dup := owner[loc]; dup {
			return fmt.Errorf("rows %d and %d share object %x", o, r, loc)
		}
		owner[loc] = r
	}
	for _, c := range s.chunks {
		stored += len(c.elems) / c.arity
		for _, w := range c.live {
			live += bits.OnesCount64(w)
		}
		if cap(c.elems)%c.arity != 0 || len(c.live)*64 < cap(c.elems)/c.arity {
			return fmt.Errorf("chunk of arity %d: capacity %d, %d live words", c.arity, cap(c.elems), len(c.live))
		}
	}
	if live != n || stored-live != s.dead {
		return fmt.Errorf("%d live objects for %d rows, %d dead for dead count %d", live, n, stored-live, s.dead)
	}
	return nil
}
