# End to end: a state admin imports a district's OneRoster 1.1 bundle from a folder and
# from a zip, imports it again, checks a change with --dry-run, and sees each kind of
# malformed bundle refused with the file, line and column named and nothing written.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin
fixtures="$(cd "$(dirname "$0")/.." && pwd)/fixtures/oneroster"
good="$fixtures/good"

run init
run import oneroster "$good"
expect_rc "the fixture bundle imports" 0
expect_out "the summary counts organizations" "organizations             6        0            0          0"
expect_out "the summary counts people" "people                    6"
expect_out "students and parents are counted, not stored" "users not stored: 2 student, 1 parent"
expect_out "the department is folded into its school" "departments folded into their school: 1"
expect_eq "schools sit under their district" \
	"$(sql "SELECT o.name FROM organization o JOIN organization p ON p.id = o.parent_id WHERE p.sourced_id = 'd-daviess' ORDER BY o.name")" \
	"Apollo High School
Burns Elementary School, Main Campus"
expect_eq "no student is stored" "$(sql "SELECT COUNT(*) FROM person WHERE sourced_id LIKE 'st-%' OR sourced_id = 'p-1'")" "0"
expect_eq "district administrator leads, school administrator is a member" \
	"$(sql "SELECT p.sourced_id || ':' || m.role FROM membership m JOIN person p ON p.id = m.person_id WHERE m.title = 'Administrator' ORDER BY 1")" \
	"u-lead:district_lead
u-owl:district_lead
u-principal:member"
expect_eq "a teacher of two schools has two memberships" "$(sql "SELECT COUNT(*) FROM membership m JOIN person p ON p.id = m.person_id WHERE p.sourced_id = 'u-teach1'")" "2"
expect_eq "email stored in lower case, name with its comma" "$(sql "SELECT email || '|' || family_name FROM person WHERE sourced_id = 'u-teach1' OR sourced_id = 'u-lead' ORDER BY id")" \
	"dee.lead@daviess.kyschools.us|Lead
ana.reyes@daviess.kyschools.us|Reyes, Jr."
expect_eq "enabledUser false is inactive" "$(sql "SELECT active FROM person WHERE sourced_id = 'u-aide'")" "0"
expect_eq "school year 2027 is 2026-27" "$(sql "SELECT DISTINCT school_year FROM academic_session")" "2026-27"
expect_eq "passwords in the file are never read" "$(sql "SELECT COUNT(*) FROM person WHERE password_hash IS NOT NULL")" "0"

audits=$(sql "SELECT COUNT(*) FROM audit_event")
before=$(db_digest)
run import oneroster "$good"
expect_out "a second import changes nothing" "people                    0        0            0          6"
expect_eq "the second import writes only its own audit event" "$(sql "SELECT COUNT(*) FROM audit_event")" "$((audits + 1))"
expect_eq "the second import leaves the records as they were" "$(db_digest)" "$before"

# A copy of the fixture to change one thing at a time.
fresh() {
	rm -rf "$T_DIR/b"
	cp -R "$good" "$T_DIR/b"
	chmod -R u+w "$T_DIR/b"
}
fresh
printf 's-new,active,,New Middle School,school,,d-daviess,,\r\n' >>"$T_DIR/b/orgs.csv"
before=$(db_digest)
run import oneroster "$T_DIR/b" --dry-run
expect_rc "a dry run succeeds" 0
expect_out "a dry run says nothing was written" "checked (dry run, nothing was written)"
expect_out "a dry run counts what it would create" "organizations             1        0            0          6"
expect_eq "a dry run writes nothing" "$(db_digest)" "$before"
run import oneroster "$T_DIR/b" --format json
expect_out "the summary as JSON" '"organizations":{"created":1,"updated":0,"deactivated":0,"unchanged":6'
if printf '%s' "$T_ERR" | grep -q 'importing \['; then t_fail "no progress bar off a terminal" "$T_ERR"; else t_ok "no progress bar off a terminal"; fi

