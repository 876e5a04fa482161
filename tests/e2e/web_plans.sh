# End to end: the pages of a district team's work in a browser's place (curl), on the
# demo: a district lead assesses the team's needs, starts a plan from the high-priority
# gaps, edits it, logs PD sessions and walkthroughs and reads the team's profile; a
# facilitator reads them, reviews the plan and approves it. Errors appear beside their
# field with the input kept; another district's records are not found (404); stored
# script in text fields comes back escaped; forms without the CSRF token are refused.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run demo --no-work
expect_rc "the demo loads (without its year of work: the team starts from nothing)" 0
srv_start || exit 1

fac="$T_DIR/fac" lead="$T_DIR/lead" mem="$T_DIR/mem" other="$T_DIR/other"
web_signin facilitator@demo.capnet.example "$fac"
web_signin lead@demo.capnet.example "$lead"
web_signin member@demo.capnet.example "$mem"
# The lead of another district of the same network (Pond River, team 2).
other_email=$(sql "SELECT p.email FROM person p JOIN team_member tm ON tm.person_id = p.id WHERE tm.team_id = 2 AND tm.role = 'lead' LIMIT 1")
printf 'capnet-demo-2026\n' >"$T_DIR/pw"
run library add --kind strategy --title "Number talks" --tier 2
run user passwd "$other_email" --password-stdin <"$T_DIR/pw"
web_signin "$other_email" "$other"
xss='<script>alert(1)</script>'
img='"><img src=x onerror=alert(1)>'

# --- Needs assessment ---------------------------------------------------------------------
http GET /teams/1/assessments -b "$lead"
expect_status "the lead reads the team's assessments" 200
expect_body "none yet" "The team has not assessed its needs yet."
expect_body "and may start one" 'action="/teams/1/assessments"'
http GET /teams/1/assessments -b "$other"
expect_status "another district's lead does not find the team" 404

web_csrf "$lead"
before=$(db_digest)
http POST /teams/1/assessments -b "$lead" -d "school_year=2026-27"
expect_status "a form without the CSRF token is refused" 403
http POST /teams/1/assessments -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "school_year=twenty"
expect_status "a school year that is not one is refused" 400
expect_body "beside its field, input kept" 'id="school_year-error">'
expect_body "with the value kept" 'value="twenty"'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST /teams/1/assessments -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "school_year=2026-27&assessed_on=2026-09-18"
expect_status "the lead starts an assessment" 303
as=$(sql "SELECT id FROM assessment WHERE team_id = 1")
expect_header "and goes to it" "Location: /assessments/$as?done=started"
http GET "/assessments/$as" -b "$lead"
expect_status "the rating form" 200
expect_body "grouped by capacity level" 'id="level-people">Capacity of the people</h2>'
expect_body "organizational" 'Capacity of the organizational level'
expect_body "institutional" 'Capacity of the institutional (policy) level'
lc2=$(sql "SELECT i.id FROM indicator i JOIN assessment a ON a.instrument_id = i.instrument_id WHERE a.id = $as AND i.code = 'LC.2'")
da2=$(sql "SELECT i.id FROM indicator i JOIN assessment a ON a.instrument_id = i.instrument_id WHERE a.id = $as AND i.code = 'DA.2'")
expect_body "current level radios" "id=\"c$lc2-2\" name=\"c$lc2\" value=\"2\""
expect_body "target level radios" "name=\"t$lc2\""

before=$(db_digest)
http POST "/assessments/$as/ratings" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "c$lc2=2&p$lc2=high" --data-urlencode "e$lc2=Kept evidence"
expect_status "a rating without its target is refused" 400
expect_body "beside the indicator's target" "id=\"t$lc2-error\">choose where the district wants to be for LC.2</p>"
expect_body "the evidence is kept" "Kept evidence</textarea>"
expect_body "the current level chosen is kept" "id=\"c$lc2-2\" name=\"c$lc2\" value=\"2\" checked"
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST "/assessments/$as/ratings" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "c$lc2=2&t$lc2=4&p$lc2=high&c$da2=1&t$da2=3&p$da2=high" --data-urlencode "e$lc2=PLCs meet monthly $xss"
expect_status "the lead rates two indicators" 303
expect_eq "both stored" "$(sql "SELECT COUNT(*) FROM assessment_rating WHERE assessment_id = $as")" "2"
http GET "/assessments/$as?done=rated" -b "$lead"
expect_body "saying so" "The ratings were saved."
expect_body "the evidence escaped" "PLCs meet monthly &lt;script&gt;alert(1)&lt;/script&gt;"
expect_body_lacks "never as script" "$xss"
expect_body "the level kept checked" "id=\"t$lc2-4\" name=\"t$lc2\" value=\"4\" checked"

http POST "/assessments/$as/challenges" -b "$lead" --data-urlencode "csrf=$W_CSRF" --data-urlencode "description=Teachers $img" -d "reason="
expect_status "a challenge without its kind is refused" 400
expect_body "beside its field" 'id="kind-error">'
expect_body "the description kept" "Teachers &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</textarea>"
http POST "/assessments/$as/challenges" -b "$lead" --data-urlencode "csrf=$W_CSRF" --data-urlencode "description=Teachers $img" -d "kind=adaptive&reason=No+known+fix"
expect_status "the lead adds a challenge" 303
http GET "/assessments/$as" -b "$lead"
expect_body "listed escaped" "<th scope=\"row\">Teachers &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</th><td><span class=\"tag\">Adaptive</span></td><td>No known fix</td>"
expect_body_lacks "never as an element" "<img src=x"

