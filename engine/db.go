package engine

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/etsql/etsql/term"
)

// DB is a registry of tables and processes: the counterpart of one Erlang
// node's ets. Tables are found by name (named tables) or by id.
// A DB is safe for concurrent use.
type DB struct {
	mu      sync.RWMutex
	byName  map[string]*Table // named tables
	byID    map[uint64]*Table
	byRef   map[string]*Table // by the External Term Format of the id
	procs   map[uint64]*Process
	nextID  atomic.Uint64
	nextPid atomic.Uint64
}

// NewDB returns an empty registry.
func NewDB() *DB {
	db := &DB{byName: map[string]*Table{}, byID: map[uint64]*Table{}, byRef: map[string]*Table{}, procs: map[uint64]*Process{}}
	db.nextPid.Store(80) // like a fresh node: low pids belong to the system
	return db
}

// Process is the Go counterpart of an Erlang process: tables have an
// owner, protected and private tables check the caller against it, and a
// table passes to its heir or is deleted when its owner closes. The REPL and
// the SQL layer create one per session.
type Process struct {
	db   *DB
	id   uint64
	name string
	pid  term.Term

	mu         sync.Mutex
	dead       bool
	onTransfer func(Transfer)

	// The cursor of the process's last next or prev on an ordered_set,
	// so that a loop of next (and lookup of the key next returned) costs
	// no search at all while the table is unchanged, as ets keeps a cursor
	// for next.
	hintMu sync.Mutex
	cursor *nextCursor
	// cursorTab is the table of the cursor, read without the lock so that
	// a lookup in another table skips it.
	cursorTab atomic.Pointer[Table]
}

// Transfer tells a process it has received a table: the counterpart of
// the message {'ETS-TRANSFER', Table, From, Data}.
type Transfer struct {
	Table *Table
	From  *Process
	Data  term.Term
}

// NewProcess returns a live process; name is for display only.
func (db *DB) NewProcess(name string) *Process {
	id := db.nextPid.Add(1)
	p := &Process{db: db, id: id, name: name, pid: makePid(id)}
	db.mu.Lock()
	db.procs[id] = p
	db.mu.Unlock()
	return p
}

// ID returns the process's number (the middle part of its pid).
func (p *Process) ID() uint64 { return p.id }

// Name returns the name given to NewProcess.
func (p *Process) Name() string { return p.name }

// Pid returns the process as an Erlang pid term, <0.ID.0>.
func (p *Process) Pid() term.Term { return p.pid }

// Alive reports whether the process has not been closed.
func (p *Process) Alive() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return !p.dead
}

// OnTransfer sets the function called when the process receives a table
// by give_away or as heir. It is called without locks held, on the
// goroutine that caused the transfer.
func (p *Process) OnTransfer(fn func(Transfer)) {
	p.mu.Lock()
	p.onTransfer = fn
	p.mu.Unlock()
}

func (p *Process) notify(tr Transfer) {
	p.mu.Lock()
	fn := p.onTransfer
	p.mu.Unlock()
	if fn != nil {
		fn(tr)
	}
}

// Close ends the process: each table it owns passes to its heir (when the
// heir is alive; the heir is told through OnTransfer and the table's heir
// becomes none) or is deleted. Closing twice does nothing.
func (p *Process) Close() {
	p.mu.Lock()
	if p.dead {
		p.mu.Unlock()
		return
	}
	p.dead = true
	p.mu.Unlock()
	p.db.mu.Lock()
	delete(p.db.procs, p.id)
	p.db.mu.Unlock()
	for _, t := range p.db.All() {
		t.fix.release(p, true)
		if t.owner.Load() == p {
			t.ownerExited(p)
		}
	}
}

// ProcessByPid finds a live process of this DB by its pid term, for
// callers that receive pids as terms (heir options, give_away).
func (db *DB) ProcessByPid(pid term.Term) (*Process, bool) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	for _, p := range db.procs {
		if term.ExactEqual(p.pid, pid) {
			return p, true
		}
	}
	return nil, false
}

