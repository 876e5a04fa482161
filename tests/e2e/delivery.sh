# End to end: a district team's delivery between network meetings from the command
# line: a PLC schedule and its planned sessions, delivered sessions with lineage and
# attendees, walkthroughs, reflections, the capacity-building profile report and the
# iCalendar feeds. Two districts come from tests/fixtures/delivery/profile_world.sql:
# Copyville copies, Adaptford customizes.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin
top=$(cd "$(dirname "$0")/../.." && pwd)

# The fixture gives its rows ids; on PostgreSQL the id sequences are then moved past
# them so that records capnet adds get new ids.
load_fixture() {
	if [ "$(t_backend)" = postgresql ]; then
		psql "$CAPNET_DB" -qAt -v ON_ERROR_STOP=1 -f "$1" >/dev/null
		for t in organization person network team meeting instrument indicator assessment \
			plan plan_goal plan_action library_item deliverable deliverable_version; do
			psql "$CAPNET_DB" -qAt -c "SELECT setval(pg_get_serial_sequence('$t', 'id'),"\
" (SELECT MAX(id) FROM $t))" >/dev/null
		done
	else
		sqlite3 "${CAPNET_DB#sqlite:}" <"$1"
	fi
}

run init
load_fixture "$top/tests/fixtures/delivery/profile_world.sql"
expect_eq "fixture loaded" "$(sql "SELECT COUNT(*) FROM team")" "2"

for c in "pd --help" "pd schedule --help" "pd session --help" "pd attendee --help" \
	"pd schedule generate --help" "pd session deliver --help" "walkthrough --help" \
	"reflection --help" "reflection share --help" "report profile --help" "export ical --help"; do
	# shellcheck disable=SC2086
	run $c
	expect_rc "capnet $c" 0
done

# A PLC on the second Tuesday of each month at Adaptford Elementary.
before=$(db_digest)
run pd schedule add --plan-id 3 --school-id 6 --recurrence monthly --weekday tuesday --start-time 15:30 --minutes 60
expect_rc "a monthly schedule without its week is refused" 1
expect_err "the refusal names week_of_month" "week_of_month: a monthly schedule needs the week of the month"
run pd schedule add --plan-id 3 --school-id 5 --recurrence weekly --weekday tuesday --start-time 15:30 --minutes 60
expect_err "a school of another district is refused" "school_id: organization 5 is not a school of the plan's district"
run pd schedule add --plan-id 3 --school-id 6 --recurrence weekly --weekday someday --start-time 15:30 --minutes 60
expect_err "a misspelt weekday lists the days" "'someday' is not one of: sunday, monday"
run pd schedule add --plan-id 3 --school-id 6 --recurrence weekly --weekday tuesday --start-time 3pm --minutes 60
expect_err "a bad start time is explained" "start_time: '3pm' is not a time of day; write it as HH:MM"
expect_eq "refused schedules change nothing" "$(db_digest)" "$before"
run pd schedule add --plan-id 3 --school-id 6 --action-id 6 --recurrence monthly --weekday tuesday --week-of-month 2 --start-time 15:30 --minutes 60 --starts-on 2026-09-01 --ends-on 2027-05-31 --format json
expect_out "schedule created" '"weekday":"tuesday"'
run pd schedule generate 1 --format csv
expect_rc "generate" 0
expect_out "second Tuesday of October" "2026-10-13"
expect_err "generate reports what it did" "9 sessions added, 0 kept"
expect_eq "nine planned sessions" "$(sql "SELECT COUNT(*) FROM pd_session WHERE status = 'planned' AND team_id = 2")" "9"
run pd schedule generate 1
expect_err "generating again duplicates nothing" "0 sessions added, 9 kept"

# Delivering a planned session, and a delivered one from a network meeting.
run pd session deliver 1 --changes-note "our own students' exit tickets" --source-meeting-id 1 --format json
expect_out "planned session delivered" '"status":"delivered"'
expect_out "lineage kept with what changed" '"unchanged_redelivery":false'
before=$(db_digest)
run pd session deliver 1
expect_rc "delivering twice is refused" 1
expect_err "and says so" "PD session 1 was already delivered on 2026-09-08"
run pd session add --team-id 1 --school-id 5 --title "Number talks day" --held-on 2025-08-10 --minutes 360 --pd-format whole_group
expect_err "a day outside the school year is refused" "held_on: 2025-08-10 is outside the team's school year 2026-27"
run pd session add --team-id 1 --school-id 5 --title "Number talks day" --held-on 2026-08-10 --minutes 360 --pd-format webinar
expect_err "a misspelt format lists the formats" "pd_format: 'webinar' is not one of: plc, coaching, whole_group, other"
run pd session add --team-id 1 --school-id 5 --title "Number talks day" --held-on 2026-08-10 --minutes 900 --pd-format whole_group
expect_err "minutes are bounded" "minutes: 900 is out of range"
run pd session add --team-id 1 --school-id 5 --title "Day" --held-on 2026-08-10 --minutes 360 --pd-format whole_group --source-version-id 42
expect_err "an unknown source version is named" "source_version_id: there is no deliverable version with id 42"
expect_eq "refused sessions change nothing" "$(db_digest)" "$before"
run pd session add --team-id 1 --school-id 5 --title "Number talks day" --held-on 2026-08-10 --start-time 08:00 --tz America/Chicago --minutes 360 --pd-format whole_group --source-deliverable-id 1 --format json
expect_out "a re-delivery without changes is flagged" '"unchanged_redelivery":true'
expect_out "the deliverable's latest version is kept" '"source_version_id":1'
run pd session list --team-id 1 --pd-format whole-group --format csv
expect_out "list filters by team and format" "Number talks day"

