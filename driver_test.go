package etsql_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"math/big"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/etsql/etsql"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/term"
)

// openSQL opens a private database through database/sql and runs script.
func openSQL(t testing.TB, dsn, script string) *sql.DB {
	t.Helper()
	db, err := sql.Open("etsql", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if script != "" {
		if _, err := db.Exec(script); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// Every interface of database/sql/driver the driver implements, asserted
// here and exercised by TestDriver_conformance.
var (
	_ driver.Driver             = etsql.Driver{}
	_ driver.DriverContext      = etsql.Driver{}
	_ driver.Conn               = (*etsql.DriverConn)(nil)
	_ driver.ConnPrepareContext = (*etsql.DriverConn)(nil)
	_ driver.ConnBeginTx        = (*etsql.DriverConn)(nil)
	_ driver.ExecerContext      = (*etsql.DriverConn)(nil)
	_ driver.QueryerContext     = (*etsql.DriverConn)(nil)
	_ driver.Pinger             = (*etsql.DriverConn)(nil)
	_ driver.SessionResetter    = (*etsql.DriverConn)(nil)
	_ driver.Validator          = (*etsql.DriverConn)(nil)
	_ driver.NamedValueChecker  = (*etsql.DriverConn)(nil)
	_ driver.Connector          = etsql.NewConnector(nil)
	_ io.Closer                 = etsql.NewConnector(nil).(io.Closer)
)

// The prepared statements and rows are unexported types: the interfaces
// they must implement are checked on the values the connection returns.
type stmtIface interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
}

type rowsIface interface {
	driver.Rows
	driver.RowsColumnTypeDatabaseTypeName
	driver.RowsColumnTypeScanType
}

func stmtOf(t *testing.T, s driver.Stmt) stmtIface {
	t.Helper()
	st, ok := s.(stmtIface)
	if !ok {
		t.Fatalf("%T lacks StmtExecContext or StmtQueryContext", s)
	}
	return st
}

func rowsOf(t *testing.T, r driver.Rows) rowsIface {
	t.Helper()
	rs, ok := r.(rowsIface)
	if !ok {
		t.Fatalf("%T lacks RowsColumnTypeDatabaseTypeName or RowsColumnTypeScanType", r)
	}
	return rs
}

// TestDriver_conformance exercises each interface directly, without
// database/sql in between.
func TestDriver_conformance(t *testing.T) {
	ctx := context.Background()
	dc, err := etsql.Driver{}.OpenConnector("")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := dc.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conn := raw.(*etsql.DriverConn)
	named := func(vs ...any) []driver.NamedValue {
		nv := make([]driver.NamedValue, len(vs))
		for i, v := range vs {
			nv[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
		}
		return nv
	}
	tests := []struct {
		iface string
		run   func(t *testing.T)
	}{
		{"Driver", func(t *testing.T) {
			c, err := etsql.Driver{}.Open("")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.(driver.ExecerContext).ExecContext(ctx, "CREATE TABLE own (a INT)", nil); err != nil {
				t.Fatal(err)
			}
			db := c.(*etsql.DriverConn).DB()
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Query("SELECT 1"); !errors.Is(err, etsql.ErrClosed) {
				t.Errorf("Driver.Open(\"\")'s database after Close: %v, want ErrClosed", err)
			}
		}},
		{"DriverContext", func(t *testing.T) {
			if _, err := (etsql.Driver{}).OpenConnector("pg://x"); !errors.Is(err, etsql.ErrBadDSN) {
				t.Errorf("bad DSN: %v", err)
			}
		}},
		{"Connector", func(t *testing.T) {
			if d := dc.Driver(); d != (etsql.Driver{}) {
				t.Errorf("Driver() = %v", d)
			}
			cctx, cancel := context.WithCancel(ctx)
			cancel()
			if _, err := dc.Connect(cctx); !errors.Is(err, context.Canceled) {
				t.Errorf("Connect with a cancelled context: %v", err)
			}
		}},
		{"ExecerContext", func(t *testing.T) {
			res, err := conn.ExecContext(ctx, "CREATE TABLE k (id INT PRIMARY KEY, v TEXT); INSERT INTO k VALUES (1, 'a'), (2, 'b')", nil)
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := res.RowsAffected(); n != 2 {
				t.Errorf("RowsAffected %d, want 2", n)
			}
			res, err = conn.ExecContext(ctx, "INSERT INTO k VALUES ($1, $2)", named(7, "c"))
			if err != nil {
				t.Fatal(err)
			}
			if id, _ := res.LastInsertId(); id != 7 {
				t.Errorf("LastInsertId %d, want 7", id)
			}
		}},
		{"QueryerContext", func(t *testing.T) {
			rows, err := conn.QueryContext(ctx, "SELECT v FROM k WHERE id = ?", named(int64(2)))
			if err != nil {
				t.Fatal(err)
			}
			dest := make([]driver.Value, 1)
			if err := rows.Next(dest); err != nil || dest[0] != "b" {
				t.Errorf("first row %v, %v", dest, err)
			}
			if err := rows.Next(dest); err != io.EOF {
				t.Errorf("after the last row: %v, want io.EOF", err)
			}
			if err := rows.Close(); err != nil {
				t.Error(err)
			}
		}},
		{"ConnPrepareContext/Stmt", func(t *testing.T) {
			s, err := conn.PrepareContext(ctx, "SELECT id, v FROM k WHERE id >= ? ORDER BY id")
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if n := s.NumInput(); n != 1 {
				t.Errorf("NumInput %d, want 1", n)
			}
			st := stmtOf(t, s)
			for _, min := range []int64{1, 2, 7} {
				rows, err := st.QueryContext(ctx, named(min))
				if err != nil {
					t.Fatal(err)
				}
				dest := make([]driver.Value, 2)
				if err := rows.Next(dest); err != nil || dest[0] != min {
					t.Errorf("id >= %d: first row %v, %v", min, dest, err)
				}
				rows.Close()
			}
			if _, err := conn.Prepare("SELECT * FORM k"); !errors.Is(err, etsql.ErrSyntax) {
				t.Errorf("Prepare of bad SQL: %v", err)
			}
		}},
		{"StmtExecContext", func(t *testing.T) {
			s, err := conn.Prepare("UPDATE k SET v = ? WHERE id = ?")
			if err != nil {
				t.Fatal(err)
			}
			res, err := stmtOf(t, s).ExecContext(ctx, named("z", 1))
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				t.Errorf("RowsAffected %d, want 1", n)
			}
			res, err = s.Exec([]driver.Value{"y", int64(2)})
			if n, _ := res.RowsAffected(); err != nil || n != 1 {
				t.Errorf("Stmt.Exec: %d, %v", n, err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Exec([]driver.Value{"x", int64(2)}); !errors.Is(err, etsql.ErrClosed) {
				t.Errorf("Stmt.Exec after Close: %v, want ErrClosed", err)
			}
			if _, err := stmtOf(t, s).QueryContext(ctx, named("x", 2)); !errors.Is(err, etsql.ErrClosed) {
				t.Errorf("Stmt.QueryContext after Close: %v, want ErrClosed", err)
			}
		}},
		{"ConnBeginTx", func(t *testing.T) {
			tx, err := conn.BeginTx(ctx, driver.TxOptions{Isolation: driver.IsolationLevel(sql.LevelReadCommitted)})
			if !errors.Is(err, etsql.ErrUnsupported) {
				t.Errorf("BeginTx read committed: %v, %v; want ErrUnsupported", tx, err)
			}
			tx, err = conn.Begin()
			if err != nil {
				t.Fatalf("Begin: %v", err)
			}
			if _, err := conn.BeginTx(ctx, driver.TxOptions{}); !errors.Is(err, etsql.ErrTxState) {
				t.Errorf("BeginTx within a transaction: %v, want ErrTxState", err)
			}
			if err := tx.Rollback(); err != nil {
				t.Errorf("Rollback: %v", err)
			}
			if err := tx.Commit(); !errors.Is(err, etsql.ErrTxDone) {
				t.Errorf("Commit after Rollback: %v, want ErrTxDone", err)
			}
		}},
		{"Pinger/Validator/SessionResetter", func(t *testing.T) {
			if err := conn.Ping(ctx); err != nil {
				t.Errorf("Ping: %v", err)
			}
			if !conn.IsValid() {
				t.Error("IsValid false on an open database")
			}
			if err := conn.ResetSession(ctx); err != nil {
				t.Errorf("ResetSession: %v", err)
			}
		}},
		{"NamedValueChecker", func(t *testing.T) {
			for _, v := range []any{term.Atom("ok"), big.NewInt(5), uint64(1 << 63), uint(3)} {
				nv := driver.NamedValue{Ordinal: 1, Value: v}
				if err := conn.CheckNamedValue(&nv); err != nil {
					t.Errorf("CheckNamedValue(%T): %v", v, err)
				}
			}
			nv := driver.NamedValue{Ordinal: 1, Value: struct{}{}}
			if err := conn.CheckNamedValue(&nv); err != driver.ErrSkip {
				t.Errorf("CheckNamedValue(struct{}): %v, want driver.ErrSkip", err)
			}
			if _, err := conn.ExecContext(ctx, "SELECT 1", []driver.NamedValue{{Name: "x", Ordinal: 1, Value: 1}}); !errors.Is(err, etsql.ErrParams) {
				t.Errorf("named argument: %v, want ErrParams", err)
			}
		}},
		{"RowsColumnType", func(t *testing.T) {
			rows, err := conn.QueryContext(ctx, "SELECT id, v, CASE WHEN id = 1 THEN 'a' ELSE 2 END FROM k", nil)
			if err != nil {
				t.Fatal(err)
			}
			r := rowsOf(t, rows)
			wantNames := []string{"INT", "TEXT", ""}
			wantScan := []reflect.Type{reflect.TypeFor[int64](), reflect.TypeFor[string](), reflect.TypeFor[any]()}
			for i := range wantNames {
				if got := r.ColumnTypeDatabaseTypeName(i); got != wantNames[i] {
					t.Errorf("column %d: type name %q, want %q", i, got, wantNames[i])
				}
				if got := r.ColumnTypeScanType(i); got != wantScan[i] {
					t.Errorf("column %d: scan type %v, want %v", i, got, wantScan[i])
				}
			}
		}},
		{"Conn.Close", func(t *testing.T) {
			if err := conn.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := conn.QueryContext(ctx, "SELECT COUNT(*) FROM k", nil); err != nil {
				t.Errorf("the database must outlive a connection of its connector: %v", err)
			}
		}},
		{"Connector.Close", func(t *testing.T) {
			if err := dc.(io.Closer).Close(); err != nil {
				t.Fatal(err)
			}
			if conn.IsValid() {
				t.Error("IsValid true after the connector closed its database")
			}
			if err := conn.ResetSession(ctx); err != driver.ErrBadConn {
				t.Errorf("ResetSession on a closed database: %v, want driver.ErrBadConn", err)
			}
			if err := conn.Ping(ctx); !errors.Is(err, etsql.ErrClosed) {
				t.Errorf("Ping on a closed database: %v, want ErrClosed", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.iface, tt.run)
	}
}

func TestDriver_Open_privateDatabases(t *testing.T) {
	a := openSQL(t, "", "CREATE TABLE t (x INT)")
	b := openSQL(t, "", "")
	a.SetMaxOpenConns(4)
	// Several connections of a see one database.
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := a.Exec("INSERT INTO t VALUES (?)", i); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	var n int
	if err := a.QueryRow("SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 4 {
		t.Errorf("count %d, %v; want 4", n, err)
	}
	if _, err := b.Query("SELECT * FROM t"); !errors.Is(err, etsql.ErrNoTable) {
		t.Errorf("another sql.DB sees the table: %v", err)
	}
}

func TestDriver_Open_sharedDatabase(t *testing.T) {
	const dsn = "mem:TestDriver_Open_sharedDatabase"
	a, err := sql.Open("etsql", dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Exec("CREATE TABLE s (x INT); INSERT INTO s VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	b, err := sql.Open("etsql", dsn)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := b.QueryRow("SELECT COUNT(*) FROM s").Scan(&n); err != nil || n != 1 {
		t.Errorf("second sql.DB: %d, %v; want the shared row", n, err)
	}
	if _, err := sql.Open("etsql", dsn+"?northwind=1"); !errors.Is(err, etsql.ErrBadDSN) {
		t.Errorf("other options for an open shared database: %v, want ErrBadDSN", err)
	}
	a.Close()
	if err := b.QueryRow("SELECT COUNT(*) FROM s").Scan(&n); err != nil || n != 1 {
		t.Errorf("after the first sql.DB closed: %d, %v; want the row kept", n, err)
	}
	// A connection of Driver.Open holds the name too, until its Close.
	raw, err := etsql.Driver{}.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	if _, err := raw.(*etsql.DriverConn).DB().Query("SELECT * FROM s"); err != nil {
		t.Errorf("held by a Driver.Open connection: %v", err)
	}
	raw.Close()
	c := openSQL(t, dsn, "")
	if _, err := c.Query("SELECT * FROM s"); !errors.Is(err, etsql.ErrNoTable) {
		t.Errorf("after every sql.DB closed, the name must start afresh: %v", err)
	}
}

func TestDriver_OpenConnector_dsn(t *testing.T) {
	tests := []struct {
		dsn string
		ok  bool
	}{
		{"", true},
		{"mem:", true},
		{"mem:x", true},
		{"?northwind=0", true},
		{"mem:y?northwind=1", true},
		{"file:x.db", false},
		{"mem:x?cache=shared", false},
		{"?northwind=abc", false},
		{"?northwind=-1", false},
		{"?northwind=%zz", false},
	}
	for _, tt := range tests {
		c, err := etsql.Driver{}.OpenConnector(tt.dsn)
		if tt.ok != (err == nil) {
			t.Errorf("%q: %v", tt.dsn, err)
		}
		if err != nil && !errors.Is(err, etsql.ErrBadDSN) {
			t.Errorf("%q: %v, want ErrBadDSN", tt.dsn, err)
		}
		if c != nil {
			c.(io.Closer).Close()
		}
	}
}

func TestDriver_northwind(t *testing.T) {
	db := openSQL(t, "?northwind=1", "")
	var orders, products int
	if err := db.QueryRow("SELECT (SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM products)").Scan(&orders, &products); err != nil {
		t.Fatal(err)
	}
	if orders != 830 || products != 77 {
		t.Errorf("orders %d, products %d; want 830, 77", orders, products)
	}
}

func TestNewConnector_sharesNativeDB(t *testing.T) {
	native := open(t, products)
	db := sql.OpenDB(etsql.NewConnector(native))
	var name string
	if err := db.QueryRow("SELECT name FROM products WHERE id = ?", 11).Scan(&name); err != nil || name != "queso" {
		t.Errorf("%q, %v", name, err)
	}
	db.Close()
	if _, err := native.Query("SELECT 1"); err != nil {
		t.Errorf("closing the sql.DB closed the native DB: %v", err)
	}
	// And back: the native DB behind a *sql.DB.
	db = openSQL(t, "", products)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	err = conn.Raw(func(c any) error {
		plan, err := c.(*etsql.DriverConn).DB().Explain("SELECT * FROM products WHERE id = 2")
		if err != nil {
			return err
		}
		if plan.Accesses[0].Spec.String() != "[{{2,'_','_','_'},[],['$_']}]" {
			return fmt.Errorf("spec %s", plan.Accesses[0].Spec)
		}
		return nil
	})
	if err != nil {
		t.Error(err)
	}
}

const typed = `CREATE TABLE e (id INT PRIMARY KEY, d DATE, ts TIMESTAMP, b BOOL, x TERM, bl BLOB, f FLOAT, s TEXT)`

func TestDriver_Scan_types(t *testing.T) {
	db := openSQL(t, "", typed)
	day := time.Date(1997, 7, 4, 0, 0, 0, 0, time.UTC)
	at := time.Date(2024, 5, 1, 12, 30, 1, 250_000_000, time.FixedZone("CEST", 2*3600))
	_, err := db.Exec("INSERT INTO e VALUES (?, ?, ?, ?, ?, ?, ?, ?)", 1, day, at, true, term.Tuple(term.Atom("ok"), term.Int(1)), []byte{0, 0xff}, 1.5, "chai")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO e (id) VALUES (2)"); err != nil {
		t.Fatal(err)
	}
	var (
		id int64
		d  time.Time
		ts time.Time
		b  bool
		x  term.Term
		bl []byte
		f  float64
		s  string
	)
	if err := db.QueryRow("SELECT * FROM e WHERE id = 1").Scan(&id, &d, &ts, &b, &x, &bl, &f, &s); err != nil {
		t.Fatal(err)
	}
	if id != 1 || !d.Equal(day) || !ts.Equal(at) || ts.Location() != time.UTC || !b || x.String() != "{ok,1}" ||
		string(bl) != "\x00\xff" || f != 1.5 || s != "chai" {
		t.Errorf("row 1: %v %v %v %v %v %v %v %q", id, d, ts, b, x, bl, f, s)
	}
	var (
		nd  sql.NullTime
		nts sql.NullTime
		nb  sql.NullBool
		nx  any
		nbl []byte
		nf  sql.NullFloat64
		ns  sql.NullString
		np  *string
	)
	if err := db.QueryRow("SELECT d, ts, b, x, bl, f, s, s FROM e WHERE id = ?", sql.NullInt64{Int64: 2, Valid: true}).Scan(&nd, &nts, &nb, &nx, &nbl, &nf, &ns, &np); err != nil {
		t.Fatal(err)
	}
	if nd.Valid || nts.Valid || nb.Valid || nx != nil || nbl != nil || nf.Valid || ns.Valid || np != nil {
		t.Errorf("NULL row: %v %v %v %v %v %v %v %v", nd, nts, nb, nx, nbl, nf, ns, np)
	}
	// sql.Null* arguments: a NULL through a Valuer.
	if _, err := db.Exec("INSERT INTO e (id, s, f) VALUES (?, ?, ?)", 3, sql.NullString{}, sql.NullFloat64{Float64: 2, Valid: true}); err != nil {
		t.Fatal(err)
	}
	var isNull bool
	if err := db.QueryRow("SELECT s IS NULL FROM e WHERE id = 3").Scan(&isNull); err != nil || !isNull {
		t.Errorf("NullString{} stored %v, %v; want NULL", isNull, err)
	}
	// Column types as database/sql reports them.
	rows, err := db.Query("SELECT * FROM e")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"INT int64", "DATE time.Time", "TIMESTAMP time.Time", "BOOL bool", "TERM term.Term", "BLOB []uint8", "FLOAT float64", "TEXT string"}
	for i, ct := range cts {
		if got := ct.DatabaseTypeName() + " " + ct.ScanType().String(); got != want[i] {
			t.Errorf("column %s: %s, want %s", ct.Name(), got, want[i])
		}
	}
}

func TestDriver_Exec_integerArguments(t *testing.T) {
	db := openSQL(t, "", "CREATE TABLE n (id INT PRIMARY KEY, v INT)")
	args := []any{int8(-1), int16(2), int32(3), int64(4), int(5), uint8(6), uint16(7), uint32(8), uint64(1 << 63), uint(10), big.NewInt(11)}
	for i, a := range args {
		if _, err := db.Exec("INSERT INTO n VALUES (?, ?)", i, a); err != nil {
			t.Fatalf("%T: %v", a, err)
		}
	}
	var v string
	if err := db.QueryRow("SELECT CAST(v AS TEXT) FROM n WHERE id = 8").Scan(&v); err != nil || v != "9223372036854775808" {
		t.Errorf("uint64 1<<63 read back as %q, %v", v, err)
	}
	var sum int64
	if err := db.QueryRow("SELECT SUM(v) FROM n WHERE id <> 8").Scan(&sum); err != nil || sum != 55 {
		t.Errorf("sum %d, %v; want 55", sum, err)
	}
}

func TestDriver_Exec_lastInsertID(t *testing.T) {
	db := openSQL(t, "", "CREATE TABLE r (x TEXT)")
	for want := int64(1); want <= 3; want++ {
		res, err := db.Exec("INSERT INTO r VALUES (?)", "row")
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		n, _ := res.RowsAffected()
		if id != want || n != 1 {
			t.Errorf("insert %d: LastInsertId %d, RowsAffected %d", want, id, n)
		}
	}
	var x string
	if err := db.QueryRow("SELECT x FROM r WHERE rowid = ?", 2).Scan(&x); err != nil || x != "row" {
		t.Errorf("by rowid: %q, %v", x, err)
	}
}

func TestDriver_Begin_errors(t *testing.T) {
	db := openSQL(t, "", "")
	if _, err := db.BeginTx(context.Background(), &sql.TxOptions{Isolation: sql.LevelRepeatableRead}); !errors.Is(err, etsql.ErrUnsupported) {
		t.Errorf("BeginTx repeatable read: %v, want ErrUnsupported", err)
	}
	tx, err := db.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelSerializable})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("CREATE TABLE t (a INT)"); !errors.Is(err, etsql.ErrReadOnly) {
		t.Errorf("CREATE TABLE in a read-only transaction: %v, want ErrReadOnly", err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("COMMIT"); !errors.Is(err, etsql.ErrTxState) {
		t.Errorf("COMMIT outside a transaction: %v, want ErrTxState", err)
	}
}

func TestDriver_errors(t *testing.T) {
	db := openSQL(t, "", products)
	tests := []struct {
		sql      string
		args     []any
		sentinel error
	}{
		{"SELECT * FROM nope", nil, etsql.ErrNoTable},
		{"SELECT nope FROM products", nil, etsql.ErrNoColumn},
		{"INSERT INTO products VALUES (1, 'dup', 1, 1)", nil, etsql.ErrDuplicateKey},
		{"INSERT INTO products VALUES (?, ?, ?, ?)", []any{5, nil, 1, 1}, etsql.ErrNotNull},
		{"INSERT INTO products VALUES (?, 'x', ?, 1)", []any{5, "abc"}, etsql.ErrBadValue},
		{"SELECT name FROM products WHERE id = ?", nil, etsql.ErrParams},
		{"SELECT nofunc(id) FROM products", nil, etsql.ErrNoFunction},
		{"CREATE TABLE products (a INT)", nil, etsql.ErrTableExists},
		{"SELECT * FORM products", nil, etsql.ErrSyntax},
	}
	for _, tt := range tests {
		_, err := db.Exec(tt.sql, tt.args...)
		if !errors.Is(err, tt.sentinel) {
			t.Errorf("%s: %v, want %v", tt.sql, err, tt.sentinel)
		}
	}
	var perr *parser.Error
	_, err := db.Query("SELECT *\nFROM products WHER id = 1")
	if !errors.As(err, &perr) || perr.Pos.Line != 2 || perr.Pos.Column != 15 {
		t.Errorf("syntax error through database/sql: %v, want a *parser.Error at 2:15", err)
	}
}

func TestDriver_errors_accessDenied(t *testing.T) {
	native := open(t, "CREATE TABLE locked (id INT PRIMARY KEY) WITH (access = protected)")
	tab, _ := native.Engine().Whereis("locked")
	other := native.Engine().NewProcess("other")
	if err := tab.GiveAway(native.Process(), other, term.Nil); err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(etsql.NewConnector(native))
	defer db.Close()
	_, err := db.Exec("INSERT INTO locked VALUES (1)")
	if !errors.Is(err, etsql.ErrAccess) || !errors.Is(err, etsql.ErrBadArg) {
		t.Errorf("insert into a table another process owns: %v, want ErrAccess", err)
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM locked").Scan(&n); err != nil {
		t.Errorf("reading a protected table: %v", err)
	}
}

func TestDriver_QueryContext_cancelled(t *testing.T) {
	db := openSQL(t, "", "CREATE TABLE big (id INT PRIMARY KEY, v INT)")
	st, err := db.Prepare("INSERT INTO big VALUES (?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2000 {
		if _, err := st.Exec(i, i%7); err != nil {
			t.Fatal(err)
		}
	}
	// A join of 4 million pairs: cancellation must stop it early.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	var n int64
	err = db.QueryRowContext(ctx, "SELECT COUNT(*) FROM big a JOIN big b ON a.v + b.v = 3").Scan(&n)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("long join: %d, %v; want context.DeadlineExceeded", n, err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if _, err := db.ExecContext(ctx, "DELETE FROM big"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled exec: %v", err)
	}
	if err := db.QueryRow("SELECT COUNT(*) FROM big").Scan(&n); err != nil || n != 2000 {
		t.Errorf("rows after the cancelled DELETE: %d, %v", n, err)
	}
}

func TestDriver_concurrentUse(t *testing.T) {
	db := openSQL(t, "", "CREATE TABLE c (id INT PRIMARY KEY, g INT, v TEXT)")
	db.SetMaxOpenConns(8)
	ins, err := db.Prepare("INSERT INTO c VALUES (?, ?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	const goroutines, each = 16, 50
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				id := g*1000 + i
				if _, err := ins.Exec(id, g, fmt.Sprint(id)); err != nil {
					t.Error(err)
					return
				}
				var v string
				if err := db.QueryRow("SELECT v FROM c WHERE id = $1", id).Scan(&v); err != nil || v != fmt.Sprint(id) {
					t.Errorf("read back %d: %q, %v", id, v, err)
					return
				}
				if i%10 == 0 {
					if _, err := db.Exec("UPDATE c SET v = v WHERE g = ?", g); err != nil {
						t.Error(err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM c").Scan(&n); err != nil || n != goroutines*each {
		t.Errorf("count %d, %v; want %d", n, err, goroutines*each)
	}
}

func TestDriver_Query_dateArguments(t *testing.T) {
	db := openSQL(t, "", "CREATE TABLE ev (id INT PRIMARY KEY, d DATE, ts TIMESTAMP)")
	day := func(d int) time.Time { return time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC) }
	for i := 1; i <= 5; i++ {
		if _, err := db.Exec("INSERT INTO ev VALUES (?, ?, ?)", i, day(i), day(i).Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec("INSERT INTO ev VALUES (9, ?, NULL)", day(9).Add(time.Second)); !errors.Is(err, etsql.ErrBadValue) {
		t.Errorf("a time of day into a DATE column: %v, want ErrBadValue", err)
	}
	count := func(query string, args ...any) int {
		t.Helper()
		var n int
		if err := db.QueryRow(query, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count("SELECT COUNT(*) FROM ev WHERE ts >= ? AND ts < ?", day(2), day(4)); n != 2 {
		t.Errorf("TIMESTAMP between two time.Time: %d rows, want 2", n)
	}
	if n := count("SELECT COUNT(*) FROM ev WHERE d >= ? AND d <= ?", day(2).Format(time.DateOnly), "2024-03-04"); n != 3 {
		t.Errorf("DATE between two dates as text: %d rows, want 3", n)
	}
	if n := count("SELECT COUNT(*) FROM ev WHERE d = ?", "2024-03-05"); n != 1 {
		t.Errorf("DATE = text: %d rows, want 1", n)
	}
}
