package matchspec

import (
	"fmt"

	"github.com/etsql/etsql/term"
)

// A small parser of Erlang fun expressions, `fun(Pattern) when Guard ->
// Body; ... end`, building the tree erl_parse builds for the parts that
// ms_transform translates. Constructs it cannot translate (case, if,
// receive, try, begin/end, nested funs, catch, comprehensions) are read
// only far enough to skip them and kept as an elementNode, so that the
// translation rejects them with ms_transform's message. Each node keeps
// the position erl_parse gives it (an operator's is the operator's, a
// remote call's the colon's), which is where errors point.

// funNode is a node of a fun's syntax tree.
type funNode interface{ position() term.Position }

type nodePos struct{ pos term.Position }

func (n nodePos) position() term.Position { return n.pos }

type (
	// litNode: an integer, character, float, atom, string or binary.
	litNode struct {
		nodePos
		val      term.Term
		isString bool // a string literal: erl_parse's {string, ...}, never folded
	}
	nilNode struct{ nodePos } // []
	varNode struct {
		nodePos
		name string
	}
	tupleNode struct {
		nodePos
		elems []funNode
	}
	consNode struct {
		nodePos
		head, tail funNode
	}
	// mapNode: #{K => V, K := V}; base is the map updated, nil when built.
	mapNode struct {
		nodePos
		base   funNode
		fields []mapField
	}
	// opNode: a binary (right non-nil) or unary operator application.
	opNode struct {
		nodePos
		op          string
		left, right funNode
	}
	matchNode struct { // Left = Right
		nodePos
		left, right funNode
	}
	// callNode: F(Args) or M:F(Args); module is nil for a local call.
	callNode struct {
		nodePos
		module, fun funNode
		args        []funNode
	}
	// recordNode: #name{field = V}, Base#name{...}, Base#name.field or
	// #name.field (then index is set).
	recordNode struct {
		nodePos
		base   funNode
		name   string
		fields []recordField
		field  string // the field accessed, for Base#name.field and #name.field
		access bool   // Base#name.field or #name.field
		nameAt term.Position
	}
	// binNode: a binary with segments that are not all literals (a
	// literal binary is a litNode).
	binNode struct {
		nodePos
		segs []binSegment
	}
	// elementNode: a language element ms_transform cannot translate.
	elementNode struct {
		nodePos
		element string // as ms_transform names it: "case", "list comprehension", ...
	}
)

type mapField struct {
	pos        term.Position
	key, value funNode
	exact      bool // K := V
}

// binSegment is Value[:Size][/Types]; size is nil when absent.
type binSegment struct {
	value, size funNode
}

type recordField struct {
	name  string // "_" for the `_ = V` default
	value funNode
}

// funClause is one clause of a fun: (Params) when Guards -> Body.
type funClause struct {
	pos    term.Position // its '('
	params []funNode
	guards [][]funNode // alternatives separated by ';', tests by ','
	body   []funNode
}

// startPos returns the position of the first token of n's text, which
// erl_parse gives matches and calls (parentheses aside).
func startPos(n funNode) term.Position {
	for {
		switch m := n.(type) {
		case *opNode:
			if m.right == nil {
				return m.pos
			}
			n = m.left
		case *callNode:
			if m.module != nil {
				n = m.module
			} else {
				n = m.fun
			}
		case *mapNode:
			if m.base == nil {
				return m.pos
			}
			n = m.base
		case *recordNode:
			if m.base == nil {
				return m.pos
			}
			n = m.base
		default:
			return n.position()
		}
	}
}

// funParser reads a fun from Erlang text.
type funParser struct {
	p     *term.Parser
	depth int
}

func (fp *funParser) peek() (term.Token, error) { return fp.p.Peek() }
func (fp *funParser) next() (term.Token, error) { return fp.p.Next() }

// isTok reports whether tok is the punctuation or keyword text.
func isTok(tok term.Token, text string) bool {
	return (tok.Kind == term.TokenPunct || tok.Kind == term.TokenKeyword || tok.Kind == term.TokenDot) && tok.Text == text
}

// peekIs reports whether the next token is the punctuation or keyword text.
func (fp *funParser) peekIs(text string) (bool, error) {
	tok, err := fp.peek()
	return err == nil && isTok(tok, text), err
}

func syntaxErr(tok term.Token, want string) error {
	return &term.SyntaxError{Pos: tok.Pos, Msg: "expected " + want + ", found " + tok.String()}
}

