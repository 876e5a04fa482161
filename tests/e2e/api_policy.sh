# End to end: who may do what (DESIGN §5), for every route of the API, for each role
# (admin, facilitator of network 1, district lead of district A, member of district A's
# team, partner, nobody), on a record of their own district or network ("own") and of
# another ("other": district B, or network 2). A cell is Y when the request is
# allowed (2xx, or 409 when the change clashes with data after the policy allowed it;
# for lists and link lists: the record is in the answer) and N when it is refused
# (401/403/404, or missing from the list). The route list is read from the server's
# OpenAPI document, so a new route without a row here fails the test.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

c init
c org add --kind state --name "Kentucky Department of Education"          # 1
c org add --kind cooperative --name "Green River" --parent-id 1            # 2
c org add --kind district --name "District A" --parent-id 2                # 3
c org add --kind district --name "District B" --parent-id 2                # 4
c org add --kind partner --name "University Partner" --parent-id 1         # 5
c org add --kind district --name "District C" --parent-id 2                # 6
c user add --given-name Ann --family-name Admin --email admin@x.org --org 1 --role admin --no-password
c user add --given-name Fay --family-name Facilitator --email fac@x.org --org 2 --role facilitator --no-password
c user add --given-name Lee --family-name LeadA --email leada@x.org --org 3 --role district_lead --no-password
c user add --given-name Mia --family-name MemberA --email membera@x.org --org 3 --role member --no-password
c user add --given-name Lou --family-name LeadB --email leadb@x.org --org 4 --role district_lead --no-password
c user add --given-name Max --family-name MemberB --email memberb@x.org --org 4 --role member --no-password
c user add --given-name Pat --family-name Partner --email partner@x.org --org 5 --role partner --no-password
c user add --given-name Sam --family-name Spare --email spare@x.org --no-password   # person 8
c network add --name "Network 1" --content-area mathematics --region-id 2 --school-year 2026-27
c network add --name "Network 2" --content-area science --region-id 2 --school-year 2026-27
c network facilitator add 1 fac@x.org
c team add --network-id 1 --district-id 3            # team 1: district A in network 1
c team add --network-id 1 --district-id 4            # team 2: district B in network 1
c team member add 1 membera@x.org --role member
c team member add 1 leada@x.org --role lead
c team member add 2 memberb@x.org --role member
c meeting add --network-id 1 --title "Meeting 1" --starts-at 2026-09-15T09:00 --ends-at 2026-09-15T15:00
c meeting add --network-id 2 --title "Meeting 2" --starts-at 2026-09-16T09:00 --ends-at 2026-09-16T15:00
c meeting agenda add --meeting-id 1 --kind present --title "Item 1"
c meeting agenda add --meeting-id 2 --kind present --title "Item 2"
c meeting attend 1 membera@x.org
c meeting attend 1 memberb@x.org
c relationship add --kind mou --from-org-id 3 --to-org-id 5
c relationship add --kind mou --from-org-id 4 --to-org-id 5
c deliverable create --network-id 1 --kind learning_target_set --title "Set A" --team-id 1  # 1
printf 'Targets for fractions\n' | "$CAPNET" deliverable create --network-id 1 --kind learning_target_set --title "Set B" --team-id 2 --author memberb@x.org --file - >/dev/null 2>>"$T_DIR/cli.err"  # 2
sql "INSERT INTO framework (id, identifier, title, created_at, updated_at) VALUES (1, 'f-1', 'Math', 't', 't')" >/dev/null
sql "INSERT INTO cf_item (id, framework_id, identifier, full_statement, created_at, updated_at) VALUES (1, 1, 'i-1', 'Add fractions', 't', 't')" >/dev/null
c deliverable target add 1 --standard 1 --kind skill --statement "I can add fractions"   # 1
c deliverable target add 2 --standard 1 --kind skill --statement "I can add fractions"   # 2
# Delivery records of district A's team (1) and district B's (2) in network 1.
c org add --kind school --name "School A" --parent-id 3                    # 7
c org add --kind school --name "School B" --parent-id 4                    # 8
sql "INSERT INTO plan (id, network_id, team_id, school_year, title, created_at, updated_at) VALUES (1, 1, 1, '2026-27', 'Plan A', 't', 't')" >/dev/null
sql "INSERT INTO plan (id, network_id, team_id, school_year, title, created_at, updated_at) VALUES (2, 1, 2, '2026-27', 'Plan B', 't', 't')" >/dev/null
for n in 1 2; do
	c pd schedule add --plan-id $n --school-id $((n + 6)) --recurrence weekly --weekday tuesday --start-time 15:30 --minutes 45
	c pd session add --team-id $n --school-id $((n + 6)) --title "PLC" --held-on 2026-10-06 --minutes 45 --pd-format plc
	c walkthrough add --team-id $n --school-id $((n + 6)) --observed-on 2026-10-07 --observed true
done
c reflection add --meeting-id 1 --person-id 4 --distill "Ideas A"            # 1: member A's
c reflection add --meeting-id 1 --person-id 6 --distill "Ideas B"            # 2: member B's
c library add --kind tool --title "Kit 1" --network-id 1                       # 1: network 1's
c library add --kind tool --title "Kit 2" --network-id 2                       # 2: network 2's
c library tryout add 1 --person membera@x.org --rating 4 --would-work yes      # 1: member A's
c library tryout add 1 --person memberb@x.org --rating 3 --would-work maybe    # 2: member B's
for who in admin fac leada membera partner; do
	eval "TOKEN_$who=\$(\"\$CAPNET\" token create --email $who@x.org 2>/dev/null)"
done
srv_start || exit 1
H_TOKEN=$TOKEN_admin
json POST /api/v1/academic-sessions '{"title":"2026-27","kind":"schoolYear","school_year":"2026-27","starts_on":"2026-08-01","ends_on":"2027-06-30","org_id":3}'
json POST /api/v1/academic-sessions '{"title":"2026-27","kind":"schoolYear","school_year":"2026-27","starts_on":"2026-08-01","ends_on":"2027-06-30","org_id":4}'

ROLES="admin fac leada membera partner anon"
ROWS=""
fresh_district() { cid org add --kind district --name "Fresh $$-$1-$(date +%N)" --parent-id 2; }
# Victims for deletes: each prints the id of a new record for side own|other.
prep_relationship() { cid relationship add --kind service --from-org-id $([ "$1" = own ] && echo 3 || echo 4) --to-org-id 5; }
prep_membership() {
	org=$([ "$1" = own ] && echo 3 || echo 4)
	c user role spare@x.org --org "$org" --role member
	sql "SELECT id FROM membership WHERE person_id = 8 AND org_id = $org AND active = 1"
}
prep_team() { cid team add --network-id $([ "$1" = own ] && echo 1 || echo 2) --district-id "$(fresh_district "$1")"; }
prep_meeting() { cid meeting add --network-id $([ "$1" = own ] && echo 1 || echo 2) --title Victim --starts-at 2026-11-01T09:00 --ends-at 2026-11-01T10:00; }
prep_agenda() { cid meeting agenda add --meeting-id $([ "$1" = own ] && echo 1 || echo 2) --kind reflect --title Victim; }
# A library item linked to agenda item 1 (own) or 2 (other); deliverable 1 linked so.
prep_material() {
	v=$(cid library add --kind tool --title Victim)
	sql "INSERT INTO agenda_item_link (agenda_item_id, library_item_id) VALUES ($([ "$1" = own ] && echo 1 || echo 2), $v)" >/dev/null
	echo "$v"
}
prep_material_dlv() {
	a=$([ "$1" = own ] && echo 1 || echo 2)
	sql "DELETE FROM agenda_item_link WHERE agenda_item_id = $a AND deliverable_id = 1" >/dev/null
	sql "INSERT INTO agenda_item_link (agenda_item_id, deliverable_id) VALUES ($a, 1)" >/dev/null
	echo 1
}
prep_facilitator() { c network facilitator add $([ "$1" = own ] && echo 1 || echo 2) spare@x.org; echo 8; }
prep_member() { c team member add $([ "$1" = own ] && echo 1 || echo 2) spare@x.org --role member; echo 8; }

