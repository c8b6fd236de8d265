package etsql

import "github.com/etsql/etsql/fixtures/northwind"

// LoadNorthwind creates the 11 tables of the Northwind fixture (see package
// fixtures/northwind) and fills them with its generated data set at the
// given scale: scale 1 has the classic row counts (830 orders, 77
// products, about 3,300 rows in all) and loads in milliseconds. It fails
// if one of the tables exists.
func (db *DB) LoadNorthwind(scale int) error {
	if _, err := db.Exec(northwind.Schema()); err != nil {
		return err
	}
	rows := map[string][][]any{}
	err := northwind.Generate(scale, func(table string, row []any) error {
		rows[table] = append(rows[table], row)
		return nil
	})
	if err != nil {
		return err
	}
	for _, t := range northwind.Tables() {
		if err := db.InsertRows(t.Name, rows[t.Name]); err != nil {
			return err
		}
	}
	return nil
}
