package etsql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/planner"
)

// Tx is a transaction, begun by DB.Begin or BeginTx (or by the SQL
// statement BEGIN): its statements run as one, undone together by
// Rollback (or ROLLBACK), kept together by Commit (COMMIT or END).
//
// One write transaction runs at a time: BeginTx waits until the running
// one ends, and so does every write statement outside it (INSERT, UPDATE,
// DELETE, CREATE and DROP TABLE run through the DB, a Stmt or another
// connection), each as long as its context allows. Reads outside do not
// wait, and see the transaction's writes as they are made, before it
// commits (see the package documentation). Within a transaction a
// statement that fails changes nothing, and the transaction goes on.
//
// Rollback restores every row the transaction wrote, in each table, as it
// was, and undoes its CREATE and DROP TABLE (a dropped table comes back
// with its rows), CREATE and DROP INDEX, and ALTER TABLE. Writes made through the engine (ETS calls) do not wait
// for it, and from its first write to its end its rollback undoes them
// too: it restores the tables themselves.
//
// End every Tx with Commit or Rollback (defer tx.Rollback() is the
// idiom): until then, writers outside it wait. A Tx is safe for
// concurrent use; its write statements run one at a time. After Commit or
// Rollback every method returns ErrTxDone.
type Tx struct {
	db       *DB
	sess     *session // the session holding it: its own, or a connection's
	readOnly bool

	mu      sync.Mutex // held while a write statement runs, and to end
	done    bool
	tables  []*engine.Table // the tables with an undo journal of the transaction
	started bool            // journals are on (from the first write)
	changes []catalogChange // CREATE, DROP and ALTER TABLE, CREATE and DROP INDEX, in order
}

// catalogChange is a CREATE or DROP TABLE, INDEX or VIEW, or an ALTER TABLE,
// made in a transaction, undone by its rollback: a created table is
// deleted, a dropped one (kept under a hidden name until the commit) comes
// back; a created index is dropped, a dropped one built again; an altered
// table gets its declaration (and name) back, its rows being restored by
// the journals.
type catalogChange struct {
	key     string // lower-case name
	table   *planner.Table
	index   *engine.IndexSpec // an index change, of table
	view    *planner.View     // a view change (table is nil)
	trigger *planner.Trigger  // a trigger change (table is nil)
	pos     int               // where a dropped trigger was among the triggers
	// a trigger moved to a renamed table: the trigger as it was
	beforeTrigger *planner.Trigger
	dropped       bool
	// ALTER TABLE: the table as it was, and its lower-case name
	before    *planner.Table
	beforeKey string
}

// session is where statements run: on a connection of the database/sql
// driver, in a script, or in a Tx. It holds the transaction that BEGIN
// (or the driver's BeginTx) started there, if any, which its end clears;
// a Tx's own session always names it, so that its statements never run
// outside it, even after it ended.
type session struct {
	tx    atomic.Pointer[Tx]
	owner *Tx
}

// current returns the session's transaction, or nil.
func (s *session) current() *Tx {
	if s.owner != nil {
		return s.owner
	}
	return s.tx.Load()
}

type sessionKey struct{}

// withSession returns ctx carrying s, for the statements run in it.
func withSession(ctx context.Context, s *session) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	return context.WithValue(ctx, sessionKey{}, s)
}

// sessionOf returns the session ctx carries, or nil.
func sessionOf(ctx context.Context) *session {
	if ctx == nil {
		return nil
	}
	s, _ := ctx.Value(sessionKey{}).(*session)
	return s
}

// txOf returns the transaction of the session ctx carries, or nil.
func txOf(ctx context.Context) *Tx {
	if s := sessionOf(ctx); s != nil {
		return s.current()
	}
	return nil
}

// Begin starts a transaction; see BeginTx.
func (db *DB) Begin() (*Tx, error) { return db.BeginTx(context.Background(), nil) }

// BeginTx starts a transaction, waiting while another write transaction
// runs, as long as ctx allows. opts may be nil; its Isolation may be
// sql.LevelDefault or sql.LevelSerializable (writers are serialized;
// other levels are an ErrUnsupported error), and ReadOnly makes a
// transaction that does not wait for writers and refuses to write
// (ErrReadOnly). ctx only bounds the wait: the transaction lasts until
// Commit or Rollback.
func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	return db.beginTx(ctx, opts, nil)
}

