package shell

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

// ETS runs ets:function(Args) calls on an engine database on behalf of one
// process, the shell's, as the Erlang shell runs them. It is not safe for
// concurrent use.
type ETS struct {
	db    *engine.DB
	self  *engine.Process
	conts map[int64]*engine.Continuation // select/3 continuations by handle
	lastC int64
	vars  map[string]term.Term // bound by Var = ets:call(...).
	// compiled match specifications by handle (match_spec_compile)
	compiled map[int64]*matchspec.Program
	lastMS   int64
	notices  []Notice
	// progress reports slow work (file2tab); nil reports nothing.
	progress io.Writer
}

// NewETS returns an ETS runner for db acting as process self.
func NewETS(db *engine.DB, self *engine.Process) *ETS {
	return &ETS{db: db, self: self, conts: map[int64]*engine.Continuation{}, vars: map[string]term.Term{},
		compiled: map[int64]*matchspec.Program{}}
}

// continuationTag is the atom of a continuation handle's first element.
const continuationTag = "$etsql_continuation"

// Expr is one parsed statement: [Var =] Value, where Value is an ets
// call, or (when a variable is bound) any argument.
type Expr struct {
	Var   string // the variable to bind, "" for none
	Value Arg
}

// Call is an ets call: ets:Fun(Args).
type Call struct {
	Fun  string
	Args []Arg
}

// Arg is an argument of a call: a TermArg, a nested call (*Call, run
// first, its result the argument), a tuple, list or map holding nested
// calls (*CompoundArg) or a FunArg, which only ets:fun2ms/1 takes.
type Arg interface{ isArg() }

// TermArg is an argument written as an Erlang term.
type TermArg struct{ Value term.Term }

// FunArg is a fun written as an argument: its text, padded with the
// blanks and line breaks of the call's text before it, so that positions
// in it are positions in the call.
type FunArg struct{ Text string }

func (TermArg) isArg() {}
func (FunArg) isArg()  {}
func (*Call) isArg()   {}

// ParseCall reads `[Var =] ets:fun(Arg, ...)` or `Var = Arg`, ended by
// '.', ';' or the end of the text. An argument is a term, a nested ets
// call, a tuple, list or map holding some, or a fun (for ets:fun2ms);
// variables bound by earlier statements may appear in terms.
func (e *ETS) ParseCall(text string) (Expr, error) {
	var x Expr
	src := e.substituteVars(text)
	x, err := e.parseExpr(src)
	var se *term.SyntaxError
	if errors.As(err, &se) {
		se.Pos = src.origPos(se.Pos)
	}
	return x, err
}

// parseExpr parses the statement of src.
func (e *ETS) parseExpr(src *source) (Expr, error) {
	var x Expr
	p := term.NewParser(src.text)
	tok, err := p.Peek()
	if err != nil {
		return x, err
	}
	if tok.Kind == term.TokenVar {
		p.Next()
		x.Var = tok.Text
		if _, err := p.Expect("="); err != nil {
			return x, err
		}
		x.Value, err = e.parseArg(p, src, 0)
	} else {
		c := &Call{}
		x.Value, err = c, e.parseCall(p, src, c, 0)
	}
	if err != nil {
		return x, err
	}
	end, err := p.Next()
	if err != nil {
		return x, err
	}
	if end.Kind != term.TokenDot && end.Text != ";" && end.Kind != term.TokenEOF {
		return x, &term.SyntaxError{Pos: end.Pos, Msg: "expected '.', found " + end.String()}
	}
	if tok, err := p.Peek(); err != nil || tok.Kind != term.TokenEOF {
		if err != nil {
			return x, err
		}
		return x, &term.SyntaxError{Pos: tok.Pos, Msg: "expected end of input, found " + tok.String()}
	}
	return x, nil
}

// maxCallDepth bounds the nesting of calls in arguments.
const maxCallDepth = 100

