package tabfile

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/etsql/etsql/internal/erltest"
	"github.com/etsql/etsql/term"
)

var update = flag.Bool("update", false, "regenerate testdata/*.ets with erl's ets:tab2file")

// goldenScript writes the golden files with OTP's ets:tab2file. The Go side
// of each table is in goldenTables.
const goldenScript = `
main([Dir]) ->
    Varied = [{1, <<"x">>, 1.5, -1, 300, 1 bsl 70, -(1 bsl 40), [], "abc", [1,2|3],
               #{a => 1, "k" => [2.0]}, 'é', '€', {nested, [x, <<>>]}},
              {2, 2}, {3, abc, -2147483648, 2147483648, -0.0}],
    W = fun(File, Opts, TabOpts, Objs, FileOpts) ->
            T = ets:new(list_to_atom(filename:rootname(File)), TabOpts),
            true = ets:insert(T, Objs),
            ok = ets:tab2file(T, filename:join(Dir, File), FileOpts),
            ets:delete(T)
        end,
    W("set.ets", x, [set, named_table], [{I, <<"x">>} || I <- lists:seq(1, 5)], []),
    W("empty.ets", x, [set, private], [], []),
    W("ordered_set_ext.ets", x, [ordered_set, public, {keypos, 1}], Varied,
      [{extended_info, [md5sum, object_count]}]),
    W("bag_md5.ets", x, [bag, {read_concurrency, true}, {keypos, 2}],
      [{a, 1}, {b, 1}, {c, 2}, {a, 1}], [{extended_info, [md5sum]}]),
    W("duplicate_bag_count.ets", x, [duplicate_bag, compressed, {write_concurrency, auto}],
      [{k, 1}, {k, 1}, {k, 2}, {j, "s"}], [{extended_info, [object_count]}, {sync, true}]),
    W("big.ets", x, [ordered_set], [{a, binary:copy(<<"y">>, 70000)}, {b, <<"s">>}],
      [{extended_info, [md5sum]}]).
`

type goldenTable struct {
	file   string
	header Header // the fields Read must find (Items, Version aside)
	opts   WriteOptions
	sorted []term.Term // the objects, in any order
}

func atoms(names ...string) []term.Term {
	ts := make([]term.Term, len(names))
	for i, n := range names {
		ts[i] = term.Atom(n)
	}
	return ts
}

func tup(elems ...term.Term) term.Term { return term.Tuple(elems...) }

var (
	i  = func(v int64) term.Term { return term.Int(v) }
	a  = term.Atom
	bs = term.BinaryString
)

func bigPow2(n uint) term.Term {
	b, _ := term.Int(1).Big()
	return term.BigInt(b.Lsh(b, n))
}

func variedObjects() []term.Term {
	return []term.Term{
		tup(i(1), bs("x"), term.Float(1.5), i(-1), i(300), bigPow2(70), i(-(1 << 40)), term.Nil,
			term.Charlist("abc"), term.ImproperList([]term.Term{i(1), i(2)}, i(3)),
			term.Map(term.MapPair{Key: a("a"), Value: i(1)}, term.MapPair{Key: term.Charlist("k"), Value: term.List(term.Float(2))}),
			a("é"), a("€"), tup(a("nested"), term.List(a("x"), bs("")))),
		tup(i(2), i(2)),
		tup(i(3), a("abc"), i(-2147483648), i(2147483648), term.Float(math.Copysign(0, -1))),
	}
}

