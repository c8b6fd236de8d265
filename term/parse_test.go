package term

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/etsql/etsql/internal/erltest"
)

var parseValidCases = []struct {
	in   string
	want Term
}{
	{`42`, Int(42)},
	{`42.`, Int(42)},
	{" \t% comment\n 42 . % trailing\n", Int(42)},
	{`1_000_000`, Int(1000000)},
	{`16#FF`, Int(255)},
	{`16#ff_ff`, Int(65535)},
	{`2#1010`, Int(10)},
	{`36#zz`, Int(1295)},
	{`-16#FF`, Int(-255)},
	{`00012`, Int(12)},
	{`- 1`, Int(-1)},
	{`+1`, Int(1)},
	{`-$a`, Int(-97)},
	{`9223372036854775807`, Int(math.MaxInt64)},
	{`-9223372036854775808`, Int(math.MinInt64)},
	{`9223372036854775808`, bigTerm("9223372036854775808")},
	{`-1_000_000_000_000_000_000_000`, bigTerm("-1000000000000000000000")},
	{`1.0`, Float(1)},
	{`1.5e-3`, Float(1.5e-3)},
	{`2.0E10`, Float(2e10)},
	{`1.0e+3`, Float(1000)},
	{`1_0.5e1_0`, Float(1.05e11)},
	{`-0.0`, Float(math.Copysign(0, -1))},
	{`1.0e-400`, Float(0)},
	{`$a`, Int('a')},
	{`$\n`, Int('\n')},
	{`$ `, Int(' ')},
	{`$\x{41}`, Int(65)},
	{`$\x41`, Int(65)},
	{`$\101`, Int(65)},
	{`$\^A`, Int(1)},
	{`$\^?`, Int(31)},
	{`$\s`, Int(' ')},
	{`$\d`, Int(127)},
	{`$\z`, Int('z')},
	{`$é`, Int(233)},
	{`$.`, Int('.')},
	{`abc`, Atom("abc")},
	{`a@b_C1`, Atom("a@b_C1")},
	{`ünï`, Atom("ünï")},
	{`'hello world'`, Atom("hello world")},
	{`'and'`, Atom("and")},
	{`''`, Atom("")},
	{`'a\qb'`, Atom("aqb")},
	{`'\x{1F600}'`, Atom("😀")},
	{`'it''s'`, Term{}}, // two atoms: see TestParse_errors
	{`"abc"`, Charlist("abc")},
	{`""`, Nil},
	{`"ab" "cd"`, Charlist("abcd")},
	{"\"a\" % c\n \"\" \"b\"", Charlist("ab")},
	{`"\x{20AC}\t\e"`, List(Int(0x20AC), Int(9), Int(27))},
	{"\"line\nbreak\"", Charlist("line\nbreak")},
	{`{}`, Tuple()},
	{`{a, 1, "s"}`, Tuple(Atom("a"), Int(1), Charlist("s"))},
	{`[]`, Nil},
	{`[1, 2, 3]`, List(Int(1), Int(2), Int(3))},
	{`[1, 2 | T]`, Term{}},
	{`[1, 2 | x]`, ImproperList([]Term{Int(1), Int(2)}, Atom("x"))},
	{`[1 | [2]]`, List(Int(1), Int(2))},
	{`[1 | []]`, List(Int(1))},
	{`#{}`, Map()},
	{`# {k => v, 1 => 2.0}`, Map(MapPair{Atom("k"), Atom("v")}, MapPair{Int(1), Float(2)})},
	{`#{a => 1, a => 2}`, Map(MapPair{Atom("a"), Int(2)})},
	{`<<>>`, BinaryString("")},
	{`<<1,2,3>>`, Binary([]byte{1, 2, 3})},
	{`<<"abc">>`, BinaryString("abc")},
	{`<<"é"/utf8>>`, BinaryString("é")},
	{`<<"é">>`, Binary([]byte{233})},
	{`<<"">>`, BinaryString("")},
	{`<<1:16>>`, Binary([]byte{0, 1})},
	{`<<-1:8>>`, Binary([]byte{255})},
	{`<<-1:16/signed>>`, Binary([]byte{255, 255})},
	{`<<300>>`, Binary([]byte{44})},
	{`<<1:16/little>>`, Binary([]byte{1, 0})},
	{`<<1:7, 1:1>>`, Binary([]byte{3})},
	{`<<"ab":4>>`, Binary([]byte{0x12})},
	{`<<"abc":16>>`, Binary([]byte{0, 97, 0, 98, 0, 99})},
	{`<<1:8/unit:2>>`, Binary([]byte{0, 1})},
	{`<<16#FFFFFFFFFFFFFFFFFF:72>>`, Binary([]byte{255, 255, 255, 255, 255, 255, 255, 255, 255})},
	{`<<1.5/float>>`, Binary([]byte{63, 248, 0, 0, 0, 0, 0, 0})},
	{`<<1.5:32/float>>`, Binary([]byte{63, 192, 0, 0})},
	{`<<1.5:16/float>>`, Binary([]byte{62, 0})},
	{`<<1:64/float>>`, Binary([]byte{63, 240, 0, 0, 0, 0, 0, 0})},
	{`<<-0.0/float>>`, Binary([]byte{128, 0, 0, 0, 0, 0, 0, 0})},
	{`<<1/utf16>>`, Binary([]byte{0, 1})},
	{`<<"€"/utf16>>`, Binary([]byte{0x20, 0xAC})},
	{`<<$a/utf32-little>>`, Binary([]byte{97, 0, 0, 0})},
	{`<<"😀"/utf16-little>>`, Binary([]byte{0x3D, 0xD8, 0x00, 0xDE})},
	{`<<<<1,2>>/binary>>`, Binary([]byte{1, 2})},
	{`<<<<1,2>>:1/binary>>`, Binary([]byte{1})},
	{`<<<<1,2>>/bits>>`, Binary([]byte{1, 2})},
	{`<< 1 : 8 >>`, Binary([]byte{1})},
	{`<<1:0>>`, BinaryString("")},
}