// parseCall reads `ets:fun(Args)` into c.
func (e *ETS) parseCall(p *term.Parser, src *source, c *Call, depth int) error {
	tok, err := p.Next()
	if err != nil {
		return err
	}
	if !tok.Value().IsAtomNamed("ets") {
		return &term.SyntaxError{Pos: tok.Pos, Msg: "expected ets, found " + tok.String()}
	}
	if depth > maxCallDepth {
		return &term.SyntaxError{Pos: tok.Pos, Msg: fmt.Sprintf("calls nested deeper than %d", maxCallDepth), Err: term.ErrTooDeep}
	}
	if _, err := p.Expect(":"); err != nil {
		return err
	}
	fun, err := p.Next()
	if err != nil {
		return err
	}
	name, ok := fun.Value().AtomName()
	if fun.Kind != term.TokenAtom || !ok {
		return &term.SyntaxError{Pos: fun.Pos, Msg: "expected a function name, found " + fun.String()}
	}
	c.Fun = name
	if _, err := p.Expect("("); err != nil {
		return err
	}
	if tok, err := p.Peek(); err != nil {
		return err
	} else if tok.Text == ")" && tok.Kind == term.TokenPunct {
		p.Next()
		return nil
	}
	for {
		a, err := e.parseArg(p, src, depth)
		if err != nil {
			return err
		}
		c.Args = append(c.Args, a)
		sep, err := p.Next()
		if err != nil {
			return err
		}
		if sep.Kind == term.TokenPunct && sep.Text == ")" {
			return nil
		}
		if sep.Kind != term.TokenPunct || sep.Text != "," {
			return &term.SyntaxError{Pos: sep.Pos, Msg: "expected ',' or ')', found " + sep.String()}
		}
	}
}

// parseArg reads an argument: a nested call, a fun or a term.
func (e *ETS) parseArg(p *term.Parser, src *source, depth int) (Arg, error) {
	first, second := lookahead2(p)
	switch {
	case first.Kind == term.TokenAtom && first.Value().IsAtomNamed("ets") && second.Kind == term.TokenPunct && second.Text == ":":
		c := &Call{}
		return c, e.parseCall(p, src, c, depth+1)
	case first.Kind == term.TokenKeyword && first.Text == "fun" && second.Kind == term.TokenPunct && second.Text == "(":
		return parseFunArg(p, src)
	case first.Kind == term.TokenPunct && (first.Text == "{" || first.Text == "[" || first.Text == "#" && second.Text == "{"):
		if depth >= term.MaxDepth {
			return nil, &term.SyntaxError{Pos: first.Pos, Msg: fmt.Sprintf("terms nested deeper than %d", term.MaxDepth), Err: term.ErrTooDeep}
		}
		return e.parseCompound(p, src, depth+1)
	}
	v, err := p.ParseTerm()
	if err != nil {
		return nil, err
	}
	return TermArg{e.resolveVar(v)}, nil
}

// CompoundArg is a tuple, list or map argument holding nested calls:
// {ets:first(t), 1}. Its parts are evaluated left to right.
type CompoundArg struct {
	Kind  term.Kind // term.KindTuple, term.KindList or term.KindMap
	Elems []Arg     // elements; for a map, keys and values alternately
	Tail  Arg       // a list's tail, nil for []
}

func (*CompoundArg) isArg() {}

