package schema

import (
	"errors"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/etsql/etsql/term"
)

func mustTable(t *testing.T, def TableDef) *Table {
	t.Helper()
	tab, err := NewTable(def)
	if err != nil {
		t.Fatalf("NewTable(%s): %v", def.Name, err)
	}
	return tab
}

// products has a one-column key declared on the column.
func products(t *testing.T) *Table {
	return mustTable(t, TableDef{Name: "products", Columns: []Column{
		{Name: "product_id", Type: Int, PrimaryKey: true},
		{Name: "product_name", Type: Text, NotNull: true},
		{Name: "unit_price", Type: Float, Default: term.Int(0)},
		{Name: "discontinued", Type: Bool, NotNull: true, Default: bin("false")},
	}})
}

// orderDetails has a composite key declared after its columns, not in
// column order.
func orderDetails(t *testing.T) *Table {
	return mustTable(t, TableDef{Name: "order_details", Columns: []Column{
		{Name: "unit_price", Type: Float, NotNull: true},
		{Name: "order_id", Type: Int},
		{Name: "quantity", Type: Int},
		{Name: "product_id", Type: Int},
	}, PrimaryKey: []string{"ORDER_ID", "product_id"}})
}

// events has no primary key.
func events(t *testing.T) *Table {
	return mustTable(t, TableDef{Name: "events", Columns: []Column{
		{Name: "at", Type: Timestamp},
		{Name: "what", Type: Term},
	}, Options: Options{Type: DuplicateBag}})
}

func TestNewTable_errors(t *testing.T) {
	a := Column{Name: "a", Type: Int}
	b := Column{Name: "b", Type: Text}
	tests := []struct {
		def     TableDef
		want    string
		wantErr error
	}{
		{TableDef{Columns: []Column{a}}, "table has no name", ErrBadDefinition},
		{TableDef{Name: "t"}, "table t has no columns", ErrBadDefinition},
		{TableDef{Name: "t", Columns: []Column{a, {Name: "A", Type: Text}}}, "table t, column A: duplicate column", ErrDuplicateColumn},
		{TableDef{Name: "t", Columns: []Column{a, {Type: Int}}}, "table t: column 2 has no name", ErrBadDefinition},
		{TableDef{Name: "t", Columns: []Column{a, {Name: "c"}}}, "table t, column c: no valid type", ErrBadDefinition},
		{TableDef{Name: "t", Columns: []Column{a, {Name: "c", Type: Date, Default: bin("soon")}}},
			"table t, column c: bad DEFAULT: cannot store 'soon' as DATE", ErrBadDefinition},
		{TableDef{Name: "t", Columns: []Column{{Name: "a", Type: Int, PrimaryKey: true}, {Name: "b", Type: Int, PrimaryKey: true}}},
			"table t has more than one primary key", ErrBadDefinition},
		{TableDef{Name: "t", Columns: []Column{{Name: "a", Type: Int, PrimaryKey: true}, b}, PrimaryKey: []string{"b"}},
			"table t has more than one primary key", ErrBadDefinition},
		{TableDef{Name: "t", Columns: []Column{a, b}, PrimaryKey: []string{"c"}},
			"table t, column c: primary key names no column", ErrNoColumn},
		{TableDef{Name: "t", Columns: []Column{a, b}, PrimaryKey: []string{"a", "A"}},
			"table t, column a: named twice in the primary key", ErrDuplicateColumn},
		{TableDef{Name: "t", Columns: []Column{a}, Options: Options{Type: 9}}, "table t: invalid options", ErrBadDefinition},
		{TableDef{Name: "t", Columns: []Column{a}, Options: Options{Access: 9}}, "table t: invalid options", ErrBadDefinition},
	}
	for _, tt := range tests {
		_, err := NewTable(tt.def)
		if err == nil || err.Error() != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("NewTable(%+v) error = %v; want %q (%v)", tt.def, err, tt.want, tt.wantErr)
		}
	}
}

