#!/bin/sh
# bench/oneroster.sh: times `capnet import oneroster` of a generated bundle (200
# districts, 2,000 schools, 50,000 staff, 20,000 students) into a fresh database,
# then the same bundle again (nothing changes), and prints the wall time and the peak
# memory (with GNU time when installed). Target: the first import under 5 s.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
capnet=${CAPNET_BIN:-$top/capnet}
work=$(mktemp -d "${TMPDIR:-/tmp}/capnet-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$top/bench/oneroster_gen" "$work/bundle"
export CAPNET_DB="sqlite:$work/bench.db"
"$capnet" init 2>/dev/null
timed() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "  %e s wall, %M KB peak RSS" "$@" >"$work/out" 2>"$work/err" || {
			cat "$work/err"; exit 1; }
		tail -n 1 "$work/err"
	else
		start=$(date +%s.%N)
		"$@" >"$work/out"
		end=$(date +%s.%N)
		echo "  $(echo "$end - $start" | bc) s wall"
	fi
}
echo "first import (fresh database):"
timed "$capnet" import oneroster "$work/bundle"
sed 's/^/    /' "$work/out"
echo "same bundle again (no change):"
timed "$capnet" import oneroster "$work/bundle"
sed -n '3,7p' "$work/out" | sed 's/^/    /'
