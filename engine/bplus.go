package engine

import "github.com/etsql/etsql/term"

// The ordered_set storage: a B+tree of objects in the term order of their
// keys. Leaves hold the objects with their key summaries (orderKey) in two
// arrays, so that a search within a leaf runs over 8-byte summaries, and
// are linked to their neighbours for traversals. Inner nodes hold the
// summaries and keys of their separators and their children. A search
// compares summaries and loads a key only when two summaries tie, which
// for the keys of most tables (integers, short atoms and binaries, tuples
// with distinct first elements) rarely happens.

// leafSlots is the length of a leaf's arrays: leafSlots-1 objects at
// most, one more while a leaf splits. 24 bytes an object plus 24 of header
// make 2040 bytes, just under the 2048-byte allocation size class.
const leafSlots = 84

// innerSlots is the length of an inner node's arrays: innerSlots-1
// children at most, one more while the node splits.
const innerSlots = 64

const (
	leafMax  = leafSlots - 1
	leafMin  = leafMax / 3
	innerMax = innerSlots - 1
	innerMin = innerMax / 3
	// maxHeight bounds the inner levels: innerMin+1 children a node at
	// least make 21^20 leaves.
	maxHeight = 20
)

// bpLeaf is a leaf: n objects in key order.
type bpLeaf struct {
	n          int
	prev, next *bpLeaf
	kp         [leafSlots]uint64
	objs       [leafSlots]term.Term
}

// bpInner is an inner node with n children, all leaves or all inner
// nodes. Separator i >= 1 (kp[i], keys[i]) is greater than every key under
// child i-1 and not greater than any key under child i; separator 0 is
// unused.
type bpInner struct {
	n      int
	leaves bool
	kp     [innerSlots]uint64
	keys   [innerSlots]term.Term
	inner  [innerSlots]*bpInner
	leaf   [innerSlots]*bpLeaf
}

// bptree is the B+tree. The root is always an inner node; the empty tree
// is a root with one empty leaf.
type bptree struct {
	keypos     int
	root       *bpInner
	height     int // inner levels, >= 1
	size       int
	head, tail *bpLeaf
}

func newBPTree(keypos int) *bptree {
	t := &bptree{keypos: keypos}
	t.reset()
	return t
}

func (t *bptree) reset() {
	l := new(bpLeaf)
	t.root = &bpInner{n: 1, leaves: true}
	t.root.leaf[0] = l
	t.height, t.size, t.head, t.tail = 1, 0, l, l
}

// probe is what a search looks for: a key, or a bound just before
// (side -1) or just after (side +1) every tuple key of a given arity
// starting with a given prefix.
type probe struct {
	kp       uint64
	decisive bool // equal summaries mean equal keys
	key      term.Term
	side     int
	prefix   []term.Term
	arity    int
}

func keyProbe(key term.Term) probe {
	kp := orderKey(key)
	return probe{kp: kp, decisive: kpDecisive(kp), key: key}
}

// boundProbe returns the probe sorting just before (high false) or just
// after every tuple key of the arity whose first elements are prefix. Its
// summary is the least (greatest when high) summary such a key can have.
func boundProbe(prefix []term.Term, arity int, high bool) probe {
	p := probe{side: -1, prefix: prefix, arity: arity}
	if high {
		p.side = 1
	}
	p.kp = tupleBoundKP(prefix, arity, high)
	return p
}

// cmp compares the probe with key k, whose summary equals the probe's.
func (p *probe) cmp(k term.Term) int {
	if p.side == 0 {
		return term.Compare(p.key, k)
	}
	if !k.IsTuple() {
		return term.Compare(emptyTuple, k)
	}
	if n := k.Arity(); n != p.arity {
		if p.arity < n {
			return -1
		}
		return 1
	}
	ke := k.Elements()
	for i, e := range p.prefix {
		if c := term.Compare(e, ke[i]); c != 0 {
			return c
		}
	}
	return p.side
}

var emptyTuple = term.Tuple()

// ---- search ----

// child returns the index of the child of n whose subtree holds the keys
// of p's place: the last child whose separator is <= p.
func (n *bpInner) child(p *probe) int {
	// [lo, hi): separators tying with p's summary
	lo, hi := 1, n.n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if n.kp[m] < p.kp {
			lo = m + 1
		} else {
			hi = m
		}
	}
	hi = lo
	for hi < n.n && n.kp[hi] == p.kp {
		hi++
	}
	if lo == hi {
		return lo - 1
	}
	if p.decisive {
		return hi - 1
	}
	for lo < hi { // first separator > p
		m := int(uint(lo+hi) >> 1)
		if p.cmp(n.keys[m]) >= 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo - 1
}