http GET "/assessments/$as" -b "$fac"
expect_status "the facilitator reads it" 200
expect_body_lacks "but does not rate for the team" "action=\"/assessments/$as/ratings\""
http GET "/assessments/$as" -b "$other"
expect_status "another district's lead does not find it" 404
web_csrf "$other"
http POST "/assessments/$as/ratings" -b "$other" --data-urlencode "csrf=$W_CSRF" -d "c$lc2=4&t$lc2=4"
expect_status "nor rate it" 404

web_csrf "$lead"
asv=$(sql "SELECT version FROM assessment WHERE id = $as")
http GET "/assessments/$as" -b "$lead"
expect_body "the submit button carries the version it was read at" "<input type=\"hidden\" name=\"version\" value=\"$asv\"><button type=\"submit\">Submit the assessment</button>"
http POST "/assessments/$as/submit" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "version=$asv"
expect_status "the lead submits the assessment" 303
http POST "/assessments/$as/reopen" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "version=$asv"
expect_status "opening it again from the page read before is refused" 412
expect_body "saying someone else changed it" "changed by someone else since you read it"
expect_eq "it stays submitted" "$(sql "SELECT status FROM assessment WHERE id = $as")" "submitted"
http POST "/assessments/$as/reopen" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "version=$((asv + 1))"
expect_status "the lead opens it again" 303
expect_eq "a draft again" "$(sql "SELECT status FROM assessment WHERE id = $as")" "draft"
http GET "/assessments/$as/compare" -b "$lead"
expect_status "the comparison page" 200
expect_body "says there is nothing earlier" "The district has no earlier assessment"

# --- Plans ----------------------------------------------------------------------------------
web_csrf "$lead"
http GET /plans -b "$lead"
expect_status "the plans page" 200
expect_body "lists the lead's team" '<a href="/teams/1">Tradewater County Public Schools</a>'
expect_body_lacks "not other districts' teams" "Pond River County Schools"
web_signin partner@demo.capnet.example "$T_DIR/partner"
http GET /plans -b "$T_DIR/partner"
expect_status "someone in no team still gets the plans page" 200
expect_body "saying so" "You are not in a network yet."
http GET /teams/1/plans -b "$lead"
expect_status "the team's plans" 200
expect_body "may start from the assessment" "value=\"assessment:$as\""
before=$(db_digest)
http POST /teams/1/plans -b "$lead" --data-urlencode "csrf=$W_CSRF" --data-urlencode "title=Kept title" -d "source=nothing"
expect_status "starting from nothing is refused" 400
expect_body "beside the choice" 'id="source-error">choose what to start from'
expect_body "the title kept" 'value="Kept title"'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST /teams/1/plans -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "source=assessment:$as"
expect_status "the lead starts a plan from the assessment" 303
plan=$(sql "SELECT id FROM plan WHERE team_id = 1")
expect_header "and goes to the plan editor" "Location: /plans/$plan?done=started"
expect_eq "each high-priority gap proposed a goal" "$(sql "SELECT COUNT(*) FROM plan_goal WHERE plan_id = $plan")" "2"
http GET "/plans/$plan" -b "$lead"
expect_status "the plan editor" 200
expect_body "its goals with their needs" "<dt>Assessed needs</dt><dd>LC.2 (2 -&gt; 4, high priority, 2026-27)</dd>"
expect_body "a form for goals" "action=\"/plans/$plan/goals\""
expect_body "for actions" "action=\"/plans/$plan/actions\""
expect_body "for progress checks" "action=\"/plans/$plan/progress\""
expect_body "for the PLC schedule" "action=\"/plans/$plan/schedules\""
expect_body "the downloads" "href=\"/plans/$plan/export.pdf\""

before=$(db_digest)
http POST "/plans/$plan/goals" -b "$lead" --data-urlencode "csrf=$W_CSRF" --data-urlencode "g_baseline=Kept baseline"
expect_status "a goal without its title is refused" 400
expect_body "beside the title" 'id="g_title-error">'
expect_body "the baseline kept" 'value="Kept baseline"'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST "/plans/$plan/goals" -b "$lead" --data-urlencode "csrf=$W_CSRF" --data-urlencode "g_title=Goal $xss" -d "g_deadline=2027-05-31&g_target=4"
expect_status "the lead adds a goal" 303
goal=$(sql "SELECT id FROM plan_goal WHERE plan_id = $plan AND title LIKE 'Goal %'")
http GET "/plans/$plan" -b "$lead"
expect_body "shown escaped" "Goal &lt;script&gt;alert(1)&lt;/script&gt;"
expect_body_lacks "never as script" "$xss"
http GET "/plans/$plan/goals/$goal" -b "$lead"
expect_status "the goal page" 200
expect_body "offers the rated needs" "value=\"$as:$da2\""
http POST "/plans/$plan/goals/$goal/link" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "need=$as:$da2"
expect_status "the lead links a need" 303
expect_eq "linked" "$(sql "SELECT COUNT(*) FROM goal_need WHERE goal_id = $goal")" "1"

