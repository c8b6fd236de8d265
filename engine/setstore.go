package engine

import (
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/etsql/etsql/term"
)

// setTable is a set. Its objects are stored inline: the elements of each
// object sit in a chunk of objects of the same arity, one after the
// other, and the tuple a lookup returns is a view of them (term.Tuple
// over the chunk's memory), so an object is one stretch of memory with no
// header and no pointer to it.
//
// Three structures lead to an object:
//
//   - slots, an open-addressing hash table with linear probing (see
//     tag), maps a key to the location of its object: a chunk and an
//     object in it. An integer key that fits in 32 bits is held in the
//     slot itself, so finding it reads no object, and a lookup reads the
//     slot and the object;
//   - order[r] is the location of row r. Rows are numbered 0..size-1 in
//     insertion order (a deletion moves the last row into the hole);
//     first/next, select/3 continuations and folds walk them in that
//     order. Each chunk keeps the row of each of its objects, for a
//     deletion (which moves a row) and an update (which moves an object);
//   - chunks hold the objects, appended to; an object is written again
//     only while no caller was ever given it (see below).
//
// An object a caller was given never changes, because callers hold the
// terms lookups and selects gave them; an object no caller was ever given
// may. So each chunk marks, in its exported bits, the objects it handed
// out: every read that lets a view of an object leave the storage (a
// lookup, a scan, a journal's record, which is a lookup) sets the object's
// bit first, atomically, as readers run concurrently under the read lock.
// Reads whose objects do not leave do not: get for update_counter and
// update_element, peek for the indexes and lookup_element, scans whose
// caller keeps nothing (cursor.keepsNone: select_count, select_delete),
// replaceEach's match (unless a replacement may hold its object), the
// counts of memoryWords. An object deleted is not marked either: a dead
// object is never written.
//
// An update (insert over a key, update_counter, update_element,
// select_replace) of an object never exported, of the same arity, writes
// its elements in place: it reads the slot and the object, and makes no
// garbage. Otherwise it appends the new version to the open chunk of its
// arity and points the slot and order[r] at it, leaving the old version
// dead in its chunk (its live bit cleared); the new version is not
// exported, so the next updates of that object write in place until a
// caller is given it. When the dead versions reach half the live objects,
// compact copies the live objects into fresh chunks (not exported: the
// callers hold the old memory) in their memory order: the old chunks
// become garbage once no caller holds an object in them. The rows do not
// change: a cursor (a row number) survives updates and compactions.
//
// Scans that visit every object in one call and need no order walk the
// chunks in memory order, skipping dead versions by the live bits:
// sequential reads however the objects were updated.
type setTable struct {
	keypos int
	slots  []uint64 // tag | location+1; 0 empty, deletedSlot deleted
	tomb   int      // deleted slots
	order  []uint32 // order[r]: location of row r (chunk<<locRowBits | object)
	chunks []*chunk
	open   []openChunk // the chunk being filled, per arity
	dead   int         // dead versions in chunks
}

// chunk holds objects of one arity: object j is elems[j*arity:(j+1)*arity].
type chunk struct {
	arity int
	elems []term.Term // len: objects stored times arity; cap fixed
	rows  []uint32    // rows[j]: the row of object j, while it is live
	live  []uint64    // bit j: object j is live
	// exported bit j: object j was handed out, and never changes again.
	// Set atomically by readers (under the read lock), read by the writer.
	exported []uint64
}

// export marks object j as handed out.
func (c *chunk) export(j int) {
	w, bit := &c.exported[j>>6], uint64(1)<<(j&63)
	if atomic.LoadUint64(w)&bit == 0 {
		atomic.OrUint64(w, bit)
	}
}

// exportWord marks the objects of word w of the live bits as handed out.
func (c *chunk) exportWord(w int, objs uint64) {
	if atomic.LoadUint64(&c.exported[w])&objs != objs {
		atomic.OrUint64(&c.exported[w], objs)
	}
}

// isExported reports whether object j was handed out.
func (c *chunk) isExported(j int) bool {
	return atomic.LoadUint64(&c.exported[j>>6])&(1<<(j&63)) != 0
}

// openChunk is the chunk objects of an arity are appended to, and the
// size in objects of the next chunk for that arity.
type openChunk struct {
	arity, chunk, next int
}

