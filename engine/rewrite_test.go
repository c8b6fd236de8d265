package engine

import (
	"errors"
	"testing"

	"github.com/etsql/etsql/term"
)

func TestTable_Rewrite_allTypes(t *testing.T) {
	for _, typ := range allTypes {
		t.Run(typ.String(), func(t *testing.T) {
			_, p, tab := newTestTable(t, Options{Type: typ})
			must(t, tab.Insert(p, tu(i(1), a("x")), tu(i(2), a("y")), tu(i(1), a("z"))))
			must(t, tab.CreateIndex(p, IndexSpec{Name: "v", Fields: []Field{{Elem: 3}}}))
			before := keyContents(t, tab, p)
			// a failing rewrite changes nothing
			err := tab.Rewrite(p, func(obj term.Term) (term.Term, error) { return tu(i(9)), nil })
			if !errors.Is(err, ErrKeyChanged) {
				t.Fatalf("key change: %v", err)
			}
			boom := errors.New("boom")
			if err := tab.Rewrite(p, func(obj term.Term) (term.Term, error) { return obj, boom }); err != boom {
				t.Fatalf("fn error: %v", err)
			}
			if got := keyContents(t, tab, p); got != before {
				t.Fatalf("a failed rewrite changed the table:\n%s", got)
			}
			must(t, tab.BeginJournal(p))
			must(t, tab.Rewrite(p, func(obj term.Term) (term.Term, error) {
				return tu(append(obj.Elements()[:2:2], i(7))...), nil
			}))
			objs, err := tab.AppendIndexed(nil, p, "v", IndexRange{Prefix: []term.Term{i(7)}})
			must(t, err)
			if n, _ := tab.Info(); len(objs) != n.Size || n.Size == 0 {
				t.Errorf("index after rewrite finds %d objects of %d", len(objs), n.Size)
			}
			want := map[Type]string{Set: "1: {1,z,7}\n2: {2,y,7}\n", OrderedSet: "1: {1,z,7}\n2: {2,y,7}\n",
				Bag: "1: {1,x,7} {1,z,7}\n2: {2,y,7}\n", DuplicateBag: "1: {1,x,7} {1,z,7}\n2: {2,y,7}\n"}[typ]
			if got := keyContents(t, tab, p); got != want {
				t.Errorf("after rewrite:\n%s\nwant\n%s", got, want)
			}
			must(t, tab.RollbackJournal(p))
			if got := keyContents(t, tab, p); got != before {
				t.Errorf("after rollback:\n%s\nwant\n%s", got, before)
			}
		})
	}
}
