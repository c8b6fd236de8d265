package matchspec

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/etsql/etsql/internal/erltest"
	"github.com/etsql/etsql/term"
)

// The differential test: thousands of (object, match specification) pairs,
// valid and invalid, run through ets:test_ms/2 in a real OTP 25 and through
// TestMS; the results must be =:= (error message texts included). Terms go
// to erl as Erlang text; erl compares and reports any difference.

const diffEscript = `-mode(compile).

main(_) ->
    ok = io:setopts(standard_io, [binary, {encoding, unicode}]),
    loop(0, 0).

loop(N, Bad) ->
    case io:get_line("") of
        eof ->
            io:format("DONE ~p ~p~n", [N, Bad]);
        Line ->
            [ObjS, SpecS, GoS] = binary:split(string:trim(Line, trailing, "\n"), <<"\t">>, [global]),
            Obj = parse(ObjS),
            Spec = parse(SpecS),
            Go = parse(GoS),
            Erl = ets:test_ms(Obj, Spec),
            case Erl =:= Go of
                true ->
                    loop(N + 1, Bad);
                false ->
                    io:format("MISMATCH ~p~n  obj:  ~w~n  spec: ~w~n  erl:  ~w~n  go:   ~w~n", [N, Obj, Spec, Erl, Go]),
                    loop(N + 1, Bad + 1)
            end
    end.

parse(B) ->
    {ok, Toks, _} = erl_scan:string(unicode:characters_to_list(B) ++ "."),
    {ok, Exprs} = erl_parse:parse_exprs(Toks),
    {value, T, _} = erl_eval:exprs(Exprs, []),
    T.
`

type diffCase struct{ obj, spec term.Term }

func TestTestMS_differential(t *testing.T) {
	erltest.Require(t)
	cases := handCases()
	cases = append(cases, randomCases(rand.New(rand.NewPCG(1, 2)), 6000)...)
	var in bytes.Buffer
	outcomes := map[string]int{}
	for _, c := range cases {
		got := TestMS(c.obj, c.spec)
		switch {
		case got.Elements()[0].IsAtomNamed("error"):
			outcomes["error"]++
		case got.Elements()[1].IsAtomNamed("false"):
			outcomes["no match"]++
		case got.Elements()[1].IsAtomNamed("EXIT"):
			outcomes["'EXIT'"]++
		default:
			outcomes["match"]++
		}
		fmt.Fprintf(&in, "%s\t%s\t%s\n", erlangExpr(c.obj), erlangExpr(c.spec), erlangExpr(got))
	}
	out := erltest.RunEscript(t, diffEscript, in.Bytes())
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	var report []string
	done := false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "DONE ") {
			var n, bad int
			fmt.Sscanf(line, "DONE %d %d", &n, &bad)
			if n != len(cases) {
				t.Errorf("erl checked %d cases, want %d", n, len(cases))
			}
			done = true
			continue
		}
		report = append(report, line)
	}
	if !done {
		t.Fatalf("escript did not finish:\n%s", out)
	}
	if len(report) > 0 {
		if len(report) > 200 {
			report = append(report[:200], "...")
		}
		t.Errorf("TestMS differs from ets:test_ms/2:\n%s", strings.Join(report, "\n"))
	}
	t.Logf("%d cases agree with OTP: %v", len(cases), outcomes)
}

// erlangExpr prints t as an Erlang expression: term text, with pids, ports
// and references as binary_to_term(<<131,...>>) calls.
func erlangExpr(t term.Term) string {
	var b strings.Builder
	writeExpr(&b, t)
	return b.String()
}

