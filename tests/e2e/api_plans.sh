# End to end: needs assessments, plans, profiles and calendar subscriptions through
# the JSON API on the real server. A district lead rates the team's indicators,
# compares with last year and starts a plan from the gaps; another district starts
# from the network's template and customizes it; recommendations, versions, status,
# the facilitator's review and progress check, exports, profiles; calendar tokens made,
# used and revoked. Bad input names its field, and nothing is written on a refusal.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

c init
c org add --kind state --name "Kentucky Department of Education"                        # 1
c org add --kind cooperative --name "Green River Regional Educational Cooperative" --parent-id 1  # 2
c org add --kind district --name "Daviess County Public Schools" --parent-id 2           # 3
c org add --kind district --name "Owensboro Independent Schools" --parent-id 2           # 4
c org add --kind partner --name "Western Commonwealth University" --parent-id 1          # 5
c network add --name "Green River Math 2025-26" --content-area mathematics --region-id 2 --school-year 2025-26
c network add --name "Green River Math 2026-27" --content-area mathematics --region-id 2 --school-year 2026-27
c team add --network-id 1 --district-id 3     # 1: Daviess last year
c team add --network-id 2 --district-id 3     # 2: Daviess
c team add --network-id 2 --district-id 4     # 3: Owensboro
c user add --given-name Ann --family-name Admin --email admin@kde.ky.gov --org 1 --role admin --no-password
c user add --given-name Ana --family-name Reyes --email ana@grrec.org --org 2 --role facilitator --no-password
c user add --given-name Dee --family-name Lead --email dee@daviess.org --org 3 --role district_lead --no-password
c user add --given-name Otto --family-name Lead --email otto@owensboro.org --org 4 --role district_lead --no-password
c user add --given-name Pat --family-name Partner --email pat@wku.edu --org 5 --role partner --no-password
c network facilitator add 2 ana@grrec.org
c team member add 2 dee@daviess.org --role lead
c team member add 3 otto@owensboro.org --role lead
c meeting add --network-id 2 --title "Meeting 1: Number talks" --starts-at 2026-09-15T09:00 --ends-at 2026-09-15T15:00 --tz America/Chicago
c pd session add --team-id 2 --title "PLC: number talks" --held-on 2026-10-06 --minutes 45 --pd-format plc
# Last year's assessment of Daviess, on the default instrument.
c assessment create --team-id 1 --assessed-on 2025-09-20
c assessment rate 1 LC.2 --current 1 --target 3 --priority high
c assessment rate 1 DA.2 --current 2 --target 3
c library add --kind strategy --title "Protected PLC time" --tier 1 --area mathematics --summary "Weekly collaboration time for professional learning communities in every school."
c library add --kind tool --title "Data protocol for teams" --tier 3 --area mathematics --summary "A protocol for looking at student data together."
c library tryout add 1 --person otto@owensboro.org --rating 5 --would-work yes
for who in admin ana dee otto pat; do
	eval "T_$who=\$(\"\$CAPNET\" token create --email $who@$(case $who in admin) echo kde.ky.gov;; ana) echo grrec.org;; dee) echo daviess.org;; otto) echo owensboro.org;; pat) echo wku.edu;; esac) 2>/dev/null)"
done
srv_start || exit 1
as() { eval "H_TOKEN=\$T_$1"; }

# Instruments: anyone signed in reads them; facilitators keep their network's copies.
as pat
http GET /api/v1/instruments/1
expect_body "a partner reads the default instrument" '"name":'
as ana
json POST /api/v1/instruments '{"name":"Green River instrument","network_id":2}'
expect_status "a facilitator makes an instrument for the network" 201
json POST /api/v1/indicators '{"instrument_id":2,"code":"LC.9","capacity_level":"organizational","standard":"learning_communities","text":"Schools share PLC protocols."}'
expect_status "and adds an indicator to it" 201
before=$(db_digest)
json POST /api/v1/indicators '{"instrument_id":1,"code":"XX.1","capacity_level":"people","standard":"data","text":"x"}'
expect_status "but not to the shipped default" 403
as dee
json POST /api/v1/indicators '{"instrument_id":2,"code":"XX.2","capacity_level":"people","standard":"data","text":"x"}'
expect_status "a district lead does not edit the network's instrument" 403
expect_eq "nothing written by the refused instrument edits" "$(db_digest)" "$before"

