package matchspec

import (
	"errors"
	"sync"
	"testing"

	"github.com/etsql/etsql/term"
)

func mustParseTerm(t *testing.T, s string) term.Term {
	t.Helper()
	v, err := term.Parse(s)
	if err != nil {
		t.Fatalf("term.Parse(%q): %v", s, err)
	}
	return v
}

func mustCompile(t *testing.T, spec string) *Program {
	t.Helper()
	ms, err := Parse(spec)
	if err != nil {
		t.Fatalf("Parse(%q): %v", spec, err)
	}
	p, err := Compile(ms)
	if err != nil {
		t.Fatalf("Compile(%q): %v", spec, err)
	}
	return p
}

// TestTestMS_guardFunctions runs every guard function in a body on good
// and bad arguments; the expected values were taken from erl (OTP 25).
func TestTestMS_guardFunctions(t *testing.T) {
	tests := []struct{ expr, want string }{
		{"{is_atom,a}", "true"}, {"{is_atom,1}", "false"},
		{"{is_float,1.0}", "true"}, {"{is_float,1}", "false"},
		{"{is_integer,100000000000000000000}", "true"}, {"{is_integer,1.0}", "false"},
		{"{is_list,[]}", "true"}, {"{is_list,[a|b]}", "true"}, {"{is_list,<<>>}", "false"},
		{"{is_number,1.5}", "true"}, {"{is_number,a}", "false"},
		{"{is_pid,{self}}", "true"}, {"{is_pid,a}", "false"}, {"{is_port,a}", "false"}, {"{is_reference,a}", "false"},
		{"{is_tuple,{{}}}", "true"}, {"{is_tuple,[]}", "false"},
		{"{is_map,#{}}", "true"}, {"{is_map,[]}", "false"},
		{"{is_binary,<<1>>}", "true"}, {"{is_binary,\"a\"}", "false"}, {"{is_function,a}", "false"},
		{"{is_record,{{a,1}},a,2}", "true"}, {"{is_record,{{a,1}},a,1}", "false"}, {"{is_record,{{a,1}},1,2}", "'EXIT'"},
		{"{is_map_key,a,#{a=>1}}", "true"}, {"{is_map_key,b,#{a=>1}}", "false"}, {"{is_map_key,a,x}", "'EXIT'"},
		{"{abs,-9223372036854775808}", "9223372036854775808"}, {"{abs,-2.5}", "2.5"}, {"{abs,a}", "'EXIT'"},
		{"{element,1,{{a}}}", "a"}, {"{element,2,{{a}}}", "'EXIT'"}, {"{element,1.0,{{a}}}", "'EXIT'"},
		{"{hd,[1,2]}", "1"}, {"{hd,[]}", "'EXIT'"}, {"{tl,[[a|b]]}", "[]"}, {"{tl,[1,2]}", "[2]"}, {"{tl,a}", "'EXIT'"},
		{"{length,[[1,2]]}", "1"}, {"{length,[1|2]}", "'EXIT'"},
		{"{node}", "nonode@nohost"}, {"{node,{self}}", "nonode@nohost"}, {"{node,a}", "'EXIT'"},
		{"{round,2.5}", "3"}, {"{round,-2.5}", "-3"}, {"{round,1.0e20}", "100000000000000000000"}, {"{round,a}", "'EXIT'"},
		{"{trunc,-2.7}", "-2"}, {"{trunc,5}", "5"},
		{"{float,3}", "3.0"}, {"{float,100000000000000000000}", "1.0e20"}, {"{float,a}", "'EXIT'"},
		{"{size,{{1,2}}}", "2"}, {"{size,<<\"abc\">>}", "3"}, {"{size,[[1]]}", "'EXIT'"},
		{"{byte_size,<<\"ab\">>}", "2"}, {"{bit_size,<<\"ab\">>}", "16"}, {"{byte_size,a}", "'EXIT'"},
		{"{map_size,#{a=>1}}", "1"}, {"{map_get,a,#{a=>1}}", "1"}, {"{map_get,b,#{a=>1}}", "'EXIT'"},
		{"{binary_part,<<\"abc\">>,{{1,1}}}", "<<\"b\">>"}, {"{binary_part,<<\"abc\">>,3,-2}", "<<\"bc\">>"},
		{"{binary_part,<<\"abc\">>,1,5}", "'EXIT'"}, {"{binary_part,<<\"abc\">>,1}", "'EXIT'"},
		{"{'+',1}", "1"}, {"{'+',a}", "'EXIT'"}, {"{'-',-9223372036854775808}", "9223372036854775808"}, {"{'-',1.5}", "-1.5"},
		{"{'+',9223372036854775807,1}", "9223372036854775808"}, {"{'+',1,1.0}", "2.0"}, {"{'+',a,1}", "'EXIT'"},
		{"{'-',-9223372036854775807,10}", "-9223372036854775817"},
		{"{'*',3000000000,3000000000}", "9000000000000000000"}, {"{'*',100000000000,100000000000}", "10000000000000000000000"},
		{"{'*',1.0e300,1.0e300}", "'EXIT'"},
		{"{'/',4,2}", "2.0"}, {"{'/',1,3}", "0.3333333333333333"}, {"{'/',1,0}", "'EXIT'"}, {"{'/',1,0.0}", "'EXIT'"},
		{"{'div',-7,2}", "-3"}, {"{'div',-9223372036854775808,-1}", "9223372036854775808"}, {"{'div',1,0}", "'EXIT'"},
		{"{'rem',-7,2}", "-1"}, {"{'rem',1,0}", "'EXIT'"}, {"{'rem',1.0,1}", "'EXIT'"},
		{"{'band',-1,255}", "255"}, {"{'bor',1,2}", "3"}, {"{'bxor',-100000000000000000000,3}", "-99999999999999999997"},
		{"{'bnot',5}", "-6"}, {"{'band',1,1.0}", "'EXIT'"},
		{"{'bsl',1,64}", "18446744073709551616"}, {"{'bsl',1,-1}", "0"}, {"{'bsr',-1,100}", "-1"},
		{"{'bsl',1,100000000}", "'EXIT'"}, {"{'bsl',0,100000000000}", "0"},
		{"{'>',2,1}", "true"}, {"{'>=',1,1.0}", "true"}, {"{'<',1,a}", "true"}, {"{'=<',b,a}", "false"},
		{"{'==',1,1.0}", "true"}, {"{'=:=',1,1.0}", "false"}, {"{'/=',1,1.0}", "false"}, {"{'=/=',1,1.0}", "true"},
		{"{'not',true}", "false"}, {"{'not',1}", "'EXIT'"}, {"{'xor',true,false}", "true"}, {"{'xor',true,1}", "'EXIT'"},
		{"{'and',true,true,false}", "false"}, {"{'and',true,a}", "'EXIT'"}, {"{'or',false,false}", "false"}, {"{'or',false,true}", "true"},
		{"{'andalso',true,a}", "a"}, {"{'andalso',false,a}", "false"}, {"{'andalso',a,true}", "'EXIT'"},
		{"{'orelse',false,a}", "a"}, {"{'orelse',true,a}", "true"}, {"{andthen,true,false}", "false"},
		{"{const,{a,'$1'}}", "{a,'$1'}"}, {"{{1,{const,x},{'+',1,1}}}", "{1,x,2}"}, {"[1,{'+',1,1}|{'+',2,2}]", "[1,2|4]"},
		{"#{a => {const,b}, {'+',1,1} => 1}", "#{a => b, 2 => 1}"}, {"'_'", "'_'"},
	}
	obj := term.Tuple(term.Int(1))
	for _, tt := range tests {
		spec := mustParseTerm(t, "[{'_',[],["+tt.expr+"]}]")
		got := TestMS(obj, spec)
		want := term.Tuple(term.Atom("ok"), mustParseTerm(t, tt.want))
		if !term.ExactEqual(got, want) {
			t.Errorf("%s = %s, want %s", tt.expr, term.Format(got), term.Format(want))
		}
		// In a guard, the same expression passes only when it is true;
		// an exception fails the clause.
		gspec := mustParseTerm(t, "[{'_',["+tt.expr+"],[pass]},{'_',[],[fail]}]")
		gwant := "fail"
		if tt.want == "true" {
			gwant = "pass"
		}
		if got := TestMS(obj, gspec); !term.ExactEqual(got, term.Tuple(term.Atom("ok"), term.Atom(gwant))) {
			t.Errorf("guard %s gives %s, want %s", tt.expr, term.Format(got), gwant)
		}
	}
}

