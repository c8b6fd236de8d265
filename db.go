package etsql

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/planner"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
	"time"
)

// DB is an in-memory SQL database: a catalog of the tables its SQL
// statements created (each a schema.Table declaration and the ETS table
// holding its rows), a cache of planned statements, and the engine those
// tables live in.
//
// The tables are ordinary tables of an engine.DB (Engine), owned by one
// engine.Process (Process), so ETS-level code can read and write them
// while SQL does; Close ends that process, which deletes its tables.
//
// A DB is safe for concurrent use by many goroutines: statements run in
// parallel, CREATE and DROP TABLE change the catalog atomically, and plans
// made before them are made again (see Prepare).
type DB struct {
	eng  *engine.DB
	proc *engine.Process

	mu      sync.RWMutex
	tables  map[string]*planner.Table // by lower-case name
	views   map[string]*planner.View  // by lower-case name, apart from tables'
	trigs   []*planner.Trigger        // oldest first
	version uint64                    // bumped by CREATE, DROP and ALTER TABLE, CREATE and DROP INDEX (bumpVersion)
	closed  bool

	// state is version<<1 | closed, published under mu for the readers
	// of currentVersion, which take no lock (it is read by every run)
	state atomic.Uint64

	cacheMu sync.Mutex
	cache   map[string]*cached

	gate writeGate // one write transaction at a time (tx.go)
}

// DefaultBusyTimeout is how long a write waits for another session's write
// transaction to end before it fails with ErrBusy, unless WithBusyTimeout
// says otherwise (mattn/go-sqlite3's default).
const DefaultBusyTimeout = 5 * time.Second

// WithBusyTimeout sets how long a write (or BEGIN) waits for the write
// transaction of another session to end before failing with ErrBusy, as
// SQLite's busy_timeout does; 0 fails at once, a negative duration waits
// until the transaction ends or the context is done.
func WithBusyTimeout(d time.Duration) Option { return func(db *DB) { db.gate.timeout = d } }

// cached is a planned statement and the schema version it was planned for.
type cached struct {
	stmt    *planner.Statement
	version uint64
}

// maxCache bounds the statement cache.
const maxCache = 512

// Option configures Open.
type Option func(*DB)

// WithEngine makes the database create its tables in an existing engine,
// owned by a new process of that engine, instead of in an engine of its
// own; ETS code using the engine then sees the SQL tables by name.
//
// SQL sees only the tables its own CREATE TABLE made: tables already in
// the engine, or created there later by ETS code or another DB, stay
// invisible to SQL (a query naming one fails with ErrNoTable), and CREATE
// TABLE of one of their names fails with ErrTableExists, since ETS table
// names are unique per engine. Insert into an SQL table's ETS table with
// rows of its schema to share data both ways.
func WithEngine(e *engine.DB) Option { return func(db *DB) { db.eng = e } }

// Open returns a new, empty in-memory database, with an engine of its own
// unless WithEngine gives one. The error is always nil today; it is there
// for options that can fail.
func Open(opts ...Option) (*DB, error) {
	db := &DB{tables: map[string]*planner.Table{}, views: map[string]*planner.View{}, cache: map[string]*cached{}}
	db.gate.timeout = DefaultBusyTimeout
	for _, o := range opts {
		o(db)
	}
	if db.eng == nil {
		db.eng = engine.NewDB()
	}
	db.proc = db.eng.NewProcess("etsql")
	return db, nil
}

// Engine returns the engine holding the tables, for ETS-level use: each
// SQL table is the named ETS table of the same name (see the package
// documentation for the layout of its rows).
func (db *DB) Engine() *engine.DB { return db.eng }

// Process returns the engine process that owns the tables SQL creates
// and that statements run as. ETS calls on a private or protected SQL
// table need it (another process may only read a protected one).
func (db *DB) Process() *engine.Process { return db.proc }

// Close drops every table (it ends the owning process, so the ETS
// tables go too). Using the DB afterwards gives ErrClosed; closing twice
// does nothing.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil
	}
	db.closed = true
	db.publishState()
	db.proc.Close()
	db.tables = map[string]*planner.Table{}
	db.views = map[string]*planner.View{}
	db.trigs = nil
	return nil
}

