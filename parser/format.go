package parser

import (
	"strings"
)

// Format prints node as canonical SQL: upper-case keywords, single
// spaces, "AS" before every alias, identifiers quoted only when needed,
// and the fewest parentheses that keep the tree's shape. Parsing the
// output gives the same tree (positions aside). A nil node prints as "".
func Format(node Node) string {
	var f formatter
	f.node(node)
	return f.b.String()
}

type formatter struct {
	b strings.Builder
}

func (f *formatter) s(parts ...string) {
	for _, p := range parts {
		f.b.WriteString(p)
	}
}

func (f *formatter) name(n Name) { f.s(QuoteName(string(n))) }

// QuoteName returns name as SQL: bare when it lexes as one identifier and
// is not reserved, else in double quotes with inner quotes doubled.
func QuoteName(name string) string {
	if isWord(name) && !isKeyword(name) {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QuoteString returns s as an SQL string literal: in single quotes, inner
// quotes doubled.
func QuoteString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func (f *formatter) names(ns []Name) {
	for i, n := range ns {
		if i > 0 {
			f.s(", ")
		}
		f.name(n)
	}
}

func (f *formatter) exprs(es []Expr) {
	for i, e := range es {
		if i > 0 {
			f.s(", ")
		}
		f.expr(e, precOr)
	}
}

func (f *formatter) alias(a Name) {
	if a != "" {
		f.s(" AS ")
		f.name(a)
	}
}

func (f *formatter) node(node Node) {
	switch n := node.(type) {
	case nil:
	case Expr:
		f.expr(n, precOr)
	case *SelectStmt:
		f.selectStmt(n)
	case *SelectCore:
		f.selectCore(n)
	case *InsertStmt:
		f.insert(n)
	case *UpdateStmt:
		f.update(n)
	case *DeleteStmt:
		f.s("DELETE FROM ")
		f.name(n.Table)
		f.where(n.Where)
		f.returning(n.Returning)
	case *CreateTableStmt:
		f.createTable(n)
	case *DropTableStmt:
		f.s("DROP TABLE ")
		if n.IfExists {
			f.s("IF EXISTS ")
		}
		f.name(n.Name)
	case *CreateIndexStmt:
		f.createIndex(n)
	case *AlterTableStmt:
		f.s("ALTER TABLE ")
		f.name(n.Table)
		switch a := n.Action.(type) {
		case *AddColumn:
			f.s(" ADD COLUMN ")
			f.columnDef(a.Column)
		case *DropColumn:
			f.s(" DROP COLUMN ")
			f.name(a.Column)
		case *Rename:
			f.s(" RENAME ")
			if a.Column != "" {
				f.s("COLUMN ")
				if strings.EqualFold(string(a.Column), "TO") {
					f.s(`"` + string(a.Column) + `"`) // bare, it would read as the TO
				} else {
					f.name(a.Column)
				}
				f.s(" ")
			}
			f.s("TO ")
			f.name(a.To)
		}
	case *CreateViewStmt:
		f.createView(n)
	case *CreateTriggerStmt:
		f.createTrigger(n)
	case *DropTriggerStmt:
		f.s("DROP TRIGGER ")
		if n.IfExists {
			f.s("IF EXISTS ")
		}
		f.name(n.Name)
	case *DropViewStmt:
		f.s("DROP VIEW ")
		if n.IfExists {
			f.s("IF EXISTS ")
		}
		f.name(n.Name)
	case *ReindexStmt:
		f.s("REINDEX")
		if n.Name != "" {
			f.s(" ")
			f.name(n.Name)
		}
	case *DropIndexStmt:
		f.s("DROP INDEX ")
		if n.IfExists {
			f.s("IF EXISTS ")
		}
		f.name(n.Name)
	case *ExplainStmt:
		f.explain(n)
	case *TransactionStmt:
		f.s(n.Op.String())
	default:
		f.part(node)
	}
}

// part prints the nodes that are pieces of statements.
func (f *formatter) part(node Node) {
	switch n := node.(type) {
	case *StarColumn:
		if n.Table != "" {
			f.name(n.Table)
			f.s(".")
		}
		f.s("*")
	case *ExprColumn:
		f.expr(n.Expr, precOr)
		f.alias(n.Alias)
	case *FromClause:
		f.from(n)
	case *TableName:
		f.name(n.Name)
		f.alias(n.Alias)
		if n.NotIndexed {
			f.s(" NOT INDEXED")
		}
	case *SubquerySource:
		f.s("(")
		f.selectStmt(n.Select)
		f.s(")")
		f.alias(n.Alias)
	case *OrderingTerm:
		f.orderingTerm(n)
	case *Limit:
		f.limit(n)
	case *TypeName:
		f.typeName(n)
	case *ColumnDef:
		f.columnDef(n)
	case *PrimaryKeyDef:
		f.s("PRIMARY KEY (")
		f.names(n.Columns)
		f.s(")")
	case *UniqueDef:
		f.s("UNIQUE (")
		f.names(n.Columns)
		f.s(")")
	case *Values:
		f.values(n)
	}
}

func (f *formatter) selectStmt(s *SelectStmt) {
	f.selectCore(s.Core)
	for _, c := range s.Compound {
		f.s(" ", c.Op.String(), " ")
		f.selectCore(c.Select)
	}
	if len(s.OrderBy) > 0 {
		f.s(" ORDER BY ")
		for i, o := range s.OrderBy {
			if i > 0 {
				f.s(", ")
			}
			f.orderingTerm(o)
		}
	}
	if s.Limit != nil {
		f.s(" ")
		f.limit(s.Limit)
	}
}

func (f *formatter) selectCore(c *SelectCore) {
	f.s("SELECT ")
	if c.Distinct {
		f.s("DISTINCT ")
	}
	for i, col := range c.Columns {
		if i > 0 {
			f.s(", ")
		}
		f.part(col)
	}
	if c.From != nil {
		f.s(" FROM ")
		f.from(c.From)
	}
	f.where(c.Where)
	if len(c.GroupBy) > 0 {
		f.s(" GROUP BY ")
		f.exprs(c.GroupBy)
	}
	if c.Having != nil {
		f.s(" HAVING ")
		f.expr(c.Having, precOr)
	}
}

func (f *formatter) where(e Expr) {
	if e != nil {
		f.s(" WHERE ")
		f.expr(e, precOr)
	}
}

func (f *formatter) from(c *FromClause) {
	f.part(c.Table)
	for _, j := range c.Joins {
		if j.Kind == JoinComma {
			f.s(", ")
		} else {
			f.s(" ", j.Kind.String(), " ")
		}
		f.part(j.Table)
		if j.On != nil {
			f.s(" ON ")
			f.expr(j.On, precOr)
		}
	}
}

func (f *formatter) orderingTerm(o *OrderingTerm) {
	f.expr(o.Expr, precOr)
	if o.Desc {
		f.s(" DESC")
	}
	if o.Nulls != NullsDefault {
		f.s(" ", o.Nulls.String())
	}
}

// limit prints "LIMIT n OFFSET m", or "LIMIT m, n" when the tree came
// from that form (the offset comes first in the text): reordering would
// renumber the placeholders in "LIMIT ?, ?".
func (f *formatter) limit(l *Limit) {
	f.s("LIMIT ")
	if l.Offset != nil && l.Offset.Position().Offset < l.Count.Position().Offset {
		f.expr(l.Offset, precOr)
		f.s(", ")
		f.expr(l.Count, precOr)
		return
	}
	f.expr(l.Count, precOr)
	if l.Offset != nil {
		f.s(" OFFSET ")
		f.expr(l.Offset, precOr)
	}
}

func (f *formatter) insert(s *InsertStmt) {
	f.s("INSERT ")
	if s.Or != 0 {
		f.s("OR ", s.Or.String(), " ")
	}
	f.s("INTO ")
	f.name(s.Table)
	if len(s.Columns) > 0 {
		f.s(" (")
		f.names(s.Columns)
		f.s(")")
	}
	f.s(" ")
	switch src := s.Source.(type) {
	case *Values:
		f.values(src)
	case *SelectStmt:
		f.selectStmt(src)
	}
	for _, u := range s.Upsert {
		f.upsert(u)
	}
	f.returning(s.Returning)
}

func (f *formatter) upsert(u *UpsertClause) {
	f.s(" ON CONFLICT")
	if len(u.Target) > 0 {
		f.s(" (")
		for i, c := range u.Target {
			if i > 0 {
				f.s(", ")
			}
			f.name(c.Name)
			if c.Desc {
				f.s(" DESC")
			}
		}
		f.s(")")
		f.where(u.TargetWhere)
	}
	if u.Nothing {
		f.s(" DO NOTHING")
		return
	}
	f.s(" DO UPDATE SET ")
	f.assignments(u.Set)
	f.where(u.Where)
}

func (f *formatter) assignments(as []*Assignment) {
	for i, a := range as {
		if i > 0 {
			f.s(", ")
		}
		f.name(a.Column)
		f.s(" = ")
		f.expr(a.Value, precOr)
	}
}

func (f *formatter) returning(cols []ResultColumn) {
	if len(cols) == 0 {
		return
	}
	f.s(" RETURNING ")
	for i, c := range cols {
		if i > 0 {
			f.s(", ")
		}
		f.part(c)
	}
}

func (f *formatter) values(v *Values) {
	f.s("VALUES ")
	for i, r := range v.Rows {
		if i > 0 {
			f.s(", ")
		}
		f.s("(")
		f.exprs(r.Exprs)
		f.s(")")
	}
}

func (f *formatter) update(s *UpdateStmt) {
	f.s("UPDATE ")
	f.name(s.Table)
	f.s(" SET ")
	f.assignments(s.Set)
	f.where(s.Where)
	f.returning(s.Returning)
}

func (f *formatter) createTable(s *CreateTableStmt) {
	f.s("CREATE TABLE ")
	if s.IfNotExists {
		f.s("IF NOT EXISTS ")
	}
	f.name(s.Name)
	if s.AsSelect != nil {
		f.s(" AS ")
		f.node(s.AsSelect)
		return
	}
	f.s(" (")
	for i, e := range s.Elements {
		if i > 0 {
			f.s(", ")
		}
		f.part(e)
	}
	f.s(")")
	if len(s.Options) > 0 {
		f.s(" WITH (")
		for i, o := range s.Options {
			if i > 0 {
				f.s(", ")
			}
			f.name(o.Name)
			f.s(" = ", o.Value)
		}
		f.s(")")
	}
}

func (f *formatter) createTrigger(s *CreateTriggerStmt) {
	f.s("CREATE ")
	if s.Temp {
		f.s("TEMP ")
	}
	f.s("TRIGGER ")
	if s.IfNotExists {
		f.s("IF NOT EXISTS ")
	}
	f.name(s.Name)
	f.s(" ", s.Timing.String(), " ", s.Event.String())
	if len(s.Columns) > 0 {
		f.s(" OF ")
		f.names(s.Columns)
	}
	f.s(" ON ")
	f.name(s.Table)
	if s.ForEachRow {
		f.s(" FOR EACH ROW")
	}
	if s.When != nil {
		f.s(" WHEN ")
		f.expr(s.When, precOr)
	}
	f.s(" BEGIN")
	for _, b := range s.Body {
		f.s(" ")
		f.node(b)
		f.s(";")
	}
	f.s(" END")
}

func (f *formatter) createView(s *CreateViewStmt) {
	f.s("CREATE ")
	if s.Temp {
		f.s("TEMP ")
	}
	f.s("VIEW ")
	if s.IfNotExists {
		f.s("IF NOT EXISTS ")
	}
	f.name(s.Name)
	if len(s.Columns) > 0 {
		f.s(" (")
		for i, c := range s.Columns {
			if i > 0 {
				f.s(", ")
			}
			f.name(c)
		}
		f.s(")")
	}
	f.s(" AS ")
	f.node(s.Select)
}

func (f *formatter) createIndex(s *CreateIndexStmt) {
	f.s("CREATE ")
	if s.Unique {
		f.s("UNIQUE ")
	}
	f.s("INDEX ")
	if s.IfNotExists {
		f.s("IF NOT EXISTS ")
	}
	f.name(s.Name)
	f.s(" ON ")
	f.name(s.Table)
	f.s(" (")
	for i, c := range s.Columns {
		if i > 0 {
			f.s(", ")
		}
		f.name(c.Name)
		if c.Desc {
			f.s(" DESC")
		}
	}
	f.s(")")
}

func (f *formatter) columnDef(c *ColumnDef) {
	f.name(c.Name)
	if c.Type != nil {
		f.s(" ")
		f.typeName(c.Type)
	}
	for _, k := range c.Constraints {
		switch {
		case k.NotNull:
			f.s(" NOT NULL")
		case k.Null:
			f.s(" NULL")
		case k.PrimaryKey:
			f.s(" PRIMARY KEY")
		case k.AutoIncrement:
			f.s(" AUTOINCREMENT")
		case k.Unique:
			f.s(" UNIQUE")
		case k.Default != nil:
			f.s(" DEFAULT ")
			f.expr(k.Default, precOr)
		}
	}
}

func (f *formatter) typeName(t *TypeName) {
	f.s(t.Name)
	if len(t.Params) > 0 {
		f.s("(", strings.Join(t.Params, ", "), ")")
	}
}

func (f *formatter) explain(s *ExplainStmt) {
	f.s("EXPLAIN ")
	switch {
	case len(s.Options) == 1 && s.Options[0].Analyze:
		f.s("ANALYZE ")
	case len(s.Options) > 0:
		f.s("(")
		for i, o := range s.Options {
			if i > 0 {
				f.s(", ")
			}
			if o.Analyze {
				f.s("ANALYZE")
			} else {
				f.s("FORMAT ", o.Format)
			}
		}
		f.s(") ")
	}
	f.node(s.Stmt)
}

// precedence is how tightly e binds, for parenthesizing.
func precedence(e Expr) int {
	switch e := e.(type) {
	case *BinaryExpr:
		return e.Op.Precedence()
	case *UnaryExpr:
		if e.Op == OpNot {
			return precNot
		}
		return precUnary
	case *InListExpr, *InSubqueryExpr, *BetweenExpr, *LikeExpr, *IsNullExpr, *IsBoolExpr:
		return precEq
	}
	return precPrimary
}

// expr prints e, in parentheses if it binds more loosely than minPrec.
func (f *formatter) expr(e Expr, minPrec int) {
	if precedence(e) < minPrec {
		f.s("(")
		defer f.s(")")
	}
	switch e := e.(type) {
	case *IntegerLit:
		f.s(e.Text)
	case *FloatLit:
		f.s(e.Text)
	case *StringLit:
		f.s(QuoteString(e.Value))
	case *BoolLit:
		f.s(boolWord(e.Value))
	case *NullLit:
		f.s("NULL")
	case *TypedLit:
		f.s(e.Type, " ", QuoteString(e.Value))
	case *ColumnRef:
		if e.Table != "" {
			f.name(e.Table)
			f.s(".")
		}
		f.name(e.Column)
	case *Placeholder:
		f.s(e.Text)
	case *UnaryExpr:
		f.unary(e)
	case *BinaryExpr:
		f.binary(e)
	default:
		f.special(e)
	}
}

func boolWord(b bool) string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}

func (f *formatter) unary(e *UnaryExpr) {
	if e.Op == OpNot {
		f.s("NOT ")
		f.expr(e.X, precNot)
		return
	}
	f.s(e.Op.String())
	// "- -x" must not become the comment "--x".
	if inner, ok := e.X.(*UnaryExpr); ok && e.Op == OpNeg && inner.Op == OpNeg {
		f.s(" ")
	}
	f.expr(e.X, precUnary)
}

func (f *formatter) binary(e *BinaryExpr) {
	prec := e.Op.Precedence()
	f.expr(e.L, prec)
	f.s(" ", e.Op.String(), " ")
	right := prec + 1
	if e.Op == OpIs || e.Op == OpIsNot {
		// x IS (NULL) is not x IS NULL: keep the parentheses.
		switch e.R.(type) {
		case *NullLit, *BoolLit:
			right = precPrimary + 1
		}
	}
	f.expr(e.R, right)
}

// special prints the keyword-shaped expressions.
func (f *formatter) special(e Expr) {
	switch e := e.(type) {
	case *InListExpr:
		f.expr(e.X, precEq)
		f.s(not(e.Not), " IN (")
		f.exprs(e.List)
		f.s(")")
	case *InSubqueryExpr:
		f.expr(e.X, precEq)
		f.s(not(e.Not), " IN (")
		f.selectStmt(e.Select)
		f.s(")")
	case *SubqueryExpr:
		f.s("(")
		f.selectStmt(e.Select)
		f.s(")")
	case *ExistsExpr:
		f.s("EXISTS (")
		f.selectStmt(e.Select)
		f.s(")")
	case *BetweenExpr:
		f.expr(e.X, precEq)
		f.s(not(e.Not), " BETWEEN ")
		f.expr(e.Lo, precEq+1)
		f.s(" AND ")
		f.expr(e.Hi, precEq+1)
	case *LikeExpr:
		f.expr(e.X, precEq)
		op := " LIKE "
		if e.Glob {
			op = " GLOB "
		}
		f.s(not(e.Not), op)
		f.expr(e.Pattern, precEq+1)
		if e.Escape != nil {
			f.s(" ESCAPE ")
			f.expr(e.Escape, precEq+1)
		}
	case *IsNullExpr:
		f.expr(e.X, precEq)
		f.s(" IS", not(e.Not), " NULL")
	case *IsBoolExpr:
		f.expr(e.X, precEq)
		f.s(" IS", not(e.Not), " ", boolWord(e.Value))
	case *CaseExpr:
		f.caseExpr(e)
	case *CastExpr:
		f.s("CAST(")
		f.expr(e.X, precOr)
		f.s(" AS ")
		f.typeName(e.Type)
		f.s(")")
	case *FuncCall:
		f.call(e)
	case *RowExpr:
		f.s("(")
		f.exprs(e.Elems)
		f.s(")")
	}
}

func not(b bool) string {
	if b {
		return " NOT"
	}
	return ""
}

func (f *formatter) caseExpr(e *CaseExpr) {
	f.s("CASE")
	if e.Operand != nil {
		f.s(" ")
		f.expr(e.Operand, precOr)
	}
	for _, w := range e.Whens {
		f.s(" WHEN ")
		f.expr(w.Cond, precOr)
		f.s(" THEN ")
		f.expr(w.Result, precOr)
	}
	if e.Else != nil {
		f.s(" ELSE ")
		f.expr(e.Else, precOr)
	}
	f.s(" END")
}

// callableKeywords are the reserved words that may name a function, as in
// left(s, 2) and like(pattern, s).
var callableKeywords = map[string]bool{"LEFT": true, "LIKE": true, "GLOB": true}

func (f *formatter) call(e *FuncCall) {
	if callableKeywords[strings.ToUpper(string(e.Name))] {
		f.s(string(e.Name)) // reserved words usable as function names
	} else {
		f.name(e.Name)
	}
	f.s("(")
	switch {
	case e.Star:
		f.s("*")
	case e.Distinct:
		f.s("DISTINCT ")
	}
	f.exprs(e.Args)
	f.s(")")
	if e.Filter != nil {
		f.s(" FILTER (WHERE ")
		f.expr(e.Filter, precOr)
		f.s(")")
	}
	if e.Over != nil {
		f.s(" OVER ")
		f.windowSpec(e.Over)
	}
}

func (f *formatter) windowSpec(w *WindowSpec) {
	f.s("(")
	sep := ""
	if len(w.PartitionBy) > 0 {
		f.s("PARTITION BY ")
		f.exprs(w.PartitionBy)
		sep = " "
	}
	if len(w.OrderBy) > 0 {
		f.s(sep + "ORDER BY ")
		for i, o := range w.OrderBy {
			if i > 0 {
				f.s(", ")
			}
			f.orderingTerm(o)
		}
		sep = " "
	}
	if fr := w.Frame; fr != nil {
		f.s(sep)
		if fr.Range {
			f.s("RANGE BETWEEN ")
		} else {
			f.s("ROWS BETWEEN ")
		}
		f.frameBound(fr.Start)
		f.s(" AND ")
		f.frameBound(fr.End)
	}
	f.s(")")
}

func (f *formatter) frameBound(b FrameBound) {
	switch b.Kind {
	case BoundUnboundedPreceding:
		f.s("UNBOUNDED PRECEDING")
	case BoundPreceding:
		f.expr(b.Offset, precOr)
		f.s(" PRECEDING")
	case BoundCurrentRow:
		f.s("CURRENT ROW")
	case BoundFollowing:
		f.expr(b.Offset, precOr)
		f.s(" FOLLOWING")
	default:
		f.s("UNBOUNDED FOLLOWING")
	}
}
