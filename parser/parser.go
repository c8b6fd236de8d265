package parser

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// stmtGrammar is the root of participle's grammar: one statement.
type stmtGrammar struct {
	Stmt Statement `parser:"@@"`
}

var (
	stmtParser   *participle.Parser[stmtGrammar]
	selectParser *participle.Parser[SelectStmt] // for subqueries inside expressions
	// The statements that start as others do (CREATE, DROP), which the
	// grammar, without lookahead, cannot tell apart: parseChunk picks
	// them by their leading words.
	createIndexParser *participle.Parser[CreateIndexStmt]
	dropIndexParser   *participle.Parser[DropIndexStmt]
	reindexParser     *participle.Parser[ReindexStmt]
	createViewParser  *participle.Parser[CreateViewStmt]
	dropViewParser    *participle.Parser[DropViewStmt]
	dropTriggerParser *participle.Parser[DropTriggerStmt]
)

// init builds the parsers (not in var initializers: the expression parser
// refers back to selectParser, which Go would see as a cycle).
func init() {
	opts := []participle.Option{
		participle.Lexer(sqlLexer{}),
		participle.CaseInsensitive("Keyword", "Ident"),
		participle.UseLookahead(0),
		participle.ParseTypeWith(parseExprGrammar),
		participle.ParseTypeWith(parseResultColumn),
		participle.Union[Statement](&SelectStmt{}, &InsertStmt{}, &UpdateStmt{}, &DeleteStmt{},
			&CreateTableStmt{}, &DropTableStmt{}, &AlterTableStmt{}, &ExplainStmt{}, &TransactionStmt{}),
		participle.Union[TableSource](&TableName{}, &SubquerySource{}),
		participle.Union[InsertSource](&Values{}, &SelectStmt{}),
		participle.Union[TableElement](&PrimaryKeyDef{}, &UniqueDef{}, &ColumnDef{}),
		participle.Union[AlterAction](&AddColumn{}, &DropColumn{}, &Rename{}),
	}
	stmtParser = participle.MustBuild[stmtGrammar](opts...)
	selectParser = participle.MustBuild[SelectStmt](opts...)
	createIndexParser = participle.MustBuild[CreateIndexStmt](opts...)
	dropIndexParser = participle.MustBuild[DropIndexStmt](opts...)
	reindexParser = participle.MustBuild[ReindexStmt](opts...)
	createViewParser = participle.MustBuild[CreateViewStmt](opts...)
	dropViewParser = participle.MustBuild[DropViewStmt](opts...)
	dropTriggerParser = participle.MustBuild[DropTriggerStmt](opts...)
}

// Parse parses exactly one statement; a trailing ";" is allowed.
func Parse(sql string) (Statement, error) {
	toks, err := tokenize(sql)
	if err != nil {
		return nil, err
	}
	chunks := splitStatements(toks)
	if len(chunks) == 0 {
		return nil, expected("statement", &toks[len(toks)-1])
	}
	if len(chunks) > 1 {
		return nil, expected("end of input", &chunks[1][0])
	}
	return parseChunk(chunks[0])
}

// ParseScript parses a ";"-separated script. Empty statements are
// skipped; each statement's Position is where it starts in sql, so a
// script runner can report FILE:LINE:COL. On an error it returns the
// statements before the failing one along with the error.
func ParseScript(sql string) ([]Statement, error) {
	toks, lexErr := tokenize(sql)
	if lexErr != nil {
		// Keep the statements whose ";" comes before the bad text.
		end := len(toks)
		for end > 0 && !isPunct(&toks[end-1], ";") {
			end--
		}
		toks = append(toks[:end:end], lexer.Token{Type: lexer.EOF})
	}
	var stmts []Statement
	for _, chunk := range splitStatements(toks) {
		s, err := parseChunk(chunk)
		if err != nil {
			return stmts, err
		}
		stmts = append(stmts, s)
	}
	return stmts, lexErr
}

