package engine

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/etsql/etsql/term"
)

// TestHashIndex_randomOps checks the index map against a Go map through
// inserts, replacements and deletions (which move the last row).
func TestHashIndex_randomOps(t *testing.T) {
	s := newSetTable(1)
	model := map[int64]int64{}
	r := rand.New(rand.NewPCG(7, 7))
	for n := range 20000 {
		k := r.Int64N(500)
		if r.IntN(3) == 0 {
			s.deleteKey(nil, i(k))
			delete(model, k)
		} else {
			s.insert(tu(i(k), i(int64(n))))
			model[k] = int64(n)
		}
		if n%997 == 0 || n == 19999 {
			if s.size() != len(model) {
				t.Fatalf("op %d: size %d, model %d", n, s.size(), len(model))
			}
			for k, v := range model {
				got := s.lookup(nil, i(k))
				if len(got) != 1 || !term.ExactEqual(got[0], tu(i(k), i(v))) {
					t.Fatalf("op %d: lookup(%d) = %v, want {%d,%d}", n, k, got, k, v)
				}
			}
			seen := 0
			s.scan(&cursor{}, func(term.Term) bool { seen++; return true })
			if seen != len(model) {
				t.Fatalf("op %d: scan saw %d", n, seen)
			}
		}
	}
}

// TestHashIndex_mixedKeys runs inserts and deletions of integer (small
// and big), float, binary and tuple keys through growth and rehashing,
// checking the index's invariants along the way.
func TestHashIndex_mixedKeys(t *testing.T) {
	s := newSetTable(1)
	r := rand.New(rand.NewPCG(8, 8))
	key := func() term.Term {
		v := r.Int64N(3000)
		switch v % 5 {
		case 0:
			return i(v)
		case 1:
			return i(v << 40) // beyond 32 bits: hashed, not inline
		case 2:
			return f(float64(v))
		case 3:
			return term.BinaryString("k" + itoa(v))
		}
		return tu(i(v), term.Atom("x"))
	}
	for n := range 30000 {
		if k := key(); r.IntN(3) == 0 {
			s.deleteKey(nil, k)
		} else {
			s.insert(tu(k, i(int64(n))))
		}
		if n%1999 == 0 {
			if err := s.checkInvariants(); err != nil {
				t.Fatalf("op %d: %v", n, err)
			}
		}
	}
	if err := s.checkInvariants(); err != nil {
		t.Fatal(err)
	}
}

// checkInvariants verifies the index: every row has exactly one slot,
// whose tag is its key's and which a probe from the key's home reaches
// without crossing an empty slot; the dead count is the deleted slots;
// the load stays under the maximum.
func (x *hashIndex[E]) checkInvariants() error {
	seen := make([]bool, x.len())
	dead := 0
	for i, s := range x.slots {
		switch {
		case s == 0:
			continue
		case s&rowMask == deletedSlot:
			dead++
			continue
		}
		r := int(s&rowMask) - 1
		if r >= x.len() || seen[r] {
			return fmt.Errorf("slot %d: row %d out of range or pointed at twice", i, r)
		}
		seen[r] = true
		key := x.keyOf(*x.at(r))
		h := term.Hash(key)
		if s&^rowMask != tag(key, h) {
			return fmt.Errorf("slot %d: tag %x, key's %x", i, s&^rowMask, tag(key, h))
		}
		for j := x.home(h); j != i; j = (j + 1) % len(x.slots) {
			if x.slots[j] == 0 {
				return fmt.Errorf("slot %d: empty slot %d between it and its home", i, j)
			}
		}
		if x.find(key, h) != r {
			return fmt.Errorf("slot %d: find does not reach row %d", i, r)
		}
	}
	for r, ok := range seen {
		if !ok {
			return fmt.Errorf("row %d has no slot", r)
		}
	}
	if err := x.checkChunks(); err != nil {
		return err
	}
	if dead != x.dead {
		return fmt.Errorf("%d deleted slots, dead says %d", dead, x.dead)
	}
	if len(x.slots) > 0 && (x.n+x.dead)*maxLoadDen > len(x.slots)*maxLoadNum {
		return fmt.Errorf("load %d+%d over %d slots", x.n, x.dead, len(x.slots))
	}
	return nil
}

// checkChunks verifies the row chunks: every chunk but the last is full,
// the last is not empty (unless it is the only one), and they hold n rows.
func (x *hashIndex[E]) checkChunks() error {
	rows := 0
	for c, chunk := range x.chunks {
		rows += len(chunk)
		last := c == len(x.chunks)-1
		if !last && len(chunk) != rowChunk || last && c > 0 && len(chunk) == 0 {
			return fmt.Errorf("chunk %d of %d holds %d rows", c, len(x.chunks), len(chunk))
		}
	}
	if rows != x.n {
		return fmt.Errorf("chunks hold %d rows, n says %d", rows, x.n)
	}
	return nil
}

// TestBagTable_manyKeys fills a duplicate_bag over several row chunks,
// deletes every third key and checks the scan, lookups and invariants.
func TestBagTable_manyKeys(t *testing.T) {
	b := newBagTable(1, true)
	const keys = 3*rowChunk + 17
	for k := range int64(keys) {
		b.insert(tu(i(k), i(1)))
		b.insert(tu(i(k), i(1)))
	}
	for k := int64(0); k < keys; k += 3 {
		if got := b.deleteKey(nil, i(k)); len(got) != 2 {
			t.Fatalf("deleteKey(%d) removed %d objects", k, len(got))
		}
	}
	want := 2 * (keys - (keys+2)/3)
	seen := 0
	b.scan(&cursor{}, func(obj term.Term) bool { seen++; return true })
	if seen != want || b.size() != want {
		t.Fatalf("scan saw %d, size %d, want %d", seen, b.size(), want)
	}
	for k := range int64(keys) {
		if got := len(b.lookup(nil, i(k))); got != 2*min(int(k%3), 1) {
			t.Fatalf("lookup(%d) gave %d objects", k, got)
		}
	}
	if err := b.idx.checkInvariants(); err != nil {
		t.Fatal(err)
	}
}