# This year's assessment, rated over the API.
as dee
json POST /api/v1/assessments '{"team_id":2,"instrument_id":1,"assessed_on":"2026-09-18"}'
expect_status "the district lead starts the team's assessment" 201
A=$(jget 'j["id"]')
json PUT "/api/v1/assessments/$A/ratings/LC.2" '{"current_level":2,"target_level":4,"priority":"high","evidence":"PLCs meet monthly at 3 of 5 schools"}'
expect_status "an indicator rated by its code" 204
json PUT "/api/v1/assessments/$A/ratings/da.2" '{"current_level":1,"target_level":3,"priority":"high"}'
json PUT "/api/v1/assessments/$A/ratings/LE.1" '{"current_level":3,"target_level":3,"priority":"high"}'
expect_status "ratings" 204
before=$(db_digest)
json PUT "/api/v1/assessments/$A/ratings/OU.1" '{"current_level":5,"target_level":4}'
expect_status "level 5 is refused" 400
expect_body "naming the field" '"field":"current_level"'
json PUT "/api/v1/assessments/$A/ratings/OU.1" '{"current_level":2}'
expect_body "a missing target is named" '"field":"target_level"'
json PUT "/api/v1/assessments/$A/ratings/OU.1" '{"current_level":"2","target_level":3}'
expect_body "a level as text is named" '"field":"current_level"'
json PUT "/api/v1/assessments/$A/ratings/OU.1" '{"current_level":2,"target_level":3,"priority":"urgent"}'
expect_body "a bad priority names the choices" "'urgent' is not one of: high, medium, low"
json PUT "/api/v1/assessments/$A/ratings/ZZ.9" '{"current_level":2,"target_level":3}'
expect_body "an unknown indicator is named" '"field":"indicator"'
as otto
json PUT "/api/v1/assessments/$A/ratings/OU.1" '{"current_level":2,"target_level":3}'
expect_status "another district cannot rate it (not even see it)" 404
http GET "/api/v1/assessments/$A"
expect_status "nor read it" 404
http GET "/api/v1/assessments/$A/compare"
expect_status "nor compare it" 404
as pat
http GET "/api/v1/assessments/$A/ratings"
expect_status "a partner does not see a district's assessment" 404
expect_eq "nothing written by the refused ratings" "$(db_digest)" "$before"
as dee
json POST /api/v1/challenges "{\"assessment_id\":$A,\"kind\":\"adaptive\",\"description\":\"Teachers doubt PLC time matters\",\"reason\":\"It is about beliefs\"}"
expect_status "a challenge, adaptive with its reason" 201
http GET "/api/v1/assessments/$A/ratings"
expect_body "the ratings with their evidence" "PLCs meet monthly at 3 of 5 schools"
expect_body "and the challenges" "Teachers doubt PLC time matters"
http GET "/api/v1/assessments/$A/compare"
expect_status "compare with last year" 200
expect_eq "last year's assessment found" "$(jget 'j["previous_id"]')" "1"
expect_eq "what moved: LC.2 up, DA.2 down" "$(jget '(j["summary"]["up"], j["summary"]["down"])')" "(1, 1)"
expect_body "what moved" '"code":"LC.2"'
http GET "/api/v1/assessments/$A/compare?with=abc"
expect_body "a bad ?with is named" '"field":"with"'
as ana
http GET "/api/v1/assessments/$A/ratings"
expect_status "the network's facilitator reads it" 200

# A plan from the assessment: each high-priority gap proposes a goal.
as dee
before=$(db_digest)
json POST /api/v1/plans/from-assessment '{"assessment_id":999}'
expect_body "an unknown assessment is named" '"field":"assessment_id"'
json POST /api/v1/plans/from-assessment '{"assessment":1}'
expect_body "an unknown field is named" '"field":"assessment"'
as otto
json POST /api/v1/plans/from-assessment "{\"assessment_id\":$A}"
expect_body "another district's assessment is not found" '"field":"assessment_id"'
expect_eq "nothing written by the refused starts" "$(db_digest)" "$before"
as dee
json POST /api/v1/plans/from-assessment "{\"assessment_id\":$A}"
expect_status "a plan started from the assessment" 201
P=$(jget 'j["id"]')
expect_header "its location" "Location: /api/v1/plans/$P"
expect_eq "two goals from the two high-priority gaps" "$(jget 'len(j["goals"])')" "2"
json POST /api/v1/plans/from-assessment "{\"assessment_id\":$A}"
expect_status "a team has one live plan a year" 409

