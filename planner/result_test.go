package planner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// etsCatalog is a catalog whose tables are ETS tables of one engine.
type etsCatalog struct {
	mu     sync.Mutex
	eng    *engine.DB
	proc   *engine.Process
	tables map[string]*Table
}

func newETSCatalog() *etsCatalog {
	eng := engine.NewDB()
	return &etsCatalog{eng: eng, proc: eng.NewProcess("test"), tables: map[string]*Table{}}
}

func (c *etsCatalog) Table(name string) (*Table, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.tables[strings.ToLower(name)]
	return t, ok
}

func (c *etsCatalog) CreateTable(def *schema.Table, _ bool) error {
	ets, err := c.eng.New(c.proc, def.Name(), EngineOptions(def))
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tables[strings.ToLower(def.Name())] = &Table{Schema: def, ETS: ets}
	return nil
}

func (c *etsCatalog) DropTable(string, bool) error { return errors.ErrUnsupported }

// plan plans one statement.
func (c *etsCatalog) plan(t *testing.T, sql string) *Statement {
	t.Helper()
	stmt, err := parser.Parse(sql)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	st, err := Plan(c, sql, stmt)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return st
}

// run runs one statement and returns its result.
func (c *etsCatalog) run(t *testing.T, ctx context.Context, sql string) (*Statement, *Result) {
	t.Helper()
	st := c.plan(t, sql)
	res, err := st.Run(&Runtime{Ctx: ctx, Proc: c.proc}, nil)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return st, res
}

// bigTable makes table name (id INT PRIMARY KEY, v INT) of the ETS type
// typ holding ids 1..n, v = id mod 7.
func (c *etsCatalog) bigTable(t *testing.T, name, typ string, n int) *Table {
	t.Helper()
	_, res := c.run(t, context.Background(), fmt.Sprintf("CREATE TABLE %s (id INT, v INT, PRIMARY KEY (id)) WITH (type = %s)", name, typ))
	res.Close()
	tab, _ := c.Table(name)
	vals := make([][]term.Term, n)
	for i := range vals {
		vals[i] = []term.Term{term.Int(int64(i + 1)), term.Int(int64((i + 1) % 7))}
	}
	objs, err := tab.Schema.Rows(vals)
	if err != nil {
		t.Fatal(err)
	}
	if err := tab.ETS.Insert(c.proc, objs...); err != nil {
		t.Fatal(err)
	}
	return tab
}

const bigRows = 200_000

func TestResult_Streamed_plans(t *testing.T) {
	c := newETSCatalog()
	c.bigTable(t, "t", "ordered_set", 10)
	c.bigTable(t, "h", "set", 10)
	tests := []struct {
		sql    string
		stream bool
	}{
		{"SELECT * FROM t", true},
		{"SELECT id FROM t WHERE v > 3", true},
		{"SELECT * FROM t WHERE id BETWEEN 2 AND 5", true},
		{"SELECT * FROM t ORDER BY id DESC", true}, // the key order: no sort
		{"SELECT * FROM t LIMIT 3 OFFSET 2", true},
		{"SELECT DISTINCT v FROM t", true},
		{"SELECT * FROM h WHERE v = 1", true},
		{"SELECT * FROM t JOIN h ON h.id = t.v", true},
		{"SELECT * FROM (SELECT id FROM t) AS s", true},
		{"SELECT * FROM t WHERE id = 3", false}, // a lookup
		{"SELECT * FROM t WHERE id IN (1, 2)", false},
		{"SELECT * FROM t ORDER BY v", false}, // a sort
		{"SELECT * FROM t ORDER BY v LIMIT 2", false},
		{"SELECT v, COUNT(*) FROM t GROUP BY v", false},
		{"SELECT COUNT(*) FROM t", false},
		{"SELECT MAX(id) FROM t", false},
		{"SELECT id FROM t UNION SELECT id FROM h", false},
		{"SELECT id FROM t UNION ALL SELECT id FROM h", false},
		{"SELECT 1", false},
		{"EXPLAIN SELECT * FROM t", false},
	}
	for _, tt := range tests {
		_, res := c.run(t, context.Background(), tt.sql)
		if res.Streamed() != tt.stream {
			t.Errorf("%s: Streamed() = %v, want %v", tt.sql, res.Streamed(), tt.stream)
		}
		res.Close()
	}
}

