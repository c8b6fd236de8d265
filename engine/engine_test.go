package engine

import (
	"errors"
	"slices"
	"testing"

	"github.com/etsql/etsql/term"
)

var allTypes = []Type{Set, OrderedSet, Bag, DuplicateBag}

var (
	i = func(v int64) term.Term { return term.Int(v) }
	f = term.Float
	a = term.Atom
	// tu builds a tuple.
	tu = term.Tuple
)

// newTestTable creates a table owned by a fresh process and checks the
// table's invariants when the test ends.
func newTestTable(t *testing.T, opts Options) (*DB, *Process, *Table) {
	t.Helper()
	db := NewDB()
	p := db.NewProcess("test")
	tab, err := db.New(p, "t", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { checkInvariants(t, tab, p) })
	return db, p, tab
}

// checkInvariants verifies what must hold of any table: ordered_set
// sorted with unique keys (==), set keys unique (=:=), bag objects unique
// (=:=), sizes consistent, first/next visiting every key once.
func checkInvariants(t *testing.T, tab *Table, p *Process) {
	t.Helper()
	tab.mu.RLock()
	deleted := tab.deleted
	tab.mu.RUnlock()
	if deleted {
		return
	}
	if tab.Owner() != p {
		p = tab.Owner()
	}
	objs, err := tab.Tab2List(p)
	if err != nil {
		t.Errorf("invariants: tab2list: %v", err)
		return
	}
	info, _ := tab.Info()
	if info.Size != len(objs) {
		t.Errorf("invariants: size %d, tab2list has %d objects", info.Size, len(objs))
	}
	keys := make([]term.Term, 0, len(objs))
	for n, obj := range objs {
		k := tab.key(obj)
		switch tab.Type() {
		case OrderedSet:
			if n > 0 && term.Compare(tab.key(objs[n-1]), k) >= 0 {
				t.Errorf("invariants: ordered_set out of order at %d", n)
			}
		case Set:
			for _, o := range keys {
				if term.ExactEqual(o, k) {
					t.Errorf("invariants: set key duplicated")
				}
			}
		case Bag:
			for _, o := range objs[:n] {
				if term.ExactEqual(o, obj) {
					t.Errorf("invariants: bag object duplicated")
				}
			}
		}
		if !slices.ContainsFunc(keys, func(o term.Term) bool {
			return term.ExactEqual(o, k) || tab.Type() == OrderedSet && term.Compare(o, k) == 0
		}) {
			keys = append(keys, k)
		}
	}
	checkStoreInvariants(t, tab)
	checkIndexInvariants(t, tab)
	walked := 0
	k, ok, err := tab.First(p)
	for ; ok && err == nil && walked <= len(keys); k, ok, err = tab.Next(p, k) {
		walked++
	}
	if err != nil || walked != len(keys) {
		t.Errorf("invariants: first/next walked %d keys (err %v), table has %d", walked, err, len(keys))
	}
}

func sortedTerms(ts []term.Term) []term.Term {
	s := slices.Clone(ts)
	slices.SortFunc(s, term.CompareExact)
	return s
}

func equalTerms(a, b []term.Term) bool {
	return slices.EqualFunc(a, b, term.ExactEqual)
}

func TestTable_InsertLookup_allTypes(t *testing.T) {
	for _, typ := range allTypes {
		t.Run(typ.String(), func(t *testing.T) {
			_, p, tab := newTestTable(t, Options{Type: typ})
			must(t, tab.Insert(p, tu(i(1), a("a")), tu(i(2), a("b"))))
			must(t, tab.Insert(p, tu(i(1), a("c"))))
			got, err := tab.Lookup(p, i(1))
			must(t, err)
			want := map[Type][]term.Term{
				Set:          {tu(i(1), a("c"))},
				OrderedSet:   {tu(i(1), a("c"))},
				Bag:          {tu(i(1), a("a")), tu(i(1), a("c"))},
				DuplicateBag: {tu(i(1), a("a")), tu(i(1), a("c"))},
			}[typ]
			if !equalTerms(got, want) {
				t.Errorf("lookup(1) = %v, want %v", got, want)
			}
			if got, _ := tab.Lookup(p, i(3)); len(got) != 0 {
				t.Errorf("lookup(3) = %v, want []", got)
			}
		})
	}
}

