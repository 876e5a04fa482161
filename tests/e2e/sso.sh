#!/bin/sh
# Single sign-on end to end, against a real OpenID Connect provider (npm's
# oidc-provider, tests/oidc/provider.mjs) on 127.0.0.1: `capnet sso add|list|remove`
# and the API's refusals, then in Chromium (tests/oidc/journey.mjs) an admin connects
# the provider on the admin page and people sign in through the provider's own login
# page: a first sign-in makes the member, an unverified email, a replayed state, a
# refused consent, a tampered, wrong-audience or expired ID token are refused, a key
# rotation is followed, a person switched off is refused, an unreachable provider is
# said so. Then what the database holds afterwards: the member in her district, the
# links, the audit log. The npm packages are installed from tests/oidc/package-lock.json
# when missing. Skipped only when Chromium or Node.js 20+ are not on the machine.
. "$(dirname "$0")/../e2e_lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
dir="$top/tests/oidc"
chromium=${CHROMIUM:-/usr/bin/chromium}

t_need_browser "single sign-on"
t_begin
t_npm_ci "$dir"

# A free port on 127.0.0.1 for the provider.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

t_state_admin
c org add --kind cooperative --name "Green River" --parent-id 1                 # 2
c org add --kind district --name "Tradewater County" --parent-id 2              # 3
c user add --given-name Dana --family-name Whitaker --email dana@tradewater.kyschools.us --org 3 --role district_lead --no-password
c user add --given-name Mia --family-name Member --email mia@tradewater.kyschools.us --org 3 --role member --no-password
ADMIN_TOKEN=$("$CAPNET" token create --email admin@kde.ky.gov 2>/dev/null)
MIA_TOKEN=$("$CAPNET" token create --email mia@tradewater.kyschools.us 2>/dev/null)
srv_start || exit 1
c setting set site.base_url "$SRV_URL/"

# --- The command line and the API, with a provider running -----------------------------
port=$(free_port)
issuer="http://127.0.0.1:$port"
node "$dir/provider.mjs" --port "$port" --redirect "$SRV_URL/sso/callback" --keys "$T_DIR/cli-keys.json" \
	>"$T_DIR/cli-provider.log" 2>&1 &
prov_pid=$!
waited=0
until grep -q listening "$T_DIR/cli-provider.log" 2>/dev/null || [ $waited -ge 150 ]; do
	sleep 0.1
	waited=$((waited + 1))
done

run sso --help
expect_rc "capnet sso --help exits 0" 0
expect_out "capnet sso --help lists add, list and remove" "capnet sso remove ID"

printf 'capnet-test-secret\n' >"$T_DIR/secret"
run sso add --name "Sign in with Tradewater" --issuer "http://idp.example.org" --client-id capnet \
	--client-secret-file "$T_DIR/secret"
expect_rc "an http issuer other than this machine is refused" 1
expect_err "... naming the issuer" "issuer"

run sso add --name "Sign in with Tradewater" --issuer "$issuer/nothing-here" --client-id capnet \
	--client-secret-file "$T_DIR/secret"
expect_err "an issuer without a discovery document is refused, naming it" "$issuer/nothing-here"

run sso add --name "Sign in with Tradewater" --issuer "$issuer" --client-id capnet \
	--client-secret-file "$T_DIR/secret" --domain "tradewater.kyschools.us=Nowhere County"
expect_err "a domain's district must exist" "there is no active district 'Nowhere County'"

run sso add --name "Sign in with Tradewater" --issuer "$issuer" --client-id capnet \
	--client-secret-file "$T_DIR/secret" --domain "tradewater.kyschools.us=Tradewater County"
expect_rc "capnet sso add connects a provider" 0
expect_err "... and prints the redirect address to register" "$SRV_URL/sso/callback"
pid=$T_OUT

run sso list --format json
expect_out "capnet sso list shows the provider with its domain and district" '"district":"Tradewater County"'
if printf '%s' "$T_OUT" | grep -q capnet-test-secret; then
	t_fail "capnet sso list never shows the secret" "$T_OUT"
else t_ok "capnet sso list never shows the secret"; fi

