#!/bin/sh
# Browser tests: Debian's Chromium, driven by playwright-core, on a server with the demo
# data: each person's journey, axe-core on every page they reach, the keyboard, pages
# without JavaScript, stored XSS (tests/browser/README.md). The npm packages are
# installed from tests/browser/package-lock.json when missing. Screenshots go to
# test-output/browser/. Skipped only when Chromium or Node.js are not on the machine.
# backends: sqlite
. "$(dirname "$0")/../e2e_lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
dir="$top/tests/browser"
chromium=${CHROMIUM:-/usr/bin/chromium}

t_need_browser "browser tests"
t_begin
t_npm_ci "$dir"

run demo
if [ "$T_RC" -ne 0 ]; then
	t_fail "capnet demo loads the demo data" "$T_ERR"
	exit 1
fi
# A real mail server, so that the journeys can follow the links capnet mails.
. "$(dirname "$0")/../mail_lib.sh"
if ! "$MAIL_PY" -c 'import aiosmtpd' 2>/dev/null; then
	t_fail "python3-aiosmtpd runs the test mail server" "scripts/deps test installs it"
	exit 1
fi
trap 'sink_stop; t_end' EXIT
sink_start "$T_DIR/inbox"
srv_start --smtp-url "smtp://127.0.0.1:$SINK_PORT" --mail-interval 1 || exit 1
run setting set site.base_url "$SRV_URL/"

out=${TEST_OUTPUT:-$top/test-output}
# A bound against a browser that hangs: about two minutes on a quiet 2-core machine,
# four or five under load, so the bound leaves room.
MAIL_DIR="$T_DIR/inbox" CAPNET_URL="$SRV_URL" BROWSER_SHOTS="$out/browser" CHROMIUM="$chromium" \
	timeout -k 10 900 node "$dir/run.mjs" >"$T_DIR/tap" 2>"$T_DIR/node.err"
rc=$?
cat "$T_DIR/tap"
T_N=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$T_DIR/tap" | tail -n 1)
: "${T_N:=$(grep -c -E '^(not )?ok ' "$T_DIR/tap")}"
if [ "$rc" -ne 0 ] && ! grep -q '^not ok ' "$T_DIR/tap"; then
	t_fail "the browser tests ran to the end" "node exited with status $rc" \
		"$(tail -n 20 "$T_DIR/node.err")"
fi

srv_stop
expect_eq "the server stopped cleanly after the browser tests" "$SRV_RC" 0
if grep -q '"status":5' "$T_DIR/serve.log"; then
	t_fail "the server answered no request with a 5xx status" \
		"$(grep '"status":5' "$T_DIR/serve.log" | head -n 5)" "$(grep -v '^{' "$T_DIR/serve.log" | head -n 5)"
else
	t_ok "the server answered no request with a 5xx status"
fi
