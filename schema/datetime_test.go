package schema

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/etsql/etsql/term"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want term.Term // the zero Term: refused
	}{
		{"1997-01-01", date(1997, 1, 1)},
		{"  2024-02-29 ", date(2024, 2, 29)},
		{"2000-02-29", date(2000, 2, 29)},
		{"0000-01-01", date(0, 1, 1)},
		{"9999-12-31", date(9999, 12, 31)},
		{"1900-02-29", term.Term{}},
		{"2023-02-29", term.Term{}},
		{"2023-04-31", term.Term{}},
		{"2023-13-01", term.Term{}},
		{"2023-00-10", term.Term{}},
		{"2023-01-00", term.Term{}},
		{"2023-1-1", term.Term{}},
		{"97-01-01", term.Term{}},
		{"12023-01-01", term.Term{}},
		{"2023/01/01", term.Term{}},
		{"2023-01-01 00:00:00", term.Term{}},
		{"2023-01-01x", term.Term{}},
		{"+2023-01-01", term.Term{}},
		{"", term.Term{}},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if !tt.want.IsValid() {
			want := "cannot store " + sqlString(tt.in) + " as DATE"
			if err == nil || err.Error() != want || !errors.Is(err, ErrBadValue) {
				t.Errorf("ParseDate(%q) = %s, %v; want error %q", tt.in, showValue(got), err, want)
			}
			continue
		}
		if err != nil || !term.ExactEqual(got, tt.want) {
			t.Errorf("ParseDate(%q) = %s, %v; want %s", tt.in, showValue(got), err, showValue(tt.want))
		}
	}
}

func TestParseTimestamp(t *testing.T) {
	tests := []struct {
		in   string
		want term.Term // the zero Term: refused
	}{
		{"1997-01-01", stamp(1997, 1, 1, 0, 0, term.Int(0))},
		{"1997-01-01 10:00:00", stamp(1997, 1, 1, 10, 0, term.Int(0))},
		{"1997-01-01T10:20:30", stamp(1997, 1, 1, 10, 20, term.Int(30))},
		{"1997-01-01t10:20", stamp(1997, 1, 1, 10, 20, term.Int(0))},
		{"1997-01-01  10:20", stamp(1997, 1, 1, 10, 20, term.Int(0))},
		{"1997-01-01 10:20:30.5", stamp(1997, 1, 1, 10, 20, term.Float(30.5))},
		{"1997-01-01 10:20:30.000", stamp(1997, 1, 1, 10, 20, term.Int(30))},
		{"1997-01-01 10:20:30.123456789", stamp(1997, 1, 1, 10, 20, term.Float(30.123456789))},
		{"1997-01-01 10:20:30.1234567899", stamp(1997, 1, 1, 10, 20, term.Float(30.123456789))},
		{"1997-01-01T10:20:30Z", stamp(1997, 1, 1, 10, 20, term.Int(30))},
		{"1997-01-01T10:20:30z", stamp(1997, 1, 1, 10, 20, term.Int(30))},
		{"1997-01-01T10:20:30+02:00", stamp(1997, 1, 1, 8, 20, term.Int(30))},
		{"1997-01-01T10:20:30 +0230", stamp(1997, 1, 1, 7, 50, term.Int(30))},
		{"1997-01-01T01:20:30+02", stamp(1996, 12, 31, 23, 20, term.Int(30))},
		{"1997-01-01T23:20:30-01:00", stamp(1997, 1, 2, 0, 20, term.Int(30))},
		{" 1997-01-01 10:00:00 ", stamp(1997, 1, 1, 10, 0, term.Int(0))},
		{"9999-12-31 23:59:59.999999999", stamp(9999, 12, 31, 23, 59, term.Float(59.999999999))},
		{"9999-12-31 23:59:59-01:00", term.Term{}},
		{"0000-01-01 00:00:00+01:00", term.Term{}},
		{"1997-01-01 24:00:00", term.Term{}},
		{"1997-01-01 10:60:00", term.Term{}},
		{"1997-01-01 10:00:60", term.Term{}},
		{"1997-01-01 10:00:00.", term.Term{}},
		{"1997-01-01 10", term.Term{}},
		{"1997-01-01 1:00", term.Term{}},
		{"1997-01-01 10:00:00+2", term.Term{}},
		{"1997-01-01 10:00:00+02:0", term.Term{}},
		{"1997-01-01 10:00:00+24:00", term.Term{}},
		{"1997-01-01 10:00:00 UTC", term.Term{}},
		{"1997-01-01T", term.Term{}},
		{"1997-01-01 ", stamp(1997, 1, 1, 0, 0, term.Int(0))}, // trimmed
		{"yesterday", term.Term{}},
	}
	for _, tt := range tests {
		got, err := ParseTimestamp(tt.in)
		if !tt.want.IsValid() {
			want := "cannot store " + sqlString(tt.in) + " as TIMESTAMP"
			if err == nil || err.Error() != want || !errors.Is(err, ErrBadValue) {
				t.Errorf("ParseTimestamp(%q) = %s, %v; want error %q", tt.in, showValue(got), err, want)
			}
			continue
		}
		if err != nil || !term.ExactEqual(got, tt.want) {
			t.Errorf("ParseTimestamp(%q) = %s, %v; want %s", tt.in, showValue(got), err, showValue(tt.want))
		}
	}
}

