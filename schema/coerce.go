package schema

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/etsql/etsql/term"
)

// Null is the term a NULL is stored as: the atom undefined.
var Null = term.Undefined

// IsNull reports whether t is a NULL (the atom undefined).
func IsNull(t term.Term) bool { return t.IsAtomNamed("undefined") }

// Coerce returns v converted to the term a column of type t stores, or an
// ErrBadValue error "cannot store V as T". NULL (the atom undefined) passes
// unchanged: whether a column takes NULL is the table's business.
//
// The conversions follow SQLite's STRICT tables, with types:
//
//	INT        integers; floats with an integral value (1.0 -> 1); text
//	           holding a number with an integral value ('123', ' 7 ',
//	           '1e3', '2.0')
//	FLOAT      floats; integers (1 -> 1.0); text holding a number ('1.5')
//	TEXT       UTF-8 binaries; integers and floats, as their text ('1.5')
//	BLOB       binaries
//	BOOL       true and false; integers 1 and 0; text 'true', 'false',
//	           't', 'f', 'yes', 'no', 'y', 'n', 'on', 'off', '1', '0'
//	           (any case)
//	DATE       {Y, M, D}; text YYYY-MM-DD (see ParseDate); a timestamp
//	           (term or text) at exactly 00:00:00 UTC, such as a Go
//	           time.Time of a date column read back
//	TIMESTAMP  {{Y, M, D}, {H, Mi, S}} (a float S with an integral value
//	           becomes an integer); a date {Y, M, D} (at midnight); ISO-8601
//	           text (see ParseTimestamp)
//	TERM       any term, as is
//	ANY        SQL values as they are, as SQLite stores them in a column
//	           without affinity: integers, floats and binaries unchanged;
//	           true and false as 1 and 0; dates and timestamps as their
//	           ISO text (see FormatDate, FormatTimestamp)
//
// Anything else is refused: no bool into INT, no number into DATE, no
// tuple into TEXT.
func (t Type) Coerce(v term.Term) (term.Term, error) {
	if IsNull(v) {
		return v, nil
	}
	if out, ok := t.coerce(v); ok {
		return out, nil
	}
	if !v.IsValid() {
		return term.Term{}, errorf(ErrBadValue, "cannot store no value as %s", t)
	}
	return term.Term{}, errorf(ErrBadValue, "cannot store %s as %s", showValue(v), t)
}

func (t Type) coerce(v term.Term) (term.Term, bool) {
	switch t {
	case Int:
		return toInt(v)
	case Float:
		return toFloat(v)
	case Text:
		return toText(v)
	case Blob:
		return v, v.IsBinary()
	case Bool:
		return toBool(v)
	case Date:
		return toDate(v)
	case Timestamp:
		return toTimestamp(v)
	case Term:
		return v, v.IsValid()
	case Any:
		return toAny(v)
	}
	return term.Term{}, false
}

// toAny is the ANY conversion: a value SQL has a class for, as SQLite
// would store it.
func toAny(v term.Term) (term.Term, bool) {
	switch v.Kind() {
	case term.KindInteger, term.KindFloat, term.KindBinary:
		return v, true
	}
	if v.IsBoolean() {
		if v.IsTrue() {
			return term.Int(1), true
		}
		return term.Int(0), true
	}
	if s, ok := FormatDate(v); ok {
		return term.BinaryString(s), true
	}
	if s, ok := FormatTimestamp(v); ok {
		return term.BinaryString(s), true
	}
	return term.Term{}, false
}

func toInt(v term.Term) (term.Term, bool) {
	switch v.Kind() {
	case term.KindInteger:
		return v, true
	case term.KindFloat:
		f, _ := v.Float64()
		return integralFloat(f)
	case term.KindBinary:
		s, _ := v.BinaryValue()
		s = strings.TrimSpace(s)
		if isIntegerText(s) {
			n, ok := new(big.Int).SetString(strings.TrimPrefix(s, "+"), 10)
			return term.BigInt(n), ok
		}
		if f, ok := parseNumberText(s); ok {
			return integralFloat(f)
		}
	}
	return term.Term{}, false
}

