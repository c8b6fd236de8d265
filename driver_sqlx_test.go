package etsql_test

import (
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/etsql/etsql"
	"github.com/etsql/etsql/parser"
)

// sqlx needs no registration: its bind type for an unknown driver is
// UNKNOWN, which binds as ? (sqlx.QUESTION), a placeholder etsql takes.

type product struct {
	ID           int64           `db:"product_id"`
	Name         string          `db:"product_name"`
	Price        float64         `db:"unit_price"`
	Discontinued bool            `db:"discontinued"`
	Category     sql.NullString  `db:"category_name"`
	Reorder      sql.NullInt64   `db:"reorder_level"`
	Weight       sql.NullFloat64 `db:"weight"`
}

type order struct {
	ID       int64      `db:"order_id"`
	Customer string     `db:"customer_id"`
	Ordered  time.Time  `db:"order_date"`
	Shipped  *time.Time `db:"shipped_date"`
}

func TestSqlx_northwind(t *testing.T) {
	db, err := sqlx.Open("etsql", "?northwind=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	var ps []product
	err = db.Select(&ps, `SELECT p.product_id, p.product_name, p.unit_price, p.discontinued, c.category_name,
			p.reorder_level, NULL AS weight
		FROM products p LEFT JOIN categories c ON c.category_id = p.category_id
		WHERE p.unit_price > ? ORDER BY p.unit_price DESC LIMIT 3`, 40)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 3 {
		t.Fatalf("%d products, want 3", len(ps))
	}
	for i, p := range ps {
		if p.Price <= 40 || p.Name == "" || !p.Category.Valid || p.Weight.Valid || i > 0 && p.Price > ps[i-1].Price {
			t.Errorf("product %d: %+v", i, p)
		}
	}

	var o order
	if err := db.Get(&o, "SELECT order_id, customer_id, order_date, shipped_date FROM orders WHERE order_id = $1", 10248); err != nil {
		t.Fatal(err)
	}
	if o.ID != 10248 || o.Customer == "" || o.Ordered.IsZero() || o.Ordered.Hour() != 0 || o.Shipped != nil && o.Shipped.Before(o.Ordered) {
		t.Errorf("order: %+v", o)
	}
	// A DATE column compared with a date as text.
	var n int
	if err := db.Get(&n, "SELECT COUNT(*) FROM orders WHERE order_date >= ? AND order_date < ?", "1997-01-01", "1998-01-01"); err != nil || n == 0 || n >= 830 {
		t.Errorf("orders of 1997: %d, %v", n, err)
	}
	// A NULL into a sql.Null* field and a pointer.
	var unshipped []order
	if err := db.Select(&unshipped, "SELECT order_id, customer_id, order_date, shipped_date FROM orders WHERE shipped_date IS NULL"); err != nil {
		t.Fatal(err)
	}
	for _, u := range unshipped {
		if u.Shipped != nil {
			t.Errorf("order %d: shipped %v, want nil", u.ID, u.Shipped)
		}
	}

	if err := db.Get(&o, "SELECT order_id FROM orders WHERE order_id = ?", 1); !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("no row: %v, want sql.ErrNoRows", err)
	}
	var perr *parser.Error
	if err := db.Get(&o, "SELECT order_id FROM orders WHERE"); !errors.As(err, &perr) || perr.Pos.Line != 1 {
		t.Errorf("syntax error: %v, want a *parser.Error", err)
	}
}

type person struct {
	ID      int64          `db:"id"`
	Name    string         `db:"name"`
	Email   sql.NullString `db:"email"`
	Born    time.Time      `db:"born"`
	Updated time.Time      `db:"updated"`
}

func TestSqlx_NamedExec(t *testing.T) {
	db := sqlx.MustOpen("etsql", "")
	defer db.Close()
	db.MustExec(`CREATE TABLE people (id INT PRIMARY KEY, name TEXT NOT NULL, email TEXT, born DATE, updated TIMESTAMP)`)
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	people := []person{
		{1, "Ann", sql.NullString{String: "ann@example.com", Valid: true}, time.Date(1980, 2, 29, 0, 0, 0, 0, time.UTC), at},
		{2, "Bob", sql.NullString{}, time.Date(1975, 12, 31, 0, 0, 0, 0, time.UTC), at.Add(time.Second)},
	}
	const insert = "INSERT INTO people (id, name, email, born, updated) VALUES (:id, :name, :email, :born, :updated)"
	for _, p := range people {
		res, err := db.NamedExec(insert, p)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			t.Errorf("RowsAffected %d", n)
		}
	}
	if _, err := db.NamedExec(insert, people[0]); !errors.Is(err, etsql.ErrDuplicateKey) {
		t.Errorf("duplicate key through sqlx: %v", err)
	}
	rows, err := db.NamedQuery("SELECT * FROM people WHERE born < :born ORDER BY id", map[string]any{"born": "1979-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	var got []person
	for rows.Next() {
		var p person
		if err := rows.StructScan(&p); err != nil {
			t.Fatal(err)
		}
		got = append(got, p)
	}
	rows.Close()
	if len(got) != 1 || got[0] != people[1] {
		t.Errorf("NamedQuery: %+v, want %+v", got, people[1])
	}
	var all []person
	if err := db.Select(&all, db.Rebind("SELECT * FROM people WHERE id IN (?, ?) ORDER BY id"), 1, 2); err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0] != people[0] || all[1] != people[1] {
		t.Errorf("Select: %+v\nwant %+v", all, people)
	}
	query, args, err := sqlx.In("SELECT name FROM people WHERE id IN (?) ORDER BY name DESC", []int{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	if err := db.Select(&names, query, args...); err != nil || len(names) != 2 || names[0] != "Bob" {
		t.Errorf("sqlx.In: %v, %v", names, err)
	}
}
