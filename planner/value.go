package planner

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// Values at run time are the terms the tables store (see package schema):
// NULL is the atom undefined, integers and floats are numbers, TEXT and
// BLOB are binaries, BOOL is true or false (1 or 0 to SQL), DATE and
// TIMESTAMP are tuples that SQL sees as their ISO text, as SQLite stores
// them. Truth values are the integers 1 and 0, as in SQLite.

var (
	null     = schema.Null
	sqlTrue  = term.Int(1)
	sqlFalse = term.Int(0)
)

func isNull(t term.Term) bool { return !t.IsValid() || t.IsAtomNamed("undefined") }

func boolTerm(b bool) term.Term {
	if b {
		return sqlTrue
	}
	return sqlFalse
}

// class is the storage class order SQLite sorts by: NULL < numbers < text
// < blob; terms SQL has no class for (TERM columns) come last.
type class int

const (
	classNull class = iota
	classNumber
	classText
	classOther
)

func classOf(t term.Term) class {
	switch {
	case isNull(t):
		return classNull
	case t.IsNumber(), t.IsBoolean():
		return classNumber
	case t.IsBinary():
		return classText
	}
	if _, ok := temporalText(t); ok {
		return classText
	}
	return classOther
}

// temporalText returns the ISO text of a DATE or TIMESTAMP term.
func temporalText(t term.Term) (string, bool) {
	if !t.IsTuple() {
		return "", false
	}
	if s, ok := schema.FormatDate(t); ok {
		return s, true
	}
	return schema.FormatTimestamp(t)
}

// number returns t as a number term: integers and floats as they are,
// booleans as 1 and 0, and text by SQLite's rule (the longest numeric
// prefix, 0 if none).
func number(t term.Term) term.Term {
	switch {
	case t.IsNumber():
		return t
	case t.IsBoolean():
		return boolTerm(t.IsTrue())
	}
	s, ok := text(t)
	if !ok {
		return term.Int(0)
	}
	return numericPrefix(s)
}

// numericPrefix parses the longest prefix of s that is a number.
func numericPrefix(s string) term.Term {
	s = strings.TrimLeft(s, " \t\n\r")
	end, isFloat := scanNumber(s)
	if end == 0 {
		return term.Int(0)
	}
	return parseNumber(s[:end], isFloat)
}

func parseNumber(s string, isFloat bool) term.Term {
	if !isFloat {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return term.Int(i)
		}
	}
	f, _ := strconv.ParseFloat(s, 64)
	return term.Float(f)
}

// scanNumber returns the length of the numeric prefix of s and whether it
// has a fraction or exponent.
func scanNumber(s string) (int, bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	isFloat := false
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
			digits++
		}
		if digits > 0 {
			i, isFloat = j, true
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > j {
			i, isFloat = k, true
		}
	}
	return i, isFloat
}

// exactNumber returns the number text s holds as a whole (SQLite's numeric
// affinity: '12' is 12, ' 1.5 ' is 1.5, '12abc' is not a number).
func exactNumber(s string) (term.Term, bool) {
	s = strings.TrimSpace(s)
	end, isFloat := scanNumber(s)
	if end == 0 || end != len(s) {
		return term.Term{}, false
	}
	n := parseNumber(s, isFloat)
	if f, ok := n.Float64(); ok && f == math.Trunc(f) && math.Abs(f) < 1<<53 && isFloat {
		// SQLite keeps '2.0' as REAL 2.0 under numeric affinity
		return term.Float(f), true
	}
	return n, true
}

// text returns t as SQL text: numbers as SQLite prints them, binaries as
// they are, dates and timestamps as ISO text, booleans as 1 and 0.
func text(t term.Term) (string, bool) {
	switch {
	case isNull(t):
		return "", false
	case t.IsBinary():
		s, _ := t.BinaryValue()
		return s, true
	case t.IsInteger():
		if i, ok := t.Int64(); ok {
			return strconv.FormatInt(i, 10), true
		}
		b, _ := t.Big()
		return b.String(), true
	case t.IsFloat():
		f, _ := t.Float64()
		return formatFloat(f), true
	case t.IsBoolean():
		if t.IsTrue() {
			return "1", true
		}
		return "0", true
	}
	if s, ok := temporalText(t); ok {
		return s, true
	}
	return term.Format(t), true
}

