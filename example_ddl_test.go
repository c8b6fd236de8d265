package etsql_test

import (
	"database/sql"
	"fmt"
)

// A schema as Go programs write it, through database/sql: a UNIQUE
// column, a secondary index the planner uses, an upsert counting visits,
// RETURNING the ids the database assigns, and a column added later.
func Example_schema() {
	db, err := sql.Open("etsql", "")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	_, err = db.Exec(`
		CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT);
		CREATE TABLE visits (page TEXT PRIMARY KEY, n INT NOT NULL DEFAULT 0, user_id INT);
		CREATE INDEX IF NOT EXISTS visits_user ON visits (user_id)`)
	if err != nil {
		panic(err)
	}

	var id int64
	db.QueryRow(`INSERT INTO users (email, name) VALUES (?, ?) RETURNING id`, "ann@example.com", "Ann").Scan(&id)
	fmt.Println("ann is user", id)
	_, err = db.Exec(`INSERT INTO users (email, name) VALUES (?, ?)`, "ann@example.com", "Impostor")
	fmt.Println(err)

	for _, page := range []string{"/", "/about", "/"} {
		db.Exec(`INSERT INTO visits (page, n, user_id) VALUES (?, 1, ?)
			ON CONFLICT (page) DO UPDATE SET n = visits.n + excluded.n`, page, id)
	}
	var plan string
	db.QueryRow(`EXPLAIN SELECT page FROM visits WHERE user_id = ?`, id).Scan(&plan)
	fmt.Println(plan)

	db.Exec(`ALTER TABLE users ADD COLUMN active BOOL NOT NULL DEFAULT true`)
	rows, _ := db.Query(`SELECT v.page, v.n, u.active FROM visits v JOIN users u ON u.id = v.user_id ORDER BY v.page`)
	defer rows.Close()
	for rows.Next() {
		var page string
		var n int
		var active bool
		rows.Scan(&page, &n, &active)
		fmt.Println(page, n, active)
	}
	// Output:
	// ann is user 1
	// UNIQUE constraint failed: users.email
	// scan: index visits_user on visits (user_id = ?1)
	// / 2 true
	// /about 1 true
}