// splitStatements cuts the token stream at each ";" into non-empty
// chunks, each ending with an EOF token that stands where the ";" or the
// end of input is; an EOF standing for a ";" has the value ";" so that
// errors can show it. No statement contains a ";" but CREATE TRIGGER,
// whose body's statements end with one: it ends at the ";" after the END
// of its body.
func splitStatements(toks []lexer.Token) [][]lexer.Token {
	var chunks [][]lexer.Token
	start := 0
	var trig *triggerSplit // following a CREATE TRIGGER chunk
	for i, t := range toks {
		if i == start {
			trig = nil
			if opensTrigger(toks[start:]) {
				trig = &triggerSplit{}
			}
		}
		if !t.EOF() && !isPunct(&t, ";") {
			if trig != nil {
				trig.see(&toks[i])
			}
			continue
		}
		if !t.EOF() && trig != nil && !trig.closed {
			continue
		}
		if i > start {
			chunk := make([]lexer.Token, 0, i-start+1)
			chunk = append(chunk, toks[start:i]...)
			chunks = append(chunks, append(chunk, lexer.Token{Type: lexer.EOF, Value: t.Value, Pos: t.Pos}))
		}
		start = i + 1
	}
	return chunks
}

// parseChunk parses one statement's tokens (ending with EOF).
func parseChunk(chunk []lexer.Token) (Statement, error) {
	lex, err := lexer.Upgrade(&sliceLexer{toks: chunk})
	if err != nil {
		return nil, convertError(err)
	}
	var stmt Statement
	switch {
	case leadingWords(chunk, "CREATE", "INDEX"), leadingWords(chunk, "CREATE", "UNIQUE", "INDEX"):
		stmt, err = createIndexParser.ParseFromLexer(lex)
	case leadingWords(chunk, "DROP", "INDEX"):
		stmt, err = dropIndexParser.ParseFromLexer(lex)
	case leadingWords(chunk, "REINDEX"):
		stmt, err = reindexParser.ParseFromLexer(lex)
	case leadingWords(chunk, "CREATE", "VIEW"), leadingWords(chunk, "CREATE", "TEMP", "VIEW"), leadingWords(chunk, "CREATE", "TEMPORARY", "VIEW"):
		stmt, err = createViewParser.ParseFromLexer(lex)
	case leadingWords(chunk, "DROP", "VIEW"):
		stmt, err = dropViewParser.ParseFromLexer(lex)
	case opensTrigger(chunk):
		stmt, err = parseCreateTrigger(chunk)
	case leadingWords(chunk, "DROP", "TRIGGER"):
		stmt, err = dropTriggerParser.ParseFromLexer(lex)
	default:
		var g *stmtGrammar
		if g, err = stmtParser.ParseFromLexer(lex); err == nil {
			stmt = g.Stmt
		}
	}
	if err != nil {
		return nil, improveError(convertError(err), chunk)
	}
	if err := flattenJoinGroups(stmt); err != nil {
		return nil, err
	}
	numberPlaceholders(stmt)
	return stmt, nil
}

// leadingWords reports whether the chunk starts with the words (any case).
func leadingWords(chunk []lexer.Token, words ...string) bool {
	if len(chunk) <= len(words) {
		return false
	}
	for i, w := range words {
		if !strings.EqualFold(chunk[i].Value, w) || (chunk[i].Type != tokKeyword && chunk[i].Type != tokIdent) {
			return false
		}
	}
	return true
}

// convertError turns participle's errors into *Error.
func convertError(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var ute *participle.UnexpectedTokenError
	if errors.As(err, &ute) {
		return expected(expectation(ute), &ute.Unexpected)
	}
	var perr participle.Error
	if errors.As(err, &perr) {
		return syntaxErrorf(perr.Position(), "%s", perr.Message())
	}
	return &Error{Pos: lexer.Position{Line: 1, Column: 1}, Msg: err.Error(), Err: ErrSyntax}
}

