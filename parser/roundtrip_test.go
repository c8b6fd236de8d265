package parser

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func readCorpus(t testing.TB) []Statement {
	t.Helper()
	src, err := os.ReadFile("testdata/roundtrip.sql")
	if err != nil {
		t.Fatal(err)
	}
	stmts, err := ParseScript(string(src))
	if err != nil {
		t.Fatalf("testdata/roundtrip.sql:%v", err)
	}
	return stmts
}

// TestFormat_roundTrip: for every statement of the corpus, Format's
// output parses to the same tree and formats to itself.
func TestFormat_roundTrip(t *testing.T) {
	stmts := readCorpus(t)
	if len(stmts) < 60 {
		t.Fatalf("corpus has %d statements, want at least 60", len(stmts))
	}
	for _, st := range stmts {
		checkRoundTrip(t, st)
	}
}

func checkRoundTrip(t *testing.T, st Statement) {
	t.Helper()
	out := Format(st)
	st2, err := Parse(out)
	if err != nil {
		t.Errorf("line %d: Format gave %q, which does not parse: %v", st.Position().Line, out, err)
		return
	}
	if !sameTree(st, st2) {
		t.Errorf("line %d: %q parses to a different tree", st.Position().Line, out)
	}
	if out2 := Format(st2); out2 != out {
		t.Errorf("line %d: Format not stable:\n%s\n%s", st.Position().Line, out, out2)
	}
}

// FuzzParse: no input panics; errors are positioned *Error values; what
// parses formats to SQL that parses to the same tree and formats the same.
func FuzzParse(f *testing.F) {
	src, err := os.ReadFile("testdata/roundtrip.sql")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range strings.Split(string(src), ";\n") {
		f.Add(s)
	}
	f.Add("SELECT ((((1))))")
	f.Add("SELECT a FROM t WHERE a IS (NULL)")
	f.Fuzz(func(t *testing.T, s string) {
		st, err := Parse(s)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.Pos.Line < 1 || pe.Pos.Column < 1 {
				t.Fatalf("Parse(%q): error %v (%T) has no position", s, err, err)
			}
			return
		}
		checkRoundTrip(t, st)
		_, _ = ParseScript(s)
	})
}
