package tests

import (
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/etsql/etsql"
	"github.com/etsql/etsql/internal/shared"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// TestDifferential_functions evaluates every expression of
// testdata/functions_diff.txt (one per line; -- starts a comment) as
// "SELECT expr" in etsql and in SQLite and requires the same value of the
// same storage class: integers exactly, reals within a relative 1e-12,
// text byte for byte; when SQLite refuses the expression, etsql must too.
func TestDifferential_functions(t *testing.T) {
	db, lite := openPair(t)
	exprs := readExpressions(t, "testdata/functions_diff.txt")
	if len(exprs) < 300 {
		t.Errorf("only %d expressions, want at least 300", len(exprs))
	}
	failed := 0
	for _, e := range exprs {
		if msg := compareScalar(db, lite, "SELECT "+e.sql); msg != "" {
			failed++
			t.Errorf("testdata/functions_diff.txt:%d: %s\n\t%s", e.line, e.sql, msg)
		}
	}
	t.Logf("%d expressions compared, %d differ", len(exprs), failed)
}

// TestDifferential_functionsRandom checks what can be checked of the
// functions whose results vary from call to call: their types and sizes.
func TestDifferential_functionsRandom(t *testing.T) {
	db, lite := openPair(t)
	for _, q := range []string{
		"SELECT typeof(random())",
		"SELECT octet_length(randomblob(8)), octet_length(randomblob(0)), octet_length(randomblob(-3)), octet_length(randomblob(NULL))",
		"SELECT length(hex(randomblob(5)))",
		"SELECT typeof(date('now')), length(date('now')), length(time('now')), length(datetime('now'))",
		"SELECT typeof(julianday('now')), typeof(unixepoch('now')), julianday('now') > 2460000, unixepoch() > 1700000000",
		"SELECT length(strftime('%Y-%m-%d %H:%M:%f', 'now')), date() = date('now'), typeof(unixepoch())",
		"SELECT typeof(current_date), length(current_time), length(current_timestamp)",
		"SELECT length(datetime('now', 'subsec')), typeof(unixepoch('now', 'subsec'))",
		"SELECT random() = random() AND random() = random()",
	} {
		compareQuery(t, "random", db, lite, q)
	}
}

// TestFunctions_round340 checks round() against values from the sqlite3
// 3.40 shell (quote(round(...)) there). SQLite 3.43 changed its printf to
// exact decimal digits, so modernc's SQLite rounds 1.005 to 1.0 where 3.40
// gives 1.01; etsql keeps 3.40's answers, which follow the decimal text.
func TestFunctions_round340(t *testing.T) {
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ expr, want string }{
		{"round(1.005, 2)", "1.01"},
		{"round(2.5)", "3.0"},
		{"round(-2.5)", "-3.0"},
		{"round(0.5)", "1.0"},
		{"round(-0.5)", "-1.0"},
		{"round(1.5)", "2.0"},
		{"round(3.14159, 3)", "3.142"},
		{"round(3.14159, 0)", "3.0"},
		{"round(3.14159, -1)", "3.0"},
		{"round(1234.5678, 2)", "1234.57"},
		{"round(2.675, 2)", "2.68"},
		{"round(1.0049999999999999, 2)", "1.01"},
		{"round(0.285, 2)", "0.29"},
		{"round(1e20)", "1.0e+20"},
		{"round(1e20, 2)", "1.0e+20"},
		{"round(-1e300)", "-1.0e+300"},
		{"round(123456789012345.5)", "123456789012346.0"},
		{"round(1, 1)", "1.0"},
		{"round(42)", "42.0"},
		{"round(-7)", "-7.0"},
		{"round(NULL)", "NULL"},
		{"round(1.5, NULL)", "NULL"},
		{"round('2.5')", "3.0"},
		{"round('abc')", "0.0"},
		{"round(5.55, 1)", "5.6"},
		{"round(0.1 + 0.2, 15)", "0.3"},
		{"round(1.23456789, 30)", "1.23456788999999900191e+00"},
		{"round(9.995, 2)", "10.0"},
		{"round(-9.995, 2)", "-10.0"},
		{"round(0.045, 2)", "0.05"},
		{"round(4503599627370495.5)", "4.50359962737049599997e+15"},
		{"round(-4503599627370495.5)", "-4.50359962737049599997e+15"},
	} {
		got, err := etsqlTerms(db, "SELECT "+tt.expr)
		if err != nil || len(got) != 1 {
			t.Errorf("%s: %v %v", tt.expr, got, err)
			continue
		}
		if tt.want == "NULL" {
			if !schema.IsNull(got[0]) {
				t.Errorf("%s = %s, want NULL", tt.expr, term.Format(got[0]))
			}
			continue
		}
		want, _ := strconv.ParseFloat(tt.want, 64)
		if f, ok := got[0].Float64(); !ok || f != want {
			t.Errorf("%s = %s, want %s (sqlite3 3.40)", tt.expr, term.Format(got[0]), tt.want)
		}
	}
}

