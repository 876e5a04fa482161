# End to end: a district's approved plan in the pages, on the demo. The plan page offers
# each person only the moves they may make: a member none, the district's lead
# submitting, reopening and archiving, the facilitator approving and returning. Once
# approved, the plan page offers no form that changes its content, says why and who
# reopens it, and a form posted anyway is refused with nothing written; progress checks
# go on. Saving versions on demand too fast is answered 429 with Retry-After, the
# reason beside the note.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run demo
expect_rc "the demo loads" 0
srv_start || exit 1
fac="$T_DIR/fac" lead="$T_DIR/lead" mem="$T_DIR/mem"
web_signin facilitator@demo.capnet.example "$fac"
web_signin lead@demo.capnet.example "$lead"
web_signin member@demo.capnet.example "$mem"
plan=$(sql "SELECT id FROM plan WHERE team_id = 1 AND is_template = 0")
goal=$(sql "SELECT MIN(id) FROM plan_goal WHERE plan_id = $plan")
action=$(sql "SELECT MIN(id) FROM plan_action WHERE plan_id = $plan")
status() { sql "SELECT status FROM plan WHERE id = $plan"; }
expect_eq "Tradewater's plan waits for the facilitator" "$(status)" "submitted"

http GET "/plans/$plan" -b "$mem"
expect_status "the member reads the team's plan" 200
expect_body "with its status" "<dt>Status</dt><dd>Submitted</dd>"
expect_body_lacks "but is offered no move" "action=\"/plans/$plan/status\""
http GET "/plans/$plan" -b "$fac"
expect_body "the facilitator is offered approving" '<option value="approved">Approved</option>'
expect_body "and returning" '<option value="draft">Draft</option>'
expect_body_lacks "not archiving the district's plan" '<option value="archived">'
web_csrf "$fac"
http POST "/plans/$plan/status" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "new_status=approved"
expect_status "the facilitator approves it" 303
expect_eq "approved" "$(status)" "approved"

# --- The approved plan: read-only to the member and to the lead ---------------------------
http GET "/plans/$plan" -b "$mem"
expect_body "the member is told it is approved and read-only" "This plan is approved, so its goals, actions and PLC schedules are read-only"
expect_body "and who reopens it" "the district lead reopens it (Move the plan to: Draft)"
expect_body_lacks "no move to make" "action=\"/plans/$plan/status\""
expect_body_lacks "no goal form" "action=\"/plans/$plan/goals\""
expect_body_lacks "no action form" "action=\"/plans/$plan/actions\""
expect_body_lacks "no link to edit a goal" "href=\"/plans/$plan/goals/$goal\""
expect_body "but the progress form" "action=\"/plans/$plan/progress\""
web_csrf "$mem"
before=$(db_digest)
http POST "/plans/$plan/status" -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "new_status=draft"
expect_status "the member does not move it back to draft" 403
http POST "/plans/$plan/status" -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "new_status=archived"
expect_status "nor archive it" 403
http POST "/plans/$plan/goals" -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "g_title=Mine"
expect_status "nor add a goal" 409
expect_body "told the lead reopens it first" "plan $plan is approved and read-only; the district lead reopens it first"
http POST "/plans/$plan/goals/$goal" -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "g_title=Changed"
expect_status "nor change one" 409
http POST "/plans/$plan/actions/$action/link" -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "l_item=1"
expect_status "nor link a library item" 409
http POST "/plans/$plan/actions/$action" -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "a_title=Changed&a_status=done"
expect_status "nor change an action" 409
expect_eq "nothing was written" "$(db_digest)" "$before"
expect_eq "still approved" "$(status)" "approved"
http POST "/plans/$plan/progress" -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "pc_goal_id=$goal&pc_status=on_track&pc_checked_on=2026-12-03" --data-urlencode "pc_evidence=Grade 4 PLC met twice"
expect_status "the member checks progress on the approved plan" 303
http GET "/plans/$plan" -b "$mem"
expect_body "and is offered each action's status" "<select id=\"status-$action\" name=\"a_status\">"
expect_body "named for the action" "aria-label=\"Set the status of "
web_csrf "$mem"
http POST "/plans/$plan/actions/$action" -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "a_status=in_progress"
expect_status "the member marks an action in progress on the approved plan" 303
expect_eq "the action is in progress" "$(sql "SELECT status FROM plan_action WHERE id = $action")" "in_progress"
expect_eq "the plan stays approved" "$(status)" "approved"

http GET "/plans/$plan" -b "$fac"
expect_body_lacks "the facilitator has no move on an approved plan" "action=\"/plans/$plan/status\""
http GET "/plans/$plan" -b "$lead"
expect_body "the lead may reopen it" '<option value="draft">Draft</option>'
expect_body "or archive it" '<option value="archived">Archived</option>'
expect_body_lacks "but not add goals while approved" "action=\"/plans/$plan/goals\""
web_csrf "$lead"
before=$(db_digest)
http POST "/plans/$plan/goals" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "g_title=Lead's"
expect_status "the lead too is refused a goal on the approved plan" 409
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST "/plans/$plan/status" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "new_status=draft&status_note=Add+walkthrough+goal"
expect_status "the lead reopens it" 303
expect_eq "a draft" "$(status)" "draft"
expect_eq "audited, by the lead" "$(sql "SELECT COUNT(*) FROM audit_event a JOIN person p ON p.id = a.actor_id WHERE a.entity = 'plan' AND a.entity_id = $plan AND p.email = 'lead@demo.capnet.example' AND a.before_json LIKE '%\"status\":\"approved\"%' AND a.after_json LIKE '%\"status\":\"draft\"%'")" "1"

http GET "/plans/$plan" -b "$mem"
expect_body "the member has the goal form again" "action=\"/plans/$plan/goals\""
expect_body_lacks "but no move" "action=\"/plans/$plan/status\""
web_csrf "$mem"
http POST "/plans/$plan/goals" -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "g_title=Walkthroughs+every+month"
expect_status "and adds a goal to the reopened draft" 303
http POST "/plans/$plan/status" -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "new_status=submitted"
expect_status "the member does not submit it" 403
expect_eq "still a draft" "$(status)" "draft"

# --- Versions: a burst is stopped --------------------------------------------------------------
web_csrf "$lead"
n=0
while [ $n -lt 20 ]; do
	http POST "/plans/$plan/versions" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "version_note=Again"
	[ "$H_STATUS" = 303 ] || break
	n=$((n + 1))
done
expect_status "a burst of versions is stopped" 429
expect_header "with Retry-After" "Retry-After: "
expect_body "told beside the note to wait" "id=\"version_note-error\">you saved 10 versions of plan $plan in the last minute, the most it takes from one person; nothing was saved: wait"
expect_body "the note kept" 'value="Again"'
expect_eq "no more than ten in the minute" "$([ "$(sql "SELECT COUNT(*) FROM plan_version WHERE plan_id = $plan AND note = 'Again'")" -le 10 ] && echo yes)" "yes"
