package planner_test

import (
	"fmt"
	"strings"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/planner"
	"github.com/etsql/etsql/schema"
)

// catalog is the smallest Catalog: declared tables, no ETS tables, enough
// to plan.
type catalog map[string]*planner.Table

func (c catalog) Table(name string) (*planner.Table, bool) {
	t, ok := c[strings.ToLower(name)]
	return t, ok
}
func (c catalog) CreateTable(*schema.Table, bool) error { return nil }
func (c catalog) DropTable(string, bool) error          { return nil }

// Using the planner alone: the match specification and access path of a
// WHERE clause, without a database.
func ExamplePlan() {
	products, _ := schema.NewTable(schema.TableDef{
		Name: "products",
		Columns: []schema.Column{
			{Name: "id", Type: schema.Int}, {Name: "name", Type: schema.Text}, {Name: "price", Type: schema.Float},
		},
		PrimaryKey: []string{"id"},
	})
	cat := catalog{"products": {Schema: products}}
	sql := "SELECT name FROM products WHERE id IN (1, 2) AND price > 10"
	stmt, _ := parser.Parse(sql)
	plan, _ := planner.Plan(cat, sql, stmt)
	for _, a := range plan.Accesses() {
		fmt.Println(a.Detail)
		fmt.Println(a.Spec)
		fmt.Println(a.Spec.Elixir())
	}
	// Output:
	// lookup products key 1; 2
	// [{{1,'_','$3'},[{'andalso',{is_number,'$3'},{'>','$3',10}}],['$_']},{{2,'_','$3'},[{'andalso',{is_number,'$3'},{'>','$3',10}}],['$_']}]
	// [{{1, :_, :"$3"}, [{:andalso, {:is_number, :"$3"}, {:>, :"$3", 10}}], [:"$_"]}, {{2, :_, :"$3"}, [{:andalso, {:is_number, :"$3"}, {:>, :"$3", 10}}], [:"$_"]}]
}
