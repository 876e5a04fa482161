# backends: sqlite
# End to end: the database goes missing under a running server (its folder is moved
# away before a worker opens it). API calls and pages are answered 503 with a
# Retry-After header and a plain sentence: the database's own words, with the file's
# path, go to the server's log only. Once the folder is back, requests succeed again.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

mkdir "$T_DIR/db"
export CAPNET_DB="sqlite:$T_DIR/db/capnet.db"
run init
run org add --kind state --name "Kentucky Department of Education"
printf 'a long password 2026\n' >"$T_DIR/pw"
run user add --given-name Ann --family-name Admin --email admin@kde.ky.gov --org 1 --role admin --password-stdin <"$T_DIR/pw"
expect_rc "an admin with a password" 0
token=$("$CAPNET" token create --email admin@kde.ky.gov 2>/dev/null)
jar="$T_DIR/jar"
srv_start || exit 1
W_PASSWORD='a long password 2026' web_signin admin@kde.ky.gov "$jar"
http GET /dashboard -b "$jar"
expect_status "signed in" 200
srv_stop

# A new server whose workers have not opened the database yet; then it is gone.
srv_start || exit 1
mv "$T_DIR/db" "$T_DIR/away"
http GET /api/v1/organizations -H "Authorization: Bearer $token"
expect_status "an API call while the database is missing: 503" 503
expect_header "as a problem document" "Content-Type: application/problem+json"
expect_header "that says when to try again" "Retry-After: 5"
expect_eq "in a plain sentence" "$(jget 'j["detail"]')" "the database is not available right now; try again in a moment"
expect_body_lacks "without the database's path" "$T_DIR"
expect_body_lacks "nor the field of the setting" '"field"'
http GET /api/v1/organizations
expect_status "an anonymous caller: 503 too" 503
expect_body_lacks "told nothing of the database's path either" "capnet.db"
http GET /dashboard -b "$jar"
expect_status "a page while the database is missing: 503" 503
expect_header "an HTML page" "Content-Type: text/html"
expect_header "with Retry-After too" "Retry-After: 5"
expect_body "that says to try again" "try again in a moment"
expect_body_lacks "without the database's path" "$T_DIR"
if grep -qF "$T_DIR/db/capnet.db" "$T_DIR/serve.log"; then t_ok "the server's log keeps the database's own words"; else
	t_fail "the server's log keeps the database's own words" "$(tail -n 5 "$T_DIR/serve.log")"; fi

mv "$T_DIR/away" "$T_DIR/db"
http GET /api/v1/organizations -H "Authorization: Bearer $token"
expect_status "once it is back, the API answers again" 200
http GET /dashboard -b "$jar"
expect_status "and the pages" 200
expect_header "without Retry-After" "Content-Type: text/html"
if printf '%s' "$H_HEAD" | grep -qi "^Retry-After"; then t_fail "no Retry-After once it is back"; else
	t_ok "no Retry-After once it is back"; fi
srv_stop
expect_eq "the server stopped cleanly" "$SRV_RC" "0"
