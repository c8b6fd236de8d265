package etsql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"math/big"
	"reflect"
	"sync"
	"time"

	"github.com/etsql/etsql/planner"
	"github.com/etsql/etsql/term"
)

// DriverConn is a connection of the database/sql driver. The connections of
// one *sql.DB share one DB; the only state a connection holds is its
// transaction: the one database/sql's Begin started on it, or one the SQL
// statement BEGIN started (which, as in SQLite, lasts until COMMIT or
// ROLLBACK on the same connection: use a sql.Conn or sql.Tx to be sure of
// running them there). Reach the native API through it with sql.Conn.Raw:
//
//	conn.Raw(func(c any) error {
//		plan, err := c.(*etsql.DriverConn).DB().Explain(query)
//		...
//	})
type DriverConn struct {
	db      *DB
	release func() error // set by Driver.Open: what Close releases
	sess    session      // the connection's transaction, if any
}

var (
	_ driver.Conn               = (*DriverConn)(nil)
	_ driver.ConnPrepareContext = (*DriverConn)(nil)
	_ driver.ConnBeginTx        = (*DriverConn)(nil)
	_ driver.ExecerContext      = (*DriverConn)(nil)
	_ driver.QueryerContext     = (*DriverConn)(nil)
	_ driver.Pinger             = (*DriverConn)(nil)
	_ driver.SessionResetter    = (*DriverConn)(nil)
	_ driver.Validator          = (*DriverConn)(nil)
	_ driver.NamedValueChecker  = (*DriverConn)(nil)
	_ driver.Tx                 = (*Tx)(nil)
)

// DB returns the database of the connection.
func (c *DriverConn) DB() *DB { return c.db }

// Prepare plans a statement; see PrepareContext.
func (c *DriverConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// PrepareContext plans a statement once (DB.Prepare): the statement keeps
// its plan across runs and plans again only after CREATE or DROP TABLE.
func (c *DriverConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st, err := c.db.Prepare(query)
	if err != nil {
		return nil, err
	}
	return &driverStmt{st: st, conn: c}, nil
}

// Close closes the connection. The database stays open for the other
// connections of its *sql.DB, except for a connection made by Driver.Open,
// which releases its database.
func (c *DriverConn) Close() error {
	if tx := c.sess.current(); tx != nil {
		_ = tx.Rollback() // a transaction left open on the connection
	}
	if c.release != nil {
		r := c.release
		c.release = nil
		return r()
	}
	return nil
}

// Begin starts a transaction; see BeginTx.
func (c *DriverConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

// BeginTx starts a transaction on the connection, as DB.BeginTx does:
// it waits while another write transaction runs, as long as ctx allows.
// The isolation level may be the default or serializable; ReadOnly
// makes a transaction that refuses writes. BEGIN within a transaction is
// an ErrTxState error.
func (c *DriverConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if c.sess.current() != nil {
		return nil, fmt.Errorf("%w: cannot start a transaction within a transaction", ErrTxState)
	}
	tx, err := c.db.beginTx(ctx, &sql.TxOptions{Isolation: sql.IsolationLevel(opts.Isolation), ReadOnly: opts.ReadOnly}, &c.sess)
	if err != nil {
		return nil, err
	}
	return tx, nil
}

// inSession returns ctx carrying the connection's session: always for
// Exec, which may run BEGIN; for the others, when a transaction is open.
func (c *DriverConn) inSession(ctx context.Context, always bool) context.Context {
	if always || c.sess.current() != nil {
		return withSession(ctx, &c.sess)
	}
	return ctx
}

// ExecContext runs a statement, or a script of several separated by ";"
// when there are no arguments, using the DB's plan cache. BEGIN, COMMIT
// (END) and ROLLBACK start and end the connection's transaction.
func (c *DriverConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	vals := driverArgs(args)
	res, err := c.db.ExecContext(c.inSession(ctx, true), query, vals...)
	if err != nil {
		return nil, err
	}
	return driverResult{res}, nil
}

// QueryContext runs a query, using the DB's plan cache.
func (c *DriverConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	st, err := c.db.plan(query)
	if err != nil {
		return nil, err
	}
	return driverQuery(c.inSession(ctx, false), c.db, st, args)
}

// driverRowsPool holds the driverRows of results that do not stream:
// database/sql uses a driver.Rows no more once it closed it.
var driverRowsPool = sync.Pool{New: func() any { return new(driverRows) }}

// driverQuery runs a query for database/sql, into a pooled driverRows
// unless the result streams.
func driverQuery(ctx context.Context, db *DB, st *planner.Statement, args []driver.NamedValue) (driver.Rows, error) {
	if args == nil {
		args = []driver.NamedValue{}
	}
	dr := driverRowsPool.Get().(*driverRows)
	if err := db.runInto(ctx, st, nil, args, &dr.buf.own); err != nil {
		driverRowsPool.Put(dr)
		return nil, err
	}
	if res := dr.buf.start(); res != nil {
		nd := &driverRows{rows: &Rows{cols: dr.buf.cols, res: res}}
		dr.buf = Rows{own: dr.buf.own}
		driverRowsPool.Put(dr)
		closeOnDrop(nd, res)
		return nd, nil
	}
	dr.rows, dr.pooled = &dr.buf, true
	return dr, nil
}

// Ping reports ErrClosed when the database was closed, through DB.Close
// or by closing the *sql.DB.
func (c *DriverConn) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := c.db.currentVersion()
	return err
}

// ResetSession has nothing to reset; it reports driver.ErrBadConn when the
// database is closed, so that the pool drops the connection.
func (c *DriverConn) ResetSession(context.Context) error {
	if !c.IsValid() {
		return driver.ErrBadConn
	}
	return nil
}

// IsValid reports whether the database is still open.
func (c *DriverConn) IsValid() bool {
	_, err := c.db.currentVersion()
	return err == nil
}

// CheckNamedValue accepts, besides database/sql's usual values (nil,
// int64, float64, bool, []byte, string, time.Time and driver.Valuer such
// as the sql.Null types), term.Term values (stored as they are), *big.Int
// and unsigned integers of any size, for INT columns beyond 64 bits.
//
// The Go values the native API binds directly (Go's integer and float
// types, string, []byte, bool, time.Time, nil) are accepted as they are,
// without database/sql's conversion by reflection.
func (c *DriverConn) CheckNamedValue(nv *driver.NamedValue) error {
	switch v := nv.Value.(type) {
	case nil, int64, float64, string, bool, []byte, time.Time, int, int32, int16, int8, uint32, uint16, uint8, float32:
		return nil
	case term.Term, *big.Int:
		return nil
	case uint64:
		nv.Value = new(big.Int).SetUint64(v)
		return nil
	case uint:
		nv.Value = new(big.Int).SetUint64(uint64(v))
		return nil
	}
	return driver.ErrSkip
}

// appendNamedArgs appends database/sql's positional arguments, turned
// into terms, to dst, as driverArgs and then appendArgs would.
func appendNamedArgs(dst []term.Term, args []driver.NamedValue) ([]term.Term, error) {
	for i, a := range args {
		t, err := argTerm(a.Value)
		if err != nil {
			return nil, fmt.Errorf("argument %d: %w", i+1, err)
		}
		dst = append(dst, t)
	}
	return dst, nil
}

// driverStmt is a prepared statement of the driver: a Stmt, run in its
// connection's transaction when one is open.
type driverStmt struct {
	st   *Stmt
	conn *DriverConn
}

var (
	_ driver.Stmt             = (*driverStmt)(nil)
	_ driver.StmtExecContext  = (*driverStmt)(nil)
	_ driver.StmtQueryContext = (*driverStmt)(nil)
)

func (s *driverStmt) Close() error { return s.st.Close() }

// NumInput is the number of placeholders, or -1 (unchecked) when some
// have names: sql.Named("id", 1) binds both :id and @id.
func (s *driverStmt) NumInput() int {
	if st, err := s.st.plan(); err == nil && st.ParamNames() != nil {
		return -1
	}
	return s.st.NumInput()
}

func (s *driverStmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), valuesToNamed(args))
}

