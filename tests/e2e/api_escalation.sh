# End to end: no role widens its own reach (issue 12). For every write route that
# creates a relation able to widen what someone may see or change (memberships, team
# members, facilitators, people, calendar tokens, plan action owners, attendance,
# reflections, the people named on delivery records), each role (facilitator of network
# 1, district lead of A, member of A, partner, and member of B, the person pulled in)
# tries to create the relation that would widen its reach. Afterwards what each role
# may read or change is the same as before: a snapshot of the answers to reads and
# changes of victim records (the admin, people and records of district B or A, network
# 2's meeting) and of the victims each list shows is taken before and after and compared.
# Then the two seen holes, each checked through the API, the pages and the command line:
# a district lead pulls the admin or another district's member into her district
# (team member, membership) to take their account over; and a person whose membership
# has ended keeps reading their old district's records through its team.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

c init
c org add --kind state --name "Kentucky Department of Education"          # 1
c org add --kind cooperative --name "Green River" --parent-id 1            # 2
c org add --kind district --name "District A" --parent-id 2                # 3
c org add --kind district --name "District B" --parent-id 2                # 4
c org add --kind partner --name "University Partner" --parent-id 1         # 5
c org add --kind school --name "School A" --parent-id 3                    # 6
c org add --kind school --name "School B" --parent-id 4                    # 7
printf 'correct horse battery\n' >"$T_DIR/pw"
c user add --given-name Ann --family-name Admin --email admin@x.org --org 1 --role admin --password-stdin <"$T_DIR/pw"  # 1
c user add --given-name Fay --family-name Facilitator --email fac@x.org --org 2 --role facilitator --no-password   # 2
c user add --given-name Lee --family-name LeadA --email leada@x.org --org 3 --role district_lead --password-stdin <"$T_DIR/pw"  # 3
c user add --given-name Mia --family-name MemberA --email membera@x.org --org 3 --role member --no-password      # 4
c user add --given-name Lou --family-name LeadB --email leadb@x.org --org 4 --role district_lead --no-password   # 5
c user add --given-name Max --family-name MemberB --email memberb@x.org --org 4 --role member --no-password      # 6
c user add --given-name Pat --family-name Partner --email partner@x.org --org 5 --role partner --no-password    # 7
c user add --given-name Eve --family-name Leaving --email leaving@x.org --org 6 --role member --password-stdin <"$T_DIR/pw"  # 8
c network add --name "Network 1" --content-area mathematics --region-id 2 --school-year 2026-27
c network add --name "Network 2" --content-area science --region-id 2 --school-year 2026-27
c network facilitator add 1 fac@x.org
c team add --network-id 1 --district-id 3            # team 1: district A in network 1
c team add --network-id 1 --district-id 4            # team 2: district B in network 1
c team add --network-id 2 --district-id 4            # team 3: district B in network 2
c team member add 1 leada@x.org --role lead
c team member add 1 membera@x.org --role member
c team member add 1 leaving@x.org --role member
c team member add 2 memberb@x.org --role member
c team member add 2 leadb@x.org --role lead
c meeting add --network-id 1 --title "Meeting 1" --starts-at 2026-09-15T09:00 --ends-at 2026-09-15T15:00
c meeting add --network-id 2 --title "Meeting 2" --starts-at 2026-09-16T09:00 --ends-at 2026-09-16T15:00
c library add --kind tool --title "Kit 1" --network-id 1
ASA=$(cid assessment create --team-id 1)
ASB=$(cid assessment create --team-id 2)
WKA=$(cid walkthrough add --team-id 1 --school-id 6 --observed-on 2026-10-07 --observed true)
WKB=$(cid walkthrough add --team-id 2 --school-id 7 --observed-on 2026-10-07 --observed true)
for who in admin fac leada membera memberb partner leaving; do
	eval "TOKEN_$who=\$(\"\$CAPNET\" token create --email $who@x.org 2>/dev/null)"
