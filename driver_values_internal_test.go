package etsql

import (
	"math"
	"math/big"
	"reflect"
	"testing"

	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

func TestDriverValue_sameAsToGo(t *testing.T) {
	big1, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	terms := []term.Term{
		term.Int(0), term.Int(7), term.Int(255), term.Int(256), term.Int(-1), term.Int(math.MinInt64), term.Int(math.MaxInt64),
		term.BigInt(big1), term.Float(0), term.Float(-2.5), term.Float(math.Inf(1)),
		term.BinaryString(""), term.BinaryString("abc"), term.Atom("x"), term.True, term.False, schema.Null,
		term.Tuple(term.Int(1)), term.Nil,
	}
	types := []schema.Type{0, schema.Int, schema.Float, schema.Text, schema.Blob, schema.Bool, schema.Date, schema.Timestamp, schema.Term}
	var b valueBoxes
	for _, typ := range types {
		for _, v := range terms {
			want := toGo(v, typ)
			got := driverValue(v, typ, &b)
			if reflect.TypeOf(got) != reflect.TypeOf(want) || !reflect.DeepEqual(got, want) {
				t.Errorf("driverValue(%v, %v) = %#v (%T), toGo gives %#v (%T)", v, typ, got, got, want, want)
			}
		}
	}
}

func TestValueBoxes_valuesKeptStay(t *testing.T) {
	var b valueBoxes
	var ints, floats, strs []any
	for i := range 3*boxSlab + 5 {
		ints = append(ints, b.int64(int64(1000+i)))
		floats = append(floats, b.float64(float64(i)+0.5))
		strs = append(strs, b.string(string(rune('a'+i%26))+"-x"))
	}
	for i := range ints {
		if ints[i] != any(int64(1000+i)) {
			t.Fatalf("int %d = %#v, want %d", i, ints[i], 1000+i)
		}
		if floats[i] != any(float64(i)+0.5) {
			t.Fatalf("float %d = %#v, want %v", i, floats[i], float64(i)+0.5)
		}
		if want := string(rune('a'+i%26)) + "-x"; strs[i] != any(want) {
			t.Fatalf("string %d = %#v, want %q", i, strs[i], want)
		}
	}
}

func TestValueBoxes_int64_allocatesPerSlab(t *testing.T) {
	var b valueBoxes
	var sink any
	n := 0
	allocs := testing.AllocsPerRun(10*boxSlab, func() {
		sink = b.int64(int64(100000 + n))
		n++
	})
	if allocs > 0.1 {
		t.Errorf("int64 allocates %v times per value, want one slab per %d values", allocs, boxSlab)
	}
	_ = sink
}
