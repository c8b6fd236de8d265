package engine

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/etsql/etsql/term"
)

// checkInvariants verifies a set's storage: every row's location is a
// live object of its chunk, which records that row, and every live object
// is some row's; every row's object has exactly one slot, whose tag is its
// key's and which a probe from the key's home reaches without crossing an
// empty slot; the dead and deleted-slot counts are right; the load stays
// under the maximum.
func (s *setTable) checkInvariants() error {
	n := len(s.order)
	rowAt := map[uint32]int{}
	for r, loc := range s.order {
		ci, j := int(loc>>locRowBits), int(loc&locRowMask)
		if ci >= len(s.chunks) || (j+1)*s.chunks[ci].arity > len(s.chunks[ci].elems) {
			return fmt.Errorf("row %d: location %x outside the chunks", r, loc)
		}
		if s.chunks[ci].live[j>>6]&(1<<(j&63)) == 0 {
			return fmt.Errorf("row %d: object %x is marked dead", r, loc)
		}
		if o, dup := rowAt[loc]; dup {
			return fmt.Errorf("rows %d and %d share object %x", o, r, loc)
		}
		if got := s.rowOf(loc); got != r {
			return fmt.Errorf("row %d: its object %x records row %d", r, loc, got)
		}
		rowAt[loc] = r
	}
	seen := make([]bool, n)
	tomb := 0
	for i, sl := range s.slots {
		switch {
		case sl == 0:
			continue
		case sl == deletedSlot:
			tomb++
			continue
		}
		r, ok := rowAt[slotLoc(sl)]
		if !ok || seen[r] {
			return fmt.Errorf("slot %d: location %x is no row's or pointed at twice", i, slotLoc(sl))
		}
		seen[r] = true
		key := s.keyOf(slotLoc(sl))
		h := term.Hash(key)
		if sl&^rowMask != tag(key, h) {
			return fmt.Errorf("slot %d: tag %x, key's %x", i, sl&^rowMask, tag(key, h))
		}
		for j := homeSlot(h, len(s.slots)); j != i; j = (j + 1) % len(s.slots) {
			if s.slots[j] == 0 {
				return fmt.Errorf("slot %d: empty slot %d between it and its home", i, j)
			}
		}
		if s.find(key, h) != i {
			return fmt.Errorf("slot %d: find does not reach it", i)
		}
	}
	for r, ok := range seen {
		if !ok {
			return fmt.Errorf("row %d has no slot", r)
		}
	}
	if tomb != s.tomb {
		return fmt.Errorf("%d deleted slots, tomb says %d", tomb, s.tomb)
	}
	if len(s.slots) > 0 && (n+s.tomb)*maxLoadDen > len(s.slots)*maxLoadNum {
		return fmt.Errorf("load %d+%d over %d slots", n, s.tomb, len(s.slots))
	}
	live, stored := 0, 0
	for _, c := range s.chunks {
		stored += len(c.elems) / c.arity
		for _, w := range c.live {
			live += bits.OnesCount64(w)
		}
		if cap(c.elems)%c.arity != 0 || len(c.live)*64 < cap(c.elems)/c.arity || len(c.rows) != cap(c.elems)/c.arity || len(c.exported) != len(c.live) {
			return fmt.Errorf("chunk of arity %d: capacity %d, %d rows, %d live words, %d exported words", c.arity, cap(c.elems), len(c.rows), len(c.live), len(c.exported))
		}
	}
	if live != n || stored-live != s.dead {
		return fmt.Errorf("%d live objects for %d rows, %d dead for dead count %d", live, n, stored-live, s.dead)
	}
	return nil
}

