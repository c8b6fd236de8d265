package parser

import "github.com/alecthomas/participle/v2/lexer"

// Expr is an expression: *IntegerLit, *FloatLit, *StringLit, *BoolLit,
// *NullLit, *TypedLit, *ColumnRef, *Placeholder, *UnaryExpr, *BinaryExpr,
// *InListExpr, *InSubqueryExpr, *SubqueryExpr, *ExistsExpr, *BetweenExpr,
// *LikeExpr, *IsNullExpr, *IsBoolExpr, *CaseExpr, *CastExpr, *FuncCall or
// *RowExpr.
// Parentheses are not kept: the tree's shape says how operands group.
type Expr interface {
	Node
	exprNode()
}

// IntegerLit is an unsigned integer literal, decimal or hexadecimal
// (0x1F); Text is as written, so integers of any size survive (-5 is a
// UnaryExpr around 5).
type IntegerLit struct {
	Pos  lexer.Position
	Text string
}

// FloatLit is a real literal such as 1.5, .5, 1. or 1e3; Text is as written.
type FloatLit struct {
	Pos  lexer.Position
	Text string
}

// StringLit is a 'string' literal; Value has the quotes removed and ”
// undoubled.
type StringLit struct {
	Pos   lexer.Position
	Value string
}

// BoolLit is TRUE or FALSE.
type BoolLit struct {
	Pos   lexer.Position
	Value bool
}

// NullLit is NULL.
type NullLit struct {
	Pos lexer.Position
}

// TypedLit is a typed string literal such as DATE '1997-01-01' or
// TIMESTAMP '1997-01-01 10:00:00'; Type is upper-case (DATE, TIME or
// TIMESTAMP) and Value is the string's content.
type TypedLit struct {
	Pos   lexer.Position
	Type  string
	Value string
}

// ColumnRef is "column" or "table.column" (Table empty when unqualified).
type ColumnRef struct {
	Pos    lexer.Position
	Table  Name
	Column Name
}

// Placeholder is a parameter: "?", "?N", "$N", or a named one, ":name",
// "@name" or "$name", as written in Text. Index is its 1-based parameter
// number: N for ?N and $N; for a bare "?" one more than the largest
// number to its left; for a name, the number of the same name (same
// prefix included) to its left, else one more than the largest (SQLite's
// rules). So plain "?" are numbered 1, 2, 3 in order of appearance, and
// so are distinct names, in order of first appearance.
type Placeholder struct {
	Pos   lexer.Position
	Text  string
	Index int
}

// Name returns the name of a named placeholder without its prefix
// character (":id" and "@id" both give "id", as sql.Named names them), or
// "" for a numbered one.
func (e *Placeholder) Name() string {
	if len(e.Text) < 2 || e.Text[0] == '?' || isDigit(e.Text[1]) {
		return ""
	}
	return e.Text[1:]
}

// UnaryExpr is a prefix operator applied to X.
type UnaryExpr struct {
	Pos lexer.Position
	Op  UnaryOp
	X   Expr
}

// UnaryOp is a prefix operator.
type UnaryOp int

// The prefix operators.
const (
	OpNeg    UnaryOp = iota + 1 // -x
	OpPlus                      // +x
	OpNot                       // NOT x
	OpBitNot                    // ~x
)

var unaryOpNames = [...]string{OpNeg: "-", OpPlus: "+", OpNot: "NOT", OpBitNot: "~"}

// String returns the operator's SQL text.
func (op UnaryOp) String() string { return enumName(unaryOpNames[:], int(op)) }

// BinaryExpr is "L op R". OpPos is where the operator is.
type BinaryExpr struct {
	Pos   lexer.Position
	OpPos lexer.Position
	Op    BinaryOp
	L, R  Expr
}

// BinaryOp is an infix operator. "==" reads as OpEq and "!=" as OpNe.
type BinaryOp int

// The infix operators, from loosest to tightest binding.
const (
	OpOr     BinaryOp = iota + 1 // OR
	OpAnd                        // AND
	OpEq                         // = or ==
	OpNe                         // <> or !=
	OpIs                         // IS (NULL-safe =)
	OpIsNot                      // IS NOT (NULL-safe <>)
	OpLt                         // <
	OpLe                         // <=
	OpGt                         // >
	OpGe                         // >=
	OpBitAnd                     // &
	OpBitOr                      // |
	OpShl                        // <<
	OpShr                        // >>
	OpAdd                        // +
	OpSub                        // -
	OpMul                        // *
	OpDiv                        // /
	OpMod                        // %
	OpConcat                     // ||
)

