package sqlbackend

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/etsql/etsql"
	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/internal/shell"
	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/planner"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// Backend runs the shell's SQL on an etsql.DB, in one session, so that
// BEGIN typed at the prompt starts a transaction that COMMIT or ROLLBACK
// typed later ends.
type Backend struct {
	db   *etsql.DB
	conn *etsql.Conn
}

var _ shell.Backend = (*Backend)(nil)

// Open opens an empty in-memory database.
func Open() (*Backend, error) {
	db, err := etsql.Open()
	if err != nil {
		return nil, err
	}
	return &Backend{db: db, conn: db.Conn()}, nil
}

// DB returns the database.
func (b *Backend) DB() *etsql.DB { return b.db }

// Engine implements shell.Backend.
func (b *Backend) Engine() *engine.DB { return b.db.Engine() }

// Process implements shell.Backend.
func (b *Backend) Process() *engine.Process { return b.db.Process() }

// Exec implements shell.Backend.
func (b *Backend) Exec(ctx context.Context, sql string) (int64, error) {
	res, err := b.conn.ExecContext(ctx, sql)
	if err != nil {
		return 0, positioned(err)
	}
	return res.RowsAffected, nil
}

// Query implements shell.Backend.
func (b *Backend) Query(ctx context.Context, sql string) (shell.Rows, error) {
	rows, err := b.conn.QueryContext(ctx, sql)
	if err != nil {
		return nil, positioned(err)
	}
	cols := make([]shell.Column, len(rows.Columns()))
	for i, c := range rows.Columns() {
		cols[i] = shell.Column{Name: c.Name, Type: c.Type}
	}
	return &rowsAdapter{Rows: rows, cols: cols}, nil
}

type rowsAdapter struct {
	*etsql.Rows
	cols []shell.Column
}

func (r *rowsAdapter) Columns() []shell.Column { return r.cols }
func (r *rowsAdapter) Values() []term.Term     { return r.Terms() }

// positioned turns a planner error with a position into a *shell.PosError.
func positioned(err error) error {
	var pe *planner.Error
	if errors.As(err, &pe) && pe.Pos.Line > 0 {
		return &shell.PosError{Line: pe.Pos.Line, Col: pe.Pos.Column, Msg: pe.Msg, Err: err}
	}
	return err
}

// Load implements shell.Backend.
func (b *Backend) Load(_ context.Context, table string, rows [][]any) error {
	return b.db.InsertRows(table, rows)
}

// Tables implements shell.Backend: the tables, then the views, in name
// order; a table's CREATE statement is followed by those of its indexes
// and triggers; a view has its CREATE VIEW statement and no columns.
func (b *Backend) Tables() []shell.Table {
	names := b.db.Tables()
	slices.SortFunc(names, func(x, y string) int { return strings.Compare(strings.ToLower(x), strings.ToLower(y)) })
	out := make([]shell.Table, 0, len(names))
	for _, name := range names {
		t, ok := b.db.Table(name)
		if !ok {
			continue
		}
		var uniques [][]string
		var indexes []string
		for _, ix := range b.db.Indexes(name) {
			if strings.HasPrefix(ix.Name, "sqlite_autoindex_") {
				uniques = append(uniques, ix.Columns) // a UNIQUE constraint
			} else {
				indexes = append(indexes, "\n"+ix.SQL()+";")
			}
		}
		for _, tr := range b.db.Triggers() {
			if strings.EqualFold(tr.Table, t.Name()) {
				indexes = append(indexes, "\n"+tr.SQL+";")
			}
		}
		st := shell.Table{Name: t.Name(), Create: CreateStatement(t, uniques...) + strings.Join(indexes, "")}
		for _, c := range t.Columns() {
			st.Columns = append(st.Columns, shell.Column{Name: c.Name, Type: c.Type})
		}
		out = append(out, st)
	}
	for _, v := range b.db.Views() {
		out = append(out, shell.Table{Name: v.Name, Create: v.SQL + ";", View: true})
	}
	slices.SortFunc(out, func(x, y shell.Table) int { return strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)) })
	return out
}

// CreateStatement returns a CREATE TABLE statement declaring t, with a
// UNIQUE constraint on each of the column sets uniques.
func CreateStatement(t *schema.Table, uniques ...[]string) string {
	var b strings.Builder
	b.WriteString("CREATE TABLE " + parser.QuoteName(t.Name()) + " (\n")
	for i, c := range t.Columns() {
		b.WriteString("    " + parser.QuoteName(c.Name) + " " + c.Type.String())
		if c.NotNull {
			b.WriteString(" NOT NULL")
		}
		if c.Default.IsValid() && !schema.IsNull(c.Default) {
			b.WriteString(" DEFAULT " + literal(c.Default, c.Type))
		}
		if i < t.NumColumns()-1 || len(t.PrimaryKey()) > 0 || len(uniques) > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	if key := t.PrimaryKey(); len(key) > 0 {
		names := make([]string, len(key))
		for i, k := range key {
			names[i] = parser.QuoteName(t.Column(k).Name)
		}
		b.WriteString("    PRIMARY KEY (" + strings.Join(names, ", ") + ")")
		if len(uniques) > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	for i, cols := range uniques {
		quoted := make([]string, len(cols))
		for j, c := range cols {
			quoted[j] = parser.QuoteName(c)
		}
		b.WriteString("    UNIQUE (" + strings.Join(quoted, ", ") + ")")
		if i < len(uniques)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	opts := t.Options()
	b.WriteString(") WITH (type = " + opts.Type.String())
	if opts.Access != schema.Public {
		b.WriteString(", access = " + opts.Access.String())
	}
	b.WriteString(");")
	return b.String()
}

// literal writes a DEFAULT value as SQL.
func literal(v term.Term, typ schema.Type) string {
	switch {
	case v.IsBinary() && typ != schema.Blob:
		s, _ := v.BinaryValue()
		return parser.QuoteString(s)
	case typ == schema.Date:
		if s, ok := schema.FormatDate(v); ok {
			return "DATE " + parser.QuoteString(s)
		}
	case typ == schema.Timestamp:
		if s, ok := schema.FormatTimestamp(v); ok {
			return "TIMESTAMP " + parser.QuoteString(s)
		}
	case v.IsNumber(), v.IsBoolean():
		return term.Format(v)
	}
	return parser.QuoteString(term.Format(v))
}