// catalog is the planner's view of the database.
type catalog struct{ db *DB }

func (c catalog) Table(name string) (*planner.Table, bool) {
	c.db.mu.RLock()
	defer c.db.mu.RUnlock()
	t, ok := c.db.tables[strings.ToLower(name)]
	return t, ok
}

func (c catalog) CreateTable(def *schema.Table, ifNotExists bool) error {
	db := c.db
	db.mu.Lock()
	defer db.mu.Unlock()
	key := strings.ToLower(def.Name())
	if v, ok := db.views[key]; ok {
		if ifNotExists {
			return nil
		}
		return fmt.Errorf("%w: view %s already exists", ErrTableExists, v.Name)
	}
	if _, ok := db.tables[key]; ok || db.eng.Exists(def.Name()) {
		if ifNotExists {
			return nil
		}
		return fmt.Errorf("%w: table %s already exists", ErrTableExists, def.Name())
	}
	ets, err := db.eng.New(db.proc, def.Name(), planner.EngineOptions(def))
	if err != nil {
		return err
	}
	t := &planner.Table{Schema: def, ETS: ets}
	db.tables[key] = t
	db.bumpVersion()
	if tx := db.writeTx(); tx != nil {
		tx.created(key, t)
	}
	return nil
}

func (c catalog) DropTable(name string, ifExists bool) error {
	db := c.db
	db.mu.Lock()
	defer db.mu.Unlock()
	key := strings.ToLower(name)
	t, ok := db.tables[key]
	if v, isView := db.views[key]; !ok && isView {
		return fmt.Errorf("%w: use DROP VIEW to delete view %s", planner.ErrMisuse, v.Name)
	}
	if !ok {
		if ifExists {
			return nil
		}
		return fmt.Errorf("%w: %s", ErrNoTable, name)
	}
	delete(db.tables, key)
	db.bumpVersion()
	tx := db.writeTx()
	if tx != nil {
		if err := tx.dropped(key, t); err != nil {
			db.tables[key] = t
			return err
		}
	}
	for _, tr := range slices.Clone(db.trigs) { // its triggers go with it
		if strings.EqualFold(tr.Table, name) {
			db.dropTrigger(tr, tx)
		}
	}
	if tx != nil {
		return nil
	}
	if err := t.ETS.Delete(db.proc); err != nil && !errors.Is(err, engine.ErrNoTable) {
		return err
	}
	return nil
}

// View returns the view name (any case) names.
func (c catalog) View(name string) (*planner.View, bool) {
	c.db.mu.RLock()
	defer c.db.mu.RUnlock()
	v, ok := c.db.views[strings.ToLower(name)]
	return v, ok
}

// CreateView adds a view. Views and tables share one namespace; an
// index's name is taken too.
func (c catalog) CreateView(v *planner.View, ifNotExists bool) error {
	db := c.db
	db.mu.Lock()
	defer db.mu.Unlock()
	key := strings.ToLower(v.Name)
	var taken error
	if old, ok := db.views[key]; ok {
		taken = fmt.Errorf("%w: view %s already exists", ErrTableExists, old.Name)
	} else if t, ok := db.tables[key]; ok {
		taken = fmt.Errorf("%w: table %s already exists", ErrTableExists, t.Schema.Name())
	} else if _, spec, ok := db.indexOwner(v.Name); ok {
		taken = fmt.Errorf("%w: there is already an index named %s", ErrTableExists, spec.Name)
	}
	if taken != nil {
		if ifNotExists {
			return nil
		}
		return taken
	}
	db.views[key] = v
	db.bumpVersion()
	if tx := db.writeTx(); tx != nil {
		tx.changes = append(tx.changes, catalogChange{key: key, view: v})
	}
	return nil
}

