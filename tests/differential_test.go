package tests

import (
	"database/sql"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/etsql/etsql"
	"github.com/etsql/etsql/fixtures/northwind"
	"github.com/etsql/etsql/internal/erltest"
	"github.com/etsql/etsql/internal/shared"
	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// TestDifferential_Northwind runs the statements of
// testdata/northwind_diff.sql through etsql and SQLite, both loaded with
// the real Northwind data, and requires the same rows (for DML, the same
// table contents afterwards). Then every match specification EXPLAIN gave
// runs in real ets:select/2 over the same tuples as in matchspec.
func TestDifferential_Northwind(t *testing.T) {
	dir := shared.NorthwindDir(t)
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	lite, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	lite.SetMaxOpenConns(1)
	if err := loadBoth(db, lite, dir); err != nil {
		t.Fatal(err)
	}
	original := snapshotTables(t, db)

	stmts := readStatements(t, "testdata/northwind_diff.sql")
	if len(stmts) < 150 {
		t.Errorf("only %d statements, want at least 150", len(stmts))
	}
	var cases []specCase
	for _, s := range stmts {
		where := fmt.Sprintf("testdata/northwind_diff.sql:%d", s.line)
		plan, err := db.Explain(s.sql)
		if err != nil {
			t.Errorf("%s: explain: %v\n%s", where, err, s.sql)
			continue
		}
		for _, a := range plan.Accesses {
			name, _, _ := strings.Cut(a.Table, " ")
			cases = append(cases, specCase{where: where, table: name, spec: a.Spec})
		}
		if isQuery(s.sql) {
			compareQuery(t, where, db, lite, s.sql)
			continue
		}
		compareDML(t, where, db, lite, s.sql)
	}
	t.Logf("%d statements, %d match specifications", len(stmts), len(cases))
	runSpecsInErlang(t, original, cases)
}

type statement struct {
	line int
	sql  string
}

// readStatements reads statements separated by blank lines; lines
// starting with -- are comments.
func readStatements(t *testing.T, path string) []statement {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []statement
	var cur []string
	start := 0
	flush := func() {
		if len(cur) > 0 {
			out = append(out, statement{line: start, sql: strings.Join(cur, "\n")})
			cur = nil
		}
	}
	for i, line := range strings.Split(string(data), "\n") {
		trim := strings.TrimSpace(line)
		if trim == "" {
			flush()
			continue
		}
		if strings.HasPrefix(trim, "--") {
			continue
		}
		if len(cur) == 0 {
			start = i + 1
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

func isQuery(s string) bool {
	return strings.HasPrefix(strings.ToUpper(strings.TrimSpace(s)), "SELECT")
}

// loadBoth creates the Northwind tables in both databases and loads the
// CSV files into them.
func loadBoth(db *etsql.DB, lite *sql.DB, dir string) error {
	if _, err := db.Exec(northwind.Schema()); err != nil {
		return err
	}
	for _, ti := range northwind.Tables() {
		if _, err := lite.Exec(sqliteCreate(ti)); err != nil {
			return err
		}
	}
	rows := map[string][][]any{}
	if err := northwind.ReadDir(dir, func(table string, row []any) error {
		rows[table] = append(rows[table], row)
		return nil
	}); err != nil {
		return err
	}
	for _, ti := range northwind.Tables() {
		if err := db.InsertRows(ti.Name, rows[ti.Name]); err != nil {
			return fmt.Errorf("%s: %w", ti.Name, err)
		}
		tx, err := lite.Begin()
		if err != nil {
			return err
		}
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(ti.Columns)), ", ")
		ins, err := tx.Prepare(fmt.Sprintf("INSERT INTO %s VALUES (%s)", ti.Name, marks))
		if err != nil {
			return err
		}
		for _, r := range rows[ti.Name] {
			args := make([]any, len(r))
			for i, v := range r {
				switch x := v.(type) {
				case time.Time:
					args[i] = x.Format("2006-01-02")
				case bool:
					args[i] = map[bool]int{true: 1}[x]
				default:
					args[i] = v
				}
			}
			if _, err := ins.Exec(args...); err != nil {
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func sqliteCreate(ti northwind.TableInfo) string {
	var cols []string
	for _, c := range ti.Columns {
		typ := map[northwind.ColumnType]string{northwind.TypeInt: "INTEGER", northwind.TypeFloat: "REAL",
			northwind.TypeText: "TEXT", northwind.TypeBool: "INTEGER", northwind.TypeDate: "TEXT"}[c.Type]
		def := c.Name + " " + typ
		if c.NotNull {
			def += " NOT NULL"
		}
		cols = append(cols, def)
	}
	cols = append(cols, "PRIMARY KEY ("+strings.Join(ti.PrimaryKey, ", ")+")")
	return fmt.Sprintf("CREATE TABLE %s (%s)", ti.Name, strings.Join(cols, ", "))
}

// value is a result value in a form both databases' values reduce to.
type value struct {
	null bool
	num  bool
	f    float64
	s    string
}

func (v value) String() string {
	switch {
	case v.null:
		return "NULL"
	case v.num:
		return fmt.Sprintf("%.6g", v.f)
	}
	return fmt.Sprintf("%q", v.s)
}

func etsValue(t term.Term) value {
	switch {
	case schema.IsNull(t):
		return value{null: true}
	case t.IsBoolean():
		return value{num: true, f: map[bool]float64{true: 1}[t.IsTrue()]}
	case t.IsNumber():
		f, _ := t.Number()
		return value{num: true, f: f}
	case t.IsBinary():
		s, _ := t.BinaryValue()
		return value{s: s}
	}
	if s, ok := schema.FormatDate(t); ok {
		return value{s: s}
	}
	if s, ok := schema.FormatTimestamp(t); ok {
		return value{s: s}
	}
	return value{s: term.Format(t)}
}

func liteValue(v any) value {
	switch x := v.(type) {
	case nil:
		return value{null: true}
	case int64:
		return value{num: true, f: float64(x)}
	case float64:
		return value{num: true, f: x}
	case []byte:
		return value{s: string(x)}
	case string:
		return value{s: x}
	}
	return value{s: fmt.Sprint(v)}
}

func sameValue(a, b value) bool {
	if a.null || b.null {
		return a.null == b.null
	}
	if a.num != b.num {
		return false
	}
	if a.num {
		return math.Abs(a.f-b.f) <= 1e-9*math.Max(1, math.Abs(a.f))
	}
	return a.s == b.s
}

func formatRows(rows [][]value) string {
	var b strings.Builder
	for i, r := range rows {
		if i == 20 {
			fmt.Fprintf(&b, "... %d rows\n", len(rows))
			break
		}
		parts := make([]string, len(r))
		for j, v := range r {
			parts[j] = v.String()
		}
		b.WriteString(strings.Join(parts, " | ") + "\n")
	}
	return b.String()
}

func sortKey(r []value) string {
	parts := make([]string, len(r))
	for i, v := range r {
		if v.num {
			parts[i] = fmt.Sprintf("%.9g", v.f)
		} else {
			parts[i] = v.String()
		}
	}
	return strings.Join(parts, "\x00")
}

func queryEtsql(db *etsql.DB, q string, args ...any) ([]string, [][]value, error) {
	rows, err := db.Query(q, args...)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	for _, c := range rows.Columns() {
		names = append(names, c.Name)
	}
	var out [][]value
	for rows.Next() {
		var r []value
		for _, v := range rows.Terms() {
			r = append(r, etsValue(v))
		}
		out = append(out, r)
	}
	return names, out, rows.Err()
}

func querySQLite(lite *sql.DB, q string, args ...any) ([]string, [][]value, error) {
	rows, err := lite.Query(q, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	names, err := rows.Columns()
	if err != nil {
		return nil, nil, err
	}
	var out [][]value
	for rows.Next() {
		vals := make([]any, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, nil, err
		}
		r := make([]value, len(vals))
		for i, v := range vals {
			r[i] = liteValue(v)
		}
		out = append(out, r)
	}
	return names, out, rows.Err()
}

func compareQuery(t *testing.T, where string, db *etsql.DB, lite *sql.DB, q string, args ...any) {
	t.Helper()
	gotNames, got, err := queryEtsql(db, q, args...)
	if err != nil {
		t.Errorf("%s: etsql: %v\n%s", where, err, q)
		return
	}
	wantNames, want, err := querySQLite(lite, q, args...)
	if err != nil {
		t.Errorf("%s: sqlite: %v\n%s", where, err, q)
		return
	}
	if !slices.Equal(gotNames, wantNames) {
		t.Errorf("%s: column names %q, sqlite %q\n%s", where, gotNames, wantNames, q)
	}
	if !strings.Contains(strings.ToUpper(q), "ORDER BY") {
		slices.SortFunc(got, func(a, b []value) int { return strings.Compare(sortKey(a), sortKey(b)) })
		slices.SortFunc(want, func(a, b []value) int { return strings.Compare(sortKey(a), sortKey(b)) })
	}
	same := len(got) == len(want)
	for i := 0; same && i < len(got); i++ {
		if len(got[i]) != len(want[i]) {
			same = false
			break
		}
		for j := range got[i] {
			if !sameValue(got[i][j], want[i][j]) {
				same = false
			}
		}
	}
	if !same {
		t.Errorf("%s: rows differ\n%s %v\n---- etsql (%d rows)\n%s---- sqlite (%d rows)\n%s", where, q, args, len(got), formatRows(got), len(want), formatRows(want))
	}
}

// compareDML runs a statement in both databases and compares the changed
// table's contents.
func compareDML(t *testing.T, where string, db *etsql.DB, lite *sql.DB, q string) {
	t.Helper()
	res, err := db.Exec(q)
	lres, lerr := lite.Exec(q)
	if (err == nil) != (lerr == nil) {
		t.Errorf("%s: etsql error %v, sqlite error %v\n%s", where, err, lerr, q)
		return
	}
	if err == nil { // else both refused it, leaving the same rows (OR FAIL keeps some)
		if n, _ := lres.RowsAffected(); n != res.RowsAffected {
			t.Errorf("%s: %d rows affected, sqlite %d\n%s", where, res.RowsAffected, n, q)
		}
	}
	fields := strings.Fields(q)
	table := ""
	for i, f := range fields {
		u := strings.ToUpper(f)
		if (u == "INTO" || u == "UPDATE" || u == "FROM") && i+1 < len(fields) {
			table = strings.Trim(fields[i+1], "(")
			break
		}
	}
	compareQuery(t, where, db, lite, "SELECT * FROM "+table)
}

// ---- match specifications in real ETS

type specCase struct {
	where string
	table string
	spec  *matchspec.MatchSpec
}

func snapshotTables(t *testing.T, db *etsql.DB) map[string][]term.Term {
	out := map[string][]term.Term{}
	for _, ti := range northwind.Tables() {
		tab, ok := db.Engine().Whereis(ti.Name)
		if !ok {
			t.Fatalf("no ETS table %s", ti.Name)
		}
		objs, err := tab.Tab2List(db.Process())
		if err != nil {
			t.Fatal(err)
		}
		out[ti.Name] = objs
	}
	return out
}

const specScript = `
main([In, Out]) ->
    {ok, Bin} = file:read_file(In),
    {Tables, Cases} = binary_to_term(Bin),
    Tabs = maps:from_list([{Name, load(Name, Type, Objs)} || {Name, Type, Objs} <- Tables]),
    Results = [run(maps:get(Name, Tabs), Spec) || {Name, Spec} <- Cases],
    ok = file:write_file(Out, term_to_binary(Results)).

load(_Name, Type, Objs) ->
    T = ets:new(t, [Type, public, {keypos, 1}]),
    true = ets:insert(T, Objs),
    T.

run(T, Spec) ->
    try lists:sort(ets:select(T, Spec))
    catch C:E -> {error, C, E}
    end.
`

func runSpecsInErlang(t *testing.T, tables map[string][]term.Term, cases []specCase) {
	erltest.Require(t)
	var tabTerms []term.Term
	for _, ti := range northwind.Tables() {
		tabTerms = append(tabTerms, term.Tuple(term.Atom(ti.Name), term.Atom(ti.ETSType), term.List(tables[ti.Name]...)))
	}
	var caseTerms []term.Term
	var want []term.Term
	for _, c := range cases {
		caseTerms = append(caseTerms, term.Tuple(term.Atom(c.table), c.spec.Term()))
		prog, err := matchspec.Compile(c.spec)
		if err != nil {
			t.Errorf("%s: spec %s does not compile: %v", c.where, c.spec, err)
			want = append(want, term.Nil)
			continue
		}
		var res []term.Term
		for _, obj := range tables[c.table] {
			if r, ok := prog.Match(obj); ok {
				res = append(res, r)
			}
		}
		slices.SortFunc(res, term.Compare)
		want = append(want, term.List(res...))
	}
	input := term.Encode(term.Tuple(term.List(tabTerms...), term.List(caseTerms...)))
	dir := t.TempDir()
	in, outPath := filepath.Join(dir, "in.etf"), filepath.Join(dir, "out.etf")
	if err := os.WriteFile(in, input, 0o644); err != nil {
		t.Fatal(err)
	}
	erltest.RunEscript(t, specScript, nil, in, outPath)
	out, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	got, err := term.Decode(out)
	if err != nil {
		t.Fatalf("decoding erl's answer: %v", err)
	}
	results := got.Elements()
	if len(results) != len(cases) {
		t.Fatalf("erl gave %d results for %d specs", len(results), len(cases))
	}
	for i, c := range cases {
		if !term.ExactEqual(results[i], want[i]) {
			t.Errorf("%s: spec %s on %s: ets:select gives %d results, matchspec %d\nets: %.300s\ngo:  %.300s",
				c.where, c.spec, c.table, results[i].Len(), want[i].Len(), term.Format(results[i]), term.Format(want[i]))
		}
	}
}
