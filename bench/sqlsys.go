package main

import (
	"database/sql"
	"fmt"
	"sync/atomic"

	_ "github.com/etsql/etsql"      // driver "etsql"
	_ "github.com/mattn/go-sqlite3" // driver "sqlite3" (cgo)
	_ "modernc.org/sqlite"          // driver "sqlite" (pure Go)
)

// dialect is what differs between the databases driven through
// database/sql: how to open one, its DDL, and whether a load can run in a
// transaction.
type dialect struct {
	driver string
	dsn    func() string
	tx     bool // load in one transaction
	items  string
	// ordered is the DDL of a copy of items keyed in order, for systems
	// whose items table is a hash table; "" when items is ordered itself.
	ordered    string
	byCategory string
	northwind  []string
}

// The SQL every database/sql system runs, with ? placeholders: the same
// text for SQLite and etsql, prepared once.
const (
	sqlLookup   = "SELECT qty FROM items WHERE id = ?"
	sqlRange    = "SELECT qty FROM %s WHERE id BETWEEN ? AND ? ORDER BY id"
	sqlCount    = "SELECT count(*) FROM items WHERE category = ? AND price > ?"
	sqlGroupBy  = "SELECT category, SUM(price) FROM items GROUP BY category"
	sqlUpdate   = "UPDATE items SET qty = qty + 1 WHERE category = ?"
	sqlPrefix   = "SELECT id, price FROM items_by_category WHERE category = ?"
	sqlNWOrder  = "SELECT o.customer_id, od.product_id, od.quantity FROM orders o JOIN order_details od ON od.order_id = o.order_id WHERE o.order_id = ?"
	sqlRevenue  = "SELECT p.category_id, SUM(od.unit_price * od.quantity * (1 - od.discount)) FROM order_details od JOIN products p ON p.product_id = od.product_id GROUP BY p.category_id"
	sqlCustomer = "SELECT o.customer_id, SUM(od.quantity) FROM orders o JOIN order_details od ON od.order_id = o.order_id GROUP BY o.customer_id"
)

func sqliteDialect(driver string) dialect {
	return dialect{
		driver: driver,
		dsn:    func() string { return ":memory:" },
		tx:     true,
		items: `CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
			category INTEGER NOT NULL, price REAL NOT NULL, qty INTEGER NOT NULL)`,
		byCategory: `CREATE TABLE items_by_category (category INTEGER NOT NULL, id INTEGER NOT NULL,
			name TEXT NOT NULL, price REAL NOT NULL, qty INTEGER NOT NULL, PRIMARY KEY (category, id)) WITHOUT ROWID`,
		northwind: []string{
			`CREATE TABLE products (product_id INTEGER PRIMARY KEY, product_name TEXT NOT NULL,
				category_id INTEGER, unit_price REAL)`,
			`CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id TEXT)`,
			`CREATE TABLE order_details (order_id INTEGER NOT NULL, product_id INTEGER NOT NULL,
				unit_price REAL NOT NULL, quantity INTEGER NOT NULL, discount REAL NOT NULL,
				PRIMARY KEY (order_id, product_id)) WITHOUT ROWID`,
		},
	}
}

// The etsql tables: items is a set (hash: the fastest key lookups and
// full scans), with an ordered_set copy for the 1,000-key ranges; the
// composite keys are ordered_sets (a key prefix is a bounded walk); the
// Northwind tables have the types of fixtures/northwind/schema.sql.
const (
	etsqlItemsDDL = `CREATE TABLE %s (id INT NOT NULL, name TEXT NOT NULL, category INT NOT NULL,
		price FLOAT NOT NULL, qty INT NOT NULL, PRIMARY KEY (id)) WITH (type = %s)`
	etsqlByCategoryDDL = `CREATE TABLE items_by_category (category INT NOT NULL, id INT NOT NULL,
		name TEXT NOT NULL, price FLOAT NOT NULL, qty INT NOT NULL, PRIMARY KEY (category, id)) WITH (type = ordered_set)`
)

var etsqlNorthwindDDL = []string{
	`CREATE TABLE products (product_id INT NOT NULL, product_name TEXT NOT NULL, category_id INT,
		unit_price FLOAT, PRIMARY KEY (product_id)) WITH (type = set)`,
	`CREATE TABLE orders (order_id INT NOT NULL, customer_id TEXT, PRIMARY KEY (order_id)) WITH (type = ordered_set)`,
	`CREATE TABLE order_details (order_id INT NOT NULL, product_id INT NOT NULL, unit_price FLOAT NOT NULL,
		quantity INT NOT NULL, discount FLOAT NOT NULL, PRIMARY KEY (order_id, product_id)) WITH (type = ordered_set)`,
}

// etsqlDSNs numbers the shared databases of the etsql driver.
var etsqlDSNs atomic.Int64

var etsqlDriverDialect = dialect{
	driver:     "etsql",
	dsn:        func() string { return fmt.Sprintf("mem:bench%d", etsqlDSNs.Add(1)) },
	tx:         true,
	items:      fmt.Sprintf(etsqlItemsDDL, "items", "set"),
	ordered:    fmt.Sprintf(etsqlItemsDDL, "items_ordered", "ordered_set"),
	byCategory: etsqlByCategoryDDL,
	northwind:  etsqlNorthwindDDL,
}

// sqlSystem is a database in memory driven through database/sql with
// prepared statements: SQLite (modernc, pure Go, or mattn, cgo) or etsql
// through its driver.
type sqlSystem struct {
	name string
	d    dialect
	db   *sql.DB

	lookup, rangeQ, count, groupBy, update *sql.Stmt
	prefix                                 *sql.Stmt
	orderLines, revenue, customer          *sql.Stmt
}

