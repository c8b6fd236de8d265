//go:build !race

package matchspec

import (
	"testing"

	"github.com/etsql/etsql/term"
)

// Results in blocks allocate once a block, not once a result.
func TestMatcher_AllocateResultsInBlocks_allocs(t *testing.T) {
	p := mustCompile(t, "[{{'$1','$2',7,'$3','$4'},[],[{{'$1','$2',7,'$3',{'+','$4',1}}}]}]")
	m := p.NewMatcher()
	m.AllocateResultsInBlocks()
	obj := term.Tuple(term.Int(1), term.BinaryString("x"), term.Int(7), term.Float(1.5), term.Int(3))
	if allocs := testing.AllocsPerRun(1000, func() { m.Match(obj) }); allocs > 0.05 {
		t.Errorf("a result in blocks: %v allocations, want one a block (%d results)", allocs, resultBlockTerms/5)
	}
}
