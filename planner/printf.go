package planner

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/etsql/etsql/term"
)

// sqlPrintf formats args by format as SQLite's printf() SQL function does
// (SQLite's own printf, not C's): flags - + space # ! 0 and the thousands
// separator ",", width and precision (either may be *), and the
// conversions d i u x X o p r c s z q Q w j J f e E g G n %. Missing arguments
// count as NULL (0, 0.0 or no text); an unknown conversion ends the
// output. Floats get SQLite 3.54's digits (see fpDecode).
func sqlPrintf(format string, args []term.Term) string {
	var b strings.Builder
	next := 0
	arg := func() (term.Term, bool) {
		if next >= len(args) {
			return null, false
		}
		next++
		return args[next-1], true
	}
	intArg := func() int64 {
		v, _ := arg()
		return valueInt64(v)
	}
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			j := strings.IndexByte(format[i:], '%')
			if j < 0 {
				b.WriteString(format[i:])
				break
			}
			b.WriteString(format[i : i+j])
			i += j
		}
		i++
		if i >= len(format) {
			b.WriteByte('%')
			break
		}
		var sp spec
		sp.precision = -1
		// flags, width, precision, length
	flags:
		for ; i < len(format); i++ {
			switch c := format[i]; c {
			case '-':
				sp.left = true
			case '+', ' ':
				sp.prefix = c
			case '#':
				sp.alt = true
			case '!':
				sp.alt2 = true
			case '0':
				sp.zero = true
			case ',':
				sp.thousands = true
			default:
				break flags
			}
		}
		if i < len(format) && format[i] >= '1' && format[i] <= '9' {
			w := 0
			for ; i < len(format) && format[i] >= '0' && format[i] <= '9'; i++ {
				w = min(w*10+int(format[i]-'0'), math.MaxInt32)
			}
			sp.width = w
		} else if i < len(format) && format[i] == '*' {
			w := intArg()
			if w < 0 {
				sp.left = true
				w = -w
			}
			sp.width = int(min(w, math.MaxInt32))
			i++
		}
		if i < len(format) && format[i] == '.' {
			i++
			if i < len(format) && format[i] == '*' {
				p := intArg()
				if p < 0 {
					p = -p
				}
				sp.precision = int(min(p, math.MaxInt32))
				i++
			} else {
				p := 0
				for ; i < len(format) && format[i] >= '0' && format[i] <= '9'; i++ {
					p = min(p*10+int(format[i]-'0'), math.MaxInt32)
				}
				sp.precision = p
			}
		}
		for k := 0; k < 2 && i < len(format) && format[i] == 'l'; k++ {
			i++
		}
		if i >= len(format) {
			break // SQLite ends the output at a bad conversion
		}
		sp.width = min(sp.width, maxPrintfWidth)
		sp.precision = min(sp.precision, maxPrintfWidth)
		if !sp.conv(&b, format[i], arg) {
			break
		}
	}
	return b.String()
}

// maxPrintfWidth caps widths and precisions so that a format cannot ask
// for gigabytes of padding.
const maxPrintfWidth = 100000

// spec is one conversion's flags, width and precision.
type spec struct {
	left, alt, alt2, zero, thousands bool
	prefix                           byte // '+', ' ' or 0
	width, precision                 int  // precision -1: none
}

