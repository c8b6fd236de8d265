package etsql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/etsql/etsql/fixtures/northwind"
)

// DriverName is the name under which the package registers its
// database/sql driver: sql.Open(etsql.DriverName, dsn).
const DriverName = "etsql"

func init() { sql.Register(DriverName, Driver{}) }

// Driver is the database/sql driver, registered as "etsql" when the
// package is imported. The data source name says which database a *sql.DB
// uses:
//
//	""                 a new, empty database of its own
//	"mem:NAME"         the shared in-memory database NAME
//	"?northwind=1"     options, alone or after a name: "mem:shop?northwind=1"
//
// Options: northwind=SCALE (below) and busy_timeout=MILLISECONDS (also
// spelled _busy_timeout, as mattn/go-sqlite3 does): how long a write waits
// for another connection's transaction before failing with ErrBusy
// (DefaultBusyTimeout, 5 s, when not given; negative: no limit).
//
// A private database ("" or "mem:") is shared by every connection of its
// *sql.DB and dropped when the *sql.DB is closed. A shared database is
// created by the first sql.Open of its name and kept while any *sql.DB
// opened with that name is open (like SQLite's file::memory:?cache=shared):
// closing the last one drops it, and the next sql.Open of the name starts
// afresh. Options apply when the database is created; opening an existing
// shared database with other options is an ErrBadDSN error.
//
// The option northwind=SCALE loads the Northwind fixture (package
// fixtures/northwind) at that scale, as LoadNorthwind does: northwind=1
// gives the classic row counts, about 3,300 rows, in some milliseconds.
//
// To use a DB opened with Open through database/sql, use
// sql.OpenDB(NewConnector(db)); to reach the DB behind a *sql.DB, use
// sql.Conn.Raw with a *DriverConn.
//
// Placeholders are ?, ?N, $N, :name, @name and $name; sql.Named binds
// the named ones, whatever their prefix. Begin and BeginTx start a transaction (see
// Tx), as do BEGIN, COMMIT and ROLLBACK run on one connection; the
// isolation level may be the default or serializable. Each statement is
// atomic as described in the package documentation.
type Driver struct{}

var (
	_ driver.Driver        = Driver{}
	_ driver.DriverContext = Driver{}
)

// Open opens one connection to the database dsn names, for callers that
// use the driver without database/sql (which calls OpenConnector instead).
// With "" the connection has a new database of its own, dropped by its
// Close.
func (d Driver) Open(dsn string) (driver.Conn, error) {
	c, err := d.OpenConnector(dsn)
	if err != nil {
		return nil, err
	}
	conn, err := c.Connect(context.Background())
	if err != nil {
		c.(*connector).Close()
		return nil, err
	}
	dc := conn.(*DriverConn)
	dc.release = c.(*connector).Close
	return dc, nil
}

// OpenConnector parses dsn and opens or finds its database; sql.Open
// calls it once per *sql.DB, so that all its connections share one DB.
func (Driver) OpenConnector(dsn string) (driver.Connector, error) {
	cfg, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	if cfg.name == "" {
		db, err := cfg.open()
		if err != nil {
			return nil, err
		}
		return &connector{db: db, release: db.Close}, nil
	}
	db, err := sharedDBs.acquire(cfg)
	if err != nil {
		return nil, err
	}
	return &connector{db: db, release: func() error { return sharedDBs.release(cfg.name) }}, nil
}

// NewConnector returns a connector to an open DB, so that database/sql
// and the native API work on the same tables:
//
//	sqldb := sql.OpenDB(etsql.NewConnector(db))
//
// Closing the *sql.DB leaves db open.
func NewConnector(db *DB) driver.Connector { return &connector{db: db} }

// connector is the driver.Connector of one *sql.DB.
type connector struct {
	db      *DB
	release func() error // drops or releases db; nil if the caller owns it

	once sync.Once
	err  error
}

var _ driver.Connector = (*connector)(nil)