// parseCompound reads a tuple, list or map whose parts are arguments;
// without nested calls or funs it is a TermArg.
func (e *ETS) parseCompound(p *term.Parser, src *source, depth int) (Arg, error) {
	open, err := p.Next()
	if err != nil {
		return nil, err
	}
	c := &CompoundArg{Kind: term.KindTuple}
	closing := "}"
	switch open.Text {
	case "[":
		c.Kind, closing = term.KindList, "]"
	case "#":
		c.Kind = term.KindMap
		p.Next() // the '{'
	}
	if tok, err := p.Peek(); err != nil {
		return nil, err
	} else if tok.Kind == term.TokenPunct && tok.Text == closing {
		p.Next()
		return c.fold(), nil
	}
	for {
		a, err := e.parseArg(p, src, depth)
		if err != nil {
			return nil, err
		}
		c.Elems = append(c.Elems, a)
		if c.Kind == term.KindMap {
			if _, err := p.Expect("=>"); err != nil {
				return nil, err
			}
			if a, err = e.parseArg(p, src, depth); err != nil {
				return nil, err
			}
			c.Elems = append(c.Elems, a)
		}
		sep, err := p.Next()
		if err != nil {
			return nil, err
		}
		if c.Kind == term.KindList && sep.Kind == term.TokenPunct && sep.Text == "|" {
			if c.Tail, err = e.parseArg(p, src, depth); err != nil {
				return nil, err
			}
			if sep, err = p.Next(); err != nil {
				return nil, err
			}
			if sep.Kind != term.TokenPunct || sep.Text != closing {
				return nil, &term.SyntaxError{Pos: sep.Pos, Msg: "expected '" + closing + "', found " + sep.String()}
			}
			return c.fold(), nil
		}
		if sep.Kind == term.TokenPunct && sep.Text == closing {
			return c.fold(), nil
		}
		if sep.Kind != term.TokenPunct || sep.Text != "," {
			return nil, &term.SyntaxError{Pos: sep.Pos, Msg: "expected ',' or '" + closing + "', found " + sep.String()}
		}
	}
}

// fold returns the term c stands for when its parts are all terms, else c.
func (c *CompoundArg) fold() Arg {
	parts := make([]term.Term, len(c.Elems))
	for i, a := range c.Elems {
		t, ok := a.(TermArg)
		if !ok {
			return c
		}
		parts[i] = t.Value
	}
	tail := term.Nil
	if c.Tail != nil {
		t, ok := c.Tail.(TermArg)
		if !ok {
			return c
		}
		tail = t.Value
	}
	return TermArg{c.build(parts, tail)}
}

// build makes the term of c's kind from its evaluated parts.
func (c *CompoundArg) build(parts []term.Term, tail term.Term) term.Term {
	switch c.Kind {
	case term.KindList:
		return term.ImproperList(parts, tail)
	case term.KindMap:
		pairs := make([]term.MapPair, len(parts)/2)
		for i := range pairs {
			pairs[i] = term.MapPair{Key: parts[2*i], Value: parts[2*i+1]}
		}
		return term.Map(pairs...)
	}
	return term.Tuple(parts...)
}

// lookahead2 returns the next two tokens (zero tokens where the text
// does not scan) without consuming them.
func lookahead2(p *term.Parser) (first, second term.Token) {
	q := term.NewParser(p.Rest())
	first, _ = q.Next()
	second, _ = q.Next()
	return first, second
}

// parseFunArg reads `fun (...) ... end` and returns its text, padded.
func parseFunArg(p *term.Parser, src *source) (Arg, error) {
	fun, err := p.Next()
	if err != nil {
		return nil, err
	}
	depth := 1
	for depth > 0 {
		tok, err := p.Next()
		if err != nil {
			return nil, err
		}
		switch {
		case tok.Kind == term.TokenEOF:
			return nil, &term.SyntaxError{Pos: tok.Pos, Msg: "expected 'end', found end of input"}
		case tok.Kind != term.TokenKeyword:
		case tok.Text == "end":
			depth--
		case tok.Text == "case", tok.Text == "if", tok.Text == "receive", tok.Text == "try", tok.Text == "begin":
			depth++
		case tok.Text == "fun":
			if next, err := p.Peek(); err == nil && (next.Text == "(" && next.Kind == term.TokenPunct || next.Kind == term.TokenVar) {
				depth++
			}
		}
	}
	end := min(p.Pos().Offset, len(src.text))
	start := src.origOffset(fun.Pos.Offset) // no variable is replaced inside
	return FunArg{Text: blankOut(src.orig[:start]) + strings.TrimRight(src.text[fun.Pos.Offset:end], " \t\r\n")}, nil
}

