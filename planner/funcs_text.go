package planner

import (
	"crypto/rand"
	"encoding/binary"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/etsql/etsql/parser"
	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// textScalarFuncs are SQLite's text, number and blob functions beyond the
// core ones in funcs.go. BLOBs are binaries, as TEXT is: etsql does not
// tell them apart, so typeof(zeroblob(1)) is 'text' and hex(x) reads the
// bytes of x's text.
func textScalarFuncs() map[string]scalarFunc {
	return map[string]scalarFunc{
		"hex":          {min: 1, max: 1, typ: schema.Text, fn: hexFunc},
		"unhex":        {min: 1, max: 2, typ: schema.Blob, fn: unhexFunc},
		"quote":        {min: 1, max: 1, typ: schema.Text, fn: quoteFunc},
		"char":         {min: 0, max: -1, typ: schema.Text, fn: charFunc},
		"unicode":      {min: 1, max: 1, typ: schema.Int, fn: unicodeFunc},
		"sign":         {min: 1, max: 1, typ: schema.Int, fn: signFunc},
		"printf":       {min: 0, max: -1, typ: schema.Text, fn: printfFunc},
		"format":       {min: 0, max: -1, typ: schema.Text, fn: printfFunc},
		"zeroblob":     {min: 1, max: 1, typ: schema.Blob, fn: zeroblobFunc},
		"random":       {min: 0, max: 0, typ: schema.Int, fn: randomFunc},
		"randomblob":   {min: 1, max: 1, typ: schema.Blob, fn: randomblobFunc},
		"likely":       {min: 1, max: 1, sameType: true, fn: firstArg},
		"unlikely":     {min: 1, max: 1, sameType: true, fn: firstArg},
		"likelihood":   {min: 2, max: 2, fn: firstArg},
		"concat":       {min: 1, max: -1, typ: schema.Text, fn: concatFunc},
		"concat_ws":    {min: 2, max: -1, typ: schema.Text, fn: concatWSFunc},
		"octet_length": {min: 1, max: 1, typ: schema.Int, fn: octetLengthFunc},
		"like":         {min: 2, max: 3, typ: schema.Int, fn: likeFunc},
		"glob":         {min: 2, max: 2, typ: schema.Int, fn: globFunc},
	}
}

// valueInt64 is SQLite's sqlite3_value_int64: NULL is 0, a float is
// truncated and saturates, text is read as its integer prefix.
func valueInt64(v term.Term) int64 {
	switch {
	case isNull(v):
		return 0
	case v.IsInteger():
		if i, ok := v.Int64(); ok {
			return i
		}
		b, _ := v.Big()
		if b.Sign() < 0 {
			return math.MinInt64
		}
		return math.MaxInt64
	case v.IsFloat():
		f, _ := v.Float64()
		return floatToInt64(f)
	case v.IsBoolean():
		return map[bool]int64{true: 1}[v.IsTrue()]
	}
	s, _ := text(v)
	return integerPrefix(s)
}

// floatToInt64 truncates f toward zero, saturating at the int64 bounds as
// SQLite does (NaN is 0).
func floatToInt64(f float64) int64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f <= math.MinInt64:
		return math.MinInt64
	case f >= math.MaxInt64:
		return math.MaxInt64
	}
	return int64(f)
}

// integerPrefix reads the integer s starts with (after spaces and a
// sign), saturating, as sqlite3Atoi64: '12abc' is 12, '1e3' is 1.
func integerPrefix(s string) int64 {
	s = strings.TrimLeft(s, " \t\n\f\r\v")
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	var u uint64
	over := false
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		d := uint64(s[i] - '0')
		if u > (math.MaxUint64-d)/10 {
			over = true
			break
		}
		u = u*10 + d
	}
	switch {
	case neg && (over || u > 1<<63):
		return math.MinInt64
	case neg:
		return -int64(u)
	case over || u > math.MaxInt64:
		return math.MaxInt64
	}
	return int64(u)
}

