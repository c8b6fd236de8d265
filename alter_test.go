package etsql_test

import (
	"strings"
	"testing"
)

// TestTx_Rollback_alterTable: a rollback undoes ALTER TABLE: the rows are
// as they were (their old layout), the declaration and name are back, and
// the indexes the ALTER built again read the right columns.
func TestTx_Rollback_alterTable(t *testing.T) {
	db := open(t, `CREATE TABLE t (id INT PRIMARY KEY, a TEXT, b INT, c TEXT);
CREATE INDEX t_c ON t (c);
INSERT INTO t VALUES (1, 'x', 10, 'p'), (2, 'y', 20, 'q')`)
	before := names(t, db, "SELECT * FROM t ORDER BY id")
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"ALTER TABLE t ADD COLUMN d INT DEFAULT 7",
		"INSERT INTO t VALUES (3, 'z', 30, 'r', 8)",
		"ALTER TABLE t DROP COLUMN b",
		"ALTER TABLE t RENAME COLUMN a TO aa",
		"ALTER TABLE t RENAME TO u",
		"UPDATE u SET aa = 'w' WHERE c = 'q'",
	} {
		if _, err := tx.Exec(s); err != nil {
			t.Fatal(s, err)
		}
	}
	if got := names(t, tx, "SELECT * FROM u WHERE c = 'q'"); got != "2 w q 7" {
		t.Errorf("in the transaction: %q", got)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if got := names(t, db, "SELECT * FROM t ORDER BY id"); got != before {
		t.Errorf("after rollback: %q, want %q", got, before)
	}
	if got := names(t, db, "SELECT id, b FROM t WHERE c = 'q'"); got != "2 20" {
		t.Errorf("index after rollback: %q", got)
	}
	if got := names(t, db, "EXPLAIN SELECT id FROM t WHERE c = 'q'"); !strings.Contains(got, "index t_c on t") {
		t.Errorf("plan after rollback: %s", got)
	}
	if _, ok := db.Table("u"); ok {
		t.Errorf("the renamed table is still there")
	}
	if _, ok := db.Engine().Whereis("t"); !ok {
		t.Errorf("the ETS table has not its name back")
	}
}
