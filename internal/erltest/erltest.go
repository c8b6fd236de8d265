// Package erltest runs real Erlang/OTP for the differential tests: the
// reference behaviour etsql is checked against.
//
// Tests call Require first. Where erl is not installed the test is skipped
// with a message saying how to enable it, except under CI (CI=true), where a
// missing erl fails the test: the differential tests must run there.
package erltest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Require returns the path of escript, or skips the test (fails it under CI)
// when Erlang/OTP is not installed.
func Require(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("escript")
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("erl/escript not found, and CI=true: the differential tests against OTP must run in CI (.ci/run installs erlang-nox)")
	}
	t.Skip("erl not installed: run `apt-get install -y erlang-nox` to enable the differential tests against real OTP")
	return ""
}

// RunEscript writes script (an escript body: module attributes optional,
// must define main/1) to a temporary file and runs it with args, feeding
// stdin. It returns stdout, failing the test with stderr when the script
// exits non-zero.
func RunEscript(t testing.TB, script string, stdin []byte, args ...string) []byte {
	t.Helper()
	escript := Require(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "test.escript")
	if err := os.WriteFile(path, []byte("#!/usr/bin/env escript\n%%! -noshell\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(escript, append([]string{path}, args...)...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("escript failed: %v\nstderr:\n%s\nstdout:\n%s", err, stderr.String(), truncate(stdout.String()))
	}
	return stdout.Bytes()
}

func truncate(s string) string {
	if len(s) > 4000 {
		return s[:4000] + "..."
	}
	return s
}
