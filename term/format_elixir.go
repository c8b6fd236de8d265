package term

import (
	"encoding/binary"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FormatElixir returns t as Elixir's Kernel.inspect/2 prints it (Elixir 1.15
// and later) with no truncation and no line breaks, that is
// inspect(t, limit: :infinity, printable_limit: :infinity, width: :infinity):
//
//	:ok  :"$1"  nil  true  Foo.Bar  {:a, 1}  [1, 2 | 3]  [a: 1]  %{a: 1}
//	%{1 => 2}  "text"  <<1, 2>>  ~c"abc"  10000000000.0  1.0e16  0.1
//
// Charlists print with the ~c sigil (Elixir 1.15's convention) when all
// their characters are ASCII printable; binaries print as strings when they
// are printable UTF-8. Caveats: atoms beyond ASCII are judged by Unicode
// letter classes, without Elixir's NFC and mixed-script checks; anonymous
// funs print as #Function<Index.Uniq/Arity in Module> without the name of
// the function that defined them, which is not in their encoding.
func FormatElixir(t Term) string { return string(AppendFormatElixir(nil, t)) }

// AppendFormatElixir appends FormatElixir(t) to b.
func AppendFormatElixir(b []byte, t Term) []byte {
	switch t.tag() {
	case tagSmallInt, tagBigInt:
		return appendTerm(b, t, false)
	case tagFloat:
		return appendElixirFloat(b, math.Float64frombits(t.word))
	case tagAtom:
		return appendElixirAtom(b, t.str())
	case tagBinary:
		return appendElixirBinary(b, t.str())
	case tagTuple:
		return appendElixirElems(append(b, '{'), t.elems(), Nil, '}')
	case tagNil:
		return append(b, "[]"...)
	case tagList, tagImproper:
		return appendElixirList(b, t)
	case tagMap:
		return appendElixirMap(b, t)
	case tagPid, tagPort, tagRef, tagFun:
		return appendElixirOpaque(b, t)
	}
	return append(b, "#Invalid<>"...)
}

// appendElixirElems prints elements separated by ", ", then " | tail"
// unless tail is [], then end.
func appendElixirElems(b []byte, elems []Term, tail Term, end byte) []byte {
	for i, e := range elems {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = AppendFormatElixir(b, e)
	}
	if !tail.IsNil() {
		b = AppendFormatElixir(append(b, " | "...), tail)
	}
	return append(b, end)
}

// appendElixirFloat prints as Inspect.Float: integral floats in [1, 1e16)
// as digits and ".0", others in Erlang's shortest form.
func appendElixirFloat(b []byte, f float64) []byte {
	if a := math.Abs(f); a >= 1 && a < 1e16 && f == math.Trunc(f) {
		return append(strconv.AppendInt(b, int64(f), 10), ".0"...)
	}
	return appendFloat(b, f)
}

func appendElixirList(b []byte, t Term) []byte {
	elems, tail := t.ListParts()
	if tail.IsNil() {
		if asciiPrintable(elems) {
			chars := make([]byte, len(elems))
			for i, e := range elems {
				chars[i] = byte(e.word)
			}
			return append(appendElixirString(append(b, `~c"`...), string(chars)), '"')
		}
		if keywordList(elems) {
			b = append(b, '[')
			for i, e := range elems {
				if i > 0 {
					b = append(b, ", "...)
				}
				b = appendKeyword(b, e.elems()[0], e.elems()[1])
			}
			return append(b, ']')
		}
	}
	return appendElixirElems(append(b, '['), elems, tail, ']')
}

// asciiPrintable is List.ascii_printable?/1.
func asciiPrintable(elems []Term) bool {
	for _, e := range elems {
		c, ok := e.Int64()
		if !ok || !(c >= 7 && c <= 13 || c == 27 || c >= 32 && c <= 126) {
			return false
		}
	}
	return true
}

// keywordList is Inspect.List.keyword?/1: every element a pair whose first
// element is an atom not starting with "Elixir.".
func keywordList(elems []Term) bool {
	for _, e := range elems {
		if e.Arity() != 2 || !isKeywordKey(e.elems()[0]) {
			return false
		}
	}
	return true
}

func isKeywordKey(k Term) bool {
	name, ok := k.AtomName()
	return ok && !strings.HasPrefix(name, "Elixir.")
}

func appendKeyword(b []byte, k, v Term) []byte {
	name := k.str()
	switch classifyElixirAtom(name) {
	case elixirAlias:
		b = append(append(append(b, '"'), name...), `":`...)
	case elixirQuoted:
		b = appendElixirString(append(b, '"'), name)
		b = append(b, `":`...)
	default:
		b = append(append(b, name...), ':')
	}
	return AppendFormatElixir(append(b, ' '), v)
}

func appendElixirMap(b []byte, t Term) []byte {
	keys, vals := t.MapPairs()
	b = append(b, "%{"...)
	kw := true
	for _, k := range keys {
		kw = kw && isKeywordKey(k)
	}
	for i := range keys {
		if i > 0 {
			b = append(b, ", "...)
		}
		if kw {
			b = appendKeyword(b, keys[i], vals[i])
			continue
		}
		b = AppendFormatElixir(b, keys[i])
		b = AppendFormatElixir(append(b, " => "...), vals[i])
	}
	return append(b, '}')
}

func appendElixirBinary(b []byte, s string) []byte {
	if elixirPrintable(s) {
		return append(appendElixirString(append(b, '"'), s), '"')
	}
	b = append(b, "<<"...)
	for i := 0; i < len(s); i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendInt(b, int64(s[i]), 10)
	}
	return append(b, ">>"...)
}

