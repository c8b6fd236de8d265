package tabfile

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"hash"
	"io"
	"os"

	"github.com/etsql/etsql/term"
)

// ReadOptions are ets:file2tab/2's options.
type ReadOptions struct {
	// Verify is {verify, true}: check the md5 sum stored at the end of the
	// file (ErrChecksum) and the object count against the stored count or,
	// in a file without extended info, against the header's size
	// (ErrObjectCount).
	//
	// Without Verify the framing of every item, every term, the end marker a
	// header with extended info announces and its stored object count are
	// still checked, so any cut inside an item or before the end marker is
	// found; only a file without extended info cut exactly between two
	// objects needs Verify to be refused.
	Verify bool
}

// Reader reads a table file one object at a time, for files too big to
// hold twice. Open checks the head and the header; Next checks every item
// and, at the end, the extended info. A file is good only when Next has
// returned io.EOF: callers load the objects into a fresh table and keep it
// only then.
type Reader struct {
	path   string
	f      *os.File
	lr     *logReader
	header Header
	verify bool
	sum    hash.Hash // md5 of the header and objects, when verifying a file that has one
	count  int
	end    *endInfo // the end marker, once read
	err    error    // sticky: the first error, or io.EOF after a good end
}

// endInfo is the content of the ['$end_of_table', Info] item.
type endInfo struct {
	off   int64
	count term.Term // the {count, N} value, or the zero Term
	md5   term.Term // the {md5, Sum} value, or the zero Term
}

// Open opens the table file at path and reads its header.
func Open(path string, opts ReadOptions) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	r, err := newReader(f, st.Size(), path, opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.f = f
	return r, nil
}

// newReader reads the head and header of a file of size bytes from src.
func newReader(src io.Reader, size int64, path string, opts ReadOptions) (*Reader, error) {
	lr, err := newLogReader(src, size, path)
	if err != nil {
		return nil, err
	}
	r := &Reader{path: path, lr: lr, verify: opts.Verify}
	item, off, err := lr.next()
	if err == io.EOF {
		return nil, r.errorf(off, ErrBadFile, nil, "no header")
	}
	if err != nil {
		return nil, err
	}
	t, err := term.Decode(item)
	if err != nil {
		return nil, r.errorf(off, ErrBadFile, err, "header")
	}
	if r.header, err = parseHeader(t); err != nil {
		return nil, r.errorf(off, ErrBadFile, err, "")
	}
	if v := r.header.Version; v[0] > MajorVersion {
		return nil, r.errorf(off, ErrUnsupportedVersion, nil, "{%d, %d}", v[0], v[1])
	}
	if opts.Verify && r.header.HasExtendedInfo(MD5Sum) {
		r.sum = md5.New()
		r.sum.Write(item)
	}
	return r, nil
}

func (r *Reader) errorf(off int64, sentinel, cause error, format string, args ...any) *FileError {
	return &FileError{Path: r.path, Offset: off, Err: sentinel, Cause: cause, Detail: fmt.Sprintf(format, args...)}
}

// Header returns the file's header.
func (r *Reader) Header() Header { return r.header }

// Next returns the next object. After the last one it checks the end of
// the file and returns io.EOF if the whole file is good; any other error
// means the file is bad (or unreadable), and Next keeps returning it.
func (r *Reader) Next() (term.Term, error) {
	t, _, err := r.NextInto(nil)
	return t, err
}

// NextInto is Next, but stores the elements of the object (a tuple) at the
// start of space when they fit there, and returns the rest of space, as
// term.DecodeInto does: for a caller that copies the objects' elements
// (into a table that stores them inline) and can then reuse space.
func (r *Reader) NextInto(space []term.Term) (term.Term, []term.Term, error) {
	for r.err == nil {
		item, off, err := r.lr.next()
		if err == io.EOF {
			r.err = r.finish()
			break
		}
		if err != nil {
			r.err = err
			break
		}
		if r.end != nil {
			r.err = r.errorf(off, ErrBadFile, nil, "an item after the end marker")
			break
		}
		t, rest, err := term.DecodeInto(item, space)
		if err != nil {
			r.err = r.errorf(off, ErrBadFile, err, "")
			break
		}
		if end, ok := parseEndInfo(t, off); ok {
			r.end = end
			continue
		}
		if t.Arity() < r.header.KeyPos {
			r.err = r.errorf(off, ErrBadFile, nil, "an object that is a %s, not a tuple of at least %d elements", t.Kind(), r.header.KeyPos)
			break
		}
		if r.sum != nil {
			r.sum.Write(item)
		}
		r.count++
		return t, rest, nil
	}
	return term.Term{}, space, r.err
}