# cell ROLE METHOD PATH BODY CHECK: prints Y, N, or E (an unexpected status).
cell() {
	if [ "$1" = anon ]; then H_TOKEN=""; else eval "H_TOKEN=\$TOKEN_$1"; fi
	if [ -n "$4" ]; then json "$2" "$3" "$4" -H 'If-Match: *'; else http "$2" "$3" -H 'If-Match: *'; fi
	if [ -n "$5" ]; then
		if [ "$H_STATUS" = 200 ] && printf '%s' "$H_BODY" | grep -qF -- "$5"; then echo Y
		elif [ "$H_STATUS" = 200 ] || [ "$H_STATUS" = 401 ] || [ "$H_STATUS" = 403 ] || [ "$H_STATUS" = 404 ]; then echo N
		else echo "E$H_STATUS"; fi
		return
	fi
	case $H_STATUS in
	2??|409) echo Y ;;
	401|403|404) echo N ;;
	*) echo "E$H_STATUS" ;;
	esac
}

# row "METHOD PATTERN" EXPECTED OWN_PATH OTHER_PATH [OWN_BODY OTHER_BODY OWN_CHECK OTHER_CHECK PREP]
# EXPECTED: own+other for admin fac leada membera partner anon, e.g. "YY YN YN YN NN NN".
# In the paths and bodies, @V stands for the id PREP prints.
row() {
	route=$1 want=$2 own=$3 other=$4 bown=${5:-} bother=${6:-} kown=${7:-} kother=${8:-} prep=${9:-}
	ROWS="$ROWS|$route"
	got=""
	for role in $ROLES; do
		for side in own other; do
			if [ $side = own ]; then p=$own b=$bown k=$kown; else p=$other b=$bother k=$kother; fi
			if [ -n "$prep" ]; then
				v=$($prep $side)
				p=$(printf '%s' "$p" | sed "s/@V/$v/")
				b=$(printf '%s' "$b" | sed "s/@V/$v/")
			fi
			got="$got$(cell "$role" "${route%% *}" "$p" "$b" "$k")"
		done
		got="$got "
	done
	got=${got% }
	if [ "$got" = "$want" ]; then t_ok "$route: $got"; else
		t_fail "$route" "got:    $got" "wanted: $want" "(roles: $ROLES; own,other each)"
	fi
}

ALL="YY YY YY YY YY NN"
ADMIN="YY NN NN NN NN NN"
row "GET /api/v1/session" "$ALL" /api/v1/session /api/v1/session
row "GET /api/v1/audit" "$ADMIN" /api/v1/audit /api/v1/audit

# Sign-in providers: admins only. Two are connected (rows made directly: connecting one
# reads its discovery document); connecting one of their issuers again is a conflict
# (409), found before any provider is asked.
for n in 1 2; do
	sql "INSERT INTO sso_provider (name, issuer, client_id, client_secret, scopes, created_at) VALUES ('IdP $n', 'https://idp$n.example.org', 'c', 's', 'openid', 't')" >/dev/null
done
prep_sso() {
	sql "INSERT INTO sso_provider (name, issuer, client_id, client_secret, scopes, created_at) VALUES ('Victim', 'https://victim-$1-$(date +%N).example.org', 'c', 's', 'openid', 't') RETURNING id" | head -n 1
}
row "GET /api/v1/sso/providers" "$ADMIN" /api/v1/sso/providers /api/v1/sso/providers "" "" '"id":1,' '"id":2,'
row "POST /api/v1/sso/providers" "$ADMIN" /api/v1/sso/providers /api/v1/sso/providers '{"name":"X","issuer":"https://idp1.example.org","client_id":"c","client_secret":"s"}' '{"name":"X","issuer":"https://idp2.example.org","client_id":"c","client_secret":"s"}'
row "GET /api/v1/sso/providers/{id}" "$ADMIN" /api/v1/sso/providers/1 /api/v1/sso/providers/2
row "DELETE /api/v1/sso/providers/{id}" "$ADMIN" /api/v1/sso/providers/@V /api/v1/sso/providers/@V "" "" "" "" prep_sso
# Roster imports are admins': a body that is no bundle is taken (the import fails, 201).
row "POST /api/v1/imports/oneroster" "$ADMIN" /api/v1/imports/oneroster?dry_run=1 /api/v1/imports/oneroster?dry_run=1 '{}' '{}'
row "GET /api/v1/imports/{id}" "$ADMIN" /api/v1/imports/1 /api/v1/imports/1

row "GET /api/v1/organizations" "$ALL" /api/v1/organizations /api/v1/organizations "" "" '"id":3,' '"id":4,'
row "POST /api/v1/organizations" "$ADMIN" /api/v1/organizations /api/v1/organizations '{"kind":"school","name":"S","parent_id":3}' '{"kind":"school","name":"S","parent_id":4}'
row "GET /api/v1/organizations/{id}" "$ALL" /api/v1/organizations/3 /api/v1/organizations/4
row "PATCH /api/v1/organizations/{id}" "$ADMIN" /api/v1/organizations/3 /api/v1/organizations/4 '{"identifier":"A"}' '{"identifier":"B"}'

row "GET /api/v1/relationships" "$ALL" /api/v1/relationships /api/v1/relationships "" "" '"id":1,' '"id":2,'
row "POST /api/v1/relationships" "$ADMIN" /api/v1/relationships /api/v1/relationships '{"kind":"partnership","from_org_id":3,"to_org_id":5}' '{"kind":"partnership","from_org_id":4,"to_org_id":5}'
row "GET /api/v1/relationships/{id}" "$ALL" /api/v1/relationships/1 /api/v1/relationships/2
row "PATCH /api/v1/relationships/{id}" "$ADMIN" /api/v1/relationships/1 /api/v1/relationships/2 '{"note":"n"}' '{"note":"n"}'
row "DELETE /api/v1/relationships/{id}" "$ADMIN" /api/v1/relationships/@V /api/v1/relationships/@V "" "" "" "" prep_relationship

row "GET /api/v1/academic-sessions" "$ALL" /api/v1/academic-sessions /api/v1/academic-sessions "" "" '"id":1,' '"id":2,'
row "POST /api/v1/academic-sessions" "$ADMIN" /api/v1/academic-sessions /api/v1/academic-sessions '{"title":"T","kind":"term","school_year":"2026-27","starts_on":"2026-08-01","ends_on":"2026-12-20","org_id":3}' '{"title":"T","kind":"term","school_year":"2026-27","starts_on":"2026-08-01","ends_on":"2026-12-20","org_id":4}'
row "GET /api/v1/academic-sessions/{id}" "$ALL" /api/v1/academic-sessions/1 /api/v1/academic-sessions/2
row "PATCH /api/v1/academic-sessions/{id}" "$ADMIN" /api/v1/academic-sessions/1 /api/v1/academic-sessions/2 '{"title":"2026-27 year"}' '{"title":"2026-27 year"}'

# People: own = the member of district A (person 4), other = the member of district B (6).
row "GET /api/v1/people" "YY YY YN YN NN NN" /api/v1/people /api/v1/people "" "" '"id":4,' '"id":6,'
row "POST /api/v1/people" "YY NN YY NN NN NN" /api/v1/people /api/v1/people '{"given_name":"New","family_name":"Person"}' '{"given_name":"New","family_name":"Person"}'
# Invitations: into district A (own) or B (other), as a member; a lead invites into hers.
row "POST /api/v1/invitations" "YY NN YN NN NN NN" /api/v1/invitations /api/v1/invitations '{"email":"invited-a@x.org","given_name":"In","family_name":"Vited","org_id":3,"role":"member"}' '{"email":"invited-b@x.org","given_name":"In","family_name":"Vited","org_id":4,"role":"member"}'
row "GET /api/v1/people/{id}" "YY YY YN YN NN NN" /api/v1/people/4 /api/v1/people/6
row "PATCH /api/v1/people/{id}" "YY NN YN YN NN NN" /api/v1/people/4 /api/v1/people/6 '{"username":"u4"}' '{"username":"u6"}'

