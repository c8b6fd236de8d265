package schema

import (
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/etsql/etsql/term"
)

// Type is the declared type of a column. The zero Type is not a type.
type Type uint8

// The column types. See the package documentation for the Erlang term
// each stores.
const (
	Int       Type = iota + 1 // integer of any size
	Float                     // 64-bit float
	Text                      // UTF-8 binary
	Blob                      // binary of any bytes
	Bool                      // atom true or false
	Date                      // {Y, M, D}
	Timestamp                 // {{Y, M, D}, {H, Mi, S}}
	Term                      // any Erlang term, as is
	Any                       // any SQL value, as is: SQLite's column without affinity
)

var typeNames = [...]string{
	Int:       "INT",
	Float:     "FLOAT",
	Text:      "TEXT",
	Blob:      "BLOB",
	Bool:      "BOOL",
	Date:      "DATE",
	Timestamp: "TIMESTAMP",
	Term:      "TERM",
	Any:       "ANY",
}

// String returns the type's canonical SQL name: "INT", "FLOAT", "TEXT",
// "BLOB", "BOOL", "DATE", "TIMESTAMP", "TERM" or "ANY".
func (t Type) String() string {
	if t.Valid() {
		return typeNames[t]
	}
	return "INVALID"
}

// DatabaseTypeName returns the name reported in column metadata (as
// database/sql's ColumnType.DatabaseTypeName): the canonical name, so a
// column declared VARCHAR(20) reports "TEXT".
func (t Type) DatabaseTypeName() string { return t.String() }

// Valid reports whether t is one of the declared types.
func (t Type) Valid() bool { return t >= Int && t <= Any }

// ScanType returns the Go type ToGo gives for a non-NULL value of type t
// (database/sql's ColumnType.ScanType): int64, float64, string, []byte,
// bool, time.Time, term.Term for TERM columns, or any for ANY columns
// (whose values are int64, float64 or string by their class). INT values
// beyond 64 bits come back as *big.Int.
func (t Type) ScanType() reflect.Type {
	switch t {
	case Int:
		return reflect.TypeFor[int64]()
	case Float:
		return reflect.TypeFor[float64]()
	case Text:
		return reflect.TypeFor[string]()
	case Blob:
		return reflect.TypeFor[[]byte]()
	case Bool:
		return reflect.TypeFor[bool]()
	case Date, Timestamp:
		return reflect.TypeFor[time.Time]()
	case Term:
		return reflect.TypeFor[term.Term]()
	case Any:
		return reflect.TypeFor[any]()
	}
	return nil
}

// typeSpec is one accepted type name: the type it means and the most
// parameters it takes (VARCHAR(n) takes one, DECIMAL(p, s) two). The
// parameters are accepted for compatibility and otherwise ignored.
type typeSpec struct {
	typ       Type
	maxParams int
}

// typeSynonyms maps every accepted type name, upper case with single
// spaces, to its type.
var typeSynonyms = map[string]typeSpec{
	"INT": {Int, 1}, "INTEGER": {Int, 1}, "BIGINT": {Int, 1}, "SMALLINT": {Int, 1},
	"TINYINT": {Int, 1}, "MEDIUMINT": {Int, 1}, "INT2": {Int, 0}, "INT4": {Int, 0},
	"INT8": {Int, 0}, "UNSIGNED BIG INT": {Int, 0},

	"FLOAT": {Float, 1}, "REAL": {Float, 0}, "DOUBLE": {Float, 0},
	"DOUBLE PRECISION": {Float, 0}, "FLOAT4": {Float, 0}, "FLOAT8": {Float, 0},
	"NUMERIC": {Float, 2}, "DECIMAL": {Float, 2},

	"TEXT": {Text, 0}, "VARCHAR": {Text, 1}, "CHAR": {Text, 1}, "CHARACTER": {Text, 1},
	"CHARACTER VARYING": {Text, 1}, "VARYING CHARACTER": {Text, 1}, "NCHAR": {Text, 1},
	"NVARCHAR": {Text, 1}, "NATIVE CHARACTER": {Text, 1}, "NTEXT": {Text, 0},
	"CLOB": {Text, 0}, "STRING": {Text, 0},

	"BLOB": {Blob, 0}, "BYTEA": {Blob, 0}, "BINARY": {Blob, 1}, "VARBINARY": {Blob, 1},

	"BOOL": {Bool, 0}, "BOOLEAN": {Bool, 0},

	"DATE": {Date, 0},

	"TIMESTAMP": {Timestamp, 1}, "DATETIME": {Timestamp, 1}, "TIMESTAMPTZ": {Timestamp, 1},
	"TIMESTAMP WITHOUT TIME ZONE": {Timestamp, 1}, "TIMESTAMP WITH TIME ZONE": {Timestamp, 1},

	"TERM": {Term, 0},

	"ANY": {Any, 0},
}

