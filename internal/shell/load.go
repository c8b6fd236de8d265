package shell

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/etsql/etsql/fixtures/northwind"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// loadBatch is how many rows are read between two progress reports.
const loadBatch = 8192

// progress reports the progress of slow work on a terminal: nothing for
// the first second, then a line rewritten in place every 200 ms.
type progress struct {
	w     io.Writer
	label string
	mu    sync.Mutex
	n     int64
	stop  chan struct{}
	done  sync.WaitGroup
	shown bool
	start time.Time
}

// startProgress starts reporting to w; a nil w reports nothing.
func startProgress(w io.Writer, label string) *progress {
	p := &progress{w: w, label: label, stop: make(chan struct{}), start: time.Now()}
	if w == nil {
		return p
	}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		delay := time.NewTimer(time.Second)
		defer delay.Stop()
		select {
		case <-p.stop:
			return
		case <-delay.C:
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			p.show()
			select {
			case <-p.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return p
}

// show rewrites the progress line: the rows done, or the time spent for
// work that does not count rows.
func (p *progress) show() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.n > 0 {
		fmt.Fprintf(p.w, "\r%s: %d rows\x1b[K", p.label, p.n)
	} else {
		fmt.Fprintf(p.w, "\r%s: %.0fs\x1b[K", p.label, time.Since(p.start).Seconds())
	}
	p.shown = true
}

func (p *progress) add(label string, n int) {
	p.mu.Lock()
	p.label = label
	p.n += int64(n)
	p.mu.Unlock()
}

// finish stops reporting and clears the line.
func (p *progress) finish() {
	close(p.stop)
	p.done.Wait()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

func (s *Shell) progressWriter() io.Writer {
	if s.cfg.Progress {
		return s.errw
	}
	return nil
}

// tableInfo finds an SQL table by name, ignoring case.
func (s *Shell) tableInfo(name string) (Table, bool) {
	for _, t := range s.be.Tables() {
		if strings.EqualFold(t.Name, name) {
			return t, true
		}
	}
	return Table{}, false
}

func (s *Shell) metaImport(ctx context.Context, _ string, _ Statement, args []string) error {
	if len(args) != 2 {
		return usage(".import")
	}
	n, err := s.Import(ctx, args[0], args[1])
	if err != nil {
		return err
	}
	if s.cfg.Interactive {
		fmt.Fprintf(s.errw, "imported %d rows into %s\n", n, args[1])
	}
	return nil
}

// Import loads the CSV file into the SQL table: a header row naming
// columns of the table (in any order; columns not named are NULL), then
// one row per record, an empty field being NULL. Every field is checked
// before anything is loaded; a bad one is an error naming file, line and
// column, and nothing is loaded.
//
// A table that does not exist is created first, as sqlite3 does: one TEXT
// column per field of the header row, no primary key (rows are keyed by a
// row id). If the import then fails, the table stays, empty.
func (s *Shell) Import(ctx context.Context, file, table string) (int, error) {
	f, err := os.Open(file)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	t, ok := s.tableInfo(table)
	if ok && t.View {
		return 0, fmt.Errorf("cannot modify %s because it is a view", t.Name)
	}
	if !ok {
		if t, err = s.createImportTable(ctx, file, table); err != nil {
			return 0, err
		}
	}
	prog := startProgress(s.progressWriter(), "importing "+file)
	defer prog.finish()
	rows, err := readImport(ctx, f, file, t, prog)
	if err != nil {
		return 0, err
	}
	if err := s.be.Load(ctx, t.Name, rows); err != nil {
		return 0, fmt.Errorf("%s: %w", file, err)
	}
	return len(rows), nil
}

// createImportTable creates a table for .import from the header row of
// file.
func (s *Shell) createImportTable(ctx context.Context, file, table string) (Table, error) {
	f, err := os.Open(file)
	if err != nil {
		return Table{}, err
	}
	defer f.Close()
	header, err := csv.NewReader(f).Read()
	if err != nil {
		if err == io.EOF {
			return Table{}, importError(file, 1, 1, "empty file, want a header row")
		}
		return Table{}, csvError(file, err)
	}
	cols := make([]string, len(header))
	for i, h := range header {
		cols[i] = parser.QuoteName(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))) + " TEXT"
	}
	create := "CREATE TABLE " + parser.QuoteName(table) + " (" + strings.Join(cols, ", ") + ")"
	if _, err := s.be.Exec(ctx, create); err != nil {
		return Table{}, fmt.Errorf("%s: %w", create, err)
	}
	t, ok := s.tableInfo(table)
	if !ok {
		return Table{}, fmt.Errorf("no such table: %s", table)
	}
	return t, nil
}

