//go:build cgo

package main

// cgoEnabled reports whether this binary was built with cgo, which the
// mattn SQLite driver needs.
const cgoEnabled = true