func TestTable_Lookup(t *testing.T) {
	p := products(t)
	for name, want := range map[string]int{"product_id": 0, "PRODUCT_NAME": 1, "Unit_Price": 2, "discontinued": 3} {
		if got, ok := p.Lookup(name); !ok || got != want {
			t.Errorf("Lookup(%q) = %d, %v; want %d", name, got, ok, want)
		}
	}
	if _, ok := p.Lookup("rowid"); ok {
		t.Errorf("a keyed table answers for rowid")
	}
	_, err := p.ColumnIndex("pricee")
	if err == nil || err.Error() != "table products, column pricee: no such column" || !errors.Is(err, ErrNoColumn) {
		t.Errorf("ColumnIndex(pricee) error = %v", err)
	}
	e := events(t)
	if got, ok := e.Lookup("ROWID"); !ok || got != RowIDColumn {
		t.Errorf("events.Lookup(ROWID) = %d, %v", got, ok)
	}
	own := mustTable(t, TableDef{Name: "t", Columns: []Column{{Name: "RowId", Type: Text}}})
	if got, ok := own.Lookup("rowid"); !ok || got != 0 {
		t.Errorf("a column named rowid: Lookup = %d, %v; want 0", got, ok)
	}
}

func TestTable_layout(t *testing.T) {
	tests := []struct {
		tab      *Table
		arity    int
		key      []int
		rowid    bool
		pos      []Position
		nullable []bool
	}{
		{products(t), 4, []int{0}, false, []Position{{1, 0}, {2, 0}, {3, 0}, {4, 0}}, []bool{false, false, true, false}},
		{orderDetails(t), 3, []int{1, 3}, false, []Position{{2, 0}, {1, 1}, {3, 0}, {1, 2}}, []bool{false, false, true, false}},
		{events(t), 3, nil, true, []Position{{2, 0}, {3, 0}}, []bool{true, true}},
	}
	for _, tt := range tests {
		name := tt.tab.Name()
		if tt.tab.Arity() != tt.arity || !slices.Equal(tt.tab.PrimaryKey(), tt.key) || tt.tab.HasRowID() != tt.rowid {
			t.Errorf("%s: arity %d, key %v, rowid %v", name, tt.tab.Arity(), tt.tab.PrimaryKey(), tt.tab.HasRowID())
		}
		if tt.tab.NumColumns() != len(tt.pos) {
			t.Errorf("%s: %d columns", name, tt.tab.NumColumns())
		}
		for i, want := range tt.pos {
			if got := tt.tab.Position(i); got != want {
				t.Errorf("%s: Position(%d) = %+v, want %+v", name, i, got, want)
			}
			if c := tt.tab.Column(i); c.NotNull == tt.nullable[i] {
				t.Errorf("%s: column %s NotNull = %v", name, c.Name, c.NotNull)
			}
		}
	}
	if got := events(t).Position(RowIDColumn); got != (Position{Elem: 1}) {
		t.Errorf("Position(RowIDColumn) = %+v", got)
	}
	if cols := products(t).Columns(); !term.ExactEqual(cols[2].Default, term.Float(0)) || !term.ExactEqual(cols[3].Default, term.False) {
		t.Errorf("defaults not coerced: %s, %s", showValue(cols[2].Default), showValue(cols[3].Default))
	}
}

