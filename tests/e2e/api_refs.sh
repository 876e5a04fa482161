# End to end: a reference names only what the actor may read (issue 12, items 3, 4
# and 8). A district lead who names another district's draft deliverable (a plan
# action's link, a PD session's source) or another district's person (an action's
# owner, a session's facilitator, a walkthrough's observer) is refused with the field
# named, the same way as for an id that does not exist; links made before are shown
# as "a deliverable you may not see" in the plan page, its export and its API view,
# and in the plan's saved versions (API and page) whoever saved them and whenever the
# deliverable went back to draft; the plan's KAR view leaves them out.
# Try-outs (with their notes) are their person's district's, not partners'; admins
# read the reflections shared with them.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

printf 'correct horse battery\n' >"$T_DIR/pw"
c init
c org add --kind state --name "Kentucky Department of Education"          # 1
c org add --kind cooperative --name "Green River" --parent-id 1            # 2
c org add --kind district --name "District A" --parent-id 2                # 3
c org add --kind district --name "District B" --parent-id 2                # 4
c org add --kind partner --name "University Partner" --parent-id 1         # 5
c org add --kind school --name "School A" --parent-id 3                    # 6
c org add --kind school --name "School B" --parent-id 4                    # 7
user() { "$CAPNET" user add --given-name "$1" --family-name "$2" --email "$3" --org "$4" --role "$5" --password-stdin <"$T_DIR/pw" >/dev/null 2>>"$T_DIR/cli.err"; }
user Ann Admin admin@x.org 1 admin                 # 1
user Fay Facilitator fac@x.org 2 facilitator       # 2
user Lee LeadA leada@x.org 3 district_lead         # 3
user Mia MemberA membera@x.org 3 member            # 4
user Lou LeadB leadb@x.org 4 district_lead         # 5
user Max MemberB memberb@x.org 4 member            # 6
user Pat Partner partner@x.org 5 partner           # 7
c network add --name "Network 1" --content-area mathematics --region-id 2 --school-year 2026-27
c network facilitator add 1 fac@x.org
c team add --network-id 1 --district-id 3            # team 1: district A
c team add --network-id 1 --district-id 4            # team 2: district B
c team member add 1 leada@x.org --role lead
c team member add 1 membera@x.org --role member
c team member add 2 leadb@x.org --role lead
c team member add 2 memberb@x.org --role member
c meeting add --network-id 1 --title "Meeting 1" --starts-at 2026-09-15T09:00 --ends-at 2026-09-15T15:00
printf 'Targets of A\n' | "$CAPNET" deliverable create --network-id 1 --kind learning_target_set --title "Set A" --team-id 1 --author leada@x.org --file - >/dev/null 2>>"$T_DIR/cli.err"  # 1
printf 'Secret targets\n' | "$CAPNET" deliverable create --network-id 1 --kind learning_target_set --title "Secret B draft" --team-id 2 --author leadb@x.org --file - >/dev/null 2>>"$T_DIR/cli.err"  # 2
VB=$(sql "SELECT id FROM deliverable_version WHERE deliverable_id = 2")
c library add --kind strategy --title "Number talks"                        # 1
sql "INSERT INTO plan (id, network_id, team_id, school_year, title, created_at, updated_at) VALUES (1, 1, 1, '2026-27', 'Plan A', 't', 't')" >/dev/null
sql "INSERT INTO plan (id, network_id, team_id, school_year, title, created_at, updated_at) VALUES (2, 1, 2, '2026-27', 'Plan B', 't', 't')" >/dev/null
ACT=$(cid plan action add 1 --kind study --title "Study number talks")
for who in admin fac leada membera partner; do
	eval "TOKEN_$who=\$(\"\$CAPNET\" token create --email $who@x.org 2>/dev/null)"
done
srv_start || exit 1
H_TOKEN=$TOKEN_leada

# "there is no deliverable with id N that you may see" with the id taken out: a
# refusal that reads the same for a record the actor may not read and for none.
same_refusal() { printf '%s %s' "$H_STATUS" "$H_BODY" | sed 's/[0-9][0-9]*/N/g'; }

