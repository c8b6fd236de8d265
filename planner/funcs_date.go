package planner

import (
	"strconv"
	"strings"
	"time"

	"github.com/etsql/etsql/schema"
	"github.com/etsql/etsql/term"
)

// dateScalarFuncs are SQLite's date and time functions: date, time,
// datetime, julianday, unixepoch and strftime, with SQLite's modifiers.
// They read TEXT dates and times as SQLite does ('YYYY-MM-DD',
// 'YYYY-MM-DD HH:MM[:SS[.SSS]]' with an optional 'T', a time zone suffix,
// 'HH:MM[:SS]', 'now'), numbers as Julian day numbers (or Unix times with
// the 'unixepoch' modifier), and etsql's DATE and TIMESTAMP values as
// their ISO text, which is what SQLite stores for them. There is no local
// time zone: 'localtime' and 'utc' leave the time as it is (UTC).
func dateScalarFuncs() map[string]scalarFunc {
	return map[string]scalarFunc{
		"date":      {min: 0, max: -1, typ: schema.Text, fn: dateFunc},
		"time":      {min: 0, max: -1, typ: schema.Text, fn: timeFunc},
		"datetime":  {min: 0, max: -1, typ: schema.Text, fn: datetimeFunc},
		"julianday": {min: 0, max: -1, typ: schema.Float, fn: juliandayFunc},
		"unixepoch": {min: 0, max: -1, fn: unixepochFunc},
		"strftime":  {min: 1, max: -1, typ: schema.Text, fn: strftimeFunc},
	}
}

// currentTimeFuncs are the CURRENT_DATE, CURRENT_TIME and
// CURRENT_TIMESTAMP names, which read the clock.
var currentTimeFuncs = map[string]func([]term.Term) term.Term{
	"current_date":      dateFunc,
	"current_time":      timeFunc,
	"current_timestamp": datetimeFunc,
}

// msPerDay and friends are the constants of SQLite's date.c: times are
// milliseconds since the Julian epoch (noon, 24 November 4714 BC).
const (
	msPerDay      = 86400000
	unixEpochJDms = 210866760000000 // 1970-01-01 00:00:00 as iJD
	maxJDms       = 464269060799999 // 9999-12-31 23:59:59.999
)

// dateTime is SQLite's DateTime: a moment as a Julian day number in
// milliseconds (iJD) and/or as year, month, day, hours, minutes, seconds.
type dateTime struct {
	iJD       int64
	y, mo, d  int
	h, mi     int
	tz        int // minutes
	s         float64
	validJD   bool
	rawS      bool // s holds a raw number not yet read as a date
	validYMD  bool
	validHMS  bool
	isError   bool
	useSubsec bool
	isUtc     bool
	isLocal   bool
	nFloor    int
}

func (p *dateTime) setError() { *p = dateTime{isError: true} }

// getDigits reads fields of fixed width: for each spec, n digits whose
// value lies in [lo, hi], followed by the separator sep (0: none). It
// returns the number of fields read.
func getDigits(s string, specs ...digitSpec) ([]int, int) {
	vals := make([]int, 0, len(specs))
	for _, sp := range specs {
		if len(s) < sp.n {
			return vals, len(vals)
		}
		v := 0
		for i := 0; i < sp.n; i++ {
			if s[i] < '0' || s[i] > '9' {
				return vals, len(vals)
			}
			v = v*10 + int(s[i]-'0')
		}
		s = s[sp.n:]
		if v < sp.lo || v > sp.hi || (sp.sep != 0 && (s == "" || s[0] != sp.sep)) {
			return vals, len(vals)
		}
		if s != "" {
			s = s[1:]
		}
		vals = append(vals, v)
	}
	return vals, len(vals)
}

type digitSpec struct {
	n, lo, hi int
	sep       byte
}

var (
	specYear4  = digitSpec{4, 0, 14712, '-'}
	specMonth  = digitSpec{2, 1, 12, '-'}
	specDay    = digitSpec{2, 1, 31, 0}
	specHour   = digitSpec{2, 0, 24, ':'}
	specMinute = digitSpec{2, 0, 59, 0}
)

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\v'
}