// A streamed result gives the rows a materialised one would: the same
// plan run through Statement.Run with streaming and through sp.run.
func TestResult_Next_sameRowsAsMaterialized(t *testing.T) {
	c := newETSCatalog()
	c.bigTable(t, "t", "ordered_set", 500)
	c.bigTable(t, "h", "set", 50)
	queries := []string{
		"SELECT * FROM t",
		"SELECT id, v * 2 FROM t WHERE v > 3",
		"SELECT * FROM t ORDER BY id DESC LIMIT 7 OFFSET 3",
		"SELECT * FROM t LIMIT 0",
		"SELECT * FROM t LIMIT 1000 OFFSET 499",
		"SELECT DISTINCT v FROM t",
		"SELECT t.id, h.id FROM t JOIN h ON h.id = t.v WHERE t.id < 100",
		"SELECT t.id, h.id FROM t LEFT JOIN h ON h.v = t.id",
		"SELECT id FROM h WHERE id > 40",
	}
	for _, q := range queries {
		st, res := c.run(t, context.Background(), q)
		if !res.Streamed() {
			t.Errorf("%s: not streamed", q)
		}
		got, err := res.All()
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		sp := st.sel
		want, err := sp.run(&evalCtx{rt: &Runtime{Ctx: context.Background(), Proc: c.proc}, exec: &execState{}}, 0)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: streamed %d rows, materialised %d\nstreamed:     %.200v\nmaterialised: %.200v", q, len(got), len(want), got, want)
		}
	}
}

// Reading 10 rows of a 200k-row table and closing examines a few rows,
// not the table: the scan advances only as rows are pulled, and Close
// stops it.
func TestResult_Close_stopsTheScan(t *testing.T) {
	for _, typ := range []string{"ordered_set", "set"} {
		t.Run(typ, func(t *testing.T) {
			c := newETSCatalog()
			c.bigTable(t, "big", typ, bigRows)
			st, res := c.run(t, context.Background(), "SELECT id, v FROM big WHERE v >= 0")
			for i := 0; i < 10; i++ {
				if _, ok, err := res.Next(); !ok {
					t.Fatalf("row %d: end of rows (%v)", i+1, err)
				}
			}
			res.Close()
			if _, ok, _ := res.Next(); ok {
				t.Error("Next after Close gave a row")
			}
			a := st.accesses[0]
			// chunks of 1, 2, 4, 8 rows were computed for the 10 rows read
			if n := a.examined.Load(); n < 10 || n > 15 {
				t.Errorf("rows examined = %d of %d, want 10 to 15", n, bigRows)
			}
		})
	}
}

// The first row of a streamed scan comes before the scan ends: a row
// inserted past the end of an ordered_set after the first row was read
// is seen by the same scan.
func TestResult_Next_firstRowBeforeScanEnds(t *testing.T) {
	c := newETSCatalog()
	tab := c.bigTable(t, "big", "ordered_set", bigRows)
	st, res := c.run(t, context.Background(), "SELECT id FROM big")
	defer res.Close()
	row, ok, err := res.Next()
	if !ok || err != nil || row[0].String() != "1" {
		t.Fatalf("first row %v, %v, %v; want [1]", row, ok, err)
	}
	obj, err := tab.Schema.Row([]term.Term{term.Int(bigRows + 1), term.Int(0)})
	if err != nil {
		t.Fatal(err)
	}
	if err := tab.ETS.Insert(c.proc, obj); err != nil {
		t.Fatal(err)
	}
	rest, err := res.All()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rest) + 1; n != bigRows+1 {
		t.Errorf("%d rows, want %d (the row written ahead of the scan)", n, bigRows+1)
	}
	if n := st.accesses[0].examined.Load(); n != bigRows+1 {
		t.Errorf("rows examined = %d, want %d", n, bigRows+1)
	}
}