// formatFloat prints f as SQLite's "%!.15g": always with a decimal point.
func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	case math.IsNaN(f):
		return "NaN"
	}
	s := strconv.FormatFloat(f, 'g', 15, 64)
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		if !strings.Contains(s[:i], ".") {
			s = s[:i] + ".0" + s[i:]
		}
		return s
	}
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// compareValues orders two values as SQLite's BINARY collation does:
// NULL first, then numbers (numerically), then text (bytewise), then other
// terms (term order).
func compareValues(a, b term.Term) int {
	ca, cb := classOf(a), classOf(b)
	if ca != cb {
		if ca < cb {
			return -1
		}
		return 1
	}
	switch ca {
	case classNull:
		return 0
	case classNumber:
		return term.Compare(number(a), number(b))
	case classText:
		a, b = promoteDate(a, b)
		sa, _ := text(a)
		sb, _ := text(b)
		return strings.Compare(sa, sb)
	}
	return term.Compare(a, b)
}

// promoteDate makes a DATE compared with a TIMESTAMP that date at
// midnight, as PostgreSQL does: DATE '1996-07-04' equals TIMESTAMP
// '1996-07-04 00:00:00' (their ISO texts alone would differ). Other pairs,
// text against a date included (SQLite's rule), are returned as they are.
func promoteDate(a, b term.Term) (term.Term, term.Term) {
	if !a.IsTuple() || !b.IsTuple() || a.Arity() == b.Arity() {
		return a, b
	}
	if ts, ok := midnightOf(a, b); ok {
		return ts, b
	}
	if ts, ok := midnightOf(b, a); ok {
		return a, ts
	}
	return a, b
}

// midnightOf returns date d as a TIMESTAMP at midnight when other is a
// TIMESTAMP.
func midnightOf(d, other term.Term) (term.Term, bool) {
	if _, ok := schema.FormatDate(d); !ok {
		return term.Term{}, false
	}
	if _, ok := schema.FormatTimestamp(other); !ok {
		return term.Term{}, false
	}
	ts, err := schema.Timestamp.Coerce(d)
	return ts, err == nil
}

// truth is SQL truth of a value: 1, 0 or NULL (isNull).
func truth(t term.Term) (val, known bool) {
	if isNull(t) {
		return false, false
	}
	n := number(t)
	if f, ok := n.Float64(); ok {
		return f != 0, true
	}
	if i, ok := n.Int64(); ok {
		return i != 0, true
	}
	return true, true // big integers are never zero
}

// ---- arithmetic, as SQLite: integers stay integers until they overflow

func arith(op byte, a, b term.Term) term.Term {
	if isNull(a) || isNull(b) {
		return null
	}
	a, b = number(a), number(b)
	ai, aInt := a.Int64()
	bi, bInt := b.Int64()
	if aInt && bInt {
		switch op {
		case '+':
			if r := ai + bi; (r > ai) == (bi > 0) {
				return term.Int(r)
			}
		case '-':
			if r := ai - bi; (r < ai) == (bi > 0) {
				return term.Int(r)
			}
		case '*':
			if ai == 0 || bi == 0 {
				return term.Int(0)
			}
			if r := ai * bi; r/bi == ai && !(ai == -1 && bi == math.MinInt64) && !(bi == -1 && ai == math.MinInt64) {
				return term.Int(r)
			}
		case '/':
			if bi == 0 {
				return null
			}
			if ai == math.MinInt64 && bi == -1 {
				return term.Float(-float64(ai))
			}
			return term.Int(ai / bi)
		case '%':
			if bi == 0 {
				return null
			}
			if bi == -1 {
				return term.Int(0)
			}
			return term.Int(ai % bi)
		}
	}
	x, y := toFloat(a), toFloat(b)
	switch op {
	case '+':
		return term.Float(x + y)
	case '-':
		return term.Float(x - y)
	case '*':
		return term.Float(x * y)
	case '/':
		if y == 0 {
			return null
		}
		return term.Float(x / y)
	case '%':
		xi, yi := int64(x), int64(y)
		if yi == 0 {
			return null
		}
		return term.Float(float64(xi % yi))
	}
	return null
}

