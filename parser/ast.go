package parser

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// Node is implemented by every node of the syntax tree. Position is where
// the node's text starts (for a binary expression: its left operand).
type Node interface {
	Position() lexer.Position
}

// Statement is one SQL statement: *SelectStmt, *InsertStmt, *UpdateStmt,
// *DeleteStmt, *CreateTableStmt, *DropTableStmt, *CreateIndexStmt,
// *DropIndexStmt, *ReindexStmt, *CreateViewStmt, *DropViewStmt,
// *CreateTriggerStmt, *DropTriggerStmt, *AlterTableStmt, *ExplainStmt or
// *TransactionStmt.
type Statement interface {
	Node
	statementNode()
}

// Name is an identifier as written, with the quotes of "quoted" or
// `quoted` identifiers removed. The parser does not fold case: whether
// names match case-insensitively (as in SQLite) is the consumer's choice.
type Name string

// Capture implements participle.Capture.
func (n *Name) Capture(values []string) error {
	*n = Name(unquote(strings.Join(values, "")))
	return nil
}

// ---------------------------------------------------------------- SELECT

// SelectStmt is a SELECT, possibly compound: Core, then each of Compound
// applied left to right ((Core UNION s1) EXCEPT s2 ...). ORDER BY and LIMIT
// apply to the whole compound.
type SelectStmt struct {
	Pos      lexer.Position
	Core     *SelectCore       `parser:"@@"`
	Compound []*CompoundSelect `parser:"@@*"`
	OrderBy  []*OrderingTerm   `parser:"( 'ORDER' 'BY' @@ ( ',' @@ )* )?"`
	Limit    *Limit            `parser:"@@?"`
}

// SelectCore is one SELECT ... FROM ... WHERE ... GROUP BY ... HAVING.
type SelectCore struct {
	Pos      lexer.Position
	Distinct bool           `parser:"'SELECT' ( @'DISTINCT' | 'ALL' )?"`
	Columns  []ResultColumn `parser:"@@ ( ',' @@ )*"`
	From     *FromClause    `parser:"( 'FROM' @@ )?"`  // nil for SELECT 1 + 1
	Where    Expr           `parser:"( 'WHERE' @@ )?"` // nil if absent
	GroupBy  []Expr         `parser:"( 'GROUP' 'BY' @@ ( ',' @@ )* )?"`
	Having   Expr           `parser:"( 'HAVING' @@ )?"` // nil if absent
}

// CompoundSelect is "UNION [ALL] | INTERSECT | EXCEPT" and the SELECT after it.
type CompoundSelect struct {
	Pos    lexer.Position
	Op     CompoundOp  `parser:"@( 'UNION' 'ALL'? | 'INTERSECT' | 'EXCEPT' )"`
	Select *SelectCore `parser:"@@"`
}

// CompoundOp is a set operator between SELECTs.
type CompoundOp int

// The compound operators.
const (
	Union CompoundOp = iota + 1
	UnionAll
	Intersect
	Except
)

var compoundOpNames = [...]string{Union: "UNION", UnionAll: "UNION ALL", Intersect: "INTERSECT", Except: "EXCEPT"}

// String returns the operator's SQL text, e.g. "UNION ALL".
func (op CompoundOp) String() string { return enumName(compoundOpNames[:], int(op)) }

// Capture implements participle.Capture.
func (op *CompoundOp) Capture(values []string) error {
	*op = CompoundOp(enumValue(compoundOpNames[:], values))
	return nil
}

// ResultColumn is an item of the SELECT list: *StarColumn or *ExprColumn.
type ResultColumn interface {
	Node
	resultColumnNode()
}

// StarColumn is "*" (Table empty) or "t.*".
type StarColumn struct {
	Pos   lexer.Position
	Table Name
}

// ExprColumn is "expr [[AS] alias]"; Alias is empty when absent.
type ExprColumn struct {
	Pos   lexer.Position
	Expr  Expr
	Alias Name
}

// FromClause is the first table then the joins, left to right. The comma
// form "FROM a, b" is a join of kind JoinComma.
type FromClause struct {
	Pos   lexer.Position
	Table TableSource `parser:"@@"`
	Joins []*Join     `parser:"@@*"`
}

