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
for tool in wrk nginx curl; do
	command -v "$tool" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
	command -v "$tool" >/dev/null 2>&1 || { echo "bench/http.sh: $tool is missing; run scripts/deps bench" >&2; exit 1; }
done
dir=$(mktemp -d "${TMPDIR:-/tmp}/capnet-bench.XXXXXX")
chmod 755 "$dir" # nginx's workers drop privileges and must read the static file
capnet_pid="" nginx_pid=""
cleanup() {
	[ -n "$capnet_pid" ] && kill "$capnet_pid" 2>/dev/null && wait "$capnet_pid" 2>/dev/null
	[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM
export CAPNET_DB="sqlite:$dir/capnet.db"

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

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
i=0
until curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; do
	i=$((i + 1)); [ $i -lt 100 ] || { echo "capnet did not start" >&2; exit 1; }; sleep 0.05
done
path="/api/v1/networks/$network?include=teams"
curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" >"$dir/answer.json"
size=$(wc -c <"$dir/answer.json" | tr -d ' ')
teams=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["teams"]))' "$dir/answer.json")

mkdir -p "$dir/www" "$dir/nginx"
cp "$dir/answer.json" "$dir/www/network.json"
nport=$(free_port)
cat >"$dir/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 2;
error_log $dir/nginx/error.log;
pid $dir/nginx/nginx.pid;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $dir/nginx; proxy_temp_path $dir/nginx;
	fastcgi_temp_path $dir/nginx; uwsgi_temp_path $dir/nginx; scgi_temp_path $dir/nginx;
	default_type application/json;
	keepalive_requests 1000000;
	server { listen 127.0.0.1:$nport; root $dir/www; }
}
CONF
nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" 2>"$dir/nginx/stderr" &
nginx_pid=$!
i=0
until curl -s -o /dev/null "http://127.0.0.1:$nport/network.json"; do
	i=$((i + 1)); [ $i -lt 100 ] || { echo "nginx did not start" >&2; cat "$dir/nginx/stderr" >&2; exit 1; }; sleep 0.05
done

# ms VALUE: wrk's "1.23ms" / "850.00us" / "1.02s" in milliseconds.
ms() {
	echo "$1" | awk '/us$/ {sub("us",""); print $1/1000; next} /ms$/ {sub("ms",""); print $1+0; next} /s$/ {sub("s",""); print $1*1000}'
}
# cpu PID...: user+system CPU seconds used so far by these processes.
cpu() {
	for p in "$@"; do cat "/proc/$p/stat"; done |
		awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); t += $12 + $13 } END { printf "%.3f", t / hz }'
}
# run NAME URL [header]: wrk; prints "rps p50 p99 requests".
run() {
	if [ $# -gt 2 ]; then
		wrk -t2 -c"$conns" -d"$duration" --latency -H "$3" "$2" >"$dir/$1.wrk"
	else
		wrk -t2 -c"$conns" -d"$duration" --latency "$2" >"$dir/$1.wrk"
	fi
	rps=$(awk '/^Requests\/sec/ {print $2}' "$dir/$1.wrk")
	p50=$(ms "$(awk '$1 == "50%" {print $2}' "$dir/$1.wrk")")
	p99=$(ms "$(awk '$1 == "99%" {print $2}' "$dir/$1.wrk")")
	total=$(awk '/requests in/ {print $1}' "$dir/$1.wrk")
	errors=$(awk '/Non-2xx|Socket errors/' "$dir/$1.wrk")
	[ -z "$errors" ] || echo "  $1: $errors" >&2
	echo "$rps $p50 $p99 $total"
}

load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "GET $path: $size bytes, $teams teams; wrk -t2 -c$conns -d$duration; capnet --threads $threads"
nginx_workers=$(pgrep -P "$nginx_pid" | tr '\n' ' ')
c0=$(cpu "$capnet_pid")
set -- $(run capnet "http://127.0.0.1:$port$path" "Authorization: Bearer $token")
c_rps=$1 c_p50=$2 c_p99=$3
c_us=$(awk -v a="$c0" -v b="$(cpu "$capnet_pid")" -v n="$4" 'BEGIN {printf "%.1f", (b - a) * 1e6 / n}')
n0=$(cpu $nginx_workers)
set -- $(run nginx "http://127.0.0.1:$nport/network.json")
n_rps=$1 n_p50=$2 n_p99=$3
n_us=$(awk -v a="$n0" -v b="$(cpu $nginx_workers)" -v n="$4" 'BEGIN {printf "%.1f", (b - a) * 1e6 / n}')
rss=$(awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$capnet_pid/status")
printf '%-8s %12s %10s %10s %14s\n' server "requests/s" "p50 ms" "p99 ms" "CPU us/request"
printf '%-8s %12.0f %10.2f %10.2f %14s\n' capnet "$c_rps" "$c_p50" "$c_p99" "$c_us"
printf '%-8s %12.0f %10.2f %10.2f %14s\n' nginx "$n_rps" "$n_p50" "$n_p99" "$n_us"
echo "load average before the run: $load (other work on this machine skews both)"
ratio=$(awk -v c="$c_rps" -v n="$n_rps" 'BEGIN {printf "%.2f", c / n}')
echo "ratio capnet/nginx: $ratio (target >= 0.6)"
echo "capnet p99: $c_p99 ms (target <= 10)"
echo "capnet peak RSS: $rss MB (target <= 64)"