func skipSpaces(s string) string {
	for s != "" && isSpace(s[0]) {
		s = s[1:]
	}
	return s
}

// parseTimezone reads an optional [+-]HH:MM or Z and trailing spaces;
// true on an error.
func (p *dateTime) parseTimezone(s string) bool {
	s = skipSpaces(s)
	p.tz = 0
	if s == "" {
		return false
	}
	sgn := 0
	switch s[0] {
	case '-':
		sgn = -1
	case '+':
		sgn = 1
	case 'Z', 'z':
		p.isLocal, p.isUtc = false, true
		return skipSpaces(s[1:]) != ""
	default:
		return true
	}
	v, n := getDigits(s[1:], digitSpec{2, 0, 14, ':'}, specMinute)
	if n != 2 {
		return true
	}
	s = s[6:]
	p.tz = sgn * (v[1] + v[0]*60)
	if p.tz == 0 {
		p.isLocal, p.isUtc = false, true
	}
	return skipSpaces(s) != ""
}

// parseHhMmSs reads HH:MM[:SS[.SSS]][timezone]; true on an error.
func (p *dateTime) parseHhMmSs(s string) bool {
	v, n := getDigits(s, specHour, specMinute)
	if n != 2 {
		return true
	}
	h, m := v[0], v[1]
	s = s[5:]
	sec, ms := 0, 0.0
	if s != "" && s[0] == ':' {
		v, n := getDigits(s[1:], specMinute)
		if n != 1 {
			return true
		}
		sec = v[0]
		s = s[3:]
		if len(s) > 1 && s[0] == '.' && s[1] >= '0' && s[1] <= '9' {
			scale := 1.0
			s = s[1:]
			for s != "" && s[0] >= '0' && s[0] <= '9' {
				ms = ms*10 + float64(s[0]-'0')
				scale *= 10
				s = s[1:]
			}
			ms /= scale
			if ms > 0.999 {
				ms = 0.999
			}
		}
	}
	if h == 24 && (m != 0 || sec != 0 || ms != 0) {
		return true
	}
	p.validJD, p.rawS, p.validHMS = false, false, true
	p.h, p.mi, p.s = h, m, float64(sec)+ms
	return p.parseTimezone(s)
}

func (p *dateTime) computeJD() {
	if p.validJD {
		return
	}
	y, m, d := 2000, 1, 1
	if p.validYMD {
		y, m, d = p.y, p.mo, p.d
	} else if p.validHMS && p.h == 24 {
		p.h, d = 0, 2
	}
	if y < -4713 || y > 9999 || p.rawS {
		p.setError()
		return
	}
	if m <= 2 {
		y--
		m += 12
	}
	a := (y + 4800) / 100
	b := 38 - a + a/4
	x1 := 36525 * (y + 4716) / 100
	x2 := 306001 * (m + 1) / 10000
	p.iJD = int64((float64(x1+x2+d+b) - 1524.5) * msPerDay)
	p.validJD = true
	if p.validHMS {
		p.iJD += int64(p.h*3600000+p.mi*60000) + int64(p.s*1000+0.5)
		if p.tz != 0 {
			p.iJD -= int64(p.tz) * 60000
			p.validYMD, p.validHMS = false, false
			p.tz = 0
			p.isUtc, p.isLocal = true, false
		}
	}
}

func daysOfMonth(y, m int) int {
	switch {
	case (1<<m)&0x15aa != 0:
		return 31
	case m != 2:
		return 30
	case y%4 == 0 && (y%100 != 0 || y%400 == 0):
		return 29
	}
	return 28
}

func (p *dateTime) computeFloor() {
	p.nFloor = 0
	if mx := daysOfMonth(p.y, p.mo); p.d > mx {
		p.nFloor = p.d - mx
	}
}

