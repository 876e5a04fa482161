# End to end: the pages of a district team's work in a browser's place (curl), on the
# demo: a district lead assesses the team's needs, starts a plan from the high-priority
# gaps, edits it, logs PD sessions and walkthroughs and reads the team's profile; a
# facilitator reads them, reviews the plan and approves it. Errors appear beside their
# field with the input kept; another district's records are not found (404); stored
# script in text fields comes back escaped; forms without the CSRF token are refused.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run demo
expect_rc "the demo loads" 0
srv_start || exit 1

fac="$T_DIR/fac" lead="$T_DIR/lead" mem="$T_DIR/mem" other="$T_DIR/other"
web_signin facilitator@demo.capnet.example "$fac"
web_signin lead@demo.capnet.example "$lead"
web_signin member@demo.capnet.example "$mem"
# The lead of another district of the same network (Pond River, team 2).
other_email=$(sql "SELECT p.email FROM person p JOIN team_member tm ON tm.person_id = p.id WHERE tm.team_id = 2 AND tm.role = 'lead' LIMIT 1")
printf 'capnet-demo-2026\n' >"$T_DIR/pw"
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

http GET "/assessments/$as/compare" -b "$lead"
expect_status "the comparison page" 200
expect_body "says there is nothing earlier" "The district has no earlier assessment"
