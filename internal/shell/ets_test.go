package shell

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/internal/erltest"
	"github.com/etsql/etsql/term"
)

func newTestETS() *ETS {
	db := engine.NewDB()
	return NewETS(db, db.NewProcess("shell"))
}

// mustRun runs a call that must succeed and returns its result's text.
func mustRun(t *testing.T, e *ETS, call string) string {
	t.Helper()
	v, err := e.Run(call)
	if err != nil {
		t.Fatalf("%s: %v", call, err)
	}
	return term.Format(v)
}

// differentialCalls run in order, in etsql and in erl, and must give the
// same results (or both fail with badarg / undef). Every table is a named
// ordered_set or is only read by key, so that the order of results is
// defined.
var differentialCalls = []string{
	"ets:new(kv, [named_table, ordered_set, public]).",
	"ets:insert(kv, [{1, one}, {2, two}, {3, <<\"three\">>}, {4, \"four\"}, {{a, 1}, 5.5}]).",
	"ets:insert_new(kv, [{1, uno}, {9, nine}]).",
	"ets:insert_new(kv, {10, ten}).",
	"ets:lookup(kv, 1).",
	"ets:lookup(kv, 1.0).",
	"ets:lookup_element(kv, 3, 2).",
	"ets:lookup_element(kv, 3, 3).",
	"ets:lookup_element(kv, 99, 2).",
	"ets:member(kv, {a, 1}).",
	"ets:first(kv).",
	"ets:last(kv).",
	"ets:next(kv, 4).",
	"ets:next(kv, 3.5).",
	"ets:prev(kv, 1).",
	"ets:select(kv, [{{'$1', '$2'}, [{is_integer, '$1'}, {'>', '$1', 2}], [{{'$2', '$1'}}]}]).",
	"ets:select_reverse(kv, [{{'$1', '_'}, [], ['$1']}]).",
	"ets:select(kv, [{{'$1', '_'}, [], ['$1']}], 100).",
	"ets:select_count(kv, [{{'$1', '_'}, [{is_integer, '$1'}], [true]}]).",
	"ets:match(kv, {'$1', '$2'}).",
	"ets:match(kv, {'_', '$1'}).",
	"ets:match_object(kv, {{'_', '_'}, '_'}).",
	"ets:update_element(kv, 1, {2, eins}).",
	"ets:update_element(kv, 1, {1, 7}).",
	"ets:update_element(kv, 99, {2, x}).",
	"ets:select_replace(kv, [{{'$1', '$2'}, [{'==', '$1', 4}], [{{'$1', four}}]}]).",
	"ets:select_replace(kv, [{{'$1', '$2'}, [{'==', '$1', 4}], [{{x, four}}]}]).",
	"ets:select_delete(kv, [{{'$1', '_'}, [{'>', '$1', 8}], [true]}]).",
	"ets:match_delete(kv, {3, '_'}).",
	"ets:delete_object(kv, {4, four}).",
	"ets:delete(kv, 2).",
	"ets:take(kv, 1).",
	"ets:take(kv, 1).",
	"ets:tab2list(kv).",
	"ets:info(kv, size).",
	"ets:info(kv, keypos).",
	"ets:info(kv, nonesuch).",
	"ets:new(c, [named_table, set]).",
	"ets:update_counter(c, k, 1, {k, 0}).",
	"ets:update_counter(c, k, [{2, 5}, {2, -1}]).",
	"ets:update_counter(c, k, {2, 10, 12, 0}).",
	"ets:update_counter(c, nokey, 1).",
	"ets:lookup(c, k).",
	"ets:rename(c, c2).",
	"ets:rename(c2, c2).",
	"ets:lookup(c, k).",
	"ets:lookup(c2, k).",
	"ets:delete_all_objects(c2).",
	"ets:tab2list(c2).",
	"ets:delete(c2).",
	"ets:info(c2).",
	"ets:lookup(c2, k).",
	"ets:new(b, [named_table, bag]).",
	"ets:insert(b, [{k, 1}, {k, 2}, {k, 1}]).",
	"ets:lookup(b, k).",
	"ets:update_counter(b, k, 1).",
	"ets:select_replace(b, []).",
	"ets:new(b, [named_table]).",
	"ets:new(\"b\", []).",
	"ets:new(x, [nonesuch]).",
	"ets:insert(b, [{k} | t]).",
	"ets:insert(b, {}).",
	"ets:select(b, [{'_', [], [true]} | x]).",
	"ets:select(b, [{'$1', [{nonesuch, '$1'}], [true]}]).",
	"ets:test_ms({a, 1}, [{{'$1', '$2'}, [], [{{'$2', '$1'}}]}]).",
	"ets:test_ms({a, 1}, [{{'$1', '$2'}, [], ['$3']}]).",
	"ets:whereis(nonesuch).",
	"ets:nonesuch(b).",
	// Match specifications written as funs, nested calls, compiled specs.
	"ets:new(fm, [named_table, ordered_set]).",
	"ets:insert(fm, [{1, a, 10}, {2, b, 20}, {3, c, 30}]).",
	"ets:fun2ms(fun({K, V, N}) when N > 15 -> {V, K} end).",
	"ets:select(fm, ets:fun2ms(fun({K, V, N}) when N > 15 -> {V, K} end)).",
	"MS = ets:fun2ms(fun({K, _, N} = O) when K >= 2; N < 15 -> O end).",
	"ets:select(fm, MS).",
	"ets:select_count(fm, ets:fun2ms(fun({_, _, N}) -> N > 10 end)).",
	"ets:match_spec_run([{1, x, 5}, {2, y, 50}, {0, z, 20}, nope], ets:match_spec_compile(MS)).",
	"ets:is_compiled_ms(ets:match_spec_compile(MS)).",
	"ets:is_compiled_ms(MS).",
	"ets:match_spec_run([{1}], MS).",
	"ets:match_spec_compile([bad]).",
	"ets:fun2ms(fun(X) -> {X, MS} end).",
	"ets:select(fm, ets:fun2ms(fun({K, V, _}) when K > 1 -> [V | K]; (_) -> none end)).",
	"ets:select_reverse(fm, ets:fun2ms(fun({K, V, N}) when is_atom(V), N rem 20 == 0 -> {K, N div 10} end)).",
	"ets:fun2ms(fun({A, B}) when A > 1; B < 2 -> {A, '$x', 1 + 2, object(), bindings()} end).",
	"ets:select(fm, [{{'$1', '_', '_'}, [], [{element, 1, ets:lookup(fm, 1)}]}]).",
	"ets:insert(fm, {ets:first(fm), ets:last(fm), ets:info(fm, size)}).",
	"ets:lookup(fm, 1).",
	"Lim = 15.",
	"ets:select(fm, ets:fun2ms(fun({K, V, N}) when N > Lim -> V end)).",
	"Pair = {ets:first(fm), [ets:last(fm) | ets:info(fm, size)], #{k => ets:member(fm, 2)}}.",
	"ets:insert(fm, {Pair}).",
	"ets:fun2ms(fun({P}) when P =:= Pair -> Lim end).",
	"ets:select_delete(fm, ets:fun2ms(fun({_}) -> true end)).",
}