// ParseType returns the type a column declaration names, from the type name
// and the parenthesised parameters the parser captured (VARCHAR(20) is
// ParseType("VARCHAR", []int{20})). Names are case-insensitive and may be
// several words ("double precision"). The accepted names are:
//
//	INT        INT, INTEGER, BIGINT, SMALLINT, TINYINT, MEDIUMINT, INT2, INT4,
//	           INT8, UNSIGNED BIG INT
//	FLOAT      FLOAT, REAL, DOUBLE, DOUBLE PRECISION, FLOAT4, FLOAT8,
//	           NUMERIC, DECIMAL (binary floats: not exact decimals)
//	TEXT       TEXT, VARCHAR, CHAR, CHARACTER, CHARACTER VARYING, VARYING
//	           CHARACTER, NCHAR, NVARCHAR, NATIVE CHARACTER, NTEXT, CLOB, STRING
//	BLOB       BLOB, BYTEA, BINARY, VARBINARY
//	BOOL       BOOL, BOOLEAN
//	DATE       DATE
//	TIMESTAMP  TIMESTAMP, DATETIME, TIMESTAMPTZ, TIMESTAMP WITH[OUT] TIME ZONE
//	TERM       TERM
//	ANY        ANY, and a column declared without a type
//
// Any other name gets the type of its SQLite affinity (see
// AffinityType): "UNSIGNED INTEGER" is INT, "SHORTTEXT" is TEXT, "BLOBBY"
// is ANY, "FLOATING" is FLOAT, "FLOATING POINT" is INT (it contains "INT",
// as in SQLite), and a name matching no rule ("MONEY") is FLOAT, as
// NUMERIC is.
//
// Lengths, precisions and scales (VARCHAR(20), DECIMAL(10, 2),
// TIMESTAMP(3)) are accepted and not enforced, as in SQLite; a known type
// given more parameters than it takes, or a negative one, is an
// ErrTypeParams error; a name known by its affinity takes up to two, as
// SQLite's grammar allows. An empty name is ANY. A name that is not made
// of words (a digit first, a quote) is an ErrUnknownType error.
func ParseType(name string, params []int) (Type, error) {
	norm := strings.ToUpper(strings.Join(strings.Fields(name), " "))
	spec, ok := typeSynonyms[norm]
	if !ok {
		if !typeWords(norm) {
			return 0, errorf(ErrUnknownType, "unknown type %s", quoteName(name))
		}
		spec = typeSpec{AffinityType(norm), 2}
	}
	if len(params) > spec.maxParams {
		return 0, errorf(ErrTypeParams, "type %s takes %s", norm, paramCount(spec.maxParams))
	}
	for _, p := range params {
		if p < 0 {
			return 0, errorf(ErrTypeParams, "type %s: negative parameter %d", norm, p)
		}
	}
	return spec.typ, nil
}

// AffinityType returns the type a column type name not otherwise known
// maps to, by SQLite's rules for column affinity (tried in this order, on
// the name in any case):
//
//	contains "INT"                      INT      (INTEGER affinity)
//	contains "CHAR", "CLOB" or "TEXT"   TEXT     (TEXT affinity)
//	contains "BLOB", or is empty        ANY      (BLOB affinity: none)
//	contains "REAL", "FLOA" or "DOUB"   FLOAT    (REAL affinity)
//	anything else                       FLOAT    (NUMERIC affinity, as the
//	                                             NUMERIC type is FLOAT)
func AffinityType(name string) Type {
	n := strings.ToUpper(name)
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(n, s) {
				return true
			}
		}
		return false
	}
	switch {
	case has("INT"):
		return Int
	case has("CHAR", "CLOB", "TEXT"):
		return Text
	case has("BLOB") || strings.TrimSpace(n) == "":
		return Any
	}
	return Float // REAL affinity, and NUMERIC's (see ParseType)
}

// typeWords reports whether a type name is words of letters, digits and
// underscores, each starting with a letter or underscore, as the SQL
// parser reads a type name.
func typeWords(name string) bool {
	for _, w := range strings.Fields(name) {
		for i, r := range w {
			letter := r == '_' || unicode.IsLetter(r)
			if !letter && (i == 0 || !unicode.IsDigit(r)) {
				return false
			}
		}
	}
	return true
}

func paramCount(n int) string {
	switch n {
	case 0:
		return "no parameters"
	case 1:
		return "at most 1 parameter"
	}
	return "at most " + strconv.Itoa(n) + " parameters"
}

// quoteName quotes a name for an error message, SQL style.
func quoteName(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