// parseYyyyMmDd reads [-]YYYY-MM-DD [[T]time]; true on an error.
func (p *dateTime) parseYyyyMmDd(s string) bool {
	neg := false
	if s != "" && s[0] == '-' {
		neg, s = true, s[1:]
	}
	v, n := getDigits(s, specYear4, specMonth, specDay)
	if n != 3 {
		return true
	}
	y, m, d := v[0], v[1], v[2]
	s = s[10:]
	for s != "" && (isSpace(s[0]) || s[0] == 'T') {
		s = s[1:]
	}
	if !p.parseHhMmSs(s) {
		if p.h == 24 {
			p.h = 0
			d++
			if mx := daysOfMonth(y, m); d > mx {
				d -= mx
				if m++; m > 12 {
					m = 1
					y++
				}
			}
		}
	} else if s == "" {
		p.validHMS = false
	} else {
		return true
	}
	p.validJD, p.validYMD = false, true
	if neg {
		y = -y
	}
	p.y, p.mo, p.d = y, m, d
	p.computeFloor()
	if p.tz != 0 {
		p.computeJD()
	}
	return false
}

func (p *dateTime) setNow() {
	p.iJD = time.Now().UnixMilli() + unixEpochJDms
	p.validJD, p.isUtc, p.isLocal = true, true, false
	p.clearYMDHMS()
}

func (p *dateTime) setRawNumber(r float64) {
	p.s, p.rawS = r, true
	if r >= 0 && r < 5373484.5 {
		p.iJD = int64(r*msPerDay + 0.5)
		p.validJD = true
	}
}

// parseDateOrTime reads a date, a time, 'now' or a Julian day number;
// true on an error.
func (p *dateTime) parseDateOrTime(s string) bool {
	if !p.parseYyyyMmDd(s) || !p.parseHhMmSs(s) {
		return false
	}
	if strings.EqualFold(s, "now") {
		p.setNow()
		return false
	}
	if n, ok := exactNumber(s); ok {
		p.setRawNumber(toFloat(n))
		return false
	}
	if strings.EqualFold(s, "subsec") || strings.EqualFold(s, "subsecond") {
		p.useSubsec = true
		p.setNow()
		return false
	}
	return true
}

func validJulianDay(iJD int64) bool { return iJD >= 0 && iJD <= maxJDms }

func (p *dateTime) computeYMD() {
	if p.validYMD {
		return
	}
	switch {
	case !p.validJD:
		p.y, p.mo, p.d = 2000, 1, 1
	case !validJulianDay(p.iJD):
		p.setError()
		return
	default:
		z := int((p.iJD + 43200000) / msPerDay)
		alpha := int((float64(z)+32044.75)/36524.25) - 52
		a := z + 1 + alpha - (alpha+100)/4 + 25
		b := a + 1524
		c := int((float64(b) - 122.1) / 365.25)
		d := (36525 * (c & 32767)) / 100
		e := int(float64(b-d) / 30.6001)
		x1 := int(30.6001 * float64(e))
		p.d = b - d - x1
		if e < 14 {
			p.mo = e - 1
		} else {
			p.mo = e - 13
		}
		if p.mo > 2 {
			p.y = c - 4716
		} else {
			p.y = c - 4715
		}
	}
	p.validYMD = true
}

func (p *dateTime) computeHMS() {
	if p.validHMS {
		return
	}
	p.computeJD()
	dayMs := int((p.iJD + 43200000) % msPerDay)
	p.s = float64(dayMs%60000) / 1000.0
	dayMin := dayMs / 60000
	p.mi, p.h = dayMin%60, dayMin/60
	p.rawS, p.validHMS = false, true
}

func (p *dateTime) computeYMDHMS() {
	p.computeYMD()
	p.computeHMS()
}

func (p *dateTime) clearYMDHMS() {
	p.validYMD, p.validHMS = false, false
	p.tz = 0
}

