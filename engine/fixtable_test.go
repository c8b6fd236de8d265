package engine

import (
	"errors"
	"testing"

	"github.com/etsql/etsql/term"
)

// The expected items are what OTP 25.2.3 reports for each option list
// (ets:info(T, write_concurrency), ets:info(T, decentralized_counters)).
func TestParseOptions_writeConcurrencyAndCounters(t *testing.T) {
	tests := []struct {
		opts      string
		wc        string
		decentral bool
	}{
		{"[set]", "false", false},
		{"[set,{write_concurrency,true}]", "true", false},
		{"[ordered_set,{write_concurrency,true}]", "true", true},
		{"[set,{write_concurrency,auto}]", "auto", true},
		{"[ordered_set,{write_concurrency,auto}]", "auto", true},
		{"[set,{write_concurrency,auto},{decentralized_counters,false}]", "auto", false},
		{"[bag,{write_concurrency,auto}]", "auto", true},
		{"[set,{write_concurrency,auto},{write_concurrency,false}]", "false", false},
		{"[set,{decentralized_counters,true}]", "false", false},
		{"[{decentralized_counters,true},set,{write_concurrency,true}]", "true", true},
	}
	db := NewDB()
	p := db.NewProcess("test")
	for _, tc := range tests {
		list, err := term.Parse(tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		o, err := ParseOptions(list, nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.opts, err)
		}
		tab, err := db.New(p, "t", o)
		if err != nil {
			t.Fatal(err)
		}
		wc, _ := tab.InfoItem("write_concurrency")
		dc, _ := tab.InfoItem("decentralized_counters")
		if term.Format(wc) != tc.wc || !term.ExactEqual(dc, term.Bool(tc.decentral)) {
			t.Errorf("%s: write_concurrency %s, decentralized_counters %s; want %s, %v", tc.opts, term.Format(wc), term.Format(dc), tc.wc, tc.decentral)
		}
	}
	bad, _ := term.Parse("[{decentralized_counters,maybe}]")
	if _, err := ParseOptions(bad, nil); !errors.Is(err, ErrBadOption) {
		t.Errorf("decentralized_counters maybe: %v, want ErrBadOption", err)
	}
}

// safe_fixtable counts per process, releases by process, ends with the
// process, needs read access and a live table, and shows in info as OTP
// shows it.
func TestTable_SafeFixtable(t *testing.T) {
	db := NewDB()
	owner, other := db.NewProcess("owner"), db.NewProcess("other")
	tab, err := db.New(owner, "t", Options{Access: Public})
	if err != nil {
		t.Fatal(err)
	}
	item := func(name string) string {
		v, err := tab.InfoItem(name)
		if err != nil {
			t.Fatal(err)
		}
		return term.Format(v)
	}
	if item("fixed") != "false" || item("safe_fixed") != "false" || item("safe_fixed_monotonic_time") != "false" {
		t.Fatalf("fresh table: fixed %s, safe_fixed %s", item("fixed"), item("safe_fixed"))
	}
	for _, p := range []*Process{owner, owner, other} {
		if err := tab.SafeFixtable(p, true); err != nil {
			t.Fatal(err)
		}
	}
	info, _ := tab.Info()
	if item("fixed") != "true" || len(info.Fixations) != 2 || info.Fixations[0].Process != other ||
		info.Fixations[1].Count != 2 || info.FixedSince.IsZero() {
		t.Fatalf("fixed by owner twice and other once: %+v", info.Fixations)
	}
	sf, _ := tab.InfoItem("safe_fixed")
	if ts, _ := sf.Element(1); ts.Arity() != 3 {
		t.Errorf("safe_fixed = %s, want {{Mega,Sec,Micro},[...]}", term.Format(sf))
	}
	if l, _ := sf.Element(2); term.Format(l) != "["+term.Format(term.Tuple(other.Pid(), term.Int(1)))+","+term.Format(term.Tuple(owner.Pid(), term.Int(2)))+"]" {
		t.Errorf("safe_fixed list = %s", term.Format(l))
	}
	other.Close() // its fixation ends with it
	if err := tab.SafeFixtable(owner, false); err != nil {
		t.Fatal(err)
	}
	if item("fixed") != "true" {
		t.Errorf("owner still holds one fixation: fixed %s", item("fixed"))
	}
	for range 2 { // the second release of nothing is allowed
		if err := tab.SafeFixtable(owner, false); err != nil {
			t.Fatal(err)
		}
	}
	if item("fixed") != "false" || item("safe_fixed") != "false" {
		t.Errorf("all released: fixed %s, safe_fixed %s", item("fixed"), item("safe_fixed"))
	}
	priv, _ := db.New(owner, "p", Options{Access: Private})
	stranger := db.NewProcess("stranger")
	if err := priv.SafeFixtable(stranger, true); !errors.Is(err, ErrAccess) {
		t.Errorf("fixing another's private table: %v, want ErrAccess", err)
	}
	_ = tab.Delete(owner)
	if err := tab.SafeFixtable(owner, true); !errors.Is(err, ErrNoTable) {
		t.Errorf("fixing a deleted table: %v, want ErrNoTable", err)
	}
}
