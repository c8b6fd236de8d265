package engine

import (
	"path/filepath"
	"testing"

	"github.com/etsql/etsql/engine/tabfile"
	"github.com/etsql/etsql/internal/erltest"
	"github.com/etsql/etsql/term"
)

func TestTable_Tab2File_roundTrip(t *testing.T) {
	for _, typ := range allTypes {
		db, p, tab := newTestTable(t, Options{Type: typ, KeyPos: 2, Access: Public})
		must(t, tab.Insert(p, tu(a("x"), i(1)), tu(a("y"), f(1)), tu(a("z"), i(1)), tu(a("w"), tu(i(7), term.BinaryString("b")))))
		path := filepath.Join(t.TempDir(), "t.ets")
		must(t, tab.Tab2File(p, path, tabfile.WriteOptions{ObjectCount: true, MD5Sum: true}))
		back, err := db.File2Tab(p, path, tabfile.ReadOptions{Verify: true})
		must(t, err)
		t.Cleanup(func() { checkInvariants(t, back, p) })
		want, _ := tab.Tab2List(p)
		got, _ := back.Tab2List(p)
		if !equalTerms(sortedTerms(got), sortedTerms(want)) {
			t.Errorf("%v: read back %v, want %v", typ, got, want)
		}
		if back.Type() != typ || back.KeyPos() != 2 {
			t.Errorf("%v: read back as %v keypos %d", typ, back.Type(), back.KeyPos())
		}
	}
}

func TestDB_File2Tab_badFileCreatesNothing(t *testing.T) {
	db := NewDB()
	p := db.NewProcess("p")
	if _, err := db.File2Tab(p, filepath.Join(t.TempDir(), "missing.ets"), tabfile.ReadOptions{}); err == nil {
		t.Fatal("reading a missing file succeeded")
	}
	if len(db.All()) != 0 {
		t.Errorf("a failed file2tab left %d tables", len(db.All()))
	}
}

// TestTable_Tab2File_readByOTP checks that ets:file2tab loads what
// Tab2File writes.
func TestTable_Tab2File_readByOTP(t *testing.T) {
	erltest.Require(t)
	_, p, tab := newTestTable(t, Options{Type: OrderedSet})
	must(t, tab.Insert(p, tu(i(1), a("a")), tu(f(2.5), term.BinaryString("b")), tu(tu(i(7), a("x")), term.List(i(1)))))
	path := filepath.Join(t.TempDir(), "t.ets")
	must(t, tab.Tab2File(p, path, tabfile.WriteOptions{MD5Sum: true}))
	out := erltest.RunEscript(t, `main([F]) ->
    {ok, T} = ets:file2tab(F, [{verify, true}]),
    io:format("~w~n", [ets:tab2list(T)]).
`, nil, path)
	got, err := term.Parse(string(out))
	must(t, err)
	want, _ := tab.Tab2List(p)
	if !term.ExactEqual(got, term.List(want...)) {
		t.Errorf("OTP read %s, want %s", term.Format(got), term.Format(term.List(want...)))
	}
}