func (p *dateTime) autoAdjust() {
	switch {
	case !p.rawS || p.validJD:
		p.rawS = false
	case p.s >= -21086676*10000 && p.s <= 25340230*10000+799:
		r := p.s*1000 + unixEpochJDms
		p.clearYMDHMS()
		p.iJD, p.validJD, p.rawS = int64(r+0.5), true, false
	}
}

// xform is one "+N unit" modifier unit: the largest N it takes and its
// length in seconds.
var xforms = []struct {
	name   string
	limit  float64
	factor float64
}{
	{"second", 4.6427e+14, 1}, {"minute", 7.7379e+12, 60}, {"hour", 1.2897e+11, 3600},
	{"day", 5373485.0, 86400}, {"month", 176546.0, 2592000}, {"year", 14713.0, 31536000},
}

// parseModifier applies one modifier to p; true when it is not one.
func (p *dateTime) parseModifier(z string, idx int) bool {
	if z == "" {
		return true
	}
	lower := strings.ToLower(z)
	switch c := lower[0]; {
	case lower == "auto":
		if idx > 1 {
			return true
		}
		p.autoAdjust()
		return false
	case lower == "ceiling":
		p.computeJD()
		p.clearYMDHMS()
		p.nFloor = 0
		return false
	case lower == "floor":
		p.computeJD()
		p.iJD -= int64(p.nFloor) * msPerDay
		p.clearYMDHMS()
		return false
	case lower == "julianday":
		if idx > 1 || !p.validJD || !p.rawS {
			return true
		}
		p.rawS = false
		return false
	case lower == "localtime": // there is no zone: local time is UTC
		if !p.isLocal {
			p.computeJD()
			if p.isError {
				return true
			}
			p.clearYMDHMS()
			p.rawS = false
		}
		p.isUtc, p.isLocal = false, true
		return false
	case lower == "utc":
		if !p.isUtc {
			p.computeJD()
			if p.isError {
				return true
			}
			*p = dateTime{iJD: p.iJD, validJD: true, isUtc: true}
		}
		return false
	case lower == "unixepoch":
		if idx > 1 || !p.rawS {
			return true
		}
		r := p.s*1000 + unixEpochJDms
		if r < 0 || r >= 464269060800000 {
			return true
		}
		p.clearYMDHMS()
		p.iJD, p.validJD, p.rawS = int64(r+0.5), true, false
		return false
	case lower == "subsec" || lower == "subsecond":
		p.useSubsec = true
		return false
	case strings.HasPrefix(lower, "weekday "):
		return p.weekday(z[8:])
	case strings.HasPrefix(lower, "start of "):
		return p.startOf(lower[9:])
	case strings.HasPrefix(lower, "end of "):
		return p.endOf(lower[7:])
	case c == '+' || c == '-' || c >= '0' && c <= '9':
		return p.shift(z)
	}
	return true
}

func (p *dateTime) weekday(arg string) bool {
	num, ok := exactNumber(arg)
	if !ok {
		return true
	}
	r := toFloat(num)
	if r < -6 || r > 6 || r != float64(int(r)) {
		return true
	}
	n := int64(r)
	p.computeYMDHMS()
	p.tz = 0
	p.validJD = false
	p.computeJD()
	z := ((p.iJD + 129600000) / msPerDay) % 7
	if n < 0 {
		n = -n
	}
	if z != n {
		if z > n {
			z -= 7
		}
		p.iJD += (n - z) * msPerDay
		if strings.Contains(arg, "-") {
			p.iJD -= 7 * msPerDay
		}
	}
	p.clearYMDHMS()
	return false
}

func (p *dateTime) startOf(unit string) bool {
	if !p.validJD && !p.validYMD && !p.validHMS {
		return true
	}
	p.computeYMD()
	p.validHMS = true
	p.h, p.mi, p.s = 0, 0, 0
	p.rawS, p.tz, p.validJD = false, 0, false
	switch unit {
	case "month":
		p.d = 1
	case "year":
		p.mo, p.d = 1, 1
	case "day":
	default:
		return true
	}
	return false
}

