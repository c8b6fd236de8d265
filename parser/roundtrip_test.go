package parser

import (
	"errors"
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

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

// TestFormat_golden pins the canonical form of every corpus statement
// (testdata/roundtrip.golden; go test -run Format_golden -update rewrites it).
func TestFormat_golden(t *testing.T) {
	var b strings.Builder
	for _, st := range readCorpus(t) {
		p := st.Position()
		b.WriteString(strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column) + ": " + Format(st) + "\n")
	}
	const golden = "testdata/roundtrip.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(b.String(), "\n")
	for i, w := range strings.Split(string(want), "\n") {
		if i >= len(got) || got[i] != w {
			t.Errorf("%s:%d:\n got %q\nwant %q", golden, i+1, at(got, i), w)
		}
	}
	if n := len(strings.Split(string(want), "\n")); len(got) > n {
		t.Errorf("%d more lines than %s", len(got)-n, golden)
	}
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return ""
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
