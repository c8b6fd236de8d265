package engine

import (
	"fmt"
	"time"

	"github.com/etsql/etsql/term"
)

// Info describes a table: the items of ets:info/1.
type Info struct {
	ID                    term.Term // the table's reference
	Name                  string
	Named                 bool
	Type                  Type
	KeyPos                int
	Access                Access
	Size                  int
	Memory                int // in 8-byte words, like ets's word count
	Owner                 *Process
	Heir                  *Process // nil: none
	ReadConcurrency       bool
	WriteConcurrency      bool
	WriteConcurrencyAuto  bool // {write_concurrency, auto}
	Compressed            bool
	DecentralizedCounters bool
	// Fixations are the safe_fixtable calls in force, by process, and
	// FixedSince when the first of them was made (zero: not fixed).
	Fixations  []Fixation
	FixedSince time.Time
	fixedMono  int64 // FixedSince as erlang:monotonic_time()
}

// Info returns the table's description. Any process may ask, even for a
// private table, as in ets.
func (t *Table) Info() (Info, error) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	if t.deleted {
		return Info{}, ErrNoTable
	}
	return Info{
		ID: t.ref, Name: t.name, Named: t.opts.Named, Type: t.opts.Type,
		KeyPos: t.opts.KeyPos, Access: t.opts.Access,
		Size: t.store.size(), Memory: t.store.memoryWords(),
		Owner: t.owner.Load(), Heir: t.heir,
		ReadConcurrency: t.opts.ReadConcurrency, WriteConcurrency: t.opts.WriteConcurrency,
		WriteConcurrencyAuto: t.opts.WriteConcurrencyAuto,
		Compressed:           t.opts.Compressed, DecentralizedCounters: t.opts.DecentralizedCounters,
		Fixations: t.fix.list(), FixedSince: t.fix.since, fixedMono: t.fix.mono,
	}, nil
}

// infoItems lists the items of ets:info/1 in the order OTP 25 prints them.
var infoItems = []string{
	"id", "decentralized_counters", "read_concurrency", "write_concurrency",
	"compressed", "memory", "owner", "heir", "name", "size", "node",
	"named_table", "type", "keypos", "protection",
}

// Term returns the description as ets:info/1 returns it: a list of
// {Item, Value} pairs.
func (i Info) Term() term.Term {
	pairs := make([]term.Term, len(infoItems))
	for n, item := range infoItems {
		v, _ := i.Item(item)
		pairs[n] = term.Tuple(term.Atom(item), v)
	}
	return term.List(pairs...)
}

// Item returns one item of the description as ets:info/2 does; an
// unknown item is badarg.
func (i Info) Item(item string) (term.Term, error) {
	switch item {
	case "id":
		return i.ID, nil
	case "name":
		return term.Atom(i.Name), nil
	case "named_table":
		return term.Bool(i.Named), nil
	case "type":
		return term.Atom(i.Type.String()), nil
	case "keypos":
		return term.Int(int64(i.KeyPos)), nil
	case "protection":
		return term.Atom(i.Access.String()), nil
	case "size":
		return term.Int(int64(i.Size)), nil
	case "memory":
		return term.Int(int64(i.Memory)), nil
	case "owner":
		return i.Owner.Pid(), nil
	case "heir":
		if i.Heir == nil {
			return term.Atom("none"), nil
		}
		return i.Heir.Pid(), nil
	case "node":
		return term.Atom(nodeName), nil
	case "read_concurrency":
		return term.Bool(i.ReadConcurrency), nil
	case "write_concurrency":
		if i.WriteConcurrencyAuto {
			return term.Atom("auto"), nil
		}
		return term.Bool(i.WriteConcurrency), nil
	case "compressed":
		return term.Bool(i.Compressed), nil
	case "decentralized_counters":
		return term.Bool(i.DecentralizedCounters), nil
	case "fixed":
		return term.Bool(len(i.Fixations) > 0), nil
	case "safe_fixed":
		if len(i.Fixations) == 0 {
			return term.False, nil
		}
		return term.Tuple(erlangTimestamp(i.FixedSince), i.fixationList()), nil
	case "safe_fixed_monotonic_time":
		if len(i.Fixations) == 0 {
			return term.False, nil
		}
		return term.Tuple(term.Int(i.fixedMono), i.fixationList()), nil
	}
	return term.Term{}, fmt.Errorf("info item %q: %w", item, ErrBadArg)
}

// InfoItem is ets:info/2: one item of the table's description.
func (t *Table) InfoItem(item string) (term.Term, error) {
	i, err := t.Info()
	if err != nil {
		return term.Term{}, err
	}
	return i.Item(item)
}