func TestTable_Insert_oneVersusOnePointZero(t *testing.T) {
	for _, typ := range allTypes {
		t.Run(typ.String(), func(t *testing.T) {
			_, p, tab := newTestTable(t, Options{Type: typ})
			must(t, tab.Insert(p, tu(i(1), a("int"))))
			must(t, tab.Insert(p, tu(f(1), a("float"))))
			got, _ := tab.Lookup(p, i(1))
			if typ == OrderedSet {
				// one key: the float object replaced the integer one
				if !equalTerms(got, []term.Term{tu(f(1), a("float"))}) {
					t.Errorf("lookup(1) = %v", got)
				}
				return
			}
			if !equalTerms(got, []term.Term{tu(i(1), a("int"))}) {
				t.Errorf("lookup(1) = %v", got)
			}
			got, _ = tab.Lookup(p, f(1))
			if !equalTerms(got, []term.Term{tu(f(1), a("float"))}) {
				t.Errorf("lookup(1.0) = %v", got)
			}
		})
	}
}

func TestTable_Insert_bagDuplicates(t *testing.T) {
	for _, typ := range []Type{Bag, DuplicateBag} {
		t.Run(typ.String(), func(t *testing.T) {
			_, p, tab := newTestTable(t, Options{Type: typ})
			must(t, tab.Insert(p, tu(i(1), a("a")), tu(i(1), a("b")), tu(i(1), a("a")), tu(i(1), a("c"))))
			got, _ := tab.Lookup(p, i(1))
			want := []term.Term{tu(i(1), a("a")), tu(i(1), a("b")), tu(i(1), a("c"))}
			if typ == DuplicateBag {
				want = []term.Term{tu(i(1), a("a")), tu(i(1), a("b")), tu(i(1), a("a")), tu(i(1), a("c"))}
			}
			if !equalTerms(got, want) {
				t.Errorf("lookup = %v, want %v", got, want)
			}
			must(t, tab.DeleteObject(p, tu(i(1), a("a"))))
			got, _ = tab.Lookup(p, i(1))
			if !equalTerms(got, []term.Term{tu(i(1), a("b")), tu(i(1), a("c"))}) {
				t.Errorf("after delete_object: %v", got)
			}
		})
	}
}

func TestTable_Insert_badObjectIsAtomic(t *testing.T) {
	for _, typ := range allTypes {
		_, p, tab := newTestTable(t, Options{Type: typ, KeyPos: 2})
		err := tab.Insert(p, tu(i(1), i(2)), tu(i(1)))
		if !errors.Is(err, ErrBadObject) || !errors.Is(err, ErrBadArg) {
			t.Errorf("%v: insert of short tuple: %v", typ, err)
		}
		if err := tab.Insert(p, a("x")); !errors.Is(err, ErrBadArg) {
			t.Errorf("%v: insert of atom: %v", typ, err)
		}
		if objs, _ := tab.Tab2List(p); len(objs) != 0 {
			t.Errorf("%v: failed insert left %v", typ, objs)
		}
	}
}

func TestTable_InsertNew_allOrNothing(t *testing.T) {
	for _, typ := range allTypes {
		_, p, tab := newTestTable(t, Options{Type: typ})
		ok, err := tab.InsertNew(p, tu(i(1), a("a")), tu(i(2), a("b")))
		if !ok || err != nil {
			t.Fatalf("%v: insert_new into empty: %v %v", typ, ok, err)
		}
		ok, _ = tab.InsertNew(p, tu(i(3), a("c")), tu(i(2), a("x")))
		if ok {
			t.Errorf("%v: insert_new with an existing key succeeded", typ)
		}
		if m, _ := tab.Member(p, i(3)); m {
			t.Errorf("%v: failed insert_new inserted key 3", typ)
		}
	}
}

