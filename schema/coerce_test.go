package schema

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/etsql/etsql/term"
)

var allTypes = []Type{Int, Float, Text, Blob, Bool, Date, Timestamp, Term} // ANY: TestType_Coerce_any

func bin(s string) term.Term { return term.BinaryString(s) }

func date(y, m, d int64) term.Term { return term.Tuple(term.Int(y), term.Int(m), term.Int(d)) }

func stamp(y, mo, d, h, mi int64, s term.Term) term.Term {
	return term.Tuple(date(y, mo, d), term.Tuple(term.Int(h), term.Int(mi), s))
}

func bigTerm(s string) term.Term {
	n, _ := new(big.Int).SetString(s, 10)
	return term.BigInt(n)
}

// refused is the expected error of a coercion, the type name appended.
type refused string

// TestType_Coerce_matrix stores every kind of input in every type. Each
// row lists all types: the term stored, or the refusal message's value.
func TestType_Coerce_matrix(t *testing.T) {
	big70 := bigTerm("1180591620717411303424")
	tests := []struct {
		name string
		in   term.Term
		want map[Type]any // term.Term, or refused: the value shown in "cannot store V as T"
	}{
		{"null", Null, map[Type]any{Int: Null, Float: Null, Text: Null, Blob: Null, Bool: Null, Date: Null, Timestamp: Null, Term: Null}},
		{"int 1", term.Int(1), map[Type]any{Int: term.Int(1), Float: term.Float(1), Text: bin("1"), Blob: refused("1"),
			Bool: term.True, Date: refused("1"), Timestamp: refused("1"), Term: term.Int(1)}},
		{"int 0", term.Int(0), map[Type]any{Int: term.Int(0), Float: term.Float(0), Text: bin("0"), Blob: refused("0"),
			Bool: term.False, Date: refused("0"), Timestamp: refused("0"), Term: term.Int(0)}},
		{"int 42", term.Int(-42), map[Type]any{Int: term.Int(-42), Float: term.Float(-42), Text: bin("-42"), Blob: refused("-42"),
			Bool: refused("-42"), Date: refused("-42"), Timestamp: refused("-42"), Term: term.Int(-42)}},
		{"big int", big70, map[Type]any{Int: big70, Float: term.Float(1 << 70), Text: bin("1180591620717411303424"),
			Blob: refused("1180591620717411303424"), Bool: refused("1180591620717411303424"),
			Date: refused("1180591620717411303424"), Timestamp: refused("1180591620717411303424"), Term: big70}},
		{"float integral", term.Float(2.0), map[Type]any{Int: term.Int(2), Float: term.Float(2), Text: bin("2.0"), Blob: refused("2.0"),
			Bool: refused("2.0"), Date: refused("2.0"), Timestamp: refused("2.0"), Term: term.Float(2)}},
		{"float huge integral", term.Float(1e20), map[Type]any{Int: bigTerm("100000000000000000000"), Float: term.Float(1e20),
			Text: bin("1e+20"), Blob: refused("1.0e20"), Bool: refused("1.0e20"), Date: refused("1.0e20"),
			Timestamp: refused("1.0e20"), Term: term.Float(1e20)}},
		{"float fraction", term.Float(1.5), map[Type]any{Int: refused("1.5"), Float: term.Float(1.5), Text: bin("1.5"),
			Blob: refused("1.5"), Bool: refused("1.5"), Date: refused("1.5"), Timestamp: refused("1.5"), Term: term.Float(1.5)}},
		{"text integer", bin("123"), map[Type]any{Int: term.Int(123), Float: term.Float(123), Text: bin("123"), Blob: bin("123"),
			Bool: refused("'123'"), Date: refused("'123'"), Timestamp: refused("'123'"), Term: bin("123")}},
		{"text spaced signed", bin(" +7 "), map[Type]any{Int: term.Int(7), Float: term.Float(7), Text: bin(" +7 "), Blob: bin(" +7 "),
			Bool: refused("' +7 '"), Date: refused("' +7 '"), Timestamp: refused("' +7 '"), Term: bin(" +7 ")}},
		{"text big", bin("-1180591620717411303424"), map[Type]any{Int: bigTerm("-1180591620717411303424"), Float: term.Float(-(1 << 70)),
			Text: bin("-1180591620717411303424"), Blob: bin("-1180591620717411303424"), Bool: refused("'-1180591620717411303424'"),
			Date: refused("'-1180591620717411303424'"), Timestamp: refused("'-1180591620717411303424'"), Term: bin("-1180591620717411303424")}},
		{"text exponent", bin("1e3"), map[Type]any{Int: term.Int(1000), Float: term.Float(1000), Text: bin("1e3"), Blob: bin("1e3"),
			Bool: refused("'1e3'"), Date: refused("'1e3'"), Timestamp: refused("'1e3'"), Term: bin("1e3")}},
		{"text integral float", bin("2.0"), map[Type]any{Int: term.Int(2), Float: term.Float(2), Text: bin("2.0"), Blob: bin("2.0"),
			Bool: refused("'2.0'"), Date: refused("'2.0'"), Timestamp: refused("'2.0'"), Term: bin("2.0")}},
		{"text float", bin("-.5"), map[Type]any{Int: refused("'-.5'"), Float: term.Float(-0.5), Text: bin("-.5"), Blob: bin("-.5"),
			Bool: refused("'-.5'"), Date: refused("'-.5'"), Timestamp: refused("'-.5'"), Term: bin("-.5")}},
		{"text huge float", bin("1e999"), map[Type]any{Int: refused("'1e999'"), Float: refused("'1e999'"), Text: bin("1e999"), Blob: bin("1e999"),
			Bool: refused("'1e999'"), Date: refused("'1e999'"), Timestamp: refused("'1e999'"), Term: bin("1e999")}},
		{"text word", bin("abc"), map[Type]any{Int: refused("'abc'"), Float: refused("'abc'"), Text: bin("abc"), Blob: bin("abc"),
			Bool: refused("'abc'"), Date: refused("'abc'"), Timestamp: refused("'abc'"), Term: bin("abc")}},
		{"text empty", bin(""), map[Type]any{Int: refused("''"), Float: refused("''"), Text: bin(""), Blob: bin(""),
			Bool: refused("''"), Date: refused("''"), Timestamp: refused("''"), Term: bin("")}},
		{"text quote", bin("it's"), map[Type]any{Int: refused("'it''s'"), Float: refused("'it''s'"), Text: bin("it's"), Blob: bin("it's"),
			Bool: refused("'it''s'"), Date: refused("'it''s'"), Timestamp: refused("'it''s'"), Term: bin("it's")}},
		{"text hex", bin("0x10"), map[Type]any{Int: refused("'0x10'"), Float: refused("'0x10'"), Text: bin("0x10"), Blob: bin("0x10"),
			Bool: refused("'0x10'"), Date: refused("'0x10'"), Timestamp: refused("'0x10'"), Term: bin("0x10")}},
		{"text inf", bin("Inf"), map[Type]any{Int: refused("'Inf'"), Float: refused("'Inf'"), Text: bin("Inf"), Blob: bin("Inf"),
			Bool: refused("'Inf'"), Date: refused("'Inf'"), Timestamp: refused("'Inf'"), Term: bin("Inf")}},
		{"text true", bin("TRUE"), map[Type]any{Int: refused("'TRUE'"), Float: refused("'TRUE'"), Text: bin("TRUE"), Blob: bin("TRUE"),
			Bool: term.True, Date: refused("'TRUE'"), Timestamp: refused("'TRUE'"), Term: bin("TRUE")}},
		{"text off", bin(" off"), map[Type]any{Int: refused("' off'"), Float: refused("' off'"), Text: bin(" off"), Blob: bin(" off"),
			Bool: term.False, Date: refused("' off'"), Timestamp: refused("' off'"), Term: bin(" off")}},
		{"text date", bin("1997-01-01"), map[Type]any{Int: refused("'1997-01-01'"), Float: refused("'1997-01-01'"), Text: bin("1997-01-01"),
			Blob: bin("1997-01-01"), Bool: refused("'1997-01-01'"), Date: date(1997, 1, 1),
			Timestamp: stamp(1997, 1, 1, 0, 0, term.Int(0)), Term: bin("1997-01-01")}},
		{"text timestamp", bin("1997-01-01 10:00:00"), map[Type]any{Int: refused("'1997-01-01 10:00:00'"),
			Float: refused("'1997-01-01 10:00:00'"), Text: bin("1997-01-01 10:00:00"), Blob: bin("1997-01-01 10:00:00"),
			Bool: refused("'1997-01-01 10:00:00'"), Date: refused("'1997-01-01 10:00:00'"),
			Timestamp: stamp(1997, 1, 1, 10, 0, term.Int(0)), Term: bin("1997-01-01 10:00:00")}},
		{"text bad date", bin("1997-02-29"), map[Type]any{Int: refused("'1997-02-29'"), Float: refused("'1997-02-29'"), Text: bin("1997-02-29"),
			Blob: bin("1997-02-29"), Bool: refused("'1997-02-29'"), Date: refused("'1997-02-29'"),
			Timestamp: refused("'1997-02-29'"), Term: bin("1997-02-29")}},
		{"bytes not utf8", bin("\xff"), map[Type]any{Int: refused(`<<"ÿ">>`), Float: refused(`<<"ÿ">>`), Text: refused(`<<"ÿ">>`),
			Blob: bin("\xff"), Bool: refused(`<<"ÿ">>`), Date: refused(`<<"ÿ">>`), Timestamp: refused(`<<"ÿ">>`), Term: bin("\xff")}},
		{"atom true", term.True, map[Type]any{Int: refused("true"), Float: refused("true"), Text: refused("true"), Blob: refused("true"),
			Bool: term.True, Date: refused("true"), Timestamp: refused("true"), Term: term.True}},
		{"atom quoted", term.Atom("Hello world"), map[Type]any{Int: refused("'Hello world'"), Float: refused("'Hello world'"),
			Text: refused("'Hello world'"), Blob: refused("'Hello world'"), Bool: refused("'Hello world'"), Date: refused("'Hello world'"),
			Timestamp: refused("'Hello world'"), Term: term.Atom("Hello world")}},
		{"date tuple", date(2024, 2, 29), map[Type]any{Int: refused("{2024,2,29}"), Float: refused("{2024,2,29}"),
			Text: refused("{2024,2,29}"), Blob: refused("{2024,2,29}"), Bool: refused("{2024,2,29}"), Date: date(2024, 2, 29),
			Timestamp: stamp(2024, 2, 29, 0, 0, term.Int(0)), Term: date(2024, 2, 29)}},
		{"bad date tuple", date(2023, 2, 29), map[Type]any{Int: refused("{2023,2,29}"), Float: refused("{2023,2,29}"),
			Text: refused("{2023,2,29}"), Blob: refused("{2023,2,29}"), Bool: refused("{2023,2,29}"), Date: refused("{2023,2,29}"),
			Timestamp: refused("{2023,2,29}"), Term: date(2023, 2, 29)}},
		{"timestamp tuple float whole", stamp(2024, 1, 2, 3, 4, term.Float(5)), map[Type]any{Int: refused("{{2024,1,2},{3,4,5.0}}"),
			Float: refused("{{2024,1,2},{3,4,5.0}}"), Text: refused("{{2024,1,2},{3,4,5.0}}"), Blob: refused("{{2024,1,2},{3,4,5.0}}"),
			Bool: refused("{{2024,1,2},{3,4,5.0}}"), Date: refused("{{2024,1,2},{3,4,5.0}}"),
			Timestamp: stamp(2024, 1, 2, 3, 4, term.Int(5)), Term: stamp(2024, 1, 2, 3, 4, term.Float(5))}},
		{"timestamp tuple midnight", stamp(2024, 1, 2, 0, 0, term.Int(0)), map[Type]any{Int: refused("{{2024,1,2},{0,0,0}}"),
			Float: refused("{{2024,1,2},{0,0,0}}"), Text: refused("{{2024,1,2},{0,0,0}}"), Blob: refused("{{2024,1,2},{0,0,0}}"),
			Bool: refused("{{2024,1,2},{0,0,0}}"), Date: date(2024, 1, 2),
			Timestamp: stamp(2024, 1, 2, 0, 0, term.Int(0)), Term: stamp(2024, 1, 2, 0, 0, term.Int(0))}},
		{"timestamp tuple just after midnight", stamp(2024, 1, 2, 0, 0, term.Float(0.5)), map[Type]any{Int: refused("{{2024,1,2},{0,0,0.5}}"),
			Float: refused("{{2024,1,2},{0,0,0.5}}"), Text: refused("{{2024,1,2},{0,0,0.5}}"), Blob: refused("{{2024,1,2},{0,0,0.5}}"),
			Bool: refused("{{2024,1,2},{0,0,0.5}}"), Date: refused("{{2024,1,2},{0,0,0.5}}"),
			Timestamp: stamp(2024, 1, 2, 0, 0, term.Float(0.5)), Term: stamp(2024, 1, 2, 0, 0, term.Float(0.5))}},
		{"text timestamp midnight", bin("1997-01-01T00:00:00Z"), map[Type]any{Int: refused("'1997-01-01T00:00:00Z'"),
			Float: refused("'1997-01-01T00:00:00Z'"), Text: bin("1997-01-01T00:00:00Z"), Blob: bin("1997-01-01T00:00:00Z"),
			Bool: refused("'1997-01-01T00:00:00Z'"), Date: date(1997, 1, 1),
			Timestamp: stamp(1997, 1, 1, 0, 0, term.Int(0)), Term: bin("1997-01-01T00:00:00Z")}},
		{"timestamp tuple bad hour", stamp(2024, 1, 2, 24, 0, term.Int(0)), map[Type]any{Int: refused("{{2024,1,2},{24,0,0}}"),
			Float: refused("{{2024,1,2},{24,0,0}}"), Text: refused("{{2024,1,2},{24,0,0}}"), Blob: refused("{{2024,1,2},{24,0,0}}"),
			Bool: refused("{{2024,1,2},{24,0,0}}"), Date: refused("{{2024,1,2},{24,0,0}}"),
			Timestamp: refused("{{2024,1,2},{24,0,0}}"), Term: stamp(2024, 1, 2, 24, 0, term.Int(0))}},
		{"list", term.List(term.Int(1), bin("a")), map[Type]any{Int: refused(`[1,<<"a">>]`), Float: refused(`[1,<<"a">>]`),
			Text: refused(`[1,<<"a">>]`), Blob: refused(`[1,<<"a">>]`), Bool: refused(`[1,<<"a">>]`),
			Date: refused(`[1,<<"a">>]`), Timestamp: refused(`[1,<<"a">>]`), Term: term.List(term.Int(1), bin("a"))}},
		{"nil", term.Nil, map[Type]any{Int: refused("[]"), Float: refused("[]"), Text: refused("[]"), Blob: refused("[]"),
			Bool: refused("[]"), Date: refused("[]"), Timestamp: refused("[]"), Term: term.Nil}},
		{"zero term", term.Term{}, map[Type]any{Int: refused("no value"), Float: refused("no value"), Text: refused("no value"),
			Blob: refused("no value"), Bool: refused("no value"), Date: refused("no value"), Timestamp: refused("no value"),
			Term: refused("no value")}},
	}
	for _, tt := range tests {
		if len(tt.want) != len(allTypes) {
			t.Errorf("%s: the row lists %d types, want all %d", tt.name, len(tt.want), len(allTypes))
		}
		for _, typ := range allTypes {
			got, err := typ.Coerce(tt.in)
			switch want := tt.want[typ].(type) {
			case term.Term:
				if err != nil || !term.ExactEqual(got, want) {
					t.Errorf("%s: %v.Coerce = %s, %v; want %s", tt.name, typ, showValue(got), err, showValue(want))
				}
			case refused:
				msg := "cannot store " + string(want) + " as " + typ.String()
				if err == nil || err.Error() != msg || !errors.Is(err, ErrBadValue) {
					t.Errorf("%s: %v.Coerce = %s, %v; want error %q", tt.name, typ, showValue(got), err, msg)
				}
			}
		}
	}
}