row "GET /api/v1/memberships" "YY NN YN YN NN NN" /api/v1/memberships /api/v1/memberships "" "" '"id":4,' '"id":6,'
# A person of no organization yet (a new one for each cell) joins district A or B; a
# person of the other district does not, but for an admin (issue 12: a lead who
# pulled them in would come to control their account).
# A newcomer of no organization, made by the lead of A (a lead adds to her district only
# people she made herself or who are of her district alone).
prep_newcomer() { n=$(date +%N); H_TOKEN=$TOKEN_leada; json POST /api/v1/people "{\"given_name\":\"New\",\"family_name\":\"Comer$n\",\"email\":\"new$n@x.org\"}"; jget 'j["id"]'; }
row "POST /api/v1/memberships" "YY NN YN NN NN NN" /api/v1/memberships /api/v1/memberships '{"person_id":@V,"org_id":3,"role":"member","title":"new"}' '{"person_id":@V,"org_id":4,"role":"member","title":"new"}' "" "" prep_newcomer
# own: a person of district B into district A; other: one of A into B.
prep_outsider() { n=$(date +%N); cid user add --given-name Out --family-name "Sider$n" --email "out$n@x.org" --org "$([ "$1" = own ] && echo 4 || echo 3)" --role member --no-password; }
row "POST /api/v1/memberships" "$ADMIN" /api/v1/memberships /api/v1/memberships '{"person_id":@V,"org_id":3,"role":"member","title":"also"}' '{"person_id":@V,"org_id":4,"role":"member","title":"also"}' "" "" prep_outsider
row "GET /api/v1/memberships/{id}" "YY NN YN YN NN NN" /api/v1/memberships/4 /api/v1/memberships/6
row "PATCH /api/v1/memberships/{id}" "YY NN YN NN NN NN" /api/v1/memberships/4 /api/v1/memberships/6 '{"title":"Coach"}' '{"title":"Coach"}'
# An ended membership in A made active again: own = of a person of A alone; other = of
# a person of B, whom the lead of A may not pull in (the same rule as giving one).
prep_ended() {
	n=$(date +%N)
	v=$(cid user add --given-name End --family-name "Ed$n" --email "end$n@x.org" --org "$([ "$1" = own ] && echo 3 || echo 4)" --role member --no-password)
	[ "$1" = own ] && sql "UPDATE membership SET active = 0 WHERE person_id = $v" >/dev/null
	sql "INSERT INTO membership (person_id, org_id, role, source, active, created_at, updated_at) SELECT $v, 3, 'member', 'manual', 0, 't', 't' WHERE '$1' = 'other'" >/dev/null
	sql "SELECT id FROM membership WHERE person_id = $v AND org_id = 3"
}
row "PATCH /api/v1/memberships/{id} (active again)" "YY NN YN NN NN NN" /api/v1/memberships/@V /api/v1/memberships/@V '{"active":true}' '{"active":true}' "" "" prep_ended
row "DELETE /api/v1/memberships/{id}" "YY NN YN NN NN NN" /api/v1/memberships/@V /api/v1/memberships/@V "" "" "" "" prep_membership

NET="YY YN YN YN YY NN"
row "GET /api/v1/networks" "$NET" /api/v1/networks /api/v1/networks "" "" '"id":1,' '"id":2,'
row "POST /api/v1/networks" "$ADMIN" /api/v1/networks /api/v1/networks '{"name":"N","content_area":"science","school_year":"2026-27","region_id":2}' '{"name":"N","content_area":"science","school_year":"2026-27"}'
row "GET /api/v1/networks/{id}" "$NET" /api/v1/networks/1 /api/v1/networks/2
row "PATCH /api/v1/networks/{id}" "YY YN NN NN NN NN" /api/v1/networks/1 /api/v1/networks/2 '{"description":"d"}' '{"description":"d"}'
row "GET /api/v1/networks/{id}/facilitators" "$NET" /api/v1/networks/1/facilitators /api/v1/networks/2/facilitators
row "PUT /api/v1/networks/{id}/facilitators/{person_id}" "$ADMIN" /api/v1/networks/1/facilitators/8 /api/v1/networks/2/facilitators/8
row "DELETE /api/v1/networks/{id}/facilitators/{person_id}" "$ADMIN" /api/v1/networks/1/facilitators/@V /api/v1/networks/2/facilitators/@V "" "" "" "" prep_facilitator

# Teams: own = district A's team, other = district B's team, both in network 1.
TEAM="YY YY YN YN NN NN"
row "GET /api/v1/teams" "$TEAM" /api/v1/teams /api/v1/teams "" "" '"id":1,' '"id":2,'
row "POST /api/v1/teams" "YY YN NN NN NN NN" /api/v1/teams /api/v1/teams '{"network_id":1,"district_id":6}' '{"network_id":2,"district_id":6}'
row "GET /api/v1/teams/{id}" "$TEAM" /api/v1/teams/1 /api/v1/teams/2
row "PATCH /api/v1/teams/{id}" "YY YY YN NN NN NN" /api/v1/teams/1 /api/v1/teams/2 '{"name":"Team A"}' '{"name":"Team B"}'
row "DELETE /api/v1/teams/{id}" "YY YN NN NN NN NN" /api/v1/teams/@V /api/v1/teams/@V "" "" "" "" prep_team
row "GET /api/v1/teams/{id}/members" "$TEAM" /api/v1/teams/1/members /api/v1/teams/2/members
row "PUT /api/v1/teams/{id}/members/{person_id}" "YY YY YN NN NN NN" /api/v1/teams/1/members/8 /api/v1/teams/2/members/8 '{"role":"member"}' '{"role":"member"}'
row "DELETE /api/v1/teams/{id}/members/{person_id}" "YY YY YN NN NN NN" /api/v1/teams/1/members/@V /api/v1/teams/2/members/@V "" "" "" "" prep_member

# Meetings: own = network 1's, other = network 2's.
row "GET /api/v1/meetings" "$NET" /api/v1/meetings /api/v1/meetings "" "" '"id":1,' '"id":2,'
row "POST /api/v1/meetings" "YY YN NN NN NN NN" /api/v1/meetings /api/v1/meetings '{"network_id":1,"title":"T","starts_at":"2026-10-01T09:00","ends_at":"2026-10-01T10:00"}' '{"network_id":2,"title":"T","starts_at":"2026-10-01T09:00","ends_at":"2026-10-01T10:00"}'
row "GET /api/v1/meetings/{id}" "$NET" /api/v1/meetings/1 /api/v1/meetings/2
row "PATCH /api/v1/meetings/{id}" "YY YN NN NN NN NN" /api/v1/meetings/1 /api/v1/meetings/2 '{"place":"Room 4"}' '{"place":"Room 4"}'
row "DELETE /api/v1/meetings/{id}" "YY YN NN NN NN NN" /api/v1/meetings/@V /api/v1/meetings/@V "" "" "" "" prep_meeting
row "GET /api/v1/meetings/{id}/agenda" "$NET" /api/v1/meetings/1/agenda /api/v1/meetings/2/agenda "" "" '"id":1,' '"id":2,'
# Materials: own = agenda item 1 (meeting 1, network 1), other = agenda item 2.
sql "INSERT INTO agenda_item_link (agenda_item_id, library_item_id) VALUES (1, 1), (2, 2)" >/dev/null
row "GET /api/v1/meetings/{id}/materials" "$NET" /api/v1/meetings/1/materials /api/v1/meetings/2/materials "" "" '"agenda_item_id":1,' '"agenda_item_id":2,'
row "PUT /api/v1/agenda-items/{id}/library-items/{item_id}" "YY YN NN NN NN NN" /api/v1/agenda-items/1/library-items/2 /api/v1/agenda-items/2/library-items/1
row "DELETE /api/v1/agenda-items/{id}/library-items/{item_id}" "YY YN NN NN NN NN" /api/v1/agenda-items/1/library-items/@V /api/v1/agenda-items/2/library-items/@V "" "" "" "" prep_material
row "PUT /api/v1/agenda-items/{id}/deliverables/{deliverable_id}" "YY YN NN NN NN NN" /api/v1/agenda-items/1/deliverables/1 /api/v1/agenda-items/2/deliverables/1
row "DELETE /api/v1/agenda-items/{id}/deliverables/{deliverable_id}" "YY YN NN NN NN NN" /api/v1/agenda-items/1/deliverables/@V /api/v1/agenda-items/2/deliverables/@V "" "" "" "" prep_material_dlv
# Attendance at meeting 1: own = district A's member, other = district B's member.
row "GET /api/v1/meetings/{id}/attendance" "YY YY YN YN NN NN" /api/v1/meetings/1/attendance /api/v1/meetings/1/attendance "" "" '"person_id":4,' '"person_id":6,'
row "PUT /api/v1/meetings/{id}/attendance/{person_id}" "YY YY YN YN NN NN" /api/v1/meetings/1/attendance/4 /api/v1/meetings/1/attendance/6 '{"status":"present"}' '{"status":"present"}'

