#!/bin/sh
# End to end: what the API and the command line could do alone is in the pages too
# (issue 18), and the calendar feeds' URLs lead to pages that exist.
# backends: sqlite postgresql
. "$(dirname "$0")/../e2e_lib.sh"
t_begin
c demo
srv_start || exit 1
c setting set site.base_url "$SRV_URL/"
admin="$T_DIR/admin.jar"
web_signin admin@demo.capnet.example "$admin"

# Every URL of a network's and a team's feed answers a page (RFC 5545 §3.8.4.6; lines
# unfolded as §3.1 says).
feed_urls() {
	"$CAPNET" export ical "$@" 2>/dev/null | tr -d '\r' | sed -e ':a' -e '$!N; s/\n //; ta' -e 'P; D' |
		sed -n 's/^URL[^:]*://p' | sort -u
}
for scope in "--network 1" "--team 1"; do
	# shellcheck disable=SC2086
	urls=$(feed_urls $scope)
	n=$(printf '%s\n' "$urls" | grep -c .)
	if [ "$n" -eq 0 ]; then t_fail "the feed ($scope) has URLs"; continue; fi
	bad=""
	for u in $urls; do
		s=$(curl -s -o /dev/null -w '%{http_code}' -b "$admin" --max-time 20 "$u")
		[ "$s" = 200 ] || bad="$bad $u:$s"
	done
	expect_eq "every one of the $n URLs of the feed ($scope) opens a page" "$bad" ""
done

