package shell

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/etsql/etsql/term"
)

// metaCommand is one dot command.
type metaCommand struct {
	name  string // ".tables"
	args  string // usage of the arguments
	help  string
	run   func(s *Shell, ctx context.Context, name string, st Statement, args []string) error
	alias []string // psql-style names: \dt
}

var metaCommands []metaCommand

// errReported is returned by a meta command whose failure has already been
// reported.
var errReported = errors.New("failure already reported")

func init() {
	metaCommands = []metaCommand{
		{".help", "", "show this help", (*Shell).metaHelp, []string{`\?`, `\h`}},
		{".tables", "", "list the SQL tables", (*Shell).metaTables, []string{`\dt`}},
		{".schema", "[TABLE]", "show CREATE TABLE statements", (*Shell).metaSchema, []string{`\d`}},
		{".mode", "MODE", "output mode: table, csv, json or erlang", (*Shell).metaMode, nil},
		{".headers", "on|off", "column names in table and csv output", (*Shell).metaHeaders, nil},
		{".timer", "[on|off]", "show each statement's run time", (*Shell).metaTimer, []string{`\timing`}},
		{".read", "FILE", "run the statements of FILE", (*Shell).metaRead, []string{`\i`}},
		{".import", "FILE TABLE", "load a CSV file (header row first) into TABLE, created if new", (*Shell).metaImport, nil},
		{".explain", "[on|off|SQL]", "explain SQL, or show the plan of every query", (*Shell).metaExplain, nil},
		{".quit", "", "leave", (*Shell).metaQuit, []string{".exit", `\q`}},
	}
}

// MetaNames lists the meta commands and their aliases, for completion.
func MetaNames() []string {
	var names []string
	for _, c := range metaCommands {
		names = append(names, c.name)
		names = append(names, c.alias...)
	}
	return names
}

func findMeta(word string) (metaCommand, bool) {
	for _, c := range metaCommands {
		if c.name == word {
			return c, true
		}
		for _, a := range c.alias {
			if a == word {
				return c, true
			}
		}
	}
	return metaCommand{}, false
}

func (s *Shell) meta(ctx context.Context, name string, st Statement) bool {
	fields := strings.Fields(st.Text)
	cmd, ok := findMeta(fields[0])
	if !ok {
		s.pr.fail("unknown command " + fields[0])
		s.report(name, st, 1, 1, fmt.Sprintf("unknown command %s (try .help)", fields[0]))
		return false
	}
	if err := cmd.run(s, ctx, name, st, fields[1:]); err != nil {
		if errors.Is(err, errReported) {
			return false
		}
		s.pr.fail(err.Error())
		s.report(name, st, 1, 1, err.Error())
		return false
	}
	return true
}

func usage(c string) error {
	cmd, _ := findMeta(c)
	return fmt.Errorf("usage: %s %s", cmd.name, cmd.args)
}

func (s *Shell) metaHelp(_ context.Context, _ string, _ Statement, _ []string) error {
	s.Flush()
	w := s.cfg.Stdout
	fmt.Fprintln(w, "SQL statements end with ';'. ets calls end with '.' or ';':")
	fmt.Fprintln(w, "    ets:lookup(products, 11).")
	fmt.Fprintln(w, "    T = ets:new(t, [ordered_set]).   binds T for later calls")
	fmt.Fprintln(w, "Commands:")
	for _, c := range metaCommands {
		left := strings.TrimSpace(c.name + " " + c.args)
		if len(c.alias) > 0 {
			left += " (" + strings.Join(c.alias, ", ") + ")"
		}
		fmt.Fprintf(w, "    %-36s %s\n", left, c.help)
	}
	return nil
}

// metaTables lists the tables, one per line, or in erlang mode as one
// list of atoms.
func (s *Shell) metaTables(_ context.Context, _ string, _ Statement, args []string) error {
	s.printTables(func(t Table) bool { return len(args) == 0 || strings.Contains(t.Name, args[0]) },
		func(t Table) (string, term.Term) { return t.Name, term.Atom(t.Name) })
	return nil
}