// DropView removes a view.
func (c catalog) DropView(name string, ifExists bool) error {
	db := c.db
	db.mu.Lock()
	defer db.mu.Unlock()
	key := strings.ToLower(name)
	v, ok := db.views[key]
	if t, isTable := db.tables[key]; !ok && isTable {
		return fmt.Errorf("%w: use DROP TABLE to delete table %s", planner.ErrMisuse, t.Schema.Name())
	}
	if !ok {
		if ifExists {
			return nil
		}
		return fmt.Errorf("%w: %s", ErrNoView, name)
	}
	delete(db.views, key)
	db.bumpVersion()
	tx := db.writeTx()
	if tx != nil {
		tx.changes = append(tx.changes, catalogChange{key: key, view: v, dropped: true})
	}
	for _, tr := range slices.Clone(db.trigs) { // its triggers go with it
		if strings.EqualFold(tr.Table, name) {
			db.dropTrigger(tr, tx)
		}
	}
	return nil
}

// Triggers returns the triggers on table (any case), oldest first
// (planner.TriggerCatalog).
func (c catalog) Triggers(table string) []*planner.Trigger {
	c.db.mu.RLock()
	defer c.db.mu.RUnlock()
	var out []*planner.Trigger
	for _, tr := range c.db.trigs {
		if strings.EqualFold(tr.Table, table) {
			out = append(out, tr)
		}
	}
	return out
}

// trigger returns the trigger name (any case) names; the caller holds
// db.mu.
func (db *DB) trigger(name string) (*planner.Trigger, bool) {
	for _, tr := range db.trigs {
		if strings.EqualFold(tr.Name, name) {
			return tr, true
		}
	}
	return nil, false
}

// CreateTrigger adds a trigger, on a table or a view. Triggers have
// names of their own, apart from tables', views' and indexes'.
func (c catalog) CreateTrigger(tr *planner.Trigger, ifNotExists bool) error {
	db := c.db
	db.mu.Lock()
	defer db.mu.Unlock()
	if old, ok := db.trigger(tr.Name); ok {
		if ifNotExists {
			return nil
		}
		return fmt.Errorf("%w: trigger %s already exists", planner.ErrTriggerExists, old.Name)
	}
	_, isTable := db.tables[strings.ToLower(tr.Table)]
	if _, isView := db.views[strings.ToLower(tr.Table)]; !isTable && !isView {
		return fmt.Errorf("%w: %s", ErrNoTable, tr.Table)
	}
	db.trigs = append(db.trigs, tr)
	db.bumpVersion()
	if tx := db.writeTx(); tx != nil {
		tx.changes = append(tx.changes, catalogChange{trigger: tr})
	}
	return nil
}

// DropTrigger removes a trigger.
func (c catalog) DropTrigger(name string, ifExists bool) error {
	db := c.db
	db.mu.Lock()
	defer db.mu.Unlock()
	tr, ok := db.trigger(name)
	if !ok {
		if ifExists {
			return nil
		}
		return fmt.Errorf("%w: %s", planner.ErrNoTrigger, name)
	}
	db.dropTrigger(tr, db.writeTx())
	return nil
}

// dropTrigger removes tr, noting it in tx (if not nil) for a rollback to
// put back; the caller holds db.mu.
func (db *DB) dropTrigger(tr *planner.Trigger, tx *Tx) {
	pos := slices.Index(db.trigs, tr)
	db.trigs = slices.Delete(db.trigs, pos, pos+1)
	db.bumpVersion()
	if tx != nil {
		tx.changes = append(tx.changes, catalogChange{trigger: tr, dropped: true, pos: pos})
	}
}

// Triggers returns the triggers, oldest first, each as its name, its
// table and its CREATE TRIGGER statement as written.
func (db *DB) Triggers() []Trigger {
	db.mu.RLock()
	defer db.mu.RUnlock()
	out := make([]Trigger, 0, len(db.trigs))
	for _, tr := range db.trigs {
		out = append(out, Trigger{Name: tr.Name, Table: tr.Table, SQL: tr.SQL})
	}
	return out
}

// Trigger describes a trigger (CREATE TRIGGER).
type Trigger struct {
	Name  string
	Table string
	SQL   string // the CREATE TRIGGER statement as written
}

// Views returns the views, each as its name and its CREATE VIEW
// statement as written, in no particular order.
func (db *DB) Views() []View {
	db.mu.RLock()
	defer db.mu.RUnlock()
	out := make([]View, 0, len(db.views))
	for _, v := range db.views {
		out = append(out, View{Name: v.Name, SQL: v.SQL})
	}
	return out
}

