package engine

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/etsql/etsql/term"
)

// indexContents is an index as text: its entries in order, then its
// conflicts.
func indexContents(ix *index) string {
	var b strings.Builder
	ix.tree.Scan(func(e *ixEntry) bool {
		fmt.Fprintf(&b, "%s %s x%d\n", term.Format(term.Tuple(e.vals...)), term.Format(e.key), e.n)
		return true
	})
	fmt.Fprintf(&b, "conflicts %d\n", ix.conflicts)
	return b.String()
}

// checkIndexInvariants verifies that every index holds what a fresh build
// from the table's objects holds.
func checkIndexInvariants(t *testing.T, tab *Table) {
	t.Helper()
	tab.mu.RLock()
	defer tab.mu.RUnlock()
	w := tab.indexes()
	if w == nil {
		return
	}
	for _, ix := range w.ixs {
		fresh := newIndex(ix.spec)
		tab.storage().scan(&cursor{}, func(obj term.Term) bool {
			fresh.add(obj, tab.key(obj))
			return true
		})
		if got, want := indexContents(ix), indexContents(fresh); got != want {
			t.Errorf("invariants: index %s holds\n%s\nwant\n%s", ix.spec.Name, got, want)
		}
	}
}

func keysOf(tab *Table, objs []term.Term) []string {
	var ks []string
	for _, o := range objs {
		ks = append(ks, term.Format(tab.key(o)))
	}
	return ks
}

func TestTable_AppendIndexed_ranges(t *testing.T) {
	for _, typ := range allTypes {
		t.Run(typ.String(), func(t *testing.T) {
			_, p, tab := newTestTable(t, Options{Type: typ})
			must(t, tab.Insert(p, tu(i(1), a("x"), i(10)), tu(i(2), a("y"), i(20)), tu(i(3), a("x"), i(30)), tu(i(4), a("z"), f(20))))
			must(t, tab.CreateIndex(p, IndexSpec{Name: "v", Fields: []Field{{Elem: 2}, {Elem: 3}}}))
			must(t, tab.CreateIndex(p, IndexSpec{Name: "n", Fields: []Field{{Elem: 3}}}))
			tests := []struct {
				name string
				r    IndexRange
				want string
			}{
				{"v", IndexRange{Prefix: []term.Term{a("x")}}, "1 3"},
				{"v", IndexRange{Prefix: []term.Term{a("x"), i(30)}}, "3"},
				{"v", IndexRange{Prefix: []term.Term{a("w")}}, ""},
				{"v", IndexRange{Prefix: []term.Term{a("x")}, Lower: Bound{Key: i(10), Exclusive: true}}, "3"},
				{"n", IndexRange{Prefix: []term.Term{i(20)}}, "2 4"}, // 20 == 20.0
				{"n", IndexRange{Lower: Bound{Key: i(15)}, Upper: Bound{Key: i(30), Exclusive: true}}, "2 4"},
				{"n", IndexRange{Upper: Bound{Key: i(20)}}, "1 2 4"},
				{"n", IndexRange{}, "1 2 4 3"},
			}
			for _, tt := range tests {
				objs, err := tab.AppendIndexed(nil, p, tt.name, tt.r)
				must(t, err)
				ks := keysOf(tab, objs)
				if typ != OrderedSet && tt.name == "n" {
					slices.Sort(ks)
					want := strings.Fields(tt.want)
					slices.Sort(want)
					tt.want = strings.Join(want, " ")
				}
				if got := strings.Join(ks, " "); got != tt.want {
					t.Errorf("%s %+v: keys %q, want %q", tt.name, tt.r, got, tt.want)
				}
			}
			if _, err := tab.AppendIndexed(nil, p, "nope", IndexRange{}); !errors.Is(err, ErrNoIndex) {
				t.Errorf("unknown index: %v, want ErrNoIndex", err)
			}
		})
	}
}

