package term

import "unsafe"

// TouchTuples loads, for each tuple of ts, the words holding its first
// and last elements (the one or two cache lines of an object of a few
// elements) and, when compound is true and the first element is itself a
// tuple or list, the word of that element's first element (a compound
// key). Terms other than tuples are skipped. The sum it returns means
// nothing: returning it keeps the loads from being optimized away.
//
// It is software prefetching with ordinary loads: the loads of different
// tuples do not depend on each other, and the loop has few instructions
// and only predictable branches, so the processor has many of them in
// flight at once where reading the tuples one by one would wait for each.
//
//go:noinline
func TouchTuples(ts []Term, compound bool) uint64 {
	var sum uint64
	if !compound {
		for _, t := range ts {
			if e, ok := tupleWords(t); ok {
				sum += e[0].word + e[len(e)-1].word
			}
		}
		return sum
	}
	for _, t := range ts {
		e, ok := tupleWords(t)
		if !ok {
			continue
		}
		k := e[0]
		sum += k.word + e[len(e)-1].word
		// Read the first element's first word, or a dummy, without a
		// branch on the element's kind (a word of an integer or float can
		// look like any header).
		p := unsafe.Pointer(&touchDummy)
		if tg := tag(k.word >> tagShift); (tg == tagTuple || tg == tagList) && k.ptr != nil && k.ptr != smallIntPtr && k.ptr != floatPtr {
			p = k.ptr
		}
		sum += (*Term)(p).word
	}
	return sum
}

// touchDummy is what TouchTuples reads when there is no compound key.
var touchDummy Term

// tupleWords returns the elements of a non-empty tuple.
func tupleWords(t Term) ([]Term, bool) {
	if t.word>>tagShift != uint64(tagTuple) || t.length() == 0 || t.ptr == smallIntPtr || t.ptr == floatPtr {
		return nil, false
	}
	return unsafe.Slice((*Term)(t.ptr), t.length()), true
}

// IsCompound reports whether t is a tuple whose first element is a
// non-empty tuple or list: an object with a compound key at position 1.
func IsCompound(t Term) bool {
	e := t.Elements()
	return len(e) > 0 && len(e[0].Elements()) > 0
}