done
srv_start || exit 1
H_TOKEN=$TOKEN_admin
json POST /api/v1/plans '{"team_id":1}'
PLA=$(jget 'j["id"]')
json POST /api/v1/plans '{"team_id":2}'
PLB=$(jget 'j["id"]')
json POST /api/v1/plan-actions "{\"plan_id\":$PLA,\"kind\":\"study\",\"title\":\"Action A\"}"
ACA=$(jget 'j["id"]')
json POST /api/v1/academic-sessions '{"title":"2026-27","kind":"schoolYear","school_year":"2026-27","starts_on":"2026-08-01","ends_on":"2027-06-30","org_id":3}'
MSB=$(sql "SELECT id FROM membership WHERE person_id = 6")
MS8=$(sql "SELECT id FROM membership WHERE person_id = 8")

# expect_refused NAME: the last request was refused (403, or 404 for a record the
# caller may not even read).
expect_refused() {
	case $H_STATUS in 403|404) t_ok "$1" ;; *) t_fail "$1" "status $H_STATUS, wanted 403 or 404" "body: $H_BODY" ;; esac
}

as() { if [ "$1" = anon ]; then H_TOKEN=""; else eval "H_TOKEN=\$TOKEN_$1"; fi; }

# reach ROLE: one line per probe, "probe -> answer". Reads give their status; changes
# are probed with a body no route accepts, so that they change nothing: 400 means the
# policy let the change through to the body's check, 403/404 that it did not. Lists
# give the victims they show.
reach() {
	as "$1"
	for path in /api/v1/people/1 /api/v1/people/2 /api/v1/people/5 /api/v1/people/6 \
		/api/v1/people/4 /api/v1/memberships/"$MSB" /api/v1/teams/1 /api/v1/teams/2 \
		/api/v1/teams/3 /api/v1/plans/"$PLA" /api/v1/plans/"$PLB" /api/v1/assessments/"$ASA" \
		/api/v1/assessments/"$ASB" /api/v1/walkthroughs/"$WKA" /api/v1/walkthroughs/"$WKB" \
		/api/v1/meetings/2 /api/v1/networks/2 /api/v1/teams/2/members /api/v1/teams/3/members; do
		http GET "$path"
		echo "GET $path -> $H_STATUS"
	done
	for path in /api/v1/people/1 /api/v1/people/2 /api/v1/people/5 /api/v1/people/6 \
		/api/v1/memberships/"$MSB" /api/v1/teams/2 /api/v1/plans/"$PLB" \
		/api/v1/assessments/"$ASB" /api/v1/walkthroughs/"$WKB" /api/v1/meetings/2; do
		json PATCH "$path" '{"no_such_field":1}' -H 'If-Match: *'
		echo "PATCH $path -> $H_STATUS"
	done
	for list in people memberships teams plans assessments walkthroughs meetings networks; do
		http GET "/api/v1/$list?limit=200"
		eval "max=\$MAX_$list"
		echo "LIST $list -> $H_STATUS $(jget '" ".join(str(i["id"]) for i in j.get("items", []) if i["id"] <= '"$max"')' 2>/dev/null)"
	done
}

# The records there are before anything is tried: the lists' victims.
for list in people:person memberships:membership teams:team plans:plan assessments:assessment \
	walkthroughs:walkthrough meetings:meeting networks:network; do
	eval "MAX_${list%%:*}=$(sql "SELECT MAX(id) FROM ${list#*:}")"
done

# The roles, their snapshots before anything is tried.
ROLES="fac leada membera partner memberb"
for r in $ROLES; do reach "$r" >"$T_DIR/before.$r"; done

# try ROLE METHOD PATH [BODY]: an attempt; the answer does not matter here (the
# snapshots do), but a 5xx does.
try() {
	as "$1"
	if [ -n "${4:-}" ]; then json "$2" "$3" "$4" -H 'If-Match: *'; else http "$2" "$3" -H 'If-Match: *'; fi
	case $H_STATUS in 5??) t_fail "$1 $2 $3 answers $H_STATUS" "body: $H_BODY" ;; esac
}