var binaryOpNames = [...]string{
	OpOr: "OR", OpAnd: "AND", OpEq: "=", OpNe: "<>", OpIs: "IS", OpIsNot: "IS NOT",
	OpLt: "<", OpLe: "<=", OpGt: ">", OpGe: ">=", OpBitAnd: "&", OpBitOr: "|",
	OpShl: "<<", OpShr: ">>", OpAdd: "+", OpSub: "-", OpMul: "*", OpDiv: "/",
	OpMod: "%", OpConcat: "||",
}

// String returns the operator's canonical SQL text.
func (op BinaryOp) String() string { return enumName(binaryOpNames[:], int(op)) }

// Precedence levels, as SQLite's: a larger number binds tighter.
const (
	precOr      = 1
	precAnd     = 2
	precNot     = 3
	precEq      = 4 // = <> IS IN LIKE BETWEEN
	precCompare = 5 // < <= > >=
	precBit     = 6 // & | << >>
	precAdd     = 7
	precMul     = 8
	precConcat  = 9
	precUnary   = 10
	precPrimary = 11
)

// Precedence returns how tightly op binds (1 for OR up to 9 for ||).
func (op BinaryOp) Precedence() int {
	switch op {
	case OpOr:
		return precOr
	case OpAnd:
		return precAnd
	case OpEq, OpNe, OpIs, OpIsNot:
		return precEq
	case OpLt, OpLe, OpGt, OpGe:
		return precCompare
	case OpBitAnd, OpBitOr, OpShl, OpShr:
		return precBit
	case OpAdd, OpSub:
		return precAdd
	case OpMul, OpDiv, OpMod:
		return precMul
	case OpConcat:
		return precConcat
	}
	return 0
}

// InListExpr is "X [NOT] IN (list)"; the list may be empty, as in SQLite.
type InListExpr struct {
	Pos  lexer.Position
	X    Expr
	Not  bool
	List []Expr
}

// InSubqueryExpr is "X [NOT] IN (SELECT ...)".
type InSubqueryExpr struct {
	Pos    lexer.Position
	X      Expr
	Not    bool
	Select *SelectStmt
}

// SubqueryExpr is a scalar subquery "(SELECT ...)".
type SubqueryExpr struct {
	Pos    lexer.Position
	Select *SelectStmt
}

// ExistsExpr is "EXISTS (SELECT ...)"; NOT EXISTS is a UnaryExpr OpNot
// around it.
type ExistsExpr struct {
	Pos    lexer.Position
	Select *SelectStmt
}

// BetweenExpr is "X [NOT] BETWEEN Lo AND Hi".
type BetweenExpr struct {
	Pos    lexer.Position
	X      Expr
	Not    bool
	Lo, Hi Expr
}

// LikeExpr is "X [NOT] LIKE Pattern [ESCAPE Escape]", or with Glob
// "X [NOT] GLOB Pattern [ESCAPE Escape]"; Escape is nil when absent.
type LikeExpr struct {
	Pos     lexer.Position
	X       Expr
	Not     bool
	Glob    bool // GLOB (case-sensitive, * ? [...]) rather than LIKE
	Pattern Expr
	Escape  Expr
}

// IsNullExpr is "X IS [NOT] NULL".
type IsNullExpr struct {
	Pos lexer.Position
	X   Expr
	Not bool
}

// IsBoolExpr is "X IS [NOT] TRUE" or "X IS [NOT] FALSE".
type IsBoolExpr struct {
	Pos   lexer.Position
	X     Expr
	Not   bool
	Value bool
}

// CaseExpr is "CASE [Operand] WHEN ... THEN ... [ELSE Else] END"; Operand
// and Else are nil when absent.
type CaseExpr struct {
	Pos     lexer.Position
	Operand Expr
	Whens   []*When
	Else    Expr
}

// When is one "WHEN Cond THEN Result" of a CASE.
type When struct {
	Pos    lexer.Position
	Cond   Expr
	Result Expr
}

// CastExpr is "CAST(X AS Type)".
type CastExpr struct {
	Pos  lexer.Position
	X    Expr
	Type *TypeName
}

// RowExpr is a row value "(a, b, ...)", of two elements or more: an
// operand of a comparison or IN (SQLite's row values).
type RowExpr struct {
	Pos   lexer.Position
	Elems []Expr
}

