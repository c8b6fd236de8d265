package parser

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The expression parser: precedence climbing over participle's token
// stream (participle's _examples/expr4 approach). participle calls
// parseExprGrammar wherever the grammar structs capture an Expr; the
// climbing calls back into participle for subqueries. Recursion is bounded:
// tokenize caps the nesting of parentheses and CASE, and the loops below
// cap runs of operators (MaxOperatorRun).

// parseExprGrammar is registered with participle.ParseTypeWith. When the
// next token cannot start an expression it fails without consuming it, so
// participle can still try another alternative.
func parseExprGrammar(lex *lexer.PeekingLexer) (Expr, error) {
	if t := lex.Peek(); !startsExpr(t) {
		return nil, expected("expression", t)
	}
	p := exprParser{lex: lex, afterDefault: afterDefault(lex)}
	return p.expr(precOr)
}

// afterDefault reports whether the expression about to be read follows
// DEFAULT, whose value ends before a NOT NULL constraint: in
// "a INT DEFAULT 0 NOT NULL" NOT NULL is not the postfix operator.
func afterDefault(lex *lexer.PeekingLexer) bool {
	c := lex.RawCursor()
	if c == 0 {
		return false
	}
	prev := lex.Range(c-1, c)
	return len(prev) == 1 && isKw(&prev[0], "DEFAULT")
}

// parseResultColumn is registered with participle.ParseTypeWith: it reads
// "*", "t.*" or "expr [[AS] alias]".
func parseResultColumn(lex *lexer.PeekingLexer) (ResultColumn, error) {
	p := exprParser{lex: lex}
	t := p.peek()
	if isPunct(t, "*") {
		p.next()
		return &StarColumn{Pos: t.Pos}, nil
	}
	if (t.Type == tokIdent || t.Type == tokQIdent) && isPunct(p.peek2(), ".") {
		cp := lex.MakeCheckpoint()
		p.next()
		p.next()
		if isPunct(p.peek(), "*") {
			p.next()
			return &StarColumn{Pos: t.Pos, Table: Name(unquote(t.Value))}, nil
		}
		lex.LoadCheckpoint(cp)
	}
	if !startsExpr(t) {
		return nil, expected("expression", t)
	}
	x, err := p.expr(precOr)
	if err != nil {
		return nil, err
	}
	col := &ExprColumn{Pos: t.Pos, Expr: x}
	alias := p.peek()
	if isKw(alias, "AS") {
		p.next()
		if alias = p.peek(); alias.Type != tokIdent && alias.Type != tokQIdent {
			return nil, expected("alias", alias)
		}
	}
	if alias.Type == tokIdent || alias.Type == tokQIdent {
		p.next()
		col.Alias = Name(unquote(alias.Value))
	}
	return col, nil
}

// startsExpr reports whether t can be the first token of an expression.
func startsExpr(t *lexer.Token) bool {
	switch t.Type {
	case tokInt, tokFloat, tokString, tokParam, tokIdent, tokQIdent:
		return true
	case tokPunct:
		return t.Value == "(" || t.Value == "-" || t.Value == "+" || t.Value == "~"
	case tokKeyword:
		switch strings.ToUpper(t.Value) {
		case "NOT", "NULL", "TRUE", "FALSE", "CASE", "CAST", "EXISTS", "LEFT", "LIKE", "GLOB":
			return true
		}
	}
	return false
}

// MaxOperatorRun is the longest run of operators the parser accepts in a
// row, as in "a OR b OR ..." or "NOT NOT ...": each adds a level to the
// tree, and SQLite too rejects expression trees deeper than 1000. Longer
// runs give ErrTooDeep. (IN lists have no such limit.)
const MaxOperatorRun = 1000

func tooManyOperators(t *lexer.Token) *Error {
	return &Error{Pos: t.Pos, Msg: "more than " + strconv.Itoa(MaxOperatorRun) + " operators in a row", Err: ErrTooDeep}
}

type exprParser struct {
	lex          *lexer.PeekingLexer
	afterDefault bool // a DEFAULT value: "NOT NULL" ends it (see afterDefault)
}

func (p *exprParser) peek() *lexer.Token { return p.lex.Peek() }
func (p *exprParser) next() *lexer.Token { return p.lex.Next() }