// blankOut replaces every character of s but line breaks with a space.
func blankOut(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '\n' {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// varAtom is the atom a bound variable stands for while its call is parsed.
func varAtom(name string) string { return "$etsql_var_" + name }

// source is a statement's text with bound variables replaced by
// placeholder atoms, and how to find positions in the original.
type source struct {
	text, orig string
	edits      []edit
}

// edit is one replacement: at offset at of the original, the text grew by
// delta bytes.
type edit struct{ at, delta int }

// origOffset returns the offset in the original of an offset in text that
// is not inside a replacement.
func (s *source) origOffset(off int) int {
	for _, e := range s.edits {
		if e.at+e.delta > off {
			break
		}
		off -= e.delta
	}
	return min(off, len(s.orig))
}

// origPos returns the position in the original of a position in text.
func (s *source) origPos(pos term.Position) term.Position {
	if len(s.edits) == 0 {
		return pos
	}
	off := s.origOffset(pos.Offset)
	out := term.Position{Offset: off, Line: 1, Column: 1}
	for _, r := range s.orig[:off] {
		if r == '\n' {
			out.Line, out.Column = out.Line+1, 1
		} else {
			out.Column++
		}
	}
	return out
}

// substituteVars replaces bound variables (after the first token, and
// outside funs) with placeholder atoms the term parser accepts. Unbound
// variables are left alone and give the parser's error.
func (e *ETS) substituteVars(text string) *source {
	src := &source{text: text, orig: text}
	if len(e.vars) == 0 {
		return src
	}
	p := term.NewParser(text)
	var b strings.Builder
	last := 0
	first := true
	funDepth := 0 // inside a fun, variables are the fun's (or its bindings)
	for {
		tok, err := p.Next()
		if err != nil || tok.Kind == term.TokenEOF {
			break
		}
		switch {
		case tok.Kind == term.TokenKeyword && tok.Text == "fun":
			if next, err := p.Peek(); err == nil && next.Kind == term.TokenPunct && next.Text == "(" || funDepth > 0 && next.Kind == term.TokenVar {
				funDepth++
			}
		case funDepth > 0 && tok.Kind == term.TokenKeyword:
			switch tok.Text {
			case "end":
				funDepth--
			case "case", "if", "receive", "try", "begin":
				funDepth++
			}
		case tok.Kind == term.TokenVar && !first && funDepth == 0:
			if _, ok := e.vars[tok.Text]; ok {
				atom := "'" + varAtom(tok.Text) + "'"
				b.WriteString(text[last:tok.Pos.Offset])
				b.WriteString(atom)
				last = tok.Pos.Offset + len(tok.Text)
				src.edits = append(src.edits, edit{tok.Pos.Offset, len(atom) - len(tok.Text)})
			}
		}
		first = false
	}
	b.WriteString(text[last:])
	src.text = b.String()
	return src
}

// resolveVar replaces placeholder atoms with the variables' values.
func (e *ETS) resolveVar(t term.Term) term.Term {
	switch {
	case t.IsNil():
		return t
	case t.IsAtom():
		name, _ := t.AtomName()
		if v, ok := strings.CutPrefix(name, "$etsql_var_"); ok {
			if val, ok := e.vars[v]; ok {
				return val
			}
		}
	case t.IsTuple():
		el := t.Elements()
		out := make([]term.Term, len(el))
		for i, x := range el {
			out[i] = e.resolveVar(x)
		}
		return term.Tuple(out...)
	case t.IsList():
		elems, tail := t.ListParts()
		out := make([]term.Term, len(elems))
		for i, x := range elems {
			out[i] = e.resolveVar(x)
		}
		return term.ImproperList(out, e.resolveVar(tail))
	case t.IsMap():
		ks, vs := t.MapPairs()
		pairs := make([]term.MapPair, len(ks))
		for i := range ks {
			pairs[i] = term.MapPair{Key: e.resolveVar(ks[i]), Value: e.resolveVar(vs[i])}
		}
		return term.Map(pairs...)
	}
	return t
}

// Run parses and runs one statement, binding its variable if it has one.
func (e *ETS) Run(text string) (term.Term, error) {
	x, err := e.ParseCall(text)
	if err != nil {
		return term.Term{}, err
	}
	if x.Var != "" {
		if _, bound := e.vars[x.Var]; bound {
			return term.Term{}, fmt.Errorf("%w: %s", ErrBound, x.Var)
		}
	}
	v, err := e.evalArg(x.Value)
	if err == nil && x.Var != "" {
		e.vars[x.Var] = v
	}
	return v, err
}

// eval runs a call, its nested calls first, left to right.
func (e *ETS) eval(c *Call) (term.Term, error) {
	if c.Fun == "fun2ms" && len(c.Args) == 1 {
		if f, ok := c.Args[0].(FunArg); ok {
			return e.fun2ms(f)
		}
	}
	if _, ok := etsFuncs[c.Fun][len(c.Args)]; !ok && slices.ContainsFunc(c.Args, isFunArg) {
		return term.Term{}, &undefinedError{c.Fun, len(c.Args)} // rather than "a fun is not supported"
	}
	args := make([]term.Term, len(c.Args))
	for i, a := range c.Args {
		v, err := e.evalArg(a)
		if err != nil {
			return term.Term{}, err
		}
		args[i] = v
	}
	if c.Fun == "fun2ms" && len(args) == 1 {
		return term.Term{}, fmt.Errorf("no function clause matching ets:fun2ms(%s)", term.Format(args[0]))
	}
	return e.Call(c.Fun, args)
}

func isFunArg(a Arg) bool { _, ok := a.(FunArg); return ok }

// evalArg evaluates an argument.
func (e *ETS) evalArg(a Arg) (term.Term, error) {
	switch a := a.(type) {
	case TermArg:
		return a.Value, nil
	case *Call:
		return e.eval(a)
	case *CompoundArg:
		parts := make([]term.Term, len(a.Elems))
		for i, el := range a.Elems {
			v, err := e.evalArg(el)
			if err != nil {
				return term.Term{}, err
			}
			parts[i] = v
		}
		tail := term.Nil
		if a.Tail != nil {
			v, err := e.evalArg(a.Tail)
			if err != nil {
				return term.Term{}, err
			}
			tail = v
		}
		return a.build(parts, tail), nil
	}
	return term.Term{}, fmt.Errorf("%w: a fun is only understood as the argument of ets:fun2ms/1", ErrUnsupported)
}

// Notices returns and forgets the messages the last calls printed as
// erl prints them (ets:fun2ms's "Error: ..."), with their positions.
func (e *ETS) Notices() []Notice {
	n := e.notices
	e.notices = nil
	return n
}

// Notice is a message a call prints without failing: line and column in
// the call's text (0 when unknown) and the text.
type Notice struct {
	Line, Col int
	Msg       string
}

// fun2ms is ets:fun2ms/1: the match specification of a fun, or, as in
// erl, {error, transform_error} after printing why.
func (e *ETS) fun2ms(f FunArg) (term.Term, error) {
	ms, err := matchspec.FromFun(f.Text, e.vars)
	if err == nil {
		return ms, nil
	}
	var fe *matchspec.FunError
	if !errors.As(err, &fe) {
		return term.Term{}, err // a syntax error
	}
	e.notices = append(e.notices, Notice{fe.Pos.Line, fe.Pos.Column, "Error: " + fe.Msg})
	return term.Tuple(term.Atom("error"), term.Atom("transform_error")), nil
}

// Reason returns the Erlang exception a failed call raises, as the shell
// prints it after "** exception error: ": badarg, undefined function
// ets:foo/1, or the message of another error.
func Reason(err error) string {
	var u *undefinedError
	switch {
	case errors.As(err, &u):
		return u.Error()
	case errors.Is(err, engine.ErrBadArg), errors.Is(err, matchspec.ErrBadMatchSpec):
		return "badarg"
	}
	return err.Error()
}

// undefinedError is a call to a function ets does not have (or etsql does
// not offer).
type undefinedError struct {
	fun   string
	arity int
}

func (u *undefinedError) Error() string {
	return fmt.Sprintf("undefined function ets:%s/%d", u.fun, u.arity)
}

// badarg returns a badarg error with a cause.
func badarg(format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, engine.ErrBadArg)...)
}