// View describes a view (CREATE VIEW).
type View struct {
	Name string
	SQL  string // the CREATE VIEW statement as written
}

// indexOwner returns the table holding the index name (any case), and
// the index's name as declared. The caller holds db.mu.
func (db *DB) indexOwner(name string) (*planner.Table, engine.IndexSpec, bool) {
	for _, t := range db.tables {
		for _, spec := range t.ETS.Indexes() {
			if strings.EqualFold(spec.Name, name) {
				return t, spec, true
			}
		}
	}
	return nil, engine.IndexSpec{}, false
}

// HasIndex reports whether the database has an index of that name
// (planner.IndexFinder, for REINDEX).
func (c catalog) HasIndex(name string) bool {
	c.db.mu.RLock()
	defer c.db.mu.RUnlock()
	_, _, ok := c.db.indexOwner(name)
	return ok
}

// CreateIndex adds an index to a table (see engine.Table.CreateIndex).
// Index names are the database's, unique among its indexes and apart
// from its tables' names, in any case.
func (c catalog) CreateIndex(table string, spec engine.IndexSpec, ifNotExists bool) error {
	db := c.db
	db.mu.Lock()
	defer db.mu.Unlock()
	t, ok := db.tables[strings.ToLower(table)]
	if !ok {
		return fmt.Errorf("%w: %s", ErrNoTable, table)
	}
	if _, _, ok := db.indexOwner(spec.Name); ok {
		if ifNotExists {
			return nil
		}
		return fmt.Errorf("%w: index %s already exists", ErrIndexExists, spec.Name)
	}
	if _, ok := db.tables[strings.ToLower(spec.Name)]; ok {
		return fmt.Errorf("%w: there is already a table named %s", ErrIndexExists, spec.Name)
	}
	if _, ok := db.views[strings.ToLower(spec.Name)]; ok {
		return fmt.Errorf("%w: there is already a table named %s", ErrIndexExists, spec.Name)
	}
	if err := t.ETS.CreateIndex(db.proc, spec); err != nil {
		return err
	}
	db.bumpVersion()
	if tx := db.writeTx(); tx != nil {
		tx.changes = append(tx.changes, catalogChange{table: t, index: &spec})
	}
	return nil
}

// DropIndex removes an index.
func (c catalog) DropIndex(name string, ifExists bool) error {
	db := c.db
	db.mu.Lock()
	defer db.mu.Unlock()
	t, spec, ok := db.indexOwner(name)
	if !ok {
		if ifExists {
			return nil
		}
		return fmt.Errorf("%w: %s", ErrNoIndex, name)
	}
	if err := t.ETS.DropIndex(db.proc, spec.Name); err != nil {
		return err
	}
	db.bumpVersion()
	if tx := db.writeTx(); tx != nil {
		tx.changes = append(tx.changes, catalogChange{table: t, index: &spec, dropped: true})
	}
	return nil
}

// AlterTable swaps the declaration of a table for def (ALTER TABLE; the
// rows are the planner's to rewrite), renaming the table when def's name
// differs.
func (c catalog) AlterTable(name string, def *schema.Table) error {
	db := c.db
	db.mu.Lock()
	defer db.mu.Unlock()
	oldKey, newKey := strings.ToLower(name), strings.ToLower(def.Name())
	t, ok := db.tables[oldKey]
	if !ok {
		return fmt.Errorf("%w: %s", ErrNoTable, name)
	}
	if def.Name() != t.Schema.Name() {
		_, taken := db.tables[newKey]
		_, isView := db.views[newKey]
		taken = taken || isView
		_, _, isIndex := db.indexOwner(def.Name())
		if newKey != oldKey && (taken || isIndex || db.eng.Exists(def.Name())) {
			return fmt.Errorf("%w: there is already another table or index with this name: %s", ErrTableExists, def.Name())
		}
		if err := t.ETS.Rename(db.proc, def.Name()); err != nil {
			return err
		}
	}
	nt := &planner.Table{Schema: def, ETS: t.ETS}
	delete(db.tables, oldKey)
	db.tables[newKey] = nt
	db.bumpVersion()
	tx := db.writeTx()
	if tx != nil {
		tx.changes = append(tx.changes, catalogChange{key: newKey, table: nt, before: t, beforeKey: oldKey})
	}
	if def.Name() != t.Schema.Name() {
		db.renameTriggers(t.Schema.Name(), def.Name(), tx)
	}
	return nil
}

