package term

import (
	"fmt"
	"testing"
)

// The expected strings follow Elixir 1.15+'s Inspect implementations
// (lib/elixir/lib/inspect.ex, Macro.inspect_atom/2, Code.Identifier.escape/2).
func TestFormatElixir_cases(t *testing.T) {
	tests := []struct{ in, want string }{
		{`ok`, `:ok`},
		{`'$1'`, `:"$1"`},
		{`''`, `:""`},
		{`[true, false, nil, undefined]`, `[true, false, nil, :undefined]`},
		{`'Elixir.Foo'`, `Foo`},
		{`'Elixir.Foo.Bar'`, `Foo.Bar`},
		{`'Elixir'`, `Elixir`},
		{`'Elixir.Elixir.Foo'`, `Elixir.Elixir.Foo`},
		{`'Elixir.foo'`, `:"Elixir.foo"`},
		{`'Foo'`, `:Foo`},
		{`'Foo.Bar'`, `:"Foo.Bar"`},
		{`'foo@bar'`, `:foo@bar`},
		{`'foo?'`, `:foo?`},
		{`'foo!'`, `:foo!`},
		{`'foo?x'`, `:"foo?x"`},
		{`'hello world'`, `:"hello world"`},
		{`'9lives'`, `:"9lives"`},
		{`['+', '<>', '::', '..', '%{}', '->', 'when', '//', '|>']`, `[:+, :<>, :"::", :.., :%{}, :->, :when, :"//", :|>]`},
		{`['жа', 'josé', 'a\x{200B}b']`, `[:жа, :josé, :"a\u200Bb"]`},
		{`'a"b'`, `:"a\"b"`},
		{`{a, 1}`, `{:a, 1}`},
		{`{}`, `{}`},
		{`[1, 2]`, `[1, 2]`},
		{`[1 | 2]`, `[1 | 2]`},
		{`[1, 2 | 3]`, `[1, 2 | 3]`},
		{`[]`, `[]`},
		{`[{a, 1}, {'b c', 2}, {nil, 3}, {'Foo', 4}, {'+', 5}]`, `[a: 1, "b c": 2, nil: 3, Foo: 4, +: 5]`},
		{`[{'Elixir.Foo', 1}]`, `[{Foo, 1}]`},
		{`[{a, 1} | b]`, `[{:a, 1} | :b]`},
		{`#{a => 1, b => 2}`, `%{a: 1, b: 2}`},
		{`#{1 => 2}`, `%{1 => 2}`},
		{`#{a => 1, 1 => 2}`, `%{1 => 2, :a => 1}`},
		{`#{}`, `%{}`},
		{`#{'Elixir' => 1}`, `%{"Elixir": 1}`},
		{`<<"text">>`, `"text"`},
		{`<<>>`, `""`},
		{`<<"é"/utf8>>`, `"é"`},
		{`<<"a\"b\\c#{d}\n\t\e\d">>`, `"a\"b\\c\#{d}\n\t\e\d"`},
		{`<<7, 0>>`, `<<7, 0>>`},
		{`<<7>>`, `"\a"`},
		{`<<"\x{a0}"/utf8>>`, `"\u00A0"`},
		{`<<1, 2>>`, `<<1, 2>>`},
		{`<<233>>`, `<<233>>`},
		{`"abc"`, `~c"abc"`},
		{`"a\"b#{"`, `~c"a\"b\#{"`},
		{`"\a\n"`, `~c"a\n"`},
		{`[7, 10, 27]`, `~c"\a\n\e"`},
		{`"é"`, `[233]`},
		{`[127]`, `[127]`},
		{`[1.0e10, 0.1, 1.0e16, 123.0, -1.0, -0.0, 1.0e-5, 9007199254740993.0, 1.5e300]`,
			`[10000000000.0, 0.1, 1.0e16, 123.0, -1.0, -0.0, 1.0e-5, 9007199254740992.0, 1.5e300]`},
		{`123456789012345678901234567890`, `123456789012345678901234567890`},
		{`fun lists:map/2`, `&:lists.map/2`},
		{`fun 'Elixir.Enum':map/2`, `&Enum.map/2`},
		{`fun erlang:'+'/2`, `&:erlang.+/2`},
		{`fun m:'Foo'/0`, `&:m."Foo"/0`},
		{`fun m:'a b'/0`, `&:m."a b"/0`},
	}
	for _, tt := range tests {
		v := mustParse(t, tt.in)
		if got := FormatElixir(v); got != tt.want {
			t.Errorf("FormatElixir(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestFormatElixir_total prints the random corpus: every term must print,
// and printing is deterministic.
func TestFormatElixir_total(t *testing.T) {
	for i, v := range corpus(500) {
		a, b := FormatElixir(v), FormatElixir(v)
		if a == "" || a != b {
			t.Fatalf("#%d: FormatElixir(%s) = %q, then %q", i, FormatW(v), a, b)
		}
	}
}

func BenchmarkFormatElixir_tuple5(b *testing.B) {
	b.ReportAllocs()
	var buf []byte
	for b.Loop() {
		buf = AppendFormatElixir(buf[:0], benchRow)
	}
	sinkString = string(buf)
}

func ExampleFormatElixir() {
	t := Tuple(Atom("ok"), Map(MapPair{Atom("name"), BinaryString("ann")}), Charlist("abc"), Atom("Elixir.Foo"), Float(1e10))
	fmt.Println(FormatElixir(t))
	// Output:
	// {:ok, %{name: "ann"}, ~c"abc", Foo, 10000000000.0}
}
