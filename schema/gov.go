package schema

import (
	"fmt"
	"math/big"
	"time"

	"github.com/etsql/etsql/term"
)

// FromGo returns the term a column of type typ stores for the Go value v,
// as the Go API and the database/sql driver pass values in: nil (NULL),
// the signed and unsigned integer types, float32 and float64, string and
// []byte (binaries), bool, time.Time, *big.Int and term.Term (taken as
// is). The term is then coerced as Type.Coerce does, so a string goes into
// a DATE column as its text would.
//
// A time.Time goes into a TIMESTAMP column converted to UTC, with its
// nanoseconds; into a DATE column it gives its calendar date in its own
// location (the time of day is dropped: Go has no date type). Anything else
// is an ErrBadValue error.
func FromGo(v any, typ Type) (term.Term, error) {
	var (
		t  term.Term
		ok bool
	)
	if tm, isTime := v.(time.Time); isTime && typ == Date {
		t, ok = dateTerm(tm)
	} else {
		t, ok = goTerm(v)
	}
	if !ok {
		return term.Term{}, errorf(ErrBadValue, "cannot store %s as %s", showGo(v), typ)
	}
	return typ.Coerce(t)
}

// goTerm returns the natural term of a Go value.
func goTerm(v any) (term.Term, bool) {
	switch x := v.(type) {
	case nil:
		return Null, true
	case term.Term:
		return x, x.IsValid()
	case int:
		return term.Int(int64(x)), true
	case int8:
		return term.Int(int64(x)), true
	case int16:
		return term.Int(int64(x)), true
	case int32:
		return term.Int(int64(x)), true
	case int64:
		return term.Int(x), true
	case uint:
		return uintTerm(uint64(x)), true
	case uint8:
		return term.Int(int64(x)), true
	case uint16:
		return term.Int(int64(x)), true
	case uint32:
		return term.Int(int64(x)), true
	case uint64:
		return uintTerm(x), true
	case *big.Int:
		if x == nil {
			return Null, true
		}
		return term.BigInt(x), true
	case float32:
		return term.Float(float64(x)), term.IsFinite(float64(x))
	case float64:
		return term.Float(x), term.IsFinite(x)
	case string:
		return term.BinaryString(x), true
	case []byte:
		if x == nil {
			return Null, true
		}
		return term.Binary(x), true
	case bool:
		return term.Bool(x), true
	case time.Time:
		return timestampTerm(x)
	}
	return term.Term{}, false
}

// showGo renders a Go value FromGo refuses, for its error message.
func showGo(v any) string {
	switch x := v.(type) {
	case time.Time:
		return "time " + x.Format(time.RFC3339Nano)
	case float32, float64:
		return fmt.Sprint(x)
	case term.Term:
		return "the zero term.Term"
	}
	return fmt.Sprintf("a Go value of type %T", v)
}

func uintTerm(u uint64) term.Term {
	return term.BigInt(new(big.Int).SetUint64(u))
}

// ToGo returns the Go value of a stored term of a column of type typ: nil
// for NULL (the atom undefined); int64 for INT (a *big.Int beyond 64 bits);
// float64 for FLOAT; string for TEXT; []byte for BLOB; bool for BOOL;
// time.Time in UTC for DATE (at midnight) and TIMESTAMP; the term.Term
// itself for TERM (the database/sql driver shows it as Erlang text); for
// ANY, by the value's class: int64, float64 or string. A term
// that does not fit its type, as a row written by ets calls may hold, is
// returned as the term.Term itself.
func ToGo(t term.Term, typ Type) any {
	if IsNull(t) {
		return nil
	}
	switch typ {
	case Int:
		if n, ok := t.Int64(); ok {
			return n
		}
		if n, ok := t.Big(); ok {
			return n
		}
	case Float:
		if f, ok := t.Float64(); ok {
			return f
		}
	case Text:
		if s, ok := t.BinaryValue(); ok {
			return s
		}
	case Blob:
		if b, ok := t.Bytes(); ok {
			return b
		}
	case Bool:
		if t.IsBoolean() {
			return t.IsTrue()
		}
	case Date:
		if d, ok := dateOf(t); ok {
			return time.Date(d.year, time.Month(d.month), d.day, 0, 0, 0, 0, time.UTC)
		}
	case Timestamp:
		if tm, ok := timeOf(t); ok {
			return tm
		}
	case Any:
		return anyToGo(t)
	}
	return t
}

// anyToGo is the Go value of an ANY column's value, by its class:
// int64 (*big.Int beyond 64 bits), float64 or string.
func anyToGo(t term.Term) any {
	switch t.Kind() {
	case term.KindInteger:
		return ToGo(t, Int)
	case term.KindFloat:
		return ToGo(t, Float)
	case term.KindBinary:
		return ToGo(t, Text)
	}
	return t
}
