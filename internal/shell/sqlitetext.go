package shell

import (
	"math"
	"strconv"
	"strings"
)

// sqliteFloat formats f as the sqlite3 shell shows a REAL: "%!.15g", that
// is 15 significant digits with a decimal point always present (1000.0,
// 0.3, 1.0e+20, 9.22337203685478e+18), and Inf, -Inf and NaN as SQLite
// spells them.
func sqliteFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	case math.IsNaN(f):
		return "NaN"
	case f == 0:
		return "0.0" // -0.0 too, as SQLite shows it
	}
	s := strconv.FormatFloat(f, 'g', 15, 64)
	mant, exp, hasExp := strings.Cut(s, "e")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	} else if hasExp {
		// %g drops trailing zeros of the mantissa already; keep at least one
		// digit after the point.
		mant = strings.TrimRight(mant, "0")
		if strings.HasSuffix(mant, ".") {
			mant += "0"
		}
	}
	if !hasExp {
		return mant
	}
	return mant + "e" + exp
}

// csvNeedsQuote reports whether the sqlite3 shell quotes field s in CSV
// mode: when it is empty (so that "" differs from NULL) or holds a
// control character, a space, a double or single quote, DEL, a byte of a
// non-ASCII character, or the separator.
func csvNeedsQuote(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c <= ' ', c == '"', c == '\'', c == ',', c >= 0x7f:
			return true
		}
	}
	return false
}

// csvField returns s as the sqlite3 shell writes it in CSV mode: quoted
// with inner quotes doubled when csvNeedsQuote says so, else as it is.
func csvField(s string) string {
	if !csvNeedsQuote(s) {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
