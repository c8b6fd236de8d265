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
// Caveats: there are no transactions; each statement is atomic only as
// far as its ETS operations are (an INSERT of many rows is one atomic
// insert, an UPDATE or DELETE of many rows is not isolated from
// concurrent writers). Types are strict (see package schema), not
// SQLite's affinities, though comparisons apply SQLite's affinity rules.
package etsql