const (
	locRowBits   = 10
	maxChunkRows = 1 << locRowBits
	locRowMask   = maxChunkRows - 1
	// chunkTerms is the size, in elements, that chunks grow to (128 KiB).
	chunkTerms    = 8192
	firstChunkRow = 4
	// compactMin is the fewest dead versions that make a compaction.
	compactMin = 64
)

func newSetTable(keypos int) *setTable { return &setTable{keypos: keypos} }

func (s *setTable) size() int { return len(s.order) }

// at returns the chunk and the offset of the object at loc.
func (s *setTable) at(loc uint32) (*chunk, int) {
	c := s.chunks[loc>>locRowBits]
	return c, int(loc&locRowMask) * c.arity
}

// slotLoc returns the location a used slot points at.
func slotLoc(sl uint64) uint32 { return uint32(sl&rowMask) - 1 }

// object returns the object at loc, a view of its chunk, for a look
// under the write lock that does not let it leave (see handOut).
func (s *setTable) object(loc uint32) term.Term {
	c, off := s.at(loc)
	return term.Tuple(c.elems[off : off+c.arity : off+c.arity]...)
}

// handOut returns the object at loc for a caller, who may keep it: it is
// marked exported, and never changes again.
func (s *setTable) handOut(loc uint32) term.Term {
	c, off := s.at(loc)
	c.export(int(loc & locRowMask))
	return term.Tuple(c.elems[off : off+c.arity : off+c.arity]...)
}

// keyOf returns the key of the object at loc.
func (s *setTable) keyOf(loc uint32) term.Term {
	c, off := s.at(loc)
	return c.elems[off+s.keypos-1]
}

// rowOf returns the row of the live object at loc.
func (s *setTable) rowOf(loc uint32) int {
	return int(s.chunks[loc>>locRowBits].rows[loc&locRowMask])
}

// setRow records that the object at loc is row r's.
func (s *setTable) setRow(loc uint32, r int) {
	s.chunks[loc>>locRowBits].rows[loc&locRowMask] = uint32(r)
}

// appendObject stores elems as a new object of row r and returns its
// location.
func (s *setTable) appendObject(elems []term.Term, r int) uint32 {
	ar := len(elems)
	ci := s.openFor(ar)
	c := s.chunks[ci]
	j := len(c.elems) / ar
	c.elems = append(c.elems, elems...)
	c.rows[j] = uint32(r)
	c.live[j>>6] |= 1 << (j & 63)
	return uint32(ci)<<locRowBits | uint32(j)
}

// openFor returns the chunk to append an object of arity ar to, with
// room for it.
func (s *setTable) openFor(ar int) int {
	k := -1
	for i := range s.open {
		if s.open[i].arity == ar {
			k = i
			break
		}
	}
	if k < 0 {
		s.open = append(s.open, openChunk{arity: ar, chunk: -1, next: firstChunkRow})
		k = len(s.open) - 1
	}
	o := &s.open[k]
	if o.chunk >= 0 {
		if c := s.chunks[o.chunk]; len(c.elems)+ar <= cap(c.elems) {
			return o.chunk
		}
	}
	rows := min(o.next, max(1, min(maxChunkRows, chunkTerms/ar)))
	o.next = rows * 2
	s.chunks = append(s.chunks, &chunk{
		arity:    ar,
		elems:    make([]term.Term, 0, rows*ar),
		rows:     make([]uint32, rows),
		live:     make([]uint64, (rows+63)/64),
		exported: make([]uint64, (rows+63)/64),
	})
	o.chunk = len(s.chunks) - 1
	return o.chunk
}

// kill marks the object at loc dead.
func (s *setTable) kill(loc uint32) {
	c := s.chunks[loc>>locRowBits]
	j := loc & locRowMask
	c.live[j>>6] &^= 1 << (j & 63)
	s.dead++
}

// find returns the slot holding key, or -1.
func (s *setTable) find(key term.Term, h uint64) int {
	n := len(s.slots)
	if n == 0 {
		return -1
	}
	tg := tag(key, h)
	for i := homeSlot(h, n); ; {
		sl := s.slots[i]
		if sl == 0 {
			return -1
		}
		if sl&^rowMask == tg && sl&rowMask != deletedSlot {
			if tg&intKeyFlag != 0 || term.ExactEqual(s.keyOf(slotLoc(sl)), key) {
				return i
			}
		}
		if i++; i == n {
			i = 0
		}
	}
}

