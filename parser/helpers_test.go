package parser

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// sexpr dumps an expression tree compactly, e.g. (+ 1 (* 2 3)), so tests
// can assert its shape.
func sexpr(e Expr) string {
	switch e := e.(type) {
	case nil:
		return "<nil>"
	case *IntegerLit:
		return e.Text
	case *FloatLit:
		return e.Text
	case *StringLit:
		return QuoteString(e.Value)
	case *BoolLit:
		return boolWord(e.Value)
	case *NullLit:
		return "NULL"
	case *TypedLit:
		return e.Type + QuoteString(e.Value)
	case *ColumnRef:
		if e.Table != "" {
			return string(e.Table) + "." + string(e.Column)
		}
		return string(e.Column)
	case *Placeholder:
		return fmt.Sprintf("%s#%d", e.Text, e.Index)
	case *UnaryExpr:
		return "(" + e.Op.String() + " " + sexpr(e.X) + ")"
	case *BinaryExpr:
		return "(" + e.Op.String() + " " + sexpr(e.L) + " " + sexpr(e.R) + ")"
	case *InListExpr:
		return "(" + strings.TrimSpace(not(e.Not)+" IN") + " " + sexpr(e.X) + sexprs(e.List) + ")"
	case *InSubqueryExpr:
		return "(" + strings.TrimSpace(not(e.Not)+" IN") + " " + sexpr(e.X) + " <" + Format(e.Select) + ">)"
	case *SubqueryExpr:
		return "<" + Format(e.Select) + ">"
	case *ExistsExpr:
		return "(EXISTS <" + Format(e.Select) + ">)"
	case *BetweenExpr:
		return "(" + strings.TrimSpace(not(e.Not)+" BETWEEN") + " " + sexpr(e.X) + " " + sexpr(e.Lo) + " " + sexpr(e.Hi) + ")"
	case *LikeExpr:
		op := " LIKE"
		if e.Glob {
			op = " GLOB"
		}
		s := "(" + strings.TrimSpace(not(e.Not)+op) + " " + sexpr(e.X) + " " + sexpr(e.Pattern)
		if e.Escape != nil {
			s += " " + sexpr(e.Escape)
		}
		return s + ")"
	case *IsNullExpr:
		return "(IS" + not(e.Not) + " NULL " + sexpr(e.X) + ")"
	case *IsBoolExpr:
		return "(IS" + not(e.Not) + " " + boolWord(e.Value) + " " + sexpr(e.X) + ")"
	case *CaseExpr:
		s := "(CASE"
		if e.Operand != nil {
			s += " " + sexpr(e.Operand)
		}
		for _, w := range e.Whens {
			s += " (WHEN " + sexpr(w.Cond) + " " + sexpr(w.Result) + ")"
		}
		if e.Else != nil {
			s += " (ELSE " + sexpr(e.Else) + ")"
		}
		return s + ")"
	case *CastExpr:
		return "(CAST " + sexpr(e.X) + " " + Format(e.Type) + ")"
	case *FuncCall:
		s := "(" + string(e.Name)
		if e.Star {
			s += " *"
		}
		if e.Distinct {
			s += " DISTINCT"
		}
		return s + sexprs(e.Args) + ")"
	}
	return fmt.Sprintf("<%T>", e)
}

func sexprs(es []Expr) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(" " + sexpr(e))
	}
	return b.String()
}

var positionType = reflect.TypeOf(lexer.Position{})

// sameTree reports whether a and b are equal trees, positions aside.
func sameTree(a, b any) bool {
	return sameValue(reflect.ValueOf(a), reflect.ValueOf(b))
}

func sameValue(a, b reflect.Value) bool {
	if a.IsValid() != b.IsValid() {
		return false
	}
	if !a.IsValid() {
		return true
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameValue(a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if a.Field(i).Type() == positionType {
				continue
			}
			if !sameValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	return a.Interface() == b.Interface()
}

// firstExpr parses "SELECT <src>" and returns the first column's expression.
func firstExpr(src string) (Expr, error) {
	st, err := Parse("SELECT " + src)
	if err != nil {
		return nil, err
	}
	return st.(*SelectStmt).Core.Columns[0].(*ExprColumn).Expr, nil
}
