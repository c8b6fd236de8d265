package tabfile

import (
	"fmt"
	"strings"

	"github.com/etsql/etsql/term"
)

// show prints a term roughly as Erlang does, for test failure messages (the
// term package's printer lives on another branch).
func show(t term.Term) string {
	var sb strings.Builder
	showTo(&sb, t)
	return sb.String()
}

func showAll(ts []term.Term) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = show(t)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func showTo(sb *strings.Builder, t term.Term) {
	switch t.Kind() {
	case term.KindInteger:
		b, _ := t.Big()
		sb.WriteString(b.String())
	case term.KindFloat:
		f, _ := t.Float64()
		fmt.Fprintf(sb, "%#v", f)
	case term.KindAtom:
		n, _ := t.AtomName()
		fmt.Fprintf(sb, "'%s'", n)
	case term.KindBinary:
		s, _ := t.BinaryValue()
		if len(s) > 40 {
			s = s[:40] + "..."
		}
		fmt.Fprintf(sb, "<<%q>>", s)
	case term.KindTuple, term.KindList, term.KindNil:
		open, closing := "[", "]"
		elems, tail := t.ListParts()
		if t.IsTuple() {
			open, closing, elems, tail = "{", "}", t.Elements(), term.Nil
		}
		sb.WriteString(open)
		for i, e := range elems {
			if i > 0 {
				sb.WriteString(",")
			}
			showTo(sb, e)
		}
		if !tail.IsNil() {
			sb.WriteString("|")
			showTo(sb, tail)
		}
		sb.WriteString(closing)
	case term.KindMap:
		ks, vs := t.MapPairs()
		sb.WriteString("#{")
		for i := range ks {
			if i > 0 {
				sb.WriteString(",")
			}
			showTo(sb, ks[i])
			sb.WriteString("=>")
			showTo(sb, vs[i])
		}
		sb.WriteString("}")
	default:
		ext, _ := t.OpaqueExt()
		fmt.Fprintf(sb, "#%s<%x>", t.Kind(), ext)
	}
}