// beginTx begins a transaction held by the session s (see session), or by
// a session of its own when s is nil.
func (db *DB) beginTx(ctx context.Context, opts *sql.TxOptions, s *session) (*Tx, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if _, err := db.currentVersion(); err != nil {
		return nil, err
	}
	tx := &Tx{db: db}
	if opts != nil {
		switch opts.Isolation {
		case sql.LevelDefault, sql.LevelSerializable:
		default:
			return nil, fmt.Errorf("%w: isolation level %s (etsql serializes write transactions)", ErrUnsupported, opts.Isolation)
		}
		tx.readOnly = opts.ReadOnly
	}
	if !tx.readOnly {
		if err := db.gate.enter(ctx, tx); err != nil {
			return nil, err
		}
	}
	if s == nil {
		s = &session{owner: tx}
	}
	tx.sess = s
	s.tx.Store(tx)
	return tx, nil
}

// ctx returns ctx carrying the transaction's session.
func (tx *Tx) ctx(ctx context.Context) context.Context { return withSession(ctx, tx.sess) }

// Exec runs a statement (or a script) in the transaction; see DB.Exec.
// COMMIT and ROLLBACK end the transaction, as Commit and Rollback do.
func (tx *Tx) Exec(sql string, args ...any) (Result, error) {
	return tx.ExecContext(context.Background(), sql, args...)
}

// ExecContext is Exec with a context.
func (tx *Tx) ExecContext(ctx context.Context, sql string, args ...any) (Result, error) {
	if err := tx.check(); err != nil {
		return Result{}, err
	}
	return tx.db.ExecContext(tx.ctx(ctx), sql, args...)
}

// Query runs a query in the transaction; see DB.Query.
func (tx *Tx) Query(sql string, args ...any) (*Rows, error) {
	return tx.QueryContext(context.Background(), sql, args...)
}

// QueryContext is Query with a context.
func (tx *Tx) QueryContext(ctx context.Context, sql string, args ...any) (*Rows, error) {
	if err := tx.check(); err != nil {
		return nil, err
	}
	return tx.db.QueryContext(tx.ctx(ctx), sql, args...)
}

// QueryRow runs a query expected to return at most one row in the
// transaction; see DB.QueryRow.
func (tx *Tx) QueryRow(sql string, args ...any) *Row {
	return tx.QueryRowContext(context.Background(), sql, args...)
}

// QueryRowContext is QueryRow with a context.
func (tx *Tx) QueryRowContext(ctx context.Context, sql string, args ...any) *Row {
	if err := tx.check(); err != nil {
		return &Row{err: err}
	}
	return tx.db.QueryRowContext(tx.ctx(ctx), sql, args...)
}

// Prepare prepares a statement that runs in the transaction; see
// DB.Prepare.
func (tx *Tx) Prepare(sql string) (*Stmt, error) {
	if err := tx.check(); err != nil {
		return nil, err
	}
	s, err := tx.db.Prepare(sql)
	if err != nil {
		return nil, err
	}
	s.tx = tx
	return s, nil
}

// Stmt returns a statement prepared on the DB that runs in the
// transaction, sharing s's plan.
func (tx *Tx) Stmt(s *Stmt) *Stmt {
	p := s.cur.Load()
	return newStmt(s.db, s.sql, s.ast, p.st, p.ver, tx)
}

// check reports ErrTxDone once the transaction has ended.
func (tx *Tx) check() error {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if tx.done {
		return ErrTxDone
	}
	return nil
}

// Commit ends the transaction keeping its writes.
func (tx *Tx) Commit() error {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if tx.done {
		return ErrTxDone
	}
	defer tx.finish()
	p := tx.db.proc
	var errs []error
	for _, t := range tx.tables {
		errs = append(errs, ignoreGone(t.CommitJournal(p)))
	}
	for _, c := range tx.changes {
		if c.dropped && c.index == nil && c.before == nil && c.view == nil && c.trigger == nil {
			errs = append(errs, ignoreGone(c.table.ETS.Delete(p)))
		}
	}
	return errors.Join(errs...)
}

