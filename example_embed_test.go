package etsql_test

import (
	"database/sql"
	"fmt"
	"time"

	"github.com/etsql/etsql"
	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/matchspec"
	"github.com/etsql/etsql/term"
)

// SQL through database/sql: the driver is registered as "etsql" when the
// package is imported. "" is a new in-memory database for this *sql.DB;
// "mem:NAME" is shared by every sql.Open of the name.
func Example_databaseSQL() {
	db, err := sql.Open("etsql", "mem:shop")
	if err != nil {
		panic(err)
	}
	defer db.Close()

	db.Exec(`CREATE TABLE products (id INT PRIMARY KEY, name TEXT NOT NULL, price FLOAT, added DATE)`)
	ins, _ := db.Prepare(`INSERT INTO products VALUES (?, ?, ?, ?)`)
	ins.Exec(1, "Chai", 18.0, "1996-07-04")
	ins.Exec(2, "Chang", 19.0, time.Date(1996, 7, 5, 0, 0, 0, 0, time.UTC))
	ins.Exec(3, "Aniseed Syrup", nil, nil)

	rows, _ := db.Query(`SELECT name, price, added FROM products WHERE id >= $1 ORDER BY id`, 2)
	defer rows.Close()
	for rows.Next() {
		var name string
		var price sql.NullFloat64
		var added sql.NullTime
		rows.Scan(&name, &price, &added)
		fmt.Println(name, price.Valid, price.Float64, added.Valid, added.Time.Format(time.DateOnly))
	}
	_, err = db.Exec(`INSERT INTO products VALUES (1, 'Chai again', 1, NULL)`)
	fmt.Println(err)
	// Output:
	// Chang true 19 true 1996-07-05
	// Aniseed Syrup false 0 false 0001-01-01
	// UNIQUE constraint failed: products.id
}

// SQL through the native API: Open, Exec, Query, and Explain, which shows
// the ETS match specification a query runs as.
func Example_nativeAPI() {
	db, _ := etsql.Open()
	defer db.Close()
	db.Exec(`CREATE TABLE orders (id INT PRIMARY KEY, customer TEXT, total FLOAT)`)
	db.InsertRows("orders", [][]any{{10248, "VINET", 32.38}, {10249, "TOMSP", 11.61}, {10250, "HANAR", 65.83}})

	var n int64
	var sum float64
	db.QueryRow(`SELECT COUNT(*), SUM(total) FROM orders WHERE total > ?`, 20).Scan(&n, &sum)
	fmt.Printf("%d orders, %.2f\n", n, sum)

	plan, _ := db.Explain(`SELECT id FROM orders WHERE id > 10248 AND customer = ?`, "HANAR")
	a := plan.Accesses[0]
	fmt.Println(a.Table, a.Path, "|", a.Detail)
	fmt.Println(a.Spec)
	// Output:
	// 2 orders, 98.21
	// orders range | range orders (id > 10248)
	// [{{'$1','$2','_'},[{'andalso',{is_number,'$1'},{'>','$1',10248}},{'andalso',{is_binary,'$2'},{'==','$2',<<"HANAR">>}}],['$_']}]
}

// The engine and match specifications directly, with no SQL: an
// ordered_set of {Id, Name, Age} tuples and an ets:select/2 with a match
// specification written in Erlang.
func Example_engine() {
	eng := engine.NewDB()
	self := eng.NewProcess("main")
	people, _ := eng.New(self, "people", engine.Options{Type: engine.OrderedSet, Named: true})
	people.Insert(self,
		term.Tuple(term.Int(3), term.BinaryString("Cid"), term.Int(29)),
		term.Tuple(term.Int(1), term.BinaryString("Ann"), term.Int(37)),
		term.Tuple(term.Int(2), term.BinaryString("Bob"), term.Int(41)),
	)

	ms, err := matchspec.Parse(`[{{'$1','$2','$3'},[{'>','$3',30}],[{{'$2','$3'}}]}]`)
	if err != nil {
		panic(err)
	}
	prog, err := matchspec.Compile(ms)
	if err != nil {
		panic(err)
	}
	over30, _ := people.Select(self, prog)
	fmt.Println(term.List(over30...))
	fmt.Println(ms.Elixir())
	// Output:
	// [{<<"Ann">>,37},{<<"Bob">>,41}]
	// [{{:"$1", :"$2", :"$3"}, [{:>, :"$3", 30}], [{{:"$2", :"$3"}}]}]
}

// Tables made by SQL are ETS tables of the DB's engine: the key at
// position 1, the other columns after it, NULL as undefined.
func Example_sqlTablesAreETSTables() {
	db, _ := etsql.Open()
	defer db.Close()
	db.Exec(`CREATE TABLE stock (sku TEXT PRIMARY KEY, qty INT, note TEXT)`)
	db.Exec(`INSERT INTO stock VALUES ('a-1', 5, NULL), ('b-2', 0, 'reorder'), ('c-3', 12, NULL)`)

	tab, _ := db.Engine().Whereis("stock")
	objs, _ := tab.Lookup(db.Process(), term.BinaryString("b-2"))
	fmt.Println(objs[0])

	ms, _ := matchspec.Parse(`[{{'$1','$2',undefined},[{'>','$2',0}],['$1']}]`)
	prog, _ := matchspec.Compile(ms)
	skus, _ := tab.Select(db.Process(), prog)
	fmt.Println(term.List(skus...))
	// Output:
	// {<<"b-2">>,0,<<"reorder">>}
	// [<<"a-1">>,<<"c-3">>]
}