// renameTriggers moves the triggers on table from to table to, their
// statements rewritten to name it (in canonical form), as ALTER TABLE
// RENAME does; tx, if not nil, notes them for a rollback. The caller
// holds db.mu.
func (db *DB) renameTriggers(from, to string, tx *Tx) {
	for i, tr := range db.trigs {
		if !strings.EqualFold(tr.Table, from) {
			continue
		}
		nt := &planner.Trigger{Name: tr.Name, Table: to, SQL: tr.SQL}
		if st, err := parser.Parse(tr.SQL); err == nil {
			if def, ok := st.(*parser.CreateTriggerStmt); ok {
				def.Table = parser.Name(to)
				nt.SQL = parser.Format(def)
			}
		}
		db.trigs[i] = nt
		if tx != nil {
			tx.changes = append(tx.changes, catalogChange{trigger: nt, beforeTrigger: tr})
		}
	}
}

// Tables returns the names of the tables, as declared.
func (db *DB) Tables() []string {
	db.mu.RLock()
	defer db.mu.RUnlock()
	var names []string
	for _, t := range db.tables {
		names = append(names, t.Schema.Name())
	}
	return names
}

// Index describes a secondary index (CREATE INDEX).
type Index struct {
	Name    string
	Table   string
	Columns []string // most significant first
	Unique  bool
}

// SQL returns the CREATE INDEX statement of the index.
func (ix Index) SQL() string {
	s := &parser.CreateIndexStmt{Unique: ix.Unique, Name: parser.Name(ix.Name), Table: parser.Name(ix.Table)}
	for _, c := range ix.Columns {
		s.Columns = append(s.Columns, &parser.IndexColumn{Name: parser.Name(c)})
	}
	return parser.Format(s)
}

// Indexes returns the secondary indexes of a table, in creation order
// (none for a table that does not exist).
func (db *DB) Indexes(table string) []Index {
	t, ok := catalog{db}.Table(table)
	if !ok {
		return nil
	}
	var out []Index
	for _, ix := range t.Indexes() {
		x := Index{Name: ix.Name, Table: t.Schema.Name(), Unique: ix.Unique}
		for _, c := range ix.Columns {
			x.Columns = append(x.Columns, t.Schema.Column(c).Name)
		}
		out = append(out, x)
	}
	return out
}

// Table returns the declaration of a table.
func (db *DB) Table(name string) (*schema.Table, bool) {
	t, ok := catalog{db}.Table(name)
	if !ok {
		return nil, false
	}
	return t.Schema, true
}

// currentVersion returns the schema version, or ErrClosed.
func (db *DB) currentVersion() (uint64, error) {
	s := db.state.Load()
	if s&1 != 0 {
		return 0, ErrClosed
	}
	return s >> 1, nil
}

// bumpVersion marks a change of the schema; db.mu is held for writing.
func (db *DB) bumpVersion() {
	db.version++
	db.publishState()
}

// publishState stores version and closed into state; db.mu is held for
// writing.
func (db *DB) publishState() {
	s := db.version << 1
	if db.closed {
		s |= 1
	}
	db.state.Store(s)
}

// plan returns the plan of one statement, from the cache when the schema
// has not changed since it was made.
func (db *DB) plan(sql string) (*planner.Statement, error) {
	v, err := db.currentVersion()
	if err != nil {
		return nil, err
	}
	db.cacheMu.Lock()
	c, ok := db.cache[sql]
	db.cacheMu.Unlock()
	if ok && c.version == v {
		return c.stmt, nil
	}
	ast, st, err := db.parseAndPlan(sql)
	if err != nil {
		return nil, err
	}
	if reusable(ast) {
		db.cacheMu.Lock()
		if len(db.cache) >= maxCache {
			clear(db.cache)
		}
		db.cache[sql] = &cached{stmt: st, version: v}
		db.cacheMu.Unlock()
	}
	return st, nil
}