// FuncCall is "name(args)", "name(DISTINCT x)" or "name(*)" (Star set,
// Args empty), then optionally "FILTER (WHERE cond)" (Filter, nil when
// absent: an aggregate counts only the rows cond holds for), then
// optionally "OVER (window)" (Over, nil when absent: a window function).
// Name is as written: function names are not case-folded.
type FuncCall struct {
	Pos      lexer.Position
	Name     Name
	Distinct bool
	Star     bool
	Args     []Expr
	Filter   Expr
	Over     *WindowSpec
}

// WindowSpec is the window of a window function: "([PARTITION BY e, ...]
// [ORDER BY term, ...] [frame])". Frame is nil when absent (SQLite's
// default: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW).
type WindowSpec struct {
	Pos         lexer.Position
	PartitionBy []Expr
	OrderBy     []*OrderingTerm
	Frame       *WindowFrame
}

// WindowFrame is "ROWS|RANGE BETWEEN start AND end"; a frame of one
// bound reads as BETWEEN bound AND CURRENT ROW.
type WindowFrame struct {
	Pos        lexer.Position
	Range      bool // RANGE, else ROWS
	Start, End FrameBound
}

// FrameBound is one end of a window frame; Offset is set for the kinds
// BoundPreceding and BoundFollowing ("n PRECEDING").
type FrameBound struct {
	Kind   BoundKind
	Offset Expr
}

// BoundKind is the kind of a frame bound.
type BoundKind int

// The frame bounds, in order.
const (
	BoundUnboundedPreceding BoundKind = iota + 1
	BoundPreceding
	BoundCurrentRow
	BoundFollowing
	BoundUnboundedFollowing
)

// Position returns where the window starts.
func (w *WindowSpec) Position() lexer.Position { return w.Pos }

// Position returns where the frame starts.
func (w *WindowFrame) Position() lexer.Position { return w.Pos }

func (e *IntegerLit) Position() lexer.Position     { return e.Pos }
func (e *FloatLit) Position() lexer.Position       { return e.Pos }
func (e *StringLit) Position() lexer.Position      { return e.Pos }
func (e *BoolLit) Position() lexer.Position        { return e.Pos }
func (e *NullLit) Position() lexer.Position        { return e.Pos }
func (e *TypedLit) Position() lexer.Position       { return e.Pos }
func (e *ColumnRef) Position() lexer.Position      { return e.Pos }
func (e *Placeholder) Position() lexer.Position    { return e.Pos }
func (e *UnaryExpr) Position() lexer.Position      { return e.Pos }
func (e *BinaryExpr) Position() lexer.Position     { return e.Pos }
func (e *InListExpr) Position() lexer.Position     { return e.Pos }
func (e *InSubqueryExpr) Position() lexer.Position { return e.Pos }
func (e *SubqueryExpr) Position() lexer.Position   { return e.Pos }
func (e *ExistsExpr) Position() lexer.Position     { return e.Pos }
func (e *BetweenExpr) Position() lexer.Position    { return e.Pos }
func (e *LikeExpr) Position() lexer.Position       { return e.Pos }
func (e *IsNullExpr) Position() lexer.Position     { return e.Pos }
func (e *IsBoolExpr) Position() lexer.Position     { return e.Pos }
func (e *CaseExpr) Position() lexer.Position       { return e.Pos }
func (e *When) Position() lexer.Position           { return e.Pos }
func (e *CastExpr) Position() lexer.Position       { return e.Pos }
func (e *FuncCall) Position() lexer.Position       { return e.Pos }
func (e *RowExpr) Position() lexer.Position        { return e.Pos }

func (*IntegerLit) exprNode()     {}
func (*FloatLit) exprNode()       {}
func (*StringLit) exprNode()      {}
func (*BoolLit) exprNode()        {}
func (*NullLit) exprNode()        {}
func (*TypedLit) exprNode()       {}
func (*ColumnRef) exprNode()      {}
func (*Placeholder) exprNode()    {}
func (*UnaryExpr) exprNode()      {}
func (*BinaryExpr) exprNode()     {}
func (*InListExpr) exprNode()     {}
func (*InSubqueryExpr) exprNode() {}
func (*SubqueryExpr) exprNode()   {}
func (*ExistsExpr) exprNode()     {}
func (*BetweenExpr) exprNode()    {}
func (*LikeExpr) exprNode()       {}
func (*IsNullExpr) exprNode()     {}
func (*IsBoolExpr) exprNode()     {}
func (*CaseExpr) exprNode()       {}
func (*CastExpr) exprNode()       {}
func (*FuncCall) exprNode()       {}
func (*RowExpr) exprNode()        {}