func toFloat(n term.Term) float64 {
	if f, ok := n.Number(); ok {
		return f
	}
	if b, ok := n.Big(); ok {
		f, _ := new(big.Float).SetInt(b).Float64()
		return f
	}
	return 0
}

func negate(a term.Term) term.Term {
	if isNull(a) {
		return null
	}
	return arith('-', term.Int(0), a)
}

// ---- LIKE

// like reports whether s matches the SQL LIKE pattern p: % any run, _ one
// character, ASCII letters compared case-insensitively, esc (if >= 0)
// escaping the next pattern character.
func like(p, s string, esc rune) bool {
	pr, sr := []rune(p), []rune(s)
	return likeRunes(pr, sr, esc)
}

func likeRunes(p, s []rune, esc rune) bool {
	for len(p) > 0 {
		c := p[0]
		switch {
		case c == esc:
			if len(p) < 2 || len(s) == 0 || foldASCII(p[1]) != foldASCII(s[0]) {
				return false
			}
			p, s = p[2:], s[1:]
		case c == '%':
			for len(p) > 0 && p[0] == '%' {
				p = p[1:]
			}
			if len(p) == 0 {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if likeRunes(p, s[i:], esc) {
					return true
				}
			}
			return false
		case c == '_':
			if len(s) == 0 {
				return false
			}
			p, s = p[1:], s[1:]
		default:
			if len(s) == 0 || foldASCII(c) != foldASCII(s[0]) {
				return false
			}
			p, s = p[1:], s[1:]
		}
	}
	return len(s) == 0
}

func foldASCII(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// groupKey appends an encoding of v to dst such that two values get the
// same encoding exactly when SQL treats them as the same group or DISTINCT
// value (1 and 1.0 are one; NULLs are one).
// intGroupKey returns the integer that groupKey encodes v as, when it
// encodes it as one (an integer, an integral float, a BOOL), so that
// grouping on one integer value needs no encoding.
func intGroupKey(v term.Term) (int64, bool) {
	if i, ok := v.Int64(); ok && v.IsInteger() {
		return i, true // the commonest case first
	}
	if classOf(v) != classNumber {
		return 0, false
	}
	n := number(v)
	if f, ok := n.Float64(); ok && f == math.Trunc(f) && math.Abs(f) < 1<<63 {
		return int64(f), true
	}
	if i, ok := n.Int64(); ok && n.IsInteger() {
		return i, true
	}
	return 0, false
}

func groupKey(dst []byte, v term.Term) []byte {
	switch classOf(v) {
	case classNull:
		return append(dst, 'N', 0)
	case classNumber:
		n := number(v)
		if f, ok := n.Float64(); ok && f == math.Trunc(f) && math.Abs(f) < 1<<63 {
			n = term.Int(int64(f))
		}
		dst = append(dst, 'n')
		if i, ok := n.Int64(); ok {
			dst = strconv.AppendInt(dst, i, 10)
		} else if f, ok := n.Float64(); ok {
			dst = strconv.AppendFloat(dst, f, 'g', -1, 64)
		} else {
			b, _ := n.Big()
			dst = append(dst, b.String()...)
		}
		return append(dst, 0)
	case classText:
		s, _ := text(v)
		dst = append(dst, 't')
		dst = strconv.AppendInt(dst, int64(len(s)), 10)
		dst = append(dst, ':')
		return append(dst, s...)
	}
	s := term.Format(v)
	dst = append(dst, 'o')
	dst = strconv.AppendInt(dst, int64(len(s)), 10)
	dst = append(dst, ':')
	return append(dst, s...)
}