# --- Item 3: another district's draft deliverable --------------------------------------
http PUT "/api/v1/plan-actions/$ACT/deliverables/2"
expect_status "a lead may not link another district's draft deliverable" 404
expect_body_lacks "its title does not show" "Secret B draft"
refused=$(same_refusal)
http PUT "/api/v1/plan-actions/$ACT/deliverables/999"
expect_eq "a deliverable that does not exist is refused alike" "$(same_refusal)" "$refused"
http PUT "/api/v1/plan-actions/$ACT/deliverables/1"
expect_status "the district's own deliverable is linked" 204
expect_eq "only that link was made" "$(sql "SELECT deliverable_id FROM action_link WHERE action_id = $ACT AND deliverable_id IS NOT NULL")" "1"

# The page's link form, as a browser posts it.
H_TOKEN=""
W_PASSWORD="correct horse battery" web_signin leada@x.org "$T_DIR/lead"
web_csrf "$T_DIR/lead"
http POST "/plans/1/actions/$ACT/link" -b "$T_DIR/lead" --data-urlencode "csrf=$W_CSRF" -d "l_deliverable=2"
expect_status "the page's link form refuses it too" 400
expect_body "beside its field" 'id="l_deliverable-error"'
expect_body_lacks "and the draft's title is not shown" "Secret B draft"
expect_eq "no link was made" "$(sql "SELECT COUNT(*) FROM action_link WHERE deliverable_id = 2")" "0"
H_TOKEN=$TOKEN_leada

# A link made before references were checked (or to a deliverable since unpublished)
# is shown without its title and status.
sql "INSERT INTO action_link (action_id, deliverable_id) VALUES ($ACT, 2)" >/dev/null
http GET /api/v1/plans/1/view
expect_body_lacks "the plan's API view does not show the draft's title" "Secret B draft"
expect_body "but says a deliverable is hidden" '"title":"a deliverable you may not see","status":null'
http GET "/api/v1/plans/1/export?format=csv"
expect_status "the plan exports" 200
expect_body_lacks "the CSV export does not show it" "Secret B draft"
expect_body "it says a deliverable is hidden" "deliverable 2: a deliverable you may not see"
H_TOKEN=""
http GET "/plans/1" -b "$T_DIR/lead"
expect_status "the plan page" 200
expect_body_lacks "the plan page does not show it" "Secret B draft"
http GET "/plans/1/actions/$ACT" -b "$T_DIR/lead"
expect_body_lacks "nor the action's page" "Secret B draft"
H_TOKEN=$TOKEN_leada
json POST /api/v1/plans/1/versions '{"note":"with the old link"}'
expect_status "the lead saves a version of the plan" 201
http GET /api/v1/plans/1/versions/1
expect_status "and reads it" 200
expect_body_lacks "the version's snapshot does not hold the draft's title" "Secret B draft"
H_TOKEN=$TOKEN_fac
http GET /api/v1/plans/1/view
expect_body "the network's facilitator, who reads it, sees its title" '"title":"Secret B draft"'
# A version saved by someone who reads the draft (an admin, who may name it) is served
# to each reader as that reader may read it, as is the plan's KAR view.
sql "INSERT INTO deliverable_contributor (deliverable_id, person_id, district_id) VALUES (2, 3, 3)" >/dev/null
H_TOKEN=$TOKEN_admin
json POST /api/v1/plans/1/versions '{"note":"saved by the admin"}'
expect_status "the admin saves a version of the plan" 201
http GET /api/v1/plans/1/versions/2
expect_body "the admin reads the draft's title in it" '"title":"Secret B draft"'
H_TOKEN=$TOKEN_membera
http GET /api/v1/plans/1/versions/2
expect_status "a member of district A reads that version" 200
expect_body_lacks "without the draft's title" "Secret B draft"
expect_body "said to be hidden" '"title":"a deliverable you may not see","status":null'
http GET /api/v1/plans/1/kar
expect_status "the member reads the plan's KAR view" 200
expect_body_lacks "which does not show the draft's title either" "Secret B draft"
H_TOKEN=""
W_PASSWORD="correct horse battery" web_signin membera@x.org "$T_DIR/member"
http GET /plans/1/versions/2 -b "$T_DIR/member"
expect_status "the version's page" 200
expect_body_lacks "does not show it" "Secret B draft"
expect_body "but a hidden deliverable" "a deliverable you may not see"
H_TOKEN=$TOKEN_fac
http GET /api/v1/plans/1/kar
expect_body "the facilitator, who reads it, finds it in the KAR view" "Secret B draft"
H_TOKEN=$TOKEN_leada
http DELETE "/api/v1/plan-actions/$ACT/deliverables/2"
expect_status "the district removes the link it may not read" 204
expect_eq "it is gone" "$(sql "SELECT COUNT(*) FROM action_link WHERE deliverable_id = 2")" "0"

