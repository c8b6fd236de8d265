package parser

import "testing"

func TestParse_expressions(t *testing.T) {
	tests := []struct{ src, want string }{
		// literals
		{"1", "1"},
		{"123456789012345678901234567890", "123456789012345678901234567890"},
		{"1.5", "1.5"},
		{".5", ".5"},
		{"1.", "1."},
		{"1e3", "1e3"},
		{"2.5E-3", "2.5E-3"},
		{"'it''s'", "'it''s'"},
		{"''", "''"},
		{"TRUE", "TRUE"},
		{"false", "FALSE"},
		{"NULL", "NULL"},
		{"DATE '1997-01-01'", "DATE'1997-01-01'"},
		{"timestamp '1997-01-01 10:00:00'", "TIMESTAMP'1997-01-01 10:00:00'"},
		// names
		{"c", "c"},
		{"t.c", "t.c"},
		{`"Mixed Case"`, "Mixed Case"},
		{`"a""b"."c"`, `a"b.c`},
		{"`back tick`", "back tick"},
		{"date", "date"},
		// placeholders
		{"?", "?#1"},
		{"$3", "$3#3"},
		{"?2", "?2#2"},
		// unary
		{"-1", "(- 1)"},
		{"- - 1", "(- (- 1))"},
		{"+a", "(+ a)"},
		{"~a", "(~ a)"},
		{"NOT a", "(NOT a)"},
		{"NOT NOT a", "(NOT (NOT a))"},
		// binary: arithmetic, concatenation, bits, comparison, logic
		{"a-1", "(- a 1)"},
		{"a - -1", "(- a (- 1))"},
		{"1 + 2 * 3", "(+ 1 (* 2 3))"},
		{"(1 + 2) * 3", "(* (+ 1 2) 3)"},
		{"a / b % c", "(% (/ a b) c)"},
		{"a || b || c", "(|| (|| a b) c)"},
		{"a + b || c", "(+ a (|| b c))"},
		{"-a || b", "(|| (- a) b)"},
		{"a & b | c << 1 >> 2", "(>> (<< (| (& a b) c) 1) 2)"},
		{"a + 1 & b", "(& (+ a 1) b)"},
		{"a = b", "(= a b)"},
		{"a == b", "(= a b)"},
		{"a <> b", "(<> a b)"},
		{"a != b", "(<> a b)"},
		{"a < b", "(< a b)"},
		{"a <= b", "(<= a b)"},
		{"a > b", "(> a b)"},
		{"a >= b", "(>= a b)"},
		{"a < b = c < d", "(= (< a b) (< c d))"},
		{"a = b = c", "(= (= a b) c)"},
		{"a AND b OR c AND d", "(OR (AND a b) (AND c d))"},
		{"a OR b OR c", "(OR (OR a b) c)"},
		{"NOT a = b", "(NOT (= a b))"},
		{"NOT a AND b", "(AND (NOT a) b)"},
		{"a = NOT b", "(= a (NOT b))"},
		{"a = NOT b AND c", "(AND (= a (NOT b)) c)"},
		// IN, BETWEEN, LIKE, IS
		{"a IN (1, 2)", "(IN a 1 2)"},
		{"a NOT IN (1)", "(NOT IN a 1)"},
		{"a IN ()", "(IN a)"},
		{"a IN (SELECT b FROM t)", "(IN a <SELECT b FROM t>)"},
		{"a NOT IN (SELECT b FROM t WHERE c)", "(NOT IN a <SELECT b FROM t WHERE c>)"},
		{"a + 1 IN (2) = TRUE", "(= (IN (+ a 1) 2) TRUE)"},
		{"a BETWEEN 1 AND 2", "(BETWEEN a 1 2)"},
		{"a NOT BETWEEN b + 1 AND c * 2", "(NOT BETWEEN a (+ b 1) (* c 2))"},
		{"a BETWEEN 1 AND 2 AND b", "(AND (BETWEEN a 1 2) b)"},
		{"a BETWEEN b < c AND d", "(BETWEEN a (< b c) d)"},
		{"a LIKE 'x%'", "(LIKE a 'x%')"},
		{"a NOT LIKE 'x!%' ESCAPE '!'", "(NOT LIKE a 'x!%' '!')"},
		{"a LIKE b || '%'", "(LIKE a (|| b '%'))"},
		{"a GLOB 'x*'", "(GLOB a 'x*')"},
		{"a NOT GLOB 'x[a-c]?' = 0", "(= (NOT GLOB a 'x[a-c]?') 0)"},
		{`'a_c' LIKE 'a\_c' ESCAPE '\'`, `(LIKE 'a_c' 'a\_c' '\')`},
		{"like('a%', s)", "(like 'a%' s)"},
		{"glob('a*', s) AND GLOB(p, s, 1)", "(AND (glob 'a*' s) (GLOB p s 1))"},
		{"a IS NULL", "(IS NULL a)"},
		{"a IS NOT NULL", "(IS NOT NULL a)"},
		{"a IS TRUE", "(IS TRUE a)"},
		{"a IS NOT FALSE", "(IS NOT FALSE a)"},
		{"a IS b", "(IS a b)"},
		{"a ISNULL", "(IS NULL a)"},
		{"a + 1 NOTNULL", "(IS NOT NULL (+ a 1))"},
		{"a IS NOT b + 1", "(IS NOT a (+ b 1))"},
		{"a IS (NULL)", "(IS a NULL)"},
		{"NOT a IS NULL", "(NOT (IS NULL a))"},
		{"a = 1 IS NULL", "(IS NULL (= a 1))"},
		{"a < 1 IS NULL", "(IS NULL (< a 1))"},
		// subqueries
		{"(SELECT 1)", "<SELECT 1>"},
		{"(SELECT max(a) FROM t) + 1", "(+ <SELECT max(a) FROM t> 1)"},
		{"EXISTS (SELECT 1 FROM t)", "(EXISTS <SELECT 1 FROM t>)"},
		{"NOT EXISTS (SELECT 1)", "(NOT (EXISTS <SELECT 1>))"},
		{"(SELECT 1 UNION SELECT 2 ORDER BY 1 LIMIT 1)", "<SELECT 1 UNION SELECT 2 ORDER BY 1 LIMIT 1>"},
		// CASE, CAST, calls
		{"CASE WHEN a THEN 1 END", "(CASE (WHEN a 1))"},
		{"CASE WHEN a > 1 THEN 'x' WHEN b THEN 'y' ELSE 'z' END", "(CASE (WHEN (> a 1) 'x') (WHEN b 'y') (ELSE 'z'))"},
		{"CASE a WHEN 1 THEN 2 ELSE 3 END", "(CASE a (WHEN 1 2) (ELSE 3))"},
		{"CAST(a AS INTEGER)", "(CAST a INTEGER)"},
		{"CAST(a + 1 AS varchar(10))", "(CAST (+ a 1) varchar(10))"},
		{"CAST(a AS DOUBLE PRECISION)", "(CAST a DOUBLE PRECISION)"},
		{"count(*)", "(count *)"},
		{"COUNT(DISTINCT a)", "(COUNT DISTINCT a)"},
		{"f()", "(f)"},
		{"coalesce(a, b, 1)", "(coalesce a b 1)"},
		{"left(s, 2)", "(left s 2)"},
		{"replace(s, 'a', 'b')", "(replace s 'a' 'b')"},
		{"sum(a) * 2", "(* (sum a) 2)"},
		// comments
		{"1 -- one\n + /* two */ 2", "(+ 1 2)"},
	}
	for _, tt := range tests {
		e, err := firstExpr(tt.src)
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if got := sexpr(e); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestFormat_expressions(t *testing.T) {
	tests := []struct{ src, want string }{
		{"(1 + 2) * 3", "(1 + 2) * 3"},
		{"1 + (2 * 3)", "1 + 2 * 3"},
		{"(a - b) - c", "a - b - c"},
		{"a - (b - c)", "a - (b - c)"},
		{"- (- 1)", "- -1"},
		{"-(a + b)", "-(a + b)"},
		{"NOT (a AND b)", "NOT (a AND b)"},
		{"a = (NOT b)", "a = (NOT b)"},
		{"(a = b) IS NULL", "a = b IS NULL"},
		{"a IS (NULL)", "a IS (NULL)"},
		{"a IS NOT (TRUE)", "a IS NOT (TRUE)"},
		{"a BETWEEN (b AND c) AND d", "a BETWEEN (b AND c) AND d"},
		{"a BETWEEN (b = c) AND d", "a BETWEEN (b = c) AND d"},
		{`"select" + "a b" + "x""y" + abc`, `"select" + "a b" + "x""y" + abc`},
		{"'it''s'", "'it''s'"},
		{"count(*) + Count(DISTINCT x)", "count(*) + Count(DISTINCT x)"},
		{"case when a then b end", "CASE WHEN a THEN b END"},
		{"a not like b escape c", "a NOT LIKE b ESCAPE c"},
		{"a not glob b", "a NOT GLOB b"},
		{"glob('a*', s)", "glob('a*', s)"},
		{"Like(p, s, '!')", "Like(p, s, '!')"},
		{"x not in (select 1)", "x NOT IN (SELECT 1)"},
		{"date '2020-01-01'", "DATE '2020-01-01'"},
		{"LEFT(s, 1)", "LEFT(s, 1)"},
		{"(a OR b) AND c", "(a OR b) AND c"},
		{"a || (b || c)", "a || (b || c)"},
	}
	for _, tt := range tests {
		e, err := firstExpr(tt.src)
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if got := Format(e); got != tt.want {
			t.Errorf("Format(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
