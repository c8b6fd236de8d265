package matchspec

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/etsql/etsql/internal/erltest"
	"github.com/etsql/etsql/term"
)

// The fun2ms differential test: fun texts translated by OTP 25's
// ms_transform (as ets:fun2ms in the shell: erl_scan, erl_parse, then
// ms_transform:transform_from_shell(ets, Clauses, [])) and by FromFun. The
// outcomes must be =:=: the same match specification, or the same error
// (location and message), or both an exception (TransformCrash) or both a
// syntax error.

const fun2msEscript = `-mode(compile).

main(_) ->
    ok = io:setopts(standard_io, [binary, {encoding, unicode}]),
    loop(0, 0).

loop(N, Bad) ->
    case io:get_line("") of
        eof ->
            io:format("DONE ~p ~p~n", [N, Bad]);
        Line ->
            [FunS, GoS] = binary:split(string:trim(Line, trailing, "\n"), <<"\t">>),
            Fun = unicode:characters_to_list(FunS),
            Go = parse(GoS),
            Erl = transform(Fun),
            case Erl =:= Go of
                true ->
                    loop(N + 1, Bad);
                false ->
                    io:format("MISMATCH ~p~n  fun: ~ts~n  erl: ~tw~n  go:  ~tw~n", [N, Fun, Erl, Go]),
                    loop(N + 1, Bad + 1)
            end
    end.

transform(Fun) ->
    case erl_scan:string(Fun ++ " .", {1, 1}) of
        {ok, Toks, _} ->
            case erl_parse:parse_exprs(Toks) of
                {ok, [{'fun', _, {clauses, Cs}}]} ->
                    try ms_transform:transform_from_shell(ets, Cs, []) of
                        {error, [{_, [{Loc, ms_transform, R}]}], _} ->
                            {error, Loc, unicode:characters_to_binary(ms_transform:format_error(R))};
                        MS ->
                            {ok, MS}
                    catch
                        _:_ -> crash
                    end;
                _ ->
                    syntax
            end;
        _ ->
            syntax
    end.

parse(B) ->
    {ok, Toks, _} = erl_scan:string(unicode:characters_to_list(B) ++ "."),
    {ok, Exprs} = erl_parse:parse_exprs(Toks),
    {value, T, _} = erl_eval:exprs(Exprs, []),
    T.
`

// fun2msOutcome is FromFun's result in the escript's terms.
func fun2msOutcome(text string) term.Term {
	ms, err := FromFun(text, nil)
	var fe *FunError
	switch {
	case err == nil:
		return term.Tuple(term.Atom("ok"), ms)
	case errors.As(err, &fe) && fe.Msg == TransformCrash:
		return term.Atom("crash")
	case errors.As(err, &fe):
		return term.Tuple(term.Atom("error"), term.Tuple(term.Int(int64(fe.Pos.Line)), term.Int(int64(fe.Pos.Column))), term.BinaryString(fe.Msg))
	case errors.Is(err, ErrSyntax):
		return term.Atom("syntax")
	}
	return term.Tuple(term.Atom("unexpected"), term.BinaryString(err.Error()))
}

func TestFromFun_differential(t *testing.T) {
	erltest.Require(t)
	funs := append(fun2msHandCases(), fun2msRandomCases(rand.New(rand.NewPCG(3, 4)), 1500)...)
	var in bytes.Buffer
	outcomes := map[string]int{}
	for _, f := range funs {
		if strings.ContainsAny(f, "\t\n") {
			t.Fatalf("case %q: tabs and newlines cannot be sent", f)
		}
		got := fun2msOutcome(f)
		switch {
		case got.IsAtom():
			outcomes[got.String()]++
		default:
			outcomes[got.Elements()[0].String()]++
		}
		fmt.Fprintf(&in, "%s\t%s\n", f, erlangExpr(got))
	}
	out := erltest.RunEscript(t, fun2msEscript, in.Bytes())
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	var report []string
	done := false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "DONE ") {
			done = true
			var n, bad int
			fmt.Sscanf(line, "DONE %d %d", &n, &bad)
			if n != len(funs) || bad != 0 {
				t.Errorf("erl checked %d funs (of %d), %d mismatches", n, len(funs), bad)
			}
			continue
		}
		report = append(report, line)
	}
	if !done {
		t.Fatalf("escript did not finish:\n%s", out)
	}
	if len(report) > 0 {
		t.Errorf("differences from OTP's ms_transform:\n%s", strings.Join(report[:min(len(report), 120)], "\n"))
	}
	t.Logf("%d funs, identical to OTP; outcomes %v", len(funs), outcomes)
}