// TestType_Coerce_any stores values in an ANY column: SQL values as they
// are (booleans as 1 and 0, dates as their text), other terms refused.
func TestType_Coerce_any(t *testing.T) {
	big70 := bigTerm("1180591620717411303424")
	tests := []struct {
		in   term.Term
		want any // term.Term, or refused
	}{
		{Null, Null}, {term.Int(7), term.Int(7)}, {big70, big70}, {term.Float(2), term.Float(2)},
		{term.Float(-0.5), term.Float(-0.5)}, {bin("12"), bin("12")}, {bin(""), bin("")},
		{term.True, term.Int(1)}, {term.False, term.Int(0)},
		{date(1996, 7, 4), bin("1996-07-04")}, {stamp(1996, 7, 4, 1, 2, term.Int(3)), bin("1996-07-04 01:02:03")},
		{term.Atom("x"), refused("x")}, {term.Tuple(term.Int(1)), refused("{1}")}, {term.Nil, refused("[]")},
	}
	for _, tt := range tests {
		got, err := Any.Coerce(tt.in)
		switch want := tt.want.(type) {
		case term.Term:
			if err != nil || !term.ExactEqual(got, want) {
				t.Errorf("ANY.Coerce(%s) = %s, %v; want %s", showValue(tt.in), showValue(got), err, showValue(want))
			}
		case refused:
			msg := "cannot store " + string(want) + " as ANY"
			if err == nil || err.Error() != msg || !errors.Is(err, ErrBadValue) {
				t.Errorf("ANY.Coerce(%s) = %s, %v; want error %q", showValue(tt.in), showValue(got), err, msg)
			}
		}
	}
}