func TestTestMS_heads(t *testing.T) {
	tests := []struct{ obj, spec, want string }{
		{"{1,<<\"name\">>,7,12.5,3}", "[{{'$1','$2','$3','$4','_'},[{'>','$4',10.0},{'==','$3',7}],['$_']}]", "{1,<<\"name\">>,7,12.5,3}"},
		{"{1,<<\"name\">>,7,12.5,3}", "[{{'$1','_'},[],['$_']}]", "false"},
		{"{1.0}", "[{{1},[],[yes]}]", "false"},
		{"{1}", "[{{1},[],[yes]}]", "yes"},
		{"{-0.0}", "[{{0.0},[],[yes]}]", "false"},
		{"{-0.0,0.0}", "[{{'$1','$1'},[],['$1']}]", "-0.0"},
		{"{a,b}", "[{{'$1','$1'},[],[yes]}]", "false"},
		{"{a,b}", "[{{'$2','$1'},[],['$$']}]", "[b,a]"},
		{"{[1,2,3]}", "[{{['$1'|'$2']},[],[{{'$1','$2'}}]}]", "{1,[2,3]}"},
		{"{[1]}", "[{{['$1','$2'|'_']},[],[yes]}]", "false"},
		{"{[a|b]}", "[{{['$1'|'$2']},[],['$2']}]", "b"},
		{"{#{a=>1,b=>2}}", "[{{#{a=>'$1'}},[],['$1']}]", "1"},
		{"{#{1=>1}}", "[{{#{1.0=>'$1'}},[],['$1']}]", "false"},
		{"{#{}}", "[{{#{}},[],[yes]}]", "yes"},
		{"foo", "[{'$1',[],['$1']}]", "foo"},
		{"{{0.0},-0.0}", "[{{{'$1'},'$1'},[],['$1']}]", "-0.0"},
		{"{a}", "[{{'$30'},[],[{const,'$30'},{const,'$3'}]}]", "'$0'"},
		{"{a}", "[{{'$4294967297'},[],['$$']}]", "[a]"},
		{"{a}", "[{{'$2147483648'},[],[yes]}]", "false"},
		{"{a}", "[{{'$1'},[{'/',1,0}],[first]},{'_',[],[second]}]", "second"},
		{"{a}", "[{{'$1'},[],[{'+',{'/',1,0},1},{{{'/',1,0},'$1'}}]}]", "{'EXIT',a}"},
	}
	for _, tt := range tests {
		got := TestMS(mustParseTerm(t, tt.obj), mustParseTerm(t, tt.spec))
		want := term.Tuple(term.Atom("ok"), mustParseTerm(t, tt.want))
		if !term.ExactEqual(got, want) {
			t.Errorf("test_ms(%s, %s) = %s, want %s", tt.obj, tt.spec, term.Format(got), term.Format(want))
		}
	}
}

