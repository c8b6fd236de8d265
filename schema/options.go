package schema

import (
	"slices"
	"strings"

	"github.com/etsql/etsql/term"
)

// TableType is the ETS table type a table is stored as.
type TableType uint8

// The ETS table types. The zero TableType is OrderedSet, the default.
const (
	OrderedSet   TableType = iota // ordered_set: one row per key, rows in key order
	Set                           // set: one row per key, hashed
	Bag                           // bag: several distinct rows per key
	DuplicateBag                  // duplicate_bag: several rows per key, duplicates kept
)

var tableTypeNames = [...]string{OrderedSet: "ordered_set", Set: "set", Bag: "bag", DuplicateBag: "duplicate_bag"}

// String returns the ETS name: "ordered_set", "set", "bag" or "duplicate_bag".
func (k TableType) String() string {
	if int(k) < len(tableTypeNames) {
		return tableTypeNames[k]
	}
	return "invalid"
}

// Unique reports whether the table type keeps one row per key (set,
// ordered_set).
func (k TableType) Unique() bool { return k == OrderedSet || k == Set }

// Access is who may read and write a table, as ETS's access option.
type Access uint8

// The access modes. The zero Access is Public, the default.
const (
	Public    Access = iota // any goroutine reads and writes
	Protected               // the owner writes, anyone reads
	Private                 // only the owner reads and writes
)

var accessNames = [...]string{Public: "public", Protected: "protected", Private: "private"}

// String returns the ETS name: "public", "protected" or "private".
func (a Access) String() string {
	if int(a) < len(accessNames) {
		return accessNames[a]
	}
	return "invalid"
}

// Options are a table's ETS options. The zero Options are the defaults:
// ordered_set, public, no read or write concurrency, not compressed. The
// key position is always 1 (see the package documentation).
//
// Why ordered_set: a SQL table is expected to behave as a B-tree on its
// key, as in SQLite: rows come back in key order (insertion order for rowid
// tables), ORDER BY key needs no sort, and a key range (BETWEEN, <, >, a
// composite key prefix) is a bounded traversal rather than a full scan. A
// point lookup costs O(log n) instead of a hash table's O(1); declare the
// table set when only point lookups matter. With bag and duplicate_bag a
// key may have several rows: the primary key is then the ETS key, not a
// uniqueness constraint. Why public: SQL statements may
// run on any goroutine (a database/sql pool has several connections);
// protected and private keep their ETS meaning for Go API users.
type Options struct {
	Type             TableType
	Access           Access
	ReadConcurrency  bool
	WriteConcurrency bool
	Compressed       bool
}

// Set applies one option given as text, as a CREATE TABLE ... WITH (...)
// clause would give it: a bare ETS option ("ordered_set", "bag",
// "protected", "compressed", ...) with value "", or a name and a value
// ("type" = "bag", "access" = "private", "read_concurrency" = "true",
// "write_concurrency" = "false", "compressed" = "true"). Names and values
// are case-insensitive. An unknown option or value is an ErrBadDefinition
// error.
func (o *Options) Set(name, value string) error {
	name, value = strings.ToLower(strings.TrimSpace(name)), strings.ToLower(strings.TrimSpace(value))
	if value == "" {
		switch {
		case o.setType(name), o.setAccess(name):
			return nil
		case name == "read_concurrency", name == "write_concurrency", name == "compressed":
			return o.Set(name, "true")
		}
		return errorf(ErrBadDefinition, "unknown table option %s", quoteName(name))
	}
	var ok bool
	switch name {
	case "type", "kind":
		ok = o.setType(value)
	case "access":
		ok = o.setAccess(value)
	case "read_concurrency":
		o.ReadConcurrency, ok = parseFlag(value)
	case "write_concurrency":
		o.WriteConcurrency, ok = parseFlag(value)
	case "compressed":
		o.Compressed, ok = parseFlag(value)
	default:
		return errorf(ErrBadDefinition, "unknown table option %s", quoteName(name))
	}
	if !ok {
		return errorf(ErrBadDefinition, "table option %s: bad value %s", name, quoteName(value))
	}
	return nil
}

// setType sets the table type named s ("bag"), if s names one.
func (o *Options) setType(s string) bool { return setNamed(&o.Type, tableTypeNames[:], s) }

// setAccess sets the access named s ("private"), if s names one.
func (o *Options) setAccess(s string) bool { return setNamed(&o.Access, accessNames[:], s) }

// setNamed sets *v to the value whose name in names (indexed by value)
// is s, reporting whether there is one.
func setNamed[V ~uint8](v *V, names []string, s string) bool {
	i := slices.Index(names, s)
	if i >= 0 {
		*v = V(i)
	}
	return i >= 0
}

func parseFlag(s string) (bool, bool) {
	switch s {
	case "true", "on", "1", "yes":
		return true, true
	case "false", "off", "0", "no":
		return false, true
	}
	return false, false
}

// Terms returns the options as the option list ets:new/2 would take, as in
// [ordered_set, public, {keypos, 1}, {read_concurrency, false},
// {write_concurrency, false}], with compressed added when set.
func (o Options) Terms() term.Term {
	opts := []term.Term{
		term.Atom(o.Type.String()),
		term.Atom(o.Access.String()),
		term.Tuple(term.Atom("keypos"), term.Int(1)),
		term.Tuple(term.Atom("read_concurrency"), term.Bool(o.ReadConcurrency)),
		term.Tuple(term.Atom("write_concurrency"), term.Bool(o.WriteConcurrency)),
	}
	if o.Compressed {
		opts = append(opts, term.Atom("compressed"))
	}
	return term.List(opts...)
}
