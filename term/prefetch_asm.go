//go:build amd64 || arm64

package term

import "unsafe"

// prefetchTuples and prefetchPointers are in prefetch_$GOARCH.s: a loop of
// PREFETCHT0 (amd64) or PRFM PLDL1KEEP (arm64) instructions, which never
// fault, whatever the address.

//go:noescape
func prefetchTuples(ts []Term)

//go:noescape
func prefetchPointers(ps []unsafe.Pointer)