// search returns the index of the first object of l whose key is >= p,
// and whether that key equals p.
func (l *bpLeaf) search(p *probe, keypos int) (int, bool) {
	l.touch()
	lo, hi := 0, l.n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if l.kp[m] < p.kp {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == l.n || l.kp[lo] != p.kp {
		return lo, false
	}
	if p.decisive {
		return lo, true
	}
	hi = lo + 1
	for hi < l.n && l.kp[hi] == p.kp {
		hi++
	}
	found := false
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		c := p.cmp(keyAt(l.objs[m], keypos))
		if c > 0 {
			lo = m + 1
		} else {
			found = found || c == 0
			hi = m
		}
	}
	return lo, found
}

// touch loads every cache line of the leaf's summaries: the loads do not
// depend on each other, so they overlap, where the binary search would
// miss the cache at each of its dependent steps.
//
//go:noinline
func (l *bpLeaf) touch() uint64 {
	var sum uint64
	for j := 0; j < l.n; j += 8 {
		sum += l.kp[j]
	}
	return sum
}

// bpPath is the way from the root to a leaf: the node and child index at
// each inner level.
type bpPath struct {
	nodes [maxHeight]*bpInner
	idx   [maxHeight]int
}

// descend finds the leaf for p, recording the way in path when not nil.
func (t *bptree) descend(p *probe, path *bpPath) *bpLeaf {
	n := t.root
	for d := 0; ; d++ {
		i := n.child(p)
		if path != nil {
			path.nodes[d], path.idx[d] = n, i
		}
		if n.leaves {
			return n.leaf[i]
		}
		n = n.inner[i]
	}
}

// bpPos is a position in the tree: object i of leaf; a nil leaf is past
// either end.
type bpPos struct {
	leaf *bpLeaf
	i    int
}

func (p bpPos) valid() bool              { return p.leaf != nil }
func (p bpPos) obj() term.Term           { return p.leaf.objs[p.i] }
func (p bpPos) key(keypos int) term.Term { return keyAt(p.leaf.objs[p.i], keypos) }

// forward moves to the next object.
func (p *bpPos) forward() {
	if p.i++; p.i >= p.leaf.n {
		p.leaf, p.i = p.leaf.next, 0
		for p.leaf != nil && p.leaf.n == 0 {
			p.leaf = p.leaf.next
		}
	}
}

// backward moves to the previous object.
func (p *bpPos) backward() {
	if p.i--; p.i < 0 {
		p.leaf = p.leaf.prev
		for p.leaf != nil && p.leaf.n == 0 {
			p.leaf = p.leaf.prev
		}
		if p.leaf != nil {
			p.i = p.leaf.n - 1
		}
	}
}

// seek returns the position of the first object whose key is >= p, and
// whether its key equals p.
func (t *bptree) seek(p *probe) (bpPos, bool) {
	l := t.descend(p, nil)
	i, found := l.search(p, t.keypos)
	pos := bpPos{l, i}
	if i == l.n {
		pos.i = l.n - 1
		if l.n == 0 {
			pos.i = 0
		}
		if l.n > 0 {
			pos.forward()
		} else {
			pos.leaf = nil
		}
	}
	return pos, found
}

// seekAfter returns the position of the first object whose key is > p
// (>= p when inclusive).
func (t *bptree) seekAfter(p *probe, inclusive bool) bpPos {
	pos, found := t.seek(p)
	if found && !inclusive {
		pos.forward()
	}
	return pos
}

// seekBefore returns the position of the last object whose key is < p
// (<= p when inclusive).
func (t *bptree) seekBefore(p *probe, inclusive bool) bpPos {
	pos, found := t.seek(p)
	if found && inclusive {
		return pos
	}
	if !pos.valid() {
		return t.lastPos()
	}
	pos.backward()
	return pos
}