// TestDifferential_functionsTypedValues gives the date functions etsql's
// own DATE and TIMESTAMP values and SQLite the text it would store for
// them; the answers must agree.
func TestDifferential_functionsTypedValues(t *testing.T) {
	db, lite := openPair(t)
	values := [][2]string{
		{"DATE '2024-03-15'", "'2024-03-15'"},
		{"DATE '2000-02-29'", "'2000-02-29'"},
		{"TIMESTAMP '2024-03-15 10:20:30'", "'2024-03-15 10:20:30'"},
		{"TIMESTAMP '2024-03-15 10:20:30.5'", "'2024-03-15 10:20:30.5'"},
		{"TIMESTAMP '1999-12-31T23:59:59+02:00'", "'1999-12-31 21:59:59'"},
	}
	calls := []string{
		"date($v)", "time($v)", "datetime($v)", "julianday($v)", "unixepoch($v)",
		"strftime('%Y-%m-%d %H:%M:%f %j %w %W %s', $v)", "date($v, '+1 month', 'start of month')",
		"datetime($v, '+90 minutes')", "date($v, 'weekday 0')", "$v || ''", "length($v)", "quote($v)",
		"hex($v)", "substr($v, 1, 4)", "$v LIKE '2%'", "$v GLOB '*-*'", "printf('%s|%d|%.1f', $v, $v, $v)",
		"concat($v, 'x')", "$v = '2024-03-15'", "$v < '2024-03-16'",
	}
	n := 0
	for _, v := range values {
		for _, c := range calls {
			q := strings.ReplaceAll(c, "$v", v[0])
			want := strings.ReplaceAll(c, "$v", v[1])
			got, gerr := etsqlTerms(db, "SELECT "+q)
			exp, lerr := sqliteAnys(lite, "SELECT "+want)
			n++
			switch {
			case gerr != nil || lerr != nil:
				t.Errorf("%s: etsql error %v, sqlite (%s) error %v", q, gerr, want, lerr)
			case len(got) != 1 || len(exp) != 1 || !sameScalar(got[0], exp[0]):
				t.Errorf("%s: etsql %s, sqlite (%s) %s", q, formatTerms(got), want, formatAnys(exp))
			}
		}
	}
	t.Logf("%d expressions compared", n)
}

// TestFunctions_errors checks what etsql refuses, as SQLite does.
func TestFunctions_errors(t *testing.T) {
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ sql, want string }{
		{"SELECT 'a' GLOB 'a' ESCAPE 'x'", "wrong number of arguments to function glob()"},
		{"SELECT 0x10000000000000000", "hex literal too big: 0x10000000000000000"},
		{"SELECT 'a' LIKE 'a' ESCAPE 'xy'", "ESCAPE expression must be a single character"},
		{"SELECT glob('a')", "wrong number of arguments to function glob()"},
		{"SELECT concat()", "wrong number of arguments to function concat()"},
		{"SELECT strftime()", "wrong number of arguments to function strftime()"},
		{"SELECT 0x1G", "malformed number"},
	} {
		_, err := etsqlTerms(db, tt.sql)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.sql, err, tt.want)
		}
	}
}

// TestFunctions_timeZones checks that 'localtime' and 'utc' leave a time
// as it is: etsql has no local time zone (SQLite would use the machine's).
func TestFunctions_timeZones(t *testing.T) {
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ expr, want string }{
		{"datetime('2024-03-15 10:20:30', 'localtime')", "2024-03-15 10:20:30"},
		{"datetime('2024-03-15 10:20:30', 'utc')", "2024-03-15 10:20:30"},
		{"datetime('2024-03-15 10:20:30+02:00', 'localtime')", "2024-03-15 08:20:30"},
		{"date(0, 'unixepoch', 'localtime', 'utc')", "1970-01-01"},
		{"time('12:00', 'utc', 'localtime', '+1 hour')", "13:00:00"},
	} {
		got, err := etsqlTerms(db, "SELECT "+tt.expr)
		if err != nil || len(got) != 1 || textOf(got[0]) != tt.want {
			t.Errorf("%s = %s %v, want %s", tt.expr, formatTerms(got), err, tt.want)
		}
	}
}