func TestFormatTimestamp(t *testing.T) {
	tests := []struct {
		in   term.Term
		want string
	}{
		{stamp(1997, 1, 1, 10, 0, term.Int(0)), "1997-01-01 10:00:00"},
		{stamp(1997, 1, 1, 10, 0, term.Float(5.25)), "1997-01-01 10:00:05.25"},
		{stamp(5, 1, 1, 0, 0, term.Int(0)), "0005-01-01 00:00:00"},
		{stamp(1997, 1, 1, 10, 0, term.Float(59.9999999999)), "1997-01-01 10:01:00"}, // rounds to the nanosecond
		{stamp(1997, 1, 1, 10, 0, term.Int(60)), ""},
		{stamp(1997, 1, 1, 10, 0, term.Float(60)), ""},
		{stamp(1997, 1, 1, 10, 0, term.Float(-0.5)), ""},
		{stamp(9999, 12, 31, 23, 59, term.Float(59.9999999999)), ""}, // rounds into year 10000
		{term.Tuple(date(1997, 1, 1), term.Tuple(term.Int(1), term.Int(2))), ""},
		{date(1997, 1, 1), ""},
		{term.Int(0), ""},
	}
	for _, tt := range tests {
		got, ok := FormatTimestamp(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("FormatTimestamp(%s) = %q, %v; want %q", showValue(tt.in), got, ok, tt.want)
		}
	}
	if got, ok := FormatDate(date(33, 3, 3)); got != "0033-03-03" || !ok {
		t.Errorf("FormatDate({33,3,3}) = %q, %v", got, ok)
	}
	if got, ok := FormatDate(term.Tuple(term.Int(1), term.Int(2), bigTerm("100000000000000000000"))); got != "" || ok {
		t.Errorf("FormatDate(bad) = %q, %v", got, ok)
	}
}

// randomTime returns a time in the years 0 to 9999, at a whole second half
// of the time.
func randomTime(r *rand.Rand) time.Time {
	lo := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix()
	tm := time.Unix(lo+r.Int64N(hi-lo+1), 0).UTC()
	if r.IntN(2) == 0 {
		tm = tm.Add(time.Duration(r.IntN(1e9)))
	}
	if r.IntN(4) == 0 { // a close neighbour, to test order at a fine grain
		tm = tm.Add(time.Duration(r.IntN(3) - 1))
	}
	return tm
}

