# End to end (issue 13): districts co-create a deliverable through the JSON API alone.
# District A's lead adds a member of district B as a contributor; she reads the draft,
# saves versions as herself, compares them and reviews; the owners are told of each
# version and review. A revision of a published deliverable stays out of other
# districts' sight until it is reviewed and published. A network's own draft (made at a
# meeting) is read by the network's members, not by another network's.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

c init
c org add --kind state --name "Kentucky Department of Education"      # 1
c org add --kind cooperative --name "Green River" --parent-id 1        # 2
c org add --kind district --name "Daviess County" --parent-id 2        # 3
c org add --kind district --name "Owensboro" --parent-id 2             # 4
c org add --kind district --name "Hancock County" --parent-id 2        # 5
c org add --kind district --name "Ohio County" --parent-id 2           # 6
c user add --given-name Fay --family-name Facilitator --email fac@x.org --org 2 --role facilitator --no-password  # 1
c user add --given-name Dee --family-name Lead --email dee@x.org --org 3 --role district_lead --no-password        # 2
c user add --given-name Bea --family-name Baker --email bea@x.org --org 4 --role member --no-password             # 3
c user add --given-name Hal --family-name Hill --email hal@x.org --org 5 --role member --no-password              # 4
c user add --given-name Oda --family-name Otis --email oda@x.org --org 6 --role member --no-password              # 5
c network add --name "Math network" --content-area mathematics --region-id 2 --school-year 2026-27     # 1
c network add --name "Science network" --content-area science --region-id 2 --school-year 2026-27      # 2
c network facilitator add 1 fac@x.org
c team add --network-id 1 --district-id 3     # 1
c team add --network-id 1 --district-id 4     # 2
c team add --network-id 1 --district-id 5     # 3
c team add --network-id 2 --district-id 6     # 4: another network
c team member add 1 dee@x.org --role lead
c team member add 2 bea@x.org --role member
c team member add 3 hal@x.org --role member
c team member add 4 oda@x.org --role member
for who in fac dee bea hal oda; do
	eval "TOKEN_$who=\$(\"\$CAPNET\" token create --email $who@x.org 2>/dev/null)"
done
srv_start || exit 1

H_TOKEN=$TOKEN_dee
json POST /api/v1/deliverables '{"network_id":1,"team_id":1,"kind":"instructional_resource","title":"Fraction strips lesson"}'
expect_status "the lead of A creates a deliverable" 201
json POST /api/v1/deliverables/1/versions '{"body":"Number talk, then fraction strips.\nExit ticket.\n","based_on":0}' -H 'If-Match: *'
expect_status "and saves version 1" 201

H_TOKEN=$TOKEN_bea
http GET /api/v1/deliverables/1
expect_status "a member of B does not see A's draft" 404
json POST /api/v1/deliverables/1/versions '{"body":"mine","based_on":1}'
expect_status "nor saves a version of it" 404

H_TOKEN=$TOKEN_dee
json POST /api/v1/deliverables/1/contributors '{"person_id":5}'
expect_status "a person of another network cannot be added" 400
expect_body "the refusal names the field" '"field":"person_id"'
json POST /api/v1/deliverables/1/contributors '{"person_id":3}'
expect_status "the owner adds the member of B" 201
expect_body "with her district" '"district":"Owensboro"'
expect_eq "the contributors come from two districts" "$(jget 'j["districts"]')" "2"

H_TOKEN=$TOKEN_bea
http GET /api/v1/deliverables/1
expect_status "the contributor reads the draft" 200
http GET /api/v1/deliverables/1/versions/1
expect_body "and its text" "fraction strips"
json POST /api/v1/deliverables/1/contributors '{"person_id":4}'
expect_status "a contributor does not add contributors" 403
json PATCH /api/v1/deliverables/1 '{"title":"Mine now"}' -H 'If-Match: *'
expect_status "nor change the deliverable's fields" 403
json POST /api/v1/deliverables/1/versions '{"body":"x","based_on":1,"author_id":2}'
expect_status "the author is not a field of the request" 400
json POST /api/v1/deliverables/1/versions '{"body":"Number talk, then fraction strips and a number line.\nExit ticket.\n","based_on":1,"change_note":"Number line"}'
expect_status "the contributor saves version 2" 201
expect_eq "as herself" "$(jget 'j["author_id"], j["author"]')" "3 Bea Baker"
http GET '/api/v1/deliverables/1/diff?from=1&to=2'
expect_status "she compares the versions" 200
expect_body "the difference shows her line" "number line"
http GET /api/v1/deliverables/1/lineage
expect_status "and sees its lineage" 200