// findLoc returns the location of the object with key.
func (s *setTable) findLoc(key term.Term) (uint32, bool) {
	i := s.find(key, term.Hash(key))
	if i < 0 {
		return 0, false
	}
	return slotLoc(s.slots[i]), true
}

// homeSlot is the first slot to probe for hash h among n: it depends on
// the high 32 bits of h only.
func homeSlot(h uint64, n int) int {
	hi, _ := bits.Mul64(h&^(1<<32-1), uint64(n))
	return int(hi)
}

// add stores elems, whose key (hashing to h) is not in the table, as a
// new last row.
func (s *setTable) add(key term.Term, h uint64, elems []term.Term) {
	if (len(s.order)+s.tomb+1)*maxLoadDen > len(s.slots)*maxLoadNum {
		s.rehash(max(minCapacity, (len(s.order)+1)*17/10+1))
	}
	loc := s.appendObject(elems, len(s.order))
	s.order = append(s.order, loc)
	n := len(s.slots)
	for i := homeSlot(h, n); ; {
		sl := s.slots[i]
		if sl == 0 || sl == deletedSlot {
			if sl != 0 {
				s.tomb--
			}
			s.slots[i] = tag(key, h) | uint64(loc+1)
			return
		}
		if i++; i == n {
			i = 0
		}
	}
}

// reserve makes room for n more objects, so that inserting a list grows
// the slots and the row order at most once. A list that is most of the
// table (a bulk load, after which the table changes less) leaves the
// slots 3/4 full; a smaller one (one batch of many, as file2tab and
// InsertRows insert) grows them by 1.7 as an insert does, or batch after
// batch would rehash the whole table every sixth of its size.
func (s *setTable) reserve(n int) {
	want := len(s.order) + n
	if (want+s.tomb)*maxLoadDen > len(s.slots)*maxLoadNum {
		s.rehash(max(minCapacity, want*4/3+1, len(s.order)*17/10+1))
	}
	s.order = slices.Grow(s.order, n)
}

// rehash moves the used slots into a new array of capacity slots. A slot
// holds what its home depends on, so the objects are not read.
func (s *setTable) rehash(capacity int) {
	old := s.slots
	s.slots = make([]uint64, capacity)
	s.tomb = 0
	for _, sl := range old {
		if sl == 0 || sl == deletedSlot {
			continue
		}
		i := homeSlot(slotHash(sl), capacity)
		for s.slots[i] != 0 {
			if i++; i == capacity {
				i = 0
			}
		}
		s.slots[i] = sl
	}
}

// replaceSlot stores elems, which have the key of the object slot i
// points at, as that object: in place when no caller was given it and
// the arity is the same, else as a new version. elems may be the object
// itself.
func (s *setTable) replaceSlot(i int, elems []term.Term) {
	old := slotLoc(s.slots[i])
	c, off := s.at(old)
	if c.arity == len(elems) && !c.isExported(int(old&locRowMask)) {
		copy(c.elems[off:off+c.arity], elems)
		return
	}
	r := s.rowOf(old)
	loc := s.appendObject(elems, r)
	s.order[r] = loc
	s.slots[i] = s.slots[i]&^rowMask | uint64(loc+1)
	s.kill(old)
	s.maybeCompact()
}

// removeSlot deletes the object slot i points at; the last row takes its
// row number.
func (s *setTable) removeSlot(i int) {
	loc := slotLoc(s.slots[i])
	r := s.rowOf(loc)
	next := i + 1
	if next == len(s.slots) {
		next = 0
	}
	if s.slots[next] == 0 {
		s.slots[i] = 0
	} else {
		s.slots[i] = deletedSlot
		s.tomb++
	}
	s.kill(loc)
	last := len(s.order) - 1
	if r != last {
		moved := s.order[last]
		s.order[r] = moved
		s.setRow(moved, r)
	}
	s.order = s.order[:last]
	if last == 0 {
		s.chunks, s.open, s.dead = nil, nil, 0 // no live object: drop the chunks
		return
	}
	s.maybeCompact()
}

// maybeCompact compacts when the dead versions reach half the live
// objects: each compaction copies at most twice as many objects as
// updates and deletions made dead since the last one, and scans never
// step over more than one dead version for two live objects.
func (s *setTable) maybeCompact() {
	if s.dead >= compactMin && 2*s.dead > len(s.order) {
		s.compact()
	}
}

