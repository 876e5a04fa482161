# End to end: two `capnet serve` processes on one PostgreSQL database, as behind a load
# balancer without sticky sessions. A session made through one works on the other
# (reads, writes with its CSRF token, pages), signing out through one ends it on both,
# and failed sign-ins are counted across both.
# backends: postgresql
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

t_state_admin
run user add --given-name Bo --family-name Other --email bo@kde.ky.gov --org 1 --password-stdin <"$T_DIR/pw"

# Server A, then server B; SRV_URL names the one the next request goes to.
srv_start || exit 1
A_URL=$SRV_URL
A_PID=$SRV_PID
SRV_PID=""
trap 'kill -TERM "$A_PID" 2>/dev/null; wait "$A_PID" 2>/dev/null; t_end' EXIT
srv_start || exit 1
B_URL=$SRV_URL
on() { SRV_URL=$1; }
if [ "$A_URL" != "$B_URL" ]; then t_ok "two servers on two ports"; else t_fail "two servers on two ports" "$A_URL"; fi

jar="$T_DIR/cookies"
on "$A_URL"
json POST /api/v1/session '{"email":"admin@kde.ky.gov","password":"correct horse battery"}' -c "$jar"
expect_status "sign in through A" 201
csrf=$(jget 'j["csrf_token"]')

on "$B_URL"
http GET /api/v1/session -b "$jar"
expect_body "B knows the session made on A" '"email":"admin@kde.ky.gov"'
json POST /api/v1/organizations '{"kind":"cooperative","name":"Green River Cooperative","parent_id":1}' -b "$jar"
expect_status "B refuses a cookie write without A's CSRF token" 403
json POST /api/v1/organizations '{"kind":"cooperative","name":"Green River Cooperative","parent_id":1}' -b "$jar" -H "X-CSRF-Token: $csrf"
expect_status "a write through B with the session and CSRF token of A" 201
id=$(jget 'j["id"]')

on "$A_URL"
http GET "/api/v1/organizations/$id" -b "$jar"
expect_status "A reads what was written through B" 200
expect_body "with its name" '"name":"Green River Cooperative"'

on "$B_URL"
http DELETE /api/v1/session -b "$jar" -H "X-CSRF-Token: $csrf"
expect_status "sign out through B" 204
on "$A_URL"
http GET /api/v1/organizations -b "$jar"
expect_status "the session is over on A too" 401

# The same with pages: sign in with the form on A, look and sign out on B.
wjar="$T_DIR/web"
on "$A_URL"
W_PASSWORD="correct horse battery" web_signin admin@kde.ky.gov "$wjar"
on "$B_URL"
http GET /dashboard -b "$wjar"
expect_status "B shows the dashboard to a session signed in on A" 200
expect_body "to the person signed in" "Ann"
web_csrf "$wjar"
http POST /signout -b "$wjar" --data-urlencode "csrf=$W_CSRF"
expect_status "signing out with B's form" 303
on "$A_URL"
http GET /dashboard -b "$wjar"
expect_status "A sends the signed-out person to sign in" 303
expect_header "at the sign-in page" "Location: /signin"

# Five failures spread over both servers lock the account on both.
for url in "$A_URL" "$B_URL" "$A_URL" "$B_URL" "$A_URL"; do
	on "$url"
	json POST /api/v1/session '{"email":"bo@kde.ky.gov","password":"wrong password"}'
done
expect_status "the fifth failure is refused as wrong" 401
on "$B_URL"
json POST /api/v1/session '{"email":"bo@kde.ky.gov","password":"correct horse battery"}'
expect_status "then B throttles the right password" 429
on "$A_URL"
json POST /api/v1/session '{"email":"bo@kde.ky.gov","password":"correct horse battery"}'
expect_status "and so does A" 429
expect_eq "one count for both servers, the two refused attempts too" "$(sql "SELECT failures FROM login_throttle WHERE key = 'account:bo@kde.ky.gov'")" "7"