// conv writes one conversion; false for an unknown one.
func (sp spec) conv(b *strings.Builder, c byte, arg func() (term.Term, bool)) bool {
	switch c {
	case 'd', 'i', 'u', 'x', 'X', 'o', 'r', 'p':
		v, _ := arg()
		sp.pad(b, sp.integer(c, valueInt64(v)))
	case 'f', 'e', 'E', 'g', 'G':
		v, _ := arg()
		x := 0.0
		if !isNull(v) {
			x = valueFloat(v)
		}
		b.WriteString(sp.float(c, x)) // padded already
	case '%':
		sp.pad(b, "%")
	case 'n': // the count of bytes written so far, for C callers: nothing here
	case 'c':
		v, _ := arg()
		s, ok := text(v)
		ch := "\x00"
		if ok && s != "" {
			_, n := utf8.DecodeRuneInString(s)
			ch = s[:n]
		}
		out := ch
		if sp.precision > 1 {
			out = strings.Repeat(ch, sp.precision)
		}
		sp.alt2 = true
		sp.precision = -1
		sp.pad(b, out)
	case 's', 'z':
		v, _ := arg()
		s, _ := text(v)
		sp.pad(b, sp.cut(s))
	case 'j', 'J':
		v, _ := arg()
		s, ok := text(v)
		switch {
		case ok:
			s = jsonEscape(sp.cut(s))
			if c == 'J' {
				s = `"` + s + `"`
			}
		case c == 'J':
			s = "null"
		}
		sp.pad(b, s)
	case 'q', 'Q', 'w':
		v, _ := arg()
		s, ok := text(v)
		q := "'"
		if c == 'w' {
			q = `"`
		}
		s = sp.cut(s)
		switch {
		case !ok && c == 'Q':
			s = "NULL"
		case !ok:
			s = "(NULL)"
		case c == 'Q':
			s = "'" + strings.ReplaceAll(s, q, q+q) + "'"
		default:
			s = strings.ReplaceAll(s, q, q+q)
		}
		sp.pad(b, s)
	default:
		return false
	}
	return true
}