// fun2msHandCases are funs after the ideas of OTP's ms_transform_SUITE.
func fun2msHandCases() []string {
	return []string{
		// Heads.
		`fun({K, V}) when V > 10 -> K end`,
		`fun(X) -> X end`,
		`fun(_) -> true end`,
		`fun({_, _}) -> ok end`,
		`fun({A, A}) -> A end`,
		`fun({A, B, A}) -> {B, A} end`,
		`fun(X = {A, B}) -> {X, A, B} end`,
		`fun({A, B} = X) -> {X, A, B} end`,
		`fun(X = Y) -> {X, Y} end`,
		`fun(X = Y = {A}) -> A end`,
		`fun({A, B} = {C, D}) -> A end`,
		`fun(_ = {_, A}) -> A end`,
		`fun({A, {B, [C | D]}, #{k := E}}) -> [A, B, C, D, E] end`,
		`fun({A, #{k => E}}) -> E end`,
		`fun({[], "", "abc", <<"bin">>, <<1,2,3>>, 1.5, -2, +3, -2.5, $a, -$a}) -> 1 end`,
		`fun({"ab" ++ T}) -> T end`,
		`fun({[1, 2] ++ [3 | T]}) -> T end`,
		`fun({X + 1}) -> X end`,
		`fun({- -1}) -> 1 end`,
		`fun({-X}) -> X end`,
		`fun({foo(X)}) -> X end`,
		`fun({'$1', X}) -> X end`,
		`fun({'$_', '$$', '$a', '$-1', '$+2', '$01'}) -> 1 end`,
		`fun({'$', X}) -> X end`,
		`fun({A, {B = C}}) -> A end`,
		`fun({X#{a := 1}}) -> X end`,
		`fun(A, B) -> A end`,
		`fun() -> 1 end`,
		`fun([A]) -> A end`,
		`fun(1) -> 1 end`,
		`fun(#r{a = 1}) -> 1 end`,
		`fun({#r{a = X}}) -> X end`,
		`fun({_X, _Y}) -> {_X, _Y} end`,
		`fun({X, [Y | Z]}) -> [X | Z] end`,
		`fun({K, V}) -> ok; ({K}) -> K; (X) -> X end`,
		// Guards.
		`fun({A, B}) when A > B -> A end`,
		`fun({A, B}) when A > B, B > 0 -> A end`,
		`fun({A, B}) when A > B; B > 0 -> A end`,
		`fun({A, B}) when A > B, is_integer(A); is_atom(B), B =/= x; A == B -> A end`,
		`fun({A, B}) when A andalso B orelse not A -> A end`,
		`fun({A, B}) when A and B or A xor B -> A end`,
		`fun({A}) when integer(A) -> A end`,
		`fun({A}) when atom(A); float(A); list(A); number(A); pid(A); port(A); reference(A); tuple(A); binary(A); function(A) -> A end`,
		`fun({A}) when record(A, r) -> A end`,
		`fun({A}) when is_record(A, r) -> A end`,
		`fun({A}) when is_record(A, B) -> A end`,
		`fun({A}) when is_record(A, r, 3) -> A end`,
		`fun({A}) when is_integer(integer(A)) -> A end`,
		`fun({A}) when erlang:is_integer(A) -> A end`,
		`fun({A}) when erlang:integer(A) -> A end`,
		`fun({A}) when erlang:'+'(A, 1) > 2 -> A end`,
		`fun({A}) when erlang:'+'(1, 1) > A -> A end`,
		`fun({A}) when erlang:'not'(A) -> A end`,
		`fun({A}) when erlang:element(1, A) -> A end`,
		`fun({A}) when erlang:self() == A -> A end`,
		`fun({A}) when lists:member(A, [1]) -> A end`,
		`fun({A}) when foo(A) -> A end`,
		`fun({A}) when 'Foo'(A) -> A end`,
		`fun({A}) when message(A) -> A end`,
		`fun({A}) when get_tcw() -> A end`,
		`fun({A}) when is_seq_trace() -> A end`,
		`fun({A}) when A = 1 -> A end`,
		`fun({A}) when Z > A -> A end`,
		`fun({A}) when _ > A -> A end`,
		`fun({A}) when element(1, A) =:= hd(tl(A)), size(A) > length(A), abs(A) < round(A) + trunc(A) - float(A) -> A end`,
		`fun({A}) when node() == node(A), self() /= A, map_get(k, A) == map_size(A), is_map_key(k, A), bit_size(A) > byte_size(A) -> A end`,
		`fun({A}) when binary_part(A, 1) == binary_part(A, 0, 1), tuple_size(A) > 1 -> A end`,
		`fun({A}) when A + 1 * 2 - 3 / 4 div 5 rem 6 band 7 bor 8 bxor 9 bsl 10 bsr 11 > 0 -> A end`,
		`fun({A}) when -A > +A, bnot A > 0, not A -> A end`,
		`fun({A}) when 1 + 2 > A, 1 / 0 > A, 7 div 2 == A, 1 / 2 == A, 1 bsl 100 == A, a < b, {1} == {1}, [1] == [1.0], [1] =:= [1.0] -> A end`,
		`fun({A}) when true andalso false, true and false, not true, true or A, [1] ++ [2] == A, [1, 2] ++ [3] == [1, 2, 3], [1, 2] -- [1.0] == [2] -> A end`,
		`fun({A}) when "ab" == A, "a" ++ "b" == A, <<"ab">> == A -> A end`,
		`fun({A}) when 1 == 1.0, 1 =:= 1.0, 2 > 1.5, a + 1 > A, - a > A, -(-1) == A, 2.0e308 * 10 > A -> A end`,
		`fun({A}) when {A, 1} == {1, A}, [A | 1] == A, #{a => A} == A, #{A => 1} == A -> A end`,
		`fun({A}) when #{a := A} == A -> A end`,
		`fun({A}) when A#{a => 1} == A -> A end`,
		`fun({A}) when A#r.f == 1 -> A end`,
		`fun({A}) when #r.f == 1 -> A end`,
		`fun({A}) when #r{f = A} == 1 -> A end`,
		`fun({A}) when A ! 1 -> A end`,
		`fun({A}) when (catch A) -> A end`,
		`fun({A}) when case A of _ -> true end -> A end`,
		`fun({A}) when F(A) -> A end`,
		`fun({A}) when M:f(A) -> A end`,
		`fun({A}) when [X || X <- A] == [] -> A end`,
		`fun({A}) when '$1' == A, '$_' == A, '$$' == A -> A end`,
		`fun({A}) when object() == A, bindings() == A, object(1) == A -> A end`,
		`fun({A}) when A == 1, B == 2, C == 3 -> A end`,
		`fun({A}) when A == 1, foo(B) -> A end`,
		// Bodies.
		`fun({A, B}) -> {A, {B, [A, B]}, [], {}} end`,
		`fun({A, B}) -> A, B, {A} end`,
		`fun({A, B}) -> '$a' end`,
		`fun({A, B}) -> object() end`,
		`fun({A, B}) -> bindings() end`,
		`fun({A, B}) -> '$$' end`,
		`fun({A, B}) -> message(A), return_trace(), display(B) end`,
		`fun({A, B}) -> set_seq_token(label, A), get_seq_token(), exception_trace(), process_dump(), caller(), silent(true), trace([A], [B]), trace(self(), [A], [B]), enable_trace(A), disable_trace(A, B), set_tcw(1) end`,
		`fun({A, B}) -> erlang:message(A) end`,
		`fun({A, B}) -> A = 1 end`,
		`fun({A, B}) -> C end`,
		`fun({A, B}) -> {A, C, D} end`,
		`fun({A, B}) -> foo:bar(A) end`,
		`fun({A, B}) -> bar(A) end`,
		`fun({A, B}) -> begin A end end`,
		`fun({A, B}) -> fun(X) -> X end end`,
		`fun({A, B}) -> fun foo/1 end`,
		`fun({A, B}) -> fun lists:map/2 end`,
		`fun({A, B}) -> if A -> B; true -> A end end`,
		`fun({A, B}) -> receive X -> X after 0 -> B end end`,
		`fun({A, B}) -> try A of X -> X catch _:_ -> B end end`,
		`fun({A, B}) -> catch A end`,
		`fun({A, B}) -> #{a => A, B => {B}, c => [A]} end`,
		`fun({A, B}) -> #{a => A, a => B} end`,
		`fun({A, B}) -> #{} end`,
		`fun({A, B}) -> A#{a => 1} end`,
		`fun({A, B}) -> #{a := A} end`,
		`fun({A, B}) -> [A | B] end`,
		`fun({A, B}) -> [A, B | {A}] end`,
		`fun({A, B}) -> "string" end`,
		`fun({A, B}) -> <<"bin">> end`,
		`fun({A, B}) -> 1 + 2 * 3 end`,
		`fun({A, B}) -> 1 + A * 3 end`,
		`fun({A, B}) -> {1 + 1, a == a, 1 / 3} end`,
		`fun({A, B}) -> A ++ B -- [1] end`,
		`fun({A, B}) -> #r{a = A} end`,
		`fun({A, B}) -> A#r{a = 1} end`,
		`fun({A, B}) -> A#r.a end`,
		`fun({A, B}) -> #r.a end`,
		`fun({A, B}) -> {A}#r{a = 1} end`,
		`fun({A, B}) -> [X || X <- A] end`,
		`fun({A, B}) -> <<X || <<X>> <= A>> end`,
		`fun({A, B}) -> <<A>> end`,
		`fun({A, B}) -> <<C>> end`,
		`fun({A, B}) -> x; ({A}) -> foo(A) end`,
		`fun({A, B}) -> Z; ({A}) -> foo(A) end`,
		`fun({A, B}) -> foo(A); ({A}) -> bar(A) end`,
		`fun({A, B}) -> foo(A, C) end`,
		`fun({A, B}) -> {foo(A), bar(B)} end`,
		`fun({A, B}) -> [foo(A) | bar(B)] end`,
		`fun({A, B}) -> foo(A) + bar(B) end`,
		`fun({A, B}) -> #{foo(A) => bar(B)} end`,
		`fun({A, B}) -> {C, foo(A)} end`,
		`fun({A, B}) when C -> foo(B) end`,
		`fun({A, B}) when foo(A) -> bar(B) end`,
		`fun({A, B}) when A > 1; foo(A) -> bar(B) end`,
		`fun({A}) -> A; (B = {_}) -> B end`,
		`fun({A}) -> A; ({B, C}) -> {C, B} end`,
		`fun({'A', 'b c', 'é', "é", $é, 'end'}) -> 'fun' end`,
		`fun({A}) -> 16#FF + 2#101 + 1_000 + 1.0e3 + $\n end`,
		`fun({A}) -> 123456789012345678901234567890 * 2 end`,
		`fun({A}) -> -123456789012345678901234567890 end`,
		`fun({-123456789012345678901234567890}) -> 1 end`,
		`fun({A}) -> ((A)) end`,
		`fun({A}) when (A > 1) -> (((1 + 2))) end`,
		// Syntax errors.
		`fun({A}) -> end`,
		`fun({A}) A end`,
		`fun({A} -> A end`,
		`fun({A}) -> A`,
		`fun({A}) -> A end end`,
		`fun X({A}) -> A end`,
		`fun foo/1`,
		`foo`,
		`fun({A}) when -> A end`,
		`fun({A}) -> 1 < 2 < 3 end`,
		`fun({A}) -> #{a} end`,
		`fun({A}) -> A; end`,
		`fun({A}) -> {A,} end`,
	}
}