// Functions lists the ets functions the shell offers, for completion.
func Functions() []string {
	names := make([]string, 0, len(etsFuncs)+1)
	for name := range etsFuncs {
		names = append(names, name)
	}
	return append(names, "fun2ms")
}

type etsFunc func(e *ETS, args []term.Term) (term.Term, error)

// onTable makes an etsFunc of a function of the table its first argument
// names (a name or a reference): a missing table is the error
// e.table gives, engine.ErrNoTable.
func onTable(f func(e *ETS, t *engine.Table, args []term.Term) (term.Term, error)) etsFunc {
	return func(e *ETS, args []term.Term) (term.Term, error) {
		t, err := e.table(args[0])
		if err != nil {
			return term.Term{}, err
		}
		return f(e, t, args)
	}
}

// etsFuncs maps function names to their implementations by arity.
var etsFuncs map[string]map[int]etsFunc

func init() {
	etsFuncs = map[string]map[int]etsFunc{
		"all":                {0: (*ETS).all},
		"new":                {2: (*ETS).new},
		"insert":             {2: onTable((*ETS).insert)},
		"insert_new":         {2: onTable((*ETS).insertNew)},
		"lookup":             {2: onTable((*ETS).lookup)},
		"lookup_element":     {3: onTable((*ETS).lookupElement)},
		"member":             {2: onTable((*ETS).member)},
		"delete":             {1: onTable((*ETS).deleteTable), 2: onTable((*ETS).deleteKey)},
		"delete_object":      {2: onTable((*ETS).deleteObject)},
		"delete_all_objects": {1: onTable((*ETS).deleteAll)},
		"take":               {2: onTable((*ETS).take)},
		"update_counter":     {3: onTable((*ETS).updateCounter), 4: onTable((*ETS).updateCounter)},
		"update_element":     {3: onTable((*ETS).updateElement)},
		"first":              {1: onTable((*ETS).first)},
		"last":               {1: onTable((*ETS).last)},
		"next":               {2: onTable((*ETS).next)},
		"prev":               {2: onTable((*ETS).prev)},
		"select":             {1: (*ETS).continueSelect, 2: selectFn(false), 3: selectLimitFn(false)},
		"select_reverse":     {1: (*ETS).continueSelect, 2: selectFn(true), 3: selectLimitFn(true)},
		"select_count":       {2: selectCountFn((*engine.Table).SelectCount)},
		"select_delete":      {2: selectCountFn((*engine.Table).SelectDelete)},
		"select_replace":     {2: selectCountFn((*engine.Table).SelectReplace)},
		"match":              {1: (*ETS).continueSelect, 2: matchFn(matchBindings), 3: matchLimitFn(matchBindings)},
		"match_object":       {1: (*ETS).continueSelect, 2: matchFn(matchObjects), 3: matchLimitFn(matchObjects)},
		"match_delete":       {2: (*ETS).matchDelete},
		"tab2list":           {1: onTable((*ETS).tab2list)},
		"info":               {1: (*ETS).info, 2: (*ETS).infoItem},
		"rename":             {2: onTable((*ETS).rename)},
		"safe_fixtable":      {2: onTable((*ETS).safeFixtable)},
		"give_away":          {3: onTable((*ETS).giveAway)},
		"test_ms":            {2: (*ETS).testMS},
		"match_spec_compile": {1: (*ETS).matchSpecCompile},
		"match_spec_run":     {2: (*ETS).matchSpecRun},
		"is_compiled_ms":     {1: (*ETS).isCompiledMS},
		"whereis":            {1: (*ETS).whereis},
		"tab2file":           {2: (*ETS).tab2file, 3: (*ETS).tab2file},
		"file2tab":           {1: (*ETS).file2tab, 2: (*ETS).file2tab},
	}
}