// Join joins Table to everything on its left; On is nil when absent.
type Join struct {
	Pos   lexer.Position
	Kind  JoinKind    `parser:"@( ',' | 'JOIN' | 'INNER' 'JOIN' | 'LEFT' 'OUTER'? 'JOIN' | 'CROSS' 'JOIN' )"`
	Table TableSource `parser:"@@"`
	On    Expr        `parser:"( 'ON' @@ )?"`
}

// JoinKind says how a table joins the ones before it.
type JoinKind int

// The join kinds. JoinComma ("a, b") behaves as JoinCross, but prints as written.
const (
	JoinComma JoinKind = iota + 1
	JoinInner
	JoinLeft
	JoinCross
)

var joinKindNames = [...]string{JoinComma: ",", JoinInner: "JOIN", JoinLeft: "LEFT JOIN", JoinCross: "CROSS JOIN"}

// String returns the join's SQL text, e.g. "LEFT JOIN".
func (k JoinKind) String() string { return enumName(joinKindNames[:], int(k)) }

// Capture implements participle.Capture.
func (k *JoinKind) Capture(values []string) error {
	switch strings.ToUpper(values[0]) {
	case ",":
		*k = JoinComma
	case "LEFT":
		*k = JoinLeft
	case "CROSS":
		*k = JoinCross
	default:
		*k = JoinInner
	}
	return nil
}

// TableSource is an item of FROM: *TableName or *SubquerySource.
type TableSource interface {
	Node
	tableSourceNode()
}

// TableName is "name [[AS] alias] [NOT INDEXED]"; Alias is empty when
// absent. NOT INDEXED, SQLite's hint to read the table without an index,
// changes no result: the planner ignores it.
type TableName struct {
	Pos        lexer.Position
	Name       Name `parser:"@(Ident|QIdent)"`
	Alias      Name `parser:"( 'AS'? @(Ident|QIdent) )?"`
	NotIndexed bool `parser:"@( 'NOT' 'INDEXED' )?"`
}

// SubquerySource is "(SELECT ...) [[AS] alias]". The grammar also reads a
// parenthesized join, "(a JOIN b ON ...)", into Group, but Parse splices
// such a group's tables into the enclosing FROM clause before returning:
// in a parsed statement Select is set and Group is nil.
type SubquerySource struct {
	Pos    lexer.Position
	Select *SelectStmt `parser:"'(' ( @@"`
	Group  *FromClause `parser:"| @@ ) ')'"`
	Alias  Name        `parser:"( 'AS'? @(Ident|QIdent) )?"`
}

// OrderingTerm is "expr [ASC|DESC] [NULLS FIRST|LAST]".
type OrderingTerm struct {
	Pos   lexer.Position
	Expr  Expr       `parser:"@@"`
	Desc  bool       `parser:"( @'DESC' | 'ASC' )?"`
	Nulls NullsOrder `parser:"( 'NULLS' @( 'FIRST' | 'LAST' ) )?"`
}

// NullsOrder is the NULLS FIRST / NULLS LAST option; the zero value means
// not given (SQLite then sorts NULLs first ascending, last descending).
type NullsOrder int

// The NULLS options.
const (
	NullsDefault NullsOrder = iota
	NullsFirst
	NullsLast
)

var nullsOrderNames = [...]string{NullsFirst: "NULLS FIRST", NullsLast: "NULLS LAST"}

// String returns "NULLS FIRST", "NULLS LAST" or "".
func (n NullsOrder) String() string { return enumName(nullsOrderNames[:], int(n)) }

// Capture implements participle.Capture.
func (n *NullsOrder) Capture(values []string) error {
	*n = NullsLast
	if strings.EqualFold(values[0], "FIRST") {
		*n = NullsFirst
	}
	return nil
}

// Limit is "LIMIT count [OFFSET offset]"; SQLite's "LIMIT offset, count"
// is read into the same fields. Offset is nil when absent.
type Limit struct {
	Pos    lexer.Position
	Count  Expr
	Offset Expr
}

// ---------------------------------------------------------------- INSERT, UPDATE, DELETE

// InsertStmt is "INSERT [OR action] INTO t [(cols)] VALUES ... | SELECT
// ... [ON CONFLICT ...]... [RETURNING ...]"; "REPLACE INTO" is INSERT OR
// REPLACE. Columns is empty when not listed, Or zero when no action is
// given (ABORT, the default).
type InsertStmt struct {
	Pos       lexer.Position
	Or        ConflictAction  `parser:"( 'INSERT' ( 'OR' @( 'REPLACE' | 'IGNORE' | 'ABORT' | 'FAIL' | 'ROLLBACK' ) )? | @'REPLACE' ) 'INTO'"`
	Table     Name            `parser:"@(Ident|QIdent)"`
	Columns   []Name          `parser:"( '(' @(Ident|QIdent) ( ',' @(Ident|QIdent) )* ')' )?"`
	Source    InsertSource    `parser:"@@"`
	Upsert    []*UpsertClause `parser:"@@*"`
	Returning []ResultColumn  `parser:"( 'RETURNING' @@ ( ',' @@ )* )?"`
}

