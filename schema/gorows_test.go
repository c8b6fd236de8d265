package schema

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/etsql/etsql/term"
)

// everyType has a column of every type and a composite key.
func everyType(t *testing.T) *Table {
	return mustTable(t, TableDef{Name: "all", Columns: []Column{
		{Name: "i", Type: Int}, {Name: "f", Type: Float}, {Name: "s", Type: Text},
		{Name: "b", Type: Blob}, {Name: "ok", Type: Bool}, {Name: "d", Type: Date},
		{Name: "ts", Type: Timestamp}, {Name: "x", Type: Term},
	}, PrimaryKey: []string{"s", "i"}})
}

// rowsViaFromGo is what AppendGoRows must give: FromGo on every value,
// then Rows.
func rowsViaFromGo(t *testing.T, tab *Table, rows [][]any) ([]term.Term, error) {
	t.Helper()
	vals := make([][]term.Term, len(rows))
	for i, r := range rows {
		for j, v := range r {
			tv, err := FromGo(v, tab.Type(j))
			if err != nil {
				return nil, tab.columnError(j, err)
			}
			vals[i] = append(vals[i], tv)
		}
	}
	return tab.Rows(vals)
}

func TestTable_AppendGoRows_sameAsRows(t *testing.T) {
	paris := time.FixedZone("CEST", 2*3600)
	big70, _ := new(big.Int).SetString("1180591620717411303424", 10)
	tables := []struct {
		tab  *Table
		rows [][]any
	}{
		{everyType(t), [][]any{
			{int64(1), 1.5, "a", []byte{0, 1}, true, "2024-05-01", time.Date(2024, 5, 1, 1, 30, 0, 500, paris), term.Atom("x")},
			{2, int32(3), "é", []byte(nil), 1, time.Date(2024, 5, 1, 23, 30, 0, 0, paris), "2024-05-01T10:20:30Z", nil},
			{uint64(math.MaxUint64), nil, "b", nil, "yes", nil, nil, term.Tuple(term.Int(1))},
			{big70, float32(2.5), "c", []byte("z"), false, nil, time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), 7},
			{"42", "1e3", 12, nil, nil, nil, nil, 1.5},
			{3.0, 7, 1.25, nil, nil, nil, nil, "t"},
		}},
		{products(t), [][]any{{1, "chai", 18, true}, {nil, "chang", nil, false}, {int8(3), "x", 2.5, "no"}}},
		{mustTable(t, TableDef{Name: "log", Columns: []Column{{Name: "msg", Type: Text}, {Name: "n", Type: Int, NotNull: true}}}),
			[][]any{{"a", 1}, {nil, 2}, {"c", int64(3)}}},
	}
	for _, tt := range tables {
		tab := tt.tab
		for _, inline := range []bool{false, true} {
			var elems []term.Term
			if inline {
				elems = make([]term.Term, len(tt.rows)*tab.Arity())
			}
			start := tab.rowid.Load()
			got, err := tab.AppendGoRows([]term.Term{term.Atom("before")}, tt.rows, elems)
			if err != nil {
				t.Fatalf("%s: %v", tab.Name(), err)
			}
			tab.rowid.Store(start) // the same row ids again
			want, err := rowsViaFromGo(t, tab, tt.rows)
			if err != nil {
				t.Fatalf("%s: via FromGo: %v", tab.Name(), err)
			}
			want = append([]term.Term{term.Atom("before")}, want...)
			if !term.ExactEqual(term.List(got...), term.List(want...)) {
				t.Errorf("%s (inline %v):\ngot  %s\nwant %s", tab.Name(), inline, term.Format(term.List(got...)), term.Format(term.List(want...)))
			}
			if inline && len(got) > 1 && &got[1].Elements()[0] != &elems[0] {
				t.Errorf("%s: the first row's elements are not in elems", tab.Name())
			}
		}
	}
}

func TestTable_AppendGoRows_errors(t *testing.T) {
	p := products(t)
	log := mustTable(t, TableDef{Name: "log", Columns: []Column{{Name: "msg", Type: Text}}})
	tests := []struct {
		tab  *Table
		rows [][]any
		is   error
		msg  string
	}{
		{p, [][]any{{1, "a", 1, true}, {2, "b", 2}}, ErrBadRow, "table products has 4 columns but 3 values were supplied"},
		{p, [][]any{{1, nil, 1, true}}, ErrNotNull, "table products, column product_name: cannot store NULL in a NOT NULL column"},
		{p, [][]any{{1, "a", 1, nil}}, ErrNotNull, "column discontinued: cannot store NULL in a NOT NULL column"},
		{p, [][]any{{1, "a", "cheap", true}}, ErrBadValue, "table products, column unit_price: cannot store 'cheap' as FLOAT"},
		{p, [][]any{{1, "a", math.NaN(), true}}, ErrBadValue, "column unit_price: cannot store NaN as FLOAT"},
		{p, [][]any{{1.5, "a", 1, true}}, ErrBadValue, "column product_id: cannot store 1.5 as INT"},
		{p, [][]any{{1, "\xff", 1, true}}, ErrBadValue, "column product_name: cannot store"},
		{p, [][]any{{1, "a", 1, struct{}{}}}, ErrBadValue, "cannot store a Go value of type struct {} as BOOL"},
		{log, [][]any{{"a"}, {"b", "c"}}, ErrBadRow, "table log has 1 columns but 2 values were supplied"},
		{everyType(t), [][]any{{1, 1, nil, nil, nil, nil, nil, nil}}, ErrNotNull, "column s: cannot store NULL in a primary key column"},
	}
	for _, tt := range tests {
		before := tt.tab.rowid.Load()
		dst := []term.Term{term.Int(0)}
		got, err := tt.tab.AppendGoRows(dst, tt.rows, nil)
		if !errors.Is(err, tt.is) || !strings.Contains(errString(err), tt.msg) {
			t.Errorf("%v: got %v; want %v containing %q", tt.rows, err, tt.is, tt.msg)
		}
		if len(got) != 1 || tt.tab.rowid.Load() != before {
			t.Errorf("%v: the failed call kept %d rows and moved the row id by %d", tt.rows, len(got)-1, tt.tab.rowid.Load()-before)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// An integer key given NULL stays NULL, for the inserter to assign.
func TestTable_AppendGoRows_integerKeyLeftNull(t *testing.T) {
	got, err := products(t).AppendGoRows(nil, [][]any{{nil, "a", 1, true}}, nil)
	if err != nil || len(got) != 1 {
		t.Fatalf("got %v, %v", got, err)
	}
	if k, _ := got[0].Element(1); !IsNull(k) {
		t.Errorf("key %s; want NULL", showValue(k))
	}
}

func BenchmarkTable_AppendGoRows(b *testing.B) {
	tab, err := NewTable(TableDef{Name: "items", Columns: []Column{
		{Name: "id", Type: Int, PrimaryKey: true}, {Name: "name", Type: Text},
		{Name: "category", Type: Int}, {Name: "price", Type: Float}, {Name: "qty", Type: Int},
	}})
	if err != nil {
		b.Fatal(err)
	}
	rows := make([][]any, 4096)
	for i := range rows {
		rows[i] = []any{int64(i), "item name", int64(i % 100), float64(i) / 3, int64(i % 1000)}
	}
	dst := make([]term.Term, 0, len(rows))
	elems := make([]term.Term, len(rows)*tab.Arity())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tab.AppendGoRows(dst, rows, elems); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(rows)), "ns/row")
}