func TestTimestamp_termOrderIsTimeOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	times := make([]time.Time, 2000)
	for i := range times {
		times[i] = randomTime(r)
	}
	times = append(times, time.Date(2000, 1, 1, 0, 0, 59, 999999999, time.UTC), time.Date(2000, 1, 1, 0, 1, 0, 0, time.UTC),
		time.Date(2000, 1, 1, 0, 0, 59, 0, time.UTC), time.Date(2000, 1, 1, 0, 0, 59, 1, time.UTC))
	for i, a := range times {
		b := times[(i*7+1)%len(times)]
		ta, oka := timestampTerm(a)
		tb, okb := timestampTerm(b)
		if !oka || !okb {
			t.Fatalf("timestampTerm(%v, %v) failed", a, b)
		}
		if got, want := term.Compare(ta, tb), a.Compare(b); got != want {
			t.Errorf("Compare(%s, %s) = %d, but times compare %d", showValue(ta), showValue(tb), got, want)
		}
		if term.Equal(ta, tb) != term.ExactEqual(ta, tb) {
			t.Errorf("%s and %s: == and =:= disagree", showValue(ta), showValue(tb))
		}
		da, _ := dateTerm(a)
		db, _ := dateTerm(b)
		ya, ma, dda := a.Date()
		yb, mb, ddb := b.Date()
		wantDate := time.Date(ya, ma, dda, 0, 0, 0, 0, time.UTC).Compare(time.Date(yb, mb, ddb, 0, 0, 0, 0, time.UTC))
		if got := term.Compare(da, db); got != wantDate {
			t.Errorf("Compare(%s, %s) = %d, want %d", showValue(da), showValue(db), got, wantDate)
		}
	}
}

func TestTimestamp_roundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		tm := randomTime(r)
		ts, ok := timestampTerm(tm)
		if !ok {
			t.Fatalf("timestampTerm(%v) failed", tm)
		}
		back, ok := timeOf(ts)
		if !ok || !back.Equal(tm) {
			t.Fatalf("timeOf(timestampTerm(%v)) = %v, %v", tm, back, ok)
		}
		text, _ := FormatTimestamp(ts)
		again, err := ParseTimestamp(text)
		if err != nil || !term.ExactEqual(again, ts) {
			t.Fatalf("ParseTimestamp(%q) = %s, %v; want %s", text, showValue(again), err, showValue(ts))
		}
		iso := tm.In(time.FixedZone("", (r.IntN(47)-23)*1800)).Format(time.RFC3339Nano)
		if tm.Year() > 0 && tm.Year() < 9999 {
			fromISO, err := ParseTimestamp(iso)
			if err != nil || !term.ExactEqual(fromISO, ts) {
				t.Fatalf("ParseTimestamp(%q) = %s, %v; want %s", iso, showValue(fromISO), err, showValue(ts))
			}
		}
	}
}

func TestTimestamp_sortedLikeText(t *testing.T) {
	// Formatted timestamps of years 0..9999 sort as text in time order too.
	r := rand.New(rand.NewPCG(5, 6))
	var terms []term.Term
	for range 500 {
		ts, _ := timestampTerm(randomTime(r))
		terms = append(terms, ts)
	}
	slices.SortFunc(terms, term.Compare)
	texts := make([]string, len(terms))
	for i, ts := range terms {
		texts[i], _ = FormatTimestamp(ts)
	}
	padded := slices.Clone(texts)
	for i, s := range padded { // compare at fixed width: fractions differ in length
		if !strings.Contains(s, ".") {
			s += "."
		}
		padded[i] = s + strings.Repeat("0", 29-len(s))
	}
	if !slices.IsSorted(padded) {
		t.Errorf("timestamps in term order are not in text order")
	}
}

// FuzzParseTimestamp: the date and timestamp parsers never panic, accept
// only what they can format, and read their own output back to the same
// term.
func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{"1997-01-01", "1997-01-01 10:00:00", "1997-01-01T10:20:30.123456789+02:30",
		"2000-02-29T00:00Z", "9999-12-31 23:59:59.9", "1997-01-01 10:00:00 -0130", "0000-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := ParseDate(s); err == nil {
			text, ok := FormatDate(d)
			if !ok || text != strings.TrimSpace(s) {
				t.Fatalf("ParseDate(%q) = %s, formats as %q", s, showValue(d), text)
			}
		}
		ts, err := ParseTimestamp(s)
		if err != nil {
			if !errors.Is(err, ErrBadValue) {
				t.Fatalf("ParseTimestamp(%q): %v", s, err)
			}
			return
		}
		text, ok := FormatTimestamp(ts)
		if !ok {
			t.Fatalf("ParseTimestamp(%q) = %s, which does not format", s, showValue(ts))
		}
		again, err := ParseTimestamp(text)
		if err != nil || !term.ExactEqual(again, ts) {
			t.Fatalf("ParseTimestamp(%q) = %s; its text %q reads back as %s, %v", s, showValue(ts), text, showValue(again), err)
		}
	})
}
