// Package tabfile reads and writes table files in the exact format of OTP
// 25's ets:tab2file/2,3, ets:file2tab/1,2 and ets:tabfile_info/1, so that a
// file written by erl loads in etsql and one written by etsql loads in erl.
//
// # Format
//
// A table file is a disk_log of type halt in internal format. Its first item
// is the header, a tuple of {Item, Value} pairs: ets:info/1 of the table
// followed by {major_version, 1}, {minor_version, 0} and {extended_info,
// [object_count, md5sum]} (either, both or neither). Every object follows as
// an item of its own. When extended info was asked for, a last item
// ['$end_of_table', [{count, N}, {md5, Sum}]] holds the number of objects
// and the md5 sum of the header's and the objects' encodings. Each item is
// a term_to_binary encoding framed by disk_log: a 32-bit size, a magic
// number and, for items of 65528 bytes or more, the md5 of the size.
//
// # Guarantees
//
// Write is atomic (temporary file, fsync, rename; on Linux the writeback
// of each megabyte starts as soon as it is written) and writes what
// ets:tab2file writes for the same header items and object order, byte for
// byte: a file read and written again is unchanged. (ets:tab2file logs the
// objects 100 at a time, which does not show in the file; a set or bag's
// objects come in OTP's hash order, which etsql does not reproduce.) The
// encoding of terms is term_to_binary/1's in OTP 25 (term.AppendEncode), so
// the md5 sums agree too.
//
// Read is all or nothing: it returns every object or an error, never a
// partial table, and never panics on any input; the errors are *FileError
// values wrapping the sentinels of errors.go, which mirror OTP's reasons
// (badfile, checksum_error, invalid_object_count, ...). Reader reads a file
// one object at a time, for callers that load as they read and drop what
// they loaded when Next reports an error; its NextInto decodes each tuple
// into the caller's memory, for a table that copies the elements.
//
// # Caveats
//
// Read is stricter than ets:file2tab without {verify, true}: disk_log
// skips damaged bytes and undecodable items when reading, Read refuses the
// file. A file without extended info that is cut exactly between two items
// is found only with ReadOptions.Verify, which compares the number of
// objects with the header's size, as OTP does. Header items describing a
// live Erlang table (id, owner, memory, heir, node) are kept from a file
// that was read, and otherwise written as placeholders (see Write).
package tabfile
