package shell

import "errors"

// The sentinel errors of package shell, matched with errors.Is.
var (
	// ErrUnknownMode: an output mode other than table, csv, json and
	// erlang.
	ErrUnknownMode = errors.New("unknown mode")

	// ErrImport: a file given to .import cannot be loaded into its table.
	ErrImport = errors.New("import failed")
)
