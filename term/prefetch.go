package term

import "unsafe"

// PrefetchTuples asks the processor to load, without waiting for them,
// the cache lines holding the first and last elements of each tuple of
// ts. A term of ts that is not a tuple makes it prefetch a meaningless
// address, which does nothing (prefetches never fault).
func PrefetchTuples(ts []Term) { prefetchTuples(ts) }

// PrefetchKeys asks the processor to load, without waiting for it, the
// first cache line of the elements of each tuple's first element when
// that is a tuple or list (a compound key). It reads the tuples' first
// elements, so they should be in the cache already (PrefetchTuples them
// first).
func PrefetchKeys(ts []Term) {
	var ps [32]unsafe.Pointer
	for len(ts) > 0 {
		n := 0
		for _, t := range ts[:min(len(ts), len(ps))] {
			e, ok := tupleWords(t)
			if !ok {
				continue
			}
			if k := e[0]; k.ptr != nil && k.ptr != smallIntPtr && k.ptr != floatPtr {
				if tg := tag(k.word >> tagShift); tg == tagTuple || tg == tagList {
					ps[n] = k.ptr
					n++
				}
			}
		}
		prefetchPointers(ps[:n])
		ts = ts[min(len(ts), len(ps)):]
	}
}
