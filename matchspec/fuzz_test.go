package matchspec

import (
	"testing"

	"github.com/etsql/etsql/term"
)

var fuzzSeeds = []string{
	"[{{'$1','$2','$3','$4','_'},[{'>','$4',10.0},{'==','$3',7}],['$_']}].",
	"[{{'$1','_'},[{'>','$1',3}],['$_']}]",
	"[{'$1',[{is_atom,'$1'}],['$$']},{'_',[],[{const,{a,b}}]}]",
	"[{{[a|'$1'],#{k => '$2'}},[{'andalso',{is_list,'$1'},{'=:=','$2',1.0}}],[{{'$2',<<\"bin\">>}}]}]",
	"[{'$1',[],[{'+','$2','$3'}]}]",
	"[{#{'$1'=>1},[],[1]}]",
	"[{'$30',[],[{const,'$30'}]}]",
	"[{{'$1','$1'},[{'/',1,0}],[{'bsl','$1',64}]}]",
	"[{'_',[],[#{{'+',1,1} => {{'$_'}}}]}]",
	"foo", "[x|y]", "[{a,b}]", "{", "'", "<<1,2", "#{a=>}", "-", "$", "16#ff", "1.0e", "[{'_',[],[$a]}]",
}

var fuzzObjects = []term.Term{
	term.Tuple(term.Int(1), term.BinaryString("name"), term.Int(7), term.Float(12.5), term.Int(3)),
	term.Tuple(term.Atom("a"), term.Atom("a")),
	term.Tuple(term.List(term.Int(1), term.Int(2)), term.Map(term.MapPair{Key: term.Atom("k"), Value: term.Int(1)})),
	term.Atom("x"),
}

// checkSpec compiles a specification term and runs it: never a panic;
// printing and reading back gives the same specification.
func checkSpec(t *testing.T, spec term.Term) {
	for _, o := range fuzzObjects {
		TestMS(o, spec)
	}
	Validate(spec)
	ms, err := FromTerm(spec)
	if err != nil {
		return
	}
	if p, err := Compile(ms); err == nil {
		m := p.NewMatcher()
		for _, o := range fuzzObjects {
			m.Match(o)
		}
		p.KeyBounds(1)
	}
	text := ms.String()
	again, err := Parse(text)
	if err != nil {
		t.Fatalf("Parse(String()) = %v for %s", err, text)
	}
	if !term.ExactEqual(again.Term(), ms.Term()) {
		t.Fatalf("String() then Parse changes the specification: %s", text)
	}
	_ = ms.Elixir()
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ms, err := Parse(text)
		if err != nil {
			return
		}
		checkSpec(t, ms.Term())
	})
}

// FuzzFromTerm builds specification terms from bytes, so that the fuzzer
// explores term shapes the text syntax makes rare.
func FuzzFromTerm(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5})
	f.Add([]byte("\x09\x03\x07\x01\x02\x08\x0a\x0b"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b := &termBuilder{data: data}
		spec := term.List(b.clause(), b.clause())
		checkSpec(t, spec)
	})
}

type termBuilder struct {
	data []byte
	pos  int
}

func (b *termBuilder) next() byte {
	if b.pos >= len(b.data) {
		return 0
	}
	c := b.data[b.pos]
	b.pos++
	return c
}

var builderAtoms = []string{"$1", "$2", "$3", "_", "$_", "$$", "const", "and", "andalso", "+", ">", "element",
	"is_integer", "map_get", "hd", "a", "true", "false", "'EXIT'", "$30", "self", "node", "/", "bsl"}

func (b *termBuilder) clause() term.Term {
	return term.Tuple(b.term(0), term.List(b.term(0), b.term(0)), term.List(b.term(0)))
}

func (b *termBuilder) term(depth int) term.Term {
	c := b.next()
	if depth > 4 {
		c %= 4
	}
	switch c % 10 {
	case 0:
		return term.Atom(builderAtoms[int(b.next())%len(builderAtoms)])
	case 1:
		return term.Int(int64(int8(b.next())))
	case 2:
		return term.Float(float64(int8(b.next())) / 4)
	case 3:
		return term.BinaryString(string([]byte{b.next()}))
	case 4, 5:
		n := int(b.next() % 4)
		elems := make([]term.Term, n)
		for i := range elems {
			elems[i] = b.term(depth + 1)
		}
		return term.Tuple(elems...)
	case 6:
		return term.Tuple(b.term(depth + 1))
	case 7:
		n := int(b.next() % 3)
		elems := make([]term.Term, n)
		for i := range elems {
			elems[i] = b.term(depth + 1)
		}
		if n > 0 && b.next()%2 == 0 {
			return term.ImproperList(elems, b.term(depth+1))
		}
		return term.List(elems...)
	case 8:
		return term.Map(term.MapPair{Key: b.term(depth + 1), Value: b.term(depth + 1)})
	}
	return term.Tuple(term.Atom(builderAtoms[int(b.next())%len(builderAtoms)]), b.term(depth+1), b.term(depth+1))
}