// seekAfterNear is seekAfter for a probe not below the key at from: when
// the probe is not above the last key of from's leaf (a short range ends
// where it starts), the answer is in that leaf, searched without a
// descent from the root.
func (t *bptree) seekAfterNear(from bpPos, p *probe, inclusive bool) bpPos {
	l := from.leaf
	if l == nil || l.n == 0 || !probeAtMost(p, l, l.n-1, t.keypos) {
		return t.seekAfter(p, inclusive)
	}
	i, found := l.search(p, t.keypos)
	pos := bpPos{l, i}
	if found && !inclusive {
		pos.forward()
	}
	return pos
}

// seekBeforeNear is seekBefore for a probe not above the key at from:
// when the probe is above the first key of from's leaf, the answer is in
// that leaf.
func (t *bptree) seekBeforeNear(from bpPos, p *probe, inclusive bool) bpPos {
	l := from.leaf
	if l == nil || l.n == 0 || probeAtMost(p, l, 0, t.keypos) {
		return t.seekBefore(p, inclusive)
	}
	i, found := l.search(p, t.keypos)
	pos := bpPos{l, i}
	if found && inclusive {
		return pos
	}
	pos.i-- // i >= 1: the first key is below p
	return pos
}

// probeAtMost reports whether p is not above the key of object i of l.
func probeAtMost(p *probe, l *bpLeaf, i, keypos int) bool {
	switch {
	case p.kp != l.kp[i]:
		return p.kp < l.kp[i]
	case p.decisive:
		return true
	}
	return p.cmp(keyAt(l.objs[i], keypos)) <= 0
}

func (t *bptree) firstPos() bpPos {
	pos := bpPos{t.head, -1}
	if t.size == 0 {
		return bpPos{}
	}
	pos.i = 0
	for pos.leaf.n == 0 {
		pos.leaf = pos.leaf.next
	}
	return pos
}

func (t *bptree) lastPos() bpPos {
	if t.size == 0 {
		return bpPos{}
	}
	l := t.tail
	for l.n == 0 {
		l = l.prev
	}
	return bpPos{l, l.n - 1}
}

// get returns the position of the object with p's key.
func (t *bptree) get(p *probe) (bpPos, bool) {
	l := t.descend(p, nil)
	i, found := l.search(p, t.keypos)
	return bpPos{l, i}, found
}

// ---- insert ----

// insert stores obj, whose key's summary is kp, replacing the object
// with an equal key, which it returns.
func (t *bptree) insert(kp uint64, obj term.Term) (old term.Term, replaced bool) {
	p := probe{kp: kp, decisive: kpDecisive(kp), key: keyAt(obj, t.keypos)}
	var path bpPath
	l := t.descend(&p, &path)
	i, found := l.search(&p, t.keypos)
	if found {
		old = l.objs[i]
		l.kp[i], l.objs[i] = kp, obj
		return old, true
	}
	t.size++
	copy(l.kp[i+1:l.n+1], l.kp[i:l.n])
	copy(l.objs[i+1:l.n+1], l.objs[i:l.n])
	l.kp[i], l.objs[i] = kp, obj
	l.n++
	if l.n > leafMax {
		t.splitLeaf(l, i, &path)
	}
	return term.Term{}, false
}

// splitLeaf splits a leaf holding one object too many, the one just
// inserted at index at. The last leaf keeps all but the new object when
// that is its last (loading in key order then fills leaves); other leaves
// split in half.
func (t *bptree) splitLeaf(l *bpLeaf, at int, path *bpPath) {
	mid := l.n / 2
	if l.next == nil && at == l.n-1 {
		mid = at
	}
	r := &bpLeaf{n: l.n - mid, prev: l, next: l.next}
	copy(r.kp[:], l.kp[mid:l.n])
	copy(r.objs[:], l.objs[mid:l.n])
	clear(l.objs[mid:l.n])
	l.n = mid
	if l.next != nil {
		l.next.prev = r
	} else {
		t.tail = r
	}
	l.next = r
	t.addChild(path, t.height-1, r.kp[0], keyAt(r.objs[0], t.keypos), nil, r)
}

