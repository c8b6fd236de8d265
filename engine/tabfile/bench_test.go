package tabfile

import (
	"io"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/etsql/etsql/term"
)

// benchRows returns n rows {Id, <<"name">>, Cat, Price, Qty}.
func benchRows(n int) []term.Term {
	rows := make([]term.Term, n)
	cats := []term.Term{term.Atom("books"), term.Atom("food"), term.Atom("toys")}
	for i := range rows {
		rows[i] = term.Tuple(term.Int(int64(i)), term.BinaryString("name"), cats[i%3],
			term.Float(float64(i%1000)+0.25), term.Int(int64(i%50)))
	}
	return rows
}

const benchN = 1_000_000

// cpuTime returns the CPU time the process has used, all threads (the
// machine is shared: wall time alone says little).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU runs f b.N times and reports CPU milliseconds per run.
func reportCPU(b *testing.B, f func()) {
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		f()
	}
	b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
}

func benchWrite(b *testing.B, opts WriteOptions) {
	rows := benchRows(benchN)
	h := Header{Name: "bench", Type: Set, Protection: Public, KeyPos: 1, Size: benchN}
	path := filepath.Join(b.TempDir(), "bench.ets")
	reportCPU(b, func() {
		if err := Write(path, h, slices.Values(rows), opts); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkWrite_1M(b *testing.B) { benchWrite(b, WriteOptions{}) }

func BenchmarkWrite_1M_md5sum_objectCount(b *testing.B) {
	benchWrite(b, WriteOptions{MD5Sum: true, ObjectCount: true})
}

func benchRead(b *testing.B, wopts WriteOptions, ropts ReadOptions) {
	rows := benchRows(benchN)
	h := Header{Name: "bench", Type: Set, Protection: Public, KeyPos: 1, Size: benchN}
	path := filepath.Join(b.TempDir(), "bench.ets")
	if err := Write(path, h, slices.Values(rows), wopts); err != nil {
		b.Fatal(err)
	}
	rows = nil
	reportCPU(b, func() {
		_, objs, err := Read(path, ropts)
		if err != nil || len(objs) != benchN {
			b.Fatal(err, len(objs))
		}
	})
}

func BenchmarkRead_1M(b *testing.B) { benchRead(b, WriteOptions{}, ReadOptions{}) }

func BenchmarkRead_1M_verify_md5sum(b *testing.B) {
	benchRead(b, WriteOptions{MD5Sum: true, ObjectCount: true}, ReadOptions{Verify: true})
}

// BenchmarkWriteLog_1M measures encoding and framing alone, without the file
// system (no write, no fsync).
func BenchmarkWriteLog_1M(b *testing.B) {
	rows := benchRows(benchN)
	h := Header{Name: "bench", Type: Set, Protection: Public, KeyPos: 1, Size: benchN}
	reportCPU(b, func() {
		if err := writeLog(io.Discard, h, slices.Values(rows), WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	})
}
