package shell

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/term"
)

// Config configures a Shell.
type Config struct {
	Mode    Mode
	Headers bool // column names in table and CSV output
	Timer   bool // report each statement's run time
	Bail    bool // stop at the first failed statement

	// Interactive: errors are reported relative to the statement (the
	// user just typed it) rather than as FILE:LINE:COL.
	Interactive bool
	// Progress: stderr is a terminal, so work that takes over a second
	// (loading data) reports its progress there.
	Progress bool

	Stdout io.Writer
	Stderr io.Writer
}

// Shell runs statements (SQL, ets calls and meta commands) against a
// Backend and writes their results. It is not safe for concurrent use.
type Shell struct {
	cfg     Config
	be      Backend
	ets     *ETS
	out     *bufio.Writer
	errw    io.Writer
	pr      printer
	explain bool // show the plan of each query first
	failed  bool
	quit    bool
	depth   int // nesting of .read
}

// New returns a Shell running statements against be.
func New(be Backend, cfg Config) *Shell {
	if cfg.Stdout == nil {
		cfg.Stdout = io.Discard
	}
	if cfg.Stderr == nil {
		cfg.Stderr = io.Discard
	}
	s := &Shell{cfg: cfg, be: be, ets: NewETS(be.Engine(), be.Process()), errw: cfg.Stderr}
	if cfg.Progress {
		s.ets.progress = cfg.Stderr
	}
	s.out = bufio.NewWriterSize(cfg.Stdout, 64<<10)
	s.setMode(cfg.Mode)
	return s
}

func (s *Shell) setMode(m Mode) {
	s.cfg.Mode = m
	s.pr = newPrinter(m, s.out, s.cfg.Headers)
}

// Failed reports whether any statement has failed.
func (s *Shell) Failed() bool { return s.failed }

// Quit reports whether .quit was given.
func (s *Shell) Quit() bool { return s.quit }

// Flush writes buffered output.
func (s *Shell) Flush() { _ = s.out.Flush() }

// Stopped reports whether the shell should read no more statements:
// after .quit, or after a failure with Bail set.
func (s *Shell) Stopped() bool { return s.quit || (s.cfg.Bail && s.failed) }

// RunScript runs the statements read from r, naming the input name in
// error messages (FILE:LINE:COL). It reads line by line, so statements
// run as their text arrives. A statement left incomplete at the end of
// the input runs as it is (a missing final ';' is forgiven). It returns
// when the input ends, Stopped becomes true or ctx is done.
func (s *Shell) RunScript(ctx context.Context, name string, r io.Reader) {
	sp := NewSplitter()
	br := bufio.NewReaderSize(r, 64<<10)
	for !s.Stopped() {
		line, err := br.ReadString('\n')
		for _, st := range sp.Feed(line) {
			s.Exec(ctx, name, st)
			if s.Stopped() || ctx.Err() != nil { // Ctrl-C stops a .read file
				s.Flush()
				return
			}
		}
		if err != nil {
			if err != io.EOF {
				s.errorf("%s: %v", name, err)
			}
			break
		}
	}
	if st, ok := sp.Rest(); ok && !s.Stopped() && ctx.Err() == nil {
		s.Exec(ctx, name, st)
	}
	s.Flush()
}

// RunString runs the statements of text, as RunScript.
func (s *Shell) RunString(ctx context.Context, name, text string) {
	s.RunScript(ctx, name, strings.NewReader(text))
}

// Exec runs one statement and reports whether it succeeded. name is the
// input's name for error messages.
func (s *Shell) Exec(ctx context.Context, name string, st Statement) bool {
	start := time.Now()
	var ok bool
	switch st.Kind {
	case KindMeta:
		ok = s.meta(ctx, name, st)
	case KindETS:
		ok = s.execETS(name, st)
	default:
		ok = s.execSQL(ctx, name, st)
	}
	if !ok {
		s.failed = true
	}
	if s.cfg.Timer && st.Kind != KindMeta {
		s.Flush()
		fmt.Fprintf(s.errw, "Time: %.3f ms\n", float64(time.Since(start).Microseconds())/1000)
	}
	s.Flush()
	return ok
}