// TestSetTable_modelOps runs random inserts (mixed arities and key
// kinds), replacements, update_counter, select_replace, deletions and
// scans against a map model, through several compactions, checking the
// invariants along the way and that no object a lookup handed out ever
// changes afterwards.
func TestSetTable_modelOps(t *testing.T) {
	s := newSetTable(1)
	model := map[string]term.Term{} // key's text -> object
	type given struct{ got, want term.Term }
	var handed []given
	r := rand.New(rand.NewPCG(11, 12))
	key := func() term.Term {
		v := r.Int64N(300)
		switch v % 4 {
		case 0:
			return i(v << 40)
		case 1:
			return term.BinaryString("k" + itoa(v))
		}
		return i(v)
	}
	object := func(k term.Term) term.Term {
		elems := []term.Term{k}
		for range r.IntN(4) {
			elems = append(elems, i(r.Int64N(1000)))
		}
		return term.Tuple(elems...)
	}
	keep := func(obj term.Term) {
		if len(handed) < 20000 {
			handed = append(handed, given{obj, term.Tuple(slices.Clone(obj.Elements())...)})
		}
	}
	compactions, inPlace := 0, 0
	for n := range 40000 {
		k := key()
		ks := k.String()
		switch op := r.IntN(10); {
		case op < 4:
			obj := object(k)
			dead := s.dead
			s.insert(obj)
			if s.dead < dead {
				compactions++
			}
			model[ks] = obj
		case op < 6:
			for _, obj := range s.deleteKey(nil, k) {
				keep(obj)
			}
			delete(model, ks)
		case op < 8:
			obj, ref, ok := s.get(k)
			if _, in := model[ks]; ok != in {
				t.Fatalf("op %d: get(%v) found %v, model %v", n, k, ok, in)
			}
			if ok {
				elems := append([]term.Term{}, obj.Elements()...)
				if len(elems) == 1 || r.IntN(2) == 0 {
					elems = append(elems[:1], i(int64(n))) // maybe another arity
				} else {
					elems[len(elems)-1] = i(int64(n)) // as update_counter does
				}
				stored := s.dead + len(s.order)
				s.replaceSlot(ref.slot, elems)
				if s.dead+len(s.order) == stored {
					inPlace++
				}
				model[ks] = term.Tuple(elems...)
			}
		case op < 9:
			got := s.lookup(nil, k)
			if want, in := model[ks]; in != (len(got) == 1) || in && !term.ExactEqual(got[0], want) {
				t.Fatalf("op %d: lookup(%v) = %v, model %v", n, k, got, want)
			}
			if len(got) == 1 {
				keep(got[0])
			}
		default:
			_, err := s.replaceEach(func(obj term.Term) (term.Term, bool, error) {
				if obj.Arity() != 2 || r.IntN(4) != 0 {
					return term.Term{}, false, nil
				}
				v, _ := obj.Elements()[1].Int64()
				return tu(obj.Elements()[0], i(v+1)), true, nil
			})
			must(t, err)
			model = map[string]term.Term{}
			s.scan(&cursor{}, func(obj term.Term) bool { model[keyAt(obj, 1).String()] = obj; return true })
			// a scan in memory order stopped early hands out what it saw;
			// one keeping nothing (a count) hands out nothing
			stop := r.IntN(max(1, s.size()))
			s.scan(&cursor{anyOrder: true}, func(obj term.Term) bool { keep(obj); stop--; return stop > 0 })
			s.scan(&cursor{anyOrder: r.IntN(2) == 0, keepsNone: true}, func(term.Term) bool { return true })
		}
		if n%499 == 0 || n == 39999 {
			if err := s.checkInvariants(); err != nil {
				t.Fatalf("op %d: %v", n, err)
			}
			checkSetAgainst(t, n, s, model)
		}
	}
	for _, g := range handed {
		if !term.ExactEqual(g.got, g.want) {
			t.Fatalf("an object handed out changed: %v, was %v", g.got, g.want)
		}
	}
	if compactions == 0 || inPlace == 0 {
		t.Errorf("%d compactions, %d updates in place", compactions, inPlace)
	}
}

// checkSetAgainst compares the set with the model by size, lookups,
// both scans and a first/next walk.
func checkSetAgainst(t *testing.T, n int, s *setTable, model map[string]term.Term) {
	t.Helper()
	if s.size() != len(model) {
		t.Fatalf("op %d: size %d, model %d", n, s.size(), len(model))
	}
	for _, want := range model {
		got := s.lookup(nil, keyAt(want, 1))
		if len(got) != 1 || !term.ExactEqual(got[0], want) {
			t.Fatalf("op %d: lookup(%v) = %v, want %v", n, keyAt(want, 1), got, want)
		}
	}
	for _, anyOrder := range []bool{false, true} {
		seen := map[string]bool{}
		s.scan(&cursor{anyOrder: anyOrder}, func(obj term.Term) bool {
			ks := keyAt(obj, 1).String()
			if seen[ks] || !term.ExactEqual(model[ks], obj) {
				t.Fatalf("op %d: scan (any order %v) gave %v twice or not in the model", n, anyOrder, obj)
			}
			seen[ks] = true
			return true
		})
		if len(seen) != len(model) {
			t.Fatalf("op %d: scan (any order %v) saw %d of %d", n, anyOrder, len(seen), len(model))
		}
	}
	walked := 0
	k, ok := s.first()
	for ; ok; walked++ {
		var err error
		if k, ok, err = s.next(k); err != nil {
			t.Fatalf("op %d: next: %v", n, err)
		}
	}
	if walked != len(model) {
		t.Fatalf("op %d: first/next walked %d of %d", n, walked, len(model))
	}
}