func TestTable_Row_roundTrip(t *testing.T) {
	var none term.Term // an omitted value
	tests := []struct {
		name   string
		tab    *Table
		values []term.Term
		row    term.Term
		back   []term.Term // Values(row); nil: values
	}{
		{"products", products(t), []term.Term{term.Int(1), bin("Chai"), term.Int(18), term.Int(0)},
			term.Tuple(term.Int(1), bin("Chai"), term.Float(18), term.False),
			[]term.Term{term.Int(1), bin("Chai"), term.Float(18), term.False}},
		{"products defaults", products(t), []term.Term{term.Float(2), bin("Chang"), none, none},
			term.Tuple(term.Int(2), bin("Chang"), term.Float(0), term.False),
			[]term.Term{term.Int(2), bin("Chang"), term.Float(0), term.False}},
		{"products null price", products(t), []term.Term{bin("3"), bin("Aniseed"), Null, term.True},
			term.Tuple(term.Int(3), bin("Aniseed"), Null, term.True),
			[]term.Term{term.Int(3), bin("Aniseed"), Null, term.True}},
		{"order details", orderDetails(t), []term.Term{term.Int(14), term.Int(10248), term.Int(12), term.Int(11)},
			term.Tuple(term.Tuple(term.Int(10248), term.Int(11)), term.Float(14), term.Int(12)),
			[]term.Term{term.Float(14), term.Int(10248), term.Int(12), term.Int(11)}},
		{"order details null quantity", orderDetails(t), []term.Term{term.Float(9.8), term.Int(10248), none, term.Int(42)},
			term.Tuple(term.Tuple(term.Int(10248), term.Int(42)), term.Float(9.8), Null),
			[]term.Term{term.Float(9.8), term.Int(10248), Null, term.Int(42)}},
		{"events", events(t), []term.Term{bin("2024-05-01 12:00:01.25"), term.Tuple(term.Atom("login"), bin("ann"))},
			term.Tuple(term.Int(1), stamp(2024, 5, 1, 12, 0, term.Float(1.25)), term.Tuple(term.Atom("login"), bin("ann"))),
			[]term.Term{stamp(2024, 5, 1, 12, 0, term.Float(1.25)), term.Tuple(term.Atom("login"), bin("ann"))}},
	}
	for _, tt := range tests {
		row, err := tt.tab.Row(tt.values)
		if err != nil || !term.ExactEqual(row, tt.row) {
			t.Errorf("%s: Row = %s, %v; want %s", tt.name, showValue(row), err, showValue(tt.row))
			continue
		}
		back, err := tt.tab.Values(row)
		if err != nil || !slices.EqualFunc(back, tt.back, term.ExactEqual) {
			t.Errorf("%s: Values(%s) = %v, %v", tt.name, showValue(row), back, err)
		}
		again, err := tt.tab.Row(back)
		if tt.tab.HasRowID() { // a new row id; the rest is the same
			again = term.Tuple(append([]term.Term{term.Int(1)}, again.Elements()[1:]...)...)
		}
		if err != nil || !term.ExactEqual(again, row) {
			t.Errorf("%s: Row(Values(row)) = %s, %v; want %s", tt.name, showValue(again), err, showValue(row))
		}
		for i := range tt.back {
			v, ok := tt.tab.Value(row, i)
			if !ok || !term.ExactEqual(v, tt.back[i]) {
				t.Errorf("%s: Value(row, %d) = %s, %v", tt.name, i, showValue(v), ok)
			}
		}
	}
}

func TestTable_Row_errors(t *testing.T) {
	p, od := products(t), orderDetails(t)
	tests := []struct {
		tab     *Table
		values  []term.Term
		want    string
		wantErr error
	}{
		{p, []term.Term{term.Int(1), bin("Chai"), bin("abc"), term.True}, "table products, column unit_price: cannot store 'abc' as FLOAT", ErrBadValue},
		{p, []term.Term{term.Int(1), Null, term.Int(1), term.True}, "table products, column product_name: cannot store NULL in a NOT NULL column", ErrNotNull},
		{p, []term.Term{term.Float(1.5), bin("x"), term.Int(1), term.True}, "table products, column product_id: cannot store 1.5 as INT", ErrBadValue},
		{p, []term.Term{term.Int(1), bin("x"), term.Int(1), term.Int(2)}, "table products, column discontinued: cannot store 2 as BOOL", ErrBadValue},
		{p, []term.Term{term.Int(1)}, "table products has 4 columns but 1 values were supplied", ErrBadRow},
		{od, []term.Term{term.Int(1), term.Int(2), term.Int(3), Null}, "table order_details, column product_id: cannot store NULL in a primary key column", ErrNotNull},
		{od, []term.Term{Null, term.Int(2), term.Int(3), term.Int(4)}, "table order_details, column unit_price: cannot store NULL in a NOT NULL column", ErrNotNull},
	}
	for _, tt := range tests {
		row, err := tt.tab.Row(tt.values)
		if err == nil || err.Error() != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("Row(%v) = %s, %v; want error %q", tt.values, showValue(row), err, tt.want)
		}
		var ce *ColumnError
		if errors.Is(err, ErrBadValue) && !errors.As(err, &ce) {
			t.Errorf("Row(%v): %v is not a *ColumnError", tt.values, err)
		}
	}
}

