package tabfile

import (
	"unicode/utf8"

	"github.com/etsql/etsql/term"
)

// appendTerm appends t's External Term Format encoding (term_to_binary/1's
// bytes) to dst, refusing terms Erlang cannot hold rather than writing the
// invalid byte term.AppendEncode puts in their place.
func appendTerm(dst []byte, t term.Term) ([]byte, error) {
	return term.AppendEncodeChecked(dst, t)
}

// maxAtomChars is Erlang's limit on the length of an atom, in characters.
const maxAtomChars = 255

func validAtom(name string) bool {
	return utf8.ValidString(name) && utf8.RuneCountInString(name) <= maxAtomChars
}