// printTables prints a line for each table keep accepts, or in erlang
// mode one list of their terms, and returns how many it printed.
func (s *Shell) printTables(keep func(Table) bool, show func(Table) (line string, t term.Term)) int {
	var terms []term.Term
	for _, t := range s.be.Tables() {
		if !keep(t) {
			continue
		}
		line, tt := show(t)
		terms = append(terms, tt)
		if s.cfg.Mode != ModeErlang {
			fmt.Fprintln(s.out, line)
		}
	}
	if s.cfg.Mode == ModeErlang {
		fmt.Fprintln(s.out, term.Format(term.List(terms...)))
	}
	return len(terms)
}

func (s *Shell) metaSchema(ctx context.Context, name string, st Statement, args []string) error {
	if len(args) == 0 && strings.HasPrefix(st.Text, `\d`) {
		return s.metaTables(ctx, name, st, nil)
	}
	if len(args) > 0 && !slices.ContainsFunc(s.be.Tables(), func(t Table) bool { return strings.EqualFold(t.Name, args[0]) }) {
		return fmt.Errorf("no such table: %s", args[0])
	}
	s.printTables(func(t Table) bool { return len(args) == 0 || strings.EqualFold(t.Name, args[0]) },
		func(t Table) (string, term.Term) { return t.Create, term.BinaryString(t.Create) }) // erlang mode: a list of binaries
	return nil
}

func (s *Shell) metaMode(_ context.Context, _ string, _ Statement, args []string) error {
	if len(args) != 1 {
		fmt.Fprintf(s.out, "current mode: %s\n", s.cfg.Mode)
		return nil
	}
	m, err := ParseMode(args[0])
	if err != nil {
		return err
	}
	s.Flush()
	s.setMode(m)
	return nil
}

// onOff reads on|off (also true/false, 1/0); a missing argument toggles.
func onOff(args []string, cur bool, cmd string) (bool, error) {
	if len(args) == 0 {
		return !cur, nil
	}
	switch strings.ToLower(args[0]) {
	case "on", "true", "1", "yes":
		return true, nil
	case "off", "false", "0", "no":
		return false, nil
	}
	return cur, usage(cmd)
}

func (s *Shell) metaHeaders(_ context.Context, _ string, _ Statement, args []string) error {
	on, err := onOff(args, s.cfg.Headers, ".headers")
	if err != nil {
		return err
	}
	s.cfg.Headers = on
	s.setMode(s.cfg.Mode)
	return nil
}

func (s *Shell) metaTimer(_ context.Context, _ string, _ Statement, args []string) error {
	on, err := onOff(args, s.cfg.Timer, ".timer")
	if err != nil {
		return err
	}
	s.cfg.Timer = on
	if s.cfg.Interactive {
		fmt.Fprintf(s.errw, "Timing is %s.\n", map[bool]string{true: "on", false: "off"}[on])
	}
	return nil
}

// maxReadDepth caps nested .read commands.
const maxReadDepth = 16

func (s *Shell) metaRead(ctx context.Context, _ string, _ Statement, args []string) error {
	if len(args) != 1 {
		return usage(".read")
	}
	if s.depth >= maxReadDepth {
		return fmt.Errorf(".read nested deeper than %d", maxReadDepth)
	}
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	s.depth++
	defer func() { s.depth-- }()
	interactive := s.cfg.Interactive
	s.cfg.Interactive = false // errors inside a file are FILE:LINE:COL
	s.RunScript(ctx, args[0], f)
	s.cfg.Interactive = interactive
	return nil
}

func (s *Shell) metaExplain(ctx context.Context, name string, st Statement, args []string) error {
	if len(args) == 0 || (len(args) == 1 && !strings.HasSuffix(args[0], ";")) {
		on, err := onOff(args, s.explain, ".explain")
		if err != nil {
			return err
		}
		s.explain = on
		return nil
	}
	sql := strings.TrimSpace(strings.TrimPrefix(st.Text, ".explain"))
	inner := Statement{Kind: KindSQL, Text: "EXPLAIN " + sql, Line: st.Line, Col: st.Col}
	if !s.execSQL(ctx, name, inner) {
		return errReported
	}
	return nil
}

func (s *Shell) metaQuit(context.Context, string, Statement, []string) error {
	s.quit = true
	return nil
}
