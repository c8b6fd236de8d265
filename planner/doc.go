// Package planner turns parsed SQL statements into plans that run on ETS
// tables: WHERE clauses become ETS match specifications, with the key
// bound in the head when WHERE fixes it, and key lookups, key ranges and
// composite-key prefixes become the access path, so a point query never
// scans. It also executes the plans (there is no separate executor
// package: a plan holds the compiled closures that run it).
//
// # Planning
//
// Plan builds a Statement once; Run executes it any number of times,
// concurrently, with the values of its placeholders. For each table a
// SELECT, UPDATE or DELETE reads, an ordered list of rules decides how
// (see planAccess): split the WHERE (and ON) clause into AND terms and give
// each to the first table where it can be decided; lower each term with an
// exact match specification form into guards; pick the key path (lookup of
// each key an equality or IN list fixes; on an ordered_set, a traversal of
// a composite-key prefix or between key bounds; else one select over the
// table); build the specification, leaving out of the per-row checks
// the conjuncts the path decides when its keys come out exact (WHERE id
// BETWEEN ? AND ? on an INT key: every key the traversal visits passes;
// see rulePathConjs); let ORDER BY on the ordered_set key
// use the traversal order (LIMIT then stops it early); count with
// select_count when only COUNT(*) is wanted; run DELETE as one
// select_delete and UPDATE of constants, or of INT columns set to an INT
// column plus or minus an integer (SET qty = qty + 1, computed by the
// specification's body, {'+',{element,4,'$_'},1}), as one select_replace
// when the whole WHERE clause is in the specification. Joins are lookup joins when
// the ON condition fixes the inner table's key, hash joins on equalities
// otherwise, nested loops failing both; tables are joined in FROM order,
// except that in a join without LEFT JOIN the table whose own WHERE terms
// give the cheapest path is read first (ruleJoinOrder), and a table no equality
// ties to the ones before it waits for the tables that are tied (ruleConnectJoins).
// Then come GROUP BY, HAVING,
// DISTINCT, ORDER BY and LIMIT, as SQLite orders them.
//
// # Indexes and DDL
//
// CREATE INDEX makes an engine index (engine.Table.CreateIndex), which
// every write maintains, ETS calls included. When no key path applies, an
// index whose leading columns the WHERE clause fixes (=, IN on the first)
// or bounds (on the column after the fixed ones) finds the keys, and the
// rows are fetched by key and checked against the whole WHERE clause
// (ruleIndexPath); lookup joins use an index on the joined column. A
// UNIQUE index (also made for each UNIQUE constraint of CREATE TABLE,
// named sqlite_autoindex_t_N as SQLite names them) refuses conflicting
// writes with SQLite's "UNIQUE constraint failed" (writes the engine does not check, such as an
// UPDATE's select_replace, run under an undo journal and are undone).
// INSERT with ON CONFLICT clauses or OR IGNORE/FAIL (or OR REPLACE over a
// unique index) writes row by row as SQLite does (upsert.go); RETURNING
// makes INSERT, UPDATE and DELETE queries that write (returning.go);
// ALTER TABLE swaps the table's declaration and rewrites its rows when
// their layout changes (alter.go). The catalog runs these through the
// optional IndexCatalog and AlterCatalog interfaces.
//
// RunInto runs a statement into a Result the caller reuses: a query that
// only looks one key up and projects its rows (SELECT * FROM t WHERE id
// = ?) then runs without the general machinery and allocates nothing,
// and a streamed scan reuses its rows from chunk to chunk.
//
// # Exactness
//
// A lowered predicate must give exactly SQLite's rows. NULL is the atom
// undefined, which term order puts above every number: price > 10 is
// lowered to {'andalso',{is_number,'$4'},{'>','$4',10}} so NULL never
// matches, and every predicate is lowered to a pair of guards (true when
// it is TRUE, true when it is FALSE) so NOT and OR keep three-valued
// logic. Only comparisons of a column with a constant (or a placeholder,
// or another column) of a compatible type are lowered, applying SQLite's
// affinity rules (a numeric column against '10' compares with 10; a text
// column against 5 with '5'); numbers compare with ==, < and so on, which
// compare integers and floats numerically as SQL does; text compares
// bytewise, SQLite's BINARY collation. Everything else runs after the
// match as the residual filter. Comparisons with placeholders are
// instantiated when the statement runs and also kept in the residual.
// A scan (not a key lookup) run with values each of its column's own
// type (an integer for INT, a number for FLOAT, text for TEXT) is planned
// again with the values as literals, giving the literal SQL's plan (its
// select_count, select_delete or select_replace, no residual); the last
// such plan is kept per statement, keyed by the values (specialize.go).
//
// # Values
//
// Values are the stored terms (see package schema). Sorting, grouping and
// comparison follow SQL, not term order: NULLs first, then numbers, then
// text; dates and timestamps compare as their ISO text, as SQLite stores
// them, except that a DATE against a TIMESTAMP is that date at midnight,
// as in PostgreSQL; BOOL is 1 and 0.
//
// # Streaming
//
// A query whose plan has no blocking step streams: Result.Next pulls its
// rows from the scan, which runs a chunk at a time (1, 2, 4, ... up to
// 256 rows) and pauses in between, holding no table lock; Close, or the
// end of a LIMIT, stops it, and a cancelled context ends it at the next
// chunk. Such plans have one SELECT, no ORDER BY other than the
// ordered_set key order, no GROUP BY or aggregate, and a first table read
// by a traversal (a full select, a key range or a prefix); DISTINCT,
// LIMIT, OFFSET and joins stream (the first table drives; the others are
// read per row of it, or once for a hash or loop join). A sort, grouping,
// UNION, INTERSECT, EXCEPT and key lookups are computed by Run and handed
// out from memory. Rows of a streamed scan are those the engine's
// traversals give under concurrent writes: on an ordered_set each key at
// most once, in key order, including keys written ahead of the scan; on
// the hash tables a snapshot taken when the scan starts.
//
// # Functions
//
// Scalar functions are SQLite's, checked against it value by value (see
// tests/functions_diff_test.go): text and number functions (funcs.go,
// funcs_text.go), math functions (funcs_math.go: ceil, ln, pow, sin...),
// printf and format with SQLite's own conversions and
// float digits (printf.go), and date and time functions with their
// modifiers (funcs_date.go), which read DATE and TIMESTAMP values as the
// ISO text SQLite would store. Differences: BLOB is TEXT, so
// typeof(zeroblob(1)) is 'text'; round() computes as SQLite 3.40 does
// (round(1.005, 2) is 1.01, where SQLite 3.43 and later give 1.0) while
// printf's digits are those of SQLite 3.54; there is no local time zone
// ('localtime' and 'utc' change nothing); zeroblob and randomblob stop at
// 64 MiB.
//
// # Triggers
//
// CREATE TRIGGER stores the statement in the catalog (TriggerCatalog);
// the plans of INSERT, UPDATE and DELETE include the triggers they fire,
// planned as statements whose placeholders are NEW.col and OLD.col (so
// their key lookups stay lookups), newest trigger first, as SQLite fires
// them. A statement with triggers runs row by row as SQLite's does (the
// matching rows found first; each row read again, its BEFORE triggers,
// its write, its AFTER triggers) under one undo journal of every table
// it and its triggers write: an error undoes it all, RAISE(FAIL) keeps
// the rows written before. A trigger does not fire within itself
// (SQLite's recursive_triggers is off by default); triggers nest at most
// 32 deep. INSTEAD OF triggers make views writable. REPLACE's deletes
// fire no DELETE triggers, as in SQLite with recursive_triggers off.
//
// # Caveats
//
// Columns of type ANY (no type, as in CREATE TABLE t (a, b)) hold 1 and
// 1.0 as different ETS keys though SQL finds them equal: key and index
// paths skip such columns and their lookups scan the table.
//
// A UNIQUE index treats
// values equal by SQL's = (1 and 1.0) as one, and NULLs as distinct. An
// UPDATE is checked against unique indexes when all its rows are written,
// not row by row as SQLite does: UPDATE t SET u = u + 1 succeeds where
// SQLite may fail on an intermediate conflict. A plan made while an index
// existed reads every row if ETS code drops the index.
//
// UPDATE and
// DELETE read the rows they change first, then write them: each write is
// atomic, the statement as a whole is not isolated from concurrent
// writers. Printed specifications of statements with placeholders show
// them as atoms ('?1') until values are given.
package planner
