package matchspec_test

import (
	"fmt"

	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

func Example() {
	ms, err := matchspec.Parse("[{{'$1','_',7,'$2','_'},[{'>','$2',10.0}],[{{'$1','$2'}}]}].")
	if err != nil {
		panic(err)
	}
	p, err := matchspec.Compile(ms)
	if err != nil {
		panic(err)
	}
	m := p.NewMatcher()
	rows := []term.Term{
		term.Tuple(term.Int(1), term.BinaryString("tea"), term.Int(7), term.Float(12.5), term.Int(3)),
		term.Tuple(term.Int(2), term.BinaryString("coffee"), term.Int(7), term.Float(9.0), term.Int(1)),
	}
	for _, row := range rows {
		if v, ok := m.Match(row); ok {
			id, _ := v.Elements()[0].Int64()
			price, _ := v.Elements()[1].Float64()
			fmt.Println(id, price)
		}
	}
	fmt.Println(ms)
	fmt.Println(ms.Elixir())
	// Output:
	// 1 12.5
	// [{{'$1','_',7,'$2','_'},[{'>','$2',10.0}],[{{'$1','$2'}}]}]
	// [{{:"$1", :_, 7, :"$2", :_}, [{:>, :"$2", 10.0}], [{{:"$1", :"$2"}}]}]
}
