// Package matchspec implements ETS match specifications with the semantics
// of Erlang/OTP 25: as data (parse, print in Erlang and Elixir syntax),
// validated exactly as ets:select/2 and ets:test_ms/2 validate them, and
// compiled to Go closures that run against objects.
//
// A specification is a list of clauses {Head, Guards, Body}. The head is a
// pattern: '_' matches anything, '$N' (N from 0) binds a variable, a
// repeated variable must match an =:= equal term, tuples, lists ([H|T]
// included) and maps (which match any map holding at least their keys)
// match element by element, and any other term matches itself exactly (1
// does not match 1.0; float constants match by their bits, so 0.0 does not
// match -0.0). Guards and bodies are expressions: variables, '$_' (the
// object), '$$' (the bound variables, in number order), {const, T},
// {{E...}} for a tuple, lists and maps of expressions, and calls
// {Function, Arg...} of the guard functions ETS allows (type tests,
// comparisons in term order, arithmetic with big integers, element, hd,
// tl, length, size, map_get, binary_part, node, self, and, or, andalso,
// orelse, xor, not, ...). A guard passes only when it evaluates to true; an
// exception in a guard fails the clause; an exception in a body gives the
// atom 'EXIT' in place of the failing call. The first clause whose head
// and guards pass gives the result: its last body expression.
//
// Guarantees:
//   - TestMS returns exactly what ets:test_ms/2 returns, error messages
//     included; a differential test runs thousands of pairs through real
//     OTP to keep it so. Validate lists the same diagnostics.
//   - Compile accepts what ets:select/2 accepts (and the empty list) and
//     rejects the rest with an *Error wrapping ErrBadMatchSpec.
//   - A Program is safe for concurrent use; a Matcher (one per goroutine)
//     matches an object that no clause accepts without allocating.
//   - No input makes the package panic; terms nested deeper than
//     term.MaxDepth are rejected.
//
// FromFun writes specifications from Erlang funs as ets:fun2ms/1 does:
// FromFun("fun({K, V}) when V > 10 -> K end", nil) gives
// [{{'$1','$2'},[{'>','$2',10}],['$1']}], translated exactly as OTP 25's
// ms_transform translates it (its errors too, as a *FunError at the
// fun's line and column); a differential test runs generated funs
// through real OTP to keep it so.
//
// Caveats:
//   - etsql runs no Erlang processes: {self} gives the fixed pid SelfPid
//     (<0.0.0>), and node/0 gives 'nonode@nohost' (NodeName).
//   - Tracing match specifications (message, return_trace, ...) are not
//     supported; as in ets, they are rejected with OTP's diagnostics.
//   - OTP renumbers the variables of a specification whose heads use a
//     variable numbered 25 or more, renaming variable-like atoms even in
//     constants ({const,'$30'} may give '$0'); this package copies that.
//   - bsl refuses results beyond 2^26 bits; OTP's limit (system_limit) is
//     of the same order but not identical.
//   - Maps of more than 32 keys in guards and bodies: OTP compiles them in
//     its hash order, which orders their diagnostics differently; results
//     are the same.
//   - A Matcher keeps the last object's bindings until the next match (they
//     are overwritten, never read stale).
package matchspec
