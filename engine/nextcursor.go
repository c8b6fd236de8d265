package engine

import "github.com/etsql/etsql/term"

// A loop of ets:next (and of lookups of the keys next returns) over an
// ordered_set costs no search while the table is unchanged: each process
// keeps a cursor where its last next or prev stopped, as ets does. The
// cursor reads ahead: one step under the table's lock reads the next
// aheadBatch objects in the step's direction, their memory loaded
// together (see touch.go), and the following steps, and the lookups of
// the keys they return, are served from the cursor alone, without the
// table's lock: the table's version, incremented by every writer before it
// changes anything, tells whether what the cursor read still holds.

// aheadBatch is how many objects a cursor reads ahead at most: after a
// search it reads firstBatch, and twice as many at each step that goes on
// from where the last batch ended, so that a single next reads little and
// a long loop overlaps many cache misses.
const (
	aheadBatch = 64
	firstBatch = 8
)

// nextCursor is where a process's last next or prev on an ordered_set
// stopped, valid while the table's version is unchanged.
type nextCursor struct {
	tab     *Table
	version uint64
	key     term.Term // the key the cursor stands on
	obj     term.Term // its object
	forward bool      // direction of ahead
	// ahead holds the objects after the cursor in direction forward, with
	// their keys: objs[next:n] are still to come; end tells that the table
	// ends after them. pos is the tree position of objs[n-1].
	objs, keys [aheadBatch]term.Term
	next, n    int
	end        bool
	pos        bpPos
	batch      int // how many objects the next batch reads
}

// valid reports whether the cursor stands on key in the unchanged t.
func (c *nextCursor) valid(t *Table, key term.Term) bool {
	return c != nil && c.tab == t && c.version == t.version.Load() && sameKey(c.key, key)
}

// sameKey reports whether a == b, first by identity.
func sameKey(a, b term.Term) bool { return a == b || term.Compare(a, b) == 0 }

// cursorAt returns the object with key if the process's cursor stands on
// it in the unchanged table t. It needs no lock on t.
func (p *Process) cursorAt(t *Table, key term.Term) (term.Term, bool) {
	if p.cursorTab.Load() != t {
		return term.Term{}, false
	}
	p.hintMu.Lock()
	defer p.hintMu.Unlock()
	if c := p.cursor; c.valid(t, key) {
		return c.obj, true
	}
	return term.Term{}, false
}

// stepAhead is step served from what the cursor read ahead, without a
// lock on t; known is false when the cursor cannot tell.
func (p *Process) stepAhead(t *Table, key term.Term, forward bool) (next term.Term, ok, known bool) {
	if p.cursorTab.Load() != t {
		return term.Term{}, false, false
	}
	p.hintMu.Lock()
	defer p.hintMu.Unlock()
	c := p.cursor
	if !c.valid(t, key) || c.forward != forward {
		return term.Term{}, false, false
	}
	if c.next < c.n {
		c.key, c.obj = c.keys[c.next], c.objs[c.next]
		c.next++
		return c.key, true, true
	}
	if c.end {
		c.tab = nil
		return term.Term{}, false, true
	}
	return term.Term{}, false, false
}

// step returns the key after (forward) or before key in the ordered_set,
// moving the process's cursor there and reading ahead: from where the
// cursor stands when it stands on key in the unchanged table, else from a
// new search. The caller holds t's lock.
func (p *Process) step(t *Table, os *orderedSet, key term.Term, forward bool) (term.Term, bool) {
	p.hintMu.Lock()
	defer p.hintMu.Unlock()
	c := p.cursor
	if c == nil {
		c = &nextCursor{}
		p.cursor = c
	}
	var pos bpPos
	switch {
	case c.valid(t, key) && c.forward == forward && c.next == c.n && !c.end && c.pos.valid():
		pos = c.pos
		move(&pos, forward)
		c.batch = min(2*c.batch, aheadBatch)
	case forward:
		pr := keyProbe(key)
		pos = os.tree.seekAfter(&pr, false)
		c.batch = firstBatch
	default:
		pr := keyProbe(key)
		pos = os.tree.seekBefore(&pr, false)
		c.batch = firstBatch
	}
	c.tab, c.version, c.forward = t, t.version.Load(), forward
	if p.cursorTab.Load() != t {
		p.cursorTab.Store(t)
	}
	c.next, c.n, c.end = 0, 0, false
	for c.n < c.batch {
		if !pos.valid() {
			c.end = true
			break
		}
		c.objs[c.n], c.pos = pos.obj(), pos
		c.n++
		move(&pos, forward)
	}
	touchTerms(c.objs[:c.n])
	if !c.end {
		prefetchRun(pos, forward, min(2*c.batch, aheadBatch))
	}
	for j, obj := range c.objs[:c.n] {
		c.keys[j] = keyAt(obj, os.keypos)
	}
	clear(c.objs[c.n:])
	clear(c.keys[c.n:])
	if c.n == 0 {
		c.tab = nil
		return term.Term{}, false
	}
	c.key, c.obj, c.next = c.keys[0], c.objs[0], 1
	return c.key, true
}

// prefetchRun prefetches the n objects from pos on in the direction
// (see walker): those of the cursor's next batch, so that a next loop
// finds them in the cache.
func prefetchRun(pos bpPos, forward bool, n int) {
	if !pos.valid() {
		return
	}
	r := leafRun{l: pos.leaf, i: pos.i, forward: forward}
	for n > 0 {
		s, _, _ := r.take(n)
		if len(s) == 0 {
			return
		}
		term.PrefetchTuples(s)
		n -= len(s)
	}
}

func move(pos *bpPos, forward bool) {
	if forward {
		pos.forward()
	} else {
		pos.backward()
	}
}
