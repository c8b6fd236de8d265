package schema

import (
	"errors"
	"math"
	"math/big"
	"reflect"
	"testing"
	"time"

	"github.com/etsql/etsql/term"
)

func TestFromGo(t *testing.T) {
	paris := time.FixedZone("CEST", 2*3600)
	big70, _ := new(big.Int).SetString("1180591620717411303424", 10)
	tests := []struct {
		v    any
		typ  Type
		want term.Term
	}{
		{nil, Int, Null},
		{nil, Term, Null},
		{(*big.Int)(nil), Int, Null},
		{[]byte(nil), Blob, Null},
		{int(-1), Int, term.Int(-1)},
		{int8(-8), Int, term.Int(-8)},
		{int16(16), Int, term.Int(16)},
		{int32(32), Float, term.Float(32)},
		{int64(math.MinInt64), Int, term.Int(math.MinInt64)},
		{uint(7), Int, term.Int(7)},
		{uint8(8), Int, term.Int(8)},
		{uint16(1), Bool, term.True},
		{uint32(32), Int, term.Int(32)},
		{uint64(math.MaxUint64), Int, bigTerm("18446744073709551615")},
		{big70, Int, term.BigInt(big70)},
		{float32(1.5), Float, term.Float(1.5)},
		{float64(3), Int, term.Int(3)},
		{"42", Int, term.Int(42)},
		{"x", Text, bin("x")},
		{"x", Term, bin("x")},
		{[]byte("\x00\xff"), Blob, bin("\x00\xff")},
		{[]byte("ok"), Text, bin("ok")},
		{true, Bool, term.True},
		{false, Term, term.False},
		{term.Tuple(term.Atom("a")), Term, term.Tuple(term.Atom("a"))},
		{"2024-05-01", Date, date(2024, 5, 1)},
		{time.Date(2024, 5, 1, 23, 30, 0, 0, paris), Date, date(2024, 5, 1)},
		{time.Date(2024, 5, 1, 1, 30, 0, 500, paris), Timestamp, stamp(2024, 4, 30, 23, 30, term.Float(0.0000005))},
		{time.Date(2024, 5, 1, 1, 30, 0, 0, paris), Term, stamp(2024, 4, 30, 23, 30, term.Int(0))},
	}
	for _, tt := range tests {
		got, err := FromGo(tt.v, tt.typ)
		if err != nil || !term.ExactEqual(got, tt.want) {
			t.Errorf("FromGo(%#v, %v) = %s, %v; want %s", tt.v, tt.typ, showValue(got), err, showValue(tt.want))
		}
	}
}

func TestFromGo_errors(t *testing.T) {
	tests := []struct {
		v    any
		typ  Type
		want string
	}{
		{math.NaN(), Float, "cannot store NaN as FLOAT"},
		{float32(math.Inf(1)), Float, "cannot store +Inf as FLOAT"},
		{struct{}{}, Term, "cannot store a Go value of type struct {} as TERM"},
		{new(int), Int, "cannot store a Go value of type *int as INT"},
		{term.Term{}, Term, "cannot store the zero term.Term as TERM"},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), Timestamp, "cannot store time 10000-01-01T00:00:00Z as TIMESTAMP"},
		{time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), Date, "cannot store time -0001-01-01T00:00:00Z as DATE"},
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), Int, "cannot store {{2024,1,2},{3,4,5}} as INT"},
		{uint8(8), Bool, "cannot store 8 as BOOL"},
		{"abc", Float, "cannot store 'abc' as FLOAT"},
		{int64(2), Bool, "cannot store 2 as BOOL"},
	}
	for _, tt := range tests {
		_, err := FromGo(tt.v, tt.typ)
		if err == nil || !errors.Is(err, ErrBadValue) {
			t.Errorf("FromGo(%#v, %v) error = %v", tt.v, tt.typ, err)
			continue
		}
		if msg := err.Error(); msg != tt.want {
			t.Errorf("FromGo(%#v, %v) error = %q, want %q", tt.v, tt.typ, msg, tt.want)
		}
	}
}

