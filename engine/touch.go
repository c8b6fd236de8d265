package engine

import "github.com/etsql/etsql/term"

// Scans read objects that sit at random places in memory: a hash table
// whose objects were replaced (update_counter builds new ones), or an
// ordered_set whose objects were inserted in another order than their
// keys'. Reading them one by one costs one cache miss after another. A
// scan therefore first touches a batch of objects, whose loads do not
// depend on each other and so overlap in the processor, and only then
// matches them, from the cache: software prefetching with ordinary loads.

// touchBatch is how many objects a scan touches ahead.
const touchBatch = 32

// touchTerms loads the first and last element of each tuple of objs. The
// sum it returns is meaningless; returning it keeps the loads from being
// optimized away.
//
//go:noinline
func touchTerms(objs []term.Term) int {
	sum := 0
	for _, obj := range objs {
		sum += touchTuple(obj)
	}
	return sum
}

// touchTuple loads the cache lines holding the first and last elements of
// a tuple (an 80-byte object usually spans two lines) and, when the first
// element is a tuple or list (a compound key), its first element.
func touchTuple(obj term.Term) int {
	e := obj.Elements()
	if len(e) == 0 {
		return 0
	}
	sum := int(e[0].Kind()) + int(e[len(e)-1].Kind())
	if inner := e[0].Elements(); len(inner) > 0 {
		sum += int(inner[0].Kind())
	}
	return sum
}
