package parser

// flattenJoinGroups splices every parenthesized join of the statement's
// FROM clauses into the FROM clause around it, as SQLite does:
// "FROM (a CROSS JOIN b) JOIN c ON p" is "FROM a CROSS JOIN b JOIN c ON p".
// A group's first table takes the join kind written before the group, and
// an ON written after the group joins the ON of the group's last table
// (with AND). Splicing keeps the meaning for inner joins, and for a group
// that opens its FROM clause; a group holding a LEFT JOIN elsewhere, or on
// the right of a LEFT JOIN, or with an alias, is an error.
func flattenJoinGroups(stmt Statement) error {
	var err error
	Inspect(stmt, func(n Node) bool {
		if core, ok := n.(*SelectCore); ok && core.From != nil {
			err = flattenFrom(core.From)
		}
		return err == nil
	})
	return err
}

// flattenFrom splices the join groups of one FROM clause.
func flattenFrom(f *FromClause) error {
	if !hasJoinGroup(f) {
		return nil
	}
	first := &Join{Pos: f.Pos, Table: f.Table}
	var out []*Join
	for i, j := range append([]*Join{first}, f.Joins...) {
		g, ok := j.Table.(*SubquerySource)
		if !ok || g.Group == nil {
			out = append(out, j)
			continue
		}
		if g.Alias != "" {
			return syntaxErrorf(g.Pos, "a parenthesized join cannot have an alias")
		}
		if err := flattenFrom(g.Group); err != nil {
			return err
		}
		inner := append([]*Join{{Pos: g.Group.Pos, Table: g.Group.Table}}, g.Group.Joins...)
		for k, ij := range inner {
			if ij.Kind == JoinLeft && i > 0 {
				return syntaxErrorf(ij.Pos, "a parenthesized LEFT JOIN must open the FROM clause")
			}
			if k > 0 && j.Kind == JoinLeft {
				return syntaxErrorf(g.Pos, "a parenthesized join cannot be on the right of LEFT JOIN")
			}
		}
		inner[0].Kind = j.Kind
		last := inner[len(inner)-1]
		switch {
		case j.On == nil:
		case last.On == nil:
			last.On = j.On
		default:
			last.On = &BinaryExpr{Pos: last.On.Position(), OpPos: j.On.Position(), Op: OpAnd, L: last.On, R: j.On}
		}
		out = append(out, inner...)
	}
	f.Table, f.Joins = out[0].Table, out[1:]
	return nil
}

// hasJoinGroup reports whether a FROM clause holds a parenthesized join.
func hasJoinGroup(f *FromClause) bool {
	for _, t := range append([]TableSource{f.Table}, joinTables(f.Joins)...) {
		if g, ok := t.(*SubquerySource); ok && g.Group != nil {
			return true
		}
	}
	return false
}

func joinTables(js []*Join) []TableSource {
	out := make([]TableSource, len(js))
	for i, j := range js {
		out[i] = j.Table
	}
	return out
}