// TestSetTable_cursorSurvivesUpdates resumes a scan between updates of
// every object (those the scan handed out move to fresh memory, the others
// are written in place, and some updates compact): every object is still
// visited exactly once.
func TestSetTable_cursorSurvivesUpdates(t *testing.T) {
	s := newSetTable(1)
	const n = 3000
	for k := range int64(n) {
		s.insert(tu(i(k), i(0)))
	}
	seen := make([]int, n)
	c := &cursor{}
	chunks := 0
	for ; ; chunks++ {
		given := 0
		done := s.scan(c, func(obj term.Term) bool {
			k, _ := keyAt(obj, 1).Int64()
			seen[k]++
			given++
			return given < 100
		})
		for k := range int64(n) { // update everything between chunks
			obj, ref, _ := s.get(i(k))
			v, _ := obj.Elements()[1].Int64()
			s.replaceSlot(ref.slot, []term.Term{i(k), i(v + 1)})
		}
		if done {
			break
		}
	}
	if chunks < n/100 {
		t.Fatalf("%d chunks", chunks)
	}
	if err := s.checkInvariants(); err != nil {
		t.Fatal(err)
	}
	for k, v := range seen {
		if v != 1 {
			t.Fatalf("key %d visited %d times", k, v)
		}
	}
}

