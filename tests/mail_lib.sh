# tests/mail_lib.sh: a real mail server for end-to-end tests (tests/smtp_sink.py on
# 127.0.0.1, Debian's python3-aiosmtpd) and reading what it received with Python's
# email package. Source after e2e_lib.sh.
# shellcheck shell=sh

MAIL_PY=/usr/bin/python3
MAIL_SINK="$(dirname "$0")/../smtp_sink.py"

# mail_begin: t_begin for a script that runs a mail server (stopped at exit), or a
# skip when aiosmtpd is missing.
mail_begin() {
	mail_skip_unless_ready
	t_begin
	trap 'sink_stop; t_end' EXIT
}

# mail_skip_unless_ready: ends the script with a skip when aiosmtpd is missing.
mail_skip_unless_ready() {
	if ! "$MAIL_PY" -c 'import aiosmtpd' 2>/dev/null; then
		echo "1..0 # SKIP python3-aiosmtpd is not installed (scripts/deps test)"
		exit 0
	fi
}

# sink_start DIR [--port N] [--stall]: starts a mail server saving into DIR; sets
# SINK_PID and SINK_PORT.
sink_start() {
	s_dir=$1
	shift
	rm -f "$s_dir/port"
	"$MAIL_PY" "$MAIL_SINK" "$s_dir" "$@" >/dev/null 2>>"$T_DIR/sink.log" &
	SINK_PID=$!
	n=0
	while [ ! -f "$s_dir/port" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
	SINK_PORT=$(cat "$s_dir/port")
}

sink_stop() {
	[ -n "${SINK_PID:-}" ] || return 0
	kill -TERM "$SINK_PID" 2>/dev/null
	wait "$SINK_PID" 2>/dev/null
	SINK_PID=""
}

# mail_count DIR: how many messages DIR holds (each .rcpt is written after its .eml).
mail_count() {
	ls "$1" 2>/dev/null | grep -c '\.rcpt$'
}

# wait_until SECONDS COMMAND...: runs COMMAND every 0.2 s until it succeeds; 1 on timeout.
wait_until() {
	w_end=$(($(date +%s) + $1))
	shift
	while ! "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -lt "$w_end" ] || return 1
		sleep 0.2
	done
}

# mail_py FILE EXPR: evaluates a Python expression on message FILE parsed with the
# email package's modern policy (as `m`); prints the result.
mail_py() {
	"$MAIL_PY" -c "
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
def part(t):
    return next((p for p in m.walk() if p.get_content_type() == t), None)
def body(t):
    p = part(t)
    return p.get_content() if p is not None else ''
print($2)" "$1"
}