# The same bundle as a zip archive (with a top folder) into a new database.
(cd "$fixtures" && zip -qr "$T_DIR/bundle.zip" good)
saved_db=$CAPNET_DB
export CAPNET_DB="sqlite:$T_DIR/zip.db"
run init
run import oneroster "$T_DIR/bundle.zip"
expect_rc "a zip archive imports" 0
expect_out "the zip gives the same records" "memberships               7"
printf 'not a zip' >"$T_DIR/bad.zip"
run import oneroster "$T_DIR/bad.zip"
expect_err "a file that is not a zip is named" "bad.zip is not a readable zip archive"
export CAPNET_DB=$saved_db

# refuse NAME WANT: the bundle in $T_DIR/b is refused with WANT; nothing changes.
refuse() {
	before=$(db_digest)
	run import oneroster "$T_DIR/b" ${STRICT:-}
	if [ "$T_RC" -ne 1 ]; then t_fail "$1: refused" "exit status $T_RC" "stdout: $T_OUT" "stderr: $T_ERR"; else t_ok "$1: refused"; fi
	expect_err "$1: the message names where" "$2"
	expect_eq "$1: nothing written" "$(db_digest)" "$before"
}

fresh
sed -i 's/,Teacher,areyes/,Teacherr,areyes/' "$T_DIR/b/users.csv"
refuse "a misspelt role" "users.csv:4: column \"role\": 'Teacherr' is not a OneRoster role"
fresh
sed -i '1s/familyName/surname/' "$T_DIR/b/users.csv"
refuse "a missing required column" "users.csv:1: the header lacks the required column \"familyName\""
fresh
sed -i 's/^u-owl,,,true,d-owensboro,administrator,/u-owl,,,true,d-owensboro,/' "$T_DIR/b/users.csv"
refuse "a row with a field missing" "users.csv:8: has 18 fields but the header has 19"
fresh
sed -i 's/^u-owl,,,true,d-owensboro,administrator,oowens,,Olu,/u-owl,,,true,d-owensboro,administrator,oowens,,Ol\xff,/' "$T_DIR/b/users.csv"
refuse "invalid UTF-8" "users.csv:8: column \"givenName\": is not valid UTF-8 (byte 3 of the field is 0xFF)"
fresh
sed -i 's/,KY-301,ky-doe,/,KY-301,ky-dept-of-ed,/' "$T_DIR/b/orgs.csv"
STRICT=--strict refuse "--strict: a dangling parent" "orgs.csv:4: column \"parentSourcedId\": no organization has sourcedId 'ky-dept-of-ed', neither in orgs.csv nor in capnet"
fresh
sed -i 's/,301-020,d-daviess,/,301-020,s-apollo,/' "$T_DIR/b/orgs.csv"
STRICT=--strict refuse "--strict: a school under a school" "orgs.csv:6: column \"parentSourcedId\": the school \"Burns Elementary School, Main Campus\" (s-burns) cannot be under the school \"Apollo High School\" (s-apollo); a school belongs to a district"
fresh
sed -i 's/^u-owl,,,true,d-owensboro/u-owl,,,true,"d-owensboro/' "$T_DIR/b/users.csv"
refuse "a quote left open" "users.csv:8: a quoted field opened here is never closed"
fresh
sed -i 's/,Olu,Owens,/,Olu,O"Owens,/' "$T_DIR/b/users.csv"
refuse "a stray quote" "users.csv:8: a double quote is misplaced"
fresh
sed -i 's/,2026-12-18,sy-2027,/,2026-12-18,sy-2072,/' "$T_DIR/b/academicSessions.csv"
STRICT=--strict refuse "--strict: a missing parent session" "academicSessions.csv:2: column \"parentSourcedId\": no academic session has sourcedId 'sy-2072'"
fresh
sed -i 's/cy.aide@owensboro/olu.owens@owensboro/' "$T_DIR/b/users.csv"
refuse "an email twice" "users.csv:8: column \"email\": olu.owens@owensboro.kyschools.us is also the address on line 7"
fresh
sed -i 's/,2026-08-12,2026-10-09,/,2026-08-12,2026-10-39,/' "$T_DIR/b/academicSessions.csv"
refuse "an impossible date" "academicSessions.csv:5: column \"endDate\": '2026-10-39' is not a date"
fresh
rm "$T_DIR/b/users.csv"
refuse "a file the manifest lists but the bundle lacks" "manifest.csv:18: file.users is bulk but the bundle has no users.csv"
fresh
rm "$T_DIR/b/manifest.csv"
refuse "no manifest" "the bundle has no manifest.csv"
run import oneroster "$T_DIR/b" --mode bulk --dry-run
expect_rc "no manifest, but --mode given" 0

