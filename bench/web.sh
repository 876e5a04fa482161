#!/bin/sh
# bench/web.sh: the web pages' speed on the demo data. First, like bench/http.sh, the
# made-anew figures (a fresh query string on every request) and then the cached ones
# of the API network read, the network page and the plan page against nginx serving
# the same bytes. Then, signed in through the sign-in form as one demo person:
#  - the median (and 90th percentile) server time of the main pages, from the access
#    log's "us" field, over REQUESTS requests each: /signin, /dashboard, and the network
#    and meeting pages where this server has them (target: median under 5 ms); each
#    request has its own query (?n=N), so that every page is made, none given again
#    from the server's cache;
#  - `wrk -t2 -c64 -d10s` on the network page (the dashboard where there is none) with
#    the session cookie, made anew, against nginx serving a static copy of the same HTML.
# usage: bench/web.sh [--db sqlite|pg|postgresql://...] (default sqlite)
# Never run by `make check`. Only 127.0.0.1 is ever a target. Environment: CAPNET
# (binary, default ./capnet), REQUESTS (default 200), DURATION (default 10s),
# CONNECTIONS (default 64), THREADS (capnet's, default 2), EMAIL (default the demo's
# facilitator).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
capnet=${CAPNET:-$top/capnet}
requests=${REQUESTS:-200}
duration=${DURATION:-10s}
conns=${CONNECTIONS:-64}
threads=${THREADS:-2}
email=${EMAIL:-facilitator@demo.capnet.example}
db=sqlite
while [ $# -gt 0 ]; do
	case $1 in
	--db) [ $# -gt 1 ] || { echo "bench/web.sh: --db needs a value" >&2; exit 2; }; db=$2; shift 2 ;;
	--db=*) db=${1#--db=}; shift ;;
	-h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench/web.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
done
. "$top/bench/lib/http.sh"
bench_begin web.sh wrk nginx curl python3 sqlite3 psql
bench_db "$db"

"$capnet" init >/dev/null 2>&1
"$capnet" demo >/dev/null 2>&1
port=$(free_port)
base="http://127.0.0.1:$port"
"$capnet" serve --listen "127.0.0.1:$port" --threads "$threads" 2>>"$dir/access.log" &
capnet_pid=$!
wait_http capnet "$base/healthz"
mkdir -p "$dir/www"
nginx_start "$dir/www" "text/html"
echo ok >"$dir/www/up"
wait_http nginx "http://127.0.0.1:$nport/up"
admin=$(sql "SELECT p.email FROM person p JOIN membership m ON m.person_id = p.id WHERE m.role = 'admin' AND m.active = 1 AND p.email IS NOT NULL ORDER BY p.id LIMIT 1")
anew_rows "$(echo "$CAPNET_DB" | cut -d: -f1)" "$port" "$("$capnet" token create --email "$admin" 2>/dev/null)"
echo

jar="$dir/cookies"
token=$(curl -s -c "$jar" "$base/signin" | grep -o 'name="csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
status=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$token" \
	--data-urlencode "email=$email" --data-urlencode "password=capnet-demo-2026" "$base/signin")
[ "$status" = 303 ] || { echo "bench/web.sh: signing in as $email answered $status" >&2; exit 1; }
cookie=$(awk '$6 == "capnet_session" {print $7}' "$jar")

# The pages to time: those of the dashboard's first network and meeting that exist here.
network=$(sql "SELECT MIN(id) FROM network")
meeting=$(sql "SELECT MIN(id) FROM meeting WHERE network_id = $network")
pages="/signin /dashboard"
for p in "/networks/$network" "/meetings/$meeting"; do
	s=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$base$p")
	if [ "$s" = 200 ]; then pages="$pages $p"; else echo "($p answers $s here: not timed)"; fi
done

# time_page PATH: REQUESTS GETs on one kept-alive connection (after 20 to warm up);
# prints "median p90 bytes" of the server's own time in ms from the access log.
time_page() {
	auth=""
	[ "$1" = /signin ] || auth="-b $jar"
	i=0 urls=""
	while [ $i -lt 20 ]; do urls="$urls $base$1"; i=$((i + 1)); done
	# shellcheck disable=SC2086
	curl -s $auth $urls >/dev/null
	sleep 0.2 # the log line is written after the answer
	start=$(wc -l <"$dir/access.log")
	i=0 urls=""
	while [ $i -lt "$requests" ]; do urls="$urls $base$1?n=$i"; i=$((i + 1)); done
	# shellcheck disable=SC2086
	curl -s $auth $urls >/dev/null
	sleep 0.2
	tail -n +$((start + 1)) "$dir/access.log" | python3 -c '
import json, sys
path, want = sys.argv[1], int(sys.argv[2])
rows = [json.loads(l) for l in sys.stdin if l.startswith("{")]
rows = [r for r in rows if r["path"] == path and r["method"] == "GET"][-want:]
bad = [r["status"] for r in rows if r["status"] != 200]
if len(rows) != want or bad:
    sys.exit("%s: %d requests logged, %d not 200" % (path, len(rows), len(bad)))
us = sorted(r["us"] for r in rows)
print("%.3f %.3f %d" % (us[len(us) // 2] / 1000, us[len(us) * 9 // 10] / 1000, rows[-1]["bytes"]))
' "$1" "$requests"
}

echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
echo "server time of each page over $requests requests (each made anew), signed in as $email (capnet --threads $threads)"
printf '%-16s %10s %10s %10s\n' page "median ms" "p90 ms" bytes
worst=0
for p in $pages; do
	set -- $(time_page "$p")
	printf '%-16s %10.2f %10.2f %10d\n' "$p" "$1" "$2" "$3"
	worst=$(awk -v a="$worst" -v b="$1" 'BEGIN {print (b > a) ? b : a}')
done
echo "slowest median: $worst ms (target < 5)"

# wrk on the network page (else the dashboard), made anew, against nginx serving its bytes.
target=/dashboard
case "$pages" in *"/networks/$network"*) target="/networks/$network" ;; esac
curl -s -b "$jar" "$base$target" >"$dir/www/page.html"
size=$(wc -c <"$dir/www/page.html" | tr -d ' ')
echo
echo "GET $target signed in by cookie, made anew: $size bytes of HTML; wrk -t2 -c$conns -d$duration"
anew=1
wrk_compare "$base$target" "Cookie: capnet_session=$cookie" "http://127.0.0.1:$nport/page.html"
echo "ratio capnet/nginx on $target, made anew: $ratio"