run pd attendee add 10 cal@copyville.org 1
expect_rc "attendees by email and id" 0
before=$(db_digest)
run pd attendee add 10 nobody@copyville.org
expect_err "an unknown email is named" "no person has the email nobody@copyville.org"
run pd attendee add 10 2 77
expect_err "an unknown person is named" "there is no person with id 77"
expect_eq "refused attendees change nothing" "$(db_digest)" "$before"
run pd attendee list 10 --format csv
expect_out "attendees listed" "cal@copyville.org"

# Classroom evidence and reflections.
run walkthrough add --team-id 2 --school-id 6 --observed-on 2026-10-20 --item-id 1 --note "number talk in 3 of 4 rooms"
expect_err "observed yes/no is required" "observed: is required"
run walkthrough add --team-id 2 --school-id 6 --observed-on 2026-10-20 --item-id 1 --observed yes --format json
expect_out "walkthrough recorded" '"observed":true'
run reflection add --meeting-id 1 --person-id 3 --distill "Number talks build fluency" --contextualize "Start with grade 3" --format json
expect_out "a reflection is private at first" '"shared":false'
expect_out "it knows the author's team" '"team_id":2'
run reflection share 1 --format json
expect_out "shared with the team" '"shared":true'
before=$(db_digest)
run reflection add --meeting-id 1 --person-id 4 --distill "x"
expect_err "someone outside the network cannot reflect" "person_id: person 4 is neither on a team nor a facilitator"
run reflection add --meeting-id 1 --person-id 3 --distill "again"
expect_err "one reflection per person and meeting" "already reflected on meeting 1 (reflection 1)"
expect_eq "refused reflections change nothing" "$(db_digest)" "$before"

# The profile report.
run report profile --network 1
expect_rc "profile table" 0
expect_out "network header" "2 teams, 1 flagged"
expect_out "the flag spells out why" "Copyville Independent: train the trainer: 2 of 2 deliverables duplicate their source"
run report profile --network 1 --team 1
expect_out "a team's report lists the records" "deliverable 2 Copyville number talks unit, 2026-07-21: duplicate"
run report profile --network 1 --format json
expect_out "JSON has the flag" '"flagged":true'
expect_out "JSON names the Guskey level" '"guskey_label":"use of new knowledge and skills"'
run report profile --network 1 --format csv --view components
expect_out "CSV components" '"team_id","team","component","measured","numerator","denominator","share"'
run report profile --network 1 --format xlsx
expect_rc "xlsx without --output is refused" 2
expect_err "and says why" "--format xlsx writes a binary workbook: give --output FILE"
run report profile --network 1 --format xlsx --output "$T_DIR/profile.xlsx"
expect_rc "xlsx written" 0
sheets=$(python3 -c "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); w=z.read('xl/workbook.xml').decode(); print(' '.join(n for n in ('Teams','Components','Evidence') if 'name=\"'+n+'\"' in w))" "$T_DIR/profile.xlsx" 2>&1)
expect_eq "one sheet per view" "$sheets" "Teams Components Evidence"
numeric=$(python3 -c "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); s=z.read('xl/worksheets/sheet1.xml').decode(); print('yes' if '<c r=\"A2\" s=\"0\"><v>' in s or '<c r=\"A2\"><v>' in s else s[:400])" "$T_DIR/profile.xlsx" 2>&1)
expect_eq "ids are numbers, not text" "$numeric" "yes"
run report profile --network 1 --team 9
expect_err "an unknown team" "there is no team with id 9"
run report profile --network 1 --view everything
expect_rc "an unknown view is a usage error" 2

# iCalendar feeds.
run export ical --network 1
expect_out "network feed" "BEGIN:VCALENDAR"
expect_out "meeting in its own zone" "DTSTART;TZID=America/Chicago:20260720T080000"
expect_out "its VTIMEZONE" "TZID:America/Chicago"
run export ical --team 1
expect_out "team feed keeps the session's uid" "UID:$(sql "SELECT uid FROM pd_session WHERE id = 10")"
run export ical --team 2
expect_out "planned sessions are tentative" "STATUS:TENTATIVE"
run export ical --network 1 --team 1
expect_rc "network and team together is a usage error" 2
run export ical --team 99
expect_err "an unknown team" "there is no team with id 99"

# Records of what happened cannot be dated after today (issue 13); a planned session can.
later=$(date -u -d '+40 days' +%Y-%m-%d)
run pd session add --team-id 1 --school-id 5 --title "Later" --held-on "$later" --minutes 60 --pd-format plc
expect_err "a delivered session in the future is refused, naming the field" "held_on: $later is in the future"
run pd session add --team-id 1 --school-id 5 --title "Later" --held-on "$later" --minutes 60 --pd-format plc --status planned
expect_rc "a planned one ahead is fine" 0
run walkthrough add --team-id 1 --school-id 5 --observed-on "$later" --observed true
expect_err "so is a walkthrough in the future" "observed_on: $later is in the future"