func TestTable_TakeAndDelete_allTypes(t *testing.T) {
	for _, typ := range allTypes {
		_, p, tab := newTestTable(t, Options{Type: typ})
		must(t, tab.Insert(p, tu(i(1), a("a")), tu(i(2), a("b")), tu(i(3), a("c"))))
		got, err := tab.Take(p, i(2))
		if err != nil || !equalTerms(got, []term.Term{tu(i(2), a("b"))}) {
			t.Errorf("%v: take = %v, %v", typ, got, err)
		}
		must(t, tab.DeleteKey(p, i(1)))
		if objs, _ := tab.Tab2List(p); !equalTerms(objs, []term.Term{tu(i(3), a("c"))}) {
			t.Errorf("%v: left %v", typ, objs)
		}
		must(t, tab.DeleteAllObjects(p))
		if info, _ := tab.Info(); info.Size != 0 {
			t.Errorf("%v: size after delete_all_objects %d", typ, info.Size)
		}
	}
}

func TestTable_LookupElement(t *testing.T) {
	for _, typ := range allTypes {
		_, p, tab := newTestTable(t, Options{Type: typ})
		must(t, tab.Insert(p, tu(i(1), a("a")), tu(i(1), a("b"))))
		got, err := tab.LookupElement(p, i(1), 2)
		must(t, err)
		want := a("b")
		if typ.isBag() {
			want = term.List(a("a"), a("b"))
		}
		if !term.ExactEqual(got, want) {
			t.Errorf("%v: lookup_element = %v", typ, got)
		}
		if _, err := tab.LookupElement(p, i(1), 3); !errors.Is(err, ErrBadArg) {
			t.Errorf("%v: pos 3: %v", typ, err)
		}
		if _, err := tab.LookupElement(p, i(9), 1); !errors.Is(err, ErrKeyNotFound) {
			t.Errorf("%v: missing key: %v", typ, err)
		}
	}
}

func TestTable_UpdateCounter(t *testing.T) {
	for _, typ := range allTypes {
		_, p, tab := newTestTable(t, Options{Type: typ})
		must(t, tab.Insert(p, tu(i(1), i(10), a("x"))))
		got, err := tab.UpdateCounterTerm(p, i(1), i(5), term.Term{})
		if typ.isBag() {
			if !errors.Is(err, ErrTableType) {
				t.Errorf("%v: update_counter: %v", typ, err)
			}
			continue
		}
		if err != nil || !term.ExactEqual(got, i(15)) {
			t.Errorf("%v: update_counter = %v, %v", typ, got, err)
		}
		// thresholds: -95 < -50 gives -7; -7+10 = 3 > -3 gives 99
		ops := term.List(tu(i(2), i(-110), i(-50), i(-7)), tu(i(2), i(10), i(-3), i(99)))
		got, err = tab.UpdateCounterTerm(p, i(1), ops, term.Term{})
		if err != nil || !term.ExactEqual(got, term.List(i(-7), i(99))) {
			t.Errorf("%v: thresholds = %v, %v", typ, got, err)
		}
		for name, op := range map[string]term.Term{
			"key position":      tu(i(1), i(1)),
			"non-integer elem":  tu(i(3), i(1)),
			"beyond object":     tu(i(4), i(1)),
			"float increment":   tu(i(2), f(1)),
			"atom as operation": a("x"),
		} {
			if _, err := tab.UpdateCounterTerm(p, i(1), op, term.Term{}); !errors.Is(err, ErrBadArg) {
				t.Errorf("%v: %s: %v", typ, name, err)
			}
		}
		if _, err := tab.UpdateCounterTerm(p, i(2), i(1), term.Term{}); !errors.Is(err, ErrKeyNotFound) {
			t.Errorf("%v: missing key: %v", typ, err)
		}
		got, err = tab.UpdateCounterTerm(p, i(2), tu(i(2), i(1)), tu(a("ignored"), i(5)))
		if err != nil || !term.ExactEqual(got, i(6)) {
			t.Errorf("%v: default = %v, %v", typ, got, err)
		}
		if objs, _ := tab.Lookup(p, i(2)); !equalTerms(objs, []term.Term{tu(i(2), i(6))}) {
			t.Errorf("%v: default object stored as %v", typ, objs)
		}
		// big integers
		must(t, tab.Insert(p, tu(i(3), i(1<<62))))
		got, _ = tab.UpdateCounterTerm(p, i(3), i(1<<62), term.Term{})
		if got.IsValid() {
			if _, small := got.Int64(); small || !got.IsInteger() {
				t.Errorf("%v: overflow gave %v", typ, got)
			}
		}
	}
}

