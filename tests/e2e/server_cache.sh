# End to end: what the server remembers between requests never outlives a change. An
# answer given again from the cache shows a change made at once after it by another
# process (the command line), for JSON and for pages; a query of its own is its own
# answer; a token revoked or a session ended right after a use stops working at once;
# two `capnet serve --reuse-port` processes share one port, and a session made
# through one works on the other; without --reuse-port the port is refused.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run demo
expect_rc "the demo loads" 0
# One worker thread, so that every request meets the same thread's cache.
srv_start --reuse-port --threads 1 || exit 1
token=$("$CAPNET" token create --email admin@demo.capnet.example 2>/dev/null)
net=$(sql "SELECT MIN(id) FROM network")

# JSON: the same GET twice (the second from the cache), then a change by another
# process, a few times over (the cache keeps an answer within its second only).
H_TOKEN=$token
fresh=0
for name in One Two Three; do
	http GET "/api/v1/networks/$net"
	http GET "/api/v1/networks/$net"
	run network update "$net" --name "Renamed $name Network"
	http GET "/api/v1/networks/$net"
	case "$H_BODY" in *"\"name\":\"Renamed $name Network\""*) fresh=$((fresh + 1)) ;; esac
done
expect_eq "each GET after a change by another process shows it at once" "$fresh" "3"

# A revoked token, used an instant before, is refused at once.
http GET /api/v1/session
expect_status "the token works" 200
token_id=$(sql "SELECT MAX(id) FROM api_token")
run token revoke "$token_id"
http GET /api/v1/session
expect_status "revoked by another process, it is refused at once" 401
H_TOKEN=""

# Pages: the same page twice, then a change; a query of its own is its own answer.
jar="$T_DIR/fac"
web_signin facilitator@demo.capnet.example "$jar"
fresh=0
for name in Four Five Six; do
	http GET "/networks/$net" -b "$jar"
	http GET "/networks/$net" -b "$jar"
	run network update "$net" --name "Renamed $name Network"
	http GET "/networks/$net" -b "$jar"
	case "$H_BODY" in *"Renamed $name Network"*) fresh=$((fresh + 1)) ;; esac
done
expect_eq "each page after a change by another process shows it at once" "$fresh" "3"
http GET "/networks/$net?done=meeting" -b "$jar"
expect_body "the same page with another query is made for it" "The meeting was added."
http GET "/networks/$net" -b "$jar"
expect_body_lacks "and the plain page does not show that notice" "The meeting was added."

# Another person's page is theirs, not the facilitator's remembered one.
other="$T_DIR/member"
web_signin member@demo.capnet.example "$other"
http GET /dashboard -b "$jar"
fac_dash=$H_BODY
http GET /dashboard -b "$other"
if [ "$H_BODY" != "$fac_dash" ]; then t_ok "each session gets its own dashboard"; else
	t_fail "each session gets its own dashboard"; fi

# Signing out ends the session at once, though it was used an instant before.
web_csrf "$other"
http POST /signout -b "$other" -c "$other" -d "csrf=$W_CSRF"
expect_status "the member signs out" 303
http GET /dashboard -b "$other"
expect_status "the dashboard is closed at once" 303

# A second process on the same port, sharing the database.
"$CAPNET" serve --listen "127.0.0.1:$SRV_PORT" --reuse-port 2>>"$T_DIR/serve2.log" &
second=$!
ok=0
for i in $(seq 100); do
	if grep -q "serving on" "$T_DIR/serve2.log" 2>/dev/null; then ok=1; break; fi
	kill -0 "$second" 2>/dev/null || break
	sleep 0.05
done
if [ $ok = 1 ]; then t_ok "a second process listens on the same port with --reuse-port"; else
	t_fail "a second process listens on the same port with --reuse-port" "$(cat "$T_DIR/serve2.log")"; fi
# New connections are spread between the two: with a session made through either, every
# request succeeds, and both processes log some of them.
fresh="$T_DIR/fresh"
web_signin lead@demo.capnet.example "$fresh"
good=0
for i in $(seq 30); do
	s=$(curl -s -o /dev/null -w '%{http_code}' -b "$fresh" "$SRV_URL/networks/$net")
	[ "$s" = 200 ] && good=$((good + 1))
done
expect_eq "a session works on whichever process takes the connection" "$good" "30"
n2=$(grep -c '"path":"/networks/' "$T_DIR/serve2.log")
if [ "$n2" -gt 0 ]; then t_ok "the second process served some of the pages"; else
	t_fail "the second process served some of the pages" "it served none of 30"; fi
kill -TERM "$second" && wait "$second"
expect_eq "the second process stops cleanly" "$?" "0"

"$CAPNET" serve --listen "127.0.0.1:$SRV_PORT" 2>"$T_DIR/serve3.log" &
third=$!
wait "$third"
rc=$?
expect_eq "without --reuse-port the busy port is refused" "$rc" "1"
expect_eq "and says so" "$(grep -c 'cannot listen on' "$T_DIR/serve3.log")" "1"
srv_stop
