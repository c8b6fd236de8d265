package engine

import (
	"fmt"

	"github.com/etsql/etsql/term"
)

// Rewrite replaces every object of the table by what fn makes of it,
// which must keep its key (=:=), atomically: when fn fails, or makes an
// object that is not a tuple with the same key, nothing changes. The
// table keeps its order of keys and, in a bag, of each key's objects. It
// is not an ets operation: the SQL layer's ALTER TABLE changes the layout
// of rows with it. Journals record it and indexes follow it.
func (t *Table) Rewrite(p *Process, fn func(obj term.Term) (term.Term, error)) error {
	if err := t.wlock(p); err != nil {
		return err
	}
	defer t.mu.Unlock()
	var news []term.Term
	var bad error
	t.store.scan(&cursor{}, func(obj term.Term) bool {
		n, err := fn(obj)
		switch {
		case err != nil:
			bad = err
		case t.checkObject(n) != nil:
			bad = t.checkObject(n)
		case !term.ExactEqual(t.key(obj), t.key(n)):
			bad = fmt.Errorf("rewrite: %w", ErrKeyChanged)
		}
		news = append(news, n)
		return bad == nil
	})
	if bad != nil {
		return bad
	}
	w := t.indexes()
	if w != nil {
		w.suspended = true // rebuilt at once below
	}
	t.store.clear()
	for _, n := range news {
		t.store.insert(n)
	}
	if w != nil {
		w.suspended = false
		w.rebuild()
	}
	return nil
}
