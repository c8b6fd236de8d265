package tabfile

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/etsql/etsql/internal/erltest"
	"github.com/etsql/etsql/term"
)

// decodeOutput decodes the base64 term_to_binary an escript printed.
func decodeOutput(t *testing.T, out []byte) term.Term {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("escript output: %v\n%s", err, out)
	}
	v, err := term.Decode(b)
	if err != nil {
		t.Fatalf("escript output: %v", err)
	}
	return v
}

// otpWritesScript writes one table file per case with ets:tab2file and
// prints, for each, {File, ets:tabfile_info(File), ets:tab2list(T)}.
const otpWritesScript = `
main([Dir]) ->
    Big = binary:copy(<<"0123456789">>, 7000),
    Cases = [
        {"set_many", [set, public, named_table], [{I, <<"name">>, I rem 7, I * 1.5, -I} || I <- lists:seq(1, 1234)], []},
        {"ordered_set_kp2", [ordered_set, {keypos, 2}], [{v, I, [I, "s"]} || I <- lists:seq(1, 300)],
         [{extended_info, [object_count]}]},
        {"bag_ext", [bag, private, {read_concurrency, true}], [{I rem 10, I} || I <- lists:seq(1, 450)],
         [{extended_info, [md5sum, object_count]}, {sync, true}]},
        {"duplicate_bag_md5", [duplicate_bag, {write_concurrency, true}], [{k, I rem 3} || I <- lists:seq(1, 120)],
         [{extended_info, [md5sum]}]},
        {"big_objects", [set, compressed], [{1, Big}, {2, [Big, Big]}, {3, small}], [{extended_info, [md5sum]}]},
        {"empty_bag", [bag], [], [{extended_info, [object_count]}]},
        {"unicode", [ordered_set], [{'日本', <<"ü"/utf8>>, "ünï", #{x => 1.0e300}}, {1 bsl 200, -(1 bsl 64)}], []},
        {"opaque", [set], [{1, self(), make_ref(), fun lists:sum/1, hd(erlang:ports())}, {2, fun() -> ok end}],
         [{extended_info, [md5sum]}]}
    ],
    Out = [begin
               T = ets:new(list_to_atom(Name), Opts),
               true = ets:insert(T, Objs),
               File = filename:join(Dir, Name ++ ".ets"),
               ok = ets:tab2file(T, File, FOpts),
               {ok, Info} = ets:tabfile_info(File),
               {list_to_binary(Name), Info, ets:tab2list(T)}
           end || {Name, Opts, Objs, FOpts} <- Cases],
    io:put_chars(base64:encode(term_to_binary(Out))).
`

func TestRead_otpWrites(t *testing.T) {
	erltest.Require(t)
	dir := t.TempDir()
	out := decodeOutput(t, erltest.RunEscript(t, otpWritesScript, nil, dir))
	for _, c := range out.Elements() {
		name, _ := c.Element(1)
		info, _ := c.Element(2)
		objs, _ := c.Element(3)
		file, _ := name.BinaryValue()
		t.Run(file, func(t *testing.T) {
			path := filepath.Join(dir, file+".ets")
			h, got, err := Read(path, ReadOptions{Verify: true})
			if err != nil {
				t.Fatal(err)
			}
			if want := tabfileInfo(h); !term.ExactEqual(want, info) {
				t.Errorf("header\n got %s\nwant %s (ets:tabfile_info)", show(want), show(info))
			}
			want := objs.Elements()
			if !equalTerms(sortedTerms(got), sortedTerms(want)) {
				t.Errorf("objects\n got %s\nwant %s", showAll(got), showAll(want))
			}
			// Written back with the same header items and order, the file
			// is erl's, byte for byte.
			again := filepath.Join(t.TempDir(), file+".ets")
			opts := WriteOptions{ObjectCount: h.HasExtendedInfo(ObjectCount), MD5Sum: h.HasExtendedInfo(MD5Sum)}
			if err := Write(again, h, slices.Values(got), opts); err != nil {
				t.Fatal(err)
			}
			a, _ := os.ReadFile(path)
			b, _ := os.ReadFile(again)
			if !bytes.Equal(a, b) {
				t.Errorf("written back, the file differs from erl's at byte %d", firstDiff(a, b))
			}
		})
	}
}

