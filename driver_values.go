package etsql

import (
	"database/sql/driver"
	"unsafe"

	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// The values a driver row hands database/sql are interfaces (driver.Value),
// and putting an int64, a float64 or a string in an interface allocates
// (Go spares only integers below 256): two or three allocations per row of
// a scan, the most of its cost through database/sql. valueBoxes boxes
// them many to an allocation instead: each value is written once into a
// slab (an array of int64, float64 or string) and the interface points
// into it, as the interface Go would have made points to an allocation
// of its own. A slab is never written again where it was handed out, so
// a value kept by the caller (scanned into an *any) stays as it was; the
// slab lives as long as one of its values does.

// boxSlab is the number of values of one slab.
const boxSlab = 64

// valueBoxes holds the slabs being filled, per type.
type valueBoxes struct {
	ints   []int64
	floats []float64
	strs   []string
}

// eface is the layout of an empty interface (any): its type and a
// pointer to its value. Go has kept it since 1.4 (runtime.eface).
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

// The type words of int64, float64 and string interfaces.
var (
	int64Type   = typeWord(int64(0))
	float64Type = typeWord(float64(0))
	stringType  = typeWord("")
)

func typeWord(v any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&v)).typ }

// makeAny returns the interface of type word typ whose value is at p.
func makeAny(typ unsafe.Pointer, p unsafe.Pointer) any {
	var v any
	e := (*eface)(unsafe.Pointer(&v))
	e.typ, e.data = typ, p
	return v
}

func (b *valueBoxes) int64(n int64) driver.Value {
	if n >= 0 && n < 256 {
		return n // Go boxes these without allocating
	}
	if len(b.ints) == cap(b.ints) {
		b.ints = make([]int64, 0, boxSlab)
	}
	b.ints = append(b.ints, n)
	return makeAny(int64Type, unsafe.Pointer(&b.ints[len(b.ints)-1]))
}

func (b *valueBoxes) float64(f float64) driver.Value {
	if len(b.floats) == cap(b.floats) {
		b.floats = make([]float64, 0, boxSlab)
	}
	b.floats = append(b.floats, f)
	return makeAny(float64Type, unsafe.Pointer(&b.floats[len(b.floats)-1]))
}

func (b *valueBoxes) string(s string) driver.Value {
	if s == "" {
		return s
	}
	if len(b.strs) == cap(b.strs) {
		b.strs = make([]string, 0, boxSlab)
	}
	b.strs = append(b.strs, s)
	return makeAny(stringType, unsafe.Pointer(&b.strs[len(b.strs)-1]))
}

// driverValue is toGo for database/sql: the same value, an int64, float64
// or string boxed by b.
func driverValue(v term.Term, typ schema.Type, b *valueBoxes) driver.Value {
	if typ == 0 || typ == schema.Int || typ == schema.Float {
		// toGo gives an integer as an int64 and a float as a float64 in
		// columns of these types
		if n, ok := v.Int64(); ok && v.IsInteger() {
			return b.int64(n)
		}
		if f, ok := v.Float64(); ok && v.IsFloat() {
			return b.float64(f)
		}
	}
	if typ == 0 || typ == schema.Text {
		if s, ok := v.BinaryValue(); ok {
			return b.string(s)
		}
	}
	return toGo(v, typ)
}