// ConflictAction is what INSERT OR ... does with a row that breaks a
// UNIQUE or NOT NULL constraint.
type ConflictAction int

// The conflict actions; the zero value is "not given" (ABORT).
const (
	OrAbort ConflictAction = iota + 1
	OrFail
	OrIgnore
	OrReplace
	OrRollback
)

var conflictActionNames = [...]string{OrAbort: "ABORT", OrFail: "FAIL", OrIgnore: "IGNORE", OrReplace: "REPLACE", OrRollback: "ROLLBACK"}

// String returns the action's SQL word, e.g. "IGNORE".
func (a ConflictAction) String() string { return enumName(conflictActionNames[:], int(a)) }

// Capture implements participle.Capture.
func (a *ConflictAction) Capture(values []string) error {
	*a = ConflictAction(enumValue(conflictActionNames[:], values))
	return nil
}

// UpsertClause is "ON CONFLICT [(cols) [WHERE cond]] DO NOTHING | DO
// UPDATE SET c = e, ... [WHERE cond]". Target is empty when no columns are
// given (any conflict); Set is empty for DO NOTHING.
type UpsertClause struct {
	Pos         lexer.Position
	Target      []*IndexColumn `parser:"'ON' 'CONFLICT' ( '(' @@ ( ',' @@ )* ')'"`
	TargetWhere Expr           `parser:"( 'WHERE' @@ )? )?"`
	Nothing     bool           `parser:"'DO' ( @'NOTHING'"`
	Set         []*Assignment  `parser:"| 'UPDATE' 'SET' @@ ( ',' @@ )*"`
	Where       Expr           `parser:"( 'WHERE' @@ )? )"`
}

// InsertSource is what an INSERT inserts: *Values or *SelectStmt.
type InsertSource interface {
	Node
	insertSourceNode()
}

// Values is "VALUES (e, ...), (e, ...)".
type Values struct {
	Pos  lexer.Position
	Rows []*ValuesRow `parser:"'VALUES' @@ ( ',' @@ )*"`
}

// ValuesRow is one parenthesized row of VALUES.
type ValuesRow struct {
	Pos   lexer.Position
	Exprs []Expr `parser:"'(' @@ ( ',' @@ )* ')'"`
}

// UpdateStmt is "UPDATE t SET c = e, ... [WHERE cond] [RETURNING ...]";
// Where is nil when absent.
type UpdateStmt struct {
	Pos       lexer.Position
	Table     Name           `parser:"'UPDATE' @(Ident|QIdent)"`
	Set       []*Assignment  `parser:"'SET' @@ ( ',' @@ )*"`
	Where     Expr           `parser:"( 'WHERE' @@ )?"`
	Returning []ResultColumn `parser:"( 'RETURNING' @@ ( ',' @@ )* )?"`
}

// Assignment is "column = expr" in UPDATE ... SET.
type Assignment struct {
	Pos    lexer.Position
	Column Name `parser:"@(Ident|QIdent) '='"`
	Value  Expr `parser:"@@"`
}

// DeleteStmt is "DELETE FROM t [WHERE cond] [RETURNING ...]"; Where is
// nil when absent.
type DeleteStmt struct {
	Pos       lexer.Position
	Table     Name           `parser:"'DELETE' 'FROM' @(Ident|QIdent)"`
	Where     Expr           `parser:"( 'WHERE' @@ )?"`
	Returning []ResultColumn `parser:"( 'RETURNING' @@ ( ',' @@ )* )?"`
}

// ---------------------------------------------------------------- DDL