// addChild inserts a child (inner node in, or leaf l) with its separator
// right after the child followed at depth d of path, splitting nodes that
// overflow.
func (t *bptree) addChild(path *bpPath, d int, kp uint64, key term.Term, in *bpInner, l *bpLeaf) {
	for {
		n, i := path.nodes[d], path.idx[d]+1
		copy(n.kp[i+1:n.n+1], n.kp[i:n.n])
		copy(n.keys[i+1:n.n+1], n.keys[i:n.n])
		n.kp[i], n.keys[i] = kp, key
		if n.leaves {
			copy(n.leaf[i+1:n.n+1], n.leaf[i:n.n])
			n.leaf[i] = l
		} else {
			copy(n.inner[i+1:n.n+1], n.inner[i:n.n])
			n.inner[i] = in
		}
		n.n++
		if n.n <= innerMax {
			return
		}
		// split n: children [mid, n) move to a new node; separator mid
		// goes up
		mid := n.n / 2
		r := &bpInner{n: n.n - mid, leaves: n.leaves}
		kp, key = n.kp[mid], n.keys[mid]
		copy(r.kp[:], n.kp[mid:n.n])
		copy(r.keys[:], n.keys[mid:n.n])
		r.kp[0], r.keys[0] = 0, term.Term{}
		clear(n.keys[mid:n.n])
		if n.leaves {
			copy(r.leaf[:], n.leaf[mid:n.n])
			clear(n.leaf[mid:n.n])
		} else {
			copy(r.inner[:], n.inner[mid:n.n])
			clear(n.inner[mid:n.n])
		}
		n.n = mid
		in, l = r, nil
		if d == 0 {
			root := &bpInner{n: 2}
			root.inner[0], root.inner[1] = n, r
			root.kp[1], root.keys[1] = kp, key
			t.root = root
			t.height++
			return
		}
		d--
	}
}

// compact copies the elements of every object, in key order, into
// consecutive memory, and makes the objects tuples over the copies: a
// traversal then reads memory in order instead of objects allocated
// anywhere. It costs a copy of each object's elements, so the table
// compacts after bulk loads only (orderedSet.loaded): compacting leaves as
// they split would make every insert pay for it.
//
// The copies are shallow (the elements' own data is shared) and fill
// chunks of compactChunk terms, a multiple of the heap's page so that
// nothing is lost to rounding. The memory of an object never changes: a
// tuple handed out before still reads its old array, which the collector
// frees when nothing holds it. A chunk lives while any object in it does.
func (t *bptree) compact() {
	var free []term.Term
	for l := t.head; l != nil; l = l.next {
		for j, obj := range l.objs[:l.n] {
			e := obj.Elements()
			if len(e) == 0 {
				continue
			}
			if len(e) > len(free) {
				free = make([]term.Term, max(compactChunk, len(e)))
			}
			n := copy(free, e)
			l.objs[j] = term.Tuple(free[:n:n]...)
			free = free[n:]
		}
	}
}

// compactChunk is the size of the chunks compact copies objects into:
// 128 KiB.
const compactChunk = 8192

// ---- delete ----

// delete removes the object with p's key and returns it.
func (t *bptree) delete(p *probe) (term.Term, bool) {
	var path bpPath
	l := t.descend(p, &path)
	i, found := l.search(p, t.keypos)
	if !found {
		return term.Term{}, false
	}
	old := l.objs[i]
	copy(l.kp[i:l.n-1], l.kp[i+1:l.n])
	copy(l.objs[i:l.n-1], l.objs[i+1:l.n])
	l.n--
	l.objs[l.n] = term.Term{}
	t.size--
	if l.n < leafMin {
		t.rebalance(&path, t.height-1)
	}
	return old, true
}

// rebalance fixes the underflow of child path.idx[d] of path.nodes[d]
// by evening it out with a neighbour or merging the two, and goes up when
// the parent underflows in turn.
func (t *bptree) rebalance(path *bpPath, d int) {
	for ; d >= 0; d-- {
		n, i := path.nodes[d], path.idx[d]
		if n.n < 2 {
			break
		}
		j := max(i-1, 0)
		if !t.even(n, j) {
			return
		}
		if d > 0 && n.n >= innerMin {
			return
		}
	}
	for t.root.n == 1 && !t.root.leaves {
		t.root = t.root.inner[0]
		t.height--
	}
}

