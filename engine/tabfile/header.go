package tabfile

import (
	"fmt"
	"slices"

	"github.com/etsql/etsql/term"
)

// The table types and protections a header may name.
const (
	Set          = "set"
	OrderedSet   = "ordered_set"
	Bag          = "bag"
	DuplicateBag = "duplicate_bag"

	Public    = "public"
	Protected = "protected"
	Private   = "private"
)

// The extended info a file may carry (ets:tab2file/3 option extended_info).
const (
	ObjectCount = "object_count"
	MD5Sum      = "md5sum"
)

// The file format version OTP writes: {major_version, 1}, {minor_version, 0}.
const (
	MajorVersion = 1
	MinorVersion = 0
)

// Header is the first item of a table file: the table's ets:info/1 list plus
// the file format version and extended info, as ets:tab2file writes it.
type Header struct {
	Name       string // the table's name (an atom)
	Type       string // Set, OrderedSet, Bag or DuplicateBag
	Protection string // Public, Protected or Private
	Named      bool   // named_table
	KeyPos     int    // keypos, from 1
	Size       int    // the number of objects when the file was written

	Compressed            bool
	ReadConcurrency       bool
	WriteConcurrency      string // "false", "true" or "auto"; "" means "false"
	DecentralizedCounters bool

	// ExtendedInfo lists ObjectCount and/or MD5Sum when the file ends with
	// an object count and/or an md5 sum of its objects. Read fills it; Write
	// ignores it and sets it from WriteOptions.
	ExtendedInfo []string

	// Version is {major_version, minor_version} (missing items read as 0).
	// Read fills it; Write always writes {MajorVersion, MinorVersion}.
	Version [2]int

	// Items holds every {Item, Value} pair of the header, in file order,
	// including those with no field here (id, memory, owner, heir, node).
	// Read fills it. Write takes id, memory, owner, heir and node from it
	// when present, so a file read and written again keeps them; otherwise
	// it writes placeholders (see Write).
	Items []term.Term
}

// HasExtendedInfo reports whether the header lists info (ObjectCount or
// MD5Sum).
func (h Header) HasExtendedInfo(info string) bool { return slices.Contains(h.ExtendedInfo, info) }

// item returns the value of the header item named key, from Items.
func (h Header) item(key string) (term.Term, bool) {
	for _, it := range h.Items {
		if it.Arity() == 2 {
			if k, _ := it.Element(1); k.IsAtomNamed(key) {
				v, _ := it.Element(2)
				return v, true
			}
		}
	}
	return term.Term{}, false
}

// mandatoryItems are the header items ets:file2tab requires, each once.
var mandatoryItems = []string{"name", "type", "protection", "named_table", "keypos", "size"}

func validType(s string) bool {
	return s == Set || s == OrderedSet || s == Bag || s == DuplicateBag
}

func validProtection(s string) bool { return s == Public || s == Protected || s == Private }

func validWriteConcurrency(s string) bool { return s == "false" || s == "true" || s == "auto" }

// parseHeader reads a header term the way ets:file2tab does: a tuple of
// {Item, Value} pairs holding each mandatory item exactly once.
func parseHeader(t term.Term) (Header, error) {
	if !t.IsTuple() {
		return Header{}, fmt.Errorf("the header is a %s, not a tuple", t.Kind())
	}
	h := Header{Items: t.Elements(), WriteConcurrency: "false"}
	counts := map[string]int{}
	for _, it := range h.Items {
		if it.Arity() != 2 {
			continue
		}
		k, _ := it.Element(1)
		v, _ := it.Element(2)
		key, ok := k.AtomName()
		if !ok {
			continue
		}
		counts[key]++
		if counts[key] > 1 {
			continue // ets:file2tab uses the first one (lists:keyfind)
		}
		if err := h.setItem(key, v); err != nil {
			return Header{}, err
		}
	}
	for _, key := range mandatoryItems {
		if counts[key] != 1 {
			return Header{}, fmt.Errorf("the header needs each of %v exactly once", mandatoryItems)
		}
	}
	return h, nil
}