row "GET /api/v1/agenda-items" "$NET" /api/v1/agenda-items /api/v1/agenda-items "" "" '"id":1,' '"id":2,'
row "POST /api/v1/agenda-items" "YY YN NN NN NN NN" /api/v1/agenda-items /api/v1/agenda-items '{"meeting_id":1,"kind":"plan","title":"T"}' '{"meeting_id":2,"kind":"plan","title":"T"}'
row "GET /api/v1/agenda-items/{id}" "$NET" /api/v1/agenda-items/1 /api/v1/agenda-items/2
row "PATCH /api/v1/agenda-items/{id}" "YY YN NN NN NN NN" /api/v1/agenda-items/1 /api/v1/agenda-items/2 '{"minutes":30}' '{"minutes":30}'
row "DELETE /api/v1/agenda-items/{id}" "YY YN NN NN NN NN" /api/v1/agenda-items/@V /api/v1/agenda-items/@V "" "" "" "" prep_agenda

# Deliverables: own = district A's team's set, other = district B's (drafts).
DLV="YY YY YN YN NN NN"
row "GET /api/v1/deliverables" "$DLV" /api/v1/deliverables /api/v1/deliverables "" "" '"id":1,' '"id":2,'
row "POST /api/v1/deliverables" "YY YY YN YN NN NN" /api/v1/deliverables /api/v1/deliverables '{"network_id":1,"team_id":1,"kind":"unit","title":"U"}' '{"network_id":1,"team_id":2,"kind":"unit","title":"U"}'
row "GET /api/v1/deliverables/{id}" "$DLV" /api/v1/deliverables/1 /api/v1/deliverables/2
row "PATCH /api/v1/deliverables/{id}" "$DLV" /api/v1/deliverables/1 /api/v1/deliverables/2 '{"context_note":"n"}' '{"context_note":"n"}'
row "GET /api/v1/learning-targets" "$DLV" /api/v1/learning-targets /api/v1/learning-targets "" "" '"id":1,' '"id":2,'
row "POST /api/v1/learning-targets" "$DLV" /api/v1/learning-targets /api/v1/learning-targets '{"deliverable_id":1,"cf_item_id":1,"kind":"knowledge","statement":"I can name"}' '{"deliverable_id":2,"cf_item_id":1,"kind":"knowledge","statement":"I can name"}'
row "GET /api/v1/learning-targets/{id}" "$DLV" /api/v1/learning-targets/1 /api/v1/learning-targets/2
row "PATCH /api/v1/learning-targets/{id}" "$DLV" /api/v1/learning-targets/1 /api/v1/learning-targets/2 '{"statement":"I can add two fractions"}' '{"statement":"I can add two fractions"}'
prep_target() { c deliverable target add $([ "$1" = own ] && echo 1 || echo 2) --standard 1 --kind product --statement "I can show"; sql "SELECT MAX(id) FROM learning_target"; }
row "DELETE /api/v1/learning-targets/{id}" "$DLV" /api/v1/learning-targets/@V /api/v1/learning-targets/@V "" "" "" "" prep_target
# A district's delivery records: the district reads them, its lead keeps them.
DREAD="YY YY YN YN NN NN"
DKEEP="YY NN YN NN NN NN"
side() { [ "$1" = own ] && echo "$2" || echo "$3"; }
prep_schedule() { cid pd schedule add --plan-id "$(side "$1" 1 2)" --school-id "$(side "$1" 7 8)" --recurrence monthly --weekday friday --week-of-month 1 --start-time 15:30 --minutes 30; }
prep_session() { cid pd session add --team-id "$(side "$1" 1 2)" --title Victim --held-on 2026-11-02 --minutes 30 --pd-format coaching; }
prep_walkthrough() { cid walkthrough add --team-id "$(side "$1" 1 2)" --school-id "$(side "$1" 7 8)" --observed-on 2026-11-03 --observed false; }
for e in plc-schedules pd-sessions walkthroughs; do
	case $e in
	plc-schedules) b_own='{"plan_id":1,"school_id":7,"recurrence":"weekly","weekday":"monday","start_time":"15:30","minutes":45}'
		b_other='{"plan_id":2,"school_id":8,"recurrence":"weekly","weekday":"monday","start_time":"15:30","minutes":45}'
		b_change='{"minutes":50}' b_prep=prep_schedule ;;
	pd-sessions) b_own='{"team_id":1,"title":"Coaching","held_on":"2026-10-20","minutes":30,"pd_format":"coaching"}'
		b_other='{"team_id":2,"title":"Coaching","held_on":"2026-10-20","minutes":30,"pd_format":"coaching"}'
		b_change='{"minutes":50}' b_prep=prep_session ;;
	walkthroughs) b_own='{"team_id":1,"school_id":7,"observed_on":"2026-10-21","observed":false}'
		b_other='{"team_id":2,"school_id":8,"observed_on":"2026-10-21","observed":false}'
		b_change='{"note":"seen in grade 4"}' b_prep=prep_walkthrough ;;
	esac
	row "GET /api/v1/$e" "$DREAD" "/api/v1/$e" "/api/v1/$e" "" "" '"id":1,' '"id":2,'
	row "POST /api/v1/$e" "$DKEEP" "/api/v1/$e" "/api/v1/$e" "$b_own" "$b_other"
	row "GET /api/v1/$e/{id}" "$DREAD" "/api/v1/$e/1" "/api/v1/$e/2"
	row "PATCH /api/v1/$e/{id}" "$DKEEP" "/api/v1/$e/1" "/api/v1/$e/2" "$b_change" "$b_change"
	row "DELETE /api/v1/$e/{id}" "$DKEEP" "/api/v1/$e/@V" "/api/v1/$e/@V" "" "" "" "" "$b_prep"
