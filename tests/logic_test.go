package tests

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/etsql/etsql"
)

// The logic-test format, after sqllogictest:
//
//	statement ok
//	SQL (to a blank line)
//
//	statement error <regexp>
//	SQL
//
//	query <types> [rowsort|nosort] [colnames]
//	SQL
//	----
//	row, one per line, values separated by " | "
//
// types has one letter per column: I integer, R real (printed with three
// decimals), T text (anything else as printed). NULL prints as NULL and
// the empty string as (empty). "load northwind" loads the generated
// Northwind data (scale 1). Lines starting with # are comments.

func TestLogic(t *testing.T) {
	files, err := filepath.Glob("testdata/*.test")
	if err != nil || len(files) == 0 {
		t.Fatalf("no logic tests: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) { runLogicFile(t, f) })
	}
}

type record struct {
	line     int
	kind     string // statement, query, load
	arg      string // ok / error regexp / query types
	sort     string
	colnames bool
	sql      string
	expected []string
}

func parseLogicFile(t *testing.T, path string) []record {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []record
	sc := bufio.NewScanner(f)
	lineNo := 0
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		lineNo++
		return sc.Text(), true
	}
	for {
		line, ok := next()
		if !ok {
			break
		}
		trim := strings.TrimSpace(line)
		if trim == "" || strings.HasPrefix(trim, "#") {
			continue
		}
		fields := strings.Fields(trim)
		r := record{line: lineNo, kind: fields[0]}
		switch fields[0] {
		case "load":
			r.arg = strings.Join(fields[1:], " ")
			recs = append(recs, r)
			continue
		case "statement":
			if len(fields) < 2 {
				t.Fatalf("%s:%d: statement needs ok or error", path, lineNo)
			}
			r.arg = fields[1]
			if fields[1] == "error" {
				r.arg = "error " + strings.TrimSpace(strings.TrimPrefix(trim, "statement error"))
			}
		case "query":
			if len(fields) < 2 {
				t.Fatalf("%s:%d: query needs types", path, lineNo)
			}
			r.arg = fields[1]
			for _, f := range fields[2:] {
				switch f {
				case "rowsort", "nosort":
					r.sort = f
				case "colnames":
					r.colnames = true
				default:
					t.Fatalf("%s:%d: unknown query option %q", path, lineNo, f)
				}
			}
		default:
			t.Fatalf("%s:%d: unknown directive %q", path, lineNo, fields[0])
		}
		var sql []string
		sawSep := false
		for {
			l, ok := next()
			if !ok || strings.TrimSpace(l) == "" {
				break
			}
			if r.kind == "query" && l == "----" {
				sawSep = true
				break
			}
			sql = append(sql, l)
		}
		r.sql = strings.Join(sql, "\n")
		if sawSep {
			for {
				l, ok := next()
				if !ok || strings.TrimSpace(l) == "" {
					break
				}
				r.expected = append(r.expected, l)
			}
		}
		recs = append(recs, r)
	}
	return recs
}

func runLogicFile(t *testing.T, path string) {
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range parseLogicFile(t, path) {
		where := fmt.Sprintf("%s:%d", path, r.line)
		switch r.kind {
		case "load":
			if r.arg != "northwind" {
				t.Fatalf("%s: unknown load %q", where, r.arg)
			}
			if err := db.LoadNorthwind(1); err != nil {
				t.Fatalf("%s: load northwind: %v", where, err)
			}
		case "statement":
			_, err := db.Exec(r.sql)
			if r.arg == "ok" {
				if err != nil {
					t.Errorf("%s: statement failed: %v\n%s", where, err, r.sql)
				}
				continue
			}
			pattern := strings.TrimSpace(strings.TrimPrefix(r.arg, "error"))
			if err == nil {
				t.Errorf("%s: statement succeeded, want error %q\n%s", where, pattern, r.sql)
				continue
			}
			if !regexp.MustCompile(pattern).MatchString(err.Error()) {
				t.Errorf("%s: error %q does not match %q", where, err, pattern)
			}
		case "query":
			got, err := runQuery(db, r)
			if err != nil {
				t.Errorf("%s: query failed: %v\n%s", where, err, r.sql)
				continue
			}
			if !slices.Equal(got, r.expected) {
				t.Errorf("%s: query results differ\n%s\n---- got\n%s\n---- want\n%s", where, r.sql,
					strings.Join(got, "\n"), strings.Join(r.expected, "\n"))
			}
		}
	}
}

func runQuery(db *etsql.DB, r record) ([]string, error) {
	rows, err := db.Query(r.sql)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols := rows.Columns()
	if len(cols) != len(r.arg) {
		return nil, fmt.Errorf("query has %d columns, types %q give %d", len(cols), r.arg, len(r.arg))
	}
	var out []string
	if r.colnames {
		var names []string
		for _, c := range cols {
			names = append(names, c.Name)
		}
		out = append(out, strings.Join(names, " | "))
	}
	var lines []string
	for rows.Next() {
		vals := rows.Values()
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = formatValue(v, r.arg[i])
		}
		lines = append(lines, strings.Join(parts, " | "))
	}
	if r.sort == "rowsort" {
		slices.Sort(lines)
	}
	return append(out, lines...), rows.Err()
}

// formatValue prints a value for comparison: the type letter decides
// how numbers print.
func formatValue(v any, typ byte) string {
	if v == nil {
		return "NULL"
	}
	switch typ {
	case 'I':
		switch x := v.(type) {
		case int64:
			return strconv.FormatInt(x, 10)
		case float64:
			return strconv.FormatInt(int64(x), 10)
		case bool:
			if x {
				return "1"
			}
			return "0"
		}
	case 'R':
		switch x := v.(type) {
		case int64:
			return fmt.Sprintf("%.3f", float64(x))
		case float64:
			if math.Abs(x) < 0.0005 {
				x = 0
			}
			return fmt.Sprintf("%.3f", x)
		}
	}
	switch x := v.(type) {
	case string:
		if x == "" {
			return "(empty)"
		}
		return x
	case []byte:
		return string(x)
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return fmt.Sprint(v)
}