// setItem sets the field an item fills, checking its value as ets:new
// would.
func (h *Header) setItem(key string, v term.Term) error {
	bad := func() error { return fmt.Errorf("bad header item %s", term.Format(term.Tuple(term.Atom(key), v))) }
	atom := func(valid func(string) bool) (string, error) {
		s, ok := v.AtomName()
		if !ok || (valid != nil && !valid(s)) {
			return "", bad()
		}
		return s, nil
	}
	boolean := func() (bool, error) {
		if !v.IsBoolean() {
			return false, bad()
		}
		return v.IsTrue(), nil
	}
	integer := func(min int64) (int, error) {
		n, ok := v.Int64()
		if !ok || n < min || n > int64(^uint(0)>>1) {
			return 0, bad()
		}
		return int(n), nil
	}
	var err error
	switch key {
	case "name":
		h.Name, err = atom(nil)
	case "type":
		h.Type, err = atom(validType)
	case "protection":
		h.Protection, err = atom(validProtection)
	case "named_table":
		h.Named, err = boolean()
	case "keypos":
		h.KeyPos, err = integer(1)
	case "size":
		h.Size, err = integer(0)
	case "compressed":
		h.Compressed, err = boolean()
	case "read_concurrency":
		h.ReadConcurrency, err = boolean()
	case "write_concurrency":
		h.WriteConcurrency, err = atom(validWriteConcurrency)
	case "decentralized_counters":
		h.DecentralizedCounters, err = boolean()
	case "major_version":
		h.Version[0], err = integer(0)
	case "minor_version":
		h.Version[1], err = integer(0)
	case "extended_info":
		// ets:file2tab looks for the two atoms with lists:member and
		// ignores anything else, including a value that is not a list.
		elems, _ := v.ListParts()
		for _, info := range []string{ObjectCount, MD5Sum} {
			if slices.ContainsFunc(elems, func(e term.Term) bool { return e.IsAtomNamed(info) }) {
				h.ExtendedInfo = append(h.ExtendedInfo, info)
			}
		}
	}
	return err
}

// check reports why Write cannot write h, if it cannot.
func (h Header) check() error {
	switch {
	case !validAtom(h.Name):
		return fmt.Errorf("%w: table name %q is not an atom", ErrBadHeader, h.Name)
	case !validType(h.Type):
		return fmt.Errorf("%w: table type %q", ErrBadHeader, h.Type)
	case !validProtection(h.Protection):
		return fmt.Errorf("%w: protection %q", ErrBadHeader, h.Protection)
	case h.KeyPos < 1:
		return fmt.Errorf("%w: key position %d", ErrBadHeader, h.KeyPos)
	case h.Size < 0:
		return fmt.Errorf("%w: size %d", ErrBadHeader, h.Size)
	case h.WriteConcurrency != "" && !validWriteConcurrency(h.WriteConcurrency):
		return fmt.Errorf("%w: write_concurrency %q", ErrBadHeader, h.WriteConcurrency)
	}
	return nil
}

// Placeholders for the header items that describe a live OTP table and have
// no meaning for a table that never lived in an Erlang node.
var (
	placeholderNode = term.Atom("nonode@nohost")
	// #Ref<0.0.0.0> and <0.0.0> on nonode@nohost, creation 0.
	placeholderID    = mustOpaque(term.KindReference, "Z\x00\x03d\x00\x0dnonode@nohost\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	placeholderOwner = mustOpaque(term.KindPid, "Xd\x00\x0dnonode@nohost\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")
)

func mustOpaque(kind term.Kind, ext string) term.Term {
	t, ok := term.Opaque(kind, []byte(ext))
	if !ok {
		panic("tabfile: bad opaque placeholder") // unreachable: constant input
	}
	return t
}

// headerTerm builds the header tuple Write logs: ets:info/1's items in OTP
// 25's order, then the version and extended info.
func (h Header) headerTerm(extended []string) term.Term {
	keep := func(key string, dflt term.Term) term.Term {
		if v, ok := h.item(key); ok {
			return v
		}
		return dflt
	}
	wc := h.WriteConcurrency
	if wc == "" {
		wc = "false"
	}
	ext := make([]term.Term, len(extended))
	for i, e := range extended {
		ext[i] = term.Atom(e)
	}
	pair := func(k string, v term.Term) term.Term { return term.Tuple(term.Atom(k), v) }
	return term.Tuple(
		pair("id", keep("id", placeholderID)),
		pair("decentralized_counters", term.Bool(h.DecentralizedCounters)),
		pair("read_concurrency", term.Bool(h.ReadConcurrency)),
		pair("write_concurrency", term.Atom(wc)),
		pair("compressed", term.Bool(h.Compressed)),
		pair("memory", keep("memory", term.Int(0))),
		pair("owner", keep("owner", placeholderOwner)),
		pair("heir", keep("heir", term.Atom("none"))),
		pair("name", term.Atom(h.Name)),
		pair("size", term.Int(int64(h.Size))),
		pair("node", keep("node", placeholderNode)),
		pair("named_table", term.Bool(h.Named)),
		pair("type", term.Atom(h.Type)),
		pair("keypos", term.Int(int64(h.KeyPos))),
		pair("protection", term.Atom(h.Protection)),
		pair("major_version", term.Int(MajorVersion)),
		pair("minor_version", term.Int(MinorVersion)),
		pair("extended_info", term.List(ext...)),
	)
}
