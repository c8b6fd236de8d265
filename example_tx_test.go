package etsql_test

import (
	"database/sql"
	"fmt"

	"github.com/etsql/etsql"
)

// A transaction through database/sql: INTEGER PRIMARY KEY numbers the
// rows, named parameters bind by sql.Named, and Rollback undoes
// everything since Begin.
func ExampleDB_Begin() {
	db, err := sql.Open("etsql", "")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	db.Exec(`CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT, balance INT)`)
	res, _ := db.Exec(`INSERT INTO accounts (owner, balance) VALUES ('ann', 100), ('bob', 50)`)
	last, _ := res.LastInsertId()
	fmt.Println("last id:", last)

	tx, _ := db.Begin()
	move := `UPDATE accounts SET balance = balance + :amount WHERE owner = :owner`
	tx.Exec(move, sql.Named("owner", "ann"), sql.Named("amount", -70))
	tx.Exec(move, sql.Named("owner", "bob"), sql.Named("amount", 70))
	tx.Exec(`DROP TABLE accounts`)
	tx.Rollback()

	rows, _ := db.Query(`SELECT id, owner, balance FROM accounts ORDER BY id`)
	defer rows.Close()
	for rows.Next() {
		var id, balance int
		var owner string
		rows.Scan(&id, &owner, &balance)
		fmt.Println(id, owner, balance)
	}
	// Output:
	// last id: 2
	// 1 ann 100
	// 2 bob 50
}

// The native API's transactions: statements prepared in one run in it,
// and a failing statement changes nothing while the transaction goes on.
func ExampleTx() {
	db, _ := etsql.Open()
	defer db.Close()
	db.Exec(`CREATE TABLE t (k INT PRIMARY KEY, v TEXT)`)

	tx, _ := db.Begin()
	ins, _ := tx.Prepare(`INSERT INTO t VALUES (?, ?)`)
	ins.Exec(1, "one")
	_, err := ins.Exec(1, "again")
	fmt.Println(err)
	ins.Exec(2, "two")
	tx.Commit()

	var n int
	db.QueryRow(`SELECT COUNT(*) FROM t`).Scan(&n)
	fmt.Println(n, "rows")
	// Output:
	// UNIQUE constraint failed: t.k
	// 2 rows
}
