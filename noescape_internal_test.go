package etsql

import (
	"math/big"
	"testing"
	"unsafe"

	"github.com/etsql/etsql/term"
)

// TestOwnTerm_sharesNothing: ownTerm returns an =:= term whose strings,
// atoms and element arrays are fresh copies.
func TestOwnTerm_sharesNothing(t *testing.T) {
	big1, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	ref, _ := term.Opaque(term.KindReference, []byte{131, 90, 0, 1, 100, 0, 1, 'n', 0, 0, 0, 0, 0, 0, 0, 1})
	bin := term.BinaryString("payload")
	tests := []term.Term{
		term.Int(7), term.Int(1 << 40), term.BigInt(big1), term.Float(2.5), term.Atom("undefined"),
		bin, term.Nil,
		term.Tuple(term.Atom("a"), bin, term.Tuple(term.Int(1), bin)),
		term.List(bin, term.Int(2)), term.ImproperList([]term.Term{bin}, term.Atom("tail")),
		term.Map(term.MapPair{Key: bin, Value: term.Tuple(bin)}), ref,
	}
	for _, in := range tests {
		out := ownTerm(in, 0)
		if !term.ExactEqual(in, out) {
			t.Errorf("ownTerm(%s) = %s, want an =:= term", term.Format(in), term.Format(out))
		}
		if p := sharedPointer(in, out); p != "" {
			t.Errorf("ownTerm(%s) shares %s with its argument", term.Format(in), p)
		}
	}
}

// sharedPointer names a string, atom or element array a and b share.
func sharedPointer(a, b term.Term) string {
	switch a.Kind() {
	case term.KindBinary:
		x, _ := a.BinaryValue()
		y, _ := b.BinaryValue()
		if unsafe.StringData(x) == unsafe.StringData(y) {
			return "binary bytes"
		}
	case term.KindAtom:
		x, _ := a.AtomName()
		y, _ := b.AtomName()
		if unsafe.StringData(x) == unsafe.StringData(y) {
			return "atom name"
		}
	case term.KindTuple, term.KindList:
		xa, xb := a.Elements(), b.Elements()
		if a.IsList() {
			xa, _ = a.ListParts()
			xb, _ = b.ListParts()
		}
		if len(xa) > 0 && unsafe.SliceData(xa) == unsafe.SliceData(xb) {
			return "element array"
		}
		for i := range xa {
			if p := sharedPointer(xa[i], xb[i]); p != "" {
				return p
			}
		}
	case term.KindMap:
		ka, va := a.MapPairs()
		kb, vb := b.MapPairs()
		for i := range ka {
			if p := sharedPointer(ka[i], kb[i]) + sharedPointer(va[i], vb[i]); p != "" {
				return p
			}
		}
	}
	return ""
}