func TestToGo(t *testing.T) {
	tests := []struct {
		t    term.Term
		typ  Type
		want any
	}{
		{Null, Int, nil},
		{Null, Term, nil},
		{term.Int(5), Int, int64(5)},
		{bigTerm("18446744073709551615"), Int, bigTerm("18446744073709551615")},
		{term.Float(2.5), Float, 2.5},
		{bin("héllo"), Text, "héllo"},
		{bin("\x00\x01"), Blob, []byte{0, 1}},
		{term.True, Bool, true},
		{term.False, Bool, false},
		{date(2024, 2, 29), Date, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{stamp(2024, 2, 29, 23, 59, term.Float(59.5)), Timestamp, time.Date(2024, 2, 29, 23, 59, 59, 5e8, time.UTC)},
		{term.Tuple(term.Int(1)), Term, term.Tuple(term.Int(1))},
		{term.Atom("x"), Bool, term.Atom("x")},                                    // ill-typed: the term itself
		{term.Int(1), Float, term.Int(1)},                                         // ill-typed
		{date(2023, 2, 29), Date, date(2023, 2, 29)},                              // ill-typed
		{term.Int(1), Timestamp, term.Int(1)},                                     // ill-typed
		{bin("\xff"), Term, bin("\xff")},                                          // TERM: the term
		{term.Atom("undefined"), Text, nil},                                       // NULL
		{term.Float(1), Int, term.Float(1)},                                       // ill-typed
		{term.Int(1), Text, term.Int(1)},                                          // ill-typed
		{term.Int(1), Blob, term.Int(1)},                                          // ill-typed
		{stamp(1, 1, 1, 0, 0, term.Int(0)), 0, stamp(1, 1, 1, 0, 0, term.Int(0))}, // no type
	}
	for _, tt := range tests {
		got := ToGo(tt.t, tt.typ)
		if bt, ok := got.(*big.Int); ok {
			got = term.BigInt(bt)
		}
		if gt, ok := got.(term.Term); ok {
			if wt, ok := tt.want.(term.Term); !ok || !term.ExactEqual(gt, wt) {
				t.Errorf("ToGo(%s, %v) = %s, want %#v", showValue(tt.t), tt.typ, showValue(gt), tt.want)
			}
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ToGo(%s, %v) = %#v, want %#v", showValue(tt.t), tt.typ, got, tt.want)
		}
	}
}

func TestFromGo_ToGo_roundTrip(t *testing.T) {
	tm := time.Date(2024, 5, 1, 12, 34, 56, 789012345, time.UTC)
	tests := []struct {
		typ Type
		v   any
	}{
		{Int, int64(math.MaxInt64)}, {Int, int64(-3)}, {Float, 0.1}, {Float, -1e300}, {Text, "日本語"},
		{Blob, []byte{0xff, 0}}, {Bool, true}, {Bool, false}, {Date, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Timestamp, tm}, {Timestamp, tm.Truncate(time.Second)}, {Term, term.Map()}, {Int, nil}, {Timestamp, nil},
	}
	for _, tt := range tests {
		tr, err := FromGo(tt.v, tt.typ)
		if err != nil {
			t.Errorf("FromGo(%#v, %v): %v", tt.v, tt.typ, err)
			continue
		}
		back := ToGo(tr, tt.typ)
		same := reflect.DeepEqual(back, tt.v)
		if bt, ok := back.(term.Term); ok {
			wt, _ := tt.v.(term.Term)
			same = term.ExactEqual(bt, wt)
		}
		if bt, ok := back.(time.Time); ok {
			same = bt.Equal(tt.v.(time.Time)) && bt.Location() == time.UTC
		}
		if !same {
			t.Errorf("ToGo(FromGo(%#v, %v)) = %#v", tt.v, tt.typ, back)
		}
	}
}
