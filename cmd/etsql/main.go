// Command etsql is the etsql shell: SQL and ets:function(Args) calls over
// in-memory ETS tables, interactively (like sqlite3, psql and the Erlang
// shell) or from scripts. Run etsql -h for its options; see
// internal/shell for what it does.
package main

import (
	"os"

	"github.com/etsql/etsql/internal/shell"
	"github.com/etsql/etsql/internal/sqlstub"
)

func main() {
	os.Exit(shell.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, open))
}

// open opens the backend. Until the etsql SQL API is on main, it is the
// stand-in of internal/sqlstub.
func open() (shell.Backend, error) {
	return sqlstub.New(), nil
}
