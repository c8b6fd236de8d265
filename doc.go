// Package etsql is an in-memory SQL database whose tables are ETS tables:
// SQL statements are planned into ETS match specifications (with key
// lookups and ordered_set range scans where WHERE allows) and run on the
// engine, giving the same rows as SQLite for the same statements on the
// same data.
//
// # Three ways in
//
// Through database/sql, with the driver this package registers as "etsql"
// (see Driver for the data source names):
//
//	db, err := sql.Open("etsql", "")            // a database of its own
//	db, err := sql.Open("etsql", "mem:shop")    // shared by name in the process
//	db, err := sql.Open("etsql", "?northwind=1") // preloaded with Northwind
//
// Placeholders are ?, ?N and $N, and :name, @name and $name, which bind
// by position (each distinct name numbered at its first appearance, as in
// SQLite) or by sql.Named, in the native API too; transactions (Begin,
// BeginTx, or BEGIN, COMMIT and ROLLBACK run on one connection) roll
// back; prepared statements keep their plan; contexts cancel long scans;
// NULL comes back as nil (scan into sql.Null* or a pointer), DATE and
// TIMESTAMP as time.Time, and errors are the sentinels
// below, so errors.Is and errors.As work through database/sql and sqlx.
//
// Through the native API: Open returns a DB; Exec, Query and QueryRow run
// statements with arguments for their placeholders; Begin starts a
// transaction (Tx); Prepare plans a statement once for many runs; InsertRows loads Go values without SQL;
// Explain returns a statement's plan with its match specifications, so a
// Go program can use the planner alone.
//
// Through the engine, with no SQL: Engine and Process give ETS-level
// access to the tables (package engine: ets:new, insert, lookup, select
// with match specifications from package matchspec). A table created by
// SQL is a named ETS table holding rows as tuples with the key at position
// 1 (ets:lookup(products, 11) finds product 11) and the other columns
// after it in declared order; see package schema for the terms each type
// stores.
//
// # Guarantees
//
// A DB is safe for concurrent use by many goroutines, and so is a *sql.DB
// opened with the driver (its connections share one DB). Unprepared
// statements are cached by text; plans are invalidated by CREATE and DROP
// TABLE.
//
// Statements are atomic as far as their ETS operations are: an INSERT of
// many rows is one insert_new (a duplicate key changes nothing), a DELETE
// whose WHERE clause is all in its match specification is one
// select_delete, an UPDATE setting constants is one select_replace; other
// UPDATEs and DELETEs read the rows first and check every new row before
// writing any. In a transaction every statement is atomic: one that fails
// is undone (by the transaction's undo journal, see engine.Table.BeginJournal)
// and the transaction goes on.
//
// Transactions (Tx) are serializable among writers: one write transaction
// runs at a time, and write statements outside it (INSERT, UPDATE, DELETE,
// and DDL) wait for its end, as long as their context
// allows and at most the busy timeout (WithBusyTimeout, the DSN's
// busy_timeout; 5 s by default), after which they fail with ErrBusy, as
// SQLite's "database is locked"; write statements outside transactions
// run together. Rollback
// restores every row the transaction wrote and undoes its DDL (CREATE,
// DROP and ALTER TABLE, CREATE and DROP INDEX).
//
// Reads are safe under concurrent writes, as ETS traversals with
// safe_fixtable are: a scan never fails or deadlocks because another
// goroutine writes the table. On an ordered_set (the default table type) a
// scan, full or over a key range, sees each key at most once, in key
// order, and may see rows written ahead of it; a full scan of a set table
// walks a snapshot taken when it starts. A query is not a snapshot of the
// database: a statement reading several tables (joins, subqueries) may see
// each at a different moment.
//
// NULL is stored as the atom undefined, Erlang's convention for a field
// with no value, so ETS-level code and match specifications see NULL as
// undefined ({'=:=', '$3', undefined}).
//
// Errors wrap the sentinels of errors.go (ErrNoTable, ErrDuplicateKey,
// ErrAccess, ErrBadArg, ...): test them with errors.Is. A syntax error is a
// *parser.Error carrying its line and column: use errors.As.
//
// # Caveats
//
// Reads do not take part in transactions: a query outside a transaction
// does not wait for it and sees its writes as they are made, before it
// commits (and rows it then rolls back), as SQLite's read_uncommitted
// would; a query in a transaction sees its own writes. Writes made through
// the engine (ETS calls) do not wait for transactions, and while one runs
// its rollback undoes them too, as if the transaction had made them. The
// undo journal restores each key's rows exactly (their order in a bag
// included) but not the order of the keys in a set or bag table, which
// SQL leaves unspecified without ORDER BY. Types are strict (see package
// schema), not SQLite's affinities, though comparisons apply SQLite's
// affinity rules. DATE and TIMESTAMP values print as their ISO text and
// compare with text as text, as in a SQLite TEXT column ('1997-01-01' <
// '1997-01-01 00:00:00'); a DATE compared with a TIMESTAMP, such as a
// time.Time argument, is that date at midnight, as in PostgreSQL. A DATE
// column stores a time.Time at exactly midnight UTC as its date. A table
// without a primary key keys its rows by a hidden row id, the column
// rowid.
//
// A primary key of one INT column (INTEGER PRIMARY KEY) is numbered as
// SQLite numbers it: a row inserted without it, or with NULL, gets one
// more than the largest key (1 in an empty table), row by row in a
// multi-row INSERT, and Result.LastInsertId is the last row's key; with
// AUTOINCREMENT a key is never one used before, even if since deleted. A
// set or bag table has no key order, so it knows its largest key from
// the inserts and updates: after deleting it, keys go on from it as with
// AUTOINCREMENT. Keys handed out in a rolled-back transaction are not
// handed out again under AUTOINCREMENT (SQLite would reuse them).
//
// Query results stream when the plan allows it (one SELECT without a sort
// other than the key order, GROUP BY or an aggregate, reading its first
// table by a traversal rather than key lookups): rows are computed as
// Rows.Next asks for them, so the first come before the scan ends, Close
// or a LIMIT stops the scan, and an error met on the way (a cancelled
// context, a dropped table) ends the rows and is reported by Rows.Err.
// Other results are computed in full before the first row.
package etsql
