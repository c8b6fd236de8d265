package tabfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/etsql/etsql/term"
)

// sampleObjects returns n objects of varied kinds whose key (at keyPos) is
// unique for set and ordered_set, and repeats for the bags.
func sampleObjects(n, keyPos int, tableType string) []term.Term {
	huge, _ := new(big.Int).SetString("-123456789012345678901234567890", 10)
	values := []term.Term{
		term.BinaryString("name"), term.Float(-2.5), term.Atom("cat"), term.Atom("ünï"), term.Atom("日本"),
		term.BigInt(huge), term.Charlist("text"), term.List(term.Int(1), term.Float(2)), term.Nil,
		term.Map(term.MapPair{Key: term.Int(1), Value: term.Atom("one")}),
		term.ImproperList([]term.Term{term.Atom("h")}, term.Atom("t")), term.Tuple(),
		term.BinaryString(strings.Repeat("z", 300)), term.Int(-7), term.Int(1 << 40),
	}
	objs := make([]term.Term, n)
	for i := range objs {
		key := term.Int(int64(i))
		if tableType == Bag || tableType == DuplicateBag {
			key = term.Int(int64(i / 3))
		}
		elems := make([]term.Term, max(keyPos, 3))
		for j := range elems {
			elems[j] = values[(i+j)%len(values)]
		}
		elems[keyPos-1] = key
		objs[i] = term.Tuple(elems...)
	}
	return objs
}

func writeOptionsCombos() []WriteOptions {
	return []WriteOptions{{}, {ObjectCount: true}, {MD5Sum: true}, {ObjectCount: true, MD5Sum: true, Sync: true}}
}

func TestWrite_Read_roundTrip(t *testing.T) {
	for _, typ := range []string{Set, OrderedSet, Bag, DuplicateBag} {
		for _, keyPos := range []int{1, 2, 5} {
			for _, opts := range writeOptionsCombos() {
				for _, n := range []int{0, 1, 250} {
					name := fmt.Sprintf("%s/keypos%d/%+v/%d", typ, keyPos, opts, n)
					t.Run(name, func(t *testing.T) {
						objs := sampleObjects(n, keyPos, typ)
						h := Header{Name: "tab_" + typ, Type: typ, Protection: Public, KeyPos: keyPos, Size: n, Named: true, WriteConcurrency: "auto"}
						path := filepath.Join(t.TempDir(), "t.ets")
						if err := Write(path, h, slices.Values(objs), opts); err != nil {
							t.Fatal(err)
						}
						got, gotObjs, err := Read(path, ReadOptions{Verify: true})
						if err != nil {
							t.Fatal(err)
						}
						want := h
						want.ExtendedInfo = opts.extendedInfo()
						want.Version = [2]int{MajorVersion, MinorVersion}
						want.Items = got.Items
						if !headersEqual(got, want) {
							t.Errorf("header\n got %+v\nwant %+v", got, want)
						}
						if !equalTerms(gotObjs, objs) {
							t.Errorf("objects\n got %s\nwant %s", showAll(gotObjs), showAll(objs))
						}
					})
				}
			}
		}
	}
}

func TestWrite_header_items(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.ets")
	h := Header{Name: "t", Type: Set, Protection: Protected, KeyPos: 1}
	if err := Write(path, h, slices.Values([]term.Term(nil)), WriteOptions{MD5Sum: true}); err != nil {
		t.Fatal(err)
	}
	got, err := Info(path)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, it := range got.Items {
		k, _ := it.Element(1)
		name, _ := k.AtomName()
		keys = append(keys, name)
	}
	want := "id decentralized_counters read_concurrency write_concurrency compressed memory owner heir name size node named_table type keypos protection major_version minor_version extended_info"
	if strings.Join(keys, " ") != want {
		t.Errorf("header items\n got %s\nwant %s", strings.Join(keys, " "), want)
	}
	if v, _ := got.item("write_concurrency"); !v.IsAtomNamed("false") {
		t.Errorf("write_concurrency = %s, want false", show(v))
	}
}