func TestTable_RowFor(t *testing.T) {
	p := products(t)
	row, err := p.RowFor([]string{"Product_Name", "product_id"}, []term.Term{bin("Chai"), term.Int(1)})
	if want := term.Tuple(term.Int(1), bin("Chai"), term.Float(0), term.False); err != nil || !term.ExactEqual(row, want) {
		t.Errorf("RowFor = %s, %v; want %s", showValue(row), err, showValue(want))
	}
	tests := []struct {
		cols    []string
		values  []term.Term
		want    string
		wantErr error
	}{
		{[]string{"product_id", "nope"}, []term.Term{term.Int(1), term.Int(2)}, "table products, column nope: no such column", ErrNoColumn},
		{[]string{"product_id", "PRODUCT_ID"}, []term.Term{term.Int(1), term.Int(2)}, "table products, column product_id: named twice", ErrDuplicateColumn},
		{[]string{"product_id"}, []term.Term{term.Int(1), term.Int(2)}, "table products: 1 columns but 2 values were supplied", ErrBadRow},
		{[]string{"product_id"}, []term.Term{term.Int(1)}, "table products, column product_name: cannot store NULL in a NOT NULL column", ErrNotNull},
	}
	for _, tt := range tests {
		_, err := p.RowFor(tt.cols, tt.values)
		if err == nil || err.Error() != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("RowFor(%v) error = %v; want %q", tt.cols, err, tt.want)
		}
	}
}

func TestTable_Rows_allOrNothing(t *testing.T) {
	e := events(t)
	good := []term.Term{bin("2024-01-01"), term.Int(1)}
	bad := []term.Term{bin("not a time"), term.Int(2)}
	rows, err := e.Rows([][]term.Term{good, good, bad})
	if err == nil || rows != nil || err.Error() != "table events, column at: cannot store 'not a time' as TIMESTAMP" {
		t.Fatalf("Rows with a bad row = %v, %v", rows, err)
	}
	rows, err = e.RowsFor([]string{"what"}, [][]term.Term{{term.Int(1)}, {term.Int(1)}})
	if err != nil || len(rows) != 2 {
		t.Fatalf("RowsFor = %v, %v", rows, err)
	}
	for i, row := range rows { // the failed call used no row ids; duplicates are two rows
		want := term.Tuple(term.Int(int64(i+1)), Null, term.Int(1))
		if !term.ExactEqual(row, want) {
			t.Errorf("row %d = %s, want %s", i, showValue(row), showValue(want))
		}
	}
	defaults, err := products(t).RowsFor(nil, [][]term.Term{{}})
	if err == nil || err.Error() != "table products, column product_name: cannot store NULL in a NOT NULL column" {
		t.Errorf("RowsFor(no columns) = %v, %v", defaults, err)
	}
	if _, err := e.Row(bad); err == nil {
		t.Fatal("Row(bad) succeeded")
	}
	row, _ := e.Row(good)
	if id, ok := e.RowID(row); !ok || id != 3 {
		t.Errorf("next row id = %d, %v; want 3", id, ok)
	}
	e.NoteRowID(100)
	e.NoteRowID(50)
	row, _ = e.Row(good)
	if id, _ := e.RowID(row); id != 101 {
		t.Errorf("row id after NoteRowID(100) = %d, want 101", id)
	}
	if _, ok := products(t).RowID(term.Tuple(term.Int(1))); ok {
		t.Errorf("RowID of a keyed table's row")
	}
}