func TestParse_valid(t *testing.T) {
	for _, tt := range parseValidCases {
		if !tt.want.IsValid() {
			continue
		}
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if !ExactEqual(got, tt.want) {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, FormatW(got), FormatW(tt.want))
		}
	}
}

var parseErrorCases = []struct{ in, want string }{
	{``, "1:1: expected term, found end of input"},
	{`{1,`, "1:4: expected term, found end of input"},
	{`{1 2}`, "1:4: expected ',' or '}', found integer 2"},
	{`{a,}`, "1:4: expected term, found '}'"},
	{`[,]`, "1:2: expected term, found ','"},
	{`[a|b|c]`, "1:5: expected ']', found '|'"},
	{`[a b]`, "1:4: expected ',', '|' or ']', found atom b"},
	{`#{1=>2,}`, "1:8: expected term, found '}'"},
	{`#{a := 1}`, "1:5: expected '=>', found ':='"},
	{`#{a}`, "1:4: expected '=>', found '}'"},
	{`#a`, "1:2: expected '{', found atom a"},
	{`1 2`, "1:3: expected '.' or end of input, found integer 2"},
	{`1. 2.`, "1:4: expected end of input, found integer 2"},
	{`'it''s'`, "1:5: expected '.' or end of input, found atom 's'"},
	{`X`, "1:1: expected term, found variable X"},
	{`_`, "1:1: expected term, found variable _"},
	{`end`, "1:1: expected term, found 'end'"},
	{`- - 1`, "1:3: expected number after '-', found '-'"},
	{`-a`, "1:2: expected number after '-', found atom a"},
	{`"ab" ++ c`, "1:6: expected '.' or end of input, found '++'"},
	{`1e10`, "1:2: expected '.' or end of input, found atom e10"},
	{`1.e5`, "1:2: expected '.' or end of input, found '.'"},
	{`1__0`, "1:2: expected '.' or end of input, found variable __0"},
	{`1.0e400`, "1:1: illegal float 1.0e400"},
	{`0.5e`, "1:1: illegal float"},
	{`16#_F`, "1:1: illegal integer"},
	{`37#1`, "1:1: illegal base 37"},
	{`1#0`, "1:1: illegal base 1"},
	{`'abc`, "1:1: unterminated quoted atom"},
	{"\n  \"abc", "2:3: unterminated string"},
	{`$`, "1:1: expected character after '$', found end of input"},
	{`"\x{D800}"`, "1:2: illegal character"},
	{`$\x{110000}`, "1:2: illegal character"},
	{`"\xZ1"`, "1:2: illegal hex escape"},
	{`"\x{41"`, "1:2: illegal hex escape"},
	{`'` + strings.Repeat("x", 256) + `'`, "1:1: atom too long"},
	{"{a,\n  \"é\" ~}", "2:7: unexpected character '~'"},
	{"é\xff", "1:2: invalid UTF-8"},
	{"\"\xff\"", "1:2: invalid UTF-8"},
	{`<<1:4>>`, "1:1: bitstring of 4 bits is not a whole number of bytes"},
	{`<<a>>`, "1:3: expected binary segment value, found atom a"},
	{`<<"ab"/binary>>`, "1:3: binary segment needs a binary value"},
	{`<<1/integer-unit:8>>`, "1:3: unit given without a size"},
	{`<<1.5>>`, "1:3: integer segment needs an integer value"},
	{`<<1:12/float>>`, "1:3: float segment must be 16, 32 or 64 bits"},
	{`<<1:8/utf8>>`, "1:3: utf segment takes no size or unit"},
	{`<<16#110000/utf8>>`, "1:3: utf segment needs a Unicode code point"},
	{`<<<<1>>:2/binary>>`, "1:3: binary segment is larger than its value"},
	{`<<1/foo>>`, "1:5: expected type specifier, found atom foo"},
	{`<<1:x>>`, "1:5: expected segment size, found atom x"},
	{`<<1 2>>`, "1:5: expected ',' or '>>', found integer 2"},
	{`fun a:b/c`, "1:9: expected arity, found atom c"},
	{`fun A:b/1`, "1:5: expected atom, found variable A"},
	{`fun(X) -> X end`, "1:4: expected atom, found '('"},
}

