package parser_test

import (
	"fmt"

	"github.com/etsql/etsql/parser"
)

func ExampleParse() {
	stmt, err := parser.Parse("select name from products where price > 10 and category in ('tea', 'coffee')")
	if err != nil {
		fmt.Println(err)
		return
	}
	sel := stmt.(*parser.SelectStmt)
	where := sel.Core.Where.(*parser.BinaryExpr)
	fmt.Println(where.Op, "of", parser.Format(where.L), "and", parser.Format(where.R))
	// Output: AND of price > 10 and category IN ('tea', 'coffee')
}

func ExampleParse_error() {
	_, err := parser.Parse("SELECT * FORM products")
	fmt.Println(err)
	// Output: 1:10: expected FROM, found "FORM"
}

func ExampleParseScript() {
	stmts, err := parser.ParseScript(`
CREATE TABLE t (k INT PRIMARY KEY, v TEXT) WITH (type = ordered_set);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
SELECT v FROM t WHERE k = 2;`)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range stmts {
		p := s.Position()
		fmt.Printf("%d:%d %T\n", p.Line, p.Column, s)
	}
	// Output:
	// 2:1 *parser.CreateTableStmt
	// 3:1 *parser.InsertStmt
	// 4:1 *parser.SelectStmt
}

func ExampleFormat() {
	stmt, _ := parser.Parse(`select a,b c from "my table" t left outer join u on u.id=t.id where not (x=1 or y=2) limit 5,10`)
	fmt.Println(parser.Format(stmt))
	// Output: SELECT a, b AS c FROM "my table" AS t LEFT JOIN u ON u.id = t.id WHERE NOT (x = 1 OR y = 2) LIMIT 5, 10
}

func ExampleNumInput() {
	stmt, _ := parser.Parse("UPDATE t SET v = ? WHERE k BETWEEN ? AND ?")
	fmt.Println(parser.NumInput(stmt))
	// Output: 3
}

func ExampleInspect() {
	stmt, _ := parser.Parse("SELECT a FROM t WHERE b = 1 AND t.c > 2")
	parser.Inspect(stmt, func(n parser.Node) bool {
		if c, ok := n.(*parser.ColumnRef); ok {
			fmt.Println(parser.Format(c))
		}
		return true
	})
	// Output:
	// a
	// b
	// t.c
}