// TestSetTable_replaceSlot_inPlaceUntilHandedOut: an object no caller was
// given is updated in place; once a lookup or a scan hands it out, the
// next update makes a new version, which is again updated in place.
func TestSetTable_replaceSlot_inPlaceUntilHandedOut(t *testing.T) {
	handOuts := []struct {
		name string
		give func(s *setTable) term.Term
	}{
		{"lookup", func(s *setTable) term.Term { return s.lookup(nil, i(7))[0] }},
		{"scan", func(s *setTable) term.Term {
			var got term.Term
			s.scan(&cursor{}, func(obj term.Term) bool { got = obj; return false })
			return got
		}},
		{"scan in memory order", func(s *setTable) term.Term {
			var got term.Term
			s.scan(&cursor{anyOrder: true}, func(obj term.Term) bool { got = obj; return true })
			return got
		}},
	}
	for _, h := range handOuts {
		t.Run(h.name, func(t *testing.T) {
			s := newSetTable(1)
			s.insert(tu(i(7), i(0)))
			update := func(v int64) (newVersion bool) {
				_, ref, _ := s.get(i(7))
				stored := s.dead + len(s.order)
				s.replaceSlot(ref.slot, []term.Term{i(7), i(v)})
				return s.dead+len(s.order) != stored
			}
			if update(1) || update(2) {
				t.Fatal("an object never handed out got a new version")
			}
			given := h.give(s)
			if !update(3) {
				t.Fatal("an object handed out was updated in place")
			}
			if update(4) {
				t.Fatal("the new version, never handed out, got a new version")
			}
			if want := tu(i(7), i(2)); !term.ExactEqual(given, want) {
				t.Fatalf("handed out %v, now %v", want, given)
			}
			if got := s.lookup(nil, i(7)); !term.ExactEqual(got[0], tu(i(7), i(4))) {
				t.Fatalf("lookup = %v", got)
			}
			if err := s.checkInvariants(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestSetTable_handedOutNeverChange_concurrent runs readers that keep
// what lookups, selects, continuations, folds and tab2list give them
// while a writer updates the same objects (update_counter,
// update_element, insert over a key, select_replace) through
// compactions: every object kept must stay as it was given, and, under
// -race, no write may touch memory a reader reads.
func TestSetTable_handedOutNeverChange_concurrent(t *testing.T) {
	const keys, writes = 200, 8000
	_, owner, tab := newTestTable(t, Options{Type: Set, Access: Public})
	for k := range int64(keys) {
		must(t, tab.Insert(owner, tu(i(k), i(0), i(0))))
	}
	type given struct{ got, want term.Term }
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 8)
	for r := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := tab.db.NewProcess(fmt.Sprint("reader", r))
			var kept []given
			keep := func(objs ...term.Term) {
				for _, obj := range objs {
					kept = append(kept, given{obj, term.Tuple(slices.Clone(obj.Elements())...)})
				}
			}
			check := func() error {
				for _, g := range kept {
					if !term.ExactEqual(g.got, g.want) {
						return fmt.Errorf("reader %d: an object handed out changed: %v, was %v", r, g.got, g.want)
					}
				}
				return nil
			}
			for n := int64(0); ; n++ {
				select {
				case <-stop:
					errs <- check()
					return
				default:
				}
				var err error
				var objs []term.Term
				switch (n + int64(r)) % 5 {
				case 0:
					objs, err = tab.Lookup(p, i(n%keys))
				case 1:
					objs, err = tab.selectAll(p, fakeQuery(everything), false)
				case 2:
					var c *Continuation
					objs, c, err = tab.selectLimit(p, fakeQuery(everything), 7, false)
					if err == nil && c != nil {
						var more []term.Term
						more, _, err = c.Next(p)
						objs = append(objs, more...)
					}
				case 3:
					_, err = tab.Foldl(p, func(obj, acc term.Term) (term.Term, error) {
						objs = append(objs, obj)
						return acc, nil
					}, term.Nil)
				default:
					objs, err = tab.Tab2List(p)
				}
				if err != nil {
					errs <- err
					return
				}
				if len(kept) < 2000 {
					keep(objs...)
				}
				if err := check(); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	rng := rand.New(rand.NewPCG(5, 6))
	bump := fakeQuery(func(obj term.Term) (term.Term, bool) {
		v, _ := obj.Elements()[2].Int64()
		return tu(obj.Elements()[0], obj.Elements()[1], i(v+1)), v%2 == 0
	})
	for n := range int64(writes) {
		k := i(rng.Int64N(keys))
		var err error
		switch n % 8 {
		case 0:
			err = tab.Insert(owner, tu(k, i(n), i(0)))
		case 1:
			_, err = tab.UpdateElement(owner, k, []ElementUpdate{{Pos: 3, Value: i(n)}})
		case 2:
			if n%64 == 2 {
				_, err = tab.selectReplace(owner, bump)
			}
		default:
			_, err = tab.UpdateCounter1(owner, k, CounterOp{Pos: 2, Incr: i(1)}, term.Term{})
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// TestTable_Insert_listGrowsSetOnce: a list insert into a set makes room
// for the whole list at once, and the rows come out in list order.
func TestTable_Insert_listGrowsSetOnce(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: Set})
	must(t, tab.Insert(p, tu(i(-1))))
	s := tab.storage().(*setTable)
	objs := make([]term.Term, 5000)
	for k := range objs {
		objs[k] = tu(i(int64(k)), i(int64(k)))
	}
	must(t, tab.Insert(p, objs...))
	if want := 5001*4/3 + 1; len(s.slots) < want || len(s.slots) > want+1 {
		t.Fatalf("%d slots after one list insert, want %d", len(s.slots), want)
	}
	if err := s.checkInvariants(); err != nil {
		t.Fatal(err)
	}
	for r, obj := range objs {
		if got := s.keyOf(s.order[r+1]); !term.ExactEqual(got, keyAt(obj, 1)) {
			t.Fatalf("row %d: key %v, want %v", r+1, got, keyAt(obj, 1))
		}
	}
}

// TestTable_LookupElement_setNotHandedOut: lookup_element reads the
// element under the lock, so counters read with it are still updated in
// place.
func TestTable_LookupElement_setNotHandedOut(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: Set})
	must(t, tab.Insert(p, tu(a("hits"), i(0))))
	for n := range int64(100) {
		got, err := tab.LookupElement(p, a("hits"), 2)
		must(t, err)
		if !term.ExactEqual(got, i(n)) {
			t.Fatalf("lookup_element = %v, want %d", got, n)
		}
		_, err = tab.UpdateCounter1(p, a("hits"), CounterOp{Pos: 2, Incr: i(1)}, term.Term{})
		must(t, err)
	}
	if d := tab.storage().(*setTable).dead; d != 0 {
		t.Fatalf("%d dead versions", d)
	}
}

// TestSetTable_replaceEach_replacementHoldingItsObject: a replacement
// holding the object it replaces ('$_' in a select_replace body) leaves
// that object as it was, in a dead version, instead of writing it in
// place into itself.
func TestSetTable_replaceEach_replacementHoldingItsObject(t *testing.T) {
	s := newSetTable(1)
	s.insert(tu(i(1), i(5)))
	s.insert(tu(i(2), tu(i(6))))
	n, err := s.replaceEach(func(obj term.Term) (term.Term, bool, error) {
		return tu(obj.Elements()[0], obj), true, nil
	})
	must(t, err)
	if n != 2 {
		t.Fatalf("replaced %d", n)
	}
	for _, want := range []term.Term{tu(i(1), tu(i(1), i(5))), tu(i(2), tu(i(2), tu(i(6))))} {
		got := s.lookup(nil, want.Elements()[0])
		inner := got[0].Elements()[1]
		if inner.Arity() != 2 || !term.ExactEqual(inner.Elements()[1], want.Elements()[1].Elements()[1]) {
			t.Fatalf("replacement of %v holds a term of kind %v (not printed: it may hold itself)", want, inner.Elements()[1].Kind())
		}
		if !term.ExactEqual(got[0], want) {
			t.Fatalf("got %v, want %v", got[0], want)
		}
	}
	// a replacement with the same compound elements is written in place
	s.insert(tu(i(3), tu(i(7)), i(0)))
	dead := s.dead
	_, err = s.replaceEach(func(obj term.Term) (term.Term, bool, error) {
		if obj.Arity() != 3 {
			return term.Term{}, false, nil
		}
		e := obj.Elements()
		return tu(e[0], e[1], i(1)), true, nil
	})
	must(t, err)
	if s.dead != dead {
		t.Fatalf("%d new dead versions", s.dead-dead)
	}
	if err := s.checkInvariants(); err != nil {
		t.Fatal(err)
	}
}

// TestTable_SelectReplace_bodyHoldingTheObject: select_replace with
// '$_' inside the replacement, on objects no caller was given, gives
// each object holding its old self, as ets does.
func TestTable_SelectReplace_bodyHoldingTheObject(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: Set})
	must(t, tab.Insert(p, tu(i(1), a("x")), tu(i(2), a("y"))))
	prog, err := CompileSpec(spec(`[{{'$1','$2'},[],[{{'$1','$_'}}]}]`))
	must(t, err)
	n, err := tab.SelectReplace(p, prog)
	must(t, err)
	if n != 2 {
		t.Fatalf("replaced %d", n)
	}
	for k, v := range map[int64]string{1: "x", 2: "y"} {
		got, err := tab.Lookup(p, i(k))
		must(t, err)
		inner := got[0].Elements()[1]
		if inner.Arity() != 2 || !term.ExactEqual(inner.Elements()[1], a(v)) {
			t.Fatalf("key %d: replacement holds a term of kind %v (not printed: it may hold itself)", k, inner.Elements()[1].Kind())
		}
	}
}

// TestTable_SelectCount_setNotHandedOut: select_count and select_delete
// keep no object, so the objects they read are still updated in place;
// a select returning objects hands them out.
func TestTable_SelectCount_setNotHandedOut(t *testing.T) {
	_, p, tab := newTestTable(t, Options{Type: Set})
	for k := range int64(200) {
		must(t, tab.Insert(p, tu(i(k), i(0))))
	}
	s := tab.storage().(*setTable)
	bump := func() int { // 50 updates: too few dead versions to compact
		dead := s.dead
		for k := range int64(50) {
			_, err := tab.UpdateCounter1(p, i(k), CounterOp{Pos: 2, Incr: i(1)}, term.Term{})
			must(t, err)
		}
		return s.dead - dead
	}
	count, err := CompileSpec(spec(`[{{'_','$1'},[{'>=','$1',0}],[true]}]`))
	must(t, err)
	del, err := CompileSpec(spec(`[{{'_','$1'},[{'<','$1',0}],[true]}]`))
	must(t, err)
	if n, err := tab.SelectCount(p, count); err != nil || n != 200 {
		t.Fatalf("select_count = %d, %v", n, err)
	}
	if _, err := tab.SelectDelete(p, del); err != nil {
		t.Fatal(err)
	}
	if d := bump(); d != 0 {
		t.Fatalf("%d new versions after select_count and select_delete", d)
	}
	all, err := CompileSpec(spec(`[{'_',[],['$_']}]`))
	must(t, err)
	given, err := tab.Select(p, all)
	must(t, err)
	if d := bump(); d != 50 {
		t.Fatalf("%d new versions of 50 after a select handing out every object", d)
	}
	for _, obj := range given {
		k, _ := keyAt(obj, 1).Int64()
		if v, _ := obj.Elements()[1].Int64(); v != 1 && k < 50 || v != 0 && k >= 50 {
			t.Fatalf("an object handed out changed: %v", obj)
		}
	}
}