# Bulk: a bulk import without Burns and Ana (and the New Middle School imported above)
# deactivates them, and erases nothing.
fresh
sed -i '/^s-burns,/d' "$T_DIR/b/orgs.csv"
sed -i '/^u-teach1,/,/^Room 4"$/d' "$T_DIR/b/users.csv"
run import oneroster "$T_DIR/b"
expect_out "the summary says what a bulk file no longer has" "deactivated because a bulk file no longer has them: 2 organizations, 1 people"
expect_eq "deactivated, not erased" "$(sql "SELECT active FROM organization WHERE sourced_id = 's-burns'")|$(sql "SELECT active FROM person WHERE sourced_id = 'u-teach1'")" "0|0"
# Delta: tobedeleted deactivates.
fresh
printf 'propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.users,delta\n' >"$T_DIR/b/manifest.csv"
head -n 1 "$good/users.csv" >"$T_DIR/b/users.csv"
printf 'u-owl,tobedeleted,2026-09-01,,,,,,,,,,,,,,,,\n' >>"$T_DIR/b/users.csv"
run import oneroster "$T_DIR/b"
expect_out "a delta deletion deactivates" "people                    0        0            1          0"
expect_err "files the manifest does not list are named" "orgs.csv is in the bundle but manifest.csv does not list file.orgs"

# On a terminal a large import shows its progress (script(1) gives it one).
top="$(cd "$(dirname "$0")/../.." && pwd)"
if command -v script >/dev/null 2>&1; then
	"$top/bench/oneroster_gen" "$T_DIR/large" 3 30 2500 100
	export CAPNET_DB="sqlite:$T_DIR/large.db"
	run init
	script -qec "\"$CAPNET\" import oneroster \"$T_DIR/large\" --dry-run" /dev/null >"$T_DIR/tty.out" 2>&1
	if grep -q 'importing \[' "$T_DIR/tty.out"; then t_ok "a terminal sees a progress bar"; else
		t_fail "a terminal sees a progress bar" "$(tail -c 300 "$T_DIR/tty.out")"; fi
	export CAPNET_DB=$saved_db
else
	T_N=$((T_N + 1)); echo "ok $T_N - a terminal sees a progress bar # SKIP script(1) is not installed"
fi

run import oneroster --help
expect_out "help gives the role mapping" "administrator -> district_lead of a district"
run import
expect_rc "import without a format is a usage error" 2
run import edfi x
expect_err "an unknown format is named" "'edfi' is not a format capnet imports"

# A bundle as districts' systems export it (tests/fixtures/oneroster/district): what is
# sound is imported, each row capnet cannot follow is a warning with file, line and
# column, and --strict refuses it as before.
district="$fixtures/district"
before=$(db_digest)
run import oneroster "$district" --strict
expect_rc "--strict refuses a district's real export" 1
expect_err "--strict names the first dangling reference" \
	"orgs.csv:2: column \"parentSourcedId\": no organization has sourcedId 'state-ky'"
expect_eq "--strict wrote nothing" "$(db_digest)" "$before"
run import oneroster "$district"
expect_rc "a district's real export imports" 0
expect_err "a parent not in the file is a warning" \
	"capnet: warning: orgs.csv:2: column \"parentSourcedId\": no organization has sourcedId 'state-ky', neither in orgs.csv nor in capnet; add it to orgs.csv or correct the reference; imported without it"
