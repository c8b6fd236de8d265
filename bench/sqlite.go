package main

import (
	"database/sql"
	"fmt"

	_ "github.com/mattn/go-sqlite3" // driver "sqlite3" (cgo)
	_ "modernc.org/sqlite"          // driver "sqlite" (pure Go)
)

// sqliteSystem is SQLite in memory through database/sql, one connection,
// every repeated statement prepared once. driver is "sqlite" (modernc,
// pure Go) or "sqlite3" (mattn, cgo).
type sqliteSystem struct {
	name, driver string
	db           *sql.DB
	lookup       *sql.Stmt
	rangeQ       *sql.Stmt
	prefix       *sql.Stmt
	orderLines   *sql.Stmt
}

func newSQLite(name, driver string) *sqliteSystem {
	return &sqliteSystem{name: name, driver: driver}
}

func (s *sqliteSystem) Name() string { return s.name }

const sqliteSchema = `CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
	category INTEGER NOT NULL, price REAL NOT NULL, qty INTEGER NOT NULL)`

func (s *sqliteSystem) Load(rows []Row) error {
	db, err := sql.Open(s.driver, ":memory:")
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(1) // each connection to :memory: is its own database
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	s.db = db
	if _, err := db.Exec(sqliteSchema); err != nil {
		return err
	}
	if err := s.insertAll("INSERT INTO items VALUES (?, ?, ?, ?, ?)", len(rows), func(i int) []any {
		r := &rows[i]
		return []any{r.ID, r.Name, r.Category, r.Price, r.Qty}
	}); err != nil {
		return err
	}
	if s.lookup, err = db.Prepare("SELECT qty FROM items WHERE id = ?"); err != nil {
		return err
	}
	s.rangeQ, err = db.Prepare("SELECT qty FROM items WHERE id BETWEEN ? AND ? ORDER BY id")
	return err
}

// insertAll runs the insert statement n times, with the arguments args(i),
// in one transaction.
func (s *sqliteSystem) insertAll(insert string, n int, args func(i int) []any) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it does nothing
	stmt, err := tx.Prepare(insert)
	if err != nil {
		return err
	}
	for i := range n {
		if _, err := stmt.Exec(args(i)...); err != nil {
			return err
		}
	}
	if err := stmt.Close(); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *sqliteSystem) Lookup(id int64) (int64, error) {
	var qty int64
	err := s.lookup.QueryRow(id).Scan(&qty)
	return qty, err
}

func (s *sqliteSystem) Range(lo int64, n int) (int64, error) {
	rows, err := s.rangeQ.Query(lo, lo+int64(n)-1)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var sum, qty int64
	for rows.Next() {
		if err := rows.Scan(&qty); err != nil {
			return 0, err
		}
		sum += qty
	}
	return sum, rows.Err()
}

func (s *sqliteSystem) CountFiltered() (int, error) {
	var n int
	err := s.db.QueryRow("SELECT count(*) FROM items WHERE category = ? AND price > ?", filterCategory, filterPrice).Scan(&n)
	return n, err
}

func (s *sqliteSystem) SumGroupBy() ([]float64, error) {
	rows, err := s.db.Query("SELECT category, SUM(price) FROM items GROUP BY category")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	sums := make([]float64, categories)
	for rows.Next() {
		var c int64
		var sum float64
		if err := rows.Scan(&c, &sum); err != nil {
			return nil, err
		}
		if c < 0 || c >= categories {
			return nil, fmt.Errorf("category %d out of range", c)
		}
		sums[c] = sum
	}
	return sums, rows.Err()
}

func (s *sqliteSystem) Update() (int, error) {
	res, err := s.db.Exec("UPDATE items SET qty = qty + 1 WHERE category = ?", filterCategory)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Memory is the database's size in pages: SQLite's memory for an
// in-memory database is its page cache, which holds every page.
func (s *sqliteSystem) Memory() (int64, string, error) {
	var pages, size int64
	if err := s.db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		return 0, "", err
	}
	if err := s.db.QueryRow("PRAGMA page_size").Scan(&size); err != nil {
		return 0, "", err
	}
	return pages * size, "page_count × page_size", nil
}

