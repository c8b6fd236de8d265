package etsql

import "testing"

// After a schema change a Stmt plans again once, then keeps the new plan.
func TestStmt_plan_keepsReplan(t *testing.T) {
	db, _ := Open()
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE t (a INT PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	st, err := db.Prepare("SELECT * FROM t WHERE a = ?")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE u (a INT PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	first, err := st.plan()
	if err != nil {
		t.Fatal(err)
	}
	second, err := st.plan()
	if err != nil {
		t.Fatal(err)
	}
	if first != second {
		t.Error("the Stmt planned again with no schema change since its last plan")
	}
}
