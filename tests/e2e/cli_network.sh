# End to end: an admin builds a network from the command line: organizations, people,
# a network with facilitator, district teams, meetings with agenda and attendance.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run init
expect_rc "init creates the database" 0
run init
expect_err "init again changes nothing" "0 migrations applied"

run org add --kind state --name "Kentucky Department of Education"
run org add --kind cooperative --name "Green River Regional Educational Cooperative" --parent-id 1
run org add --kind district --name "Daviess County Public Schools" --parent-id 2
expect_rc "a district under a cooperative" 0
run org add --kind school --name "Apollo High School"
expect_rc "a school without district is refused" 1
expect_err "the refusal names the field" "parent_id: a school needs its district"
run org add --kind school --name "Apollo High School" --parent-id 3 --format json
expect_out "school created as JSON" '"parent_id":3'
run org add --kind distrct --name X
expect_err "a misspelt kind lists the choices" "'distrct' is not one of: state, cooperative, district"
run org add --kind district --name "Owensboro Independent" --parent-id 2 --colour red
expect_rc "an unknown option is a usage error" 2
expect_err "the usage error names the option" "--colour is not a field"

printf 'correct horse battery\n' >"$T_DIR/pw"
run user add --given-name Ana --family-name Reyes --email Ana.Reyes@GRREC.org --org 2 --role facilitator --password-stdin <"$T_DIR/pw"
expect_rc "user add with role and password" 0
expect_eq "email stored in lower case" "$(sql "SELECT email FROM person")" "ana.reyes@grrec.org"
expect_eq "password stored as argon2id" "$(sql "SELECT substr(password_hash,1,9) FROM person")" '$argon2id'
printf 'short\n' >"$T_DIR/pw2"
before=$(db_digest)
run user add --given-name Bo --family-name Short --email bo@daviess.kyschools.us --password-stdin <"$T_DIR/pw2"
expect_err "a short password is refused" "password: is 5 characters"
expect_eq "nothing half-made after a refused user" "$(db_digest)" "$before"
run user add --given-name Dee --family-name Lead --email dee@daviess.kyschools.us --org 3 --role district_lead --no-password
expect_rc "a district lead" 0

run network add --name "Green River Mathematics Leadership Network" --content-area mathematics --region-id 2 --school-year 2026-27
expect_rc "network add" 0
run network add --name "Bad" --content-area mathematics --region-id 3 --school-year 2026-27
expect_err "a district cannot run a network" "region_id: organization 3 is a district"
run network add --name "Bad" --content-area mathematics --school-year 2026-2027
expect_err "school year format is explained" "write it like 2026-27"
run network facilitator add 1 ana.reyes@grrec.org
expect_rc "facilitator by email" 0
run network facilitator list 1 --format csv
expect_out "facilitator listed" "ana.reyes@grrec.org"

run team add --network-id 1 --district-id 3
expect_out "team named after its district" "Daviess County Public Schools"
run team add --network-id 1 --district-id 3
expect_err "one team per district and network" "already has a team in this network"
run team add --network-id 1 --district-id 4
expect_err "a school is not a district" "organization 4 is a school"
run team list --network-id 1 --format csv
expect_out "list filters are flags with dashes, as in --help" "Daviess County Public Schools"
run team member add 1 dee@daviess.kyschools.us --role lead
expect_rc "team lead added" 0
run team member list 1 --format json
expect_out "lead listed" '"role":"lead"'

run meeting add --network-id 1 --title "Meeting 1: Number talks" --starts-at 2026-09-15T09:00 --ends-at 2026-09-15T15:00 --tz America/Chicago --place "GRREC, Room 4" --format json
expect_out "meeting shown in its own zone" '"starts_at":"2026-09-15T09:00:00-05:00"'
expect_eq "meeting stored in UTC" "$(sql "SELECT starts_at FROM meeting")" "2026-09-15T14:00:00Z"
run meeting add --network-id 1 --title "Bad" --starts-at 2026-09-15T09:00 --ends-at 2026-09-15T08:00
expect_err "end before start is refused" "ends_at: the meeting must end after it starts"
run meeting add --network-id 1 --title "Bad" --starts-at 2026-09-15T09:00 --ends-at 2026-09-15T15:00 --tz Mars/Olympus
expect_err "an unknown zone is named" "'Mars/Olympus' is not a known time zone"
run meeting agenda add --meeting-id 1 --kind present --title "Research on number talks" --minutes 45
run meeting agenda add --meeting-id 1 --kind try-out --title "Try a number talk" --minutes 60
expect_rc "agenda items" 0
run meeting agenda list 1 --format csv
expect_out "agenda in order with positions" '"2","try_out","Try a number talk"'
run meeting attend 1 dee@daviess.kyschools.us
run meeting attend 1 ana.reyes@grrec.org --status excused
run meeting attendance 1 --format json
expect_out "attendance lists the team of a team member" '"team_id":1'
run meeting attend 1 99
expect_err "attendance of an unknown person" "person_id: person 99 is on no team of this meeting's network"

run network view 1
expect_out "the network's view lists its team with its lead" '"name":"Dee Lead","email":"dee@daviess.kyschools.us","role":"lead","team_id":1}]'
expect_out "the view lists the meeting" '"title":"Meeting 1: Number talks"'
expect_out "the view says what the operator may do" '"add_meeting":true'
run network view 9
expect_rc "the view of no network fails" 1
expect_err "the view names what is missing" "there is no network with id 9"

run meeting update 1 --title "Meeting 1: Number talks in K-5" --if-version 1
expect_rc "update with the current version" 0
run meeting update 1 --title "Stale edit" --if-version 1
expect_rc "stale update refused" 1
expect_err "stale update explained" "changed by someone else"
expect_eq "every change is audited" "$(sql "SELECT CASE WHEN COUNT(*) > 10 THEN 1 ELSE 0 END FROM audit_event")" "1"
run --help
expect_out "help lists commands" "meeting"
run meeting --help
expect_out "meeting help shows an example" "--tz America/Chicago"

CAPNET_DB="sqlite:$T_DIR/new.db"
run org list
expect_err "an uninitialized database says to run init" "run \`capnet init\`"
