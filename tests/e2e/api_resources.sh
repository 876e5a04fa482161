# End to end: the JSON API over HTTP: records created, read, listed with filters and
# pages, changed with If-Match and deleted; links (facilitators, members, attendance,
# agenda); a network with its teams; every kind of bad input answered with a problem
# that names the line, column or field, and the database left unchanged.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run init
run org add --kind state --name "Kentucky Department of Education"
printf 'correct horse battery\n' >"$T_DIR/pw"
run user add --given-name Ann --family-name Admin --email admin@kde.ky.gov --org 1 --role admin --password-stdin <"$T_DIR/pw"
H_TOKEN=$("$CAPNET" token create --email admin@kde.ky.gov 2>/dev/null)
srv_start || exit 1

http GET /healthz
expect_status "healthz answers" 200
expect_header "security header: CSP" "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'"
expect_header "security header: nosniff" "X-Content-Type-Options: nosniff"
expect_header "security header: referrer" "Referrer-Policy: same-origin"
expect_header "security header: frames" "X-Frame-Options: DENY"
http GET /readyz
expect_status "readyz: the database answers" 200

json POST /api/v1/organizations '{"kind":"cooperative","name":"Green River Regional Educational Cooperative","parent_id":1}'
expect_status "create an organization" 201
expect_header "its location" "Location: /api/v1/organizations/2"
expect_header "its ETag" 'ETag: "2-1"'
json POST /api/v1/organizations '{"kind":"district","name":"Daviess County Public Schools","parent_id":2}'
json POST /api/v1/organizations '{"kind":"district","name":"Owensboro Independent","parent_id":2}'
json POST /api/v1/organizations '{"kind":"school","name":"Apollo High School","parent_id":3}'
expect_status "a school under a district" 201

http GET '/api/v1/organizations?kind=district'
expect_body "filter by kind" '"name":"Owensboro Independent"'
expect_eq "only districts listed" "$(jget 'len(j["items"])')" "2"
http GET '/api/v1/organizations?limit=2'
expect_eq "a page of two" "$(jget 'len(j["items"])')" "2"
expect_eq "with a cursor to the next" "$(jget 'j["next_cursor"]')" "2"
http GET '/api/v1/organizations?limit=2&cursor=4'
expect_eq "the last page has no next cursor" "$(jget 'j["next_cursor"]')" "None"
http GET '/api/v1/organizations?limit=5000'
expect_status "limit out of range" 400
expect_body "names the limit" '"field":"limit"'
http GET '/api/v1/organizations?colour=red'
expect_body "an unknown query parameter is named" '"field":"colour"'
http GET '/api/v1/organizations?kind=county'
expect_body "a bad filter value is explained" "'county' is not one of"

json POST /api/v1/networks '{"name":"Green River Mathematics Leadership Network","content_area":"mathematics","region_id":2,"school_year":"2026-27"}'
expect_status "create a network" 201
json POST /api/v1/teams '{"network_id":1,"district_id":3}'
json POST /api/v1/teams '{"network_id":1,"district_id":4}'
expect_status "create teams" 201
http GET '/api/v1/networks/1?include=teams'
expect_eq "a network with its teams" "$(jget '[t["name"] for t in j["teams"]]')" "['Daviess County Public Schools', 'Owensboro Independent']"
http GET '/api/v1/networks/1?include=budget'
expect_body "an unknown include is named" '"field":"include"'

json POST /api/v1/people '{"given_name":"Dee","family_name":"Lead","email":"Dee@Daviess.kyschools.us"}'
expect_body "a person, email in lower case" '"email":"dee@daviess.kyschools.us"'
json PUT /api/v1/teams/1/members/2 '{"role":"lead"}'
expect_status "a person of no organization may not join a team" 400
expect_body "told to give them a membership first" 'give them a membership there first'
json POST /api/v1/memberships '{"person_id":2,"org_id":3,"role":"district_lead"}'
expect_status "a membership in the team's district" 201
json PUT /api/v1/teams/1/members/2 '{"role":"lead"}'
expect_status "add a team member" 204
http GET /api/v1/teams/1/members
expect_body "the member is listed with the role" '"role":"lead"'
json PUT /api/v1/teams/1/members/2 '{"role":"captain"}'
expect_body "a bad role names the choices" "'captain' is not one of: lead, member"
json PUT /api/v1/networks/1/facilitators/1 '{}'
expect_status "make a facilitator" 204
http GET /api/v1/networks/1/facilitators
expect_body "the facilitator is listed" '"person_id":1'

