// Package schema declares typed SQL tables and maps their rows to the
// Erlang tuples an ETS table stores.
//
// A Table is built from a TableDef (what CREATE TABLE says, translated by
// the planner): a name, typed columns with NOT NULL and DEFAULT, a primary
// key of zero, one or several columns, and ETS options. The package imports
// term only.
//
// # Types and the terms they store
//
// What an Erlang or Elixir user sees in ets:lookup/2:
//
//	INT        an integer, of any size
//	FLOAT      a float
//	TEXT       a binary holding UTF-8 text: <<"Chai">>
//	BLOB       a binary of any bytes
//	BOOL       the atom true or false
//	DATE       {Y, M, D}, as calendar:date(): {1997, 1, 1}
//	TIMESTAMP  {{Y, M, D}, {H, Mi, S}} in UTC, as calendar:datetime()
//	TERM       any term, as is
//	ANY        an integer, a float or a binary, as SQL gave it (SQLite's
//	           column without affinity: what CREATE TABLE t (a) declares)
//	NULL       the atom undefined, in every type
//
// ParseType lists the accepted type names (VARCHAR(n), DOUBLE PRECISION,
// DATETIME, ...); other names take a type by SQLite's affinity rules (see
// AffinityType). NUMERIC and DECIMAL are binary floats, not exact
// decimals; lengths and precisions are not enforced, as in SQLite.
//
// Dates and timestamps are tuples of numbers, most significant first, so
// term order is date and time order: ets:select ranges and ORDER BY work on
// the terms themselves. A
// timestamp keeps fractions of a second to the nanosecond: a whole second
// is an integer S (the value is then a true calendar:datetime()), a
// fractional one a float S, 0 <= S < 60, as {{2024,5,1},{12,0,1.25}}.
// Erlang compares 1 < 1.25 < 2, so the order still holds, and one instant
// always has one term, so equality holds. The price: calendar functions
// reject a float S (use trunc/1 first). Timestamps are instants in UTC:
// text with an offset is converted, text without one is taken as UTC, and
// a Go time.Time is converted with UTC().
//
// NULL is the atom undefined, Erlang's convention for a record field with
// no value, so rows read naturally in Erlang and match specifications can
// test for NULL with '=:='. The trade-off: in a TERM column, NULL and the
// atom undefined are the same term and cannot be told apart.
//
// # Rows
//
// A row is the tuple {Key, C1, C2, ...}: the key at element 1 (keypos 1)
// and the other columns after it in declared order, key columns left out.
// A composite key (a, b) is the tuple {A, B} at element 1. For
//
//	CREATE TABLE order_details (order_id INT, product_id INT,
//	    unit_price FLOAT, quantity INT, PRIMARY KEY (order_id, product_id))
//
// a row is {{10248, 11}, 14.0, 12}. A table without a primary key keys its
// rows with a hidden row id, as SQLite's rowid: an integer from a counter
// the Table owns, increasing from 1, so the same values may be inserted
// twice: {1, <<"a">>, 2}. The planner may expose it as the column "rowid"
// (RowIDColumn). Position gives each column's place, including the element
// inside a composite key, and Head builds match specification heads of the
// right shape.
//
// # Values in
//
// Row, Rows, RowFor and RowsFor build row tuples from values, coercing each
// as a STRICT SQLite table would, but typed (see Type.Coerce): 1 into a
// FLOAT column is 1.0, 1.0 into an INT column is 1, '1997-01-01' into a DATE
// column is {1997,1,1}, 'abc' into a FLOAT column is the error
// "table products, column price: cannot store 'abc' as FLOAT". Omitted
// values take the column's DEFAULT, or NULL; NULL in a NOT NULL or key
// column is an ErrNotNull error. Rows and RowsFor are all or nothing.
// FromGo and ToGo convert Go values for the Go API and the database/sql
// driver; AppendGoRows builds the row tuples of bulk loads straight from
// Go values, optionally laying their elements out in one reused slice for
// storage that copies them.
//
// # Table options
//
// The default table type is ordered_set, so that rows come back in key
// order and key ranges and ORDER BY key need no sort, as SQLite users
// expect; declare set for pure point lookups. A bag or duplicate_bag table
// may have several rows per key: there the primary key is the ETS key, not
// a uniqueness constraint. The default access is public. See Options.
//
// # Concurrency
//
// A Table does not change once built, except for its row id counter, which
// is atomic: every method may be called from several goroutines.
package schema
