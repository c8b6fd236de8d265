// Package etsql is an in-memory SQL database whose tables are ETS tables:
// SQL statements are planned into ETS match specifications (with key
// lookups and ordered_set range scans where WHERE allows) and run on the
// engine, giving the same rows as SQLite for the same statements on the
// same data.
//
// Open returns a DB; Exec, Query and QueryRow run statements with
// arguments for their placeholders (? and $N); Prepare plans a statement
// once for many runs; Explain returns a statement's plan with its match
// specifications, so a Go program can use the planner alone. The engine
// and the process owning the tables are open to ETS-level use through
// Engine and Process: a table created by SQL is a named ETS table with the
// key at position 1 (ets:lookup(products, 11) finds product 11).
//
// A DB is safe for concurrent use by many goroutines. Unprepared
// statements are cached by text, plans are invalidated by CREATE and DROP
// TABLE.
//
// Statements are atomic as far as their ETS operations are: an INSERT of
// many rows is one insert_new (a duplicate key changes nothing), a DELETE
// whose WHERE clause is all in its match specification is one
// select_delete, an UPDATE setting constants is one select_replace; other
// UPDATEs and DELETEs read the rows first and check every new row before
// writing any, but are not isolated from concurrent writers.
//
// Caveats: there are no transactions (BEGIN is an error). Types are strict
// (see package schema), not SQLite's affinities, though comparisons apply
// SQLite's affinity rules; DATE and TIMESTAMP values compare and print as
// their ISO text, as in a SQLite TEXT column. A table without a primary key
// keys its rows by a hidden row id, the column rowid. Query results are computed in
// full before Rows returns them.
package etsql
