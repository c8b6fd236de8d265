package engine

import "github.com/etsql/etsql/term"

// Scans read objects that sit at random places in memory: a hash table
// whose objects were replaced (update_counter builds new ones), or an
// ordered_set whose objects were inserted in another order than their
// keys'. Reading them one by one costs one cache miss after another. A
// scan therefore first touches a batch of objects, whose loads do not
// depend on each other and so overlap in the processor, and only then
// matches them, from the cache: software prefetching with ordinary loads
// (term.TouchTuples).

// touchBatch is how many objects a scan touches ahead.
const touchBatch = 32

// touchTerms loads the cache lines of the first and last elements of
// each tuple of objs and, when the first object's first element is a
// tuple or list (a compound key, as in the tables of composite keys the
// planner makes), the first element of every first element too.
func touchTerms(objs []term.Term) uint64 {
	if len(objs) == 0 {
		return 0
	}
	return term.TouchTuples(objs, term.IsCompound(objs[0]))
}
