package term

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/etsql/etsql/internal/erltest"
)

// etfKnownTerms are the known-encoding cases: testdata/etf_known.txt holds
// what OTP 25's term_to_binary/1 gives for each (testdata/etf_known.escript
// writes it; the comments give the Erlang term).
var etfKnownTerms = map[string]Term{
	"small_int_0":                 Int(0),                                                                                                                                                                                                             // 0
	"small_int_255":               Int(255),                                                                                                                                                                                                           // 255
	"integer_256":                 Int(256),                                                                                                                                                                                                           // 256
	"integer_minus_1":             Int(-1),                                                                                                                                                                                                            // -1
	"integer_min_int32":           Int(math.MinInt32),                                                                                                                                                                                                 // -2147483648
	"integer_max_int32":           Int(math.MaxInt32),                                                                                                                                                                                                 // 2147483647
	"small_big_max_int32_plus_1":  Int(math.MaxInt32 + 1),                                                                                                                                                                                             // 2147483648
	"small_big_min_int32_minus_1": Int(math.MinInt32 - 1),                                                                                                                                                                                             // -2147483649
	"small_big_max_int64":         Int(math.MaxInt64),                                                                                                                                                                                                 // 9223372036854775807
	"small_big_min_int64":         Int(math.MinInt64),                                                                                                                                                                                                 // -9223372036854775808
	"small_big_2_64":              etfBig("18446744073709551616"),                                                                                                                                                                                     // 18446744073709551616
	"small_big_minus_2_64":        etfBig("-18446744073709551616"),                                                                                                                                                                                    // -18446744073709551616
	"small_big_255_bytes":         etfBig(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 2040), big.NewInt(1)).String()),                                                                                                                            // (1 bsl 2040) - 1
	"large_big_256_bytes":         etfBig(new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 2040)).String()),                                                                                                                                           // -(1 bsl 2040)
	"float_1_5":                   Float(1.5),                                                                                                                                                                                                         // 1.5
	"float_0":                     Float(0),                                                                                                                                                                                                           // 0.0
	"float_minus_0":               Float(math.Copysign(0, -1)),                                                                                                                                                                                        // -0.0
	"float_1e300":                 Float(1e300),                                                                                                                                                                                                       // 1.0e300
	"float_denormal":              Float(5e-324),                                                                                                                                                                                                      // 5.0e-324
	"atom_abc":                    Atom("abc"),                                                                                                                                                                                                        // abc
	"atom_empty":                  Atom(""),                                                                                                                                                                                                           // ''
	"atom_true":                   True,                                                                                                                                                                                                               // true
	"atom_latin1":                 Atom("é"),                                                                                                                                                                                                          // 'é'
	"atom_utf8_small":             Atom("ĳ"),                                                                                                                                                                                                          // 'ĳ'
	"atom_latin1_255":             Atom(strings.Repeat("x", 255)),                                                                                                                                                                                     // list_to_atom(lists:duplicate(255, $x))
	"atom_utf8_large":             Atom(strings.Repeat("ĳ", 200)),                                                                                                                                                                                     // list_to_atom(lists:duplicate(200, 16#133))
	"atom_utf8_emoji":             Atom("😀"),                                                                                                                                                                                                          // '😀'
	"binary_empty":                BinaryString(""),                                                                                                                                                                                                   // <<>>
	"binary_ab":                   BinaryString("ab"),                                                                                                                                                                                                 // <<"ab">>
	"binary_bytes":                Binary([]byte{0, 255}),                                                                                                                                                                                             // <<0,255>>
	"tuple_empty":                 Tuple(),                                                                                                                                                                                                            // {}
	"tuple_pair":                  Tuple(Int(1), Atom("a")),                                                                                                                                                                                           // {1,a}
	"tuple_large":                 etfSeqTuple(256),                                                                                                                                                                                                   // list_to_tuple(lists:seq(1,256))
	"nil":                         Nil,                                                                                                                                                                                                                // []
	"string_abc":                  Charlist("abc"),                                                                                                                                                                                                    // "abc"
	"string_latin1":               Charlist("é"),                                                                                                                                                                                                      // [233]
	"string_max":                  etfRepeatList(Int(7), 65535),                                                                                                                                                                                       // lists:duplicate(65535, 7)
	"list_long_bytes":             etfRepeatList(Int(7), 65536),                                                                                                                                                                                       // lists:duplicate(65536, 7)
	"list_unicode":                Charlist("ĳ"),                                                                                                                                                                                                      // [307]
	"list_mixed":                  List(Int(1), Int(300)),                                                                                                                                                                                             // [1,300]
	"list_negative":               List(Int(-1)),                                                                                                                                                                                                      // [-1]
	"list_nested_nil":             List(Nil),                                                                                                                                                                                                          // [[]]
	"list_floats":                 List(Float(1)),                                                                                                                                                                                                     // [1.0]
	"improper_int":                ImproperList([]Term{Int(1)}, Int(2)),                                                                                                                                                                               // [1|2]
	"improper_atoms":              ImproperList([]Term{Atom("a"), Atom("b")}, Atom("c")),                                                                                                                                                              // [a,b|c]
	"improper_binary_tail":        ImproperList([]Term{Int(1)}, BinaryString("")),                                                                                                                                                                     // [1|<<>>]
	"map_empty":                   Map(),                                                                                                                                                                                                              // #{}
	"map_one":                     Map(MapPair{Atom("a"), Int(1)}),                                                                                                                                                                                    // #{a=>1}
	"map_mixed_keys":              Map(MapPair{Atom("b"), Int(1)}, MapPair{Atom("a"), Int(2)}, MapPair{Int(1), Atom("x")}, MapPair{Float(1), Atom("y")}),                                                                                              // #{b=>1,a=>2,1=>x,1.0=>y}
	"map_nested_keys":             Map(MapPair{Tuple(Int(1)), Atom("a")}, MapPair{Tuple(Float(1)), Atom("b")}, MapPair{List(Int(1)), Atom("c")}, MapPair{List(Float(1)), Atom("d")}, MapPair{BinaryString(""), Atom("e")}, MapPair{Map(), Atom("f")}), // #{{1}=>a,{1.0}=>b,[1]=>c,[1.0]=>d,<<>>=>e,#{}=>f}
	"map_32_keys":                 etfSeqMap(32),                                                                                                                                                                                                      // maps:from_list([{K, K} || K <- lists:seq(1,32)])
	"row":                         Tuple(Int(42), BinaryString("name"), Atom("fruit"), Float(1.25), Int(7)),                                                                                                                                           // {42,<<"name">>,fruit,1.25,7}
}

// etfShow writes t roughly as Erlang would, for test failures (the term
// printer lives elsewhere).
func etfShow(t Term) string {
	var sb strings.Builder
	etfShowTo(&sb, t)
	return sb.String()
}

