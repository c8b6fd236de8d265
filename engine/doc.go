// Package engine implements ets tables for Go: the semantics of OTP 25's
// ets module, operation by operation, over immutable term.Term objects.
//
// A DB is a registry of tables (named ones by name, all by id) and of
// processes. A Process stands for the Erlang process making a call: each
// table has an owner process, protected tables let only the owner write,
// private tables let only the owner in at all, and when the owner closes,
// its tables pass to their heir (told through Process.OnTransfer, the
// counterpart of the 'ETS-TRANSFER' message) or are deleted.
//
// The four table types behave as in ets:
//
//   - Set: one object per key, keys equal by =:= (1 and 1.0 are two keys);
//     a hash table, iterated in insertion order (a deletion moves the last
//     object into the hole).
//   - OrderedSet: one object per key, keys equal by == (1 and 1.0 are one
//     key); a B+tree in term order (see bplus.go).
//   - Bag: objects of a key kept in insertion order, without =:=
//     duplicates.
//   - DuplicateBag: like Bag, duplicates kept.
//
// # Errors
//
// Every failure that is badarg in Erlang returns an error matching
// ErrBadArg; errors.Is with the finer sentinels of errors.go tells the
// cause (ErrNoTable, ErrAccess, ErrKeyNotFound, ...).
//
// # Objects are shared, not copied
//
// Unlike ets the engine does not copy objects in or out: terms are
// immutable, so Lookup returns the stored terms themselves and
// AppendLookup with a reused slice does not allocate.
//
// # Concurrency
//
// Every operation on one table is atomic and isolated: single-object
// operations, inserts of a list, update_counter with a list of operations,
// select_delete and select_replace (which checks every replacement before
// changing anything). Select, match and select_count see one consistent
// state of the table. Traversals that return to the caller between steps
// (Foldl, Foldr, RangeScan, First/Next loops, select continuations) never
// fail or deadlock under concurrent writes, and the callbacks of Foldl and
// RangeScan run without the table's lock, so they may write the table:
//
//   - on an ordered_set they resume after the last key seen, so each key
//     is visited at most once, in order, and Next from a deleted key goes
//     on to the next greater key, as ets guarantees; a select
//     continuation finds each chunk when asked for, so it shows the
//     objects written meanwhile, as in ets (a specification bounding one
//     key is answered whole by the first call);
//   - Foldl on a hash table walks a snapshot taken when it starts;
//   - Next on a hash table from a key no longer in the table is badarg, and
//     a select continuation on a hash table from which objects were
//     deleted in between may miss or repeat objects: ets behaves the same
//     way on a table that is not fixed with safe_fixtable. SafeFixtable
//     records fixations as ets:safe_fixtable/2 does (Info's fixed,
//     safe_fixed and safe_fixed_monotonic_time items, released when the
//     process closes) but does not change traversals: unlike a fixed ets
//     hash table, a fixed set or bag still gives these caveats; use an
//     ordered_set, Foldl or a one-call Select when deletions interleave.
//
// # Access paths
//
// Select and its kin look keys up instead of scanning when every clause's
// head binds the whole key; on an ordered_set a head binding the leading
// elements of a tuple key ({{7, '_'}, ...}) walks only the keys of that
// arity with that prefix, and guards bounding the key variable
// ({'>=', '$1', 10}, {'<', '$1', 20}) walk only that range; a limited
// select (SelectLimit and kin) on an ordered_set with a key prefix or
// range scans chunk by chunk instead, for the ets semantics above. A set
// copies each object's elements into chunks of objects of one arity
// (setstore.go), and its hash slots point at them, so a lookup reads a
// slot and the object. An update of an object no caller was ever given
// (by a lookup, a select, a fold...) writes it in place; otherwise it
// appends the new version and leaves the old one where callers may still
// hold it, and the chunks are compacted when the dead versions reach half
// the live objects. An object a caller holds never changes. Select, select_count,
// select_delete and select_replace on a set read the chunks in memory
// order; first/next, limited selects and folds follow insertion order. A
// bag reads its objects in insertion order. Where objects lie scattered
// (updated objects in insertion order, an ordered_set's objects in key
// order), scans and next loops load a batch of objects at once before
// matching them, so that their cache misses overlap (touch.go), and the
// walks of an ordered_set prefetch the objects a few dozen ahead of the
// one they hand out (walk.go). An ordered_set summarizes each key in 64
// bits held in its B+tree's nodes (ordered.go): numbers exactly below
// 2^53, atoms and binaries by their first bytes, tuples by their arity and
// codes of their first two elements, so that a search compares keys only
// where summaries tie, and a key of two small integers (the usual
// composite key) never ties with another.
//
// # Beyond ets
//
// RangeScan walks an ordered_set between two keys (each bound inclusive,
// exclusive or absent), ascending or descending, with a limit and an
// optional match specification: the access path of the SQL planner.
// Tab2File and File2Tab read and write OTP's table files (package
// tabfile): File2Tab creates the table once the file's header is read
// and inserts the objects in batches while a goroutine decodes the next
// ones, deleting the table if the file turns out bad (as ets:file2tab);
// Snapshot and Load copy a table out and in whole. A Process keeps
// a cursor where its last Next or Prev on an ordered_set stopped: while
// the table is unchanged, the following Next and a Lookup of the key it
// returned cost no search, as ets keeps a cursor for next.
//
// BeginJournal, CommitJournal and RollbackJournal put an undo journal on a
// table (journal.go), for the transactions of the SQL layer: while it is
// on, the first write to each key saves what the key held, and a rollback
// restores every touched key exactly. Journals nest (savepoints).
//
// CreateIndex and DropIndex keep secondary indexes on a table (index.go),
// also for the SQL layer: per index an ordered tree of (values, key) that
// every write maintains, under the journals so that a rollback restores
// the entries too; AppendIndexed reads the objects of the keys with given
// values or values in a range. A unique index makes Insert and InsertNew
// refuse conflicting objects (ErrUnique); the other writes count the
// conflicts (IndexConflicts) for their caller to judge. Rewrite replaces
// every object at once, for ALTER TABLE.
//
// # Memory
//
// A term.Term is 16 bytes, so an object {Id, Name, Category, Price, Qty}
// takes 80 bytes plus its binary; the index adds about 22 bytes per object
// to a set (slots, row order, and each object's row) and 35 to an
// ordered_set. A set's chunks
// may hold up to as many dead versions as live objects, and a chunk stays
// allocated while a caller holds one of its objects. Info reports memory in 8-byte words,
// counted from the stored objects and the index (walking the table: Info
// is not free on a big table); it is comparable to, not equal to, ets's
// figure.
package engine