func TestTable_Row_concurrentRowIDs(t *testing.T) {
	e := events(t)
	const workers, each = 4, 200
	ids := make(chan int64, workers*each*2)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				row, _ := e.Row([]term.Term{Null, Null})
				id, _ := e.RowID(row)
				ids <- id
				rows, _ := e.Rows([][]term.Term{{Null, Null}})
				id, _ = e.RowID(rows[0])
				ids <- id
			}
		})
	}
	wg.Wait()
	close(ids)
	seen := make(map[int64]bool)
	for id := range ids {
		if seen[id] || id < 1 || id > workers*each*2 {
			t.Fatalf("row id %d handed out twice or out of range", id)
		}
		seen[id] = true
	}
}

func TestTable_Values_badShape(t *testing.T) {
	od := orderDetails(t)
	tests := []struct {
		row  term.Term
		want string
	}{
		{term.Int(1), "table order_details: 1 is not a row (tuple of size 3)"},
		{term.Tuple(term.Int(1), term.Int(2), term.Int(3)), "table order_details: {1,2,3} is not a row (key tuple of size 2)"},
		{term.Tuple(term.Tuple(term.Int(1)), term.Int(2), term.Int(3)), "table order_details: {{1},2,3} is not a row (key tuple of size 2)"},
		{term.Tuple(term.Tuple(term.Int(1), term.Int(2))), "table order_details: {{1,2}} is not a row (tuple of size 3)"},
	}
	for _, tt := range tests {
		_, err := od.Values(tt.row)
		if err == nil || err.Error() != tt.want || !errors.Is(err, ErrBadRow) {
			t.Errorf("Values(%s) error = %v; want %q", showValue(tt.row), err, tt.want)
		}
	}
	if _, ok := od.Value(term.Tuple(term.Int(1), term.Int(2), term.Int(3)), 1); ok {
		t.Errorf("Value inside a key that is not a tuple")
	}
}

func TestTable_Update(t *testing.T) {
	e := events(t)
	row, _ := e.Row([]term.Term{bin("2024-01-01"), term.Atom("a")})
	got, err := e.Update(row, map[int]term.Term{1: term.Atom("b")})
	want := term.Tuple(term.Int(1), stamp(2024, 1, 1, 0, 0, term.Int(0)), term.Atom("b"))
	if err != nil || !term.ExactEqual(got, want) {
		t.Errorf("Update = %s, %v; want %s", showValue(got), err, showValue(want))
	}
	if _, err := e.Update(row, map[int]term.Term{RowIDColumn: term.Int(5)}); err == nil || err.Error() != "table events, column rowid: cannot update the row id" {
		t.Errorf("Update(rowid) error = %v", err)
	}
	od := orderDetails(t)
	row, _ = od.Row([]term.Term{term.Float(1), term.Int(10), term.Int(2), term.Int(20)})
	got, err = od.Update(row, map[int]term.Term{3: bin("21"), 2: term.Float(3)})
	want = term.Tuple(term.Tuple(term.Int(10), term.Int(21)), term.Float(1), term.Int(3))
	if err != nil || !term.ExactEqual(got, want) {
		t.Errorf("Update key = %s, %v; want %s", showValue(got), err, showValue(want))
	}
	_, err = od.Update(row, map[int]term.Term{3: bin("x"), 0: Null})
	if err == nil || err.Error() != "table order_details, column unit_price: cannot store NULL in a NOT NULL column" {
		t.Errorf("Update with two bad values: error = %v (want the first column's)", err)
	}
}

