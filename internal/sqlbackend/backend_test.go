package sqlbackend

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/etsql/etsql/fixtures/northwind"
	"github.com/etsql/etsql/internal/shell"
	"github.com/etsql/etsql/term"
)

func mustOpen(t *testing.T) *Backend {
	t.Helper()
	b, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCreateStatement_roundTrip declares the Northwind tables, prints
// their CREATE TABLE statements and runs those in a fresh database: the
// tables (their triggers too) must come out the same.
func TestCreateStatement_roundTrip(t *testing.T) {
	ctx := context.Background()
	a := mustOpen(t)
	if _, err := a.Exec(ctx, northwind.Schema()); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Exec(ctx, "CREATE TABLE d (a INT DEFAULT 7, b TEXT DEFAULT 'x''y', c DATE DEFAULT DATE '2024-01-02') WITH (type = bag)"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Exec(ctx, "CREATE TABLE e (a, b ANY PRIMARY KEY, c FOO DEFAULT 1);\nCREATE TRIGGER e_t AFTER INSERT ON e BEGIN\n  UPDATE e SET a = 1 WHERE b = NEW.b;\nEND"); err != nil {
		t.Fatal(err)
	}
	b := mustOpen(t)
	for _, tb := range a.Tables() {
		if _, err := b.Exec(ctx, tb.Create); err != nil {
			t.Fatalf("%s: %v", tb.Create, err)
		}
	}
	if got, want := b.Tables(), a.Tables(); !reflect.DeepEqual(got, want) {
		t.Errorf("tables differ after the round trip:\n%+v\n%+v", got, want)
	}
	for _, tb := range a.Tables() {
		x, _ := a.DB().Table(tb.Name)
		y, _ := b.DB().Table(tb.Name)
		if x.Options() != y.Options() || !reflect.DeepEqual(x.PrimaryKey(), y.PrimaryKey()) {
			t.Errorf("%s: options or key differ", tb.Name)
		}
		for i, cx := range x.Columns() {
			cy := y.Columns()[i]
			if cx.Name != cy.Name || cx.Type != cy.Type || cx.NotNull != cy.NotNull || cx.Default.IsValid() != cy.Default.IsValid() ||
				cx.Default.IsValid() && !term.ExactEqual(cx.Default, cy.Default) {
				t.Errorf("%s: column %+v became %+v", tb.Name, cx, cy)
			}
		}
	}
}

func TestBackend_Query_positionedError(t *testing.T) {
	b := mustOpen(t)
	ctx := context.Background()
	if _, err := b.Exec(ctx, "CREATE TABLE t (a INT PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	_, err := b.Query(ctx, "SELECT a,\n  nope FROM t")
	pe, ok := err.(*shell.PosError)
	if !ok || pe.Line != 2 || pe.Col != 3 || !strings.Contains(pe.Msg, "nope") {
		t.Errorf("error %#v, want a PosError at 2:3", err)
	}
}

// TestBackend_Exec_transaction: BEGIN and ROLLBACK typed as separate
// statements, as at the prompt, make one transaction.
func TestBackend_Exec_transaction(t *testing.T) {
	b := mustOpen(t)
	ctx := context.Background()
	for _, s := range []string{"CREATE TABLE t (a INT PRIMARY KEY)", "INSERT INTO t VALUES (1)", "BEGIN", "INSERT INTO t VALUES (2)", "ROLLBACK"} {
		if _, err := b.Exec(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	rows, err := b.Query(ctx, "SELECT COUNT(*) FROM t")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatal("no row")
	}
	if n, _ := rows.Values()[0].Int64(); n != 1 {
		t.Errorf("count = %d, want 1", n)
	}
}
