package shell_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/etsql/etsql/internal/shell"
	"github.com/etsql/etsql/internal/sqlbackend"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// mainEnv, set in the environment, makes the test binary run the etsql
// command instead of the tests: the pseudo-terminal tests start it so.
const mainEnv = "ETSQL_SHELL_TEST_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) == "1" {
		os.Exit(shell.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, open))
	}
	os.Exit(m.Run())
}

func open() (shell.Backend, error) {
	be, err := sqlbackend.Open()
	return slowBackend{be}, err
}

func mustOpen(t testing.TB) *sqlbackend.Backend {
	t.Helper()
	be, err := sqlbackend.Open()
	if err != nil {
		t.Fatal(err)
	}
	return be
}

// slowBackend adds a query that runs until it is cancelled:
// SELECT * FROM slow.
type slowBackend struct{ *sqlbackend.Backend }

func (b slowBackend) Query(ctx context.Context, sql string) (shell.Rows, error) {
	if strings.Contains(sql, "FROM slow") {
		return &slowRows{ctx: ctx}, nil
	}
	return b.Backend.Query(ctx, sql)
}

type slowRows struct {
	ctx context.Context
	err error
}

func (r *slowRows) Columns() []shell.Column { return []shell.Column{{Name: "n", Type: schema.Int}} }
func (r *slowRows) Next() bool {
	// Tell a terminal test the query runs, so its Ctrl-C reaches the
	// query and not the prompt, however loaded the machine.
	fmt.Fprintln(os.Stderr, "(slow query running)")
	<-r.ctx.Done()
	r.err = r.ctx.Err()
	return false
}
func (r *slowRows) Values() []term.Term { return nil }
func (r *slowRows) Err() error          { return r.err }
func (r *slowRows) Close() error        { return nil }

// run runs Main with args and stdin, as the etsql command would with
// stdin not a terminal.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = shell.Main(args, strings.NewReader(stdin), &out, &errb, open)
	return code, out.String(), errb.String()
}

// transcript is what a golden file holds.
func transcript(code int, stdout, stderr string) string {
	return fmt.Sprintf("exit: %d\n--- stdout\n%s--- stderr\n%s", code, stdout, stderr)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestMain_scripts runs each script of testdata/scripts in every output
// mode and compares stdout, stderr and the exit status with golden files.
func TestMain_scripts(t *testing.T) {
	scripts, err := filepath.Glob("testdata/scripts/*.sql")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	for _, script := range scripts {
		for _, mode := range []string{"table", "csv", "json", "erlang"} {
			base := strings.TrimSuffix(filepath.Base(script), ".sql")
			t.Run(base+"/"+mode, func(t *testing.T) {
				code, out, errs := run(t, "", "--mode", mode, filepath.ToSlash(script))
				golden(t, base+"."+mode, transcript(code, out, errs))
			})
		}
	}
}

// gatedRows yields n rows, then blocks until gate is closed.
type gatedRows struct {
	n, i int
	gate chan struct{}
	vals []term.Term
}

func (r *gatedRows) Columns() []shell.Column { return []shell.Column{{Name: "n", Type: schema.Int}} }
func (r *gatedRows) Next() bool {
	if r.i == r.n {
		<-r.gate
		return false
	}
	r.i++
	r.vals = []term.Term{term.Int(int64(r.i))}
	return true
}
func (r *gatedRows) Values() []term.Term { return r.vals }
func (r *gatedRows) Err() error          { return nil }
func (r *gatedRows) Close() error        { return nil }

type gatedBackend struct {
	*sqlbackend.Backend
	rows *gatedRows
}

func (b gatedBackend) Query(context.Context, string) (shell.Rows, error) { return b.rows, nil }

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestShell_Exec_streams checks that the first rows of a query are written
// before its scan ends, in the streaming modes.
func TestShell_Exec_streams(t *testing.T) {
	for _, mode := range []shell.Mode{shell.ModeCSV, shell.ModeJSON, shell.ModeErlang} {
		t.Run(mode.String(), func(t *testing.T) {
			rows := &gatedRows{n: 3, gate: make(chan struct{})}
			var out syncBuffer
			sh := shell.New(gatedBackend{mustOpen(t), rows}, shell.Config{Mode: mode, Headers: true, Stdout: &out})
			done := make(chan struct{})
			go func() {
				defer close(done)
				sh.RunString(context.Background(), "-c", "SELECT n FROM t;")
			}()
			deadline := time.Now().Add(5 * time.Second)
			for !strings.Contains(out.String(), "3") {
				if time.Now().After(deadline) {
					t.Fatalf("no rows written while the scan runs; output %q", out.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
			close(rows.gate)
			<-done
		})
	}
}
