package tabfile

import (
	"errors"
	"fmt"
)

// The sentinel errors of package tabfile, tested with errors.Is. Read, Open,
// Next and Info report a bad file as a *FileError wrapping one of the first
// seven; Write reports what it cannot write with ErrBadHeader or
// ErrBadObject. Errors from the operating system are returned as they are.
var (
	// ErrNotLogFile: the file does not start with a disk_log head
	// (OTP: {read_error, {not_a_log_file, File}}).
	ErrNotLogFile = errors.New("not a disk_log file")

	// ErrBadFile: a well-formed log whose content is not what ets:tab2file
	// writes: no header, a header without the six mandatory items, an item
	// that is not a valid term, an object that is not a tuple of the table's
	// key position, items after the end marker (OTP: badfile).
	ErrBadFile = errors.New("not a valid ets table file")

	// ErrCorrupt: an item whose framing is damaged: a bad magic number or a
	// bad size checksum (OTP: {read_error, {corrupt_log_file, File}}).
	ErrCorrupt = errors.New("corrupt log file")

	// ErrTruncated: the file ends inside an item, before the end marker its
	// header announces, or was never closed by its writer.
	ErrTruncated = errors.New("truncated log file")

	// ErrChecksum: the md5 sum of the objects differs from the one stored
	// at the end of the file (OTP: checksum_error).
	ErrChecksum = errors.New("checksum error")

	// ErrObjectCount: the number of objects differs from the count stored at
	// the end of the file or, when verifying a file without extended info,
	// from the header's size (OTP: invalid_object_count).
	ErrObjectCount = errors.New("invalid object count")

	// ErrUnsupportedVersion: a file of a newer major version than 1
	// (OTP: {unsupported_file_version, {Major, Minor}}).
	ErrUnsupportedVersion = errors.New("unsupported file version")

	// ErrBadHeader: Write was given a header it cannot write (an unknown
	// table type or protection, a key position below 1, a size that differs
	// from the number of objects, ...). Nothing is written.
	ErrBadHeader = errors.New("bad table header")

	// ErrBadObject: Write was given an object an ETS table cannot hold (not
	// a tuple, or smaller than the key position) or one that cannot be
	// encoded. Nothing is written.
	ErrBadObject = errors.New("bad object")
)

// FileError is an error about one file, at a byte offset when one applies
// (Offset < 0 when not).
type FileError struct {
	Path   string
	Offset int64
	Err    error  // one of the sentinels above
	Detail string // what exactly was wrong, may be empty
	Cause  error  // the underlying error (say, from the term decoder), may be nil
}

// Error returns "path: offset N: sentinel: detail".
func (e *FileError) Error() string {
	s := e.Path + ": "
	if e.Offset >= 0 {
		s += fmt.Sprintf("offset %d: ", e.Offset)
	}
	s += e.Err.Error()
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Cause != nil {
		s += ": " + e.Cause.Error()
	}
	return s
}

// Unwrap returns the sentinel and the cause, if any.
func (e *FileError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}
