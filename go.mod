module github.com/etsql/etsql

go 1.26