// CreateTableStmt is "CREATE TABLE [IF NOT EXISTS] name (elements) [WITH (options)]"
// or "CREATE TABLE [IF NOT EXISTS] name AS select" (AsSelect set).
// Elements holds the column definitions and table constraints in the
// order written; Columns and PrimaryKey give the usual views of them.
type CreateTableStmt struct {
	Pos         lexer.Position
	IfNotExists bool           `parser:"'CREATE' 'TABLE' ( @'IF' 'NOT' 'EXISTS' )?"`
	Name        Name           `parser:"@(Ident|QIdent)"`
	Elements    []TableElement `parser:"( '(' @@ ( ',' @@ )* ')'"`
	Options     []*TableOption `parser:"  ( 'WITH' '(' @@ ( ',' @@ )* ')' )?"`
	AsSelect    *SelectStmt    `parser:"| 'AS' @@ )"` // CREATE TABLE name AS SELECT ...: no Elements or Options
}

// Columns returns the column definitions in order.
func (s *CreateTableStmt) Columns() []*ColumnDef {
	var cols []*ColumnDef
	for _, e := range s.Elements {
		if c, ok := e.(*ColumnDef); ok {
			cols = append(cols, c)
		}
	}
	return cols
}

// PrimaryKey returns the primary key columns: those of a table-level
// PRIMARY KEY (a, b) if there is one, else the columns declared PRIMARY
// KEY, in order; nil if none.
func (s *CreateTableStmt) PrimaryKey() []Name {
	var key []Name
	for _, e := range s.Elements {
		if pk, ok := e.(*PrimaryKeyDef); ok {
			return pk.Columns
		}
		if c, ok := e.(*ColumnDef); ok && c.IsPrimaryKey() {
			key = append(key, c.Name)
		}
	}
	return key
}

// UniqueColumns returns the column sets declared UNIQUE: each column
// with a UNIQUE constraint, then each table constraint UNIQUE (a, b), in
// order.
func (s *CreateTableStmt) UniqueColumns() [][]Name {
	var sets [][]Name
	for _, e := range s.Elements {
		switch e := e.(type) {
		case *ColumnDef:
			if e.IsUnique() {
				sets = append(sets, []Name{e.Name})
			}
		case *UniqueDef:
			sets = append(sets, e.Columns)
		}
	}
	return sets
}

// TableElement is an item of CREATE TABLE's list: *ColumnDef,
// *PrimaryKeyDef or *UniqueDef.
type TableElement interface {
	Node
	tableElementNode()
}

// UniqueDef is the table constraint "UNIQUE (a, b)".
type UniqueDef struct {
	Pos     lexer.Position
	Columns []Name `parser:"'UNIQUE' '(' @(Ident|QIdent) ( ',' @(Ident|QIdent) )* ')'"`
}

// PrimaryKeyDef is the table constraint "PRIMARY KEY (a, b)".
type PrimaryKeyDef struct {
	Pos     lexer.Position
	Columns []Name `parser:"'PRIMARY' 'KEY' '(' @(Ident|QIdent) ( ',' @(Ident|QIdent) )* ')'"`
}

// ColumnDef is "name TYPE constraint...".
type ColumnDef struct {
	Pos         lexer.Position
	Name        Name                `parser:"@(Ident|QIdent)"`
	Type        *TypeName           `parser:"@@?"` // nil when omitted, as SQLite allows
	Constraints []*ColumnConstraint `parser:"@@*"`
}

// IsNotNull reports whether the column is declared NOT NULL. PRIMARY KEY
// alone does not count: whether it implies NOT NULL is the schema's rule.
func (c *ColumnDef) IsNotNull() bool {
	return c.has(func(k *ColumnConstraint) bool { return k.NotNull })
}

// IsPrimaryKey reports whether the column is declared PRIMARY KEY.
func (c *ColumnDef) IsPrimaryKey() bool {
	return c.has(func(k *ColumnConstraint) bool { return k.PrimaryKey })
}

// IsAutoIncrement reports whether the column is declared AUTOINCREMENT.
func (c *ColumnDef) IsAutoIncrement() bool {
	return c.has(func(k *ColumnConstraint) bool { return k.AutoIncrement })
}

// IsUnique reports whether the column is declared UNIQUE.
func (c *ColumnDef) IsUnique() bool {
	return c.has(func(k *ColumnConstraint) bool { return k.Unique })
}

// DefaultValue returns the DEFAULT expression, or nil.
func (c *ColumnDef) DefaultValue() Expr {
	var d Expr
	for _, k := range c.Constraints {
		if k.Default != nil {
			d = k.Default
		}
	}
	return d
}

func (c *ColumnDef) has(pred func(*ColumnConstraint) bool) bool {
	for _, k := range c.Constraints {
		if pred(k) {
			return true
		}
	}
	return false
}

