package tabfile

import (
	"errors"
	"testing"

	"github.com/etsql/etsql/term"
)

// logBytes builds a log file of the given items, each a term or raw []byte.
func logBytes(t *testing.T, magic []byte, items ...any) []byte {
	t.Helper()
	b := append(append([]byte{}, logMagic...), closedMark...)
	for _, it := range items {
		var body []byte
		switch v := it.(type) {
		case term.Term:
			var err error
			if body, err = appendTerm(nil, v); err != nil {
				t.Fatal(err)
			}
		case []byte:
			body = v
		}
		head := appendItemHeader(nil, len(body))
		copy(head[4:8], magic)
		b = append(append(b, head...), body...)
	}
	return b
}

func pair(k string, v term.Term) term.Term { return term.Tuple(term.Atom(k), v) }

// header6 returns a minimal header: the six mandatory items and extras.
func header6(size int, extra ...term.Term) term.Term {
	items := []term.Term{
		pair("name", a("t")), pair("type", a("set")), pair("protection", a("public")),
		pair("named_table", term.False), pair("keypos", i(1)), pair("size", i(int64(size))),
	}
	return term.Tuple(append(items, extra...)...)
}

func extInfo(infos ...string) term.Term { return pair("extended_info", term.List(atoms(infos...)...)) }

func endMarker(info ...term.Term) term.Term {
	return term.List(a("$end_of_table"), term.List(info...))
}

func TestRead_constructed(t *testing.T) {
	obj := tup(i(1), a("x"))
	tests := []struct {
		name   string
		file   []byte
		verify bool
		want   error // nil: reads, with one object
	}{
		{"minimal", logBytes(t, bigMagic, header6(1), obj), true, nil},
		{"old magic", logBytes(t, oldMagic, header6(1), obj), true, nil},
		{"bad magic", logBytes(t, []byte("XXXX"), header6(1), obj), false, ErrCorrupt},
		{"opened", append(append(append([]byte{}, logMagic...), openedMark...), logBytes(t, bigMagic, header6(1), obj)[8:]...), false, ErrTruncated},
		{"bad mark", append(append([]byte{}, logMagic...), 0, 0, 0, 0), false, ErrNotLogFile},
		{"no header", logBytes(t, bigMagic), false, ErrBadFile},
		{"header not a tuple", logBytes(t, bigMagic, term.List(header6(1).Elements()...), obj), false, ErrBadFile},
		{"header not a term", logBytes(t, bigMagic, []byte{131, 200}, obj), false, ErrBadFile},
		{"header without size", logBytes(t, bigMagic, term.Tuple(header6(1).Elements()[:5]...), obj), false, ErrBadFile},
		{"header with two names", logBytes(t, bigMagic, header6(1, pair("name", a("u"))), obj), false, ErrBadFile},
		{"bad type", logBytes(t, bigMagic, term.Tuple(append([]term.Term{pair("type", a("hash"))}, header6(1).Elements()[2:]...)...), obj), false, ErrBadFile},
		{"keypos 0", logBytes(t, bigMagic, term.Tuple(append(header6(1).Elements()[:4:4], pair("keypos", i(0)), pair("size", i(1)))...), obj), false, ErrBadFile},
		{"newer version", logBytes(t, bigMagic, header6(1, pair("major_version", i(2))), obj), false, ErrUnsupportedVersion},
		{"object not a tuple", logBytes(t, bigMagic, header6(1), a("x")), false, ErrBadFile},
		{"object not a term", logBytes(t, bigMagic, header6(1), []byte{131, 104, 1}), false, ErrBadFile},
		{"object after the end", logBytes(t, bigMagic, header6(1, extInfo(ObjectCount)), endMarker(pair("count", i(0))), obj), false, ErrBadFile},
		{"end missing", logBytes(t, bigMagic, header6(1, extInfo(ObjectCount)), obj), false, ErrTruncated},
		{"end unannounced", logBytes(t, bigMagic, header6(1), obj, endMarker(pair("count", i(1)))), false, ErrBadFile},
		{"end without md5", logBytes(t, bigMagic, header6(1, extInfo(ObjectCount, MD5Sum)), obj, endMarker(pair("count", i(1)))), false, ErrBadFile},
		{"count wrong", logBytes(t, bigMagic, header6(1, extInfo(ObjectCount)), obj, endMarker(pair("count", i(2)))), false, ErrObjectCount},
		{"count not integer", logBytes(t, bigMagic, header6(1, extInfo(ObjectCount)), obj, endMarker(pair("count", a("one")))), false, ErrObjectCount},
		{"count right", logBytes(t, bigMagic, header6(7, extInfo(ObjectCount)), obj, endMarker(pair("count", i(1)))), true, nil},
		{"md5 wrong", logBytes(t, bigMagic, header6(1, extInfo(MD5Sum)), obj, endMarker(pair("md5", bs("0123456789abcdef")))), true, ErrChecksum},
		{"md5 wrong, no verify", logBytes(t, bigMagic, header6(1, extInfo(MD5Sum)), obj, endMarker(pair("md5", bs("0123456789abcdef")))), false, nil},
		{"size wrong", logBytes(t, bigMagic, header6(2), obj), true, ErrObjectCount},
		{"size wrong, no verify", logBytes(t, bigMagic, header6(2), obj), false, nil},
		{"item past the end", logBytes(t, bigMagic, header6(1), obj)[:40], false, ErrTruncated},
		{"huge item size", append(logBytes(t, bigMagic, header6(1)), 0xff, 0xff, 0xff, 0xff, 98, 87, 76, 65), false, ErrTruncated},
		{"large item bad size md5", func() []byte {
			b := logBytes(t, bigMagic, header6(1), tup(i(1), bs(string(make([]byte, 70000)))))
			b[len(b)-70000-20] ^= 1 // inside the size md5
			return b
		}(), false, ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, objs, err := readBytes(tt.file, ReadOptions{Verify: tt.verify})
			if tt.want == nil {
				if err != nil || len(objs) != 1 {
					t.Fatalf("got %d objects, %v; want 1, nil", len(objs), err)
				}
				return
			}
			if !errors.Is(err, tt.want) || !isSentinel(err) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if objs != nil {
				t.Errorf("got %d objects with the error, want none", len(objs))
			}
		})
	}
}
