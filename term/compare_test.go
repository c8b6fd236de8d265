package term

import (
	"math"
	"math/big"
	"testing"
)

func bigTerm(s string) Term {
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	return BigInt(b)
}

// ascending lists terms in strictly increasing Erlang term order.
var ascending = []Term{
	bigTerm("-100000000000000000000"),
	Float(-1e19),
	Int(math.MinInt64),
	Int(-1),
	Float(-0.5),
	Int(0),
	Float(0.5),
	Int(1),
	Float(1.5),
	Int(math.MaxInt64),
	Float(1e19),
	bigTerm("100000000000000000000"),
	Atom(""),
	Atom("a"),
	Atom("ab"),
	Atom("b"),
	Atom("é"),
	Tuple(),
	Tuple(Int(9)),
	Tuple(Int(1), Int(2)),
	Tuple(Int(1), Atom("a")),
	Tuple(Int(1), Int(1), Int(1)),
	Map(),
	Map(MapPair{Int(1), Atom("a")}),
	Map(MapPair{Int(2), Atom("a")}),
	Map(MapPair{Float(1), Atom("a")}),
	Map(MapPair{Int(1), Atom("a")}, MapPair{Int(2), Atom("b")}),
	Nil,
	ImproperList([]Term{Int(1)}, Int(2)), // [1|2] < [1]: the tail 2 is a number, [] is not
	List(Int(1)),
	List(Int(1), Int(2)),
	List(Int(1), Int(2), Int(3)),
	List(Int(2)),
	List(Atom("a")),
	BinaryString(""),
	BinaryString("\x00"),
	BinaryString("a"),
	BinaryString("ab"),
	BinaryString("b"),
}

func TestCompare_order(t *testing.T) {
	for i, a := range ascending {
		for j, b := range ascending {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := Compare(a, b); got != want {
				t.Errorf("Compare(#%d, #%d) = %d, want %d", i, j, got, want)
			}
			if got := CompareExact(a, b); got != want && !(a.IsNumber() && b.IsNumber()) {
				t.Errorf("CompareExact(#%d, #%d) = %d, want %d", i, j, got, want)
			}
		}
	}
}

func TestEqual_numbers(t *testing.T) {
	tests := []struct {
		a, b         Term
		equal, exact bool
	}{
		{Int(1), Float(1), true, false},
		{Int(1), Int(1), true, true},
		{Float(0), Float(math.Copysign(0, -1)), true, true},
		{Int(9007199254740993), Float(9007199254740992), false, false},
		{bigTerm("100000000000000000000"), Float(1e20), true, false},
		{bigTerm("100000000000000000000"), bigTerm("100000000000000000000"), true, true},
		{Tuple(Int(1), Atom("a")), Tuple(Float(1), Atom("a")), true, false},
		{List(Int(1)), List(Float(1)), true, false},
		{Map(MapPair{Int(1), Int(1)}), Map(MapPair{Float(1), Int(1)}), false, false},
		{Map(MapPair{Int(1), Int(1)}), Map(MapPair{Int(1), Float(1)}), true, false},
		{BinaryString("abc"), Binary([]byte("abc")), true, true},
		{Atom("abc"), BinaryString("abc"), false, false},
	}
	for i, tt := range tests {
		if got := Equal(tt.a, tt.b); got != tt.equal {
			t.Errorf("#%d: Equal = %v, want %v", i, got, tt.equal)
		}
		if got := ExactEqual(tt.a, tt.b); got != tt.exact {
			t.Errorf("#%d: ExactEqual = %v, want %v", i, got, tt.exact)
		}
		if tt.exact && Hash(tt.a) != Hash(tt.b) {
			t.Errorf("#%d: =:= terms hash differently", i)
		}
		if tt.equal && HashEqual(tt.a) != HashEqual(tt.b) {
			t.Errorf("#%d: == terms HashEqual differently", i)
		}
	}
}

func TestCompareExact_integersBeforeFloats(t *testing.T) {
	if CompareExact(Int(2), Float(1)) != -1 || CompareExact(Tuple(Int(2)), Tuple(Float(1))) != -1 {
		t.Fatal("in exact order every integer precedes every float")
	}
	keys, _ := Map(MapPair{Float(1), Atom("a")}, MapPair{Int(2), Atom("b")}, MapPair{Int(1), Atom("c")}).MapPairs()
	if len(keys) != 3 || !ExactEqual(keys[0], Int(1)) || !ExactEqual(keys[1], Int(2)) || !ExactEqual(keys[2], Float(1)) {
		t.Fatalf("map keys not in map-key order [1,2,1.0]")
	}
}

func TestImproperList_normalizes(t *testing.T) {
	l := ImproperList([]Term{Int(1)}, ImproperList([]Term{Int(2)}, Nil))
	if !l.IsProperList() || l.Len() != 2 {
		t.Fatalf("[1|[2]] should be the proper list [1,2]")
	}
	tl, ok := ImproperList([]Term{Int(1), Int(2)}, Atom("x")).TailOf()
	if !ok || tl.IsProperList() || !ExactEqual(tl, ImproperList([]Term{Int(2)}, Atom("x"))) {
		t.Fatalf("tl([1,2|x]) should be [2|x]")
	}
}

var sinkInt int

func BenchmarkCompare_tuple5(b *testing.B) {
	x := Tuple(Int(12345), BinaryString("product-12345"), Int(45), Float(19.5), Int(100))
	y := Tuple(Int(12345), BinaryString("product-12345"), Int(45), Float(19.5), Int(101))
	b.ReportAllocs()
	for b.Loop() {
		sinkInt += Compare(x, y)
	}
}

func BenchmarkCompare_tuple5Distinct(b *testing.B) {
	x := Tuple(Int(12345), Binary([]byte("product-12345")), Int(45), Float(19.5), Int(100))
	y := Tuple(Int(12345), Binary([]byte("product-12345")), Int(45), Float(19.5), Int(101))
	b.ReportAllocs()
	for b.Loop() {
		sinkInt += Compare(x, y)
	}
}