func TestTable_UpdateElement(t *testing.T) {
	for _, typ := range []Type{Set, OrderedSet} {
		_, p, tab := newTestTable(t, Options{Type: typ})
		must(t, tab.Insert(p, tu(i(1), a("a"), a("b"))))
		ok, err := tab.UpdateElementTerm(p, i(1), term.List(tu(i(2), a("x")), tu(i(3), a("y"))))
		if !ok || err != nil {
			t.Fatalf("%v: update_element: %v %v", typ, ok, err)
		}
		if ok, _ := tab.UpdateElementTerm(p, i(9), tu(i(2), a("x"))); ok {
			t.Errorf("%v: missing key reported true", typ)
		}
		if _, err := tab.UpdateElementTerm(p, i(1), term.List(tu(i(2), a("z")), tu(i(4), a("q")))); !errors.Is(err, ErrBadPosition) {
			t.Errorf("%v: beyond object: %v", typ, err)
		}
		if _, err := tab.UpdateElementTerm(p, i(1), tu(i(1), a("z"))); !errors.Is(err, ErrBadPosition) {
			t.Errorf("%v: key position: %v", typ, err)
		}
		if objs, _ := tab.Lookup(p, i(1)); !equalTerms(objs, []term.Term{tu(i(1), a("x"), a("y"))}) {
			t.Errorf("%v: object now %v", typ, objs)
		}
	}
}

func TestTable_NextPrev_orderedSetMissingKey(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	must(t, tab.Insert(p, tu(i(1), a("a")), tu(i(3), a("b"))))
	if k, ok, _ := tab.Next(p, i(2)); !ok || !term.ExactEqual(k, i(3)) {
		t.Errorf("next(2) = %v %v", k, ok)
	}
	if k, ok, _ := tab.Prev(p, i(2)); !ok || !term.ExactEqual(k, i(1)) {
		t.Errorf("prev(2) = %v %v", k, ok)
	}
	if _, ok, _ := tab.Next(p, i(3)); ok {
		t.Errorf("next(3) is not '$end_of_table'")
	}
	if k, _, _ := tab.Last(p); !term.ExactEqual(k, i(3)) {
		t.Errorf("last = %v", k)
	}
}

func TestTable_Next_hashMissingKeyIsBadarg(t *testing.T) {
	for _, typ := range []Type{Set, Bag, DuplicateBag} {
		_, p, tab := newTestTable(t, Options{Type: typ})
		must(t, tab.Insert(p, tu(i(1), a("a"))))
		if _, _, err := tab.Next(p, i(99)); !errors.Is(err, ErrBadArg) {
			t.Errorf("%v: next(99): %v", typ, err)
		}
	}
}

func TestTable_Access(t *testing.T) {
	for _, tc := range []struct {
		access          Access
		read, writeFail bool
	}{
		{Public, true, false},
		{Protected, true, true},
		{Private, false, true},
	} {
		db, p, tab := newTestTable(t, Options{Access: tc.access})
		must(t, tab.Insert(p, tu(i(1))))
		other := db.NewProcess("other")
		_, err := tab.Lookup(other, i(1))
		if tc.read != (err == nil) || err != nil && !errors.Is(err, ErrAccess) {
			t.Errorf("%v: read by other: %v", tc.access, err)
		}
		err = tab.Insert(other, tu(i(2)))
		if tc.writeFail != errors.Is(err, ErrAccess) {
			t.Errorf("%v: write by other: %v", tc.access, err)
		}
		if _, err := tab.Info(); err != nil {
			t.Errorf("%v: info by other: %v", tc.access, err)
		}
	}
}

