# End to end: a district's approved plan through the JSON API. Only the district's lead
# (or an admin) submits, reopens and archives the plan; the network's facilitator (or an
# admin) approves it; a member reads where it stands but moves it nowhere. Once
# approved, its content (the plan, goals, actions, links, PLC schedules) is read-only to
# every role until the lead reopens it, while progress checks and reviews go on. Versions saved on
# demand: at most 10 a minute per person (429 with Retry-After) and 200 per plan (409);
# a change of status always saves its version. Nothing is written by a refusal.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

c init
c org add --kind state --name "Kentucky Department of Education"          # 1
c org add --kind cooperative --name "Green River" --parent-id 1            # 2
c org add --kind district --name "District A" --parent-id 2                # 3
c org add --kind school --name "School A" --parent-id 3                    # 4
c user add --given-name Ann --family-name Admin --email admin@x.org --org 1 --role admin --no-password
c user add --given-name Fay --family-name Facilitator --email fac@x.org --org 2 --role facilitator --no-password
c user add --given-name Lee --family-name LeadA --email leada@x.org --org 3 --role district_lead --no-password
c user add --given-name Mia --family-name MemberA --email membera@x.org --org 3 --role member --no-password
c network add --name "Network 1" --content-area mathematics --region-id 2 --school-year 2026-27
c network facilitator add 1 fac@x.org
c team add --network-id 1 --district-id 3
c team member add 1 leada@x.org --role lead
c team member add 1 membera@x.org --role member
c library add --kind tool --title "Kit 1" --network-id 1
P=$(cid plan create --team-id 1)
G=$(cid plan goal add "$P" --title "PLCs weekly")
A=$(cid plan action add "$P" --goal-id "$G" --kind study --title "Study protocols")
S=$(cid pd schedule add --plan-id "$P" --school-id 4 --recurrence weekly --weekday tuesday --start-time 15:30 --minutes 45)
for who in admin fac leada membera; do
	eval "TOKEN_$who=\$(\"\$CAPNET\" token create --email $who@x.org 2>/dev/null)"
done
srv_start || exit 1
as() { eval "H_TOKEN=\$TOKEN_$1"; }
status() { sql "SELECT status FROM plan WHERE id = $P"; }

# --- Moving the plan: the lead submits, the facilitator approves, the member reads --------
as membera
http GET "/api/v1/plans/$P"
expect_body "the member reads the plan and its status" '"status":"draft"'
before=$(db_digest)
json PUT "/api/v1/plans/$P/status" '{"status":"submitted"}'
expect_status "the member does not submit the plan" 403
json PUT "/api/v1/plans/$P/status" '{"status":"archived"}'
expect_status "nor archive it" 403
as fac
json PUT "/api/v1/plans/$P/status" '{"status":"submitted"}'
expect_status "nor does the facilitator submit the district's plan" 403
expect_body "saying who does" "a plan is submitted for approval only by its district's lead or an admin"
expect_eq "nothing was written" "$(db_digest)" "$before"
as leada
json PUT "/api/v1/plans/$P/status" '{"status":"submitted","note":"for review"}'
expect_status "the lead submits it" 204
as membera
json PUT "/api/v1/plans/$P/status" '{"status":"draft"}'
expect_status "the member does not take it back" 403
as fac
json PUT "/api/v1/plans/$P/status" '{"status":"approved"}'
expect_status "the facilitator approves it" 204
expect_eq "approved" "$(status)" "approved"

# --- The approved plan's content is read-only, for the member and the lead alike ---------
before=$(db_digest)
for who in membera leada admin; do
	as $who
	json PATCH "/api/v1/plan-goals/$G" '{"title":"Changed"}' -H 'If-Match: *'
	expect_status "$who: PATCH /api/v1/plan-goals/{id} on the approved plan is refused" 409
	expect_body "$who: told the plan is approved and the lead reopens it first" "plan $P is approved and read-only; the district lead reopens it first"
	expect_body "$who: naming how" "PUT /api/v1/plans/$P/status"