func (p *dateTime) endOf(unit string) bool {
	if !p.validJD && !p.validYMD && !p.validHMS {
		return true
	}
	p.computeYMD()
	p.validHMS = true
	p.h, p.mi, p.s = 23, 59, 59.999
	p.rawS, p.tz, p.validJD = false, 0, false
	switch unit {
	case "month":
		p.d = 1
		if p.mo++; p.mo > 12 {
			p.y++
			p.mo = 1
		}
		p.computeFloor()
		p.computeJD()
		p.iJD -= int64(p.nFloor+1) * msPerDay
		p.clearYMDHMS()
	case "year":
		p.mo, p.d = 12, 31
	case "day":
	default:
		return true
	}
	return false
}

// normalizeMonth brings p.mo into 1..12, carrying into the year.
func (p *dateTime) normalizeMonth() {
	var x int
	if p.mo > 0 {
		x = (p.mo - 1) / 12
	} else {
		x = (p.mo - 12) / 12
	}
	p.y += x
	p.mo -= x * 12
}

// shift applies "+N unit", "+HH:MM[:SS]" or "+YYYY-MM-DD [HH:MM]".
func (p *dateTime) shift(z string) bool {
	z0 := z[0]
	n := 1
	for ; n < len(z); n++ {
		if z[n] == ':' || isSpace(z[n]) {
			break
		}
		if z[n] == '-' {
			if _, k := getDigits(z[1:], digitSpec{4, 0, 14712, 0}); n == 5 && k == 1 {
				break
			}
			if _, k := getDigits(z[1:], digitSpec{5, 0, 14712, 0}); n == 6 && k == 1 {
				break
			}
		}
	}
	num, ok := exactNumber(z[:n])
	if !ok {
		return true
	}
	r := toFloat(num)
	z2 := z
	if n < len(z) && z[n] == '-' {
		if z0 != '+' && z0 != '-' {
			return true
		}
		var v []int
		var k int
		if n == 5 {
			v, k = getDigits(z[1:], specYear4, digitSpec{2, 0, 11, '-'}, digitSpec{2, 0, 30, 0})
		} else {
			v, k = getDigits(z[1:], digitSpec{5, 0, 14712, '-'}, digitSpec{2, 0, 11, '-'}, digitSpec{2, 0, 30, 0})
			z = z[1:]
		}
		if k != 3 {
			return true
		}
		y, m, d := v[0], v[1], v[2]
		p.computeYMDHMS()
		p.validJD = false
		if z0 == '-' {
			p.y -= y
			p.mo -= m
			d = -d
		} else {
			p.y += y
			p.mo += m
		}
		p.normalizeMonth()
		p.computeFloor()
		p.computeJD()
		p.validHMS, p.validYMD = false, false
		p.iJD += int64(d) * msPerDay
		if len(z) == 11 {
			return false
		}
		if len(z) > 11 && isSpace(z[11]) {
			if _, k := getDigits(z[12:], specHour, specMinute); k == 2 {
				z2, n = z[12:], 2
			} else {
				return true
			}
		} else {
			return true
		}
	}
	if n < len(z2) && z2[n] == ':' {
		if z2[0] < '0' || z2[0] > '9' {
			z2 = z2[1:]
		}
		var tx dateTime
		if tx.parseHhMmSs(z2) {
			return true
		}
		tx.computeJD()
		tx.iJD -= 43200000
		day := tx.iJD / msPerDay
		tx.iJD -= day * msPerDay
		if z0 == '-' {
			tx.iJD = -tx.iJD
		}
		p.computeJD()
		p.clearYMDHMS()
		p.iJD += tx.iJD
		return false
	}
	unit := skipSpaces(z[n:])
	if len(unit) < 3 || len(unit) > 10 {
		return true
	}
	if c := unit[len(unit)-1]; c == 's' || c == 'S' {
		unit = unit[:len(unit)-1]
	}
	p.computeJD()
	rounder := 0.5
	if r < 0 {
		rounder = -0.5
	}
	p.nFloor = 0
	failed := true
	for i, x := range xforms {
		if !strings.EqualFold(x.name, unit) || r <= -x.limit || r >= x.limit {
			continue
		}
		switch i {
		case 4: // months
			p.computeYMDHMS()
			p.mo += int(r)
			p.normalizeMonth()
			p.computeFloor()
			p.validJD = false
			r -= float64(int(r))
		case 5: // years
			p.computeYMDHMS()
			p.y += int(r)
			p.computeFloor()
			p.validJD = false
			r -= float64(int(r))
		}
		p.computeJD()
		p.iJD += int64(r*1000*x.factor + rounder)
		failed = false
		break
	}
	p.clearYMDHMS()
	return failed
}