func TestParse_errors(t *testing.T) {
	for _, tt := range parseErrorCases {
		_, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want %q", tt.in, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Parse(%q) error\n got %q\nwant %q", tt.in, err.Error(), tt.want)
		}
		var se *SyntaxError
		if !errors.As(err, &se) || !errors.Is(err, ErrSyntax) {
			t.Errorf("Parse(%q) error %v is not a *SyntaxError", tt.in, err)
		}
	}
}

// erlParseScript reads hex-encoded UTF-8 texts, one a line, and prints
// "ok ~w" of the term erl_parse:parse_term/1 reads from each, or "error".
const erlParseScript = `
main(_) ->
    ok = io:setopts(standard_io, [binary, {encoding, unicode}]),
    loop().

loop() ->
    case io:get_line("") of
        eof -> ok;
        Line ->
            Text = unicode:characters_to_list(binary:decode_hex(string:trim(Line, trailing, "\n"))),
            Out = try
                {ok, Tokens, _} = erl_scan:string(Text),
                Dotted = case lists:last(Tokens) of {dot, _} -> Tokens; _ -> Tokens ++ [{dot, 1}] end,
                {ok, T} = erl_parse:parse_term(Dotted),
                io_lib:format("ok ~w", [T])
            catch _:_ -> "error"
            end,
            io:put_chars(unicode:characters_to_binary([Out, "\n"])),
            loop()
    end.
`

// TestParse_erlang checks the parse tables against OTP: what Parse reads,
// erl_parse:parse_term/1 reads as the same term, and what Parse rejects, it
// rejects too (except bitstrings, which OTP has and etsql does not model).
func TestParse_erlang(t *testing.T) {
	erltest.Require(t)
	var in bytes.Buffer
	var texts []string
	for _, tt := range parseValidCases {
		texts = append(texts, tt.in)
	}
	for _, tt := range parseErrorCases {
		texts = append(texts, tt.in)
	}
	for _, s := range texts {
		fmt.Fprintf(&in, "%x\n", s)
	}
	out := strings.Split(strings.TrimSuffix(string(erltest.RunEscript(t, erlParseScript, in.Bytes())), "\n"), "\n")
	if len(out) != len(texts) {
		t.Fatalf("erl printed %d lines for %d texts", len(out), len(texts))
	}
	for i, s := range texts {
		v, err := Parse(s)
		switch {
		case err == nil && out[i] != "ok "+FormatW(v):
			t.Errorf("Parse(%q) = %s, erl: %s", s, FormatW(v), out[i])
		case err != nil && out[i] != "error" && !errors.Is(err, ErrUnsupported):
			t.Errorf("Parse(%q) fails (%v), erl: %s", s, err, out[i])
		}
	}
}

func TestParse_tooDeep(t *testing.T) {
	for _, open := range []string{"[", "{", "#{a=>", "<<"} {
		text := strings.Repeat(open, MaxDepth+1)
		_, err := Parse(text)
		if !errors.Is(err, ErrTooDeep) || !errors.Is(err, ErrSyntax) {
			t.Fatalf("Parse(%s x %d): %v, want ErrTooDeep", open, MaxDepth+1, err)
		}
	}
	ok := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	if _, err := Parse(ok); err != nil {
		t.Fatalf("Parse of %d nested lists: %v", MaxDepth, err)
	}
}

func TestParse_bitstringIsUnsupported(t *testing.T) {
	if _, err := Parse(`<<1:4>>`); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("err = %v, want ErrUnsupported", err)
	}
}

