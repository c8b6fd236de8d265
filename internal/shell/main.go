package shell

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/chzyer/readline"
)

// Opener opens the backend the shell runs against.
type Opener func() (Backend, error)

// Exit statuses of Main.
const (
	ExitOK     = 0 // every statement succeeded
	ExitFailed = 1 // a statement failed (or loading failed)
	ExitUsage  = 2 // bad command line
)

// northwindFlag is --northwind (a bool) or --northwind=DIR.
type northwindFlag struct {
	on  bool
	dir string
}

func (f *northwindFlag) IsBoolFlag() bool { return true }
func (f *northwindFlag) String() string   { return f.dir }
func (f *northwindFlag) Set(v string) error {
	if b, err := strconv.ParseBool(v); err == nil {
		f.on, f.dir = b, ""
		return nil
	}
	f.on, f.dir = true, v
	return nil
}

// Main is the etsql command: it reads the arguments (without the program
// name), runs what they ask for and returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer, open Opener) int {
	fs := flag.NewFlagSet("etsql", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		command  = fs.String("c", "", "run the statements of `SQL` and exit")
		modeName = fs.String("mode", "table", "output `mode`: table, csv, json or erlang")
		headers  = fs.Bool("headers", true, "show column names in table and csv output")
		bail     = fs.Bool("bail", false, "stop at the first failed statement")
		timer    = fs.Bool("timer", false, "report each statement's run time on stderr")
		scale    = fs.Int("northwind-scale", 0, "load the Northwind data set generated at scale `N`")
		history  = fs.String("history", "", "history `file` (default $ETSQL_HISTORY or ~/.etsql_history)")
		nw       northwindFlag
	)
	fs.Var(&nw, "northwind", "load the Northwind data set (scale 1), or `DIR`'s CSV files with --northwind=DIR")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: etsql [options] [FILE.sql ...]")
		fmt.Fprintln(stderr, "Runs SQL and ets:function(Args) calls: from FILEs, from -c, from a pipe, or at a prompt.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return ExitOK
		}
		return ExitUsage
	}
	mode, err := ParseMode(*modeName)
	if err != nil {
		fmt.Fprintf(stderr, "etsql: %v\n", err)
		return ExitUsage
	}
	if *scale < 0 {
		fmt.Fprintln(stderr, "etsql: --northwind-scale must be at least 1")
		return ExitUsage
	}
	be, err := open()
	if err != nil {
		fmt.Fprintf(stderr, "etsql: %v\n", err)
		return ExitFailed
	}
	inFile, _ := stdin.(*os.File)
	interactive := *command == "" && fs.NArg() == 0 && inFile != nil && readline.IsTerminal(int(inFile.Fd()))
	errFile, _ := stderr.(*os.File)
	sh := New(be, Config{
		Mode: mode, Headers: *headers, Timer: *timer, Bail: *bail,
		Interactive: interactive,
		Progress:    errFile != nil && readline.IsTerminal(int(errFile.Fd())),
		Stdout:      stdout, Stderr: stderr,
	})
	ctx := context.Background()
	if nw.on || *scale > 0 {
		start := time.Now()
		if err := sh.LoadNorthwind(ctx, nw.dir, max(*scale, 1)); err != nil {
			fmt.Fprintf(stderr, "etsql: northwind: %v\n", err)
			return ExitFailed
		}
		if interactive {
			fmt.Fprintf(stdout, "Northwind loaded in %s.\n", time.Since(start).Round(time.Millisecond))
		}
	}
	if *command != "" {
		sh.RunString(ctx, "-c", *command)
	}
	switch {
	case *command != "" && fs.NArg() == 0:
	case fs.NArg() > 0:
		for _, name := range fs.Args() {
			if sh.Stopped() {
				break
			}
			if name == "-" {
				sh.RunScript(ctx, "<stdin>", stdin)
				continue
			}
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintf(stderr, "etsql: %v\n", err)
				sh.failed = true
				continue
			}
			sh.RunScript(ctx, name, f)
			f.Close()
		}
	case interactive:
		fmt.Fprintln(stdout, "etsql: SQL and ets:function(Args) calls. Enter .help for help, Ctrl-D to leave.")
		if err := sh.REPL(ctx, historyPath(*history)); err != nil {
			fmt.Fprintf(stderr, "etsql: %v\n", err)
			return ExitFailed
		}
		return ExitOK // as psql: mistakes at the prompt are not the session's failure
	default:
		sh.RunScript(ctx, "<stdin>", stdin)
	}
	sh.Flush()
	if sh.Failed() {
		return ExitFailed
	}
	return ExitOK
}

// historyPath picks the history file: the flag, $ETSQL_HISTORY, or
// ~/.etsql_history.
func historyPath(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if env, ok := os.LookupEnv("ETSQL_HISTORY"); ok {
		return env
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".etsql_history")
}
