package matchspec

import (
	"testing"

	"github.com/etsql/etsql/term"
)

// benchSpec is [{{'$1','$2','$3','$4','_'},[{'>','$4',10.0},{'==','$3',7}],['$_']}].
func benchProgram(b *testing.B) *Program {
	spec := L(clause(T(A("$1"), A("$2"), A("$3"), A("$4"), A("_")),
		g(T(A(">"), A("$4"), F(10.0)), T(A("=="), A("$3"), I(7))), A("$_")))
	ms, err := FromTerm(spec)
	if err != nil {
		b.Fatal(err)
	}
	p, err := Compile(ms)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func benchRows(n int, matching bool) []term.Term {
	rows := make([]term.Term, n)
	for i := range rows {
		cat, price := int64(i%5), 5.0+float64(i%5)
		if matching {
			cat, price = 7, 12.5
		}
		rows[i] = T(I(int64(i)), B("name"), I(cat), F(price), I(3))
	}
	return rows
}

func BenchmarkMatcher_Match_nonMatching(b *testing.B) {
	m := benchProgram(b).NewMatcher()
	rows := benchRows(1024, false)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok := m.Match(rows[i&1023]); ok {
			b.Fatal("matched")
		}
	}
}

func BenchmarkMatcher_Match_matching(b *testing.B) {
	m := benchProgram(b).NewMatcher()
	rows := benchRows(1024, true)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok := m.Match(rows[i&1023]); !ok {
			b.Fatal("no match")
		}
	}
}

func BenchmarkMatcher_Match_bindings(b *testing.B) {
	spec := L(clause(T(A("$1"), A("$2"), A("$3"), A("$4"), A("_")),
		g(T(A(">"), A("$4"), F(10.0)), T(A("=="), A("$3"), I(7))), A("$$")))
	ms, _ := FromTerm(spec)
	p, _ := Compile(ms)
	m := p.NewMatcher()
	rows := benchRows(1024, true)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Match(rows[i&1023])
	}
}

func BenchmarkProgram_Match_nonMatching(b *testing.B) {
	p := benchProgram(b)
	rows := benchRows(1024, false)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Match(rows[i&1023])
	}
}

func BenchmarkCompile(b *testing.B) {
	spec := L(clause(T(A("$1"), A("$2"), A("$3"), A("$4"), A("_")),
		g(T(A(">"), A("$4"), F(10.0)), T(A("=="), A("$3"), I(7))), A("$_")))
	ms, _ := FromTerm(spec)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Compile(ms); err != nil {
			b.Fatal(err)
		}
	}
}

// The specification a SQL filter gives: the constant in the head, the
// comparison guarded by a type test ("category = 7 AND price > 500").
func BenchmarkMatcher_Match_sqlFilter(b *testing.B) {
	spec := L(clause(T(A("_"), A("_"), I(7), A("$4"), A("_")),
		g(T(A("andalso"), T(A("is_number"), A("$4")), T(A(">"), A("$4"), I(500)))), A("$_")))
	ms, _ := FromTerm(spec)
	p, err := Compile(ms)
	if err != nil {
		b.Fatal(err)
	}
	m := p.NewMatcher()
	rows := make([]term.Term, 1024)
	for i := range rows {
		rows[i] = T(I(int64(i)), B("name"), I(int64(i%100)), F(float64(i)), I(3))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Match(rows[i&1023])
	}
}

// UPDATE's specification: three clauses with one head.
func BenchmarkMatcher_Match_sqlUpdate(b *testing.B) {
	head := T(A("_"), A("_"), I(7), A("_"), A("_"))
	e5 := T(A("element"), I(5), A("$_"))
	spec := L(
		clause(head, g(T(A("is_integer"), e5)), A("$_")),
		clause(head, g(T(A("=:="), e5, A("undefined"))), A("$_")),
		clause(head, g(T(A("is_float"), e5)), A("$_")))
	ms, _ := FromTerm(spec)
	p, err := Compile(ms)
	if err != nil {
		b.Fatal(err)
	}
	m := p.NewMatcher()
	rows := make([]term.Term, 1024)
	for i := range rows {
		rows[i] = T(I(int64(i)), B("name"), I(int64(i%100)), F(float64(i)), I(3))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Match(rows[i&1023])
	}
}
