package shell

import (
	"errors"
	"fmt"
	"io"
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
	// progress reports slow work (file2tab); nil reports nothing.
	progress io.Writer
}

// NewETS returns an ETS runner for db acting as process self.
func NewETS(db *engine.DB, self *engine.Process) *ETS {
	return &ETS{db: db, self: self, conts: map[int64]*engine.Continuation{}, vars: map[string]term.Term{}}
}

// continuationTag is the atom of a continuation handle's first element.
const continuationTag = "$etsql_continuation"

// Call is one parsed ets call: Var = ets:Fun(Args).
type Call struct {
	Var  string // the variable to bind, "" for none
	Fun  string
	Args []term.Term
}

// ParseCall reads a call `[Var =] ets:fun(Arg, ...)` ended by '.', ';' or
// the end of the text.
// Variables bound by earlier calls may appear in the arguments.
func (e *ETS) ParseCall(text string) (Call, error) {
	var c Call
	p := term.NewParser(e.substituteVars(text))
	tok, err := p.Next()
	if err != nil {
		return c, err
	}
	if tok.Kind == term.TokenVar {
		c.Var = tok.Text
		if _, err := p.Expect("="); err != nil {
			return c, err
		}
		if tok, err = p.Next(); err != nil {
			return c, err
		}
	}
	if !tok.Value().IsAtomNamed("ets") {
		return c, &term.SyntaxError{Pos: tok.Pos, Msg: "expected ets, found " + tok.String()}
	}
	if _, err := p.Expect(":"); err != nil {
		return c, err
	}
	fun, err := p.Next()
	if err != nil {
		return c, err
	}
	name, ok := fun.Value().AtomName()
	if fun.Kind != term.TokenAtom || !ok {
		return c, &term.SyntaxError{Pos: fun.Pos, Msg: "expected a function name, found " + fun.String()}
	}
	c.Fun = name
	if c.Args, err = p.ParseArgs(); err != nil {
		return c, err
	}
	end, err := p.Next()
	if err != nil {
		return c, err
	}
	if end.Kind != term.TokenDot && end.Text != ";" && end.Kind != term.TokenEOF {
		return c, &term.SyntaxError{Pos: end.Pos, Msg: "expected '.', found " + end.String()}
	}
	if tok, err := p.Peek(); err != nil || tok.Kind != term.TokenEOF {
		if err != nil {
			return c, err
		}
		return c, &term.SyntaxError{Pos: tok.Pos, Msg: "expected end of input, found " + tok.String()}
	}
	c.Args = e.resolveVars(c.Args)
	return c, nil
}

// varAtom is the atom a bound variable stands for while its call is parsed.
func varAtom(name string) string { return "$etsql_var_" + name }

// substituteVars replaces bound variables (after the first token) with
// placeholder atoms the term parser accepts, keeping every other byte in
// place so that positions stay right. Unbound variables are left alone
// and give the parser's error.
func (e *ETS) substituteVars(text string) string {
	if len(e.vars) == 0 {
		return text
	}
	p := term.NewParser(text)
	var b strings.Builder
	last := 0
	first := true
	for {
		tok, err := p.Next()
		if err != nil || tok.Kind == term.TokenEOF {
			break
		}
		if tok.Kind == term.TokenVar && !first {
			if _, ok := e.vars[tok.Text]; ok {
				b.WriteString(text[last:tok.Pos.Offset])
				b.WriteString("'" + varAtom(tok.Text) + "'")
				last = tok.Pos.Offset + len(tok.Text)
			}
		}
		first = false
	}
	b.WriteString(text[last:])
	return b.String()
}

// resolveVars replaces placeholder atoms with the variables' values.
func (e *ETS) resolveVars(args []term.Term) []term.Term {
	if len(e.vars) == 0 {
		return args
	}
	out := make([]term.Term, len(args))
	for i, a := range args {
		out[i] = e.resolveVar(a)
	}
	return out
}

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

// Run parses and runs one call, binding its variable if it has one.
func (e *ETS) Run(text string) (term.Term, error) {
	c, err := e.ParseCall(text)
	if err != nil {
		return term.Term{}, err
	}
	if c.Var != "" {
		if _, bound := e.vars[c.Var]; bound {
			return term.Term{}, fmt.Errorf("%w: %s", ErrBound, c.Var)
		}
	}
	v, err := e.Call(c.Fun, c.Args)
	if err == nil && c.Var != "" {
		e.vars[c.Var] = v
	}
	return v, err
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
	names := make([]string, 0, len(etsFuncs))
	for name := range etsFuncs {
		names = append(names, name)
	}
	return names
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
		"give_away":          {3: onTable((*ETS).giveAway)},
		"test_ms":            {2: (*ETS).testMS},
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