// isDate reads a date from the function arguments: the first is the
// time value (none: now), the rest modifiers; ok false gives NULL.
func isDate(a []term.Term) (dateTime, bool) {
	var p dateTime
	if len(a) == 0 {
		p.setNow()
		return p, true
	}
	v := a[0]
	switch {
	case isNull(v):
		return p, false
	case v.IsNumber():
		p.setRawNumber(toFloat(v))
	default:
		s, _ := text(v)
		if p.parseDateOrTime(s) {
			return p, false
		}
	}
	for i := 1; i < len(a); i++ {
		s, ok := text(a[i])
		if !ok || p.parseModifier(s, i) {
			return p, false
		}
	}
	p.computeJD()
	if p.isError || !validJulianDay(p.iJD) {
		return p, false
	}
	if len(a) == 1 && p.validYMD && p.d > 28 {
		p.validYMD = false // normalize 2024-02-30 to 2024-03-01
	}
	return p, true
}

func formatYear(y int) string {
	if y < 0 {
		return "-" + pad4(-y)
	}
	return pad4(y)
}

func pad4(y int) string {
	b := []byte{byte('0' + y/1000%10), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10)}
	return string(b)
}

func pad2(n int) string { return string([]byte{byte('0' + n/10%10), byte('0' + n%10)}) }

func (p *dateTime) dateText() string {
	return formatYear(p.y) + "-" + pad2(p.mo) + "-" + pad2(p.d)
}

func (p *dateTime) timeText() string {
	out := pad2(p.h) + ":" + pad2(p.mi) + ":"
	if p.useSubsec {
		s := int(1000*p.s + 0.5)
		return out + pad2(s/1000) + "." + string([]byte{byte('0' + s/100%10), byte('0' + s/10%10), byte('0' + s%10)})
	}
	return out + pad2(int(p.s))
}

func dateFunc(a []term.Term) term.Term {
	p, ok := isDate(a)
	if !ok {
		return null
	}
	p.computeYMD()
	return term.BinaryString(p.dateText())
}

func timeFunc(a []term.Term) term.Term {
	p, ok := isDate(a)
	if !ok {
		return null
	}
	p.computeHMS()
	return term.BinaryString(p.timeText())
}

func datetimeFunc(a []term.Term) term.Term {
	p, ok := isDate(a)
	if !ok {
		return null
	}
	p.computeYMDHMS()
	return term.BinaryString(p.dateText() + " " + p.timeText())
}

func juliandayFunc(a []term.Term) term.Term {
	p, ok := isDate(a)
	if !ok {
		return null
	}
	return term.Float(float64(p.iJD) / msPerDay)
}

func unixepochFunc(a []term.Term) term.Term {
	p, ok := isDate(a)
	if !ok {
		return null
	}
	if p.useSubsec {
		return term.Float(float64(p.iJD-unixEpochJDms) / 1000.0)
	}
	return term.Int(p.iJD/1000 - unixEpochJDms/1000)
}

func (p *dateTime) daysAfterJan01() int {
	jan01 := *p
	jan01.validJD = false
	jan01.mo, jan01.d = 1, 1
	jan01.computeJD()
	return int((p.iJD - jan01.iJD + 43200000) / msPerDay)
}

func (p *dateTime) daysAfterMonday() int { return int(((p.iJD + 43200000) / msPerDay) % 7) }
func (p *dateTime) daysAfterSunday() int { return int(((p.iJD + 129600000) / msPerDay) % 7) }