func TestTable_Key(t *testing.T) {
	tests := []struct {
		tab    *Table
		values []term.Term
		want   term.Term
		err    string
	}{
		{products(t), []term.Term{bin("7")}, term.Int(7), ""},
		{orderDetails(t), []term.Term{term.Int(1), term.Float(2)}, term.Tuple(term.Int(1), term.Int(2)), ""},
		{events(t), []term.Term{bin("12")}, term.Int(12), ""},
		{products(t), []term.Term{term.Int(1), term.Int(2)}, term.Term{}, "table products: key has 1 columns but 2 values were supplied"},
		{orderDetails(t), []term.Term{term.Int(1), bin("x")}, term.Term{}, "table order_details, column product_id: cannot store 'x' as INT"},
		{events(t), []term.Term{Null}, term.Term{}, "table events, column rowid: cannot store NULL in a primary key column"},
	}
	for _, tt := range tests {
		got, err := tt.tab.Key(tt.values...)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s.Key(%v) error = %v; want %q", tt.tab.Name(), tt.values, err, tt.err)
			}
			continue
		}
		if err != nil || !term.ExactEqual(got, tt.want) {
			t.Errorf("%s.Key(%v) = %s, %v; want %s", tt.tab.Name(), tt.values, showValue(got), err, showValue(tt.want))
		}
	}
}

func TestTable_Head(t *testing.T) {
	p, od, e := products(t), orderDetails(t), events(t)
	tests := []struct {
		tab  *Table
		bind map[int]term.Term
		want string
	}{
		{p, nil, "{'_','_','_','_'}"},
		{p, map[int]term.Term{0: Var(1), 3: term.True}, "{'$1','_','_',true}"},
		{od, nil, "{'_','_','_'}"},
		{od, map[int]term.Term{1: Var(1)}, "{{'$1','_'},'_','_'}"},
		{od, map[int]term.Term{3: term.Int(11), 2: Var(3)}, "{{'_',11},'_','$3'}"},
		{e, map[int]term.Term{RowIDColumn: Var(9), 1: term.Atom("x")}, "{'$9','_',x}"},
	}
	for _, tt := range tests {
		if got := showValue(tt.tab.Head(tt.bind)); got != tt.want {
			t.Errorf("%s.Head(%v) = %s, want %s", tt.tab.Name(), tt.bind, got, tt.want)
		}
	}
	heads := map[*Table]string{p: "{'$1','$2','$3','$4'}", od: "{{'$2','$4'},'$1','$3'}", e: "{'_','$1','$2'}"}
	for tab, want := range heads {
		if got := showValue(tab.HeadVars()); got != want {
			t.Errorf("%s.HeadVars() = %s, want %s", tab.Name(), got, want)
		}
	}
}

func TestOptions_Set(t *testing.T) {
	tests := []struct {
		sets [][2]string
		want Options
		err  string
	}{
		{nil, Options{}, ""},
		{[][2]string{{"set", ""}, {"PROTECTED", ""}, {"compressed", ""}}, Options{Type: Set, Access: Protected, Compressed: true}, ""},
		{[][2]string{{"type", "Bag"}, {"access", "private"}, {"read_concurrency", "true"}, {"write_concurrency", "on"}},
			Options{Type: Bag, Access: Private, ReadConcurrency: true, WriteConcurrency: true}, ""},
		{[][2]string{{"duplicate_bag", ""}, {"read_concurrency", ""}, {"read_concurrency", "false"}}, Options{Type: DuplicateBag}, ""},
		{[][2]string{{"heir", ""}}, Options{}, `unknown table option "heir"`},
		{[][2]string{{"keypos", "2"}}, Options{}, `unknown table option "keypos"`},
		{[][2]string{{"type", "queue"}}, Options{}, `table option type: bad value "queue"`},
		{[][2]string{{"compressed", "maybe"}}, Options{}, `table option compressed: bad value "maybe"`},
	}
	for _, tt := range tests {
		var o Options
		var err error
		for _, s := range tt.sets {
			if err = o.Set(s[0], s[1]); err != nil {
				break
			}
		}
		if tt.err != "" {
			if err == nil || err.Error() != tt.err || !errors.Is(err, ErrBadDefinition) {
				t.Errorf("Set(%v) error = %v; want %q", tt.sets, err, tt.err)
			}
			continue
		}
		if err != nil || o != tt.want {
			t.Errorf("Set(%v) = %+v, %v; want %+v", tt.sets, o, err, tt.want)
		}
	}
	o := Options{Type: Set, Access: Protected, ReadConcurrency: true, Compressed: true}
	want := term.List(term.Atom("set"), term.Atom("protected"), term.Tuple(term.Atom("keypos"), term.Int(1)),
		term.Tuple(term.Atom("read_concurrency"), term.True), term.Tuple(term.Atom("write_concurrency"), term.False),
		term.Atom("compressed"))
	if got := o.Terms(); !term.ExactEqual(got, want) {
		t.Errorf("Terms() = %s, want %s", showValue(got), showValue(want))
	}
	if got := (Options{}).Terms(); got.Len() != 5 || !got.Elements()[0].IsAtomNamed("ordered_set") || !got.Elements()[1].IsAtomNamed("public") {
		t.Errorf("default Terms() = %s", showValue(got))
	}
	if Bag.Unique() || !Set.Unique() || !OrderedSet.Unique() || DuplicateBag.Unique() {
		t.Errorf("Unique is wrong")
	}
	if TableType(9).String() != "invalid" || Access(9).String() != "invalid" {
		t.Errorf("String of invalid option values")
	}
}