func TestDB_NamedTables(t *testing.T) {
	db := NewDB()
	p := db.NewProcess("p")
	tab, err := db.New(p, "people", Options{Named: true})
	must(t, err)
	if _, err := db.New(p, "people", Options{Named: true}); !errors.Is(err, ErrNameTaken) {
		t.Errorf("second named table: %v", err)
	}
	if _, err := db.New(p, "people", Options{}); err != nil {
		t.Errorf("unnamed table with a taken name: %v", err)
	}
	if got, err := db.Resolve(a("people")); err != nil || got != tab {
		t.Errorf("resolve(people) = %v, %v", got, err)
	}
	if got, err := db.Resolve(tab.Ref()); err != nil || got != tab {
		t.Errorf("resolve(ref) = %v, %v", got, err)
	}
	must(t, tab.Rename(p, "staff"))
	if db.Exists("people") || !db.Exists("staff") {
		t.Errorf("rename did not move the name")
	}
	if n, _ := tab.InfoItem("name"); !term.ExactEqual(n, a("staff")) {
		t.Errorf("info name = %v", n)
	}
	must(t, db.Delete(p, a("staff")))
	if _, err := tab.Lookup(p, i(1)); !errors.Is(err, ErrNoTable) {
		t.Errorf("lookup after delete: %v", err)
	}
	if _, err := db.Resolve(a("staff")); !errors.Is(err, ErrNoTable) {
		t.Errorf("resolve after delete: %v", err)
	}
	if len(db.All()) != 1 {
		t.Errorf("all = %d tables, want 1", len(db.All()))
	}
}

func TestProcess_Close_heirInherits(t *testing.T) {
	db := NewDB()
	owner, heir := db.NewProcess("owner"), db.NewProcess("heir")
	var got []Transfer
	heir.OnTransfer(func(tr Transfer) { got = append(got, tr) })
	tab, err := db.New(owner, "t", Options{Heir: heir, HeirData: a("data")})
	must(t, err)
	plain, err := db.New(owner, "u", Options{})
	must(t, err)
	must(t, tab.Insert(owner, tu(i(1))))
	owner.Close()
	if len(got) != 1 || got[0].Table != tab || got[0].From != owner || !term.ExactEqual(got[0].Data, a("data")) {
		t.Fatalf("transfers = %+v", got)
	}
	if tab.Owner() != heir {
		t.Errorf("owner after inherit = %v", tab.Owner().Name())
	}
	if h, _ := tab.InfoItem("heir"); !h.IsAtomNamed("none") {
		t.Errorf("heir after inherit = %v", h)
	}
	if objs, err := tab.Lookup(heir, i(1)); err != nil || len(objs) != 1 {
		t.Errorf("heir lookup = %v, %v", objs, err)
	}
	if _, err := plain.Info(); !errors.Is(err, ErrNoTable) {
		t.Errorf("table without heir survived its owner: %v", err)
	}
	heir.Close()
	if _, err := tab.Info(); !errors.Is(err, ErrNoTable) {
		t.Errorf("table survived heir: %v", err)
	}
}

func TestTable_GiveAway(t *testing.T) {
	db := NewDB()
	p, q := db.NewProcess("p"), db.NewProcess("q")
	var got []Transfer
	q.OnTransfer(func(tr Transfer) { got = append(got, tr) })
	tab, err := db.New(p, "t", Options{})
	must(t, err)
	if err := tab.GiveAway(q, p, a("x")); !errors.Is(err, ErrAccess) {
		t.Errorf("give_away by non-owner: %v", err)
	}
	if err := tab.GiveAway(p, p, a("x")); !errors.Is(err, ErrBadProcess) {
		t.Errorf("give_away to self: %v", err)
	}
	must(t, tab.GiveAway(p, q, a("gift")))
	if tab.Owner() != q || len(got) != 1 || !term.ExactEqual(got[0].Data, a("gift")) {
		t.Errorf("after give_away owner %v transfers %+v", tab.Owner().Name(), got)
	}
	if err := tab.Insert(p, tu(i(1))); !errors.Is(err, ErrAccess) {
		t.Errorf("old owner writes: %v", err)
	}
	dead := db.NewProcess("dead")
	dead.Close()
	if err := tab.GiveAway(q, dead, a("x")); !errors.Is(err, ErrBadProcess) {
		t.Errorf("give_away to dead: %v", err)
	}
}