func etfShowTo(sb *strings.Builder, t Term) {
	switch t.Kind() {
	case KindInteger:
		v, _ := t.Big()
		sb.WriteString(v.String())
	case KindFloat:
		f, _ := t.Float64()
		fmt.Fprintf(sb, "float(%v)", f)
	case KindAtom:
		name, _ := t.AtomName()
		fmt.Fprintf(sb, "'%s'", name)
	case KindBinary:
		v, _ := t.BinaryValue()
		fmt.Fprintf(sb, "<<%q>>", v)
	case KindTuple, KindList, KindNil:
		elems, tail := t.ListParts()
		open, close := "[", "]"
		if t.IsTuple() {
			elems, tail, open, close = t.Elements(), Nil, "{", "}"
		}
		sb.WriteString(open)
		for i, e := range elems {
			if i > 0 {
				sb.WriteString(",")
			}
			etfShowTo(sb, e)
		}
		if !tail.IsNil() {
			sb.WriteString("|")
			etfShowTo(sb, tail)
		}
		sb.WriteString(close)
	case KindMap:
		keys, vals := t.MapPairs()
		sb.WriteString("#{")
		for i := range keys {
			if i > 0 {
				sb.WriteString(",")
			}
			etfShowTo(sb, keys[i])
			sb.WriteString("=>")
			etfShowTo(sb, vals[i])
		}
		sb.WriteString("}")
	case KindInvalid:
		sb.WriteString("<invalid>")
	default:
		ext, _ := t.OpaqueExt()
		fmt.Fprintf(sb, "#%s%v", t.Kind(), ext)
	}
}

func etfBig(s string) Term {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic("bad test integer " + s)
	}
	return BigInt(v)
}

func etfSeqTuple(n int) Term {
	elems := make([]Term, n)
	for i := range elems {
		elems[i] = Int(int64(i + 1))
	}
	return Tuple(elems...)
}

func etfRepeatList(t Term, n int) Term {
	elems := make([]Term, n)
	for i := range elems {
		elems[i] = t
	}
	return List(elems...)
}

func etfSeqMap(n int) Term {
	pairs := make([]MapPair, n)
	for i := range pairs {
		pairs[i] = MapPair{Int(int64(i + 1)), Int(int64(i + 1))}
	}
	return Map(pairs...)
}

// etfDescribe writes an encoding as etf_known.escript does.
func etfDescribe(b []byte) string {
	if len(b) <= 256 {
		return hex.EncodeToString(b)
	}
	sum := sha256.Sum256(b)
	return fmt.Sprintf("len=%d head=%s sha256=%s", len(b), hex.EncodeToString(b[:16]), hex.EncodeToString(sum[:]))
}

// etfKnown reads testdata/etf_known.txt: case name -> description.
func etfKnown(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("testdata/etf_known.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	known := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, desc, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			t.Fatalf("bad line %q", sc.Text())
		}
		known[name] = desc
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return known
}

func TestEncode_known(t *testing.T) {
	known := etfKnown(t)
	if len(known) != len(etfKnownTerms) {
		t.Errorf("testdata has %d cases, etfKnownTerms %d", len(known), len(etfKnownTerms))
	}
	for name, term := range etfKnownTerms {
		want, ok := known[name]
		if !ok {
			t.Errorf("%s: not in testdata/etf_known.txt", name)
			continue
		}
		enc := Encode(term)
		if got := etfDescribe(enc); got != want {
			t.Errorf("%s: Encode = %s, OTP 25 gives %s", name, got, want)
		}
		if n := EncodedSize(term); n != len(enc) {
			t.Errorf("%s: EncodedSize = %d, len(Encode) = %d", name, n, len(enc))
		}
	}
}

func TestDecode_known(t *testing.T) {
	for name, desc := range etfKnown(t) {
		want, ok := etfKnownTerms[name]
		if !ok || strings.HasPrefix(desc, "len=") {
			continue // summarised: TestEncode_known and the round trip cover it
		}
		b, err := hex.DecodeString(desc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decode(b)
		if err != nil {
			t.Errorf("%s: Decode(%s): %v", name, desc, err)
			continue
		}
		if !ExactEqual(got, want) {
			t.Errorf("%s: Decode(%s) = %s, want %s", name, desc, etfShow(got), etfShow(want))
		}
	}
}

func etfHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Encodings that binary_to_term/1 accepts but term_to_binary/1 does not
// write (checked against OTP 25).
type etfAltCase struct {
	name string
	in   []byte
	want Term
}

func etfAltEncodings() []etfAltCase {
	compressed := []byte{131, 80, 0, 0, 3, 38, 120, 156, 203, 97, 96, 96, 72, 201, 5, 18, 204, 137, 73, 201, 163, 244, 40, 61, 74, 99, 210, 89, 0, 207, 118, 159, 211}
	return []etfAltCase{
		{"small_atom_ext", []byte{131, 115, 1, 97}, Atom("a")},
		{"small_atom_ext_latin1", []byte{131, 115, 2, 0xe9, 0xff}, Atom("éÿ")},
		{"small_atom_utf8_ascii", []byte{131, 119, 1, 97}, Atom("a")},
		{"atom_utf8_ascii", []byte{131, 118, 0, 1, 97}, Atom("a")},
		{"small_atom_utf8_latin1", []byte{131, 119, 2, 0xc3, 0xa9}, Atom("é")},
		{"float_ext", append([]byte{131, 99, '1', '.', '5', '0', 'e', '+', '0', '0'}, make([]byte, 31-8)...), Float(1.5)},
		{"float_ext_negative", append([]byte{131, 99, '-', '2', '.', '5', 'e', '-', '1'}, make([]byte, 31-7)...), Float(-0.25)},
		{"bit_binary_whole", []byte{131, 77, 0, 0, 0, 1, 8, 5}, BinaryString("\x05")},
		{"bit_binary_empty", []byte{131, 77, 0, 0, 0, 0, 0}, BinaryString("")},
		{"integer_ext_small_value", []byte{131, 98, 0, 0, 0, 5}, Int(5)},
		{"small_big_small_value", []byte{131, 110, 2, 0, 5, 0}, Int(5)},
		{"small_big_sign_2", []byte{131, 110, 1, 2, 5}, Int(-5)},
		{"small_big_zero", []byte{131, 110, 0, 0}, Int(0)},
		{"small_big_negative_zero", []byte{131, 110, 1, 1, 0}, Int(0)},
		{"large_big_small_value", []byte{131, 111, 0, 0, 0, 1, 0, 5}, Int(5)},
		{"large_big_padded", append(append([]byte{131, 111, 0, 0, 0, 20, 1}, make([]byte, 8)...), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), etfBig("-18446744073709551616")},
		{"large_tuple_small_arity", []byte{131, 105, 0, 0, 0, 1, 106}, Tuple(Nil)},
		{"list_ext_of_bytes", []byte{131, 108, 0, 0, 0, 1, 97, 1, 106}, List(Int(1))},
		{"list_ext_empty_is_its_tail", []byte{131, 108, 0, 0, 0, 0, 97, 1}, Int(1)},
		{"list_ext_empty_nil", []byte{131, 108, 0, 0, 0, 0, 106}, Nil},
		{"string_ext_empty", []byte{131, 107, 0, 0}, Nil},
		{"list_tail_list", []byte{131, 108, 0, 0, 0, 1, 97, 1, 108, 0, 0, 0, 1, 97, 2, 97, 3}, ImproperList([]Term{Int(1), Int(2)}, Int(3))},
		{"list_tail_string", []byte{131, 108, 0, 0, 0, 1, 97, 1, 107, 0, 2, 2, 3}, List(Int(1), Int(2), Int(3))},
		{"map_unordered", []byte{131, 116, 0, 0, 0, 2, 100, 0, 1, 98, 97, 1, 100, 0, 1, 97, 97, 2}, Map(MapPair{Atom("a"), Int(2)}, MapPair{Atom("b"), Int(1)})},
		{"map_float_before_int", []byte{131, 116, 0, 0, 0, 2, 70, 63, 240, 0, 0, 0, 0, 0, 0, 97, 2, 97, 1, 97, 1}, Map(MapPair{Int(1), Int(1)}, MapPair{Float(1), Int(2)})},
		{"compressed", compressed, etfRepeatList(BinaryString("abc"), 100)},
	}
}

func TestDecode_alternativeEncodings(t *testing.T) {
	for _, tt := range etfAltEncodings() {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.in)
			if err != nil {
				t.Fatalf("Decode(%v): %v", tt.in, err)
			}
			if !ExactEqual(got, tt.want) {
				t.Fatalf("Decode(%v) = %s, want %s", tt.in, etfShow(got), etfShow(tt.want))
			}
		})
	}
}

