# tests/e2e_lib.sh: helpers for end-to-end tests that drive the real capnet binary.
# Each check prints one TAP line. Source it, then call t_begin.
# shellcheck shell=sh

CAPNET=${CAPNET_BIN:?set CAPNET_BIN to the capnet binary}
T_N=0

# A private folder and database for this script; removed at exit. With
# CAPNET_TEST_PG set (the URL of a throwaway cluster's database, see
# tests/pg_cluster.sh), the database is a new PostgreSQL database instead.
t_begin() {
	T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/capnet-e2e.XXXXXX")
	if [ -n "${CAPNET_TEST_PG:-}" ]; then
		T_PGDB="t_$(basename "$T_DIR" | tr -cd 'a-zA-Z0-9' | tr 'A-Z' 'a-z')"
		psql "$CAPNET_TEST_PG" -qAt -c "CREATE DATABASE $T_PGDB" >/dev/null
		export CAPNET_DB=$(printf '%s' "$CAPNET_TEST_PG" | sed "s|///[a-z0-9_]*?|///$T_PGDB?|")
	else
		export CAPNET_DB="sqlite:$T_DIR/capnet.db"
	fi
	trap 't_end' EXIT
}

t_end() {
	if [ -n "${SRV_PID:-}" ]; then
		kill -TERM "$SRV_PID" 2>/dev/null
		wait "$SRV_PID" 2>/dev/null
	fi
	if [ -n "${T_PGDB:-}" ]; then
		psql "$CAPNET_TEST_PG" -qAt -c "DROP DATABASE IF EXISTS $T_PGDB WITH (FORCE)" >/dev/null 2>&1
	fi
	[ -n "${T_KEEP:-}" ] || rm -rf "$T_DIR"
}

# t_state_admin: the database made, with a state organization (id 1) and its admin
# admin@kde.ky.gov, whose password "correct horse battery" is in $T_DIR/pw.
t_state_admin() {
	run init
	run org add --kind state --name "Kentucky Department of Education"
	printf 'correct horse battery\n' >"$T_DIR/pw"
	run user add --given-name Ann --family-name Admin --email admin@kde.ky.gov --org 1 --role admin --password-stdin <"$T_DIR/pw"
}

# t_backend: "sqlite" or "postgresql".
t_backend() {
	case "$CAPNET_DB" in postgres*) echo postgresql ;; *) echo sqlite ;; esac
}

t_ok() {
	T_N=$((T_N + 1))
	echo "ok $T_N - $1"
}

t_fail() {
	T_N=$((T_N + 1))
	echo "not ok $T_N - $1"
	shift
	for line in "$@"; do printf '# %s\n' "$line"; done
}

# c CMD...: runs capnet quietly to set a test's world up; what it says on stderr goes to
# $T_DIR/cli.err. cid CMD...: the same, printing the id of the record it made.
c() { "$CAPNET" "$@" >/dev/null 2>>"$T_DIR/cli.err"; }
cid() { "$CAPNET" "$@" --format json 2>>"$T_DIR/cli.err" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }

# run CMD...: runs capnet with the arguments; sets T_RC, T_OUT, T_ERR.
run() {
	"$CAPNET" "$@" >"$T_DIR/out" 2>"$T_DIR/err"
	T_RC=$?
	T_OUT=$(cat "$T_DIR/out")
	T_ERR=$(cat "$T_DIR/err")
}

# expect_rc NAME RC: the last run exited with RC.
expect_rc() {
	if [ "$T_RC" -eq "$2" ]; then t_ok "$1"; else
		t_fail "$1" "exit status $T_RC, wanted $2" "stdout: $T_OUT" "stderr: $T_ERR"
	fi
}

# expect_out NAME TEXT: stdout of the last run contains TEXT (fixed string).
expect_out() {
	if printf '%s' "$T_OUT" | grep -qF -- "$2"; then t_ok "$1"; else
		t_fail "$1" "stdout lacks: $2" "stdout: $T_OUT" "stderr: $T_ERR"
	fi
}