func TestTable_Info(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: OrderedSet, KeyPos: 2, Named: true, Access: Public, Compressed: true})
	must(t, tab.Insert(p, tu(a("x"), i(1))))
	info, err := tab.Info()
	must(t, err)
	if info.Size != 1 || info.Type != OrderedSet || info.KeyPos != 2 || info.Access != Public || !info.Named || !info.Compressed || info.Owner != p || info.Memory <= 0 {
		t.Errorf("info = %+v", info)
	}
	items := info.Term().Elements()
	if len(items) != len(infoItems) {
		t.Errorf("info/1 has %d items", len(items))
	}
	for item, want := range map[string]term.Term{"type": a("ordered_set"), "keypos": i(2), "protection": a("public"), "size": i(1), "owner": p.Pid()} {
		if got, err := tab.InfoItem(item); err != nil || !term.ExactEqual(got, want) {
			t.Errorf("info(%s) = %v, %v", item, got, err)
		}
	}
	if _, err := tab.InfoItem("bogus"); !errors.Is(err, ErrBadArg) {
		t.Errorf("info(bogus): %v", err)
	}
}

func TestParseOptions(t *testing.T) {
	o, err := ParseOptions(term.List(a("bag"), a("named_table"), a("private"), tu(a("keypos"), i(3)),
		tu(a("write_concurrency"), a("auto")), tu(a("read_concurrency"), term.True)), nil)
	must(t, err)
	if o.Type != Bag || !o.Named || o.Access != Private || o.KeyPos != 3 || !o.WriteConcurrency || !o.ReadConcurrency {
		t.Errorf("options = %+v", o)
	}
	for _, bad := range []term.Term{
		term.List(a("sett")), term.List(tu(a("keypos"), i(0))), a("set"), term.List(tu(a("read_concurrency"), i(1))),
	} {
		if _, err := ParseOptions(bad, nil); !errors.Is(err, ErrBadOption) {
			t.Errorf("ParseOptions accepted a bad list: %v", err)
		}
	}
}

func TestTable_Foldl_mayWriteTable(t *testing.T) {
	for _, typ := range allTypes {
		_, p, tab := newTestTable(t, Options{Type: typ, Access: Public})
		for n := range int64(1000) {
			must(t, tab.Insert(p, tu(i(n), i(n))))
		}
		sum, err := tab.Foldl(p, func(obj, acc term.Term) (term.Term, error) {
			k := tab.key(obj)
			if err := tab.DeleteKey(p, k); err != nil { // writing inside the fold must not deadlock
				return acc, err
			}
			kv, _ := k.Int64()
			av, _ := acc.Int64()
			return i(kv + av), nil
		}, i(0))
		if err != nil || !term.ExactEqual(sum, i(999*1000/2)) {
			t.Errorf("%v: foldl sum = %v, %v", typ, sum, err)
		}
		var order []term.Term
		must(t, tab.Insert(p, tu(i(1)), tu(i(2)), tu(i(3))))
		_, err = tab.Foldr(p, func(obj, acc term.Term) (term.Term, error) {
			order = append(order, tab.key(obj))
			return acc, nil
		}, term.Nil)
		must(t, err)
		if typ == OrderedSet && !equalTerms(order, []term.Term{i(3), i(2), i(1)}) {
			t.Errorf("foldr order %v", order)
		}
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// checkStoreInvariants checks the invariants of the table's storage.
func checkStoreInvariants(t *testing.T, tab *Table) {
	t.Helper()
	tab.mu.RLock()
	defer tab.mu.RUnlock()
	var err error
	switch st := tab.store.(type) {
	case *setTable:
		err = st.checkInvariants()
	case *bagTable:
		err = st.idx.checkInvariants()
	}
	if err != nil {
		t.Errorf("invariants: %v", err)
	}
}
