package planner

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
)

var update = flag.Bool("update", false, "rewrite the expected plans in testdata")

// testCatalog is a catalog of declared tables without ETS tables: enough
// to plan.
type testCatalog map[string]*Table

func (c testCatalog) Table(name string) (*Table, bool) {
	t, ok := c[strings.ToLower(name)]
	return t, ok
}
func (c testCatalog) CreateTable(*schema.Table, bool) error { return nil }
func (c testCatalog) DropTable(string, bool) error          { return nil }

// TestPlanner_WhereShapes reads testdata/where.txt: "table" blocks declare
// tables (CREATE TABLE), each "where <table>" block is a WHERE clause,
// then "----" and the expected access path, match specification and
// residual filter of SELECT * FROM <table> WHERE <clause>. Run with
// -update to rewrite the expectations.
func TestPlanner_WhereShapes(t *testing.T) {
	const path = "testdata/where.txt"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cat := testCatalog{}
	lines := strings.Split(string(data), "\n")
	var out []string
	cases := 0
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch {
		case line == "table":
			out = append(out, line)
			var decl []string
			for i++; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
				decl = append(decl, lines[i])
				out = append(out, lines[i])
			}
			if i < len(lines) {
				out = append(out, lines[i])
			}
			stmt, err := parser.Parse(strings.Join(decl, "\n"))
			if err != nil {
				t.Fatalf("%s:%d: %v", path, i, err)
			}
			ct, ok := stmt.(*parser.CreateTableStmt)
			if !ok {
				t.Fatalf("%s:%d: a table block holds CREATE TABLE", path, i)
			}
			tab, err := declaredTable(ct)
			if err != nil {
				t.Fatalf("%s:%d: %v", path, i, err)
			}
			cat[strings.ToLower(tab.Name())] = &Table{Schema: tab}
		case strings.HasPrefix(line, "where "):
			start := i + 1
			table := strings.TrimPrefix(line, "where ")
			out = append(out, line)
			var where []string
			for i++; i < len(lines) && lines[i] != "----"; i++ {
				where = append(where, lines[i])
				out = append(out, lines[i])
			}
			var want []string
			for i++; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
				want = append(want, lines[i])
			}
			got := planLines(t, cat, table, strings.Join(where, "\n"))
			cases++
			out = append(out, "----")
			out = append(out, got...)
			out = append(out, "")
			if !*update && strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s:%d: WHERE %s\n---- got\n%s\n---- want\n%s", path, start, strings.Join(where, " "),
					strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		default:
			out = append(out, line)
		}
	}
	if cases < 40 {
		t.Errorf("%d WHERE shapes, want at least 40", cases)
	}
	if *update {
		if err := os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func planLines(t *testing.T, cat testCatalog, table, where string) []string {
	sql := "SELECT * FROM " + table + " WHERE " + where
	stmt, err := parser.Parse(sql)
	if err != nil {
		return []string{"error: " + err.Error()}
	}
	st, err := Plan(cat, sql, stmt)
	if err != nil {
		return []string{"error: " + err.Error()}
	}
	a := st.Accesses()[0]
	lines := []string{a.Detail, a.Spec.String()}
	if a.Residual != "" {
		lines = append(lines, "residual: "+a.Residual)
	}
	return lines
}