// compact copies the live objects into fresh chunks and drops the old
// chunks (the objects callers hold keep theirs alive). It reads the old
// chunks in memory order, sequentially, pointing each object's row at its
// new location and noting it in a map from old locations to new ones;
// then it points the slots at the new locations, reading them in order.
func (s *setTable) compact() {
	old := s.chunks
	base := make([]int, len(old)+1)
	for ci, c := range old {
		base[ci+1] = base[ci] + cap(c.elems)/c.arity
	}
	moved := make([]uint32, base[len(old)])
	s.chunks, s.open, s.dead = nil, nil, 0
	for ci, c := range old {
		ar := c.arity
		for w, word := range c.live {
			for word != 0 {
				j := w<<6 | bits.TrailingZeros64(word)
				word &= word - 1
				r := int(c.rows[j])
				loc := s.appendObject(c.elems[j*ar:(j+1)*ar], r)
				s.order[r] = loc
				moved[base[ci]+j] = loc
			}
		}
	}
	for i, sl := range s.slots {
		if sl == 0 || sl == deletedSlot {
			continue
		}
		loc := slotLoc(sl)
		s.slots[i] = sl&^rowMask | uint64(moved[base[loc>>locRowBits]+int(loc&locRowMask)]+1)
	}
}

func (s *setTable) insert(obj term.Term) {
	key := keyAt(obj, s.keypos)
	h := term.Hash(key)
	if i := s.find(key, h); i >= 0 {
		s.replaceSlot(i, obj.Elements())
		return
	}
	s.add(key, h, obj.Elements())
}

// get returns the object with key for a look under the write lock (it is
// not exported) and its slot, for replace and replaceSlot.
func (s *setTable) get(key term.Term) (term.Term, slotRef, bool) {
	i := s.find(key, term.Hash(key))
	if i < 0 {
		return term.Term{}, slotRef{}, false
	}
	return s.object(slotLoc(s.slots[i])), slotRef{slot: i}, true
}

func (s *setTable) replace(ref slotRef, obj term.Term) { s.replaceSlot(ref.slot, obj.Elements()) }

func (s *setTable) member(key term.Term) bool { return s.find(key, term.Hash(key)) >= 0 }

func (s *setTable) lookup(dst []term.Term, key term.Term) []term.Term {
	if loc, ok := s.findLoc(key); ok {
		dst = append(dst, s.handOut(loc))
	}
	return dst
}

// peek is lookup for a look under the write lock that lets no object
// leave (an index reading the values to forget): it does not export.
func (s *setTable) peek(dst []term.Term, key term.Term) []term.Term {
	if loc, ok := s.findLoc(key); ok {
		dst = append(dst, s.object(loc))
	}
	return dst
}

// deleteKey appends the object it deletes without exporting it: it is
// dead, and a dead object is never written.
func (s *setTable) deleteKey(dst []term.Term, key term.Term) []term.Term {
	if i := s.find(key, term.Hash(key)); i >= 0 {
		dst = append(dst, s.object(slotLoc(s.slots[i])))
		s.removeSlot(i)
	}
	return dst
}

func (s *setTable) deleteObject(obj term.Term) int {
	key := keyAt(obj, s.keypos)
	i := s.find(key, term.Hash(key))
	if i < 0 || !term.ExactEqual(s.object(slotLoc(s.slots[i])), obj) {
		return 0
	}
	s.removeSlot(i)
	return 1
}

func (s *setTable) clear() { *s = setTable{keypos: s.keypos} }

func (s *setTable) first() (term.Term, bool) {
	if len(s.order) == 0 {
		return term.Term{}, false
	}
	return s.keyOf(s.order[0]), true
}

func (s *setTable) last() (term.Term, bool) {
	if len(s.order) == 0 {
		return term.Term{}, false
	}
	return s.keyOf(s.order[len(s.order)-1]), true
}

// next returns the key of the row after key's; a key not in the table is
// badarg, as in OTP 25 on a table that is not fixed.
func (s *setTable) next(key term.Term) (term.Term, bool, error) {
	loc, ok := s.findLoc(key)
	if !ok {
		return term.Term{}, false, ErrKeyNotFound
	}
	if r := s.rowOf(loc); r+1 < len(s.order) {
		return s.keyOf(s.order[r+1]), true, nil
	}
	return term.Term{}, false, nil
}

