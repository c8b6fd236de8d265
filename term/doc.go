// Package term models Erlang terms in Go: the values ETS tables store and
// match specifications take apart.
//
// A Term is a small immutable value of one of the kinds integer (of any
// size), float, atom, binary, tuple, list (proper or improper), [] and map,
// plus pids, ports, references and funs kept opaque as their External Term
// Format bytes so that data holding them survives a round trip.
//
// The package gives:
//
//   - Erlang's term order (Compare), numeric equality == (Equal) and exact
//     equality =:= (ExactEqual), with hashes consistent with each (HashEqual,
//     Hash), and Erlang's map-key order (CompareExact);
//   - term text in Erlang syntax: Parse reads one term, ParseTerms a
//     file:consult-style sequence, and Parser reads terms inside larger
//     text (the REPL's ets:fun(Args) calls); Format prints a term on one
//     line as io_lib:format("~0tp") does, FormatW as "~w" does, and
//     FormatElixir as Elixir's inspect/2 does;
//   - the External Term Format, byte-compatible with term_to_binary/1 and
//     binary_to_term/1 (Encode, AppendEncode, EncodeCompressed, Decode,
//     DecodePrefix);
//   - for code reading many tuples scattered in memory (the engine's
//     scans): TouchTuples loads their first and last elements in a loop
//     whose loads overlap, and PrefetchTuples and PrefetchKeys ask the
//     processor for their cache lines without waiting (prefetch
//     instructions on amd64 and arm64, loads elsewhere).
//
// Caveats: bitstrings whose size is not a whole number of bytes are not
// modelled (decoding one gives ErrUnsupported); Erlang has no NaN or
// infinity, and code that computes floats must check IsFinite. The semantics
// are those of OTP 25: in particular 0.0 =:= -0.0 is true. Maps of more than
// 32 keys are encoded and printed in key order, where OTP uses its internal
// hash order: the bytes and text differ, the terms do not.
//
// Term is a tagged 16-byte value rather than an interface with one Go type
// per kind: numbers then need no allocation, a tuple is one allocation, and a
// table of a million rows stays smaller than the same table in ETS. The
// representation is private and every kind has its constructor and
// accessors, so the set of kinds stays closed, as a sealed interface would
// keep it.
package term
