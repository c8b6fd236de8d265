// Package sqlbackend connects the shell to the etsql SQL API: it is the
// shell.Backend of the etsql command. Errors the planner positions in the
// statement come back as *shell.PosError, so the shell reports them at
// FILE:LINE:COL.
package sqlbackend