func TestValidate_errors(t *testing.T) {
	tests := []struct {
		spec   string
		clause int
		msgs   []string
	}{
		{"foo", 0, []string{"Match programs are not in a list."}},
		{"[]", 0, []string{"Match programs are not in a list."}},
		{"[x|y]", 0, []string{"Match programs are not in a proper list."}},
		{"[{a,b}]", 1, []string{"Match program part is not a tuple of arity 3."}},
		{"[{a,b,c}]", 1, []string{"Match expression is not a list.", "Body clause does not return anything."}},
		{"[{'_',[],[a]},{'$1',[],['$2']}]", 2, []string{"Variable $2 is unbound."}},
		{"[{'$1',[],[{'+','$2','$3'}]}]", 1, []string{"Variable $3 is unbound.", "Variable $2 is unbound."}},
		{"[{'$1',[],[{foo,'$2'}]}]", 1, []string{"Function foo/1 does_not_exist."}},
		{"[{'$1',[],[{tuple_size,'$1'}]}]", 1, []string{"Function tuple_size/1 does_not_exist."}},
		{"[{'$1',[],[{get_tcw}]}]", 1, []string{"Function get_tcw/0 cannot be called in this context."}},
		{"[{'$1',[],[{message,1}]}]", 1, []string{"Special form 'message' used in wrong dialect."}},
		{"[{'$1',[],[{set_seq_token,a,b}]}]", 1, []string{"Special form 'set_seq_trace' used in wrong dialect."}},
		{"[{'$1',[],[{const}]}]", 1, []string{"Special form 'const' called with more than one argument in {const}."}},
		{"[{'$1',[],[{'and'}]}]", 1, []string{"Special form 'and' called without arguments in {and}."}},
		{"[{'$1',[],[{self,1}]}]", 1, []string{"Special form 'self' called with arguments in {self,1}."}},
		{"[{'$1',[],[{1.5,2}]}]", 1, []string{"{1.500000e+00,2} is neither a function call, nor a tuple (tuples are written {{ ... }})."}},
		{"[{#{'$1'=>1},[],[1]}]", 1, []string{"Variable found in map key."}},
		{"[{#{'_'=>1},[],[1]}]", 1, []string{"Underscore found in map key."}},
		{"[{'_',[],[#{'$3' => 1}]}]", 1, []string{"Variable $3 is unbound.", "Variable $3 is unbound."}},
		{"[{'_',[],[{\"hi\",[1,2],<<\"ab\">>,<<1,2>>,-3,100000000000000000000000,{},[]}]}]", 1,
			[]string{"{\"hi\",[1,2],<<\"ab\">>,<<1,2>>,-3,100000000000000000000000,{},[]} is neither a function call, nor a t"}},
	}
	for _, tt := range tests {
		diags := Validate(mustParseTerm(t, tt.spec))
		var msgs []string
		for _, d := range diags {
			msgs = append(msgs, d.Message)
			if d.Clause != tt.clause {
				t.Errorf("%s: diagnostic %q in clause %d, want %d", tt.spec, d.Message, d.Clause, tt.clause)
			}
		}
		if len(msgs) != len(tt.msgs) {
			t.Errorf("%s: diagnostics %q, want %q", tt.spec, msgs, tt.msgs)
			continue
		}
		for i := range msgs {
			if msgs[i] != tt.msgs[i] {
				t.Errorf("%s: diagnostic %q, want %q", tt.spec, msgs[i], tt.msgs[i])
			}
		}
	}
}

