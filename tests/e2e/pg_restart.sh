# End to end: PostgreSQL stops and starts again under a running capnet. Two clients
# keep writing and note each write the server acknowledged (201); while the database
# is down requests are answered 503 with a problem document (never 500, and the server
# stays up), /readyz says 503 and /healthz still 200; once it is back requests succeed
# again and every acknowledged write is stored. Needs the test cluster's folder
# (CAPNET_TEST_PG_DIR, set by tests/run) to stop and start it.
# backends: postgresql
. "$(dirname "$0")/../e2e_lib.sh"
if [ -z "${CAPNET_TEST_PG_DIR:-}" ]; then
	echo "ok 1 - restarting PostgreSQL needs CAPNET_TEST_PG_DIR (tests/run sets it) # SKIP"
	exit 0
fi
cluster="$(dirname "$0")/../pg_cluster.sh"
t_begin

t_state_admin
token=$("$CAPNET" token create --email admin@kde.ky.gov 2>/dev/null)
srv_start --threads 2 || exit 1
# Whatever happens, the cluster is running again for the scripts after this one.
trap '[ -f "$T_DIR/down" ] && "$cluster" resume "$CAPNET_TEST_PG_DIR"; t_end' EXIT

# writer NAME: adds organizations "NAME-1", "NAME-2", ... one at a time until the
# file stop exists; each status goes to NAME.status, each acknowledged name to
# NAME.acked.
writer() {
	i=0
	while [ ! -f "$T_DIR/stop" ]; do
		i=$((i + 1))
		code=$(curl -s -o "$T_DIR/$1.body" -w '%{http_code}' --max-time 10 \
			-H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
			--data-binary "{\"kind\":\"cooperative\",\"name\":\"$1-$i\",\"parent_id\":1}" \
			"$SRV_URL/api/v1/organizations")
		echo "$code" >>"$T_DIR/$1.status"
		[ "$code" = 201 ] && echo "$1-$i" >>"$T_DIR/$1.acked"
		[ "$code" = 500 ] && cp "$T_DIR/$1.body" "$T_DIR/$1.500"
	done
}
writer one &
w1=$!
writer two &
w2=$!
sleep 1

touch "$T_DIR/down"
"$cluster" stop "$CAPNET_TEST_PG_DIR"
sleep 1
http GET /api/v1/organizations -H "Authorization: Bearer $token"
expect_status "a read while the database is down: 503" 503
expect_header "as a problem document" "Content-Type: application/problem+json"
expect_body "that says to try again" "try again in a moment"
expect_header "and when" "Retry-After: 5"
expect_body_lacks "without the server's socket" ".s.PGSQL"
expect_body_lacks "nor its folder" "$CAPNET_TEST_PG_DIR"
expect_body_lacks "nor what the client library said" "connection"
http GET /readyz
expect_status "/readyz: 503 while the database is down" 503
http GET /healthz
expect_status "/healthz: the process is still alive" 200
json POST /api/v1/organizations '{"kind":"cooperative","name":"During","parent_id":1}' -H "Authorization: Bearer $token"
expect_status "a write while the database is down: 503" 503
sleep 1
"$cluster" resume "$CAPNET_TEST_PG_DIR"
rm -f "$T_DIR/down"
sleep 1.5
touch "$T_DIR/stop"
wait "$w1" "$w2"

http GET /readyz
expect_status "/readyz: 200 once the database is back" 200
json POST /api/v1/organizations '{"kind":"cooperative","name":"After","parent_id":1}' -H "Authorization: Bearer $token"
expect_status "a write once the database is back" 201
if kill -0 "$SRV_PID" 2>/dev/null; then t_ok "the server kept running"; else t_fail "the server kept running" "$(tail -n 5 "$T_DIR/serve.log")"; fi

cat "$T_DIR/one.status" "$T_DIR/two.status" >"$T_DIR/all.status"
others=$(grep -cv -e '^201$' -e '^503$' "$T_DIR/all.status")
expect_eq "the writers got only 201 and 503 (no 500, no dropped connection)" "$others" "0"
[ "$others" -eq 0 ] || sort "$T_DIR/all.status" | uniq -c | sed 's/^/# /'
[ -f "$T_DIR/one.500" ] && sed 's/^/# 500: /' "$T_DIR/one.500"
refused=$(grep -c '^503$' "$T_DIR/all.status")
if [ "$refused" -gt 0 ]; then t_ok "the writers were refused during the outage ($refused times)"; else
	t_fail "the writers were refused during the outage"; fi
last=$(tail -n 1 "$T_DIR/one.status")$(tail -n 1 "$T_DIR/two.status")
expect_eq "both writers' last writes succeeded" "$last" "201201"
acked=$(cat "$T_DIR/one.acked" "$T_DIR/two.acked" | wc -l)
sed "s/.*/('&')/" "$T_DIR/one.acked" "$T_DIR/two.acked" | paste -sd, - >"$T_DIR/names"
stored=$(sql "SELECT COUNT(*) FROM organization WHERE name IN ($(cat "$T_DIR/names"))")
expect_eq "every acknowledged write is stored ($acked)" "$stored" "$acked"
