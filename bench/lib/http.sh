# bench/lib/http.sh: what the HTTP benchmark scripts share: free loopback ports, waiting for a
# server, nginx as a child with its own configuration, wrk runs and their figures.
# Source it, then call bench_begin; wrk_run and wrk_compare read conns and duration.
# shellcheck shell=sh

# bench_begin NAME TOOL...: checks the tools are installed (exits saying what to run
# when not), makes the private folder dir, and at exit stops capnet_pid (one process id
# or several, space-separated) and nginx_pid (set them when started), stops the
# PostgreSQL cluster in pg_dir when set, and removes dir.
bench_begin() {
	name=$1
	shift
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
		command -v "$tool" >/dev/null 2>&1 || { echo "bench/$name: $tool is missing; run scripts/deps bench" >&2; exit 1; }
	done
	dir=$(mktemp -d "${TMPDIR:-/tmp}/capnet-bench.XXXXXX")
	chmod 755 "$dir" # nginx's workers drop privileges and must read the static file
	capnet_pid="" nginx_pid="" pg_dir=""
	trap bench_end EXIT INT TERM
}

bench_end() {
	for p in $capnet_pid $nginx_pid; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	[ -z "$pg_dir" ] || sh "$top/tests/pg_cluster.sh" stop "$pg_dir"
	rm -rf "$dir"
}

# free_port: a TCP port free on 127.0.0.1 now.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_http NAME URL: waits up to 5 s for URL to answer; exits when it never does.
wait_http() {
	i=0
	until curl -s -o /dev/null "$2"; do
		i=$((i + 1)); [ $i -lt 100 ] || { echo "$1 did not start" >&2; exit 1; }; sleep 0.05
	done
}

# nginx_start ROOT TYPE: nginx (2 workers, 127.0.0.1 only, no access log) serving the
# folder ROOT with default content type TYPE; sets nport and nginx_pid. Its files are
# under $dir/nginx; the caller kills nginx_pid at exit.
nginx_start() {
	mkdir -p "$dir/nginx"
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
	default_type $2;
	keepalive_requests 1000000;
	server { listen 127.0.0.1:$nport; root $1; }
}
CONF
	nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" 2>"$dir/nginx/stderr" &
	nginx_pid=$!
}

# ms VALUE: wrk's "1.23ms" / "850.00us" / "1.02s" in milliseconds.
ms() {
	echo "$1" | awk '/us$/ {sub("us",""); print $1/1000; next} /ms$/ {sub("ms",""); print $1+0; next} /s$/ {sub("s",""); print $1*1000}'
}

# cpu PID...: user+system CPU seconds used so far by these processes.
cpu() {
	for p in "$@"; do cat "/proc/$p/stat"; done |
		awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); t += $12 + $13 } END { printf "%.3f", t / hz }'
}

# wrk_run NAME URL [HEADER]: wrk -t2; prints "rps p50 p99 requests". With anew=1 every
# request gets its own query string (&r=N, or ?r=N on a path without a query), so that
# no answer cache can serve it: every answer is made anew.
wrk_run() {
	if [ "${anew:-0}" = 1 ]; then
		cat >"$dir/anew.lua" <<'LUA'
local n = 0
local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
request = function()
	n = n + 1
	return wrk.format(nil, wrk.path .. sep .. "r=" .. n)
end
LUA
		set -- "$@" -s "$dir/anew.lua"
	else
		set -- "$@" -s /dev/null
	fi
	if [ -n "$3" ]; then
		wrk -t2 -c"$conns" -d"$duration" --latency "$4" "$5" -H "$3" "$2" >"$dir/$1.wrk"
	else
		wrk -t2 -c"$conns" -d"$duration" --latency "$4" "$5" "$2" >"$dir/$1.wrk"
	fi
	rps=$(awk '/^Requests\/sec/ {print $2}' "$dir/$1.wrk")
	p50=$(ms "$(awk '$1 == "50%" {print $2}' "$dir/$1.wrk")")
	p99=$(ms "$(awk '$1 == "99%" {print $2}' "$dir/$1.wrk")")
	total=$(awk '/requests in/ {print $1}' "$dir/$1.wrk")
	errors=$(awk '/Non-2xx|Socket errors/' "$dir/$1.wrk")
	[ -z "$errors" ] || echo "  $1: $errors" >&2
	echo "$rps $p50 $p99 $total"
}

