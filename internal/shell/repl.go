package shell

import (
	"context"
	"errors"
	"io"
	"os"
	"os/signal"
	"slices"
	"sort"
	"strings"

	"github.com/chzyer/readline"
)

// The REPL's prompts.
const (
	Prompt             = "etsql> "
	ContinuationPrompt = "   ...> "
)

// REPL reads statements from the terminal with line editing, history
// (kept in historyFile, "" for none) and completion, and runs them until
// .quit or Ctrl-D. Ctrl-C abandons the statement being typed, or stops
// the one running.
func (s *Shell) REPL(ctx context.Context, historyFile string) error {
	rl, err := readline.NewEx(&readline.Config{
		Prompt:                 Prompt,
		HistoryFile:            historyFile,
		HistoryLimit:           5000,
		DisableAutoSaveHistory: true,
		HistorySearchFold:      true,
		AutoComplete:           &completer{s: s},
		InterruptPrompt:        "^C",
		Stdout:                 s.cfg.Stdout,
		Stderr:                 s.cfg.Stderr,
	})
	if err != nil {
		return err
	}
	defer rl.Close()
	sp := NewSplitter()
	var typed []string // the lines of the statement being typed
	for !s.quit {
		if sp.Pending() {
			rl.SetPrompt(ContinuationPrompt)
		} else {
			rl.SetPrompt(Prompt)
		}
		line, err := rl.Readline()
		if errors.Is(err, readline.ErrInterrupt) {
			sp.Reset()
			typed = nil
			continue
		}
		if err != nil { // io.EOF: Ctrl-D
			if err == io.EOF {
				return nil
			}
			return err
		}
		typed = append(typed, line)
		stmts := sp.Feed(line + "\n")
		if !sp.Pending() {
			if h := strings.TrimSpace(strings.Join(typed, " ")); h != "" {
				_ = rl.SaveHistory(h)
			}
			typed = nil
		}
		for _, st := range stmts {
			s.runInterruptible(ctx, st)
			if s.quit {
				break
			}
		}
	}
	return nil
}

// runInterruptible runs a statement with a context Ctrl-C (SIGINT)
// cancels.
func (s *Shell) runInterruptible(ctx context.Context, st Statement) {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	s.Exec(ctx, "<stdin>", st)
}

// sqlKeywords are completed at the prompt, with table and column names.
var sqlKeywords = strings.Fields(`SELECT FROM WHERE AND OR NOT IN IS NULL LIKE BETWEEN
	INSERT INTO VALUES UPDATE SET DELETE CREATE TABLE DROP IF EXISTS PRIMARY KEY
	DEFAULT UNIQUE ORDER BY ASC DESC NULLS FIRST LAST GROUP HAVING LIMIT OFFSET
	DISTINCT ALL AS JOIN INNER LEFT OUTER CROSS ON UNION INTERSECT EXCEPT CASE WHEN
	THEN ELSE END CAST EXPLAIN ANALYZE FORMAT WITH BEGIN COMMIT ROLLBACK TRUE FALSE
	COUNT SUM AVG MIN MAX COALESCE INT INTEGER TEXT FLOAT BOOL DATE TIMESTAMP BLOB TERM`)

// completer completes keywords, table and column names, ets function
// names after "ets:", and meta commands at the start of a line.
type completer struct{ s *Shell }

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Do implements readline.AutoCompleter.
func (c *completer) Do(line []rune, pos int) ([][]rune, int) {
	text := string(line[:pos])
	i := len(text)
	for i > 0 && isWordByte(text[i-1]) {
		i--
	}
	word := text[i:]
	var cands []string
	end := " "
	trimmed := strings.TrimLeft(text, " \t")
	isMeta := strings.HasPrefix(trimmed, ".") || strings.HasPrefix(trimmed, `\`)
	switch before := text[:i]; {
	case isMeta && !strings.ContainsAny(trimmed, " \t"):
		word = trimmed
		cands = MetaNames()
	case strings.HasSuffix(strings.TrimRight(before, " "), "ets:"):
		cands, end = Functions(), "("
	case isMeta: // .schema t, .import f t
		cands = c.tableNames()
	case strings.HasSuffix(before, "."): // table.column
		cands = c.columnNames()
	default:
		cands = append(c.keywords(word), c.tableNames()...)
		cands = append(cands, c.columnNames()...)
		cands = append(cands, "ets")
	}
	return completions(word, cands, end), len([]rune(word))
}

// keywords returns the keywords in the case the user is typing in.
func (c *completer) keywords(word string) []string {
	if word == strings.ToUpper(word) && word != "" {
		return sqlKeywords
	}
	out := make([]string, len(sqlKeywords))
	for i, k := range sqlKeywords {
		out[i] = strings.ToLower(k)
	}
	return out
}

func (c *completer) tableNames() []string {
	var out []string
	for _, t := range c.s.be.Tables() {
		out = append(out, t.Name)
	}
	return out
}

func (c *completer) columnNames() []string {
	var out []string
	for _, t := range c.s.be.Tables() {
		for _, col := range t.Columns {
			out = append(out, col.Name)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// completions returns the rest of each candidate starting with word
// (case-insensitively), followed by end, sorted and without duplicates.
func completions(word string, cands []string, end string) [][]rune {
	var rest []string
	for _, c := range cands {
		if len(c) >= len(word) && strings.EqualFold(c[:len(word)], word) {
			rest = append(rest, c[len(word):]+end)
		}
	}
	sort.Strings(rest)
	rest = slices.Compact(rest)
	out := make([][]rune, len(rest))
	for i, r := range rest {
		out[i] = []rune(r)
	}
	return out
}