// TestDifferential_printfRandom formats pseudo-random floats (seeded, so
// the same every run) with printf's float conversions at every precision
// in etsql and SQLite: the digit generation and its ties must agree.
func TestDifferential_printfRandom(t *testing.T) {
	db, lite := openPair(t)
	rng := rand.New(rand.NewPCG(1, 2))
	formats := []string{"%.*e", "%.*g", "%.*f", "%!.*g", "%!.*e", "%#.*g"}
	n, failed := 0, 0
	for range 1000 {
		var x float64
		switch rng.IntN(4) {
		case 0: // short decimals, where ties live
			x = float64(rng.IntN(200000)-100000) / math.Pow(10, float64(rng.IntN(8)))
		case 1:
			x = math.Float64frombits(rng.Uint64())
		case 2:
			x = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-20))
		default:
			x = float64(rng.Int64N(1<<53)) * math.Pow(2, float64(rng.IntN(40)-20))
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		lit := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(lit, ".e") {
			lit += ".0"
		}
		f := formats[rng.IntN(len(formats))]
		q := fmt.Sprintf("SELECT printf('%s', %d, %s), quote(%s)", f, rng.IntN(22), lit, lit)
		n++
		if msg := compareScalar(db, lite, q); msg != "" {
			failed++
			if failed <= 20 {
				t.Errorf("%s\n\t%s", q, msg)
			}
		}
	}
	t.Logf("%d printf calls compared, %d differ", n, failed)
}

type expression struct {
	line int
	sql  string
}

func readExpressions(t *testing.T, path string) []expression {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []expression
	for i, line := range strings.Split(string(data), "\n") {
		s := strings.TrimSpace(line)
		if s == "" || strings.HasPrefix(s, "--") {
			continue
		}
		out = append(out, expression{line: i + 1, sql: s})
	}
	return out
}

// compareScalar runs q (one row, any number of columns) in both databases
// and returns "" when they agree, else what differs.
func compareScalar(db *etsql.DB, lite *sql.DB, q string) string {
	got, gerr := etsqlTerms(db, q)
	want, lerr := sqliteAnys(lite, q)
	switch {
	case lerr != nil && gerr != nil:
		return ""
	case lerr != nil:
		return fmt.Sprintf("sqlite error %v, etsql %s", lerr, formatTerms(got))
	case gerr != nil:
		return fmt.Sprintf("etsql error %v, sqlite %s", gerr, formatAnys(want))
	case len(got) != len(want):
		return fmt.Sprintf("etsql %s, sqlite %s", formatTerms(got), formatAnys(want))
	}
	for i := range got {
		if !sameScalar(got[i], want[i]) {
			return fmt.Sprintf("etsql %s, sqlite %s", formatTerms(got), formatAnys(want))
		}
	}
	return ""
}

func etsqlTerms(db *etsql.DB, q string) ([]term.Term, error) {
	rows, err := db.Query(q)
	if err != nil {
		return nil, err
	}
	var out []term.Term
	for rows.Next() {
		out = append(out, rows.Terms()...)
	}
	return out, rows.Err()
}

func sqliteAnys(lite *sql.DB, q string) ([]any, error) {
	rows, err := lite.Query(q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, vals...)
	}
	return out, rows.Err()
}

// sameScalar compares an etsql value with SQLite's, storage class
// included (BLOB and TEXT are both binaries in etsql).
func sameScalar(got term.Term, want any) bool {
	switch w := want.(type) {
	case nil:
		return schema.IsNull(got)
	case int64:
		if got.IsBoolean() {
			return w == map[bool]int64{true: 1}[got.IsTrue()]
		}
		i, ok := got.Int64()
		return ok && got.IsInteger() && i == w
	case float64:
		f, ok := got.Float64()
		if !ok || !got.IsFloat() {
			return false
		}
		return f == w || math.Abs(f-w) <= 1e-12*math.Max(math.Abs(f), math.Abs(w))
	case string:
		return textOf(got) == w
	case []byte:
		return textOf(got) == string(w)
	}
	return false
}

func textOf(t term.Term) string {
	if s, ok := t.BinaryValue(); ok && t.IsBinary() {
		return s
	}
	if s, ok := schema.FormatDate(t); ok {
		return s
	}
	if s, ok := schema.FormatTimestamp(t); ok {
		return s
	}
	return "\x00not text: " + term.Format(t)
}

func formatTerms(ts []term.Term) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = term.Format(t)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func formatAnys(vs []any) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		switch x := v.(type) {
		case nil:
			parts[i] = "NULL"
		case []byte:
			parts[i] = fmt.Sprintf("blob %q", x)
		case string:
			parts[i] = fmt.Sprintf("%q", x)
		case float64:
			parts[i] = fmt.Sprintf("%v (real)", x)
		default:
			parts[i] = fmt.Sprint(x)
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// TestDifferential_northwindDates runs date and text functions over the
// real Northwind data: etsql holds order_date and the other dates as DATE
// values, SQLite as 'YYYY-MM-DD' text, and both must give the same rows.
func TestDifferential_northwindDates(t *testing.T) {
	dir := shared.NorthwindDir(t)
	db, lite := openPair(t)
	if err := loadBoth(db, lite, dir); err != nil {
		t.Fatal(err)
	}
	stmts := readStatements(t, "testdata/northwind_dates.sql")
	if len(stmts) < 30 {
		t.Errorf("only %d statements, want at least 30", len(stmts))
	}
	for _, s := range stmts {
		compareQuery(t, fmt.Sprintf("testdata/northwind_dates.sql:%d", s.line), db, lite, s.sql)
	}
}
