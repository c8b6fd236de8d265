package shell

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
	"github.com/olekukonko/tablewriter"
)

// Mode is an output mode.
type Mode uint8

// The output modes.
const (
	ModeTable  Mode = iota // aligned table, NULL shown as NULL, row count
	ModeCSV                // RFC 4180, header row, NULL as an empty field
	ModeJSON               // each result an array of objects
	ModeErlang             // one line per statement, in Erlang syntax
)

var modeNames = [...]string{ModeTable: "table", ModeCSV: "csv", ModeJSON: "json", ModeErlang: "erlang"}

func (m Mode) String() string { return modeNames[m] }

// ParseMode reads a mode name.
func ParseMode(name string) (Mode, error) {
	for m, n := range modeNames {
		if strings.EqualFold(name, n) {
			return Mode(m), nil
		}
	}
	return 0, fmt.Errorf("%w %q (want table, csv, json or erlang)", ErrUnknownMode, name)
}

// printer writes the results of statements in one mode. For a query the
// shell calls begin, row for each row, then end (or abort if the scan
// failed); for other statements exactly one of done, value or fail.
type printer interface {
	begin(cols []Column)
	row(vals []term.Term)
	end(n int)
	abort(err error) // the scan failed after begin
	done(kind stmtKind, n int64)
	value(t term.Term)
	fail(reason string)
	flush() // write out the rows so far (streaming modes)
}

// newPrinter returns the printer of mode m writing to w.
func newPrinter(m Mode, w *bufio.Writer, headers bool) printer {
	switch m {
	case ModeCSV:
		return &csvPrinter{w: w, headers: headers}
	case ModeJSON:
		return &jsonPrinter{w: w}
	case ModeErlang:
		return &erlangPrinter{w: w}
	}
	return &tablePrinter{w: w, headers: headers}
}

// A query's output is flushed every flushRows rows and every flushDelay,
// so that the first rows of a slow scan show at once.
const (
	flushRows  = 256
	flushDelay = 100 * time.Millisecond
)

// text renders a value as table and CSV modes show it; null is what NULL
// becomes.
func text(v term.Term, typ schema.Type, null string) string {
	if schema.IsNull(v) && typ != schema.Term {
		return null
	}
	switch {
	case v.IsBinary():
		if s, _ := v.BinaryValue(); utf8.ValidString(s) && typ != schema.Blob {
			return s
		}
	case typ == schema.Date:
		if s, ok := schema.FormatDate(v); ok {
			return s
		}
	case typ == schema.Timestamp:
		if s, ok := schema.FormatTimestamp(v); ok {
			return s
		}
	case v.IsFloat() && typ != schema.Term:
		f, _ := v.Float64()
		return sqliteFloat(f)
	case v.IsAtomNamed("true"), v.IsAtomNamed("false"):
		if typ == schema.Bool {
			n, _ := v.AtomName()
			return n
		}
	}
	return term.Format(v)
}

// ---- table ----

type tablePrinter struct {
	w       *bufio.Writer
	headers bool
	cols    []Column
	rows    [][]string
}

func (p *tablePrinter) begin(cols []Column) { p.cols, p.rows = cols, nil }

func (p *tablePrinter) row(vals []term.Term) {
	r := make([]string, len(vals))
	for i, v := range vals {
		r[i] = text(v, p.cols[i].Type, "NULL")
	}
	p.rows = append(p.rows, r)
}

func (p *tablePrinter) end(n int) {
	if len(p.cols) > 0 {
		tw := tablewriter.NewWriter(p.w)
		if p.headers {
			names := make([]string, len(p.cols))
			for i, c := range p.cols {
				names[i] = c.Name
			}
			tw.SetHeader(names)
			tw.SetAutoFormatHeaders(false)
			tw.SetHeaderAlignment(tablewriter.ALIGN_LEFT)
		}
		tw.SetAutoWrapText(false)
		tw.SetAlignment(tablewriter.ALIGN_LEFT)
		aligns := make([]int, len(p.cols))
		for i, c := range p.cols {
			if c.Type == schema.Int || c.Type == schema.Float {
				aligns[i] = tablewriter.ALIGN_RIGHT
			} else {
				aligns[i] = tablewriter.ALIGN_LEFT
			}
		}
		tw.SetColumnAlignment(aligns)
		tw.AppendBulk(p.rows)
		tw.Render()
	}
	if n == 1 {
		fmt.Fprintln(p.w, "(1 row)")
	} else {
		fmt.Fprintf(p.w, "(%d rows)\n", n)
	}
	p.rows = nil
}

func (p *tablePrinter) abort(error) { p.rows = nil }
func (p *tablePrinter) flush()      {} // a table is drawn at the end

func (p *tablePrinter) done(kind stmtKind, n int64) {
	if kind.dml {
		fmt.Fprintf(p.w, "%s %d\n", kind.tag, n)
	} else {
		fmt.Fprintln(p.w, kind.tag)
	}
}

func (p *tablePrinter) value(t term.Term) { fmt.Fprintln(p.w, pretty(t)) }
func (p *tablePrinter) fail(string)       {}

// ---- csv ----