# One edit path: a field the form sends empty is cleared, a required one is refused, and
# a form read before someone else's save is refused with the typed input kept.
http GET "/plans/$plan/goals/$goal" -b "$lead"
gv=$(sql "SELECT version FROM plan_goal WHERE id = $goal")
expect_body "the goal form carries the version it was read at" "name=\"version\" value=\"$gv\""
http POST "/plans/$plan/goals/$goal" -b "$lead" --data-urlencode "csrf=$W_CSRF" --data-urlencode "g_title=Goal $xss" -d "g_baseline=2+of+5+rooms&g_target=4&g_deadline=2027-05-31&g_measure=&version=$gv"
expect_status "the lead gives the goal a baseline" 303
expect_eq "the baseline is saved" "$(sql "SELECT baseline FROM plan_goal WHERE id = $goal")" "2 of 5 rooms"
gv=$(sql "SELECT version FROM plan_goal WHERE id = $goal")
http POST "/plans/$plan/goals/$goal" -b "$lead" --data-urlencode "csrf=$W_CSRF" --data-urlencode "g_title=Goal $xss" -d "g_baseline=&g_target=4&g_deadline=2027-05-31&g_measure=&version=$gv"
expect_status "the lead empties the baseline" 303
expect_eq "the baseline is gone" "$(sql "SELECT COALESCE(baseline, 'none') FROM plan_goal WHERE id = $goal")" "none"
expect_eq "the rest is kept" "$(sql "SELECT target || ' ' || deadline FROM plan_goal WHERE id = $goal")" "4 2027-05-31"
gv2=$(sql "SELECT version FROM plan_goal WHERE id = $goal")
before=$(db_digest)
http POST "/plans/$plan/goals/$goal" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "g_title=&g_target=5&version=$gv2"
expect_status "emptying the goal's title is refused" 400
expect_body "beside the title" 'id="g_title-error">'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST "/plans/$plan/goals/$goal" -b "$lead" --data-urlencode "csrf=$W_CSRF" --data-urlencode "g_title=Goal $xss" -d "g_target=Typed+target&version=$gv"
expect_status "a second save from the same stale form is refused" 412
expect_body "saying someone else changed it" "changed by someone else since you read it"
expect_body "the typed input kept" 'value="Typed target"'
expect_body "the form now carries the version to save over" "name=\"version\" value=\"$gv2\""
expect_eq "the goal is as the first save left it" "$(sql "SELECT target FROM plan_goal WHERE id = $goal")" "4"

me=$(sql "SELECT id FROM person WHERE email = 'lead@demo.capnet.example'")
http POST "/plans/$plan/actions" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "a_title=Study+number+talks&a_kind=study&a_goal_id=$goal&a_owner_id=$me&a_starts_on=2026-10-01&a_due_on=2026-09-01"
expect_status "an action due before it starts is refused" 400
expect_body "beside the due date" 'id="a_due_on-error">'
expect_body "the title kept" 'value="Study number talks"'
http POST "/plans/$plan/actions" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "a_title=Study+number+talks&a_kind=study&a_goal_id=$goal&a_owner_id=$me&a_starts_on=2026-10-01&a_due_on=2026-12-01"
expect_status "the lead adds an action" 303
action=$(sql "SELECT id FROM plan_action WHERE plan_id = $plan")
http GET /dashboard -b "$lead"
expect_body "the dashboard lists it among the lead's actions" "Study number talks"
http GET "/plans/$plan/actions/$action" -b "$lead"
expect_status "the action page" 200
av=$(sql "SELECT version FROM plan_action WHERE id = $action")
expect_body "the action form carries the version it was read at" "name=\"version\" value=\"$av\""
http POST "/plans/$plan/actions/$action" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "a_title=Study+number+talks&a_kind=study&a_starts_on=2026-10-01&a_due_on=2026-12-15&version=$av"
expect_status "the lead moves the due date" 303
http POST "/plans/$plan/actions/$action" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "a_title=Typed+title&a_kind=study&version=$av"
expect_status "a second save from the same stale form is refused" 412
expect_body "the typed title kept" 'value="Typed title"'
expect_eq "the first save stands" "$(sql "SELECT title || ' ' || due_on FROM plan_action WHERE id = $action")" "Study number talks 2026-12-15"
http POST "/plans/$plan/actions/$action/link" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "l_item=abc"
expect_status "a library item that is not a number is refused" 400
expect_body "beside its field" 'id="l_item-error">enter a number such as 12</p>'
http POST "/plans/$plan/actions/$action/link" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "l_item=1"
expect_status "the lead links a library item" 303
http GET "/plans/$plan" -b "$lead"
expect_body "the link shows in the actions" 'href="/library/1">library item 1'