// etfOpaqueCase is a pid, port, reference or fun in one of its forms,
// without the version byte. OTP 25 accepts all of them but FUN_EXT.
type etfOpaqueCase struct {
	name string
	ext  []byte
	kind Kind
}

func etfOpaqueForms() []etfOpaqueCase {
	node := []byte{100, 0, 13, 'n', 'o', 'n', 'o', 'd', 'e', '@', 'n', 'o', 'h', 'o', 's', 't'}
	utf8Node := []byte{119, 1, 'n'}
	newPid := bytes.Join([][]byte{{88}, node, {0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0}}, nil)
	cases := []etfOpaqueCase{
		{"pid_ext", bytes.Join([][]byte{{103}, node, {0, 0, 0, 1, 0, 0, 0, 0, 0}}, nil), KindPid},
		{"new_pid_ext", newPid, KindPid},
		{"new_pid_ext_utf8_node", bytes.Join([][]byte{{88}, utf8Node, {0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0}}, nil), KindPid},
		{"port_ext", bytes.Join([][]byte{{102}, node, {0, 0, 0, 1, 0}}, nil), KindPort},
		{"new_port_ext", bytes.Join([][]byte{{89}, node, {0, 0, 0, 1, 0, 0, 0, 0}}, nil), KindPort},
		{"v4_port_ext", bytes.Join([][]byte{{120}, node, {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}}, nil), KindPort},
		{"reference_ext", bytes.Join([][]byte{{101}, node, {0, 0, 0, 1, 0}}, nil), KindReference},
		{"new_reference_ext", bytes.Join([][]byte{{114, 0, 1}, node, {0, 0, 0, 0, 1}}, nil), KindReference},
		{"newer_reference_ext", bytes.Join([][]byte{{90, 0, 3}, node, make([]byte, 4+12)}, nil), KindReference},
		{"export_ext", []byte{113, 100, 0, 1, 'm', 100, 0, 1, 'f', 97, 2}, KindFun},
		{"export_ext_integer_arity", []byte{113, 100, 0, 1, 'm', 119, 1, 'f', 98, 0, 1, 0, 0}, KindFun},
		{"fun_ext", bytes.Join([][]byte{{117, 0, 0, 0, 1}, newPid, {100, 0, 1, 'm', 97, 1, 97, 2, 104, 1, 97, 7}}, nil), KindFun},
	}
	for _, s := range etfOTPSeeds[3:] {
		b, _ := hex.DecodeString(s)
		cases = append(cases, etfOpaqueCase{"otp_fun", b[1:], KindFun})
	}
	return cases
}

// Pids, ports, references and funs in every form binary_to_term/1 accepts
// decode to opaque terms that encode back to the same bytes.
func TestDecode_opaqueForms(t *testing.T) {
	for _, tt := range etfOpaqueForms() {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]byte{131}, tt.ext...)
			got, err := Decode(in)
			if err != nil {
				t.Fatalf("Decode(%v): %v", in, err)
			}
			if got.Kind() != tt.kind {
				t.Errorf("Decode kind = %v, want %v", got.Kind(), tt.kind)
			}
			if ext, _ := got.OpaqueExt(); !bytes.Equal(ext, tt.ext) {
				t.Errorf("OpaqueExt = %v, want %v", ext, tt.ext)
			}
			if enc := Encode(got); !bytes.Equal(enc, in) {
				t.Errorf("Encode(Decode(b)) = %v, want b = %v", enc, in)
			}
			// In a tuple, the opaque term ends where its bytes end.
			tuple := append(append([]byte{131, 104, 2}, tt.ext...), 106)
			if got, err := Decode(tuple); err != nil || got.Arity() != 2 {
				t.Errorf("Decode({T, []}) = %s, %v", etfShow(got), err)
			}
		})
	}
}

// etfNested returns depth nested one-element tuples around [].
func etfNested(depth int) []byte {
	b := []byte{131}
	for range depth {
		b = append(b, 104, 1)
	}
	return append(b, 106)
}

// etfBadCase is an encoding Decode rejects, with the error it gives;
// otpAccepts marks the few that binary_to_term/1 accepts (terms etsql does
// not model, nesting beyond MaxDepth, trailing bytes, which
// binary_to_term/1 ignores).
type etfBadCase struct {
	name       string
	in         []byte
	want       error
	msg        string
	otpAccepts bool
}

