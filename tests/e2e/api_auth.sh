# End to end: signing in and out over HTTP. The session cookie is HttpOnly and
# SameSite=Lax, a new one at every sign-in, stored only hashed, and expires; writes
# with the cookie need the CSRF token, bearer tokens do not; wrong passwords are
# refused and, after five, throttled per account; a client address only after many
# more, taken from X-Forwarded-For only behind a --trusted-proxy.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run init
run org add --kind state --name "Kentucky Department of Education"
printf 'correct horse battery\n' >"$T_DIR/pw"
run user add --given-name Ann --family-name Admin --email admin@kde.ky.gov --org 1 --role admin --password-stdin <"$T_DIR/pw"
run user add --given-name Bo --family-name Other --email bo@kde.ky.gov --password-stdin <"$T_DIR/pw"
srv_start --secure-cookies || exit 1
jar="$T_DIR/cookies"

json POST /api/v1/session '{"email":"admin@kde.ky.gov","password":"correct horse battery"}' -c "$jar"
expect_status "sign in" 201
expect_header "the cookie is HttpOnly, SameSite=Lax, Path=/" "Set-Cookie: capnet_session="
expect_eq "cookie attributes" "$(printf '%s' "$H_HEAD" | grep -i '^Set-Cookie' | grep -c 'Path=/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure')" "1"
csrf=$(jget 'j["csrf_token"]')
expect_eq "a CSRF token comes with it" "${#csrf}" "43"
expect_eq "the roles come with it" "$(jget 'j["roles"][0]["role"]')" "admin"
cookie1=$(awk '$6 == "capnet_session" {print $7}' "$jar")
expect_eq "the session id is stored only hashed" "$(sql "SELECT COUNT(*) FROM auth_session WHERE id_hash = '$cookie1'")" "0"
expect_eq "one session stored" "$(sql "SELECT COUNT(*) FROM auth_session")" "1"

http GET /api/v1/session -b "$jar"
expect_body "the session tells who is signed in" '"email":"admin@kde.ky.gov"'
json POST /api/v1/organizations '{"kind":"cooperative","name":"GRREC","parent_id":1}' -b "$jar"
expect_status "a cookie write without the CSRF token is refused" 403
expect_body "the refusal says what is missing" "X-CSRF-Token"
json POST /api/v1/organizations '{"kind":"cooperative","name":"GRREC","parent_id":1}' -b "$jar" -H "X-CSRF-Token: wrong"
expect_status "a wrong CSRF token is refused" 403
json POST /api/v1/organizations '{"kind":"cooperative","name":"GRREC","parent_id":1}' -b "$jar" -H "X-CSRF-Token: $csrf"
expect_status "a cookie write with the CSRF token" 201
http GET /api/v1/organizations -b "$jar"
expect_status "a cookie read needs no CSRF token" 200

json POST /api/v1/session '{"email":"admin@kde.ky.gov","password":"correct horse battery"}' -c "$jar"
cookie2=$(awk '$6 == "capnet_session" {print $7}' "$jar")
if [ -n "$cookie2" ] && [ "$cookie2" != "$cookie1" ]; then t_ok "a new session id at every sign-in"; else t_fail "a new session id at every sign-in" "$cookie1 / $cookie2"; fi
csrf=$(jget 'j["csrf_token"]')