func TestWrite_errors(t *testing.T) {
	good := Header{Name: "t", Type: Set, Protection: Public, KeyPos: 2, Size: 1}
	obj := term.Tuple(term.Int(1), term.Int(2))
	tests := []struct {
		name string
		h    func(Header) Header
		objs []term.Term
		want error
	}{
		{"type", func(h Header) Header { h.Type = "hash"; return h }, []term.Term{obj}, ErrBadHeader},
		{"protection", func(h Header) Header { h.Protection = ""; return h }, []term.Term{obj}, ErrBadHeader},
		{"keypos", func(h Header) Header { h.KeyPos = 0; return h }, []term.Term{obj}, ErrBadHeader},
		{"write_concurrency", func(h Header) Header { h.WriteConcurrency = "yes"; return h }, []term.Term{obj}, ErrBadHeader},
		{"name", func(h Header) Header { h.Name = strings.Repeat("n", 256); return h }, []term.Term{obj}, ErrBadHeader},
		{"size too big", func(h Header) Header { h.Size = 2; return h }, []term.Term{obj}, ErrBadHeader},
		{"size too small", func(h Header) Header { h.Size = 0; return h }, []term.Term{obj}, ErrBadHeader},
		{"not a tuple", nil, []term.Term{term.Int(1)}, ErrBadObject},
		{"tuple too small", nil, []term.Term{term.Tuple(term.Int(1))}, ErrBadObject},
		{"zero term", nil, []term.Term{term.Tuple(term.Int(1), term.Term{})}, ErrBadObject},
		{"NaN", nil, []term.Term{term.Tuple(term.Int(1), term.List(term.Float(math.NaN())))}, ErrBadObject},
		{"long atom", nil, []term.Term{term.Tuple(term.Int(1), term.Atom(strings.Repeat("a", 256)))}, ErrBadObject},
		{"bad map value", nil, []term.Term{term.Tuple(term.Int(1), term.Map(term.MapPair{Key: term.Int(1), Value: term.Float(math.Inf(1))}))}, ErrBadObject},
		{"bad improper tail", nil, []term.Term{term.Tuple(term.Int(1), term.ImproperList([]term.Term{term.Int(1)}, term.Atom("\xff")))}, ErrBadObject},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "t.ets")
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			h := good
			if tt.h != nil {
				h = tt.h(h)
			}
			err := Write(path, h, slices.Values(tt.objs), WriteOptions{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Write: %v, want %v", err, tt.want)
			}
			if b, _ := os.ReadFile(path); string(b) != "old" {
				t.Errorf("the old file was changed to %q", b)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("%d files in the directory, want 1 (the temporary file is left)", len(entries))
			}
		})
	}
}