// Rollback ends the transaction undoing its writes: every row it wrote
// is as before, tables it created are gone and tables it dropped are back.
// Rolling back a transaction that already ended is ErrTxDone, which a
// deferred Rollback after Commit may ignore.
func (tx *Tx) Rollback() error {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if tx.done {
		return ErrTxDone
	}
	return tx.rollbackLocked()
}

// rollbackLocked is Rollback; the caller holds tx.mu.
func (tx *Tx) rollbackLocked() error {
	defer tx.finish()
	db, p := tx.db, tx.db.proc
	var errs []error
	for _, t := range tx.tables {
		errs = append(errs, ignoreGone(t.RollbackJournal(p)))
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if len(tx.changes) > 0 && !db.closed {
		for i := len(tx.changes) - 1; i >= 0; i-- {
			c := tx.changes[i]
			switch {
			case c.beforeTrigger != nil:
				if i := slices.Index(db.trigs, c.trigger); i >= 0 {
					db.trigs[i] = c.beforeTrigger
				}
			case c.trigger != nil && c.dropped:
				db.trigs = slices.Insert(db.trigs, min(c.pos, len(db.trigs)), c.trigger)
			case c.trigger != nil:
				db.trigs = slices.DeleteFunc(db.trigs, func(x *planner.Trigger) bool { return x == c.trigger })
			case c.view != nil && c.dropped:
				db.views[c.key] = c.view
			case c.view != nil:
				delete(db.views, c.key)
			case c.before != nil:
				delete(db.tables, c.key)
				db.tables[c.beforeKey] = c.before
				if c.before.Schema.Name() != c.table.Schema.Name() {
					errs = append(errs, ignoreGone(c.before.ETS.Rename(p, c.before.Schema.Name())))
				}
			case c.index != nil && c.dropped:
				errs = append(errs, ignoreGone(c.table.ETS.CreateIndex(p, *c.index)))
			case c.index != nil:
				errs = append(errs, ignoreGone(c.table.ETS.DropIndex(p, c.index.Name)))
			case c.dropped:
				errs = append(errs, ignoreGone(c.table.ETS.Rename(p, c.table.Schema.Name())))
				db.tables[c.key] = c.table
			default:
				delete(db.tables, c.key)
				errs = append(errs, ignoreGone(c.table.ETS.Delete(p)))
			}
		}
		db.bumpVersion()
	}
	return errors.Join(errs...)
}

// finish marks the transaction ended, its session free of it, and lets
// the next writer in. The caller holds tx.mu.
func (tx *Tx) finish() {
	tx.done = true
	tx.sess.tx.CompareAndSwap(tx, nil)
	if !tx.readOnly {
		tx.db.gate.leave(tx)
	}
}

// ignoreGone drops the errors of a table deleted meanwhile (the database
// closed, or ETS code deleted it): nothing is left to undo or keep.
func ignoreGone(err error) error {
	if errors.Is(err, engine.ErrNoTable) {
		return nil
	}
	return err
}

// runWrite runs a write statement st (run) in the transaction: it turns
// the transaction's undo journals on at its first write, and runs the
// statement under a savepoint unless it is atomic, so that a statement
// that fails changes nothing.
func (tx *Tx) runWrite(st *planner.Statement, run func() error) error {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	switch {
	case tx.done:
		return ErrTxDone
	case tx.readOnly:
		return ErrReadOnly
	}
	if err := tx.startJournals(); err != nil {
		return err
	}
	if st.Atomic() {
		err := run()
		var rb *planner.RollbackError
		if errors.As(err, &rb) { // INSERT OR ROLLBACK: the transaction ends
			err = errors.Join(err, tx.rollbackLocked())
		}
		return err
	}
	tables := tx.tables // CREATE TABLE adds to tx.tables: not under this savepoint
	p := tx.db.proc
	for i, t := range tables {
		if err := t.BeginJournal(p); err != nil {
			for _, t := range tables[:i] {
				_ = t.CommitJournal(p)
			}
			return err
		}
	}
	err := run()
	for _, t := range tables {
		if err != nil {
			_ = t.RollbackJournal(p) // a deleted table has nothing to undo
		} else {
			_ = t.CommitJournal(p)
		}
	}
	return err
}

// startJournals puts an undo journal on every table at the first write.
// The caller holds tx.mu.
func (tx *Tx) startJournals() error {
	if tx.started {
		return nil
	}
	tx.started = true
	db := tx.db
	db.mu.RLock()
	tables := make([]*planner.Table, 0, len(db.tables))
	for _, t := range db.tables {
		tables = append(tables, t)
	}
	db.mu.RUnlock()
	for _, t := range tables {
		if err := t.ETS.BeginJournal(db.proc); err != nil {
			if errors.Is(err, engine.ErrAccess) {
				continue // given away to another process: SQL cannot write it either
			}
			return err
		}
		tx.tables = append(tx.tables, t.ETS)
	}
	return nil
}

// created notes a CREATE TABLE run in the transaction. The caller runs a
// statement of the transaction (holding tx.mu) and holds db.mu.
func (tx *Tx) created(key string, t *planner.Table) {
	tx.changes = append(tx.changes, catalogChange{key: key, table: t})
	if err := t.ETS.BeginJournal(tx.db.proc); err == nil {
		tx.tables = append(tx.tables, t.ETS)
	}
}

// dropped notes a DROP TABLE run in the transaction: the table stays, its
// rows and journal with it, under a hidden name until the commit deletes
// it. The caller runs a statement of the transaction and holds db.mu.
func (tx *Tx) dropped(key string, t *planner.Table) error {
	hidden := "etsql$dropped$" + strconv.FormatUint(t.ETS.ID(), 10)
	if err := t.ETS.Rename(tx.db.proc, hidden); err != nil {
		return err
	}
	tx.changes = append(tx.changes, catalogChange{key: key, table: t, dropped: true})
	return nil
}

// runWrite runs a write statement: in the transaction of the session ctx
// carries, if any (see Tx.runWrite), else once no write transaction runs
// (waiting as long as ctx allows).
func (db *DB) runWrite(ctx context.Context, st *planner.Statement, run func() error) error {
	if tx := txOf(ctx); tx != nil {
		return tx.runWrite(st, run)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if err := db.gate.enter(ctx, nil); err != nil {
		return err
	}
	defer db.gate.leave(nil)
	return run()
}

// writeTx returns the write transaction running, if any: the catalog
// asks it, since only that transaction's statements may write while it
// runs.
func (db *DB) writeTx() *Tx {
	db.gate.mu.Lock()
	defer db.gate.mu.Unlock()
	return db.gate.owner
}

// runTxStatement runs BEGIN, COMMIT or ROLLBACK in the session ctx
// carries. BEGIN starts a transaction of the session; COMMIT and ROLLBACK
// end it. Without a session (DB.Exec of BEGIN alone, outside a script)
// there is nothing to hold the transaction: ErrTxState.
func (db *DB) runTxStatement(ctx context.Context, op parser.TxOp) (Result, error) {
	s := sessionOf(ctx)
	var tx *Tx
	if s != nil {
		tx = s.current()
	}
	switch {
	case op == parser.TxBegin && s == nil:
		return Result{}, fmt.Errorf("%w: BEGIN through DB.Exec: use DB.Begin, or BEGIN and COMMIT in one script", ErrTxState)
	case op == parser.TxBegin && tx != nil:
		return Result{}, fmt.Errorf("%w: cannot start a transaction within a transaction", ErrTxState)
	case op == parser.TxBegin:
		_, err := db.beginTx(ctx, nil, s)
		return Result{}, err
	case tx == nil && op == parser.TxCommit:
		return Result{}, fmt.Errorf("%w: cannot commit - no transaction is active", ErrTxState)
	case tx == nil:
		return Result{}, fmt.Errorf("%w: cannot rollback - no transaction is active", ErrTxState)
	case op == parser.TxCommit:
		return Result{}, tx.Commit()
	}
	return Result{}, tx.Rollback()
}

// writeGate lets one write transaction run at a time, alone: while one
// runs, write statements outside it wait; it waits for the write
// statements running when it begins. Write statements outside
// transactions run together. A transaction waiting goes before write
// statements arriving after it.
type writeGate struct {
	mu      sync.Mutex
	owner   *Tx           // the write transaction running
	writers int           // write statements running outside transactions
	waiting int           // transactions waiting to begin
	changed chan struct{} // closed (and cleared) when the gate may have opened
	timeout time.Duration // the busy timeout: how long enter waits (< 0: no limit)
}

// enter waits until tx (nil: a write statement outside transactions) may
// write, or ctx ends (its error), or the busy timeout passes (ErrBusy).
func (g *writeGate) enter(ctx context.Context, tx *Tx) error {
	var expired <-chan time.Time
	g.mu.Lock()
	if tx != nil {
		g.waiting++
	}
	for {
		if tx != nil && g.owner == nil && g.writers == 0 {
			g.owner = tx
			g.waiting--
			g.mu.Unlock()
			return nil
		}
		if tx == nil && g.owner == nil && g.waiting == 0 {
			g.writers++
			g.mu.Unlock()
			return nil
		}
		if g.changed == nil {
			g.changed = make(chan struct{})
		}
		changed := g.changed
		if expired == nil && g.timeout >= 0 {
			t := time.NewTimer(g.timeout)
			defer t.Stop()
			expired = t.C
		}
		g.mu.Unlock()
		var err error
		select {
		case <-changed:
		case <-ctx.Done():
			err = ctx.Err()
		case <-expired:
			err = fmt.Errorf("etsql: %w (a write transaction is running; busy timeout %v)", ErrBusy, g.timeout)
		}
		g.mu.Lock()
		if err != nil {
			if tx != nil {
				g.waiting--
				g.signal() // writers may wait behind it
			}
			g.mu.Unlock()
			return err
		}
	}
}

// leave ends what enter began.
func (g *writeGate) leave(tx *Tx) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if tx != nil {
		g.owner = nil
		g.signal()
		return
	}
	if g.writers--; g.writers == 0 {
		g.signal()
	}
}

// signal wakes every waiter to look again. The caller holds g.mu.
func (g *writeGate) signal() {
	if g.changed != nil {
		close(g.changed)
		g.changed = nil
	}
}

// endScript rolls back the transaction a script left open in its session
// s, and returns the script's error, or an ErrTxState error when the
// script ended without ending the transaction.
func endScript(s *session, err error) error {
	tx := s.current()
	if tx == nil {
		return err
	}
	rerr := tx.Rollback()
	if err == nil {
		err = fmt.Errorf("%w: the script ended inside its transaction, which was rolled back", ErrTxState)
	}
	return errors.Join(err, rerr)
}

// txContext returns ctx carrying the session of the statement's
// transaction, if it has one.
func (s *Stmt) txContext(ctx context.Context) context.Context {
	if s.tx == nil {
		return ctx
	}
	return s.tx.ctx(ctx)
}

// Conn is a session of a DB, as a connection of the database/sql driver
// is: BEGIN run through its Exec starts a transaction that its later
// statements run in, until COMMIT, END or ROLLBACK. It suits a shell
// reading statements one at a time. A Conn is for one goroutine at a
// time.
type Conn struct {
	db   *DB
	sess session
}

// Conn returns a new session of the database.
func (db *DB) Conn() *Conn { return &Conn{db: db} }

// Exec runs a statement or a script in the session; see DB.Exec.
func (c *Conn) Exec(sql string, args ...any) (Result, error) {
	return c.ExecContext(context.Background(), sql, args...)
}

// ExecContext is Exec with a context.
func (c *Conn) ExecContext(ctx context.Context, sql string, args ...any) (Result, error) {
	return c.db.ExecContext(withSession(ctx, &c.sess), sql, args...)
}

// Query runs a query in the session; see DB.Query.
func (c *Conn) Query(sql string, args ...any) (*Rows, error) {
	return c.QueryContext(context.Background(), sql, args...)
}

// QueryContext is Query with a context.
func (c *Conn) QueryContext(ctx context.Context, sql string, args ...any) (*Rows, error) {
	return c.db.QueryContext(withSession(ctx, &c.sess), sql, args...)
}

// Tx returns the transaction BEGIN started in the session, nil if none
// is open.
func (c *Conn) Tx() *Tx { return c.sess.current() }

// Close rolls back the session's open transaction, if any.
func (c *Conn) Close() error {
	if tx := c.sess.current(); tx != nil {
		return tx.Rollback()
	}
	return nil
}
