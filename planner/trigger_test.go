package planner

import (
	"strings"
	"testing"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

func triggerTestTable(t *testing.T, sql string) *schema.Table {
	t.Helper()
	st, err := parser.Parse(sql)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := declaredTable(st.(*parser.CreateTableStmt))
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// columnRef parses a column reference such as NEW.a.
func columnRef(t *testing.T, s string) *parser.ColumnRef {
	t.Helper()
	st, err := parser.Parse("SELECT " + s)
	if err != nil {
		t.Fatal(err)
	}
	ref, ok := st.(*parser.SelectStmt).Core.Columns[0].(*parser.ExprColumn).Expr.(*parser.ColumnRef)
	if !ok {
		t.Fatalf("%s is not a column reference", s)
	}
	return ref
}

func showTerms(ts []term.Term) string {
	var out []string
	for _, v := range ts {
		out = append(out, term.Format(v))
	}
	return strings.Join(out, " ")
}

// TestTriggerScope_param: NEW.col and OLD.col are parameters, NEW's
// columns and row id first, then OLD's; NEW in a DELETE trigger and OLD
// in an INSERT trigger are no columns.
func TestTriggerScope_param(t *testing.T) {
	tab := triggerTestTable(t, "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b)")
	ts := &triggerScope{tab: tab, hasNew: true, hasOld: true}
	tests := []struct {
		ref  string
		idx  int
		typ  schema.Type
		fail bool
	}{
		{"NEW.id", 1, schema.Int, false}, {"new.A", 2, schema.Text, false}, {"NEW.b", 3, schema.Any, false},
		{"OLD.id", 5, schema.Int, false}, {"old.b", 7, schema.Any, false}, {"NEW.nosuch", 0, 0, true},
	}
	for _, tt := range tests {
		ref := columnRef(t, tt.ref)
		if !ts.refers(ref) {
			t.Errorf("%s: not a trigger reference", tt.ref)
		}
		idx, typ, err := ts.param(ref)
		if (err != nil) != tt.fail || idx != tt.idx || typ != tt.typ {
			t.Errorf("%s: param %d, %v, %v; want %d, %v (error %v)", tt.ref, idx, typ, err, tt.idx, tt.typ, tt.fail)
		}
	}
	insert := &triggerScope{tab: tab, hasNew: true}
	old := columnRef(t, "OLD.a")
	if _, _, err := insert.param(old); err == nil || err.Error() != "1:8: no such column: OLD.a" {
		t.Errorf("OLD in an INSERT trigger: %v", err)
	}
	var none *triggerScope
	if none.refers(old) {
		t.Error("outside a trigger OLD.a is a column of a table OLD")
	}
}

// TestInsertValues: NEW of a BEFORE INSERT trigger holds the values
// given, converted when they can be, the DEFAULTs of the others, and -1
// for a key still to be assigned.
func TestInsertValues(t *testing.T) {
	tab := triggerTestTable(t, "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT DEFAULT 7, b, c FLOAT)")
	tests := []struct {
		names []string
		given []term.Term
		want  string
	}{
		{nil, []term.Term{null, term.BinaryString("5"), term.Float(1), term.Int(2)}, "-1 5 1.0 2.0 -1"},
		{[]string{"b", "ID"}, []term.Term{term.BinaryString("x"), term.Int(9)}, "9 7 <<\"x\">> undefined 9"},
		{[]string{"a"}, []term.Term{term.BinaryString("zz")}, "-1 <<\"zz\">> undefined undefined -1"}, // not an INT: left as given
	}
	for _, tt := range tests {
		if got := showTerms(insertValues(tab, tt.names, tt.given)); got != tt.want {
			t.Errorf("insertValues(%v, %s) = %s, want %s", tt.names, showTerms(tt.given), got, tt.want)
		}
	}
	row, err := tab.Row([]term.Term{term.Int(3), term.Int(4), term.BinaryString("y"), null})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := showTerms(rowValues(tab, row)), "3 4 <<\"y\">> undefined 3"; got != want {
		t.Errorf("rowValues = %s, want %s", got, want)
	}
	if got, want := showTerms(rowValues(tab, term.Term{})), "undefined undefined undefined undefined undefined"; got != want {
		t.Errorf("rowValues of no row = %s, want %s", got, want)
	}
}