func (fp *funParser) expect(text string) (term.Token, error) {
	tok, err := fp.next()
	if err != nil {
		return tok, err
	}
	if !isTok(tok, text) {
		return tok, syntaxErr(tok, "'"+text+"'")
	}
	return tok, nil
}

// enter counts one more level of nesting, refusing more than term.MaxDepth.
func (fp *funParser) enter(pos term.Position) error {
	fp.depth++
	if fp.depth > term.MaxDepth {
		return &term.SyntaxError{Pos: pos, Msg: fmt.Sprintf("expressions nested deeper than %d", term.MaxDepth), Err: term.ErrTooDeep}
	}
	return nil
}

// parseFunText reads `fun (...) ... end`, optionally followed by '.', and
// nothing else.
func parseFunText(text string) (term.Position, []funClause, error) {
	fp := &funParser{p: term.NewParser(text)}
	tok, err := fp.next()
	if err != nil {
		return term.Position{}, nil, err
	}
	if !isTok(tok, "fun") {
		return tok.Pos, nil, syntaxErr(tok, "'fun'")
	}
	clauses, err := fp.funClauses()
	if err != nil {
		return tok.Pos, nil, err
	}
	end, err := fp.next()
	if err == nil && end.Kind == term.TokenDot {
		end, err = fp.next()
	}
	if err != nil {
		return tok.Pos, nil, err
	}
	if end.Kind != term.TokenEOF {
		return tok.Pos, nil, syntaxErr(end, "end of input")
	}
	return tok.Pos, clauses, nil
}

// funClauses reads the clauses after `fun`, up to and including `end`.
func (fp *funParser) funClauses() ([]funClause, error) {
	var clauses []funClause
	for {
		c, err := fp.funClause()
		if err != nil {
			return nil, err
		}
		clauses = append(clauses, c)
		tok, err := fp.next()
		if err != nil {
			return nil, err
		}
		switch {
		case isTok(tok, ";"):
			continue
		case isTok(tok, "end"):
			return clauses, nil
		}
		return nil, syntaxErr(tok, "',', ';' or 'end'")
	}
}

func (fp *funParser) funClause() (funClause, error) {
	var c funClause
	open, err := fp.expect("(")
	if err != nil {
		return c, err
	}
	c.pos = open.Pos
	if c.params, err = fp.exprsUntil(")"); err != nil {
		return c, err
	}
	if ok, err := fp.peekIs("when"); err != nil {
		return c, err
	} else if ok {
		fp.next()
		if c.guards, err = fp.guardSeq(); err != nil {
			return c, err
		}
	}
	if _, err := fp.expect("->"); err != nil {
		return c, err
	}
	c.body, err = fp.exprs()
	return c, err
}

// guardSeq reads guards separated by ';', each tests separated by ','.
func (fp *funParser) guardSeq() ([][]funNode, error) {
	var seq [][]funNode
	for {
		g, err := fp.exprs()
		if err != nil {
			return nil, err
		}
		seq = append(seq, g)
		if ok, err := fp.peekIs(";"); err != nil || !ok {
			return seq, err
		}
		fp.next()
	}
}

// exprs reads one or more expressions separated by ','.
func (fp *funParser) exprs() ([]funNode, error) {
	var out []funNode
	for {
		e, err := fp.expr()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
		if ok, err := fp.peekIs(","); err != nil || !ok {
			return out, err
		}
		fp.next()
	}
}

// exprsUntil reads zero or more expressions separated by ',' and the
// closing token.
func (fp *funParser) exprsUntil(closing string) ([]funNode, error) {
	if ok, err := fp.peekIs(closing); err != nil {
		return nil, err
	} else if ok {
		fp.next()
		return nil, nil
	}
	out, err := fp.exprs()
	if err != nil {
		return nil, err
	}
	tok, err := fp.next()
	if err != nil {
		return nil, err
	}
	if !isTok(tok, closing) {
		return nil, syntaxErr(tok, "',' or '"+closing+"'")
	}
	return out, nil
}

// expr reads an expression: `catch E` or expr100.
func (fp *funParser) expr() (funNode, error) {
	tok, err := fp.peek()
	if err != nil {
		return nil, err
	}
	if err := fp.enter(tok.Pos); err != nil {
		return nil, err
	}
	defer func() { fp.depth-- }()
	if isTok(tok, "catch") {
		fp.next()
		if _, err := fp.expr(); err != nil {
			return nil, err
		}
		return &elementNode{nodePos{tok.Pos}, "catch"}, nil
	}
	return fp.expr100()
}