# median V...: the middle value (the lower of the two middle ones).
median() {
	printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
}

# wrk_compare URL HEADER NGINX_URL [LABEL]: wrk on capnet's URL (with HEADER), then on
# nginx's NGINX_URL, ROUNDS times (default 1) in turn, so that other work on the
# machine weighs on both alike; prints a table of the median requests/s, p50 and p99
# and the CPU per request over all rounds, the load average, and sets ratio (capnet /
# nginx requests/s, of the medians) and c_p99. Needs capnet_pid (every capnet
# process) and nginx_pid.
wrk_compare() {
	load=$(cut -d' ' -f1-3 /proc/loadavg)
	nginx_workers=$(pgrep -P "$nginx_pid" | tr '\n' ' ')
	label=${4:-capnet}
	c_rpss="" c_p50s="" c_p99s="" c_n=0 c_cpu=0 n_rpss="" n_p50s="" n_p99s="" n_n=0 n_cpu=0
	round=0
	while [ $round -lt "${ROUNDS:-1}" ]; do
		round=$((round + 1))
		c0=$(cpu $capnet_pid ${db_pids:-})
		set -- "$1" "$2" "$3" "$label" $(wrk_run capnet "$1" "$2")
		c_rpss="$c_rpss $5" c_p50s="$c_p50s $6" c_p99s="$c_p99s $7"
		c_n=$((c_n + $8))
		c_cpu=$(awk -v t="$c_cpu" -v a="$c0" -v b="$(cpu $capnet_pid ${db_pids:-})" 'BEGIN {print t + b - a}')
		n0=$(cpu $nginx_workers)
		set -- "$1" "$2" "$3" "$label" $(wrk_run nginx "$3" "")
		n_rpss="$n_rpss $5" n_p50s="$n_p50s $6" n_p99s="$n_p99s $7"
		n_n=$((n_n + $8))
		n_cpu=$(awk -v t="$n_cpu" -v a="$n0" -v b="$(cpu $nginx_workers)" 'BEGIN {print t + b - a}')
	done
	c_rps=$(median $c_rpss) c_p50=$(median $c_p50s) c_p99=$(median $c_p99s)
	n_rps=$(median $n_rpss) n_p50=$(median $n_p50s) n_p99=$(median $n_p99s)
	c_us=$(awk -v t="$c_cpu" -v n="$c_n" 'BEGIN {printf "%.1f", t * 1e6 / n}')
	n_us=$(awk -v t="$n_cpu" -v n="$n_n" 'BEGIN {printf "%.1f", t * 1e6 / n}')
	[ "${ROUNDS:-1}" -eq 1 ] || echo "capnet requests/s per round:$c_rpss; nginx:$n_rpss"
	printf '%-10s %12s %10s %10s %14s\n' server "requests/s" "p50 ms" "p99 ms" "CPU us/request"
	printf '%-10s %12.0f %10.2f %10.2f %14s\n' "$label" "$c_rps" "$c_p50" "$c_p99" "$c_us"
	printf '%-10s %12.0f %10.2f %10.2f %14s\n' nginx "$n_rps" "$n_p50" "$n_p99" "$n_us"
	echo "load average before the run: $load (other work on this machine skews both)"
	ratio=$(awk -v c="$c_rps" -v n="$n_rps" 'BEGIN {printf "%.2f", c / n}')
}

