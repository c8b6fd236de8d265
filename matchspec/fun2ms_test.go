package matchspec

import (
	"errors"
	"strings"
	"testing"

	"github.com/etsql/etsql/term"
)

func TestFromFun_translations(t *testing.T) {
	tests := []struct {
		name, fun, want string
	}{
		{"guard", `fun({K, V}) when V > 10 -> K end`, `[{{'$1','$2'},[{'>','$2',10}],['$1']}]`},
		{"final dot", `fun(X) -> X end.`, `[{'$1',[],['$1']}]`},
		{"object alias", `fun(O = {K, _}) -> {K, O} end`, `[{{'$1','_'},[],[{{'$1','$_'}}]}]`},
		{"alias on the right", `fun({K, _} = O) -> O end`, `[{{'$1','_'},[],['$_']}]`},
		{"repeated variable", `fun({A, A}) -> A end`, `[{{'$1','$1'},[],['$1']}]`},
		{"alternative guards become clauses", `fun({A}) when A > 1, A < 5; A == 0 -> A end`,
			`[{{'$1'},[{'>','$1',1},{'<','$1',5}],['$1']},{{'$1'},[{'==','$1',0}],['$1']}]`},
		{"clauses", `fun({a, X}) -> X; ({b, _}) -> object() end`, `[{{a,'$1'},[],['$1']},{{b,'_'},[],['$_']}]`},
		{"constants folded", `fun({A}) when A > 1 + 2 * 3 -> {-1, 1 / 2, a < b} end`, `[{{'$1'},[{'>','$1',7}],[{{-1,0.5,true}}]}]`},
		{"andalso kept", `fun({A}) when true andalso A -> A end`, `[{{'$1'},[{'andalso',true,'$1'}],['$1']}]`},
		{"dollar atoms quoted", `fun({A}) -> {'$1', '$_', A} end`, `[{{'$1'},[],[{{{const,'$1'},{const,'$_'},'$1'}}]}]`},
		{"old guard test", `fun({A}) when integer(A) -> A end`, `[{{'$1'},[{is_integer,'$1'}],['$1']}]`},
		{"erlang module", `fun({A}) when erlang:is_atom(A), erlang:'>'(A, 1) -> erlang:element(1, A) end`,
			`[{{'$1'},[{is_atom,'$1'},{'>','$1',1}],[{element,1,'$1'}]}]`},
		{"bindings and object", `fun(_) -> {bindings(), object()} end`, `[{'_',[],[{{'$*','$_'}}]}]`},
		{"lists and maps", `fun({H, T}) -> [H | T] ++ [#{k => H}] end`, `[{{'$1','$2'},[],[{'++',['$1'|'$2'],[#{k => '$1'}]}]}]`},
		{"head literals", `fun({"ab" ++ T, -1, $a, <<1>>, #{k := V}}) -> {T, V} end`, `[{{[97,98|'$1'],-1,97,<<1>>,#{k => '$2'}},[],[{{'$1','$2'}}]}]`},
		{"action functions in bodies", `fun(X) -> message(X), return_trace() end`, `[{'$1',[],[{message,'$1'},{return_trace}]}]`},
		{"bound variable", `fun({K}) -> {K, Limit} end`, `[{{'$1'},[],[{{'$1',{const,{1,2}}}}]}]`},
		{"head shadows binding", `fun({Limit}) -> Limit end`, `[{{'$1'},[],['$1']}]`},
		{"underscore", `fun({_, _X}) -> _X end`, `[{{'_','$1'},[],['$1']}]`},
	}
	bindings := map[string]term.Term{"Limit": term.Tuple(term.Int(1), term.Int(2))}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromFun(tt.fun, bindings)
			if err != nil {
				t.Fatalf("FromFun(%s): %v", tt.fun, err)
			}
			want := mustParseTerm(t, tt.want)
			if !term.ExactEqual(got, want) {
				t.Errorf("FromFun(%s)\n got %s\nwant %s", tt.fun, got, want)
			}
		})
	}
}

