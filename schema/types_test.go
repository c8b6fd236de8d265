package schema

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/etsql/etsql/term"
)

func TestParseType(t *testing.T) {
	tests := []struct {
		name   string
		params []int
		want   Type
	}{
		{"INT", nil, Int}, {"integer", nil, Int}, {"BigInt", nil, Int}, {"SMALLINT", nil, Int},
		{"TINYINT", nil, Int}, {"MEDIUMINT", nil, Int}, {"INT8", nil, Int},
		{"INT", []int{11}, Int}, {"unsigned  big\tint", nil, Int},
		{"FLOAT", nil, Float}, {"FLOAT", []int{53}, Float}, {"REAL", nil, Float}, {"DOUBLE", nil, Float},
		{"double precision", nil, Float}, {"NUMERIC", nil, Float}, {"DECIMAL", []int{10, 2}, Float},
		{"numeric", []int{5}, Float}, {"FLOAT8", nil, Float},
		{"TEXT", nil, Text}, {"VARCHAR", []int{20}, Text}, {"varchar", nil, Text}, {"CHAR", []int{1}, Text},
		{"CHARACTER VARYING", []int{255}, Text}, {"character", nil, Text}, {"NVARCHAR", []int{40}, Text},
		{"NCHAR", nil, Text}, {"NTEXT", nil, Text}, {"CLOB", nil, Text}, {"STRING", nil, Text},
		{"BLOB", nil, Blob}, {"BYTEA", nil, Blob}, {"VARBINARY", []int{16}, Blob},
		{"BOOL", nil, Bool}, {"Boolean", nil, Bool},
		{"DATE", nil, Date},
		{"TIMESTAMP", nil, Timestamp}, {"timestamp", []int{3}, Timestamp}, {"DATETIME", nil, Timestamp},
		{"TIMESTAMPTZ", nil, Timestamp}, {"timestamp without time zone", nil, Timestamp},
		{"TIMESTAMP WITH TIME ZONE", nil, Timestamp},
		{"TERM", nil, Term}, {"term", nil, Term},
		{"ANY", nil, Any}, {"", nil, Any},
		// unknown names, by SQLite's affinity rules
		{"UNSIGNED INTEGER", nil, Int}, {"decimal point", nil, Int}, // "INT" in "POINT", as in SQLite {"MONEY", []int{10, 2}, Float},
		{"SHORTTEXT", nil, Text}, {"national varying character", []int{20}, Text},
		{"BLOBBY", nil, Any}, {"DOUBLEPRECISION", nil, Float}, {"floating point", nil, Int}, {"FLOATING", nil, Float},
		{"CHARINT", nil, Int}, {"my_type2", nil, Float},
	}
	for _, tt := range tests {
		got, err := ParseType(tt.name, tt.params)
		if err != nil || got != tt.want {
			t.Errorf("ParseType(%q, %v) = %v, %v; want %v", tt.name, tt.params, got, err, tt.want)
		}
	}
}

func TestParseType_errors(t *testing.T) {
	tests := []struct {
		name    string
		params  []int
		want    string
		wantErr error
	}{
		{`a"b`, nil, `unknown type "a""b"`, ErrUnknownType},
		{"9LIVES", nil, `unknown type "9LIVES"`, ErrUnknownType},
		{"MONEY", []int{1, 2, 3}, "type MONEY takes at most 2 parameters", ErrTypeParams},
		{"BOOL", []int{1}, "type BOOL takes no parameters", ErrTypeParams},
		{"varchar", []int{1, 2}, "type VARCHAR takes at most 1 parameter", ErrTypeParams},
		{"DECIMAL", []int{1, 2, 3}, "type DECIMAL takes at most 2 parameters", ErrTypeParams},
		{"VARCHAR", []int{-1}, "type VARCHAR: negative parameter -1", ErrTypeParams},
		{"TERM", []int{0}, "type TERM takes no parameters", ErrTypeParams},
	}
	for _, tt := range tests {
		_, err := ParseType(tt.name, tt.params)
		if err == nil || err.Error() != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("ParseType(%q, %v) error = %v; want %q (%v)", tt.name, tt.params, err, tt.want, tt.wantErr)
		}
	}
}

func TestType_DatabaseTypeName(t *testing.T) {
	want := map[Type]string{Int: "INT", Float: "FLOAT", Text: "TEXT", Blob: "BLOB", Bool: "BOOL",
		Date: "DATE", Timestamp: "TIMESTAMP", Term: "TERM", Any: "ANY", 0: "INVALID", 200: "INVALID"}
	for typ, name := range want {
		if got := typ.DatabaseTypeName(); got != name {
			t.Errorf("%d.DatabaseTypeName() = %q, want %q", typ, got, name)
		}
		if typ.Valid() != (name != "INVALID") {
			t.Errorf("%d.Valid() = %v", typ, typ.Valid())
		}
	}
	for name, spec := range typeSynonyms {
		typ, err := ParseType(spec.typ.String(), nil)
		if err != nil || typ != spec.typ {
			t.Errorf("canonical name of %s does not parse back: %v, %v", name, typ, err)
		}
	}
}

func TestType_ScanType(t *testing.T) {
	want := map[Type]reflect.Type{
		Int: reflect.TypeFor[int64](), Float: reflect.TypeFor[float64](), Text: reflect.TypeFor[string](),
		Blob: reflect.TypeFor[[]byte](), Bool: reflect.TypeFor[bool](), Date: reflect.TypeFor[time.Time](),
		Timestamp: reflect.TypeFor[time.Time](), Term: reflect.TypeFor[term.Term](), Any: reflect.TypeFor[any](), 0: nil,
	}
	for typ, rt := range want {
		if got := typ.ScanType(); got != rt {
			t.Errorf("%v.ScanType() = %v, want %v", typ, got, rt)
		}
	}
}