# bench_db DB: the database for a benchmark: sqlite (a new file in dir), pg (a
# throwaway cluster in dir/pg, tests/pg_cluster.sh) or a postgresql:// URL of an
# existing, empty database. Exports CAPNET_DB and defines sql QUERY printing rows.
bench_db() {
	case $1 in
	sqlite)
		export CAPNET_DB="sqlite:$dir/capnet.db"
		sql() { sqlite3 "$dir/capnet.db" "$1"; }
		return
		;;
	pg)
		pg_dir="$dir/pg"
		url=$(sh "$top/tests/pg_cluster.sh" start "$pg_dir") ||
			{ echo "bench: no PostgreSQL here; run scripts/deps test" >&2; exit 1; }
		export CAPNET_DB="$url"
		;;
	postgresql:* | postgres:*) export CAPNET_DB="$1" ;;
	*) echo "bench: --db takes sqlite, pg, both or a postgresql:// URL, not '$1'" >&2; exit 2 ;;
	esac
	sql() { psql -X -A -t -q -d "$CAPNET_DB" -c "$1"; }
}

# bench_db_end: stops the throwaway cluster of bench_db pg, if any.
bench_db_end() {
	[ -z "$pg_dir" ] || sh "$top/tests/pg_cluster.sh" stop "$pg_dir"
	pg_dir=""
}

# anew_rows LABEL PORT TOKEN: the issue's three rows on the capnet at PORT (signed in
# with the bearer TOKEN), each against nginx serving a static copy of the same bytes:
# GET /api/v1/networks/N?include=teams (N the network with most teams), the network
# page /networks/N and the plan page of that network's first plan. Made anew (a fresh
# query string each request) first, then the same URL repeated (the answer cache
# serves it). Needs nginx_start done with root $dir/www; prints one line per row:
# what, capnet req/s, p50, p99, CPU us/request (capnet's and, on a throwaway
# PostgreSQL cluster, the database server's), nginx req/s, ratio.
anew_rows() {
	a_label=$1 a_port=$2 a_token=$3
	a_net=$(sql "SELECT network_id FROM team GROUP BY network_id ORDER BY COUNT(*) DESC, network_id LIMIT 1")
	a_plan=$(sql "SELECT MIN(p.id) FROM plan p JOIN team t ON t.id = p.team_id WHERE t.network_id = $a_net AND p.is_template = 0")
	a_teams=$(sql "SELECT COUNT(*) FROM team WHERE network_id = $a_net")
	mkdir -p "$dir/www"
	# PostgreSQL's own work counts in the CPU per request: its server processes.
	db_pids=""
	if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
		a_pm=$(head -n 1 "$pg_dir/data/postmaster.pid")
		db_pids="$a_pm $(pgrep -P "$a_pm" | tr '\n' ' ')"
	fi
	a_rows=""
	for a_path in "/api/v1/networks/$a_net?include=teams" "/networks/$a_net" "/plans/$a_plan"; do
		a_file="$a_label$(echo "$a_path" | tr '/?=&' '____')"
		curl -s -f -H "Authorization: Bearer $a_token" "http://127.0.0.1:$a_port$a_path" >"$dir/www/$a_file" ||
			{ echo "bench: GET $a_path failed" >&2; exit 1; }
		a_rows="$a_rows $a_path@$a_file"
	done
	echo "$a_label: network $a_net ($a_teams teams), plan $a_plan; wrk -t2 -c$conns -d$duration; load average $(cut -d' ' -f1-3 /proc/loadavg)"
	printf '%-44s %-6s %9s %8s %8s %8s %9s %6s\n' what mode "req/s" "p50 ms" "p99 ms" "CPU us" "nginx r/s" ratio
	set -f # the paths hold '?'
	for anew in 1 0; do
		for a_row in $a_rows; do
			a_path=${a_row%%@*} a_file=${a_row#*@}
			a_size=$(wc -c <"$dir/www/$a_file" | tr -d ' ')
			wrk_compare "http://127.0.0.1:$a_port$a_path" "Authorization: Bearer $a_token" \
				"http://127.0.0.1:$nport/$a_file" capnet >"$dir/compare.out"
			printf '%-44s %-6s %9.0f %8.2f %8.2f %8s %9.0f %6s\n' "$a_path ($((a_size / 1024)) KB)" \
				"$([ $anew = 1 ] && echo anew || echo cached)" "$c_rps" "$c_p50" "$c_p99" "$c_us" "$n_rps" "$ratio"
		done
	done
	set +f
	anew=0
}