// peek2 returns the token after the next one.
func (p *exprParser) peek2() *lexer.Token {
	cp := p.lex.MakeCheckpoint()
	p.lex.Next()
	t := p.lex.Peek()
	p.lex.LoadCheckpoint(cp)
	return t
}

func isKw(t *lexer.Token, word string) bool {
	return t.Type == tokKeyword && strings.EqualFold(t.Value, word)
}

func isPunct(t *lexer.Token, s string) bool { return t.Type == tokPunct && t.Value == s }

// expectKw consumes the keyword word or fails.
func (p *exprParser) expectKw(word string) error {
	if t := p.peek(); !isKw(t, word) {
		return expected(word, t)
	}
	p.next()
	return nil
}

// expectPunct consumes the punctuation s or fails.
func (p *exprParser) expectPunct(s string) error {
	if t := p.peek(); !isPunct(t, s) {
		return expected(`"`+s+`"`, t)
	}
	p.next()
	return nil
}

// expr parses an expression whose binary operators bind at least as
// tightly as minPrec.
func (p *exprParser) expr(minPrec int) (Expr, error) {
	x, err := p.unary()
	if err != nil {
		return nil, err
	}
	for n := 1; ; n++ {
		t := p.peek()
		if n > MaxOperatorRun && (binaryOpOf(t) != 0 || startsPostfix(t)) {
			return nil, tooManyOperators(t)
		}
		if minPrec <= precEq {
			y, ok, err := p.postfix(x)
			if err != nil {
				return nil, err
			}
			if ok {
				x = y
				continue
			}
		}
		op := binaryOpOf(t)
		if op == 0 || op.Precedence() < minPrec {
			return x, nil
		}
		p.next()
		y, err := p.expr(op.Precedence() + 1)
		if err != nil {
			return nil, err
		}
		x = &BinaryExpr{Pos: x.Position(), OpPos: t.Pos, Op: op, L: x, R: y}
	}
}

// binaryOpOf maps a token to the infix operator it spells (0 if none). IS
// and the NOT forms are handled by postfix.
func binaryOpOf(t *lexer.Token) BinaryOp {
	switch t.Type {
	case tokKeyword:
		switch strings.ToUpper(t.Value) {
		case "OR":
			return OpOr
		case "AND":
			return OpAnd
		}
	case tokPunct:
		switch t.Value {
		case "=", "==":
			return OpEq
		case "<>", "!=":
			return OpNe
		case "<":
			return OpLt
		case "<=":
			return OpLe
		case ">":
			return OpGt
		case ">=":
			return OpGe
		case "&":
			return OpBitAnd
		case "|":
			return OpBitOr
		case "<<":
			return OpShl
		case ">>":
			return OpShr
		case "+":
			return OpAdd
		case "-":
			return OpSub
		case "*":
			return OpMul
		case "/":
			return OpDiv
		case "%":
			return OpMod
		case "||":
			return OpConcat
		}
	}
	return 0
}

// postfix parses the forms that bind like "=" and follow their left
// operand x: IS [NOT] ..., ISNULL, NOTNULL, [NOT] IN, [NOT] LIKE,
// [NOT] GLOB, [NOT] BETWEEN. ok is false
// (and nothing consumed) when the next tokens are none of these.
func (p *exprParser) postfix(x Expr) (y Expr, ok bool, err error) {
	t := p.peek()
	if isKw(t, "IS") {
		y, err = p.isForm(x)
		return y, true, err
	}
	if isKw(t, "ISNULL") || isKw(t, "NOTNULL") { // SQLite's postfix spellings
		p.next()
		return &IsNullExpr{Pos: x.Position(), X: x, Not: isKw(t, "NOTNULL")}, true, nil
	}
	not := false
	if isKw(t, "NOT") && isKw(p.peek2(), "NULL") && !p.afterDefault { // x NOT NULL, as NOTNULL
		p.next()
		p.next()
		return &IsNullExpr{Pos: x.Position(), X: x, Not: true}, true, nil
	}
	if isKw(t, "NOT") {
		t2 := p.peek2()
		if !isKw(t2, "IN") && !isKw(t2, "LIKE") && !isKw(t2, "GLOB") && !isKw(t2, "BETWEEN") {
			return nil, false, nil
		}
		p.next()
		not, t = true, t2
	}
	switch {
	case isKw(t, "IN"):
		y, err = p.inForm(x, not)
	case isKw(t, "LIKE"), isKw(t, "GLOB"):
		y, err = p.likeForm(x, not)
	case isKw(t, "BETWEEN"):
		y, err = p.betweenForm(x, not)
	default:
		return nil, false, nil
	}
	return y, true, err
}