// sqliteSystem is SQLite in memory, one connection (each connection to
// :memory: is its own database); it reports its memory as its pages.
type sqliteSystem struct{ sqlSystem }

func newSQLite(name, driver string) *sqliteSystem {
	return &sqliteSystem{sqlSystem{name: name, d: sqliteDialect(driver)}}
}

// etsqlDriver is etsql through database/sql ("etsql" driver, a "mem:NAME"
// database of its own).
type etsqlDriver struct{ sqlSystem }

func newEtsqlDriver() *etsqlDriver {
	return &etsqlDriver{sqlSystem{name: "etsql database/sql", d: etsqlDriverDialect}}
}

func (s *sqlSystem) Name() string { return s.name }

func (s *sqlSystem) Load(rows []Row) error {
	db, err := sql.Open(s.d.driver, s.d.dsn())
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	s.db = db
	if _, err := db.Exec(s.d.items); err != nil {
		return err
	}
	if err := s.insertItems("items", rows); err != nil {
		return err
	}
	return s.prepare(
		prep{&s.lookup, sqlLookup},
		prep{&s.count, sqlCount},
		prep{&s.groupBy, sqlGroupBy},
		prep{&s.update, sqlUpdate},
		prep{&s.rangeQ, fmt.Sprintf(sqlRange, "items")},
	)
}

// LoadOrdered loads the ordered copy of items that the range scans read,
// when items is not ordered itself.
func (s *sqlSystem) LoadOrdered(rows []Row) error {
	if s.d.ordered == "" {
		return nil
	}
	if _, err := s.db.Exec(s.d.ordered); err != nil {
		return err
	}
	if err := s.insertItems("items_ordered", rows); err != nil {
		return err
	}
	return s.prepare(prep{&s.rangeQ, fmt.Sprintf(sqlRange, "items_ordered")})
}

func (s *sqlSystem) insertItems(table string, rows []Row) error {
	return s.insertAll("INSERT INTO "+table+" VALUES (?, ?, ?, ?, ?)", len(rows), func(i int) []any {
		r := &rows[i]
		return []any{r.ID, r.Name, r.Category, r.Price, r.Qty}
	})
}

// prep is a statement to prepare and where to keep it.
type prep struct {
	dst **sql.Stmt
	sql string
}

func (s *sqlSystem) prepare(ps ...prep) error {
	for _, p := range ps {
		st, err := s.db.Prepare(p.sql)
		if err != nil {
			return fmt.Errorf("prepare %q: %w", p.sql, err)
		}
		*p.dst = st
	}
	return nil
}

// execer is what a prepared INSERT runs on: the DB or a transaction.
type execer interface {
	Prepare(query string) (*sql.Stmt, error)
}

// insertAll runs the prepared insert statement n times, with the
// arguments args(i), in one transaction where the database has them.
func (s *sqlSystem) insertAll(insert string, n int, args func(i int) []any) error {
	var on execer = s.db
	var tx *sql.Tx
	if s.d.tx {
		var err error
		if tx, err = s.db.Begin(); err != nil {
			return err
		}
		defer tx.Rollback() //nolint:errcheck // after Commit it does nothing
		on = tx
	}
	stmt, err := on.Prepare(insert)
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
	if tx != nil {
		return tx.Commit()
	}
	return nil
}

func (s *sqlSystem) Lookup(id int64) (int64, error) {
	var qty int64
	err := s.lookup.QueryRow(id).Scan(&qty)
	return qty, err
}

func (s *sqlSystem) Range(lo int64, n int) (int64, error) {
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

func (s *sqlSystem) CountFiltered() (int, error) {
	var n int
	err := s.count.QueryRow(filterCategory, filterPrice).Scan(&n)
	return n, err
}

func (s *sqlSystem) SumGroupBy() ([]float64, error) {
	rows, err := s.groupBy.Query()
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

func (s *sqlSystem) Update() (int, error) {
	res, err := s.update.Exec(filterCategory)
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

func (s *sqlSystem) LoadByCategory(rows []Row) error {
	if _, err := s.db.Exec(s.d.byCategory); err != nil {
		return err
	}
	if err := s.insertAll("INSERT INTO items_by_category VALUES (?, ?, ?, ?, ?)", len(rows), func(i int) []any {
		r := &rows[i]
		return []any{r.Category, r.ID, r.Name, r.Price, r.Qty}
	}); err != nil {
		return err
	}
	return s.prepare(prep{&s.prefix, sqlPrefix})
}

func (s *sqlSystem) PrefixScan(cat int64) (int, int64, error) {
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

func (s *sqlSystem) LoadNorthwind(d *NWData) error {
	for _, ddl := range s.d.northwind {
		if _, err := s.db.Exec(ddl); err != nil {
			return err
		}
	}
	for _, t := range northwindTables(d) {
		if err := s.insertAll(t.insert(), t.n, t.row); err != nil {
			return err
		}
	}
	return s.prepare(prep{&s.orderLines, sqlNWOrder}, prep{&s.revenue, sqlRevenue}, prep{&s.customer, sqlCustomer})
}

func (s *sqlSystem) OrderLines(orderID int64) (int, int64, error) {
	rows, err := s.orderLines.Query(orderID)
	if err != nil {
		return 0, 0, err
	}
	return readOrderLines(rows)
}

func (s *sqlSystem) RevenueByCategory() ([]float64, error) {
	rows, err := s.revenue.Query()
	if err != nil {
		return nil, err
	}
	return readRevenue(rows)
}

func (s *sqlSystem) QuantityByCustomer() (int, int64, error) {
	rows, err := s.customer.Query()
	if err != nil {
		return 0, 0, err
	}
	return readQuantities(rows)
}

func (s *sqlSystem) Close() error {
	if s.db == nil {
		return nil
	}
	err := s.db.Close()
	s.db = nil
	return err
}
