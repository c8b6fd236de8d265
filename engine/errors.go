package engine

import "errors"

// The sentinel errors of package engine. In Erlang almost every ets failure
// is the exception badarg; here each cause has its own sentinel, and every
// one of them also matches ErrBadArg:
//
//	errors.Is(err, engine.ErrNoTable) // the precise cause
//	errors.Is(err, engine.ErrBadArg)  // what Erlang would raise
//
// Errors returned by the package wrap one of these with %w.
var (
	// ErrBadArg is Erlang's badarg. Every other sentinel here matches it.
	ErrBadArg = errors.New("badarg")

	// ErrNoTable: the table does not exist (never did, or was deleted).
	ErrNoTable = badArg("no such table")

	// ErrAccess: the calling process may not do this to the table: a write
	// to a protected table or any access to a private table by a process
	// that does not own it, or an owner-only operation (give_away, setopts)
	// by another process.
	ErrAccess = badArg("access denied")

	// ErrNameTaken: a named table already exists under that name.
	ErrNameTaken = badArg("table name already in use")

	// ErrBadObject: an object that is not a tuple with at least keypos
	// elements.
	ErrBadObject = badArg("bad object")

	// ErrBadOption: an invalid table option (unknown type, keypos < 1, ...).
	ErrBadOption = badArg("bad table option")

	// ErrKeyNotFound: an operation that needs an existing key
	// (lookup_element, update_counter without default, next on a hash
	// table) did not find it.
	ErrKeyNotFound = badArg("key not found")

	// ErrBadPosition: an element position outside the object, or the key
	// position where the key may not change (update_counter,
	// update_element).
	ErrBadPosition = badArg("bad element position")

	// ErrNotInteger: update_counter on an element or increment that is not
	// an integer.
	ErrNotInteger = badArg("not an integer")

	// ErrTableType: an operation the table's type does not support
	// (update_counter on a bag, select_replace on a bag, ...).
	ErrTableType = badArg("operation not supported by the table type")

	// ErrBadMatchSpec: a match specification or pattern the engine cannot
	// use.
	ErrBadMatchSpec = badArg("bad match specification")

	// ErrKeyChanged: select_replace would change an object's key.
	ErrKeyChanged = badArg("replacement changes the key")

	// ErrBadContinuation: a select continuation that is not valid for this
	// call (nil, from another table, or after the table was deleted).
	ErrBadContinuation = badArg("bad continuation")

	// ErrBadProcess: a dead or foreign process used as owner, heir or
	// give_away target, or give_away to the current owner.
	ErrBadProcess = badArg("bad process")

	// ErrNoJournal: CommitJournal or RollbackJournal on a table with no
	// undo journal on (not an ets error: journals are this engine's).
	ErrNoJournal = badArg("no undo journal")

	// ErrIndexExists: CreateIndex of a name the table has an index of
	// (indexes are this engine's, not ets's; see CreateIndex).
	ErrIndexExists = badArg("index already exists")

	// ErrNoIndex: the table has no index of that name.
	ErrNoIndex = badArg("no such index")

	// ErrUnique: a write or CreateIndex that would give objects of
	// different keys the same values in a unique index.
	ErrUnique = badArg("unique index conflict")
)

// UniqueError is the ErrUnique of a write or CreateIndex: Index names the
// unique index.
type UniqueError struct{ Index string }

func (e *UniqueError) Error() string { return "index " + e.Index + ": " + ErrUnique.Error() }

// Unwrap returns ErrUnique.
func (e *UniqueError) Unwrap() error { return ErrUnique }

// badArgError is a sentinel that also matches ErrBadArg.
type badArgError struct{ msg string }

func badArg(msg string) error { return &badArgError{msg} }

func (e *badArgError) Error() string { return e.msg }

// Is makes every engine sentinel match ErrBadArg.
func (e *badArgError) Is(target error) bool { return target == ErrBadArg }
