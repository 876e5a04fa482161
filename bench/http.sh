#!/bin/sh
# bench/http.sh: capnet's API against nginx, side by side on this machine. Starts capnet
# on demo data and nginx serving a static file as large as capnet's answer to
# GET /api/v1/networks/{id}?include=teams, runs `wrk -t2 -c64 -d10s` against each in
# turn, and prints requests/s, p50, p99, the ratio capnet/nginx and capnet's peak RSS;
# then the same with two capnet processes sharing the port (`serve --reuse-port`).
# Targets: ratio >= 0.6, p99 <= 10 ms, RSS <= 64 MB. Never run by `make check`.
# Only 127.0.0.1 is ever a target.
#
# usage: bench/http.sh [--db sqlite|pg|postgresql://...]
#   sqlite (default): a new SQLite file in a private folder;
#   pg: a throwaway PostgreSQL cluster (tests/pg_cluster.sh) on a Unix socket;
#   postgresql://...: an existing, empty database (the demo data is loaded into it).
# Environment: CAPNET (binary, default ./capnet), DURATION (default 10s), CONNECTIONS
# (default 64), THREADS (capnet's per process, default 2), ROUNDS (capnet and nginx in
# turn this many times, medians reported; default 1), PROCESSES ("1 2": the runs made).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
capnet=${CAPNET:-$top/capnet}
duration=${DURATION:-10s}
conns=${CONNECTIONS:-64}
threads=${THREADS:-2}
db=sqlite
while [ $# -gt 0 ]; do
	case $1 in
	--db) [ $# -gt 1 ] || { echo "bench/http.sh: --db needs a value" >&2; exit 2; }; db=$2; shift 2 ;;
	--db=*) db=${1#--db=}; shift ;;
	-h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench/http.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
done
. "$top/bench/lib/http.sh"
case $db in
sqlite) bench_begin http.sh wrk nginx curl python3 sqlite3 ;;
*) bench_begin http.sh wrk nginx curl python3 psql ;;
esac

# The database, and sql QUERY printing its rows.
case $db in
sqlite)
	export CAPNET_DB="sqlite:$dir/capnet.db"
	sql() { sqlite3 "$dir/capnet.db" "$1"; }
	;;
pg)
	pg_dir="$dir/pg"
	url=$(sh "$top/tests/pg_cluster.sh" start "$pg_dir") ||
		{ echo "bench/http.sh: no PostgreSQL here; run scripts/deps test" >&2; exit 1; }
	export CAPNET_DB="$url"
	;;
postgresql:* | postgres:*)
	export CAPNET_DB="$db"
	;;
*) echo "bench/http.sh: --db takes sqlite, pg or a postgresql:// URL, not '$db'" >&2; exit 2 ;;
esac
[ "$db" = sqlite ] || sql() { psql -X -A -t -q -d "$CAPNET_DB" -c "$1"; }
"$capnet" init >/dev/null 2>&1
"$capnet" demo >/dev/null 2>&1 || { echo "bench/http.sh: capnet demo failed (is the database empty?)" >&2; exit 1; }
admin=$(sql "SELECT p.email FROM person p JOIN membership m ON m.person_id = p.id WHERE m.role = 'admin' AND m.active = 1 AND p.email IS NOT NULL ORDER BY p.id LIMIT 1")
network=$(sql "SELECT network_id FROM team GROUP BY network_id ORDER BY COUNT(*) DESC, network_id LIMIT 1")
token=$("$capnet" token create --email "$admin" 2>/dev/null)
path="/api/v1/networks/$network?include=teams"
port=$(free_port)

# serve N: N capnet processes on port (with --reuse-port when more than one); sets
# capnet_pid to their ids.
serve() {
	capnet_pid=""
	started=0 # not i: wait_http counts with i
	while [ $started -lt "$1" ]; do
		started=$((started + 1))
		if [ "$1" -gt 1 ]; then
			"$capnet" serve --listen "127.0.0.1:$port" --threads "$threads" --reuse-port 2>>"$dir/access.log" &
		else
			"$capnet" serve --listen "127.0.0.1:$port" --threads "$threads" 2>>"$dir/access.log" &
		fi
		capnet_pid="$capnet_pid $!"
		wait_http capnet "http://127.0.0.1:$port/healthz"
	done
}

# stop_capnet: stops the capnet processes and waits for them.
stop_capnet() {
	for p in $capnet_pid; do kill "$p" && wait "$p" || true; done
	capnet_pid=""
}

serve 1
curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" >"$dir/answer.json"
size=$(wc -c <"$dir/answer.json" | tr -d ' ')
teams=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["teams"]))' "$dir/answer.json")
mkdir -p "$dir/www"
cp "$dir/answer.json" "$dir/www/network.json"
nginx_start "$dir/www" application/json
wait_http nginx "http://127.0.0.1:$nport/network.json"
stop_capnet

echo "GET $path: $size bytes, $teams teams; database: $(echo "$CAPNET_DB" | cut -d: -f1)"
echo "wrk -t2 -c$conns -d$duration; capnet --threads $threads per process"
for n in ${PROCESSES:-1 2}; do
	serve "$n"
	echo
	echo "$n capnet process$([ "$n" -gt 1 ] && echo "es (--reuse-port)" || true):"
	wrk_compare "http://127.0.0.1:$port$path" "Authorization: Bearer $token" \
		"http://127.0.0.1:$nport/network.json" "capnet x$n"
	rss=""
	for p in $capnet_pid; do rss="$rss $(awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$p/status")"; done
	echo "ratio capnet/nginx: $ratio (target >= 0.6)"
	echo "capnet p99: $c_p99 ms (target <= 10)"
	echo "capnet peak RSS (MB, per process):$rss (target <= 64)"
	stop_capnet
done
