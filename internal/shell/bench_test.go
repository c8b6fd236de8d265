package shell_test

import (
	"context"
	"io"
	"testing"

	"github.com/etsql/etsql/internal/shell"
)

func BenchmarkShell_LoadNorthwind(b *testing.B) {
	for _, scale := range []int{1, 10} {
		b.Run(map[int]string{1: "scale1", 10: "scale10"}[scale], func(b *testing.B) {
			for b.Loop() {
				sh := shell.New(mustOpen(b), shell.Config{Stdout: io.Discard})
				if err := sh.LoadNorthwind(context.Background(), "", scale); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkShell_Exec_modes prints every order line (2155 rows) in each mode.
func BenchmarkShell_Exec_modes(b *testing.B) {
	for _, mode := range []shell.Mode{shell.ModeTable, shell.ModeCSV, shell.ModeJSON, shell.ModeErlang} {
		b.Run(mode.String(), func(b *testing.B) {
			sh := shell.New(mustOpen(b), shell.Config{Mode: mode, Headers: true, Stdout: io.Discard})
			if err := sh.LoadNorthwind(context.Background(), "", 1); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				sh.RunString(context.Background(), "bench", "SELECT * FROM order_details;")
			}
		})
	}
}
