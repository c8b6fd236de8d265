package engine

import (
	"fmt"
	"slices"

	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

// matchFunc runs a compiled match specification on one object: the
// result of the first clause that matches, and whether one did.
type matchFunc func(obj term.Term) (result term.Term, matched bool)

// keyBound is what a match specification's head fixes of the key: the
// whole key (exact) or the leading elements of a tuple key of a given
// arity (prefix).
type keyBound struct {
	exact  bool
	key    term.Term
	prefix []term.Term
	arity  int
}

// query is a compiled match specification as the engine runs it.
type query struct {
	newMatch func() matchFunc // one per goroutine
	// newCopiedMatch, when set, is newMatch for a caller that copies the
	// elements of each result and keeps none (select_replace on a set):
	// results are built in blocks (matchspec.Matcher.AllocateResultsInBlocks).
	newCopiedMatch func() matchFunc
	bounds         []keyBound
	bounded        bool // every clause bounds the key: no full scan needed
	// rng, on an ordered_set, is a key range outside which nothing can
	// match, derived from the guards (see guardKeyRange).
	rng *keyRange
	// direct, on an ordered_set, is the arity of the objects the query
	// returns whole when they lie in its bounds (see directArity); 0: none.
	direct int
}

// keyCandidatesLocked returns the objects the query can match, in table
// order (descending when rev), when its heads bound the key: one lookup
// per exact key, and on ordered_set one bounded traversal per key prefix.
// ok is false when a full scan is needed. The caller holds the lock.
func (t *Table) keyCandidatesLocked(q *query, rev bool) (objs []term.Term, ok bool) {
	if !q.bounded && q.rng != nil && t.opts.Type == OrderedSet {
		t.storage().(*orderedSet).appendRange(q.rng.lo, q.rng.hi, rev, func(obj term.Term) bool {
			objs = append(objs, obj)
			return true
		})
		return objs, true
	}
	if !q.bounded {
		return nil, false
	}
	ordered := t.opts.Type == OrderedSet
	var keys []term.Term
	var prefixes []keyBound
	for _, b := range q.bounds {
		switch {
		case b.exact:
			keys = append(keys, b.key)
		case ordered:
			prefixes = append(prefixes, b)
		default:
			return nil, false // a hash table cannot walk a key prefix
		}
	}
	if ordered {
		keys = sortUniqueKeys(keys, term.Compare)
	} else {
		keys = uniqueKeys(keys)
	}
	for _, k := range keys {
		objs = t.store.lookup(objs, k)
	}
	if len(prefixes) > 0 {
		os := t.storage().(*orderedSet)
		for _, b := range prefixes {
			objs = os.appendPrefix(objs, b.prefix, b.arity)
		}
	}
	if len(prefixes) > 1 || len(prefixes) == 1 && len(keys) > 0 {
		// Prefix ranges may overlap each other and the exact keys.
		slices.SortFunc(objs, func(a, b term.Term) int { return term.Compare(t.key(a), t.key(b)) })
		objs = slices.CompactFunc(objs, func(a, b term.Term) bool { return term.Compare(t.key(a), t.key(b)) == 0 })
	}
	if rev && ordered {
		slices.Reverse(objs)
	}
	return objs, true
}

func sortUniqueKeys(keys []term.Term, cmp func(a, b term.Term) int) []term.Term {
	if len(keys) < 2 {
		return keys
	}
	slices.SortFunc(keys, cmp)
	return slices.CompactFunc(keys, func(a, b term.Term) bool { return cmp(a, b) == 0 })
}

// uniqueKeys drops keys =:= an earlier one, keeping the order.
func uniqueKeys(keys []term.Term) []term.Term {
	if len(keys) < 2 {
		return keys
	}
	out := keys[:0:0]
	for _, k := range keys {
		if !slices.ContainsFunc(out, func(o term.Term) bool { return term.ExactEqual(o, k) }) {
			out = append(out, k)
		}
	}
	return out
}

// appendPrefix appends the objects whose key is a tuple of the given
// arity starting with prefix, in key order. Tuples compare by arity first,
// so {7} < {7, x}: the bounds are per arity.
//
// It seeks both ends of the prefix's range, then copies the objects
// between them leaf by leaf, reading no object (objects of consecutive
// keys may lie anywhere in memory), after counting them so that dst grows
// once.
func (s *orderedSet) appendPrefix(dst []term.Term, prefix []term.Term, arity int) []term.Term {
	lo, hi := boundProbe(prefix, arity, false), boundProbe(prefix, arity, true)
	start, _ := s.tree.seek(&lo)
	end, _ := s.tree.seek(&hi)
	n := 0
	walkLeaves(start, end, func(objs []term.Term) { n += len(objs) })
	dst = slices.Grow(dst, n)
	walkLeaves(start, end, func(objs []term.Term) { dst = append(dst, objs...) })
	return dst
}

// walkLeaves calls fn with the runs of objects from start up to end (an
// invalid end: the end of the tree), leaf by leaf.
func walkLeaves(start, end bpPos, fn func(objs []term.Term)) {
	for l, i := start.leaf, start.i; l != nil; l, i = l.next, 0 {
		if l == end.leaf {
			fn(l.objs[i:end.i])
			return
		}
		fn(l.objs[i:l.n])
	}
}

// appendRange calls fn with the objects whose keys lie between lo and hi
// (either may be unbounded), ascending or descending, until fn returns
// false.
func (s *orderedSet) appendRange(lo, hi Bound, desc bool, fn func(obj term.Term) bool) {
	sp := boundsSpan(lo, hi)
	s.spanScan(&sp, &cursor{reverse: desc}, 0, fn)
}

// visitLocked calls fn with every object q may match, in table order
// (descending on ordered_set when rev). The caller holds the lock; fn must
// not change the table. keeps tells whether fn may keep an object past
// the call (see cursor.keepsNone).
func (t *Table) visitLocked(q *query, rev, keeps bool, fn func(obj term.Term)) {
	if objs, ok := t.keyCandidatesLocked(q, rev); ok {
		for start := 0; start < len(objs); start += touchBatch {
			batch := objs[start:min(start+touchBatch, len(objs))]
			touchTerms(batch)
			for _, obj := range batch {
				fn(obj)
			}
		}
		return
	}
	t.store.scan(&cursor{reverse: rev, anyOrder: true, keepsNone: !keeps}, func(obj term.Term) bool {
		fn(obj)
		return true
	})
}

// selectAll is ets:select/2 (and select_reverse/2 when rev).
func (t *Table) selectAll(p *Process, q *query, rev bool) ([]term.Term, error) {
	if err := t.rlock(p); err != nil {
		return nil, err
	}
	defer t.mu.RUnlock()
	m := q.newMatch()
	if objs, ok := t.keyCandidatesLocked(q, rev); ok {
		if q.direct > 0 && t.storage().(*orderedSet).floatKeys == 0 {
			return directCandidates(objs, q.direct), nil
		}
		return matchInPlace(objs, m), nil
	}
	if st, bounds := t.splitLocked(q); bounds != nil {
		return splitSelect(st, bounds, q), nil
	}
	var results []term.Term
	t.store.scan(&cursor{reverse: rev, anyOrder: true}, func(obj term.Term) bool {
		if r, ok := m(obj); ok {
			results = append(results, r)
		}
		return true
	})
	return results, nil
}

// splitLocked returns the table's storage and the parts of a split
// scan (see setTable.scanSplit) when q needs a full scan of a set large
// enough to split; nil bounds otherwise. The caller holds the lock.
func (t *Table) splitLocked(q *query) (*setTable, []int) {
	st, ok := t.storage().(*setTable)
	if !ok || q.bounded && !slices.ContainsFunc(q.bounds, func(b keyBound) bool { return !b.exact }) {
		return nil, nil // not a set, or lookups by key
	}
	return st, st.scanSplit()
}

// resultsPart is a part's results in a split scan.
type resultsPart struct {
	objs []term.Term
	_    [cacheLine]byte
}

// concatParts returns the parts' results one after the other: nil when
// there are none, as a sequential scan gives.
func concatParts(parts []resultsPart) []term.Term {
	n := 0
	for i := range parts {
		n += len(parts[i].objs)
	}
	if n == 0 {
		return nil
	}
	out := make([]term.Term, 0, n)
	for i := range parts {
		out = append(out, parts[i].objs...)
	}
	return out
}

// splitSelect is selectAll's full scan of a set split into the parts of
// bounds: the same results, in the same order. The objects are handed
// out (a result may hold them).
func splitSelect(st *setTable, bounds []int, q *query) []term.Term {
	parts := make([]resultsPart, len(bounds)-1)
	st.scanParts(bounds, true, func(i int) func(obj term.Term) bool {
		m, p := q.newMatch(), &parts[i]
		return func(obj term.Term) bool {
			if r, ok := m(obj); ok {
				p.objs = append(p.objs, r)
			}
			return true
		}
	})
	return concatParts(parts)
}

// splitDoomed is selectDelete's matching on a set split into the parts
// of bounds: the objects for which q returns true, in memory order. They
// are not handed out: they are only deleted.
func splitDoomed(st *setTable, bounds []int, q *query) []term.Term {
	parts := make([]resultsPart, len(bounds)-1)
	st.scanParts(bounds, false, func(i int) func(obj term.Term) bool {
		m, p := q.newMatch(), &parts[i]
		return func(obj term.Term) bool {
			if r, ok := m(obj); ok && r.IsTrue() {
				p.objs = append(p.objs, obj)
			}
			return true
		}
	})
	return concatParts(parts)
}

// countPart is a part's count in a split select_count.
type countPart struct {
	n int
	_ [cacheLine]byte
}

// splitCount is selectCount's full scan of a set split into the parts of
// bounds. Nothing is handed out.
func splitCount(st *setTable, bounds []int, q *query) int {
	parts := make([]countPart, len(bounds)-1)
	st.scanParts(bounds, false, func(i int) func(obj term.Term) bool {
		m, p := q.newMatch(), &parts[i]
		return func(obj term.Term) bool {
			if r, ok := m(obj); ok && r.IsTrue() {
				p.n++
			}
			return true
		}
	})
	n := 0
	for i := range parts {
		n += parts[i].n
	}
	return n
}

// matchInPlace runs m on objs, a slice of our own, overwriting it with
// the results: one allocation for candidates and results.
func matchInPlace(objs []term.Term, m matchFunc) []term.Term {
	n := 0
	for start := 0; start < len(objs); start += touchBatch {
		batch := objs[start:min(start+touchBatch, len(objs))]
		touchTerms(batch)
		for _, obj := range batch {
			if r, ok := m(obj); ok {
				objs[n] = r
				n++
			}
		}
	}
	clear(objs[n:])
	if n == 0 {
		return nil
	}
	return objs[:n:n]
}

// selectCount is ets:select_count/2: the objects for which q returns true.
func (t *Table) selectCount(p *Process, q *query) (int, error) {
	if err := t.rlock(p); err != nil {
		return 0, err
	}
	defer t.mu.RUnlock()
	if st, bounds := t.splitLocked(q); bounds != nil {
		return splitCount(st, bounds, q), nil
	}
	m := q.newMatch()
	n := 0
	t.visitLocked(q, false, false, func(obj term.Term) {
		if r, ok := m(obj); ok && r.IsTrue() {
			n++
		}
	})
	return n, nil
}

// selectDelete is ets:select_delete/2: deletes the objects for which q
// returns true, atomically, and counts them.
func (t *Table) selectDelete(p *Process, q *query) (int, error) {
	if err := t.wlock(p); err != nil {
		return 0, err
	}
	defer t.mu.Unlock()
	var doomed []term.Term // kept only to be deleted: no write in place meanwhile
	if st, bounds := t.splitLocked(q); bounds != nil {
		doomed = splitDoomed(st, bounds, q)
	} else {
		m := q.newMatch()
		t.visitLocked(q, false, false, func(obj term.Term) {
			if r, ok := m(obj); ok && r.IsTrue() {
				doomed = append(doomed, obj)
			}
		})
	}
	n := 0
	for _, obj := range doomed {
		n += t.store.deleteObject(obj)
	}
	return n, nil
}

// replacement returns the function that gives an object's replacement
// by m, checked: a tuple with a key, the object's key exactly.
func replacement(t *Table, m matchFunc) func(obj term.Term) (term.Term, bool, error) {
	return func(obj term.Term) (term.Term, bool, error) {
		r, ok := m(obj)
		if !ok {
			return term.Term{}, false, nil
		}
		if err := t.checkObject(r); err != nil {
			return term.Term{}, false, err
		}
		if !term.ExactEqual(t.key(obj), t.key(r)) {
			return term.Term{}, false, ErrKeyChanged
		}
		return r, true, nil
	}
}

// selectReplace is ets:select_replace/2: replaces each matching object by
// the result, atomically, and counts them. Not on a bag; every
// replacement must be a tuple keeping the object's key exactly (=:=, even
// in an ordered_set: 1 may not become 1.0), checked before anything
// changes, as OTP 25 does.
func (t *Table) selectReplace(p *Process, q *query) (int, error) {
	if t.opts.Type == Bag {
		return 0, ErrTableType
	}
	if err := t.wlock(p); err != nil {
		return 0, err
	}
	defer t.mu.Unlock()
	_, copies := t.storage().(*setTable) // a set stores copies of the replacements' elements
	newReplacement := func() func(obj term.Term) (term.Term, bool, error) {
		m := q.newMatch
		if copies && q.newCopiedMatch != nil {
			m = q.newCopiedMatch
		}
		return replacement(t, m())
	}
	switch st := t.storage().(type) {
	case *bagTable: // duplicate_bag
		return t.replaceEachLocked(st.replaceEach, newReplacement())
	case *setTable:
		if !q.bounded {
			// Under no journal and no index (which see each
			// replacement as it is made), a large set matches in parts.
			if bounds := st.scanSplit(); bounds != nil && t.store == table(st) {
				return st.replaceEachSplit(bounds, newReplacement)
			}
			return t.replaceEachLocked(st.replaceEach, newReplacement())
		}
	}
	m := q.newMatch()
	var news []term.Term
	var bad error
	t.visitLocked(q, false, true, func(obj term.Term) {
		r, ok := m(obj)
		if !ok || bad != nil {
			return
		}
		if err := t.checkObject(r); err != nil {
			bad = err
			return
		}
		if !term.ExactEqual(t.key(obj), t.key(r)) {
			bad = ErrKeyChanged
			return
		}
		news = append(news, r)
	})
	if bad != nil {
		return 0, bad
	}
	for _, r := range news {
		t.store.insert(r)
	}
	return len(news), nil
}

// Continuation resumes a select, match or match_object that returned a
// limited number of results (ets:select/1, match/1). It is not safe for
// concurrent use. A nil Continuation stands for '$end_of_table'.
type Continuation struct {
	t       *Table
	q       *query
	m       matchFunc
	limit   int
	c       cursor
	pending []term.Term // results computed up front (key fast paths)
	lookup  bool        // results come from pending only
	// keys, on an ordered_set whose specification bounds several exact
	// keys, are the keys still to look up, in table order: each chunk
	// looks them up when asked for, as OTP does.
	keys     []term.Term
	keysOnly bool
	// span, on an ordered_set whose specification bounds the key to one
	// range, is that range: each chunk walks it alone.
	span *span
}

// selectLimit is ets:select/3 (select_reverse/3 when rev).
func (t *Table) selectLimit(p *Process, q *query, limit int, rev bool) ([]term.Term, *Continuation, error) {
	if limit < 1 {
		return nil, nil, fmt.Errorf("limit %d: %w", limit, ErrBadArg)
	}
	if err := t.rlock(p); err != nil {
		return nil, nil, err
	}
	c := &Continuation{t: t, q: q, m: q.newMatch(), limit: limit, c: cursor{reverse: rev}}
	if keys, ok := t.lazyKeys(q, rev); ok {
		c.keys, c.keysOnly = keys, true
	} else if t.chunksLazily(q) {
		c.span, _ = querySpan(q)
	} else {
		objs, ok := t.keyCandidatesLocked(q, rev)
		c.lookup = ok
		for _, obj := range objs {
			if r, ok := c.m(obj); ok {
				c.pending = append(c.pending, r)
			}
		}
	}
	t.mu.RUnlock()
	return c.Next(p)
}

// lazyKeys returns, on an ordered_set whose specification bounds only
// exact keys, more than one, those keys in table order (descending when
// rev).
func (t *Table) lazyKeys(q *query, rev bool) ([]term.Term, bool) {
	if t.opts.Type != OrderedSet || !q.bounded {
		return nil, false
	}
	var keys []term.Term
	for _, b := range q.bounds {
		if !b.exact {
			return nil, false
		}
		keys = append(keys, b.key)
	}
	keys = sortUniqueKeys(keys, term.Compare)
	if len(keys) < 2 {
		return nil, false
	}
	if rev {
		slices.Reverse(keys)
	}
	return keys, true
}

// nextByKeys is Next for a continuation that looks its keys up chunk by
// chunk.
func (c *Continuation) nextByKeys(p *Process) ([]term.Term, *Continuation, error) {
	if len(c.keys) == 0 {
		return nil, nil, nil
	}
	if err := c.t.rlock(p); err != nil {
		return nil, nil, err
	}
	var out, objs []term.Term
	k := 0
	for ; k < len(c.keys) && len(out) < c.limit; k++ {
		objs = c.t.store.lookup(objs[:0], c.keys[k])
		for _, obj := range objs {
			if r, ok := c.m(obj); ok {
				out = append(out, r)
			}
		}
	}
	c.t.mu.RUnlock()
	if k == len(c.keys) {
		return out, nil, nil
	}
	next := *c // the limit was reached: out is not empty
	next.keys = c.keys[k:]
	return out, &next, nil
}

// chunksLazily reports whether a limited select on the table must find
// each chunk when it is asked for, as OTP does on an ordered_set unless
// the specification bounds a single key: a later chunk then shows the
// objects deleted, replaced or inserted meanwhile. Otherwise the results
// of the key lookups are computed up front (OTP's hash tables do the same
// for a bound key).
func (t *Table) chunksLazily(q *query) bool {
	if t.opts.Type != OrderedSet {
		return false
	}
	if !q.bounded {
		return true
	}
	var keys []term.Term
	for _, b := range q.bounds {
		if !b.exact {
			return true
		}
		keys = append(keys, b.key)
	}
	return len(sortUniqueKeys(keys, term.Compare)) != 1
}

// Next returns the next chunk of results and the continuation after it:
// ets:select/1. At the end it returns no results and a nil continuation.
func (c *Continuation) Next(p *Process) ([]term.Term, *Continuation, error) {
	if c == nil {
		return nil, nil, nil
	}
	if c.keysOnly {
		return c.nextByKeys(p)
	}
	if c.lookup {
		if len(c.pending) == 0 {
			return nil, nil, nil
		}
		n := min(c.limit, len(c.pending))
		out := c.pending[:n:n]
		next := *c
		next.pending = c.pending[n:]
		if len(next.pending) == 0 {
			return out, nil, nil
		}
		return out, &next, nil
	}
	if err := c.t.rlock(p); err != nil {
		return nil, nil, err
	}
	next := *c
	var out []term.Term
	visit := func(obj term.Term) bool {
		if r, ok := c.m(obj); ok {
			out = append(out, r)
		}
		return len(out) < c.limit
	}
	var done bool
	if c.span != nil {
		done = c.t.storage().(*orderedSet).spanScan(c.span, &next.c, c.t.version.Load(), visit)
	} else {
		done = c.t.store.scan(&next.c, visit)
	}
	c.t.mu.RUnlock()
	if done {
		if len(out) == 0 {
			return nil, nil, nil
		}
		return out, nil, nil
	}
	return out, &next, nil
}

// Table returns the table the continuation reads.
func (c *Continuation) Table() *Table { return c.t }

// ---- range scans (beyond ets) ----

// Bound is one end of a key range. The zero Bound is unbounded.
type Bound struct {
	Key       term.Term // the zero Term: no bound
	Exclusive bool
}

// Range describes a scan of an ordered_set by key, for the SQL planner.
type Range struct {
	Lower, Upper Bound
	Descending   bool
	Limit        int                // at most this many results; 0: no limit
	Spec         *matchspec.Program // if set, only matching objects, and fn gets the results
	query        *query             // Spec as a query, or a test's stand-in
}

// RangeScan calls fn with each object of an ordered_set whose key lies in
// r, in key order (descending when r.Descending), until fn returns false
// or r.Limit objects were given. With r.Spec, fn gets the spec's result
// for each object it matches instead. fn runs without the table's lock held
// (objects are read in chunks, each resuming after the last key read, so
// concurrent writes are safe), and may read and write the table.
func (t *Table) RangeScan(p *Process, r Range, fn func(obj term.Term) bool) error {
	if t.opts.Type != OrderedSet {
		return ErrTableType
	}
	var m matchFunc
	if r.Spec != nil {
		m = r.Spec.NewMatcher().Match
	} else if r.query != nil {
		m = r.query.newMatch()
	}
	sp := boundsSpan(r.Lower, r.Upper)
	c := cursor{reverse: r.Descending}
	given := 0
	chunk := make([]term.Term, 0, foldChunk)
	for {
		if err := t.rlock(p); err != nil {
			return err
		}
		chunk = chunk[:0]
		done := t.storage().(*orderedSet).spanScan(&sp, &c, t.version.Load(), func(obj term.Term) bool {
			if m != nil {
				res, ok := m(obj)
				if !ok {
					return true
				}
				obj = res
			}
			chunk = append(chunk, obj)
			return len(chunk) < foldChunk
		})
		t.mu.RUnlock()
		for _, obj := range chunk {
			if !fn(obj) {
				return nil
			}
			if given++; r.Limit > 0 && given >= r.Limit {
				return nil
			}
		}
		if done {
			return nil
		}
	}
}
