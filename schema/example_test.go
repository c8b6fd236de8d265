package schema_test

import (
	"errors"
	"fmt"

	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

func Example() {
	// CREATE TABLE order_details (order_id INT, product_id INT,
	//     unit_price FLOAT NOT NULL, quantity INT DEFAULT 1,
	//     PRIMARY KEY (order_id, product_id))
	tab, err := schema.NewTable(schema.TableDef{
		Name: "order_details",
		Columns: []schema.Column{
			{Name: "order_id", Type: schema.Int},
			{Name: "product_id", Type: schema.Int},
			{Name: "unit_price", Type: schema.Float, NotNull: true},
			{Name: "quantity", Type: schema.Int, Default: term.Int(1)},
		},
		PrimaryKey: []string{"order_id", "product_id"},
	})
	if err != nil {
		panic(err)
	}
	// INSERT INTO order_details (product_id, order_id, unit_price) VALUES (11, 10248, 14)
	row, err := tab.RowFor([]string{"product_id", "order_id", "unit_price"},
		[]term.Term{term.Int(11), term.Int(10248), term.Int(14)})
	fmt.Println(row.Arity(), err)

	// Where each column lies: {Elem Sub}, Sub inside the key tuple.
	for i := range tab.NumColumns() {
		fmt.Printf("%s %+v\n", tab.Column(i).Name, tab.Position(i))
	}

	values, _ := tab.Values(row)
	for i, v := range values {
		fmt.Printf("%s=%v\n", tab.Column(i).Name, schema.ToGo(v, tab.Column(i).Type))
	}

	_, err = tab.Row([]term.Term{term.Int(1), term.Int(2), term.BinaryString("abc"), {}})
	fmt.Println(err, errors.Is(err, schema.ErrBadValue))
	// Output:
	// 3 <nil>
	// order_id {Elem:1 Sub:1}
	// product_id {Elem:1 Sub:2}
	// unit_price {Elem:2 Sub:0}
	// quantity {Elem:3 Sub:0}
	// order_id=10248
	// product_id=11
	// unit_price=14
	// quantity=1
	// table order_details, column unit_price: cannot store 'abc' as FLOAT true
}