done
as membera
json POST /api/v1/plan-goals "{\"plan_id\":$P,\"title\":\"New goal\"}"
expect_status "no goal is added" 409
json PATCH "/api/v1/plan-actions/$A" '{"title":"Study other protocols","status":"dropped"}' -H 'If-Match: *'
expect_status "no action is changed" 409
json POST /api/v1/plan-actions "{\"plan_id\":$P,\"kind\":\"policy\",\"title\":\"New action\"}"
expect_status "nor added" 409
http DELETE "/api/v1/plan-goals/$G"
expect_status "nor a goal removed" 409
http DELETE "/api/v1/plan-actions/$A"
expect_status "nor an action" 409
http PUT "/api/v1/plan-actions/$A/library-items/1"
expect_status "nor a library item linked" 409
as leada
json PATCH "/api/v1/plans/$P" '{"title":"Renamed"}' -H 'If-Match: *'
expect_status "the plan itself is not renamed" 409
json PATCH "/api/v1/plc-schedules/$S" '{"minutes":50}' -H 'If-Match: *'
expect_status "its PLC schedule is not changed" 409
http DELETE "/api/v1/plc-schedules/$S" -H 'If-Match: *'
expect_status "nor removed" 409
json POST /api/v1/plc-schedules "{\"plan_id\":$P,\"school_id\":4,\"recurrence\":\"weekly\",\"weekday\":\"monday\",\"start_time\":\"15:30\",\"minutes\":30}"
expect_status "nor another added" 409
run plan goal update "$G" --title "Changed at the command line"
expect_rc "the command line shares the rule" 1
expect_err "and says how to reopen the plan there" "plan $P is approved and read-only; the district lead reopens it first (moves it back to draft: \`capnet plan status $P draft\`"
expect_eq "nothing was written" "$(db_digest)" "$before"

# Carrying the plan out goes on: actions move along, progress checks and reviews.
as membera
json PATCH "/api/v1/plan-actions/$A" '{"status":"in_progress"}' -H 'If-Match: *'
expect_status "the member marks an action of the approved plan in progress (its status alone)" 200
expect_eq "the action is in progress" "$(sql "SELECT status FROM plan_action WHERE id = $A")" "in_progress"
expect_eq "the plan stays approved" "$(status)" "approved"
run plan action update "$A" --status done
expect_rc "the command line marks it done too" 0
run plan action update "$A" --status done --title "Study other protocols"
expect_rc "but changes nothing else of it" 1
expect_eq "the action is done, its title unchanged" "$(sql "SELECT status || ' ' || title FROM plan_action WHERE id = $A")" "done Study protocols"
json POST /api/v1/progress-checks "{\"goal_id\":$G,\"status\":\"on_track\",\"evidence\":\"3 of 4 PLCs meet\"}"
expect_status "the member records a progress check on the approved plan" 201
as fac
json POST "/api/v1/plans/$P/reviews" '{"comments":"Good start"}'
expect_status "the facilitator reviews it" 201

# --- Reopening: the lead's (or an admin's), audited ------------------------------------------
before=$(db_digest)
as membera
json PUT "/api/v1/plans/$P/status" '{"status":"draft"}'
expect_status "the member does not move the approved plan back to draft" 403
expect_body "told who may" "only admins, the network's facilitators, the district's lead may"
json PUT "/api/v1/plans/$P/status" '{"status":"archived"}'
expect_status "nor archive it" 403
as fac
json PUT "/api/v1/plans/$P/status" '{"status":"draft"}'
expect_status "nor does the facilitator reopen it" 403
expect_body "told who does" "an approved plan is reopened (moved back to draft) only by its district's lead or an admin"
expect_eq "nothing was written" "$(db_digest)" "$before"
expect_eq "still approved" "$(status)" "approved"
as leada
json PUT "/api/v1/plans/$P/status" '{"status":"draft","note":"add the spring walkthroughs"}'
expect_status "the lead reopens it" 204
expect_eq "a draft again" "$(status)" "draft"
as admin
http GET "/api/v1/audit?entity=plan&entity_id=$P&limit=1"
expect_eq "the reopening is in the audit log: by the lead, from approved to draft" "$(jget 'str(j["items"][0]["actor_id"]) + " " + j["items"][0]["before"]["status"] + " " + j["items"][0]["after"]["status"]')" "3 approved draft"
as membera
http GET "/api/v1/plans/$P/versions"
expect_eq "its version says so" "$(jget 'j["items"][-1]["note"]')" "status: approved -> draft (reopened for changes); add the spring walkthroughs"
json PATCH "/api/v1/plan-goals/$G" '{"title":"PLCs twice a week"}' -H 'If-Match: *'
expect_status "the district changes the reopened plan again" 200