# A network template, and Owensboro's plan started from it and customized.
as ana
json POST /api/v1/plans '{"network_id":2,"is_template":true,"title":"Green River template"}'
expect_status "a facilitator makes a template" 201
TPL=$(jget 'j["id"]')
json POST /api/v1/plan-goals "{\"plan_id\":$TPL,\"title\":\"Weekly PLCs in every school\",\"measure\":\"PLC logs\"}"
json POST /api/v1/plan-goals "{\"plan_id\":$TPL,\"title\":\"Use student data in PLCs\"}"
json POST /api/v1/plan-actions "{\"plan_id\":$TPL,\"kind\":\"structure\",\"title\":\"Protect PLC time\"}"
expect_status "with goals and actions" 201
as otto
http GET "/api/v1/plans/$TPL"
expect_status "the network's teams read the template" 200
json PATCH "/api/v1/plans/$TPL" '{"title":"Mine"}' -H 'If-Match: *'
expect_status "but do not change it" 403
before=$(db_digest)
json POST /api/v1/plans/from-template "{\"template_id\":$TPL,\"team_id\":2}"
expect_body "another district's team is not found" '"field":"team_id"'
json POST /api/v1/plans/from-template "{\"template_id\":$P,\"team_id\":3}"
expect_body "a plan of another district is not a template it may read" '"field":"template_id"'
json POST /api/v1/plans/from-template "{\"template_id\":$TPL}"
expect_body "the team is required" '"field":"team_id"'
expect_eq "nothing written by the refused template starts" "$(db_digest)" "$before"
json POST /api/v1/plans/from-template "{\"template_id\":$TPL,\"team_id\":3,\"title\":\"Owensboro plan\"}"
expect_status "Owensboro starts from the template" 201
Q=$(jget 'j["id"]')
G=$(jget 'j["goals"][0]["id"]')
json PATCH "/api/v1/plan-goals/$G" '{"title":"Weekly PLCs in every elementary school","target":"Every elementary PLC meets weekly"}' -H 'If-Match: *'
expect_status "and changes a goal" 200
json POST /api/v1/plan-goals "{\"plan_id\":$Q,\"title\":\"Coaching cycles for new teachers\"}"
expect_status "and adds one" 201
http GET "/api/v1/plans/$Q/departure"
expect_eq "departure: one goal changed" "$(jget 'j["goals"]["changed"]')" "1"
expect_eq "departure: one goal added" "$(jget 'j["goals"]["added"]')" "1"
as ana
json PATCH "/api/v1/plan-goals/$G" '{"title":"Facilitator edit"}' -H 'If-Match: *'
expect_status "a facilitator does not change a district's plan" 403
expect_body "and is told how to take part" "reviews"
json PATCH "/api/v1/plans/$TPL" '{"title":"Green River template 2026-27"}' -H 'If-Match: *'
expect_status "but keeps the network's template" 200
as dee
http GET "/api/v1/plans/$Q/departure"
expect_status "Daviess does not see Owensboro's plan" 404