// elixirPrintable is String.printable?/1.
func elixirPrintable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000:
		case r == '\n', r == '\r', r == '\t', r == '\v', r == '\b', r == '\f', r == 0x1b, r == 0x7f, r == 7:
		default:
			return false
		}
	}
	return true
}

// appendElixirString escapes s for a double-quoted Elixir string, as
// Code.Identifier.escape/2 does.
func appendElixirString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = appendHex(append(b, `\x`...), uint64(s[i]), 2)
		case r == '#' && i+1 < len(s) && s[i+1] == '{':
			b = append(b, `\#`...)
		default:
			b = appendElixirEscaped(b, r)
		}
		i += n
	}
	return b
}

// elixirEscapes are the letter escapes of Code.Identifier.escape_map/1.
var elixirEscapes = [128]byte{7: 'a', '\b': 'b', 0x7f: 'd', 0x1b: 'e', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v', '\\': '\\', '"': '"'}

func appendElixirEscaped(b []byte, r rune) []byte {
	switch {
	case r < 0x80 && elixirEscapes[r] != 0:
		return append(b, '\\', elixirEscapes[r])
	case r == 0:
		return append(b, `\0`...)
	case confusingRune(r):
		return appendHex(append(b, `\u`...), uint64(r), 4)
	case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return utf8.AppendRune(b, r)
	case r < 0x80:
		return appendHex(append(b, `\x`...), uint64(r), 2)
	case r < 0x10000:
		return appendHex(append(b, `\u`...), uint64(r), 4)
	}
	b = appendHex(append(b, `\u{`...), uint64(r), 6)
	return append(b, '}')
}

// confusingRune reports the invisible and space characters Elixir prints
// as \uXXXX even in printable text.
func confusingRune(r rune) bool {
	switch {
	case r == 0xFEFF, r >= 0x2061 && r <= 0x2064, r == 0x061C, r == 0x200E, r == 0x200F,
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r >= 0xFFF9 && r <= 0xFFFC,
		r == 0x200C, r == 0x200D, r == 0x034F, r == 0x00A0, r == 0x200B, r == 0x2060,
		r == 0x2028, r == 0x2029, r >= 0x2000 && r <= 0x200A, r == 0x205F:
		return true
	}
	return false
}

// appendHex appends v as upper-case hex, zero-padded to width digits.
func appendHex(b []byte, v uint64, width int) []byte {
	const digits = "0123456789ABCDEF"
	for i := width - 1; i >= 0; i-- {
		b = append(b, digits[v>>(4*uint(i))&15])
	}
	return b
}

// ---- atoms ----

type elixirAtomClass uint8

const (
	elixirIdentifier elixirAtomClass = iota // :foo, also :Foo, :foo@bar and operators
	elixirAlias                             // Elixir.Foo, printed Foo
	elixirQuoted                            // :"foo bar"
)

var (
	elixirNotCallable = map[string]bool{"%": true, "%{}": true, "{}": true, "<<>>": true,
		"...": true, "..": true, ".": true, "..//": true, "->": true}
	elixirQuotedOperators = map[string]bool{"::": true, "^^^": true, "~~~": true, "<|>": true}
	elixirOperators       = map[string]bool{
		// unary
		"&": true, "!": true, "^": true, "not": true, "+": true, "-": true, "@": true,
		// binary
		"<-": true, `\\`: true, "when": true, "|": true, "=": true, "||": true, "|||": true,
		"or": true, "&&": true, "&&&": true, "and": true, "==": true, "!=": true, "=~": true,
		"===": true, "!==": true, "<": true, "<=": true, ">=": true, ">": true, "|>": true,
		"<<<": true, ">>>": true, "<~": true, "~>": true, "<<~": true, "~>>": true, "<~>": true,
		"in": true, "++": true, "--": true, "<>": true, "+++": true, "---": true,
		"*": true, "/": true, "**": true,
	}
)

// classifyElixirAtom follows Macro.classify_atom/1.
func classifyElixirAtom(name string) elixirAtomClass {
	switch {
	case elixirNotCallable[name]:
		return elixirIdentifier
	case elixirQuotedOperators[name]:
		return elixirQuoted
	case elixirOperators[name]:
		return elixirIdentifier
	case strings.HasPrefix(name, "Elixir") && validAliasRest(name[len("Elixir"):]):
		return elixirAlias
	case elixirIdentifierToken(name):
		return elixirIdentifier
	}
	return elixirQuoted
}

// validAliasRest reports whether s is a sequence of ".Upper..." pieces.
func validAliasRest(s string) bool {
	for s != "" {
		if len(s) < 2 || s[0] != '.' || s[1] < 'A' || s[1] > 'Z' {
			return false
		}
		i := 2
		for i < len(s) && (isASCIIAlnum(s[i]) || s[i] == '_') {
			i++
		}
		s = s[i:]
	}
	return true
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// elixirIdentifierToken reports whether Elixir's identifier tokenizer reads
// all of name as one identifier, alias or atom: a letter or '_', then
// letters, digits, marks, '_' and '@', with an optional final '?' or '!'.
func elixirIdentifierToken(name string) bool {
	for i, r := range name {
		switch {
		case i == 0:
			if r != '_' && !unicode.IsLetter(r) && !unicode.Is(unicode.Nl, r) {
				return false
			}
		case r == '?' || r == '!':
			return i+1 == len(name)
		case r == '_' || r == '@' || r < 0x80 && isASCIIAlnum(byte(r)):
		case r < 0x80:
			return false
		case !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) &&
			!unicode.Is(unicode.Nl, r) && !unicode.Is(unicode.Pc, r):
			return false
		}
	}
	return name != ""
}

// appendElixirAtom prints an atom as Macro.inspect_atom(:literal, atom).
func appendElixirAtom(b []byte, name string) []byte {
	switch name {
	case "nil", "true", "false":
		return append(b, name...)
	}
	switch classifyElixirAtom(name) {
	case elixirAlias:
		if name == "Elixir" || name == "Elixir.Elixir" || strings.HasPrefix(name, "Elixir.Elixir.") {
			return append(b, name...)
		}
		return append(b, name[len("Elixir."):]...)
	case elixirQuoted:
		return append(appendElixirString(append(b, `:"`...), name), '"')
	}
	return append(append(b, ':'), name...)
}

// appendRemoteName prints a function name as Macro.inspect_atom(:remote_call, name):
// bare for operators and identifiers, else in double quotes.
func appendRemoteName(b []byte, name string) []byte {
	first, _ := utf8.DecodeRuneInString(name)
	if elixirQuotedOperators[name] || elixirOperators[name] ||
		elixirIdentifierToken(name) && !unicode.IsUpper(first) && !strings.Contains(name, "@") {
		return append(b, name...)
	}
	if classifyElixirAtom(name) == elixirQuoted {
		return append(appendElixirString(append(b, '"'), name), '"')
	}
	return append(append(append(b, '"'), name...), '"')
}

// ---- opaque terms ----

func appendElixirOpaque(b []byte, t Term) []byte {
	ext, _ := t.OpaqueExt()
	switch t.Kind() {
	case KindPid:
		return appendOpaque(append(b, "#PID"...), t)
	case KindReference:
		s := string(appendOpaque(nil, t))
		return append(append(b, "#Reference"...), strings.TrimPrefix(s, "#Ref")...)
	case KindFun:
		if len(ext) > 0 && ext[0] == extExport {
			return appendElixirExport(b, t, ext)
		}
		if len(ext) > 0 && ext[0] == extNewFun {
			return appendElixirFun(b, t, ext)
		}
	}
	return appendOpaque(b, t)
}

func appendElixirExport(b []byte, t Term, ext []byte) []byte {
	r := &extReader{b: ext[1:]}
	mod, name := r.atom(), r.atom()
	arity := r.integer()
	if r.bad {
		return appendOpaque(b, t)
	}
	b = appendElixirAtom(append(b, '&'), mod)
	b = appendRemoteName(append(b, '.'), name)
	return strconv.AppendUint(append(b, '/'), arity, 10)
}

func appendElixirFun(b []byte, t Term, ext []byte) []byte {
	r := &extReader{b: ext[1:]}
	r.take(4)
	arity := r.u8()
	r.take(16)
	index := binary.BigEndian.Uint32(r.take(4))
	r.take(4)
	mod := r.atom()
	r.integer()
	uniq := r.integer()
	if r.bad {
		return appendOpaque(b, t)
	}
	b = appendDotted(append(b, "#Function<"...), uint64(index), uniq)
	b = strconv.AppendUint(append(b, '/'), arity, 10)
	b = appendElixirAtom(append(b, " in "...), mod)
	return append(b, '>')
}