type csvPrinter struct {
	w       *bufio.Writer
	headers bool
	cols    []Column
	n       int
}

func (p *csvPrinter) begin(cols []Column) { p.cols, p.n = cols, 0 }

func (p *csvPrinter) header() {
	if !p.headers {
		return
	}
	names := make([]string, len(p.cols))
	for i, c := range p.cols {
		names[i] = c.Name
	}
	p.record(names)
}

func (p *csvPrinter) row(vals []term.Term) {
	if p.n == 0 {
		p.header()
	}
	for i, v := range vals {
		if i > 0 {
			p.w.WriteByte(',')
		}
		if schema.IsNull(v) && p.cols[i].Type != schema.Term {
			continue // NULL is an empty field, "" an empty string
		}
		p.w.WriteString(csvField(text(v, p.cols[i].Type, "")))
	}
	p.w.WriteString("\r\n")
	p.n++
}

// record writes one line of fields as the sqlite3 shell does in CSV mode
// (see csvField), ended by CRLF.
func (p *csvPrinter) record(fields []string) {
	for i, f := range fields {
		if i > 0 {
			p.w.WriteByte(',')
		}
		p.w.WriteString(csvField(f))
	}
	p.w.WriteString("\r\n")
}

func (p *csvPrinter) flush() {}

func (p *csvPrinter) end(int)              {}
func (p *csvPrinter) abort(error)          {}
func (p *csvPrinter) done(stmtKind, int64) {}
func (p *csvPrinter) fail(string)          {}

func (p *csvPrinter) value(t term.Term) {
	if p.headers {
		p.record([]string{"result"})
	}
	p.record([]string{term.Format(t)})
}

// ---- json ----

type jsonPrinter struct {
	w    *bufio.Writer
	cols []Column
	keys []string // the column names as JSON strings
	n    int
}

func (p *jsonPrinter) begin(cols []Column) {
	p.cols, p.n = cols, 0
	p.keys = make([]string, len(cols))
	for i, c := range cols {
		p.keys[i] = jsonString(c.Name)
	}
}

func (p *jsonPrinter) row(vals []term.Term) {
	if p.n == 0 {
		p.w.WriteString("[")
	} else {
		p.w.WriteString(",")
	}
	p.w.WriteString("\n{")
	for i, v := range vals {
		if i > 0 {
			p.w.WriteString(",")
		}
		p.w.WriteString(p.keys[i])
		p.w.WriteString(":")
		p.w.WriteString(jsonValue(v, p.cols[i].Type))
	}
	p.w.WriteString("}")
	p.n++
}

func (p *jsonPrinter) flush() {}

func (p *jsonPrinter) end(int) {
	if p.n > 0 {
		p.w.WriteString("\n]\n")
	}
}

func (p *jsonPrinter) abort(error) { p.end(0) }

func (p *jsonPrinter) done(stmtKind, int64) {}
func (p *jsonPrinter) fail(string)          {}

func (p *jsonPrinter) value(t term.Term) {
	fmt.Fprintf(p.w, "[{\"result\":%s}]\n", jsonString(term.Format(t)))
}

func jsonString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// jsonValue renders a value as JSON: numbers, strings, booleans and null;
// other terms as their Erlang text in a string.
func jsonValue(v term.Term, typ schema.Type) string {
	switch {
	case schema.IsNull(v) && typ != schema.Term:
		return "null"
	case v.IsInteger():
		return term.Format(v)
	case v.IsFloat():
		f, _ := v.Float64()
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return jsonString(sqliteFloat(f)) // JSON has no Inf
		}
		return strconv.FormatFloat(f, 'g', -1, 64)
	case typ == schema.Bool && (v.IsAtomNamed("true") || v.IsAtomNamed("false")):
		n, _ := v.AtomName()
		return n
	}
	return jsonString(text(v, typ, ""))
}

// ---- erlang ----

type erlangPrinter struct {
	w *bufio.Writer
	n int
}

func (p *erlangPrinter) begin([]Column) { p.n = 0; p.w.WriteString("[") }

func (p *erlangPrinter) row(vals []term.Term) {
	if p.n > 0 {
		p.w.WriteString(",")
	}
	p.w.WriteString(term.Format(term.Tuple(vals...)))
	p.n++
}

func (p *erlangPrinter) flush() {}

func (p *erlangPrinter) end(int) { p.w.WriteString("]\n") }

// abort ends the line of a query that failed after its rows began: the
// list is closed and the exception follows on the same line, so lines
// still pair with statements.
func (p *erlangPrinter) abort(err error) {
	p.w.WriteString("] ** exception error: " + oneLine(err.Error()) + "\n")
}

func (p *erlangPrinter) done(kind stmtKind, n int64) {
	if kind.dml {
		fmt.Fprintf(p.w, "{ok,%d}\n", n)
	} else {
		p.w.WriteString("ok\n")
	}
}

func (p *erlangPrinter) value(t term.Term) { p.w.WriteString(term.Format(t) + "\n") }

func (p *erlangPrinter) fail(reason string) {
	p.w.WriteString("** exception error: " + oneLine(reason) + "\n")
}

// oneLine folds a message onto one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
