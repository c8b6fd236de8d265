// Package tests holds etsql's end-to-end tests: logic-test files in
// testdata/*.test run through the Go API, SQLite's own sqllogictest files
// in testdata/sqllogictest run as SQLite's runner runs them
// (TestSQLLogic), and the differential test against SQLite (and real ETS
// for the match specifications) over the real Northwind data.
package tests
