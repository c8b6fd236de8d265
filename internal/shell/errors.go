package shell

import "errors"

// The sentinel errors of package shell, matched with errors.Is.
var (
	// ErrUnknownMode: an output mode other than table, csv, json and
	// erlang.
	ErrUnknownMode = errors.New("unknown mode")

	// ErrBound: Var = ets:call(...) with Var already bound (variables are
	// bound once, as in Erlang).
	ErrBound = errors.New("variable already bound")

	// ErrImport: a file given to .import cannot be loaded into its table.
	ErrImport = errors.New("import failed")

	// ErrUnsupported: an Erlang value the shell cannot hold, such as a
	// fun anywhere but as the argument of ets:fun2ms/1.
	ErrUnsupported = errors.New("not supported by the shell")
)