// erlEvalScript evaluates the calls on stdin, one per line, printing for
// each {ok, Result}, badarg or {error, Reason}.
const erlEvalScript = `
main(_) ->
    Lines = read_lines([]),
    lists:foldl(fun(Line, B0) ->
        {ok, Toks, _} = erl_scan:string(Line),
        {ok, Exprs} = erl_parse:parse_exprs(Toks),
        {R, B} = try erl_eval:exprs(Exprs, B0) of
                     {value, V, B1} -> {{ok, V}, B1}
                 catch error:badarg -> {badarg, B0};
                       error:undef -> {undef, B0};
                       C:E -> {{C, E}, B0}
                 end,
        io:format("~w~n", [R]),
        B
    end, erl_eval:new_bindings(), Lines).

read_lines(Acc) ->
    case io:get_line("") of
        eof -> lists:reverse(Acc);
        L -> read_lines([string:trim(L) | Acc])
    end.
`

// TestETS_Run_differential runs differentialCalls in etsql and in erl.
func TestETS_Run_differential(t *testing.T) {
	erltest.Require(t)
	out := erltest.RunEscript(t, erlEvalScript, []byte(strings.Join(differentialCalls, "\n")+"\n"))
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(differentialCalls) {
		t.Fatalf("erl printed %d lines for %d calls:\n%s", len(lines), len(differentialCalls), out)
	}
	e := newTestETS()
	for i, call := range differentialCalls {
		want, err := term.Parse(lines[i])
		if err != nil {
			t.Fatalf("erl's %q: %v", lines[i], err)
		}
		v, err := e.Run(call)
		var got term.Term
		var u *undefinedError
		switch {
		case err == nil:
			got = term.Tuple(term.Atom("ok"), v)
		case errors.As(err, &u):
			got = term.Atom("undef")
		case errors.Is(err, engine.ErrBadArg), strings.Contains(Reason(err), "badarg"):
			got = term.Atom("badarg")
		default:
			got = term.Tuple(term.Atom("error"), term.BinaryString(err.Error()))
		}
		if !term.ExactEqual(got, want) {
			t.Errorf("%s\n  etsql: %s\n  erl:   %s", call, term.Format(got), term.Format(want))
		}
	}
}