// Call runs ets:fun(args...).
func (e *ETS) Call(fun string, args []term.Term) (term.Term, error) {
	f, ok := etsFuncs[fun][len(args)]
	if !ok {
		return term.Term{}, &undefinedError{fun, len(args)}
	}
	return f(e, args)
}

var (
	atomTrue       = term.True
	atomEndOfTable = term.Atom("$end_of_table")
)

func (e *ETS) table(ref term.Term) (*engine.Table, error) { return e.db.Resolve(ref) }

// ref returns how ets names a table in results: its name if named, else
// its reference.
func ref(t *engine.Table) term.Term {
	if info, err := t.Info(); err == nil && info.Named {
		return term.Atom(info.Name)
	}
	return t.Ref()
}

func (e *ETS) all(_ []term.Term) (term.Term, error) {
	ts := e.db.All()
	out := make([]term.Term, len(ts))
	for i, t := range ts {
		out[i] = ref(t)
	}
	return term.List(out...), nil
}

func (e *ETS) new(args []term.Term) (term.Term, error) {
	name, ok := args[0].AtomName()
	if !ok {
		return term.Term{}, badarg("table name must be an atom")
	}
	opts, err := engine.ParseOptions(args[1], e.db.ProcessByPid)
	if err != nil {
		return term.Term{}, err
	}
	t, err := e.db.New(e.self, name, opts)
	if err != nil {
		return term.Term{}, err
	}
	return ref(t), nil
}

