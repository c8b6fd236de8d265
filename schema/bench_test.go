package schema

import (
	"testing"

	"github.com/etsql/etsql/term"
)

func BenchmarkTable_Row(b *testing.B) {
	od, err := NewTable(TableDef{Name: "order_details", Columns: []Column{
		{Name: "order_id", Type: Int}, {Name: "product_id", Type: Int},
		{Name: "unit_price", Type: Float}, {Name: "quantity", Type: Int}, {Name: "discount", Type: Float},
	}, PrimaryKey: []string{"order_id", "product_id"}})
	if err != nil {
		b.Fatal(err)
	}
	values := []term.Term{term.Int(10248), term.Int(11), term.Int(14), term.Int(12), term.Float(0)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := od.Row(values); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTable_Values(b *testing.B) {
	od, _ := NewTable(TableDef{Name: "order_details", Columns: []Column{
		{Name: "order_id", Type: Int}, {Name: "product_id", Type: Int},
		{Name: "unit_price", Type: Float}, {Name: "quantity", Type: Int}, {Name: "discount", Type: Float},
	}, PrimaryKey: []string{"order_id", "product_id"}})
	row, _ := od.Row([]term.Term{term.Int(10248), term.Int(11), term.Float(14), term.Int(12), term.Float(0)})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := od.Values(row); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseTimestamp(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseTimestamp("1997-01-01T10:20:30.123456+02:00"); err != nil {
			b.Fatal(err)
		}
	}
}
