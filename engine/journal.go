package engine

import (
	"fmt"
	"slices"

	"github.com/etsql/etsql/term"
)

// An undo journal records, while it is on, what a table held before it
// was written, so that the writes can be undone: the transactions of a
// SQL layer. It is not an ets feature; ets code that never starts one pays
// nothing for it.
//
// The journal is a wrapper of the table's storage: every write of any
// kind (insert, delete, select_delete, select_replace, update_element,
// update_counter, delete_all_objects, ...) goes through it, and the first
// time a write touches a key it saves the objects the key held, or that
// it was absent. Undoing restores each touched key as saved, in the
// reverse order of first touch, so the table holds exactly the objects it
// held before, in the same order within a key of a bag (the order of the
// keys of a set or bag, which ets leaves unspecified, may differ).
//
// Journals nest: BeginJournal on a journaled table starts an inner
// journal, which RollbackJournal undoes alone and CommitJournal merges
// into the outer one (the outer journal saw every write too).

// journal is a table's storage while an undo journal is on.
type journal struct {
	table        // the storage written through: the table's, or an outer journal
	keypos  int  // the table's key position
	ordered bool // keys are equal by == (ordered_set), else by =:=
	saved   []savedKey
	index   map[uint64]int // hash of a key -> 1 + the index in saved of the last key with it
}

// savedKey is what a key held when first touched: objs, none when the key
// was absent.
type savedKey struct {
	key  term.Term
	objs []term.Term
	prev int // 1 + the index of the previous saved key of the same hash; 0 if none
}

var _ table = (*journal)(nil)

func newJournal(inner table, keypos int, ordered bool) *journal {
	return &journal{table: inner, keypos: keypos, ordered: ordered}
}

func (j *journal) hash(key term.Term) uint64 {
	if j.ordered {
		return term.HashEqual(key)
	}
	return term.Hash(key)
}

func (j *journal) same(a, b term.Term) bool {
	if j.ordered {
		return term.Compare(a, b) == 0
	}
	return term.ExactEqual(a, b)
}

// record saves what key holds unless it was saved already.
func (j *journal) record(key term.Term) {
	h := j.hash(key)
	last := j.index[h]
	for i := last; i > 0; i = j.saved[i-1].prev {
		if j.same(j.saved[i-1].key, key) {
			return
		}
	}
	if j.index == nil {
		j.index = map[uint64]int{}
	}
	j.saved = append(j.saved, savedKey{key: key, objs: j.table.lookup(nil, key), prev: last})
	j.index[h] = len(j.saved)
}

// touch records key in this journal and every outer one: for a write that
// goes to the storage directly (see Table.replaceEachLocked).
func (j *journal) touch(key term.Term) {
	for ; j != nil; j, _ = j.table.(*journal) {
		j.record(key)
	}
}

func (j *journal) insert(obj term.Term) {
	j.record(keyAt(obj, j.keypos))
	j.table.insert(obj)
}

func (j *journal) deleteKey(dst []term.Term, key term.Term) []term.Term {
	j.record(key)
	return j.table.deleteKey(dst, key)
}

func (j *journal) deleteObject(obj term.Term) int {
	j.record(keyAt(obj, j.keypos))
	return j.table.deleteObject(obj)
}

func (j *journal) clear() {
	j.table.scan(&cursor{}, func(obj term.Term) bool {
		j.record(keyAt(obj, j.keypos))
		return true
	})
	j.table.clear()
}

// replace is only ever called after get, with an object of the same key;
// record reads the key, which leaves ref valid.
func (j *journal) replace(ref slotRef, obj term.Term) {
	j.record(keyAt(obj, j.keypos))
	j.table.replace(ref, obj)
}

