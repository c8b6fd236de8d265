package parser

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// CreateTriggerStmt is "CREATE [TEMP] TRIGGER [IF NOT EXISTS] name
// [BEFORE | AFTER | INSTEAD OF] DELETE | INSERT | UPDATE [OF column, ...]
// ON table [FOR EACH ROW] [WHEN expr] BEGIN stmt; ... END": statements
// run for each row the event changes. Timing is Before when none is
// written, as in SQLite. Columns lists UPDATE OF's columns (empty: any
// UPDATE); When is nil when absent; Body holds the statements, each an
// *InsertStmt, *UpdateStmt, *DeleteStmt or *SelectStmt, in which NEW.col
// and OLD.col name the row's values. The statement's text ends with the
// END at End.
type CreateTriggerStmt struct {
	Pos         lexer.Position
	Temp        bool
	IfNotExists bool
	Name        Name
	Timing      TriggerTiming
	Event       TriggerEvent
	Columns     []Name
	Table       Name
	ForEachRow  bool
	When        Expr
	Body        []Statement
	End         lexer.Position // where the END closing the body is
}

// DropTriggerStmt is "DROP TRIGGER [IF EXISTS] name".
type DropTriggerStmt struct {
	Pos      lexer.Position
	IfExists bool `parser:"'DROP' 'TRIGGER' ( @'IF' 'EXISTS' )?"`
	Name     Name `parser:"@(Ident|QIdent)"`
}

// TriggerTiming is when a trigger runs, relative to its row's change.
type TriggerTiming int

// The trigger timings.
const (
	Before TriggerTiming = iota + 1
	After
	InsteadOf
)

var triggerTimingNames = [...]string{Before: "BEFORE", After: "AFTER", InsteadOf: "INSTEAD OF"}

// String returns "BEFORE", "AFTER" or "INSTEAD OF".
func (t TriggerTiming) String() string { return enumName(triggerTimingNames[:], int(t)) }

// TriggerEvent is the change that fires a trigger.
type TriggerEvent int

// The trigger events.
const (
	OnDelete TriggerEvent = iota + 1
	OnInsert
	OnUpdate
)

var triggerEventNames = [...]string{OnDelete: "DELETE", OnInsert: "INSERT", OnUpdate: "UPDATE"}

// String returns "DELETE", "INSERT" or "UPDATE".
func (e TriggerEvent) String() string { return enumName(triggerEventNames[:], int(e)) }

func (s *CreateTriggerStmt) Position() lexer.Position { return s.Pos }
func (s *DropTriggerStmt) Position() lexer.Position   { return s.Pos }
func (*CreateTriggerStmt) statementNode()             {}
func (*DropTriggerStmt) statementNode()               {}

// opensTrigger reports whether toks start "CREATE [TEMP|TEMPORARY] TRIGGER".
func opensTrigger(toks []lexer.Token) bool {
	if len(toks) < 2 || !isWordTok(&toks[0], "CREATE") {
		return false
	}
	i := 1
	if isWordTok(&toks[i], "TEMP") || isWordTok(&toks[i], "TEMPORARY") {
		i++
	}
	return i < len(toks) && isWordTok(&toks[i], "TRIGGER")
}

// triggerSplit follows the tokens of a CREATE TRIGGER statement so that
// splitStatements does not cut it at the ";" of its body: the statement
// ends at the first ";" after the END closing its BEGIN (an END closing a
// CASE, counted by depth, does not).
type triggerSplit struct {
	begun, closed bool
	depth         int // of CASE ... END
}

// see notes token t of the statement, in order.
func (s *triggerSplit) see(t *lexer.Token) {
	switch {
	case s.closed:
	case isKw(t, "CASE"):
		s.depth++
	case isKw(t, "END"):
		if s.depth > 0 {
			s.depth--
		} else if s.begun {
			s.closed = true
		}
	case !s.begun && s.depth == 0 && t.Type == tokIdent && strings.EqualFold(t.Value, "BEGIN"):
		s.begun = true
	}
}

