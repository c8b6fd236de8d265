package tests

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDifferential_printf runs printf with any format and a float, an
// integer and a text argument in etsql and SQLite: same text, or both
// refusing.
func FuzzDifferential_printf(f *testing.F) {
	for _, s := range []string{"%d", "%5.2f|%s", "%-8.3e", "%!.17g", "%,d %x %o", "%q %Q %w", "%c%c", "%.*f", "%*d", "%g %G %#g", "%%%", "%10.4s|", "%+08.2f", "%j %J", "%r"} {
		f.Add(s, 3.14159, int64(42), "it's")
	}
	f.Add("%.0e %.1e %g", 15000.0, int64(-7), "")
	f.Add("%e", 5e-324, int64(0), "héllo")
	f.Fuzz(func(t *testing.T, format string, x float64, n int64, s string) {
		if !printfArgsReasonable(format, n, s) || (strings.Contains(format, "*") && math.Abs(x) > 1000) {
			return // a width from x: etsql caps widths at 100000
		}
		// 12 significant digits: SQLite 3.54 writes a REAL as text with up
		// to 17 digits where etsql, as 3.40, writes 15; at 12 they agree.
		x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
		if x != 0 && math.Abs(x) < 1e-290 {
			return // subnormals keep few digits: the 12-digit rounding cannot help
		}
		db, lite := openPair(t)
		q := "SELECT printf(" + sqlString(format) + ", " + sqlFloat(x) + ", " + sqlInt(n) + ", " + sqlString(s) + ")"
		if msg := compareScalar(db, lite, q); msg != "" {
			t.Errorf("%s\n\t%s", q, msg)
		}
	})
}

// FuzzDifferential_dates reads any time value with any modifier in
// etsql's date functions and SQLite's: the same answers, NULLs included.
func FuzzDifferential_dates(f *testing.F) {
	for _, s := range [][2]string{
		{"2024-03-15", "+1 month"}, {"2024-03-15 10:20:30.5", "start of year"}, {"2460384.5", "weekday 3"},
		{"1710498030", "unixepoch"}, {"10:20", "+90 minutes"}, {"2024-01-31T23:59:59Z", "-0001-01-01 12:00"},
		{"-0044-03-15", "end of month"}, {"2024-02-29 24:00", "floor"}, {"12", "auto"}, {"2024-03-15 10:20+05:30", "+1.5 years"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, value, modifier string) {
		for _, s := range []string{value, modifier} {
			low := strings.ToLower(s)
			if !utf8.ValidString(s) || strings.ContainsRune(s, 0) || strings.Contains(low, "now") || strings.Contains(low, "local") || strings.Contains(low, "subsec") {
				return // the clock and the machine's time zone differ by design
			}
		}
		db, lite := openPair(t)
		v, m := sqlString(value), sqlString(modifier)
		q := "SELECT datetime(" + v + ", " + m + "), julianday(" + v + "), unixepoch(" + v + ", " + m + "), strftime('%Y-%m-%d %H:%M:%f %j %w %W %U %V %G %s %J', " + v + ", " + m + "), time(" + v + ")"
		if msg := compareScalar(db, lite, q); msg != "" {
			t.Errorf("%s\n\t%s", q, msg)
		}
	})
}

// printfArgsReasonable rules out what would only test memory: widths and
// precisions beyond 3 digits, and text with NULs or invalid UTF-8 (SQLite
// reads text up to a NUL).
func printfArgsReasonable(format string, n int64, s string) bool {
	if n > 1000 || n < -1000 || !utf8.ValidString(format) || !utf8.ValidString(s) || strings.ContainsRune(format+s, 0) {
		return false
	}
	digits := 0
	for i := 0; i < len(format); i++ {
		if format[i] >= '0' && format[i] <= '9' {
			if digits++; digits > 3 {
				return false
			}
		} else {
			digits = 0
		}
	}
	return true
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func sqlInt(n int64) string { return "(" + strconv.FormatInt(n, 10) + ")" }

// sqlFloat writes x as a REAL literal both databases read back exactly
// (infinities as 1e999; NaN, which SQL cannot hold, as NULL).
func sqlFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NULL"
	case math.IsInf(x, 1):
		return "1e999"
	case math.IsInf(x, -1):
		return "(-1e999)"
	}
	lit := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(lit, ".e") {
		lit += ".0"
	}
	return "(" + lit + ")"
}

// FuzzDifferential_text runs the text functions, LIKE and GLOB on any
// valid UTF-8 text and pattern in etsql and SQLite.
func FuzzDifferential_text(f *testing.F) {
	for _, s := range [][2]string{
		{"abc", "a%"}, {"a_c", "a!_c"}, {"Héllo", "h_llo"}, {"x*y", "x[*]y"}, {"]z", "[]]?"}, {"dbc", "[^a-c]*"},
		{"  pad  ", " "}, {"616263", "6"}, {"aAbB", "[a-b]*"}, {"€uro", "%o"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, s, p string) {
		if !utf8.ValidString(s) || !utf8.ValidString(p) || strings.ContainsRune(s+p, 0) || len(s)+len(p) > 200 ||
			!printfArgsReasonable(p, 0, s) || strings.Contains(p, "*") {
			return
		}
		db, lite := openPair(t)
		v, q := sqlString(s), sqlString(p)
		sql := "SELECT " + strings.NewReplacer("$s", v, "$p", q).Replace(
			"$s LIKE $p, $s GLOB $p, like($p, $s, '!'), glob($p, $s), hex($s), quote($s), unicode($s), "+
				"length($s), upper($s), lower($s), instr($s, $p), replace($s, $p, 'x'), trim($s, $p), ltrim($s, $p), "+
				"rtrim($s, $p), concat_ws($p, $s, $s), octet_length($s), unhex($s), unhex($s, $p), substr($s, 2, 3), "+
				"char(unicode($s), unicode($p)), printf($p, $s), sign($s), abs($s), round($s), CAST($s AS INTEGER), "+
				"CAST($s AS REAL), CAST($s AS NUMERIC), $s < $p, $s = $p")
		if msg := compareScalar(db, lite, sql); msg != "" {
			t.Errorf("%s\n\t%s", sql, msg)
		}
	})
}