// ColumnConstraint is one of NOT NULL, NULL, PRIMARY KEY, AUTOINCREMENT,
// UNIQUE or DEFAULT expr: exactly one field is set. Use the ColumnDef
// helpers. AUTOINCREMENT parses anywhere among the constraints; the
// planner accepts it only on an INTEGER PRIMARY KEY column.
type ColumnConstraint struct {
	Pos           lexer.Position
	NotNull       bool `parser:"  @( 'NOT' 'NULL' )"`
	Null          bool `parser:"| @'NULL'"`
	PrimaryKey    bool `parser:"| @( 'PRIMARY' 'KEY' )"`
	AutoIncrement bool `parser:"| @'AUTOINCREMENT'"`
	Unique        bool `parser:"| @'UNIQUE'"`
	Default       Expr `parser:"| 'DEFAULT' @@"`
}

// TypeName is a column type as written: Name holds the words ("INTEGER",
// "DOUBLE PRECISION", "varchar"), Params the numbers in parentheses
// (VARCHAR(20) has Params ["20"]). Mapping to storage is the schema's job.
type TypeName struct {
	Pos    lexer.Position
	Name   string
	Params []string
}

// TableOption is "name = value" in CREATE TABLE ... WITH (...), e.g.
// type = ordered_set. Value is the token as written (a word, number or
// 'string' with its quotes); checking it is the schema's job.
type TableOption struct {
	Pos   lexer.Position
	Name  Name   `parser:"@(Ident|QIdent) '='"`
	Value string `parser:"@(Ident|Keyword|Int|Float|String)"`
}

// DropTableStmt is "DROP TABLE [IF EXISTS] name".
type DropTableStmt struct {
	Pos      lexer.Position
	IfExists bool `parser:"'DROP' 'TABLE' ( @'IF' 'EXISTS' )?"`
	Name     Name `parser:"@(Ident|QIdent)"`
}

// CreateIndexStmt is "CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON
// table (column [ASC|DESC], ...)". The order of a column is parsed, as
// SQLite allows it, and ignored: an index serves both directions.
type CreateIndexStmt struct {
	Pos         lexer.Position
	Unique      bool           `parser:"'CREATE' @'UNIQUE'? 'INDEX'"`
	IfNotExists bool           `parser:"( @'IF' 'NOT' 'EXISTS' )?"`
	Name        Name           `parser:"@(Ident|QIdent)"`
	Table       Name           `parser:"'ON' @(Ident|QIdent)"`
	Columns     []*IndexColumn `parser:"'(' @@ ( ',' @@ )* ')'"`
}

// IndexColumn is a column of CREATE INDEX, with its order as written.
type IndexColumn struct {
	Pos  lexer.Position
	Name Name `parser:"@(Ident|QIdent)"`
	Desc bool `parser:"( @'DESC' | 'ASC' )?"`
}

// CreateViewStmt is "CREATE [TEMP] VIEW [IF NOT EXISTS] name [(column, ...)] AS
// select": a named SELECT, expanded where FROM names it. Columns renames
// the SELECT's result columns; empty when absent. TEMP (or TEMPORARY),
// SQLite's view for one connection, makes the same view: an etsql
// database's views are its own anyway.
type CreateViewStmt struct {
	Pos         lexer.Position
	Temp        bool        `parser:"'CREATE' @( 'TEMP' | 'TEMPORARY' )?"`
	IfNotExists bool        `parser:"'VIEW' ( @'IF' 'NOT' 'EXISTS' )?"`
	Name        Name        `parser:"@(Ident|QIdent)"`
	Columns     []Name      `parser:"( '(' @(Ident|QIdent) ( ',' @(Ident|QIdent) )* ')' )?"`
	Select      *SelectStmt `parser:"'AS' @@"`
}

// DropViewStmt is "DROP VIEW [IF EXISTS] name".
type DropViewStmt struct {
	Pos      lexer.Position
	IfExists bool `parser:"'DROP' 'VIEW' ( @'IF' 'EXISTS' )?"`
	Name     Name `parser:"@(Ident|QIdent)"`
}

// DropIndexStmt is "DROP INDEX [IF EXISTS] name".
type DropIndexStmt struct {
	Pos      lexer.Position
	IfExists bool `parser:"'DROP' 'INDEX' ( @'IF' 'EXISTS' )?"`
	Name     Name `parser:"@(Ident|QIdent)"`
}