func etfBadEncodings() []etfBadCase {
	node := []byte{100, 0, 13, 'n', 'o', 'n', 'o', 'd', 'e', '@', 'n', 'o', 'h', 'o', 's', 't'}
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	return []etfBadCase{
		{"empty", nil, ErrExternalFormat, "etf: offset 0: empty input", false},
		{"no_version", []byte{97, 1}, ErrExternalFormat, "etf: offset 0: expected version byte 131, found 97", false},
		{"version_only", []byte{131}, ErrExternalFormat, "etf: offset 1: truncated term", false},
		{"unknown_tag", []byte{131, 1}, ErrExternalFormat, "etf: offset 1: unknown tag 1", false},
		{"trailing", []byte{131, 97, 1, 0}, ErrExternalFormat, "etf: offset 3: 1 trailing bytes after the term", true},
		{"truncated_binary", []byte{131, 109, 0, 0, 0, 3, 97}, ErrExternalFormat, "etf: offset 7: truncated binary", false},
		{"truncated_in_tuple", []byte{131, 104, 2, 97, 1}, ErrExternalFormat, "etf: offset 5: truncated term", false},
		{"nan", []byte{131, 70, 127, 248, 0, 0, 0, 0, 0, 1}, ErrExternalFormat, "etf: offset 1: float NaN is not an Erlang float", false},
		{"infinity", []byte{131, 70, 127, 240, 0, 0, 0, 0, 0, 0}, ErrExternalFormat, "+Inf", false},
		{"float_ext_space", append([]byte{131, 99, ' ', '1'}, make([]byte, 29)...), ErrExternalFormat, "bad float text", false},
		{"float_ext_garbage", append([]byte{131, 99, '1', 'x'}, make([]byte, 29)...), ErrExternalFormat, "bad float text", false},
		{"float_ext_inf", append([]byte{131, 99, '1', 'e', '9', '9', '9'}, make([]byte, 26)...), ErrExternalFormat, "bad float text", false},
		{"duplicate_keys", []byte{131, 116, 0, 0, 0, 2, 97, 1, 100, 0, 1, 97, 97, 1, 100, 0, 1, 98}, ErrExternalFormat, "etf: offset 1: duplicate map key", false},
		{"duplicate_zero_keys", []byte{131, 116, 0, 0, 0, 2, 70, 0, 0, 0, 0, 0, 0, 0, 0, 97, 1, 70, 128, 0, 0, 0, 0, 0, 0, 0, 97, 2}, ErrExternalFormat, "duplicate map key", false},
		{"atom_bad_utf8", []byte{131, 118, 0, 2, 192, 128}, ErrExternalFormat, "etf: offset 1: atom is not valid UTF-8", false},
		{"atom_surrogate", []byte{131, 118, 0, 3, 237, 160, 128}, ErrExternalFormat, "not valid UTF-8", false},
		{"atom_latin1_too_long", cat([]byte{131, 100, 1, 0}, bytes.Repeat([]byte("a"), 256)), ErrExternalFormat, "atom of 256 characters (at most 255)", false},
		{"atom_utf8_too_long", cat([]byte{131, 118, 2, 0}, bytes.Repeat([]byte{0xc4, 0xb3}, 256)), ErrExternalFormat, "atom of 256 characters", false},
		{"bitstring", []byte{131, 77, 0, 0, 0, 1, 3, 32}, ErrUnsupported, "etf: offset 1: bitstring of 3 bits is not a binary", true},
		{"bitstring_bad_bits", []byte{131, 77, 0, 0, 0, 1, 9, 32}, ErrExternalFormat, "bitstring of 1 bytes with 9 bits", false},
		{"bitstring_empty_with_bits", []byte{131, 77, 0, 0, 0, 0, 8}, ErrExternalFormat, "bitstring of 0 bytes", false},
		{"bitstring_no_bits", []byte{131, 77, 0, 0, 0, 1, 0, 5}, ErrExternalFormat, "bitstring of 1 bytes with 0 bits", false},
		{"list_bomb", []byte{131, 108, 255, 255, 255, 255, 106, 106, 106, 106}, ErrExternalFormat, "etf: offset 1: list of 4294967296 elements does not fit in the 4 bytes left", false},
		{"tuple_bomb", []byte{131, 105, 255, 255, 255, 255, 106}, ErrExternalFormat, "tuple of 4294967295 elements does not fit", false},
		{"map_bomb", []byte{131, 116, 0, 0, 0, 3, 106, 106, 106, 106, 106}, ErrExternalFormat, "map of 6 elements does not fit in the 5 bytes left", false},
		{"nested_bomb", []byte{131, 104, 3, 104, 3, 106, 106, 106, 106}, ErrExternalFormat, "etf: offset 3: tuple of 3 elements does not fit", false},
		{"binary_bomb", []byte{131, 109, 255, 255, 255, 255, 0}, ErrExternalFormat, "truncated binary", false},
		{"big_bomb", []byte{131, 111, 255, 255, 255, 255, 0, 1}, ErrExternalFormat, "truncated integer", false},
		{"string_bomb", []byte{131, 107, 255, 255, 1}, ErrExternalFormat, "truncated string", false},
		{"too_deep", etfNested(MaxDepth + 1), ErrTooDeep, fmt.Sprintf("etf: offset %d: tuple nested deeper than %d", 1+2*MaxDepth, MaxDepth), true},
		{"atom_cache_ref", []byte{131, 82, 0}, ErrExternalFormat, "atom cache reference", false},
		{"dist_header", []byte{131, 68, 0}, ErrExternalFormat, "distribution header", false},
		{"compressed_nested", []byte{131, 104, 1, 80, 0, 0, 0, 1}, ErrExternalFormat, "etf: offset 3: compressed term inside a term", false},
		{"compressed_short", []byte{131, 80, 0, 0}, ErrExternalFormat, "truncated compressed term", false},
		{"compressed_claims_too_much", []byte{131, 80, 255, 255, 255, 255, 120, 156}, ErrExternalFormat, "etf: offset 2: compressed term claims 4294967295 bytes", false},
		{"compressed_bad_zlib", []byte{131, 80, 0, 0, 0, 2, 1, 2, 3, 4}, ErrExternalFormat, "bad zlib data", false},
		{"compressed_short_data", []byte{131, 80, 0, 0, 0, 9, 120, 156, 203, 97, 96, 96, 72, 201, 5, 18, 204, 137, 73, 201, 163, 244, 40, 61, 74, 99, 210, 89, 0, 207, 118, 159, 211}, ErrExternalFormat, "compressed term longer than the 9 bytes it claims", false},
		{"reference_too_long", cat([]byte{131, 90, 0, 6}, node, make([]byte, 4+24)), ErrExternalFormat, "reference of 6 words (1 to 5)", false},
		{"pid_node_not_atom", []byte{131, 88, 97, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, ErrExternalFormat, "etf: offset 2: expected node atom, found tag 97", false},
		{"export_negative_arity", cat([]byte{131, 113}, node, node, []byte{98, 255, 255, 255, 255}), ErrExternalFormat, "bad fun arity", false},
		{"reference_empty", cat([]byte{131, 90, 0, 0}, node, make([]byte, 4)), ErrExternalFormat, "reference of 0 words (1 to 5)", false},
		{"new_fun_too_short", []byte{131, 112, 0, 0, 0, 5, 0}, ErrExternalFormat, "fun of 5 bytes is too short", false},
	}
}

func TestDecode_errors(t *testing.T) {
	for _, tt := range etfBadEncodings() {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.in)
			if err == nil {
				t.Fatalf("Decode(%v) = %s, want an error", tt.in, etfShow(got))
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("Decode: error %q is not %v", err, tt.want)
			}
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Errorf("Decode: error %T is not a *DecodeError", err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Decode: error %q, want it to contain %q", err, tt.msg)
			}
		})
	}
}

