package parser

import (
	"os"
	"testing"
)

const benchSelect = `SELECT o.order_id, c.company_name, sum(d.unit_price * d.quantity) AS total
FROM orders o JOIN customers c ON c.customer_id = o.customer_id
LEFT JOIN order_details d ON d.order_id = o.order_id
WHERE o.order_date >= DATE '1997-01-01' AND c.country IN ('Germany', 'France') AND o.freight > ?
GROUP BY o.order_id, c.company_name
ORDER BY total DESC, o.order_id LIMIT 10`

func BenchmarkParse_select(b *testing.B) {
	b.SetBytes(int64(len(benchSelect)))
	for b.Loop() {
		if _, err := Parse(benchSelect); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse_pointSelect(b *testing.B) {
	const src = "SELECT * FROM products WHERE product_id = ?"
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseScript_corpus(b *testing.B) {
	src, err := os.ReadFile("testdata/roundtrip.sql")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := ParseScript(string(src)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormat_select(b *testing.B) {
	st, err := Parse(benchSelect)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_ = Format(st)
	}
}
