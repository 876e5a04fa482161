# End to end: moving an installation to another database with migrate-data. The
# target is the test database (SQLite, or PostgreSQL in the PostgreSQL run); the
# source is always a SQLite file, as when an installation grows onto PostgreSQL.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin
target=$CAPNET_DB
src="sqlite:$T_DIR/source.db"
CAPNET_DB=$src

run init
run org add --kind state --name "Kentucky Department of Education"
run org add --kind cooperative --name "Green River Regional Educational Cooperative" --parent-id 1
run org add --kind district --name "Daviess County Public Schools" --parent-id 2
run org add --kind district --name "Owensboro Independent" --parent-id 2
run org add --kind school --name "Apollo High School" --parent-id 3
# A parent with a higher id than its child: rows cannot simply go in id order.
run org add --kind cooperative --name "Ohio Valley Educational Cooperative" --parent-id 1
run org update 4 --parent-id 6
printf 'correct horse battery\n' >"$T_DIR/pw"
run user add --given-name Ana --family-name Reyes --email ana@grrec.org --org 2 --role facilitator --password-stdin <"$T_DIR/pw"
run network add --name "Green River Mathematics Leadership Network" --content-area mathematics --region-id 2 --school-year 2026-27
run network facilitator add 1 ana@grrec.org
run team add --network-id 1 --district-id 3
run meeting add --network-id 1 --title "Meeting 1" --starts-at 2026-09-15T09:00 --ends-at 2026-09-15T15:00 --tz America/Chicago
run meeting agenda add --meeting-id 1 --kind try_out --title "Number talks" --minutes 60
run meeting attend 1 ana@grrec.org
expect_rc "source built" 0
source_orgs=$(sql "SELECT COUNT(*) FROM organization")
source_audit=$(sql "SELECT COUNT(*) FROM audit_event")

CAPNET_DB=$target
run migrate-data --from "$src" --to "$target" --format csv
expect_rc "migrate-data copies the installation" 0
expect_out "every table verified" '"organization","6"'
expect_err "a total is reported" "copied and verified"
expect_eq "organizations all there" "$(sql "SELECT COUNT(*) FROM organization")" "$source_orgs"
expect_eq "the audit log comes along" "$(sql "SELECT COUNT(*) FROM audit_event")" "$source_audit"
expect_eq "the late parent link survived" "$(sql "SELECT parent_id FROM organization WHERE id = 4")" "6"
run meeting list --format json
expect_out "meeting time and zone kept" '"starts_at":"2026-09-15T09:00:00-05:00"'
run org add --kind school --name "Owensboro High School" --parent-id 4 --format json
expect_out "new records continue after the copied ids" '"id":7'
run token create --email ana@grrec.org
expect_rc "people and their sign-in came along" 0

before=$(db_digest)
run migrate-data --from "$src" --to "$target"
expect_rc "copying into a database with data is refused" 1
expect_err "the refusal says why" "the target already holds data"
expect_eq "the target is unchanged" "$(db_digest)" "$before"
run migrate-data --from "sqlite:$T_DIR/missing/none.db" --to "sqlite:$T_DIR/other.db"
expect_err "an unreadable source is named" "from:"
run migrate-data --from "$src"
expect_rc "both ends are required" 2
