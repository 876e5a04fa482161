#!/bin/sh
# The OpenAPI document checked by tools that are not capnet's (tests/openapi/check.mjs):
# @seriousme/openapi-schema-validator validates it as OpenAPI 3.1; its required
# parameters, servers and 2xx schemas are checked; and every documented GET, asked as
# the demo's admin, answers 200 with a body that ajv finds matches the documented
# schema. The npm packages are installed from tests/openapi/package-lock.json when
# missing. Skipped only when Node.js is not on the machine.
. "$(dirname "$0")/../e2e_lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
dir="$top/tests/openapi"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "ok 1 - OpenAPI checks # SKIP Node.js and npm are not installed (scripts/deps test installs them)"
	exit 0
fi

t_begin

t_npm_ci "$dir" "the OpenAPI validator and ajv" || exit 1

run demo
if [ "$T_RC" -ne 0 ]; then
	t_fail "capnet demo loads the demo data" "$T_ERR"
	exit 1
fi
token=$("$CAPNET" token create --email admin@demo.capnet.example 2>/dev/null)
calendar=$("$CAPNET" calendar-token create --network 1 --email admin@demo.capnet.example 2>/dev/null |
	sed -n 's|^/calendar/\(.*\)\.ics$|\1|p')
srv_start || exit 1

CAPNET_URL="$SRV_URL" CAPNET_TOKEN="$token" CAPNET_CALENDAR="$calendar" \
	timeout -k 10 300 node "$dir/check.mjs" >"$T_DIR/tap" 2>"$T_DIR/node.err"
rc=$?
# The checks' TAP lines are this script's own: nothing was reported before them.
grep -v '^1\.\.' "$T_DIR/tap"
T_N=$(grep -c -E '^(not )?ok ' "$T_DIR/tap")
if [ "$rc" -ne 0 ] && ! grep -q '^not ok ' "$T_DIR/tap"; then
	t_fail "the OpenAPI checks ran to the end" "node exited with status $rc" \
		"$(tail -n 20 "$T_DIR/node.err")"
fi