func (s *Shell) execETS(name string, st Statement) bool {
	v, err := s.ets.Run(st.Text)
	for _, n := range s.ets.Notices() {
		s.report(name, st, max(n.Line, 1), max(n.Col, 1), n.Msg)
	}
	if err != nil {
		var se *term.SyntaxError
		if errors.As(err, &se) {
			s.fail(name, st, se.Pos.Line, se.Pos.Column, "syntax error", se.Msg)
			return false
		}
		reason := Reason(err)
		msg := "** exception error: " + reason
		if detail := strings.TrimSuffix(err.Error(), ": badarg"); detail != reason {
			msg += " (" + detail + ")"
		}
		s.pr.fail(reason)
		s.report(name, st, 1, 1, msg)
		return false
	}
	s.pr.value(v)
	return true
}

// stmtKind is what an SQL statement is, for its output: a query, DML
// with a row count, or another statement; tag names it ("INSERT").
type stmtKind struct {
	query bool
	dml   bool
	tag   string
}

func kindOf(stmt parser.Statement) stmtKind {
	switch s := stmt.(type) {
	case *parser.SelectStmt, *parser.ExplainStmt:
		return stmtKind{query: true, tag: "SELECT"}
	case *parser.InsertStmt:
		return stmtKind{query: len(s.Returning) > 0, dml: true, tag: "INSERT"}
	case *parser.UpdateStmt:
		return stmtKind{query: len(s.Returning) > 0, dml: true, tag: "UPDATE"}
	case *parser.DeleteStmt:
		return stmtKind{query: len(s.Returning) > 0, dml: true, tag: "DELETE"}
	case *parser.CreateTableStmt:
		return stmtKind{tag: "CREATE TABLE"}
	case *parser.DropTableStmt:
		return stmtKind{tag: "DROP TABLE"}
	case *parser.CreateIndexStmt:
		return stmtKind{tag: "CREATE INDEX"}
	case *parser.DropIndexStmt:
		return stmtKind{tag: "DROP INDEX"}
	case *parser.ReindexStmt:
		return stmtKind{tag: "REINDEX"}
	case *parser.CreateViewStmt:
		return stmtKind{tag: "CREATE VIEW"}
	case *parser.DropViewStmt:
		return stmtKind{tag: "DROP VIEW"}
	case *parser.AlterTableStmt:
		return stmtKind{tag: "ALTER TABLE"}
	case *parser.TransactionStmt:
		return stmtKind{tag: s.Op.String()}
	}
	return stmtKind{tag: "OK"}
}

func (s *Shell) execSQL(ctx context.Context, name string, st Statement) bool {
	stmt, err := parser.Parse(st.Text)
	if err != nil {
		s.sqlError(name, st, err)
		return false
	}
	kind := kindOf(stmt)
	if !kind.query {
		n, err := s.be.Exec(ctx, st.Text)
		if err != nil {
			s.sqlError(name, st, err)
			return false
		}
		s.pr.done(kind, n)
		return true
	}
	if _, isExplain := stmt.(*parser.ExplainStmt); s.explain && !isExplain {
		if !s.query(ctx, name, st, "EXPLAIN "+st.Text) {
			return false
		}
	}
	return s.query(ctx, name, st, st.Text)
}

// query runs a query and streams its rows to the printer.
func (s *Shell) query(ctx context.Context, name string, st Statement, sql string) bool {
	rows, err := s.be.Query(ctx, sql)
	if err != nil {
		s.sqlError(name, st, err)
		return false
	}
	defer rows.Close()
	s.pr.begin(rows.Columns())
	n := 0
	var mu sync.Mutex // the printer, between this loop and the flusher
	stop := s.startFlusher(&mu)
	for rows.Next() {
		mu.Lock()
		s.pr.row(rows.Values())
		if n++; n%flushRows == 0 {
			s.pr.flush()
			s.Flush()
		}
		mu.Unlock()
	}
	stop()
	if err := rows.Err(); err != nil {
		s.pr.abort(err)
		s.report(name, st, 1, 1, errorText(err))
		return false
	}
	s.pr.end(n)
	return true
}