// parseAndPlan parses one statement and plans it against the current
// tables.
func (db *DB) parseAndPlan(sql string) (parser.Statement, *planner.Statement, error) {
	ast, err := parser.Parse(sql)
	if err != nil {
		return nil, nil, err
	}
	st, err := planner.Plan(catalog{db}, sql, ast)
	if err != nil {
		return nil, nil, err
	}
	return ast, st, nil
}

// reusable reports whether the plan of a statement may run again while
// the schema does not change: every plan but CREATE TABLE's, which is
// planned afresh for each run.
func reusable(ast parser.Statement) bool {
	_, ddl := ast.(*parser.CreateTableStmt)
	return !ddl
}

func (db *DB) runtime(ctx context.Context) *planner.Runtime {
	return &planner.Runtime{Ctx: ctx, Proc: db.proc}
}

// Exec runs a statement that returns no rows (or a script of several,
// separated by ";") and reports what it changed.
func (db *DB) Exec(sql string, args ...any) (Result, error) {
	return db.ExecContext(context.Background(), sql, args...)
}

// ExecContext is Exec with a context, checked during scans.
func (db *DB) ExecContext(ctx context.Context, sql string, args ...any) (Result, error) {
	st, err := db.plan(sql)
	if err != nil {
		var perr *parser.Error
		if errors.As(err, &perr) && strings.Contains(perr.Msg, "end of input") {
			return db.execScript(ctx, sql, args)
		}
		return Result{}, err
	}
	return db.execPlan(ctx, st, args)
}

func (db *DB) execPlan(ctx context.Context, st *planner.Statement, args []any) (Result, error) {
	if op := st.TxOp(); op != 0 {
		return db.runTxStatement(ctx, op)
	}
	res, err := db.run(ctx, st, args)
	if err != nil {
		return Result{}, err
	}
	if _, err := res.All(); err != nil { // a query run by Exec runs to its end
		return Result{}, err
	}
	return Result{RowsAffected: res.RowsAffected, LastInsertId: res.LastInsertID}, nil
}

// run binds the arguments to the placeholders of st and runs it.
func (db *DB) run(ctx context.Context, st *planner.Statement, args []any) (*planner.Result, error) {
	targs, err := bindArgs(st, args)
	if err != nil {
		return nil, err
	}
	if st.Writes() {
		var res *planner.Result
		err := db.runWrite(ctx, st, func() (err error) {
			res, err = st.Run(db.runtime(ctx), targs)
			return err
		})
		return res, err
	}
	return st.Run(db.runtime(ctx), targs)
}

// bindArgs converts the arguments of a statement to terms, one for each
// placeholder (see bindInto): more or fewer arguments than placeholders
// is an ErrParams error.
func bindArgs(st *planner.Statement, args []any) ([]term.Term, error) {
	return bindInto(make([]term.Term, 0, len(args)), st, args, nil)
}

// execScript runs several statements in order, stopping at the first
// error; arguments are not allowed. A script run outside a session (by
// DB.Exec) may BEGIN a transaction if it also ends it: one left open, by
// an error or by the end of the script, is rolled back.
func (db *DB) execScript(ctx context.Context, sql string, args []any) (res Result, err error) {
	if len(args) > 0 {
		return Result{}, fmt.Errorf("%w: a script takes no arguments", ErrParams)
	}
	stmts, err := parser.ParseScript(sql)
	if err != nil {
		return Result{}, err
	}
	if sessionOf(ctx) == nil {
		s := &session{}
		ctx = withSession(ctx, s)
		defer func() { err = endScript(s, err) }()
	}
	var total Result
	for _, s := range stmts {
		st, err := planner.Plan(catalog{db}, sql, s)
		if err != nil {
			return total, err
		}
		r, err := db.execPlan(ctx, st, nil)
		if err != nil {
			return total, err
		}
		total.RowsAffected += r.RowsAffected
		total.LastInsertId = r.LastInsertId
	}
	return total, nil
}

// Query runs a statement that returns rows.
func (db *DB) Query(sql string, args ...any) (*Rows, error) {
	return db.QueryContext(context.Background(), sql, args...)
}