// undo restores every touched key, latest first touched first, writing
// through to the storage below (an outer journal records the restoring
// writes, which leave it as it was).
func (j *journal) undo() {
	for i := len(j.saved) - 1; i >= 0; i-- {
		s := j.saved[i]
		j.table.deleteKey(nil, s.key)
		for _, obj := range s.objs {
			j.table.insert(obj)
		}
	}
	j.saved, j.index = nil, nil
}

// storage returns the table's storage under its journals and indexes,
// for the code that needs its concrete type (ordered_set ranges,
// duplicate_bag replacement). The caller holds the lock.
func (t *Table) storage() table {
	s := t.store
	for {
		switch x := s.(type) {
		case *journal:
			s = x.table
		case *indexed:
			s = x.table
		default:
			return s
		}
	}
}

// replaceEachLocked runs each, the replaceEach of the table's storage
// (a set's or a duplicate_bag's), under any journals: the key of each
// object fn replaces is recorded before anything changes. The caller
// holds the write lock.
func (t *Table) replaceEachLocked(each func(fn func(obj term.Term) (term.Term, bool, error)) (int, error), fn func(obj term.Term) (term.Term, bool, error)) (n int, err error) {
	if w := t.indexes(); w != nil {
		// the indexes change once each has replaced everything; obj is a
		// set's view, which the replacement may write in place: olds
		// keeps a copy
		var olds, news []term.Term
		inner := fn
		fn = func(obj term.Term) (term.Term, bool, error) {
			r, ok, err := inner(obj)
			if ok && err == nil {
				olds, news = append(olds, term.Tuple(slices.Clone(obj.Elements())...)), append(news, r)
			}
			return r, ok, err
		}
		defer func() {
			if err == nil {
				w.removeAll(olds)
				w.addAll(news)
			}
		}()
	}
	if j, ok := t.store.(*journal); ok {
		inner := fn
		fn = func(obj term.Term) (term.Term, bool, error) {
			r, ok, err := inner(obj)
			if ok && err == nil {
				j.touch(t.key(obj))
			}
			return r, ok, err
		}
	}
	return each(fn)
}

// BeginJournal starts an undo journal on the table: from now on every
// write is recorded until CommitJournal keeps the writes or
// RollbackJournal undoes them. On a table already journaled it starts an
// inner journal (a savepoint). p must be allowed to write the table.
func (t *Table) BeginJournal(p *Process) error {
	if err := t.wlock(p); err != nil {
		return err
	}
	defer t.mu.Unlock()
	t.store = newJournal(t.store, t.opts.KeyPos, t.opts.Type == OrderedSet)
	return nil
}

// Journaled reports how many undo journals are on (nested ones count).
func (t *Table) Journaled() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	n := 0
	for s := t.store; ; n++ {
		j, ok := s.(*journal)
		if !ok {
			return n
		}
		s = j.table
	}
}

// CommitJournal ends the innermost undo journal keeping the writes (an
// outer journal can still undo them). It is ErrNoJournal when no journal
// is on, and ErrNoTable for a deleted table, whose journals are gone.
func (t *Table) CommitJournal(p *Process) error {
	j, err := t.popJournal(p)
	if err != nil {
		return err
	}
	t.mu.Unlock()
	j.saved, j.index = nil, nil
	return nil
}

// RollbackJournal ends the innermost undo journal undoing every write
// made since its BeginJournal: each key touched holds again exactly the
// objects it held then. Errors are those of CommitJournal.
func (t *Table) RollbackJournal(p *Process) error {
	j, err := t.popJournal(p)
	if err != nil {
		return err
	}
	defer t.mu.Unlock()
	j.undo()
	return nil
}

// popJournal write-locks the table and takes its innermost journal off;
// the caller unlocks.
func (t *Table) popJournal(p *Process) (*journal, error) {
	if err := t.wlock(p); err != nil {
		return nil, err
	}
	j, ok := t.store.(*journal)
	if !ok {
		t.mu.Unlock()
		return nil, fmt.Errorf("table %s: %w", t.name, ErrNoJournal)
	}
	t.store = j.table
	return j, nil
}
