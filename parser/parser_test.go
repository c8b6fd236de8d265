package parser

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestParse_statements checks every statement form through its canonical
// form (Format), which spells out the tree's clauses.
func TestParse_statements(t *testing.T) {
	tests := []struct{ src, want string }{
		// SELECT
		{"select 1 + 1", "SELECT 1 + 1"},
		{"SELECT * FROM t", "SELECT * FROM t"},
		{"SELECT t.*, u.* FROM t, u", "SELECT t.*, u.* FROM t, u"},
		{"SELECT DISTINCT a FROM t", "SELECT DISTINCT a FROM t"},
		{"SELECT ALL a FROM t", "SELECT a FROM t"},
		{"SELECT a x, b AS y, c \"z z\" FROM t", `SELECT a AS x, b AS y, c AS "z z" FROM t`},
		{"SELECT a FROM t AS u", "SELECT a FROM t AS u"},
		{"SELECT a FROM t u, v w", "SELECT a FROM t AS u, v AS w"},
		{"SELECT * FROM a JOIN b ON a.x = b.x", "SELECT * FROM a JOIN b ON a.x = b.x"},
		{"SELECT * FROM a INNER JOIN b ON a.x = b.x", "SELECT * FROM a JOIN b ON a.x = b.x"},
		{"SELECT * FROM a LEFT JOIN b ON 1", "SELECT * FROM a LEFT JOIN b ON 1"},
		{"SELECT * FROM a LEFT OUTER JOIN b ON 1", "SELECT * FROM a LEFT JOIN b ON 1"},
		{"SELECT * FROM a CROSS JOIN b", "SELECT * FROM a CROSS JOIN b"},
		{"SELECT * FROM a, b JOIN c ON c.k = b.k LEFT JOIN d AS e ON e.k = c.k",
			"SELECT * FROM a, b JOIN c ON c.k = b.k LEFT JOIN d AS e ON e.k = c.k"},
		{"SELECT * FROM (SELECT a FROM t) s", "SELECT * FROM (SELECT a FROM t) AS s"},
		{"SELECT * FROM (SELECT a FROM t)", "SELECT * FROM (SELECT a FROM t)"},
		// a parenthesized join is spliced into the FROM clause, as in SQLite
		{"SELECT * FROM ( t0 AS a CROSS JOIN t1 b )", "SELECT * FROM t0 AS a CROSS JOIN t1 AS b"},
		{"SELECT * FROM (t)", "SELECT * FROM t"},
		{"SELECT x FROM t1 not indexed WHERE x NOT NULL", "SELECT x FROM t1 NOT INDEXED WHERE x IS NOT NULL"},
		{"SELECT x FROM t1 AS u NOT INDEXED, t2 NOT INDEXED", "SELECT x FROM t1 AS u NOT INDEXED, t2 NOT INDEXED"},
		{"SELECT 1 IN t, 2 NOT IN \"t u\"", "SELECT 1 IN (SELECT * FROM t), 2 NOT IN (SELECT * FROM \"t u\")"},
		{"CREATE TABLE t (a INT DEFAULT 1 NOT NULL)", "CREATE TABLE t (a INT DEFAULT 1 NOT NULL)"},
		{"create temporary view v as select 1", "CREATE TEMP VIEW v AS SELECT 1"},
		{"reindex", "REINDEX"},
		{"REINDEX \"t 1\";", "REINDEX \"t 1\""},
		{"CREATE TEMP VIEW IF NOT EXISTS v AS SELECT 1", "CREATE TEMP VIEW IF NOT EXISTS v AS SELECT 1"},
		{"SELECT * FROM a JOIN (b JOIN c ON b.x = c.x) ON a.y = b.y",
			"SELECT * FROM a JOIN b JOIN c ON b.x = c.x AND a.y = b.y"},
		{"SELECT * FROM ((a LEFT JOIN b ON 1), (SELECT 1) s), c", "SELECT * FROM a LEFT JOIN b ON 1, (SELECT 1) AS s, c"},
		{"SELECT (SELECT 1 FROM (a, b)) FROM (c, d)", "SELECT (SELECT 1 FROM a, b) FROM c, d"},
		{"SELECT a FROM t WHERE a > 1 AND b < 2", "SELECT a FROM t WHERE a > 1 AND b < 2"},
		{"SELECT a, count(*) FROM t GROUP BY a, b HAVING count(*) > 1",
			"SELECT a, count(*) FROM t GROUP BY a, b HAVING count(*) > 1"},
		{"SELECT a FROM t ORDER BY a, b ASC, c DESC, d NULLS FIRST, e DESC NULLS LAST",
			"SELECT a FROM t ORDER BY a, b, c DESC, d NULLS FIRST, e DESC NULLS LAST"},
		{"SELECT a FROM t LIMIT 10", "SELECT a FROM t LIMIT 10"},
		{"SELECT a FROM t LIMIT 10 OFFSET 20", "SELECT a FROM t LIMIT 10 OFFSET 20"},
		{"SELECT a FROM t LIMIT 20, 10", "SELECT a FROM t LIMIT 20, 10"},
		{"SELECT a FROM t LIMIT ? OFFSET ?", "SELECT a FROM t LIMIT ? OFFSET ?"},
		{"SELECT a FROM t UNION SELECT b FROM u", "SELECT a FROM t UNION SELECT b FROM u"},
		{"SELECT a FROM t UNION ALL SELECT b FROM u INTERSECT SELECT c FROM v EXCEPT SELECT d FROM w ORDER BY 1 DESC LIMIT 5",
			"SELECT a FROM t UNION ALL SELECT b FROM u INTERSECT SELECT c FROM v EXCEPT SELECT d FROM w ORDER BY 1 DESC LIMIT 5"},
		{"select \"from\" from \"select\"", `SELECT "from" FROM "select"`},
		{"SELECT a FROM t;", "SELECT a FROM t"},
		// INSERT, REPLACE
		{"INSERT INTO t VALUES (1, 'a')", "INSERT INTO t VALUES (1, 'a')"},
		{"insert into t (a, b) values (1, 2), (3, 4)", "INSERT INTO t (a, b) VALUES (1, 2), (3, 4)"},
		{"INSERT INTO t (a) SELECT b FROM u WHERE c", "INSERT INTO t (a) SELECT b FROM u WHERE c"},
		{"INSERT OR REPLACE INTO t VALUES (1)", "INSERT OR REPLACE INTO t VALUES (1)"},
		{"REPLACE INTO t VALUES (1)", "INSERT OR REPLACE INTO t VALUES (1)"},
		{"insert or ignore into t values (1)", "INSERT OR IGNORE INTO t VALUES (1)"},
		{"INSERT OR ABORT INTO t VALUES (1)", "INSERT OR ABORT INTO t VALUES (1)"},
		{"INSERT OR FAIL INTO t VALUES (1)", "INSERT OR FAIL INTO t VALUES (1)"},
		{"INSERT OR ROLLBACK INTO t VALUES (1)", "INSERT OR ROLLBACK INTO t VALUES (1)"},
		{"insert into t (id, name) values (1, 'a') on conflict (id) do update set name = excluded.name where t.n > 1",
			"INSERT INTO t (id, name) VALUES (1, 'a') ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE t.n > 1"},
		{"INSERT INTO t VALUES (1) ON CONFLICT (a) WHERE a > 0 DO NOTHING ON CONFLICT DO UPDATE SET b = 2, c = 3",
			"INSERT INTO t VALUES (1) ON CONFLICT (a) WHERE a > 0 DO NOTHING ON CONFLICT DO UPDATE SET b = 2, c = 3"},
		{"INSERT INTO t SELECT * FROM u ON CONFLICT DO NOTHING", "INSERT INTO t SELECT * FROM u ON CONFLICT DO NOTHING"},
		{"INSERT INTO t VALUES (1) returning id, name AS n, t.*", "INSERT INTO t VALUES (1) RETURNING id, name AS n, t.*"},
		{"UPDATE t SET a = 1 WHERE b RETURNING a + 1", "UPDATE t SET a = 1 WHERE b RETURNING a + 1"},
		{"DELETE FROM t RETURNING *", "DELETE FROM t RETURNING *"},
		{"INSERT INTO t VALUES (?, ?, $3)", "INSERT INTO t VALUES (?, ?, $3)"},
		// UPDATE, DELETE
		{"UPDATE t SET a = 1", "UPDATE t SET a = 1"},
		{"update t set a = a + 1, b = 'x' where id = 3", "UPDATE t SET a = a + 1, b = 'x' WHERE id = 3"},
		{"DELETE FROM t", "DELETE FROM t"},
		{"DELETE FROM t WHERE a IN (1, 2)", "DELETE FROM t WHERE a IN (1, 2)"},
		// CREATE, DROP
		{"CREATE INDEX idx ON users (name)", "CREATE INDEX idx ON users (name)"},
		{"create table t (a int, b text unique, unique (a, b))", "CREATE TABLE t (a int, b text UNIQUE, UNIQUE (a, b))"},
		{"create unique index if not exists i on t (a desc, b asc)", "CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a DESC, b)"},
		{"DROP INDEX i", "DROP INDEX i"},
		{"create view v as select a, b + 1 from t", "CREATE VIEW v AS SELECT a, b + 1 FROM t"},
		{"CREATE VIEW IF NOT EXISTS \"my v\" (x, y) AS SELECT 1, 2 UNION SELECT 3, 4 ORDER BY 1", `CREATE VIEW IF NOT EXISTS "my v" (x, y) AS SELECT 1, 2 UNION SELECT 3, 4 ORDER BY 1`},
		{"drop view v", "DROP VIEW v"},
		{"select row_number() over (), rank() over (order by a desc nulls last), sum(b) over (partition by c, d order by a rows 2 preceding), count(*) filter (where b) over (range between unbounded preceding and unbounded following), f(x) over", "SELECT row_number() OVER (), rank() OVER (ORDER BY a DESC NULLS LAST), sum(b) OVER (PARTITION BY c, d ORDER BY a ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), count(*) FILTER (WHERE b) OVER (RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), f(x) AS over"},
		{"select * from t where (a, b) = (1, 2) or (a,b,c) in ((1,2,3), (4,5,6)) or (a, b) not in (select x, y from u) or (a, (b)) <= (?, -1)", "SELECT * FROM t WHERE (a, b) = (1, 2) OR (a, b, c) IN ((1, 2, 3), (4, 5, 6)) OR (a, b) NOT IN (SELECT x, y FROM u) OR (a, b) <= (?, -1)"},
		{"select sum(a) filter (where a > 3), count(*) filter(where b), count(*) filter from t", "SELECT sum(a) FILTER (WHERE a > 3), count(*) FILTER (WHERE b), count(*) AS filter FROM t"},
		{"create table if not exists t2 as select a, b + 1 as c from t where a > 1", "CREATE TABLE IF NOT EXISTS t2 AS SELECT a, b + 1 AS c FROM t WHERE a > 1"},
		{"DROP VIEW IF EXISTS v", "DROP VIEW IF EXISTS v"},
		{"alter table users add x text not null default 'a'", "ALTER TABLE users ADD COLUMN x text NOT NULL DEFAULT 'a'"},
		{"ALTER TABLE users ADD COLUMN x INT", "ALTER TABLE users ADD COLUMN x INT"},
		{"ALTER TABLE users DROP x", "ALTER TABLE users DROP COLUMN x"},
		{"ALTER TABLE users RENAME TO people", "ALTER TABLE users RENAME TO people"},
		{"ALTER TABLE users RENAME a TO b", "ALTER TABLE users RENAME COLUMN a TO b"},
		{`ALTER TABLE users RENAME COLUMN "to" TO "from"`, `ALTER TABLE users RENAME COLUMN "to" TO "from"`},
		{"drop index if exists \"my index\"", `DROP INDEX IF EXISTS "my index"`},
		{"CREATE TABLE t (a INT)", "CREATE TABLE t (a INT)"},
		{"create table if not exists t (id integer primary key, name text not null, price real default 0.0, qty smallint null unique)",
			"CREATE TABLE IF NOT EXISTS t (id integer PRIMARY KEY, name text NOT NULL, price real DEFAULT 0.0, qty smallint NULL UNIQUE)"},
		{"CREATE TABLE t (a BIGINT, b FLOAT, c DOUBLE PRECISION, d VARCHAR(20), e CHAR(2), f BOOL, g BOOLEAN, h DATE, i TIMESTAMP, j TERM, k NUMERIC(10, 2))",
			"CREATE TABLE t (a BIGINT, b FLOAT, c DOUBLE PRECISION, d VARCHAR(20), e CHAR(2), f BOOL, g BOOLEAN, h DATE, i TIMESTAMP, j TERM, k NUMERIC(10, 2))"},
		{"CREATE TABLE t (a INT DEFAULT -1 NOT NULL, b TEXT DEFAULT 'x', c INT, PRIMARY KEY (a, c))",
			"CREATE TABLE t (a INT DEFAULT -1 NOT NULL, b TEXT DEFAULT 'x', c INT, PRIMARY KEY (a, c))"},
		{"CREATE TABLE t (a, b)", "CREATE TABLE t (a, b)"},
		{"CREATE TABLE t (k INT PRIMARY KEY, v TERM) WITH (type = ordered_set, access = public, read_concurrency = true, write_concurrency = FALSE)",
			"CREATE TABLE t (k INT PRIMARY KEY, v TERM) WITH (type = ordered_set, access = public, read_concurrency = true, write_concurrency = FALSE)"},
		{"DROP TABLE t", "DROP TABLE t"},
		{"drop table if exists t", "DROP TABLE IF EXISTS t"},
		// EXPLAIN
		{"EXPLAIN SELECT 1", "EXPLAIN SELECT 1"},
		{"EXPLAIN ANALYZE SELECT 1", "EXPLAIN ANALYZE SELECT 1"},
		{"EXPLAIN (FORMAT ELIXIR) SELECT * FROM t WHERE a = 1", "EXPLAIN (FORMAT ELIXIR) SELECT * FROM t WHERE a = 1"},
		{"explain (analyze, format erlang) delete from t", "EXPLAIN (ANALYZE, FORMAT erlang) DELETE FROM t"},
		{"EXPLAIN FORMAT TEXT UPDATE t SET a = 1", "EXPLAIN (FORMAT TEXT) UPDATE t SET a = 1"},
		// transactions
		{"BEGIN", "BEGIN"},
		{"begin transaction", "BEGIN"},
		{"COMMIT", "COMMIT"},
		{"END TRANSACTION", "COMMIT"},
		{"ROLLBACK", "ROLLBACK"},
	}
	for _, tt := range tests {
		st, err := Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		if got := Format(st); got != tt.want {
			t.Errorf("Parse(%q):\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestParse_selectTree(t *testing.T) {
	st, err := Parse("SELECT o.id, c.name AS who FROM orders o LEFT JOIN customers AS c ON c.id = o.cust " +
		"WHERE o.total >= ? GROUP BY c.name HAVING sum(o.total) > 10 ORDER BY who DESC LIMIT 3")
	if err != nil {
		t.Fatal(err)
	}
	s := st.(*SelectStmt)
	core := s.Core
	if len(core.Columns) != 2 || core.Columns[1].(*ExprColumn).Alias != "who" {
		t.Errorf("columns = %s", Format(core))
	}
	from := core.From
	if tn := from.Table.(*TableName); tn.Name != "orders" || tn.Alias != "o" {
		t.Errorf("first table = %+v", tn)
	}
	if len(from.Joins) != 1 || from.Joins[0].Kind != JoinLeft || sexpr(from.Joins[0].On) != "(= c.id o.cust)" {
		t.Errorf("joins = %s", Format(from))
	}
	if got := sexpr(core.Where); got != "(>= o.total ?#1)" {
		t.Errorf("where = %s", got)
	}
	if got := sexpr(core.Having); got != "(> (sum o.total) 10)" {
		t.Errorf("having = %s", got)
	}
	if len(s.OrderBy) != 1 || !s.OrderBy[0].Desc || s.Limit == nil || s.Limit.Offset != nil {
		t.Errorf("order/limit = %s", Format(s))
	}
}

func TestParse_positions(t *testing.T) {
	st, err := Parse("SELECT a,\n  b + 1\nFROM t WHERE c = 2")
	if err != nil {
		t.Fatal(err)
	}
	core := st.(*SelectStmt).Core
	b := core.Columns[1].(*ExprColumn).Expr.(*BinaryExpr)
	where := core.Where.(*BinaryExpr)
	checks := []struct {
		what      string
		node      Node
		line, col int
	}{
		{"statement", st, 1, 1},
		{"b + 1", b, 2, 3},
		{"1", b.R, 2, 7},
		{"FROM clause table", core.From.Table, 3, 6},
		{"c = 2", where, 3, 14},
	}
	for _, c := range checks {
		if p := c.node.Position(); p.Line != c.line || p.Column != c.col {
			t.Errorf("%s at %d:%d, want %d:%d", c.what, p.Line, p.Column, c.line, c.col)
		}
	}
	if p := b.OpPos; p.Line != 2 || p.Column != 5 {
		t.Errorf("OpPos = %d:%d, want 2:5", p.Line, p.Column)
	}
}

func TestCreateTableStmt_helpers(t *testing.T) {
	st, err := Parse("CREATE TABLE t (a INT NOT NULL, b TEXT DEFAULT 'x' UNIQUE, c INT PRIMARY KEY)")
	if err != nil {
		t.Fatal(err)
	}
	ct := st.(*CreateTableStmt)
	cols := ct.Columns()
	if len(cols) != 3 || !cols[0].IsNotNull() || cols[1].IsNotNull() || !cols[1].IsUnique() || !cols[2].IsPrimaryKey() {
		t.Errorf("columns = %s", Format(ct))
	}
	if d := cols[1].DefaultValue(); sexpr(d) != "'x'" || cols[0].DefaultValue() != nil {
		t.Errorf("defaults = %v, %v", cols[1].DefaultValue(), cols[0].DefaultValue())
	}
	if pk := ct.PrimaryKey(); len(pk) != 1 || pk[0] != "c" {
		t.Errorf("PrimaryKey() = %v", pk)
	}
	st, _ = Parse("CREATE TABLE t (a INT, b INT, PRIMARY KEY (b, a))")
	if pk := st.(*CreateTableStmt).PrimaryKey(); len(pk) != 2 || pk[0] != "b" || pk[1] != "a" {
		t.Errorf("table PrimaryKey() = %v", pk)
	}
	if ty := st.(*CreateTableStmt).Columns()[0].Type; ty.Name != "INT" || ty.Params != nil {
		t.Errorf("type = %+v", ty)
	}
}

func TestExplainStmt_options(t *testing.T) {
	tests := []struct {
		src     string
		analyze bool
		format  string
	}{
		{"EXPLAIN SELECT 1", false, "TEXT"},
		{"EXPLAIN ANALYZE SELECT 1", true, "TEXT"},
		{"EXPLAIN (FORMAT elixir) SELECT 1", false, "ELIXIR"},
		{"EXPLAIN (ANALYZE, FORMAT ERLANG) SELECT 1", true, "ERLANG"},
		{"EXPLAIN ANALYZE FORMAT ELIXIR SELECT 1", true, "ELIXIR"},
	}
	for _, tt := range tests {
		st, err := Parse(tt.src)
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		ex := st.(*ExplainStmt)
		if ex.Analyze() != tt.analyze || ex.OutputFormat() != tt.format {
			t.Errorf("%q: Analyze %v OutputFormat %q, want %v %q", tt.src, ex.Analyze(), ex.OutputFormat(), tt.analyze, tt.format)
		}
		if _, ok := ex.Stmt.(*SelectStmt); !ok {
			t.Errorf("%q: Stmt is %T", tt.src, ex.Stmt)
		}
	}
}

func TestNumInput(t *testing.T) {
	tests := []struct {
		src   string
		n     int
		where string // sexpr of the WHERE of the SELECT, for the numbering
	}{
		{"SELECT a FROM t", 0, ""},
		{"SELECT a FROM t WHERE a = ? AND b = ?", 2, "(AND (= a ?#1) (= b ?#2))"},
		{"SELECT ? FROM t WHERE a = ? AND b IN (SELECT c FROM u WHERE d = ?) LIMIT ?", 4,
			"(AND (= a ?#2) (IN b <SELECT c FROM u WHERE d = ?>))"},
		{"SELECT a FROM t WHERE a = $2 AND b = $1", 2, "(AND (= a $2#2) (= b $1#1))"},
		{"SELECT a FROM t WHERE a = ?5 AND b = ?", 6, "(AND (= a ?5#5) (= b ?#6))"},
		{"SELECT a FROM t WHERE a = $1 OR a = $1", 1, "(OR (= a $1#1) (= a $1#1))"},
		{"SELECT a FROM t LIMIT 2, ?", 1, ""},
		{"INSERT INTO t VALUES (?, ?), (?, ?)", 4, ""},
		{"UPDATE t SET a = ? WHERE b = ?", 2, ""},
		{"SELECT a FROM t WHERE a = :x AND b = @y AND c = :x", 2, "(AND (AND (= a :x#1) (= b @y#2)) (= c :x#1))"},
		{"SELECT a FROM t WHERE a = $id OR b = ? OR c = :id", 3, "(OR (OR (= a $id#1) (= b ?#2)) (= c :id#3))"},
		{"SELECT a FROM t WHERE a = ?3 AND b = :n_1", 4, "(AND (= a ?3#3) (= b :n_1#4))"},
	}
	for _, tt := range tests {
		st, err := Parse(tt.src)
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if n := NumInput(st); n != tt.n {
			t.Errorf("NumInput(%q) = %d, want %d", tt.src, n, tt.n)
		}
		if tt.where != "" {
			if got := sexpr(st.(*SelectStmt).Core.Where); got != tt.where {
				t.Errorf("%q: WHERE %s, want %s", tt.src, got, tt.where)
			}
		}
	}
	// The subquery's placeholder is numbered 3 and the LIMIT's 4.
	st, _ := Parse("SELECT ? FROM t WHERE a = ? AND b IN (SELECT c FROM u WHERE d = ?) LIMIT ?")
	var got []int
	Inspect(st, func(n Node) bool {
		if p, ok := n.(*Placeholder); ok {
			got = append(got, p.Index)
		}
		return true
	})
	if len(got) != 4 || got[0] != 1 || got[1] != 2 || got[2] != 3 || got[3] != 4 {
		t.Errorf("placeholder indexes in text order = %v, want [1 2 3 4]", got)
	}
}

func TestParseScript(t *testing.T) {
	src := "-- setup\nCREATE TABLE t (a INT);\n\nINSERT INTO t VALUES (1);;\n  SELECT ';' FROM t; /* done */"
	stmts, err := ParseScript(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		line, col int
		text      string
	}{
		{2, 1, "CREATE TABLE t (a INT)"},
		{4, 1, "INSERT INTO t VALUES (1)"},
		{5, 3, "SELECT ';' FROM t"},
	}
	if len(stmts) != len(want) {
		t.Fatalf("got %d statements, want %d", len(stmts), len(want))
	}
	for i, w := range want {
		p := stmts[i].Position()
		if p.Line != w.line || p.Column != w.col || Format(stmts[i]) != w.text {
			t.Errorf("statement %d: %d:%d %s, want %d:%d %s", i, p.Line, p.Column, Format(stmts[i]), w.line, w.col, w.text)
		}
	}
}

// TestParseScript_trigger: a CREATE TRIGGER's body does not end the
// statement at its ";", nor at the END of a CASE.
func TestParseScript_trigger(t *testing.T) {
	src := "CREATE TABLE t (a);\nCREATE TRIGGER r AFTER INSERT ON t WHEN CASE new.a WHEN 1 THEN 1 END\nBEGIN\n  SELECT CASE WHEN 1 THEN 2 END;\n  DELETE FROM t;\nEND;\nSELECT 3; BEGIN; END"
	stmts, err := ParseScript(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range stmts {
		got = append(got, Format(s))
	}
	want := []string{
		"CREATE TABLE t (a)",
		"CREATE TRIGGER r AFTER INSERT ON t WHEN CASE new.a WHEN 1 THEN 1 END BEGIN SELECT CASE WHEN 1 THEN 2 END; DELETE FROM t; END",
		"SELECT 3", "BEGIN", "COMMIT",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	tr := stmts[1].(*CreateTriggerStmt)
	if p := tr.Body[1].Position(); p.Line != 5 || p.Column != 3 {
		t.Errorf("DELETE at %d:%d, want 5:3", p.Line, p.Column)
	}
	if tr.Timing != After || tr.Event != OnInsert || tr.Table != "t" || tr.When == nil {
		t.Errorf("trigger parsed as %+v", tr)
	}
}

func TestParseScript_error(t *testing.T) {
	stmts, err := ParseScript("SELECT 1;\nSELECT 2;\nSELECT FROM t;\nSELECT 4")
	if len(stmts) != 2 {
		t.Errorf("got %d statements before the error, want 2", len(stmts))
	}
	if err == nil || err.Error() != "3:8: expected expression, found \"FROM\"" {
		t.Errorf("err = %v", err)
	}
	stmts, err = ParseScript("SELECT 1; SELECT 2;\nSELECT 'unterminated; SELECT 4;")
	if len(stmts) != 2 || err == nil || err.Error() != "2:8: unterminated string literal" {
		t.Errorf("lexical error: %d statements, err %v; want 2 and 2:8: unterminated string literal", len(stmts), err)
	}
	stmts, err = ParseScript("SELECT 1; SELECT FROM; SELECT 'unterminated")
	if len(stmts) != 1 || err == nil || err.Error() != `1:18: expected expression, found "FROM"` {
		t.Errorf("syntax error before lexical error: %d statements, err %v", len(stmts), err)
	}
	stmts, err = ParseScript("  -- nothing\n ; ;")
	if err != nil || len(stmts) != 0 {
		t.Errorf("empty script: %v, %v", stmts, err)
	}
}

// TestParse_errors checks messages and positions (model: go/parser's
// short_test.go).
func TestParse_errors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"", `1:1: expected statement, found end of input`},
		{"-- only a comment", `1:18: expected statement, found end of input`},
		{"SELEC 1", `1:1: expected statement, found "SELEC"`},
		{"CREATE INDEX i ON t ()", `1:22: expected column name, found ")"`},
		{"CREATE INDEX i t (a)", `1:16: expected ON, found "t"`},
		{"DROP INDEX", `1:11: expected name, found end of input`},
		{"DROP VIEW", `1:10: expected name, found end of input`},
		{"SELECT sum(a) OVER (ROWS BETWEEN 1 PRECEDING AND CURRENT) FROM t", `1:57: expected ROW, found ")"`},
		{"SELECT (1, )", `1:12: expected expression, found ")"`},
		{"SELECT (1, 2", `1:13: expected "," or ")", found end of input`},
		{"SELECT count(*) FILTER (a > 1) FROM t", `1:25: expected WHERE, found "a"`},
		{"CREATE VIEW v SELECT 1", `1:15: expected AS, found "SELECT"`},
		{"CREATE TRIGGER x DELETE ON v BEGIN END", `1:36: expected statement, found "END"`},
		{"CREATE TRIGGER x DELETE ON v BEGIN SELECT 1 END", `1:48: expected ";", found end of input`},
		{"CREATE TRIGGER x DELETE ON v BEGIN SELECT 1; END garbage", `1:50: expected end of statement, found "garbage"`},
		{"CREATE TRIGGER x DELETE ON v BEGIN SELECT 1;", `1:45: expected END, found end of input`},
		{"CREATE TRIGGER x DELETE ON v BEGIN CREATE TABLE z (a); END", `1:36: a trigger runs only INSERT, UPDATE, DELETE and SELECT`},
		{"CREATE TRIGGER x DELETE ON v BEGIN SELECT FROM; END", `1:43: expected expression, found "FROM"`},
		{"CREATE TRIGGER x ON v BEGIN SELECT 1; END", `1:18: expected DELETE, INSERT or UPDATE, found "ON"`},
		{"CREATE TRIGGER x INSTEAD DELETE ON v BEGIN SELECT 1; END", `1:26: expected OF, found "DELETE"`},
		{"CREATE TRIGGER x UPDATE OF ON v BEGIN SELECT 1; END", `1:28: expected column name, found "ON"`},
		{"CREATE TRIGGER x DELETE v BEGIN SELECT 1; END", `1:25: expected ON, found "v"`},
		{"CREATE TRIGGER x DELETE ON v FOR ROW BEGIN SELECT 1; END", `1:34: expected EACH, found "ROW"`},
		{"CREATE TRIGGER x DELETE ON v WHEN BEGIN SELECT 1; END", `1:41: expected BEGIN, found "SELECT"`}, // begin is a column there
		{"CREATE TRIGGER x DELETE ON v SELECT 1; END", `1:30: expected BEGIN, found "SELECT"`},
		{"CREATE TRIGGER DELETE ON v BEGIN SELECT 1; END", `1:16: expected trigger name, found "DELETE"`},
		{"DROP TRIGGER", `1:13: expected name, found end of input`},
		{"INSERT OR NOTHING INTO t VALUES (1)", `1:11: expected REPLACE, IGNORE, ABORT, FAIL or ROLLBACK, found "NOTHING"`},
		{"INSERT INTO t VALUES (1) ON CONFLICT DO", `1:40: expected NOTHING or UPDATE, found end of input`},
		{"DELETE FROM t RETURNING", `1:24: expected expression, found end of input`},
		{"ALTER TABLE t", `1:14: expected ADD, DROP or RENAME, found end of input`},
		{"ALTER TABLE t RENAME a", `1:23: expected TO, found end of input`},
		{"SELECT", `1:7: expected expression, found end of input`},
		{"SELECT * FORM t", `1:10: expected FROM, found "FORM"`},
		{"SELECT a FROM t WEHRE a = 1", `1:17: expected WHERE, found "WEHRE"`},
		{"SELECT a FROM t ORDER a", `1:23: expected BY, found "a"`},
		{"SELECT a FROM t GROUP a", `1:23: expected BY, found "a"`},
		{"SELECT * FROM", `1:14: expected table name or subquery, found end of input`},
		{"SELECT * FROM (a, b) AS c", `1:15: a parenthesized join cannot have an alias`},
		{"SELECT * FROM a LEFT JOIN (b, c) ON 1", `1:27: a parenthesized join cannot be on the right of LEFT JOIN`},
		{"SELECT * FROM a, (b LEFT JOIN c ON 1)", `1:21: a parenthesized LEFT JOIN must open the FROM clause`},
		{"SELECT * FROM t WHERE", `1:22: expected expression, found end of input`},
		{"SELECT * FROM t WHERE a =", `1:26: expected expression, found end of input`},
		{"SELECT * FROM t WHERE a = ;", `1:27: expected expression, found ";"`},
		{"SELECT a, FROM t", `1:11: expected expression, found "FROM"`},
		{"SELECT a AS FROM t", `1:13: expected alias, found "FROM"`},
		{"SELECT (1 + 2", `1:14: expected ")", found end of input`},
		{"SELECT f(1, 2", `1:14: expected "," or ")", found end of input`},
		{"SELECT a IN (1 2)", `1:16: expected "," or ")", found "2"`},
		{"SELECT a IN 1", `1:13: expected "(", found "1"`},
		{"SELECT a BETWEEN 1 OR 2", `1:20: expected AND, found "OR"`},
		{"SELECT CASE END", `1:13: expected WHEN, found "END"`},
		{"SELECT CASE WHEN 1 THEN 2", `1:26: expected WHEN, ELSE or END, found end of input`},
		{"SELECT CASE WHEN 1 2 END", `1:20: expected THEN, found "2"`},
		{"SELECT CAST(a TEXT)", `1:15: expected AS, found "TEXT"`},
		{"SELECT CAST(a AS 1)", `1:18: expected type name, found "1"`},
		{"SELECT EXISTS (1)", `1:16: expected SELECT, found "1"`},
		{"SELECT t.1", `1:9: expected end of statement, found ".1"`},
		{"SELECT a FROM t LIMIT", `1:22: expected expression, found end of input`},
		{"SELECT a FROM t UNION", `1:22: expected SELECT, found end of input`},
		{"SELECT * FROM t JOIN u ON", `1:26: expected expression, found end of input`},
		{"SELECT * FROM t LEFT u", `1:22: expected JOIN, found "u"`},
		{"SELECT * FROM t ORDER BY a NULLS x", `1:34: expected FIRST or LAST, found "x"`},
		{"SELECT 1; SELECT 2", `1:11: expected end of input, found "SELECT"`},
		{"INSERT t VALUES (1)", `1:8: expected INTO, found "t"`},
		{"INSERT INTO t", `1:14: expected VALUES or SELECT, found end of input`},
		{"INSERT INTO t VALUES 1", `1:22: expected "(", found "1"`},
		{"INSERT INTO t VALUES (1", `1:24: expected ")", found end of input`},
		{"INSERT INTO t (a VALUES (1)", `1:18: expected ")", found "VALUES"`},
		{"UPDATE t SET", `1:13: expected column name, found end of input`},
		{"UPDATE t SET a 1", `1:16: expected "=", found "1"`},
		{"UPDATE t a = 1", `1:10: expected SET, found "a"`},
		{"DELETE t", `1:8: expected FROM, found "t"`},
		{"CREATE t", `1:8: expected TABLE, found "t"`},
		{"CREATE TABLE t", `1:15: expected "(" or AS, found end of input`},
		{"CREATE TABLE t ()", `1:17: expected column definition, found ")"`},
		{"CREATE TABLE t (a INT,)", `1:23: expected column definition, found ")"`},
		{"CREATE TABLE t (a INT NOT)", `1:26: expected NULL, found ")"`},
		{"CREATE TABLE t (a VARCHAR(x))", `1:27: expected integer, found "x"`},
		{"CREATE TABLE t (a INT) WITH type = set", `1:29: expected "(", found "type"`},
		{"CREATE TABLE t (a INT) WITH (type set)", `1:35: expected "=", found "set"`},
		{"CREATE TABLE IF EXISTS t (a INT)", `1:17: expected NOT, found "EXISTS"`},
		{"DROP t", `1:6: expected TABLE, found "t"`},
		{"DROP TABLE IF t", `1:15: expected EXISTS, found "t"`},
		{"EXPLAIN", `1:8: expected statement, found end of input`},
		{"EXPLAIN (FORMAT YAML) SELECT 1", `1:17: expected TEXT, ERLANG or ELIXIR, found "YAML"`},
		{"SELECT a FORM t", `1:10: expected FROM, found "FORM"`},
		{"SELECT (SELECT * FORM t)", `1:18: expected ")", found "FORM"`},
		{"SELECT * FROM t WHERE a IN (SELECT FROM u)", `1:36: expected expression, found "FROM"`},
		{"SELECT * FROM (SELECT a FROM) s", `1:29: expected table name or subquery, found ")"`},
		{"SELECT * FROM t WHERE EXISTS (SELECT 1 FROM u WHERE)", `1:52: expected expression, found ")"`},
		{"SELECT * FROM t NATURAL JOIN u", `1:17: expected end of statement, found "NATURAL"`},
		{"SELECT * FROM t RIGHT JOIN u ON 1", `1:17: expected end of statement, found "RIGHT"`},
		{"SELECT * FROM t JOIN u USING (a)", `1:24: expected end of statement, found "USING"`},
		// lexical errors
		{"SELECT 'abc", `1:8: unterminated string literal`},
		{"SELECT \"abc", `1:8: unterminated quoted identifier`},
		{"SELECT 1 /* x", `1:10: unterminated comment`},
		{"SELECT 12abc", `1:8: malformed number "12abc"`},
		{"SELECT 1e", `1:8: malformed number "1e"`},
		{"SELECT 1.2.3", `1:8: malformed number "1.2.3"`},
		{"SELECT #", `1:8: unexpected character '#'`},
		{"SELECT a ! b", `1:10: unexpected character '!'`},
		{"SELECT $", `1:8: expected parameter number or name after "$"`},
		{"SELECT :1", `1:8: expected parameter name after ":"`},
		{"SELECT @", `1:8: expected parameter name after "@"`},
		{"SELECT $0", `1:8: parameter number must be between 1 and 32766`},
		{"SELECT ?99999999999999999999", `1:8: parameter number must be between 1 and 32766`},
		{"SELECT 1\n  + \xff", `2:5: invalid UTF-8 encoding`},
		{"SELECT\n\n   a +", `3:7: expected expression, found end of input`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want error %s", tt.src, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Parse(%q):\n got %s\nwant %s", tt.src, err, tt.want)
		}
		var pe *Error
		if !errors.As(err, &pe) || !errors.Is(err, ErrSyntax) {
			t.Errorf("Parse(%q): error %T is not a *Error wrapping ErrSyntax", tt.src, err)
		}
	}
}

func TestParse_depth(t *testing.T) {
	ok := "SELECT " + strings.Repeat("(", MaxDepth) + "1" + strings.Repeat(")", MaxDepth)
	if _, err := Parse(ok); err != nil {
		t.Errorf("depth %d: %v", MaxDepth, err)
	}
	tests := []struct{ src, want string }{
		{"SELECT " + strings.Repeat("(", MaxDepth+1) + "1" + strings.Repeat(")", MaxDepth+1), "1:208: nesting deeper than 200"},
		{"SELECT " + strings.Repeat("CASE WHEN 1 THEN ", MaxDepth+1), "1:3408: nesting deeper than 200"},
		{strings.Repeat("EXPLAIN ", MaxDepth+1) + "SELECT 1", "1:1601: nesting deeper than 200"},
		{"SELECT * FROM t WHERE a IN " + strings.Repeat("(SELECT a FROM t WHERE a IN ", MaxDepth+1), "1:5628: nesting deeper than 200"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		if err == nil || err.Error() != tt.want || !errors.Is(err, ErrTooDeep) {
			t.Errorf("Parse(%.40q...) = %v, want %s (ErrTooDeep)", tt.src, err, tt.want)
		}
	}
	// Runs of operators deepen the tree too: MaxOperatorRun is the limit.
	run := func(op string, n int) string {
		if strings.HasPrefix(op, " ") { // postfix
			return "SELECT 1" + strings.Repeat(op, n)
		}
		return "SELECT " + strings.Repeat(op, n) + "1"
	}
	for _, op := range []string{"NOT ", "- ", "1 + ", "1 OR ", " IS NULL", " NOT IN (1)"} {
		ok := run(op, MaxOperatorRun)
		if _, err := Parse(ok); err != nil {
			t.Errorf("Parse(%.30q...): %v", ok, err)
		}
		tooLong := run(op, MaxOperatorRun+1)
		_, err := Parse(tooLong)
		if !errors.Is(err, ErrTooDeep) || !strings.HasSuffix(err.Error(), ": more than 1000 operators in a row") {
			t.Errorf("Parse(%.30q...) = %v, want ErrTooDeep", tooLong, err)
		}
	}
	// A long IN list is flat.
	if _, err := Parse("SELECT 1 IN (" + strings.Repeat("1, ", 5000) + "1)"); err != nil {
		t.Errorf("long IN list: %v", err)
	}
}

func TestParse_concurrent(t *testing.T) {
	done := make(chan string)
	for i := 0; i < 4; i++ {
		go func() {
			var bad string
			for j := 0; j < 50; j++ {
				st, err := Parse("SELECT a FROM t WHERE b IN (SELECT c FROM u WHERE d = ?) ORDER BY a")
				if err != nil || NumInput(st) != 1 {
					bad = "unexpected result"
				}
			}
			done <- bad
		}()
	}
	for i := 0; i < 4; i++ {
		if bad := <-done; bad != "" {
			t.Error(bad)
		}
	}
}

func TestParamNames(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"SELECT ? + $2", nil},
		{"SELECT :a + @b + $c + :a", []string{"a", "b", "c"}},
		{"SELECT ?, :a, ?4", []string{"", "a", "", ""}},
		{"SELECT :a, @a", []string{"a", "a"}},
	}
	for _, tt := range tests {
		st, err := Parse(tt.src)
		if err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		if got := ParamNames(st); !slices.Equal(got, tt.want) {
			t.Errorf("ParamNames(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
