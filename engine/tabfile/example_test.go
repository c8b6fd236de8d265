package tabfile_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/etsql/etsql/engine/tabfile"
	"github.com/etsql/etsql/term"
)

func Example() {
	dir, _ := os.MkdirTemp("", "tabfile")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "fruit.ets")

	objects := []term.Term{
		term.Tuple(term.Atom("apple"), term.Int(3)),
		term.Tuple(term.Atom("pear"), term.Int(5)),
	}
	h := tabfile.Header{Name: "fruit", Type: tabfile.OrderedSet, Protection: tabfile.Public, KeyPos: 1, Size: len(objects)}
	opts := tabfile.WriteOptions{ObjectCount: true, MD5Sum: true} // {extended_info, [object_count, md5sum]}
	if err := tabfile.Write(path, h, slices.Values(objects), opts); err != nil {
		fmt.Println(err)
		return
	}

	got, objs, err := tabfile.Read(path, tabfile.ReadOptions{Verify: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.Name, got.Type, got.Size, got.ExtendedInfo, got.Version, len(objs))

	// A file cut short is refused.
	b, _ := os.ReadFile(path)
	os.WriteFile(path, b[:len(b)-10], 0o644)
	_, _, err = tabfile.Read(path, tabfile.ReadOptions{})
	fmt.Println(errors.Is(err, tabfile.ErrTruncated))
	// Output:
	// fruit ordered_set 2 [object_count md5sum] [1 0] 2
	// true
}

func ExampleReader() {
	r, err := tabfile.Open(filepath.Join("testdata", "set.ets"), tabfile.ReadOptions{Verify: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	n := 0
	for {
		_, err := r.Next()
		if err == io.EOF {
			break // the whole file read well
		}
		if err != nil {
			fmt.Println(err) // the file is bad: drop what was loaded
			return
		}
		n++
	}
	fmt.Println(r.Header().Name, n)
	// Output: set 5
}