json POST /api/v1/meetings '{"network_id":1,"title":"Meeting 1: Number talks","starts_at":"2026-09-15T09:00","ends_at":"2026-09-15T15:00","tz":"America/Chicago"}'
expect_body "a meeting in its own zone" '"starts_at":"2026-09-15T09:00:00-05:00"'
json POST /api/v1/agenda-items '{"meeting_id":1,"kind":"try_out","title":"Try a number talk","minutes":60,"position":2}'
json POST /api/v1/agenda-items '{"meeting_id":1,"kind":"present","title":"Research","minutes":30,"position":1}'
http GET /api/v1/meetings/1/agenda
expect_eq "the agenda in order" "$(jget '[i["title"] for i in j["items"]]')" "['Research', 'Try a number talk']"
"$CAPNET" library add --kind strategy --title "Number talks" >/dev/null 2>&1
http PUT /api/v1/agenda-items/1/library-items/1
expect_status "a library item is linked to an agenda item as its material" 204
http GET /api/v1/meetings/1/materials
expect_body "the meeting lists its materials" '"agenda_item_id":1,"agenda_title":"Try a number talk","entity":"library_item","id":1,"title":"Number talks","kind":"strategy"'
http PUT /api/v1/agenda-items/1/library-items/1
expect_status "linking it again clashes" 409
expect_body "naming the field" '"field":"library_item_id"'
http PUT /api/v1/agenda-items/1/library-items/99
expect_status "a library item that is not there" 404
http DELETE /api/v1/agenda-items/1/library-items/1
expect_status "and unlinked" 204
http DELETE /api/v1/agenda-items/1/library-items/1
expect_status "once" 404
json PUT /api/v1/meetings/1/attendance/2 '{"status":"present"}'
expect_status "record attendance" 204
http GET /api/v1/meetings/1/attendance
expect_body "attendance lists the person's team" '"team_id":1'

# Changes need If-Match: missing 428, stale 412, current 200.
http GET /api/v1/meetings/1
etag=$(printf '%s' "$H_HEAD" | sed -n 's/^ETag: //p')
expect_eq "GET gives the ETag" "$etag" '"1-1"'
json PATCH /api/v1/meetings/1 '{"title":"Meeting 1: Number talks in K-5"}'
expect_status "a change without If-Match is refused" 428
json PATCH /api/v1/meetings/1 '{"title":"Meeting 1: Number talks in K-5"}' -H "If-Match: $etag"
expect_status "a change with the current ETag" 200
expect_header "the new ETag" 'ETag: "1-2"'
json PATCH /api/v1/meetings/1 '{"title":"Lost update"}' -H "If-Match: $etag"
expect_status "a change with a stale ETag is refused" 412
expect_eq "the stale change was not stored" "$(sql "SELECT title FROM meeting WHERE id = 1")" "Meeting 1: Number talks in K-5"
json PATCH /api/v1/meetings/1 '{"network_id":2}' -H 'If-Match: "1-2"'
expect_body "a fixed field cannot change" "cannot be changed after creation"
http DELETE /api/v1/agenda-items/1
expect_status "a delete without If-Match is refused" 428
http DELETE /api/v1/agenda-items/1 -H 'If-Match: "1-1"'
expect_status "a delete with the ETag" 204
http GET /api/v1/agenda-items/1
expect_status "the deleted item is gone" 404
http DELETE /api/v1/networks/1 -H 'If-Match: "1-1"'
expect_status "networks are never deleted: no such route" 405
expect_header "405 tells the allowed methods" "Allow: GET, PATCH"
http GET /api/v1/nothing-here
expect_status "an unknown path" 404
expect_header "problems are RFC 9457" "Content-Type: application/problem+json"
http GET /api/v1/teams/abc
expect_status "a non-numeric id is not found" 404

