# End to end: `capnet demo` loads the demo into an empty database and prints how to sign
# in; it refuses a database with data (unchanged) unless told --if-empty, and the
# loaded data is there for the other commands.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run demo --help
expect_rc "demo --help" 0
expect_out "help names the password" "capnet-demo-2026"
run demo --colour red
expect_rc "an unknown option is a usage error" 2

run init
run demo
expect_rc "demo loads into a database made by init" 0
expect_out "the admin account is printed" "admin@demo.capnet.example"
expect_out "the facilitator account is printed" "facilitator@demo.capnet.example"
expect_out "the district lead account is printed" "lead@demo.capnet.example"
expect_out "the member account is printed" "member@demo.capnet.example"
expect_out "the partner account is printed" "partner@demo.capnet.example"
expect_out "the password is printed" "Password for each: capnet-demo-2026"
expect_out "the summary counts the districts" "8 districts"
expect_out "the summary counts the library" "library        18 items"
expect_out "the summary counts the delivered PD" "PD sessions    "
expect_eq "only the role accounts have a password" \
	"$(sql "SELECT COUNT(*) FROM person WHERE password_hash LIKE '\$argon2id%'")" "5"
expect_eq "the demo's meetings mail nobody (its people are made up)" \
	"$(sql "SELECT COUNT(*) FROM mail_outbox") $(sql "SELECT COUNT(*) FROM notify_digest")" "0 0"

before=$(db_digest)
audit=$(sql "SELECT COUNT(*) FROM audit_event")
run demo
expect_rc "a second demo is refused" 1
expect_err "the refusal says why" "already holds data"
if [ "$(t_backend)" = sqlite ]; then
	expect_err "the refusal says how to start fresh" "rm $T_DIR/capnet.db"
else
	expect_err "the refusal says how to start fresh" "drop and create the database again"
fi
expect_eq "the refused demo changed nothing" "$(db_digest)" "$before"
expect_eq "the refused demo wrote no audit event" "$(sql "SELECT COUNT(*) FROM audit_event")" "$audit"

run demo --if-empty
expect_rc "--if-empty on a loaded database succeeds" 0
expect_err "--if-empty says the data is left as it is" "leaving it as it is"
expect_out "--if-empty shows the accounts again" "lead@demo.capnet.example"
expect_eq "--if-empty changed nothing" "$(db_digest)" "$before"

run network list --format csv
expect_out "the mathematics network is listed" "Green River Mathematics Leadership Network"
expect_out "the ELA network is listed" "english_language_arts"
expect_eq "two networks for 2026-27" "$(sql "SELECT COUNT(*) FROM network WHERE school_year = '2026-27'")" "2"
run meeting list --network-id 1 --format csv
expect_out "the mathematics network's first meeting, at its own time" "2026-09-15T09:00:00-05:00"
expect_out "the February meeting, on standard time" "2027-02-09T09:00:00-06:00"
expect_eq "four meetings in the list" "$(printf '%s\n' "$T_OUT" | grep -c 'Meeting [1-4]:')" "4"
expect_eq "meetings stored in UTC" \
	"$(sql "SELECT starts_at || ' ' || tz FROM meeting WHERE id = 1")" "2026-09-15T14:00:00Z America/Chicago"
run meeting agenda list 1 --format csv
expect_out "the agenda has a try-out" "try_out"
run meeting attendance 1 --format csv
expect_out "attendance was taken" "present"
run team list --network-id 2 --format csv
expect_eq "a team per district in the ELA network" "$(printf '%s\n' "$T_OUT" | grep -c 'Schools')" "8"

# The work of the fall, and what the profile makes of it.
run report profile --network 1 --format csv
expect_rc "the mathematics network's profile" 0
flagged=$(printf '%s\n' "$T_OUT" | awk -F'","' '$14 == "yes" { print $2 }')
expect_eq "only Harrods Creek shows the train-the-trainer pattern" "$flagged" "Harrods Creek Independent Schools"
expect_out "its reason names the duplicated set" "train the trainer: 1 of 1 deliverables duplicate their source"
expect_out "its reason names the whole-group days" "540 of 540 PD minutes (100%) were whole-group"
expect_out "its reason names the unchanged re-delivery" "2 of 2 sessions re-delivering network materials did so unchanged"
expect_eq "the other seven teams are not flagged" "$(printf '%s\n' "$T_OUT" | grep -c '"no","not flagged: ')" "7"
expect_out "the adapting team is measured as creating" "not flagged: 0 of 1 deliverables duplicate their source"
expect_eq "most teams' plans are grounded in their assessment" \
	"$(printf '%s\n' "$T_OUT" | awk -F'","' '$6 == "1"' | wc -l | tr -d ' ')" "7"
expect_eq "most teams' PD is job-embedded" \
	"$(printf '%s\n' "$T_OUT" | awk -F'","' '$10 == "1"' | wc -l | tr -d ' ')" "7"
run report profile --network 2 --format csv
expect_eq "no team of the ELA network is flagged" "$(printf '%s\n' "$T_OUT" | grep -c '"yes","train the trainer')" "0"
run library search "number talks" --format csv
expect_out "library search finds a strategy" '"strategy","Number talks","3"'
run library search fractions --format csv --tier 2
expect_out "a tier filter finds the research summary" "What the fractions practice guide recommends"
run standards list --format csv
expect_out "the demo framework was imported" "demo excerpt"
run standards tree 1 --format csv
expect_out "the tree holds grade 4 fractions" "KY.4.NF.2"
expect_eq "the framework has its 37 items" "$(sql "SELECT COUNT(*) FROM cf_item")" "37"
run deliverable lineage 1
expect_out "the adaptation is classified adapted" "Floyds Fork edition\" (Floyds Fork County Schools) from version 3: adapted"
expect_out "the copy is classified duplicate" "(Harrods Creek Independent Schools) from version 3: duplicate, similarity 1.00"
run deliverable notices list --person curtis.hale@harrodscreek.k12.example --format csv
expect_out "the copier is told the source has a new version" "Comparing fractions, grade 4"
run assessment compare 2 --format json
expect_out "last year's assessment shows movement" '"movement":"up"'

run demo --format json --db "sqlite:$T_DIR/fresh.db"
expect_rc "demo creates a new database itself" 0
expect_out "JSON output carries the password" '"password":"capnet-demo-2026"'
expect_err "the new database's schema is created" "created the schema"

export CAPNET_DB="sqlite:$T_DIR/old.db"
run init
run org add --kind state --name "Someone's agency"
before=$(db_digest)
run demo
expect_rc "a database with its own data is refused" 1
expect_eq "its data is untouched" "$(db_digest)" "$before"
run demo --if-empty --format csv
expect_rc "--if-empty leaves it too" 0
expect_eq "no demo accounts to show there" "$T_OUT" ""
