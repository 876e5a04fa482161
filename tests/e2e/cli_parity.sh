#!/bin/sh
# End to end: what the API and the pages could do alone is on the command line too
# (issue 18): a meeting's materials (`meeting materials`) and the audit log
# (`capnet audit` with its filters).
. "$(dirname "$0")/../e2e_lib.sh"
t_begin
c demo

# A meeting's materials, as GET /meetings/{id}/materials lists them.
run meeting materials list 1 --format csv
expect_rc "meeting materials list answers" 0
expect_out "it lists the agenda's library items" '"library_item","12","Effective teacher professional development"'
run meeting materials add 1 --library-item 5
expect_rc "materials add links a library item" 0
run meeting materials list 1 --format json
expect_out "the item is listed" '"id":5,'
run meeting materials add 1 --library-item 5
expect_rc "linking it again is refused" 1
run meeting materials remove 1 --library-item 5
expect_rc "materials remove unlinks it" 0
run meeting materials list 1 --format json
case "$T_OUT" in *'"entity":"library_item","id":5,'*) t_fail "it is gone" "$T_OUT" ;; *) t_ok "it is gone" ;; esac
run meeting materials add 1
expect_rc "add without a material is a usage error" 2
expect_err "saying what to give" "--library-item ID or --deliverable ID"
run meeting materials --help
expect_out "--help shows the verbs" "capnet meeting materials list MEETING"

# The audit log, as GET /api/v1/audit shows it.
run audit --help
expect_rc "audit --help" 0
expect_out "names the filters" "--since DATE] [--until DATE]"
run audit --entity agenda_item_link --format json
expect_out "the link and its removal are in the log" '"action":"delete","entity":"agenda_item_link"'
expect_out "with the record before" '"before":{'
run audit --entity agenda_item --entity-id 44 --format csv
expect_out "one record's changes" '"create","agenda_item","44"'
expect_eq "and no other record's" "$(printf '%s\n' "$T_OUT" | grep -c '"agenda_item","4[0-35-9]"')" "0"
run audit --limit 2 --format csv
expect_eq "--limit 2 lists two changes" "$(printf '%s\n' "$T_OUT" | tail -n +2 | wc -l | tr -d ' ')" "2"
expect_err "and says where the next page starts" "--cursor"
run audit --until 2000-01-01 --format json
expect_eq "nothing happened before 2000" "$T_OUT" "[]"
run audit --since 2100-01-01 --format json
expect_eq "nor after 2100" "$T_OUT" "[]"
today=$(date -u +%Y-%m-%d)
run audit --since "$today" --until "$today" --entity agenda_item_link --format json
expect_out "a day's changes, since its start until its end" '"entity":"agenda_item_link"'
run audit --since yesterday
expect_rc "a date that is not one is refused" 1
expect_err "naming the option" "--since: 'yesterday' is not a date"
run audit --actor nobody@nowhere.example
expect_rc "an unknown actor is refused" 1
token=$("$CAPNET" token create --email admin@demo.capnet.example 2>/dev/null)
srv_start || exit 1
H_TOKEN=$token
json POST /api/v1/organizations '{"kind":"school","name":"Audit Test School","parent_id":5}'
run audit --actor admin@demo.capnet.example --format json
expect_out "--actor lists the admin's change through the API" '"entity":"organization"'