func TestReader_Next_afterEnd(t *testing.T) {
	r, err := Open(filepath.Join("testdata", "set.ets"), ReadOptions{Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := 0
	for {
		_, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 5 {
		t.Errorf("%d objects, want 5", n)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next after the end: %v, want io.EOF", err)
	}
}

// TestReader_NextInto_sameAsRead reads every golden file with NextInto
// into a small space: the objects are Read's, and the tuples that fit are
// in the space.
func TestReader_NextInto_sameAsRead(t *testing.T) {
	for _, g := range goldenTables {
		path := filepath.Join("testdata", g.file)
		_, want, err := Read(path, ReadOptions{Verify: true})
		if err != nil {
			t.Fatal(err)
		}
		r, err := Open(path, ReadOptions{Verify: true})
		if err != nil {
			t.Fatal(err)
		}
		space := make([]term.Term, 8)
		var got []term.Term
		for {
			obj, rest, err := r.NextInto(space)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", g.file, err)
			}
			if inSpace := len(rest) < len(space); inSpace != (obj.Arity() <= len(space)) || inSpace && &obj.Elements()[0] != &space[0] {
				t.Errorf("%s: %s: %d of %d terms of space left", g.file, show(obj), len(rest), len(space))
			}
			got = append(got, term.Tuple(slices.Clone(obj.Elements())...))
		}
		r.Close()
		if !equalTerms(got, want) {
			t.Errorf("%s: NextInto read %s, Read %s", g.file, showAll(got), showAll(want))
		}
	}
}

// readBytes reads a table file held in memory.
func readBytes(b []byte, opts ReadOptions) (Header, []term.Term, error) {
	r, err := newReader(bytes.NewReader(b), int64(len(b)), "mem", opts)
	if err != nil {
		return Header{}, nil, err
	}
	return readAll(r)
}

var sentinels = []error{ErrNotLogFile, ErrBadFile, ErrCorrupt, ErrTruncated, ErrChecksum, ErrObjectCount, ErrUnsupportedVersion}

func isSentinel(err error) bool {
	var fe *FileError
	return errors.As(err, &fe) && slices.ContainsFunc(sentinels, func(s error) bool { return errors.Is(err, s) })
}

// itemEnds returns the offsets at which the items of a good file end.
func itemEnds(t *testing.T, b []byte) map[int]bool {
	lr, err := newLogReader(bytes.NewReader(b), int64(len(b)), "mem")
	if err != nil {
		t.Fatal(err)
	}
	ends := map[int]bool{}
	for {
		if _, _, err := lr.next(); err != nil {
			break
		}
		ends[int(lr.off)] = true
	}
	return ends
}

func TestRead_truncated(t *testing.T) {
	for _, g := range goldenTables {
		t.Run(g.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", g.file))
			if err != nil {
				t.Fatal(err)
			}
			ends := itemEnds(t, b)
			for n := range len(b) {
				if n > 2000 && n < len(b)-2000 && n%997 != 0 {
					continue // big.ets: every cut near its ends, a sample inside
				}
				_, _, err := readBytes(b[:n], ReadOptions{Verify: true})
				if !isSentinel(err) {
					t.Fatalf("cut at %d, verify: %v, want a *FileError of a sentinel", n, err)
				}
				_, _, err = readBytes(b[:n], ReadOptions{})
				undetectable := ends[n] && len(g.header.ExtendedInfo) == 0
				if !undetectable && !isSentinel(err) {
					t.Fatalf("cut at %d: %v, want a *FileError of a sentinel", n, err)
				}
			}
		})
	}
}

func TestRead_truncated_sentinel(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "ordered_set_ext.ets"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		n    int
		want error
	}{
		{0, ErrNotLogFile},
		{7, ErrNotLogFile},
		{8, ErrBadFile}, // no header
		{12, ErrTruncated},
		{100, ErrTruncated},
		{len(b) - 1, ErrTruncated},
	}
	for _, tt := range tests {
		_, _, err := readBytes(b[:tt.n], ReadOptions{})
		if !errors.Is(err, tt.want) {
			t.Errorf("cut at %d: %v, want %v", tt.n, err, tt.want)
		}
	}
}

// TestRead_corrupted flips every byte of a file that has both an md5 sum
// and a count: with Verify, every flip must be found.
func TestRead_corrupted(t *testing.T) {
	for _, g := range goldenTables {
		t.Run(g.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", g.file))
			if err != nil {
				t.Fatal(err)
			}
			allDetected := g.opts.MD5Sum && g.opts.ObjectCount
			for i := range b {
				if i > 2000 && i < len(b)-2000 && i%997 != 0 {
					continue // big.ets: every byte near its ends, a sample inside
				}
				c := slices.Clone(b)
				c[i] ^= 0xff
				_, _, err := readBytes(c, ReadOptions{Verify: true})
				if err != nil && !isSentinel(err) {
					t.Fatalf("flip at %d: %v, want a *FileError of a sentinel", i, err)
				}
				if allDetected && err == nil {
					t.Fatalf("flip at %d not detected", i)
				}
			}
		})
	}
}

