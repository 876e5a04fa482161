#!/bin/sh
# bench/http.sh: capnet's API against nginx, side by side on this machine. Starts capnet
# on demo data and nginx serving a static file as large as capnet's answer to
# GET /api/v1/networks/{id}?include=teams, runs `wrk -t2 -c64 -d10s` against each in
# turn, and prints requests/s, p50, p99, the ratio capnet/nginx and capnet's peak RSS.
# Targets: ratio >= 0.6, p99 <= 10 ms, RSS <= 64 MB. Never run by `make check`.
# Only 127.0.0.1 is ever a target. Environment: CAPNET (binary, default ./capnet),
# DURATION (default 10s), CONNECTIONS (default 64), THREADS (capnet's, default 2).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
capnet=${CAPNET:-$top/capnet}
duration=${DURATION:-10s}
conns=${CONNECTIONS:-64}
threads=${THREADS:-2}
. "$top/bench/lib/http.sh"
bench_begin http.sh wrk nginx curl
export CAPNET_DB="sqlite:$dir/capnet.db"


# Demo data: `capnet demo` where it exists, else the same shape through the CLI.
if "$capnet" demo --help >/dev/null 2>&1; then
	"$capnet" init 2>/dev/null
	"$capnet" demo >/dev/null 2>&1
else
	q() { "$capnet" "$@" >/dev/null 2>&1; }
	q init
	q org add --kind state --name "Kentucky Department of Education"
	q org add --kind cooperative --name "Green River Regional Educational Cooperative" --parent-id 1
	q user add --given-name Ann --family-name Admin --email admin@kde.ky.gov --org 1 --role admin --no-password
	q network add --name "Green River Mathematics Leadership Network" --content-area mathematics \
		--region-id 2 --school-year 2026-27 --description "Number talks, formative assessment and \
rich tasks across the region's districts; each team builds its own plan."
	for d in Daviess Owensboro Hancock McLean Ohio Muhlenberg Henderson Union Webster Hopkins Butler Edmonson; do
		q org add --kind district --name "$d County Public Schools" --parent-id 2
	done
	n=3
	while [ $n -le 14 ]; do q team add --network-id 1 --district-id $n; n=$((n + 1)); done
fi
admin=$(sqlite3 "$dir/capnet.db" "SELECT p.email FROM person p JOIN membership m ON m.person_id = p.id WHERE m.role = 'admin' AND m.active = 1 AND p.email IS NOT NULL LIMIT 1")
network=$(sqlite3 "$dir/capnet.db" "SELECT network_id FROM team GROUP BY network_id ORDER BY COUNT(*) DESC LIMIT 1")
token=$("$capnet" token create --email "$admin" 2>/dev/null)

port=$(free_port)
"$capnet" serve --listen "127.0.0.1:$port" --threads "$threads" 2>"$dir/access.log" &
capnet_pid=$!
wait_http capnet "http://127.0.0.1:$port/healthz"
path="/api/v1/networks/$network?include=teams"
curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" >"$dir/answer.json"
size=$(wc -c <"$dir/answer.json" | tr -d ' ')
teams=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["teams"]))' "$dir/answer.json")

mkdir -p "$dir/www"
cp "$dir/answer.json" "$dir/www/network.json"
nginx_start "$dir/www" application/json
wait_http nginx "http://127.0.0.1:$nport/network.json"

echo "GET $path: $size bytes, $teams teams; wrk -t2 -c$conns -d$duration; capnet --threads $threads"
wrk_compare "http://127.0.0.1:$port$path" "Authorization: Bearer $token" "http://127.0.0.1:$nport/network.json"
rss=$(awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$capnet_pid/status")
echo "ratio capnet/nginx: $ratio (target >= 0.6)"
echo "capnet p99: $c_p99 ms (target <= 10)"
echo "capnet peak RSS: $rss MB (target <= 64)"
