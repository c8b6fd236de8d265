package etsql_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/etsql/etsql"
)

const fuzzSchema = `
CREATE TABLE a (id INT PRIMARY KEY, s TEXT, f FLOAT, b BOOL, d DATE);
CREATE TABLE c (x INT, y INT, z TEXT, PRIMARY KEY (x, y)) WITH (type = set);
CREATE TABLE r (v INT, w TEXT);
INSERT INTO a VALUES (1, 'one', 1.5, true, '1997-01-01'), (2, NULL, NULL, NULL, NULL), (3, 'three', -2, false, '2000-02-29');
INSERT INTO c VALUES (1, 1, 'p'), (1, 2, NULL), (2, 1, 'q');
INSERT INTO r VALUES (1, 'a'), (1, 'a'), (NULL, NULL)`

// FuzzQuery runs any SQL on a small database: it may fail, never panic.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{
		"SELECT * FROM a WHERE id = 1", "SELECT s || f, d FROM a ORDER BY 2 DESC",
		"SELECT x, COUNT(*) FROM c GROUP BY x HAVING SUM(y) > 1", "SELECT * FROM a LEFT JOIN c ON c.x = a.id",
		"UPDATE a SET f = f * 2 WHERE b", "DELETE FROM r WHERE v IS NULL", "INSERT INTO r SELECT id, s FROM a",
		"SELECT (SELECT MAX(v) FROM r WHERE r.v = a.id) FROM a", "EXPLAIN ANALYZE SELECT * FROM c WHERE x = 1 AND y > 0",
		"SELECT v FROM r UNION SELECT id FROM a ORDER BY 1 LIMIT 2 OFFSET 1", "SELECT substr(s, -2, 9), round(f, 1), cast(d AS TEXT) FROM a",
		"CREATE TRIGGER t1 AFTER INSERT ON r WHEN NEW.v > 0 BEGIN UPDATE a SET f = f + 1 WHERE id = NEW.v; DELETE FROM c WHERE x = NEW.v; END; INSERT INTO r VALUES (1, 'x')",
		"CREATE TRIGGER t2 BEFORE UPDATE OF s ON a BEGIN SELECT RAISE(ABORT, 'no') WHERE NEW.s = 'z'; INSERT INTO r VALUES (OLD.id, NEW.s); END; UPDATE a SET s = 'y'",
		"CREATE TABLE u (k PRIMARY KEY, v); INSERT INTO u VALUES (1, 'a'), ('1', 2.5); SELECT * FROM u JOIN r ON u.k = r.v ORDER BY v",
	} {
		f.Add(s)
	}
	files, _ := filepath.Glob("tests/testdata/*.test")
	for _, file := range files {
		data, _ := os.ReadFile(file)
		for _, block := range strings.Split(string(data), "\n\n") {
			lines := strings.Split(strings.TrimSpace(block), "\n")
			if len(lines) > 1 && (strings.HasPrefix(lines[0], "query") || strings.HasPrefix(lines[0], "statement")) {
				sql, _, _ := strings.Cut(strings.Join(lines[1:], "\n"), "\n----")
				f.Add(sql)
			}
		}
	}
	exprs, _ := os.ReadFile("tests/testdata/functions_diff.txt")
	for _, line := range strings.Split(string(exprs), "\n") {
		if line != "" && !strings.HasPrefix(line, "--") {
			f.Add("SELECT " + line + ", " + strings.ReplaceAll(line, "'", "s") + " FROM a")
		}
	}
	f.Fuzz(func(t *testing.T, sql string) {
		db, err := etsql.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(fuzzSchema); err != nil {
			t.Fatal(err)
		}
		if rows, err := db.Query(sql); err == nil {
			for rows.Next() {
				rows.Values()
			}
		}
		db.Exec(sql)
		db.Explain(sql)
	})
}