for r in $ROLES; do
	me=$(sql "SELECT id FROM person WHERE email = '$r@x.org'")
	for victim in 1 2 5 6 7 $me; do
		# Into a team of each side, and into each district.
		for team in 1 2 3; do try "$r" PUT "/api/v1/teams/$team/members/$victim" '{"role":"lead"}'; done
		for org in 3 4 6 7 2 1; do
			try "$r" POST /api/v1/memberships "{\"person_id\":$victim,\"org_id\":$org,\"role\":\"member\"}"
			try "$r" POST /api/v1/memberships "{\"person_id\":$victim,\"org_id\":$org,\"role\":\"district_lead\"}"
		done
		for net in 1 2; do try "$r" PUT "/api/v1/networks/$net/facilitators/$victim"; done
		for m in 1 2; do try "$r" PUT "/api/v1/meetings/$m/attendance/$victim" '{"status":"present"}'; done
		try "$r" POST /api/v1/plan-actions "{\"plan_id\":$PLA,\"kind\":\"study\",\"title\":\"Owned\",\"owner_id\":$victim}"
		try "$r" PATCH "/api/v1/plan-actions/$ACA" "{\"owner_id\":$victim}"
		try "$r" POST /api/v1/walkthroughs "{\"team_id\":1,\"school_id\":6,\"observed_on\":\"2026-10-08\",\"observed\":true,\"observer_id\":$victim}"
		try "$r" POST /api/v1/pd-sessions "{\"team_id\":1,\"school_id\":6,\"title\":\"PLC\",\"held_on\":\"2026-10-06\",\"minutes\":45,\"pd_format\":\"plc\",\"facilitator_id\":$victim}"
	done
	# Their own memberships: back on, or a higher role.
	for m in $(sql "SELECT id FROM membership WHERE person_id = $me"); do
		try "$r" PATCH "/api/v1/memberships/$m" '{"role":"admin","active":true}'
		try "$r" PATCH "/api/v1/memberships/$m" '{"role":"district_lead"}'
	done
	try "$r" PATCH "/api/v1/memberships/$MSB" '{"active":true,"title":"Pulled in"}'
	try "$r" POST /api/v1/teams '{"network_id":2,"district_id":3}'
	try "$r" POST /api/v1/calendar-tokens '{"team_id":2}'
	try "$r" POST /api/v1/calendar-tokens '{"network_id":2}'
	try "$r" POST /api/v1/reflections '{"meeting_id":2,"person_id":'"$me"',"distill":"x","shared":true}'
	try "$r" POST /api/v1/people '{"given_name":"New","family_name":"Person","email":"new-'"$r"'@x.org"}'
	made=$(jget 'j.get("id", 0)' 2>/dev/null)
	if [ -n "$made" ] && [ "$made" != 0 ]; then
		try "$r" POST /api/v1/memberships "{\"person_id\":$made,\"org_id\":4,\"role\":\"member\"}"
		try "$r" PUT "/api/v1/teams/2/members/$made" '{"role":"member"}'
	fi
done

for r in $ROLES; do
	reach "$r" >"$T_DIR/after.$r"
	if cmp -s "$T_DIR/before.$r" "$T_DIR/after.$r"; then t_ok "$r: no wider reach after every attempt"; else
		t_fail "$r: no wider reach after every attempt" "$(diff "$T_DIR/before.$r" "$T_DIR/after.$r" | grep '^[<>]' | tr '\n' ';')"
	fi
done
expect_eq "the admin is still active" "$(sql "SELECT active FROM person WHERE id = 1")" "1"
expect_eq "the admin is on no team" "$(sql "SELECT COUNT(*) FROM team_member WHERE person_id = 1")" "0"
expect_eq "member B is on no team of district A" "$(sql "SELECT COUNT(*) FROM team_member WHERE person_id = 6 AND team_id = 1")" "0"

# --- A district lead and the admin's account ---------------------------------------------
H_TOKEN=$TOKEN_leada
json PUT /api/v1/teams/1/members/1 '{"role":"member"}'
expect_status "a lead may not put the admin on her team" 400
expect_body "naming the person and what to do" 'person 1 has no active membership in District A'
json POST /api/v1/memberships '{"person_id":1,"org_id":3,"role":"member"}'
expect_status "nor give the admin a membership in her district" 403
expect_body "naming the field" '"field":"person_id"'
expect_body "and who may" 'ask an admin'
json PATCH /api/v1/people/1 '{"active":false}' -H 'If-Match: *'
expect_refused "nor deactivate the admin"
json PATCH /api/v1/people/1 '{"email":"lee@x.org","given_name":"Lee"}' -H 'If-Match: *'
expect_refused "nor change the admin's name or email"
expect_eq "the admin is unchanged" "$(sql "SELECT active || ' ' || given_name || ' ' || email FROM person WHERE id = 1")" "1 Ann admin@x.org"