func TestCompile_badMatchSpec(t *testing.T) {
	ms := &MatchSpec{Clauses: []Clause{
		{Head: term.Atom("_"), Body: []term.Term{term.Atom("a")}},
		{Head: term.Atom("$1"), Body: []term.Term{term.Atom("$2")}},
	}}
	_, err := Compile(ms)
	if !errors.Is(err, ErrBadMatchSpec) {
		t.Fatalf("Compile: %v, want ErrBadMatchSpec", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.Clause != 2 || e.Msg != "Variable $2 is unbound." {
		t.Fatalf("Compile: %#v", err)
	}
	if got, want := err.Error(), "clause 2: variable $2 is unbound"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestFromTerm_errors(t *testing.T) {
	for _, s := range []string{"foo", "[x|y]", "[{a,b}]", "[{a,b,[c]}]", "[{a,[],[]}]", "[{a,[],b}]"} {
		if _, err := FromTerm(mustParseTerm(t, s)); !errors.Is(err, ErrBadMatchSpec) {
			t.Errorf("FromTerm(%s): %v, want ErrBadMatchSpec", s, err)
		}
	}
	ms, err := FromTerm(term.Nil)
	if err != nil || len(ms.Clauses) != 0 {
		t.Fatalf("FromTerm([]) = %v, %v", ms, err)
	}
	p, err := Compile(ms)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := p.Match(term.Tuple()); ok {
		t.Error("the empty specification matched")
	}
}

func TestParse_errors(t *testing.T) {
	tests := []struct{ text, want string }{
		{"[{'$1',[],['$1']}", "1:18: expected ',', '|' or ']', found end of input"},
		{"[{a,[],[b]}] x", "1:14: expected '.' or end of input, found atom x"},
		{"[{\n  A,[],[b]}]", "2:3: expected term, found variable A"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.text)
		if !errors.Is(err, ErrSyntax) || err.Error() != tt.want {
			t.Errorf("Parse(%q) = %v, want %s", tt.text, err, tt.want)
		}
	}
}

func TestProgram_ReturnsObject(t *testing.T) {
	tests := []struct {
		spec string
		want bool
	}{
		{"[{{'$1','_'},[],['$_']}]", true},
		{"[{{'$1','_'},[],['$_']},{'_',[],['$_']}]", true},
		{"[{{'$1','_'},[],['$1']}]", false},
		{"[{{'$1','_'},[],[a,'$_']}]", false},
	}
	for _, tt := range tests {
		if got := mustCompile(t, tt.spec).ReturnsObject(); got != tt.want {
			t.Errorf("%s: ReturnsObject() = %v", tt.spec, got)
		}
	}
}

func TestProgram_KeyBounds(t *testing.T) {
	tests := []struct {
		spec   string
		keypos int
		want   string // formatted bounds, or "scan"
	}{
		{"[{{a,'$1'},[],['$_']}]", 1, "exact a"},
		{"[{{a,'$1'},[],['$_']},{{b,'_'},[],['$_']}]", 1, "exact a; exact b"},
		{"[{{'$1',b},[],['$_']}]", 1, "scan"},
		{"['_']", 1, "scan"},
		{"[{'$1',[],['$_']}]", 1, "scan"},
		{"[{{{x,1,'$1'},b},[],['$_']}]", 1, "prefix x,1 arity 3"},
		{"[{{{'$1',1},b},[],['$_']}]", 1, "scan"},
		{"[{{a},[],['$_']},{foo,[],[1]},{[a],[],[1]}]", 2, ""},
		{"[{{a,[1,2],{x,#{}}},[],['$_']}]", 2, "exact [1,2]"},
		{"[{{a,[1,2],{x,#{}}},[],['$_']}]", 3, "prefix x arity 2"},
	}
	for _, tt := range tests {
		spec := tt.spec
		if spec == "['_']" {
			spec = "[{'_',[],[1]}]"
		}
		bounds, ok := mustCompile(t, spec).KeyBounds(tt.keypos)
		got := "scan"
		if ok {
			got = ""
			for i, b := range bounds {
				if i > 0 {
					got += "; "
				}
				if b.Exact {
					got += "exact " + term.Format(b.Key)
					continue
				}
				got += "prefix "
				for j, p := range b.Prefix {
					if j > 0 {
						got += ","
					}
					got += term.Format(p)
				}
				got += " arity " + term.Format(term.Int(int64(b.Arity)))
			}
		}
		if got != tt.want {
			t.Errorf("%s keypos %d: %q, want %q", tt.spec, tt.keypos, got, tt.want)
		}
	}
}

func TestProgram_Match_concurrent(t *testing.T) {
	p := mustCompile(t, "[{{'$1','$2'},[{'>','$2',5}],[{{'$2','$1'}}]}]")
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				v, ok := p.Match(term.Tuple(term.Int(int64(w)), term.Int(int64(i))))
				if ok != (i > 5) {
					t.Errorf("Match(%d): %v", i, ok)
					return
				}
				if ok && !term.ExactEqual(v, term.Tuple(term.Int(int64(i)), term.Int(int64(w)))) {
					t.Errorf("Match(%d) = %s", i, term.Format(v))
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestMatcher_Match_noAllocations(t *testing.T) {
	m := mustCompile(t, "[{{'$1','$2','$3','$4','_'},[{'>','$4',10.0},{'==','$3',7}],['$_']}]").NewMatcher()
	obj := term.Tuple(term.Int(1), term.BinaryString("name"), term.Int(3), term.Float(2.5), term.Int(3))
	if n := testing.AllocsPerRun(100, func() { m.Match(obj) }); n != 0 {
		t.Errorf("%v allocations per non-matching object", n)
	}
}

func TestSelfPid(t *testing.T) {
	got := TestMS(term.Tuple(), mustParseTerm(t, "[{'_',[],[{self}]}]"))
	if v := got.Elements()[1]; !term.ExactEqual(v, SelfPid) || v.Kind() != term.KindPid || ertsFormat(v) != "<0.0.0>" {
		t.Errorf("{self} = %s", ertsFormat(v))
	}
}
