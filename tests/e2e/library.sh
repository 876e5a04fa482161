# End to end: a facilitator builds the library from the command line: items with tags,
# areas, bands, citations and standards; ranked search with filters; recommendations;
# try-outs at a meeting and their summary; and every malformed input refused with a
# message that names it, leaving the database as it was.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin
FIX="$(dirname "$0")/../fixtures/library"

run init
run org add --kind state --name "Kentucky Department of Education"
run org add --kind cooperative --name "Green River Regional Educational Cooperative" --parent-id 1
run org add --kind district --name "Daviess County Public Schools" --parent-id 2
run org add --kind district --name "Owensboro Independent" --parent-id 2
run user add --given-name Dee --family-name Lead --email dee@daviess.kyschools.us --org 3 --role district_lead --no-password
run user add --given-name Oz --family-name Lead --email oz@owensboro.kyschools.us --org 4 --role district_lead --no-password
run network add --name "Green River Mathematics Leadership Network" --content-area mathematics --region-id 2 --school-year 2026-27
run team add --network-id 1 --district-id 3
run team add --network-id 1 --district-id 4
run team member add 1 dee@daviess.kyschools.us --role lead
run team member add 2 oz@owensboro.kyschools.us --role lead
run meeting add --network-id 1 --title "Meeting 1: Number talks" --starts-at 2026-09-15T09:00 --ends-at 2026-09-15T15:00 --tz America/Chicago
expect_rc "setup: a network with two district teams and a meeting" 0
# Standards as the CASE import stores them.
sql "INSERT INTO framework (identifier, title, created_at, updated_at) VALUES ('fw-1', 'Kentucky Academic Standards for Mathematics', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
INSERT INTO cf_item (framework_id, identifier, human_coding_scheme, full_statement, created_at, updated_at) VALUES (1, 'i-1', 'KY.3.NF.2', 'Understand a fraction as a number on the number line.', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
INSERT INTO cf_item (framework_id, identifier, human_coding_scheme, full_statement, created_at, updated_at) VALUES (1, 'i-2', 'KY.3.OA.7', 'Fluently multiply and divide within 100.', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"

run library add --kind strategy --title "Number talks" --tier 2 --area mathematics \
	--band K-2,3-5 --tag "Number Sense" --tag mental-math --align 2 \
	--summary "Short daily routines in which students solve problems mentally." \
	--citation "Parrish, S. (2014). Number Talks. Math Solutions. https://mathsolutions.com/" \
	--citation "Humphreys, C. & Parker, R. (2015). Making Number Talks Matter. Stenhouse." \
	--body-file "$FIX/number-talks.md" --license "CC BY 4.0"
expect_rc "add an item with everything" 0
expect_out "the item is shown for people" "ESSA tier     2 (moderate evidence)"
expect_out "grade bands as people write them" "grade bands   K-2, 3-5"
expect_out "tags normalized" "tags          mental-math, number-sense"
expect_out "aligned standard shown" "KY.3.OA.7"
expect_out "a trailing address becomes the citation's link" "Math Solutions. https://mathsolutions.com/"
expect_eq "citation link stored apart" "$(sql "SELECT url FROM library_citation WHERE position = 1")" "https://mathsolutions.com/"
run library add --kind resource --title "Fraction strips kit" --tier 4 --area mathematics --band 3-5 \
	--tag fractions,manipulatives --align 1 --summary "Printable strips for comparing fractions." --format json
expect_out "add as JSON" '"tags":["fractions","manipulatives"]'
run library add --kind research --title "Developing effective fractions instruction" --area mathematics \
	--band 3-5,6-8 --summary "What works for teaching fractions: a practice guide summary."
run library add --kind strategy --title "Close reading" --tier 3 --area english-language-arts \
	--band 6-8,9-12 --tag literacy --summary "Annotating complex texts; fractions of a page."
run library add --kind tool --title "PLC agenda template" --network-id 1 --area leadership --band adult \
	--summary "A protocol for professional learning communities."
expect_rc "a network's own item" 0

run library search fractions
expect_rc "search" 0
first=$(printf '%s\n' "$T_OUT" | sed -n 2p | awk '{print $1}')
expect_eq "a title match ranks first" "$first" "2"
expect_out "a summary-only match is found too" "Close reading"
run library search fract --format csv
expect_out "the last word matches as a prefix" '"2","resource","Fraction strips kit","4"'
expect_out "matched words reported" '"fract"'
run library search fractions --kind strategy --format csv
expect_eq "filter by kind" "$(printf '%s\n' "$T_OUT" | wc -l)" "2"
run library search fractions --band 6-8 --format json
expect_out "filter by grade band" '"title":"Developing effective fractions instruction"'
run library search "" --min-tier 2 --format csv
expect_eq "at least tier 2 means tiers 1 and 2" "$(printf '%s\n' "$T_OUT" | sed 1d | cut -d, -f1 | tr '\n' ' ')" '"1" '
run library search "" --tier none --format csv
expect_eq "items without a tier" "$(printf '%s\n' "$T_OUT" | sed 1d | wc -l)" "2"
run library search "" --tag manipulatives --format csv
expect_out "filter by tag" '"Fraction strips kit"'
run library search "" --network-id statewide --area leadership
expect_out "statewide excludes a network's items" "(none)"
run library search "" --network-id 1 --area leadership
expect_out "a network's items" "PLC agenda template"
run library search humphreys
expect_out "citations are searched" "Number talks"
run library list --band 3-5
expect_eq "list by grade band" "$(printf '%s\n' "$T_OUT" | sed 1d | awk '{print $1}' | tr '\n' ' ')" "1 2 3 "

run library update 1 --tag number-talks --if-version 1 --format json
expect_out "update replaces the tags" '"tags":["number-talks"]'
expect_out "and keeps the bands" '"grade_bands":["k_2","3_5"]'
run library update 1 --title "Number talks (K-5)" --if-version 1
expect_rc "a stale update is refused" 1
expect_err "the stale update is explained" "changed by someone else"
run library search "talks" --tag number-talks --format csv
expect_out "the new tag is searchable" '"Number talks"'

run library tryout add 1 --person dee@daviess.kyschools.us --meeting 1 --rating 5 --would-work yes --note "Grade 3 loved it"
expect_rc "a try-out at the meeting" 0
run library tryout add 1 --person oz@owensboro.kyschools.us --meeting 1 --rating 3 --would-work maybe
run library tryout add 1 --person 1 --rating 4 --would-work Yes
run library tryout list 1
expect_out "try-outs listed" "Grade 3 loved it"
expect_out "with their summary" "3 try-outs, average rating 4.0 of 5; would work here: 2 yes, 1 maybe, 0 no; 2 teams"
run library show 1 --format json
expect_out "the item's try-out summary by district" '"districts":[{"district_id":3,"name":"Daviess County Public Schools","teams":1,"people":1},{"district_id":4,"name":"Owensboro Independent","teams":1,"people":1}]'
run library show 1 --html --format json
expect_out "the body rendered" '"body_html":"\u003ch2\u003eWhat it is'
expect_out "raw HTML dropped from it" 'raw HTML omitted'
html=${T_OUT#*\"body_html\":}
case "$html" in *'\u003cscript'* | *javascript:*) t_fail "no script or javascript: link in it" "$html" ;;
*) t_ok "no script or javascript: link in it" ;; esac

run library recommend "Our students will place fractions on the number line by spring"
expect_rc "recommend" 0
expect_out "the item matching most words comes first, with why" "1. Number talks (strategy, id 1)
   matches students, number; ESSA tier 2"
expect_out "other items say what they matched" "matches fractions; no ESSA evidence tier; not tried yet"
run library recommend "Our students will place fractions on the number line" --format json
expect_out "recommendations as JSON with try-outs" '"reason":"matches students, number; ESSA tier 2 (moderate evidence); tried 3 times by 2 teams in 2 districts, average rating 4.0 of 5; 2 of 3 said it would work here"'

# Malformed input: each refused with a message naming it; nothing changes.
before=$(db_digest)
audit=$(sql "SELECT COUNT(*) FROM audit_event")
run library add --kind strategy --title "Bad tier" --tier 5
expect_err "tier 5 is refused" "evidence_tier: 5 is out of range; use 1 to 4"
run library add --kind lesson --title "Bad kind"
expect_err "an unknown kind lists the kinds" "kind: 'lesson' is not one of: strategy, resource, tool, research"
run library add --kind tool --title "$(printf '%0201d' 0)"
expect_err "a too-long title is refused" "title: is 201 characters long; at most 200 are allowed"
run library add --kind tool --title "Latin-1 body" --body-file "$FIX/latin1.md"
expect_rc "a body file that is not UTF-8 fails" 1
expect_err "and says where" "latin1.md:3:16: body: is not valid UTF-8 text (byte 44)"
run library add --kind tool --title "Missing body" --body-file "$T_DIR/none.md"
expect_err "a missing body file is named" "none.md: No such file or directory"
run library add --kind tool --title "Bad area" --area maths
expect_err "an unknown content area is named" "content_areas: 'maths' is not one of: mathematics"
run library add --kind tool --title "Bad band" --band 4-5
expect_err "an unknown grade band is named" "grade_bands: '4-5' is not one of"
run library add --kind tool --title "Bad tag" --tag "a&b"
expect_err "a tag with a bad character is named" "tags: 'a&b' has a character a tag cannot hold"
run library add --kind tool --title "Bad standard" --align 99
expect_err "an unknown standard is named" "alignments: there is no standard (CASE item) with id 99"
run library tryout add 1 --person dee@daviess.kyschools.us --rating 6 --would-work yes
expect_err "rating 6 is refused" "rating: 6 is out of range; use 1 to 5"
run library tryout add 1 --person dee@daviess.kyschools.us --rating 0 --would-work yes
expect_rc "rating 0 is refused" 1
run library tryout add 1 --person dee@daviess.kyschools.us --rating 4 --would-work sometimes
expect_err "would-work lists its choices" "would_work: 'sometimes' is not one of: yes, maybe, no"
run library tryout add 1 --person dee@daviess.kyschools.us --rating 4
expect_err "would-work is required" "would_work: is required"
run library tryout add 99 --person dee@daviess.kyschools.us --rating 4 --would-work yes
expect_err "an unknown item is named" "item_id: there is no library item with id 99"
run library tryout add 1 --person nobody@example.org --rating 4 --would-work yes
expect_err "an unknown person is named" "no person has the email nobody@example.org"
run library search fractions --tier 5
expect_err "a search with tier 5 is refused" "tier: '5' is not an ESSA evidence tier"
run library search fractions --limit 500
expect_rc "a search limit over 100 is a usage error" 2
expect_eq "nothing changed after refused input" "$(db_digest)" "$before"
expect_eq "nothing audited after refused input" "$(sql "SELECT COUNT(*) FROM audit_event")" "$audit"

run library --help
expect_out "library help shows an example" "--citation 'Parrish, S. (2014)"
run library add --help
expect_out "add help lists the options" "--body-file FILE"
run library search --help
expect_out "search help explains the tiers" "--min-tier N"
run library tryout --help
expect_out "try-out help" "--would-work yes|maybe|no"
