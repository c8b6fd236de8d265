//go:build !race

// The race detector makes sync.Pool drop what it holds at random, so the
// pooled Rows of QueryRow allocate under -race: built without it only.

package etsql_test

import (
	"testing"

	"github.com/etsql/etsql"
)

// Scan keeps no pointer of its destinations: local variables scanned
// into stay on the stack, and a prepared key lookup read into them
// allocates nothing.
func TestRow_Scan_localDestinationsAllocateNothing(t *testing.T) {
	db, err := etsql.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE t (id INT PRIMARY KEY, name TEXT, price FLOAT)"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO t VALUES (1000, 'a', 2.5), (1001, 'b', 3.5)"); err != nil {
		t.Fatal(err)
	}
	st, err := db.Prepare("SELECT id, name, price FROM t WHERE id = ?")
	if err != nil {
		t.Fatal(err)
	}
	key := int64(1000)
	allocs := testing.AllocsPerRun(100, func() {
		var id int64
		var name string
		var price float64
		if err := st.QueryRow(key).Scan(&id, &name, &price); err != nil {
			t.Fatal(err)
		}
		if id != key {
			t.Fatalf("id = %d, want %d", id, key)
		}
		key = 2001 - key
	})
	if allocs != 0 {
		t.Errorf("QueryRow(key).Scan(&id, &name, &price) into local variables allocates %v times, want 0", allocs)
	}
}
