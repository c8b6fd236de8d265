#!/bin/sh
# Regenerates the README's performance figures and the scaling plot from
# one run at 10k, 100k, 1M and 5M rows (about half an hour on 2 cores;
# 5M needs several GB of memory, most of it go-memdb's): the 1M table goes into the
# README's results block, every table into docs/bench/results.md, the
# figures into docs/bench/scaling.json, the curves into
# docs/bench/scaling.png. Run it from the repository's root:
#
#	sh bench/regen.sh            # all sizes
#	ROWS=10k,100k,1M sh bench/regen.sh
set -eu
ROWS=${ROWS:-10k,100k,1M,5M}
go run ./bench -rows "$ROWS" -readme README.md -readme-rows 1M \
	-md docs/bench/results.md -json docs/bench/scaling.json
go run ./bench/plot -in docs/bench/scaling.json -out docs/bench/scaling.png
