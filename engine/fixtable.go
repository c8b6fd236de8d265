package engine

import (
	"slices"
	"sync"
	"time"

	"github.com/etsql/etsql/term"
)

// safe_fixtable. The engine's traversals are safe without it (see the
// package documentation), so a fixation changes nothing but what Info
// reports, as in OTP where it only matters to first/next loops over hash
// tables: ets:info(T, fixed), safe_fixed and safe_fixed_monotonic_time.

// Fixation is one process's safe_fixtable calls in force on a table.
type Fixation struct {
	Process *Process
	Count   int
}

// fixation is a table's safe_fixtable state.
type fixation struct {
	mu    sync.Mutex
	since time.Time // when the table went from unfixed to fixed
	mono  int64     // since as erlang:monotonic_time()
	by    []Fixation
}

// SafeFixtable is ets:safe_fixtable/2: fix (true) or release (false) the
// table for p. Fixations by one process count up and down; releasing a
// table p has not fixed does nothing; a process's fixations end when it
// closes. It needs read access (ErrAccess on another process's private
// table) and a live table (ErrNoTable).
func (t *Table) SafeFixtable(p *Process, fix bool) error {
	if err := t.rlock(p); err != nil {
		return err
	}
	defer t.mu.RUnlock()
	if fix {
		t.fix.add(p)
	} else {
		t.fix.release(p, false)
	}
	return nil
}

func (f *fixation) add(p *Process) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.by) == 0 {
		f.since = time.Now()
		f.mono = erlangMonotonic(f.since)
	}
	for i := range f.by {
		if f.by[i].Process == p {
			f.by[i].Count++
			return
		}
	}
	// OTP lists the latest process to fix the table first.
	f.by = slices.Insert(f.by, 0, Fixation{Process: p, Count: 1})
}

// release drops one fixation of p, or all of them.
func (f *fixation) release(p *Process, all bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.by {
		if f.by[i].Process != p {
			continue
		}
		if f.by[i].Count--; all || f.by[i].Count == 0 {
			f.by = slices.Delete(f.by, i, i+1)
		}
		break
	}
	if len(f.by) == 0 {
		f.since, f.mono = time.Time{}, 0
	}
}

func (f *fixation) list() []Fixation {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.by)
}

// fixationList is the [{Pid, Count}] list of ets:info(T, safe_fixed).
func (i Info) fixationList() term.Term {
	l := make([]term.Term, len(i.Fixations))
	for n, f := range i.Fixations {
		l[n] = term.Tuple(f.Process.Pid(), term.Int(int64(f.Count)))
	}
	return term.List(l...)
}

// erlangTimestamp is t as erlang:timestamp(): {MegaSecs, Secs, MicroSecs}.
func erlangTimestamp(t time.Time) term.Term {
	us := t.UnixMicro()
	return term.Tuple(term.Int(us/1e12), term.Int(us/1e6%1e6), term.Int(us%1e6))
}

// monotonicOrigin and monotonicStart make erlang:monotonic_time() of a
// fresh node: nanoseconds from a large negative start.
var monotonicOrigin = time.Now()

const monotonicStart = -576460752303423488

func erlangMonotonic(t time.Time) int64 {
	return monotonicStart + int64(t.Sub(monotonicOrigin))
}
