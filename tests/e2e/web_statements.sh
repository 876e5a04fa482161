# End to end: what a page costs the database does not grow with the records it shows.
# The access log gives each request's statements; the network page, read by an admin
# (who sees every team, its members and its profile), sends as many statements with
# 14 teams as with 8, and the API's network read with its teams too.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run demo
expect_rc "the demo loads" 0
srv_start || exit 1
admin="$T_DIR/admin"
web_signin admin@demo.capnet.example "$admin"
token=$("$CAPNET" token create --email admin@demo.capnet.example 2>/dev/null)

# statements PATH [curl options]: the statements the server logged for one GET of PATH.
n=0
statements() {
	n=$((n + 1))
	path="$1?r=$n"
	shift
	curl -s -o /dev/null "$@" "$SRV_URL$path"
	sleep 0.2 # the log line is written after the answer
	grep "\"path\":\"${path%%\?*}\"" "$T_DIR/serve.log" | tail -n 1 |
		python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["statements"])'
}

teams=$(sql "SELECT COUNT(*) FROM team WHERE network_id = 1")
page_before=$(statements /networks/1 -b "$admin")
api_before=$(statements /api/v1/networks/1 -G -d include=teams -H "Authorization: Bearer $token")
[ "$page_before" -gt 0 ] && t_ok "the access log counts the page's statements ($page_before)" ||
	t_fail "the access log counts the page's statements" "got: $page_before"

# Six more teams, each with a lead from its district.
i=0
while [ $i -lt 6 ]; do
	i=$((i + 1))
	d=$(cid org add --kind district --name "Added District $i" --parent-id 1)
	printf 'capnet-demo-2026\n' >"$T_DIR/pw"
	c user add --given-name "Lee$i" --family-name Lead --email "lead$i@added.example" --org "$d" --role member --password-stdin <"$T_DIR/pw"
	person=$(sql "SELECT id FROM person WHERE email = 'lead$i@added.example'")
	team=$(cid team add --network-id 1 --district-id "$d" --name "Added team $i")
	c team member add "$team" "$person" --role lead
done
expect_eq "the network has six more teams" "$(sql "SELECT COUNT(*) FROM team WHERE network_id = 1")" "$((teams + 6))"

page_after=$(statements /networks/1 -b "$admin")
expect_eq "the network page sends as many statements with $((teams + 6)) teams as with $teams" "$page_after" "$page_before"
api_after=$(statements /api/v1/networks/1 -G -d include=teams -H "Authorization: Bearer $token")
expect_eq "so does GET /api/v1/networks/1?include=teams" "$api_after" "$api_before"