done
# Reflections: own = member A's, other = member B's, both private: only their author
# sees them, not even an admin.
prep_reflection() { m=$(cid meeting add --network-id 1 --title Victim --starts-at 2026-12-01T09:00 --ends-at 2026-12-01T10:00); cid reflection add --meeting-id "$m" --person-id "$(side "$1" 4 6)" --distill Victim; }
REFL="NN NN NN YN NN NN"
row "GET /api/v1/reflections" "$REFL" /api/v1/reflections /api/v1/reflections "" "" '"id":1,' '"id":2,'
row "POST /api/v1/reflections" "$REFL" /api/v1/reflections /api/v1/reflections '{"meeting_id":1,"person_id":4,"distill":"D"}' '{"meeting_id":1,"person_id":6,"distill":"D"}'
row "GET /api/v1/reflections/{id}" "$REFL" /api/v1/reflections/1 /api/v1/reflections/2
row "PATCH /api/v1/reflections/{id}" "$REFL" /api/v1/reflections/1 /api/v1/reflections/2 '{"internalize":"more"}' '{"internalize":"more"}'
row "DELETE /api/v1/reflections/{id}" "$REFL" /api/v1/reflections/@V /api/v1/reflections/@V "" "" "" "" prep_reflection
# Shared (own = member A's, other = member B's): the author's district team, the
# network's facilitators and the admins read them, as the reflection form promises.
shared_reflection() { m=$(cid meeting add --network-id 1 --title Shared --starts-at 2026-12-02T09:00 --ends-at 2026-12-02T10:00); cid reflection add --meeting-id "$m" --person-id "$1" --distill Shared --shared true; }
SHA=$(shared_reflection 4) SHB=$(shared_reflection 6)
row "GET /api/v1/reflections/{id} (shared)" "YY YY YN YN NN NN" "/api/v1/reflections/$SHA" "/api/v1/reflections/$SHB"

# The library: anyone signed in reads it; a network's facilitators keep its items
# (own = network 1's item, other = network 2's).
LIBREAD="YY YY YY YY YY NN"
LIBKEEP="YY YN NN NN NN NN"
row "GET /api/v1/library-items" "$LIBREAD" /api/v1/library-items /api/v1/library-items "" "" '"id":1,' '"id":2,'
row "POST /api/v1/library-items" "$LIBKEEP" /api/v1/library-items /api/v1/library-items '{"network_id":1,"kind":"tool","title":"T"}' '{"network_id":2,"kind":"tool","title":"T"}'
row "GET /api/v1/library-items/{id}" "$LIBREAD" /api/v1/library-items/1 /api/v1/library-items/2
row "PATCH /api/v1/library-items/{id}" "$LIBKEEP" /api/v1/library-items/1 /api/v1/library-items/2 '{"summary":"s"}' '{"summary":"s"}'
# Try-outs: own = member A's, other = member B's; each person keeps their own. Their
# notes are their district's: the person, the district, the network's facilitators
# and admins read them; partners and other districts do not.
prep_tryout() { c library tryout add 1 --person "$(side "$1" membera@x.org memberb@x.org)" --rating 2 --would-work no; sql "SELECT MAX(id) FROM tryout"; }
TRYKEEP="YY NN NN YN NN NN"
TRYREAD="YY YY YN YN NN NN"
row "GET /api/v1/tryouts" "$TRYREAD" /api/v1/tryouts /api/v1/tryouts "" "" '"id":1,' '"id":2,'
row "POST /api/v1/tryouts" "$TRYKEEP" /api/v1/tryouts /api/v1/tryouts '{"item_id":1,"person_id":4,"rating":5,"would_work":"yes"}' '{"item_id":1,"person_id":6,"rating":5,"would_work":"yes"}'
row "GET /api/v1/tryouts/{id}" "$TRYREAD" /api/v1/tryouts/1 /api/v1/tryouts/2
row "PATCH /api/v1/tryouts/{id}" "$TRYKEEP" /api/v1/tryouts/1 /api/v1/tryouts/2 '{"note":"n"}' '{"note":"n"}'
row "DELETE /api/v1/tryouts/{id}" "$TRYKEEP" /api/v1/tryouts/@V /api/v1/tryouts/@V "" "" "" "" prep_tryout

# Standards, deliverables and the library beyond their fields (issue 4). Standards are
# statewide: own and other are the same framework. Deliverables: own = district A's set
# (1), other = district B's (2), both drafts; status changes that clash with the status
# answer 409 once the policy allowed them (Y).
STD="YY YY YY YY YY NN"
row "POST /api/v1/frameworks" "YY YY NN NN NN NN" /api/v1/frameworks /api/v1/frameworks '{"CFDocument":{"identifier":"pf-1","title":"Policy framework"},"CFItems":[{"identifier":"pf-i1","fullStatement":"Count to ten."}]}' '{"CFDocument":{"identifier":"pf-1","title":"Policy framework"},"CFItems":[{"identifier":"pf-i1","fullStatement":"Count to ten."}]}'
row "GET /api/v1/frameworks" "$STD" /api/v1/frameworks /api/v1/frameworks "" "" '"id":1,' '"id":1,'
row "GET /api/v1/frameworks/{id}" "$STD" /api/v1/frameworks/1 /api/v1/frameworks/1
row "GET /api/v1/frameworks/{id}/tree" "$STD" /api/v1/frameworks/1/tree /api/v1/frameworks/1/tree
row "GET /api/v1/standards" "$STD" '/api/v1/standards?code=X' '/api/v1/standards?code=X'
row "GET /api/v1/standards/{id}" "$STD" /api/v1/standards/1 /api/v1/standards/1
row "GET /api/v1/deliverables/{id}/versions" "$DLV" /api/v1/deliverables/1/versions /api/v1/deliverables/2/versions
row "POST /api/v1/deliverables/{id}/versions" "$DLV" /api/v1/deliverables/1/versions /api/v1/deliverables/2/versions '{"body":"Targets A"}' '{"body":"Targets B"}'
row "GET /api/v1/deliverables/{id}/versions/{number}" "$DLV" /api/v1/deliverables/1/versions/1 /api/v1/deliverables/2/versions/1
row "GET /api/v1/deliverables/{id}/diff" "$DLV" /api/v1/deliverables/1/diff /api/v1/deliverables/2/diff
row "GET /api/v1/deliverables/{id}/lineage" "$DLV" /api/v1/deliverables/1/lineage /api/v1/deliverables/2/lineage
row "GET /api/v1/deliverables/{id}/case" "$DLV" /api/v1/deliverables/1/case /api/v1/deliverables/2/case
row "POST /api/v1/deliverables/{id}/derive" "$DLV" /api/v1/deliverables/1/derive /api/v1/deliverables/2/derive '{"team_id":1,"context_note":"ours"}' '{"team_id":2,"context_note":"ours"}'
row "POST /api/v1/deliverables/{id}/submit" "$DLV" /api/v1/deliverables/1/submit /api/v1/deliverables/2/submit
FACS="YY YY NN NN NN NN"
row "GET /api/v1/deliverables/{id}/reviews" "$DLV" /api/v1/deliverables/1/reviews /api/v1/deliverables/2/reviews
# The lead and the member of A saved versions of A's set above, so they contribute to it:
# contributors leave reviews too (issue 13).
row "POST /api/v1/deliverables/{id}/reviews" "YY YY YN YN NN NN" /api/v1/deliverables/1/reviews /api/v1/deliverables/2/reviews '{"alignment":2}' '{"alignment":2}'
row "POST /api/v1/deliverables/{id}/return" "$FACS" /api/v1/deliverables/1/return /api/v1/deliverables/2/return
row "POST /api/v1/deliverables/{id}/publish" "$FACS" /api/v1/deliverables/1/publish /api/v1/deliverables/2/publish
row "POST /api/v1/deliverables/{id}/withdraw" "$DLV" /api/v1/deliverables/1/withdraw /api/v1/deliverables/2/withdraw
# Notices: own = member A's (1), other = member B's (2); each is its person's alone
# (an admin reads any, but lists and marks only their own).
for n in 4 6; do
	sql "INSERT INTO notice (person_id, kind, deliverable_id, source_version_id, message, created_at) SELECT $n, 'source_updated', 1, id, 'Set B has a new version', '2026-10-01T00:00:00Z' FROM deliverable_version WHERE deliverable_id = 2 AND number = 1" >/dev/null