// expr100: E150 = E100 | E150 ! E100 (right associative).
func (fp *funParser) expr100() (funNode, error) {
	left, err := fp.binaryLevel(1)
	if err != nil {
		return nil, err
	}
	tok, err := fp.peek()
	if err != nil {
		return nil, err
	}
	if isTok(tok, "=") || isTok(tok, "!") {
		fp.next()
		right, err := fp.expr()
		if err != nil {
			return nil, err
		}
		if tok.Text == "=" { // erl_parse places a match at its first token
			return &matchNode{nodePos{startPos(left)}, left, right}, nil
		}
		return &opNode{nodePos{tok.Pos}, "!", left, right}, nil
	}
	return left, nil
}

// binaryLevels are Erlang's binary operator levels above '=' and '!',
// loosest first: orelse, andalso, comparison, list, additive,
// multiplicative.
var binaryLevels = []struct {
	ops   map[string]bool
	assoc int // 1 right, 0 none, -1 left
}{
	{map[string]bool{"orelse": true}, 1},
	{map[string]bool{"andalso": true}, 1},
	{map[string]bool{"==": true, "/=": true, "=<": true, "<": true, ">=": true, ">": true, "=:=": true, "=/=": true}, 0},
	{map[string]bool{"++": true, "--": true}, 1},
	{map[string]bool{"+": true, "-": true, "bor": true, "bxor": true, "bsl": true, "bsr": true, "or": true, "xor": true}, -1},
	{map[string]bool{"*": true, "/": true, "div": true, "rem": true, "band": true, "and": true}, -1},
}

// binaryLevel reads an expression at level i of binaryLevels (1-based;
// past the last, a prefix expression).
func (fp *funParser) binaryLevel(i int) (funNode, error) {
	if i > len(binaryLevels) {
		return fp.prefix()
	}
	level := binaryLevels[i-1]
	left, err := fp.binaryLevel(i + 1)
	if err != nil {
		return nil, err
	}
	for {
		tok, err := fp.peek()
		if err != nil {
			return nil, err
		}
		if (tok.Kind != term.TokenPunct && tok.Kind != term.TokenKeyword) || !level.ops[tok.Text] {
			return left, nil
		}
		fp.next()
		if err := fp.enter(tok.Pos); err != nil {
			return nil, err
		}
		next := i + 1
		if level.assoc == 1 {
			next = i
		}
		right, err := fp.binaryLevel(next)
		fp.depth--
		if err != nil {
			return nil, err
		}
		left = &opNode{nodePos{tok.Pos}, tok.Text, left, right}
		if level.assoc != -1 {
			return left, nil
		}
	}
}

// prefix: a unary + - bnot not applied to a prefix expression, or a
// postfix one.
func (fp *funParser) prefix() (funNode, error) {
	tok, err := fp.peek()
	if err != nil {
		return nil, err
	}
	if isTok(tok, "+") || isTok(tok, "-") || isTok(tok, "bnot") || isTok(tok, "not") {
		fp.next()
		if err := fp.enter(tok.Pos); err != nil {
			return nil, err
		}
		operand, err := fp.prefix()
		fp.depth--
		if err != nil {
			return nil, err
		}
		return &opNode{nodePos{tok.Pos}, tok.Text, operand, nil}, nil
	}
	return fp.postfix()
}

// postfix: a primary followed by map updates and record accesses
// (E#{...}, E#r{...}, E#r.f), then a remote part and a call.
func (fp *funParser) postfix() (funNode, error) {
	e, err := fp.primary()
	if err != nil {
		return nil, err
	}
	for {
		tok, err := fp.peek()
		if err != nil {
			return nil, err
		}
		if !isTok(tok, "#") {
			break
		}
		fp.next()
		if e, err = fp.hashSuffix(tok, e); err != nil {
			return nil, err
		}
	}
	tok, err := fp.peek()
	if err != nil {
		return nil, err
	}
	var module funNode
	pos := startPos(e) // erl_parse places a call at its first token
	if isTok(tok, ":") {
		fp.next()
		module = e
		if e, err = fp.primary(); err != nil {
			return nil, err
		}
	}
	open, err := fp.peek()
	if err != nil {
		return nil, err
	}
	if !isTok(open, "(") {
		if module != nil {
			return nil, syntaxErr(open, "'('")
		}
		return e, nil
	}
	fp.next()
	args, err := fp.exprsUntil(")")
	if err != nil {
		return nil, err
	}
	return &callNode{nodePos{pos}, module, e, args}, nil
}

