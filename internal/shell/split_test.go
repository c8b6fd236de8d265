package shell

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplitter_Feed(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Statement
		pending bool
	}{
		{"one sql", "SELECT 1;\n", []Statement{{KindSQL, "SELECT 1;", 1, 1}}, false},
		{"two on a line", "SELECT 1; SELECT 2;", []Statement{{KindSQL, "SELECT 1;", 1, 1}, {KindSQL, "SELECT 2;", 1, 11}}, false},
		{"incomplete", "SELECT 1\nFROM t", nil, true},
		{"semicolon in string", "SELECT 'a;b';", []Statement{{KindSQL, "SELECT 'a;b';", 1, 1}}, false},
		{"doubled quote", "SELECT 'it''s;';", []Statement{{KindSQL, "SELECT 'it''s;';", 1, 1}}, false},
		{"open string", "SELECT 'a;", nil, true},
		{"quoted identifier", `SELECT "a;b" FROM t;`, []Statement{{KindSQL, `SELECT "a;b" FROM t;`, 1, 1}}, false},
		{"line comment", "SELECT 1 -- no; end\n;", []Statement{{KindSQL, "SELECT 1 -- no; end\n;", 1, 1}}, false},
		{"block comment", "SELECT /* ; */ 1;", []Statement{{KindSQL, "SELECT /* ; */ 1;", 1, 1}}, false},
		{"leading comments", "-- hi\n/* x */ SELECT 1;", []Statement{{KindSQL, "SELECT 1;", 2, 9}}, false},
		{"only a comment", "-- hi\n", nil, false},
		{"open block comment", "/* x", nil, true},
		{"ets dot", "ets:all().\n", []Statement{{KindETS, "ets:all().", 1, 1}}, false},
		{"ets semicolon", "ets:all();", []Statement{{KindETS, "ets:all();", 1, 1}}, false},
		{"ets dot at end waits", "ets:all().", nil, true},
		{"ets float", "ets:lookup(t, 1.5).\n", []Statement{{KindETS, "ets:lookup(t, 1.5).", 1, 1}}, false},
		{"ets dot in string", "ets:lookup(t, \"a. b\").\n", []Statement{{KindETS, "ets:lookup(t, \"a. b\").", 1, 1}}, false},
		{"ets dot in atom", "ets:lookup(t, 'a. b').\n", []Statement{{KindETS, "ets:lookup(t, 'a. b').", 1, 1}}, false},
		{"ets char", "ets:lookup(t, $.). ", []Statement{{KindETS, "ets:lookup(t, $.).", 1, 1}}, false},
		{"ets escaped quote", "ets:lookup(t, \"\\\". \").\n", []Statement{{KindETS, "ets:lookup(t, \"\\\". \").", 1, 1}}, false},
		{"ets comment", "ets:lookup(t, % x. y\n 1).\n", []Statement{{KindETS, "ets:lookup(t, % x. y\n 1).", 1, 1}}, false},
		{"ets two", "ets:first(t). ets:last(t).\n", []Statement{{KindETS, "ets:first(t).", 1, 1}, {KindETS, "ets:last(t).", 1, 15}}, false},
		{"ets binding", "T = ets:new(t, []).\n", []Statement{{KindETS, "T = ets:new(t, []).", 1, 1}}, false},
		{"ets fun clauses", "ets:fun2ms(fun(1) -> a; (X) when X > 1; X < 0 -> b end). ets:all();", []Statement{
			{KindETS, "ets:fun2ms(fun(1) -> a; (X) when X > 1; X < 0 -> b end).", 1, 1}, {KindETS, "ets:all();", 1, 58}}, false},
		{"ets multi-line", "ets:lookup(t,\n 1).\n", []Statement{{KindETS, "ets:lookup(t,\n 1).", 1, 1}}, false},
		{"meta", ".tables\nSELECT 1;", []Statement{{KindMeta, ".tables", 1, 1}, {KindSQL, "SELECT 1;", 2, 1}}, false},
		{"meta waits for newline", ".tables", nil, true},
		{"backslash meta", "\\dt\n", []Statement{{KindMeta, "\\dt", 1, 1}}, false},
		{"empty statements", ";;\n;", nil, false},
		{"sql named ets", "SELECT ets FROM t;", []Statement{{KindSQL, "SELECT ets FROM t;", 1, 1}}, false},
		{"trigger", "CREATE TRIGGER r AFTER INSERT ON t BEGIN\n SELECT CASE WHEN 1 THEN 2 END; DELETE FROM u;\nEND; SELECT 1;",
			[]Statement{{KindSQL, "CREATE TRIGGER r AFTER INSERT ON t BEGIN\n SELECT CASE WHEN 1 THEN 2 END; DELETE FROM u;\nEND;", 1, 1}, {KindSQL, "SELECT 1;", 3, 6}}, false},
		{"open trigger", "CREATE TEMP TRIGGER r AFTER INSERT ON t BEGIN SELECT 1;", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp := NewSplitter()
			got := sp.Feed(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Feed(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if sp.Pending() != tt.pending {
				t.Errorf("Pending() = %v, want %v", sp.Pending(), tt.pending)
			}
		})
	}
}

