package tests

import (
	"database/sql"
	"testing"

	"github.com/etsql/etsql"
)

// openPair opens an empty etsql database and an in-memory SQLite database
// (one connection, so it stays one database) for a differential test.
func openPair(t *testing.T) (*etsql.DB, *sql.DB) {
	t.Helper()
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	lite, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lite.Close() })
	lite.SetMaxOpenConns(1)
	return db, lite
}
