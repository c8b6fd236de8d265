package tabfile

// TEMPORARY, with etf_temp.go: goes when term.Encode and term.Decode land.

import (
	"bytes"
	"testing"

	"github.com/etsql/etsql/term"
)

// FuzzDecodeTerm: decoding never panics, and what decodes encodes to bytes
// that decode to the same term.
func FuzzDecodeTerm(f *testing.F) {
	for _, o := range variedObjects() {
		b, err := appendTerm(nil, o)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{131, 80, 0, 0, 0, 1, 120, 156, 75, 4, 0, 0, 98, 0, 98})
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := newDecoder().decode(b)
		if err != nil {
			return
		}
		enc, err := appendTerm(nil, v)
		if err != nil {
			t.Fatalf("encoding %s: %v", show(v), err)
		}
		v2, err := newDecoder().decode(enc)
		if err != nil || !term.ExactEqual(v, v2) {
			t.Fatalf("round trip: %s -> %x -> %s, %v", show(v), enc, show(v2), err)
		}
	})
}

func TestAppendTerm_otpBytes(t *testing.T) {
	// term_to_binary([{"abc",[1,2|3],1.5,-1,300,1 bsl 70,-(1 bsl 40),[],<<>>,#{a=>1},"é",'é','€'}]) in OTP 25.
	want := []byte{131, 108, 0, 0, 0, 1, 104, 13, 107, 0, 3, 97, 98, 99, 108, 0, 0, 0, 2, 97, 1, 97, 2, 97, 3, 70, 63, 248, 0, 0, 0, 0, 0, 0,
		98, 255, 255, 255, 255, 98, 0, 0, 1, 44, 110, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 64, 110, 6, 1, 0, 0, 0, 0, 0, 1, 106, 109, 0, 0, 0, 0,
		116, 0, 0, 0, 1, 100, 0, 1, 97, 97, 1, 107, 0, 1, 233, 100, 0, 1, 233, 119, 3, 226, 130, 172, 106}
	v := term.List(tup(term.Charlist("abc"), term.ImproperList([]term.Term{i(1), i(2)}, i(3)), term.Float(1.5), i(-1), i(300),
		bigPow2(70), i(-(1 << 40)), term.Nil, bs(""), term.Map(term.MapPair{Key: a("a"), Value: i(1)}), term.Charlist("é"), a("é"), a("€")))
	got, err := appendTerm(nil, v)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("appendTerm\n got %v, %v\nwant %v", got, err, want)
	}
	back, err := newDecoder().decode(want)
	if err != nil || !term.ExactEqual(back, v) {
		t.Fatalf("decode: %s, %v; want %s", show(back), err, show(v))
	}
}