// startsPostfix reports whether t can start one of postfix's forms.
func startsPostfix(t *lexer.Token) bool {
	return isKw(t, "IS") || isKw(t, "ISNULL") || isKw(t, "NOTNULL") || isKw(t, "NOT") || isKw(t, "IN") || isKw(t, "LIKE") || isKw(t, "GLOB") || isKw(t, "BETWEEN")
}

// isForm parses "IS [NOT] NULL|TRUE|FALSE|expr" after x.
func (p *exprParser) isForm(x Expr) (Expr, error) {
	isTok := p.next()
	not := false
	if isKw(p.peek(), "NOT") {
		p.next()
		not = true
	}
	t := p.peek()
	switch {
	case isKw(t, "NULL"):
		p.next()
		return &IsNullExpr{Pos: x.Position(), X: x, Not: not}, nil
	}
	y, err := p.expr(precEq + 1)
	if err != nil {
		return nil, err
	}
	if b, ok := y.(*BoolLit); ok && (isKw(t, "TRUE") || isKw(t, "FALSE")) {
		// IS TRUE alone; in "x IS TRUE % 2" TRUE is an operand, as in SQLite
		return &IsBoolExpr{Pos: x.Position(), X: x, Not: not, Value: b.Value}, nil
	}
	op := OpIs
	if not {
		op = OpIsNot
	}
	return &BinaryExpr{Pos: x.Position(), OpPos: isTok.Pos, Op: op, L: x, R: y}, nil
}

// inForm parses "IN (list)", "IN (SELECT ...)" or SQLite's "IN table"
// (read as "IN (SELECT * FROM table)") after x.
func (p *exprParser) inForm(x Expr, not bool) (Expr, error) {
	p.next() // IN
	if t := p.peek(); t.Type == tokIdent || t.Type == tokQIdent {
		p.next()
		sel := &SelectStmt{Pos: t.Pos, Core: &SelectCore{Pos: t.Pos,
			Columns: []ResultColumn{&StarColumn{Pos: t.Pos}},
			From:    &FromClause{Pos: t.Pos, Table: &TableName{Pos: t.Pos, Name: Name(unquote(t.Value))}}}}
		return &InSubqueryExpr{Pos: x.Position(), X: x, Not: not, Select: sel}, nil
	}
	if err := p.expectPunct("("); err != nil {
		return nil, err
	}
	if isKw(p.peek(), "SELECT") {
		sel, err := p.subqueryRest()
		if err != nil {
			return nil, err
		}
		return &InSubqueryExpr{Pos: x.Position(), X: x, Not: not, Select: sel}, nil
	}
	list, err := p.listRest()
	if err != nil {
		return nil, err
	}
	return &InListExpr{Pos: x.Position(), X: x, Not: not, List: list}, nil
}

// listRest parses "e, e, ...)" (possibly just ")") after an opening "(".
func (p *exprParser) listRest() ([]Expr, error) {
	var list []Expr
	if isPunct(p.peek(), ")") {
		p.next()
		return list, nil
	}
	for {
		e, err := p.expr(precOr)
		if err != nil {
			return nil, err
		}
		list = append(list, e)
		if t := p.peek(); !isPunct(t, ",") {
			if !isPunct(t, ")") {
				return nil, expected(`"," or ")"`, t)
			}
			p.next()
			return list, nil
		}
		p.next()
	}
}

// subqueryRest parses "SELECT ...)" after an opening "(".
func (p *exprParser) subqueryRest() (*SelectStmt, error) {
	sel, err := selectParser.ParseFromLexer(p.lex, participle.AllowTrailing(true))
	if err != nil {
		return nil, err
	}
	if err := p.expectPunct(")"); err != nil {
		return nil, err
	}
	return sel, nil
}