func (s *sqliteSystem) LoadByCategory(rows []Row) error {
	if _, err := s.db.Exec(`CREATE TABLE items_by_category (category INTEGER NOT NULL, id INTEGER NOT NULL,
		name TEXT NOT NULL, price REAL NOT NULL, qty INTEGER NOT NULL, PRIMARY KEY (category, id)) WITHOUT ROWID`); err != nil {
		return err
	}
	if err := s.insertAll("INSERT INTO items_by_category VALUES (?, ?, ?, ?, ?)", len(rows), func(i int) []any {
		r := &rows[i]
		return []any{r.Category, r.ID, r.Name, r.Price, r.Qty}
	}); err != nil {
		return err
	}
	var err error
	s.prefix, err = s.db.Prepare("SELECT id, price FROM items_by_category WHERE category = ?")
	return err
}

func (s *sqliteSystem) PrefixScan(cat int64) (int, int64, error) {
	rows, err := s.prefix.Query(cat)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	n, sum := 0, int64(0)
	for rows.Next() {
		var id int64
		var price float64
		if err := rows.Scan(&id, &price); err != nil {
			return 0, 0, err
		}
		n++
		sum += id
	}
	return n, sum, rows.Err()
}

func (s *sqliteSystem) LoadNorthwind(d *NWData) error {
	for _, ddl := range []string{
		`CREATE TABLE products (product_id INTEGER PRIMARY KEY, product_name TEXT NOT NULL,
			category_id INTEGER, unit_price REAL)`,
		`CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id TEXT)`,
		`CREATE TABLE order_details (order_id INTEGER NOT NULL, product_id INTEGER NOT NULL,
			unit_price REAL NOT NULL, quantity INTEGER NOT NULL, discount REAL NOT NULL,
			PRIMARY KEY (order_id, product_id)) WITHOUT ROWID`,
	} {
		if _, err := s.db.Exec(ddl); err != nil {
			return err
		}
	}
	if err := s.insertAll("INSERT INTO products VALUES (?, ?, ?, ?)", len(d.Products), func(i int) []any {
		p := &d.Products[i]
		return []any{p.ID, p.Name, p.Category, p.Price}
	}); err != nil {
		return err
	}
	if err := s.insertAll("INSERT INTO orders VALUES (?, ?)", len(d.Orders), func(i int) []any {
		return []any{d.Orders[i].ID, d.Orders[i].Customer}
	}); err != nil {
		return err
	}
	if err := s.insertAll("INSERT INTO order_details VALUES (?, ?, ?, ?, ?)", len(d.Details), func(i int) []any {
		l := &d.Details[i]
		return []any{l.Order, l.Product, l.Price, l.Quantity, l.Discount}
	}); err != nil {
		return err
	}
	var err error
	s.orderLines, err = s.db.Prepare(`SELECT o.customer_id, od.product_id, od.quantity
		FROM orders o JOIN order_details od ON od.order_id = o.order_id WHERE o.order_id = ?`)
	return err
}

func (s *sqliteSystem) OrderLines(orderID int64) (int, int64, error) {
	rows, err := s.orderLines.Query(orderID)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	n, qty := 0, int64(0)
	for rows.Next() {
		var customer string
		var product, q int64
		if err := rows.Scan(&customer, &product, &q); err != nil {
			return 0, 0, err
		}
		n++
		qty += q
	}
	return n, qty, rows.Err()
}

func (s *sqliteSystem) RevenueByCategory() ([]float64, error) {
	rows, err := s.db.Query(`SELECT p.category_id, SUM(od.unit_price * od.quantity * (1 - od.discount))
		FROM order_details od JOIN products p ON p.product_id = od.product_id GROUP BY p.category_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	rev := make([]float64, nwCategories+1)
	for rows.Next() {
		var c int64
		var sum float64
		if err := rows.Scan(&c, &sum); err != nil {
			return nil, err
		}
		if c < 0 || c > nwCategories {
			return nil, fmt.Errorf("category %d out of range", c)
		}
		rev[c] = sum
	}
	return rev, rows.Err()
}

func (s *sqliteSystem) QuantityByCustomer() (int, int64, error) {
	rows, err := s.db.Query(`SELECT o.customer_id, SUM(od.quantity)
		FROM orders o JOIN order_details od ON od.order_id = o.order_id GROUP BY o.customer_id`)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	n, qty := 0, int64(0)
	for rows.Next() {
		var customer string
		var q int64
		if err := rows.Scan(&customer, &q); err != nil {
			return 0, 0, err
		}
		n++
		qty += q
	}
	return n, qty, rows.Err()
}

func (s *sqliteSystem) Close() error {
	if s.db == nil {
		return nil
	}
	err := s.db.Close()
	s.db = nil
	return err
}