// valueFloat is SQLite's sqlite3_value_double: NULL is 0.0, text is read
// as its numeric prefix.
func valueFloat(v term.Term) float64 {
	if isNull(v) {
		return 0
	}
	return toFloat(number(v))
}

// numericValue applies SQLite's numeric affinity as sign() and abs() see
// it: numbers stay, text that is wholly a number becomes it, other text
// is not a number (ok false).
func numericValue(v term.Term) (term.Term, bool) {
	switch {
	case isNull(v):
		return v, false
	case v.IsNumber():
		return v, true
	case v.IsBoolean():
		return number(v), true
	}
	s, _ := text(v)
	return exactNumber(s)
}

func firstArg(a []term.Term) term.Term { return a[0] }

func hexFunc(a []term.Term) term.Term {
	s, _ := text(a[0])
	return term.BinaryString(strings.ToUpper(hexString(s)))
}

func hexString(s string) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 2*len(s))
	for i := 0; i < len(s); i++ {
		out[2*i], out[2*i+1] = digits[s[i]>>4], digits[s[i]&15]
	}
	return string(out)
}

// unhexFunc decodes hex digits, skipping the characters of the optional
// second argument between pairs; anything else gives NULL.
func unhexFunc(a []term.Term) term.Term {
	s, ok := text(a[0])
	pass := ""
	if len(a) > 1 {
		var ok2 bool
		if pass, ok2 = text(a[1]); !ok2 {
			return null
		}
	}
	if !ok {
		return null
	}
	var out []byte
	for i := 0; i < len(s); {
		c := s[i]
		if !isHexDigit(c) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !strings.ContainsRune(pass, r) {
				return null
			}
			i += n
			continue
		}
		if i+1 >= len(s) || !isHexDigit(s[i+1]) {
			return null
		}
		out = append(out, hexValue(c)<<4|hexValue(s[i+1]))
		i += 2
	}
	return term.Binary(out)
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexValue(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// quoteFunc gives a value as an SQL literal: text quoted, numbers as
// they read back exactly, NULL as NULL.
func quoteFunc(a []term.Term) term.Term {
	v := a[0]
	switch {
	case isNull(v):
		return term.BinaryString("NULL")
	case v.IsFloat():
		f, _ := v.Float64()
		return term.BinaryString(sqlPrintf("%!0.17g", []term.Term{term.Float(f)}))
	case v.IsNumber(), v.IsBoolean():
		s, _ := text(v)
		return term.BinaryString(s)
	}
	s, _ := text(v)
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i] // SQLite's text ends at a NUL
	}
	return term.BinaryString("'" + strings.ReplaceAll(s, "'", "''") + "'")
}

// charFunc builds text from code points; those out of range become
// U+FFFD, NULL is U+0000.
func charFunc(a []term.Term) term.Term {
	var b strings.Builder
	for _, v := range a {
		x := valueInt64(v)
		if x < 0 || x > 0x10ffff {
			x = 0xfffd
		}
		b.WriteString(encodeRune(rune(x)))
	}
	return term.BinaryString(b.String())
}

// encodeRune encodes r as SQLite does, surrogates included (Go's utf8
// would write U+FFFD for them).
func encodeRune(r rune) string {
	switch {
	case r < 0x80:
		return string([]byte{byte(r)})
	case r < 0x800:
		return string([]byte{0xC0 | byte(r>>6), 0x80 | byte(r&0x3F)})
	case r < 0x10000:
		return string([]byte{0xE0 | byte(r>>12), 0x80 | byte(r>>6&0x3F), 0x80 | byte(r&0x3F)})
	}
	return string([]byte{0xF0 | byte(r>>18), 0x80 | byte(r>>12&0x3F), 0x80 | byte(r>>6&0x3F), 0x80 | byte(r&0x3F)})
}

func unicodeFunc(a []term.Term) term.Term {
	s, ok := text(a[0])
	if !ok || s == "" {
		return null
	}
	r, _ := utf8.DecodeRuneInString(s)
	return term.Int(int64(r))
}

