package main

import (
	"bytes"
	"fmt"
	"os"
)

// The markers of the block that -readme replaces in a Markdown file.
const (
	readmeBegin = "<!-- bench:results (written by go run ./bench -readme README.md; do not edit by hand) -->"
	readmeEnd   = "<!-- /bench:results -->"
)

// replaceBlock writes block between the markers of the file at path,
// replacing what was there: the README's figures stay those of one run.
func replaceBlock(path string, block []byte) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	i := bytes.Index(old, []byte(readmeBegin))
	j := bytes.Index(old, []byte(readmeEnd))
	if i < 0 || j < i {
		return fmt.Errorf("%s: no block %q ... %q to replace", path, readmeBegin, readmeEnd)
	}
	var b bytes.Buffer
	b.Write(old[:i+len(readmeBegin)])
	b.WriteString("\n")
	b.Write(bytes.TrimSpace(block))
	b.WriteString("\n")
	b.Write(old[j:])
	return os.WriteFile(path, b.Bytes(), 0o644)
}
