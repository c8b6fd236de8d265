package tests

import (
	"strings"
	"testing"
)

// TestDifferential_smallTables compares etsql with SQLite on small tables
// made to hold NULLs, empty text, negative and fractional numbers: NULL
// ordering, three-valued logic, mixed-type ordering, affinity, LEFT JOIN
// corners, NOT IN with NULLs, and DML with subqueries.
func TestDifferential_smallTables(t *testing.T) {
	db, lite := openPair(t)
	setup := []string{
		"CREATE TABLE t (id INT PRIMARY KEY, a INT, b FLOAT, s TEXT)",
		"CREATE TABLE u (id INT PRIMARY KEY, t_id INT, s TEXT)",
		"INSERT INTO t VALUES (1, 1, 1.5, 'x'), (2, NULL, 2.0, 'Y'), (3, 3, NULL, NULL), (4, 1, -1.0, ''), (5, 2, 0.0, 'x%')",
		"INSERT INTO u VALUES (1, 1, 'a'), (2, 1, 'b'), (3, 9, 'c'), (4, NULL, NULL)",
		"CREATE TABLE nokey (v INT, w TEXT)",
		"INSERT INTO nokey VALUES (5, 'p'), (NULL, 'q'), (5, 'p'), (7, NULL)",
	}
	for _, s := range setup {
		if _, err := db.Exec(s); err != nil {
			t.Fatal(s, err)
		}
		if _, err := lite.Exec(s); err != nil {
			t.Fatal(s, err)
		}
	}
	qs := `SELECT a, COUNT(*) FROM t GROUP BY a ORDER BY a
SELECT a FROM t ORDER BY a DESC
SELECT DISTINCT a FROM t ORDER BY a
SELECT s FROM t ORDER BY s
SELECT id FROM t WHERE s LIKE 'x\%' ESCAPE '\'
SELECT id FROM t WHERE s = ''
SELECT id FROM t WHERE s IS NOT NULL AND s < 'Z'
SELECT t.id, u.id FROM t LEFT JOIN u ON u.t_id = t.id ORDER BY t.id, u.id
SELECT t.id, u.id FROM t LEFT JOIN u ON u.t_id = t.id WHERE u.s IS NULL ORDER BY t.id
SELECT t.id FROM t JOIN u ON u.t_id = t.a ORDER BY t.id, u.id
SELECT COUNT(*), COUNT(a), SUM(a), AVG(b), MIN(s), MAX(s), TOTAL(b) FROM t
SELECT a, SUM(b) FROM t GROUP BY a HAVING SUM(b) IS NOT NULL ORDER BY 1
SELECT id, a + b, a * b, a / 2, b / 2, a % 2, a || s FROM t ORDER BY id
SELECT id, CASE a WHEN 1 THEN 'one' WHEN NULL THEN 'null' ELSE 'other' END FROM t ORDER BY id
SELECT id FROM t WHERE a IN (SELECT t_id FROM u)
SELECT id FROM t WHERE a NOT IN (SELECT t_id FROM u)
SELECT id FROM t WHERE a NOT IN (SELECT t_id FROM u WHERE t_id IS NOT NULL)
SELECT id, (SELECT s FROM u WHERE u.t_id = t.id ORDER BY u.id DESC) FROM t ORDER BY id
SELECT id FROM t WHERE EXISTS (SELECT * FROM u WHERE u.t_id = t.a) ORDER BY id
SELECT id FROM t WHERE b > a ORDER BY id
SELECT id FROM t WHERE NOT (b > a) ORDER BY id
SELECT id FROM t WHERE a = b ORDER BY id
SELECT id FROM t WHERE b = 2 ORDER BY id
SELECT id FROM t WHERE b = '2' ORDER BY id
SELECT id FROM t WHERE s > 1 ORDER BY id
SELECT id FROM t WHERE a BETWEEN b AND 3 ORDER BY id
SELECT MAX(a) FROM t WHERE id > 100
SELECT a FROM t GROUP BY a HAVING COUNT(*) > 1
SELECT COUNT(DISTINCT a), COUNT(DISTINCT s) FROM t
SELECT id FROM t ORDER BY a, id LIMIT 2 OFFSET 1
SELECT id FROM t ORDER BY a DESC, id DESC LIMIT 3
SELECT * FROM (SELECT a, COUNT(*) AS c FROM t GROUP BY a) WHERE c > 1
SELECT x.a, y.a FROM t x, t y WHERE x.id = 1 AND y.id = 2
SELECT a FROM t UNION SELECT t_id FROM u
SELECT a FROM t INTERSECT SELECT t_id FROM u
SELECT a FROM t EXCEPT SELECT t_id FROM u
SELECT a FROM t UNION ALL SELECT t_id FROM u ORDER BY 1 DESC
SELECT id, b, ROUND(b), CAST(b AS INT), CAST(s AS INT), CAST(a AS TEXT) FROM t ORDER BY id
SELECT UPPER(s), LENGTH(s), SUBSTR(s, 2), TRIM(s, 'x') FROM t ORDER BY id
SELECT id, COALESCE(a, b, -1), IFNULL(s, 'none'), NULLIF(a, 1) FROM t ORDER BY id
SELECT id, a IS NULL, a IS NOT NULL, a IS 1, a IS NOT 1 FROM t ORDER BY id
SELECT id, a = 1 OR b > 1, a = 1 AND b > 1, NOT (a = 1) FROM t ORDER BY id
SELECT SUM(a) / COUNT(a), AVG(a) FROM t
SELECT id FROM t WHERE id = 1 OR a = 3 ORDER BY id
SELECT id FROM t WHERE id IN (1, 3) OR s = 'Y' ORDER BY id
SELECT id FROM t WHERE id > 2 ORDER BY id DESC LIMIT 1
SELECT id FROM t WHERE id >= 2 AND id <= 4 AND a IS NOT NULL ORDER BY id
SELECT 1 WHERE 1 = 1
SELECT 1 WHERE NULL
SELECT COUNT(*) WHERE 0
SELECT id, typeof(a), typeof(b), typeof(s) FROM t ORDER BY id
SELECT a, GROUP_CONCAT(id) FROM t GROUP BY a ORDER BY a
SELECT t.*, u.s FROM t JOIN u ON u.t_id = t.id ORDER BY t.id, u.id
SELECT id FROM t WHERE s LIKE '%'
SELECT id FROM t WHERE s NOT LIKE '%'
SELECT id FROM t WHERE a + 0 = 1 ORDER BY id
SELECT id, -a, ~a, a << 2, a >> 1, a & 3, a | 4 FROM t ORDER BY id
SELECT a, MIN(b), MAX(b) FROM t GROUP BY a ORDER BY a
SELECT s, COUNT(*) FROM t GROUP BY s ORDER BY s
SELECT COUNT(*) FROM t, u
SELECT id FROM t WHERE (SELECT COUNT(*) FROM u WHERE u.t_id = t.id) = 2
SELECT u.s, t.s FROM u LEFT JOIN t ON t.id = u.t_id AND t.a > 0 ORDER BY u.id
SELECT u.id, t.id, x.id FROM u LEFT JOIN t ON t.id = u.t_id AND EXISTS (SELECT 1 FROM u y WHERE y.t_id = t.a) JOIN t x ON x.id = u.id ORDER BY u.id
SELECT CASE WHEN id > 2 THEN id ELSE s END AS m FROM t ORDER BY m
SELECT CASE WHEN id > 2 THEN id ELSE s END AS m FROM t ORDER BY m DESC
SELECT MAX(CASE WHEN id > 2 THEN id ELSE s END), MIN(CASE WHEN id > 2 THEN id ELSE s END) FROM t
SELECT DISTINCT CASE WHEN id > 2 THEN 1 ELSE 1.0 END FROM t
SELECT id FROM t WHERE id = (SELECT MAX(t_id) FROM u WHERE t_id < 5)
SELECT id, a FROM t WHERE a > (SELECT AVG(t_id) FROM u) ORDER BY id
SELECT id FROM t WHERE s IN ('x', 'Y', NULL) ORDER BY id
SELECT id FROM t WHERE s NOT IN ('x') ORDER BY id
SELECT 10 / 3, 10.0 / 3, 10 % 3.5, 2 + '3', '3' * '4', 'abc' + 1
SELECT 'A' || NULL, NULL || NULL, 1 || 2
SELECT rowid, v, w FROM nokey WHERE rowid > 1
SELECT rowid, * FROM nokey WHERE rowid IN (1, 4, 9) ORDER BY rowid DESC
SELECT v, COUNT(*), MAX(rowid) FROM nokey GROUP BY v
SELECT n.rowid, t.id FROM nokey n JOIN t ON t.id = n.rowid`
	for _, q := range strings.Split(qs, "\n") {
		compareQuery(t, "small tables", db, lite, q)
	}
	for _, q := range []string{
		"UPDATE t SET a = (SELECT COUNT(*) FROM u WHERE u.t_id = t.id)",
		"DELETE FROM u WHERE NOT EXISTS (SELECT 1 FROM t WHERE t.id = u.t_id)",
		"INSERT INTO u SELECT id + 10, a, s FROM t WHERE a > 0 ORDER BY id LIMIT 2",
		"UPDATE t SET s = s || '!' WHERE s IS NOT NULL AND id IN (SELECT t_id FROM u)",
		"UPDATE t SET b = NULL WHERE id = 2",
		"UPDATE t SET id = id + 1 WHERE id = 5",
		"DELETE FROM t WHERE id = 6",
		"DELETE FROM nokey WHERE rowid = 2",
		"UPDATE nokey SET w = 'z' WHERE rowid >= 3",
	} {
		compareDML(t, "small tables", db, lite, q)
	}
}