func TestParseTerms_consult(t *testing.T) {
	got, err := ParseTerms("% config\n{port, 8080}.\n{name, \"db\"}.\n[].\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []Term{Tuple(Atom("port"), Int(8080)), Tuple(Atom("name"), Charlist("db")), Nil}
	if len(got) != len(want) {
		t.Fatalf("got %d terms, want %d", len(got), len(want))
	}
	for i := range want {
		if !ExactEqual(got[i], want[i]) {
			t.Errorf("term %d = %s, want %s", i, Format(got[i]), Format(want[i]))
		}
	}
	if terms, err := ParseTerms(" % nothing\n"); err != nil || len(terms) != 0 {
		t.Errorf("ParseTerms of a comment = %v, %v", terms, err)
	}
	if _, err := ParseTerms("{a}.\n{b}"); err == nil || err.Error() != "2:4: expected '.', found end of input" {
		t.Errorf("missing dot: %v", err)
	}
}

func TestParser_ParseArgs_call(t *testing.T) {
	p := NewParser("ets:lookup(users, {1, \"ann\"}). rest")
	mod, _ := p.Next()
	if _, err := p.Expect(":"); err != nil {
		t.Fatal(err)
	}
	fun, _ := p.Next()
	args, err := p.ParseArgs()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Expect("."); err != nil {
		t.Fatal(err)
	}
	if !mod.Value().IsAtomNamed("ets") || !fun.Value().IsAtomNamed("lookup") || len(args) != 2 ||
		!ExactEqual(args[1], Tuple(Int(1), Charlist("ann"))) {
		t.Fatalf("got %v %v %v", mod, fun, args)
	}
	if got := p.Rest(); got != "rest" {
		t.Errorf("Rest() = %q, want %q", got, "rest")
	}
	if pos := p.Pos(); pos.Line != 1 || pos.Column != 32 || pos.Offset != 31 {
		t.Errorf("Pos() = %+v", pos)
	}
	if args, err := NewParser("()").ParseArgs(); err != nil || len(args) != 0 {
		t.Errorf("ParseArgs(()) = %v, %v", args, err)
	}
	if _, err := NewParser("(1,)").ParseArgs(); err == nil || err.Error() != "1:4: expected term, found ')'" {
		t.Errorf("ParseArgs((1,)) error = %v", err)
	}
	if _, err := NewParser("[1]").ParseArgs(); err == nil || err.Error() != "1:1: expected '(', found '['" {
		t.Errorf("ParseArgs([1]) error = %v", err)
	}
}

func TestScanner_positions(t *testing.T) {
	p := NewParser("{é,\n\t'ü x', \"s\" }.")
	var got []string
	for {
		tok, err := p.Next()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s@%s", tok, tok.Pos))
		if tok.Kind == TokenEOF {
			break
		}
	}
	want := "'{'@1:1 atom é@1:2 ','@1:3 atom 'ü x'@2:2 ','@2:7 string \"s\"@2:9 '}'@2:13 '.'@2:14 end of input@2:15"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("tokens\n got %s\nwant %s", s, want)
	}
}

// FuzzParse checks that Parse never panics and that what it reads prints
// as text that reads back as the same term.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`{a, "b", <<"c"/utf8>>, [1|2], #{k => 1.5e3}}.`, `$\x{41}`, `16#FF_FF`, `'a\^A'`,
		`<<1:16/little, "ab":4, 1.5:16/float>>`, `[[[[]]]]`, `-1.0e-3`, `fun m:f/1`, "% c\n1.", `<<"€"/utf16>>`,
		`"a" "b"`, `9999999999999999999999999`, `<<<<1>>/binary>>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		v, err := Parse(text)
		if err != nil {
			return
		}
		for _, printed := range []string{Format(v), FormatW(v)} {
			w, err := Parse(printed)
			if err != nil {
				t.Fatalf("Parse(%q) = %s, which does not parse: %v", text, printed, err)
			}
			if !ExactEqual(v, w) {
				t.Fatalf("Parse(%q) = %s reads back as %s", text, printed, FormatW(w))
			}
		}
	})
}

var sinkTerm Term

const benchRowText = `{12345, <<"product-12345">>, in_stock, 19.5, [1,2,3]}`

func BenchmarkParse_tuple5(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		t, err := Parse(benchRowText)
		if err != nil {
			b.Fatal(err)
		}
		sinkTerm = t
	}
}

func ExampleParse() {
	t, err := Parse(`{user, "ann", <<"é"/utf8>>, [1,2|3], #{k => 1.5e3}}.`)
	if err != nil {
		panic(err)
	}
	fmt.Println(t)
	_, err = Parse(`{user, "ann"`)
	fmt.Println(err)
	// Output:
	// {user,"ann",<<"é"/utf8>>,[1,2|3],#{k => 1.5e3}}
	// 1:13: expected ',' or '}', found end of input
}