func TestETS_Run_tabFile(t *testing.T) {
	e := newTestETS()
	dir := t.TempDir()
	file := filepath.Join(dir, "kv.ets")
	mustRun(t, e, "ets:new(kv, [named_table, ordered_set, {keypos, 2}]).")
	mustRun(t, e, "ets:insert(kv, [{a, 1}, {b, 2}, {c, 3}]).")
	if got := mustRun(t, e, `ets:tab2file(kv, "`+file+`", [{extended_info, [object_count, md5sum]}]).`); got != "ok" {
		t.Fatalf("tab2file = %s", got)
	}
	if got := mustRun(t, e, `ets:file2tab("`+file+`").`); got != "{error,cannot_create_table}" {
		t.Errorf("file2tab over a named table = %s", got)
	}
	mustRun(t, e, "ets:delete(kv).")
	if got := mustRun(t, e, `ets:file2tab("`+file+`", [{verify, true}]).`); got != "{ok,kv}" {
		t.Fatalf("file2tab = %s", got)
	}
	if got := mustRun(t, e, "ets:tab2list(kv)."); got != "[{a,1},{b,2},{c,3}]" {
		t.Errorf("loaded %s", got)
	}
	if got := mustRun(t, e, "ets:info(kv, keypos)."); got != "2" {
		t.Errorf("keypos %s", got)
	}
	if got := mustRun(t, e, `ets:file2tab(<<"/nonexistent.ets">>).`); got != `{error,{read_error,{file_error,"/nonexistent.ets",enoent}}}` {
		t.Errorf("missing file: %s", got)
	}
	bad := filepath.Join(dir, "bad.ets")
	if err := os.WriteFile(bad, []byte("not a table"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := mustRun(t, e, `ets:file2tab('`+bad+`').`); !strings.HasPrefix(got, "{error,") {
		t.Errorf("bad file: %s", got)
	}
	if _, err := e.Run(`ets:tab2file(kv, "f", [nonesuch]).`); !errors.Is(err, engine.ErrBadArg) {
		t.Errorf("bad option: %v", err)
	}
}

func TestETS_Run_variables(t *testing.T) {
	e := newTestETS()
	mustRun(t, e, "T = ets:new(t, []).")
	mustRun(t, e, "ets:insert(T, {k, v}).")
	if got := mustRun(t, e, "ets:lookup(T, k)."); got != "[{k,v}]" {
		t.Errorf("lookup through T = %s", got)
	}
	if _, err := e.Run("T = ets:new(u, [])."); !errors.Is(err, ErrBound) {
		t.Errorf("rebinding T: %v", err)
	}
	if _, err := e.Run("ets:lookup(U, k)."); err == nil {
		t.Error("unbound U accepted")
	}
	if got := mustRun(t, e, "ets:info(T, name)."); got != "t" {
		t.Errorf("info name = %s", got)
	}
	other := e.db.NewProcess("other")
	e.vars["P"] = other.Pid()
	if got := mustRun(t, e, "ets:give_away(T, P, hello)."); got != "true" {
		t.Errorf("give_away = %s", got)
	}
	if got := mustRun(t, e, "ets:info(T, owner)."); got != term.Format(other.Pid()) {
		t.Errorf("owner after give_away = %s, want %s", got, term.Format(other.Pid()))
	}
	if _, err := e.Run("ets:give_away(T, P, hello)."); !errors.Is(err, engine.ErrBadArg) {
		t.Errorf("give_away by a process that is not the owner: %v", err)
	}
}

func TestETS_ParseCall_errors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ets:lookup(t, 1) x.", "1:18:"},
		{"ets:lookup(t, 1) ets:all().", "1:18:"},
		{"ets:Lookup(t).", "1:5:"},
		{"ets lookup(t).", "1:5:"},
		{"ets:lookup(t). ets:all().", "1:16:"},
		{"ets:lookup(t, {1, 2).", "1:20:"},
	}
	for _, tt := range tests {
		_, err := newTestETS().ParseCall(tt.in)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("ParseCall(%q) error %v, want it at %s", tt.in, err, tt.want)
		}
	}
}

