package engine_test

import (
	"errors"
	"fmt"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/term"
)

func Example() {
	db := engine.NewDB()
	session := db.NewProcess("session")
	people, _ := db.New(session, "people", engine.Options{Type: engine.OrderedSet, Named: true})

	_ = people.Insert(session,
		term.Tuple(term.Int(2), term.BinaryString("Bob"), term.Int(41)),
		term.Tuple(term.Int(1), term.BinaryString("Ann"), term.Int(37)),
	)
	objs, _ := people.Lookup(session, term.Int(1))
	fmt.Println(term.Format(objs[0]))

	age, _ := people.UpdateCounterTerm(session, term.Int(2), term.Tuple(term.Int(3), term.Int(1)), term.Term{})
	fmt.Println(term.Format(age))

	spec, _ := term.Parse(`[{{'$1','$2','$3'},[{'>','$3',40}],['$2']}]`)
	prog, _ := engine.CompileSpec(spec)
	names, _ := people.Select(session, prog)
	fmt.Println(term.Format(term.List(names...)))

	other := db.NewProcess("other")
	err := people.Insert(other, term.Tuple(term.Int(3)))
	fmt.Println(errors.Is(err, engine.ErrAccess), errors.Is(err, engine.ErrBadArg))
	// Output:
	// {1,<<"Ann">>,37}
	// 42
	// [<<"Bob">>]
	// true true
}

func ExampleTable_RangeScan() {
	db := engine.NewDB()
	p := db.NewProcess("p")
	t, _ := db.New(p, "t", engine.Options{Type: engine.OrderedSet})
	for k := range 10 {
		_ = t.Insert(p, term.Tuple(term.Int(int64(k)), term.Int(int64(k*k))))
	}
	r := engine.Range{
		Lower:      engine.Bound{Key: term.Int(3)},
		Upper:      engine.Bound{Key: term.Int(7), Exclusive: true},
		Descending: true,
	}
	_ = t.RangeScan(p, r, func(obj term.Term) bool {
		fmt.Print(term.Format(obj), " ")
		return true
	})
	fmt.Println()
	// Output: {6,36} {5,25} {4,16} {3,9}
}

func ExampleProcess_OnTransfer() {
	db := engine.NewDB()
	owner, heir := db.NewProcess("owner"), db.NewProcess("heir")
	heir.OnTransfer(func(tr engine.Transfer) {
		fmt.Println("inherited", tr.Table.Name(), "from", tr.From.Name(), "with", term.Format(tr.Data))
	})
	_, _ = db.New(owner, "cache", engine.Options{Heir: heir, HeirData: term.Atom("hello")})
	owner.Close()
	// Output: inherited cache from owner with hello
}
