# tests/e2e_lib.sh: helpers for end-to-end tests that drive the real capnet binary.
# Each check prints one TAP line. Source it, then call t_begin.
# shellcheck shell=sh

CAPNET=${CAPNET_BIN:?set CAPNET_BIN to the capnet binary}
T_N=0

# A private folder and database for this script; removed at exit.
t_begin() {
	T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/capnet-e2e.XXXXXX")
	export CAPNET_DB="sqlite:$T_DIR/capnet.db"
	trap 't_end' EXIT
}

t_end() {
	[ -n "${T_KEEP:-}" ] || rm -rf "$T_DIR"
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

# sql QUERY: runs a read-only query on the test database (for checks only).
sql() {
	sqlite3 "${CAPNET_DB#sqlite:}" "$1"
}

# db_digest: a digest of every table's rows, to show a failed command changed nothing.
db_digest() {
	sqlite3 "${CAPNET_DB#sqlite:}" .dump | grep -v '^INSERT INTO audit_event' | md5sum | cut -d' ' -f1
}