func TestType_Coerce_idempotent(t *testing.T) {
	inputs := []term.Term{term.Int(3), term.Float(2.5), bin("x"), term.True, date(2000, 1, 1),
		stamp(2000, 1, 1, 1, 1, term.Float(1.5)), bin("2000-01-01T00:00:00.5Z")}
	for _, typ := range append(allTypes, Any) {
		for _, in := range inputs {
			once, err := typ.Coerce(in)
			if err != nil {
				continue
			}
			twice, err := typ.Coerce(once)
			if err != nil || !term.ExactEqual(once, twice) {
				t.Errorf("%v.Coerce(%s) = %s, coerced again %s, %v", typ, showValue(in), showValue(once), showValue(twice), err)
			}
		}
	}
}

func TestShowValue_long(t *testing.T) {
	long := strings.Repeat("é", 100)
	got := showValue(bin(long))
	if want := "'" + strings.Repeat("é", 30) + "...'"; got != want {
		t.Errorf("showValue(long text) = %q, want %q", got, want)
	}
	deep := term.Int(1)
	for range 100 {
		deep = term.Tuple(deep)
	}
	if got := showValue(deep); got != strings.Repeat("{", maxShown)+"..." {
		t.Errorf("showValue(deep) = %q", got)
	}
	many := make([]term.Term, 100)
	for i := range many {
		many[i] = term.Int(int64(i))
	}
	if got := showValue(term.Tuple(many...)); len(got) > maxShown+3 || !strings.HasSuffix(got, "...") {
		t.Errorf("showValue(long tuple) = %q", got)
	}
	if got := showValue(term.Map(term.MapPair{Key: term.Atom("a"), Value: term.ImproperList([]term.Term{term.Int(1)}, term.Int(2))})); got != "#{a => [1|2]}" {
		t.Errorf("showValue(map) = %q", got)
	}
}

// FuzzType_Coerce: text of any bytes into every type never panics, gives
// a value or an ErrBadValue, and a coerced value coerces to itself.
func FuzzType_Coerce(f *testing.F) {
	for _, s := range []string{"123", " -7 ", "1e3", "1.5", ".5", "1e999", "true", "off", "1997-01-01",
		"1997-01-01T10:00:00.5+02:00", "\xff", "", "0x10", "9223372036854775808"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, typ := range append(allTypes, Any) {
			got, err := typ.Coerce(bin(s))
			if err != nil {
				if !errors.Is(err, ErrBadValue) || !strings.HasPrefix(err.Error(), "cannot store ") {
					t.Fatalf("%v.Coerce(%q): %v", typ, s, err)
				}
				continue
			}
			again, err := typ.Coerce(got)
			if err != nil || !term.ExactEqual(again, got) {
				t.Fatalf("%v.Coerce(%q) = %s; coerced again %s, %v", typ, s, showValue(got), showValue(again), err)
			}
		}
	})
}