# Calendar subscriptions from the network, meeting and team pages: each offers one, and
# the address it makes answers the feed.
lead="$T_DIR/lead.jar"
web_signin lead@demo.capnet.example "$lead"
team=$(sql "SELECT t.id FROM team t JOIN membership m ON m.org_id = t.district_id JOIN person p ON p.id = m.person_id WHERE p.email = 'lead@demo.capnet.example' ORDER BY t.id LIMIT 1")
for page in /networks/1 /meetings/1 "/teams/$team"; do
	case $page in /teams/*) action="/teams/$team/calendar" ;; *) action=/networks/1/calendar ;; esac
	body=$(curl -s -b "$lead" --max-time 20 "$SRV_URL$page")
	case "$body" in
	*"action=\"$action\""*) t_ok "the page $page offers a calendar subscription ($action)" ;;
	*) t_fail "the page $page offers a calendar subscription ($action)" "$(printf '%s' "$body" | grep -o 'action="[^"]*"' | head)" ;;
	esac
done
for action in /networks/1/calendar "/teams/$team/calendar"; do
	web_csrf "$lead"
	body=$(curl -s -b "$lead" --max-time 20 --data-urlencode "csrf=$W_CSRF" "$SRV_URL$action")
	url=$(printf '%s' "$body" | sed -n 's|.*<code id="calendar-address">\([^<]*\)</code>.*|\1|p')
	case "$url" in
	"$SRV_URL/calendar/"*.ics) t_ok "$action shows the subscription address once" ;;
	*) t_fail "$action shows the subscription address once" "$(printf '%s' "$body" | head -c 600)" ;;
	esac
	s=$(curl -s -o "$T_DIR/feed.ics" -w '%{http_code}' --max-time 20 "$url")
	expect_eq "the address answers the feed ($action)" "$s $(head -n 1 "$T_DIR/feed.ics" | tr -d '\r')" "200 BEGIN:VCALENDAR"
done
curl -s -o /dev/null -w '%{http_code}' -b "$lead" --max-time 20 -X POST "$SRV_URL/networks/1/calendar" >"$T_DIR/s"
expect_eq "without the CSRF token it is refused" "$(cat "$T_DIR/s")" "403"

# The audit log for admins: filtered, a page at a time, each change's record before and
# after; nobody else sees it.
c meeting materials add 1 --library-item 5
page=$(curl -s -b "$admin" --max-time 20 "$SRV_URL/admin/audit")
case "$page" in *'rel="next"'*) t_ok "/admin/audit shows a page and a link to older changes" ;; *) t_fail "/admin/audit shows a page and a link to older changes" "$(printf '%s' "$page" | head -c 400)" ;; esac
next=$(printf '%s' "$page" | grep -o 'rel="next" href="[^"]*"' | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
s=$(curl -s -o "$T_DIR/older" -w '%{http_code}' -b "$admin" --max-time 20 "$SRV_URL$next")
expect_eq "the older page opens" "$s" "200"
page=$(curl -s -b "$admin" --max-time 20 "$SRV_URL/admin/audit?entity=agenda_item_link&since=$(date -u +%Y-%m-%d)")
case "$page" in *"agenda_item_link 1"*"Before and after"*) t_ok "a filter by kind of record and day shows the change and its record" ;; *) t_fail "a filter by kind of record and day shows the change and its record" "$(printf '%s' "$page" | grep -o '<tbody>.*' | head -c 600)" ;; esac
page=$(curl -s -b "$admin" --max-time 20 "$SRV_URL/admin/audit?entity=agenda_item_link&until=2000-01-01")
case "$page" in *"No change matches."*) t_ok "nothing until 2000" ;; *) t_fail "nothing until 2000" ;; esac
s=$(curl -s -o "$T_DIR/bad" -w '%{http_code}' -b "$admin" --max-time 20 "$SRV_URL/admin/audit?since=yesterday")
expect_eq "a date that is not one answers 400" "$s" "400"
grep -q "is not a date" "$T_DIR/bad" && t_ok "and says so beside the field" || t_fail "and says so beside the field"
s=$(curl -s -o /dev/null -w '%{http_code}' -b "$lead" --max-time 20 "$SRV_URL/admin/audit")
expect_eq "a district lead may not read the audit log" "$s" "403"

# Organizations' relationships on their page (admins): listed, added, removed.
org=$(sql "SELECT from_org_id FROM relationship ORDER BY id LIMIT 1")
rel=$(sql "SELECT id FROM relationship ORDER BY id LIMIT 1")
page=$(curl -s -b "$admin" --max-time 20 "$SRV_URL/admin/organizations")
case "$page" in *"href=\"/admin/organizations/$org\""*) t_ok "the organizations list links each one's page" ;; *) t_fail "the organizations list links each one's page" ;; esac
page=$(curl -s -b "$admin" --max-time 20 "$SRV_URL/admin/organizations/$org")
case "$page" in *"/relationships/$rel/remove"*) t_ok "an organization's page lists its relationships" ;; *) t_fail "an organization's page lists its relationships" "$(printf '%s' "$page" | grep -o '<h2[^>]*>Relationships.*' | head -c 500)" ;; esac
web_csrf "$admin"
before=$(sql "SELECT COUNT(*) FROM relationship WHERE from_org_id = $org")
curl -s -o /dev/null -b "$admin" --max-time 20 --data-urlencode "csrf=$W_CSRF" --data-urlencode "kind=service" \
	--data-urlencode "to_org_id=1" --data-urlencode "since=2026-08-01" --data-urlencode "note=Data coaching" \
	"$SRV_URL/admin/organizations/$org/relationships"
expect_eq "the form adds a relationship" "$(sql "SELECT COUNT(*) FROM relationship WHERE from_org_id = $org")" "$((before + 1))"
page=$(curl -s -b "$admin" --max-time 20 "$SRV_URL/admin/organizations/$org")
case "$page" in *"Data coaching"*) t_ok "and the page shows it" ;; *) t_fail "and the page shows it" ;; esac
s=$(curl -s -o "$T_DIR/bad" -w '%{http_code}' -b "$admin" --max-time 20 --data-urlencode "csrf=$W_CSRF" --data-urlencode "kind=service" \
	--data-urlencode "to_org_id=$org" "$SRV_URL/admin/organizations/$org/relationships")
expect_eq "a relationship with itself is refused" "$s" "400"
grep -q "two different organizations" "$T_DIR/bad" && t_ok "saying why" || t_fail "saying why"
curl -s -o /dev/null -b "$admin" --max-time 20 --data-urlencode "csrf=$W_CSRF" "$SRV_URL/admin/organizations/$org/relationships/$rel/remove"
expect_eq "the button removes one" "$(sql "SELECT COUNT(*) FROM relationship WHERE id = $rel")" "0"
s=$(curl -s -o /dev/null -w '%{http_code}' -b "$lead" --max-time 20 "$SRV_URL/admin/organizations/$org")
expect_eq "a district lead may not open it" "$s" "403"

# The 704 KAR 3:035 view of a plan as a page: linked from the plan, every expectation
# with its status as GET /api/v1/plans/{id}/kar says, each record's link opens.
plan=$(sql "SELECT id FROM plan WHERE team_id = $team ORDER BY id LIMIT 1")
page=$(curl -s -b "$lead" --max-time 20 "$SRV_URL/plans/$plan")
case "$page" in *"href=\"/plans/$plan/kar\""*) t_ok "the plan page links its 704 KAR 3:035 page" ;; *) t_fail "the plan page links its 704 KAR 3:035 page" ;; esac
s=$(curl -s -o "$T_DIR/kar.html" -w '%{http_code}' -b "$lead" --max-time 20 "$SRV_URL/plans/$plan/kar")
expect_eq "the page opens for the district's lead" "$s" "200"
lead_token=$("$CAPNET" token create --email lead@demo.capnet.example 2>/dev/null)
H_TOKEN=$lead_token
http GET "/api/v1/plans/$plan/kar"
want=$(jget '" ".join(e["key"] + ":" + e["status"] for e in j["expectations"])')
got=""
for kv in $want; do
	key=${kv%%:*} status=$(printf '%s' "${kv#*:}" | sed 's/_/ /g')
	grep -q "id=\"kar-$key\"" "$T_DIR/kar.html" && got="$got $key" 
done
expect_eq "every expectation of the API's view is on the page" "$got" " $(printf '%s' "$want" | sed 's/:[^ ]*//g')"
links=$(grep -o '<li><a href="/[a-z]*/[0-9]*"' "$T_DIR/kar.html" | sed 's/.*href="//; s/"$//' | sort -u)
[ -n "$links" ] && t_ok "the page links the records behind the expectations" || t_fail "the page links the records behind the expectations"
bad=""
for u in $links; do
	s=$(curl -s -o /dev/null -w '%{http_code}' -b "$lead" --max-time 20 "$SRV_URL$u")
	[ "$s" = 200 ] || bad="$bad $u:$s"
done
expect_eq "each record it links opens" "$bad" ""
s=$(curl -s -o /dev/null -w '%{http_code}' -b "$lead" --max-time 20 "$SRV_URL/plans/$(sql "SELECT id FROM plan WHERE team_id <> $team AND is_template = 0 ORDER BY id LIMIT 1")/kar")
expect_eq "another district's plan's page is not found" "$s" "404"