# Copies of instruments, links to needs, library items and deliverables, removals.
as ana
json POST /api/v1/instruments/1/copies '{"network_id":2,"name":"Green River copy"}'
expect_status "a facilitator copies the default for the network" 201
expect_eq "with all its indicators" "$(jget 'len(j["indicators"])')" "24"
COPY=$(jget 'j["id"]')
before=$(db_digest)
json POST /api/v1/instruments/1/copies '{"network_id":1}'
expect_body "not for a network the facilitator does not run (not even seen)" '"field":"network_id"'
json POST /api/v1/instruments/1/copies '{"name":"x"}'
expect_body "the network is required" '"field":"network_id"'
as dee
json POST /api/v1/instruments/1/copies '{"network_id":2}'
expect_status "a district lead does not copy instruments" 403
IND=$(sql "SELECT MAX(id) FROM indicator WHERE instrument_id = $COPY")
http DELETE "/api/v1/indicators/$IND"
expect_status "nor removes their indicators" 403
expect_eq "nothing written by the refused copies" "$(db_digest)" "$before"
as ana
http DELETE "/api/v1/indicators/$IND"
expect_status "the facilitator removes an indicator from the copy" 204
http DELETE /api/v1/indicators/1
expect_status "but not from the shipped default" 403
as dee
G2=$(sql "SELECT MAX(id) FROM plan_goal WHERE plan_id = $P")
http PUT "/api/v1/plan-goals/$G2/needs/$A/LE.1"
expect_status "a goal linked to another rated need" 204
expect_eq "the link is stored" "$(sql "SELECT COUNT(*) FROM goal_need WHERE goal_id = $G2")" "2"
before=$(db_digest)
http PUT "/api/v1/plan-goals/$G2/needs/$A/OU.2"
expect_body "an unrated need is refused, naming it" "OU.2 is not rated in assessment $A"
http PUT "/api/v1/plan-goals/$G2/needs/$A/ZZ.9"
expect_body "an unknown indicator is named" '"field":"indicator"'
as otto
http PUT "/api/v1/plan-goals/$G2/needs/$A/LE.1"
expect_status "another district cannot link it" 404
expect_eq "nothing written by the refused links" "$(db_digest)" "$before"
as dee
http DELETE "/api/v1/plan-goals/$G2/needs/$A/LE.1"
expect_status "and unlinked" 204
json POST /api/v1/plan-actions "{\"plan_id\":$P,\"goal_id\":$G2,\"kind\":\"try_out\",\"title\":\"Try the data protocol\"}"
ACT=$(jget 'j["id"]')
http PUT "/api/v1/plan-actions/$ACT/library-items/2"
expect_status "an action linked to a library item" 204
http GET "/api/v1/plans/$P/view"
expect_body "the plan shows the link" '"title":"Data protocol for teams"'
http PUT "/api/v1/plan-actions/$ACT/library-items/99"
expect_status "a missing library item" 404
http PUT "/api/v1/plan-actions/$ACT/deliverables/99"
expect_status "a missing deliverable" 404
http DELETE "/api/v1/plan-actions/$ACT/library-items/2"
expect_status "unlinked" 204
http DELETE "/api/v1/plan-actions/$ACT"
expect_status "the action removed" 204
CH=$(sql "SELECT MAX(id) FROM challenge WHERE assessment_id = $A")
as otto
http DELETE "/api/v1/challenges/$CH"
expect_status "another district cannot remove a challenge" 404
as dee
http DELETE "/api/v1/challenges/$CH"
expect_status "the district removes its challenge" 204
json POST /api/v1/challenges "{\"assessment_id\":$A,\"kind\":\"adaptive\",\"description\":\"Teachers doubt PLC time matters\",\"reason\":\"It is about beliefs\"}"
http GET "/api/v1/plans/$P/kar"
expect_body "the 704 KAR 3:035 view" '"regulation":"704 KAR 3:035"'

# Recommendations through the one library recommender.
as dee
http GET "/api/v1/plans/$P/recommendations"
expect_status "recommendations for every goal" 200
expect_eq "one entry per goal" "$(jget 'len(j["goals"])')" "2"
expect_body "an item found by the goal's words" '"title":"Protected PLC time"'
expect_body "with its evidence tier as a reason" "ESSA tier 1 (strong evidence)"
http GET "/api/v1/plans/$P/recommendations?limit=0"
expect_body "a bad limit is named" '"field":"limit"'
http GET "/api/v1/plans/$P/recommendations?goal_id=9999"
expect_body "a goal of another plan is named" '"field":"goal_id"'
http GET "/api/v1/plans/$P/recommendations?colour=red"
expect_body "an unknown query parameter is named" '"field":"colour"'

