package tabfile

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// FuzzRead feeds arbitrary bytes to the reader: it must never panic, every
// failure must be a *FileError of a sentinel, and a file it reads must
// write back to a file that reads the same.
func FuzzRead(f *testing.F) {
	for _, g := range goldenTables {
		b, err := os.ReadFile(filepath.Join("testdata", g.file))
		if err != nil {
			f.Fatal(err)
		}
		if len(b) < 5000 {
			f.Add(b)
		}
	}
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3, 4, 99, 88, 77, 11})
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, verify := range []bool{false, true} {
			h, objs, err := readBytes(b, ReadOptions{Verify: verify})
			if err != nil {
				if !isSentinel(err) {
					t.Fatalf("verify %v: %v is not a *FileError of a sentinel", verify, err)
				}
				continue
			}
			h.Size = len(objs)
			opts := WriteOptions{ObjectCount: h.HasExtendedInfo(ObjectCount), MD5Sum: h.HasExtendedInfo(MD5Sum)}
			var buf bytes.Buffer
			if err := writeLog(&buf, h, slices.Values(objs), opts); err != nil {
				t.Fatalf("writing back what was read: %v", err)
			}
			h2, objs2, err := readBytes(buf.Bytes(), ReadOptions{Verify: true})
			if err != nil {
				t.Fatalf("reading back what was written: %v", err)
			}
			h.Version, h.Items, h2.Items = [2]int{MajorVersion, MinorVersion}, nil, nil
			if !headersEqual(h, h2) || !equalTerms(objs, objs2) {
				t.Fatalf("round trip\n got %+v %s\nwant %+v %s", h2, showAll(objs2), h, showAll(objs))
			}
		}
	})
}