http POST "/plans/$plan/progress" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "pc_goal_id=$goal" --data-urlencode "pc_evidence=Kept evidence"
expect_status "a progress check without its status is refused" 400
expect_body "beside the status" 'id="pc_status-error">'
expect_body "the evidence kept" "Kept evidence</textarea>"
http POST "/plans/$plan/progress" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "pc_goal_id=$goal&pc_status=at_risk&pc_checked_on=2026-12-01&pc_guskey_level=4" --data-urlencode "pc_evidence=Walkthroughs in 2 of 5 rooms" --data-urlencode "pc_next_steps=Coach grade 4"
expect_status "the lead checks progress" 303
http GET "/plans/$plan" -b "$lead"
expect_body "the check shows under its goal" '<th scope="row">2026-12-01</th><td><span class="status-bad">At risk</span></td><td>Walkthroughs in 2 of 5 rooms</td><td>Coach grade 4</td><td>participants&#39; use of new knowledge and skills</td>'

school=$(sql "SELECT id FROM organization WHERE parent_id = 5 AND kind = 'school' ORDER BY id LIMIT 1")
http POST "/plans/$plan/schedules" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "s_school_id=$school&s_recurrence=monthly&s_weekday=tuesday&s_week_of_month=2&s_start_time=3pm&s_minutes=60&s_tz=America/Chicago&s_pd_format=plc&s_title=PLC"
expect_status "a start time that is not HH:MM is refused" 400
expect_body "beside its field" 'id="s_start_time-error">'
http POST "/plans/$plan/schedules" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "s_school_id=$school&s_action_id=$action&s_recurrence=monthly&s_weekday=tuesday&s_week_of_month=2&s_start_time=15:30&s_minutes=60&s_tz=America/Chicago&s_pd_format=plc&s_title=PLC"
expect_status "the lead adds a PLC schedule" 303
sched=$(sql "SELECT id FROM plc_schedule WHERE plan_id = $plan")
http POST "/plans/$plan/schedules/$sched/generate" -b "$lead" --data-urlencode "csrf=$W_CSRF"
expect_status "and plans its sessions" 303
expect_eq "one planned session a month, August to June" "$(sql "SELECT CASE WHEN COUNT(*) > 5 THEN 'yes' ELSE 'no' END FROM pd_session WHERE schedule_id = $sched AND status = 'planned'")" "yes"
http GET "/plans/$plan" -b "$lead"
expect_body "the schedule is listed" "Monthly, Second Tuesday"

http POST "/plans/$plan/versions" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "version_note=First+draft"
expect_status "the lead saves a version" 303
http POST "/plans/$plan/status" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "new_status=approved"
expect_status "the lead cannot approve a draft" 400
expect_body "told beside the choice" 'id="new_status-error">'
http POST "/plans/$plan/status" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "new_status=submitted"
expect_status "the lead submits the plan" 303
http POST "/plans/$plan/status" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "new_status=approved"
expect_status "the lead cannot approve the submitted plan" 409
expect_body "told beside the choice" "id=\"new_status-error\">a plan is approved only by a facilitator of its network (network 1) or an admin; plan $plan stays submitted</p>"
expect_body_lacks "which is not offered to her" '<option value="approved"'
http GET "/plans/$plan" -b "$lead"
expect_body "its versions" "<td>First draft</td>"
expect_body_lacks "no review form for the lead" "action=\"/plans/$plan/reviews\""

http GET "/plans/$plan/export.csv" -b "$lead"
expect_status "the plan as CSV" 200
expect_header "as a download" "Content-Disposition: attachment; filename=\"plan-$plan.csv\""
http GET "/plans/$plan/export.pdf" -b "$lead"
expect_status "as PDF" 200
expect_eq "a PDF file" "$(head -c 4 "$T_DIR/h_body")" "%PDF"
http GET "/plans/$plan/export.doc" -b "$lead"
expect_status "no other format" 404
http GET "/plans/$plan/recommendations" -b "$lead"
expect_status "the recommendations page" 200
expect_body "one section per goal" "Goal &lt;script&gt;alert(1)&lt;/script&gt;</h2>"

# The facilitator reviews and approves; another district sees nothing.
web_csrf "$fac"
http GET "/plans/$plan" -b "$fac"
expect_status "the facilitator reads the plan" 200
expect_body "with a review form" "action=\"/plans/$plan/reviews\""
expect_body_lacks "but no goal form" "action=\"/plans/$plan/goals\""
http POST "/plans/$plan/reviews" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "comments="
expect_status "an empty review is refused" 400
expect_body "beside its field" 'id="comments-error">'
http POST "/plans/$plan/reviews" -b "$fac" --data-urlencode "csrf=$W_CSRF" --data-urlencode "comments=Tie goal 3 to $img"
expect_status "the facilitator reviews" 303
before=$(db_digest)
http POST "/plans/$plan/goals" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "g_title=Mine"
expect_status "the facilitator does not add a goal to the district's plan" 403
expect_body "told that the district keeps its own plan" "a district keeps its own plan"
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST "/plans/$plan/status" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "new_status=approved&status_note=Good+plan"
expect_status "the facilitator approves" 303
expect_eq "approved" "$(sql "SELECT status FROM plan WHERE id = $plan")" "approved"
http GET "/plans/$plan" -b "$lead"
expect_body "the review shows escaped" "Tie goal 3 to &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
expect_body_lacks "never as an element" "<img src=x"
http GET /dashboard -b "$mem"
expect_body "the team's members get a notice that links the plan" "<a href=\"/plans/$plan#reviews\">"
http GET /notices -b "$mem"
expect_body "on the notices page too" "<a href=\"/plans/$plan#reviews\">"
expect_body_lacks "with nothing to compare" "Compare with your version"

