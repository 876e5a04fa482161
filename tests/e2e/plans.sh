# End to end: a district team assesses its needs, starts a plan from the high-priority
# gaps, another starts from the network's template and customizes it; versions,
# review, approval, progress, exports and the 704 KAR 3:035 view; must-fail inputs
# leave the database unchanged.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run init
run init
expect_eq "init adds the default instrument once" "$(sql "SELECT COUNT(*) FROM instrument")" "1"
expect_eq "the default has 24 indicators" "$(sql "SELECT COUNT(*) FROM indicator")" "24"
expect_eq "all seven standards" "$(sql "SELECT COUNT(DISTINCT standard) FROM indicator")" "7"
expect_eq "all three capacity levels" \
	"$(sql "SELECT COUNT(DISTINCT capacity_level) FROM indicator")" "3"

run org add --kind state --name "Kentucky Department of Education"
run org add --kind cooperative --name "Green River Regional Educational Cooperative" --parent-id 1
run org add --kind district --name "Daviess County Public Schools" --parent-id 2
run org add --kind district --name "Owensboro Independent Schools" --parent-id 2
run network add --name "Green River Math 2025-26" --content-area mathematics --region-id 2 --school-year 2025-26
run network add --name "Green River Math 2026-27" --content-area mathematics --region-id 2 --school-year 2026-27
run team add --network-id 1 --district-id 3
run team add --network-id 2 --district-id 3
run team add --network-id 2 --district-id 4
run user add --given-name Ana --family-name Reyes --email ana@grrec.org --org 2 --role facilitator --no-password
run user add --given-name Dee --family-name Lead --email dee@daviess.org --org 3 --role district_lead --no-password
run network facilitator add 2 ana@grrec.org
run team member add 2 dee@daviess.org --role lead
expect_rc "setup done" 0

# Instruments.
run assessment instrument show 1
expect_out "instrument shows its indicators" "LC.1"
expect_out "and the scale" "1 not yet, 2 emerging, 3 established, 4 sustained"
run assessment instrument show 1 --format json
expect_out "counts by standard" '"by_standard":{"learning_communities":4,"leadership":4'
run assessment instrument indicator add 1 --code XX.1 --capacity-level people --standard data --text "x"
expect_err "the default is never edited" "copy it for your network"
run assessment instrument copy 1 --network-id 2 --name "Green River instrument"
expect_out "a copy for the network" "2"
run assessment instrument indicator add 2 --code LC.5 --capacity-level organizational --standard learning_communities --text "Schools share PLC protocols with each other."
expect_rc "the copy takes a new indicator" 0
run assessment instrument indicator move 49 --position 1
expect_eq "moved first" "$(sql "SELECT code FROM indicator WHERE instrument_id = 2 ORDER BY position LIMIT 1")" "LC.5"
run assessment instrument indicator remove 49
expect_eq "and removed" "$(sql "SELECT COUNT(*) FROM indicator WHERE instrument_id = 2")" "24"

# Last year's assessment on the default, this year's on the network's copy.
run assessment create --team-id 1 --assessed-on 2025-09-20
run assessment rate 1 LC.2 --current 1 --target 3 --priority high
run assessment rate 1 DA.2 --current 2 --target 3
run assessment challenge add 1 --kind technical --description "No substitute coverage for PLC days" --reason "Scheduling has a known fix"
run assessment create --team-id 2 --assessed-on 2026-09-18
expect_eq "this year's uses the network's copy" "$(sql "SELECT instrument_id FROM assessment WHERE id = 2")" "2"
run assessment rate 2 LC.2 --current 2 --target 4 --priority high --evidence "PLCs meet monthly at 3 of 5 schools"
run assessment rate 2 da.2 --current 1 --target 3 --priority high
run assessment rate 2 LE.1 --current 3 --target 3 --priority high
run assessment rate 2 RE.1 --current 1 --target 3 --priority medium
expect_rc "ratings" 0

before=$(db_digest)
run assessment rate 2 OU.1 --current 5 --target 4
expect_rc "rating 5 is refused" 1
expect_err "the message names the field and range" "current_level: 5 is out of range; rate from 1 (not yet) to 4 (sustained)"
run assessment rate 2 ZZ.9 --current 2 --target 3
expect_err "an unknown indicator is named" "indicator: there is no indicator 'ZZ.9' in instrument 2"
run assessment challenge add 2 --kind adaptive --description "Teachers doubt PLC time matters"
expect_err "a challenge needs its reason" "reason: is required"
run assessment challenge add 2 --kind urgent --description "x" --reason "y"
expect_err "the kind is technical or adaptive" "'urgent' is not one of: technical, adaptive"
expect_eq "nothing changed by the refused inputs" "$(db_digest)" "$before"

run assessment challenge add --help
expect_out "help says what adaptive means" "adaptive (no prescribed fix; people must learn and change)"
run assessment challenge add 2 --kind adaptive --description "Teachers doubt PLC time matters" --reason "It is about beliefs; there is no procedure to apply"
run assessment show 2
expect_out "show lists ratings" "PLCs meet monthly at 3 of 5 schools"
expect_out "and challenges" "Teachers doubt PLC time matters"
run assessment compare 2
expect_out "compare finds last year" "compared with 1 (2025-26)"
expect_out "and what moved" "1 up, 1 down, 0 the same"
run assessment compare 2 --format json
expect_out "new and resolved challenges" '"new_challenges":1,"resolved_challenges":1'

