package etsql_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/etsql/etsql"
	"github.com/etsql/etsql/schema"
)

// dumpAll returns every row of a table, sorted by all its columns.
func dumpAll(t *testing.T, db *etsql.DB, table, orderBy string) string {
	t.Helper()
	rows, err := db.Query("SELECT * FROM " + table + " ORDER BY " + orderBy)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		fmt.Fprintln(&b, rows.Terms())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// InsertRows stores what INSERT statements of the same rows store, in
// every table type and key shape, over several calls (a set's calls reuse
// one buffer of elements: what an earlier call stored must not change).
func TestDB_InsertRows_sameAsInsert(t *testing.T) {
	shapes := []struct {
		name, columns, orderBy string
		row                    func(i int) []any
	}{
		{"int key", "id INT PRIMARY KEY, name TEXT, category INT, price FLOAT, qty INT", "id",
			func(i int) []any {
				return []any{(i * 7919) % 1000, fmt.Sprint("item ", i), i % 10, float64(i) / 4, int64(i)}
			}},
		{"text key", "code TEXT PRIMARY KEY, n INT NOT NULL, at DATE", "code",
			func(i int) []any { return []any{fmt.Sprint("c", (i*31)%1000), i, fmt.Sprintf("2024-01-%02d", i%28+1)} }},
		{"composite key", "a INT, b TEXT, v FLOAT, PRIMARY KEY (a, b)", "a, b",
			func(i int) []any { return []any{i % 37, fmt.Sprint(i / 37), nil} }},
		{"rowid", "x INT, y TEXT", "x, y",
			func(i int) []any { return []any{i % 5, "same"} }},
	}
	for _, typ := range []string{"set", "ordered_set", "bag", "duplicate_bag"} {
		for _, sh := range shapes {
			t.Run(typ+"/"+sh.name, func(t *testing.T) {
				ddl := fmt.Sprintf("CREATE TABLE t (%s) WITH (type = %s)", sh.columns, typ)
				bulk, stmts := open(t, ddl), open(t, ddl)
				width := strings.Count(sh.columns, ",") + 1
				if strings.Contains(sh.columns, "PRIMARY KEY (") {
					width = 3
				}
				insert := "INSERT INTO t VALUES (?" + strings.Repeat(", ?", width-1) + ")"
				const n, batch = 1000, 300
				for start := 0; start < n; start += batch {
					var rows [][]any
					for i := start; i < min(start+batch, n); i++ {
						rows = append(rows, sh.row(i))
						if _, err := stmts.Exec(insert, sh.row(i)...); err != nil {
							t.Fatal(err)
						}
					}
					if err := bulk.InsertRows("t", rows); err != nil {
						t.Fatal(err)
					}
				}
				got, want := dumpAll(t, bulk, "t", sh.orderBy), dumpAll(t, stmts, "t", sh.orderBy)
				if got != want {
					t.Errorf("InsertRows stored\n%.500s\nINSERT stored\n%.500s", got, want)
				}
				if strings.Count(got, "\n") < 100 {
					t.Errorf("only %d rows stored", strings.Count(got, "\n"))
				}
			})
		}
	}
}

// A failing InsertRows stores nothing and says why.
func TestDB_InsertRows_errors(t *testing.T) {
	const ddl = `CREATE TABLE t (id INT PRIMARY KEY, name TEXT NOT NULL, price FLOAT) WITH (type = %s);
CREATE UNIQUE INDEX t_price ON t (price);
INSERT INTO t VALUES (1, 'one', 1.5)`
	tests := []struct {
		name string
		rows [][]any
		is   error
		msg  string
	}{
		{"key twice", [][]any{{2, "a", nil}, {3, "b", nil}, {2, "c", nil}}, etsql.ErrConstraint, "UNIQUE constraint failed"},
		{"key stored", [][]any{{2, "a", nil}, {1, "b", nil}}, etsql.ErrConstraint, "UNIQUE constraint failed"},
		{"unique index", [][]any{{2, "a", 7.0}, {3, "b", 1.5}}, etsql.ErrConstraint, "UNIQUE constraint failed: t.price"},
		{"not null", [][]any{{2, "a", nil}, {3, nil, nil}}, schema.ErrNotNull, "table t, column name: cannot store NULL in a NOT NULL column"},
		{"bad value", [][]any{{2, "a", nil}, {"x", "b", nil}}, schema.ErrBadValue, "table t, column id: cannot store 'x' as INT"},
		{"bad text", [][]any{{2, "\xff", nil}}, schema.ErrBadValue, "column name: cannot store"},
		{"short row", [][]any{{2, "a"}}, schema.ErrBadRow, "table t has 3 columns but 2 values were supplied"},
		{"no such type", [][]any{{2, "a", struct{}{}}}, schema.ErrBadValue, "cannot store a Go value of type struct {} as FLOAT"},
	}
	for _, typ := range []string{"set", "ordered_set"} {
		for _, tt := range tests {
			t.Run(typ+"/"+tt.name, func(t *testing.T) {
				db := open(t, fmt.Sprintf(ddl, typ))
				before := dumpAll(t, db, "t", "id")
				err := db.InsertRows("t", tt.rows)
				if !errors.Is(err, tt.is) || !strings.Contains(fmt.Sprint(err), tt.msg) {
					t.Errorf("got %v; want %v containing %q", err, tt.is, tt.msg)
				}
				if after := dumpAll(t, db, "t", "id"); after != before {
					t.Errorf("the table changed:\n%s", after)
				}
			})
		}
	}
	if err := open(t, "").InsertRows("nope", nil); !errors.Is(err, etsql.ErrNoTable) {
		t.Errorf("unknown table: got %v, want ErrNoTable", err)
	}
}

// A NULL integer key is assigned as INSERT assigns it; the rows of a
// table without a key get consecutive row ids.
func TestDB_InsertRows_assignedKeys(t *testing.T) {
	db := open(t, `CREATE TABLE k (id INT PRIMARY KEY, v TEXT) WITH (type = set);
CREATE TABLE r (v TEXT);
INSERT INTO k VALUES (10, 'ten');
INSERT INTO r VALUES ('first')`)
	if err := db.InsertRows("k", [][]any{{nil, "a"}, {20, "b"}, {nil, "c"}}); err != nil {
		t.Fatal(err)
	}
	if got, want := dumpAll(t, db, "k", "id"), "[10 <<\"ten\">>]\n[11 <<\"a\">>]\n[20 <<\"b\">>]\n[21 <<\"c\">>]\n"; got != want {
		t.Errorf("integer keys:\n%s\nwant\n%s", got, want)
	}
	if err := db.InsertRows("r", [][]any{{"second"}, {"third"}}); err != nil {
		t.Fatal(err)
	}
	if got, want := dumpAll(t, db, "r", "rowid"), "[<<\"first\">>]\n[<<\"second\">>]\n[<<\"third\">>]\n"; got != want {
		t.Errorf("row ids:\n%s\nwant\n%s", got, want)
	}
	var id int64
	if err := db.QueryRow("SELECT rowid FROM r WHERE v = 'third'").Scan(&id); err != nil || id != 3 {
		t.Errorf("row id of the third row: %d, %v; want 3", id, err)
	}
}

// Two rows of one statement whose keys the table takes for the same key
// conflict: 1 and 1.0 in an ordered_set (==), not in a set (=:=).
func TestDB_Exec_insertKeysEqualInTableOrder(t *testing.T) {
	for typ, want := range map[string]bool{"ordered_set": true, "set": false} {
		db := open(t, "CREATE TABLE t (k TERM PRIMARY KEY, v INT) WITH (type = "+typ+")")
		_, err := db.Exec("INSERT INTO t VALUES (1, 1), (1.0, 2)")
		if got := errors.Is(err, etsql.ErrConstraint); got != want {
			t.Errorf("%s: got %v; want a constraint error: %v", typ, err, want)
		}
		var n int64
		if err := db.QueryRow("SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != map[bool]int64{true: 0, false: 2}[want] {
			t.Errorf("%s: %d rows stored, %v", typ, n, err)
		}
	}
}