func (s *setTable) prev(key term.Term) (term.Term, bool, error) {
	loc, ok := s.findLoc(key)
	if !ok {
		return term.Term{}, false, ErrKeyNotFound
	}
	if r := s.rowOf(loc); r > 0 {
		return s.keyOf(s.order[r-1]), true, nil
	}
	return term.Term{}, false, nil
}

// scan walks the rows in order from c.slot, touching a batch of objects
// ahead (they lie scattered once updated); with c.anyOrder it walks the
// chunks instead.
func (s *setTable) scan(c *cursor, fn func(obj term.Term) bool) bool {
	if c.anyOrder && c.slot == 0 {
		return s.scanChunks(!c.keepsNone, fn)
	}
	var batch [touchBatch]term.Term
	for start := c.slot; start < len(s.order); start += touchBatch {
		locs := s.order[start:min(start+touchBatch, len(s.order))]
		for j, loc := range locs {
			if c.keepsNone {
				batch[j] = s.object(loc)
			} else {
				batch[j] = s.handOut(loc)
			}
		}
		objs := batch[:len(locs)]
		touchTerms(objs)
		for j, obj := range objs {
			if !fn(obj) {
				c.slot = start + j + 1
				return false
			}
		}
	}
	c.slot = len(s.order)
	return true
}

// scanChunks calls fn with the live objects in memory order until fn
// returns false, marking them exported when export is true (fn may keep
// them).
func (s *setTable) scanChunks(export bool, fn func(obj term.Term) bool) bool {
	return s.scanChunkRange(0, len(s.chunks), export, fn)
}

// scanChunkRange is scanChunks over chunks lo..hi-1. It only reads the
// table (and sets exported bits atomically), so several may run at once
// on disjoint ranges under the read lock.
func (s *setTable) scanChunkRange(lo, hi int, export bool, fn func(obj term.Term) bool) bool {
	for _, c := range s.chunks[lo:hi] {
		ar := c.arity
		for w, word := range c.live {
			if export && word != 0 {
				c.exportWord(w, word)
			}
			for word != 0 {
				off := (w<<6 | bits.TrailingZeros64(word)) * ar
				word &= word - 1
				if !fn(term.Tuple(c.elems[off : off+ar : off+ar]...)) {
					return false
				}
			}
		}
	}
	return true
}

// replaceEach replaces every object for which fn returns a replacement
// (with the same key), and counts them. When fn fails nothing changes.
// It reads the chunks in memory order, then finds the slot of each object
// to replace by its key.
func (s *setTable) replaceEach(fn func(obj term.Term) (term.Term, bool, error)) (int, error) {
	var p replacePart
	// fn runs under the write lock and its replacements are copied
	// below: the objects it sees do not leave, and are not exported,
	// unless a replacement may hold its object.
	s.scanChunks(false, p.visit(fn))
	if p.bad != nil {
		return 0, p.bad
	}
	return s.applyReplacements(p.news, p.holds), nil
}

// replaceEachSplit is replaceEach with its matching split into the parts
// of bounds (see scanSplit), run at once: newFn gives each part its own
// fn. The replacements, and the error, are the ones replaceEach finds
// (the first error in memory order: the parts before the one failing
// first ran to their end).
func (s *setTable) replaceEachSplit(bounds []int, newFn func() func(obj term.Term) (term.Term, bool, error)) (int, error) {
	parts := make([]replacePart, len(bounds)-1)
	s.scanParts(bounds, false, func(i int) func(obj term.Term) bool { return parts[i].visit(newFn()) })
	n := 0
	for i := range parts {
		if parts[i].bad != nil {
			return 0, parts[i].bad
		}
		n += len(parts[i].news)
	}
	news, holds := make([]term.Term, 0, n), make([]bool, 0, n)
	for i := range parts {
		news, holds = append(news, parts[i].news...), append(holds, parts[i].holds...)
	}
	return s.applyReplacements(news, holds), nil
}

// replacePart is what the matching of replaceEach found in a part of the
// chunks.
type replacePart struct {
	news  []term.Term
	holds []bool // news[k] may hold the object it replaces
	bad   error
	_     [cacheLine]byte
}