// improveError rewords "expected end of statement" errors, which
// participle gives when it stops early: at the statement's first token it
// means no statement starts there; next to a misspelled clause keyword
// (FORM for FROM, which the grammar first read as an alias) it names the
// keyword, as SQLite users would hope.
func improveError(err error, chunk []lexer.Token) error {
	var e *Error
	if !errors.As(err, &e) || !strings.HasPrefix(e.Msg, "expected end of statement, ") {
		return err
	}
	at := 0
	for at < len(chunk)-1 && chunk[at].Pos.Offset < e.Pos.Offset {
		at++
	}
	if at == 0 {
		return expected("statement", &chunk[0])
	}
	for _, i := range []int{at, at - 1} {
		if kw := nearKeyword(&chunk[i]); kw != "" {
			return expected(kw, &chunk[i])
		}
	}
	return err
}

// clauseKeywords are the keywords nearKeyword suggests.
var clauseKeywords = []string{"FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT",
	"OFFSET", "UNION", "INTERSECT", "EXCEPT", "JOIN", "SELECT", "VALUES"}

// nearKeyword returns the clause keyword that the bare identifier t
// misspells by one edit or one swap of neighbours (FORM for FROM), or "".
func nearKeyword(t *lexer.Token) string {
	if t.Type != tokIdent || len(t.Value) < 4 {
		return ""
	}
	w := strings.ToUpper(t.Value)
	for _, kw := range clauseKeywords {
		if oneEditApart(w, kw) {
			return kw
		}
	}
	return ""
}

// oneEditApart reports whether a becomes b by one insertion, deletion,
// substitution or swap of adjacent bytes.
func oneEditApart(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) < len(b) {
		return a[i:] == b[i+1:]
	}
	if a[i+1:] == b[i+1:] {
		return true
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// expectation renders what participle expected in words a SQL user reads.
// participle describes the rest of the production that failed, e.g.
// `"INTO" (<ident> | <qident>) ...`; only the tokens that could come next
// (the production's FIRST set) matter: here "INTO". No expectation means
// the statement was complete but more text followed.
func expectation(ute *participle.UnexpectedTokenError) string {
	msg := ute.Message()
	i := strings.LastIndex(msg, " (expected ")
	if i < 0 || !strings.HasSuffix(msg, ")") {
		return "end of statement"
	}
	r := &ebnfReader{toks: ebnfTokens(msg[i+len(" (expected ") : len(msg)-1])}
	first, _ := r.alternatives()
	var words []string
	seen := map[string]bool{}
	for _, f := range first {
		w := readableTerminal(f)
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return "end of statement"
	}
	return orList(words)
}

// grammarWords names the grammar's productions and token types.
var grammarWords = map[string]string{
	"Expr": "expression", "Statement": "statement", "ResultColumn": "expression",
	"FromClause": "table name or subquery", "TableSource": "table name or subquery",
	"InsertSource": "VALUES or SELECT", "ValuesRow": `"("`, "TableElement": "column definition",
	"ColumnDef": "column definition", "ColumnConstraint": "column constraint",
	"TypeName": "type name", "SelectStmt": "SELECT", "SelectCore": "SELECT",
	"CompoundSelect": "UNION, INTERSECT or EXCEPT", "OrderingTerm": "expression",
	"Assignment": "column name", "IndexColumn": "column name",
	"AlterAction": "ADD, DROP or RENAME", "AddColumn": "ADD", "DropColumn": "DROP", "Rename": "RENAME", "TableOption": "option name", "ExplainOption": "ANALYZE or FORMAT",
	"Limit": "LIMIT", "Join": "JOIN", "<ident>": "name", "<qident>": "name", "<int>": "integer",
	"<keyword>": "value", "<float>": "value", "<string>": "value",
}

// readableTerminal renders one element of a FIRST set.
func readableTerminal(t string) string {
	if uq, err := strconv.Unquote(t); err == nil {
		if isWord(uq) {
			return strings.ToUpper(uq)
		}
		return t // punctuation stays quoted: "("
	}
	if w, ok := grammarWords[t]; ok {
		return w
	}
	return t
}

// ebnfTokens splits participle's EBNF rendering into quoted literals,
// names, <tokens> and the operators ( ) | ? * +.
func ebnfTokens(s string) []string {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ':
			i++
		case c == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(s))
			toks = append(toks, s[i:j])
			i = j
		case strings.IndexByte("()|?*+!", c) >= 0:
			toks = append(toks, s[i:i+1])
			i++
		default:
			j := i
			for j < len(s) && strings.IndexByte(" ()|?*+!\"", s[j]) < 0 {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		}
	}
	return toks
}