// even redistributes the objects or children of children j and j+1 of n,
// or merges them into child j when they fit, and reports whether it
// merged.
func (t *bptree) even(n *bpInner, j int) (merged bool) {
	if n.leaves {
		merged = evenLeaves(n.leaf[j], n.leaf[j+1], t)
		if !merged {
			r := n.leaf[j+1]
			n.kp[j+1], n.keys[j+1] = r.kp[0], keyAt(r.objs[0], t.keypos)
		}
	} else {
		var sepKP uint64
		var sep term.Term
		sepKP, sep, merged = evenInner(n.inner[j], n.inner[j+1], n.kp[j+1], n.keys[j+1])
		if !merged {
			n.kp[j+1], n.keys[j+1] = sepKP, sep
		}
	}
	if merged { // drop child j+1
		k := j + 1
		copy(n.kp[k:n.n-1], n.kp[k+1:n.n])
		copy(n.keys[k:n.n-1], n.keys[k+1:n.n])
		copy(n.leaf[k:n.n-1], n.leaf[k+1:n.n])
		copy(n.inner[k:n.n-1], n.inner[k+1:n.n])
		n.n--
		n.keys[n.n], n.leaf[n.n], n.inner[n.n] = term.Term{}, nil, nil
	}
	return merged
}

// evenLeaves merges r into l, its next leaf, when both fit in one, or
// else moves objects so that they hold as many.
func evenLeaves(l, r *bpLeaf, t *bptree) (merged bool) {
	total := l.n + r.n
	if total <= leafMax {
		copy(l.kp[l.n:], r.kp[:r.n])
		copy(l.objs[l.n:], r.objs[:r.n])
		l.n = total
		l.next = r.next
		if r.next != nil {
			r.next.prev = l
		} else {
			t.tail = l
		}
		*r = bpLeaf{} // r may still be reached by nothing, but clear it for the collector
		return true
	}
	target := total / 2
	if l.n > target { // move l's tail to r's front
		k := l.n - target
		copy(r.kp[k:], r.kp[:r.n])
		copy(r.objs[k:], r.objs[:r.n])
		copy(r.kp[:k], l.kp[target:l.n])
		copy(r.objs[:k], l.objs[target:l.n])
		clear(l.objs[target:l.n])
		l.n, r.n = target, r.n+k
		return false
	}
	k := target - l.n // move r's head to l's tail
	copy(l.kp[l.n:], r.kp[:k])
	copy(l.objs[l.n:], r.objs[:k])
	copy(r.kp[:], r.kp[k:r.n])
	copy(r.objs[:], r.objs[k:r.n])
	clear(r.objs[r.n-k : r.n])
	l.n, r.n = target, r.n-k
	return false
}

// evenInner is evenLeaves for inner nodes l and r, whose separator in
// their parent is (sepKP, sep); it returns their new separator.
func evenInner(l, r *bpInner, sepKP uint64, sep term.Term) (uint64, term.Term, bool) {
	total := l.n + r.n
	r.kp[0], r.keys[0] = sepKP, sep // r's first child's lower bound, while moving
	if total <= innerMax {
		copy(l.kp[l.n:], r.kp[:r.n])
		copy(l.keys[l.n:], r.keys[:r.n])
		copy(l.leaf[l.n:], r.leaf[:r.n])
		copy(l.inner[l.n:], r.inner[:r.n])
		l.n = total
		*r = bpInner{}
		return 0, term.Term{}, true
	}
	target := total / 2
	if l.n > target {
		k := l.n - target
		copy(r.kp[k:], r.kp[:r.n])
		copy(r.keys[k:], r.keys[:r.n])
		copy(r.leaf[k:], r.leaf[:r.n])
		copy(r.inner[k:], r.inner[:r.n])
		copy(r.kp[:k], l.kp[target:l.n])
		copy(r.keys[:k], l.keys[target:l.n])
		copy(r.leaf[:k], l.leaf[target:l.n])
		copy(r.inner[:k], l.inner[target:l.n])
		clear(l.keys[target:l.n])
		clear(l.leaf[target:l.n])
		clear(l.inner[target:l.n])
		l.n, r.n = target, r.n+k
	} else {
		k := target - l.n
		copy(l.kp[l.n:], r.kp[:k])
		copy(l.keys[l.n:], r.keys[:k])
		copy(l.leaf[l.n:], r.leaf[:k])
		copy(l.inner[l.n:], r.inner[:k])
		copy(r.kp[:], r.kp[k:r.n])
		copy(r.keys[:], r.keys[k:r.n])
		copy(r.leaf[:], r.leaf[k:r.n])
		copy(r.inner[:], r.inner[k:r.n])
		clear(r.keys[r.n-k : r.n])
		clear(r.leaf[r.n-k : r.n])
		clear(r.inner[r.n-k : r.n])
		l.n, r.n = target, r.n-k
	}
	sepKP, sep = r.kp[0], r.keys[0]
	r.kp[0], r.keys[0] = 0, term.Term{}
	return sepKP, sep, false
}
