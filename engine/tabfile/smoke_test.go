package tabfile

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestSmoke(t *testing.T) {
	for _, f := range []string{"t", "t2", "e", "big"} {
		p := "/tmp/tf/" + f + ".ets"
		h, objs, err := Read(p, ReadOptions{Verify: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %+v %d", f, h.Name, len(objs))
		out := filepath.Join(t.TempDir(), "x.ets")
		if err := Write(out, h, slices.Values(objs), WriteOptions{ObjectCount: h.HasExtendedInfo(ObjectCount), MD5Sum: h.HasExtendedInfo(MD5Sum)}); err != nil {
			t.Fatal(err)
		}
		a, _ := os.ReadFile(p)
		b, _ := os.ReadFile(out)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs", f)
		}
	}
}