// ReindexStmt is "REINDEX [name]": SQLite's rebuilding of the indexes of
// a table, of an index, or of a collation's indexes. Name is empty when
// absent.
type ReindexStmt struct {
	Pos  lexer.Position
	Name Name `parser:"'REINDEX' @(Ident|QIdent)?"`
}

// AlterTableStmt is "ALTER TABLE t action".
type AlterTableStmt struct {
	Pos    lexer.Position
	Table  Name        `parser:"'ALTER' 'TABLE' @(Ident|QIdent)"`
	Action AlterAction `parser:"@@"`
}

// AlterAction is what ALTER TABLE does: *AddColumn, *DropColumn or
// *Rename.
type AlterAction interface {
	Node
	alterActionNode()
}

// AddColumn is "ADD [COLUMN] column-definition".
type AddColumn struct {
	Pos    lexer.Position
	Column *ColumnDef `parser:"'ADD' 'COLUMN'? @@"`
}

// DropColumn is "DROP [COLUMN] name".
type DropColumn struct {
	Pos    lexer.Position
	Column Name `parser:"'DROP' 'COLUMN'? @(Ident|QIdent)"`
}

// Rename is "RENAME TO new" (Column empty: the table is renamed) or
// "RENAME [COLUMN] column TO new".
type Rename struct {
	Pos    lexer.Position
	Column Name `parser:"'RENAME' ( (?! 'TO') 'COLUMN'? @(Ident|QIdent) )?"`
	To     Name `parser:"'TO' @(Ident|QIdent)"`
}

// ---------------------------------------------------------------- EXPLAIN, transactions

// ExplainStmt is "EXPLAIN [ANALYZE] [FORMAT f] stmt" or, PostgreSQL style,
// "EXPLAIN (ANALYZE, FORMAT f) stmt" (both forms may be mixed), where f is TEXT (the default),
// ERLANG or ELIXIR: the language match specs are printed in.
type ExplainStmt struct {
	Pos     lexer.Position
	Options []*ExplainOption `parser:"'EXPLAIN' ( '(' @@ ( ',' @@ )* ')' )? @@*"`
	Stmt    Statement        `parser:"@@"`
}

// ExplainOption is ANALYZE or FORMAT f; exactly one field is set.
type ExplainOption struct {
	Pos     lexer.Position
	Analyze bool   `parser:"  @'ANALYZE'"`
	Format  string `parser:"| 'FORMAT' @( 'TEXT' | 'ERLANG' | 'ELIXIR' )"`
}

// Analyze reports whether the statement is to be run and measured.
func (s *ExplainStmt) Analyze() bool {
	for _, o := range s.Options {
		if o.Analyze {
			return true
		}
	}
	return false
}

// OutputFormat is "TEXT", "ERLANG" or "ELIXIR" (the last FORMAT given).
func (s *ExplainStmt) OutputFormat() string {
	f := "TEXT"
	for _, o := range s.Options {
		if o.Format != "" {
			f = strings.ToUpper(o.Format)
		}
	}
	return f
}

// TransactionStmt is BEGIN, COMMIT (or END) or ROLLBACK, each optionally
// followed by TRANSACTION.
type TransactionStmt struct {
	Pos lexer.Position
	Op  TxOp `parser:"@( 'BEGIN' | 'COMMIT' | 'END' | 'ROLLBACK' ) 'TRANSACTION'?"`
}

// TxOp is the transaction statement's verb.
type TxOp int

// The transaction verbs.
const (
	TxBegin TxOp = iota + 1
	TxCommit
	TxRollback
)

var txOpNames = [...]string{TxBegin: "BEGIN", TxCommit: "COMMIT", TxRollback: "ROLLBACK"}

// String returns "BEGIN", "COMMIT" or "ROLLBACK".
func (op TxOp) String() string { return enumName(txOpNames[:], int(op)) }

// Capture implements participle.Capture.
func (op *TxOp) Capture(values []string) error {
	*op = TxOp(enumValue(txOpNames[:], values))
	if *op == 0 { // END
		*op = TxCommit
	}
	return nil
}

// enumName returns names[i], or "" when out of range.
func enumName(names []string, i int) string {
	if i < 0 || i >= len(names) {
		return ""
	}
	return names[i]
}

