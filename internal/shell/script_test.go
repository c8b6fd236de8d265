package shell_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/etsql/etsql/fixtures/northwind"
)

func TestMain_exitStatus(t *testing.T) {
	tests := []struct {
		name       string
		stdin      string
		args       []string
		code       int
		out, errs  string // substrings of stdout and stderr ("" for empty stderr)
		notOut     string // must not appear on stdout
		emptyError bool
	}{
		{name: "ok", args: []string{"-c", "CREATE TABLE t (a INT PRIMARY KEY); INSERT INTO t VALUES (1);"}, code: 0, out: "INSERT 1"},
		{name: "failure goes on", args: []string{"-c", "SELEC 1; CREATE TABLE t (a INT PRIMARY KEY);"}, code: 1, out: "CREATE TABLE", errs: "-c:1:1: expected statement"},
		{name: "bail stops", args: []string{"--bail", "-c", "SELEC 1; CREATE TABLE t (a INT PRIMARY KEY);"}, code: 1, errs: "-c:1:1:", notOut: "CREATE TABLE"},
		{name: "stdin named", stdin: "CREATE TABLE t (a INT PRIMARY KEY);\n  ets:lookup(nope, 1).\n", code: 1, errs: "<stdin>:2:3: ** exception error: badarg (nope: no such table)"},
		{name: "position inside statement", stdin: "\nSELECT a\n  FORM t;", code: 1, errs: "<stdin>:3:3: expected"},
		{name: "ets syntax position", stdin: "ets:lookup(t,\n  1 + ).\n", code: 1, errs: "<stdin>:2:5: expected ',' or ')', found '+'"},
		{name: "missing final dot forgiven", stdin: "ets:new(t, [named_table])", code: 0, out: "t"},
		{name: "command then files", args: []string{"-c", "CREATE TABLE t (a INT PRIMARY KEY);", "/nonexistent.sql"}, code: 1, out: "CREATE TABLE", errs: "no such file"},
		{name: "missing final semicolon forgiven", stdin: "CREATE TABLE t (a INT PRIMARY KEY)", code: 0, out: "CREATE TABLE"},
		{name: "no banner without a terminal", stdin: "", code: 0, notOut: "help"},
		{name: "bad mode", args: []string{"--mode", "xml"}, code: 2, errs: "unknown mode"},
		{name: "bad flag", args: []string{"--nonesuch"}, code: 2, errs: "flag provided but not defined"},
		{name: "missing file", args: []string{"/nonexistent.sql"}, code: 1, errs: "no such file"},
		{name: "quit stops", stdin: ".quit\nSELEC;\n", code: 0},
		{name: "erlang mode one line each", args: []string{"--mode", "erlang", "-c", "CREATE TABLE t (a INT PRIMARY KEY); SELEC; ets:member(t, 1); INSERT INTO t VALUES (1);"},
			code: 1, out: "ok\n** exception error: syntax error: expected statement, found \"SELEC\"\nfalse\n{ok,1}\n"},
		{name: "csv silent for ddl", args: []string{"--mode", "csv", "-c", "CREATE TABLE t (a INT PRIMARY KEY); INSERT INTO t VALUES (1); SELECT * FROM t LIMIT 0;"}, code: 0, notOut: "t"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d (stderr %q)", code, tt.code, errs)
			}
			if !strings.Contains(out, tt.out) {
				t.Errorf("stdout %q, want it to contain %q", out, tt.out)
			}
			if tt.notOut != "" && strings.Contains(out, tt.notOut) {
				t.Errorf("stdout %q contains %q", out, tt.notOut)
			}
			if tt.errs == "" && errs != "" && code == 0 {
				t.Errorf("stderr %q, want nothing", errs)
			}
			if !strings.Contains(errs, tt.errs) {
				t.Errorf("stderr %q, want it to contain %q", errs, tt.errs)
			}
		})
	}
}

func TestMain_northwind(t *testing.T) {
	code, out, errs := run(t, "", "--northwind", "--mode", "erlang", "-c",
		"SELECT region_description FROM region LIMIT 1; ets:lookup(products, 11). ets:info(order_details, size).")
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "[{11,<<") {
		t.Errorf("stdout %q", out)
	}
	want := 0
	for _, tb := range northwind.Tables() {
		if tb.Name == "order_details" {
			want = tb.Rows(1)
		}
	}
	if lines[2] != strconv.Itoa(want) {
		t.Errorf("order_details size %s, want %d", lines[2], want)
	}
}