// tabfileInfo returns what ets:tabfile_info/1 returns for a file with h.
func tabfileInfo(h Header) term.Term {
	pair := func(k string, v term.Term) term.Term { return term.Tuple(term.Atom(k), v) }
	ext := make([]term.Term, len(h.ExtendedInfo))
	for i, e := range h.ExtendedInfo {
		ext[i] = term.Atom(e)
	}
	return term.List(
		pair("name", term.Atom(h.Name)),
		pair("type", term.Atom(h.Type)),
		pair("protection", term.Atom(h.Protection)),
		pair("named_table", term.Bool(h.Named)),
		pair("keypos", term.Int(int64(h.KeyPos))),
		pair("size", term.Int(int64(h.Size))),
		pair("extended_info", term.List(ext...)),
		pair("version", term.Tuple(term.Int(int64(h.Version[0])), term.Int(int64(h.Version[1])))),
	)
}

// otpReadsScript loads every file given with ets:file2tab(F, [{verify,
// true}]) and prints, for each, {ets:tabfile_info(F), Info, ets:tab2list(T)}
// where Info is the created table's ets:info of the items the header sets.
const otpReadsScript = `
main(Files) ->
    Out = [begin
               {ok, Info} = ets:tabfile_info(F),
               case ets:file2tab(F, [{verify, true}]) of
                   {ok, T} ->
                       Live = [ets:info(T, K) || K <- [name, type, protection, named_table, keypos, size,
                                                       compressed, read_concurrency, write_concurrency]],
                       {Info, list_to_tuple(Live), ets:tab2list(T)};
                   {error, Reason} ->
                       {Info, {error, Reason}, []}
               end
           end || F <- Files],
    io:put_chars(base64:encode(term_to_binary(Out))).
`

func TestWrite_otpReads(t *testing.T) {
	erltest.Require(t)
	dir := t.TempDir()
	big := term.BinaryString(strings.Repeat("0123456789", 7000))
	type tcase struct {
		h    Header
		objs []term.Term
		opts WriteOptions
	}
	var cases []tcase
	for i, typ := range []string{Set, OrderedSet, Bag, DuplicateBag} {
		for j, opts := range writeOptionsCombos() {
			keyPos := 1 + (i+j)%3
			objs := sampleObjects(150*(j+1), keyPos, typ)
			if j == 3 {
				objs = append(objs, term.Tuple(term.Atom("big1"), big, big)) // items over 64 KiB
				if typ == OrderedSet || keyPos != 1 {
					objs = objs[:len(objs)-1]
				}
			}
			h := Header{Name: fmt.Sprintf("go_%s_%d", typ, j), Type: typ, Protection: []string{Public, Protected, Private}[j%3],
				Named: j%2 == 0, KeyPos: keyPos, Size: len(objs), Compressed: j == 1, ReadConcurrency: j == 2,
				WriteConcurrency: []string{"", "true", "auto", "false"}[j]}
			cases = append(cases, tcase{h, objs, opts})
		}
	}
	var files []string
	for _, c := range cases {
		path := filepath.Join(dir, c.h.Name+".ets")
		if err := Write(path, c.h, slices.Values(c.objs), c.opts); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	out := decodeOutput(t, erltest.RunEscript(t, otpReadsScript, nil, files...))
	for k, res := range out.Elements() {
		c := cases[k]
		t.Run(c.h.Name, func(t *testing.T) {
			info, _ := res.Element(1)
			live, _ := res.Element(2)
			objs, _ := res.Element(3)
			want := c.h
			want.ExtendedInfo = c.opts.extendedInfo()
			want.Version = [2]int{MajorVersion, MinorVersion}
			if w := tabfileInfo(want); !term.ExactEqual(info, w) {
				t.Errorf("ets:tabfile_info\n got %s\nwant %s", show(info), show(w))
			}
			wc, rc := c.h.WriteConcurrency, c.h.ReadConcurrency
			if wc == "" || c.h.Protection == Private { // OTP ignores both for private tables
				wc, rc = "false", false
			}
			wantLive := term.Tuple(term.Atom(c.h.Name), term.Atom(c.h.Type), term.Atom(c.h.Protection), term.Bool(c.h.Named),
				term.Int(int64(c.h.KeyPos)), term.Int(int64(len(c.objs))), term.Bool(c.h.Compressed),
				term.Bool(rc), term.Atom(wc))
			if !term.ExactEqual(live, wantLive) {
				t.Fatalf("ets:file2tab\n got %s\nwant %s", show(live), show(wantLive))
			}
			if got := objs.Elements(); !equalTerms(sortedTerms(got), sortedTerms(c.objs)) {
				t.Errorf("ets:tab2list\n got %s\nwant %s", showAll(sortedTerms(got)), showAll(sortedTerms(c.objs)))
			}
		})
	}
}