// likeForm parses "LIKE pattern [ESCAPE e]" or "GLOB pattern [ESCAPE e]"
// after x.
func (p *exprParser) likeForm(x Expr, not bool) (Expr, error) {
	op := p.next() // LIKE or GLOB
	pat, err := p.expr(precEq + 1)
	if err != nil {
		return nil, err
	}
	like := &LikeExpr{Pos: x.Position(), X: x, Not: not, Glob: isKw(op, "GLOB"), Pattern: pat}
	if isKw(p.peek(), "ESCAPE") {
		p.next()
		if like.Escape, err = p.expr(precEq + 1); err != nil {
			return nil, err
		}
	}
	return like, nil
}

// betweenForm parses "BETWEEN lo AND hi" after x.
func (p *exprParser) betweenForm(x Expr, not bool) (Expr, error) {
	p.next() // BETWEEN
	lo, err := p.expr(precEq + 1)
	if err != nil {
		return nil, err
	}
	if err := p.expectKw("AND"); err != nil {
		return nil, err
	}
	hi, err := p.expr(precEq + 1)
	if err != nil {
		return nil, err
	}
	return &BetweenExpr{Pos: x.Position(), X: x, Not: not, Lo: lo, Hi: hi}, nil
}

// unary parses prefix operators then a primary. A run of NOTs takes an
// operand at NOT's level (NOT a = b is NOT (a = b)); - + ~ bind tightest.
// Runs are read in a loop, so "NOT NOT ... x" does not recurse.
func (p *exprParser) unary() (Expr, error) {
	var ops []*lexer.Token
	minPrec := precPrimary
	if isKw(p.peek(), "NOT") {
		for isKw(p.peek(), "NOT") {
			ops = append(ops, p.next())
		}
		minPrec = precNot
	}
	for t := p.peek(); minPrec == precPrimary && unaryOpOf(t) != 0; t = p.peek() {
		ops = append(ops, p.next())
	}
	var x Expr
	var err error
	if minPrec == precNot {
		x, err = p.expr(precNot)
	} else {
		x, err = p.primary()
	}
	if err != nil {
		return nil, err
	}
	if len(ops) > MaxOperatorRun {
		return nil, tooManyOperators(ops[MaxOperatorRun])
	}
	for i := len(ops) - 1; i >= 0; i-- {
		x = &UnaryExpr{Pos: ops[i].Pos, Op: unaryOpOf(ops[i]), X: x}
	}
	return x, nil
}

func unaryOpOf(t *lexer.Token) UnaryOp {
	switch {
	case isKw(t, "NOT"):
		return OpNot
	case isPunct(t, "-"):
		return OpNeg
	case isPunct(t, "+"):
		return OpPlus
	case isPunct(t, "~"):
		return OpBitNot
	}
	return 0
}

// primary parses a literal, name, call, parenthesized expression,
// subquery, CASE, CAST or EXISTS.
func (p *exprParser) primary() (Expr, error) {
	t := p.peek()
	switch t.Type {
	case tokInt:
		p.next()
		return &IntegerLit{Pos: t.Pos, Text: t.Value}, nil
	case tokFloat:
		p.next()
		return &FloatLit{Pos: t.Pos, Text: t.Value}, nil
	case tokString:
		p.next()
		return &StringLit{Pos: t.Pos, Value: unquote(t.Value)}, nil
	case tokParam:
		p.next()
		return &Placeholder{Pos: t.Pos, Text: t.Value}, nil
	case tokIdent, tokQIdent:
		return p.name()
	case tokKeyword:
		return p.keywordPrimary(t)
	case tokPunct:
		if t.Value == "(" {
			return p.parenthesized()
		}
	}
	return nil, expected("expression", t)
}

// keywordPrimary parses the primaries that start with a reserved word.
func (p *exprParser) keywordPrimary(t *lexer.Token) (Expr, error) {
	switch strings.ToUpper(t.Value) {
	case "NULL":
		p.next()
		return &NullLit{Pos: t.Pos}, nil
	case "TRUE", "FALSE":
		p.next()
		return &BoolLit{Pos: t.Pos, Value: isKw(t, "TRUE")}, nil
	case "CASE":
		return p.caseExpr()
	case "CAST":
		return p.castExpr()
	case "EXISTS":
		p.next()
		if err := p.expectPunct("("); err != nil {
			return nil, err
		}
		if t := p.peek(); !isKw(t, "SELECT") {
			return nil, expected("SELECT", t)
		}
		sel, err := p.subqueryRest()
		if err != nil {
			return nil, err
		}
		return &ExistsExpr{Pos: t.Pos, Select: sel}, nil
	case "LEFT", "LIKE", "GLOB": // callableKeywords: left(s, n), like(p, s), glob(p, s)
		if isPunct(p.peek2(), "(") {
			return p.name()
		}
	}
	return nil, expected("expression", t)
}

