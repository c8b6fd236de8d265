package schema

import (
	"testing"
	"unsafe"

	"github.com/etsql/etsql/term"
)

// TestTable_Row_compositeKeyLayout checks where the parts of a composite
// key go: right after the row's elements in an ordered_set or a bag (one
// allocation); in every type, appending to the row's elements leaves the
// key alone.
func TestTable_Row_compositeKeyLayout(t *testing.T) {
	for _, typ := range []TableType{OrderedSet, Set, Bag} {
		tab, err := NewTable(TableDef{Name: "od", Columns: []Column{
			{Name: "o", Type: Int}, {Name: "p", Type: Int}, {Name: "q", Type: Int},
		}, PrimaryKey: []string{"o", "p"}, Options: Options{Type: typ}})
		if err != nil {
			t.Fatal(err)
		}
		obj, err := tab.Row([]term.Term{term.Int(10248), term.Int(11), term.Int(12)})
		if err != nil {
			t.Fatal(err)
		}
		elems := obj.Elements()
		key := elems[0].Elements()
		if len(elems) != 2 || cap(elems) != 2 || len(key) != 2 || key[0] != term.Int(10248) || key[1] != term.Int(11) || elems[1] != term.Int(12) {
			t.Fatalf("%v: row %v (cap %d)", typ, obj, cap(elems))
		}
		adjacent := uintptr(unsafe.Pointer(&key[0])) == uintptr(unsafe.Pointer(&elems[0]))+2*unsafe.Sizeof(term.Term{})
		if typ != Set && !adjacent { // (separate allocations may happen to be adjacent too)
			t.Errorf("%v: key parts right after the row's elements: %v", typ, adjacent)
		}
		_ = append(elems, term.Int(99))
		if key[0] != term.Int(10248) {
			t.Errorf("%v: appending to the row's elements changed the key: %v", typ, key)
		}
	}
}