// objects reads the object or list of objects of insert/2.
func objects(arg term.Term) ([]term.Term, error) {
	if arg.IsTuple() {
		return []term.Term{arg}, nil
	}
	elems, tail := arg.ListParts()
	if !arg.IsProperList() || !tail.IsNil() {
		return nil, badarg("expected a tuple or a list of tuples")
	}
	return elems, nil
}

func (e *ETS) insert(t *engine.Table, args []term.Term) (term.Term, error) {
	objs, err := objects(args[1])
	if err != nil {
		return term.Term{}, err
	}
	return atomTrue, t.Insert(e.self, objs...)
}

func (e *ETS) insertNew(t *engine.Table, args []term.Term) (term.Term, error) {
	objs, err := objects(args[1])
	if err != nil {
		return term.Term{}, err
	}
	ok, err := t.InsertNew(e.self, objs...)
	return term.Bool(ok), err
}

func (e *ETS) lookup(t *engine.Table, args []term.Term) (term.Term, error) {
	objs, err := t.Lookup(e.self, args[1])
	return term.List(objs...), err
}

func (e *ETS) lookupElement(t *engine.Table, args []term.Term) (term.Term, error) {
	pos, ok := args[2].Int64()
	if !ok || pos < 1 || pos > 1<<24 {
		return term.Term{}, badarg("position must be a positive integer")
	}
	return t.LookupElement(e.self, args[1], int(pos))
}

func (e *ETS) member(t *engine.Table, args []term.Term) (term.Term, error) {
	ok, err := t.Member(e.self, args[1])
	return term.Bool(ok), err
}

func (e *ETS) deleteTable(t *engine.Table, args []term.Term) (term.Term, error) {
	return atomTrue, t.Delete(e.self)
}

func (e *ETS) deleteKey(t *engine.Table, args []term.Term) (term.Term, error) {
	return atomTrue, t.DeleteKey(e.self, args[1])
}

func (e *ETS) deleteObject(t *engine.Table, args []term.Term) (term.Term, error) {
	return atomTrue, t.DeleteObject(e.self, args[1])
}

func (e *ETS) deleteAll(t *engine.Table, args []term.Term) (term.Term, error) {
	return atomTrue, t.DeleteAllObjects(e.self)
}

func (e *ETS) take(t *engine.Table, args []term.Term) (term.Term, error) {
	objs, err := t.Take(e.self, args[1])
	return term.List(objs...), err
}

func (e *ETS) updateCounter(t *engine.Table, args []term.Term) (term.Term, error) {
	var def term.Term
	if len(args) == 4 {
		def = args[3]
	}
	return t.UpdateCounterTerm(e.self, args[1], args[2], def)
}

func (e *ETS) updateElement(t *engine.Table, args []term.Term) (term.Term, error) {
	ok, err := t.UpdateElementTerm(e.self, args[1], args[2])
	return term.Bool(ok), err
}

// keyOrEnd turns a traversal result into a key or '$end_of_table'.
func keyOrEnd(k term.Term, ok bool, err error) (term.Term, error) {
	if err != nil {
		return term.Term{}, err
	}
	if !ok {
		return atomEndOfTable, nil
	}
	return k, nil
}