func writeExpr(b *strings.Builder, t term.Term) {
	switch t.Kind() {
	case term.KindPid, term.KindPort, term.KindReference, term.KindFun:
		ext, _ := t.OpaqueExt()
		b.WriteString("binary_to_term(<<131")
		for _, c := range ext {
			fmt.Fprintf(b, ",%d", c)
		}
		b.WriteString(">>)")
	case term.KindTuple:
		b.WriteByte('{')
		for i, e := range t.Elements() {
			if i > 0 {
				b.WriteByte(',')
			}
			writeExpr(b, e)
		}
		b.WriteByte('}')
	case term.KindList:
		elems, tail := t.ListParts()
		b.WriteByte('[')
		for i, e := range elems {
			if i > 0 {
				b.WriteByte(',')
			}
			writeExpr(b, e)
		}
		if !tail.IsNil() {
			b.WriteByte('|')
			writeExpr(b, tail)
		}
		b.WriteByte(']')
	case term.KindMap:
		keys, vals := t.MapPairs()
		b.WriteString("#{")
		for i := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeExpr(b, keys[i])
			b.WriteString(" => ")
			writeExpr(b, vals[i])
		}
		b.WriteByte('}')
	default:
		b.WriteString(term.Format(t))
	}
}

func opaqueTerm(kind term.Kind, ext ...byte) term.Term {
	t, _ := term.Opaque(kind, ext)
	return t
}

func nodeAtomExt(name string) []byte { return append([]byte{119, byte(len(name))}, name...) }

var (
	otherPid  = opaqueTerm(term.KindPid, append(append([]byte{88}, nodeAtomExt("other@host")...), 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 1)...)
	localPort = opaqueTerm(term.KindPort, append(append([]byte{89}, nodeAtomExt("nonode@nohost")...), 0, 0, 0, 3, 0, 0, 0, 0)...)
	otherRef  = opaqueTerm(term.KindReference, append(append([]byte{90, 0, 3}, nodeAtomExt("other@host")...), 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3)...)
)

var (
	A    = term.Atom
	I    = term.Int
	F    = term.Float
	T    = term.Tuple
	L    = term.List
	B    = term.BinaryString
	bigI = func(s string) term.Term {
		v, _ := new(big.Int).SetString(s, 10)
		return term.BigInt(v)
	}
)

func clause(head term.Term, guards []term.Term, body ...term.Term) term.Term {
	return T(head, L(guards...), L(body...))
}

func spec1(head term.Term, guards []term.Term, body ...term.Term) term.Term {
	return L(clause(head, guards, body...))
}

func g(ts ...term.Term) []term.Term { return ts }

// sampleObjects are objects of every kind the cases run over.
func sampleObjects() []term.Term {
	return []term.Term{
		T(I(1), B("name"), I(7), F(12.5), I(3)),
		T(I(1), F(1.0)),
		T(F(1.0), I(1)),
		T(A("a"), A("a")),
		T(F(0.0), F(-0.0)),
		T(bigI("123456789012345678901234567890"), I(-5)),
		T(L(I(1), I(2), I(3)), T(A("x"), L())),
		T(term.ImproperList([]term.Term{A("a")}, A("b")), B("")),
		T(term.Map(term.MapPair{Key: A("a"), Value: I(1)}, term.MapPair{Key: I(2), Value: L(A("b"))})),
		T(T(I(1), T(I(2), I(3))), T(I(1), T(I(2), I(3)))),
		T(),
		A("atom"),
		I(42),
		L(I(1), I(2)),
		T(I(9223372036854775807), I(-9223372036854775808), F(1.0e300)),
		T(A("rec"), I(1), B("\x01\x02\xff")),
		T(SelfPid, otherPid, localPort, otherRef),
	}
}

