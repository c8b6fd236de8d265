package tabfile

// The disk_log layer: a halt log in internal format, as OTP's disk_log_1
// writes and reads it. It deals in items ([]byte, each a term_to_binary
// encoding); the table layer above gives them meaning.
//
// A file is an 8-byte head, logMagic then closedMark (openedMark while a
// writer has it open), then items. An item is
//
//	<<Size:32, BigMagic:32, Bin:Size/binary>>                  Size < minMD5Item
//	<<Size:32, BigMagic:32, MD5:16/binary, Bin:Size/binary>>   otherwise
//
// where MD5 is erlang:md5(<<Size:32>>), guarding the size of large items.
// Items written by disk_log before its version 2(a) carry oldMagic and never
// an MD5; they are still read.

import (
	"bytes"
	"crypto/md5"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
)

const (
	headSize       = 8     // file head: logMagic + opened/closed mark
	itemHeaderSize = 8     // item head: size + magic
	sizeMD5Size    = 16    // the md5 of a large item's size
	minMD5Item     = 65528 // items this big or bigger carry sizeMD5 (?MIN_MD5_TERM)
)

var (
	logMagic   = []byte{1, 2, 3, 4}
	openedMark = []byte{6, 7, 8, 9}
	closedMark = []byte{99, 88, 77, 11}
	bigMagic   = []byte{98, 87, 76, 65} // "bWLA", ?BIGMAGICHEAD
	oldMagic   = []byte{12, 33, 44, 55} // ?MAGICHEAD
)

// logWriter writes a closed halt log: the head, then items, batched in
// memory and written to w a megabyte at a time, so there is no system call
// per item. When w is a file, the kernel is asked to start writing each
// batch to disk as soon as it is written, while the next is encoded.
type logWriter struct {
	w       io.Writer
	buf     []byte
	err     error
	written int64 // bytes written to w
}

const writeBatchSize = 1 << 20

func newLogWriter(w io.Writer) *logWriter {
	lw := &logWriter{w: w, buf: make([]byte, 0, writeBatchSize+64<<10)}
	lw.buf = append(append(lw.buf, logMagic...), closedMark...)
	return lw
}

// beginItem starts an item: the caller appends its bytes to lw.buf, then
// calls endItem with the offset beginItem returned.
func (lw *logWriter) beginItem() int {
	start := len(lw.buf)
	lw.buf = append(lw.buf, make([]byte, itemHeaderSize)...)
	return start
}

// endItem frames the bytes appended since beginItem returned start as one
// item and returns them (valid until the next beginItem), for checksumming.
func (lw *logWriter) endItem(start int) ([]byte, error) {
	n := len(lw.buf) - start - itemHeaderSize
	if uint64(n) > math.MaxUint32 {
		lw.buf = lw.buf[:start]
		return nil, fmt.Errorf("%w: an item of %d bytes is over the 4 GiB disk_log limit", ErrBadObject, n)
	}
	var headBuf [itemHeaderSize + sizeMD5Size]byte
	head := appendItemHeader(headBuf[:0], n)
	if len(head) > itemHeaderSize { // a large item: make room for the size md5
		lw.buf = append(lw.buf, make([]byte, sizeMD5Size)...)
		copy(lw.buf[start+len(head):], lw.buf[start+itemHeaderSize:len(lw.buf)-sizeMD5Size])
	}
	copy(lw.buf[start:], head)
	item := lw.buf[start+len(head):]
	if len(lw.buf) >= writeBatchSize {
		if err := lw.flush(); err != nil {
			return nil, err
		}
	}
	return item, nil
}

// abortItem drops the item begun at start.
func (lw *logWriter) abortItem(start int) { lw.buf = lw.buf[:start] }

// flush writes the batch out.
func (lw *logWriter) flush() error {
	if lw.err == nil && len(lw.buf) > 0 {
		_, lw.err = lw.w.Write(lw.buf)
		if f, ok := lw.w.(*os.File); ok && lw.err == nil {
			startWriteback(f, lw.written, int64(len(lw.buf)))
		}
		lw.written += int64(len(lw.buf))
		lw.buf = lw.buf[:0]
	}
	return lw.err
}

// appendItemHeader appends the head of an item of n bytes (and the size
// md5 if the item is large) to dst.
func appendItemHeader(dst []byte, n int) []byte {
	var size [4]byte
	binary.BigEndian.PutUint32(size[:], uint32(n))
	dst = append(dst, size[:]...)
	dst = append(dst, bigMagic...)
	if n >= minMD5Item {
		sum := md5.Sum(size[:])
		dst = append(dst, sum[:]...)
	}
	return dst
}