// New creates a table owned by owner: ets:new(Name, Options).
func (db *DB) New(owner *Process, name string, opts Options) (*Table, error) {
	if err := opts.normalize(); err != nil {
		return nil, err
	}
	if owner == nil || owner.db != db || !owner.Alive() {
		return nil, fmt.Errorf("owner: %w", ErrBadProcess)
	}
	if opts.Heir != nil && (opts.Heir.db != db || !opts.Heir.Alive()) {
		opts.Heir, opts.HeirData = nil, term.Term{} // ets ignores a dead heir
	}
	id := db.nextID.Add(1)
	t := &Table{
		db: db, id: id, ref: makeRef(id), opts: opts,
		store: newTable(opts.Type, opts.KeyPos),
		name:  name,
	}
	t.owner.Store(owner)
	t.heir, t.heirData = opts.Heir, opts.HeirData
	db.mu.Lock()
	defer db.mu.Unlock()
	if opts.Named {
		if _, taken := db.byName[name]; taken {
			return nil, fmt.Errorf("%s: %w", name, ErrNameTaken)
		}
		db.byName[name] = t
	}
	db.byID[id] = t
	ext, _ := t.ref.OpaqueExt()
	db.byRef[string(ext)] = t
	return t, nil
}

// Whereis returns the named table called name: ets:whereis/1.
func (db *DB) Whereis(name string) (*Table, bool) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	t, ok := db.byName[name]
	return t, ok
}

// ByID returns the table with the given id.
func (db *DB) ByID(id uint64) (*Table, bool) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	t, ok := db.byID[id]
	return t, ok
}

// Resolve finds a table as Erlang code names it: by an atom (named
// tables) or by its id reference (see Table.Ref). Anything else, or a
// table that does not exist, is ErrNoTable.
func (db *DB) Resolve(ref term.Term) (*Table, error) {
	if name, ok := ref.AtomName(); ok {
		if t, ok := db.Whereis(name); ok {
			return t, nil
		}
		return nil, fmt.Errorf("%s: %w", name, ErrNoTable)
	}
	if ext, ok := ref.OpaqueExt(); ok && ref.Kind() == term.KindReference {
		db.mu.RLock()
		t, ok := db.byRef[string(ext)]
		db.mu.RUnlock()
		if ok {
			return t, nil
		}
	}
	return nil, ErrNoTable
}

// All returns the live tables in creation order: ets:all/0.
func (db *DB) All() []*Table {
	db.mu.RLock()
	ts := make([]*Table, 0, len(db.byID))
	for _, t := range db.byID {
		ts = append(ts, t)
	}
	db.mu.RUnlock()
	slices.SortFunc(ts, func(a, b *Table) int { return int(a.id) - int(b.id) })
	return ts
}

// Exists reports whether a named table called name exists.
func (db *DB) Exists(name string) bool {
	_, ok := db.Whereis(name)
	return ok
}

// Delete deletes the table ref names (see Resolve) on behalf of p.
func (db *DB) Delete(p *Process, ref term.Term) error {
	t, err := db.Resolve(ref)
	if err != nil {
		return err
	}
	return t.Delete(p)
}

// Clear deletes all objects of the table ref names, on behalf of p.
func (db *DB) Clear(p *Process, ref term.Term) error {
	t, err := db.Resolve(ref)
	if err != nil {
		return err
	}
	return t.DeleteAllObjects(p)
}

func (db *DB) unregister(t *Table) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if t.opts.Named && db.byName[t.name] == t {
		delete(db.byName, t.name)
	}
	delete(db.byID, t.id)
	ext, _ := t.ref.OpaqueExt()
	delete(db.byRef, string(ext))
}

// ---- Erlang identities ----

const nodeName = "nonode@nohost"

func appendNode(b []byte) []byte {
	b = append(b, 119, byte(len(nodeName))) // SMALL_ATOM_UTF8_EXT
	return append(b, nodeName...)
}

// makePid returns <0.id.0> as an opaque pid (NEW_PID_EXT).
func makePid(id uint64) term.Term {
	b := appendNode([]byte{88})
	b = binary.BigEndian.AppendUint32(b, uint32(id&0x7fff))
	b = binary.BigEndian.AppendUint32(b, uint32(id>>15))
	b = binary.BigEndian.AppendUint32(b, 0)
	t, _ := term.Opaque(term.KindPid, b)
	return t
}

// makeRef returns a reference unique to table id (NEWER_REFERENCE_EXT).
func makeRef(id uint64) term.Term {
	b := binary.BigEndian.AppendUint16([]byte{90}, 3)
	b = appendNode(b)
	b = binary.BigEndian.AppendUint32(b, 0) // creation
	b = binary.BigEndian.AppendUint32(b, uint32(id))
	b = binary.BigEndian.AppendUint32(b, uint32(id>>32))
	b = binary.BigEndian.AppendUint32(b, 0x45545351) // "ETSQ"
	t, _ := term.Opaque(term.KindReference, b)
	return t
}
