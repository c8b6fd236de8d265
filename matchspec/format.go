package matchspec

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"github.com/etsql/etsql/term"
)

// This file prints terms as OTP's runtime prints them in match
// specification diagnostics (erts_printf's %T).

// maxDiagnosticLen is the length OTP truncates diagnostics to
// (DMC_ERR_STR_LEN minus the terminating NUL).
const maxDiagnosticLen = 99

func truncateDiagnostic(s string) string {
	if len(s) > maxDiagnosticLen {
		return s[:maxDiagnosticLen]
	}
	return s
}

// ertsFormat prints t as erts_printf's %T does.
func ertsFormat(t term.Term) string {
	var b strings.Builder
	writeErts(&b, t, 0)
	return b.String()
}

func writeErts(b *strings.Builder, t term.Term, depth int) {
	if depth > maxDepth || b.Len() > 4*maxDiagnosticLen {
		b.WriteString("...")
		return
	}
	switch t.Kind() {
	case term.KindInteger:
		writeInteger(b, t)
	case term.KindFloat:
		f, _ := t.Float64()
		b.WriteString(strconv.FormatFloat(f, 'e', 6, 64))
	case term.KindAtom:
		name, _ := t.AtomName()
		writeErtsAtom(b, name)
	case term.KindTuple:
		b.WriteByte('{')
		for i, e := range t.Elements() {
			if i > 0 {
				b.WriteByte(',')
			}
			writeErts(b, e, depth+1)
		}
		b.WriteByte('}')
	case term.KindNil:
		b.WriteString("[]")
	case term.KindList:
		elems, tail := t.ListParts()
		if tail.IsNil() && ertsPrintable(elems) {
			b.WriteByte('"')
			for _, e := range elems {
				c, _ := e.Int64()
				switch c {
				case '\n':
					b.WriteString(`\n`)
				case '"':
					b.WriteString(`\"`)
				default:
					b.WriteByte(byte(c))
				}
			}
			b.WriteByte('"')
			return
		}
		b.WriteByte('[')
		for i, e := range elems {
			if i > 0 {
				b.WriteByte(',')
			}
			writeErts(b, e, depth+1)
		}
		if !tail.IsNil() {
			b.WriteByte('|')
			writeErts(b, tail, depth+1)
		}
		b.WriteByte(']')
	case term.KindBinary:
		s, _ := t.BinaryValue()
		b.WriteString("<<")
		if len(s) > 0 && ertsPrintableBinary(s) {
			b.WriteByte('"')
			b.WriteString(strings.ReplaceAll(s, `"`, `\"`))
			b.WriteByte('"')
		} else {
			for i := 0; i < len(s); i++ {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(strconv.Itoa(int(s[i])))
			}
		}
		b.WriteString(">>")
	case term.KindMap:
		keys, vals := t.MapPairs()
		b.WriteString("#{")
		for i := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeErts(b, keys[i], depth+1)
			b.WriteString("=>")
			writeErts(b, vals[i], depth+1)
		}
		b.WriteByte('}')
	default:
		b.WriteString(opaqueText(t))
	}
}

// ertsPrintable is erl_printf_term's test for printing a list as a string
// (checked against erl): Latin-1 printable characters, tab, newline and
// carriage return.
func ertsPrintable(elems []term.Term) bool {
	for _, e := range elems {
		c, ok := e.Int64()
		if !ok || !(c >= ' ' && c <= '~' || c >= 160 && c <= 255 || c == '\t' || c == '\n' || c == '\r') {
			return false
		}
	}
	return true
}

func ertsPrintableBinary(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// writeErtsAtom quotes an atom unless it starts with a lower-case letter
// (or a byte beyond ASCII) and holds only letters, digits, underscores and
// bytes beyond ASCII; reserved words are not quoted by erts.
func writeErtsAtom(b *strings.Builder, name string) {
	if ertsBareAtom(name) {
		b.WriteString(name)
		return
	}
	b.WriteByte('\'')
	for i := 0; i < len(name); i++ {
		switch c := name[i]; c {
		case '\'', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
}

func ertsBareAtom(name string) bool {
	if name == "" || !(name[0] >= 'a' && name[0] <= 'z' || name[0] >= 128) {
		return false
	}
	for i := 1; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 128) {
			return false
		}
	}
	return true
}

func writeInteger(b *strings.Builder, t term.Term) {
	if v, ok := t.Int64(); ok {
		b.WriteString(strconv.FormatInt(v, 10))
		return
	}
	v, _ := t.Big()
	b.WriteString(v.String())
}

// opaqueText prints a pid, port, reference or fun as Erlang shows it,
// decoding the node-local numbers from its External Term Format bytes.
func opaqueText(t term.Term) string {
	ext, _ := t.OpaqueExt()
	node, rest, ok := splitNodeAtom(ext)
	_ = node
	switch t.Kind() {
	case term.KindPid:
		if ok && len(rest) >= 8 {
			return fmt.Sprintf("<0.%d.%d>", binary.BigEndian.Uint32(rest), binary.BigEndian.Uint32(rest[4:]))
		}
		return "<0.0.0>"
	case term.KindPort:
		if ok && len(rest) >= 4 {
			return fmt.Sprintf("#Port<0.%d>", binary.BigEndian.Uint32(rest))
		}
		return "#Port<0.0>"
	case term.KindReference:
		return "#Ref<0.0.0.0>"
	case term.KindFun:
		return "#Fun<>"
	}
	return "?"
}

// splitNodeAtom decodes the node atom that opens the body of a pid, port
// or reference encoding (after its tag byte, and for references the
// length word) and returns the node name and the bytes after it.
func splitNodeAtom(ext []byte) (node string, rest []byte, ok bool) {
	if len(ext) < 1 {
		return "", nil, false
	}
	body := ext[1:]
	switch ext[0] {
	case 114, 90: // NEW_REFERENCE_EXT, NEWER_REFERENCE_EXT: Len(2) then Node
		if len(body) < 2 {
			return "", nil, false
		}
		body = body[2:]
	case 88, 103, 102, 89, 120, 101: // pids, ports, old reference
	default:
		return "", nil, false
	}
	if len(body) < 1 {
		return "", nil, false
	}
	var n int
	var hdr int
	switch body[0] {
	case 100, 118: // ATOM_EXT, ATOM_UTF8_EXT
		if len(body) < 3 {
			return "", nil, false
		}
		n, hdr = int(binary.BigEndian.Uint16(body[1:])), 3
	case 115, 119: // SMALL_ATOM_EXT, SMALL_ATOM_UTF8_EXT
		if len(body) < 2 {
			return "", nil, false
		}
		n, hdr = int(body[1]), 2
	default:
		return "", nil, false
	}
	if len(body) < hdr+n {
		return "", nil, false
	}
	return string(body[hdr : hdr+n]), body[hdr+n:], true
}
