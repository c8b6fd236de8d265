package term

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/etsql/etsql/internal/erltest"
)

func mustParse(tb testing.TB, text string) Term {
	tb.Helper()
	t, err := Parse(text)
	if err != nil {
		tb.Fatalf("Parse(%q): %v", text, err)
	}
	return t
}

// The expected strings below were printed by OTP 25 with ~0tp and ~w.
func TestFormat_cases(t *testing.T) {
	tests := []struct{ in, p, w string }{
		{`{a,"str",<<"bin">>,[1,2|3]}`, `{a,"str",<<"bin">>,[1,2|3]}`, `{a,[115,116,114],<<98,105,110>>,[1,2|3]}`},
		{`#{k => v, "key2" => <<"value é"/utf8>>, 1.0 => x, 1 => y}`,
			`#{1 => y,1.0 => x,k => v,"key2" => <<"value é"/utf8>>}`,
			`#{1 => y,1.0 => x,k => v,[107,101,121,50] => <<118,97,108,117,101,32,195,169>>}`},
		{`'hello world'`, `'hello world'`, `'hello world'`},
		{`['Abc', 'and', '', '$1', a@b, a_B1, 'ünï', 'maybe', 'else']`, `['Abc','and','','$1',a@b,a_B1,ünï,maybe,else]`, `['Abc','and','','$1',a@b,a_B1,ünï,maybe,else]`},
		{`'жа'`, `'жа'`, `'\x{436}\x{430}'`},
		{`['a\x{96}', 'a\x7f', 'a\nb', '\'\\', 'a\x{200B}']`, `['a\226','a\d','a\nb','\'\\','a` + "\u200b" + `']`, `['a\226','a\d','a\nb','\'\\','a\x{200B}']`},
		{`"é"`, `"é"`, `[233]`},
		{`"€"`, `[8364]`, `[8364]`},
		{`"\b\v\f\r\s\e"`, `"\b\v\f\r \e"`, `[8,11,12,13,32,27]`},
		{`"abc\n\t\e\0"`, `[97,98,99,10,9,27,0]`, `[97,98,99,10,9,27,0]`},
		{`[127]`, `[127]`, `[127]`},
		{`[160]`, "\"\u00a0\"", `[160]`},
		{`"\"\\'"`, `"\"\\'"`, `[34,92,39]`},
		{`<<"€"/utf8>>`, `<<226,130,172>>`, `<<226,130,172>>`},
		{`<<"é"/utf8>>`, `<<"é"/utf8>>`, `<<195,169>>`},
		{`<<233>>`, `<<"é">>`, `<<233>>`},
		{`<<"abc",0>>`, `<<97,98,99,0>>`, `<<97,98,99,0>>`},
		{`<<"\n\t\"\\">>`, `<<"\n\t\"\\">>`, `<<10,9,34,92>>`},
		{`<<>>`, `<<>>`, `<<>>`},
		{`[$a|$b]`, `[97|98]`, `[97|98]`},
		{`"ab" ++ c`, ``, ``}, // not a term: checked in TestParse_errors
		{`[]`, `[]`, `[]`},
		{`{}`, `{}`, `{}`},
		{`#{#{} => {}}`, `#{#{} => {}}`, `#{#{} => {}}`},
		{`-12345678901234567890123`, `-12345678901234567890123`, `-12345678901234567890123`},
		{`[1.0e10, 0.1, 1.0e-5, 123456789.0, 1.0e15, 1.0e16, 1.0e21, 1.0e22, 1.0e23, -0.0, 5.0e-324]`,
			`[1.0e10,0.1,1.0e-5,123456789.0,1.0e15,1.0e16,1.0e21,1.0e22,1.0e23,-0.0,5.0e-324]`,
			`[1.0e10,0.1,1.0e-5,123456789.0,1.0e15,1.0e16,1.0e21,1.0e22,1.0e23,-0.0,5.0e-324]`},
		{`[1.7976931348623157e308, 100.0, 0.001, 0.0001, 12345.678, 1000.0, 1.5e3, 12300.0, 0.00012]`,
			`[1.7976931348623157e308,100.0,0.001,0.0001,12345.678,1.0e3,1.5e3,1.23e4,1.2e-4]`,
			`[1.7976931348623157e308,100.0,0.001,0.0001,12345.678,1.0e3,1.5e3,1.23e4,1.2e-4]`},
	}
	for _, tt := range tests {
		if tt.p == "" {
			continue
		}
		v := mustParse(t, tt.in)
		if got := Format(v); got != tt.p {
			t.Errorf("Format(%s) = %s, want %s", tt.in, got, tt.p)
		}
		if got := FormatW(v); got != tt.w {
			t.Errorf("FormatW(%s) = %s, want %s", tt.in, got, tt.w)
		}
		if got := v.String(); got != tt.p {
			t.Errorf("String(%s) = %s, want %s", tt.in, got, tt.p)
		}
	}
}