func FuzzETS_Run(f *testing.F) {
	for _, c := range differentialCalls {
		f.Add(c)
	}
	f.Add("ets:insert(T, {T, [T | T], #{T => T}}).")
	f.Add("ets:select(T, ets:fun2ms(fun({K, V}) when K > 1; V == T -> [V | K] end)).")
	f.Add("X = {ets:first(T), [ets:last(T) | ets:fun2ms(fun(X) -> X end)], #{a => ets:match_spec_compile([])}}.")
	f.Fuzz(func(t *testing.T, call string) {
		e := newTestETS()
		_, _ = e.Run("T = ets:new(kv, [named_table, ordered_set, public]).")
		_, _ = e.Run(call) // must not panic
	})
}

func TestPretty(t *testing.T) {
	x65, x90 := strings.Repeat("x", 65), strings.Repeat("x", 90)
	tests := []struct{ in, want string }{
		{"[{1,a},{2,b}]", "[{1,a},{2,b}]"},
		{"[{1,<<\"" + x65 + "\">>},{2,b}]", "[{1,<<\"" + x65 + "\">>},\n {2,b}]"},
		{"{[1,2],\"" + x90 + "\",z}", "{[1,2],\n \"" + x90 + "\",\n z}"},
		{"[[{a,\"" + x90 + "\"}]]", "[[{a,\n   \"" + x90 + "\"}]]"},
		{"\"" + x90 + "\"", "\"" + x90 + "\""},
		{"#{a => \"" + x90 + "\"}", "#{a => \"" + x90 + "\"}"},
	}
	for _, tt := range tests {
		v, err := term.Parse(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := pretty(v); got != tt.want {
			t.Errorf("pretty(%s) =\n%s\nwant\n%s", tt.in, got, tt.want)
		}
	}
}

// TestETS_Run_renameUnnamed: ets:rename/2 of an unnamed table returns the
// table's id, not the new name (OTP 25).
func TestETS_Run_renameUnnamed(t *testing.T) {
	e := newTestETS()
	tid := mustRun(t, e, "T = ets:new(t, []).")
	if got := mustRun(t, e, "ets:rename(T, t2)."); got != tid {
		t.Errorf("rename of an unnamed table = %s, want its id %s", got, tid)
	}
	if got := mustRun(t, e, "ets:info(T, name)."); got != "t2" {
		t.Errorf("info name after rename = %s, want t2", got)
	}
}

func TestETS_Run_fun2ms(t *testing.T) {
	e := newTestETS()
	mustRun(t, e, "ets:new(t, [named_table, ordered_set]).")
	mustRun(t, e, "ets:insert(t, [{1, a}, {2, b}, {3, c}]).")
	mustRun(t, e, "K = 2.")
	tests := []struct{ call, want string }{
		{"ets:fun2ms(fun({K, V}) when K > 1 -> V end).", "[{{'$1','$2'},[{'>','$1',1}],['$2']}]"},
		{"ets:select(t, ets:fun2ms(fun({K, V}) when K > 1 -> V end)).", "[b,c]"},
		{"ets:fun2ms(fun({X, V}) when X > K -> V end).", "[{{'$1','$2'},[{'>','$1',{const,2}}],['$2']}]"},
		{"ets:select(t, ets:fun2ms(fun({X, V}) when X > K -> {V} end)).", "[{c}]"},
		{"ets:fun2ms(fun({X}) -> foo(X) end).", "{error,transform_error}"},
		{"ets:match_spec_run([{1, a}, {5, e}], ets:match_spec_compile(ets:fun2ms(fun({X, V}) when X > K -> V end))).", "[e]"},
		{"ets:match_spec_compile(ets:fun2ms(fun(X) -> X end)).", "{'$etsql_compiled_ms',2}"},
		{"ets:insert(t, {ets:info(t, size), [ets:first(t) | ets:last(t)], #{ets:member(t, 9) => x}}).", "true"},
		{"ets:lookup(t, 3).", "[{3,[1|3],#{false => x}}]"},
	}
	for _, tt := range tests {
		if got := mustRun(t, e, tt.call); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.call, got, tt.want)
		}
	}
	if n := e.Notices(); len(n) != 1 || n[0] != (Notice{1, 24, "Error: fun containing the local function call 'foo/1' (called in body) cannot be translated into match_spec"}) {
		t.Errorf("notices %v, want foo/1's error at 1:24", n)
	}
}