// logReader reads the items of a halt log. Every framing fault is an error:
// it never skips damaged bytes as disk_log's read-only chunk does. It reads
// the file a megabyte at a time into a window and hands out items as slices
// of it, so an item costs no system call and no copy.
type logReader struct {
	r    io.Reader
	path string
	off  int64 // file offset of the next unread item
	size int64 // the file's size: an item can never run past it
	win  []byte
	pos  int // win[pos:n] holds unread bytes
	n    int
	eof  bool
	err  error // a read error from r
}

const readWindowSize = 1 << 20

// newLogReader checks the head of a log of size bytes read from r.
func newLogReader(r io.Reader, size int64, path string) (*logReader, error) {
	lr := &logReader{r: r, path: path, size: size, win: make([]byte, min(max(size, 64), readWindowSize))}
	if lr.fill(headSize) < headSize {
		if lr.err != nil {
			return nil, lr.err
		}
		return nil, lr.errorf(0, ErrNotLogFile, "no disk_log head")
	}
	head := lr.win[:headSize]
	switch {
	case !bytes.Equal(head[:4], logMagic):
		return nil, lr.errorf(0, ErrNotLogFile, "no disk_log head")
	case bytes.Equal(head[4:], closedMark):
	case bytes.Equal(head[4:], openedMark):
		return nil, lr.errorf(4, ErrTruncated, "the log was never closed by its writer")
	default:
		return nil, lr.errorf(4, ErrNotLogFile, "bad open/closed mark")
	}
	lr.pos, lr.off = headSize, headSize
	return lr, nil
}

// fill makes the window hold at least need unread bytes, unless the file
// ends first, and returns how many it holds.
func (lr *logReader) fill(need int) int {
	if lr.n-lr.pos >= need || lr.eof || lr.err != nil {
		return lr.n - lr.pos
	}
	lr.n = copy(lr.win, lr.win[lr.pos:lr.n])
	lr.pos = 0
	if need > len(lr.win) {
		lr.win = append(lr.win[:lr.n], make([]byte, need-lr.n)...)
	}
	for empty := 0; lr.n < need; {
		m, err := lr.r.Read(lr.win[lr.n:])
		lr.n += m
		switch {
		case err == io.EOF:
			lr.eof = true
			return lr.n
		case err != nil:
			lr.err = err
			return lr.n
		case m == 0:
			if empty++; empty == 100 {
				lr.err = io.ErrNoProgress
				return lr.n
			}
		}
	}
	return lr.n
}

func (lr *logReader) errorf(off int64, sentinel error, format string, args ...any) *FileError {
	return &FileError{Path: lr.path, Offset: off, Err: sentinel, Detail: fmt.Sprintf(format, args...)}
}

// next returns the next item, valid until the next call, and its offset.
// At the end of the log it returns io.EOF.
func (lr *logReader) next() (item []byte, off int64, err error) {
	off = lr.off
	avail := lr.fill(itemHeaderSize)
	switch {
	case lr.err != nil:
		return nil, off, lr.err
	case avail == 0:
		return nil, off, io.EOF
	case avail < itemHeaderSize:
		return nil, off, lr.errorf(off, ErrTruncated, "%d bytes of an item head", avail)
	}
	head := lr.win[lr.pos : lr.pos+itemHeaderSize]
	size := int64(binary.BigEndian.Uint32(head[:4]))
	body := size
	switch {
	case bytes.Equal(head[4:], bigMagic):
		if size >= minMD5Item {
			body += sizeMD5Size
		}
	case bytes.Equal(head[4:], oldMagic):
	default:
		return nil, off, lr.errorf(off, ErrCorrupt, "bad item magic %x", head[4:])
	}
	if remaining := lr.size - off - itemHeaderSize; body > remaining {
		return nil, off, lr.errorf(off, ErrTruncated, "an item of %d bytes, %d left in the file", body, max(remaining, 0))
	}
	whole := itemHeaderSize + int(body)
	if lr.fill(whole) < whole {
		if lr.err != nil {
			return nil, off, lr.err
		}
		return nil, off, lr.errorf(off, ErrTruncated, "the file ends inside an item")
	}
	head = lr.win[lr.pos : lr.pos+itemHeaderSize] // fill may have moved it
	b := lr.win[lr.pos+itemHeaderSize : lr.pos+whole]
	lr.pos += whole
	lr.off += int64(whole)
	if body != size {
		sum := md5.Sum(head[:4])
		if !bytes.Equal(b[:sizeMD5Size], sum[:]) {
			return nil, off, lr.errorf(off, ErrCorrupt, "bad size checksum of a large item")
		}
		b = b[sizeMD5Size:]
	}
	return b, off, nil
}
