package planner

import (
	"math"

	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// mathScalarFuncs are SQLite's math functions (SQLITE_ENABLE_MATH_FUNCTIONS,
// on in the sqlite3 shell): arguments that are not numbers, nor text
// holding one, give NULL, and so does a NaN result.
func mathScalarFuncs() map[string]scalarFunc {
	funcs := map[string]scalarFunc{
		"ceil":    {min: 1, max: 1, sameType: true, fn: roundingFunc(math.Ceil)},
		"ceiling": {min: 1, max: 1, sameType: true, fn: roundingFunc(math.Ceil)},
		"floor":   {min: 1, max: 1, sameType: true, fn: roundingFunc(math.Floor)},
		"trunc":   {min: 1, max: 1, sameType: true, fn: roundingFunc(math.Trunc)},
		"log":     {min: 1, max: 2, typ: schema.Float, fn: logFunc(math.Log10)},
		"ln":      {min: 1, max: 1, typ: schema.Float, fn: logFunc(math.Log)},
		"log10":   {min: 1, max: 1, typ: schema.Float, fn: logFunc(math.Log10)},
		"log2":    {min: 1, max: 1, typ: schema.Float, fn: logFunc(math.Log2)},
		"pow":     {min: 2, max: 2, typ: schema.Float, fn: math2(math.Pow)},
		"power":   {min: 2, max: 2, typ: schema.Float, fn: math2(math.Pow)},
		"mod":     {min: 2, max: 2, typ: schema.Float, fn: math2(math.Mod)},
		"atan2":   {min: 2, max: 2, typ: schema.Float, fn: math2(math.Atan2)},
		"pi":      {min: 0, max: 0, typ: schema.Float, fn: func([]term.Term) term.Term { return term.Float(math.Pi) }},
	}
	for name, f := range map[string]func(float64) float64{
		"exp": math.Exp, "sqrt": math.Sqrt, "acos": math.Acos, "asin": math.Asin, "atan": math.Atan,
		"acosh": math.Acosh, "asinh": math.Asinh, "atanh": math.Atanh, "cos": math.Cos, "sin": math.Sin,
		"tan": math.Tan, "cosh": math.Cosh, "sinh": math.Sinh, "tanh": math.Tanh,
		"radians": func(x float64) float64 { return x * (math.Pi / 180) },
		"degrees": func(x float64) float64 { return x * (180 / math.Pi) },
	} {
		funcs[name] = scalarFunc{min: 1, max: 1, typ: schema.Float, fn: math1(f)}
	}
	return funcs
}

// floatResult is f as SQLite returns a double: NaN is NULL.
func floatResult(f float64) term.Term {
	if math.IsNaN(f) {
		return null
	}
	return term.Float(f)
}

// roundingFunc is ceil, floor or trunc: an INTEGER stays one, a REAL is
// rounded and stays REAL.
func roundingFunc(f func(float64) float64) func([]term.Term) term.Term {
	return func(a []term.Term) term.Term {
		n, ok := numericValue(a[0])
		switch {
		case !ok:
			return null
		case n.IsInteger():
			return term.Int(valueInt64(n))
		}
		return floatResult(f(toFloat(n)))
	}
}

func math1(f func(float64) float64) func([]term.Term) term.Term {
	return func(a []term.Term) term.Term {
		n, ok := numericValue(a[0])
		if !ok {
			return null
		}
		return floatResult(f(toFloat(n)))
	}
}

func math2(f func(float64, float64) float64) func([]term.Term) term.Term {
	return func(a []term.Term) term.Term {
		x, ok1 := numericValue(a[0])
		y, ok2 := numericValue(a[1])
		if !ok1 || !ok2 {
			return null
		}
		return floatResult(f(toFloat(x), toFloat(y)))
	}
}

// logFunc is log(x) with the given base function, or log(b, x), the
// logarithm of x in base b: NULL unless x > 0 and b > 1.
func logFunc(one func(float64) float64) func([]term.Term) term.Term {
	return func(a []term.Term) term.Term {
		n, ok := numericValue(a[0])
		if !ok {
			return null
		}
		x := toFloat(n)
		if x <= 0 {
			return null
		}
		if len(a) == 1 {
			return floatResult(one(x))
		}
		b := math.Log(x)
		if b <= 0 {
			return null
		}
		m, ok := numericValue(a[1])
		if !ok {
			return null
		}
		if x = toFloat(m); x <= 0 {
			return null
		}
		return floatResult(math.Log(x) / b)
	}
}
