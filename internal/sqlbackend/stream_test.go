package sqlbackend

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/etsql/etsql/internal/shell"
)

// writeHook is the shell's standard output: on the first write it runs
// hook, then keeps what is written.
type writeHook struct {
	buf  bytes.Buffer
	hook func()
}

func (w *writeHook) Write(p []byte) (int, error) {
	if h := w.hook; h != nil {
		w.hook = nil
		h()
	}
	return w.buf.Write(p)
}

// In the streaming modes the first rows of a big scan are written while
// the scan is under way: a row inserted past the end of the table when
// the first output is written is in the same result.
func TestShell_query_streamsRows(t *testing.T) {
	const n = 50_000
	ctx := context.Background()
	for _, mode := range []shell.Mode{shell.ModeCSV, shell.ModeJSON, shell.ModeErlang} {
		t.Run(mode.String(), func(t *testing.T) {
			b := mustOpen(t)
			if _, err := b.Exec(ctx, "CREATE TABLE big (id INT PRIMARY KEY, v INT)"); err != nil {
				t.Fatal(err)
			}
			rows := make([][]any, n)
			for i := range rows {
				rows[i] = []any{int64(i + 1), int64(0)}
			}
			if err := b.Load(ctx, "big", rows); err != nil {
				t.Fatal(err)
			}
			out := &writeHook{}
			inserted := false
			out.hook = func() {
				_, err := b.Exec(ctx, fmt.Sprintf("INSERT INTO big VALUES (%d, 7)", n+1))
				inserted = err == nil
			}
			sh := shell.New(b, shell.Config{Mode: mode, Headers: true, Stdout: out})
			sh.RunString(ctx, "test", "SELECT id, v FROM big;")
			sh.Flush()
			if !inserted {
				t.Fatal("the hook did not insert")
			}
			if sh.Failed() {
				t.Fatal("the query failed")
			}
			text := out.buf.String()
			want := map[shell.Mode]string{shell.ModeCSV: "50001,7", shell.ModeJSON: `"id":50001`, shell.ModeErlang: "{50001,7}"}[mode]
			if !strings.Contains(text, want) {
				t.Errorf("the output lacks %s, the row inserted when the first rows were written; it ends with %q", want, text[max(0, len(text)-80):])
			}
		})
	}
}
