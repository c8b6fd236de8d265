package shell

import (
	"strings"

	"github.com/etsql/etsql/term"
)

// prettyWidth is the line width pretty printing aims for, as io:format's
// ~p.
const prettyWidth = 80

// pretty formats t as the Erlang shell prints results: on one line when it
// fits, else a list or tuple with one element per line, aligned after its
// opening bracket:
//
//	[{1,<<"Chai">>,1,1},
//	 {2,<<"Chang">>,1,1}]
func pretty(t term.Term) string {
	var b strings.Builder
	appendPretty(&b, t, 0, 0)
	return b.String()
}

// appendPretty writes t starting at column col; depth caps recursion (past
// term.MaxDepth levels the rest is written inline).
func appendPretty(b *strings.Builder, t term.Term, col, depth int) {
	flat := term.Format(t)
	if col+len(flat) <= prettyWidth || depth >= term.MaxDepth {
		b.WriteString(flat)
		return
	}
	var open, close string
	var elems []term.Term
	switch {
	case t.IsTuple():
		open, close, elems = "{", "}", t.Elements()
	case t.IsProperList() && !t.IsNil() && !isPrintable(flat):
		open, close, elems = "[", "]", t.Elements()
	default:
		b.WriteString(flat)
		return
	}
	if len(elems) == 0 {
		b.WriteString(flat)
		return
	}
	b.WriteString(open)
	for i, e := range elems {
		if i > 0 {
			b.WriteString(",\n")
			b.WriteString(strings.Repeat(" ", col+1))
		}
		appendPretty(b, e, col+1, depth+1)
	}
	b.WriteString(close)
}

// isPrintable reports whether a list printed as a string ("abc").
func isPrintable(flat string) bool { return strings.HasPrefix(flat, "\"") }