// fun2msRandomCases builds funs from random heads, guards and bodies,
// mostly translatable, some not.
func fun2msRandomCases(r *rand.Rand, n int) []string {
	g := &funGen{r: r}
	out := make([]string, n)
	for i := range out {
		out[i] = g.fun()
	}
	return out
}

type funGen struct {
	r    *rand.Rand
	vars []string // the head's variables
}

func (g *funGen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

func (g *funGen) fun() string {
	var b strings.Builder
	b.WriteString("fun")
	clauses := 1 + g.r.IntN(3)
	for i := range clauses {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(g.clause())
	}
	b.WriteString(" end")
	return b.String()
}

func (g *funGen) clause() string {
	g.vars = nil
	head := g.headTop()
	var b strings.Builder
	fmt.Fprintf(&b, "(%s)", head)
	if g.r.IntN(3) > 0 {
		b.WriteString(" when ")
		alts := 1 + g.r.IntN(3)
		for i := range alts {
			if i > 0 {
				b.WriteString("; ")
			}
			tests := 1 + g.r.IntN(2)
			for j := range tests {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString(g.guard(2))
			}
		}
	}
	b.WriteString(" -> ")
	exprs := 1 + g.r.IntN(2)
	for i := range exprs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(g.body(2))
	}
	return b.String()
}

