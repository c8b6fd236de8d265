// Package shell is the etsql command: a REPL and script runner that takes
// SQL statements and ets:function(Args) calls on the same tables, and the
// dot commands of sqlite3 (with psql's backslash aliases).
//
// Input is cut into statements by a Splitter: SQL ends at ';' (outside
// quotes and comments), an ets call at Erlang's end of form ('.' followed
// by white space) or at ';', a dot command at the end of its line. A
// statement may span lines; the REPL then shows the continuation prompt.
//
// SQL runs on a Backend (the etsql Go API, see internal/sqlbackend); the
// shell parses each statement first, so syntax errors carry their
// position without a round trip. ets calls run on the Backend's engine as
// the shell's own process (ETS), so SQL tables, which are named public ETS
// tables, answer ets:lookup(products, 11). A call may bind its result to
// a variable (T = ets:new(t, []).), as may any term (Min = 10.), for later
// calls. Arguments may hold calls, anywhere a term goes:
// ets:insert(t, {ets:info(t, size), x}). Match specifications may be
// written as funs, as in erl: ets:select(t, ets:fun2ms(fun({K, V}) when V
// > Min -> K end)). (translated by matchspec.FromFun; a fun it rejects
// prints ms_transform's "Error: ..." on stderr and gives
// {error,transform_error}, as erl does). ets:match_spec_compile/1,
// match_spec_run/2 and is_compiled_ms/1 are offered too.
//
// # Output
//
// Results go to stdout in one of four modes: table (aligned, NULL shown as
// NULL, a row count), csv (RFC 4180, header row, NULL as an empty field),
// json (each result an array of objects) and erlang (one line per
// statement, for programs: rows as a list of tuples, {ok, N} for DML, ok
// for DDL, an ets call's result, ** exception error: REASON for a
// failure; .tables and .schema print one line too, other dot commands
// none). Rows stream to the output as the backend yields them (except
// in table mode, which must measure every row first). Errors go to stderr
// as FILE:LINE:COL: message, or relative to the statement at the prompt.
//
// # Caveats
//
// A continuation of ets:select/3, match/3 or match_object/3 is shown as
// {'$etsql_continuation', N}, a term that can be typed back into
// ets:select/1 (the last 1000 are kept); a compiled match specification
// likewise as {'$etsql_compiled_ms', N} (erl shows #Ref<...>). Funs exist
// only as the argument of ets:fun2ms/1, and operators only inside funs
// (ets:insert(t, {1 + 1}) is a syntax error). Pids and references
// cannot be typed (the term syntax has none): bind them to variables.
// Ctrl-C stops a running SQL statement through its context; ets calls run
// to the end.
package shell