func TestDecode_compressedInnerError(t *testing.T) {
	good := EncodeCompressed(etfRepeatList(BinaryString("abc"), 100), 6)
	if good[1] != extCompressed {
		t.Fatalf("EncodeCompressed did not compress: %v", good[:8])
	}
	// Declare one byte more than the data holds: the inner term is then
	// followed by a missing byte, and zlib runs out first.
	bad := bytes.Clone(good)
	binary.BigEndian.PutUint32(bad[2:6], binary.BigEndian.Uint32(bad[2:6])+1)
	if _, err := Decode(bad); err == nil || !strings.Contains(err.Error(), "bad zlib data") {
		t.Errorf("Decode(size+1) error = %v, want bad zlib data", err)
	}
	// A compressed term whose content is not a term.
	junk := EncodeCompressed(BinaryString(strings.Repeat("x", 100)), 6)
	raw := Encode(BinaryString(strings.Repeat("x", 100)))
	if junk[1] != extCompressed {
		t.Fatal("not compressed")
	}
	raw[1] = 1 // an unknown tag, compressed the same way
	var buf bytes.Buffer
	buf.Write([]byte{131, 80})
	buf.Write(binary.BigEndian.AppendUint32(nil, uint32(len(raw)-1)))
	zw := zlib.NewWriter(&buf)
	zw.Write(raw[1:])
	zw.Close()
	_, err := Decode(buf.Bytes())
	if want := "etf: offset 1: in compressed data at offset 0: unknown tag 1"; err == nil || err.Error() != want {
		t.Errorf("Decode = %v, want %q", err, want)
	}
}

func TestDecode_maxDepth(t *testing.T) {
	if _, err := Decode(etfNested(MaxDepth)); err != nil {
		t.Errorf("Decode of %d nested tuples: %v", MaxDepth, err)
	}
	if _, err := Decode(etfNested(MaxDepth + 1)); !errors.Is(err, ErrTooDeep) {
		t.Errorf("Decode of %d nested tuples: error %v, want ErrTooDeep", MaxDepth+1, err)
	}
}

// A list whose tails are lists is one flat list, however long the chain.
func TestDecode_listTailChain(t *testing.T) {
	const n = 3 * MaxDepth
	b := []byte{131}
	for i := range n {
		b = append(b, 108, 0, 0, 0, 1, 97, byte(i))
	}
	b = append(b, 100, 0, 1, 't')
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	elems, tail := got.ListParts()
	if len(elems) != n || !tail.IsAtomNamed("t") || !ExactEqual(elems[n-1], Int((n-1)%256)) {
		t.Errorf("Decode = %d elements and tail %s, want %d and t", len(elems), etfShow(tail), n)
	}
}

func TestDecodePrefix_concatenated(t *testing.T) {
	terms := []Term{Int(1), etfRepeatList(Atom("z"), 50), Atom("a"), Tuple(BinaryString("x"), Nil)}
	var b []byte
	for i, term := range terms {
		if i == 1 { // zlib must stop at the end of its stream
			b = append(b, EncodeCompressed(term, 9)...)
		} else {
			b = AppendEncode(b, term)
		}
	}
	for i := 0; len(b) > 0; i++ {
		got, n, err := DecodePrefix(b)
		if err != nil {
			t.Fatalf("term %d: %v", i, err)
		}
		if !ExactEqual(got, terms[i]) {
			t.Fatalf("term %d = %s, want %s", i, etfShow(got), etfShow(terms[i]))
		}
		if i == 1 && b[1] != extCompressed {
			t.Fatalf("term %d is not compressed", i)
		}
		b = b[n:]
	}
}

func TestEncode_unencodable(t *testing.T) {
	for _, tt := range []struct {
		name string
		term Term
	}{
		{"zero_term", Term{}},
		{"nan", Float(math.NaN())},
		{"infinity", Float(math.Inf(-1))},
		{"atom_too_long", Atom(strings.Repeat("a", 256))},
		{"atom_bad_utf8", Atom("\xff\xfe")},
		{"in_tuple", Tuple(Int(1), Term{})},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := Encode(tt.term)
			if len(b) != EncodedSize(tt.term) {
				t.Errorf("EncodedSize = %d, len(Encode) = %d", EncodedSize(tt.term), len(b))
			}
			if bytes.IndexByte(b, extInvalid) < 0 {
				t.Errorf("Encode = %v, want the invalid tag", b)
			}
			if _, err := Decode(b); !errors.Is(err, ErrExternalFormat) {
				t.Errorf("Decode(Encode) error = %v, want ErrExternalFormat", err)
			}
		})
	}
}

func TestAppendEncodeChecked_unencodable(t *testing.T) {
	nest := func(depth int, inner Term) Term {
		for range depth {
			inner = Tuple(inner)
		}
		return inner
	}
	for _, tt := range []struct {
		name string
		term Term
		want error
	}{
		{"zero_term", Term{}, ErrUnsupported},
		{"nan", Float(math.NaN()), ErrUnsupported},
		{"infinity", Float(math.Inf(-1)), ErrUnsupported},
		{"atom_too_long", Atom(strings.Repeat("a", 256)), ErrUnsupported},
		{"atom_bad_utf8", Atom("\xff\xfe"), ErrUnsupported},
		{"in_tuple", Tuple(Int(1), Term{}), ErrUnsupported},
		{"in_list_tail", ImproperList([]Term{Int(1)}, Float(math.NaN())), ErrUnsupported},
		{"in_map_value", Map(MapPair{Key: Int(1), Value: Term{}}), ErrUnsupported},
		{"too_deep", nest(MaxDepth+1, Nil), ErrTooDeep},
		{"too_deep_list", nest(MaxDepth, List(Int(1))), ErrTooDeep},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dst := []byte("prefix")
			got, err := AppendEncodeChecked(dst, tt.term)
			if !errors.Is(err, tt.want) {
				t.Errorf("error = %v, want %v", err, tt.want)
			}
			if string(got) != "prefix" {
				t.Errorf("AppendEncodeChecked = %q, want dst unchanged", got)
			}
		})
	}
}

// TestAppendEncodeChecked_decodable checks that what is as deep as Decode
// accepts encodes, as AppendEncode encodes it.
func TestAppendEncodeChecked_decodable(t *testing.T) {
	terms := etfRandomCorpus(7, 300)
	for _, depth := range []int{MaxDepth, MaxDepth - 1} {
		b := etfNested(depth)
		deep, err := Decode(b)
		if err != nil {
			t.Fatalf("Decode(nested %d): %v", depth, err)
		}
		terms = append(terms, deep, Tuple(deep), List(deep))
	}
	deepEmpty, err := Decode(append(etfNested(MaxDepth)[:1+2*MaxDepth], 104, 0))
	if err != nil {
		t.Fatal(err)
	}
	terms = append(terms, deepEmpty)
	for _, term := range terms {
		_, decErr := Decode(Encode(term))
		got, err := AppendEncodeChecked([]byte("x"), term)
		switch {
		case decErr != nil && err == nil:
			t.Errorf("AppendEncodeChecked(%s) succeeded, Decode(Encode) fails: %v", etfShow(term), decErr)
		case decErr == nil && err != nil:
			t.Errorf("AppendEncodeChecked(%s) = %v", etfShow(term), err)
		case err == nil && !bytes.Equal(got[1:], Encode(term)):
			t.Errorf("AppendEncodeChecked(%s) = %v, want %v", etfShow(term), got[1:], Encode(term))
		}
	}
}