done
NOA=$(sql "SELECT MAX(id) FROM notice WHERE person_id = 4")
NOB=$(sql "SELECT MAX(id) FROM notice WHERE person_id = 6")
row "GET /api/v1/notices" "NN NN NN YN NN NN" /api/v1/notices /api/v1/notices "" "" '"person_id":4,' '"person_id":6,'
row "GET /api/v1/notices/{id}/compare" "YY NN NN YN NN NN" /api/v1/notices/$NOA/compare /api/v1/notices/$NOB/compare
row "POST /api/v1/notices/{id}/seen" "NN NN NN YN NN NN" /api/v1/notices/$NOA/seen /api/v1/notices/$NOB/seen
# Contributors (issue 13): the owners (the district, the facilitators) add and remove
# them; own = A's set (1) and member A, other = B's set (2) and member B.
prep_contributor() {
	if [ "$1" = own ]; then c deliverable contributor add 1 membera@x.org; echo 4
	else c deliverable contributor add 2 memberb@x.org; echo 6; fi
}
row "GET /api/v1/deliverables/{id}/contributors" "$DLV" /api/v1/deliverables/1/contributors /api/v1/deliverables/2/contributors
row "POST /api/v1/deliverables/{id}/contributors" "$DLV" /api/v1/deliverables/1/contributors /api/v1/deliverables/2/contributors '{"person_id":4}' '{"person_id":6}'
row "DELETE /api/v1/deliverables/{id}/contributors/{person_id}" "$DLV" /api/v1/deliverables/1/contributors/@V /api/v1/deliverables/2/contributors/@V "" "" "" "" prep_contributor
row "GET /api/v1/library/search" "$LIBREAD" '/api/v1/library/search?q=kit' '/api/v1/library/search?q=kit' "" "" '"id":1,' '"id":2,'
row "GET /api/v1/library/recommend" "$LIBREAD" '/api/v1/library/recommend?text=kit' '/api/v1/library/recommend?text=kit' "" "" '"id":1,' '"id":2,'
# Needs assessments, plans, profiles and calendar subscriptions (issue 5). Own =
# district A's team (1) and its records, other = district B's (team 2), both in network
# 1; for instruments and templates, own = network 1's, other = network 2's.
c assessment instrument copy 1 --network-id 1 --name "Network 1 instrument"
c assessment instrument copy 1 --network-id 2 --name "Network 2 instrument"
INS1=$(sql "SELECT id FROM instrument WHERE network_id = 1")
INS2=$(sql "SELECT id FROM instrument WHERE network_id = 2")
IND1=$(sql "SELECT MIN(id) FROM indicator WHERE instrument_id = $INS1")
IND2=$(sql "SELECT MIN(id) FROM indicator WHERE instrument_id = $INS2")
N0=$(cid network add --name "Network 0" --content-area mathematics --region-id 2 --school-year 2025-26)
T0A=$(cid team add --network-id "$N0" --district-id 3)
T0B=$(cid team add --network-id "$N0" --district-id 4)
c assessment create --team-id "$T0A"
c assessment create --team-id "$T0B"
ASA=$(cid assessment create --team-id 1)
ASB=$(cid assessment create --team-id 2)
for a in $ASA $ASB; do c assessment rate "$a" LC.1 --current 1 --target 3 --priority high; done
CHA=$(cid assessment challenge add "$ASA" --kind technical --description "No time" --reason "Scheduling")
CHB=$(cid assessment challenge add "$ASB" --kind technical --description "No time" --reason "Scheduling")
GA=$(cid plan goal add 1 --title "Goal A")
GB=$(cid plan goal add 2 --title "Goal B")
ACA=$(cid plan action add 1 --goal-id "$GA" --kind study --title "Action A")
ACB=$(cid plan action add 2 --goal-id "$GB" --kind study --title "Action B")
c plan progress add "$GA" --status on_track
c plan progress add "$GB" --status on_track
PCA=$(sql "SELECT id FROM progress_check WHERE goal_id = $GA")
PCB=$(sql "SELECT id FROM progress_check WHERE goal_id = $GB")
c plan version save 1 --note v1
c plan version save 2 --note v1
# Plans 1 and 2 were inserted with their ids, so these name theirs too (PostgreSQL's
# sequence has not moved).
sql "INSERT INTO plan (id, network_id, school_year, title, is_template, created_at, updated_at) VALUES (901, 1, '2026-27', 'Template 1', 1, 't', 't'), (902, 2, '2026-27', 'Template 2', 1, 't', 't')" >/dev/null
TP1=901 TP2=902
c calendar-token create --team 1 --email leada@x.org
c calendar-token create --team 2 --email memberb@x.org
CAL1=$("$CAPNET" calendar-token create --team 1 --email leada@x.org 2>/dev/null)
CAL2=$("$CAPNET" calendar-token create --team 2 --email memberb@x.org 2>/dev/null)
H_TOKEN=$TOKEN_admin

ANYONE="YY YY YY YY YY NN"
NETKEEP="YY YN NN NN NN NN"
AREAD="YY YY YN YN NN NN"
AKEEP="YY NN YN YN NN NN"
row "GET /api/v1/instruments" "$ANYONE" /api/v1/instruments /api/v1/instruments "" "" "\"id\":$INS1," "\"id\":$INS2,"
row "POST /api/v1/instruments" "$NETKEEP" /api/v1/instruments /api/v1/instruments '{"name":"I","network_id":1}' '{"name":"I","network_id":2}'
row "GET /api/v1/instruments/{id}" "$ANYONE" "/api/v1/instruments/$INS1" "/api/v1/instruments/$INS2"
row "PATCH /api/v1/instruments/{id}" "$NETKEEP" "/api/v1/instruments/$INS1" "/api/v1/instruments/$INS2" '{"name":"Renamed"}' '{"name":"Renamed"}'
row "GET /api/v1/indicators" "$ANYONE" /api/v1/indicators /api/v1/indicators "" "" "\"id\":$IND1," "\"id\":$IND2,"
row "POST /api/v1/indicators" "$NETKEEP" /api/v1/indicators /api/v1/indicators "{\"instrument_id\":$INS1,\"code\":\"NW.1\",\"capacity_level\":\"people\",\"standard\":\"data\",\"text\":\"t\"}" "{\"instrument_id\":$INS2,\"code\":\"NW.1\",\"capacity_level\":\"people\",\"standard\":\"data\",\"text\":\"t\"}"
row "GET /api/v1/indicators/{id}" "$ANYONE" "/api/v1/indicators/$IND1" "/api/v1/indicators/$IND2"
row "PATCH /api/v1/indicators/{id}" "$NETKEEP" "/api/v1/indicators/$IND1" "/api/v1/indicators/$IND2" '{"text":"Changed"}' '{"text":"Changed"}'
row "GET /api/v1/assessments" "$AREAD" /api/v1/assessments /api/v1/assessments "" "" "\"id\":$ASA," "\"id\":$ASB,"
row "POST /api/v1/assessments" "$AKEEP" /api/v1/assessments /api/v1/assessments '{"team_id":1}' '{"team_id":2}'
row "GET /api/v1/assessments/{id}" "$AREAD" "/api/v1/assessments/$ASA" "/api/v1/assessments/$ASB"
row "PATCH /api/v1/assessments/{id}" "$AKEEP" "/api/v1/assessments/$ASA" "/api/v1/assessments/$ASB" '{"assessed_on":"2026-09-20"}' '{"assessed_on":"2026-09-20"}'
row "GET /api/v1/assessments/{id}/ratings" "$AREAD" "/api/v1/assessments/$ASA/ratings" "/api/v1/assessments/$ASB/ratings"
row "PUT /api/v1/assessments/{id}/ratings/{indicator}" "$AKEEP" "/api/v1/assessments/$ASA/ratings/LC.2" "/api/v1/assessments/$ASB/ratings/LC.2" '{"current_level":2,"target_level":3}' '{"current_level":2,"target_level":3}'
# The previous year's assessments are network 0's, which fac does not facilitate.
row "GET /api/v1/assessments/{id}/compare" "YY NN YN YN NN NN" "/api/v1/assessments/$ASA/compare" "/api/v1/assessments/$ASB/compare"
row "GET /api/v1/challenges" "$AREAD" /api/v1/challenges /api/v1/challenges "" "" "\"id\":$CHA," "\"id\":$CHB,"
row "POST /api/v1/challenges" "$AKEEP" /api/v1/challenges /api/v1/challenges "{\"assessment_id\":$ASA,\"kind\":\"adaptive\",\"description\":\"d\",\"reason\":\"r\"}" "{\"assessment_id\":$ASB,\"kind\":\"adaptive\",\"description\":\"d\",\"reason\":\"r\"}"
row "GET /api/v1/challenges/{id}" "$AREAD" "/api/v1/challenges/$CHA" "/api/v1/challenges/$CHB"
row "PATCH /api/v1/challenges/{id}" "$AKEEP" "/api/v1/challenges/$CHA" "/api/v1/challenges/$CHB" '{"reason":"Known fix"}' '{"reason":"Known fix"}'
row "GET /api/v1/plans" "$AREAD" /api/v1/plans /api/v1/plans "" "" '"id":1,' '"id":2,'
row "POST /api/v1/plans" "$AKEEP" /api/v1/plans /api/v1/plans '{"team_id":1}' '{"team_id":2}'
row "GET /api/v1/plans/{id}" "$AREAD" /api/v1/plans/1 /api/v1/plans/2
row "PATCH /api/v1/plans/{id}" "$AKEEP" /api/v1/plans/1 /api/v1/plans/2 '{"title":"Plan"}' '{"title":"Plan"}'
# A network's templates: its facilitators keep them; its teams and partners read them.
row "GET /api/v1/plans/{id}" "YY YN YN YN YY NN" "/api/v1/plans/$TP1" "/api/v1/plans/$TP2"
row "PATCH /api/v1/plans/{id}" "$NETKEEP" "/api/v1/plans/$TP1" "/api/v1/plans/$TP2" '{"title":"Template"}' '{"title":"Template"}'
row "POST /api/v1/plans/from-assessment" "$AKEEP" /api/v1/plans/from-assessment /api/v1/plans/from-assessment "{\"assessment_id\":$ASA}" "{\"assessment_id\":$ASB}"
row "POST /api/v1/plans/from-template" "$AKEEP" /api/v1/plans/from-template /api/v1/plans/from-template "{\"template_id\":$TP1,\"team_id\":1}" "{\"template_id\":$TP1,\"team_id\":2}"
for r in view departure recommendations versions versions/1 reviews kar "export?format=csv"; do
	row "GET /api/v1/plans/{id}/$(printf '%s' "$r" | sed 's|versions/1|versions/{number}|; s|?.*||')" "$AREAD" "/api/v1/plans/1/$r" "/api/v1/plans/2/$r"
