// Package parser reads etsql's SQL dialect into a syntax tree. It is pure
// syntax: it imports nothing else of etsql, knows no tables or types, and
// leaves name resolution, typing and lowering to match specifications to
// the planner.
//
// # Entry points
//
// Parse reads one statement (a trailing ";" is allowed); ParseScript reads
// a ";"-separated script, giving each statement with its start position so
// a script runner can report FILE:LINE:COL. Format prints any node back as
// canonical SQL (upper-case keywords, minimal parentheses) and is used by
// EXPLAIN and the round-trip tests. Walk, Inspect and Children traverse a
// tree in text order; NumInput counts a statement's parameters for the
// database/sql driver.
//
// # Dialect
//
// SQLite's, trimmed to what etsql runs: SELECT with DISTINCT, joins (comma,
// [INNER] JOIN, LEFT [OUTER] JOIN, CROSS JOIN; a parenthesized join is
// spliced into the FROM clause around it, as SQLite does; a table may carry
// the NOT INDEXED hint), subqueries in FROM and in expressions, GROUP BY,
// HAVING, ORDER BY ... [ASC|DESC] [NULLS FIRST|LAST], LIMIT n [OFFSET m]
// and LIMIT m, n, and UNION [ALL], INTERSECT, EXCEPT; INSERT [OR
// REPLACE|IGNORE|ABORT|FAIL|ROLLBACK] / REPLACE INTO ... VALUES or SELECT,
// with ON CONFLICT [(cols) [WHERE cond]] DO NOTHING | DO UPDATE SET ...
// [WHERE cond] clauses; UPDATE; DELETE; RETURNING on INSERT, UPDATE and
// DELETE; CREATE TABLE [IF NOT EXISTS] with column constraints, a table
// PRIMARY KEY (...) and ETS options in WITH (type = ordered_set, access =
// protected, ...); DROP TABLE [IF EXISTS]; CREATE [TEMP] VIEW and DROP
// VIEW; CREATE [TEMP] TRIGGER [IF NOT EXISTS] name [BEFORE|AFTER|INSTEAD
// OF] DELETE|INSERT|UPDATE [OF cols] ON t [FOR EACH ROW] [WHEN e] BEGIN
// stmt; ... END (a script is not cut at the ";" of its body) and DROP
// TRIGGER [IF EXISTS]; CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON t (cols); DROP INDEX
// [IF EXISTS]; REINDEX [name]; ALTER TABLE t ADD [COLUMN] | DROP [COLUMN] |
// RENAME TO | RENAME [COLUMN] a TO b; EXPLAIN [ANALYZE] [FORMAT
// TEXT|ERLANG|ELIXIR] stmt, also written EXPLAIN (ANALYZE, FORMAT ELIXIR)
// stmt; BEGIN, COMMIT (or END) and ROLLBACK.
//
// Expressions follow SQLite's precedence, loosest first: OR; AND; NOT;
// = == <> != IS [NOT] IN LIKE BETWEEN ISNULL NOTNULL NOT NULL; < <= > >=;
// & | << >>; + -; * / %; ||; unary - + ~. Literals keep their text
// (integers of any size, 1.5, .5, 1e3); a quote inside a 'string' is
// doubled; DATE/TIME/TIMESTAMP '...' are typed literals; parameters are
// ?, ?N and $N, numbered as SQLite does. SQLite's "x IN table" reads as
// "x IN (SELECT * FROM table)".
//
// Keywords are case-insensitive. These words are reserved and must be
// "quoted" to serve as names: ALL AND AS BETWEEN BY CASE CAST COLLATE
// CREATE CROSS DEFAULT DELETE DISTINCT DROP ELSE END ESCAPE EXCEPT EXISTS
// EXPLAIN FALSE FROM FULL GLOB GROUP HAVING IF IN INNER INSERT INTERSECT
// INTO IS ISNULL JOIN LEFT LIKE LIMIT NATURAL NOT NOTNULL NULL OFFSET ON OR
// ORDER OUTER PRIMARY RETURNING RIGHT SELECT TABLE THEN TRUE UNION UNIQUE UPDATE USING
// VALUES WHEN WHERE WITH (left(s, n), like(p, s) and glob(p, s) still call
// functions). Other
// grammar words (ASC, KEY, SET, FIRST, BEGIN, type names) stay usable as
// names. Comments are -- to end of line and /* ... */.
//
// # Tree
//
// Statements are participle grammar structs; expressions are the sealed
// Expr interface, built by precedence climbing. Every node records where it
// starts (Pos, a participle lexer.Position). Optional parts are nil or
// empty when absent; sums of alternatives are interfaces (ResultColumn,
// TableSource, InsertSource, TableElement), not kind fields. Identifiers
// are stored unquoted and not case-folded.
//
// # Errors and limits
//
// Every error is an *Error printing as "line:col: message", e.g.
// `1:10: expected FROM, found "FORM"`, and wraps ErrSyntax or, past the
// limits, ErrTooDeep: parentheses, CASE and EXPLAIN nest at most MaxDepth
// (200) deep and at most MaxOperatorRun (1000) operators follow each other,
// so recursion stays bounded on any input. No input makes the parser
// panic (FuzzParse checks this).
//
// # Caveats
//
// An unterminated /* comment is an error (SQLite accepts it). A misspelled
// keyword right after a name may be read as an alias ("FROM t WEHRE"
// aliases t as WEHRE), as in SQLite; when text follows, the error names the
// keyword it resembles. Format prints LIMIT m, n in that form, since
// reordering would renumber its placeholders.
package parser
