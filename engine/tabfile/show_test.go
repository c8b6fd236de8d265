package tabfile

import (
	"strings"

	"github.com/etsql/etsql/term"
)

// show prints a term for a test failure message, cut to a readable length.
func show(t term.Term) string {
	s := term.Format(t)
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

func showAll(ts []term.Term) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = show(t)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