func signFunc(a []term.Term) term.Term {
	n, ok := numericValue(a[0])
	if !ok {
		return null
	}
	switch f := toFloat(n); {
	case f < 0:
		return term.Int(-1)
	case f > 0:
		return term.Int(1)
	}
	if b, ok := n.Big(); ok && n.IsInteger() && b.Sign() != 0 {
		return term.Int(int64(b.Sign()))
	}
	return term.Int(0)
}

func printfFunc(a []term.Term) term.Term {
	if len(a) == 0 {
		return null
	}
	f, ok := text(a[0])
	if !ok {
		return null
	}
	return term.BinaryString(sqlPrintf(f, a[1:]))
}

// maxBlob caps zeroblob and randomblob (64 MiB); beyond it they give
// NULL where SQLite, whose cap is 1e9 bytes, reports "string or blob too
// big".
const maxBlob = 64 << 20

func zeroblobFunc(a []term.Term) term.Term {
	n := max(valueInt64(a[0]), 0)
	if n > maxBlob {
		return null
	}
	return term.Binary(make([]byte, n))
}

func randomFunc([]term.Term) term.Term {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return term.Int(int64(binary.LittleEndian.Uint64(b[:])))
}

func randomblobFunc(a []term.Term) term.Term {
	n := max(valueInt64(a[0]), 1)
	if n > maxBlob {
		return null
	}
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return term.Binary(b)
}

func concatFunc(a []term.Term) term.Term { return term.BinaryString(joinText(a, "")) }

func concatWSFunc(a []term.Term) term.Term {
	sep, ok := text(a[0])
	if !ok {
		return null
	}
	return term.BinaryString(joinText(a[1:], sep))
}

// joinText joins the texts of the non-NULL values with sep.
func joinText(a []term.Term, sep string) string {
	var b strings.Builder
	first := true
	for _, v := range a {
		s, ok := text(v)
		if !ok {
			continue
		}
		if !first {
			b.WriteString(sep)
		}
		b.WriteString(s)
		first = false
	}
	return b.String()
}

func octetLengthFunc(a []term.Term) term.Term {
	s, ok := text(a[0])
	if !ok {
		return null
	}
	return term.Int(int64(len(s)))
}

// likeFunc is like(pattern, s [, escape]): s LIKE pattern.
func likeFunc(a []term.Term) term.Term {
	p, ok1 := text(a[0])
	s, ok2 := text(a[1])
	esc := rune(-1)
	if len(a) > 2 {
		e, ok := text(a[2])
		if !ok {
			return null
		}
		r := []rune(e)
		if len(r) != 1 {
			return null
		}
		esc = r[0]
	}
	if !ok1 || !ok2 {
		return null
	}
	return boolTerm(like(p, s, esc))
}

// globFunc is glob(pattern, s): s GLOB pattern.
func globFunc(a []term.Term) term.Term {
	p, ok1 := text(a[0])
	s, ok2 := text(a[1])
	if !ok1 || !ok2 {
		return null
	}
	return boolTerm(glob(p, s))
}

// globOp compiles "x [NOT] GLOB pattern"; GLOB takes no ESCAPE.
func (p *planner) globOp(sc *scope, e *parser.LikeExpr, x, pat compiled) (compiled, error) {
	if e.Escape != nil {
		return compiled{}, errorf(ErrMisuse, e.Pos, "wrong number of arguments to function glob()")
	}
	not := e.Not
	return compiled{typ: schema.Int, eval: func(c *evalCtx, row []term.Term) (term.Term, error) {
		v, err := x.eval(c, row)
		if err != nil {
			return v, err
		}
		pv, err := pat.eval(c, row)
		if err != nil {
			return pv, err
		}
		r := globFunc([]term.Term{pv, v})
		if isNull(r) || !not {
			return r, nil
		}
		b, _ := truth(r)
		return boolTerm(!b), nil
	}}, nil
}

// glob reports whether s matches the GLOB pattern p: * any run, ? one
// character, [...] one of a set ([^...] none of it, a-z a range, ] first
// in the set stands for itself), everything else itself, case-sensitively.
func glob(p, s string) bool {
	return globRunes([]rune(p), []rune(s))
}

