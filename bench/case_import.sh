#!/bin/sh
# bench/case_import.sh [N]: times `capnet import case` of a synthetic N-item CASE
# package (default 10000) on a fresh database, a re-import of the same package
# (nothing changes), and a re-import of a version in which a quarter of the
# statements changed. Target (issue 4): the first import of 10,000 items in under
# 1 s. Prints the best and the median of 5 runs, wall clock and CPU (user + system),
# since on a shared machine the wall clock also measures the neighbours.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-10000}
capnet=${CAPNET_BIN:-$top/capnet}
work=$(mktemp -d "${TMPDIR:-/tmp}/capnet-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/case_gen" "$top/bench/case_gen.c"
"$work/case_gen" "$n" >"$work/pkg.json"
# The new version: the statements of the components (a quarter of the items) change.
sed 's/\("fullStatement": "[a-z]*\) \([a-z]*\)\(.*"CFItemType": "Component"\)/\1 revised \2\3/' \
	"$work/pkg.json" >"$work/pkg2.json"
echo "package: $n items, $(wc -c <"$work/pkg.json" | tr -d ' ') bytes"

# timed NAME ARGS...: runs capnet, appends "wall_ms cpu_ms" to $work/NAME.
timed() {
	name=$1
	shift
	/usr/bin/time -f "%e %U %S" -o "$work/t" "$capnet" "$@" >"$work/out" 2>/dev/null
	awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' "$work/t" >>"$work/$name"
}
# report NAME LABEL: best and median of the wall and CPU times in $work/NAME.
report() {
	for k in 1 2; do
		cut -d' ' -f"$k" "$work/$1" | sort -n | awk -v label="$2" -v kind="$k" '
			{ t[NR] = $1 }
			END { printf "%-30s %-4s best %5d ms  median %5d ms\n",
				kind == 1 ? label : "", kind == 1 ? "wall" : "cpu", t[1], t[int((NR + 1) / 2)] }'
	done
}
for run in 1 2 3 4 5; do
	export CAPNET_DB="sqlite:$work/run.db"
	rm -f "$work"/run.db*
	"$capnet" init 2>/dev/null
	timed fresh import case "$work/pkg.json"
	timed again import case "$work/pkg.json"
	timed update import case "$work/pkg2.json" --format json
done
report fresh "import on a fresh database"
report again "re-import, nothing changed"
report update "re-import, statements changed"
tr ',' '\n' <"$work/out" | grep -E '"items_(added|updated|unchanged)"' | tr '\n' ' '
echo