# PD sessions name their source deliverable and version. District A's lead is no
# longer a contributor of B's draft (a contributor reads it), so she may not read it.
sql "DELETE FROM deliverable_contributor WHERE deliverable_id = 2 AND person_id = 3" >/dev/null
S='"team_id":1,"title":"PLC","held_on":"2026-10-20","minutes":30,"pd_format":"plc"'
json POST /api/v1/pd-sessions "{$S,\"source_deliverable_id\":2}"
expect_status "a session may not name another district's draft as its source" 400
expect_body "the field is named" '"field":"source_deliverable_id"'
json POST /api/v1/pd-sessions "{$S,\"source_version_id\":$VB}"
expect_status "nor name it through one of its versions" 400
json POST /api/v1/pd-sessions "{$S,\"source_deliverable_id\":1,\"source_version_id\":$VB}"
expect_status "nor pair its version with a deliverable of its own" 400
expect_body_lacks "the refusal does not name the deliverable it may not read" "deliverable 2"
expect_eq "no session was recorded" "$(sql "SELECT COUNT(*) FROM pd_session")" "0"
json POST /api/v1/pd-sessions "{$S,\"source_deliverable_id\":1}"
expect_status "the district's own deliverable is a source" 201
c deliverable submit 2
c deliverable publish 2
json POST /api/v1/pd-sessions "{$S,\"source_deliverable_id\":2}"
expect_status "and so is another district's once published" 201
# A member links it while it is published; district B then takes it back to draft and
# renames it: the version saved meanwhile and the KAR view no longer show it.
H_TOKEN=$TOKEN_membera
http PUT "/api/v1/plan-actions/$ACT/deliverables/2"
expect_status "a member links the published deliverable" 204
json POST /api/v1/plans/1/versions '{"note":"with the published link"}'
expect_status "and saves a version" 201
N=$(jget 'j["number"]')
c deliverable withdraw 2
c deliverable update 2 --title "SECRET renamed"
http GET "/api/v1/plans/1/versions/$N"
expect_body_lacks "the version no longer shows its title once it is a draft again" "Secret B draft"
expect_body "but a hidden deliverable" '"title":"a deliverable you may not see","status":null'
http GET /api/v1/plans/1/kar
expect_body_lacks "nor does the KAR view show the new title" "SECRET renamed"
H_TOKEN=""
http GET "/plans/1/versions/$N" -b "$T_DIR/member"
expect_body_lacks "nor the version's page" "Secret B draft"
H_TOKEN=$TOKEN_leada