func TestTable_CreateIndex_errors(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: Set})
	must(t, tab.Insert(p, tu(i(1), a("x")), tu(i(2), a("x")), tu(i(3), a("undefined")), tu(i(4), a("undefined"))))
	must(t, tab.CreateIndex(p, IndexSpec{Name: "v", Fields: []Field{{Elem: 2}}}))
	if err := tab.CreateIndex(p, IndexSpec{Name: "v", Fields: []Field{{Elem: 2}}}); !errors.Is(err, ErrIndexExists) {
		t.Errorf("duplicate name: %v", err)
	}
	if err := tab.CreateIndex(p, IndexSpec{Name: "u", Fields: []Field{{Elem: 2}}, Unique: true}); !errors.Is(err, ErrUnique) {
		t.Errorf("unique over duplicates: %v", err)
	}
	if err := tab.CreateIndex(p, IndexSpec{Name: "w"}); !errors.Is(err, ErrBadArg) {
		t.Errorf("no fields: %v", err)
	}
	if err := tab.CreateIndex(p, IndexSpec{Name: "w", Fields: []Field{{Elem: 0}}}); !errors.Is(err, ErrBadPosition) {
		t.Errorf("position 0: %v", err)
	}
	if got := len(tab.Indexes()); got != 1 {
		t.Errorf("%d indexes, want 1", got)
	}
	must(t, tab.DropIndex(p, "v"))
	if err := tab.DropIndex(p, "v"); !errors.Is(err, ErrNoIndex) {
		t.Errorf("drop twice: %v", err)
	}
	if tab.indexes() != nil {
		t.Errorf("the wrapper stays after the last index went")
	}
}

func TestTable_Insert_uniqueIndex(t *testing.T) {
	for _, typ := range allTypes {
		t.Run(typ.String(), func(t *testing.T) {
			_, p, tab := newTestTable(t, Options{Type: typ})
			must(t, tab.Insert(p, tu(i(1), a("x")), tu(i(2), a("undefined"))))
			must(t, tab.CreateIndex(p, IndexSpec{Name: "u", Fields: []Field{{Elem: 2}}, Unique: true}))
			before := keyContents(t, tab, p)
			if err := tab.Insert(p, tu(i(5), a("q")), tu(i(3), a("x"))); !errors.Is(err, ErrUnique) {
				t.Fatalf("conflicting insert: %v", err)
			}
			if ok, err := tab.InsertNew(p, tu(i(6), a("r")), tu(i(7), a("r"))); !errors.Is(err, ErrUnique) || ok {
				t.Fatalf("conflicting insert_new: %v %v", ok, err)
			}
			if got := keyContents(t, tab, p); got != before {
				t.Fatalf("a refused insert changed the table:\n%s", got)
			}
			must(t, tab.Insert(p, tu(i(3), a("undefined")))) // NULLs never conflict
			if !tab.Type().isBag() {
				must(t, tab.Insert(p, tu(i(1), a("y")), tu(i(4), a("x")))) // 1 leaves x first
			}
			if c := tab.IndexConflicts()["u"]; c != 0 {
				t.Errorf("conflicts %d", c)
			}
		})
	}
}