func TestDecodeInto_usesSpace(t *testing.T) {
	space := make([]Term, 8)
	b := Encode(Tuple(Int(1), BinaryString("x"), Tuple(Atom("a"), Float(2.5))))
	got, rest, err := DecodeInto(b, space)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := Decode(b); !ExactEqual(got, want) {
		t.Errorf("DecodeInto = %s, want %s", etfShow(got), etfShow(want))
	}
	if len(rest) != 5 || &got.Elements()[0] != &space[0] {
		t.Errorf("the tuple does not use the start of space (%d left)", len(rest))
	}
	for _, tt := range []struct {
		name string
		in   Term
	}{
		{"too_big_for_space", etfSeqTuple(9)},
		{"not_a_tuple", List(Int(1), Int(2))},
		{"empty_tuple", Tuple()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, rest, err := DecodeInto(Encode(tt.in), space)
			if err != nil || !ExactEqual(got, tt.in) {
				t.Fatalf("DecodeInto = %s, %v; want %s", etfShow(got), err, etfShow(tt.in))
			}
			if len(rest) != len(space) {
				t.Errorf("DecodeInto used space for %s", etfShow(tt.in))
			}
		})
	}
}

func TestAppendEncode_appends(t *testing.T) {
	dst := []byte("prefix")
	got := AppendEncode(dst, Int(1))
	if string(got) != "prefix\x83a\x01" {
		t.Errorf("AppendEncode = %q", got)
	}
}

func TestEncodeCompressed_levels(t *testing.T) {
	big := etfRepeatList(BinaryString("abc"), 100)
	small := Tuple(Int(1), Atom("a"))
	for level := -1; level <= 10; level++ {
		for _, term := range []Term{big, small} {
			b := EncodeCompressed(term, level)
			got, err := Decode(b)
			if err != nil || !ExactEqual(got, term) {
				t.Fatalf("level %d: Decode(EncodeCompressed) = %s, %v", level, etfShow(got), err)
			}
			compressed := b[1] == extCompressed
			if wantCompressed := level > 0 && ExactEqual(term, big); compressed != wantCompressed {
				t.Errorf("level %d, %d-byte term: compressed = %v, want %v", level, EncodedSize(term), compressed, wantCompressed)
			}
		}
	}
}

// ---- random terms ----

var etfAtomPool = []string{"a", "ok", "true", "false", "undefined", "", "é", "ĳ", "Ünïcödé", "😀", "with space", "x\x00y", strings.Repeat("z", 255), strings.Repeat("é", 255), strings.Repeat("ĳ", 255)}

// etfRandomTerm returns a random term of every kind this file encodes
// (no opaque terms, no maps of more than 32 pairs), at most depth deep.
func etfRandomTerm(r *rand.Rand, depth int) Term {
	k := r.IntN(16)
	if depth <= 0 {
		k = r.IntN(8)
	}
	switch k {
	case 0:
		return Int(int64(r.IntN(300)))
	case 1:
		return Int(int64(r.Int32()) - int64(r.Int32()))
	case 2:
		return etfRandomInt(r)
	case 3:
		return etfRandomFloat(r)
	case 4, 5:
		return Atom(etfAtomPool[r.IntN(len(etfAtomPool))])
	case 6:
		b := make([]byte, r.IntN(20))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return Binary(b)
	case 7:
		return Nil
	case 8, 9:
		elems := make([]Term, r.IntN(6))
		elemDepth := depth - 1
		if r.IntN(20) == 0 { // a LARGE_TUPLE_EXT, of scalars
			elems, elemDepth = make([]Term, 256+r.IntN(3)), 0
		}
		for i := range elems {
			elems[i] = etfRandomTerm(r, elemDepth)
		}
		return Tuple(elems...)
	case 10:
		elems := make([]Term, 1+r.IntN(8))
		for i := range elems {
			elems[i] = Int(int64(r.IntN(256)))
		}
		if r.IntN(4) == 0 {
			elems[r.IntN(len(elems))] = Int(int64(256 + r.IntN(1000)))
		}
		return List(elems...)
	case 11, 12:
		elems := make([]Term, 1+r.IntN(5))
		for i := range elems {
			elems[i] = etfRandomTerm(r, depth-1)
		}
		if r.IntN(3) == 0 {
			tail := etfRandomTerm(r, depth-1)
			return ImproperList(elems, tail)
		}
		return List(elems...)
	case 13, 14:
		pairs := make([]MapPair, r.IntN(8))
		for i := range pairs {
			pairs[i] = MapPair{etfRandomKey(r, depth-1), etfRandomTerm(r, depth-1)}
		}
		return Map(pairs...)
	}
	return Tuple(Int(42), BinaryString("name"), Atom("fruit"), etfRandomFloat(r), Int(int64(r.IntN(100))))
}

func etfRandomInt(r *rand.Rand) Term {
	switch r.IntN(4) {
	case 0:
		return Int(int64(r.Uint64()))
	case 1:
		return Int([]int64{math.MaxInt64, math.MinInt64, math.MaxInt32 + 1, math.MinInt32 - 1, math.MinInt32, math.MaxInt32, 256, -1}[r.IntN(8)])
	}
	b := make([]byte, 1+r.IntN(40))
	for i := range b {
		b[i] = byte(r.IntN(256))
	}
	v := new(big.Int).SetBytes(b)
	if r.IntN(2) == 0 {
		v.Neg(v)
	}
	return BigInt(v)
}

func etfRandomFloat(r *rand.Rand) Term {
	switch r.IntN(4) {
	case 0:
		return Float(float64(r.IntN(2000) - 1000))
	case 1:
		return Float([]float64{0, 0.1, 1e308, -1e-308, 5e-324, math.MaxFloat64, 1 << 53, 2.5}[r.IntN(8)])
	case 2:
		for {
			if f := math.Float64frombits(r.Uint64()); IsFinite(f) && f != 0 {
				return Float(f)
			}
		}
	}
	return Float(r.NormFloat64() * math.Pow(10, float64(r.IntN(40)-20)))
}

// etfRandomKey returns a random map key, often an integer or its float.
func etfRandomKey(r *rand.Rand, depth int) Term {
	switch r.IntN(4) {
	case 0:
		return Int(int64(r.IntN(5)))
	case 1:
		return Float(float64(r.IntN(5)))
	}
	return etfRandomTerm(r, depth)
}

func etfRandomCorpus(seed uint64, n int) []Term {
	r := rand.New(rand.NewPCG(seed, 1))
	terms := make([]Term, n)
	for i := range terms {
		terms[i] = etfRandomTerm(r, 4)
	}
	return terms
}

