// Command bench measures etsql against its peers side by side, in one run:
// SQLite in memory through database/sql (modernc.org/sqlite and the cgo
// mattn/go-sqlite3), hashicorp/go-memdb, a plain Go map and B-tree (the
// floor), and real ETS through bench/ets_bench.escript when escript is
// installed. Every system loads the same generated rows {id, name,
// category = id % 100, price, qty} in the same random order and runs the
// same operations; the runner checks that all systems agree on the results
// and prints one Markdown table per size with each peer's figure and its
// ratio to etsql, then the targets, met or not.
//
//	go run ./bench -rows 1M
//	go run ./bench -rows 10k,100k,1M -json bench/out/results.json
//
// The Go benchmarks in this folder (go test -bench . -benchmem ./bench)
// report allocations per operation; plain `go test ./bench` runs a small
// smoke version that checks every system against a reference.
package main