func TestTable_AssignKeys(t *testing.T) {
	p := products(t)
	if !p.IntegerKey() || p.AutoIncrement() {
		t.Fatalf("products: IntegerKey %v AutoIncrement %v, want true false", p.IntegerKey(), p.AutoIncrement())
	}
	if orderDetails(t).IntegerKey() {
		t.Error("order_details (composite key) has an integer key")
	}
	rows, err := p.Rows([][]term.Term{
		{Null, bin("a"), term.Int(1), term.True},
		{term.Int(10), bin("b"), term.Int(1), term.True},
		{{}, bin("c"), term.Int(1), term.True},
		{term.Int(4), bin("d"), term.Int(1), term.True},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !p.NeedsKey(rows[0]) || p.NeedsKey(rows[1]) {
		t.Errorf("NeedsKey = %v %v, want true false", p.NeedsKey(rows[0]), p.NeedsKey(rows[1]))
	}
	rows, max, err := p.AssignKeys(rows, 5)
	if err != nil || max != 11 {
		t.Fatalf("AssignKeys = max %d, %v; want 11", max, err)
	}
	for i, want := range []int64{6, 10, 11, 4} {
		if k, _ := rows[i].Element(1); !term.ExactEqual(k, term.Int(want)) {
			t.Errorf("row %d key = %s, want %d", i, showValue(k), want)
		}
	}
	full, _ := p.Rows([][]term.Term{{Null, bin("a"), term.Int(1), term.True}})
	if _, _, err := p.AssignKeys(full, math.MaxInt64); !errors.Is(err, ErrBadValue) {
		t.Errorf("AssignKeys past the int64 range: %v, want ErrBadValue", err)
	}
	p.NoteKey(7)
	p.NoteKey(3)
	if p.NotedKey() != 7 {
		t.Errorf("NotedKey = %d, want 7", p.NotedKey())
	}
}

func TestNewTable_autoIncrement(t *testing.T) {
	ok, err := NewTable(TableDef{Name: "u", Columns: []Column{{Name: "id", Type: Int, PrimaryKey: true, AutoIncrement: true}, {Name: "n", Type: Text}}})
	if err != nil || !ok.AutoIncrement() || !ok.IntegerKey() {
		t.Fatalf("AUTOINCREMENT INT PRIMARY KEY: %v", err)
	}
	for name, def := range map[string]TableDef{
		"not the key": {Name: "u", Columns: []Column{{Name: "id", Type: Int, AutoIncrement: true}}},
		"text key":    {Name: "u", Columns: []Column{{Name: "id", Type: Text, PrimaryKey: true, AutoIncrement: true}}},
		"composite":   {Name: "u", Columns: []Column{{Name: "a", Type: Int, AutoIncrement: true}, {Name: "b", Type: Int}}, PrimaryKey: []string{"a", "b"}},
	} {
		if _, err := NewTable(def); !errors.Is(err, ErrBadDefinition) || !strings.Contains(err.Error(), "AUTOINCREMENT") {
			t.Errorf("%s: %v, want an AUTOINCREMENT ErrBadDefinition", name, err)
		}
	}
}