var goldenTables = []goldenTable{
	{file: "set.ets", header: Header{Name: "set", Type: Set, Protection: Protected, Named: true, KeyPos: 1, Size: 5, WriteConcurrency: "false"},
		sorted: []term.Term{tup(i(1), bs("x")), tup(i(2), bs("x")), tup(i(3), bs("x")), tup(i(4), bs("x")), tup(i(5), bs("x"))}},
	{file: "empty.ets", header: Header{Name: "empty", Type: Set, Protection: Private, KeyPos: 1, WriteConcurrency: "false"}},
	{file: "ordered_set_ext.ets", header: Header{Name: "ordered_set_ext", Type: OrderedSet, Protection: Public, KeyPos: 1, Size: 3, WriteConcurrency: "false",
		ExtendedInfo: []string{ObjectCount, MD5Sum}}, opts: WriteOptions{ObjectCount: true, MD5Sum: true}, sorted: variedObjects()},
	{file: "bag_md5.ets", header: Header{Name: "bag_md5", Type: Bag, Protection: Protected, KeyPos: 2, Size: 3, ReadConcurrency: true, WriteConcurrency: "false",
		ExtendedInfo: []string{MD5Sum}}, opts: WriteOptions{MD5Sum: true},
		sorted: []term.Term{tup(a("a"), i(1)), tup(a("b"), i(1)), tup(a("c"), i(2))}},
	{file: "duplicate_bag_count.ets", header: Header{Name: "duplicate_bag_count", Type: DuplicateBag, Protection: Protected, KeyPos: 1, Size: 4,
		Compressed: true, WriteConcurrency: "auto", DecentralizedCounters: true, ExtendedInfo: []string{ObjectCount}}, opts: WriteOptions{ObjectCount: true},
		sorted: []term.Term{tup(a("j"), term.Charlist("s")), tup(a("k"), i(1)), tup(a("k"), i(1)), tup(a("k"), i(2))}},
	{file: "big.ets", header: Header{Name: "big", Type: OrderedSet, Protection: Protected, KeyPos: 1, Size: 2, WriteConcurrency: "false",
		ExtendedInfo: []string{MD5Sum}}, opts: WriteOptions{MD5Sum: true},
		sorted: []term.Term{tup(a("a"), bs(string(bytes.Repeat([]byte("y"), 70000)))), tup(a("b"), bs("s"))}},
}

// updateGolden rewrites testdata with erl under -update.
func updateGolden(t *testing.T) {
	if !*update {
		return
	}
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	erltest.RunEscript(t, goldenScript, nil, dir)
}

func sortedTerms(ts []term.Term) []term.Term {
	s := slices.Clone(ts)
	slices.SortStableFunc(s, term.Compare)
	return s
}

func equalTerms(a, b []term.Term) bool {
	return slices.EqualFunc(a, b, term.ExactEqual)
}

// TestRead_golden reads the files erl wrote and checks header and objects.
func TestRead_golden(t *testing.T) {
	updateGolden(t)
	for _, g := range goldenTables {
		t.Run(g.file, func(t *testing.T) {
			h, objs, err := Read(filepath.Join("testdata", g.file), ReadOptions{Verify: true})
			if err != nil {
				t.Fatal(err)
			}
			got := h
			got.Items, got.Version = nil, [2]int{}
			if !headersEqual(got, g.header) {
				t.Errorf("header\n got %+v\nwant %+v", got, g.header)
			}
			if h.Version != [2]int{1, 0} || len(h.Items) != 18 {
				t.Errorf("version %v, %d items; want [1 0], 18", h.Version, len(h.Items))
			}
			if !equalTerms(sortedTerms(objs), sortedTerms(g.sorted)) {
				t.Errorf("objects\n got %s\nwant %s", showAll(sortedTerms(objs)), showAll(sortedTerms(g.sorted)))
			}
			info, err := Info(filepath.Join("testdata", g.file))
			if err != nil || !headersEqual(info, h) {
				t.Errorf("Info = %+v, %v; want %+v", info, err, h)
			}
		})
	}
}

func headersEqual(a, b Header) bool {
	return a.Name == b.Name && a.Type == b.Type && a.Protection == b.Protection && a.Named == b.Named &&
		a.KeyPos == b.KeyPos && a.Size == b.Size && a.Compressed == b.Compressed &&
		a.ReadConcurrency == b.ReadConcurrency && a.WriteConcurrency == b.WriteConcurrency &&
		a.DecentralizedCounters == b.DecentralizedCounters && slices.Equal(a.ExtendedInfo, b.ExtendedInfo) &&
		a.Version == b.Version && equalTerms(a.Items, b.Items)
}

// TestWrite_golden writes each golden table again, header items and object
// order as read: the bytes must be erl's.
func TestWrite_golden(t *testing.T) {
	for _, g := range goldenTables {
		t.Run(g.file, func(t *testing.T) {
			path := filepath.Join("testdata", g.file)
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			h, objs, err := Read(path, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), g.file)
			if err := Write(out, h, slices.Values(objs), g.opts); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("written bytes differ from erl's at offset %d (%d vs %d bytes)", firstDiff(got, want), len(got), len(want))
			}
		})
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