# expect_err NAME TEXT: stderr of the last run contains TEXT (fixed string).
expect_err() {
	if printf '%s' "$T_ERR" | grep -qF -- "$2"; then t_ok "$1"; else
		t_fail "$1" "stderr lacks: $2" "stdout: $T_OUT" "stderr: $T_ERR"
	fi
}

# expect_eq NAME GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then t_ok "$1"; else
		t_fail "$1" "got: $2" "wanted: $3"
	fi
}

# sql QUERY: runs a read-only query on the test database (for checks only). Write
# queries both dialects read: 0/1 for truth (CASE WHEN ... THEN 1 ELSE 0 END).
sql() {
	if [ "$(t_backend)" = postgresql ]; then
		psql "$CAPNET_DB" -qAt -c "$1"
	else
		sqlite3 "${CAPNET_DB#sqlite:}" "$1"
	fi
}

# db_digest: a digest of every table's rows, to show a failed command changed nothing.
# The audit log and the record of imports tried are left out.
# PostgreSQL sequences advance even in rolled-back transactions, so they are left out.
db_digest() {
	if [ "$(t_backend)" = postgresql ]; then
		pg_dump --data-only --exclude-table-data=audit_event --exclude-table-data=import_job "$CAPNET_DB" 2>/dev/null |
			grep -v -e '^--' -e 'pg_catalog.setval' -e '^.restrict' -e '^.unrestrict' | md5sum | cut -d' ' -f1
	else
		sqlite3 "${CAPNET_DB#sqlite:}" .dump | grep -v -e '^INSERT INTO audit_event' -e '^INSERT INTO import_job' |
			md5sum | cut -d' ' -f1
	fi
}

# --- HTTP server helpers -------------------------------------------------------------

# srv_start [serve options...]: starts `capnet serve` on a free loopback port (picked at
# random, retried when busy), waits for /healthz, sets SRV_URL and SRV_PID. Its standard
# error (the access log) goes to $T_DIR/serve.log. The server is stopped by t_end.
srv_start() {
	tries=0
	while [ $tries -lt 20 ]; do
		tries=$((tries + 1))
		SRV_PORT=$(( (($$ * 7919 + tries * 104729 + $(date +%N | sed 's/^0*//;s/^$/0/')) % 30000) + 20000 ))
		"$CAPNET" serve --listen "127.0.0.1:$SRV_PORT" "$@" 2>>"$T_DIR/serve.log" &
		SRV_PID=$!
		SRV_URL="http://127.0.0.1:$SRV_PORT"
		waited=0
		while [ $waited -lt 100 ]; do
			if curl -s -o /dev/null --max-time 1 "$SRV_URL/healthz"; then return 0; fi
			kill -0 "$SRV_PID" 2>/dev/null || break
			sleep 0.05
			waited=$((waited + 1))
		done
		kill "$SRV_PID" 2>/dev/null
		wait "$SRV_PID" 2>/dev/null
		SRV_PID=""
	done
	echo "# could not start the server; its log:" && sed 's/^/# /' "$T_DIR/serve.log"
	return 1
}

# srv_stop: SIGTERM, then waits; sets SRV_RC to the server's exit status.
srv_stop() {
	[ -n "${SRV_PID:-}" ] || return 0
	kill -TERM "$SRV_PID" 2>/dev/null
	wait "$SRV_PID"
	SRV_RC=$?
	SRV_PID=""
}

# http METHOD PATH [curl options...]: one request; sets H_STATUS, H_BODY and H_HEAD
# (the response headers). The token in $H_TOKEN, if set, is sent as a bearer token.
http() {
	h_method=$1
	h_path=$2
	shift 2
	if [ -n "${H_TOKEN:-}" ]; then set -- -H "Authorization: Bearer $H_TOKEN" "$@"; fi
	H_STATUS=$(curl -s -X "$h_method" -o "$T_DIR/h_body" -D "$T_DIR/h_head" \
		-w '%{http_code}' --max-time 20 "$@" "$SRV_URL$h_path")
	H_BODY=$(cat "$T_DIR/h_body")
	H_HEAD=$(tr -d '\r' <"$T_DIR/h_head")
}

