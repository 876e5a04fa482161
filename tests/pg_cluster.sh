#!/bin/sh
# tests/pg_cluster.sh start|stop|resume|restart DIR: a throwaway PostgreSQL cluster in
# DIR (data in DIR/data, log in DIR/server.log), listening only on a Unix socket in DIR
# (never on the network), for tests and benchmarks. start makes the cluster and prints
# the database URL to use; stop stops it (fast: sessions are ended); resume starts a
# stopped cluster again; restart does both. PostgreSQL refuses to run as root, so as
# root the cluster runs as the `postgres` user. Exits 3 when PostgreSQL is not installed.
set -eu
cmd=$1
dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || exit 3
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
up() {
	as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
		-o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=on -c max_connections=200" \
		start >/dev/null
}
case "$cmd" in
start)
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
	as_pg "$bin/initdb" -D "$dir/data" -A trust -U capnet --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
	up
	as_pg "$bin/createdb" -h "$dir" -U capnet capnet
	echo "postgresql:///capnet?host=$dir&user=capnet"
	;;
stop)
	as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	;;
resume)
	up
	;;
restart)
	as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 restart >/dev/null
	;;
*)
	echo "usage: tests/pg_cluster.sh start|stop|resume|restart DIR" >&2
	exit 2
	;;
esac