# The admin, once an admin has put them on team A and in district A, is still not hers.
H_TOKEN=$TOKEN_admin
json POST /api/v1/memberships '{"person_id":1,"org_id":3,"role":"member","title":"Visiting"}'
expect_status "an admin may give the admin a membership in district A" 201
json PUT /api/v1/teams/1/members/1 '{"role":"member"}'
expect_status "and put them on team A" 204
H_TOKEN=$TOKEN_leada
json PATCH /api/v1/people/1 '{"active":false}' -H 'If-Match: *'
expect_status "the lead still may not deactivate the admin" 403
expect_body "saying why" 'admin'
http GET /api/v1/people/1
expect_status "though she reads the admin, who is now of her district" 200

# Member B: another district's person, pulled in by a lead.
json PUT /api/v1/teams/1/members/6 '{"role":"member"}'
expect_status "a lead may not put another district's member on her team" 400
json POST /api/v1/memberships '{"person_id":6,"org_id":3,"role":"member"}'
expect_status "nor give them a membership in her district" 403
expect_body "naming them" 'person 6: you may add only people of your district'
json PATCH /api/v1/people/6 '{"email":"taken@x.org"}' -H 'If-Match: *'
expect_refused "nor change them"
H_TOKEN=$TOKEN_admin
json POST /api/v1/memberships '{"person_id":6,"org_id":3,"role":"member"}'
expect_status "an admin may make member B a member of district A too" 201
H_TOKEN=$TOKEN_leada
json PATCH /api/v1/people/6 '{"email":"taken@x.org"}' -H 'If-Match: *'
expect_status "and still the lead of A may not change a person who also belongs to B" 403
expect_eq "member B is unchanged" "$(sql "SELECT email FROM person WHERE id = 6")" "memberb@x.org"

# What a lead keeps: the people whose only organization is her district.
json PATCH /api/v1/people/4 '{"username":"mia"}' -H 'If-Match: *'
expect_status "a lead changes a person of her district alone" 200
json POST /api/v1/people '{"given_name":"Nia","family_name":"New","email":"nia@x.org"}'
expect_status "adds a new person" 201
NEW=$(jget 'j["id"]')
json POST /api/v1/memberships "{\"person_id\":$NEW,\"org_id\":6,\"role\":\"member\"}"
expect_status "makes them a member of a school of her district" 201
json PUT "/api/v1/teams/1/members/$NEW" '{"role":"member"}'
expect_status "puts them on her team" 204
json PATCH "/api/v1/people/$NEW" '{"username":"nia"}' -H 'If-Match: *'
expect_status "and changes them" 200

# The command line: the operator too keeps a team to its district.
run team member add 1 partner@x.org --role member
expect_rc "the command line refuses another organization's person on a team" 1
expect_err "naming the person" "person_id: person 7 has no active membership in District A"
run team member add 2 memberb@x.org --role lead
expect_rc "and accepts a person of the team's district" 0
run team member add 1 fac@x.org --role member
expect_rc "a facilitator of the network's cooperative may join a team" 0

# The pages: the team form and the person's page.
srv_pw() { W_PASSWORD='correct horse battery' web_signin "$1" "$2"; }
lead="$T_DIR/lead.jar"
srv_pw leada@x.org "$lead"
web_csrf "$lead" /teams/1
H_TOKEN=""
http POST /teams/1/members -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "person_id=7&role=member"
expect_status "the team page refuses a person of another organization" 400
expect_eq "who is not added" "$(sql "SELECT COUNT(*) FROM team_member WHERE person_id = 7")" "0"
web_csrf "$lead" /admin/people
http POST /admin/people/1/deactivate -b "$lead" --data-urlencode "csrf=$W_CSRF"
expect_status "the person page does not let a lead deactivate the admin" 403
http POST /admin/people/6/deactivate -b "$lead" --data-urlencode "csrf=$W_CSRF"
expect_status "nor a person who also belongs to district B" 403
expect_eq "both still active" "$(sql "SELECT SUM(active) FROM person WHERE id IN (1, 6)")" "2"