# json METHOD PATH BODY [curl options...]: a request with a JSON body.
json() {
	j_method=$1
	j_path=$2
	j_body=$3
	shift 3
	http "$j_method" "$j_path" -H 'Content-Type: application/json' --data-binary "$j_body" "$@"
}

# expect_status NAME CODE: the last request answered CODE.
expect_status() {
	if [ "$H_STATUS" = "$2" ]; then t_ok "$1"; else
		t_fail "$1" "status $H_STATUS, wanted $2" "body: $H_BODY"
	fi
}

# expect_body NAME TEXT: the last response body contains TEXT (fixed string).
expect_body() {
	if printf '%s' "$H_BODY" | grep -qF -- "$2"; then t_ok "$1"; else
		t_fail "$1" "body lacks: $2" "status: $H_STATUS" "body: $H_BODY"
	fi
}

# expect_header NAME TEXT: the last response headers contain TEXT (fixed string).
expect_header() {
	if printf '%s' "$H_HEAD" | grep -qiF -- "$2"; then t_ok "$1"; else
		t_fail "$1" "headers lack: $2" "headers: $H_HEAD"
	fi
}

# jget EXPR: evaluates a Python expression on the last body parsed as JSON (as `j`).
jget() {
	printf '%s' "$H_BODY" | python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"
}

# expect_body_lacks NAME TEXT: the last response body does not contain TEXT.
expect_body_lacks() {
	if printf '%s' "$H_BODY" | grep -qF -- "$2"; then
		t_fail "$1" "body has: $2" "status: $H_STATUS"
	else t_ok "$1"; fi
}

# --- Web page helpers ----------------------------------------------------------------

# web_signin_form JAR: fetches the sign-in form as a browser would: its pre-session
# cookie goes into the cookie jar file JAR, its CSRF token into W_SIGNIN_CSRF.
web_signin_form() {
	W_SIGNIN_CSRF=$(curl -s -c "$1" -b "$1" --max-time 20 "$SRV_URL/signin" |
		grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
}

# web_signin EMAIL JAR: signs in through the sign-in form (password $W_PASSWORD, by
# default the demo's), keeping the session cookie in the cookie jar file JAR.
web_signin() {
	web_signin_form "$2"
	curl -s -o /dev/null -c "$2" -b "$2" --max-time 20 --data-urlencode "csrf=$W_SIGNIN_CSRF" \
		--data-urlencode "email=$1" --data-urlencode "password=${W_PASSWORD:-capnet-demo-2026}" \
		"$SRV_URL/signin"
}

# web_csrf JAR [PATH]: the CSRF token of JAR's session, read from a page's form (the
# dashboard's sign-out form by default), into W_CSRF.
web_csrf() {
	W_CSRF=$(curl -s -b "$1" --max-time 20 "$SRV_URL${2:-/dashboard}" |
		grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
}

# t_npm_ci DIR WHAT: installs the npm packages pinned by DIR's package-lock.json unless
# DIR/node_modules holds exactly the versions DIR/package.json names; on failure
# reports "npm ci installs WHAT in DIR" as failed and returns 1.
t_npm_ci() {
	n_dir=$1
	if t_npm_installed "$n_dir"; then return 0; fi
	if ! (cd "$n_dir" && npm ci --no-audit --no-fund --loglevel=error) >"$T_DIR/npm.log" 2>&1 ||
		! t_npm_installed "$n_dir"; then
		t_fail "npm ci installs $2 in $n_dir" "$(tail -n 20 "$T_DIR/npm.log")"
		return 1
	fi
}
t_npm_installed() {
	(cd "$1" && node -e '
		const want = require("./package.json").dependencies;
		for (const [name, version] of Object.entries(want))
			if (require(`./node_modules/${name}/package.json`).version !== version) process.exit(1);
	') 2>/dev/null
}