// TestTable_index_property: random writes of every kind, under journals
// rolled back or committed, keep every index equal to a fresh build.
func TestTable_index_property(t *testing.T) {
	for _, typ := range allTypes {
		for seed := range uint64(30) {
			r := rand.New(rand.NewPCG(seed, 11))
			_, p, tab := newTestTable(t, Options{Type: typ})
			t.Cleanup(func() { checkIndexInvariants(t, tab) })
			must(t, tab.CreateIndex(p, IndexSpec{Name: "v", Fields: []Field{{Elem: 2}}}))
			for range r.IntN(20) {
				randomWrite(t, r, p, tab)
			}
			must(t, tab.CreateIndex(p, IndexSpec{Name: "kv", Fields: []Field{{Elem: 2}, {Elem: 1}}}))
			checkIndexInvariants(t, tab)
			must(t, tab.BeginJournal(p))
			for range r.IntN(30) {
				randomWrite(t, r, p, tab)
			}
			checkIndexInvariants(t, tab)
			if r.IntN(2) == 0 {
				must(t, tab.RollbackJournal(p))
			} else {
				must(t, tab.CommitJournal(p))
			}
			checkIndexInvariants(t, tab)
			must(t, tab.BeginJournal(p))
			must(t, tab.DropIndex(p, "v"))
			for range r.IntN(10) {
				randomWrite(t, r, p, tab)
			}
			must(t, tab.CreateIndex(p, IndexSpec{Name: "v2", Fields: []Field{{Elem: 2}}}))
			for range r.IntN(10) {
				randomWrite(t, r, p, tab)
			}
			must(t, tab.RollbackJournal(p))
			if t.Failed() {
				t.Fatalf("%v seed %d", typ, seed)
			}
		}
	}
}

// BenchmarkTable_Insert_indexed: inserts into a set with no index, an
// index on the category (100 values) and a unique index on the name.
func BenchmarkTable_Insert_indexed(b *testing.B) {
	for _, tc := range []struct {
		name  string
		specs []IndexSpec
	}{
		{"none", nil},
		{"category", []IndexSpec{{Name: "c", Fields: []Field{{Elem: 3}}}}},
		{"unique_name", []IndexSpec{{Name: "n", Fields: []Field{{Elem: 2}}, Unique: true}}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			const n = 200_000
			rows := benchRows(n)
			db := NewDB()
			p := db.NewProcess("bench")
			var tab *Table
			b.ReportAllocs()
			b.ResetTimer()
			for k := 0; b.Loop(); k++ {
				if k%n == 0 {
					b.StopTimer()
					if tab != nil {
						must(b, tab.Delete(p))
					}
					tab, _ = db.New(p, "t", Options{Type: Set})
					for _, s := range tc.specs {
						must(b, tab.CreateIndex(p, s))
					}
					b.StartTimer()
				}
				if err := tab.Insert(p, rows[k%n]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestTable_index_setUpdatesInPlace: the indexes read a set's object
// before an update without handing it out, so the update is in place
// (no dead version) and the indexes follow it; an object handed out
// meanwhile stays as it was.
func TestTable_index_setUpdatesInPlace(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: Set})
	t.Cleanup(func() { checkIndexInvariants(t, tab) })
	must(t, tab.CreateIndex(p, IndexSpec{Name: "v", Fields: []Field{{Elem: 2}}}))
	must(t, tab.Insert(p, tu(i(1), a("a"), i(0))))
	_, err := tab.UpdateElement(p, i(1), []ElementUpdate{{Pos: 2, Value: a("b")}})
	must(t, err)
	must(t, tab.Insert(p, tu(i(1), a("c"), i(0))))
	_, err = tab.UpdateCounter1(p, i(1), CounterOp{Pos: 3, Incr: i(1)}, term.Term{})
	must(t, err)
	s := tab.storage().(*setTable)
	if s.dead != 0 {
		t.Fatalf("%d dead versions after updates of an object never handed out", s.dead)
	}
	given, err := tab.Lookup(p, i(1))
	must(t, err)
	_, err = tab.UpdateElement(p, i(1), []ElementUpdate{{Pos: 2, Value: a("d")}})
	must(t, err)
	if want := tu(i(1), a("c"), i(1)); !term.ExactEqual(given[0], want) {
		t.Fatalf("handed out %v, now %v", want, given[0])
	}
	for v, want := range map[string]int{"a": 0, "b": 0, "c": 0, "d": 1} {
		got, err := tab.AppendIndexed(nil, p, "v", IndexRange{Prefix: []term.Term{a(v)}})
		must(t, err)
		if len(got) != want {
			t.Errorf("index v = %s: %v, want %d objects", v, got, want)
		}
	}
}
