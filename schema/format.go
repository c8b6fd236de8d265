package schema

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/etsql/etsql/term"
)

// maxShown bounds the text of a value quoted in an error message.
const maxShown = 60

// sqlString quotes s as an SQL string literal for an error message,
// shortened when long.
func sqlString(s string) string {
	if len(s) > maxShown {
		cut := maxShown
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// showValue renders a value for an error message: text as an SQL string,
// other terms in Erlang syntax, nested terms and long ones shortened.
func showValue(t term.Term) string {
	if s, ok := t.BinaryValue(); ok && utf8.ValidString(s) {
		return sqlString(s)
	}
	var b strings.Builder
	writeValue(&b, t, 0)
	if b.Len() > maxShown {
		return b.String()[:maxShown] + "..."
	}
	return b.String()
}

func writeValue(b *strings.Builder, t term.Term, depth int) {
	if depth > 4 || b.Len() > maxShown {
		b.WriteString("...")
		return
	}
	switch t.Kind() {
	case term.KindInteger:
		n, _ := t.Big()
		b.WriteString(n.String())
	case term.KindFloat:
		f, _ := t.Float64()
		b.WriteString(floatText(f))
	case term.KindAtom:
		name, _ := t.AtomName()
		b.WriteString(atomText(name))
	case term.KindBinary:
		s, _ := t.BinaryValue()
		b.WriteString("<<")
		if utf8.ValidString(s) {
			b.WriteString(strconv.Quote(s) + "/utf8")
		} else {
			for i := 0; i < len(s); i++ {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(strconv.Itoa(int(s[i])))
			}
		}
		b.WriteString(">>")
	case term.KindTuple:
		writeSeq(b, "{", t.Elements(), term.Nil, "}", depth)
	case term.KindNil, term.KindList:
		elems, tail := t.ListParts()
		writeSeq(b, "[", elems, tail, "]", depth)
	case term.KindMap:
		keys, vals := t.MapPairs()
		b.WriteString("#{")
		for i := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeValue(b, keys[i], depth+1)
			b.WriteString(" => ")
			writeValue(b, vals[i], depth+1)
		}
		b.WriteByte('}')
	default:
		b.WriteString("#" + t.Kind().String() + "<>")
	}
}

func writeSeq(b *strings.Builder, open string, elems []term.Term, tail term.Term, close string, depth int) {
	b.WriteString(open)
	for i, e := range elems {
		if i > 0 {
			b.WriteByte(',')
		}
		writeValue(b, e, depth+1)
		if b.Len() > maxShown {
			break
		}
	}
	if !tail.IsNil() {
		b.WriteByte('|')
		writeValue(b, tail, depth+1)
	}
	b.WriteString(close)
}

// atomText writes an atom as Erlang does: bare when it can be, quoted
// otherwise.
func atomText(name string) string {
	bare := name != ""
	for i, r := range name {
		if i == 0 && !(r >= 'a' && r <= 'z') || !(r == '_' || r == '@' || unicode.IsLetter(r) && r < 128 || unicode.IsDigit(r) && r < 128) {
			bare = false
			break
		}
	}
	if bare {
		return name
	}
	return "'" + strings.ReplaceAll(strings.ReplaceAll(name, `\`, `\\`), "'", `\'`) + "'"
}

// floatText is the text of a float: the shortest that reads back as the
// same float, always with a decimal point or exponent ("1.5", "100.0",
// "1e+20"), as a TEXT column receives it.
func floatText(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}