// integralFloat returns the integer equal to f, if f has an integral value.
func integralFloat(f float64) (term.Term, bool) {
	if !term.IsFinite(f) || f != math.Trunc(f) {
		return term.Term{}, false
	}
	if f >= -(1<<63) && f < 1<<63 {
		return term.Int(int64(f)), true
	}
	n, _ := big.NewFloat(f).Int(nil)
	return term.BigInt(n), true
}

func toFloat(v term.Term) (term.Term, bool) {
	switch v.Kind() {
	case term.KindFloat:
		return v, true
	case term.KindInteger:
		f, ok := v.Number()
		return term.Float(f), ok
	case term.KindBinary:
		s, _ := v.BinaryValue()
		f, ok := parseNumberText(strings.TrimSpace(s))
		return term.Float(f), ok
	}
	return term.Term{}, false
}

func toText(v term.Term) (term.Term, bool) {
	switch v.Kind() {
	case term.KindBinary:
		s, _ := v.BinaryValue()
		return v, utf8.ValidString(s)
	case term.KindInteger:
		n, _ := v.Big()
		return term.BinaryString(n.String()), true
	case term.KindFloat:
		f, _ := v.Float64()
		return term.BinaryString(floatText(f)), true
	}
	return term.Term{}, false
}

func toBool(v term.Term) (term.Term, bool) {
	switch v.Kind() {
	case term.KindAtom:
		return v, v.IsBoolean()
	case term.KindInteger:
		n, ok := v.Int64()
		return term.Bool(n == 1), ok && (n == 0 || n == 1)
	case term.KindBinary:
		s, _ := v.BinaryValue()
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true", "t", "yes", "y", "on", "1":
			return term.True, true
		case "false", "f", "no", "n", "off", "0":
			return term.False, true
		}
	}
	return term.Term{}, false
}

func toDate(v term.Term) (term.Term, bool) {
	if s, ok := v.BinaryValue(); ok {
		if d, err := ParseDate(s); err == nil {
			return d, true
		}
		ts, err := ParseTimestamp(s)
		if err != nil {
			return term.Term{}, false
		}
		v = ts
	}
	if _, ok := dateOf(v); ok {
		return v, true
	}
	return midnightDate(v)
}

// midnightDate returns the date of a timestamp at exactly 00:00:00 UTC, the
// only timestamps a DATE column takes without losing anything: a Go
// time.Time passed for a DATE column, as date columns give back.
func midnightDate(v term.Term) (term.Term, bool) {
	tm, ok := timeOf(v)
	if !ok || tm.Hour() != 0 || tm.Minute() != 0 || tm.Second() != 0 || tm.Nanosecond() != 0 {
		return term.Term{}, false
	}
	return dateTerm(tm)
}

func toTimestamp(v term.Term) (term.Term, bool) {
	if s, ok := v.BinaryValue(); ok {
		ts, err := ParseTimestamp(s)
		return ts, err == nil
	}
	if d, ok := dateOf(v); ok {
		return timestampTerm(time.Date(d.year, time.Month(d.month), d.day, 0, 0, 0, 0, time.UTC))
	}
	if tm, ok := timeOf(v); ok {
		return timestampTerm(tm)
	}
	return term.Term{}, false
}

// isIntegerText reports whether s is [+-]digits.
func isIntegerText(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// parseNumberText reads an SQL numeric literal with an optional sign:
// [+-](digits[.[digits]] | .digits)[(e|E)[+-]digits]. Hexadecimal,
// infinities, NaN and underscores are refused, as is a value beyond the
// float range.
func parseNumberText(s string) (float64, bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	mantissa := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		mantissa++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && isDigit(s[i]); i++ {
			mantissa++
		}
	}
	if mantissa == 0 {
		return 0, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := i
		for ; i < len(s) && isDigit(s[i]); i++ {
		}
		if i == exp {
			return 0, false
		}
	}
	if i != len(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