func TestFormat_floats(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{0, "0.0"}, {math.Copysign(0, -1), "-0.0"}, {1, "1.0"}, {-1.5, "-1.5"}, {10, "10.0"}, {100, "100.0"},
		{1000, "1.0e3"}, {0.5, "0.5"}, {0.01, "0.01"}, {1e-3, "0.001"}, {1e-4, "0.0001"}, {1e-5, "1.0e-5"},
		{1.5e-5, "1.5e-5"}, {123.456, "123.456"}, {1e100, "1.0e100"}, {2.0e10, "2.0e10"}, {1.2345e6, "1.2345e6"},
		{123456.0, "123456.0"}, {1234567.0, "1234567.0"}, {12345600.0, "1.23456e7"}, {math.MaxFloat64, "1.7976931348623157e308"},
		{4.9406564584124654e-324, "5.0e-324"}, {0.30000000000000004, "0.30000000000000004"},
		{9007199254740992, "9.007199254740992e15"}, {9007199254740991, "9007199254740991.0"},
		{math.NaN(), "#Float<nan>"}, {math.Inf(1), "#Float<inf>"}, {math.Inf(-1), "#Float<-inf>"}, // not Erlang floats
	}
	for _, tt := range tests {
		if got := Format(Float(tt.f)); got != tt.want {
			t.Errorf("Format(%g) = %s, want %s", tt.f, got, tt.want)
		}
	}
}

// The opaque terms' bytes are term_to_binary/1 output of OTP 25 (without
// the version byte); the strings are how OTP printed them.
func TestFormat_opaque(t *testing.T) {
	nonode := []byte{100, 0, 13, 'n', 'o', 'n', 'o', 'd', 'e', '@', 'n', 'o', 'h', 'o', 's', 't'}
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	tests := []struct {
		kind   Kind
		ext    []byte
		erl    string
		elixir string
	}{
		{KindPid, cat([]byte{88}, nonode, []byte{0, 0, 4, 210, 0, 0, 0, 5, 0, 0, 0, 0}), "<0.1234.5>", "#PID<0.1234.5>"},
		{KindPid, cat([]byte{103}, nonode, []byte{0, 0, 0, 80, 0, 0, 0, 0, 1}), "<0.80.0>", "#PID<0.80.0>"},
		{KindPort, cat([]byte{89}, nonode, []byte{0, 0, 0, 4, 0, 0, 0, 0}), "#Port<0.4>", "#Port<0.4>"},
		{KindPort, cat([]byte{120}, nonode, []byte{0, 0, 0, 0, 0, 0, 0, 77, 0, 0, 0, 1}), "#Port<0.77>", "#Port<0.77>"},
		{KindReference, cat([]byte{90, 0, 3}, nonode, []byte{0, 0, 0, 0, 0, 3, 216, 4, 212, 180, 0, 1, 5, 55, 27, 7}),
			"#Ref<0.87497479.3568566273.251908>", "#Reference<0.87497479.3568566273.251908>"},
		{KindFun, []byte{113, 100, 0, 5, 'l', 'i', 's', 't', 's', 100, 0, 3, 'm', 'a', 'p', 97, 2}, "fun lists:map/2", "&:lists.map/2"},
		{KindFun, cat([]byte{112, 0, 0, 44, 146, 1, 6, 83, 97, 170, 70, 21, 144, 209, 189, 241, 235, 98, 209, 166, 235, 8,
			0, 0, 0, 42, 0, 0, 0, 1, 100, 0, 8, 'e', 'r', 'l', '_', 'e', 'v', 'a', 'l', 97, 42, 98, 0, 50, 155, 13, 88}, nonode,
			[]byte{0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 106}),
			"#Fun<erl_eval.42.3316493>", "#Function<42.3316493/1 in :erl_eval>"},
		{KindPid, []byte{88, 1}, "<0.0.0>", "#PID<0.0.0>"}, // truncated bytes
		{KindFun, []byte{113}, "#Fun<>", "#Fun<>"},
	}
	for _, tt := range tests {
		v, ok := Opaque(tt.kind, tt.ext)
		if !ok {
			t.Fatalf("Opaque(%v) failed", tt.kind)
		}
		if got := Format(v); got != tt.erl {
			t.Errorf("Format = %s, want %s", got, tt.erl)
		}
		if got := FormatElixir(v); got != tt.elixir {
			t.Errorf("FormatElixir = %s, want %s", got, tt.elixir)
		}
	}
}

