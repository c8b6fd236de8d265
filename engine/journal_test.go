package engine

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/etsql/etsql/term"
)

// keyContents is a table's contents as a comparable text: each key with
// its objects in table order, keys sorted. The order of the keys of a hash
// table is not part of what a rollback restores; the order of a key's
// objects in a bag is.
func keyContents(t *testing.T, tab *Table, p *Process) string {
	t.Helper()
	objs, err := tab.Tab2List(p)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string][]string{}
	for _, o := range objs {
		k := term.Format(tab.key(o))
		byKey[k] = append(byKey[k], term.Format(o))
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s: %s\n", k, strings.Join(byKey[k], " "))
	}
	return b.String()
}

// journalSpecs are the match specifications the random writes use.
var journalSpecs = []term.Term{
	spec(`[{{'$1','$2'},[{'>','$2',2}],[true]}]`),
	spec(`[{{'$1',a},[],[true]}]`),
}

var journalReplace = spec(`[{{'$1','$2'},[{is_integer,'$2'}],[{{'$1',{'+','$2',1}}}]}]`)

// randomWrite applies one random write of any kind to tab. Keys mix 1 and
// 1.0, equal in an ordered_set and distinct elsewhere.
func randomWrite(t *testing.T, r *rand.Rand, p *Process, tab *Table) {
	t.Helper()
	key := func() term.Term {
		k := r.IntN(8)
		if r.IntN(4) == 0 {
			return f(float64(k))
		}
		return i(int64(k))
	}
	val := func() term.Term {
		if r.IntN(3) == 0 {
			return a("a")
		}
		return i(int64(r.IntN(5)))
	}
	obj := func() term.Term { return tu(key(), val()) }
	var err error
	switch r.IntN(12) {
	case 0, 1, 2:
		err = tab.Insert(p, obj())
	case 3:
		err = tab.Insert(p, obj(), obj(), obj())
	case 4:
		_, err = tab.InsertNew(p, obj(), obj())
	case 5:
		err = tab.DeleteKey(p, key())
	case 6:
		err = tab.DeleteObject(p, obj())
	case 7:
		_, err = tab.Take(p, key())
	case 8:
		if r.IntN(4) == 0 {
			err = tab.DeleteAllObjects(p)
		}
	case 9:
		prog, cerr := CompileSpec(journalSpecs[r.IntN(len(journalSpecs))])
		if cerr != nil {
			t.Fatal(cerr)
		}
		_, err = tab.SelectDelete(p, prog)
	case 10:
		prog, cerr := CompileSpec(journalReplace)
		if cerr != nil {
			t.Fatal(cerr)
		}
		_, err = tab.SelectReplace(p, prog)
	case 11:
		if tab.Type().isBag() {
			return
		}
		if r.IntN(2) == 0 {
			_, err = tab.UpdateElement(p, key(), []ElementUpdate{{Pos: 2, Value: val()}})
		} else {
			_, err = tab.UpdateCounter1(p, key(), CounterOp{Pos: 2, Incr: i(1)}, tu(i(0), i(0)))
		}
	}
	if err != nil && !errors.Is(err, ErrTableType) && !errors.Is(err, ErrNotInteger) && !errors.Is(err, ErrKeyNotFound) {
		t.Fatalf("%v: write: %v", tab.Type(), err)
	}
}

// TestTable_RollbackJournal_property: random writes of every kind under a
// journal, then a rollback, leave the table as it was, on every type;
// nested journals undo their own writes only.
func TestTable_RollbackJournal_property(t *testing.T) {
	for _, typ := range allTypes {
		for seed := range uint64(40) {
			r := rand.New(rand.NewPCG(seed, 7))
			_, p, tab := newTestTable(t, Options{Type: typ})
			for range r.IntN(20) {
				randomWrite(t, r, p, tab)
			}
			before := keyContents(t, tab, p)
			if err := tab.BeginJournal(p); err != nil {
				t.Fatal(err)
			}
			for range r.IntN(30) {
				randomWrite(t, r, p, tab)
			}
			middle := keyContents(t, tab, p)
			if err := tab.BeginJournal(p); err != nil {
				t.Fatal(err)
			}
			if n := tab.Journaled(); n != 2 {
				t.Fatalf("Journaled = %d, want 2", n)
			}
			for range r.IntN(30) {
				randomWrite(t, r, p, tab)
			}
			if err := tab.RollbackJournal(p); err != nil {
				t.Fatal(err)
			}
			if got := keyContents(t, tab, p); got != middle {
				t.Fatalf("%v seed %d: inner rollback gave\n%s\nwant\n%s", typ, seed, got, middle)
			}
			if seed%2 == 0 { // an inner journal committed: the outer undoes it too
				if err := tab.BeginJournal(p); err != nil {
					t.Fatal(err)
				}
				for range r.IntN(30) {
					randomWrite(t, r, p, tab)
				}
				if err := tab.CommitJournal(p); err != nil {
					t.Fatal(err)
				}
			}
			if err := tab.RollbackJournal(p); err != nil {
				t.Fatal(err)
			}
			if got := keyContents(t, tab, p); got != before {
				t.Fatalf("%v seed %d: rollback gave\n%s\nwant\n%s", typ, seed, got, before)
			}
			if n := tab.Journaled(); n != 0 {
				t.Fatalf("Journaled = %d after the rollback", n)
			}
		}
	}
}