web_csrf "$other"
for path in "/plans/$plan" "/plans/$plan/goals/$goal" "/plans/$plan/actions/$action" "/plans/$plan/export.pdf" "/plans/$plan/recommendations" /teams/1/plans; do
	http GET "$path" -b "$other"
	expect_status "another district's lead does not find $path" 404
done
before=$(db_digest)
http POST "/plans/$plan/goals" -b "$other" --data-urlencode "csrf=$W_CSRF" -d "g_title=Theirs"
expect_status "nor adds goals to it" 404
expect_eq "nothing was written" "$(db_digest)" "$before"

# --- A facilitator on a district's plan: progress checks yes, goals and actions no -----------
web_csrf "$fac"
http GET "/plans/$plan" -b "$fac"
expect_body "the facilitator is offered the progress check form" "action=\"/plans/$plan/progress\""
expect_body_lacks "but no action form" "action=\"/plans/$plan/actions\""
expect_body_lacks "nor the save-a-version form" "action=\"/plans/$plan/versions\""
before=$(db_digest)
for path in "/plans/$plan/goals/$goal" "/plans/$plan/actions/$action" "/plans/$plan/goals/$goal/remove" "/plans/$plan/actions" "/plans/$plan/versions"; do
	http POST "$path" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "g_title=Mine&a_title=Mine&a_kind=study&version_note=Mine"
	expect_status "the facilitator may not POST $path" 403
done
http GET "/plans/$plan/goals/$goal" -b "$fac"
expect_status "nor open a goal's edit page" 403
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST "/plans/$plan/progress" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "pc_goal_id=$goal&pc_checked_on=2026-12-02" --data-urlencode "pc_evidence=Kept by the facilitator"
expect_status "a facilitator's check without its status is refused" 400
expect_body "beside the status" 'id="pc_status-error">'
expect_body "her evidence kept" "Kept by the facilitator</textarea>"
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST "/plans/$plan/progress" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "pc_goal_id=$goal&pc_status=on_track&pc_checked_on=2026-12-02" --data-urlencode "pc_evidence=Seen at the network meeting $xss"
expect_status "the facilitator records a progress check in the browser" 303
expect_eq "as its author" "$(sql "SELECT p.email FROM progress_check c JOIN person p ON p.id = c.author_id WHERE c.checked_on = '2026-12-02'")" "facilitator@demo.capnet.example"
http GET "/plans/$plan" -b "$lead"
expect_body "the team reads it under the goal, escaped" "<td>Seen at the network meeting &lt;script&gt;alert(1)&lt;/script&gt;</td>"
expect_body_lacks "never as script" "$xss"
web_csrf "$other"
before=$(db_digest)
http POST "/plans/$plan/progress" -b "$other" --data-urlencode "csrf=$W_CSRF" -d "pc_goal_id=$goal&pc_status=met"
expect_status "another district's lead does not find the plan to check" 404
expect_eq "nothing was written" "$(db_digest)" "$before"

# --- Network plan templates -----------------------------------------------------------------
http GET /plans -b "$fac"
expect_body "the plans page offers the facilitator a new template for her network" 'action="/networks/1/plan-templates"'
http GET /plans -b "$lead"
expect_body_lacks "but not the district lead" 'plan-templates"'
web_csrf "$fac"
before=$(db_digest)
http POST /networks/1/plan-templates -b "$fac" -d "tpl1_title=No+token"
expect_status "a form without the CSRF token is refused" 403
http POST /networks/1/plan-templates -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "tpl1_title=&tpl1_school_year=2027-28"
expect_status "a template without a title is refused" 400
expect_body "beside the title" 'id="tpl1_title-error">give the template a title</p>'
expect_body "the school year kept" 'value="2027-28"'
http POST /networks/1/plan-templates -b "$fac" --data-urlencode "csrf=$W_CSRF" --data-urlencode "tpl1_title=Kept template title" -d "tpl1_school_year=twenty"
expect_status "a school year that is not one is refused" 400
expect_body "beside the school year" 'id="tpl1_school_year-error">'
expect_body "the title kept" 'value="Kept template title"'
web_csrf "$lead"
http POST /networks/1/plan-templates -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "tpl1_title=Ours"
expect_status "a district lead does not make the network's templates" 403
web_csrf "$fac"
http POST /networks/2/plan-templates -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "tpl2_title=Theirs"
expect_status "nor does the facilitator for a network she does not run" 404
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST /networks/1/plan-templates -b "$fac" --data-urlencode "csrf=$W_CSRF" --data-urlencode "tpl1_title=Starter $img" -d "tpl1_school_year=2026-27"
expect_status "the facilitator creates a template" 303
tpl=$(sql "SELECT id FROM plan WHERE is_template = 1 AND title LIKE 'Starter %'")
expect_header "and lands in the template editor" "Location: /plans/$tpl?done=template"
expect_eq "a template of her network" "$(sql "SELECT network_id || ' ' || COALESCE(team_id, 0) FROM plan WHERE id = $tpl")" "1 0"
http GET "/plans/$tpl" -b "$fac"
expect_status "the template editor" 200
expect_body "its title escaped" "<h1>Starter &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</h1>"
expect_body_lacks "never as an element" "<img src=x"
expect_body "a form for its goals" "action=\"/plans/$tpl/goals\""
http POST "/plans/$tpl/goals" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "g_title=Protect+PLC+time"
expect_status "the facilitator adds a goal to the template" 303
http GET /plans -b "$lead"
expect_body "the network's teams find it on the plans page" "<a href=\"/plans/$tpl\">Starter &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</a>"
http GET "/plans/$tpl" -b "$lead"
expect_status "and read it" 200
expect_body "with its goal" "Protect PLC time"
expect_body_lacks "but do not change it" "action=\"/plans/$tpl/goals\""
http GET /plans -b "$T_DIR/partner"
expect_body "a partner in no network finds the templates on the plans page" "<a href=\"/plans/$tpl\">Starter &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</a> (Green River Mathematics Leadership Network)"
expect_body_lacks "but no district's plan" "professional learning plan"
http GET "/plans/$tpl" -b "$T_DIR/partner"
expect_status "a partner reads the network's template" 200
expect_body_lacks "without changing it" "action=\"/plans/$tpl/goals\""
http GET "/plans/$plan" -b "$T_DIR/partner"
expect_status "but not a district's plan" 404
web_csrf "$lead"
before=$(db_digest)
http POST "/plans/$tpl/goals" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "g_title=Ours"
expect_status "a district lead does not add goals to the template" 403
expect_eq "nothing was written" "$(db_digest)" "$before"