func TestMain_northwindDir(t *testing.T) {
	dir := t.TempDir()
	if err := northwind.WriteCSV(dir, 1); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "", "--northwind="+dir, "--mode", "csv", "--headers=false", "-c", "SELECT region_description FROM region LIMIT 1;")
	if code != 0 || out == "" {
		t.Fatalf("exit status %d, stdout %q, stderr %q", code, out, errs)
	}

	// A bad value in products.csv: an error naming file, line and column.
	path := filepath.Join(dir, "products.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(data), "\n", 3)
	lines[1] = "x" + lines[1]
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = run(t, "", "--northwind="+dir, "-c", "SELECT 1;")
	if code != 1 || !strings.Contains(errs, "products.csv:2:1: ") {
		t.Errorf("exit status %d, stderr %q; want 1 and products.csv:2:1", code, errs)
	}
}

func TestShell_Import_allOrNothing(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, csv, errs string }{
		{"duplicate key", "id,name\n1,a\n2,b\n1,c\n", "UNIQUE"},
		{"bad value", "id,name\n1,a\nx,b\n", "bad.csv:3:1: id: cannot store"},
		{"unknown column", "id,nope\n1,a\n", "bad.csv:1:4: no column \"nope\""},
		{"bad quoting", "id,name\n1,\"a\n", "bad.csv:"},
		{"empty", "", "bad.csv:1:1: empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "bad.csv")
			writeFile(t, path, tt.csv)
			code, out, errs := run(t, "CREATE TABLE p (id INT PRIMARY KEY, name TEXT);\n.import "+path+" p\nSELECT count(*) FROM p;\n", "--mode", "csv", "--headers=false")
			if code != 1 || !strings.Contains(errs, tt.errs) {
				t.Errorf("exit status %d, stderr %q; want 1 and %q", code, errs, tt.errs)
			}
			if out != "0\r\n" {
				t.Errorf("rows loaded: %q, want 0", out)
			}
		})
	}
}

func TestShell_Import_createsTable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "people.csv")
	writeFile(t, path, "name,\"home town\"\nAda,London\nAlan,\n")
	code, out, errs := run(t, ".import "+path+" people\nSELECT name, \"home town\" FROM people;\n.schema people\n", "--mode", "erlang")
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, errs)
	}
	want := "[{<<\"Ada\">>,<<\"London\">>},{<<\"Alan\">>,undefined}]\n"
	if !strings.HasPrefix(out, want) || !strings.Contains(out, "home town") {
		t.Errorf("stdout %q, want it to start with %q", out, want)
	}
}

func TestShell_metaTables_andSchema(t *testing.T) {
	const setup = "CREATE TABLE apples (a INT PRIMARY KEY);\nCREATE TABLE pears (p INT PRIMARY KEY);\n"
	for _, tc := range []struct {
		name, stdin, mode string
		code              int
		out, errs         string
	}{
		{"tables filtered", setup + ".tables pe\n", "erlang", 0, "ok\nok\n[pears]\n", ""},
		{"schema of one", setup + ".schema APPLES\n", "erlang", 0, "ok\nok\n[<<\"CREATE TABLE apples (\\n    a INT NOT NULL,\\n    PRIMARY KEY (a)\\n) WITH (type = ordered_set);\">>]\n", ""},
		{"views listed", setup + "CREATE VIEW basket AS SELECT a  FROM apples;\n.tables\n.schema basket\n", "erlang", 0,
			"ok\nok\nok\n[apples,basket,pears]\n[<<\"CREATE VIEW basket AS SELECT a  FROM apples;\">>]\n", ""},
		{"import into a view", setup + "CREATE VIEW basket AS SELECT a FROM apples;\n.import /dev/null basket\n", "erlang", 1, "ok\nok\nok\n** exception error: cannot modify basket because it is a view\n", "cannot modify basket because it is a view"},
		{"schema of none", setup + ".schema plums\n", "erlang", 1, "ok\nok\n** exception error: no such table: plums\n", "no such table: plums"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, tc.stdin, "--mode", tc.mode)
			if code != tc.code || out != tc.out || !strings.Contains(errs, tc.errs) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q, %q", code, out, errs, tc.code, tc.out, tc.errs)
			}
		})
	}
}