// handCases cover every guard function with good and bad arguments, in
// guards and in bodies, and the validation errors.
func handCases() []diffCase {
	var cases []diffCase
	objs := sampleObjects()
	add := func(spec term.Term) {
		for _, o := range objs {
			cases = append(cases, diffCase{o, spec})
		}
	}
	addFew := func(spec term.Term) {
		for _, o := range objs[:3] {
			cases = append(cases, diffCase{o, spec})
		}
	}
	args := []term.Term{
		I(0), I(1), I(-3), I(64), F(2.5), F(-0.5), F(0.0), bigI("100000000000000000000"), bigI("-18446744073709551616"),
		A("a"), A("true"), A("false"), B("abc"), L(), L(I(1), I(2)), term.ImproperList([]term.Term{I(1)}, I(2)),
		T(A("const"), T(A("a"), I(1))), T(T(A("rec"), I(1))), term.Map(term.MapPair{Key: A("a"), Value: I(1)}),
		T(A("const"), T(I(1), I(2))), A("$1"), A("$_"), A("$$"),
	}
	for key := range bifs {
		if key.name == "get_tcw" || key.name == "set_tcw" || key.name == "set_tcw_fake" {
			continue
		}
		for i := 0; i < 12; i++ {
			call := []term.Term{A(key.name)}
			for j := 0; j < key.arity; j++ {
				call = append(call, args[(i*7+j*5+len(key.name))%len(args)])
			}
			c := T(call...)
			addFew(spec1(A("$1"), nil, c))
			addFew(spec1(A("$1"), g(c), A("yes")))
		}
	}
	// Validation errors and special forms.
	bad := []term.Term{
		A("foo"), L(A("foo")), L(T(A("a"), A("b"))), L(T(A("_"), L(), L())), L(T(A("_"), A("b"), A("c"))),
		term.ImproperList([]term.Term{clause(A("_"), nil, I(1))}, A("x")), L(),
		spec1(A("$1"), nil, A("$2")),
		spec1(A("$1"), g(A("$2")), A("$1")),
		spec1(A("$1"), g(T(A("foo"), A("$1"))), A("$1")),
		spec1(A("$1"), nil, T(A("+"), A("$2"), A("$3"))),
		spec1(A("$1"), nil, T(T(A("$2"), A("$3")))),
		spec1(A("$1"), nil, T(A("andalso"), A("$2"), A("$3"))),
		spec1(A("$1"), nil, T(A("and"))),
		spec1(A("$1"), nil, T(A("andthen"))),
		spec1(A("$1"), nil, T(A("orelse"))),
		spec1(A("$1"), nil, T(A("const"))),
		spec1(A("$1"), nil, T(A("const"), I(1), I(2))),
		spec1(A("$1"), nil, T(A("self"), I(1))),
		spec1(A("$1"), nil, T(A("message"), I(1))),
		spec1(A("$1"), g(T(A("return_trace"))), I(1)),
		spec1(A("$1"), nil, T(A("set_seq_token"), I(1), I(2))),
		spec1(A("$1"), nil, T(A("caller"))),
		spec1(A("$1"), nil, T(A("get_tcw"))),
		spec1(A("$1"), nil, T(A("set_tcw"), I(1))),
		spec1(A("$1"), nil, T(A("set_tcw"), I(1), I(2))),
		spec1(A("$1"), nil, T(A("tuple_size"), A("$1"))),
		spec1(A("$1"), nil, T(A("is_boolean"), A("$1"))),
		spec1(A("$1"), nil, T(A(">"), A("$1"))),
		spec1(A("$1"), nil, T()),
		spec1(A("$1"), nil, T(I(1), I(2))),
		spec1(A("$1"), nil, T(F(1.5), L(I(104), I(105)), B("ab"), B("\x01"), term.Map())),
		spec1(A("$1"), nil, T(A("$1"), A("a"))),
		spec1(A("$1"), nil, T(A("$_"))),
		spec1(A("$1"), nil, T(A("Abc"), A("a@b"))),
		spec1(A("$1"), nil, T(A("_"))),
		spec1(A("$1"), g(A("a")), A("$1")),
		L(T(A("$1"), term.ImproperList(g(A("true")), A("b")), L(A("$1")))),
		T(A("$1"), term.ImproperList(g(A("true")), A("b")), A("x")),
		T(A("$1"), L(), term.ImproperList(g(A("true")), A("b"))),
		spec1(term.Map(term.MapPair{Key: A("$1"), Value: I(1)}), nil, I(1)),
		spec1(term.Map(term.MapPair{Key: A("_"), Value: I(1)}), nil, I(1)),
		L(clause(A("$1"), nil, A("$1")), clause(A("$1"), nil, A("$2"))),
		L(clause(A("$1"), nil, A("$2")), clause(A("$1"), nil, A("$3"))),
		spec1(A("$1"), g(T(A("+"), A("$1"), I(1)), T(A("is_atom"), A("$2"))), A("$2")),
		spec1(A("$100"), nil, A("$101")),
		spec1(A("$30"), nil, T(A("const"), A("$30")), T(A("const"), A("$3"))),
		spec1(T(A("$30"), A("$3")), nil, A("$$"), T(A("const"), T(A("$3"), A("$30"), A("$7")))),
		spec1(A("$2147483647"), nil, I(1)),
		spec1(A("$2147483648"), nil, I(1)),
		spec1(A("$4294967297"), nil, A("$$")),
		spec1(A("$01"), nil, I(1)),
		spec1(A("$0"), nil, A("$0")),
	}
	for _, s := range bad {
		add(s)
	}
	// Heads of every kind.
	heads := []term.Term{
		T(A("$1"), A("_")), T(A("$1"), A("$1")), T(A("$1"), A("$2")), T(F(1.0), A("_")), T(I(1), A("$1")),
		T(F(0.0), A("$1")), T(A("$1"), F(-0.0)), T(L(A("$1"), A("|"), A("$2")), A("_")),
		T(term.ImproperList([]term.Term{A("$1")}, A("$2")), A("_")), T(term.ImproperList([]term.Term{A("$1"), A("$2")}, A("$3")), A("_")),
		T(L(A("$1"), A("_"), A("$2")), A("$3")), T(term.Map(term.MapPair{Key: A("a"), Value: A("$1")})),
		T(term.Map()), T(term.Map(term.MapPair{Key: I(2), Value: L(A("$1"))})),
		T(T(A("$1"), T(A("$2"), A("$3"))), T(A("$1"), A("$4"))), T(T(A("$1"), A("_")), A("$1")),
		T(A("$1"), T(A("$1"), A("_"))), T(), A("atom"), I(42), L(A("$1"), A("$2")), A("_"),
		T(bigI("123456789012345678901234567890"), A("$1")), T(A("$1"), B("")), T(A("rec"), A("$1"), A("$2")),
		T(A("$5"), A("$3"), F(1.0e300)),
	}
	bodies := [][]term.Term{{A("$_")}, {A("$$")}, {A("$1")}, {T(T(A("$1"), A("$_")))}, {L(A("$1"), A("$$"))}, {I(1), A("$1")}}
	for i, h := range heads {
		add(spec1(h, nil, bodies[i%len(bodies)]...))
		add(spec1(h, nil, A("$$")))
	}
	// Exceptions in guards make the clause fail; in bodies they give 'EXIT'.
	add(L(clause(A("$1"), g(T(A("/"), I(1), I(0))), A("first")), clause(A("_"), nil, A("second"))))
	add(L(clause(A("$1"), g(T(A("*"), F(1.0e300), F(1.0e300))), I(1)), clause(A("_"), nil, I(2))))
	add(spec1(A("$1"), nil, T(A("+"), T(A("/"), I(1), I(0)), I(1)), T(T(T(A("/"), I(1), I(0)), A("$1")))))
	add(spec1(A("$1"), nil, L(T(A("/"), I(1), I(0)), T(A("hd"), A("a")))))
	add(spec1(A("$1"), nil, T(A("and"), A("true"), A("$1"))))
	add(spec1(A("$1"), nil, T(A("andalso"), A("$1"), A("true"))))
	add(spec1(A("$1"), nil, T(A("orelse"), A("false"), A("$1"))))
	add(spec1(A("$1"), g(T(A("orelse"), A("false"), A("$1"))), I(1)))
	add(spec1(A("$1"), g(T(A("andalso"), A("true"), A("true"))), I(1)))
	// Guards of SQL filters: andalso of type tests and comparisons, a
	// non-boolean operand, an unbound variable in an operand; and UPDATE's
	// clauses sharing one head, whose answer the matcher reuses.
	{
		row := T(A("$1"), A("_"), I(7), A("$4"), A("_"))
		for _, gs := range [][]term.Term{
			g(T(A("andalso"), T(A("is_number"), A("$4")), T(A(">"), A("$4"), I(10)))),
			g(T(A("andalso"), T(A("is_integer"), A("$4")), T(A(">"), A("$4"), I(10)), T(A("<"), A("$1"), I(5)))),
			g(T(A("andalso"), A("$4"), T(A(">"), A("$4"), I(10)))),
			g(T(A("andalso"), T(A("is_float"), A("$4")))),
			g(T(A("andalso"), T(A("is_atom"), A("$4")), A("$4"))),
			g(T(A("andalso"), T(A("andalso"), T(A("is_number"), A("$1")), T(A("=<"), A("$1"), I(3))), T(A("is_number"), A("$4")))),
			g(T(A("andalso"), T(A("is_number"), A("$4")), T(A(">"), A("$9"), I(10)))),
			g(T(A("is_number"), A("$4")), T(A("andthen"), T(A("is_float"), A("$4")), T(A("=="), A("$4"), F(12.5)))),
		} {
			add(spec1(row, gs, A("$_")))
		}
		e4 := T(A("element"), I(4), A("$_"))
		add(L(clause(row, g(T(A("is_integer"), e4)), A("first")),
			clause(row, g(T(A("is_float"), e4)), A("second")),
			clause(row, nil, A("third"))))
		add(L(clause(row, g(T(A("=:="), A("$4"), A("x"))), A("first")),
			clause(row, g(T(A("=:="), A("$1"), I(1))), A("$1")),
			clause(T(A("_"), A("_"), I(8), A("_"), A("_")), nil, A("third")),
			clause(T(A("_"), A("_"), I(8), A("_"), A("_")), nil, A("fourth"))))
	}
	add(spec1(A("$1"), nil, term.Map(term.MapPair{Key: A("a"), Value: T(A("const"), A("b"))}, term.MapPair{Key: A("c"), Value: A("$1")})))
	add(spec1(A("$1"), nil, L(term.Map(term.MapPair{Key: A("a"), Value: T(A("const"), A("b"))}))))
	add(spec1(A("$1"), nil, T(T(I(1), T(A("const"), A("x")), A("$1")))))
	add(spec1(A("$1"), nil, A("_")))
	// How OTP prints terms in its diagnostics.
	for _, x := range []term.Term{
		L(I(128)), L(I(159)), L(I(160)), L(I(255)), L(I(256)), term.Charlist("a\rb"), term.Charlist("a\vb"),
		term.Charlist("a\tb\n"), term.Charlist("a\fb"), term.Charlist("a\x1bb"), term.Charlist(`a"b\`), A("é"), A("a b"), A("A"),
		A("_a"), A("aé"), A("a'b"), A(`a\b`), A("\n"), A("a@b"), A("if"), B("a b"), B(`"`), B(`\`), B("a\n"),
		F(-1.0e-10), F(123456789.0), F(-0.0), bigI("-123456789012345678901234567890"),
		term.Map(term.MapPair{Key: A("b"), Value: L()}, term.MapPair{Key: I(1), Value: F(2.5)}),
		term.ImproperList([]term.Term{I(97), I(98)}, A("c")), SelfPid, localPort, // a remote pid prints with its node's index in the node table: not reproducible
	} {
		addFew(spec1(A("_"), nil, T(I(1), x)))
	}
	for _, x := range []term.Term{SelfPid, otherPid, localPort, otherRef} {
		for _, f := range []string{"is_pid", "is_port", "is_reference", "is_function", "node", "is_atom"} {
			add(spec1(A("_"), nil, T(A(f), T(A("const"), x))))
		}
		add(spec1(T(x, A("_"), A("_"), A("_")), nil, A("match")))
		add(spec1(T(A("_"), x, A("_"), A("_")), nil, A("match")))
		add(spec1(T(A("$1"), A("$2"), A("$3"), A("$4")), g(T(A("=:="), A("$2"), T(A("const"), x))), A("$$")))
	}
	return cases
}

// randomCases generates objects, heads derived from them (variables,
// repeated variables, '_', constants, 1 for 1.0) and random guard and body
// expressions over every guard function.
func randomCases(r *rand.Rand, n int) []diffCase {
	gen := &caseGen{r: r}
	for key := range bifs {
		gen.funcs = append(gen.funcs, key)
	}
	slices.SortFunc(gen.funcs, func(a, b bifKey) int {
		return cmp.Or(strings.Compare(a.name, b.name), cmp.Compare(a.arity, b.arity))
	})
	cases := make([]diffCase, 0, n)
	for len(cases) < n {
		obj := gen.value(2)
		if r.IntN(4) > 0 {
			elems := make([]term.Term, 1+r.IntN(5))
			for i := range elems {
				elems[i] = gen.value(2)
			}
			obj = T(elems...)
		}
		gen.vars = gen.vars[:0]
		head := gen.head(obj, 0)
		guards := make([]term.Term, r.IntN(3))
		for i := range guards {
			guards[i] = gen.expr(3)
		}
		body := make([]term.Term, 1+r.IntN(2))
		for i := range body {
			body[i] = gen.expr(3)
		}
		spec := L(T(head, L(guards...), L(body...)))
		if r.IntN(4) == 0 {
			spec = L(T(head, L(guards...), L(body...)), T(A("_"), L(), L(gen.expr(2))))
		}
		cases = append(cases, diffCase{obj, spec})
		if r.IntN(3) == 0 {
			cases = append(cases, diffCase{gen.value(2), spec})
		}
	}
	return cases
}

type caseGen struct {
	r     *rand.Rand
	funcs []bifKey
	vars  []term.Term
}

var simpleValues = []term.Term{
	I(0), I(1), I(-1), I(2), I(7), I(10), I(255), I(64), I(-9223372036854775808), I(9223372036854775807),
	F(0.0), F(-0.0), F(1.0), F(2.5), F(-7.25), F(10.0), F(1.0e300), F(0.1),
	bigI("18446744073709551616"), bigI("-99999999999999999999999"),
	A("a"), A("b"), A("true"), A("false"), A("EXIT"), A("nonode@nohost"), A("rec"),
	B(""), B("abc"), B("\x00\xff"), L(), term.Charlist("hi"),
}

func (g *caseGen) value(depth int) term.Term {
	r := g.r
	if depth <= 0 || r.IntN(3) > 0 {
		return simpleValues[r.IntN(len(simpleValues))]
	}
	n := r.IntN(4)
	elems := make([]term.Term, n)
	for i := range elems {
		elems[i] = g.value(depth - 1)
	}
	switch r.IntN(4) {
	case 0:
		return T(elems...)
	case 1:
		if n > 0 && r.IntN(3) == 0 {
			return term.ImproperList(elems, g.value(0))
		}
		return L(elems...)
	case 2:
		pairs := make([]term.MapPair, n)
		for i := range pairs {
			pairs[i] = term.MapPair{Key: g.value(depth - 1), Value: elems[i]}
		}
		return term.Map(pairs...)
	}
	return T(A("rec"), g.value(0), g.value(depth-1))
}

// head turns obj into a pattern that often matches it.
func (g *caseGen) head(obj term.Term, depth int) term.Term {
	r := g.r
	switch k := r.IntN(10); {
	case k < 3:
		v := A(fmt.Sprintf("$%d", 1+r.IntN(6)))
		g.vars = append(g.vars, v)
		return v
	case k < 4:
		return A("_")
	case k < 5:
		if f, ok := obj.Float64(); ok && f == float64(int64(f)) && f < 1e18 && f > -1e18 {
			return I(int64(f)) // 1 does not match 1.0
		}
		if v, ok := obj.Int64(); ok {
			return F(float64(v))
		}
	case k < 6:
		if r.IntN(4) == 0 {
			return g.value(1)
		}
	}
	if depth > 2 {
		return obj
	}
	switch obj.Kind() {
	case term.KindTuple:
		elems := obj.Elements()
		out := make([]term.Term, len(elems))
		for i, e := range elems {
			out[i] = g.head(e, depth+1)
		}
		return T(out...)
	case term.KindList:
		elems, tail := obj.ListParts()
		out := make([]term.Term, len(elems))
		for i, e := range elems {
			out[i] = g.head(e, depth+1)
		}
		if len(out) > 1 && r.IntN(2) == 0 {
			v := A(fmt.Sprintf("$%d", 1+r.IntN(6)))
			g.vars = append(g.vars, v)
			return term.ImproperList(out[:1], v)
		}
		return term.ImproperList(out, tail)
	case term.KindMap:
		keys, vals := obj.MapPairs()
		var pairs []term.MapPair
		for i := range keys {
			if r.IntN(3) > 0 {
				if _, isVar := variableNumber(keys[i]); isVar || isUnderscore(keys[i]) {
					continue
				}
				pairs = append(pairs, term.MapPair{Key: keys[i], Value: g.head(vals[i], depth+1)})
			}
		}
		return term.Map(pairs...)
	}
	return obj
}

func (g *caseGen) expr(depth int) term.Term {
	r := g.r
	if depth <= 0 {
		return g.leaf()
	}
	switch k := r.IntN(20); {
	case k < 5:
		return g.leaf()
	case k < 12:
		f := g.funcs[r.IntN(len(g.funcs))]
		if f.name == "get_tcw" || f.name == "set_tcw" || f.name == "set_tcw_fake" {
			f = bifKey{"is_atom", 1}
		}
		call := []term.Term{A(f.name)}
		for i := 0; i < f.arity; i++ {
			call = append(call, g.expr(depth-1))
		}
		return T(call...)
	case k < 14:
		ops := []string{"and", "or", "andalso", "orelse", "xor", "not"}
		op := ops[r.IntN(len(ops))]
		n := 1 + r.IntN(3)
		switch op {
		case "xor":
			n = 2
		case "not":
			n = 1
		}
		call := []term.Term{A(op)}
		for i := 0; i < n; i++ {
			call = append(call, g.expr(depth-1))
		}
		return T(call...)
	case k < 15:
		n := r.IntN(3)
		elems := make([]term.Term, n)
		for i := range elems {
			elems[i] = g.expr(depth - 1)
		}
		return T(T(elems...))
	case k < 16:
		n := r.IntN(3)
		elems := make([]term.Term, n)
		for i := range elems {
			elems[i] = g.expr(depth - 1)
		}
		if n > 0 && r.IntN(3) == 0 {
			return term.ImproperList(elems, g.expr(depth-1))
		}
		return L(elems...)
	case k < 17:
		return term.Map(term.MapPair{Key: g.value(1), Value: g.expr(depth - 1)}, term.MapPair{Key: A("k"), Value: g.expr(depth - 1)})
	case k < 18:
		return T(A("const"), g.value(2))
	case k < 19:
		// Occasionally invalid: unknown functions, unbound variables, bad tuples.
		switch r.IntN(4) {
		case 0:
			return T(A("no_such_fun"), g.expr(0))
		case 1:
			return A("$9")
		case 2:
			return T(I(1), g.expr(0))
		}
		return T(A("const"))
	}
	return T(A(">"), g.expr(depth-1), g.expr(depth-1))
}

func (g *caseGen) leaf() term.Term {
	r := g.r
	switch k := r.IntN(10); {
	case k < 4 && len(g.vars) > 0:
		return g.vars[r.IntN(len(g.vars))]
	case k < 5:
		return A("$_")
	case k < 6:
		return A("$$")
	}
	v := simpleValues[r.IntN(len(simpleValues))]
	if v.IsAtom() || v.IsNumber() || v.IsBinary() || v.IsNil() {
		return v
	}
	return T(A("const"), v)
}