// TestSplitter_Feed_pieces feeds a script line by line and checks that
// statements and positions are those of feeding it whole.
func TestSplitter_Feed_pieces(t *testing.T) {
	script := "SELECT 1;\n-- c\nSELECT\n 'x;\ny'\n;\nets:lookup(t,\n  1). .tables\n"
	whole := NewSplitter().Feed(script)
	sp := NewSplitter()
	var pieces []Statement
	for i := 0; i < len(script); {
		j := i
		for j < len(script) && script[j] != '\n' {
			j++
		}
		if j < len(script) {
			j++
		}
		pieces = append(pieces, sp.Feed(script[i:j])...)
		i = j
	}
	if !reflect.DeepEqual(pieces, whole) {
		t.Errorf("line by line %+v, whole %+v", pieces, whole)
	}
	if len(whole) != 4 || whole[2].Line != 7 || whole[3].Kind != KindMeta || whole[3].Line != 8 || whole[3].Col != 7 {
		t.Errorf("statements %+v", whole)
	}
}

func TestSplitter_Rest(t *testing.T) {
	sp := NewSplitter()
	sp.Feed("SELECT 1;\n  SELECT 2")
	st, ok := sp.Rest()
	if !ok || st != (Statement{KindSQL, "SELECT 2", 2, 3}) {
		t.Errorf("Rest() = %+v, %v", st, ok)
	}
	if _, ok := sp.Rest(); ok || sp.Pending() {
		t.Error("Rest left text behind")
	}
}

func TestSplitter_Reset(t *testing.T) {
	sp := NewSplitter()
	sp.Feed("SELECT\n1")
	sp.Reset()
	got := sp.Feed("SELECT 2;")
	if want := []Statement{{KindSQL, "SELECT 2;", 2, 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("after Reset Feed = %+v, want %+v", got, want)
	}
}

func FuzzSplitter(f *testing.F) {
	for _, s := range []string{"SELECT 'a;b'; ets:all().\n", "/* x", ".tables\n", "ets:lookup(t, $\\.). "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sp := NewSplitter()
		n := 0
		for _, st := range sp.Feed(s) {
			n += len(st.Text)
			if st.Text == "" || st.Line < 1 || st.Col < 1 {
				t.Fatalf("bad statement %+v", st)
			}
		}
		if rest, ok := sp.Rest(); ok {
			n += len(rest.Text)
		}
		if n > len(s) {
			t.Fatalf("statements longer than the input")
		}
	})
}

func TestShowPosition(t *testing.T) {
	var b strings.Builder
	showPosition(&b, "SELECT a,\n\tnöpe FROM t;", 2, 5)
	if want := "LINE 2: \tnöpe FROM t;\n        \t  ^\n"; b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
	b.Reset()
	showPosition(&b, "SELECT 1;", 3, 1)
	if b.String() != "" {
		t.Errorf("a position outside the text shows %q", b.String())
	}
}