// jsonEscape escapes s for a JSON string: quotes, backslashes and
// control characters, as SQLite's %j.
func jsonEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == 0:
			return b.String()
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 8 && c <= 13 && c != 11:
			b.WriteByte('\\')
			b.WriteByte("btn?fr"[c-8])
		case c <= 0x1f:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[c>>4])
			b.WriteByte("0123456789abcdef"[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// cut applies the precision to text: bytes, or characters with "!".
func (sp spec) cut(s string) string {
	if sp.precision < 0 {
		return s
	}
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	if !sp.alt2 {
		return s[:min(sp.precision, len(s))]
	}
	n := 0
	for i := range s {
		if n == sp.precision {
			return s[:i]
		}
		n++
	}
	return s
}

// pad writes s padded with spaces to the width (in characters with "!").
func (sp spec) pad(b *strings.Builder, s string) {
	width := sp.width
	if sp.alt2 {
		width += len(s) - utf8.RuneCountInString(s)
	}
	n := width - len(s)
	if n > 0 && !sp.left {
		b.WriteString(strings.Repeat(" ", n))
	}
	b.WriteString(s)
	if n > 0 && sp.left {
		b.WriteString(strings.Repeat(" ", n))
	}
}

// integer formats the d i u x X o r conversions.
func (sp spec) integer(c byte, v int64) string {
	base, digits := uint64(10), "0123456789"
	signed := c == 'd' || c == 'i' || c == 'r'
	switch c {
	case 'x':
		base, digits = 16, "0123456789abcdef"
	case 'X', 'p':
		base, digits = 16, "0123456789ABCDEF"
	case 'o':
		base = 8
	}
	if c != 'd' && c != 'i' && c != 'u' {
		sp.thousands = false
	}
	var u uint64
	var prefix byte
	if signed && v < 0 {
		u, prefix = uint64(^v)+1, '-'
	} else {
		u = uint64(v)
		if signed {
			prefix = sp.prefix
		}
	}
	if u == 0 {
		sp.alt = false
	}
	precision := sp.precision
	hasPrefix := 0
	if prefix != 0 {
		hasPrefix = 1
	}
	if sp.zero && precision < sp.width-hasPrefix {
		precision = sp.width - hasPrefix
	}
	var out []byte
	if c == 'r' {
		ord := "thstndrd"
		x := int(u % 10)
		if x >= 4 || (u/10)%10 == 1 {
			x = 0
		}
		out = append(out, ord[x*2+1], ord[x*2])
	}
	for {
		out = append(out, digits[u%base])
		u /= base
		if u == 0 {
			break
		}
	}
	for length := len(out); length < precision; length++ { // SQLite counts r's suffix
		out = append(out, '0')
	}
	if sp.thousands {
		var grouped []byte
		body := out
		for i, d := range body {
			if i > 0 && i%3 == 0 {
				grouped = append(grouped, ',')
			}
			grouped = append(grouped, d)
		}
		out = grouped
	}
	if prefix != 0 {
		out = append(out, prefix)
	}
	if sp.alt {
		switch c {
		case 'x':
			out = append(out, 'x', '0')
		case 'X':
			out = append(out, 'X', '0')
		case 'p':
			out = append(out, 'x', '0')
		case 'o':
			out = append(out, '0')
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

// float formats the f e E g G conversions, width included, as SQLite
// 3.44 and later do: fpDecode's digits, at most 16 significant ones (20
// with "!").
func (sp spec) float(c byte, x float64) string {
	precision := sp.precision
	if precision < 0 {
		precision = 6
	}
	var iRound int
	switch c {
	case 'f':
		iRound = -precision
	case 'g', 'G':
		if precision == 0 {
			precision = 1
		}
		iRound = precision
	default:
		iRound = precision + 1
	}
	mx := 16
	if sp.alt2 {
		mx = 20
	}
	d := fpDecode(x, iRound, mx)
	var prefix byte
	switch {
	case d.special == 2:
		if sp.zero {
			return sp.padFloat("null", 0)
		}
		return sp.padFloat("NaN", 0)
	case d.special == 1 && !sp.zero:
		s := "Inf"
		if d.neg {
			s = "-Inf"
		} else if sp.prefix != 0 {
			s = string(sp.prefix) + s
		}
		return sp.padFloat(s, 0)
	case d.special == 1:
		d.digits, d.iDP = []byte("9"), 1000
	}
	if d.neg {
		if !(sp.alt && sp.prefix == 0 && c == 'f' && d.iDP <= iRound) {
			prefix = '-'
		}
	} else {
		prefix = sp.prefix
	}
	exp := d.iDP - 1
	kind := c
	var rtz bool
	if c == 'g' || c == 'G' {
		precision--
		rtz = !sp.alt
		if exp < -4 || exp > precision {
			kind = 'e'
			if c == 'G' {
				kind = 'E'
			}
		} else {
			precision -= exp
			kind = 'f'
		}
	} else {
		rtz = sp.alt2
	}
	e2 := d.iDP - 1
	if kind == 'e' || kind == 'E' {
		e2 = 0
	}
	var out []byte
	if prefix != 0 {
		out = append(out, prefix)
	}
	z, n := d.digits, len(d.digits)
	j := 0
	switch {
	case e2 < 0:
		out = append(out, '0')
	case sp.thousands:
		for ; e2 >= 0; e2-- {
			if j < n {
				out = append(out, z[j])
				j++
			} else {
				out = append(out, '0')
			}
			if e2%3 == 0 && e2 > 1 {
				out = append(out, ',')
			}
		}
	default:
		j = min(e2+1, n)
		out = append(out, z[:j]...)
		e2 -= j
		for ; e2 >= 0; e2-- {
			out = append(out, '0')
		}
	}
	dp := precision > 0 || sp.alt || sp.alt2
	if dp {
		out = append(out, '.')
	}
	if e2 < -1 && precision > 0 {
		nn := min(-1-e2, precision)
		for range nn {
			out = append(out, '0')
		}
		precision -= nn
	}
	if precision > 0 {
		nn := min(n-j, precision)
		if nn > 0 {
			out = append(out, z[j:j+nn]...)
			precision -= nn
		}
		if precision > 0 && !rtz {
			for range precision {
				out = append(out, '0')
			}
		}
	}
	if rtz && dp {
		for out[len(out)-1] == '0' {
			out = out[:len(out)-1]
		}
		if out[len(out)-1] == '.' {
			if sp.alt2 {
				out = append(out, '0')
			} else {
				out = out[:len(out)-1]
			}
		}
	}
	if kind == 'e' || kind == 'E' {
		exp = d.iDP - 1
		out = append(out, kind)
		if exp < 0 {
			out = append(out, '-')
			exp = -exp
		} else {
			out = append(out, '+')
		}
		if exp >= 100 {
			out = append(out, byte(exp/100)+'0')
			exp %= 100
		}
		out = append(out, byte(exp/10)+'0', byte(exp%10)+'0')
	}
	adj := 0
	if prefix != 0 {
		adj = 1
	}
	return sp.padFloat(string(out), adj)
}

// padFloat pads a formatted number to the width: zeros after the sign
// (the first adj bytes) with the 0 flag, else spaces.
func (sp spec) padFloat(s string, adj int) string {
	n := sp.width - len(s)
	switch {
	case n <= 0:
		return s
	case sp.left:
		return s + strings.Repeat(" ", n)
	case sp.zero:
		return s[:adj] + strings.Repeat("0", n) + s[adj:]
	}
	return strings.Repeat(" ", n) + s
}

// fpDigits is a float as decimal digits: 0.d1d2d3... * 10^iDP.
type fpDigits struct {
	neg     bool
	digits  []byte
	iDP     int // position of the decimal point
	special int // 1 infinity, 2 NaN
}

// fpDecode is SQLite's sqlite3FpDecode: the decimal digits of r rounded
// half up to iRound significant digits (iRound > 0) or to -iRound digits
// after the point (iRound <= 0), and to at most mxRound digits. The
// digits come from fp2Convert10, SQLite's approximate conversion, so that
// ties go SQLite's way.
func fpDecode(r float64, iRound, mxRound int) fpDigits {
	var d fpDigits
	switch {
	case math.IsNaN(r):
		d.special = 2
		return d
	case r < 0:
		d.neg, r = true, -r
	case r == 0:
		d.digits, d.iDP = []byte("0"), 1
		return d
	}
	if math.IsInf(r, 0) {
		d.special = 1
		return d
	}
	bitsR := math.Float64bits(r)
	e := int(bitsR >> 52 & 0x7ff)
	m := bitsR & (1<<52 - 1)
	if e == 0 { // subnormal
		nn := bits.LeadingZeros64(m)
		m <<= nn
		e = -1074 - nn
	} else {
		m = m<<11 | 1<<63
		e -= 1086
	}
	want := 18
	if iRound > 0 && iRound < 18 {
		want = iRound + 1
	}
	v, e10 := fp2Convert10(m, e, want)
	z := []byte(strconv.FormatUint(v, 10))
	n := len(z)
	iDP := n + e10
	if iRound <= 0 {
		iRound = iDP - iRound
		if iRound == 0 && z[0] >= '5' {
			iRound = 1
			z = append([]byte{'0'}, z...)
			n++
			iDP++
		}
	}
	if iRound > 0 && (iRound < n || n > mxRound) {
		iRound = min(iRound, mxRound)
		if iRound == 17 {
			iRound = shortestRoundTrip(r, z, iDP, iRound)
		}
		z, iDP = roundDigitsUp(z, iRound, iDP)
	}
	for len(z) > 1 && z[len(z)-1] == '0' {
		z = z[:len(z)-1]
	}
	d.digits, d.iDP = z, iDP
	return d
}

// shortestRoundTrip is sqlite3FpDecode's search, for 17 digits, for
// fewer digits that still read back as r (49.47, not 49.469999999999999).
func shortestRoundTrip(r float64, z []byte, iDP, iRound int) int {
	n := len(z)
	exp := iDP - n
	readBack := func(jj int, bump bool) bool {
		v := string(z[:jj])
		if jj == 0 {
			v = "0"
		}
		u, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return false
		}
		if bump {
			u++
		}
		f, _ := strconv.ParseFloat(strconv.FormatUint(u, 10)+"e"+strconv.Itoa(exp+n-jj), 64)
		return f == r
	}
	switch {
	case z[15] == '9' && z[14] == '9':
		jj := 14
		for jj > 0 && z[jj-1] == '9' {
			jj--
		}
		if readBack(jj, true) {
			return jj + 1
		}
	case iDP >= n || (z[15] == '0' && z[14] == '0' && z[13] == '0'):
		jj := 13
		for z[jj-1] == '0' {
			jj--
		}
		if readBack(jj, false) {
			return jj + 1
		}
	}
	return iRound
}

// roundDigitsUp keeps the first n digits of z, rounding half up.
func roundDigitsUp(z []byte, n, iDP int) ([]byte, int) {
	up := z[n] >= '5'
	z = append([]byte(nil), z[:n]...)
	if !up {
		return z, iDP
	}
	for j := n - 1; ; j-- {
		z[j]++
		if z[j] <= '9' {
			return z, iDP
		}
		z[j] = '0'
		if j == 0 {
			return append([]byte{'1'}, z...), iDP + 1
		}
	}
}

// fp2Convert10 is SQLite's sqlite3Fp2Convert10: for r = m * 2^e (m with
// its top bit set), d and p with r ~ d * 10^p, d having at least n
// digits. SQLite's own arithmetic (64-bit powers of ten, truncating
// products) is kept so that ties round as SQLite rounds them: '%.0e' of
// 15000 is 1e+04.
func fp2Convert10(m uint64, e, n int) (uint64, int) {
	p := n - 1 - pwr2to10(e+63)
	pow, _ := powerOfTen(p)
	h, _ := bits.Mul64(m, pow)
	if n == 18 {
		h >>= uint(-(e + pwr10to2(p) + 2))
		return (h + (h<<1)&2) >> 1, -p
	}
	return h >> uint(-(e + pwr10to2(p) + 1)), -p
}

func pwr10to2(p int) int { return (p * 108853) >> 15 }
func pwr2to10(p int) int { return (p * 78913) >> 18 }

// powerOfTen is SQLite's: the top 64 bits of 10^p (-348 <= p <= 347) and
// the next 32, from 10^(27g) and 10^n (0 <= n < 27) multiplied.
func powerOfTen(p int) (uint64, uint32) {
	var g, n int
	switch {
	case p == -1:
		return powScale[13], powScaleLo[13]
	case p < 0:
		g, n = p/27, p%27
		if n != 0 {
			g--
			n += 27
		}
	case p < 27:
		return powBase[p], 0
	default:
		g, n = p/27, p%27
	}
	s, sLo := powScale[g+13], powScaleLo[g+13]
	if n == 0 {
		return s, sLo
	}
	x, lo := multiply160(s, sLo, powBase[n])
	if x&(1<<63) == 0 {
		x = x<<1 | uint64(lo>>31&1)
		lo = lo<<1 | 1
	}
	return x, lo
}

// multiply160 is the top 64 bits, and the next 32, of (a.aLo) * b.
func multiply160(a uint64, aLo uint32, b uint64) (uint64, uint32) {
	hi, lo := bits.Mul64(a, b)
	h2, l2 := bits.Mul64(uint64(aLo), b)
	lo, carry := bits.Add64(lo, h2<<32|l2>>32, 0)
	return hi + carry, uint32(lo >> 32)
}

// powBase[n] is 10^n (n < 27) shifted to 64 significant bits, exactly;
// powScale[g+13] and powScaleLo the top 96 bits of 10^(27g), rounded (for
// g = 0 they hold 10^-1, truncated, as in SQLite).
var (
	powBase    [27]uint64
	powScale   [26]uint64
	powScaleLo [26]uint32
)

func init() {
	for n := range powBase {
		x := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
		if x.BitLen() <= 64 {
			powBase[n] = x.Lsh(x, uint(64-x.BitLen())).Uint64()
		} else {
			powBase[n] = x.Rsh(x, uint(x.BitLen()-64)).Uint64() // exact: 10^n has n factors 2
		}
	}
	for g := -13; g <= 12; g++ {
		powScale[g+13], powScaleLo[g+13] = top96(27 * g)
	}
	powScale[13], powScaleLo[13] = 0xcccccccccccccccc, 0xcccccccc
}

// top96 is the top 96 bits of 10^p rounded to nearest, split 64 + 32.
func top96(p int) (uint64, uint32) {
	r := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(p, -p))), nil))
	if p < 0 {
		r.Inv(r)
	}
	// r * 2^k in [2^95, 2^96), rounded
	k := 96 - (r.Num().BitLen() - r.Denom().BitLen())
	num, den := new(big.Int).Set(r.Num()), new(big.Int).Set(r.Denom())
	if k >= 0 {
		num.Lsh(num, uint(k))
	} else {
		den.Lsh(den, uint(-k))
	}
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	for q.BitLen() > 96 {
		den.Lsh(den, 1)
		q.QuoRem(num, den, rem)
	}
	if rem.Lsh(rem, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	return new(big.Int).Rsh(q, 32).Uint64(), uint32(q.Uint64())
}