# The whole plan, versions, status and the facilitator's review.
http GET "/api/v1/plans/$P/view"
expect_body "the whole plan with its needs" '"code":"LC.2"'
json POST "/api/v1/plans/$P/versions" '{"note":"first draft"}'
expect_status "a version saved" 201
expect_eq "version 1" "$(jget 'j["number"]')" "1"
json PUT "/api/v1/plans/$P/status" '{"status":"submitted","note":"for review"}'
expect_status "the district submits the plan" 204
before=$(db_digest)
json PUT "/api/v1/plans/$P/status" '{"status":"approved"}'
expect_status "but does not approve it" 403
json PUT "/api/v1/plans/$P/status" '{"status":"finished"}'
expect_body "an unknown status names the choices" "'finished' is not one of: draft, submitted, approved, archived"
json POST "/api/v1/plans/$P/reviews" '{"comments":"Looks fine to me"}'
expect_status "a district does not review its own plan" 403
as ana
json POST "/api/v1/plans/$P/reviews" '{"comments":""}'
expect_body "empty comments are named" '"field":"comments"'
expect_eq "nothing written by the refused status and reviews" "$(db_digest)" "$before"
json POST "/api/v1/plans/$P/reviews" '{"comments":"Link goal 2 to a PD action."}'
expect_status "the facilitator reviews" 201
json PUT "/api/v1/plans/$P/status" '{"status":"approved","note":"approved at the October meeting"}'
expect_status "and approves" 204
G1=$(sql "SELECT MIN(id) FROM plan_goal WHERE plan_id = $P")
dee=$(sql "SELECT id FROM person WHERE email = 'dee@daviess.org'")
ana=$(sql "SELECT id FROM person WHERE email = 'ana@grrec.org'")
before=$(db_digest)
json POST /api/v1/progress-checks "{\"goal_id\":$G1,\"status\":\"met\",\"author_id\":$dee}"
expect_status "a progress check in someone else's name is refused" 400
expect_body "naming the field" '"field":"author_id"'
expect_body "and why" "is set by capnet to the person who records the progress check"
expect_eq "nothing was written" "$(db_digest)" "$before"
json POST /api/v1/progress-checks "{\"goal_id\":$G1,\"status\":\"at_risk\",\"evidence\":\"Two schools have not started\",\"next_steps\":\"Meet the principals\"}"
expect_status "the facilitator records a progress check" 201
expect_eq "its author is the caller" "$(jget 'j["author_id"]')" "$ana"
PC=$(jget 'j["id"]')
json PATCH "/api/v1/progress-checks/$PC" "{\"author_id\":$dee}" -H 'If-Match: *'
expect_status "nor may the author be changed to someone else" 400
expect_body "the field named again" '"field":"author_id"'
expect_eq "the author stays" "$(sql "SELECT author_id FROM progress_check WHERE id = $PC")" "$ana"
as dee
http GET "/api/v1/plans/$P/reviews"
expect_body "the district reads the review" "Link goal 2 to a PD action."
http GET "/api/v1/plans/$P/versions"
expect_eq "versions: saved, submitted, approved" "$(jget 'len(j["items"])')" "3"
http GET "/api/v1/plans/$P/versions/1"
expect_body "a version keeps its snapshot" '"note":"first draft"'
expect_eq "with the plan as it was" "$(jget 'j["plan"]["status"]')" "draft"
http GET "/api/v1/plans/$P/versions/99"
expect_status "a missing version" 404
http GET "/api/v1/progress-checks?plan_id=$P"
expect_body "the district reads the progress check" "Meet the principals"
as otto
http GET "/api/v1/plans/$P/reviews"
expect_status "another district does not read the reviews" 404
http GET "/api/v1/progress-checks?plan_id=$P"
expect_eq "nor the progress checks" "$(jget 'len(j["items"])')" "0"

# Exports.
as dee
http GET "/api/v1/plans/$P/export?format=csv"
expect_status "CSV export" 200
expect_header "as CSV" "Content-Type: text/csv"
expect_body "with the goals and their needs" "LC.2 (2 -> 4, high priority, 2026-27)"
http GET "/api/v1/plans/$P/export?format=xlsx"
expect_header "XLSX export" "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
expect_eq "a ZIP file" "$(head -c 2 "$T_DIR/h_body")" "PK"
http GET "/api/v1/plans/$P/export?format=pdf"
expect_header "PDF export as an attachment" "Content-Disposition: attachment; filename=\"plan-$P.pdf\""
expect_eq "a PDF file" "$(head -c 5 "$T_DIR/h_body")" "%PDF-"
http GET "/api/v1/plans/$P/export?format=doc"
expect_body "a bad format is named" '"field":"format"'
as otto
http GET "/api/v1/plans/$P/export?format=csv"
expect_status "another district cannot export it" 404

