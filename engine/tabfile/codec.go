package tabfile

import (
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/etsql/etsql/term"
)

// appendTerm appends t's External Term Format encoding (term_to_binary/1's
// bytes) to dst, refusing terms Erlang cannot hold rather than writing the
// invalid byte term.AppendEncode puts in their place.
func appendTerm(dst []byte, t term.Term) ([]byte, error) {
	if err := checkEncodable(t, 0); err != nil {
		return dst, err
	}
	return term.AppendEncode(dst, t), nil
}

// checkEncodable reports why t has no encoding, if it has none.
func checkEncodable(t term.Term, depth int) error {
	if depth > term.MaxDepth {
		return term.ErrTooDeep
	}
	switch t.Kind() {
	case term.KindInvalid:
		return fmt.Errorf("%w: the zero Term", term.ErrUnsupported)
	case term.KindFloat:
		if f, _ := t.Float64(); !term.IsFinite(f) {
			return fmt.Errorf("%w: float %v", term.ErrUnsupported, f)
		}
	case term.KindAtom:
		name, _ := t.AtomName()
		if !validAtom(name) {
			return fmt.Errorf("%w: atom %q", term.ErrUnsupported, name)
		}
	case term.KindBinary:
		if s, _ := t.BinaryValue(); uint64(len(s)) > math.MaxUint32 {
			return fmt.Errorf("%w: binary of %d bytes", term.ErrUnsupported, len(s))
		}
	case term.KindTuple, term.KindList:
		elems, tail := t.ListParts()
		if t.IsTuple() {
			elems, tail = t.Elements(), term.Nil
		}
		for _, e := range elems {
			if err := checkEncodable(e, depth+1); err != nil {
				return err
			}
		}
		return checkEncodable(tail, depth+1)
	case term.KindMap:
		keys, vals := t.MapPairs()
		for i := range keys {
			if err := checkEncodable(keys[i], depth+1); err != nil {
				return err
			}
			if err := checkEncodable(vals[i], depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxAtomChars is Erlang's limit on the length of an atom, in characters.
const maxAtomChars = 255

func validAtom(name string) bool {
	return utf8.ValidString(name) && utf8.RuneCountInString(name) <= maxAtomChars
}
