package engine

import (
	"fmt"

	"github.com/etsql/etsql/term"
)

// Type is a table's type.
type Type uint8

// The four ets table types.
const (
	// Set: one object per key; keys match by =:= (1 and 1.0 are two keys).
	Set Type = iota
	// OrderedSet: one object per key, kept in term order; keys match by ==
	// (1 and 1.0 are one key).
	OrderedSet
	// Bag: many objects per key, but no two =:= objects.
	Bag
	// DuplicateBag: many objects per key, duplicates allowed.
	DuplicateBag
)

var typeNames = [...]string{Set: "set", OrderedSet: "ordered_set", Bag: "bag", DuplicateBag: "duplicate_bag"}

// String returns the Erlang name of the type, as in "ordered_set".
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", t)
}

// isBag reports whether the table holds several objects per key.
func (t Type) isBag() bool { return t == Bag || t == DuplicateBag }

// Access is a table's protection.
type Access uint8

// The three access levels. The zero value is Protected, as in ets.
const (
	// Protected: the owner reads and writes, other processes only read.
	Protected Access = iota
	// Public: every process reads and writes.
	Public
	// Private: only the owner reads or writes.
	Private
)

var accessNames = [...]string{Protected: "protected", Public: "public", Private: "private"}

// String returns the Erlang name of the access level.
func (a Access) String() string {
	if int(a) < len(accessNames) {
		return accessNames[a]
	}
	return fmt.Sprintf("Access(%d)", a)
}

// Options are the options of ets:new/2. The zero Options is ets's default:
// a protected, unnamed set with keypos 1.
type Options struct {
	Type   Type
	KeyPos int // 1-based position of the key in each object; 0 means 1
	Named  bool
	Access Access

	// Heir receives the table when its owner closes (nil: no heir, the
	// table is deleted). HeirData travels with the transfer.
	Heir     *Process
	HeirData term.Term

	// These options are accepted and reported by Info; the engine's
	// concurrency does not depend on them.
	ReadConcurrency  bool
	WriteConcurrency bool
	// WriteConcurrencyAuto is {write_concurrency, auto} (WriteConcurrency
	// is then true too): Info reports auto.
	WriteConcurrencyAuto  bool
	Compressed            bool
	DecentralizedCounters bool
}

func (o *Options) normalize() error {
	if o.KeyPos == 0 {
		o.KeyPos = 1
	}
	if o.KeyPos < 0 || o.Type > DuplicateBag || o.Access > Private {
		return fmt.Errorf("keypos %d, type %d, access %d: %w", o.KeyPos, o.Type, o.Access, ErrBadOption)
	}
	if o.Heir != nil && !o.HeirData.IsValid() {
		o.HeirData = term.Atom("undefined")
	}
	return nil
}

// ParseOptions reads the option list of ets:new/2, such as
// [ordered_set, named_table, public, {keypos, 2}]. resolve maps the pid of
// a {heir, Pid, Data} option to a process; it may be nil when no heir is
// expected. Later options override earlier ones, as in ets.
func ParseOptions(list term.Term, resolve func(pid term.Term) (*Process, bool)) (Options, error) {
	var o Options
	elems, tail := list.ListParts()
	if !tail.IsNil() {
		return o, fmt.Errorf("options must be a proper list: %w", ErrBadOption)
	}
	dc := term.Term{} // the last {decentralized_counters, Bool}, if any
	for _, e := range elems {
		if k, _ := e.Element(1); e.Arity() == 2 && k.IsAtomNamed("decentralized_counters") {
			v, _ := e.Element(2)
			if !v.IsBoolean() {
				return o, fmt.Errorf("decentralized_counters: expected true or false: %w", ErrBadOption)
			}
			dc = v
			continue
		}
		if err := o.parseOne(e, resolve); err != nil {
			return o, err
		}
	}
	o.DecentralizedCounters = decentralizedCounters(o, dc)
	return o, o.normalize()
}

// decentralizedCounters is the decentralized_counters flag OTP 25 reports
// for the options o and the value given (invalid: none): only with write
// concurrency, by default on for {write_concurrency, auto} and for an
// ordered_set with {write_concurrency, true}.
func decentralizedCounters(o Options, given term.Term) bool {
	switch {
	case !o.WriteConcurrency:
		return false
	case given.IsValid():
		return given.IsTrue()
	}
	return o.WriteConcurrencyAuto || o.Type == OrderedSet
}

func (o *Options) parseOne(e term.Term, resolve func(term.Term) (*Process, bool)) error {
	if name, ok := e.AtomName(); ok {
		switch name {
		case "set":
			o.Type = Set
		case "ordered_set":
			o.Type = OrderedSet
		case "bag":
			o.Type = Bag
		case "duplicate_bag":
			o.Type = DuplicateBag
		case "named_table":
			o.Named = true
		case "public":
			o.Access = Public
		case "protected":
			o.Access = Protected
		case "private":
			o.Access = Private
		case "compressed":
			o.Compressed = true
		default:
			return fmt.Errorf("unknown option %s: %w", name, ErrBadOption)
		}
		return nil
	}
	if e.Arity() == 2 {
		k, _ := e.Element(1)
		v, _ := e.Element(2)
		switch {
		case k.IsAtomNamed("keypos"):
			n, ok := v.Int64()
			if !ok || n < 1 || n > 1<<24 {
				return fmt.Errorf("keypos must be a positive integer: %w", ErrBadOption)
			}
			o.KeyPos = int(n)
			return nil
		case k.IsAtomNamed("read_concurrency"):
			return setBool(&o.ReadConcurrency, v)
		case k.IsAtomNamed("write_concurrency"):
			o.WriteConcurrencyAuto = v.IsAtomNamed("auto")
			if o.WriteConcurrencyAuto {
				o.WriteConcurrency = true
				return nil
			}
			return setBool(&o.WriteConcurrency, v)
		case k.IsAtomNamed("heir") && v.IsAtomNamed("none"):
			o.Heir, o.HeirData = nil, term.Term{}
			return nil
		}
	}
	if e.Arity() == 3 {
		k, _ := e.Element(1)
		pid, _ := e.Element(2)
		data, _ := e.Element(3)
		if k.IsAtomNamed("heir") && resolve != nil {
			if p, ok := resolve(pid); ok {
				o.Heir, o.HeirData = p, data
				return nil
			}
			return fmt.Errorf("heir is not a known process: %w", ErrBadOption)
		}
	}
	return fmt.Errorf("bad option: %w", ErrBadOption)
}

func setBool(dst *bool, v term.Term) error {
	if !v.IsBoolean() {
		return fmt.Errorf("expected true or false: %w", ErrBadOption)
	}
	*dst = v.IsTrue()
	return nil
}