// ebnfReader computes FIRST sets over ebnfTokens output.
type ebnfReader struct {
	toks []string
	i    int
}

func (r *ebnfReader) peek() string {
	if r.i < len(r.toks) {
		return r.toks[r.i]
	}
	return ""
}

// alternatives reads "seq | seq ..." and returns its FIRST set and
// whether it can match nothing.
func (r *ebnfReader) alternatives() (first []string, nullable bool) {
	for {
		f, n := r.sequence()
		first = append(first, f...)
		nullable = nullable || n
		if r.peek() != "|" {
			return first, nullable
		}
		r.i++
	}
}

func (r *ebnfReader) sequence() (first []string, nullable bool) {
	nullable = true
	for p := r.peek(); p != "" && p != "|" && p != ")"; p = r.peek() {
		f, n := r.item()
		if nullable {
			first = append(first, f...)
		}
		nullable = nullable && n
	}
	return first, nullable
}

func (r *ebnfReader) item() (first []string, nullable bool) {
	switch t := r.peek(); t {
	case "(":
		r.i++
		first, nullable = r.alternatives()
		if r.peek() == ")" {
			r.i++
		}
	case "!":
		r.i++
		r.item()
		first = []string{"token"}
	default:
		r.i++
		first = []string{t}
	}
	switch r.peek() {
	case "?", "*":
		r.i++
		nullable = true
	case "+":
		r.i++
	}
	return first, nullable
}

func isWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentStart(s[i]) && !(i > 0 && isDigit(s[i])) {
			return false
		}
	}
	return true
}

// orList renders ["a", "b", "c"] as "a, b or c".
func orList(alts []string) string {
	if len(alts) == 1 {
		return alts[0]
	}
	return strings.Join(alts[:len(alts)-1], ", ") + " or " + alts[len(alts)-1]
}

// numberPlaceholders gives each Placeholder its Index in order of
// appearance: N for ?N and $N; for "?" one more than the largest so far;
// for a name, its number if it appeared before, else one more than the
// largest so far.
func numberPlaceholders(stmt Statement) {
	var ps []*Placeholder
	Inspect(stmt, func(n Node) bool {
		if p, ok := n.(*Placeholder); ok {
			ps = append(ps, p)
		}
		return true
	})
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Pos.Offset < ps[j].Pos.Offset })
	largest := 0
	var named map[string]int
	for _, p := range ps {
		if n, err := strconv.Atoi(p.Text[1:]); err == nil && n > 0 {
			p.Index = n
		} else if p.Name() == "" {
			p.Index = largest + 1
		} else if i, ok := named[p.Text]; ok {
			p.Index = i
		} else {
			p.Index = largest + 1
			if named == nil {
				named = map[string]int{}
			}
			named[p.Text] = p.Index
		}
		largest = max(largest, p.Index)
	}
}

// ParamNames returns the names of stmt's parameters by number:
// names[i] is the name of parameter i+1 (see Placeholder.Name), "" for a
// numbered one, for NumInput parameters. It is nil when no parameter has
// a name.
func ParamNames(stmt Statement) []string {
	var names []string
	Inspect(stmt, func(node Node) bool {
		if p, ok := node.(*Placeholder); ok && p.Name() != "" {
			if len(names) < p.Index {
				names = append(names, make([]string, p.Index-len(names))...)
			}
			names[p.Index-1] = p.Name()
		}
		return true
	})
	if names != nil {
		if n := NumInput(stmt); len(names) < n {
			names = append(names, make([]string, n-len(names))...)
		}
	}
	return names
}

// NumInput returns the number of parameters stmt takes: the largest
// placeholder Index (0 if it has none). database/sql drivers report it.
func NumInput(stmt Statement) int {
	n := 0
	Inspect(stmt, func(node Node) bool {
		if p, ok := node.(*Placeholder); ok {
			n = max(n, p.Index)
		}
		return true
	})
	return n
}