token=$("$CAPNET" token create --email admin@kde.ky.gov 2>/dev/null)
json POST /api/v1/organizations '{"kind":"cooperative","name":"Bearer coop","parent_id":1}' -H "Authorization: Bearer $token"
expect_status "a bearer token writes without CSRF token" 201
http GET /api/v1/session -H "Authorization: Bearer $token"
expect_body "the session of a token" '"via":"token"'
http GET /api/v1/organizations -H "Authorization: Bearer not-a-token"
expect_status "an unknown bearer token" 401
expect_header "401 asks for a bearer token" "WWW-Authenticate: Bearer"
"$CAPNET" token revoke 1 2>/dev/null
http GET /api/v1/organizations -H "Authorization: Bearer $token"
expect_status "a revoked bearer token" 401
run network add --name "Coop Math" --content-area mathematics --region-id "$(sql "SELECT id FROM organization WHERE name = 'Bearer coop'")" --school-year 2026-27
calendar=$("$CAPNET" calendar-token create --network 1 --email admin@kde.ky.gov 2>/dev/null | sed 's|^/calendar/||; s|\.ics$||')
expect_eq "a calendar subscription's token" "${#calendar}" "43"
http GET /api/v1/organizations -H "Authorization: Bearer $calendar"
expect_status "a calendar token does not open the API" 401
run token create --email admin@kde.ky.gov --calendar
expect_rc "token create has no --calendar: calendars have their own tokens" 2
http GET /api/v1/organizations
expect_status "no credentials: not signed in" 401
expect_header "a 401 without credentials names the scheme" 'WWW-Authenticate: Bearer realm="capnet"'
token=$("$CAPNET" token create --email admin@kde.ky.gov 2>/dev/null)
http GET /api/v1/organizations -H "Authorization: Bearer $token"
expect_header "a JSON answer is not kept by caches" "Cache-Control: no-store"
http GET /api/v1/session -H "Authorization: Bearer $token"
expect_header "nor is the session's" "Cache-Control: no-store"
http POST /api/v1/organizations -H "Authorization: Bearer $token" -H 'Content-Type: text/plain' \
	--data-binary '{"kind":"cooperative","name":"Plain coop","parent_id":1}'
expect_status "a JSON route given text/plain: unsupported media type" 415
expect_body "the problem names the type expected" "application/json"
expect_header "as a problem document" "Content-Type: application/problem+json"
http GET /api/v1/organizations/1%00.json -H "Authorization: Bearer $token"
expect_status "%00 in a path is refused, not cut short" 400
expect_body "saying why" "NUL"
http GET '/api/v1/organizations?q=a%00b' -H "Authorization: Bearer $token"
expect_status "and in a query" 400

json POST /api/v1/session '{"email":"admin@kde.ky.gov","password":"wrong password"}'
expect_status "a wrong password" 401
expect_body "the refusal does not say which was wrong" "the email or the password is wrong"
json POST /api/v1/session '{"email":"admin@kde.ky.gov"}'
expect_body "a missing password is named" '"field":"password"'
json POST /api/v1/session '{"email":"admin@kde.ky.gov","password":"x","remember":true}'
expect_body "an unknown sign-in field is named" '"field":"remember"'
for i in 1 2 3 4; do
	json POST /api/v1/session '{"email":"admin@kde.ky.gov","password":"wrong password"}'
done
expect_status "the fifth failure is still refused as wrong" 401
json POST /api/v1/session '{"email":"admin@kde.ky.gov","password":"correct horse battery"}'
expect_status "then even the right password is throttled" 429
expect_header "with Retry-After" "Retry-After: "
expect_eq "throttling is kept in the database, the refused attempt counted too" "$(sql "SELECT failures FROM login_throttle WHERE key = 'account:admin@kde.ky.gov'")" "6"
json POST /api/v1/session '{"email":"bo@kde.ky.gov","password":"correct horse battery"}'
expect_status "another account at the same address still signs in" 201
for i in 1 2 3 4 5 6 7 8 9 10; do
	json POST /api/v1/session "{\"email\":\"made-up$i@kde.ky.gov\",\"password\":\"guess\"}"
done
json POST /api/v1/session '{"email":"bo@kde.ky.gov","password":"correct horse battery"}'
expect_status "ten made-up emails from one address do not lock the others there" 201
json POST /api/v1/session '{"email":"made-up@kde.ky.gov","password":"guess"}' -H 'X-Forwarded-For: 203.0.113.9'
expect_eq "without --trusted-proxy, X-Forwarded-For is ignored" \
	"$(sql "SELECT COUNT(*) FROM login_throttle WHERE key = 'address:203.0.113.9'") $(sql "SELECT failures FROM login_throttle WHERE key = 'address:127.0.0.1'")" "0 17"
sql "DELETE FROM login_throttle" && true
json POST /api/v1/session '{"email":"nobody@kde.ky.gov","password":"wrong password"}'
expect_status "an unknown email" 401
json POST /api/v1/session '{"email":"bo@kde.ky.gov","password":"correct horse battery"}'
expect_status "once the lock is gone, sign-in works" 201

http GET /api/v1/session -b "$jar"
expect_status "the session is still live" 200
http DELETE /api/v1/session -b "$jar"
expect_status "signing out needs the CSRF token too" 403
http DELETE /api/v1/session -b "$jar" -H "X-CSRF-Token: $csrf" -c "$jar"
expect_status "sign out" 204
expect_header "the cookie is cleared" "Max-Age=0"
http GET /api/v1/session -b "capnet_session=$cookie2"
expect_status "the old cookie no longer works" 401

