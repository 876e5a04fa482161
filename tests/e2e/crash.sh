# backends: sqlite
# End to end: durability. A client writes through the API and notes every write the
# server acknowledged; the server is killed with SIGKILL at random moments, 20 times,
# and started again. Every acknowledged write must be there afterwards, and the
# database must pass its integrity check.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run init
run org add --kind state --name "Kentucky Department of Education"
run user add --given-name Ann --family-name Admin --email admin@kde.ky.gov --org 1 --role admin --no-password
token=$("$CAPNET" token create --email admin@kde.ky.gov 2>/dev/null)
: >"$T_DIR/acked"

# writer ROUND: writes until the server goes away; appends acknowledged names.
writer() {
	n=0
	while [ $n -lt 1000 ]; do
		n=$((n + 1))
		name="crash-$1-$n"
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Authorization: Bearer $token" \
			-H 'Content-Type: application/json' \
			--data-binary "{\"kind\":\"district\",\"name\":\"$name\",\"parent_id\":1}" \
			"$SRV_URL/api/v1/organizations")
		case $code in
		201) echo "$name" >>"$T_DIR/acked" ;;
		000) return 0 ;;
		esac
	done
}

kills=0
round=0
while [ $round -lt 20 ]; do
	round=$((round + 1))
	srv_start || exit 1
	writer "$round" &
	w=$!
	sleep "0.$(( ($(date +%N | sed 's/^0*//;s/^$/0/') % 8) + 2 ))"
	kill -KILL "$SRV_PID" && kills=$((kills + 1))
	wait "$SRV_PID" 2>/dev/null
	SRV_PID=""
	wait "$w"
done
expect_eq "the server was killed 20 times" "$kills" "20"
acked=$(wc -l <"$T_DIR/acked" | tr -d ' ')
if [ "$acked" -ge 20 ]; then t_ok "writes were acknowledged ($acked)"; else t_fail "writes were acknowledged" "only $acked"; fi
sort "$T_DIR/acked" >"$T_DIR/acked.sorted"
sql "SELECT name FROM organization WHERE name LIKE 'crash-%'" | sort >"$T_DIR/stored"
lost=$(comm -23 "$T_DIR/acked.sorted" "$T_DIR/stored" | wc -l | tr -d ' ')
expect_eq "every acknowledged write survived" "$lost" "0"
expect_eq "the database passes its integrity check" "$(sql "PRAGMA integrity_check")" "ok"
expect_eq "every stored write was audited" "$(sql "SELECT COUNT(*) FROM organization o WHERE name LIKE 'crash-%' AND NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.entity = 'organization' AND e.entity_id = o.id)")" "0"
srv_start || exit 1
http GET /readyz
expect_status "the server starts again on the same database" 200