func globRunes(p, s []rune) bool {
	for len(p) > 0 {
		switch c := p[0]; c {
		case '*':
			for len(p) > 0 && (p[0] == '*' || p[0] == '?') {
				if p[0] == '?' {
					if len(s) == 0 {
						return false
					}
					s = s[1:]
				}
				p = p[1:]
			}
			if len(p) == 0 {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if globRunes(p, s[i:]) {
					return true
				}
			}
			return false
		case '?':
			if len(s) == 0 {
				return false
			}
			p, s = p[1:], s[1:]
		case '[':
			if len(s) == 0 {
				return false
			}
			rest, ok := matchSet(p[1:], s[0])
			if !ok {
				return false
			}
			p, s = rest, s[1:]
		default:
			if len(s) == 0 || s[0] != c {
				return false
			}
			p, s = p[1:], s[1:]
		}
	}
	return len(s) == 0
}

// matchSet matches ch against the set that p starts with (after "["),
// returning the pattern after the closing "]"; an unclosed set matches
// nothing.
func matchSet(p []rune, ch rune) ([]rune, bool) {
	invert := false
	if len(p) > 0 && p[0] == '^' {
		invert, p = true, p[1:]
	}
	seen := false
	if len(p) > 0 && p[0] == ']' {
		seen = ch == ']'
		p = p[1:]
	}
	prev := rune(0)
	for len(p) > 0 && p[0] != ']' {
		c := p[0]
		if c == '-' && prev != 0 && len(p) > 1 && p[1] != ']' {
			if ch >= prev && ch <= p[1] {
				seen = true
			}
			prev, p = 0, p[2:]
			continue
		}
		if c == ch {
			seen = true
		}
		prev, p = c, p[1:]
	}
	if len(p) == 0 {
		return nil, false
	}
	return p[1:], seen != invert
}

// ---- round, as SQLite 3.40

// roundFunc is round(x [, n]) as SQLite 3.40 computes it: numbers beyond
// 2^52 are whole already; with n = 0, x ± 0.5 truncated; else the text of
// printf('%.nf', x), which adds half a unit of the last place (and a
// relative 3e-16, so that 1.005 rounds to 1.01) in 80-bit arithmetic and
// keeps 16 significant digits.
func roundFunc(a []term.Term) term.Term {
	if isNull(a[0]) {
		return null
	}
	var n int64
	if len(a) > 1 {
		if isNull(a[1]) {
			return null
		}
		n = min(max(valueInt64(a[1]), 0), 30)
	}
	r := valueFloat(a[0])
	switch {
	case math.IsNaN(r):
		return null // SQLite stores NaN as NULL
	case r < -4503599627370496.0 || r > 4503599627370496.0:
	case n == 0:
		if r < 0 {
			r = float64(int64(r - 0.5))
		} else {
			r = float64(int64(r + 0.5))
		}
	default:
		r, _ = strconv.ParseFloat(fixed340(r, int(n)), 64)
	}
	return term.Float(r)
}