func (s *driverStmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), valuesToNamed(args))
}

func (s *driverStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	vals := driverArgs(args)
	res, err := s.st.ExecContext(s.conn.inSession(ctx, true), vals...)
	if err != nil {
		return nil, err
	}
	return driverResult{res}, nil
}

func (s *driverStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	st, err := s.st.plan()
	if err != nil {
		return nil, err
	}
	return driverQuery(s.conn.inSession(ctx, false), s.st.db, st, args)
}

func valuesToNamed(args []driver.Value) []driver.NamedValue {
	nv := make([]driver.NamedValue, len(args))
	for i, a := range args {
		nv[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return nv
}

// driverResult is Result as a driver.Result.
type driverResult struct{ res Result }

var _ driver.Result = driverResult{}

// LastInsertId is the row id of the last row inserted in a table without a
// primary key, or its integer key; 0 otherwise.
func (r driverResult) LastInsertId() (int64, error) { return r.res.LastInsertId, nil }

func (r driverResult) RowsAffected() (int64, error) { return r.res.RowsAffected, nil }

// driverRows is Rows as driver.Rows. Values are those of Rows.Values: nil
// for NULL, int64 (a *big.Int beyond 64 bits), float64, string, []byte,
// bool, time.Time for DATE and TIMESTAMP, term.Term for TERM.
type driverRows struct {
	rows   *Rows
	buf    Rows // rows, when pooled
	pooled bool
	boxes  valueBoxes // kept across uses: only the free end of a slab is written
}

var (
	_ driver.Rows                           = (*driverRows)(nil)
	_ driver.RowsColumnTypeDatabaseTypeName = (*driverRows)(nil)
	_ driver.RowsColumnTypeScanType         = (*driverRows)(nil)
)

func (r *driverRows) Columns() []string { return r.rows.res.ColumnNames() }

func (r *driverRows) Close() error {
	err := r.rows.Close()
	if r.pooled {
		r.rows, r.pooled = nil, false
		r.buf.cols, r.buf.res, r.buf.row, r.buf.err = nil, nil, nil, nil
		driverRowsPool.Put(r)
	}
	return err
}

func (r *driverRows) Next(dest []driver.Value) error {
	if !r.rows.Next() {
		if err := r.rows.Err(); err != nil {
			return err // a streamed scan failed after its first rows
		}
		return io.EOF
	}
	cols := r.rows.cols
	for i, v := range r.rows.Terms() {
		dest[i] = driverValue(v, cols[i].Type, &r.boxes)
	}
	return nil
}

// ColumnTypeDatabaseTypeName is the column's declared type: "INT",
// "FLOAT", "TEXT", "BLOB", "BOOL", "DATE", "TIMESTAMP" or "TERM"; "" when
// the type varies from row to row.
func (r *driverRows) ColumnTypeDatabaseTypeName(i int) string {
	if t := r.rows.cols[i].Type; t.Valid() {
		return t.DatabaseTypeName()
	}
	return ""
}

// ColumnTypeScanType is the Go type of the column's non-NULL values (see
// schema.Type.ScanType); any when the type varies from row to row.
func (r *driverRows) ColumnTypeScanType(i int) reflect.Type {
	if t := r.rows.cols[i].Type; t.Valid() {
		return t.ScanType()
	}
	return reflect.TypeFor[any]()
}