// A LIMIT stops the scan after its rows, streamed or not.
func TestResult_Next_limitStopsTheScan(t *testing.T) {
	c := newETSCatalog()
	c.bigTable(t, "big", "ordered_set", bigRows)
	st, res := c.run(t, context.Background(), "SELECT id FROM big WHERE v = 3 LIMIT 10 OFFSET 5")
	rows, err := res.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 10 || rows[0][0].String() != "38" {
		t.Fatalf("rows %v, want 10 rows from 38", rows)
	}
	// ids 3, 10, 17, ...: the 15th is 101
	if n := st.accesses[0].examined.Load(); n != 101 {
		t.Errorf("rows examined = %d, want 101", n)
	}
}

// Cancelling the context ends a streamed scan within a chunk with the
// context's error.
func TestResult_Next_cancelled(t *testing.T) {
	for _, typ := range []string{"ordered_set", "set"} {
		t.Run(typ, func(t *testing.T) {
			c := newETSCatalog()
			c.bigTable(t, "big", typ, bigRows)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			st, res := c.run(t, ctx, "SELECT id FROM big")
			defer res.Close()
			read := 0
			for ; read < 1000; read++ {
				if _, ok, err := res.Next(); !ok {
					t.Fatalf("row %d: end of rows (%v)", read+1, err)
				}
			}
			cancel()
			var err error
			for {
				var ok bool
				if _, ok, err = res.Next(); !ok {
					break
				}
				read++
			}
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want context.Canceled", err)
			}
			if read > 1000+2*maxChunk {
				t.Errorf("%d rows read, want at most %d after the cancellation", read, 1000+2*maxChunk)
			}
			if n := st.accesses[0].examined.Load(); n > 1000+2*maxChunk {
				t.Errorf("rows examined = %d, want at most %d", n, 1000+2*maxChunk)
			}
		})
	}
}

// Writers running during a streamed scan never break it: on an
// ordered_set every key comes at most once, in key order.
func TestResult_Next_concurrentWriters(t *testing.T) {
	c := newETSCatalog()
	tab := c.bigTable(t, "big", "ordered_set", 20_000)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := c.eng.NewProcess(fmt.Sprint("writer", w))
			for i := 0; ctx.Err() == nil; i++ {
				id := int64((i*7919+w*31)%40_000 + 1)
				if i%3 == 0 {
					key, _ := tab.Schema.Key(term.Int(id))
					_ = tab.ETS.DeleteKey(p, key)
					continue
				}
				obj, _ := tab.Schema.Row([]term.Term{term.Int(id), term.Int(int64(i))})
				_ = tab.ETS.Insert(p, obj)
			}
		}()
	}
	defer func() { cancel(); wg.Wait() }()
	for round := 0; round < 3; round++ {
		_, res := c.run(t, context.Background(), "SELECT id FROM big WHERE v >= 0")
		last := int64(0)
		n := 0
		for {
			row, ok, err := res.Next()
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			id, _ := row[0].Int64()
			if id <= last {
				t.Fatalf("key %d after %d", id, last)
			}
			last = id
			if n++; round == 1 && n == 500 {
				break // stop early: Close must end the scan
			}
			if n%100 == 0 {
				// the reader writes too, between two rows: ahead of the
				// scan and behind it
				ahead, _ := tab.Schema.Row([]term.Term{term.Int(id + 50), term.Int(-1)})
				if err := tab.ETS.Insert(c.proc, ahead); err != nil {
					t.Fatal(err)
				}
				behind, _ := tab.Schema.Key(term.Int(id - 1))
				if err := tab.ETS.DeleteKey(c.proc, behind); err != nil {
					t.Fatal(err)
				}
			}
		}
		res.Close()
	}
}