# --- Saved versions, as they were ----------------------------------------------------------------
http POST "/plans/$plan/versions" -b "$lead" --data-urlencode "csrf=$W_CSRF" --data-urlencode "version_note=After winter $xss"
expect_status "the lead saves another version" 303
last=$(sql "SELECT MAX(number) FROM plan_version WHERE plan_id = $plan")
http GET "/plans/$plan" -b "$lead"
expect_body "the versions list links each version" "<a href=\"/plans/$plan/versions/1\">Version 1</a>"
http GET "/plans/$plan/versions/1" -b "$lead"
expect_status "the page of version 1" 200
expect_body "its number and the plan" "<h1>Version 1: Tradewater County Public Schools professional learning plan 2026-27</h1>"
expect_body "its author" "<dt>Saved by</dt><dd>Dana Whitaker</dd>"
expect_body "its note" "<dt>Note</dt><dd>First draft</dd>"
expect_body "its status then" "<dt>Status</dt><dd>Draft</dd>"
expect_body "its goals as they were, escaped" "Goal &lt;script&gt;alert(1)&lt;/script&gt;"
expect_body "their needs" "<dt>Assessed needs</dt><dd>LC.2 (2 -&gt; 4, high priority, 2026-27)</dd>"
expect_body "their progress checks" "<td>Walkthroughs in 2 of 5 rooms</td>"
expect_body "its actions with their links" 'library item 1'
expect_body_lacks "not the check recorded since" "Seen at the network meeting"
expect_body_lacks "no forms: a version is never changed" "action=\"/plans/$plan/goals\""
expect_body_lacks "never a script" "$xss"
http GET "/plans/$plan/versions/$last" -b "$fac"
expect_status "the facilitator reads the latest version" 200
expect_body "with its note escaped" "<dt>Note</dt><dd>After winter &lt;script&gt;alert(1)&lt;/script&gt;</dd>"
expect_body "and the check recorded before it" "Seen at the network meeting &lt;script&gt;"
expect_body_lacks "never a script" "$xss"
http GET "/plans/$plan/versions/1" -b "$lead"
expect_body "compared with the plan now: the goal checked since" "<th scope=\"row\">Goal &lt;script&gt;alert(1)&lt;/script&gt;</th><td>Goal</td><td>Changed</td><td>1 new progress check</td>"
web_csrf "$lead"
before=$(db_digest)
http POST "/plans/$plan/actions" -b "$lead" --data-urlencode "csrf=$W_CSRF" --data-urlencode "a_title=Model lessons $img" -d "a_kind=study"
expect_status "the approved plan takes no new action" 409
expect_body "told that the lead reopens it first" "plan $plan is approved and read-only; the district lead reopens it first"
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST "/plans/$plan/status" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "new_status=draft&status_note=Add+model+lessons"
expect_status "the lead reopens the plan" 303
expect_eq "a draft again" "$(sql "SELECT status FROM plan WHERE id = $plan")" "draft"
http POST "/plans/$plan/actions" -b "$lead" --data-urlencode "csrf=$W_CSRF" --data-urlencode "a_title=Model lessons $img" -d "a_kind=study"
expect_status "the lead adds an action after the latest version" 303
http GET "/plans/$plan/versions/$last" -b "$lead"
expect_body "the latest version lists it as added since, escaped" "<th scope=\"row\">Model lessons &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</th><td>Action</td><td>Added</td>"
expect_eq "and not among the version's own actions" "$(grep -o 'Model lessons' "$T_DIR/h_body" | wc -l)" "1"
expect_body_lacks "never as an element" "<img src=x"
http GET "/plans/$plan/versions/99" -b "$lead"
expect_status "a version that was never saved is not found" 404
http GET "/plans/$plan/versions/first" -b "$lead"
expect_status "nor one that is not a number" 404
http GET "/plans/$plan/versions/1" -b "$other"
expect_status "another district's lead does not find a version" 404
http GET "/plans/$plan/versions/1" -b "$T_DIR/partner"
expect_status "nor does a partner" 404