expect_err "a school under a school goes to the district it can be traced to" \
	"capnet: warning: orgs.csv:4: column \"parentSourcedId\": the school \"Hancock County High School Annex\" (s-hancock-annex) cannot be under the school \"Hancock County High School\" (s-hancock-hs); a school belongs to a district; attached to the district \"Hancock County Schools\" (d-hancock) it can be traced to"
expect_err "a school with no district is left out" \
	"capnet: warning: orgs.csv:6: column \"parentSourcedId\": no organization has sourcedId 's-nowhere', neither in orgs.csv nor in capnet; add it to orgs.csv or correct the reference; a school belongs to a district, so it is not imported"
expect_err "a session whose parent does not resolve" \
	"capnet: warning: academicSessions.csv:3: column \"parentSourcedId\": no academic session has sourcedId 'sy-2027-statewide'"
expect_err "a user's organization not in the file" \
	"capnet: warning: users.csv:3: column \"orgSourcedIds\": no organization has sourcedId 's-gone'"
expect_out "inactive rows are counted on their own" "rows with status inactive, stored as inactive: 2"
expect_out "the warnings are counted" "rows imported with warnings (see above): 5"
expect_out "inactive is not a deletion" "organizations             4        0            0          0"
expect_eq "the annex sits under the district" \
	"$(sql "SELECT p.sourced_id FROM organization o JOIN organization p ON p.id = o.parent_id WHERE o.sourced_id = 's-hancock-annex'")" "d-hancock"
expect_eq "the district stays at the top" "$(sql "SELECT COUNT(*) FROM organization WHERE sourced_id = 'd-hancock' AND parent_id IS NULL")" "1"
expect_eq "the lost school is not imported" "$(sql "SELECT COUNT(*) FROM organization WHERE sourced_id = 's-lost'")" "0"
expect_eq "the inactive school is stored inactive" "$(sql "SELECT active FROM organization WHERE sourced_id = 's-old-mill'")" "0"
expect_eq "the inactive user is stored inactive" "$(sql "SELECT active FROM person WHERE sourced_id = 'h-retired'")" "0"
expect_eq "the semester has no parent" "$(sql "SELECT COUNT(*) FROM academic_session WHERE sourced_id = 'h-fall-2026' AND parent_id IS NULL")" "1"
expect_eq "the teacher keeps the membership that resolves" \
	"$(sql "SELECT o.sourced_id FROM membership m JOIN person p ON p.id = m.person_id JOIN organization o ON o.id = m.org_id WHERE p.sourced_id = 'h-teach'")" "s-hancock-annex"
run import oneroster "$district" --format json
expect_out "the JSON summary lists each warning with file, line and column" \
	'"warnings":[{"file":"orgs.csv","line":2,"column":"parentSourcedId","message":"no organization has sourcedId'
expect_out "the JSON summary counts inactive rows" '"inactive":2'
before=$(db_digest)
run import oneroster "$district"
expect_out "importing it again changes nothing" "organizations             0        0            0          4"
expect_eq "importing it again leaves the records as they were" "$(db_digest)" "$before"

real=/work/shared/data/oneroster/oat_sa_OneRosterv1p1BaseCSV
if [ -d "$real" ]; then
	before=$(db_digest)
	run import oneroster "$real" --strict
	expect_err "--strict refuses the published sample bundle with its first problem" \
		"orgs.csv:2: column \"parentSourcedId\": the school \"School 1\" (12345) cannot be under the school \"School 2\" (54321)"
	expect_eq "the refused sample wrote nothing" "$(db_digest)" "$before"
	run import oneroster "$real"
	expect_rc "the published sample bundle imports with warnings" 0
	expect_err "its schools without a district are warnings" "orgs.csv:3: column \"parentSourcedId\": the school \"School 2\" (54321) has no parent"
	expect_err "one warning for the school under that school" "orgs.csv:2: column \"parentSourcedId\": the school \"School 1\" (12345) cannot be under the school \"School 2\" (54321); a school belongs to a district; no district can be traced from it, so the school is not imported"
	expect_out "one warning per row" "rows imported with warnings (see above): 2"
else
	T_N=$((T_N + 1)); echo "ok $T_N - the published sample bundle # SKIP /work/shared is absent"
fi