func TestEncodeDecode_roundTrip(t *testing.T) {
	for i, term := range etfRandomCorpus(1, 2000) {
		b := Encode(term)
		if n := EncodedSize(term); n != len(b) {
			t.Fatalf("term %d %s: EncodedSize = %d, len(Encode) = %d", i, etfShow(term), n, len(b))
		}
		got, err := Decode(b)
		if err != nil {
			t.Fatalf("term %d %s: Decode(Encode): %v", i, etfShow(term), err)
		}
		if !ExactEqual(got, term) {
			t.Fatalf("term %d: Decode(Encode(%s)) = %s", i, etfShow(term), etfShow(got))
		}
		if again := Encode(got); !bytes.Equal(again, b) {
			t.Fatalf("term %d %s: Encode(Decode(b)) != b", i, etfShow(term))
		}
	}
}

// Every proper prefix of a valid encoding is truncated input: an error,
// never a panic or a term.
func TestDecode_truncatedEverywhere(t *testing.T) {
	var encodings [][]byte
	for _, term := range etfRandomCorpus(2, 300) {
		if EncodedSize(term) < 2000 {
			encodings = append(encodings, Encode(term))
		}
	}
	for _, term := range etfKnownTerms {
		if EncodedSize(term) < 2000 {
			encodings = append(encodings, Encode(term))
		}
	}
	encodings = append(encodings, EncodeCompressed(etfRepeatList(BinaryString("abc"), 100), 6))
	for _, b := range encodings {
		for i := range len(b) {
			if got, err := Decode(b[:i]); !errors.Is(err, ErrExternalFormat) {
				t.Fatalf("Decode(%v) = %s, %v; want ErrExternalFormat", b[:i], etfShow(got), err)
			}
		}
	}
}

func ExampleEncode() {
	row := Tuple(Int(1), BinaryString("apple"), Atom("fruit"))
	fmt.Println(Encode(row))
	// Output: [131 104 3 97 1 109 0 0 0 5 97 112 112 108 101 100 0 5 102 114 117 105 116]
}

func ExampleDecode() {
	t, err := Decode([]byte{131, 108, 0, 0, 0, 1, 97, 1, 97, 2}) // [1|2]
	elems, tail := t.ListParts()
	head, _ := elems[0].Int64()
	last, _ := tail.Int64()
	fmt.Println(len(elems), head, last, err)
	_, err = Decode([]byte{131, 109, 0, 0, 0, 9, 1})
	fmt.Println(err)
	// Output:
	// 1 1 2 <nil>
	// etf: offset 7: truncated binary
}

// etfDiffScript is the OTP side of TestEncodeDecode_differentialOTP. It
// reads length-prefixed encodings from In and writes term_to_binary of
// binary_to_term of each to Out1; then writes to Out2, for terms it makes
// itself, term_to_binary(T) and term_to_binary(T, [compressed]).
const etfDiffScript = `
main([In, Out1, Out2]) ->
    Y = 5,
    Port = open_port({spawn, "true"}, []),
    Own = [self(), make_ref(), Port, hd(erlang:ports()),
           fun erlang:abs/1, fun lists:map/2, fun(X) -> X + Y end, fun() -> ok end,
           {self(), make_ref(), [fun erlang:abs/1]}, #{self() => pid, make_ref() => ref, Port => port},
           1 bsl 1000, -(1 bsl 64), 0.1, -0.0, 1.0e308, 'é', 'ĳ', '', lists:seq(1, 300), "hello",
           [1|2], #{a => 1, 1 => 2, 1.0 => 3}, {<<>>, <<1,2,3>>}, list_to_tuple(lists:seq(1, 300))],
    Big = [maps:from_list([{K, K} || K <- lists:seq(1, 40)]),
           maps:from_list([{integer_to_binary(K), K} || K <- lists:seq(1, 100)])],
    {ok, Bin} = file:read_file(In),
    Back = [frame(term_to_binary(binary_to_term(B))) || B <- split(Bin)],
    ok = file:write_file(Out1, Back),
    ok = file:write_file(Out2, [[frame(term_to_binary(T)), frame(term_to_binary(T, [compressed]))]
                                || T <- Own ++ Big]).

frame(B) -> [<<(byte_size(B)):32>>, B].

split(<<N:32, B:N/binary, Rest/binary>>) -> [B | split(Rest)];
split(<<>>) -> [].
`

// etfOTPOwnKinds are the kinds of the first terms etfDiffScript makes.
var etfOTPOwnKinds = []Kind{KindPid, KindReference, KindPort, KindPort, KindFun, KindFun, KindFun, KindFun, KindTuple, KindMap}

func etfFrames(t *testing.T, b []byte) [][]byte {
	t.Helper()
	var frames [][]byte
	for len(b) > 0 {
		if len(b) < 4 {
			t.Fatalf("bad frame")
		}
		n := int(binary.BigEndian.Uint32(b))
		frames = append(frames, b[4:4+n])
		b = b[4+n:]
	}
	return frames
}

func etfBinaryKeyMap(n int) Term {
	pairs := make([]MapPair, n)
	for i := range pairs {
		pairs[i] = MapPair{BinaryString(fmt.Sprint(i + 1)), Int(int64(i + 1))}
	}
	return Map(pairs...)
}