// visit returns the function that runs fn on each object of the part,
// until fn fails.
func (p *replacePart) visit(fn func(obj term.Term) (term.Term, bool, error)) func(obj term.Term) bool {
	return func(obj term.Term) bool {
		n, ok, err := fn(obj)
		if err != nil {
			p.bad = err
			return false
		}
		if ok {
			p.news, p.holds = append(p.news, n), append(p.holds, mayHoldObject(n, obj))
		}
		return true
	}
}

// applyReplacements stores each of news over the object with its key,
// exporting first the objects a replacement may hold.
func (s *setTable) applyReplacements(news []term.Term, holds []bool) int {
	for k, n := range news {
		key := keyAt(n, s.keypos)
		i := s.find(key, term.Hash(key))
		if holds[k] {
			loc := slotLoc(s.slots[i])
			s.chunks[loc>>locRowBits].export(int(loc & locRowMask))
		}
		s.replaceSlot(i, n.Elements())
	}
	return len(news)
}

// mayHoldObject reports whether replacement n has a compound element
// that is not obj's own at the same place: built by the match, it may
// hold obj itself (a body such as {{'$1', '$_'}}), which a write in
// place would make part of itself. Such an object is replaced by a new
// version, leaving it as it was.
func mayHoldObject(n, obj term.Term) bool {
	ne, oe := n.Elements(), obj.Elements()
	for k, e := range ne {
		switch e.Kind() {
		case term.KindTuple, term.KindList, term.KindMap:
			if k >= len(oe) || e != oe[k] {
				return true
			}
		}
	}
	return false
}

// memoryWords: the slots, the row order, the chunks (dead versions and
// room included, with their rows) and what the objects' elements point
// to.
func (s *setTable) memoryWords() int {
	w := len(s.slots) + (cap(s.order)+1)/2 + len(s.chunks)*4 + 16
	for _, c := range s.chunks {
		w += cap(c.elems)*2 + (len(c.rows)+1)/2 + 2*len(c.live) + 11
	}
	s.scanChunks(false, func(obj term.Term) bool {
		for _, e := range obj.Elements() {
			w += termWords(e) - 2
		}
		return true
	})
	return w
}

// splitScanMin is the fewest objects a set scans on several goroutines:
// below it, handing parts to goroutines costs more than it saves. A
// variable for the tests.
var splitScanMin = 1 << 16

// splitMinChunks is the fewest chunks a part of a split scan covers.
const splitMinChunks = 4

// cacheLine pads the per-part state of a split scan, so that parts
// counting or appending on different cores do not share a cache line.
const cacheLine = 64

// scanSplit returns the bounds of the parts of a scan in memory order
// split across the available processors: part i covers chunks
// bounds[i]..bounds[i+1]-1, and the parts hold about as many elements
// (live or dead: what a scan reads) each. It returns nil when the set is
// too small to gain from it, or a single processor would do it.
func (s *setTable) scanSplit() []int {
	if s.size() < splitScanMin {
		return nil
	}
	ways := min(runtime.GOMAXPROCS(0), len(s.chunks)/splitMinChunks)
	if ways < 2 {
		return nil
	}
	total := 0
	for _, c := range s.chunks {
		total += len(c.elems)
	}
	bounds := make([]int, 1, ways+1)
	acc := 0
	for ci, c := range s.chunks[:len(s.chunks)-1] {
		acc += len(c.elems)
		if len(bounds) < ways && acc*ways >= total*len(bounds) {
			bounds = append(bounds, ci+1)
		}
	}
	bounds = append(bounds, len(s.chunks))
	if len(bounds) < 3 {
		return nil
	}
	return bounds
}

// scanParts scans the parts of bounds (see scanSplit) at once, part 0 on
// the calling goroutine and each other on its own, and returns when all
// are done. part(i) returns the function that part i calls with its live
// objects in memory order until it returns false (which stops part i
// only); each part should keep its own state (a matcher, its results),
// which the caller reads in part order afterwards to get what a
// sequential scan gives. The caller holds the table's lock (read or
// write) for the whole call: the parts only read.
func (s *setTable) scanParts(bounds []int, export bool, part func(i int) func(obj term.Term) bool) {
	var wg sync.WaitGroup
	for i := 1; i < len(bounds)-1; i++ {
		fn := part(i)
		wg.Go(func() { s.scanChunkRange(bounds[i], bounds[i+1], export, fn) })
	}
	s.scanChunkRange(bounds[0], bounds[1], export, part(0))
	wg.Wait()
}