func TestFileError_Error(t *testing.T) {
	cause := errors.New("byte 3 of the term: truncated")
	tests := []struct {
		err  *FileError
		want string
	}{
		{&FileError{Path: "t.ets", Offset: 8, Err: ErrBadFile, Detail: "no header"}, "t.ets: offset 8: not a valid ets table file: no header"},
		{&FileError{Path: "t.ets", Offset: -1, Err: ErrObjectCount}, "t.ets: invalid object count"},
		{&FileError{Path: "t.ets", Offset: 481, Err: ErrBadFile, Cause: cause}, "t.ets: offset 481: not a valid ets table file: byte 3 of the term: truncated"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.err, tt.err.Err) || (tt.err.Cause != nil && !errors.Is(tt.err, tt.err.Cause)) {
			t.Errorf("%v does not unwrap to its sentinel and cause", tt.err)
		}
	}
	path := filepath.Join(t.TempDir(), "cut.ets")
	b, _ := os.ReadFile(filepath.Join("testdata", "set.ets"))
	if err := os.WriteFile(path, b[:100], 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := Read(path, ReadOptions{})
	if want := path + ": offset 8: truncated log file: an item of 421 bytes, 84 left in the file"; fmt.Sprint(err) != want {
		t.Errorf("Read of a cut file: %v, want %s", err, want)
	}
}

func TestReader_shortReads(t *testing.T) {
	for _, g := range goldenTables {
		b, err := os.ReadFile(filepath.Join("testdata", g.file))
		if err != nil {
			t.Fatal(err)
		}
		_, want, err := readBytes(b, ReadOptions{Verify: true})
		if err != nil {
			t.Fatal(err)
		}
		wrappers := map[string]func(io.Reader) io.Reader{
			"one byte": iotest.OneByteReader, "half": iotest.HalfReader, "data+err": iotest.DataErrReader,
		}
		for name, wrap := range wrappers {
			r, err := newReader(wrap(bytes.NewReader(b)), int64(len(b)), "mem", ReadOptions{Verify: true})
			if err != nil {
				t.Fatalf("%s, %s: %v", g.file, name, err)
			}
			_, got, err := readAll(r)
			if err != nil || !equalTerms(got, want) {
				t.Errorf("%s, %s: %d objects, %v; want %d", g.file, name, len(got), err, len(want))
			}
		}
	}
}

func TestReader_readError(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "big.ets"))
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	src := io.MultiReader(bytes.NewReader(b[:1000]), iotest.ErrReader(boom))
	r, err := newReader(src, int64(len(b)), "mem", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := readAll(r); !errors.Is(err, boom) {
		t.Errorf("got %v, want the read error", err)
	}
	if _, err := newReader(iotest.ErrReader(boom), 100, "mem", ReadOptions{}); !errors.Is(err, boom) {
		t.Errorf("got %v, want the read error", err)
	}
}

// failingWriter fails every write after the first n bytes.
type failingWriter struct{ n int }

var errWriteFailed = errors.New("disk full")

func (w *failingWriter) Write(b []byte) (int, error) {
	if len(b) > w.n {
		return 0, errWriteFailed
	}
	w.n -= len(b)
	return len(b), nil
}

func TestWriteLog_writeError(t *testing.T) {
	n := 50000 // more than a write batch
	h := Header{Name: "t", Type: Set, Protection: Public, KeyPos: 1, Size: n}
	for _, opts := range writeOptionsCombos() {
		err := writeLog(&failingWriter{n: 1000}, h, slices.Values(sampleObjects(n, 1, Set)), opts)
		if !errors.Is(err, errWriteFailed) || errors.Is(err, ErrBadObject) {
			t.Errorf("%+v: error %v, want the writer's", opts, err)
		}
	}
}