# --- PD sessions and walkthroughs ----------------------------------------------------------
web_csrf "$lead"
http GET /teams/1/delivery -b "$lead"
expect_status "the team's PD and walkthroughs" 200
expect_body "lists the planned sessions of the schedule" ">PLC</a></th>"
expect_body "the form offers the plan's actions" "<option value=\"$action\">Study number talks</option>"
expect_body "and the network's meetings" '<option value="1">Meeting 1: Number talks'
marcus=$(sql "SELECT id FROM person WHERE email = 'member@demo.capnet.example'")
before=$(db_digest)
http POST /teams/1/sessions -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "ps_title=Number+talks+day&ps_school_id=$school&ps_held_on=2026-10-12&ps_tz=America/Chicago&ps_minutes=900&ps_pd_format=plc&ps_status=delivered&ps_attendee_$marcus=1"
expect_status "a session over twelve hours is refused" 400
expect_body "beside the minutes" 'id="ps_minutes-error">'
expect_body "the title kept" 'value="Number talks day"'
expect_body "the attendee kept" "id=\"ps_attendee_$marcus\" name=\"ps_attendee_$marcus\" value=\"1\" checked"
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST /teams/1/sessions -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "ps_title=Number+talks+PLC&ps_school_id=$school&ps_held_on=2026-10-12&ps_tz=America/Chicago&ps_minutes=60&ps_pd_format=plc&ps_status=delivered&ps_facilitator_id=$me&ps_action_id=$action&ps_source_meeting_id=1&ps_guskey_level=2&ps_attendee_$marcus=1" --data-urlencode "ps_changes_note=Our exit tickets $xss"
expect_status "the lead logs a delivered session" 303
session=$(sql "SELECT id FROM pd_session WHERE title = 'Number talks PLC'")
expect_header "and sees it" "Location: /sessions/$session?done=logged"
expect_eq "with its attendee" "$(sql "SELECT COUNT(*) FROM pd_attendance WHERE session_id = $session")" "1"
http GET "/sessions/$session" -b "$lead"
expect_status "the session page" 200
expect_body "where it came from" '<a href="/meetings/1">Meeting 1: Number talks'
expect_body "what the team changed, escaped" "Our exit tickets &lt;script&gt;alert(1)&lt;/script&gt;"
expect_body_lacks "never as script" "$xss"
expect_body "its attendees, each with a button that names them" "<li>Marcus Ridley <form method=\"post\" action=\"/sessions/$session/attendees/$marcus/remove\" class=\"inline\">"
expect_body "the button's name includes the person" 'Remove<span class="visually-hidden"> Marcus Ridley</span></button>'
expect_body "people of the district may be added" "action=\"/sessions/$session/attendees\""
expect_body "the team's lead among them" "id=\"attendee_$me\""
# A person of the district who is not on this network's team (she is on its team in
# another network), and one of another district.
staff=$(sql "SELECT m.person_id FROM membership m JOIN team t ON t.district_id = m.org_id WHERE t.id = 1 AND m.person_id NOT IN (SELECT person_id FROM team_member WHERE team_id = 1) ORDER BY m.person_id LIMIT 1")
stranger=$(sql "SELECT person_id FROM team_member WHERE team_id = 2 LIMIT 1")
expect_body "and the district's staff beyond the team" "id=\"attendee_$staff\""
expect_body_lacks "but not those listed already" "id=\"attendee_$marcus\""
expect_body_lacks "nor people of other districts" "id=\"attendee_$stranger\""
before=$(db_digest)
http POST "/sessions/$session/attendees" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "attendee_$stranger=1"
expect_status "adding nobody the form offers is refused" 400
expect_body "beside the list of people" 'id="attendee-error">tick the people who attended to add them'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST "/sessions/$session/attendees" -b "$lead" -d "attendee_$me=1"
expect_status "adding without the CSRF token is refused" 403
http POST "/sessions/$session/attendees" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "attendee_$me=1&attendee_$staff=1"
expect_status "the lead adds two people after the session was logged" 303
expect_header "and is back on the session" "Location: /sessions/$session?done=attendees#attendees"
expect_eq "three attendees now" "$(sql "SELECT COUNT(*) FROM pd_attendance WHERE session_id = $session")" "3"
expect_eq "the change is audited" "$(sql "SELECT COUNT(*) FROM audit_event WHERE entity = 'pd_session' AND entity_id = $session AND after_json LIKE '%attendees added%'")" "2"
http POST "/sessions/$session/attendees/$marcus/remove" -b "$lead" --data-urlencode "csrf=$W_CSRF"
expect_status "the lead removes an attendee" 303
expect_eq "who is no longer listed" "$(sql "SELECT COUNT(*) FROM pd_attendance WHERE session_id = $session AND person_id = $marcus")" "0"
http POST "/sessions/$session/attendees/$marcus/remove" -b "$lead" --data-urlencode "csrf=$W_CSRF"
expect_status "removing someone not listed: not found" 404
http GET "/sessions/$session" -b "$lead"
expect_body "the removed attendee may be added again" "id=\"attendee_$marcus\""
planned=$(sql "SELECT MIN(id) FROM pd_session WHERE schedule_id = $sched")
http GET "/sessions/$planned" -b "$lead"
expect_body "a planned session may be marked delivered" "action=\"/sessions/$planned/deliver\""
http POST "/sessions/$planned/deliver" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "minutes=45" --data-urlencode "changes_note=Shorter: testing week"
expect_status "the lead marks it delivered" 303
expect_eq "delivered" "$(sql "SELECT status || ' ' || minutes FROM pd_session WHERE id = $planned")" "delivered 45"