# --- Ending a membership ends access -----------------------------------------------------
H_TOKEN=$TOKEN_leaving
for path in "/api/v1/assessments/$ASA" "/api/v1/plans/$PLA" "/api/v1/walkthroughs/$WKA" /api/v1/teams/1; do
	http GET "$path"
	expect_status "a member of a school of A reads $path" 200
done
H_TOKEN=$TOKEN_leada
json PATCH "/api/v1/memberships/$MS8" '{"active":false}' -H 'If-Match: *'
expect_status "the lead ends her membership" 200
expect_eq "she is still on team A" "$(sql "SELECT COUNT(*) FROM team_member WHERE person_id = 8 AND team_id = 1")" "1"
H_TOKEN=$TOKEN_leaving
for path in "/api/v1/assessments/$ASA" "/api/v1/plans/$PLA" "/api/v1/walkthroughs/$WKA" /api/v1/teams/1 /api/v1/meetings/1; do
	http GET "$path"
	case $H_STATUS in 403|404) t_ok "after it ended she no longer reads $path" ;; *) t_fail "after it ended she no longer reads $path" "status $H_STATUS" ;; esac
done
http GET "/api/v1/assessments?limit=200"
expect_eq "nor lists A's assessments" "$(jget 'len(j.get("items", []))')" "0"
http GET "/api/v1/plans?limit=200"
expect_eq "nor A's plans" "$(jget 'len(j.get("items", []))')" "0"
leaving="$T_DIR/leaving.jar"
srv_pw leaving@x.org "$leaving"
http GET /dashboard -b "$leaving"
expect_status "her dashboard" 200
expect_body_lacks "no longer lists network 1" "Network 1"
http GET "/plans/$PLA" -b "$leaving"
case $H_STATUS in 403|404) t_ok "nor shows A's plan page" ;; *) t_fail "nor shows A's plan page" "status $H_STATUS" ;; esac
H_TOKEN=$TOKEN_admin
json PATCH "/api/v1/memberships/$MS8" '{"active":true}' -H 'If-Match: *'
H_TOKEN=$TOKEN_leaving
http GET "/api/v1/assessments/$ASA"
expect_status "a membership made active again brings access back" 200

# A plan review notifies the team's members who still belong to the district.
H_TOKEN=$TOKEN_admin
json PATCH "/api/v1/memberships/$MS8" '{"active":false}' -H 'If-Match: *'
"$CAPNET" plan review add "$PLA" --reviewer fac@x.org --comments "Looks good" >/dev/null 2>>"$T_DIR/cli.err"
expect_eq "the review is noticed by the team's members" "$(sql "SELECT COUNT(*) FROM notice WHERE kind = 'review' AND person_id = 4")" "1"
expect_eq "not by one whose membership ended" "$(sql "SELECT COUNT(*) FROM notice WHERE kind = 'review' AND person_id = 8")" "0"

# --- Holes a review found: each sequence as the role, refused, and no wider reach -------
# reach2 ROLE: the probes of reach, and the people each sequence below names: whether the
# role reads or changes them, and the addresses the team and attendance lists show.
reach2() {
	reach "$1"
	for p in $FORMER $SPARE 6 8; do
		http GET "/api/v1/people/$p"
		echo "GET person $p -> $H_STATUS"
		json PATCH "/api/v1/people/$p" '{"no_such_field":1}' -H 'If-Match: *'
		echo "PATCH person $p -> $H_STATUS"
	done
	http GET /api/v1/teams/1/members
	echo "team 1 members -> $H_STATUS $(jget '" ".join(sorted(str(i.get("email")) for i in j.get("items", [])))' 2>/dev/null)"
	http GET /api/v1/meetings/1/attendance
	echo "attendance 1 -> $H_STATUS $(jget '" ".join(sorted(str(i.get("email")) for i in j.get("items", [])))' 2>/dev/null)"
}
H_TOKEN=$TOKEN_admin
json POST /api/v1/people '{"given_name":"Olga","family_name":"Former","email":"former@x.org"}'
FORMER=$(jget 'j["id"]')
json POST /api/v1/memberships "{\"person_id\":$FORMER,\"org_id\":1,\"role\":\"admin\"}"
FMS=$(jget 'j["id"]')
json PATCH "/api/v1/memberships/$FMS" '{"active":false}' -H 'If-Match: *'
expect_status "an admin ends a former admin's membership" 200
json POST /api/v1/people '{"given_name":"Sid","family_name":"Spare","email":"spare@x.org"}'
SPARE=$(jget 'j["id"]')
MS6A=$(sql "SELECT id FROM membership WHERE person_id = 6 AND org_id = 3")
json PATCH "/api/v1/memberships/$MS6A" '{"active":false}' -H 'If-Match: *'
expect_status "an admin ends member B's membership in district A" 200
sql "INSERT INTO attendance (meeting_id, person_id, status, recorded_at) VALUES (1, 8, 'present', '2026-09-15T10:00:00Z')" >/dev/null
for r in leada fac; do reach2 "$r" >"$T_DIR/before2.$r"; done

