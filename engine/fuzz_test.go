package engine

import (
	"testing"

	"github.com/etsql/etsql/term"
)

// FuzzParseOptions: any option list parses or fails with ErrBadOption,
// never panics.
func FuzzParseOptions(f *testing.F) {
	for _, s := range []string{`[set]`, `[ordered_set, named_table, {keypos, 2}]`, `[{heir, none}]`, `[{keypos, -1}]`, `[bag | x]`, `{}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		opts, err := term.Parse(text)
		if err != nil {
			return
		}
		if o, err := ParseOptions(opts, nil); err == nil {
			db := NewDB()
			if _, err := db.New(db.NewProcess("f"), "t", o); err != nil {
				t.Errorf("options %s parsed but New failed: %v", text, err)
			}
		}
	})
}

// FuzzTable_matchSpecs: any match specification, on every table type,
// through select, select_count, select_replace, select_delete and match,
// gives results or badarg, never a panic, and leaves the table sound.
func FuzzTable_matchSpecs(f *testing.F) {
	for _, s := range diffSpecs {
		f.Add(term.Format(s))
	}
	for _, s := range diffReplaceSpecs {
		f.Add(term.Format(s))
	}
	f.Fuzz(func(t *testing.T, text string) {
		ms, err := term.Parse(text)
		if err != nil {
			return
		}
		for _, typ := range allTypes {
			db := NewDB()
			p := db.NewProcess("f")
			tab, _ := db.New(p, "t", Options{Type: typ})
			for _, k := range diffKeys {
				_ = tab.Insert(p, tu(k, i(1)), tu(k, a("x"), term.Float(2)))
			}
			if prog, err := CompileSpec(ms); err == nil {
				_, _ = tab.Select(p, prog)
				_, _ = tab.SelectReverse(p, prog)
				_, c, _ := tab.SelectLimit(p, prog, 2)
				for c != nil {
					_, c, _ = c.Next(p)
				}
				_, _ = tab.SelectCount(p, prog)
				_, _ = tab.SelectReplace(p, prog)
				_, _ = tab.SelectDelete(p, prog)
			}
			_, _ = tab.Match(p, ms)
			_, _ = tab.MatchObject(p, ms)
			_ = tab.MatchDelete(p, ms)
			checkInvariants(t, tab, p)
		}
	})
}