// hashSuffix reads what follows '#': a map {...} or a record name with
// {...} or .field; base is the expression before '#' (nil for none).
func (fp *funParser) hashSuffix(hash term.Token, base funNode) (funNode, error) {
	tok, err := fp.peek()
	if err != nil {
		return nil, err
	}
	if isTok(tok, "{") {
		fp.next()
		fields, err := fp.mapFields()
		if err != nil {
			return nil, err
		}
		return &mapNode{nodePos{hash.Pos}, base, fields}, nil
	}
	name, err := fp.next()
	if err != nil {
		return nil, err
	}
	rname, ok := name.Value().AtomName()
	if name.Kind != term.TokenAtom || !ok {
		return nil, syntaxErr(name, "a record name or '{'")
	}
	r := &recordNode{nodePos: nodePos{hash.Pos}, base: base, name: rname, nameAt: name.Pos}
	sep, err := fp.next()
	if err != nil {
		return nil, err
	}
	switch {
	case isTok(sep, "."):
		f, err := fp.next()
		if err != nil {
			return nil, err
		}
		fname, ok := f.Value().AtomName()
		if f.Kind != term.TokenAtom || !ok {
			return nil, syntaxErr(f, "a field name")
		}
		r.field, r.access = fname, true
		return r, nil
	case isTok(sep, "{"):
		r.fields, err = fp.recordFields()
		return r, err
	}
	return nil, syntaxErr(sep, "'{' or '.'")
}

func (fp *funParser) mapFields() ([]mapField, error) {
	if ok, err := fp.peekIs("}"); err != nil {
		return nil, err
	} else if ok {
		fp.next()
		return nil, nil
	}
	var fields []mapField
	for {
		key, err := fp.expr()
		if err != nil {
			return nil, err
		}
		op, err := fp.next()
		if err != nil {
			return nil, err
		}
		if !isTok(op, "=>") && !isTok(op, ":=") {
			return nil, syntaxErr(op, "'=>' or ':='")
		}
		value, err := fp.expr()
		if err != nil {
			return nil, err
		}
		fields = append(fields, mapField{op.Pos, key, value, op.Text == ":="})
		sep, err := fp.next()
		if err != nil {
			return nil, err
		}
		if isTok(sep, "}") {
			return fields, nil
		}
		if !isTok(sep, ",") {
			return nil, syntaxErr(sep, "',' or '}'")
		}
	}
}

func (fp *funParser) recordFields() ([]recordField, error) {
	if ok, err := fp.peekIs("}"); err != nil {
		return nil, err
	} else if ok {
		fp.next()
		return nil, nil
	}
	var fields []recordField
	for {
		name, err := fp.next()
		if err != nil {
			return nil, err
		}
		fname, ok := name.Value().AtomName()
		switch {
		case name.Kind == term.TokenAtom && ok:
		case name.Kind == term.TokenVar && name.Text == "_":
			fname = "_"
		default:
			return nil, syntaxErr(name, "a field name")
		}
		if _, err := fp.expect("="); err != nil {
			return nil, err
		}
		value, err := fp.expr()
		if err != nil {
			return nil, err
		}
		fields = append(fields, recordField{fname, value})
		sep, err := fp.next()
		if err != nil {
			return nil, err
		}
		if isTok(sep, "}") {
			return fields, nil
		}
		if !isTok(sep, ",") {
			return nil, syntaxErr(sep, "',' or '}'")
		}
	}
}