func (g *funGen) headTop() string {
	h := g.headTuple(2)
	switch g.r.IntN(8) {
	case 0:
		g.vars = append(g.vars, "O")
		return "O = " + h
	case 1:
		g.vars = append(g.vars, "O")
		return h + " = O"
	case 2:
		return g.newVar()
	}
	return h
}

func (g *funGen) newVar() string {
	v := g.pick("A", "B", "C", "K", "V", "_X", "Key", "Val")
	g.vars = append(g.vars, v)
	return v
}

func (g *funGen) headTuple(depth int) string {
	n := g.r.IntN(4)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = g.headPart(depth)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func (g *funGen) headPart(depth int) string {
	k := g.r.IntN(14)
	if depth == 0 {
		k %= 7
	}
	switch k {
	case 0, 1, 2:
		return g.newVar()
	case 3:
		return "_"
	case 4:
		return g.literal()
	case 5:
		if len(g.vars) > 0 {
			return g.vars[g.r.IntN(len(g.vars))]
		}
		return "_"
	case 6:
		if b, ok := g.bad(); ok {
			return g.pick(b, "'$1'", "X + 1", "A = B", "<<X>>", "#r{}")
		}
		return g.pick("'$_'", "-1", "-2.5", `"ab" ++ _`, "<<1,2>>", "[]", "+3", "-$a", "[1] ++ [_]")
	case 7, 8:
		return g.headTuple(depth - 1)
	case 9:
		return "[" + g.headPart(depth-1) + " | " + g.headPart(depth-1) + "]"
	case 10:
		return "[" + g.headPart(depth-1) + ", " + g.headPart(depth-1) + "]"
	case 11:
		return "#{" + g.literal() + " := " + g.headPart(depth-1) + "}"
	}
	return g.newVar()
}

func (g *funGen) literal() string {
	return g.pick("1", "0", "42", "16#7f", "1.0e-3", "-0.0", "-7", "1.5", "2.0e10", "a", "foo", "'B c'", "true", "[]", `"str"`, "$x",
		"123456789012345678901234567890", "'$x'", "{}", "<<\"b\">>")
}

// bad returns something ms_transform rejects, rarely.
func (g *funGen) bad() (string, bool) {
	if g.r.IntN(90) > 0 {
		return "", false
	}
	return g.pick("foo(A)", "lists:member(1, A)", "A = 1", "Z", "Unbound", "case A of _ -> 1 end", "erlang:is_atom(A)",
		"fun() -> 1 end", "(catch 1)", "[X || X <- []]", "#r.f", "<<Z>>", "M:f()", "F(1)", "erlang:message(1)"), true
}

// someVar returns one of the head's variables, or 1.
func (g *funGen) someVar() string {
	if len(g.vars) == 0 {
		return "1"
	}
	return g.vars[g.r.IntN(len(g.vars))]
}

// operand is a guard or body operand: a head variable mostly.
func (g *funGen) operand(depth int) string {
	if b, ok := g.bad(); ok {
		return b
	}
	k := g.r.IntN(11)
	if depth == 0 {
		k %= 6
	}
	switch k {
	case 0, 1, 2:
		if len(g.vars) > 0 {
			return g.vars[g.r.IntN(len(g.vars))]
		}
		return g.literal()
	case 3, 4:
		return g.literal()
	case 5:
		return g.pick("_", "object()", "bindings()", "self()", "node()", "'$_'", "'$1'")
	case 6, 10:
		return "(" + g.operand(depth-1) + " " + g.pick("+", "-", "*", "/", "div", "rem", "band", "bor", "bxor", "bsl", "bsr", "++", "--") + " " + g.operand(depth-1) + ")"
	case 7:
		if g.r.IntN(4) == 0 {
			return g.pick("-", "bnot ", "+", "- ") + g.operand(depth-1)
		}
		return g.pick("element(1, ", "hd(", "tl(", "length(", "size(", "abs(", "float(", "round(", "trunc(", "map_size(", "erlang:hd(", "erlang:abs(") + g.operand(depth-1) + ")"
	case 8:
		return "{" + g.operand(depth-1) + ", " + g.operand(depth-1) + "}"
	}
	return "[" + g.operand(depth-1) + " | " + g.operand(depth-1) + "]"
}

func (g *funGen) guard(depth int) string {
	if b, ok := g.bad(); ok {
		return b
	}
	k := g.r.IntN(12)
	if depth == 0 {
		k %= 5
	}
	switch k {
	case 0, 1, 2:
		return g.operand(1) + " " + g.pick(">", "<", ">=", "=<", "==", "/=", "=:=", "=/=") + " " + g.operand(1)
	case 3:
		return g.pick("is_integer(", "is_atom(", "is_tuple(", "is_list(", "integer(", "atom(", "is_map(", "is_binary(", "is_float(", "is_number(", "is_pid(", "is_reference(", "is_function(") + g.operand(1) + ")"
	case 4:
		v := g.someVar()
		return g.pick("true", "false", "is_map_key(a, "+v+")", "is_seq_trace()", "erlang:is_integer("+v+")", "erlang:'=='("+v+", 1)", "get_tcw()")
	case 5, 6:
		return "(" + g.guard(depth-1) + ") " + g.pick("andalso", "orelse", "and", "or", "xor") + " (" + g.guard(depth-1) + ")"
	case 7:
		return "not (" + g.guard(depth-1) + ")"
	case 8:
		return g.guard(depth-1) + " " + g.pick("andalso", "orelse") + " " + g.guard(depth-1)
	}
	return g.guard(depth - 1)
}

func (g *funGen) body(depth int) string {
	if b, ok := g.bad(); ok {
		return b
	}
	k := g.r.IntN(10)
	if depth == 0 {
		k %= 4
	}
	switch k {
	case 0, 1:
		return g.operand(1)
	case 2:
		v := g.someVar()
		return g.pick("'$_'", "'$$'", "object()", "bindings()", "ok", "message("+v+")", "return_trace()", "{const, 1}", "'$x'", "display("+v+")")
	case 3:
		return g.literal()
	case 4, 5:
		return "{" + g.body(depth-1) + ", " + g.body(depth-1) + "}"
	case 6:
		return "[" + g.body(depth-1) + ", " + g.body(depth-1) + "]"
	case 7:
		return "#{" + g.body(depth-1) + " => " + g.body(depth-1) + "}"
	}
	return g.guard(1)
}
