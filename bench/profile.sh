#!/bin/sh
# CPU profiles of etsql's three systems, one per operation, and the top
# functions of each (the README's "where the time goes"):
#
#	sh bench/profile.sh [ROWS] [DIR]    # default 1M, /tmp/etsql-profiles
set -eu
ROWS=${1:-1M}
DIR=${2:-/tmp/etsql-profiles}
go run ./bench -rows "$ROWS" -systems etsql,etsql-sql,etsql-driver -budget 1s -profile "$DIR" > "$DIR.md"
for f in "$DIR"/*.pprof; do
	echo "== $(basename "$f" .pprof)"
	go tool pprof -top -nodecount=12 "$f" 2>/dev/null | sed -n '/flat%/,$p'
done