// parseCreateTrigger parses a CREATE TRIGGER chunk (ending with EOF).
func parseCreateTrigger(chunk []lexer.Token) (*CreateTriggerStmt, error) {
	lex, err := lexer.Upgrade(&sliceLexer{toks: chunk})
	if err != nil {
		return nil, convertError(err)
	}
	p := &exprParser{lex: lex}
	s := &CreateTriggerStmt{Pos: p.next().Pos} // CREATE
	if t := p.peek(); isWordTok(t, "TEMP") || isWordTok(t, "TEMPORARY") {
		p.next()
		s.Temp = true
	}
	p.next() // TRIGGER
	if isKw(p.peek(), "IF") {
		p.next()
		if err := p.expectKw("NOT"); err != nil {
			return nil, err
		}
		if err := p.expectKw("EXISTS"); err != nil {
			return nil, err
		}
		s.IfNotExists = true
	}
	if s.Name, err = p.ident("trigger name"); err != nil {
		return nil, err
	}
	if err := p.triggerEvent(s); err != nil {
		return nil, err
	}
	if err := p.expectKw("ON"); err != nil {
		return nil, err
	}
	if s.Table, err = p.ident("table name"); err != nil {
		return nil, err
	}
	if isWordTok(p.peek(), "FOR") {
		p.next()
		for _, w := range []string{"EACH", "ROW"} {
			if t := p.peek(); !isWordTok(t, w) {
				return nil, expected(w, t)
			}
			p.next()
		}
		s.ForEachRow = true
	}
	if isKw(p.peek(), "WHEN") {
		p.next()
		if t := p.peek(); !startsExpr(t) {
			return nil, expected("expression", t)
		}
		if s.When, err = p.expr(precOr); err != nil {
			return nil, err
		}
	}
	if t := p.peek(); !isWordTok(t, "BEGIN") {
		return nil, expected("BEGIN", t)
	}
	p.next()
	if s.Body, s.End, err = triggerBody(chunk[lex.RawCursor():]); err != nil {
		return nil, err
	}
	return s, nil
}

// ident reads an identifier, bare or quoted.
func (p *exprParser) ident(what string) (Name, error) {
	t := p.peek()
	if t.Type != tokIdent && t.Type != tokQIdent {
		return "", expected(what, t)
	}
	p.next()
	return Name(unquote(t.Value)), nil
}

// triggerEvent reads "[BEFORE | AFTER | INSTEAD OF] DELETE | INSERT |
// UPDATE [OF column, ...]".
func (p *exprParser) triggerEvent(s *CreateTriggerStmt) error {
	s.Timing = Before
	switch t := p.peek(); {
	case isWordTok(t, "BEFORE"):
		p.next()
	case isWordTok(t, "AFTER"):
		p.next()
		s.Timing = After
	case isWordTok(t, "INSTEAD"):
		p.next()
		if t := p.peek(); !isWordTok(t, "OF") {
			return expected("OF", t)
		}
		p.next()
		s.Timing = InsteadOf
	}
	t := p.peek()
	switch {
	case isKw(t, "DELETE"):
		s.Event = OnDelete
	case isKw(t, "INSERT"):
		s.Event = OnInsert
	case isKw(t, "UPDATE"):
		s.Event = OnUpdate
	default:
		return expected("DELETE, INSERT or UPDATE", t)
	}
	p.next()
	if s.Event != OnUpdate || !isWordTok(p.peek(), "OF") {
		return nil
	}
	p.next()
	for {
		c, err := p.ident("column name")
		if err != nil {
			return err
		}
		s.Columns = append(s.Columns, c)
		if !isPunct(p.peek(), ",") {
			return nil
		}
		p.next()
	}
}

// triggerBody parses "stmt; ... END" followed by the end of the
// statement: toks are the tokens after BEGIN, ending with EOF. It
// returns the statements and where the END is.
func triggerBody(toks []lexer.Token) ([]Statement, lexer.Position, error) {
	var none lexer.Position
	var body []Statement
	start := 0
	for i := range toks {
		t := &toks[i]
		if i == start && (isKw(t, "END") || t.EOF()) {
			switch {
			case len(body) == 0:
				return nil, none, expected("statement", t)
			case t.EOF():
				return nil, none, expected("END", t)
			}
			if end := &toks[i+1]; !end.EOF() {
				return nil, none, expected("end of statement", end)
			}
			return body, t.Pos, nil
		}
		if t.EOF() {
			return nil, none, expected(`";"`, t) // unreachable: the statement ends at EOF
		}
		if !isPunct(t, ";") {
			continue
		}
		if i == start {
			return nil, none, expected("statement", t)
		}
		chunk := append(toks[start:i:i], lexer.Token{Type: lexer.EOF, Value: t.Value, Pos: t.Pos})
		s, err := parseChunk(chunk)
		if err != nil {
			return nil, none, err
		}
		switch s.(type) {
		case *InsertStmt, *UpdateStmt, *DeleteStmt, *SelectStmt:
		default:
			return nil, none, syntaxErrorf(s.Position(), "a trigger runs only INSERT, UPDATE, DELETE and SELECT")
		}
		body = append(body, s)
		start = i + 1
	}
	return nil, none, expected("END", &toks[len(toks)-1])
}

// InTrigger reports whether sql, the text of a statement up to a ";"
// (not included), is a CREATE TRIGGER whose body has not ended there: the
// ";" ends a statement of its body, not the trigger. Programs that cut
// input into statements themselves (a shell) ask it at each ";".
func InTrigger(sql string) bool {
	toks, err := tokenize(sql)
	if err != nil || !opensTrigger(toks) {
		return false
	}
	var s triggerSplit
	for i := range toks {
		s.see(&toks[i])
	}
	return !s.closed
}