H_TOKEN=$ADMIN_TOKEN
http GET "/api/v1/sso/providers/$pid"
expect_status "GET /api/v1/sso/providers/{id} for an admin" 200
expect_body_lacks "... without the secret" "capnet-test-secret"
json POST /api/v1/sso/providers "{\"name\":\"Again\",\"issuer\":\"$issuer\",\"client_id\":\"c\",\"client_secret\":\"s\"}"
expect_status "connecting the same issuer again is a conflict" 409
expect_body "... naming the issuer" '"field":"issuer"'
json POST /api/v1/sso/providers '{"name":"X","issuer":"https://idp.example.org","client_id":"c","client_secret":"s","scopes":"email"}'
expect_status "scopes without openid are refused" 400
expect_body "... naming scopes" '"field":"scopes"'
H_TOKEN=$MIA_TOKEN
http GET /api/v1/sso/providers
expect_status "a member may not list the providers" 403
H_TOKEN=""
http GET /signin
expect_body "the sign-in page has the provider's button" '>Sign in with Tradewater</button>'

run sso remove "$pid"
expect_rc "capnet sso remove removes it" 0
run sso list --format json
expect_eq "... and the list is empty" "$T_OUT" "[]"
kill "$prov_pid" 2>/dev/null
wait "$prov_pid" 2>/dev/null

# --- In Chromium ------------------------------------------------------------------------
# A second capnet process on the same database: a sign-in begun on it ends on the first
# (the provider sends the browser back to site.base_url), as behind a load balancer.
first_pid=$SRV_PID first_url=$SRV_URL
srv_start || exit 1
second_pid=$SRV_PID second_url=$SRV_URL
SRV_PID=$first_pid SRV_URL=$first_url
mkdir -p "$T_DIR/oidc"
CAPNET_URL="$SRV_URL" CAPNET_URL2="$second_url" OIDC_PORT="$(free_port)" OIDC_DIR="$T_DIR/oidc" \
	ADMIN_EMAIL=admin@kde.ky.gov ADMIN_PASSWORD="correct horse battery" ADMIN_TOKEN="$ADMIN_TOKEN" \
	DANA_EMAIL=dana@tradewater.kyschools.us CHROMIUM="$chromium" \
	timeout -k 10 600 node "$dir/journey.mjs" >"$T_DIR/tap" 2>"$T_DIR/node.err"
rc=$?
kill "$second_pid" 2>/dev/null
wait "$second_pid" 2>/dev/null
# The journey's TAP lines, renumbered after this script's.
while IFS= read -r line; do
	case "$line" in
	"ok "*) t_ok "browser: ${line#* - }" ;;
	"not ok "*) T_N=$((T_N + 1)); echo "not ok $T_N - browser: ${line#* - }" ;;
	"#"*) echo "$line" ;;
	esac
done <"$T_DIR/tap"
if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$T_DIR/tap"; then
	t_fail "the browser journey ran (status $rc)" "$(tail -n 20 "$T_DIR/node.err")" \
		"$(tail -n 20 "$T_DIR/oidc/provider.log" 2>/dev/null)"
fi

# --- What the database holds afterwards -------------------------------------------------
expect_eq "Jane was made a member of Tradewater County" \
	"$(sql "SELECT m.role || ' ' || o.name FROM person p JOIN membership m ON m.person_id = p.id JOIN organization o ON o.id = m.org_id WHERE p.email = 'jane@tradewater.kyschools.us'")" \
	"member Tradewater County"
expect_eq "Uma, unverified, was not made" \
	"$(sql "SELECT COUNT(*) FROM person WHERE email = 'uma@tradewater.kyschools.us'")" 0
expect_eq "Jane and Dana are linked to their provider accounts, once each" \
	"$(sql "SELECT subject FROM sso_link ORDER BY subject" | tr '\n' ' ')" "dana jane "
expect_eq "every sign-in through the provider is audited (Jane 4, one begun on the second process; Dana 1)" \
	"$(sql "SELECT COUNT(*) FROM audit_event WHERE action = 'sign_in' AND after_json LIKE '%\"via\":\"sso\"%'")" 5
expect_eq "each link is audited" \
	"$(sql "SELECT COUNT(*) FROM audit_event WHERE action = 'create' AND entity = 'sso_link'")" 2
refusals=$(sql "SELECT after_json FROM audit_event WHERE entity = 'sso_provider' AND action = 'other'")
for why in "has been used already" "has not verified" "cancelled" "signature" "another application" \
	"expired" "switched off" "could not reach"; do
	if printf '%s' "$refusals" | grep -qF -- "$why"; then t_ok "the audit log tells the admins: $why"
	else t_fail "the audit log tells the admins: $why" "$refusals"; fi
done
echo "1..$T_N"