func TestParse_funRoundTrip(t *testing.T) {
	v := mustParse(t, `fun 'Elixir.Enum':'map'/2`)
	if got := Format(v); got != "fun 'Elixir.Enum':map/2" {
		t.Errorf("Format = %s", got)
	}
	if got := FormatElixir(v); got != "&Enum.map/2" {
		t.Errorf("FormatElixir = %s", got)
	}
	if w := mustParse(t, Format(v)); !ExactEqual(v, w) {
		t.Errorf("fun does not round-trip")
	}
}

// corpus returns n random terms, the same on every run.
func corpus(n int) []Term {
	r := rand.New(rand.NewPCG(1, 2))
	terms := make([]Term, n)
	for i := range terms {
		terms[i] = randomTerm(r, 4)
	}
	return terms
}

func TestFormat_roundTrip(t *testing.T) {
	for i, v := range corpus(3000) {
		for _, text := range []string{Format(v), FormatW(v)} {
			w, err := Parse(text)
			if err != nil {
				t.Fatalf("#%d: Parse(%s): %v", i, text, err)
			}
			if !ExactEqual(v, w) {
				t.Fatalf("#%d: Parse(%s) = %s, not =:= the printed term", i, text, FormatW(w))
			}
		}
	}
}

// erlPrintScript parses each line of its input as a term and prints it back
// with ~w and ~0tp, one line each.
const erlPrintScript = `
main(_) ->
    ok = io:setopts(standard_io, [binary, {encoding, unicode}]),
    loop().

loop() ->
    case io:get_line("") of
        eof -> ok;
        Line ->
            Text = unicode:characters_to_list(string:trim(Line, trailing, "\n")),
            Out = case erl_scan:string(Text ++ " .") of
                {ok, Tokens, _} ->
                    case erl_parse:parse_term(Tokens) of
                        {ok, T} -> [io_lib:format("~w", [T]), "\n", io_lib:format("~0tp", [T])];
                        Error -> io_lib:format("error ~0tp~nerror", [Error])
                    end;
                Error -> io_lib:format("error ~0tp~nerror", [Error])
            end,
            io:put_chars(unicode:characters_to_binary([Out, "\n"])),
            loop()
    end.
`

// TestFormat_erlang has OTP parse every printed term and print it back: the
// texts must read as the same term, and OTP's ~w and ~0tp must equal
// FormatW and Format byte for byte.
func TestFormat_erlang(t *testing.T) {
	erltest.Require(t)
	terms := corpus(1500)
	var in bytes.Buffer
	for _, v := range terms {
		fmt.Fprintf(&in, "%s\n%s\n", Format(v), FormatW(v))
	}
	out := erltest.RunEscript(t, erlPrintScript, in.Bytes())
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	next := func() string {
		if !sc.Scan() {
			t.Fatalf("erl output ended early")
		}
		return sc.Text()
	}
	failures := 0
	for i, v := range terms {
		wantP, wantW := Format(v), FormatW(v)
		for _, text := range []string{wantP, wantW} {
			gotW, gotP := next(), next()
			if gotW != wantW || gotP != wantP {
				failures++
				t.Errorf("#%d: erl read %s\n and printed ~w   %s\n        want FormatW %s\n and printed ~0tp %s\n       want Format  %s",
					i, text, gotW, wantW, gotP, wantP)
			}
		}
		if failures > 10 {
			t.Fatal("too many failures")
		}
	}
}

