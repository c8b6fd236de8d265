package engine

import (
	"fmt"
	"slices"

	"github.com/etsql/etsql/engine/tabfile"
)

// Tab2File writes the table to a file in the format of OTP 25's
// ets:tab2file/3, which ets:file2tab and File2Tab read. The objects are
// those of one atomic snapshot. p must be allowed to read the table.
func (t *Table) Tab2File(p *Process, path string, opts tabfile.WriteOptions) error {
	o, objs, err := t.Snapshot(p)
	if err != nil {
		return err
	}
	h := tabfile.Header{
		Name: t.Name(), Type: o.Type.String(), Protection: o.Access.String(), Named: o.Named,
		KeyPos: o.KeyPos, Size: len(objs),
		Compressed: o.Compressed, ReadConcurrency: o.ReadConcurrency,
		WriteConcurrency: fmt.Sprint(o.WriteConcurrency), DecentralizedCounters: o.DecentralizedCounters,
	}
	if o.WriteConcurrencyAuto {
		h.WriteConcurrency = "auto"
	}
	return tabfile.Write(path, h, slices.Values(objs), opts)
}

// File2Tab creates a table owned by p from a file written by Tab2File or
// by ets:tab2file: ets:file2tab/2. The file is read whole and checked
// before the table is created, so a bad file creates nothing. File errors
// are tabfile's; a named table whose name is taken is ErrNameTaken.
func (db *DB) File2Tab(p *Process, path string, opts tabfile.ReadOptions) (*Table, error) {
	h, objs, err := tabfile.Read(path, opts)
	if err != nil {
		return nil, err
	}
	o := Options{
		KeyPos: h.KeyPos, Named: h.Named, Compressed: h.Compressed,
		ReadConcurrency: h.ReadConcurrency, WriteConcurrency: h.WriteConcurrency == "true" || h.WriteConcurrency == "auto",
		WriteConcurrencyAuto:  h.WriteConcurrency == "auto",
		DecentralizedCounters: h.DecentralizedCounters,
	}
	typ, ok := map[string]Type{tabfile.Set: Set, tabfile.OrderedSet: OrderedSet, tabfile.Bag: Bag, tabfile.DuplicateBag: DuplicateBag}[h.Type]
	access, ok2 := map[string]Access{tabfile.Public: Public, tabfile.Protected: Protected, tabfile.Private: Private}[h.Protection]
	if !ok || !ok2 {
		return nil, fmt.Errorf("table file header: type %q, protection %q: %w", h.Type, h.Protection, ErrBadOption)
	}
	o.Type, o.Access = typ, access
	t, err := db.New(p, h.Name, o)
	if err != nil {
		return nil, err
	}
	if err := t.Load(p, objs); err != nil {
		_ = t.Delete(p)
		return nil, err
	}
	return t, nil
}