# H1: a former admin, a spare account an admin made, a person that does not exist: a
# lead pulls none of them in, and is told the same either way.
H_TOKEN=$TOKEN_leada
for victim in $FORMER $SPARE 999999; do
	json POST /api/v1/memberships "{\"person_id\":$victim,\"org_id\":3,\"role\":\"member\"}"
	expect_status "a lead may not give person $victim a membership in her district" 403
	expect_body "one message for person $victim, whoever they are" "person $victim: you may add only people of your district who belong to no other organization; ask an admin"
	json POST /api/v1/memberships "{\"person_id\":$victim,\"org_id\":6,\"role\":\"member\"}"
	expect_status "nor in a school of her district" 403
	json PUT "/api/v1/teams/1/members/$victim" '{"role":"member"}'
	expect_status "nor put person $victim on her team" 400
	expect_body "with the same message whether they exist or not" "person $victim has no active membership in District A"
	json PATCH "/api/v1/people/$victim" '{"email":"mine@evil.org"}' -H 'If-Match: *'
	expect_refused "nor change person $victim"
done
expect_eq "the former admin is unchanged" "$(sql "SELECT email FROM person WHERE id = $FORMER")" "former@x.org"
# M1: a membership an admin ended, of someone now of district B only.
json PATCH "/api/v1/memberships/$MS6A" '{"active":true}' -H 'If-Match: *'
expect_status "a lead may not make member B's ended membership in A active again" 403
expect_body "saying so as for a new one" "person 6: you may add only people of your district"
expect_eq "it stays ended" "$(sql "SELECT active FROM membership WHERE id = $MS6A")" "0"
# L1: a former member's seat shows no address.
http GET /api/v1/teams/1/members
expect_body_lacks "the team's list shows no former member's address" "leaving@x.org"
expect_body "but names them, with their membership ended" '"membership_ended":true'
# H2: the facilitator records the attendance of one on no team of the network (the
# partner) to read their address.
H_TOKEN=$TOKEN_fac
json PUT /api/v1/meetings/1/attendance/7 '{"status":"present"}'
expect_status "a facilitator may not record the attendance of someone on no team of the network" 400
expect_body "naming the field" '"field":"person_id"'
json PUT /api/v1/meetings/1/attendance/999999 '{"status":"present"}'
expect_status "the same for a person that does not exist" 400
http GET /api/v1/meetings/1/attendance
expect_body_lacks "the attendance shows no address of a person the facilitator may not read" "partner@x.org"
expect_body_lacks "not even of a former member" "leaving@x.org"
H_TOKEN=$TOKEN_admin
json PUT /api/v1/meetings/1/attendance/7 '{"status":"present"}'
expect_status "an admin may not either: attendees are the network's" 400
for r in leada fac; do
	reach2 "$r" >"$T_DIR/after2.$r"
	if cmp -s "$T_DIR/before2.$r" "$T_DIR/after2.$r"; then t_ok "$r: no wider reach after the review's sequences"; else
		t_fail "$r: no wider reach after the review's sequences" "$(diff "$T_DIR/before2.$r" "$T_DIR/after2.$r" | grep '^[<>]' | tr '\n' ';')"
	fi
done
H_TOKEN=$TOKEN_fac
json PUT /api/v1/meetings/1/attendance/4 '{"status":"present"}'
expect_status "a member of a team of the network attends" 204
json PUT /api/v1/meetings/1/attendance/2 '{"status":"present"}'
expect_status "so does the network's facilitator" 204