func TestFormat_erlangCases(t *testing.T) {
	erltest.Require(t)
	texts := []string{`<<"é"/utf8>>`, `<<233>>`, `"\b\v\f\r\s\e"`, `'a\x{200B}'`, `1000.0`, `[160,255]`, `<<-1:16/signed>>`,
		`'maybe'`, `'else'`, `'ß'`, `'×'`, `'÷x'`, `a×`, `<<"€"/utf16>>`, `9007199254740992.0`, `9007199254740991.0`, `-1.0e15`, `0.1e-3`, `123.0e-7`}
	var in bytes.Buffer
	for _, s := range texts {
		fmt.Fprintf(&in, "%s\n", s)
	}
	lines := strings.Split(strings.TrimSuffix(string(erltest.RunEscript(t, erlPrintScript, in.Bytes())), "\n"), "\n")
	for i, s := range texts {
		v, err := Parse(s)
		if strings.HasPrefix(lines[2*i], "error") {
			if err == nil {
				t.Errorf("Parse(%s) = %s, but erl fails: %s", s, Format(v), lines[2*i])
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%s): %v, but erl reads %s", s, err, lines[2*i])
			continue
		}
		if got := FormatW(v); got != lines[2*i] {
			t.Errorf("FormatW(%s) = %s, erl %s", s, got, lines[2*i])
		}
		if got := Format(v); got != lines[2*i+1] {
			t.Errorf("Format(%s) = %s, erl %s", s, got, lines[2*i+1])
		}
	}
}

var benchRow = Tuple(Int(12345), BinaryString("product-12345"), Atom("in_stock"), Float(19.5), List(Int(1), Int(2), Int(3)))

var sinkString string

func BenchmarkFormat_tuple5(b *testing.B) {
	b.ReportAllocs()
	var buf []byte
	for b.Loop() {
		buf = AppendFormat(buf[:0], benchRow)
	}
	sinkString = string(buf)
}

func BenchmarkFormatString_tuple5(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkString = Format(benchRow)
	}
}

func ExampleFormat() {
	t := Tuple(Atom("user"), Charlist("ann"), BinaryString("é"), Float(1e10), Atom("Zed"))
	fmt.Println(Format(t))
	fmt.Println(FormatW(t))
	// Output:
	// {user,"ann",<<"é"/utf8>>,1.0e10,'Zed'}
	// {user,[97,110,110],<<195,169>>,1.0e10,'Zed'}
}

// FuzzFormatOpaque checks that any bytes held by an opaque term print
// without panicking, as a placeholder when they do not decode.
func FuzzFormatOpaque(f *testing.F) {
	f.Add(uint8(KindPid), []byte{88, 100, 0, 1, 'a', 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3})
	f.Add(uint8(KindFun), []byte{113, 100, 0, 1, 'm', 100, 0, 1, 'f', 97, 1})
	f.Add(uint8(KindFun), []byte{117, 0, 0, 0, 0, 103, 100, 0, 1, 'a', 0, 0, 0, 1, 0, 0, 0, 2, 0, 100, 0, 1, 'm', 97, 1, 97, 2})
	f.Add(uint8(KindReference), []byte{90, 0, 9, 100, 0, 0})
	f.Add(uint8(KindPort), []byte{})
	f.Fuzz(func(t *testing.T, kind uint8, ext []byte) {
		v, ok := Opaque(Kind(kind), ext)
		if !ok {
			return
		}
		if Format(v) == "" || FormatW(v) == "" || FormatElixir(v) == "" {
			t.Fatal("empty output")
		}
	})
}

func TestFormat_opaqueOldFun(t *testing.T) {
	ext := []byte{117, 0, 0, 0, 0, 103, 100, 0, 1, 'a', 0, 0, 0, 1, 0, 0, 0, 2, 0, 100, 0, 1, 'm', 97, 1, 97, 2}
	v, _ := Opaque(KindFun, ext)
	if got := Format(v); got != "#Fun<m.1.2>" {
		t.Errorf("Format = %s, want #Fun<m.1.2>", got)
	}
	for _, kind := range []Kind{KindPid, KindPort, KindReference, KindFun} {
		v, _ := Opaque(kind, nil)
		if got, want := Format(v), opaqueFallback(v); got != want {
			t.Errorf("Format(empty %v) = %s, want %s", kind, got, want)
		}
	}
}
