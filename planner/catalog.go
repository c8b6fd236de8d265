package planner

import (
	"context"
	"sync"

	"github.com/etsql/etsql/engine"
	"github.com/etsql/etsql/schema"
)

// Table is a catalog entry: a declared table and the ETS table holding its
// rows.
type Table struct {
	Schema *schema.Table
	ETS    *engine.Table

	// keys serializes the inserts into a table with an integer key (see
	// schema.Table.IntegerKey), so that two never assign the same key.
	keys sync.Mutex
}

// Catalog is what the planner needs of a database: its tables by name
// (case-insensitive) and, for CREATE and DROP TABLE, a way to change them.
type Catalog interface {
	Table(name string) (*Table, bool)
	CreateTable(def *schema.Table, ifNotExists bool) error
	DropTable(name string, ifExists bool) error
}

// Runtime is what a statement execution runs with: the context checked
// for cancellation during scans, and the process the ETS calls are made
// as.
type Runtime struct {
	Ctx  context.Context
	Proc *engine.Process
}
