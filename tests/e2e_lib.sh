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
	if [ -n "${T_PGDB:-}" ]; then
		psql "$CAPNET_TEST_PG" -qAt -c "DROP DATABASE IF EXISTS $T_PGDB WITH (FORCE)" >/dev/null 2>&1
	fi
	[ -n "${T_KEEP:-}" ] || rm -rf "$T_DIR"
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
# PostgreSQL sequences advance even in rolled-back transactions, so they are left out.
db_digest() {
	if [ "$(t_backend)" = postgresql ]; then
		pg_dump --data-only --exclude-table-data=audit_event "$CAPNET_DB" 2>/dev/null |
			grep -v -e '^--' -e 'pg_catalog.setval' -e '^.restrict' -e '^.unrestrict' | md5sum | cut -d' ' -f1
	else
		sqlite3 "${CAPNET_DB#sqlite:}" .dump | grep -v '^INSERT INTO audit_event' |
			md5sum | cut -d' ' -f1
	fi
}
