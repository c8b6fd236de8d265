package parser

// Visitor's Visit is called for each node Walk meets. If it returns a
// non-nil w, Walk visits the node's children with w, then calls
// w.Visit(nil). Model: go/ast.Visitor.
type Visitor interface {
	Visit(node Node) (w Visitor)
}

// Walk traverses the tree rooted at node depth-first, children in the
// order they appear in the text.
func Walk(v Visitor, node Node) {
	if v = v.Visit(node); v == nil {
		return
	}
	for _, c := range Children(node) {
		Walk(v, c)
	}
	v.Visit(nil)
}

type inspector func(Node) bool

func (f inspector) Visit(node Node) Visitor {
	if node != nil && f(node) {
		return f
	}
	return nil
}

// Inspect calls f for each node of the tree rooted at node, in text
// order; it skips a node's children when f returns false.
func Inspect(node Node, f func(Node) bool) {
	Walk(inspector(f), node)
}

// Children returns node's direct children in text order (absent optional
// parts are left out).
func Children(node Node) []Node {
	var c children
	switch n := node.(type) {
	case *SelectStmt:
		c.add(n.Core)
		for _, s := range n.Compound {
			c.add(s)
		}
		for _, o := range n.OrderBy {
			c.add(o)
		}
		c.add(n.Limit)
	case *SelectCore:
		for _, col := range n.Columns {
			c.add(col)
		}
		c.add(n.From)
		c.add(n.Where)
		c.exprs(n.GroupBy)
		c.add(n.Having)
	case *CompoundSelect:
		c.add(n.Select)
	case *ExprColumn:
		c.add(n.Expr)
	case *FromClause:
		c.add(n.Table)
		for _, j := range n.Joins {
			c.add(j)
		}
	case *Join:
		c.add(n.Table)
		c.add(n.On)
	case *SubquerySource:
		c.add(n.Select)
	case *OrderingTerm:
		c.add(n.Expr)
	case *Limit:
		// LIMIT m, n holds the offset first in the text.
		if n.Offset != nil && n.Offset.Position().Offset < n.Count.Position().Offset {
			c.add(n.Offset)
			c.add(n.Count)
		} else {
			c.add(n.Count)
			c.add(n.Offset)
		}
	case *InsertStmt:
		c.add(n.Source)
		for _, u := range n.Upsert {
			c.add(u)
		}
		for _, r := range n.Returning {
			c.add(r)
		}
	case *UpsertClause:
		for _, col := range n.Target {
			c.add(col)
		}
		c.add(n.TargetWhere)
		for _, a := range n.Set {
			c.add(a)
		}
		c.add(n.Where)
	case *Values:
		for _, r := range n.Rows {
			c.add(r)
		}
	case *ValuesRow:
		c.exprs(n.Exprs)
	case *UpdateStmt:
		for _, a := range n.Set {
			c.add(a)
		}
		c.add(n.Where)
		for _, r := range n.Returning {
			c.add(r)
		}
	case *Assignment:
		c.add(n.Value)
	case *DeleteStmt:
		c.add(n.Where)
		for _, r := range n.Returning {
			c.add(r)
		}
	case *CreateTableStmt:
		for _, e := range n.Elements {
			c.add(e)
		}
		c.add(n.AsSelect)
		for _, o := range n.Options {
			c.add(o)
		}
	case *AlterTableStmt:
		c.add(n.Action)
	case *AddColumn:
		c.add(n.Column)
	case *CreateViewStmt:
		c.add(n.Select)
	case *CreateTriggerStmt:
		c.add(n.When)
		for _, b := range n.Body {
			c.add(b)
		}
	case *CreateIndexStmt:
		for _, col := range n.Columns {
			c.add(col)
		}
	case *ColumnDef:
		c.add(n.Type)
		for _, k := range n.Constraints {
			c.add(k)
		}
	case *ColumnConstraint:
		c.add(n.Default)
	case *ExplainStmt:
		for _, o := range n.Options {
			c.add(o)
		}
		c.add(n.Stmt)
	default:
		exprChildren(&c, node)
	}
	return c.nodes
}

// exprChildren lists the children of expression nodes.
func exprChildren(c *children, node Node) {
	switch n := node.(type) {
	case *UnaryExpr:
		c.add(n.X)
	case *BinaryExpr:
		c.add(n.L)
		c.add(n.R)
	case *InListExpr:
		c.add(n.X)
		c.exprs(n.List)
	case *InSubqueryExpr:
		c.add(n.X)
		c.add(n.Select)
	case *SubqueryExpr:
		c.add(n.Select)
	case *ExistsExpr:
		c.add(n.Select)
	case *BetweenExpr:
		c.add(n.X)
		c.add(n.Lo)
		c.add(n.Hi)
	case *LikeExpr:
		c.add(n.X)
		c.add(n.Pattern)
		c.add(n.Escape)
	case *IsNullExpr:
		c.add(n.X)
	case *IsBoolExpr:
		c.add(n.X)
	case *CaseExpr:
		c.add(n.Operand)
		for _, w := range n.Whens {
			c.add(w)
		}
		c.add(n.Else)
	case *When:
		c.add(n.Cond)
		c.add(n.Result)
	case *CastExpr:
		c.add(n.X)
		c.add(n.Type)
	case *RowExpr:
		c.exprs(n.Elems)
	case *FuncCall:
		c.exprs(n.Args)
		c.add(n.Filter)
		if n.Over != nil {
			c.add(n.Over)
		}
	case *WindowSpec:
		c.exprs(n.PartitionBy)
		for _, o := range n.OrderBy {
			c.add(o)
		}
		if n.Frame != nil {
			c.add(n.Frame.Start.Offset)
			c.add(n.Frame.End.Offset)
		}
	}
}

// children collects non-nil nodes (typed nil pointers included in "nil").
type children struct{ nodes []Node }

func (c *children) add(n Node) {
	if n == nil || isNilPointer(n) {
		return
	}
	c.nodes = append(c.nodes, n)
}

func (c *children) exprs(es []Expr) {
	for _, e := range es {
		c.add(e)
	}
}

// isNilPointer reports whether n is a typed nil (e.g. a nil *Limit).
func isNilPointer(n Node) bool {
	switch v := n.(type) {
	case *SelectCore:
		return v == nil
	case *FromClause:
		return v == nil
	case *Limit:
		return v == nil
	case *TypeName:
		return v == nil
	case *SelectStmt:
		return v == nil
	}
	return false
}