func TestETS_Run_fun2msErrors(t *testing.T) {
	tests := []struct {
		call string
		want error
		msg  string
	}{
		{"ets:fun2ms(1).", nil, "no function clause matching ets:fun2ms(1)"},
		{"ets:insert(t, fun(X) -> X end).", ErrUnsupported, ""},
		{"ets:fun2ms(fun(X) -> X).", term.ErrSyntax, ""},
		{"ets:fun2ms(fun(X) -> X end, 1).", nil, "undefined function ets:fun2ms/2"},
		{"ets:match_spec_run([1], {'$etsql_compiled_ms', 99}).", engine.ErrBadArg, ""},
		{"ets:match_spec_run(x, ets:match_spec_compile([])).", engine.ErrBadArg, ""},
		{"ets:select(t, ets:lookup(nonesuch, 1)).", engine.ErrBadArg, ""},
	}
	for _, tt := range tests {
		e := newTestETS()
		_, err := e.Run(tt.call)
		switch {
		case err == nil:
			t.Errorf("%s succeeded", tt.call)
		case tt.want != nil && !errors.Is(err, tt.want):
			t.Errorf("%s: error %v, want %v", tt.call, err, tt.want)
		case tt.msg != "" && Reason(err) != tt.msg:
			t.Errorf("%s: reason %q, want %q", tt.call, Reason(err), tt.msg)
		}
	}
}

// TestETS_Run_positionsAfterVariables: positions in errors are those of
// the text typed, bound variables (replaced while parsing) or not.
func TestETS_Run_positionsAfterVariables(t *testing.T) {
	e := newTestETS()
	mustRun(t, e, "Tab = ets:new(t, [named_table]).")
	_, _ = e.Run("ets:select(Tab, ets:fun2ms(fun({K}) -> foo(K) end)).") // badarg: {error,transform_error}
	if n := e.Notices(); len(n) != 1 || n[0].Line != 1 || n[0].Col != 40 {
		t.Errorf("notices %v, want one at 1:40", n)
	}
	_, err := e.Run("ets:insert(Tab, {Tab,\n Tab}, Tab x).")
	var se *term.SyntaxError
	if !errors.As(err, &se) || se.Pos.Line != 2 || se.Pos.Column != 12 {
		t.Errorf("syntax error %v, want it at 2:12", err)
	}
}
