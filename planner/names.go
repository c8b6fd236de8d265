package planner

import (
	"strings"

	"github.com/etsql/etsql/parser"
)

// columnName is the name SQLite gives a result column: the alias if any;
// for a plain column reference, the column's declared name; otherwise the
// expression's text as written.
func (p *planner) columnName(col *parser.ExprColumn, sc *scope) string {
	if col.Alias != "" {
		return string(col.Alias)
	}
	if ref, ok := col.Expr.(*parser.ColumnRef); ok {
		if r, err := sc.resolve(ref); err == nil {
			return r.col.name
		}
		return string(ref.Column)
	}
	if s := exprText(p.sql, col.Pos.Offset); s != "" {
		return s
	}
	return parser.Format(col.Expr)
}

// stopWords end a result column's text.
var stopWords = map[string]bool{
	"FROM": true, "AS": true, "WHERE": true, "GROUP": true, "HAVING": true, "ORDER": true,
	"LIMIT": true, "UNION": true, "INTERSECT": true, "EXCEPT": true, "WINDOW": true,
}

// exprText returns the text of the result column starting at offset in
// sql: up to the next top-level comma, closing parenthesis, semicolon or
// clause keyword, outside quotes and comments.
func exprText(sql string, offset int) string {
	if offset < 0 || offset >= len(sql) {
		return ""
	}
	depth := 0
	i := offset
	end := len(sql)
scan:
	for i < len(sql) {
		ch := sql[i]
		switch {
		case ch == '\'' || ch == '"' || ch == '`':
			j := i + 1
			for j < len(sql) {
				if sql[j] == ch {
					if j+1 < len(sql) && sql[j+1] == ch {
						j += 2
						continue
					}
					break
				}
				j++
			}
			i = j + 1
			continue
		case ch == '[':
			j := strings.IndexByte(sql[i:], ']')
			if j < 0 {
				break scan
			}
			i += j + 1
			continue
		case ch == '-' && i+1 < len(sql) && sql[i+1] == '-':
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				end = i
				break scan
			}
			i += j
			continue
		case ch == '(':
			depth++
		case ch == ')':
			if depth == 0 {
				end = i
				break scan
			}
			depth--
		case (ch == ',' || ch == ';') && depth == 0:
			end = i
			break scan
		case isWordByte(ch) && (i == offset || !isWordByte(sql[i-1])):
			j := i
			for j < len(sql) && isWordByte(sql[j]) {
				j++
			}
			if depth == 0 && i > offset && stopWords[strings.ToUpper(sql[i:j])] {
				end = i
				break scan
			}
			i = j
			continue
		}
		i++
	}
	return strings.TrimSpace(sql[offset:end])
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