// typedLiteralTypes are the words that make a typed literal before a string.
var typedLiteralTypes = map[string]bool{"DATE": true, "TIME": true, "TIMESTAMP": true}

// name parses what starts with an identifier: a typed literal (DATE
// '...'), a function call, or a column reference.
func (p *exprParser) name() (Expr, error) {
	t := p.next()
	up := strings.ToUpper(t.Value)
	switch next := p.peek(); {
	case t.Type == tokIdent && typedLiteralTypes[up] && next.Type == tokString:
		p.next()
		return &TypedLit{Pos: t.Pos, Type: up, Value: unquote(next.Value)}, nil
	case isPunct(next, "("):
		return p.call(t)
	case isPunct(next, "."):
		p.next()
		col := p.peek()
		if col.Type != tokIdent && col.Type != tokQIdent {
			return nil, expected("column name", col)
		}
		p.next()
		return &ColumnRef{Pos: t.Pos, Table: Name(unquote(t.Value)), Column: Name(unquote(col.Value))}, nil
	}
	return &ColumnRef{Pos: t.Pos, Column: Name(unquote(t.Value))}, nil
}

// call parses "(args)", "(DISTINCT args)" or "(*)" after a function name.
func (p *exprParser) call(name *lexer.Token) (Expr, error) {
	p.next() // (
	f := &FuncCall{Pos: name.Pos, Name: Name(unquote(name.Value))}
	switch t := p.peek(); {
	case isPunct(t, "*"):
		p.next()
		f.Star = true
		if err := p.expectPunct(")"); err != nil {
			return nil, err
		}
		return f, p.filterOver(f)
	case isKw(t, "DISTINCT"):
		p.next()
		f.Distinct = true
		if isPunct(p.peek(), ")") {
			return nil, expected("expression", p.peek())
		}
	case isKw(t, "ALL"):
		p.next()
	}
	args, err := p.listRest()
	if err != nil {
		return nil, err
	}
	f.Args = args
	return f, p.filterOver(f)
}

// filterOver parses what may follow a call: FILTER (WHERE ...), then
// OVER (window).
func (p *exprParser) filterOver(f *FuncCall) error {
	if err := p.filter(f); err != nil {
		return err
	}
	if t := p.peek(); !isWordTok(t, "OVER") || !isPunct(p.peek2(), "(") {
		return nil
	}
	p.next()
	w, err := p.windowSpec()
	f.Over = w
	return err
}

// isWordTok reports whether t is the word w (any case), reserved or not.
func isWordTok(t *lexer.Token, w string) bool {
	return (t.Type == tokIdent || t.Type == tokKeyword) && strings.EqualFold(t.Value, w)
}

// expectWord consumes the word w (reserved or not) or fails.
func (p *exprParser) expectWord(w string) error {
	if t := p.peek(); !isWordTok(t, w) {
		return expected(w, t)
	}
	p.next()
	return nil
}