// isoThursday is the Thursday of p's ISO week.
func (p *dateTime) isoThursday() dateTime {
	y := *p
	y.iJD += int64(3-p.daysAfterMonday()) * msPerDay
	y.validYMD = false
	y.computeYMD()
	return y
}

// strftimeFunc formats a date with SQLite's strftime codes; an unknown
// code gives NULL.
func strftimeFunc(a []term.Term) term.Term {
	f, ok := text(a[0])
	if !ok {
		return null
	}
	p, ok := isDate(a[1:])
	if !ok {
		return null
	}
	p.computeJD()
	p.computeYMDHMS()
	printf := func(format string, args ...term.Term) string { return sqlPrintf(format, args) }
	i64 := func(n int) term.Term { return term.Int(int64(n)) }
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			b.WriteByte(f[i])
			continue
		}
		i++
		if i >= len(f) {
			return null
		}
		switch cf := f[i]; cf {
		case 'd':
			b.WriteString(pad2(p.d))
		case 'e':
			b.WriteString(printf("%2d", i64(p.d)))
		case 'f':
			b.WriteString(printf("%06.3f", term.Float(min(p.s, 59.999))))
		case 'F':
			b.WriteString(printf("%04d-%02d-%02d", i64(p.y), i64(p.mo), i64(p.d)))
		case 'G', 'g':
			y := p.isoThursday()
			if cf == 'g' {
				b.WriteString(printf("%02d", i64(y.y%100)))
			} else {
				b.WriteString(printf("%04d", i64(y.y)))
			}
		case 'H':
			b.WriteString(pad2(p.h))
		case 'k':
			b.WriteString(printf("%2d", i64(p.h)))
		case 'I', 'l':
			h := p.h
			if h > 12 {
				h -= 12
			}
			if h == 0 {
				h = 12
			}
			if cf == 'I' {
				b.WriteString(pad2(h))
			} else {
				b.WriteString(printf("%2d", i64(h)))
			}
		case 'j':
			b.WriteString(printf("%03d", i64(p.daysAfterJan01()+1)))
		case 'J':
			b.WriteString(printf("%.16g", term.Float(float64(p.iJD)/msPerDay)))
		case 'm':
			b.WriteString(pad2(p.mo))
		case 'M':
			b.WriteString(pad2(p.mi))
		case 'p', 'P':
			am, pm := "AM", "PM"
			if cf == 'P' {
				am, pm = "am", "pm"
			}
			if p.h >= 12 {
				b.WriteString(pm)
			} else {
				b.WriteString(am)
			}
		case 'R':
			b.WriteString(pad2(p.h) + ":" + pad2(p.mi))
		case 's':
			if p.useSubsec {
				b.WriteString(printf("%.3f", term.Float(float64(p.iJD-unixEpochJDms)/1000.0)))
			} else {
				b.WriteString(strconv.FormatInt(p.iJD/1000-unixEpochJDms/1000, 10))
			}
		case 'S':
			b.WriteString(pad2(int(p.s)))
		case 'T':
			b.WriteString(pad2(p.h) + ":" + pad2(p.mi) + ":" + pad2(int(p.s)))
		case 'u', 'w':
			c := p.daysAfterSunday()
			if c == 0 && cf == 'u' {
				c = 7
			}
			b.WriteByte(byte('0' + c))
		case 'U':
			b.WriteString(pad2((p.daysAfterJan01() - p.daysAfterSunday() + 7) / 7))
		case 'V':
			y := p.isoThursday()
			b.WriteString(pad2(y.daysAfterJan01()/7 + 1))
		case 'W':
			b.WriteString(pad2((p.daysAfterJan01() - p.daysAfterMonday() + 7) / 7))
		case 'Y':
			b.WriteString(printf("%04d", i64(p.y)))
		case '%':
			b.WriteByte('%')
		default:
			return null
		}
	}
	return term.BinaryString(b.String())
}