func TestFromFun_errors(t *testing.T) {
	tests := []struct {
		name, fun, want string
		sentinel        error
	}{
		{"unbound", `fun({A}) -> B end`, "1:13: the variable B is unbound, cannot translate into match_spec", ErrFun2MS},
		{"local call", `fun({A}) when foo(A) -> A end`, "1:15: fun containing the local function call 'foo/1' (called in guard) cannot be translated into match_spec", ErrFun2MS},
		{"remote call", "fun({A}) ->\n  lists:sum(A) end", "2:3: fun containing the remote function call 'lists:sum/1' (called in body) cannot be translated into match_spec", ErrFun2MS},
		{"two parameters", `fun(A, B) -> A end`, "1:4: ets:fun2ms requires fun with single variable or tuple parameter", ErrFun2MS},
		{"list parameter", `fun([A]) -> A end`, "1:4: ets:fun2ms requires fun with single variable or tuple parameter", ErrFun2MS},
		{"nested match in head", `fun({A = B}) -> A end`, "1:6: in fun head, only matching (=) on toplevel can be translated into match_spec", ErrFun2MS},
		{"reserved atom in head", `fun({'$1'}) -> 1 end`, "1:6: fun head contains atom '$1', which conflics with reserved atoms in match_spec heads", ErrFun2MS},
		{"match in guard", `fun({A}) when A = 1 -> A end`, "1:15: fun with guard matching ('=' in guard) is illegal as match_spec as well", ErrFun2MS},
		{"match in body", `fun({A}) -> A = 1 end`, "1:13: fun with body matching ('=' in body) is illegal as match_spec", ErrFun2MS},
		{"case", `fun({A}) -> case A of _ -> 1 end end`, "1:13: the language element case (in body) cannot be translated into match_spec", ErrFun2MS},
		{"record", `fun({A}) when is_record(A, r) -> A end`, "1:28: fun guard contains unknown record type r", ErrFun2MS},
		{"head record", `fun(#r{a = A}) -> A end`, "1:5: fun head contains unknown record type r", ErrFun2MS},
		{"binary variable", `fun({A}) -> <<A>> end`, "1:15: bit syntax construction with variable 'A' (in body) cannot be translated into match_spec", ErrFun2MS},
		{"illegal pattern", `fun({X + 1}) -> X end`, "1:1: " + TransformCrash, ErrFun2MS},
		{"errors before unbound variables", `fun({A}) -> {B, foo(A)} end`, "1:17: fun containing the local function call 'foo/1' (called in body) cannot be translated into match_spec", ErrFun2MS},
		{"not a fun", `foo`, "1:1: expected 'fun', found atom foo", ErrSyntax},
		{"missing end", `fun(A) -> A`, "1:12: expected ',', ';' or 'end', found end of input", ErrSyntax},
		{"text after", `fun(A) -> A end x`, "1:17: expected end of input, found atom x", ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromFun(tt.fun, nil)
			if err == nil {
				t.Fatalf("FromFun(%s) succeeded, want %q", tt.fun, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("FromFun(%s) error\n got %q\nwant %q", tt.fun, err.Error(), tt.want)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("error %v does not match %v", err, tt.sentinel)
			}
		})
	}
}

func TestFromFun_deepNesting(t *testing.T) {
	deep := "fun(X) -> " + strings.Repeat("{", term.MaxDepth+1) + strings.Repeat("}", term.MaxDepth+1) + " end"
	if _, err := FromFun(deep, nil); !errors.Is(err, term.ErrTooDeep) {
		t.Errorf("nesting beyond MaxDepth: error %v, want ErrTooDeep", err)
	}
	long := "fun(X) -> [" + strings.Repeat("X, ", 50000) + "X] end"
	got, err := FromFun(long, nil)
	if err != nil {
		t.Fatalf("a long list: %v", err)
	}
	body, _ := got.Elements()[0].Element(3)
	if n := body.Elements()[0].Len(); n != 50001 {
		t.Errorf("a long list: %d elements, want 50001", n)
	}
}

func FuzzFromFun(f *testing.F) {
	for _, s := range fun2msHandCases() {
		f.Add(s)
	}
	f.Add("fun(<<X:8/integer-unit:1, \"a\">>) -> 1 end")
	f.Add("fun(X) -> [1, 2 | X] -- [3] ++ #{} end")
	f.Fuzz(func(t *testing.T, text string) {
		ms, err := FromFun(text, map[string]term.Term{"B": term.Int(1)})
		if err != nil {
			var fe *FunError
			var se *term.SyntaxError
			if !errors.As(err, &fe) && !errors.As(err, &se) {
				t.Fatalf("FromFun(%q): error %v is neither a FunError nor a SyntaxError", text, err)
			}
			return
		}
		back, err := term.Parse(term.Format(ms))
		if err != nil || !term.ExactEqual(back, ms) {
			t.Fatalf("FromFun(%q) = %s: printing and parsing gives %s, %v", text, ms, back, err)
		}
	})
}
