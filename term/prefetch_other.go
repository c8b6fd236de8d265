//go:build !amd64 && !arm64

package term

import "unsafe"

// Without a prefetch instruction, prefetching is loading: the loads of
// different tuples overlap as far as the processor allows (see
// TouchTuples).

func prefetchTuples(ts []Term) { TouchTuples(ts, false) }

func prefetchPointers(ps []unsafe.Pointer) { touchPointers(ps) }

//go:noinline
func touchPointers(ps []unsafe.Pointer) uint64 {
	var sum uint64
	for _, p := range ps {
		sum += uint64(*(*byte)(p))
	}
	return sum
}