# Profiles.
as dee
http GET /api/v1/teams/2/profile
expect_status "the team's profile" 200
expect_eq "seven components" "$(jget 'len(j["components"])')" "7"
expect_eq "each with its records" "$(jget '[c["key"] for c in j["components"] if c["key"]=="grounded"][0]')" "grounded"
expect_eq "grounded: both goals linked to needs" "$(jget '[c["numerator"] for c in j["components"] if c["key"]=="grounded"][0]')" "2"
expect_body "the train-the-trainer flag has its reason" '"train_the_trainer":{"flagged":false,"reason":'
expect_body "evidence carries its Guskey level" '"guskey_level":'
http GET "/api/v1/teams/2/profile?year=2026-27"
expect_status "the team's own year" 200
http GET "/api/v1/teams/2/profile?year=2019-20"
expect_body "another year is named" '"field":"year"'
http GET /api/v1/teams/3/profile
expect_status "another district's profile is not seen" 404
http GET /api/v1/networks/2/profile
expect_eq "the network view: only the district's own team" "$(jget '[t["team_id"] for t in j["teams"]]')" "[2]"
as ana
http GET /api/v1/networks/2/profile
expect_eq "the facilitator sees every team" "$(jget '[t["team_id"] for t in j["teams"]]')" "[2, 3]"
as pat
http GET /api/v1/networks/2/profile
expect_status "a partner does not see teams' profiles" 403

# Calendar subscriptions.
as dee
before=$(db_digest)
json POST /api/v1/calendar-tokens '{}'
expect_body "network or team is required" '"field":"network_id"'
json POST /api/v1/calendar-tokens '{"network_id":2,"team_id":2}'
expect_body "not both" '"field":"team_id"'
json POST /api/v1/calendar-tokens '{"team_id":3}'
expect_body "not another district's team" '"field":"team_id"'
json POST /api/v1/calendar-tokens '{"network_id":"2"}'
expect_body "an id as text is named" '"field":"network_id"'
expect_eq "nothing written by the refused tokens" "$(db_digest)" "$before"
json POST /api/v1/calendar-tokens '{"network_id":2}'
expect_status "a token for the network's meetings" 201
URL=$(jget 'j["url"]')
TOK=$(jget 'j["id"]')
expect_eq "its address" "$(printf '%s' "$URL" | sed 's|/calendar/[A-Za-z0-9_-]*\.ics|ok|')" "ok"
expect_eq "only its hash is stored" "$(sql "SELECT COUNT(*) FROM calendar_token WHERE token_hash = '$(basename "$URL" .ics)'")" "0"
json POST /api/v1/calendar-tokens '{"team_id":2}'
URL2=$(jget 'j["url"]')
H_TOKEN=""
http GET "$URL"
expect_status "the feed needs no sign-in" 200
expect_header "it is iCalendar" "Content-Type: text/calendar"
expect_body "with the meeting" "SUMMARY:Meeting 1: Number talks"
expect_body "in its time zone" "TZID=America/Chicago"
http GET "$URL2"
expect_body "the team's feed has its PD sessions" "SUMMARY:PLC: number talks"
http GET /calendar/not-a-token.ics
expect_status "an unknown token" 404
as dee
http GET /api/v1/calendar-tokens
expect_eq "the caller's tokens" "$(jget 'len(j["items"])')" "2"
as otto
http GET /api/v1/calendar-tokens
expect_eq "not another person's" "$(jget 'len(j["items"])')" "0"
before=$(db_digest)
http DELETE "/api/v1/calendar-tokens/$TOK"
expect_status "another person cannot revoke it" 404
expect_eq "nothing written by the refused revoke" "$(db_digest)" "$before"
as dee
http DELETE "/api/v1/calendar-tokens/$TOK"
expect_status "its creator revokes it" 204
http DELETE "/api/v1/calendar-tokens/$TOK"
expect_status "once" 404
H_TOKEN=""
http GET "$URL"
expect_status "a revoked token's feed is gone" 404
http POST /api/v1/calendar-tokens
expect_status "making a token needs a sign-in" 401

# The command line.
run calendar-token create --team 2 --email dee@daviess.org
expect_rc "calendar-token create" 0
expect_out "prints the address" "/calendar/"
CLI_URL=$T_OUT
http GET "$CLI_URL"
expect_status "the address works" 200
run calendar-token create --team 3 --email dee@daviess.org
expect_err "a team the person may not read is refused" "team_id: there is no team with id 3 that person 3 may read"
run calendar-token create --email dee@daviess.org
expect_rc "one of --network and --team is needed" 2
run calendar-token list --email dee@daviess.org --format csv
expect_out "list" "team"
ID3=$(sql "SELECT MAX(id) FROM calendar_token")
run calendar-token revoke "$ID3"
expect_rc "revoke" 0
http GET "$CLI_URL"
expect_status "and the address stops working" 404
run calendar-token revoke "$ID3"
expect_err "revoking twice" "there is no live calendar token with id $ID3"
run calendar-token --help
expect_out "help" "calendar-token create --network ID|--team ID --email PERSON"

