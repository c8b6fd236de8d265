package planner

import (
	"fmt"
	"slices"
	"strings"

	"github.com/etsql/etsql/parser"
)

// View is a catalog entry made by CREATE VIEW: a named SELECT, planned
// afresh wherever FROM names it, so it sees the rows of its tables as
// they are then (nothing is materialized).
type View struct {
	Name string // as declared
	// SQL is the CREATE VIEW statement as written; its SELECT's result
	// columns are named after this text, as SQLite names them.
	SQL string
}

// ViewCatalog is what a Catalog implements to run CREATE and DROP VIEW;
// without it those statements are ErrUnsupported. Views share the
// namespace of tables: CreateView of a table's name fails as CreateTable
// of a view's name does (ErrTableExists).
type ViewCatalog interface {
	View(name string) (*View, bool)
	CreateView(v *View, ifNotExists bool) error
	DropView(name string, ifExists bool) error
}

// maxViewDepth caps views expanded within views.
const maxViewDepth = 64

// view returns the view name (any case) when the catalog has one.
func (p *planner) view(name parser.Name) (*View, bool) {
	vc, ok := p.cat.(ViewCatalog)
	if !ok {
		return nil, false
	}
	return vc.View(string(name))
}

// notAView is the error of writing to or indexing a view, nil when name
// is not one.
func (p *planner) notAView(name parser.Name, pos parser.Node, msg string) error {
	if _, ok := p.view(name); ok {
		return errorf(ErrMisuse, pos.Position(), "%s", msg)
	}
	return nil
}

func (p *planner) planCreateView(st *Statement, s *parser.CreateViewStmt) error {
	vc, ok := p.cat.(ViewCatalog)
	if !ok {
		return errorf(ErrUnsupported, s.Pos, "CREATE VIEW is not supported by this catalog")
	}
	if strings.HasPrefix(strings.ToLower(string(s.Name)), "sqlite_") {
		return errorf(ErrMisuse, s.Pos, "object name reserved for internal use: %s", s.Name)
	}
	if parser.NumInput(s.Select) > 0 {
		return errorf(ErrMisuse, s.Pos, "parameters are not allowed in views")
	}
	v := &View{Name: string(s.Name), SQL: statementText(p.sql, s.Pos.Offset)}
	st.exec = func(*evalCtx) (*Result, error) {
		return &Result{}, vc.CreateView(v, s.IfNotExists)
	}
	st.describe = func(explainOpts) []string { return []string{"create view " + v.Name} }
	return nil
}

func (p *planner) planDropView(st *Statement, s *parser.DropViewStmt) error {
	vc, ok := p.cat.(ViewCatalog)
	if !ok {
		return errorf(ErrUnsupported, s.Pos, "DROP VIEW is not supported by this catalog")
	}
	st.exec = func(*evalCtx) (*Result, error) {
		return &Result{}, vc.DropView(string(s.Name), s.IfExists)
	}
	st.describe = func(explainOpts) []string { return []string{"drop view " + string(s.Name)} }
	return nil
}

// planView plans the SELECT of view v, named in FROM at src, and returns
// it with its columns named as SQLite names a view's: after the column
// list, if the view has one, else after the SELECT's result columns, a
// repeated name getting a ":N" suffix (a, a:1).
func (p *planner) planView(v *View, src *parser.TableName) (*selectPlan, []string, error) {
	if slices.ContainsFunc(p.views, func(n string) bool { return strings.EqualFold(n, v.Name) }) {
		return nil, nil, errorf(ErrMisuse, src.Pos, "view %s is circularly defined", v.Name)
	}
	if len(p.views) >= maxViewDepth {
		return nil, nil, errorf(ErrMisuse, src.Pos, "views nested too deeply")
	}
	stmt, err := parser.Parse(v.SQL)
	if err != nil {
		return nil, nil, fmt.Errorf("view %s: %w", v.Name, err)
	}
	def, ok := stmt.(*parser.CreateViewStmt)
	if !ok {
		return nil, nil, errorf(ErrMisuse, src.Pos, "view %s: not a CREATE VIEW statement", v.Name)
	}
	outerSQL, outerBound := p.sql, p.bound
	p.sql, p.bound = v.SQL, nil
	p.views = append(p.views, v.Name)
	sub, err := p.planSelect(def.Select, nil)
	p.sql, p.bound = outerSQL, outerBound
	p.views = p.views[:len(p.views)-1]
	if err != nil {
		return nil, nil, err
	}
	if len(def.Columns) > 0 {
		if len(def.Columns) != len(sub.cols) {
			return nil, nil, errorf(ErrMisuse, src.Pos, "expected %d columns for '%s' but got %d", len(def.Columns), v.Name, len(sub.cols))
		}
		names := make([]string, len(def.Columns))
		for i, c := range def.Columns {
			names[i] = string(c)
		}
		return sub, names, nil
	}
	names := make([]string, len(sub.cols))
	for i, c := range sub.cols {
		names[i] = c.Name
	}
	return sub, uniqueNames(names), nil
}

// uniqueNames gives each name repeated (in any case) a ":N" suffix, N
// counting from 1, as SQLite names a subquery's columns.
func uniqueNames(names []string) []string {
	seen := map[string]bool{}
	out := make([]string, len(names))
	for i, n := range names {
		name := n
		for k := 1; seen[strings.ToLower(name)]; k++ {
			name = fmt.Sprintf("%s:%d", n, k)
		}
		seen[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

// statementText returns the statement of sql starting at offset: up to
// its ";" or the end, outside quotes and comments, without the space and
// comments that end it.
func statementText(sql string, offset int) string {
	if offset < 0 || offset > len(sql) {
		return ""
	}
	i, last := offset, offset
	for i < len(sql) && sql[i] != ';' {
		ch := sql[i]
		switch {
		case ch == '\'' || ch == '"' || ch == '`' || ch == '[':
			closer := ch
			if ch == '[' {
				closer = ']'
			}
			j := strings.IndexByte(sql[i+1:], closer)
			if j < 0 {
				return sql[offset:]
			}
			i += j + 2 // a doubled quote reads as two quoted strings: same end
			last = i
		case strings.HasPrefix(sql[i:], "--"):
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				i = len(sql)
			} else {
				i += j
			}
		case strings.HasPrefix(sql[i:], "/*"):
			j := strings.Index(sql[i+2:], "*/")
			if j < 0 {
				i = len(sql)
			} else {
				i += j + 4
			}
		default:
			i++
			if !strings.ContainsRune(" \t\r\n", rune(ch)) {
				last = i
			}
		}
	}
	return sql[offset:last]
}