// windowSpec parses "([PARTITION BY e, ...] [ORDER BY t, ...] [frame])".
func (p *exprParser) windowSpec() (*WindowSpec, error) {
	w := &WindowSpec{Pos: p.next().Pos} // (
	if isWordTok(p.peek(), "PARTITION") {
		p.next()
		if err := p.expectKw("BY"); err != nil {
			return nil, err
		}
		for {
			e, err := p.expr(precOr)
			if err != nil {
				return nil, err
			}
			w.PartitionBy = append(w.PartitionBy, e)
			if !isPunct(p.peek(), ",") {
				break
			}
			p.next()
		}
	}
	if isKw(p.peek(), "ORDER") {
		p.next()
		if err := p.expectKw("BY"); err != nil {
			return nil, err
		}
		for {
			o, err := p.orderingTerm()
			if err != nil {
				return nil, err
			}
			w.OrderBy = append(w.OrderBy, o)
			if !isPunct(p.peek(), ",") {
				break
			}
			p.next()
		}
	}
	if t := p.peek(); isWordTok(t, "ROWS") || isWordTok(t, "RANGE") {
		p.next()
		fr := &WindowFrame{Pos: t.Pos, Range: isWordTok(t, "RANGE")}
		var err error
		if isKw(p.peek(), "BETWEEN") {
			p.next()
			if fr.Start, err = p.frameBound(); err != nil {
				return nil, err
			}
			if err := p.expectKw("AND"); err != nil {
				return nil, err
			}
			if fr.End, err = p.frameBound(); err != nil {
				return nil, err
			}
		} else {
			if fr.Start, err = p.frameBound(); err != nil {
				return nil, err
			}
			fr.End = FrameBound{Kind: BoundCurrentRow}
		}
		w.Frame = fr
	}
	return w, p.expectPunct(")")
}

// orderingTerm parses "expr [ASC|DESC] [NULLS FIRST|LAST]".
func (p *exprParser) orderingTerm() (*OrderingTerm, error) {
	pos := p.peek().Pos
	e, err := p.expr(precOr)
	if err != nil {
		return nil, err
	}
	o := &OrderingTerm{Pos: pos, Expr: e}
	if t := p.peek(); isWordTok(t, "DESC") || isWordTok(t, "ASC") {
		p.next()
		o.Desc = isWordTok(t, "DESC")
	}
	if isWordTok(p.peek(), "NULLS") {
		p.next()
		switch t := p.peek(); {
		case isWordTok(t, "FIRST"):
			o.Nulls = NullsFirst
		case isWordTok(t, "LAST"):
			o.Nulls = NullsLast
		default:
			return nil, expected("FIRST or LAST", t)
		}
		p.next()
	}
	return o, nil
}

// frameBound parses "UNBOUNDED PRECEDING|FOLLOWING", "CURRENT ROW" or
// "expr PRECEDING|FOLLOWING".
func (p *exprParser) frameBound() (FrameBound, error) {
	t := p.peek()
	switch {
	case isWordTok(t, "UNBOUNDED"):
		p.next()
		if isWordTok(p.peek(), "PRECEDING") {
			p.next()
			return FrameBound{Kind: BoundUnboundedPreceding}, nil
		}
		if err := p.expectWord("FOLLOWING"); err != nil {
			return FrameBound{}, err
		}
		return FrameBound{Kind: BoundUnboundedFollowing}, nil
	case isWordTok(t, "CURRENT"):
		p.next()
		return FrameBound{Kind: BoundCurrentRow}, p.expectWord("ROW")
	}
	e, err := p.expr(precOr)
	if err != nil {
		return FrameBound{}, err
	}
	if isWordTok(p.peek(), "PRECEDING") {
		p.next()
		return FrameBound{Kind: BoundPreceding, Offset: e}, nil
	}
	if err := p.expectWord("FOLLOWING"); err != nil {
		return FrameBound{}, err
	}
	return FrameBound{Kind: BoundFollowing, Offset: e}, nil
}

// filter parses an aggregate's "FILTER (WHERE cond)" after a call, if
// there: FILTER is not reserved, so only FILTER followed by "(" starts
// one ("SELECT count(*) filter FROM t" names the column filter).
func (p *exprParser) filter(f *FuncCall) error {
	if t := p.peek(); t.Type != tokIdent || !strings.EqualFold(t.Value, "FILTER") || !isPunct(p.peek2(), "(") {
		return nil
	}
	p.next()
	p.next()
	if err := p.expectKw("WHERE"); err != nil {
		return err
	}
	cond, err := p.expr(precOr)
	if err != nil {
		return err
	}
	f.Filter = cond
	return p.expectPunct(")")
}