// TestEncodeDecode_differentialOTP checks the encoder and decoder against
// OTP 25 both ways: OTP decodes what Go encodes and encodes it again to the
// same bytes; Go decodes what OTP encodes (pids, ports, references and funs
// included) and encodes it again to the same bytes.
func TestEncodeDecode_differentialOTP(t *testing.T) {
	erltest.Require(t)
	type record struct {
		term       Term
		compressed bool
		bigMap     bool // more than 32 pairs: OTP writes its own order
	}
	var records []record
	for i, term := range etfRandomCorpus(3, 600) {
		records = append(records, record{term: term})
		if i%10 == 0 {
			records = append(records, record{term: term, compressed: true})
		}
	}
	for _, name := range etfSortedKnownNames() {
		records = append(records, record{term: etfKnownTerms[name]})
	}
	for _, name := range etfAtomPool {
		records = append(records, record{term: Atom(name)})
	}
	records = append(records,
		record{term: etfRepeatList(BinaryString("abc"), 100), compressed: true},
		record{term: etfSeqMap(33), bigMap: true},
		record{term: etfBinaryKeyMap(100), bigMap: true},
		record{term: Tuple(etfSeqMap(40), Atom("x")), bigMap: true})

	var in []byte
	for _, r := range records {
		b := Encode(r.term)
		if r.compressed {
			b = EncodeCompressed(r.term, 6)
		}
		in = binary.BigEndian.AppendUint32(in, uint32(len(b)))
		in = append(in, b...)
	}
	dir := t.TempDir()
	inPath, out1, out2 := dir+"/in", dir+"/out1", dir+"/out2"
	if err := os.WriteFile(inPath, in, 0o644); err != nil {
		t.Fatal(err)
	}
	erltest.RunEscript(t, etfDiffScript, nil, inPath, out1, out2)

	// OTP's encoding of Go's encodings.
	back := etfFrames(t, etfReadFile(t, out1))
	if len(back) != len(records) {
		t.Fatalf("OTP returned %d terms, want %d", len(back), len(records))
	}
	for i, r := range records {
		if r.bigMap {
			got, err := Decode(back[i])
			if err != nil || !ExactEqual(got, r.term) {
				t.Errorf("record %d: Decode(OTP's encoding of %s) = %s, %v", i, etfShow(r.term), etfShow(got), err)
			}
			continue
		}
		if want := Encode(r.term); !bytes.Equal(back[i], want) {
			t.Errorf("record %d (compressed %v) %s:\n OTP: %v\n Go:  %v", i, r.compressed, etfShow(r.term), back[i], want)
		}
	}

	// Go's decoding of OTP's own terms.
	own := etfFrames(t, etfReadFile(t, out2))
	bigMaps := []Term{etfSeqMap(40), etfBinaryKeyMap(100)}
	if len(own)%2 != 0 || len(own)/2 < len(etfOTPOwnKinds)+len(bigMaps) {
		t.Fatalf("OTP wrote %d encodings", len(own))
	}
	nOwn := len(own)/2 - len(bigMaps)
	for i := 0; i < len(own); i += 2 {
		plain, compressed := own[i], own[i+1]
		got, err := Decode(plain)
		if err != nil {
			t.Errorf("OTP term %d: Decode(%v): %v", i/2, plain, err)
			continue
		}
		fromCompressed, err := Decode(compressed)
		if err != nil || !ExactEqual(fromCompressed, got) {
			t.Errorf("OTP term %d: Decode(compressed) = %s, %v; want %s", i/2, etfShow(fromCompressed), err, etfShow(got))
		}
		if k := i / 2; k < len(etfOTPOwnKinds) && got.Kind() != etfOTPOwnKinds[k] {
			t.Errorf("OTP term %d: kind %v, want %v", k, got.Kind(), etfOTPOwnKinds[k])
		}
		if k := i/2 - nOwn; k >= 0 {
			if !ExactEqual(got, bigMaps[k]) {
				t.Errorf("OTP big map %d: Decode = %s", k, etfShow(got))
			}
			continue
		}
		if again := Encode(got); !bytes.Equal(again, plain) {
			t.Errorf("OTP term %d %s:\n OTP: %v\n Go:  %v", i/2, etfShow(got), plain, again)
		}
	}
}

func etfSortedKnownNames() []string {
	names := make([]string, 0, len(etfKnownTerms))
	for name := range etfKnownTerms {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

func etfReadFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// etfBenchRow is a row of the engine's tab2file workload:
// {Id, <<"name">>, Cat, Price, Qty}.
var etfBenchRow = Tuple(Int(123456), BinaryString("product name 42"), Atom("beverages"), Float(18.75), Int(39))

func BenchmarkEncode_row(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Encode(etfBenchRow)
	}
}

func BenchmarkAppendEncode_row(b *testing.B) {
	b.ReportAllocs()
	buf := make([]byte, 0, 256)
	for b.Loop() {
		buf = AppendEncode(buf[:0], etfBenchRow)
	}
}

func BenchmarkDecode_row(b *testing.B) {
	enc := Encode(etfBenchRow)
	b.ReportAllocs()
	b.SetBytes(int64(len(enc)))
	for b.Loop() {
		if _, err := Decode(enc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeInto_row(b *testing.B) {
	enc := Encode(etfBenchRow)
	space := make([]Term, 8)
	b.ReportAllocs()
	b.SetBytes(int64(len(enc)))
	for b.Loop() {
		if _, _, err := DecodeInto(enc, space); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendEncodeChecked_row(b *testing.B) {
	b.ReportAllocs()
	buf := make([]byte, 0, 256)
	for b.Loop() {
		buf, _ = AppendEncodeChecked(buf[:0], etfBenchRow)
	}
}

func BenchmarkDecode_corpus(b *testing.B) {
	var encs [][]byte
	size := 0
	for _, t := range etfRandomCorpus(5, 200) {
		encs = append(encs, Encode(t))
		size += len(encs[len(encs)-1])
	}
	b.ReportAllocs()
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, e := range encs {
			if _, err := Decode(e); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkEncode_corpus(b *testing.B) {
	terms := etfRandomCorpus(5, 200)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range terms {
			Encode(t)
		}
	}
}

// etfDecodeScript is the OTP side of TestDecode_differentialOTP: for each
// length-prefixed input it writes <<1, term_to_binary(binary_to_term(B))>>,
// or <<0>> when binary_to_term/1 rejects B.
const etfDecodeScript = `
main([In, Out]) ->
    {ok, Bin} = file:read_file(In),
    ok = file:write_file(Out, [frame(decode(B)) || B <- split(Bin)]).

decode(B) ->
    try binary_to_term(B) of
        T -> <<1, (term_to_binary(T))/binary>>
    catch
        error:badarg -> <<0>>
    end.

frame(B) -> [<<(byte_size(B)):32>>, B].

split(<<N:32, B:N/binary, Rest/binary>>) -> [B | split(Rest)];
split(<<>>) -> [].
`

// TestDecode_differentialOTP checks that binary_to_term/1 accepts what
// Decode accepts, giving the same term, and rejects what Decode rejects
// (but for the marked cases).
func TestDecode_differentialOTP(t *testing.T) {
	erltest.Require(t)
	type check struct {
		name       string
		in         []byte
		otpAccepts bool
		sameTerm   bool // OTP's re-encoding must be Go's
	}
	var checks []check
	for _, c := range etfAltEncodings() {
		checks = append(checks, check{c.name, c.in, true, true})
	}
	for _, c := range etfBadEncodings() {
		checks = append(checks, check{c.name, c.in, c.otpAccepts, false})
	}
	for _, c := range etfOpaqueForms() {
		checks = append(checks, check{c.name, append([]byte{131}, c.ext...), c.name != "fun_ext", false})
	}
	var in []byte
	for _, c := range checks {
		in = binary.BigEndian.AppendUint32(in, uint32(len(c.in)))
		in = append(in, c.in...)
	}
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/in", in, 0o644); err != nil {
		t.Fatal(err)
	}
	erltest.RunEscript(t, etfDecodeScript, nil, dir+"/in", dir+"/out")
	results := etfFrames(t, etfReadFile(t, dir+"/out"))
	if len(results) != len(checks) {
		t.Fatalf("OTP returned %d results, want %d", len(results), len(checks))
	}
	for i, c := range checks {
		res := results[i]
		if accepted := res[0] == 1; accepted != c.otpAccepts {
			t.Errorf("%s: binary_to_term accepts %v: %v, want %v", c.name, c.in, accepted, c.otpAccepts)
			continue
		}
		if !c.sameTerm {
			continue
		}
		got, err := Decode(c.in)
		if err != nil {
			t.Errorf("%s: Decode: %v", c.name, err)
			continue
		}
		if enc := Encode(got); !bytes.Equal(enc, res[1:]) {
			t.Errorf("%s: OTP decodes %v as a term it encodes %v; Go as %s, encoded %v", c.name, c.in, res[1:], etfShow(got), enc)
		}
	}
}
