package matchspec

import (
	"testing"

	"github.com/etsql/etsql/term"
)

// TestMatcher_AllocateResultsInBlocks checks that results built in blocks
// equal the ones built one by one and stay as they were while later
// matches fill the blocks (results kept across blocks included), nested
// tuples, constant results and '$_' too.
func TestMatcher_AllocateResultsInBlocks(t *testing.T) {
	for _, spec := range []string{
		"[{{'$1','$2',7,'$3','$4'},[],[{{'$1','$2',7,'$3',{'+','$4',1}}}]}]",
		"[{{'$1','$2','_','_','_'},[],[{{'$1',{{'$2','$1'}}}}]}]",
		"[{{'$1','_','_','_','_'},[{'<','$1',5}],[{{a,b}}]},{{'_','_','_','_','_'},[],['$_']}]",
		"[{{'$1','$2','_','_','_'},[],[{{'$1'}}, {{'$2','$1','$1'}}]}]",
	} {
		p := mustCompile(t, spec)
		plain, blocks := p.NewMatcher(), p.NewMatcher()
		blocks.AllocateResultsInBlocks()
		var want, got []term.Term
		for k := range int64(3 * resultBlockTerms) { // several blocks
			obj := term.Tuple(term.Int(k), term.BinaryString("x"), term.Int(k%10), term.Float(1.5), term.Int(k))
			w, wok := plain.Match(obj)
			g, gok := blocks.Match(obj)
			if wok != gok {
				t.Fatalf("%s on %v: matched %v, in blocks %v", spec, obj, wok, gok)
			}
			if wok {
				want, got = append(want, w), append(got, g)
			}
		}
		for k := range want {
			if !term.ExactEqual(want[k], got[k]) {
				t.Fatalf("%s: result %d is %v in blocks, want %v", spec, k, got[k], want[k])
			}
		}
	}
}
