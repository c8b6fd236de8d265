package tests

import (
	"testing"
)

// TestDifferential_alterTable runs ALTER TABLE steps in etsql and SQLite,
// with writes between them: after each, the table's rows (and the rows
// through its indexes) must be SQLite's, and a step must fail in both or
// in neither.
func TestDifferential_alterTable(t *testing.T) {
	db, lite := openPair(t)
	steps := []string{
		"CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INT, c FLOAT)",
		"CREATE INDEX t_b ON t (b)",
		"CREATE INDEX t_ca ON t (c, a)",
		"INSERT INTO t (a, b, c) VALUES ('x', 1, 1.5), ('y', 2, 2.5), (NULL, 3, NULL)",
		"ALTER TABLE t ADD COLUMN d TEXT DEFAULT 'dd'",
		"ALTER TABLE t ADD COLUMN e INT NOT NULL DEFAULT 5",
		"ALTER TABLE t ADD COLUMN f INT NOT NULL",
		"ALTER TABLE t ADD COLUMN a INT",
		"INSERT INTO t (a, b, c, d) VALUES ('z', 4, 0.5, NULL)",
		"UPDATE t SET e = e + b WHERE b > 1",
		"ALTER TABLE t DROP COLUMN b",
		"DROP INDEX t_b",
		"ALTER TABLE t DROP COLUMN b",
		"ALTER TABLE t DROP COLUMN id",
		"ALTER TABLE t DROP COLUMN d",
		"INSERT INTO t (a, c, e) VALUES ('w', 9.5, 1)",
		"ALTER TABLE t RENAME COLUMN e TO ee",
		"ALTER TABLE t RENAME COLUMN nope TO x",
		"ALTER TABLE t RENAME COLUMN ee TO a",
		"UPDATE t SET ee = ee * 2 WHERE c > 1",
		"ALTER TABLE t RENAME TO t2",
		"DELETE FROM t2 WHERE a = 'x'",
		"ALTER TABLE t2 RENAME TO t",
		"CREATE TABLE k (a INT, b TEXT, v INT, PRIMARY KEY (a, b))",
		"INSERT INTO k VALUES (1, 'p', 5), (2, 'q', 6)",
		"ALTER TABLE k DROP COLUMN b",
		"ALTER TABLE k ADD COLUMN w TEXT DEFAULT 'w'",
		"ALTER TABLE k DROP COLUMN v",
		"INSERT INTO k (a, b) VALUES (3, 'r')",
	}
	queries := []string{
		"SELECT * FROM t", "SELECT a, c FROM t WHERE c > 1", "SELECT * FROM t WHERE c = 0.5 AND a = 'z'",
		"SELECT * FROM t WHERE b = 2", "SELECT * FROM k",
	}
	for _, s := range steps {
		_, err := db.Exec(s)
		_, lerr := lite.Exec(s)
		if (err == nil) != (lerr == nil) {
			t.Fatalf("%s: etsql error %v, sqlite error %v", s, err, lerr)
		}
		for _, q := range queries {
			_, _, err := queryEtsql(db, q)
			_, _, lerr := querySQLite(lite, q)
			if (err == nil) != (lerr == nil) {
				t.Fatalf("after %s: %s: etsql error %v, sqlite error %v", s, q, err, lerr)
			}
			if err == nil {
				compareQuery(t, "after "+s, db, lite, q)
			}
		}
	}
}