# --- Item 4: persons of another district -------------------------------------------------
json POST /api/v1/plan-actions '{"plan_id":1,"kind":"study","title":"A","owner_id":5}'
expect_status "a lead may not name another district's lead as an action's owner" 400
expect_body "the field is named" '"field":"owner_id"'
expect_body_lacks "the person's name does not show" "LeadB"
refused=$(same_refusal)
json POST /api/v1/plan-actions '{"plan_id":1,"kind":"study","title":"A","owner_id":999}'
expect_eq "a person who does not exist is refused alike" "$(same_refusal)" "$refused"
json PATCH "/api/v1/plan-actions/$ACT" '{"owner_id":5}' -H 'If-Match: *'
expect_status "nor make them the owner later" 400
json PATCH "/api/v1/plan-actions/$ACT" '{"owner_id":4}' -H 'If-Match: *'
expect_status "a member of the district is an owner" 200
json POST /api/v1/pd-sessions "{$S,\"facilitator_id\":6}"
expect_status "nor another district's member as a session's facilitator" 400
expect_body "the field is named" '"field":"facilitator_id"'
json POST /api/v1/walkthroughs '{"team_id":1,"school_id":6,"observed_on":"2026-10-21","observed":true,"observer_id":5}'
expect_status "nor as a walkthrough's observer" 400
expect_body "the field is named" '"field":"observer_id"'
json POST /api/v1/walkthroughs '{"team_id":1,"school_id":6,"observed_on":"2026-10-21","observed":true,"observer_id":3}'
expect_status "the lead observes their own district" 201
json POST /api/v1/pd-sessions "{$S,\"facilitator_id\":2}"
expect_status "the lead names the network's facilitator as a session's facilitator" 201
http GET /api/v1/people/2
expect_status "and reads the network's facilitator" 200
H_TOKEN=$TOKEN_partner
http GET /api/v1/people/2
expect_status "whom a partner, on no team of the network, does not read" 404
H_TOKEN=$TOKEN_leada
# Someone the actor may read is still not another district's record's person.
H_TOKEN=$TOKEN_admin
json POST /api/v1/plan-actions '{"plan_id":1,"kind":"study","title":"A","owner_id":5}'
expect_status "even an admin names only someone of the plan's district" 400
expect_body "saying so" 'person 5 is not of this action'"'"'s district'
json POST /api/v1/plan-actions '{"plan_id":1,"kind":"study","title":"A","owner_id":2}'
expect_status "or a facilitator of its network" 201
# An owner named before is not shown to those who may not read them.
sql "UPDATE plan_action SET owner_id = 5 WHERE id = $ACT" >/dev/null
H_TOKEN=$TOKEN_leada
http GET /api/v1/plans/1/view
expect_body_lacks "an owner of another district named before is not shown" "LeadB"
expect_body "but said to be hidden" '"owner":"a person you may not see"'

# --- Item 8: try-outs and shared reflections ----------------------------------------------
"$CAPNET" library tryout add 1 --person membera@x.org --rating 4 --would-work yes --note "Our grade 4 loved it" >/dev/null 2>>"$T_DIR/cli.err"
T1=$(sql "SELECT MAX(id) FROM tryout")
H_TOKEN=$TOKEN_partner
http GET "/api/v1/tryouts/$T1"
expect_status "a partner does not read a district's try-out" 404
http GET /api/v1/tryouts
expect_body_lacks "nor find it in the list" "Our grade 4 loved it"
http GET /api/v1/library-items/1
expect_status "the library item itself is still read" 200
H_TOKEN=""
W_PASSWORD="correct horse battery" web_signin partner@x.org "$T_DIR/partner"
http GET /library/1 -b "$T_DIR/partner"
expect_status "the partner reads the library page" 200
expect_body "with the try-out counts" "Tried 1 time, rated 4.0 of 5"
expect_body_lacks "but not the try-out's note" "Our grade 4 loved it"
http GET /library/1 -b "$T_DIR/lead"
expect_body "the district's lead reads the note" "Our grade 4 loved it"

m=$(cid meeting add --network-id 1 --title "Meeting 2" --starts-at 2026-10-15T09:00 --ends-at 2026-10-15T15:00)
SH=$(cid reflection add --meeting-id "$m" --person-id 4 --distill "Shared thoughts" --shared true)
PR=$(cid reflection add --meeting-id 1 --person-id 4 --distill "Private thoughts")
H_TOKEN=$TOKEN_admin
http GET "/api/v1/reflections/$SH"
expect_status "an admin reads a reflection shared with them, as the form promises" 200
http GET "/api/v1/reflections/$PR"
expect_status "but not a private one" 404
H_TOKEN=$TOKEN_partner
http GET "/api/v1/reflections/$SH"
expect_status "a partner reads no shared reflection" 404
