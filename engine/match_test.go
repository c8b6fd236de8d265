package engine

import (
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

// spec parses a match specification or pattern written in Erlang.
func spec(text string) term.Term {
	t, err := term.Parse(text)
	if err != nil {
		panic(err)
	}
	return t
}

var diffSpecs = []term.Term{
	spec(`[{{'$1','$2'},[{'>','$2',0}],['$_']}]`),
	spec(`[{{'$1','_'},[],['$1']}]`),
	spec(`[{{'$1','$2','$3'},[],[{{'$3','$2'}}]}]`),
	spec(`[{{1,'_'},[],['$_']},{{2.0,'$1'},[],['$1']}]`),
	spec(`[{{{7,'_'},'$1'},[],[['$1']]}]`),
	spec(`[{{{7,'$1'},'_'},[{is_atom,'$1'}],['$$']}]`),
	spec(`[{{a,'$1'},[],['$1']},{{'$1',x},[],['$1']}]`),
	spec(`[{'$1',[{'==',{element,1,'$1'},1}],['$_']}]`),
	spec(`[{{'$1','$2'},[{is_float,'$2'}],[{{'$2'}}]}]`),
	spec(`[{'_',[],['$_']}]`),
	spec(`[{{'$1','_'},[{'>=','$1',1},{'<','$1',3}],['$_']}]`),
	spec(`[{{'$1','$2'},[{'andalso',{'>','$1',0.5},{'=<','$1',2.0}}],['$1']}]`),
	spec(`[{{'$1','_'},[{'==','$1',1}],['$_']},{{'$1','_'},[{'>',{const,{7,x}},'$1'},{is_tuple,'$1'}],['$1']}]`),
	spec(`[{{'$1','_'},[{'<',a,'$1'}],['$1']}]`),
	spec(`[{{'$1','_','_'},[{'=:=','$1',2}],['$_']},{{3,'$1'},[],['$1']}]`),
	spec(`[]`),
	spec(`[{{'$1'},[],[bad]}]`),
	spec(`[{bad_head}]`),
}

var diffCountSpecs = []term.Term{
	spec(`[{{'$1','$2'},[{'>','$2',0}],[true]}]`),
	spec(`[{{'_','$1'},[{is_atom,'$1'}],[true]},{'_',[],[false]}]`),
	spec(`[{{1,'_'},[],[true]}]`),
	spec(`[{{{7,'_'},'_'},[],[true]}]`),
	spec(`[{'_',[],[true]}]`),
}

var diffReplaceSpecs = []term.Term{
	spec(`[{{'$1','$2'},[{is_integer,'$2'}],[{{'$1',{'+','$2',1}}}]}]`),
	spec(`[{{'$1','$2'},[],[{{'$1','$2','$2'}}]}]`),
	spec(`[{{'$1','$2','_'},[],[{{'$1','$2'}}]}]`),
	spec(`[{{'$1','$2'},[{'==','$2',x}],[{{a,'$2'}}]}]`), // changes the key unless it is a
	spec(`[{{'$1','_'},[{is_number,'$1'}],[{{{'+','$1',0.0},y}}]}]`),
	spec(`[{{1,'$1'},[],[{{1,{{'$1'}}}}]}]`),
	spec(`[{{'$1','_'},[],[{{'$1'}}]}]`),
	spec(`[{{'$1','_'},[],[foo]}]`),
}

var diffPatterns = []term.Term{
	spec(`{'$1','_'}`), spec(`{'_','$1'}`), spec(`{{7,'$1'},'$2'}`), spec(`{'$1','$1'}`),
	spec(`{'$2','$1','_'}`), spec(`{1,'$1'}`), spec(`'_'`), spec(`{'_',x}`), spec(`{a,'_'}`),
}

// matchOp generates an operation taking a match specification or pattern.
func (g *diffGen) matchOp(tab term.Term) term.Term {
	limit := i(int64(g.r.IntN(4) + 1))
	if g.r.IntN(20) == 0 {
		limit = i(0) // badarg
	}
	switch g.r.IntN(13) {
	case 0:
		return tu(a("select"), tab, g.pick(diffSpecs))
	case 1:
		return tu(a("select_reverse"), tab, g.pick(diffSpecs))
	case 2:
		return tu(a("select_chunks"), tab, g.pick(diffSpecs), limit)
	case 3:
		return tu(a("select_reverse_chunks"), tab, g.pick(diffSpecs), limit)
	case 4:
		return tu(a("select_count"), tab, g.pick(diffCountSpecs))
	case 5:
		return tu(a("select_delete"), tab, g.pick(diffCountSpecs[:4]))
	case 6, 7:
		return tu(a("select_replace"), tab, g.pick(diffReplaceSpecs))
	case 8:
		return tu(a("match"), tab, g.pick(diffPatterns))
	case 9:
		return tu(a("match_object"), tab, g.pick(diffPatterns))
	case 10:
		return tu(a("match_chunks"), tab, g.pick(diffPatterns), limit)
	case 11:
		return tu(a("match_object_chunks"), tab, g.pick(diffPatterns), limit)
	}
	return tu(a("match_delete"), tab, g.pick(diffPatterns[5:]))
}

// chunks runs a select/3-style call and its continuations to the end.
func chunks(first func() ([]term.Term, *Continuation, error), p *Process) (term.Term, error) {
	res, c, err := first()
	var all []term.Term
	for err == nil {
		all = append(all, res...)
		if c == nil {
			break
		}
		res, c, err = c.Next(p)
	}
	return term.List(all...), err
}

// chunkSizes is the list of the sizes of the chunks, empty ones left out
// (OTP never returns an empty chunk; the engine's last call may).
func chunkSizes(first func() ([]term.Term, *Continuation, error), p *Process) (term.Term, error) {
	res, c, err := first()
	var sizes []term.Term
	for err == nil {
		if len(res) > 0 {
			sizes = append(sizes, i(int64(len(res))))
		}
		if c == nil {
			break
		}
		res, c, err = c.Next(p)
	}
	return term.List(sizes...), err
}

func (r *diffRunner) applyMatch(tab *Table, name string, args []term.Term) (term.Term, error) {
	p := r.p
	count := func(n int, err error) (term.Term, error) { return i(int64(n)), err }
	list := func(res []term.Term, err error) (term.Term, error) { return term.List(res...), err }
	switch name {
	case "match":
		return list(tab.Match(p, args[0]))
	case "match_object":
		return list(tab.MatchObject(p, args[0]))
	case "match_delete":
		return term.True, tab.MatchDelete(p, args[0])
	case "match_chunks", "match_object_chunks":
		limit, _ := args[1].Int64()
		lim := tab.MatchLimit
		if name == "match_object_chunks" {
			lim = tab.MatchObjectLimit
		}
		return chunks(func() ([]term.Term, *Continuation, error) { return lim(p, args[0], int(limit)) }, p)
	}
	prog, err := CompileSpec(args[0])
	if err != nil {
		return term.Term{}, err
	}
	switch name {
	case "select":
		return list(tab.Select(p, prog))
	case "select_reverse":
		return list(tab.SelectReverse(p, prog))
	case "select_count":
		return count(tab.SelectCount(p, prog))
	case "select_delete":
		return count(tab.SelectDelete(p, prog))
	case "select_replace":
		return count(tab.SelectReplace(p, prog))
	case "select_chunk_sizes", "select_reverse_chunk_sizes":
		limit, _ := args[1].Int64()
		lim := tab.SelectLimit
		if name == "select_reverse_chunk_sizes" {
			lim = tab.SelectReverseLimit
		}
		return chunkSizes(func() ([]term.Term, *Continuation, error) { return lim(p, prog, int(limit)) }, p)
	case "select_delete_between":
		limit, _ := args[1].Int64()
		first, c, err := tab.SelectLimit(p, prog, int(limit))
		if err != nil || (len(first) == 0 && c == nil) {
			return term.Nil, err
		}
		if err := tab.DeleteKey(p, args[2]); err != nil {
			return term.Term{}, err
		}
		rest, err := chunks(func() ([]term.Term, *Continuation, error) {
			if c == nil {
				return nil, nil, nil
			}
			return c.Next(p)
		}, p)
		if err != nil {
			return term.Term{}, err
		}
		return term.List(append([]term.Term{term.List(first...)}, rest.Elements()...)...), nil
	case "select_chunks", "select_reverse_chunks":
		limit, _ := args[1].Int64()
		lim := tab.SelectLimit
		if name == "select_reverse_chunks" {
			lim = tab.SelectReverseLimit
		}
		return chunks(func() ([]term.Term, *Continuation, error) { return lim(p, prog, int(limit)) }, p)
	}
	return term.Term{}, ErrBadArg
}

// measureSelects measures the match specification operations of
// bench_ets.escript.
// Without afterUpdates, the scans; with it, the scans of s again (named
// with a suffix) and then select_replace and select_delete, which come
// after update_counter in bench_ets.escript too.
func measureSelects(b *testing.B, p *Process, s, o, pre *Table, lo int64, afterUpdates bool) []measure {
	run := func(name string, fn func() error) measure {
		runtime.GC()
		start := time.Now()
		if err := fn(); err != nil {
			b.Fatal(name, err)
		}
		return measure{name, float64(time.Since(start).Microseconds()) / 1000, "ms"}
	}
	mustSpec := func(text string) *matchspecProgram {
		pr, err := CompileSpec(spec(text))
		if err != nil {
			b.Fatal(err)
		}
		return pr
	}
	guards := mustSpec(`[{{'_','_','$1','$2','_'},[{'==','$1',7},{'>','$2',500.0}],['$_']}]`)
	count := mustSpec(`[{{'_','_','$1','$2','_'},[{'==','$1',7},{'>','$2',500.0}],[true]}]`)
	rng := mustSpec(`[{{'$1','_','_','_','_'},[{'>=','$1',` + itoa(lo) + `},{'<','$1',` + itoa(lo+1000) + `}],['$_']}]`)
	prefix := mustSpec(`[{{{7,'_'},'_','_','_'},[],['$_']}]`)
	repl := mustSpec(`[{{'$1','$2',8,'$3','_'},[],[{{'$1','$2',8,'$3',0}}]}]`)
	del := mustSpec(`[{{'_','_',7,'_','_'},[],[true]}]`)
	if afterUpdates {
		return []measure{
			run("select_two_guards (after update_counter)", func() error { _, err := s.Select(p, guards); return err }),
			run("select_count (after update_counter)", func() error { _, err := s.SelectCount(p, count); return err }),
			run("select_replace_10k", func() error { _, err := s.SelectReplace(p, repl); return err }),
			run("select_delete_10k", func() error { _, err := s.SelectDelete(p, del); return err }),
		}
	}
	return []measure{
		run("select_two_guards", func() error { _, err := s.Select(p, guards); return err }),
		run("select_count", func() error { _, err := s.SelectCount(p, count); return err }),
		run("range_1000_select", func() error { _, err := o.Select(p, rng); return err }),
		run("prefix_select", func() error { _, err := pre.Select(p, prefix); return err }),
	}
}

type matchspecProgram = matchspec.Program

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