// parenthesized parses "(expr)", a row value "(expr, expr, ...)" or a
// scalar subquery "(SELECT ...)".
func (p *exprParser) parenthesized() (Expr, error) {
	open := p.next()
	if isKw(p.peek(), "SELECT") {
		sel, err := p.subqueryRest()
		if err != nil {
			return nil, err
		}
		return &SubqueryExpr{Pos: open.Pos, Select: sel}, nil
	}
	x, err := p.expr(precOr)
	if err != nil {
		return nil, err
	}
	if isPunct(p.peek(), ",") {
		p.next()
		if t := p.peek(); isPunct(t, ")") {
			return nil, expected("expression", t)
		}
		rest, err := p.listRest()
		if err != nil {
			return nil, err
		}
		return &RowExpr{Pos: open.Pos, Elems: append([]Expr{x}, rest...)}, nil
	}
	return x, p.expectPunct(")")
}

// caseExpr parses "CASE [x] WHEN c THEN r ... [ELSE e] END".
func (p *exprParser) caseExpr() (Expr, error) {
	c := &CaseExpr{Pos: p.next().Pos}
	var err error
	if t := p.peek(); !isKw(t, "WHEN") {
		if !startsExpr(t) {
			return nil, expected("WHEN", t)
		}
		if c.Operand, err = p.expr(precOr); err != nil {
			return nil, err
		}
	}
	if t := p.peek(); !isKw(t, "WHEN") {
		return nil, expected("WHEN", t)
	}
	for isKw(p.peek(), "WHEN") {
		w := &When{Pos: p.next().Pos}
		if w.Cond, err = p.expr(precOr); err != nil {
			return nil, err
		}
		if err = p.expectKw("THEN"); err != nil {
			return nil, err
		}
		if w.Result, err = p.expr(precOr); err != nil {
			return nil, err
		}
		c.Whens = append(c.Whens, w)
	}
	if isKw(p.peek(), "ELSE") {
		p.next()
		if c.Else, err = p.expr(precOr); err != nil {
			return nil, err
		}
	}
	if t := p.peek(); !isKw(t, "END") {
		return nil, expected("WHEN, ELSE or END", t)
	}
	p.next()
	return c, nil
}

// castExpr parses "CAST(x AS type)".
func (p *exprParser) castExpr() (Expr, error) {
	c := &CastExpr{Pos: p.next().Pos}
	if err := p.expectPunct("("); err != nil {
		return nil, err
	}
	var err error
	if c.X, err = p.expr(precOr); err != nil {
		return nil, err
	}
	if err := p.expectKw("AS"); err != nil {
		return nil, err
	}
	c.Type = &TypeName{}
	if err := c.Type.parse(p.lex); err != nil {
		return nil, err
	}
	return c, p.expectPunct(")")
}

// Parse implements participle.Parseable: "WORD... [(n [, n])]".
func (t *TypeName) Parse(lex *lexer.PeekingLexer) error {
	if lex.Peek().Type != tokIdent {
		return participle.NextMatch
	}
	return t.parse(lex)
}

func (t *TypeName) parse(lex *lexer.PeekingLexer) error {
	first := lex.Peek()
	if first.Type != tokIdent {
		return expected("type name", first)
	}
	t.Pos = first.Pos
	var words []string
	for lex.Peek().Type == tokIdent {
		words = append(words, lex.Next().Value)
	}
	t.Name = strings.Join(words, " ")
	if !isPunct(lex.Peek(), "(") {
		return nil
	}
	lex.Next()
	for {
		n := lex.Peek()
		if n.Type != tokInt {
			return expected("integer", n)
		}
		t.Params = append(t.Params, lex.Next().Value)
		switch sep := lex.Peek(); {
		case isPunct(sep, ")"):
			lex.Next()
			return nil
		case !isPunct(sep, ","):
			return expected(`"," or ")"`, sep)
		}
		lex.Next()
	}
}

// Parse implements participle.Parseable: "LIMIT n [OFFSET m]" or "LIMIT m, n".
func (l *Limit) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	if !isKw(t, "LIMIT") {
		return participle.NextMatch
	}
	lex.Next()
	l.Pos = t.Pos
	p := exprParser{lex: lex}
	var err error
	if l.Count, err = p.expr(precOr); err != nil {
		return err
	}
	switch sep := lex.Peek(); {
	case isKw(sep, "OFFSET"):
		lex.Next()
		l.Offset, err = p.expr(precOr)
	case isPunct(sep, ","):
		lex.Next()
		l.Offset = l.Count
		l.Count, err = p.expr(precOr)
	}
	return err
}
