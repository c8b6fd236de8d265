package schema

import (
	"strconv"
	"strings"
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
// other terms in Erlang syntax, long ones shortened.
func showValue(t term.Term) string {
	if s, ok := t.BinaryValue(); ok && utf8.ValidString(s) {
		return sqlString(s)
	}
	text := term.Format(t)
	if len(text) > maxShown {
		cut := maxShown
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		return text[:cut] + "..."
	}
	return text
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
