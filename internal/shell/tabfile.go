package shell

import (
	"errors"
	"io/fs"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/engine/tabfile"
	"github.com/etsql/etsql/term"
)

// tab2file is ets:tab2file/2,3: it writes the table (engine.Tab2File)
// and returns ok or {error, Reason}. The options are
// {extended_info, [object_count, md5sum]} and {sync, Bool}.
func (e *ETS) tab2file(args []term.Term) (term.Term, error) {
	t, err := e.table(args[0])
	if err != nil {
		return term.Term{}, err
	}
	file, ok := fileName(args[1])
	if !ok {
		return term.Term{}, badarg("file name must be a string, binary or atom")
	}
	var wopts tabfile.WriteOptions
	if len(args) == 3 {
		if wopts, err = writeOptions(args[2]); err != nil {
			return term.Term{}, err
		}
	}
	if err := t.Tab2File(e.self, file, wopts); err != nil {
		if errors.Is(err, engine.ErrBadArg) {
			return term.Term{}, err
		}
		return errorTuple(fileReason(file, err)), nil
	}
	return term.Atom("ok"), nil
}

// writeOptions reads tab2file/3's option list.
func writeOptions(list term.Term) (tabfile.WriteOptions, error) {
	var o tabfile.WriteOptions
	elems, tail := list.ListParts()
	if !list.IsProperList() || !tail.IsNil() {
		return o, badarg("options must be a list")
	}
	for _, opt := range elems {
		el := opt.Elements()
		if !opt.IsTuple() || len(el) != 2 {
			return o, badarg("bad option %s", term.Format(opt))
		}
		switch {
		case el[0].IsAtomNamed("sync") && el[1].IsBoolean():
			o.Sync = el[1].IsTrue()
		case el[0].IsAtomNamed("extended_info") && el[1].IsProperList():
			infos, _ := el[1].ListParts()
			for _, info := range infos {
				switch {
				case info.IsAtomNamed(tabfile.ObjectCount):
					o.ObjectCount = true
				case info.IsAtomNamed(tabfile.MD5Sum):
					o.MD5Sum = true
				default:
					return o, badarg("bad extended_info %s", term.Format(info))
				}
			}
		default:
			return o, badarg("bad option %s", term.Format(opt))
		}
	}
	return o, nil
}

// file2tab is ets:file2tab/1,2: it reads a table file and creates the
// table it holds, owned by the shell, returning {ok, Tab} or
// {error, Reason}. The option is {verify, Bool}. Nothing is created unless
// the whole file reads well. On a terminal, a read that takes over a
// second shows its elapsed time.
func (e *ETS) file2tab(args []term.Term) (term.Term, error) {
	file, ok := fileName(args[0])
	if !ok {
		return term.Term{}, badarg("file name must be a string, binary or atom")
	}
	var ropts tabfile.ReadOptions
	if len(args) == 2 {
		elems, tail := args[1].ListParts()
		if !args[1].IsProperList() || !tail.IsNil() {
			return term.Term{}, badarg("options must be a list")
		}
		for _, opt := range elems {
			el := opt.Elements()
			if !opt.IsTuple() || len(el) != 2 || !el[0].IsAtomNamed("verify") || !el[1].IsBoolean() {
				return term.Term{}, badarg("bad option %s", term.Format(opt))
			}
			ropts.Verify = el[1].IsTrue()
		}
	}
	prog := startProgress(e.progress, "file2tab "+file)
	t, err := e.db.File2Tab(e.self, file, ropts)
	prog.finish()
	switch {
	case errors.Is(err, engine.ErrNameTaken):
		return errorTuple(term.Atom("cannot_create_table")), nil
	case err != nil:
		return errorTuple(fileReason(file, err)), nil
	}
	return term.Tuple(term.Atom("ok"), ref(t)), nil
}

func errorTuple(reason term.Term) term.Term { return term.Tuple(term.Atom("error"), reason) }

// fileReason is the Erlang reason of a failed tab2file or file2tab.
func fileReason(file string, err error) term.Term {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return term.Tuple(term.Atom("read_error"), term.Tuple(term.Atom("file_error"), term.Charlist(file), term.Atom("enoent")))
	case errors.Is(err, tabfile.ErrChecksum):
		return term.Atom("checksum_error")
	case errors.Is(err, tabfile.ErrObjectCount):
		return term.Atom("invalid_object_count")
	case errors.Is(err, tabfile.ErrNotLogFile), errors.Is(err, tabfile.ErrBadFile), errors.Is(err, tabfile.ErrBadHeader),
		errors.Is(err, tabfile.ErrBadObject), errors.Is(err, tabfile.ErrCorrupt), errors.Is(err, tabfile.ErrTruncated),
		errors.Is(err, tabfile.ErrUnsupportedVersion):
		return term.Atom("badfile")
	}
	return term.BinaryString(err.Error())
}