H_TOKEN=$TOKEN_dee
http GET /api/v1/notices
expect_body "the owner is told of the version" '"kind":"version_saved"'
expect_body "by its number" 'Bea Baker saved version 2 of \"Fraction strips lesson\"'
http POST /api/v1/deliverables/1/submit -H 'If-Match: *'
expect_status "the owner submits it" 200

H_TOKEN=$TOKEN_bea
json POST /api/v1/deliverables/1/reviews '{"alignment":2,"comments":"Add a word problem"}'
expect_status "the contributor leaves a review" 201
H_TOKEN=$TOKEN_hal
json POST /api/v1/deliverables/1/reviews '{"alignment":2}'
expect_status "someone who is not a contributor does not" 404
H_TOKEN=$TOKEN_dee
http GET /api/v1/notices
expect_body "the owner is told of the review" '"kind":"review_added"'
H_TOKEN=$TOKEN_fac
http POST /api/v1/deliverables/1/publish -H 'If-Match: *'
expect_status "the facilitator publishes it" 200

# A revision of the published deliverable.
H_TOKEN=$TOKEN_bea
json POST /api/v1/deliverables/1/versions '{"body":"Revised: word problems added.\n","based_on":2}'
expect_status "the contributor saves a revision" 201
expect_eq "which is not published yet" "$(jget 'j["published_at"]')" "None"
H_TOKEN=$TOKEN_hal
http GET /api/v1/deliverables/1/versions
expect_eq "another district sees the published version only" "$(jget '[v["number"] for v in j["items"]]')" "[2]"
http GET /api/v1/deliverables/1/versions/3
expect_status "not the revision" 404
http GET '/api/v1/deliverables/1/diff?from=2&to=3'
expect_status "nor its differences" 400
H_TOKEN=$TOKEN_dee
http GET /api/v1/deliverables/1/versions
expect_eq "the owner sees every version" "$(jget '[v["number"] for v in j["items"]]')" "[1, 2, 3]"
http POST /api/v1/deliverables/1/submit -H 'If-Match: *'
expect_status "the revision is submitted" 200
expect_body "for review" '"status":"in_review"'
H_TOKEN=$TOKEN_hal
http GET /api/v1/deliverables/1/versions
expect_eq "under review, others still see the published version" "$(jget '[v["number"] for v in j["items"]]')" "[2]"
H_TOKEN=$TOKEN_fac
http POST /api/v1/deliverables/1/return -H 'If-Match: *'
expect_body "returned, the revision leaves it published" '"status":"published"'
H_TOKEN=$TOKEN_dee
http POST /api/v1/deliverables/1/submit -H 'If-Match: *'
H_TOKEN=$TOKEN_fac
http POST /api/v1/deliverables/1/publish -H 'If-Match: *'
expect_status "the revision is published" 200
H_TOKEN=$TOKEN_hal
http GET /api/v1/deliverables/1/versions
expect_eq "now others see it" "$(jget '[v["number"] for v in j["items"]]')" "[2, 3]"

# Removing a contributor.
H_TOKEN=$TOKEN_dee
http DELETE /api/v1/deliverables/1/contributors/3
expect_status "the owner removes the contributor" 204
H_TOKEN=$TOKEN_bea
json POST /api/v1/deliverables/1/versions '{"body":"again","based_on":3}'
expect_status "who no longer saves versions (refused as unseen drafts are)" 404
H_TOKEN=$TOKEN_dee
http DELETE /api/v1/deliverables/1/contributors/3
expect_status "removing her again: not found" 404

# A network's own draft, made at a meeting.
H_TOKEN=$TOKEN_fac
json POST /api/v1/deliverables '{"network_id":1,"kind":"unit","title":"Meeting 1 unit"}'
expect_status "the facilitator makes a network draft" 201
H_TOKEN=$TOKEN_hal
http GET /api/v1/deliverables/2
expect_status "the network's members read it" 200
H_TOKEN=$TOKEN_oda
http GET /api/v1/deliverables/2
expect_status "another network's do not" 404

# The command line records a version for a named person only if they may save one.
"$CAPNET" deliverable save 1 --author hal@x.org --file - <<'MD' >/dev/null 2>"$T_DIR/err"
Text
MD
if grep -q 'author_id: person 4 may not save versions of deliverable 1' "$T_DIR/err"; then
	t_ok "--author names only someone who may save"
else t_fail "--author names only someone who may save" "$(cat "$T_DIR/err")"; fi
