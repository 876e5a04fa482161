# End to end: two district teams co-author a unit, review and publish it; another team
# adapts it, and capnet shows how far the adaptation departs from its source; the source
# publishes again and the adapters are told; a learning-target set exports as CASE.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run init
run org add --kind state --name "Kentucky Department of Education"
run org add --kind cooperative --name "Green River Regional Educational Cooperative" --parent-id 1
run org add --kind district --name "Daviess County Public Schools" --parent-id 2
run org add --kind district --name "Owensboro Public Schools" --parent-id 2
run user add --given-name Ana --family-name Reyes --email ana@grrec.org --no-password
run user add --given-name Dee --family-name Lead --email dee@daviess.kyschools.us --org 3 --role district_lead --no-password
run user add --given-name Eli --family-name Cole --email eli@owensboro.kyschools.us --org 4 --role district_lead --no-password
run network add --name "Green River Mathematics Leadership Network" --content-area mathematics --region-id 2 --school-year 2026-27
run network facilitator add 1 ana@grrec.org
run team add --network-id 1 --district-id 3
run team add --network-id 1 --district-id 4
run team member add 1 dee@daviess.kyschools.us --role lead
run team member add 2 eli@owensboro.kyschools.us --role lead
expect_rc "network with two district teams" 0
# Standards come from the CASE importer; here they are inserted directly.
sql "INSERT INTO framework (identifier, uri, title, created_at, updated_at) VALUES
 ('a7c1e2d0-0000-4000-8000-000000000001', 'https://case.example/uri/a7c1e2d0-0000-4000-8000-000000000001',
  'Kentucky Academic Standards for Mathematics', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
INSERT INTO cf_item (framework_id, identifier, uri, human_coding_scheme, full_statement, education_levels, created_at, updated_at) VALUES
 (1, 'b8d2f3e1-0000-4000-8000-000000000001', 'https://case.example/uri/b8d2f3e1-0000-4000-8000-000000000001',
  'KY.5.NF.1', 'Add and subtract fractions with unlike denominators.', '05', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
 (1, 'b8d2f3e1-0000-4000-8000-000000000002', NULL, 'KY.5.NF.2',
  'Solve word problems involving addition and subtraction of fractions.', '05,06', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"

cat >"$T_DIR/v1.md" <<'MD'
# Adding fractions with unlike denominators

Students begin with a number talk about one half plus one third. They model the sum
with fraction strips and then with an area model, and explain why the pieces must be
the same size before they can be counted together. The teacher records strategies on
chart paper. In pairs, students solve four problems from the task card, then compare
their answers with another pair and justify any differences. The lesson closes with an
exit ticket: two tenths plus one fifth, with a picture and an equation.
MD
run deliverable create --network-id 1 --team-id 1 --kind instructional_resource --title "Fraction strips lesson" --author dee@daviess.kyschools.us --file "$T_DIR/v1.md" --note "First draft" --format json
expect_out "create with a first version" '"status":"draft"'
sed 's/chart paper/the class anchor chart/' "$T_DIR/v1.md" >"$T_DIR/v2.md"
run deliverable save 1 --author eli@owensboro.kyschools.us --note "Anchor chart" <"$T_DIR/v2.md"
expect_err "a lead of another district is not yet a co-author" "author_id: person 3 may not save versions of deliverable 1"
run deliverable contributor add 1 eli@owensboro.kyschools.us
expect_err "the owners add her as a contributor" "person 3 contributes to deliverable 1"
run deliverable save 1 --author eli@owensboro.kyschools.us --note "Anchor chart" <"$T_DIR/v2.md"
expect_err "save from standard input" "saved version 2 of deliverable 1"
run deliverable show 1
expect_out "contributors from two districts" "contributors (2, from 2 districts)"
expect_out "contributor's district recorded" "Owensboro Public Schools"
run deliverable diff 1 --from 1 --to 2
expect_out "unified diff header" "--- deliverable 1 version 1"
expect_out "unified diff removed line" "-chart paper. In pairs"
expect_out "unified diff added line" "+the class anchor chart. In pairs"
run deliverable diff 1 --from 1 --to 2 --format json
expect_out "structured diff" '"op":"insert","a":null,"b":6'
run deliverable standard add 1 KY.5.NF.1
expect_rc "align by code" 0
run deliverable standard list 1 --format csv
expect_out "standards listed" "KY.5.NF.1"

# Must-fail inputs: the message names what is wrong and nothing changes.
before=$(db_digest)
run deliverable publish 1
expect_err "publish a draft is refused" "cannot publish deliverable 1: it is draft; publish takes a deliverable in review"
printf 'bad \377 byte\n' >"$T_DIR/bad.md"
run deliverable save 1 --author dee@daviess.kyschools.us --file "$T_DIR/bad.md"
expect_err "invalid UTF-8 named with its byte" "body: is not valid UTF-8 (byte 5)"
head -c 204801 /dev/zero | tr '\0' 'x' >"$T_DIR/big.md"
run deliverable save 1 --author dee@daviess.kyschools.us --file "$T_DIR/big.md"
expect_err "an oversized body is refused" "is larger than 204800 bytes"
run deliverable save 1 --file "$T_DIR/v1.md"
expect_rc "save without author is a usage error" 2
run deliverable save 1 --author nobody@example.org --file "$T_DIR/v1.md"
expect_err "an unknown author is named" "no person has the email nobody@example.org"
run deliverable standard add 1 KY.9.XX.9
expect_err "an unknown standard is named" "no standard has the id, CASE identifier or code 'KY.9.XX.9'"
run deliverable create --network-id 1 --team-id 1 --kind poster --title X
expect_err "a wrong kind lists the choices" "kind: 'poster' is not one of: learning_target_set"
run deliverable derive 1 --team-id 2 --author eli@owensboro.kyschools.us --note "x"
expect_err "nothing published to adapt" "has no published version to adapt"
expect_eq "refused commands changed nothing" "$(db_digest)" "$before"

run deliverable submit 1
expect_err "submit" "deliverable 1 is now in_review"
before=$(db_digest)
run deliverable save 1 --author dee@daviess.kyschools.us --file "$T_DIR/v1.md"
expect_err "no saves while in review" "is in review, so its versions are frozen"
run deliverable review add 1 --reviewer ana@grrec.org --alignment 4
expect_rc "a score above 3 is a usage error" 2
expect_err "the score error says the range" "use 0 (not met) to 3 (fully met)"
expect_eq "refused review changed nothing" "$(db_digest)" "$before"
run deliverable review add 1 --reviewer ana@grrec.org --alignment 3 --key-shifts 2 --instructional-supports 2 --assessment 1 --assessment-comment "Exit ticket only" --comments "Ready with small changes"
expect_rc "review recorded" 0
run deliverable review add 1 --reviewer dee@daviess.kyschools.us --alignment 2 --key-shifts 3
run deliverable review summary 1 --format csv
expect_out "summary averages per dimension" '"2","2","2.5","2.5","2","1"'
run deliverable review list 1 --format json
expect_out "review comments per dimension" '"dimension_comments":{"assessment":"Exit ticket only"}'
run deliverable publish 1
expect_err "publish" "deliverable 1 is now published"

run deliverable derive 1 --team-id 2 --author eli@owensboro.kyschools.us
expect_rc "derive without note is refused" 1
expect_err "the note is asked for" "context_note: an adaptation needs its note"
run deliverable derive 1 --team-id 2 --author eli@owensboro.kyschools.us --note "Owensboro schools use pattern blocks and number lines" --format json
expect_out "derived deliverable" '"derived_from_version_id":2'
run deliverable versions 2 --format csv
expect_out "first adapted version is a duplicate" '"duplicate"'
cat >"$T_DIR/b2.md" <<'MD'
# Adding fractions with unlike denominators

Students begin with a number talk about one half plus one third. They model the sum
with pattern blocks and then with a number line, and explain why the pieces must be
the same size before they can be counted together. Our coaches record strategies on
the shared slides. In pairs, students solve the Owensboro task, then compare
their answers with another pair and justify any differences. The lesson closes with
a reflection in the math journal.
MD
run deliverable save 2 --author eli@owensboro.kyschools.us --file "$T_DIR/b2.md" --note "Our materials"
run deliverable versions 2 --format csv
expect_out "edited version is adapted" '"adapted"'
run deliverable show 1
expect_out "source shows its adaptation and class" "-> deliverable 2 \"Fraction strips lesson\" (Owensboro Public Schools) from version 2: adapted"
run deliverable lineage 2 --format json
expect_out "adaptation shows its source" '"sources":[{"deliverable_id":1'
run setting set similarity.new_below 0.5
expect_rc "threshold is a setting" 0
run deliverable versions 2 --format csv
expect_out "changed threshold reclassifies" '"new"'
run setting set similarity.new_below 0.99
expect_err "threshold rules explained" "must be below similarity.duplicate_min"
run setting reset similarity.new_below

# The source publishes a new version: the adapters are told, their text is kept.
own=$(sql "SELECT body FROM deliverable_version WHERE deliverable_id = 2 ORDER BY number DESC LIMIT 1")
sed 's/exit ticket/exit ticket and a partner check/' "$T_DIR/v2.md" >"$T_DIR/v3.md"
run deliverable save 1 --author dee@daviess.kyschools.us --file "$T_DIR/v3.md" --note "Partner check"
run deliverable notices list --person eli@owensboro.kyschools.us --format json
expect_out "the co-author is told of the new version" '"kind":"version_saved"'
case $T_OUT in *source_updated*) t_fail "a revision is not published before review" "$T_OUT" ;; *) t_ok "a revision is not published before review" ;; esac
run deliverable submit 1
run deliverable publish 1
expect_err "the revision is published after review" "deliverable 1 is now published"
run deliverable notices list --person eli@owensboro.kyschools.us --format json
expect_out "the adapter has a notice" '"source_number":3'
expect_eq "the adaptation is unchanged" "$(sql "SELECT body FROM deliverable_version WHERE deliverable_id = 2 ORDER BY number DESC LIMIT 1")" "$own"
run deliverable notices list --person dee@daviess.kyschools.us --format csv
expect_eq "the source's own author has none of its source" "$(printf '%s' "$T_OUT" | grep -c source_updated)" "0"
nid=$(sql "SELECT id FROM notice WHERE kind = 'source_updated' LIMIT 1")
run deliverable notices compare "$nid"
expect_out "compare the new source with their version" "+++ source: deliverable 1 version 3"
run deliverable notices seen "$nid"
run deliverable notices list --person eli@owensboro.kyschools.us --format csv
expect_eq "seen notices leave the list" "$(printf '%s' "$T_OUT" | grep -c source_updated)" "0"
run deliverable notices list --person eli@owensboro.kyschools.us --all --format csv
expect_out "but stay on --all" "source_updated"

# Learning targets and the CASE export.
run deliverable create --network-id 1 --team-id 1 --kind learning_target_set --title "Grade 5 fractions: learning targets"
before=$(db_digest)
run deliverable target add 3 --standard KY.5.NF.1 --kind knowledge --statement "Students will know denominators"
expect_err "a target must be an I can statement" "statement: must start with \"I can\""
run deliverable target add 1 --standard KY.5.NF.1 --kind knowledge --statement "I can add."
expect_err "targets belong to a learning-target set" "learning targets belong to a deliverable of kind learning_target_set"
expect_eq "refused targets changed nothing" "$(db_digest)" "$before"
run deliverable target add 3 --standard KY.5.NF.1 --kind knowledge --statement "I can tell what a denominator counts."
run deliverable target add 3 --standard KY.5.NF.1 --kind skill --statement "I can add fractions with unlike denominators."
run deliverable target add 3 --standard KY.5.NF.2 --kind product --statement "I can write a word problem that adds fractions."
run deliverable target move 3 --to 1
run deliverable target list 3 --format csv
expect_out "moved target is first" '"product","I can write a word problem that adds fractions.","1"'
run deliverable export case 3 --output "$T_DIR/targets.json"
expect_rc "export case" 0
python3 - "$T_DIR/targets.json" >"$T_DIR/check" 2>&1 <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
items, assoc = p["CFItems"], p["CFAssociations"]
assert p["CFDocument"]["title"] == "Grade 5 fractions: learning targets"
assert all(i["CFItemType"] == "Learning Target" for i in items), items
doc = p["CFDocument"]["identifier"]
ids = {i["identifier"] for i in items}
# Each target hangs under the export's own document ...
tree = {a["originNodeURI"]["identifier"] for a in assoc
        if a["associationType"] == "isChildOf" and a["destinationNodeURI"]["identifier"] == doc}
assert tree == ids, (tree, ids)
# ... and points at its standard, in another framework.
dest = {a["destinationNodeURI"]["identifier"] for a in assoc if a["associationType"] == "isPartOf"}
assert dest == {"b8d2f3e1-0000-4000-8000-000000000001", "b8d2f3e1-0000-4000-8000-000000000002"}, dest
levels = sorted(tuple(i.get("educationLevel", [])) for i in items)
assert levels == [("05",), ("05",), ("05", "06")], levels
print("fine")
PY
expect_eq "export has Learning Target items under their document, pointing at their standards" "$(cat "$T_DIR/check")" "fine"
# The export re-imports into an empty database without a warning per item.
saved_db=$CAPNET_DB
export CAPNET_DB="sqlite:$T_DIR/reimport.db"
c init
run import case "$T_DIR/targets.json" --format json
expect_rc "the export re-imports into an empty database" 0
expect_out "without warnings" '"warning_count":0'
expect_eq "its three targets stored under the document" "$(sqlite3 "$T_DIR/reimport.db" "SELECT COUNT(*) FROM cf_item WHERE item_type = 'Learning Target' AND parent_id IS NULL")" "3"
expect_eq "with their education level" "$(sqlite3 "$T_DIR/reimport.db" "SELECT education_levels FROM cf_item ORDER BY education_levels DESC LIMIT 1")" "05,06"
export CAPNET_DB=$saved_db
run deliverable export case 1
expect_err "only a learning-target set exports" "only a learning_target_set exports as CASE"
run deliverable --help
expect_out "help lists the verbs" "export case ID"