http POST /teams/1/walkthroughs -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "w_school_id=$school&w_observed_on=2026-11-03&w_item_id=1" --data-urlencode "w_note=Kept note"
expect_status "a walkthrough without what was seen is refused" 400
expect_body "beside its field" 'id="w_observed-error">'
expect_body "the note kept" "Kept note</textarea>"
http POST /teams/1/walkthroughs -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "w_school_id=$school&w_observed_on=2026-11-03&w_item_id=1&w_observed=true" --data-urlencode "w_note=Number talk in 3 of 4 rooms $img"
expect_status "the lead logs a walkthrough" 303
walk=$(sql "SELECT id FROM walkthrough WHERE team_id = 1")
http GET "/walkthroughs/$walk" -b "$lead"
expect_status "the walkthrough page" 200
expect_body "the strategy" '<a href="/library/1">Number talks</a>'
expect_body "the note escaped" "Number talk in 3 of 4 rooms &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
expect_body_lacks "never as an element" "<img src=x"

http GET /teams/1/delivery -b "$mem"
expect_status "a member reads the team's delivery" 200
expect_body_lacks "but does not log sessions" 'action="/teams/1/sessions"'
web_csrf "$mem"
http POST /teams/1/sessions -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "ps_title=Mine&ps_held_on=2026-10-12&ps_minutes=60&ps_pd_format=plc"
expect_status "nor may" 403
for path in "/sessions/$session" "/walkthroughs/$walk" /teams/1/delivery; do
	http GET "$path" -b "$other"
	expect_status "another district's lead does not find $path" 404
done
web_csrf "$other"
http POST "/sessions/$planned/deliver" -b "$other" --data-urlencode "csrf=$W_CSRF" -d "minutes=45"
expect_status "nor delivers its sessions" 404
http POST "/sessions/$session/attendees" -b "$other" --data-urlencode "csrf=$W_CSRF" -d "attendee_$marcus=1"
expect_status "nor adds attendees" 404
http POST "/sessions/$session/attendees/$me/remove" -b "$other" --data-urlencode "csrf=$W_CSRF"
expect_status "nor removes them" 404
http GET "/sessions/$session" -b "$mem"
expect_status "a member reads the session" 200
expect_body "with its attendees" "<li>Dana Whitaker</li>"
expect_body_lacks "but no button to remove them" 'Remove<span'
expect_body_lacks "nor the form to add people" "action=\"/sessions/$session/attendees\""
web_csrf "$mem"
before=$(db_digest)
http POST "/sessions/$session/attendees/$me/remove" -b "$mem" --data-urlencode "csrf=$W_CSRF"
expect_status "a member may not remove an attendee" 403
http POST "/sessions/$session/attendees" -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "attendee_$marcus=1"
expect_status "nor add one" 403
web_csrf "$fac"
http POST "/sessions/$session/attendees/$me/remove" -b "$fac" --data-urlencode "csrf=$W_CSRF"
expect_status "nor may the network's facilitator" 403
expect_eq "nothing was written" "$(db_digest)" "$before"

# --- The team and its profile -----------------------------------------------------------------
http GET /networks/1 -b "$fac"
expect_body "the network's teams lead to the team page" '<a href="/teams/1">Tradewater County Public Schools</a>'
expect_body "its side-by-side profiles lead to each team's profile" '<a href="/teams/1/profile">Tradewater County Public Schools</a>'
http GET /teams/1 -b "$lead"
expect_status "the team page" 200
expect_body "links the team's work" '<a href="/teams/1/profile">Capacity-building profile</a>'
expect_body "and its plan" "<a href=\"/plans/$plan\">"
http GET /teams/1/profile -b "$fac"
expect_status "the facilitator reads the team's profile" 200
expect_body "a chart" '<svg'
expect_body "with the numbers in a table too" '<caption>The components: the numbers</caption>'
expect_body "each component with its records, linked" "<a href=\"/plans/$plan#goal-$goal\">Plan goal $goal: Goal &lt;script&gt;alert(1)&lt;/script&gt;</a>"
expect_body "sessions link to their page" "<a href=\"/sessions/$session\">"
expect_body "walkthroughs to theirs" "<a href=\"/walkthroughs/$walk\">"
expect_body "Guskey's level labelled" "Guskey level 4: use of new knowledge and skills"
expect_body "the train-the-trainer flag with its reason" '<h2 id="ttt">Train the trainer?</h2><p><span class="status-'
expect_body_lacks "never a script" "$xss"
http GET /teams/1/profile -b "$other"
expect_status "another district's lead does not find it" 404
http GET /teams/1 -b "$other"
expect_status "nor the team" 404
http GET /teams/2/profile -b "$other"
expect_status "but reads their own team's" 200