# A plan from the assessment.
run plan create --from-assessment 2
expect_err "one goal per high-priority gap" "plan 1 started with 2 goals"
expect_eq "goals linked to needs" "$(sql "SELECT COUNT(*) FROM goal_need")" "2"
run plan show 1
expect_out "goal with baseline and target" "level 2 of 4 (emerging)"
before=$(db_digest)
run plan goal add 1 --title "Coaching cycles" --deadline 2027-02-30
expect_rc "a bad deadline is refused" 1
expect_err "the message names the field" "deadline: '2027-02-30' is not a date"
run plan status 1 approved
expect_err "draft cannot be approved" "status: a draft plan cannot become approved"
run plan goal link-need 1 --assessment-id 2 --indicator OU.2
expect_err "only assessed needs link" "OU.2 is not rated in assessment 2"
expect_eq "nothing changed by the refused plan inputs" "$(db_digest)" "$before"

run plan goal add 1 --title "Coaching cycles for new teachers" --deadline 2027-03-31 --measure "Coaching logs"
run plan goal link-need 3 --assessment-id 2 --indicator RE.1
expect_rc "a goal linked to a need by code" 0
run plan action add 1 --goal-id 1 --kind structure --title "Protect weekly PLC time" --owner dee@daviess.org --due-on 2026-10-15
expect_eq "the owner named by email" "$(sql "SELECT owner_id FROM plan_action WHERE id = 1")" "2"
run plan action add 1 --goal-id 1 --kind deliver_pd --title "PLC cycles on student work" --starts-on 2026-10-01 --due-on 2027-04-30
run plan action link 1 --library-item-id 5
expect_err "a missing library item is named" "library_item_id: there is no library item with id 5"
run plan action list 1 --format csv
expect_out "actions as CSV" '"Protect weekly PLC time"'
run plan recommend 1 --format json
expect_out "recommendations name the searched words" '"searched_words":['

run plan version save 1 --note "first draft"
expect_out "version 1" "1"
run plan status 1 submitted --note "for review"
run plan review add 1 --reviewer dee@daviess.org --comments "ok"
expect_err "only facilitators review" "does not facilitate network 2"
run plan review add 1 --reviewer ana@grrec.org --comments "Link goal 2 to a PD action"
expect_rc "the facilitator reviews" 0
expect_eq "the team is told" "$(sql "SELECT COUNT(*) FROM notice WHERE kind = 'review' AND person_id = 2")" "1"
run plan status 1 approved
expect_rc "submitted -> approved" 0
run plan version list 1 --format csv
expect_out "status changes are versions" "status: submitted -> approved"
run plan version show 1 1 --format json
expect_out "a snapshot keeps the plan as it was" '"status":"draft"'
run plan progress add 1 --status on_track --checked-on 2026-12-01 --evidence "4 of 5 schools meet weekly" --guskey-level 3 --author dee@daviess.org
run plan progress add 1 --status sideways
expect_err "progress status choices" "'sideways' is not one of: met, on_track, at_risk, off_track"
run plan progress list 1
expect_out "progress listed" "on_track"

# Exports.
run plan export 1 --format csv
expect_out "CSV with sections" '"section","plan_id","title"'
run plan export 1 --format xlsx --output "$T_DIR/plan.xlsx"
expect_rc "XLSX export succeeds" 0
expect_eq "XLSX is a zip" "$(head -c 2 "$T_DIR/plan.xlsx")" "PK"
run plan export 1 --format pdf --output "$T_DIR/plan.pdf"
expect_rc "PDF export succeeds" 0
expect_err "PDF written with its pages" "pages)"
expect_eq "PDF starts right" "$(head -c 5 "$T_DIR/plan.pdf")" "%PDF-"
run plan export 1 --format docx --output x
expect_err "export formats" "format: 'docx' is not one of: csv, xlsx, pdf"
run plan kar 1
expect_out "KAR view shows goals as evidence" "answers need LC.2"
expect_out "and what it cannot show" "cannot show:"
run plan kar 1 --format json
expect_out "KAR JSON" '"regulation":"704 KAR 3:035"'

# A network template and a plan started from it.
run plan create --is-template true --network-id 2 --title "Green River math plan template"
run plan goal add 2 --title "Weekly PLCs in every school" --deadline 2027-05-31
run plan goal add 2 --title "Number talks in grades K-5"
run plan action add 2 --goal-id 4 --kind structure --title "Set the PLC schedule"
run plan action add 2 --goal-id 5 --kind try_out --title "Try number talks"
run plan create --from-template 2 --team-id 3
expect_err "a plan from the template" "plan 3 started from template 2"
run plan departure 3
expect_out "an unchanged copy departs 0%" "departs 0% from template 2"
# Rewording a goal is not departing from it; changing its target is.
run plan goal update 6 --title "PLCs twice a week in every school" --target "Two PLC meetings a week"
run plan goal remove 7
run plan action add 3 --kind policy --title "Board counts PLC hours"
run plan departure 3 --format json
expect_out "departure counts" '"goals":{"in_template":2,"in_plan":1,"added":0,"removed":1,"changed":1,"kept":0}'
expect_out "and lists what changed" '"change":"changed","plan_item_id":6,"template_item_id":4'
run plan goal remove 4
expect_err "copied template goals stay" "was copied into 1 plan"

run plan --help
expect_out "plan help lists verbs" "capnet plan export PLAN --format csv|xlsx|pdf --output FILE"
run plan frobnicate
expect_rc "an unknown verb is a usage error" 2
run assessment --help
expect_rc "assessment help" 0
