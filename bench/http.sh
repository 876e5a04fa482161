#!/bin/sh
# bench/http.sh: capnet against nginx, side by side on this machine, in one run. For
# each database it starts capnet on the demo data (or the data of `capnet demo
# --scale SCALE`) and nginx serving static copies of capnet's answers, and prints,
# first, the figures made anew (a fresh query string on every request, so that the
# answer cache never serves it) and then the cached ones (one URL repeated), for:
#   GET /api/v1/networks/N?include=teams, the network page /networks/N, the plan page
# with `wrk -t2 -c64 -d10s`: requests/s, p50, p99, capnet's CPU per request, nginx's
# requests/s and the ratio capnet/nginx; then capnet's peak RSS. With --scale state,
# also the statewide profile's server time and the library search's p99.
# Goals (issue 16), made anew: ratio >= 0.5 / 0.25 / 0.3 on SQLite, >= 0.3 / 0.1 / 0.15
# on PostgreSQL; p99 <= 20 ms; RSS <= 64 MB. Never run by `make check`. Only 127.0.0.1
# is ever a target.
#
# usage: bench/http.sh [--db sqlite|pg|both|postgresql://...] [--scale SCALE]
#   both (default): SQLite, then PostgreSQL;
#   sqlite: a new SQLite file in a private folder;
#   pg: a throwaway PostgreSQL cluster (tests/pg_cluster.sh) on a Unix socket;
#   postgresql://...: an existing, empty database (the demo data is loaded into it).
# Environment: CAPNET (binary, default ./capnet), DURATION (default 10s), CONNECTIONS
# (default 64), THREADS (capnet's, default 2; see README for PostgreSQL), ROUNDS
# (capnet and nginx in turn this many times, medians reported; default 1).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
capnet=${CAPNET:-$top/capnet}
duration=${DURATION:-10s}
conns=${CONNECTIONS:-64}
threads=${THREADS:-2}
dbs="sqlite pg"
scale=""
while [ $# -gt 0 ]; do
	case $1 in
	--db) [ $# -gt 1 ] || { echo "bench/http.sh: --db needs a value" >&2; exit 2; }; dbs=$2; shift 2 ;;
	--db=*) dbs=${1#--db=}; shift ;;
	--scale) [ $# -gt 1 ] || { echo "bench/http.sh: --scale needs a value" >&2; exit 2; }; scale=$2; shift 2 ;;
	--scale=*) scale=${1#--scale=}; shift ;;
	-h | --help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench/http.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
done
[ "$dbs" != both ] || dbs="sqlite pg"
. "$top/bench/lib/http.sh"
bench_begin http.sh wrk nginx curl python3 sqlite3 psql
mkdir -p "$dir/www"
nginx_start "$dir/www" text/html
echo ok >"$dir/www/up"
wait_http nginx "http://127.0.0.1:$nport/up"

for db in $dbs; do
	bench_db "$db"
	label=$(echo "$CAPNET_DB" | cut -d: -f1)
	"$capnet" init >/dev/null 2>&1
	t0=$(date +%s.%N)
	"$capnet" demo ${scale:+--scale "$scale"} >"$dir/demo.log" 2>&1 ||
		{ echo "bench/http.sh: capnet demo failed (is the database empty?):" >&2; cat "$dir/demo.log" >&2; exit 1; }
	made=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
	admin=$(sql "SELECT p.email FROM person p JOIN membership m ON m.person_id = p.id WHERE m.role = 'admin' AND m.active = 1 AND p.email IS NOT NULL ORDER BY p.id LIMIT 1")
	token=$("$capnet" token create --email "$admin" 2>/dev/null)
	port=$(free_port)
	"$capnet" serve --listen "127.0.0.1:$port" --threads "$threads" 2>>"$dir/access.log" &
	capnet_pid=$!
	wait_http capnet "http://127.0.0.1:$port/healthz"
	echo
	echo "== $label (demo${scale:+ --scale $scale} made in $made s), capnet --threads $threads"
	anew_rows "$label" "$port" "$token"
	if [ -n "$scale" ]; then
		# Server time (the access log's "us") of GETs made one after another: every
		# network's profile (all teams of all networks: the statewide profile) and 200
		# library searches for different words.
		: >"$dir/access.log"
		c0=$(cpu $capnet_pid)
		for n in $(sql "SELECT id FROM network ORDER BY id"); do
			curl -s -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/networks/$n/profile"
		done
		c1=$(cpu $capnet_pid)
		for w in fraction reading routine discourse feedback vocabulary argument model inquiry writing; do
			i=0
			while [ $i -lt 20 ]; do
				i=$((i + 1))
				curl -s -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/library/search?q=$w&r=$i"
			done
		done
		sleep 0.3
		c2=$(cpu $capnet_pid)
		python3 - "$dir/access.log" "$c0" "$c1" "$c2" <<'PY'
import json, sys
c0, c1, c2 = (float(x) for x in sys.argv[2:5])
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
prof = [r for r in rows if r["path"].endswith("/profile")]
lib = sorted(r["us"] for r in rows if r["path"] == "/api/v1/library/search")
bad = [r["status"] for r in rows if r["status"] != 200]
print("statewide profile (every team of every network, %d networks): %.1f ms of server time,"
      " %.1f ms of capnet CPU (goal < 100)" % (len(prof), sum(r["us"] for r in prof) / 1000, (c1 - c0) * 1000))
print("library search, %d searches one at a time: median %.2f ms, p99 %.2f ms, CPU %.2f ms each (goal p99 < 5)%s"
      % (len(lib), lib[len(lib) // 2] / 1000, lib[len(lib) * 99 // 100] / 1000, (c2 - c1) * 1000 / max(len(lib), 1),
         "; not 200: %s" % bad if bad else ""))
PY
	fi
	echo "capnet peak RSS: $(awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$capnet_pid/status") MB (goal <= 64)"
	kill "$capnet_pid" && wait "$capnet_pid" || true
	capnet_pid=""
	bench_db_end
done
