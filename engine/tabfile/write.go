package tabfile

import (
	"crypto/md5"
	"errors"
	"fmt"
	"hash"
	"io"
	"iter"
	"os"
	"path/filepath"

	"github.com/etsql/etsql/term"
)

// WriteOptions are ets:tab2file/3's options.
type WriteOptions struct {
	// ObjectCount and MD5Sum are {extended_info, [object_count, md5sum]}:
	// the file then ends with the number of objects and/or the md5 sum of
	// the header and objects, which Read (and ets:file2tab with
	// {verify, true}) checks.
	ObjectCount bool
	MD5Sum      bool

	// Sync is {sync, true}. The file is always written to a temporary file
	// that is fsynced before it is renamed into place, so a crash never
	// leaves a partial file under path; Sync also fsyncs the directory, so
	// that the rename itself is on disk when Write returns.
	Sync bool
}

func (o WriteOptions) extendedInfo() []string {
	var ext []string
	if o.ObjectCount {
		ext = append(ext, ObjectCount)
	}
	if o.MD5Sum {
		ext = append(ext, MD5Sum)
	}
	return ext
}

// Write writes a table file at path, in the format of OTP 25's
// ets:tab2file/3: h as the header, then the objects, each its own log item,
// in the order objects yields them, then the extended info the options ask
// for. h.Size must be the number of objects. ets:file2tab/2 loads the file.
//
// The write is atomic: a temporary file in path's directory is written,
// fsynced and renamed over path; on any error it is removed and path is left
// as it was.
//
// The header items that describe a live Erlang table (id, memory, owner,
// heir, node) are taken from h.Items when there (a file read by Read and
// written again keeps them), otherwise written as #Ref<0.0.0.0>, 0, <0.0.0>,
// none and nonode@nohost: ets:file2tab and ets:tabfile_info ignore them.
func Write(path string, h Header, objects iter.Seq[term.Term], opts WriteOptions) (err error) {
	if err := h.check(); err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := writeLog(f, h, objects, opts); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	if opts.Sync {
		return syncDir(dir)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	return errors.Join(d.Sync(), d.Close())
}

// tableWriter logs a header and objects, counting them and keeping the md5
// sum of their encodings when asked to.
type tableWriter struct {
	lw     *logWriter
	keyPos int
	sum    hash.Hash // nil without MD5Sum
	count  int
}

func (tw *tableWriter) log(t term.Term) error {
	if tw.lw.err != nil {
		return tw.lw.err
	}
	start := tw.lw.beginItem()
	var err error
	if tw.lw.buf, err = appendTerm(tw.lw.buf, t); err != nil {
		tw.lw.abortItem(start)
		return err
	}
	item, err := tw.lw.endItem(start)
	if err != nil {
		return err
	}
	if tw.sum != nil {
		tw.sum.Write(item)
	}
	return nil
}

func writeLog(f io.Writer, h Header, objects iter.Seq[term.Term], opts WriteOptions) error {
	tw := &tableWriter{lw: newLogWriter(f), keyPos: h.KeyPos}
	if opts.MD5Sum {
		tw.sum = md5.New()
	}
	if err := tw.log(h.headerTerm(opts.extendedInfo())); err != nil {
		return fmt.Errorf("%w: %w", ErrBadHeader, err)
	}
	var err error
	for obj := range objects {
		if obj.Arity() < tw.keyPos {
			err = fmt.Errorf("%w: object %d is a %s, not a tuple of at least %d elements", ErrBadObject, tw.count+1, obj.Kind(), tw.keyPos)
			break
		}
		if err = tw.log(obj); err != nil {
			if tw.lw.err == nil && !errors.Is(err, ErrBadObject) { // not a write error
				err = fmt.Errorf("%w: object %d: %w", ErrBadObject, tw.count+1, err)
			}
			break
		}
		tw.count++
	}
	if err != nil {
		return err
	}
	if tw.count != h.Size {
		return fmt.Errorf("%w: the header's size is %d but there are %d objects", ErrBadHeader, h.Size, tw.count)
	}
	if end := tw.endInfo(opts); end.IsValid() {
		if err := tw.log(end); err != nil {
			return err
		}
	}
	return tw.lw.flush()
}

// endInfo returns ['$end_of_table', [{count, N}, {md5, Sum}]] with the
// parts the options ask for, or the zero Term when they ask for none.
func (tw *tableWriter) endInfo(opts WriteOptions) term.Term {
	var info []term.Term
	if opts.ObjectCount {
		info = append(info, term.Tuple(term.Atom("count"), term.Int(int64(tw.count))))
	}
	if opts.MD5Sum {
		info = append(info, term.Tuple(term.Atom("md5"), term.Binary(tw.sum.Sum(nil))))
	}
	if info == nil {
		return term.Term{}
	}
	return term.List(endOfTable, term.List(info...))
}

var endOfTable = term.Atom("$end_of_table")