// fixed340 is SQLite 3.40's "%.*f" of r with precision digits: long
// double arithmetic, emulated with 64-bit-mantissa big.Floats.
func fixed340(r float64, precision int) string {
	ld := func(f float64) *big.Float { return new(big.Float).SetPrec(64).SetFloat64(f) }
	neg := r < 0
	v := ld(math.Abs(r))
	arRound := [...]float64{5.0e-01, 5.0e-02, 5.0e-03, 5.0e-04, 5.0e-05, 5.0e-06, 5.0e-07, 5.0e-08, 5.0e-09, 5.0e-10}
	rounder := arRound[precision%10] // a double, as in SQLite
	for idx := precision; idx >= 10; idx -= 10 {
		rounder *= 1.0e-10
	}
	ex := int((math.Float64bits(math.Abs(r))>>52)&0x7ff) - 1023
	if precision+ex/3 < 15 {
		fudge := new(big.Float).SetPrec(64).Mul(v, ld(3e-16))
		rounder, _ = fudge.Add(fudge, ld(rounder)).Float64()
	}
	v.Add(v, ld(rounder))
	exp := 0
	if v.Sign() > 0 {
		scale := ld(1)
		for _, step := range []struct {
			f float64
			e int
		}{{1e100, 100}, {1e10, 10}, {10, 1}} {
			for exp <= 350 {
				lim := new(big.Float).SetPrec(64).Mul(scale, ld(step.f))
				if v.Cmp(lim) < 0 {
					break
				}
				scale.Set(lim)
				exp += step.e
			}
		}
		v.Quo(v, scale)
		for v.Cmp(ld(1e-8)) < 0 {
			v.Mul(v, ld(1e8))
			exp -= 8
		}
		for v.Cmp(ld(1)) < 0 {
			v.Mul(v, ld(10))
			exp--
		}
	}
	nsd := 16
	digit := func() byte {
		if nsd <= 0 {
			return '0'
		}
		nsd--
		d, _ := v.Int64()
		v.Sub(v, ld(float64(d)))
		v.Mul(v, ld(10))
		return byte(d) + '0'
	}
	var b []byte
	if neg {
		b = append(b, '-')
	}
	if exp < 0 {
		b = append(b, '0')
	} else {
		for e := exp; e >= 0; e-- {
			b = append(b, digit())
		}
	}
	b = append(b, '.')
	for e := exp + 1; e < 0 && precision > 0; e++ {
		b = append(b, '0')
		precision--
	}
	for ; precision > 0; precision-- {
		b = append(b, digit())
	}
	return string(b)
}

// ---- literals and CAST

// hexLiteral is the value of 0x<hex>: up to 16 digits, as a 64-bit two's
// complement integer (0xFFFFFFFFFFFFFFFF is -1), as in SQLite.
func hexLiteral(e *parser.IntegerLit, hex string) (term.Term, error) {
	u, err := strconv.ParseUint(hex, 16, 64)
	if err != nil {
		return term.Term{}, errorf(ErrMisuse, e.Pos, "hex literal too big: %s", e.Text)
	}
	return term.Int(int64(u)), nil
}

// negatedIntLiteral gives -9223372036854775808 its INTEGER value: the
// literal 9223372036854775808 alone is REAL, as in SQLite.
func negatedIntLiteral(e *parser.UnaryExpr) (term.Term, bool) {
	lit, ok := e.X.(*parser.IntegerLit)
	if ok && e.Op == parser.OpNeg && strings.TrimLeft(lit.Text, "0") == "9223372036854775808" {
		return term.Int(math.MinInt64), true
	}
	return term.Term{}, false
}

// castToInt is CAST(v AS INTEGER): text by its integer prefix ('1e3' is
// 1), floats truncated, both (and big integers) saturating at the int64
// bounds.
func castToInt(v term.Term) term.Term { return term.Int(valueInt64(v)) }

// castToNumeric is CAST(v AS NUMERIC): text as its numeric prefix, and a
// REAL from text that is a whole number fitting an INTEGER becomes one
// ('2.0' and '1e3' give 2 and 1000).
func castToNumeric(v term.Term) term.Term {
	if !v.IsBinary() && classOf(v) != classText {
		return number(v)
	}
	n := number(v)
	if f, ok := n.Float64(); ok && n.IsFloat() && f == math.Trunc(f) && f > -9.2233720368547758e18 && f < 9.2233720368547758e18 {
		return term.Int(int64(f))
	}
	if n.IsInteger() {
		return term.Int(valueInt64(n))
	}
	return n
}

// hasNumericAffinity reports whether a CAST to the type named name gives
// SQLite's NUMERIC affinity: a name without INT, CHAR, CLOB, TEXT, BLOB,
// REAL, FLOA or DOUB (NUMERIC, DECIMAL(10,2), BOOLEAN).
func hasNumericAffinity(name string) bool {
	up := strings.ToUpper(name)
	for _, s := range []string{"INT", "CHAR", "CLOB", "TEXT", "BLOB", "REAL", "FLOA", "DOUB"} {
		if strings.Contains(up, s) {
			return false
		}
	}
	return true
}