// enumValue finds the index of the captured words (any case) in names.
func enumValue(names []string, words []string) int {
	text := strings.ToUpper(strings.Join(words, " "))
	for i, n := range names {
		if n != "" && n == text {
			return i
		}
	}
	return 0
}

func (s *SelectStmt) Position() lexer.Position       { return s.Pos }
func (s *InsertStmt) Position() lexer.Position       { return s.Pos }
func (s *UpdateStmt) Position() lexer.Position       { return s.Pos }
func (s *DeleteStmt) Position() lexer.Position       { return s.Pos }
func (s *CreateTableStmt) Position() lexer.Position  { return s.Pos }
func (s *DropTableStmt) Position() lexer.Position    { return s.Pos }
func (s *ExplainStmt) Position() lexer.Position      { return s.Pos }
func (s *CreateIndexStmt) Position() lexer.Position  { return s.Pos }
func (s *AlterTableStmt) Position() lexer.Position   { return s.Pos }
func (s *AddColumn) Position() lexer.Position        { return s.Pos }
func (s *DropColumn) Position() lexer.Position       { return s.Pos }
func (s *Rename) Position() lexer.Position           { return s.Pos }
func (s *IndexColumn) Position() lexer.Position      { return s.Pos }
func (s *DropIndexStmt) Position() lexer.Position    { return s.Pos }
func (s *ReindexStmt) Position() lexer.Position      { return s.Pos }
func (s *CreateViewStmt) Position() lexer.Position   { return s.Pos }
func (s *DropViewStmt) Position() lexer.Position     { return s.Pos }
func (s *TransactionStmt) Position() lexer.Position  { return s.Pos }
func (s *SelectCore) Position() lexer.Position       { return s.Pos }
func (s *CompoundSelect) Position() lexer.Position   { return s.Pos }
func (s *StarColumn) Position() lexer.Position       { return s.Pos }
func (s *ExprColumn) Position() lexer.Position       { return s.Pos }
func (s *FromClause) Position() lexer.Position       { return s.Pos }
func (s *Join) Position() lexer.Position             { return s.Pos }
func (s *TableName) Position() lexer.Position        { return s.Pos }
func (s *SubquerySource) Position() lexer.Position   { return s.Pos }
func (s *OrderingTerm) Position() lexer.Position     { return s.Pos }
func (s *Limit) Position() lexer.Position            { return s.Pos }
func (s *Values) Position() lexer.Position           { return s.Pos }
func (s *ValuesRow) Position() lexer.Position        { return s.Pos }
func (s *Assignment) Position() lexer.Position       { return s.Pos }
func (s *UpsertClause) Position() lexer.Position     { return s.Pos }
func (s *PrimaryKeyDef) Position() lexer.Position    { return s.Pos }
func (s *UniqueDef) Position() lexer.Position        { return s.Pos }
func (s *ColumnDef) Position() lexer.Position        { return s.Pos }
func (s *ColumnConstraint) Position() lexer.Position { return s.Pos }
func (s *TypeName) Position() lexer.Position         { return s.Pos }
func (s *TableOption) Position() lexer.Position      { return s.Pos }
func (s *ExplainOption) Position() lexer.Position    { return s.Pos }

func (*SelectStmt) statementNode()      {}
func (*InsertStmt) statementNode()      {}
func (*UpdateStmt) statementNode()      {}
func (*DeleteStmt) statementNode()      {}
func (*CreateTableStmt) statementNode() {}
func (*DropTableStmt) statementNode()   {}
func (*ExplainStmt) statementNode()     {}
func (*CreateIndexStmt) statementNode() {}
func (*AlterTableStmt) statementNode()  {}
func (*AddColumn) alterActionNode()     {}
func (*DropColumn) alterActionNode()    {}
func (*Rename) alterActionNode()        {}
func (*DropIndexStmt) statementNode()   {}
func (*ReindexStmt) statementNode()     {}
func (*CreateViewStmt) statementNode()  {}
func (*DropViewStmt) statementNode()    {}
func (*TransactionStmt) statementNode() {}

func (*StarColumn) resultColumnNode()    {}
func (*ExprColumn) resultColumnNode()    {}
func (*TableName) tableSourceNode()      {}
func (*SubquerySource) tableSourceNode() {}
func (*Values) insertSourceNode()        {}
func (*SelectStmt) insertSourceNode()    {}
func (*PrimaryKeyDef) tableElementNode() {}
func (*UniqueDef) tableElementNode()     {}
func (*ColumnDef) tableElementNode()     {}
