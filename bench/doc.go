// Command bench measures etsql against its peers side by side, in one run:
// etsql three ways (the engine driven as an Erlang developer drives ets,
// the SQL Go API of the root package, the "etsql" database/sql driver),
// SQLite in memory through database/sql (modernc.org/sqlite and the cgo
// mattn/go-sqlite3), hashicorp/go-memdb, a plain Go map and B-tree (the
// floor), and real ETS through bench/ets_bench.escript when escript is
// installed. Every system loads the same generated rows {id, name,
// category = id % 100, price, qty} in the same random order and runs the
// same operations; the runner checks that all systems agree on the results
// and prints one Markdown table per size with each figure and etsql
// native's ratio to it, then issue 8's targets, each with the figures it
// compares, met or not.
//
//	go run ./bench -rows 1M
//	go run ./bench -rows 10k,100k,1M,5M -json docs/bench/scaling.json
//	go run ./bench/plot -in docs/bench/scaling.json -out docs/bench/scaling.png
//	sh bench/regen.sh     # both, and the README's results block (-readme)
//	sh bench/profile.sh   # a CPU profile per etsql system and operation (-profile)
//
// Table types: etsql and ETS keep the items in a set, a hash table, the
// type that suits key lookups, full scans and updates; the 1,000-key
// ranges read an ordered_set copy keyed by id, loaded after the load
// figure is taken; tables with composite keys ({category, id}, Northwind's
// order_details) are ordered_sets, so a key prefix is a bounded walk.
// SQLite uses rowid tables (WITHOUT ROWID for composite keys).
//
// Each etsql system uses the fast path its users would: the engine looks
// keys up with AppendLookup into a reused slice, counts with select_count
// and updates with select_replace (compiled match specifications), sums
// with foldl and walks ranges with RangeScan; the SQL API and the driver
// prepare every repeated statement and look keys up with QueryRow and
// Scan; the SQL API loads with InsertRows in batches, the driver with a
// prepared INSERT per row in one transaction, as the SQLite loads are.
//
// The Go benchmarks in this folder (go test -bench . -benchmem ./bench,
// ETSQL_BENCH_ROWS sets the size) report allocations per operation;
// plain `go test ./bench` runs a small smoke version that checks every
// system against a reference, and the allocation tests.
package main
