package etsql_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/etsql/etsql"
	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/planner"
	"github.com/etsql/etsql/term"
)

func open(t testing.TB, script string) *etsql.DB {
	t.Helper()
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	if script != "" {
		if _, err := db.Exec(script); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

const products = `
CREATE TABLE products (id INT PRIMARY KEY, name TEXT NOT NULL, price FLOAT, stock INT);
INSERT INTO products VALUES (1, 'chai', 18, 39), (2, 'chang', 19, 17), (3, 'syrup', 10, 13), (11, 'queso', 21, 22)`

func TestDB_Prepare_placeholders(t *testing.T) {
	db := open(t, products)
	st, err := db.Prepare("SELECT name FROM products WHERE id = ?")
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int]string{1: "chai", 3: "syrup", 11: "queso"} {
		var name string
		rows, err := st.Query(id)
		if err != nil {
			t.Fatal(err)
		}
		if !rows.Next() {
			t.Fatalf("id %d: no row", id)
		}
		if err := rows.Scan(&name); err != nil || name != want {
			t.Errorf("id %d: got %q, %v; want %q", id, name, err, want)
		}
	}
	var n int64
	if err := db.QueryRow("SELECT COUNT(*) FROM products WHERE price > $1 AND stock > $2", 15, 20).Scan(&n); err != nil || n != 2 {
		t.Errorf("COUNT with $N: %d, %v; want 2", n, err)
	}
	if err := db.QueryRow("SELECT name FROM products WHERE id = ?", 99).Scan(new(string)); !errors.Is(err, etsql.ErrNoRows) {
		t.Errorf("missing row: %v, want ErrNoRows", err)
	}
	if _, err := db.Query("SELECT name FROM products WHERE id = ?"); !errors.Is(err, etsql.ErrParams) {
		t.Errorf("missing argument: %v, want ErrParams", err)
	}
}

func TestDB_Exec_result(t *testing.T) {
	db := open(t, "CREATE TABLE r (x INT, y TEXT); CREATE TABLE k (id INT PRIMARY KEY, v TEXT)")
	res, err := db.Exec("INSERT INTO r VALUES (1, 'a'), (2, 'b')")
	if err != nil || res.RowsAffected != 2 || res.LastInsertId != 2 {
		t.Errorf("rowid insert: %+v, %v", res, err)
	}
	res, err = db.Exec("INSERT INTO k VALUES (42, 'x')")
	if err != nil || res.RowsAffected != 1 || res.LastInsertId != 42 {
		t.Errorf("keyed insert: %+v, %v", res, err)
	}
	res, err = db.Exec("UPDATE r SET y = 'z' WHERE x >= ?", 1)
	if err != nil || res.RowsAffected != 2 {
		t.Errorf("update: %+v, %v", res, err)
	}
}

func TestDB_Exec_errors(t *testing.T) {
	db := open(t, products)
	_, err := db.Exec("INSERT INTO products VALUES (1, 'dup', 1, 1)")
	if !errors.Is(err, etsql.ErrConstraint) || !errors.Is(err, etsql.ErrDuplicateKey) {
		t.Errorf("duplicate key: %v", err)
	}
	if _, err := db.Query("SELECT * FROM nope"); !errors.Is(err, etsql.ErrNoTable) {
		t.Errorf("no table: %v", err)
	}
	if _, err := db.Query("SELECT nope FROM products"); !errors.Is(err, etsql.ErrNoColumn) {
		t.Errorf("no column: %v", err)
	}
	if _, err := db.Exec("INSERT INTO products VALUES (5, 'x', 'abc', 1)"); !errors.Is(err, etsql.ErrBadValue) {
		t.Errorf("bad value: %v", err)
	}
	_, err = db.Query("SELECT * FORM products")
	var perr *parser.Error
	if !errors.As(err, &perr) || perr.Pos.Line != 1 || perr.Pos.Column != 10 {
		t.Errorf("syntax error: %v, want a *parser.Error at 1:10", err)
	}
}

func TestDB_QueryContext_cancelled(t *testing.T) {
	db := open(t, products)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.QueryContext(ctx, "SELECT * FROM products"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled query: %v", err)
	}
}

func TestDB_Engine_sharesTables(t *testing.T) {
	db := open(t, products)
	tab, ok := db.Engine().Whereis("products")
	if !ok {
		t.Fatal("no ETS table products")
	}
	objs, err := tab.Lookup(db.Process(), term.Int(11))
	if err != nil || len(objs) != 1 {
		t.Fatalf("ets:lookup(products, 11): %v, %v", objs, err)
	}
	if got := term.Format(objs[0]); got != `{11,<<"queso">>,21.0,22}` {
		t.Errorf("row %s", got)
	}
}

func TestDB_Explain_specs(t *testing.T) {
	db := open(t, products)
	p, err := db.Explain("SELECT * FROM products WHERE id = ? AND price > ?", 11, 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Accesses) != 1 {
		t.Fatalf("%d accesses", len(p.Accesses))
	}
	want := `[{{11,'_','$3','_'},[{'andalso',{is_number,'$3'},{'>','$3',20}}],['$_']}]`
	if got := p.Accesses[0].Spec.String(); got != want {
		t.Errorf("spec %s, want %s", got, want)
	}
}

func TestDB_concurrentUse(t *testing.T) {
	db := open(t, "CREATE TABLE c (id INT PRIMARY KEY, v INT)")
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				id := g*1000 + i
				if _, err := db.Exec("INSERT INTO c VALUES (?, ?)", id, i); err != nil {
					t.Error(err)
					return
				}
				var v int64
				if err := db.QueryRow("SELECT v FROM c WHERE id = ?", id).Scan(&v); err != nil || v != int64(i) {
					t.Errorf("read back %d: %d, %v", id, v, err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	var n int64
	if err := db.QueryRow("SELECT COUNT(*) FROM c").Scan(&n); err != nil || n != 800 {
		t.Errorf("count %d, %v", n, err)
	}
}

func Example() {
	db, _ := etsql.Open()
	db.Exec(`CREATE TABLE products (id INT PRIMARY KEY, name TEXT, price FLOAT)`)
	db.Exec(`INSERT INTO products VALUES (1, 'Chai', 18), (2, 'Chang', 19), (3, 'Syrup', 10)`)
	rows, _ := db.Query(`SELECT name, price * 2 FROM products WHERE price > ? ORDER BY id`, 15)
	for rows.Next() {
		var name string
		var double float64
		rows.Scan(&name, &double)
		fmt.Println(name, double)
	}
	plan, _ := db.Explain(`SELECT name FROM products WHERE id = 2`)
	for _, l := range plan.Lines {
		fmt.Println(l)
	}
	// Output:
	// Chai 36
	// Chang 38
	// scan: lookup products key 2
	//   match spec: [{{2,'_','_'},[],['$_']}]
}

func TestDB_ExplainAnalyze_counts(t *testing.T) {
	db := open(t, products)
	rows, err := db.Query("EXPLAIN ANALYZE SELECT name FROM products WHERE id = 11")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l)
	}
	want := []string{"scan: lookup products key 11", "  match spec: [{{11,'_','_','_'},[],['$_']}]", "  rows examined: 1, returned: 1"}
	if len(lines) != 4 || !slices.Equal(lines[:3], want) || !strings.HasPrefix(lines[3], "rows: 1, time: ") {
		t.Errorf("EXPLAIN ANALYZE:\n%s", strings.Join(lines, "\n"))
	}
}

func TestDB_Close_closed(t *testing.T) {
	db := open(t, products)
	db.Close()
	if _, err := db.Query("SELECT 1"); !errors.Is(err, etsql.ErrClosed) {
		t.Errorf("query after Close: %v", err)
	}
}

func TestDB_Prepare_replansAfterDDL(t *testing.T) {
	db := open(t, "CREATE TABLE t (a INT PRIMARY KEY, b TEXT)")
	st, err := db.Prepare("SELECT * FROM t")
	if err != nil {
		t.Fatal(err)
	}
	db.Exec("DROP TABLE t; CREATE TABLE t (a INT PRIMARY KEY, b TEXT, c INT); INSERT INTO t VALUES (1, 'x', 2)")
	rows, err := st.Query()
	if err != nil {
		t.Fatal(err)
	}
	if cols := rows.Columns(); len(cols) != 3 {
		t.Errorf("columns after the table changed: %v", cols)
	}
}

// cancelAfter is a context whose Err reports cancellation from its n-th
// call on, so a test can cancel in the middle of a scan.
type cancelAfter struct {
	context.Context
	n, calls int
}

func (c *cancelAfter) Err() error {
	if c.calls++; c.calls >= c.n {
		return context.Canceled
	}
	return nil
}

func TestDB_QueryContext_cancelledDuringScan(t *testing.T) {
	db := open(t, "CREATE TABLE big (id INT PRIMARY KEY, v INT)")
	rows := make([][]any, 5000)
	for i := range rows {
		rows[i] = []any{i, i % 7}
	}
	if err := db.InsertRows("big", rows); err != nil {
		t.Fatal(err)
	}
	ctx := &cancelAfter{Context: context.Background(), n: 2}
	if _, err := db.QueryContext(ctx, "SELECT v, COUNT(*) FROM big GROUP BY v"); !errors.Is(err, context.Canceled) {
		t.Errorf("scan not cancelled: %v", err)
	}
	if ctx.calls < 2 {
		t.Errorf("the scan never checked the context")
	}
}

func TestDB_concurrentDDL(t *testing.T) {
	db := open(t, products)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 50; i++ {
			db.Exec("CREATE TABLE tmp (a INT PRIMARY KEY)")
			db.Exec("INSERT INTO tmp VALUES (1)")
			db.Exec("DROP TABLE tmp")
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 200; i++ {
			db.Query("SELECT * FROM tmp")
			if _, err := db.Query("SELECT name FROM products WHERE id = ?", 1); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	wg.Wait()
}

func TestDB_Exec_argumentCount(t *testing.T) {
	db := open(t, products)
	st, err := db.Prepare("SELECT name FROM products WHERE id = ? OR id = ?")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		run  func() error
	}{
		{"Exec too many", func() error {
			_, err := db.Exec("UPDATE products SET stock = ? WHERE id = ?", 1, 2, 3)
			return err
		}},
		{"Exec too few", func() error { _, err := db.Exec("UPDATE products SET stock = ? WHERE id = ?", 1); return err }},
		{"Exec none expected", func() error { _, err := db.Exec("DELETE FROM products WHERE id = 1", 1); return err }},
		{"Query too many", func() error { _, err := db.Query("SELECT * FROM products WHERE id = $1", 1, 1); return err }},
		{"Stmt.Exec too many", func() error { _, err := st.Exec(1, 2, 3); return err }},
		{"Stmt.Query too few", func() error { _, err := st.Query(1); return err }},
		{"Explain too many", func() error { _, err := db.Explain("SELECT * FROM products WHERE id = ?", 1, 2); return err }},
	} {
		if err := tc.run(); !errors.Is(err, etsql.ErrParams) {
			t.Errorf("%s: %v, want ErrParams", tc.name, err)
		}
	}
	var stock int64
	if err := db.QueryRow("SELECT stock FROM products WHERE id = 1").Scan(&stock); err != nil || stock != 39 {
		t.Errorf("stock of 1 after refused statements: %d, %v; want 39", stock, err)
	}
	if _, err := db.Explain("SELECT * FROM products WHERE id = ?"); err != nil {
		t.Errorf("Explain without arguments: %v", err)
	}
}

func TestDB_Query_noTableMatchesEngine(t *testing.T) {
	db := open(t, products)
	_, err := db.Query("SELECT * FROM nope")
	if !errors.Is(err, etsql.ErrNoTable) || !errors.Is(err, engine.ErrNoTable) {
		t.Errorf("SELECT from a missing table: %v, want etsql.ErrNoTable and engine.ErrNoTable", err)
	}
	if err == nil || !strings.HasSuffix(err.Error(), "no such table: nope") {
		t.Errorf("message %q, want it to end in \"no such table: nope\"", err)
	}
	if _, err := db.Exec("DROP TABLE nope"); !errors.Is(err, engine.ErrNoTable) || err.Error() != "no such table: nope" {
		t.Errorf("DROP TABLE of a missing table: %v, want engine.ErrNoTable, \"no such table: nope\"", err)
	}
	ets, ok := db.Engine().Whereis("products")
	if !ok {
		t.Fatal("engine has no products table")
	}
	if _, err := db.Exec("DROP TABLE products"); err != nil {
		t.Fatal(err)
	}
	if _, err := ets.Lookup(db.Process(), term.Int(1)); !errors.Is(err, etsql.ErrNoTable) {
		t.Errorf("engine lookup in a dropped table: %v, want etsql.ErrNoTable", err)
	}
}

func TestStmt_Close_closed(t *testing.T) {
	db := open(t, products)
	st, err := db.Prepare("SELECT name FROM products WHERE id = ?")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.Query(1)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := st.Query(1); !errors.Is(err, etsql.ErrClosed) {
		t.Errorf("Query after Close: %v, want ErrClosed", err)
	}
	if _, err := st.Exec(1); !errors.Is(err, etsql.ErrClosed) {
		t.Errorf("Exec after Close: %v, want ErrClosed", err)
	}
	var name string
	if !rows.Next() || rows.Scan(&name) != nil || name != "chai" {
		t.Errorf("rows of a query before Close: %q, want chai", name)
	}
}

func TestOpen_WithEngine_onlySQLTablesVisible(t *testing.T) {
	eng := engine.NewDB()
	owner := eng.NewProcess("erlang code")
	if _, err := eng.New(owner, "counters", engine.Options{Named: true, Access: engine.Public}); err != nil {
		t.Fatal(err)
	}
	db, err := etsql.Open(etsql.WithEngine(eng))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Query("SELECT * FROM counters"); !errors.Is(err, etsql.ErrNoTable) {
		t.Errorf("query of an engine table: %v, want ErrNoTable", err)
	}
	if _, err := db.Exec("CREATE TABLE counters (k INT PRIMARY KEY)"); !errors.Is(err, etsql.ErrTableExists) {
		t.Errorf("CREATE TABLE of an engine table's name: %v, want ErrTableExists", err)
	}
	if _, err := db.Exec("CREATE TABLE t (k INT PRIMARY KEY); INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	if _, ok := eng.Whereis("t"); !ok {
		t.Error("the SQL table t is not in the engine")
	}
	db.Close()
	if _, ok := eng.Whereis("t"); ok {
		t.Error("the SQL table t outlives DB.Close")
	}
	if _, ok := eng.Whereis("counters"); !ok {
		t.Error("DB.Close deleted a table it does not own")
	}
}

func TestStmt_NumInput_dollarN(t *testing.T) {
	db := open(t, products)
	for sql, want := range map[string]int{
		"SELECT * FROM products":                          0,
		"SELECT * FROM products WHERE id = ? OR id = ?":   2,
		"SELECT * FROM products WHERE id = $2 OR id = $2": 2,
	} {
		st, err := db.Prepare(sql)
		if err != nil {
			t.Fatal(err)
		}
		if n := st.NumInput(); n != want {
			t.Errorf("%s: NumInput %d, want %d", sql, n, want)
		}
	}
}

// A table fixed by its row id is read first in a join, as one fixed by
// its primary key is.
func TestDB_Explain_rowidLookupLeadsJoin(t *testing.T) {
	db := open(t, products+"; CREATE TABLE r (x INT); INSERT INTO r VALUES (1), (3)")
	p, err := db.Explain("SELECT * FROM products p, r WHERE r.rowid = 2 AND p.id = r.x")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Accesses) != 2 || p.Accesses[0].Table != "r" || p.Accesses[0].Path != planner.PathLookup ||
		p.Accesses[1].Path != planner.PathLookup {
		t.Errorf("accesses %+v, want a lookup of r then a lookup of products", p.Accesses)
	}
}

func TestStmt_QueryRow_lookups(t *testing.T) {
	db := open(t, `CREATE TABLE t (id INT PRIMARY KEY, name TEXT, price FLOAT);
		INSERT INTO t VALUES (1, 'one', 1.5), (2, 'two', 2), (3, NULL, 3.5)`)
	st, err := db.Prepare("SELECT name, price FROM t WHERE id = ? AND price > 1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id    int
		name  string
		price float64
		err   error
	}{
		{1, "one", 1.5, nil},
		{2, "two", 2, nil},
		{9, "", 0, etsql.ErrNoRows},
		{1, "one", 1.5, nil},
	}
	for _, tt := range tests {
		var name string
		var price float64
		err := st.QueryRow(tt.id).Scan(&name, &price)
		if !errors.Is(err, tt.err) || name != tt.name || price != tt.price {
			t.Errorf("id %d: got %q, %v, %v; want %q, %v, %v", tt.id, name, price, err, tt.name, tt.price, tt.err)
		}
	}
	var name *string
	if err := st.QueryRow(3).Scan(&name, new(float64)); err != nil || name != nil {
		t.Errorf("id 3: got %v, %v; want a nil name", name, err)
	}
	row := st.QueryRow(1)
	if err := row.Scan(new(string), new(float64)); err != nil {
		t.Fatal(err)
	}
	if err := row.Scan(new(string), new(float64)); !errors.Is(err, etsql.ErrNoRows) {
		t.Errorf("second Scan: got %v, want ErrNoRows", err)
	}
}

func TestStmt_Query_lookupRowsOwnTheirRows(t *testing.T) {
	db := open(t, `CREATE TABLE t (id INT PRIMARY KEY, name TEXT);
		INSERT INTO t VALUES (1, 'one'), (2, 'two')`)
	st, err := db.Prepare("SELECT name FROM t WHERE id = ?")
	if err != nil {
		t.Fatal(err)
	}
	r1, err := st.Query(1)
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := st.Query(2)
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	var a, b string
	if !r1.Next() || !r2.Next() || r1.Scan(&a) != nil || r2.Scan(&b) != nil || a != "one" || b != "two" {
		t.Errorf("got %q, %q; want one, two", a, b)
	}
	if got := r1.Columns(); len(got) != 1 || got[0].Name != "name" {
		t.Errorf("columns: got %v", got)
	}
}

// UPDATE ... SET c = c + k runs as one select_replace computing the sum in
// the match specification; it must give the rows the general path (read,
// compute in Go, write) gives, NULLs and 64-bit overflow included.
func TestDB_Exec_updateIncrementMatchesGeneralPath(t *testing.T) {
	const rows = `INSERT INTO %s VALUES (1, 7, NULL), (2, 7, 5), (3, 7, 9223372036854775807),
		(4, 8, 1), (5, 7, -9223372036854775808), (6, 7, 9007199254740993)`
	tests := []struct{ fast, general string }{
		{"qty = qty + 1", "qty = (qty + 1) * 1"},
		{"qty = 2 + qty", "qty = (2 + qty) * 1"},
		{"qty = qty - 3", "qty = (qty - 3) * 1"},
		{"qty = qty + -5000", "qty = (qty + -5000) * 1"},
		{"qty = id + 10, category = 7", "qty = (id + 10) * 1, category = 7"},
	}
	for _, tt := range tests {
		db := open(t, "CREATE TABLE a (id INT PRIMARY KEY, category INT, qty INT); CREATE TABLE b (id INT PRIMARY KEY, category INT, qty INT)")
		for _, tab := range []string{"a", "b"} {
			if _, err := db.Exec(fmt.Sprintf(rows, tab)); err != nil {
				t.Fatal(err)
			}
		}
		fast := "UPDATE a SET " + tt.fast + " WHERE category = 7"
		r1, err1 := db.Exec(fast)
		r2, err2 := db.Exec("UPDATE b SET " + tt.general + " WHERE category = 7")
		if (err1 == nil) != (err2 == nil) || r1 != r2 {
			t.Errorf("%s: got %v, %v; general path %v, %v", tt.fast, r1, err1, r2, err2)
		}
		got, want := dump(t, db, "a"), dump(t, db, "b")
		if got != want {
			t.Errorf("%s: got rows %s, want %s", tt.fast, got, want)
		}
	}
	db := open(t, "CREATE TABLE a (id INT PRIMARY KEY, category INT, qty INT)")
	p, err := db.Explain("UPDATE a SET qty = qty + 1 WHERE category = 7")
	if err != nil || !strings.Contains(p.Lines[0], "select_replace") {
		t.Errorf("plan: got %v, %v; want a select_replace", p, err)
	}
}

func dump(t *testing.T, db *etsql.DB, table string) string {
	t.Helper()
	rows, err := db.Query("SELECT * FROM " + table + " ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		fmt.Fprintln(&b, rows.Terms())
	}
	return b.String()
}

// A streamed scan reuses its chunks' rows once the reader moves on; what
// Scan and Values gave stays right.
func TestRows_Next_streamedChunksReused(t *testing.T) {
	db := open(t, "CREATE TABLE t (id INT PRIMARY KEY, v TEXT) WITH (type = ordered_set)")
	for i := range 1000 {
		if _, err := db.Exec("INSERT INTO t VALUES (?, ?)", i, fmt.Sprint("v", i)); err != nil {
			t.Fatal(err)
		}
	}
	st, err := db.Prepare("SELECT id, v FROM t WHERE id >= ?")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.Query(0)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var kept [][]any
	for i := 0; rows.Next(); i++ {
		var id int64
		var v string
		if err := rows.Scan(&id, &v); err != nil || id != int64(i) || v != fmt.Sprint("v", i) {
			t.Fatalf("row %d: got %d, %q, %v", i, id, v, err)
		}
		kept = append(kept, rows.Values())
	}
	if err := rows.Err(); err != nil || len(kept) != 1000 {
		t.Fatalf("got %d rows, %v", len(kept), err)
	}
	for i, vals := range kept {
		if vals[0] != int64(i) || vals[1] != fmt.Sprint("v", i) {
			t.Fatalf("kept row %d: got %v", i, vals)
		}
	}
}

// TestStmt_Query_subqueryResultsNotKept runs a prepared statement with an
// uncorrelated IN subquery (hashed once per execution) and a scalar
// subquery between writes to the subqueries' table: every execution sees
// the table as it is, none the values an earlier one computed (executions
// reuse pooled state).
func TestStmt_Query_subqueryResultsNotKept(t *testing.T) {
	db := open(t, products+"; CREATE TABLE picks (id INT PRIMARY KEY)")
	st, err := db.Prepare("SELECT name, (SELECT COUNT(*) FROM picks) FROM products WHERE id IN (SELECT id FROM picks) ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, id := range []int{11, 2, 3, 1} {
		if _, err := db.Exec("INSERT INTO picks VALUES (?)", id); err != nil {
			t.Fatal(err)
		}
		want = append(want, map[int]string{1: "chai", 2: "chang", 3: "syrup", 11: "queso"}[id])
		for range 3 {
			rows, err := st.Query()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for rows.Next() {
				var name string
				var n int64
				if err := rows.Scan(&name, &n); err != nil {
					t.Fatal(err)
				}
				if n != int64(len(want)) {
					t.Errorf("after %d picks: COUNT(*) of picks is %d", len(want), n)
				}
				got = append(got, name)
			}
			slices.Sort(got)
			sorted := slices.Sorted(slices.Values(want))
			if !slices.Equal(got, sorted) {
				t.Fatalf("after %d picks: got %v, want %v", len(want), got, sorted)
			}
		}
	}
}