// Connect returns a connection to the connector's database.
func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if _, err := c.db.currentVersion(); err != nil {
		return nil, err
	}
	return &DriverConn{db: c.db}, nil
}

// Driver returns Driver{}.
func (c *connector) Driver() driver.Driver { return Driver{} }

// Close is called by sql.DB.Close: it drops a private database and
// releases a shared one.
func (c *connector) Close() error {
	c.once.Do(func() {
		if c.release != nil {
			c.err = c.release()
		}
	})
	return c.err
}

// dsnConfig is a parsed data source name.
type dsnConfig struct {
	name      string        // "" for a private database
	northwind int           // scale of the Northwind fixture to load, 0 for none
	busy      time.Duration // busy_timeout, when busySet
	busySet   bool
}

// parseDSN reads "", "mem:", "mem:NAME", each optionally followed by
// "?option=value&...".
func parseDSN(dsn string) (dsnConfig, error) {
	var cfg dsnConfig
	rest, query, _ := strings.Cut(dsn, "?")
	switch {
	case rest == "":
	case strings.HasPrefix(rest, "mem:"):
		cfg.name = rest[len("mem:"):]
	default:
		return cfg, fmt.Errorf("%w %q: want \"\", \"mem:NAME\" or options after ?", ErrBadDSN, dsn)
	}
	opts, err := url.ParseQuery(query)
	if err != nil {
		return cfg, fmt.Errorf("%w %q: %w", ErrBadDSN, dsn, err)
	}
	for k, vs := range opts {
		v := vs[len(vs)-1]
		switch k {
		case "northwind":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > northwind.MaxScale {
				return cfg, fmt.Errorf("%w %q: northwind takes a scale from 0 to %d, not %q", ErrBadDSN, dsn, northwind.MaxScale, v)
			}
			cfg.northwind = n
		case "busy_timeout", "_busy_timeout":
			ms, err := strconv.Atoi(v)
			if err != nil {
				return cfg, fmt.Errorf("%w %q: busy_timeout takes milliseconds (negative: no limit), not %q", ErrBadDSN, dsn, v)
			}
			cfg.busy, cfg.busySet = time.Duration(ms)*time.Millisecond, true
		default:
			return cfg, fmt.Errorf("%w %q: unknown option %q", ErrBadDSN, dsn, k)
		}
	}
	return cfg, nil
}

// open creates the database cfg describes.
func (cfg dsnConfig) open() (*DB, error) {
	var opts []Option
	if cfg.busySet {
		opts = append(opts, WithBusyTimeout(cfg.busy))
	}
	db, err := Open(opts...)
	if err != nil {
		return nil, err
	}
	if cfg.northwind > 0 {
		if err := db.LoadNorthwind(cfg.northwind); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

// sharedDBs holds the databases named by "mem:NAME" data source names.
var sharedDBs = &sharedRegistry{dbs: map[string]*sharedDB{}}

type sharedRegistry struct {
	mu  sync.Mutex
	dbs map[string]*sharedDB
}

// sharedDB is one named database and the number of connectors holding it.
type sharedDB struct {
	db   *DB
	cfg  dsnConfig
	refs int
}

// acquire returns the database cfg names, creating it if no connector
// holds it.
func (r *sharedRegistry) acquire(cfg dsnConfig) (*DB, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s, ok := r.dbs[cfg.name]; ok {
		if s.cfg != cfg {
			return nil, fmt.Errorf("%w: mem:%s is open with other options (northwind=%d)", ErrBadDSN, cfg.name, s.cfg.northwind)
		}
		s.refs++
		return s.db, nil
	}
	db, err := cfg.open()
	if err != nil {
		return nil, err
	}
	r.dbs[cfg.name] = &sharedDB{db: db, cfg: cfg, refs: 1}
	return db, nil
}

// release drops one hold on a named database, closing it with the last.
func (r *sharedRegistry) release(name string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.dbs[name]
	if !ok {
		return nil
	}
	if s.refs--; s.refs > 0 {
		return nil
	}
	delete(r.dbs, name)
	return s.db.Close()
}