func (e *ETS) first(t *engine.Table, args []term.Term) (term.Term, error) {
	return keyOrEnd(t.First(e.self))
}

func (e *ETS) last(t *engine.Table, args []term.Term) (term.Term, error) {
	return keyOrEnd(t.Last(e.self))
}

func (e *ETS) next(t *engine.Table, args []term.Term) (term.Term, error) {
	return keyOrEnd(t.Next(e.self, args[1]))
}

func (e *ETS) prev(t *engine.Table, args []term.Term) (term.Term, error) {
	return keyOrEnd(t.Prev(e.self, args[1]))
}

func (e *ETS) tab2list(t *engine.Table, args []term.Term) (term.Term, error) {
	objs, err := t.Tab2List(e.self)
	return term.List(objs...), err
}

func (e *ETS) info(args []term.Term) (term.Term, error) {
	info, ok, err := e.tableInfo(args[0])
	if !ok {
		return term.Undefined, err
	}
	return info.Term(), nil
}

func (e *ETS) infoItem(args []term.Term) (term.Term, error) {
	item, ok := args[1].AtomName()
	if !ok {
		return term.Term{}, badarg("info item must be an atom")
	}
	info, ok, err := e.tableInfo(args[0])
	if !ok {
		return term.Undefined, err
	}
	return info.Item(item)
}

// tableInfo returns the information of the table ref names; ok is false
// when ets:info gives undefined (no such table) or fails (err).
func (e *ETS) tableInfo(ref term.Term) (info engine.Info, ok bool, err error) {
	t, err := e.table(ref)
	if err != nil {
		if errors.Is(err, engine.ErrNoTable) {
			return engine.Info{}, false, nil
		}
		return engine.Info{}, false, err
	}
	if info, err = t.Info(); err != nil {
		return engine.Info{}, false, nil // deleted meanwhile
	}
	return info, true, nil
}

func (e *ETS) rename(t *engine.Table, args []term.Term) (term.Term, error) {
	name, ok := args[1].AtomName()
	if !ok {
		return term.Term{}, badarg("new name must be an atom")
	}
	if err := t.Rename(e.self, name); err != nil {
		return term.Term{}, err
	}
	return ref(t), nil // an unnamed table's id, as OTP returns
}

func (e *ETS) safeFixtable(t *engine.Table, args []term.Term) (term.Term, error) {
	if !args[1].IsBoolean() {
		return term.Term{}, badarg("expected true or false")
	}
	if err := t.SafeFixtable(e.self, args[1].IsTrue()); err != nil {
		return term.Term{}, err
	}
	return atomTrue, nil
}

func (e *ETS) giveAway(t *engine.Table, args []term.Term) (term.Term, error) {
	to, ok := e.db.ProcessByPid(args[1])
	if !ok {
		return term.Term{}, badarg("no such process")
	}
	return atomTrue, t.GiveAway(e.self, to, args[2])
}

func (e *ETS) testMS(args []term.Term) (term.Term, error) {
	return matchspec.TestMS(args[0], args[1]), nil
}

func (e *ETS) whereis(args []term.Term) (term.Term, error) {
	name, ok := args[0].AtomName()
	if !ok {
		return term.Term{}, badarg("table name must be an atom")
	}
	t, ok := e.db.Whereis(name)
	if !ok {
		return term.Undefined, nil
	}
	return t.Ref(), nil
}

// fileName reads a file name given as a string, a binary or an atom.
func fileName(t term.Term) (string, bool) {
	if s, ok := t.BinaryValue(); ok {
		return s, true
	}
	if s, ok := t.AtomName(); ok {
		return s, true
	}
	elems, tail := t.ListParts()
	if !t.IsList() || !tail.IsNil() {
		return "", false
	}
	var b strings.Builder
	for _, c := range elems {
		r, ok := c.Int64()
		if !ok || r < 0 || r > 0x10FFFF {
			return "", false
		}
		b.WriteRune(rune(r))
	}
	return b.String(), true
}