func TestTable_CommitJournal_keepsWrites(t *testing.T) {
	for _, typ := range allTypes {
		_, p, tab := newTestTable(t, Options{Type: typ})
		if err := tab.CommitJournal(p); !errors.Is(err, ErrNoJournal) || !errors.Is(err, ErrBadArg) {
			t.Errorf("%v: CommitJournal without a journal: %v", typ, err)
		}
		if err := tab.RollbackJournal(p); !errors.Is(err, ErrNoJournal) {
			t.Errorf("%v: RollbackJournal without a journal: %v", typ, err)
		}
		if err := tab.BeginJournal(p); err != nil {
			t.Fatal(err)
		}
		if err := tab.Insert(p, tu(i(1), a("x")), tu(i(2), a("y"))); err != nil {
			t.Fatal(err)
		}
		if err := tab.CommitJournal(p); err != nil {
			t.Fatal(err)
		}
		if info, _ := tab.Info(); info.Size != 2 {
			t.Errorf("%v: size after commit = %d, want 2", typ, info.Size)
		}
	}
}

func TestTable_BeginJournal_access(t *testing.T) {
	db, p, tab := newTestTable(t, Options{Type: Set, Access: Protected})
	other := db.NewProcess("other")
	if err := tab.BeginJournal(other); !errors.Is(err, ErrAccess) {
		t.Errorf("BeginJournal by a reader: %v, want ErrAccess", err)
	}
	if err := tab.BeginJournal(p); err != nil {
		t.Fatal(err)
	}
	if err := tab.Delete(p); err != nil {
		t.Fatal(err)
	}
	if err := tab.RollbackJournal(p); !errors.Is(err, ErrNoTable) {
		t.Errorf("RollbackJournal of a deleted table: %v, want ErrNoTable", err)
	}
}

// TestTable_journal_orderedReads: ordered_set reads that need the
// storage's concrete type (ranges, next/prev, lookups) work under a
// journal.
func TestTable_journal_orderedReads(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	fill(t, p, tab, 20)
	if err := tab.BeginJournal(p); err != nil {
		t.Fatal(err)
	}
	prog, err := CompileSpec(spec(`[{{'$1','_'},[{'>','$1',15}],['$1']}]`))
	if err != nil {
		t.Fatal(err)
	}
	got, err := tab.Select(p, prog)
	if err != nil || len(got) != 4 { // fill gives keys 0 to 19
		t.Errorf("Select under a journal = %v, %v", got, err)
	}
	if k, ok, err := tab.Next(p, i(3)); err != nil || !ok || !term.ExactEqual(k, i(4)) {
		t.Errorf("Next(3) = %v %v %v", k, ok, err)
	}
	n := 0
	if err := tab.RangeScan(p, Range{}, func(term.Term) bool { n++; return true }); err != nil || n != 20 {
		t.Errorf("RangeScan = %d, %v", n, err)
	}
	if err := tab.RollbackJournal(p); err != nil {
		t.Fatal(err)
	}
}

// TestTable_journal_concurrentReaders: readers traversing a journaled
// table while a writer writes and rolls back see consistent tables (run
// with -race).
func TestTable_journal_concurrentReaders(t *testing.T) {
	for _, typ := range allTypes {
		db, p, tab := newTestTable(t, Options{Type: typ, Access: Public})
		fill(t, p, tab, 50)
		before := keyContents(t, tab, p)
		reader := db.NewProcess("reader")
		done := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				if _, err := tab.Tab2List(reader); err != nil {
					t.Error(err)
					return
				}
				if _, err := tab.Foldl(reader, func(_, acc term.Term) (term.Term, error) { return acc, nil }, term.Nil); err != nil {
					t.Error(err)
					return
				}
			}
		})
		r := rand.New(rand.NewPCG(uint64(typ), 1))
		for range 20 {
			if err := tab.BeginJournal(p); err != nil {
				t.Fatal(err)
			}
			for range 20 {
				randomWrite(t, r, p, tab)
			}
			if err := tab.RollbackJournal(p); err != nil {
				t.Fatal(err)
			}
		}
		close(done)
		wg.Wait()
		if got := keyContents(t, tab, p); got != before {
			t.Errorf("%v: rollbacks under concurrent reads changed the table", typ)
		}
	}
}