// parseEndInfo recognises ['$end_of_table', Info] and takes count and md5
// from Info as ets:file2tab does (lists:keyfind).
func parseEndInfo(t term.Term, off int64) (*endInfo, bool) {
	elems := t.Elements()
	if !t.IsList() || len(elems) != 2 || !elems[0].IsAtomNamed("$end_of_table") {
		return nil, false
	}
	end := &endInfo{off: off}
	info, _ := elems[1].ListParts()
	for _, it := range info {
		if it.Arity() < 1 {
			continue
		}
		k, _ := it.Element(1)
		v, _ := it.Element(2)
		switch {
		case k.IsAtomNamed("count") && !end.count.IsValid():
			end.count = v
		case k.IsAtomNamed("md5") && !end.md5.IsValid():
			end.md5 = v
		}
	}
	return end, true
}

// finish checks the end of a file whose items all read well.
func (r *Reader) finish() error {
	h := r.header
	hasExt := len(h.ExtendedInfo) > 0
	if hasExt && r.end == nil {
		return r.errorf(r.lr.off, ErrTruncated, nil, "no end marker, though the header announces %v", h.ExtendedInfo)
	}
	if r.end != nil {
		// ets:tab2file writes exactly what the header announces.
		if r.end.count.IsValid() != h.HasExtendedInfo(ObjectCount) || r.end.md5.IsValid() != h.HasExtendedInfo(MD5Sum) {
			return r.errorf(r.end.off, ErrBadFile, nil, "the end marker does not hold what the header announces (%v)", h.ExtendedInfo)
		}
	}
	if h.HasExtendedInfo(ObjectCount) {
		if n, ok := r.end.count.Int64(); !ok || n != int64(r.count) {
			return r.errorf(r.end.off, ErrObjectCount, nil, "%d objects, the file says %s", r.count, describe(r.end.count))
		}
	}
	if !r.verify {
		return io.EOF
	}
	if r.sum != nil {
		stored, _ := r.end.md5.BinaryValue()
		if !bytes.Equal([]byte(stored), r.sum.Sum(nil)) {
			return r.errorf(r.end.off, ErrChecksum, nil, "")
		}
	}
	if !hasExt && r.count != h.Size {
		return r.errorf(-1, ErrObjectCount, nil, "%d objects, the header's size is %d", r.count, h.Size)
	}
	return io.EOF
}

func describe(t term.Term) string {
	if n, ok := t.Int64(); ok {
		return fmt.Sprint(n)
	}
	if !t.IsValid() {
		return "nothing"
	}
	return "a " + t.Kind().String()
}

// Close closes the file.
func (r *Reader) Close() error {
	if r.f == nil {
		return nil
	}
	err := r.f.Close()
	r.f = nil
	return err
}

// Read reads the whole table file at path, like ets:file2tab/2: its header
// and its objects in file order. It is all or nothing: a file that is not
// a table file, or is cut short or damaged anywhere, gives an error (a
// *FileError wrapping one of the sentinels) and no objects.
func Read(path string, opts ReadOptions) (Header, []term.Term, error) {
	r, err := Open(path, opts)
	if err != nil {
		return Header{}, nil, err
	}
	defer r.Close()
	return readAll(r)
}

func readAll(r *Reader) (Header, []term.Term, error) {
	objects := make([]term.Term, 0, min(r.header.Size, int(r.lr.size/itemHeaderSize)))
	for {
		t, err := r.Next()
		if err == io.EOF {
			return r.header, objects, nil
		}
		if err != nil {
			return Header{}, nil, err
		}
		objects = append(objects, t)
	}
}

// Info reads the header of the table file at path, like ets:tabfile_info/1;
// it does not read the objects.
func Info(path string) (Header, error) {
	r, err := Open(path, ReadOptions{})
	if err != nil {
		return Header{}, err
	}
	defer r.Close()
	return r.header, nil
}