# --- Versions: 10 a minute per person, 200 on demand per plan; never a change of status ---
as membera
saved=0
while [ $saved -lt 20 ]; do
	json POST "/api/v1/plans/$P/versions" '{"note":"again"}'
	[ "$H_STATUS" = 201 ] || break
	saved=$((saved + 1))
done
expect_status "a member's burst of versions is stopped" 429
expect_eq "after ten (the changes of status do not count)" "$saved" "10"
expect_header "with Retry-After" "Retry-After: "
expect_body "saying to wait" "you saved 10 versions of plan $P in the last minute, the most it takes from one person; nothing was saved: wait"
wait_s=$(printf '%s\n' "$H_HEAD" | sed -n 's/^Retry-After: *//Ip')
expect_eq "Retry-After is 1 to 60 seconds" "$([ "$wait_s" -ge 1 ] && [ "$wait_s" -le 60 ] && echo yes)" "yes"
expect_eq "so the plan has 13 versions: the member's ten and three changes of status" "$(sql "SELECT COUNT(*) FROM plan_version WHERE plan_id = $P")" "13"
as leada
json POST "/api/v1/plans/$P/versions" '{"note":"the lead'"'"'s own"}'
expect_status "the member's burst does not stop the lead saving a version" 201
json PUT "/api/v1/plans/$P/status" '{"status":"submitted"}'
expect_status "nor submitting the plan" 204
as fac
json PUT "/api/v1/plans/$P/status" '{"status":"approved"}'
expect_status "nor the facilitator approving it" 204
as leada
json PUT "/api/v1/plans/$P/status" '{"status":"draft"}'
expect_status "nor the lead reopening it" 204
expect_eq "a draft again" "$(status)" "draft"
# The minute passed, and the plan has had 200 versions saved on demand.
sql "UPDATE plan_version SET created_at = '2026-01-05T10:00:00Z' WHERE plan_id = $P" >/dev/null
sql "INSERT INTO plan_version (plan_id, number, snapshot, created_at) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 189) SELECT $P, 17 + i, '{}', '2026-01-05T10:00:00Z' FROM n" >/dev/null
before=$(db_digest)
as membera
json POST "/api/v1/plans/$P/versions" '{"note":"one more"}'
expect_status "the 201st version saved on demand is refused" 409
expect_body "saying the plan keeps 200" "plan $P has 200 versions saved on demand, the most a plan keeps, so this one was not saved"
expect_body "and what to do instead" "GET /api/v1/plans/$P/export?format=pdf"
expect_eq "nothing was written" "$(db_digest)" "$before"
as leada
json PUT "/api/v1/plans/$P/status" '{"status":"submitted"}'
expect_status "the plan still moves along its workflow" 204
expect_eq "saving its version" "$(sql "SELECT MAX(number) FROM plan_version WHERE plan_id = $P")" "207"
# DESIGN §5: an admin may do everything, approving a plan too.
json PUT "/api/v1/plans/$P/status" '{"status":"approved"}'
expect_status "the lead does not approve the plan they submitted" 403
expect_body "told who does" "a plan is approved only by a facilitator of its network (network 1) or an admin; plan $P stays submitted"
as admin
json PUT "/api/v1/plans/$P/status" '{"status":"approved"}'
expect_status "an admin approves the submitted plan" 204
expect_eq "approved" "$(status)" "approved"
