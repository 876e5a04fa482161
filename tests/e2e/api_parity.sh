#!/bin/sh
# End to end: what the command line and the pages could do alone is in the API too
# (issue 18): a PD session's attendees, generating a PLC schedule's sessions, a library
# item's tags, areas, bands, citations and standards alignments, a deliverable's
# standards, and the profile report as CSV and XLSX, the same file the CLI writes.
# Who may call each route is in api_policy.sh; this script checks what they do.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin
c demo
H_TOKEN=$("$CAPNET" token create --email admin@demo.capnet.example 2>/dev/null)
srv_start || exit 1

# PD session attendees.
session=$(sql "SELECT MIN(id) FROM pd_session WHERE team_id = 1")
person=$(sql "SELECT MIN(person_id) FROM team_member WHERE team_id = 1")
sql "DELETE FROM pd_attendee WHERE pd_session_id = $session AND person_id = $person" >/dev/null 2>&1
http PUT "/api/v1/pd-sessions/$session/attendees/$person"
expect_status "PUT adds an attendee" 204
http GET "/api/v1/pd-sessions/$session/attendees"
expect_body "GET lists the attendee" "\"person_id\":$person,"
run pd attendee list "$session" --format json
expect_out "the command line lists the same attendee" "\"person_id\":$person,"
http DELETE "/api/v1/pd-sessions/$session/attendees/$person"
expect_status "DELETE removes the attendee" 204
http GET "/api/v1/pd-sessions/$session/attendees"
expect_body_lacks "the attendee is gone" "\"person_id\":$person,"
http DELETE "/api/v1/pd-sessions/$session/attendees/$person"
expect_status "removing one not listed is 404" 404
http PUT "/api/v1/pd-sessions/$session/attendees/999999"
expect_status "a person that does not exist is 400" 400
expect_body "naming person_id" '"field":"person_id"'

# A PLC schedule's sessions.
schedule=$(sql "SELECT MIN(id) FROM plc_schedule")
http POST "/api/v1/plc-schedules/$schedule/generate"
expect_status "generating a schedule's sessions answers 200" 200
expect_eq "it names the schedule" "$(jget 'j["schedule_id"]')" "$schedule"
expect_eq "it lists the schedule's days" "$(jget 'len(j["days"]) > 0')" "True"
http POST "/api/v1/plc-schedules/$schedule/generate"
expect_eq "again, it adds nothing" "$(jget 'j["added"]')" "0"

# A library item's labels and alignments.
json PUT /api/v1/library-items/2/links '{"tags":["Number Sense"],"grade_bands":["3-5"],"citations":[{"text":"Siegler et al. (2010)","url":"https://example.org/guide"}],"alignments":[27]}'
expect_status "PUT links answers 200" 200
expect_eq "the tag is stored as a slug" "$(jget 'j["tags"]')" "['number-sense']"
expect_eq "the standard is aligned" "$(jget '[a["cf_item_id"] for a in j["alignments"]]')" "[27]"
expect_eq "the citation keeps its address" "$(jget 'j["citations"][0]["url"]')" "https://example.org/guide"
http GET /api/v1/library-items/2/view
expect_body "GET view shows the grade band" '"grade_bands":["3_5"]'
run library show 2 --format json
expect_out "the command line shows the same tag" '"number-sense"'
json PUT /api/v1/library-items/2/links '{"grade_bands":["grade twelve and a half"]}'
expect_status "an unknown grade band is 400" 400
expect_body "naming the field" '"field":"grade_bands"'
json PUT /api/v1/library-items/2/links '{"colour":["red"]}'
expect_status "an unknown part is 400" 400
expect_body "naming it" '"field":"colour"'

# A deliverable's standards.
http PUT /api/v1/deliverables/1/standards/27
expect_status "PUT aligns the deliverable" 204
http GET /api/v1/deliverables/1/standards
expect_body "GET lists the standard" '"cf_item_id":27,'
http DELETE /api/v1/deliverables/1/standards/27
expect_status "DELETE removes the alignment" 204
http GET /api/v1/deliverables/1/standards
expect_body_lacks "it is gone" '"cf_item_id":27,'

# The profile report as files: the bytes the command line writes.
http GET "/api/v1/networks/1/profile/export?format=csv"
expect_status "the CSV report answers 200" 200
expect_header "as text/csv" "Content-Type: text/csv"
run report profile --network 1 --format csv
expect_eq "the same CSV as report profile --format csv" "$(printf '%s' "$H_BODY" | tr -d '\r')" "$(printf '%s' "$T_OUT" | tr -d '\r')"
http GET "/api/v1/networks/1/profile/export?format=csv&view=evidence&team_id=1"
expect_body "a team's evidence view" '"plan_goal"'
curl -s -H "Authorization: Bearer $H_TOKEN" -o "$T_DIR/api.xlsx" "$SRV_URL/api/v1/networks/1/profile/export?format=xlsx"
run report profile --network 1 --format xlsx --output "$T_DIR/cli.xlsx"
sheets() { python3 -c "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(sorted(n for n in z.namelist() if n.startswith('xl/worksheets/')))" "$1" 2>&1; }
expect_eq "the XLSX report has the CLI's sheets" "$(sheets "$T_DIR/api.xlsx")" "$(sheets "$T_DIR/cli.xlsx")"
expect_eq "three of them" "$(sheets "$T_DIR/api.xlsx" | tr ',' '\n' | grep -c sheet)" "3"
http GET "/api/v1/networks/1/profile/export"
expect_status "without format it is 400" 400
expect_body "naming format" '"field":"format"'
http GET "/api/v1/networks/1/profile/export?format=pdf"
expect_status "pdf is not a report format" 400