// QueryContext is Query with a context, checked during scans.
func (db *DB) QueryContext(ctx context.Context, sql string, args ...any) (*Rows, error) {
	st, err := db.plan(sql)
	if err != nil {
		return nil, err
	}
	return queryPlan(ctx, db, st, args)
}

func queryPlan(ctx context.Context, db *DB, st *planner.Statement, args []any) (*Rows, error) {
	r := &Rows{}
	if err := db.runInto(ctx, st, args, nil, &r.own); err != nil {
		return nil, err
	}
	closeOnDrop(r, r.start())
	return r, nil
}

// queryPooled is queryPlan with a Rows from rowsPool, for QueryRow.
//
// hidden says args are hidden from escape analysis (see noescape.go).
func queryPooled(ctx context.Context, db *DB, st *planner.Statement, args []any, hidden bool) (*Rows, error) {
	r := rowsPool.Get().(*Rows)
	if err := db.runIntoArgs(ctx, st, args, nil, hidden, &r.own); err != nil {
		r.release()
		return nil, err
	}
	if res := r.start(); res != nil {
		// a streamed result gets a Rows of its own, not pooled
		nr := &Rows{cols: r.cols, res: res}
		r.release()
		closeOnDrop(nr, res)
		return nr, nil
	}
	return r, nil
}

// argBuf is a reused buffer of bound arguments.
type argBuf struct{ terms []term.Term }

var argPool = sync.Pool{New: func() any { return new(argBuf) }}

// runInto binds the arguments to the placeholders of st and runs it into
// res. The bound arguments go back to argPool unless the result streams
// (its scan reads them as it goes).
//
// The arguments are args, or named for the driver (one of them is nil).
func (db *DB) runInto(ctx context.Context, st *planner.Statement, args []any, named []driver.NamedValue, res *planner.Result) error {
	return db.runIntoArgs(ctx, st, args, named, false, res)
}

// runIntoArgs is runInto; hidden says args are hidden from escape analysis,
// so the bound terms must not share memory with them (see noescape.go).
func (db *DB) runIntoArgs(ctx context.Context, st *planner.Statement, args []any, named []driver.NamedValue, hidden bool, res *planner.Result) error {
	ab := argPool.Get().(*argBuf)
	terms, err := bindInto(ab.terms[:0], st, args, named)
	if err != nil {
		return err
	}
	if hidden {
		ownTerms(terms)
	}
	ab.terms = terms
	if st.Writes() {
		err = db.runWrite(ctx, st, func() error { return st.RunInto(ctx, planner.Runtime{Proc: db.proc}, ab.terms, res) })
	} else {
		err = st.RunInto(ctx, planner.Runtime{Proc: db.proc}, ab.terms, res)
	}
	if err != nil || !res.Streamed() {
		clear(ab.terms)
		argPool.Put(ab)
	}
	return err
}

// QueryRow runs a query expected to return at most one row; errors are
// deferred to Row.Scan.
func (db *DB) QueryRow(sql string, args ...any) *Row {
	return db.QueryRowContext(context.Background(), sql, args...)
}

// QueryRowContext is QueryRow with a context.
func (db *DB) QueryRowContext(ctx context.Context, sql string, args ...any) *Row {
	rows, err := db.queryRow(ctx, sql, args)
	return &Row{rows: rows, err: err}
}

func (db *DB) queryRow(ctx context.Context, sql string, args []any) (*Rows, error) {
	st, err := db.plan(sql)
	if err != nil {
		return nil, err
	}
	return queryPooled(ctx, db, st, args, false)
}

// Result is what Exec reports. For a script, RowsAffected is the sum over
// its statements and LastInsertId the last statement's.
type Result struct {
	// RowsAffected counts the rows an INSERT, UPDATE or DELETE wrote or
	// deleted; 0 for other statements.
	RowsAffected int64
	// LastInsertId is the key of the last row an INSERT wrote when that is
	// an integer: the row id of a table without a primary key, or the
	// INTEGER primary key, given or assigned (see the package
	// documentation); 0 otherwise.
	LastInsertId int64
}
