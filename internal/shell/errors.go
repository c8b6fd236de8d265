package shell

import "errors"

// The sentinel errors of package shell, matched with errors.Is.
var (
	// ErrUsage: a meta command or option used wrongly (unknown mode,
	// missing argument, ...).
	ErrUsage = errors.New("usage")

	// ErrImport: a file given to .import cannot be loaded into its table.
	ErrImport = errors.New("import failed")
)
