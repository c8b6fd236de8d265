package shell_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// terminal drives the etsql command through a pseudo-terminal, as a
// person at a keyboard would.
type terminal struct {
	t    *testing.T
	cmd  *exec.Cmd
	pty  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	seen int // output before this offset has been matched
	done chan struct{}
}

// startTerminal starts the command (this test binary, switched by
// mainEnv) with args, its history in histFile.
func startTerminal(t *testing.T, histFile string, args ...string) *terminal {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), mainEnv+"=1", "ETSQL_HISTORY="+histFile, "HOME="+t.TempDir(), "TERM=xterm")
	cmd.Dir = t.TempDir()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 160})
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, cmd: cmd, pty: f, done: make(chan struct{})}
	go func() {
		defer close(term.done)
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			term.mu.Lock()
			term.out.Write(buf[:n])
			term.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		f.Close()
	})
	return term
}

// send types text.
func (tm *terminal) send(text string) {
	tm.t.Helper()
	if _, err := tm.pty.Write([]byte(text)); err != nil {
		tm.t.Fatal(err)
	}
}

// expect waits until want appears in the output after what was matched
// before, and moves past it.
func (tm *terminal) expect(want string) {
	tm.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		tm.mu.Lock()
		out := tm.out.String()
		tm.mu.Unlock()
		if i := strings.Index(out[tm.seen:], want); i >= 0 {
			tm.seen += i + len(want)
			return
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waiting for %q; the terminal shows after the last match:\n%q", want, out[tm.seen:])
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// wait waits for the command to exit and returns its exit status.
func (tm *terminal) wait() int {
	tm.t.Helper()
	select {
	case <-tm.done:
	case <-time.After(30 * time.Second):
		tm.t.Fatal("the command did not exit")
	}
	err := tm.cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		tm.t.Fatal(err)
	}
	return 0
}

const (
	ctrlC = "\x03"
	ctrlD = "\x04"
	up    = "\x1b[A"
)

func TestREPL_multiLine(t *testing.T) {
	tm := startTerminal(t, "", "--northwind")
	tm.expect("Enter .help")
	tm.expect("etsql> ")
	tm.send("SELECT region_id,\r")
	tm.expect("   ...> ")
	tm.send("  region_description\r")
	tm.expect("   ...> ")
	tm.send("FROM region LIMIT 2;\r")
	tm.expect("region_description")
	tm.expect("(2 rows)")
	tm.expect("etsql> ")
	tm.send("ets:lookup(region,\r")
	tm.expect("   ...> ")
	tm.send("  1).\r")
	tm.expect(`[{1,<<"Eastern">>}]`)
	tm.expect("etsql> ")
	tm.send(ctrlD)
	if code := tm.wait(); code != 0 {
		t.Errorf("exit status %d after Ctrl-D, want 0", code)
	}
}

func TestREPL_history(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "history")
	tm := startTerminal(t, hist, "--northwind")
	tm.expect("etsql> ")
	tm.send("SELECT region_description\r")
	tm.send("FROM region LIMIT 1;\r")
	tm.expect("(1 row)")
	tm.send(".quit\r")
	tm.wait()
	data, err := os.ReadFile(hist)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "SELECT region_description FROM region LIMIT 1;\n") {
		t.Fatalf("history file holds %q, want the statement on one line", data)
	}

	tm = startTerminal(t, hist, "--northwind")
	tm.expect("etsql> ")
	tm.send(up + up + "\r") // .quit, then the SELECT
	tm.expect("(1 row)")
	tm.expect("etsql> ") // Ctrl-D only once the line editor reads again
	tm.send(ctrlD)
	tm.wait()
}

func TestREPL_ctrlC(t *testing.T) {
	tm := startTerminal(t, "", "--northwind")
	tm.expect("etsql> ")
	tm.send("SELECT region_id\r")
	tm.expect("   ...> ")
	tm.send(ctrlC)
	tm.expect("^C")
	tm.expect("etsql> ") // the statement is abandoned, the shell stays
	tm.send("SELECT * FROM slow;\r")
	tm.expect("(slow query running)")
	tm.send(ctrlC) // stops the running query
	tm.expect("cancelled")
	tm.expect("etsql> ")
	tm.send("SELECT region_id FROM region LIMIT 1;\r")
	tm.expect("(1 row)")
	tm.expect("etsql> ") // Ctrl-D only once the line editor reads again
	tm.send(ctrlD)
	if code := tm.wait(); code != 0 {
		t.Errorf("exit status %d after an interactive session, want 0", code)
	}
}

func TestREPL_completion(t *testing.T) {
	tm := startTerminal(t, "", "--northwind")
	tm.expect("etsql> ")
	tm.send("sel\t")
	tm.expect("select ")
	tm.send("region_desc\t")
	tm.expect("region_description ")
	tm.send("FROM regi\t") // region, region_description, region_id
	tm.expect("FROM region")
	tm.send(" LIMIT 1;\r")
	tm.expect("(1 row)")
	tm.send("ets:tab2l\t")
	tm.expect("tab2list(")
	tm.send(ctrlC)
	tm.send(".sch\t")
	tm.expect(".schema ")
	tm.send("shipp\t")
	tm.expect("shippers ")
	tm.send("\r")
	tm.expect("CREATE TABLE shippers")
	tm.expect("etsql> ")
	tm.send(ctrlD)
	tm.wait()
}

func TestREPL_modeReadImport(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "s.sql")
	csvFile := filepath.Join(dir, "p.csv")
	bad := filepath.Join(dir, "bad.csv")
	writeFile(t, script, "CREATE TABLE p (id INT PRIMARY KEY, name TEXT);\nSELEC;\n")
	writeFile(t, csvFile, "name,id\nx,1\n\"y,z\",2\n,3\n")
	writeFile(t, bad, "id,name\n1,a\nzwei,b\n")

	tm := startTerminal(t, "")
	tm.expect("etsql> ")
	tm.send(".read " + script + "\r")
	tm.expect(script + ":2:1: expected statement")
	tm.expect("etsql> ")
	tm.send(".import " + csvFile + " p\r")
	tm.expect("imported 3 rows into p")
	tm.send(".import " + bad + " p\r")
	tm.expect(bad + ":3:1: id: cannot store")
	tm.send(".mode csv\r")
	tm.send("SELECT * FROM p;\r")
	tm.expect("id,name\r")
	tm.expect(`2,"y,z"`)
	tm.send(".mode erlang\r")
	tm.send("SELECT name FROM p;\r")
	tm.expect(`[{<<"x">>},{<<"y,z">>},{undefined}]`)
	tm.send(".mode table\r")
	tm.send("SELECT name FROM p;\r")
	tm.expect("| NULL |")
	tm.expect("(3 rows)")
	tm.send(".help\r")
	tm.expect(".import FILE TABLE")
	tm.send(`\q` + "\r")
	if code := tm.wait(); code != 0 {
		t.Errorf("exit status %d after an interactive session, want 0", code)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