// primary reads a variable, a literal, a tuple, a list, a map or record
// built with '#', a parenthesised expression, or a skipped construct.
func (fp *funParser) primary() (funNode, error) {
	tok, err := fp.peek()
	if err != nil {
		return nil, err
	}
	pos := nodePos{tok.Pos}
	switch tok.Kind {
	case term.TokenVar:
		fp.next()
		return &varNode{pos, tok.Text}, nil
	case term.TokenInteger, term.TokenFloat, term.TokenChar, term.TokenAtom:
		fp.next()
		return &litNode{pos, tok.Value(), false}, nil
	case term.TokenString:
		v, err := fp.p.ParseTerm() // adjacent strings concatenated
		if err != nil {
			return nil, err
		}
		if v.IsNil() {
			v = term.Nil
		}
		return &litNode{pos, v, true}, nil
	case term.TokenPunct, term.TokenKeyword:
	default:
		return nil, syntaxErr(tok, "an expression")
	}
	switch tok.Text {
	case "<<":
		if _, err := term.NewParser(fp.p.Rest()).ParseTerm(); err != nil {
			fp.next()
			return fp.binary(tok)
		}
		v, err := fp.p.ParseTerm() // a literal binary
		if err != nil {
			return nil, err
		}
		return &litNode{pos, v, false}, nil
	case "(":
		fp.next()
		e, err := fp.expr()
		if err != nil {
			return nil, err
		}
		if _, err := fp.expect(")"); err != nil {
			return nil, err
		}
		return e, nil
	case "{":
		fp.next()
		elems, err := fp.exprsUntil("}")
		if err != nil {
			return nil, err
		}
		return &tupleNode{pos, elems}, nil
	case "[":
		fp.next()
		return fp.list(tok)
	case "#":
		fp.next()
		return fp.hashSuffix(tok, nil)
	case "fun":
		fp.next()
		return fp.skipFun(tok)
	case "case", "if", "receive", "try", "begin":
		fp.next()
		if err := fp.skipToEnd(); err != nil {
			return nil, err
		}
		element := tok.Text
		if element == "begin" {
			element = "begin/end block"
		}
		return &elementNode{pos, element}, nil
	}
	return nil, syntaxErr(tok, "an expression")
}

// list reads the rest of a list after '[': [], [E, ...], [E, ... | T] or
// a list comprehension (skipped).
func (fp *funParser) list(open term.Token) (funNode, error) {
	if ok, err := fp.peekIs("]"); err != nil {
		return nil, err
	} else if ok {
		fp.next()
		return &nilNode{nodePos{open.Pos}}, nil
	}
	var elems []funNode
	var tail funNode
	for {
		e, err := fp.expr()
		if err != nil {
			return nil, err
		}
		elems = append(elems, e)
		sep, err := fp.next()
		if err != nil {
			return nil, err
		}
		if isTok(sep, "||") && len(elems) == 1 {
			if err := fp.skipTo("]"); err != nil {
				return nil, err
			}
			return &elementNode{nodePos{open.Pos}, "list comprehension"}, nil
		}
		if isTok(sep, ",") {
			continue
		}
		if isTok(sep, "|") {
			if tail, err = fp.expr(); err != nil {
				return nil, err
			}
			if sep, err = fp.next(); err != nil {
				return nil, err
			}
		}
		if !isTok(sep, "]") {
			return nil, syntaxErr(sep, "',', '|' or ']'")
		}
		break
	}
	// A cons cell per element, the first at the '[' (where a match of the
	// list is placed), the others at their element.
	var out funNode = &nilNode{nodePos{open.Pos}}
	if tail != nil {
		out = tail
	}
	for i := len(elems) - 1; i >= 0; i-- {
		pos := elems[i].position()
		if i == 0 {
			pos = open.Pos
		}
		out = &consNode{nodePos{pos}, elems[i], out}
	}
	return out, nil
}

// binary reads the segments of a binary that is not a literal, after
// '<<', or skips a binary comprehension.
func (fp *funParser) binary(open term.Token) (funNode, error) {
	b := &binNode{nodePos: nodePos{open.Pos}}
	if ok, err := fp.peekIs(">>"); err != nil || ok {
		fp.next()
		return b, err
	}
	for {
		var seg binSegment
		var err error
		if seg.value, err = fp.binValue(); err != nil {
			return nil, err
		}
		if ok, err := fp.peekIs(":"); err != nil {
			return nil, err
		} else if ok {
			fp.next()
			if seg.size, err = fp.primary(); err != nil {
				return nil, err
			}
		}
		if ok, err := fp.peekIs("/"); err != nil {
			return nil, err
		} else if ok {
			fp.next()
			if err := fp.binTypes(); err != nil {
				return nil, err
			}
		}
		b.segs = append(b.segs, seg)
		sep, err := fp.next()
		if err != nil {
			return nil, err
		}
		switch {
		case isTok(sep, "||") && len(b.segs) == 1:
			if err := fp.skipTo(">>"); err != nil {
				return nil, err
			}
			return &elementNode{nodePos{open.Pos}, "binary comprehension"}, nil
		case isTok(sep, ">>"):
			return b, nil
		case !isTok(sep, ","):
			return nil, syntaxErr(sep, "',' or '>>'")
		}
	}
}