// startFlusher flushes the printer's output every flushDelay while a
// query runs, so that the first rows of a slow scan show at once; mu
// guards the printer. The returned function stops it.
func (s *Shell) startFlusher(mu *sync.Mutex) (stop func()) {
	if s.cfg.Mode == ModeTable {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(flushDelay)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				mu.Lock()
				s.pr.flush()
				s.Flush()
				mu.Unlock()
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// errorText is the message of a failed statement; a cancelled one says
// so plainly.
func errorText(err error) string {
	if errors.Is(err, context.Canceled) {
		return "cancelled"
	}
	return err.Error()
}

// sqlError reports a failed SQL statement, at the position a parse error
// gives, else at the statement's start.
func (s *Shell) sqlError(name string, st Statement, err error) {
	var pe *parser.Error
	if errors.As(err, &pe) {
		s.fail(name, st, pe.Pos.Line, pe.Pos.Column, "syntax error", pe.Msg)
		return
	}
	var bp *PosError
	if errors.As(err, &bp) {
		s.pr.fail(bp.Msg)
		s.report(name, st, bp.Line, bp.Col, bp.Msg)
		return
	}
	msg := errorText(err)
	s.pr.fail(msg)
	s.report(name, st, 1, 1, msg)
}

// fail reports a positioned failure: reason for the erlang printer, msg
// for stderr.
func (s *Shell) fail(name string, st Statement, line, col int, reason, msg string) {
	s.pr.fail(reason + ": " + msg)
	s.report(name, st, line, col, msg)
}

// report writes msg to stderr, positioned at line:col of the statement
// (1-based, relative to its text): as FILE:LINE:COL in scripts, as the
// position within the statement when interactive.
func (s *Shell) report(name string, st Statement, line, col int, msg string) {
	s.Flush()
	if s.cfg.Interactive {
		if line > 1 || col > 1 {
			fmt.Fprintf(s.errw, "error at %d:%d: %s\n", line, col, msg)
			showPosition(s.errw, st.Text, line, col)
		} else if strings.HasPrefix(msg, "**") {
			fmt.Fprintln(s.errw, msg)
		} else {
			fmt.Fprintf(s.errw, "error: %s\n", msg)
		}
		return
	}
	absLine, absCol := st.Line+line-1, col
	if line == 1 {
		absCol = st.Col + col - 1
	}
	fmt.Fprintf(s.errw, "%s:%d:%d: %s\n", name, absLine, absCol, msg)
}

// errorf writes an unpositioned message to stderr.
func (s *Shell) errorf(format string, args ...any) {
	s.Flush()
	fmt.Fprintf(s.errw, format+"\n", args...)
}

// showPosition shows line `line` of a statement with a caret under column
// col, as psql does:
//
//	LINE 1: SELECT nope FROM products;
//	               ^
func showPosition(w io.Writer, text string, line, col int) {
	lines := strings.Split(text, "\n")
	if line < 1 || line > len(lines) || col < 1 || col > len(lines[line-1])+1 {
		return
	}
	l := lines[line-1]
	prefix := fmt.Sprintf("LINE %d: ", line)
	// The caret goes under the col-th byte; tabs keep their width.
	pad := []byte(strings.Repeat(" ", len(prefix)))
	for i := 0; i < col-1; i++ {
		if l[i] == '\t' {
			pad = append(pad, '\t')
		} else if l[i] < 0x80 || l[i] >= 0xC0 { // one column per character
			pad = append(pad, ' ')
		}
	}
	fmt.Fprintf(w, "%s%s\n%s^\n", prefix, l, pad)
}
