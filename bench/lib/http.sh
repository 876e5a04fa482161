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

# wrk_run NAME URL [HEADER]: wrk -t2; prints "rps p50 p99 requests".
wrk_run() {
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
		c0=$(cpu $capnet_pid)
		set -- "$1" "$2" "$3" "$label" $(wrk_run capnet "$1" "$2")
		c_rpss="$c_rpss $5" c_p50s="$c_p50s $6" c_p99s="$c_p99s $7"
		c_n=$((c_n + $8))
		c_cpu=$(awk -v t="$c_cpu" -v a="$c0" -v b="$(cpu $capnet_pid)" 'BEGIN {print t + b - a}')
		n0=$(cpu $nginx_workers)
		set -- "$1" "$2" "$3" "$label" $(wrk_run nginx "$3")
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
