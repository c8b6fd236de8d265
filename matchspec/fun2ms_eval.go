package matchspec

import (
	"strconv"

	"github.com/etsql/etsql/term"
)

// What ms_transform knows of functions and operators (OTP 25), and the
// constant folding it borrows from erl_eval:partial_eval/1.

// realGuardFunctions are the guard BIFs allowed in match specifications,
// by name/arity; getTCW is the pseudo guard function.
var realGuardFunctions = map[string]bool{
	"abs/1": true, "element/2": true, "hd/1": true, "length/1": true,
	"node/0": true, "node/1": true, "round/1": true, "size/1": true,
	"bit_size/1": true, "byte_size/1": true, "map_size/1": true,
	"map_get/2": true, "binary_part/2": true, "binary_part/3": true,
	"tl/1": true, "trunc/1": true, "self/0": true, "float/1": true,
}

var boolTests = map[string]bool{
	"is_atom/1": true, "is_float/1": true, "is_integer/1": true,
	"is_list/1": true, "is_number/1": true, "is_pid/1": true,
	"is_port/1": true, "is_reference/1": true, "is_tuple/1": true,
	"is_map/1": true, "is_map_key/2": true, "is_binary/1": true,
	"is_function/1": true, "is_record/2": true, "is_seq_trace/0": true,
}

var actionFunctions = map[string]bool{
	"set_seq_token/2": true, "get_seq_token/0": true, "message/1": true,
	"return_trace/0": true, "exception_trace/0": true, "process_dump/0": true,
	"enable_trace/1": true, "enable_trace/2": true, "disable_trace/1": true,
	"disable_trace/2": true, "display/1": true, "caller/0": true,
	"set_tcw/1": true, "silent/1": true, "trace/2": true, "trace/3": true,
}

var operators = map[string]bool{
	"and/2": true, "or/2": true, "xor/2": true, "not/1": true,
	"andalso/2": true, "orelse/2": true,
	"+/1": true, "+/2": true, "-/1": true, "-/2": true, "*/2": true,
	"//2": true, "div/2": true, "rem/2": true, "band/2": true, "bor/2": true,
	"bxor/2": true, "bnot/1": true, "bsl/2": true, "bsr/2": true,
	">/2": true, ">=/2": true, "</2": true, "=</2": true, "==/2": true,
	"=:=/2": true, "/=/2": true, "=/=/2": true,
}

func nameArity(name string, arity int) string {
	return name + "/" + strconv.Itoa(arity)
}

func isOperator(name string, arity int) bool { return operators[nameArity(name, arity)] }

// importedFromErlang: the erlang:F/A ms_transform translates.
func importedFromErlang(name string, arity int) bool {
	na := nameArity(name, arity)
	return realGuardFunctions[na] || boolTests[na] || operators[na]
}

// msFunction: the local calls allowed in a guard, or a body.
func msFunction(name string, arity int, body bool) bool {
	na := nameArity(name, arity)
	return realGuardFunctions[na] || na == "get_tcw/0" || boolTests[na] || body && actionFunctions[na]
}

// constValue computes an expression of constants as erl_eval's ev_expr
// does: operators applied to integers, characters, floats, atoms, tuples
// and lists of them (not strings or binaries). false when it is not such
// an expression or the operation raises an exception.
func constValue(n funNode, depth int) (term.Term, bool) {
	if depth > term.MaxDepth {
		return term.Term{}, false
	}
	switch n := n.(type) {
	case *litNode:
		if n.isString || !(n.val.IsNumber() || n.val.IsAtom()) {
			return term.Term{}, false
		}
		return n.val, true
	case *nilNode:
		return term.Nil, true
	case *consNode:
		var elems []term.Term
		var rest funNode = n
		for {
			c, ok := rest.(*consNode)
			if !ok {
				break
			}
			h, ok := constValue(c.head, depth+1)
			if !ok {
				return term.Term{}, false
			}
			elems = append(elems, h)
			rest = c.tail
		}
		tail, ok := constValue(rest, depth+1)
		if !ok {
			return term.Term{}, false
		}
		return term.ImproperList(elems, tail), true
	case *tupleNode:
		elems := make([]term.Term, len(n.elems))
		for i, e := range n.elems {
			v, ok := constValue(e, depth+1)
			if !ok {
				return term.Term{}, false
			}
			elems[i] = v
		}
		return term.Tuple(elems...), true
	case *opNode:
		a, ok := constValue(n.left, depth+1)
		if !ok {
			return term.Term{}, false
		}
		if n.right == nil {
			return unaryOp(n.op, a)
		}
		b, ok := constValue(n.right, depth+1)
		if !ok {
			return term.Term{}, false
		}
		return binaryOp(n.op, a, b)
	}
	return term.Term{}, false
}

func unaryOp(op string, a term.Term) (term.Term, bool) {
	switch op {
	case "+":
		return arithPlus(a)
	case "-":
		return arithNeg(a)
	case "bnot":
		return arithBnot(a)
	case "not":
		if !a.IsBoolean() {
			return term.Term{}, false
		}
		return term.Bool(!a.IsAtomNamed("true")), true
	}
	return term.Term{}, false
}

// binaryOp applies erlang:Op(A, B); false where it raises an exception or
// is not a function (andalso, orelse) or has effects (!).
func binaryOp(op string, a, b term.Term) (term.Term, bool) {
	switch op {
	case "+":
		return arithAdd(a, b)
	case "-":
		return arithSub(a, b)
	case "*":
		return arithMul(a, b)
	case "/":
		return arithDivide(a, b)
	case "div":
		return arithIntDiv(a, b)
	case "rem":
		return arithRem(a, b)
	case "band":
		return arithBand(a, b)
	case "bor":
		return arithBor(a, b)
	case "bxor":
		return arithBxor(a, b)
	case "bsl":
		return arithShift(a, b, true)
	case "bsr":
		return arithShift(a, b, false)
	case "==":
		return term.Bool(term.Equal(a, b)), true
	case "/=":
		return term.Bool(!term.Equal(a, b)), true
	case "=:=":
		return term.Bool(term.ExactEqual(a, b)), true
	case "=/=":
		return term.Bool(!term.ExactEqual(a, b)), true
	case "<":
		return term.Bool(term.Compare(a, b) < 0), true
	case "=<":
		return term.Bool(term.Compare(a, b) <= 0), true
	case ">":
		return term.Bool(term.Compare(a, b) > 0), true
	case ">=":
		return term.Bool(term.Compare(a, b) >= 0), true
	case "and", "or", "xor":
		if !a.IsBoolean() || !b.IsBoolean() {
			return term.Term{}, false
		}
		x, y := a.IsAtomNamed("true"), b.IsAtomNamed("true")
		switch op {
		case "and":
			return term.Bool(x && y), true
		case "or":
			return term.Bool(x || y), true
		}
		return term.Bool(x != y), true
	case "++":
		return appendLists(a, b) // [1] ++ 2 is [1|2]
	case "--":
		return subtractLists(a, b)
	}
	return term.Term{}, false
}

// subtractLists returns a -- b: a without the first occurrence (=:=) of
// each element of b; false unless both are proper lists.
func subtractLists(a, b term.Term) (term.Term, bool) {
	if !a.IsProperList() || !b.IsProperList() {
		return term.Term{}, false
	}
	as, _ := a.ListParts()
	bs, _ := b.ListParts()
	out := append([]term.Term(nil), as...)
	for _, x := range bs {
		for i, y := range out {
			if term.ExactEqual(x, y) {
				out = append(out[:i], out[i+1:]...)
				break
			}
		}
	}
	return term.List(out...), true
}
