package schema

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/etsql/etsql/term"
)

// Dates and timestamps are stored as Erlang's calendar terms, {Y, M, D} and
// {{Y, M, D}, {H, Mi, S}}, in UTC, with years 0 to 9999. Whole seconds are
// integers, so a whole-second timestamp is a calendar:datetime(); a
// fractional second is kept, to the nanosecond, as a float S (0 <= S < 60).
// Numbers compare by value in term order, so term order is time order
// either way.

const (
	minYear = 0
	maxYear = 9999
)

// civilDate is a calendar date.
type civilDate struct{ year, month, day int }

func (d civilDate) valid() bool {
	return d.year >= minYear && d.year <= maxYear && d.month >= 1 && d.month <= 12 &&
		d.day >= 1 && d.day <= daysIn(d.year, d.month)
}

func (d civilDate) term() term.Term {
	return term.Tuple(term.Int(int64(d.year)), term.Int(int64(d.month)), term.Int(int64(d.day)))
}

func (d civilDate) String() string {
	return pad(d.year, 4) + "-" + pad(d.month, 2) + "-" + pad(d.day, 2)
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func pad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// dateOf returns the date a term holds if it is a valid {Y, M, D}.
func dateOf(t term.Term) (civilDate, bool) {
	if t.Arity() != 3 {
		return civilDate{}, false
	}
	var v [3]int
	for i := range v {
		e, _ := t.Element(i + 1)
		n, ok := e.Int64()
		if !ok || n < -1<<31 || n > 1<<31 {
			return civilDate{}, false
		}
		v[i] = int(n)
	}
	d := civilDate{v[0], v[1], v[2]}
	return d, d.valid()
}

// dateTerm returns the date term of the calendar date of tm in tm's own
// location.
func dateTerm(tm time.Time) (term.Term, bool) {
	d := civilDate{tm.Year(), int(tm.Month()), tm.Day()}
	return d.term(), d.valid()
}

// timestampTerm returns the timestamp term of tm, converted to UTC.
func timestampTerm(tm time.Time) (term.Term, bool) {
	tm = tm.UTC()
	d := civilDate{tm.Year(), int(tm.Month()), tm.Day()}
	if !d.valid() {
		return term.Term{}, false
	}
	clock := term.Tuple(term.Int(int64(tm.Hour())), term.Int(int64(tm.Minute())),
		secondsTerm(tm.Second(), tm.Nanosecond()))
	return term.Tuple(d.term(), clock), true
}

// secondsTerm is the S of a timestamp: an integer for a whole second, a
// float otherwise. The one formula keeps equal times equal terms.
func secondsTerm(sec, nsec int) term.Term {
	if nsec == 0 {
		return term.Int(int64(sec))
	}
	return term.Float(float64(sec) + float64(nsec)/1e9)
}

// timeOf returns the time (UTC) a term holds if it is a valid timestamp:
// {{Y, M, D}, {H, Mi, S}} with S an integer 0..59 or a float 0 <= S < 60.
func timeOf(t term.Term) (time.Time, bool) {
	if t.Arity() != 2 {
		return time.Time{}, false
	}
	dt, _ := t.Element(1)
	clock, _ := t.Element(2)
	d, ok := dateOf(dt)
	if !ok || clock.Arity() != 3 {
		return time.Time{}, false
	}
	var hm [2]int
	for i := range hm {
		e, _ := clock.Element(i + 1)
		n, ok := e.Int64()
		if !ok || n < 0 || n > [2]int64{23, 59}[i] {
			return time.Time{}, false
		}
		hm[i] = int(n)
	}
	s, _ := clock.Element(3)
	sec, nsec, ok := secondsOf(s)
	if !ok {
		return time.Time{}, false
	}
	tm := time.Date(d.year, time.Month(d.month), d.day, hm[0], hm[1], sec, nsec, time.UTC)
	return tm, tm.Year() <= maxYear
}

// secondsOf splits an S into whole seconds and nanoseconds.
func secondsOf(s term.Term) (sec, nsec int, ok bool) {
	if n, ok := s.Int64(); ok {
		return int(n), 0, n >= 0 && n <= 59
	}
	f, ok := s.Float64()
	if !ok || !(f >= 0 && f < 60) {
		return 0, 0, false
	}
	total := int64(math.Round(f * 1e9)) // may round up to 60 s: time.Date carries
	return int(total / 1e9), int(total % 1e9), true
}

// ParseDate returns the DATE term {Y, M, D} of text YYYY-MM-DD (surrounding
// spaces allowed). Anything else is an ErrBadValue error.
func ParseDate(s string) (term.Term, error) {
	p := dateParser{s: strings.TrimSpace(s)}
	d, ok := p.date()
	if !ok || p.i != len(p.s) {
		return term.Term{}, errorf(ErrBadValue, "cannot store %s as DATE", sqlString(s))
	}
	return d.term(), nil
}

// ParseTimestamp returns the TIMESTAMP term of ISO-8601 text:
//
//	YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]][ ][Z|±HH[[:]MM]]
//
// as in "1997-01-01", "1997-01-01 10:00:00", "1997-01-01T10:00:00.5Z" or
// "1997-01-01 12:00+02:00". A time with an offset is converted to UTC; one
// without is taken as UTC. Fractions beyond nanoseconds are truncated.
// Anything else, or a time outside the years 0 to 9999 once in UTC, is an
// ErrBadValue error.
func ParseTimestamp(s string) (term.Term, error) {
	tm, ok := parseTimestamp(strings.TrimSpace(s))
	if ok {
		if t, ok := timestampTerm(tm); ok {
			return t, nil
		}
	}
	return term.Term{}, errorf(ErrBadValue, "cannot store %s as TIMESTAMP", sqlString(s))
}

func parseTimestamp(s string) (time.Time, bool) {
	p := dateParser{s: s}
	d, ok := p.date()
	if !ok {
		return time.Time{}, false
	}
	var hour, minute, sec, nsec int
	if p.i < len(p.s) && (p.s[p.i] == 'T' || p.s[p.i] == 't' || p.s[p.i] == ' ') {
		p.i++
		p.spaces()
		if hour, minute, sec, nsec, ok = p.clock(); !ok {
			return time.Time{}, false
		}
	}
	p.spaces()
	offset, ok := p.offset()
	if !ok || p.i != len(p.s) {
		return time.Time{}, false
	}
	tm := time.Date(d.year, time.Month(d.month), d.day, hour, minute, sec, nsec, time.UTC)
	return tm.Add(-time.Duration(offset) * time.Second), true
}

// dateParser reads date and time text left to right.
type dateParser struct {
	s string
	i int
}

// digits reads exactly n decimal digits.
func (p *dateParser) digits(n int) (int, bool) {
	if p.i+n > len(p.s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(p.s[p.i : p.i+n]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	p.i += n
	return v, true
}

func (p *dateParser) byte(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *dateParser) spaces() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

// number reads a field of exactly n digits no greater than max.
func (p *dateParser) number(n, max int) (int, bool) {
	v, ok := p.digits(n)
	return v, ok && v <= max
}

func (p *dateParser) date() (civilDate, bool) {
	y, ok1 := p.digits(4)
	ok2 := p.byte('-')
	m, ok3 := p.digits(2)
	ok4 := p.byte('-')
	d, ok5 := p.digits(2)
	date := civilDate{y, m, d}
	return date, ok1 && ok2 && ok3 && ok4 && ok5 && date.valid()
}

func (p *dateParser) clock() (hour, minute, sec, nsec int, ok bool) {
	if hour, ok = p.number(2, 23); !ok || !p.byte(':') {
		return 0, 0, 0, 0, false
	}
	if minute, ok = p.number(2, 59); !ok {
		return 0, 0, 0, 0, false
	}
	if !p.byte(':') {
		return hour, minute, 0, 0, true
	}
	if sec, ok = p.number(2, 59); !ok {
		return 0, 0, 0, 0, false
	}
	if !p.byte('.') {
		return hour, minute, sec, 0, true
	}
	start := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		if p.i-start < 9 {
			nsec = nsec*10 + int(p.s[p.i]-'0')
		}
		p.i++
	}
	for n := p.i - start; n < 9; n++ {
		nsec *= 10
	}
	return hour, minute, sec, nsec, p.i > start
}

// offset reads an optional Z or ±HH[[:]MM], in seconds east of UTC.
func (p *dateParser) offset() (int, bool) {
	if p.byte('Z') || p.byte('z') {
		return 0, true
	}
	sign := 1
	switch {
	case p.byte('+'):
	case p.byte('-'):
		sign = -1
	default:
		return 0, true
	}
	h, ok := p.number(2, 23)
	if !ok {
		return 0, false
	}
	m := 0
	if p.i < len(p.s) {
		p.byte(':')
		if m, ok = p.number(2, 59); !ok {
			return 0, false
		}
	}
	return sign * (h*3600 + m*60), true
}

// FormatDate returns the text YYYY-MM-DD of a DATE term, or false if t is
// not a valid {Y, M, D}.
func FormatDate(t term.Term) (string, bool) {
	d, ok := dateOf(t)
	if !ok {
		return "", false
	}
	return d.String(), true
}

// FormatTimestamp returns the text "YYYY-MM-DD HH:MM:SS[.fraction]" (UTC,
// fraction without trailing zeros) of a TIMESTAMP term, or false if t is
// not a valid timestamp. ParseTimestamp reads it back to the same term.
func FormatTimestamp(t term.Term) (string, bool) {
	tm, ok := timeOf(t)
	if !ok {
		return "", false
	}
	return tm.Format("2006-01-02 15:04:05.999999999"), true
}