done
row "POST /api/v1/plans/{id}/versions" "$AKEEP" /api/v1/plans/1/versions /api/v1/plans/2/versions '{"note":"n"}' '{"note":"n"}'
row "POST /api/v1/plans/{id}/reviews" "YY YY NN NN NN NN" /api/v1/plans/1/reviews /api/v1/plans/2/reviews '{"comments":"c"}' '{"comments":"c"}'
prep_plan() {
	v=$(sql "SELECT COALESCE(MAX(id), 910) + 1 FROM plan WHERE id > 910")
	sql "INSERT INTO plan (id, network_id, team_id, school_year, title, created_at, updated_at) VALUES ($v, 1, $(side "$1" 1 2), '2030-31', 'Victim $v', 't', 't')" >/dev/null
	echo "$v"
}
# The district's lead moves its plan (submits, reopens, archives); a facilitator approves
# and returns it; a member reads its status only.
row "PUT /api/v1/plans/{id}/status" "$DKEEP" /api/v1/plans/@V/status /api/v1/plans/@V/status '{"status":"submitted"}' '{"status":"submitted"}' "" "" prep_plan
prep_approved() { v=$(prep_plan "$1"); c plan status "$v" submitted; c plan status "$v" approved; echo "$v"; }
row "PUT /api/v1/plans/{id}/status" "$DKEEP" /api/v1/plans/@V/status /api/v1/plans/@V/status '{"status":"draft"}' '{"status":"draft"}' "" "" prep_approved
# Approving takes a facilitator of the network.
prep_submitted() { v=$(prep_plan "$1"); c plan status "$v" submitted; echo "$v"; }
row "PUT /api/v1/plans/{id}/status" "YY YY NN NN NN NN" /api/v1/plans/@V/status /api/v1/plans/@V/status '{"status":"approved"}' '{"status":"approved"}' "" "" prep_submitted
for e in plan-goals plan-actions progress-checks; do
	case $e in
	plan-goals) o_id=$GA x_id=$GB b_own='{"plan_id":1,"title":"G"}' b_other='{"plan_id":2,"title":"G"}' b_change='{"measure":"m"}' keep=$AKEEP ;;
	plan-actions) o_id=$ACA x_id=$ACB b_own='{"plan_id":1,"kind":"policy","title":"A"}' b_other='{"plan_id":2,"kind":"policy","title":"A"}' b_change='{"title":"A2"}' keep=$AKEEP ;;
	progress-checks) o_id=$PCA x_id=$PCB b_own="{\"goal_id\":$GA,\"status\":\"at_risk\"}" b_other="{\"goal_id\":$GB,\"status\":\"at_risk\"}" b_change='{"next_steps":"n"}' keep=$AREAD ;;
	esac
	row "GET /api/v1/$e" "$AREAD" "/api/v1/$e" "/api/v1/$e" "" "" "\"id\":$o_id," "\"id\":$x_id,"
	row "POST /api/v1/$e" "$keep" "/api/v1/$e" "/api/v1/$e" "$b_own" "$b_other"
	row "GET /api/v1/$e/{id}" "$AREAD" "/api/v1/$e/$o_id" "/api/v1/$e/$x_id"
	row "PATCH /api/v1/$e/{id}" "$keep" "/api/v1/$e/$o_id" "/api/v1/$e/$x_id" "$b_change" "$b_change"