// ImportError is a bad field or record of a file given to .import. It
// unwraps to ErrImport.
type ImportError struct {
	File      string
	Line, Col int
	Msg       string
}

// Error returns "file:line:col: message".
func (e *ImportError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Unwrap returns ErrImport.
func (e *ImportError) Unwrap() error { return ErrImport }

func importError(file string, line, col int, format string, args ...any) error {
	return &ImportError{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// readImport reads and checks the CSV text of an import into full rows.
func readImport(ctx context.Context, r io.Reader, file string, t Table, prog *progress) ([][]any, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return nil, importError(file, 1, 1, "empty file, want a header row")
		}
		return nil, csvError(file, err)
	}
	pos := make([]int, len(header)) // table column of each field
	seen := map[int]bool{}
	for i, h := range header {
		pos[i] = -1
		for j, c := range t.Columns {
			if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), c.Name) {
				pos[i] = j
			}
		}
		_, col := cr.FieldPos(i)
		if pos[i] < 0 {
			return nil, importError(file, 1, col, "no column %q in table %s", h, t.Name)
		}
		if seen[pos[i]] {
			return nil, importError(file, 1, col, "column %q named twice", h)
		}
		seen[pos[i]] = true
	}
	var rows [][]any
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, csvError(file, err)
		}
		row := make([]any, len(t.Columns))
		for i, field := range rec {
			c := t.Columns[pos[i]]
			v, err := importValue(field, c.Type)
			if err != nil {
				line, col := cr.FieldPos(i)
				return nil, importError(file, line, col, "%s: %v", c.Name, err)
			}
			row[pos[i]] = v
		}
		rows = append(rows, row)
		if len(rows)%loadBatch == 0 {
			prog.add("importing "+file, loadBatch)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
	}
}

// csvError turns an encoding/csv error into FILE:LINE:COL form.
func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return importError(file, pe.Line, pe.Column, "%v", pe.Err)
	}
	return fmt.Errorf("%s: %w", file, err)
}

// importValue converts a CSV field to the value of a column: empty is
// NULL, a TERM column reads Erlang term text, others take the text as
// their type's conversions allow.
func importValue(field string, typ schema.Type) (any, error) {
	if field == "" {
		return nil, nil
	}
	if typ == schema.Term {
		return term.Parse(field)
	}
	v, err := typ.Coerce(term.BinaryString(field))
	if err != nil {
		return nil, err
	}
	return v, nil
}

// LoadNorthwind declares the Northwind schema and loads its data: the
// generated data set at scale when dir is "", else the CSV files of dir.
// Each table is loaded whole or not at all.
func (s *Shell) LoadNorthwind(ctx context.Context, dir string, scale int) error {
	for _, st := range splitAll(northwind.Schema()) {
		if _, err := s.be.Exec(ctx, st.Text); err != nil {
			return fmt.Errorf("northwind schema: %w", err)
		}
	}
	prog := startProgress(s.progressWriter(), "loading northwind")
	defer prog.finish()
	var (
		table string
		rows  [][]any
	)
	load := func() error {
		if len(rows) == 0 {
			return nil
		}
		err := s.be.Load(ctx, table, rows)
		rows = nil
		return err
	}
	emit := func(t string, row []any) error {
		if t != table {
			if err := load(); err != nil {
				return err
			}
			table = t
		}
		rows = append(rows, row)
		if len(rows)%loadBatch == 0 {
			prog.add("loading northwind "+t, loadBatch)
		}
		return nil
	}
	var err error
	if dir == "" {
		err = northwind.Generate(scale, emit)
	} else {
		err = northwind.ReadDir(dir, emit)
	}
	if err != nil {
		return err
	}
	return load()
}

// splitAll splits a whole script into statements.
func splitAll(text string) []Statement {
	sp := NewSplitter()
	stmts := sp.Feed(text)
	if st, ok := sp.Rest(); ok {
		stmts = append(stmts, st)
	}
	return stmts
}