json POST /api/v1/session '{"email":"admin@kde.ky.gov","password":"correct horse battery"}' -c "$jar"
sql "UPDATE auth_session SET expires_at = '2000-01-01T00:00:00Z'"
http GET /api/v1/session -b "$jar"
expect_status "an expired session is not signed in" 401
json POST /api/v1/session '{"email":"admin@kde.ky.gov","password":"correct horse battery"}' -c "$jar"
sql "UPDATE auth_session SET last_seen_at = '2000-01-01T00:00:00Z' WHERE expires_at > '2020'"
http GET /api/v1/session -b "$jar"
expect_status "an idle session is not signed in" 401
expect_eq "sign-ins and sign-outs are audited" "$(sql "SELECT COUNT(*) FROM audit_event WHERE action IN ('sign_in','sign_out')")" "8"

# Behind a trusted proxy the client's address comes from X-Forwarded-For: the
# right-most one the proxy did not write itself. Here 127.0.0.1 plays the proxy, and
# an address is locked after 3 failures.
srv_stop
sql "DELETE FROM login_throttle" && true
srv_start --trusted-proxy 127.0.0.1 --trusted-proxy 10.0.0.0/8 --login-address-failures 3 || exit 1
for i in 1 2 3; do
	json POST /api/v1/session "{\"email\":\"made-up$i@kde.ky.gov\",\"password\":\"guess\"}" \
		-H 'X-Forwarded-For: 198.51.100.1, 203.0.113.7'
done
json POST /api/v1/session '{"email":"bo@kde.ky.gov","password":"correct horse battery"}' -H 'X-Forwarded-For: 203.0.113.7'
expect_status "a client address is locked at its own ceiling" 429
expect_body "saying it is the address" "from this address"
json POST /api/v1/session '{"email":"bo@kde.ky.gov","password":"correct horse battery"}' -H 'X-Forwarded-For: 203.0.113.7, 10.0.0.2'
expect_status "also through a second proxy of ours" 429
json POST /api/v1/session '{"email":"bo@kde.ky.gov","password":"correct horse battery"}' -H 'X-Forwarded-For: 198.51.100.2'
expect_status "another client behind the same proxy still signs in" 201
json POST /api/v1/session '{"email":"bo@kde.ky.gov","password":"correct horse battery"}' -H 'X-Forwarded-For: 203.0.113.7, 198.51.100.3'
expect_status "a client cannot pose as another by writing the header's left part" 201
expect_eq "the lock is the client's, not the proxy's" \
	"$(sql "SELECT COUNT(*) FROM login_throttle WHERE key IN ('address:203.0.113.7', 'address:127.0.0.1')")" "1"
expect_eq "the access log shows the client, not the proxy" \
	"$(grep -c '"client":"198.51.100.2"' "$T_DIR/serve.log")" "1"

# Twenty wrong sign-ins for one account at once, on eight workers: each is counted,
# only the first five have their password checked (401), the others are refused unheard
# (429), and the account stays locked for the right password too.
srv_stop
sql "DELETE FROM login_throttle" && true
srv_start --threads 8 || exit 1
i=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -H 'Content-Type: application/json' \
		--data-binary '{"email":"bo@kde.ky.gov","password":"a parallel guess"}' \
		"$SRV_URL/api/v1/session" >"$T_DIR/par.$i" &
done
wait_for=0
while [ "$(cat "$T_DIR"/par.* 2>/dev/null | wc -l)" -lt 20 ] && [ $wait_for -lt 600 ]; do
	sleep 0.1
	wait_for=$((wait_for + 1))
done
expect_eq "twenty parallel guesses: five checked, fifteen refused" \
	"$(grep -c '^401' "$T_DIR"/par.* | awk -F: '{n += $2} END {print n}') $(grep -c '^429' "$T_DIR"/par.* | awk -F: '{n += $2} END {print n}')" "5 15"
expect_eq "every parallel guess is counted" \
	"$(sql "SELECT failures FROM login_throttle WHERE key = 'account:bo@kde.ky.gov'")" "20"
json POST /api/v1/session '{"email":"bo@kde.ky.gov","password":"correct horse battery"}'
expect_status "the account is locked after parallel guesses" 429