done
row "POST /api/v1/instruments/{id}/copies" "$NETKEEP" /api/v1/instruments/1/copies /api/v1/instruments/1/copies '{"network_id":1}' '{"network_id":2}'
prep_indicator() { c assessment instrument indicator add "$(side "$1" "$INS1" "$INS2")" --code "V$(date +%N | cut -c1-6)" --capacity-level people --standard data --text Victim; sql "SELECT MAX(id) FROM indicator"; }
row "DELETE /api/v1/indicators/{id}" "$NETKEEP" /api/v1/indicators/@V /api/v1/indicators/@V "" "" "" "" prep_indicator
prep_challenge() { cid assessment challenge add "$(side "$1" "$ASA" "$ASB")" --kind technical --description Victim --reason r; }
row "DELETE /api/v1/challenges/{id}" "$AKEEP" /api/v1/challenges/@V /api/v1/challenges/@V "" "" "" "" prep_challenge
prep_goal() { cid plan goal add "$(side "$1" 1 2)" --title Victim; }
row "DELETE /api/v1/plan-goals/{id}" "$AKEEP" /api/v1/plan-goals/@V /api/v1/plan-goals/@V "" "" "" "" prep_goal
prep_action() { cid plan action add "$(side "$1" 1 2)" --kind study --title Victim; }
row "DELETE /api/v1/plan-actions/{id}" "$AKEEP" /api/v1/plan-actions/@V /api/v1/plan-actions/@V "" "" "" "" prep_action
row "PUT /api/v1/plan-goals/{id}/needs/{assessment_id}/{indicator}" "$AKEEP" "/api/v1/plan-goals/$GA/needs/$ASA/LC.1" "/api/v1/plan-goals/$GB/needs/$ASB/LC.1"
prep_need() { g=$(side "$1" "$GA" "$GB"); c plan goal link-need "$g" --assessment-id "$(side "$1" "$ASA" "$ASB")" --indicator LC.1; echo "$g"; }
row "DELETE /api/v1/plan-goals/{id}/needs/{assessment_id}/{indicator}" "$AKEEP" "/api/v1/plan-goals/@V/needs/$ASA/LC.1" "/api/v1/plan-goals/@V/needs/$ASB/LC.1" "" "" "" "" prep_need
row "PUT /api/v1/plan-actions/{id}/library-items/{item_id}" "$AKEEP" "/api/v1/plan-actions/$ACA/library-items/1" "/api/v1/plan-actions/$ACB/library-items/1"
prep_link() { a=$(side "$1" "$ACA" "$ACB"); c plan action link "$a" --library-item-id 1; echo "$a"; }
row "DELETE /api/v1/plan-actions/{id}/library-items/{item_id}" "$AKEEP" /api/v1/plan-actions/@V/library-items/1 /api/v1/plan-actions/@V/library-items/1 "" "" "" "" prep_link
row "PUT /api/v1/plan-actions/{id}/deliverables/{deliverable_id}" "$AKEEP" "/api/v1/plan-actions/$ACA/deliverables/1" "/api/v1/plan-actions/$ACB/deliverables/2"
prep_dlink() { a=$(side "$1" "$ACA" "$ACB"); c plan action link "$a" --deliverable-id "$(side "$1" 1 2)"; echo "$a"; }
row "DELETE /api/v1/plan-actions/{id}/deliverables/{deliverable_id}" "$AKEEP" /api/v1/plan-actions/@V/deliverables/1 /api/v1/plan-actions/@V/deliverables/2 "" "" "" "" prep_dlink
row "GET /api/v1/teams/{id}/profile" "$AREAD" /api/v1/teams/1/profile /api/v1/teams/2/profile
row "GET /api/v1/networks/{id}/profile" "$AREAD" /api/v1/networks/1/profile /api/v1/networks/1/profile "" "" '"team_id":1,' '"team_id":2,'
# The profile report as a file: own = district A's team's rows, other = district B's.
row "GET /api/v1/networks/{id}/profile/export" "$AREAD" "/api/v1/networks/1/profile/export?format=csv" "/api/v1/networks/1/profile/export?format=csv" "" "" '"District A"' '"District B"'

# What the command line and the pages did alone (issue 18). PD sessions' attendees:
# own = district A's session (1) and member (4), other = district B's (2) and member (6).
row "GET /api/v1/pd-sessions/{id}/attendees" "$DREAD" /api/v1/pd-sessions/1/attendees /api/v1/pd-sessions/2/attendees
row "PUT /api/v1/pd-sessions/{id}/attendees/{person_id}" "$DKEEP" /api/v1/pd-sessions/1/attendees/4 /api/v1/pd-sessions/2/attendees/6
prep_attendee() { c pd attendee add "$(side "$1" 1 2)" "$(side "$1" membera@x.org memberb@x.org)"; side "$1" 4 6; }
row "DELETE /api/v1/pd-sessions/{id}/attendees/{person_id}" "$DKEEP" /api/v1/pd-sessions/1/attendees/@V /api/v1/pd-sessions/2/attendees/@V "" "" "" "" prep_attendee
row "POST /api/v1/plc-schedules/{id}/generate" "$DKEEP" /api/v1/plc-schedules/1/generate /api/v1/plc-schedules/2/generate
# Deliverables' standards: own = district A's set (1), other = district B's (2).
row "GET /api/v1/deliverables/{id}/standards" "$DLV" /api/v1/deliverables/1/standards /api/v1/deliverables/2/standards
row "PUT /api/v1/deliverables/{id}/standards/{standard_id}" "$DLV" /api/v1/deliverables/1/standards/1 /api/v1/deliverables/2/standards/1
prep_dlv_standard() { c deliverable standard add "$(side "$1" 1 2)" 1; echo 1; }
row "DELETE /api/v1/deliverables/{id}/standards/{standard_id}" "$DLV" /api/v1/deliverables/1/standards/@V /api/v1/deliverables/2/standards/@V "" "" "" "" prep_dlv_standard
# Library items beyond their fields: own = network 1's item, other = network 2's.
row "GET /api/v1/library-items/{id}/view" "$LIBREAD" /api/v1/library-items/1/view /api/v1/library-items/2/view
row "PUT /api/v1/library-items/{id}/links" "$LIBKEEP" /api/v1/library-items/1/links /api/v1/library-items/2/links '{"tags":["number sense"],"alignments":[1]}' '{"tags":["number sense"],"alignments":[1]}'
# Calendar tokens: made for a team the caller may read; listed and revoked by their
# creator (own = the caller's token, other = member B's); the feed is public.
row "POST /api/v1/calendar-tokens" "$AREAD" /api/v1/calendar-tokens /api/v1/calendar-tokens '{"team_id":1}' '{"team_id":2}'
row "GET /api/v1/calendar-tokens" "$AREAD" /api/v1/calendar-tokens /api/v1/calendar-tokens "" "" '"team_id":1,' '"team_id":2,'
prep_cal() {
	who=$(side "$1" "$role" memberb)
	[ "$who" = anon ] && who=membera
	c calendar-token create --network 1 --email "$who@x.org"
	sql "SELECT MAX(id) FROM calendar_token"
}
row "DELETE /api/v1/calendar-tokens/{id}" "YY YN YN YN YN NN" /api/v1/calendar-tokens/@V /api/v1/calendar-tokens/@V "" "" "" "" prep_cal
row "GET /calendar/{token}" "YY YY YY YY YY YY" "$CAL1" "$CAL2"

# Once published, other districts of the network and partners read a deliverable.
c deliverable submit 2
c deliverable publish 2
H_TOKEN=$TOKEN_leada
http GET /api/v1/deliverables/2
expect_status "a published deliverable of another district can be read" 200
json PATCH /api/v1/deliverables/2 '{"context_note":"mine"}' -H 'If-Match: *'
expect_status "but not changed" 403
H_TOKEN=$TOKEN_partner
http GET /api/v1/learning-targets/2
expect_status "a partner reads a published set's targets" 200

# A district lead cannot make someone an admin, even in their own district.
H_TOKEN=$TOKEN_leada
json POST /api/v1/memberships '{"person_id":8,"org_id":3,"role":"admin"}'
expect_status "a district lead cannot give the admin role" 403
json PATCH /api/v1/memberships/4 '{"role":"district_lead"}' -H 'If-Match: *'
expect_status "nor promote a member" 403
# Nor take another district's person over (issue 12): not onto her team, not into her
# district, and a seat on her team would not make them hers.
json PUT /api/v1/teams/1/members/6 '{"role":"member"}'
expect_status "a lead may not put another district's member on her team" 400
expect_body "naming the field" '"field":"person_id"'
json POST /api/v1/memberships '{"person_id":1,"org_id":3,"role":"member"}'
expect_status "nor give the admin a membership in her district" 403
sql "INSERT INTO team_member (team_id, person_id, role) VALUES (1, 1, 'member')" >/dev/null
json PATCH /api/v1/people/1 '{"active":false}' -H 'If-Match: *'
expect_status "a seat on her team does not make the admin hers" 404
sql "DELETE FROM team_member WHERE team_id = 1 AND person_id = 1" >/dev/null
http GET '/api/v1/networks/1?include=teams'
expect_eq "a network's teams: only those the district may see" "$(jget '[t["id"] for t in j["teams"]]')" "[1]"
H_TOKEN=$TOKEN_admin

# Every route of the server has a row above, or is public and tested elsewhere.
PUBLIC="|GET /healthz|GET /readyz|GET /api/v1/openapi.json|POST /api/v1/session|DELETE /api/v1/session"
http GET /api/v1/openapi.json
missing=$(jget '"\n".join(m.upper() + " " + p for p, ops in j["paths"].items() for m in ops)' | while read -r r; do
	case "$ROWS$PUBLIC|" in *"|$r|"*) ;; *) echo "$r" ;; esac
done)
expect_eq "every route is in the matrix" "$missing" ""
