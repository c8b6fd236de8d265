// Command etsql is the etsql shell: SQL and ets:function(Args) calls over
// in-memory ETS tables, interactively (like sqlite3, psql and the Erlang
// shell) or from scripts. Run etsql -h for its options; see
// internal/shell for what it does.
package main

import (
	"os"

	"github.com/etsql/etsql/internal/shell"
	"github.com/etsql/etsql/internal/sqlbackend"
)

func main() {
	os.Exit(shell.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, open))
}

// open opens the backend: an empty in-memory etsql database.
func open() (shell.Backend, error) { return sqlbackend.Open() }
