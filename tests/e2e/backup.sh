# End to end: `capnet backup` copies a SQLite installation while `capnet serve` runs on
# it, and `capnet restore` brings the copy into a new, empty database (SQLite, or
# PostgreSQL in the PostgreSQL run), verified table by table. On PostgreSQL, backup
# says to use pg_dump and prints the command.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin
target=$CAPNET_DB
src="sqlite:$T_DIR/live.db"
export CAPNET_DB=$src

run init
c org add --kind state --name "Kentucky Department of Education"
c org add --kind cooperative --name "Green River Regional Educational Cooperative" --parent-id 1
c org add --kind district --name "Daviess County Public Schools" --parent-id 2
printf 'correct horse battery\n' >"$T_DIR/pw"
c user add --given-name Ana --family-name Reyes --email ana@grrec.org --org 2 --role facilitator --password-stdin <"$T_DIR/pw"
c network add --name "Green River Mathematics Leadership Network" --content-area mathematics --region-id 2 --school-year 2026-27
c team add --network-id 1 --district-id 3
source_orgs=$(sql "SELECT COUNT(*) FROM organization")

run backup --help
expect_out "backup has help" "usage: capnet backup --to FILE"
run restore --help
expect_out "restore has help" "usage: capnet restore --from FILE"

# While the server runs on it, and while someone writes.
srv_start
c org add --kind district --name "Owensboro Independent" --parent-id 2
run backup --to "$T_DIR/nightly.db" --format csv
expect_rc "backup while serve runs" 0
expect_out "each table's rows in the copy" '"organization","4"'
expect_err "backup says what it wrote" "capnet: backed up"
expect_eq "the copy passes SQLite's integrity check" "$(sqlite3 "$T_DIR/nightly.db" 'PRAGMA integrity_check')" "ok"
c org add --kind district --name "Hancock County Schools" --parent-id 2
srv_stop
run backup --to "$T_DIR/nightly.db"
expect_rc "an existing file is not overwritten" 1
expect_err "and says so" "nightly.db already exists"
run backup
expect_rc "backup needs --to" 2

# Restore into a new database: the backend under test.
export CAPNET_DB=$target
run restore --from "$T_DIR/nightly.db" --format csv
expect_rc "restore into an empty database" 0
expect_out "every table verified" '"organization","4",'
expect_err "restore says it verified the copy" "restored and verified"
expect_eq "the organizations of the backup are there" "$(sql "SELECT COUNT(*) FROM organization")" "$((source_orgs + 1))"
expect_eq "and not the one added after it" "$(sql "SELECT COUNT(*) FROM organization WHERE name = 'Hancock County Schools'")" "0"
run token create --email ana@grrec.org
expect_rc "people and their sign-in came back" 0
before=$(db_digest)
run restore --from "$T_DIR/nightly.db"
expect_rc "restoring into a database with data is refused" 1
expect_err "the refusal says why" "the target already holds data"
expect_eq "the target is unchanged" "$(db_digest)" "$before"
run restore --from "$T_DIR/none.db"
expect_rc "a missing backup is refused" 1
expect_err "and named" "none.db"

if [ "$(t_backend)" = postgresql ]; then
	run backup --to "$T_DIR/pg.dump"
	expect_rc "backup on PostgreSQL does not pretend" 1
	expect_err "it says to use pg_dump" "use pg_dump"
	expect_out "and prints the command" "pg_dump --format=custom --file="
else
	T_N=$((T_N + 1)); echo "ok $T_N - backup on PostgreSQL prints the pg_dump command # SKIP SQLite run"
fi