# Bad input: a problem naming where, and nothing stored.
before=$(db_digest)
printf '{\n  "kind": "district",\n  "name": "Broken",\n  "parent_id": 2,,\n}' >"$T_DIR/bad.json"
http POST /api/v1/organizations -H 'Content-Type: application/json' --data-binary @"$T_DIR/bad.json"
expect_status "invalid JSON is bad input" 400
expect_eq "invalid JSON: line and column" "$(jget 'j["line"], j["column"]')" "4 18"
printf '{"kind":"district","name":"Bad \377 byte"}' >"$T_DIR/bad.json"
http POST /api/v1/organizations -H 'Content-Type: application/json' --data-binary @"$T_DIR/bad.json"
expect_body "invalid UTF-8 is named" "not valid UTF-8"
expect_eq "invalid UTF-8: its column" "$(jget 'j["column"]')" "32"
json POST /api/v1/organizations '{"kind":"district","name":"X","parent_id":"two"}'
expect_body "a wrong type names the field" '"detail":"must be an id (a whole number), not a string","field":"parent_id"'
json POST /api/v1/organizations '{"kind":"district","name":"X","colour":"red"}'
expect_body "an unknown field is named" '"field":"colour"'
json POST /api/v1/organizations '{"kind":"district"}'
expect_body "a missing required field is named" '"detail":"is required","field":"name"'
json POST /api/v1/organizations '{"kind":"district","name":"X","sourced_id":"abc"}'
expect_body "a field set by capnet is refused" "is set by capnet"
json POST /api/v1/organizations '["kind"]'
expect_body "the body must be an object" "must be a JSON object"
json POST /api/v1/organizations '{"kind":"district","kind":"school","name":"X"}'
expect_body "duplicate keys are refused" "duplicate"
http POST /api/v1/organizations --data-binary '{"kind":"district","name":"X"}'
expect_body "the body must be declared JSON" "Content-Type: application/json"
python3 -c "print('{\"name\":\"' + 'x' * (1100 * 1024) + '\"}')" >"$T_DIR/big.json"
http POST /api/v1/organizations -H 'Content-Type: application/json' --data-binary @"$T_DIR/big.json"
expect_status "an oversized body is refused" 413
python3 -c "print('{\"name\":\"' + 'x' * (1100 * 1024) + '\"}', end='')" | curl -s -o "$T_DIR/h_body" -w '%{http_code}' -H "Authorization: Bearer $H_TOKEN" -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' --data-binary @- "$SRV_URL/api/v1/organizations" >"$T_DIR/code"
expect_eq "an oversized chunked body is refused" "$(cat "$T_DIR/code")" "413"
expect_eq "bad input changed nothing" "$(db_digest)" "$before"
http GET /healthz
expect_status "the server still answers" 200

# The OpenAPI document lists every route the router has.
http GET /api/v1/openapi.json
expect_eq "openapi 3.1" "$(jget 'j["openapi"]')" "3.1.0"
expect_eq "documents the link routes" "$(jget '"put" in j["paths"]["/api/v1/teams/{id}/members/{person_id}"]')" "True"
expect_eq "documents entity fields with help" "$(jget 'j["components"]["schemas"]["meeting"]["properties"]["tz"]["description"][:9]')" "IANA time"

# The access log: one JSON line per request.
expect_eq "access log line per request" "$(grep -c '"path":"/api/v1/organizations"' "$T_DIR/serve.log" | tr -d ' ' | awk '{print ($1 >= 10)}')" "1"
expect_eq "access log names the user" "$(grep '"path":"/api/v1/meetings/1"' "$T_DIR/serve.log" | head -n 1 | python3 -c 'import json,sys; l=json.loads(sys.stdin.readline()); print(l["user"], l["method"], l["status"] > 0, l["us"] >= 0)')" "1 GET True True"
srv_stop
expect_eq "SIGTERM stops the server with status 0" "$SRV_RC" "0"
expect_eq "every change through the API is audited (the two material links too)" "$(sql "SELECT COUNT(*) FROM audit_event WHERE actor_label LIKE 'token:%'")" "19"