// binValue reads a segment's value: a primary, a unary operator applied
// to one, or a comprehension's generator (read as an expression).
func (fp *funParser) binValue() (funNode, error) {
	tok, err := fp.peek()
	if err != nil {
		return nil, err
	}
	if isTok(tok, "+") || isTok(tok, "-") || isTok(tok, "bnot") || isTok(tok, "not") {
		fp.next()
		v, err := fp.primary()
		if err != nil {
			return nil, err
		}
		return &opNode{nodePos{tok.Pos}, tok.Text, v, nil}, nil
	}
	return fp.primary()
}

// binTypes skips a type specifier list: Type[-Type...], each an atom or
// unit:N.
func (fp *funParser) binTypes() error {
	for {
		tok, err := fp.next()
		if err != nil {
			return err
		}
		if tok.Kind != term.TokenAtom {
			return syntaxErr(tok, "a type specifier")
		}
		if ok, err := fp.peekIs(":"); err != nil {
			return err
		} else if ok {
			fp.next()
			if n, err := fp.next(); err != nil {
				return err
			} else if n.Kind != term.TokenInteger {
				return syntaxErr(n, "an integer")
			}
		}
		if ok, err := fp.peekIs("-"); err != nil || !ok {
			return err
		}
		fp.next()
	}
}

// skipFun skips a fun expression after `fun`: fun Name/Arity, fun M:F/A
// or a fun with clauses (named or not).
func (fp *funParser) skipFun(fun term.Token) (funNode, error) {
	tok, err := fp.peek()
	if err != nil {
		return nil, err
	}
	element := "fun"
	switch {
	case isTok(tok, "("):
		err = fp.skipToEnd()
	case tok.Kind == term.TokenVar:
		fp.next()
		if _, err := fp.expect("("); err != nil {
			return nil, err
		}
		element = "named_fun"
		err = fp.skipToEnd()
	default:
		err = fp.skipFunRef()
	}
	if err != nil {
		return nil, err
	}
	return &elementNode{nodePos{fun.Pos}, element}, nil
}

// skipFunRef skips Name/Arity or Module:Name/Arity.
func (fp *funParser) skipFunRef() error {
	if _, err := fp.primary(); err != nil {
		return err
	}
	if ok, err := fp.peekIs(":"); err != nil {
		return err
	} else if ok {
		fp.next()
		if _, err := fp.primary(); err != nil {
			return err
		}
	}
	if _, err := fp.expect("/"); err != nil {
		return err
	}
	_, err := fp.primary()
	return err
}

// skipToEnd skips tokens up to the `end` closing a construct whose opening
// keyword has been read.
func (fp *funParser) skipToEnd() error {
	depth := 1
	for {
		tok, err := fp.next()
		if err != nil {
			return err
		}
		switch {
		case tok.Kind == term.TokenEOF:
			return syntaxErr(tok, "'end'")
		case tok.Kind != term.TokenKeyword:
		case tok.Text == "end":
			if depth--; depth == 0 {
				return nil
			}
		case tok.Text == "case", tok.Text == "if", tok.Text == "receive", tok.Text == "try", tok.Text == "begin":
			depth++
		case tok.Text == "fun":
			if next, err := fp.peek(); err == nil && (isTok(next, "(") || next.Kind == term.TokenVar) {
				depth++
			}
		}
	}
}

// skipTo skips tokens, brackets balanced, up to the closing token.
func (fp *funParser) skipTo(closing string) error {
	depth := 0
	for {
		tok, err := fp.next()
		if err != nil {
			return err
		}
		switch {
		case tok.Kind == term.TokenEOF:
			return syntaxErr(tok, "'"+closing+"'")
		case depth == 0 && isTok(tok, closing):
			return nil
		case isTok(tok, "(") || isTok(tok, "[") || isTok(tok, "{") || isTok(tok, "<<"):
			depth++
		case isTok(tok, ")") || isTok(tok, "]") || isTok(tok, "}") || isTok(tok, ">>"):
			depth--
		}
	}
}
