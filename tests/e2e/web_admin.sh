# End to end: the admin pages through curl, on the demo. An admin finds people page by
# page, adds a person (a bad email is shown beside its field with the input kept) and an
# organization, and uploads a CASE package and a OneRoster bundle from the browser's
# forms and sees the counts; a broken upload shows its file, line and column and
# changes nothing. Other roles get 403; forms without the CSRF token too.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run demo
expect_rc "the demo loads" 0
srv_start || exit 1
fixtures="$(dirname "$0")/../fixtures"
admin="$T_DIR/admin" fac="$T_DIR/fac" lead="$T_DIR/lead" mem="$T_DIR/mem"
web_signin admin@demo.capnet.example "$admin"
web_signin facilitator@demo.capnet.example "$fac"
web_signin lead@demo.capnet.example "$lead"
web_signin member@demo.capnet.example "$mem"

http GET /admin -b "$admin"
expect_status "the admin page" 200
expect_body "links to people, organizations and imports" '<a href="/admin/imports">Imports</a>'
for who in fac lead mem; do
	eval jar=\$$who
	for page in /admin /admin/people /admin/organizations /admin/imports; do
		http GET "$page" -b "$jar"
		expect_status "$page is for admins only ($who: 403)" 403
	done
done
http GET /dashboard -b "$mem"
expect_body_lacks "the Admin link shows to admins only" 'href="/admin"'
http GET /dashboard -b "$admin"
expect_body "and to them it does" 'href="/admin"'

# --- People ----------------------------------------------------------------------------
http GET /admin/people -b "$admin"
expect_body "the first page of people, each linked to their page" '<th scope="row"><a href="/admin/people/1">Teresa Vaughn</a></th>'
expect_body "with their roles" '<span class="tag">Admin, Kentucky Department of Education</span>'
next=$(printf '%s' "$H_BODY" | grep -o 'rel="next" href="[^"]*"' | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
expect_eq "60 people make more than one page" "$next" "/admin/people?q=&cursor=50"
http GET "$next" -b "$admin"
expect_body "the next page goes on" "<th scope=\"row\">"
expect_body_lacks "without the first page's people" '>Teresa Vaughn</a></th>'
http GET "/admin/people?q=tradewater" -b "$admin"
expect_body "a search by email finds the district's people" "Priya Natarajan"
expect_body_lacks "and no one else" "Angela Pruitt"

web_csrf "$admin"
before=$(db_digest)
xss='<script>alert(1)</script>'
http POST /admin/people -b "$admin" --data-urlencode "csrf=$W_CSRF" --data-urlencode "given_name=Zoe" --data-urlencode "family_name=Quinn $xss" -d "email=not-an-email&org_id=5&role=member"
expect_status "a bad email is refused" 400
expect_body "beside the email field" '<p class="field-error" id="email-error">'
expect_body "with the email kept" '<input id="email" name="email" type="email" value="not-an-email" aria-invalid="true"'
expect_body "and the names kept, escaped" 'value="Quinn &lt;script&gt;alert(1)&lt;/script&gt;"'
expect_body "and the organization kept" '<option value="5" selected>'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST /admin/people -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "given_name=Zoe&family_name=Quinn&org_id=5"
expect_status "an organization without a role is refused" 400
expect_body "beside the role" 'id="role-error">Choose the person&#39;s role in the organization.</p>'
http POST /admin/people -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "given_name=Zoe&family_name=Quinn&email=lead@demo.capnet.example"
expect_status "an email someone has is refused" 409
expect_body "saying whose it is, beside the field" 'id="email-error">lead@demo.capnet.example is already the address of person 7</p>'
expect_eq "and nothing is written" "$(db_digest)" "$before"
http POST /admin/people -b "$admin" -d "given_name=Zoe&family_name=Quinn&email=zoe.quinn@tradewater.k12.example"
expect_status "a form without the CSRF token is refused" 403
http POST /admin/people -b "$admin" --data-urlencode "csrf=$W_CSRF" --data-urlencode "family_name=Quinn $xss" -d "given_name=Zoe&email=zoe.quinn@tradewater.k12.example&org_id=5&role=member"
expect_status "an admin adds a person with a role" 303
expect_eq "the person and the role, in one go" "$(sql "SELECT m.role || ' ' || m.org_id FROM person p JOIN membership m ON m.person_id = p.id WHERE p.email = 'zoe.quinn@tradewater.k12.example'")" "member 5"
http GET "/admin/people?q=zoe.quinn" -b "$admin"
expect_body "who is listed, escaped" "Zoe Quinn &lt;script&gt;alert(1)&lt;/script&gt;"
expect_body_lacks "never as a script" "$xss"
web_csrf "$lead"
http POST /admin/people -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "given_name=Al&family_name=Lead&email=al@tradewater.k12.example"
expect_status "a lead may not use the admin form" 403

# --- One person ------------------------------------------------------------------------
# The admin opens a person's page, edits their name and email, gives and removes a role,
# and deactivates them: their session stops at once and they cannot sign in until she
# reactivates them.
zoe=$(sql "SELECT id FROM person WHERE email = 'zoe.quinn@tradewater.k12.example'")
http GET "/admin/people?q=zoe.quinn" -b "$admin"
expect_body "the list links to the person's page" "<a href=\"/admin/people/$zoe\">Zoe Quinn &lt;script&gt;"
http GET "/admin/people/$zoe" -b "$admin"
expect_status "a person's page" 200
expect_body "with their name, escaped" "<h1>Zoe Quinn &lt;script&gt;alert(1)&lt;/script&gt;</h1>"
expect_body_lacks "never as a script" "$xss"
expect_body "their role" '<li><strong>Member</strong>, Tradewater County Public Schools <span class="tag">Current</span>'
expect_body "an edit form with their email" 'name="email" type="email" value="zoe.quinn@tradewater.k12.example"'
expect_body "and a button to deactivate them" "action=\"/admin/people/$zoe/deactivate\""
for who in fac lead mem; do
	eval jar=\$$who
	http GET "/admin/people/$zoe" -b "$jar"
	expect_status "a person's page is for admins only ($who: 403)" 403
done
http GET /admin/people/99999 -b "$admin"
expect_status "a person who does not exist: 404" 404
web_csrf "$admin"
version=$(sql "SELECT version FROM person WHERE id = $zoe")
sql "UPDATE person SET version = version + 1 WHERE id = $zoe" # someone else's change
http POST "/admin/people/$zoe" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "version=$version&given_name=Zoe&family_name=Quinn&email=zoe.q@tradewater.k12.example"
expect_status "a form read before someone else's change is refused" 412
expect_body "saying so plainly" "Someone else changed this person after you opened the page."
expect_body "with the input kept" 'value="zoe.q@tradewater.k12.example"'
version=$((version + 1))
before=$(db_digest)
http POST "/admin/people/$zoe" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "version=$version&given_name=Zoe&family_name=Quinn&email=zoe@"
expect_status "a bad email is refused" 400
expect_body "beside the email field" '<p class="field-error" id="email-error">'
expect_body "with the input kept" 'name="email" type="email" value="zoe@" aria-invalid="true"'
expect_body "and the name as typed" 'name="family_name" type="text" value="Quinn"'
http POST "/admin/people/$zoe" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "version=$version&given_name=&family_name=Quinn&email=zoe.q@tradewater.k12.example"
expect_status "an empty given name is refused" 400
expect_body "beside its field" '<p class="field-error" id="given_name-error">'
http POST "/admin/people/$zoe" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "version=$version&given_name=Zoe&family_name=Quinn&email=lead@demo.capnet.example"
expect_status "an email someone else has is refused" 409
expect_body "beside the email field" 'id="email-error">lead@demo.capnet.example is already the address of person 7</p>'
http POST "/admin/people/$zoe" -b "$admin" -d "version=$version&given_name=Zoe&family_name=Quinn"
expect_status "a form without the CSRF token is refused" 403
expect_eq "nothing was written" "$(db_digest)" "$before"
web_csrf "$lead"
http POST "/admin/people/$zoe" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "version=$version&given_name=Zoe&family_name=Quinn"
expect_status "a lead may not use the admin form" 403
web_csrf "$admin"
http POST "/admin/people/$zoe" -b "$admin" --data-urlencode "csrf=$W_CSRF" --data-urlencode "given_name=Zoë \"><img src=x onerror=alert(1)>" -d "version=$version&family_name=Quinn&email=zoe.q@tradewater.k12.example"
expect_status "an admin changes the name and email" 303
expect_header "and is sent back to the page" "Location: /admin/people/$zoe?done=saved"
expect_eq "which are stored" "$(sql "SELECT family_name || ' ' || email FROM person WHERE id = $zoe")" "Quinn zoe.q@tradewater.k12.example"
http GET "/admin/people/$zoe?done=saved" -b "$admin"
expect_body "the page says so" "The changes were saved."
expect_body "and shows the new name, escaped" "<h1>Zoë &quot;&gt;&lt;img src=x onerror=alert(1)&gt; Quinn</h1>"
expect_body_lacks "never as markup" '"><img src=x'

before=$(db_digest)
http POST "/admin/people/$zoe/memberships" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "org_id=5&role="
expect_status "a role without a role is refused" 400
expect_body "beside the role" 'id="role-error">Choose the role in the organization.</p>'
expect_body "with the organization kept" '<option value="5" selected>'
http POST "/admin/people/$zoe/memberships" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "org_id=5&role=member"
expect_status "a role she already has is refused" 409
expect_body "beside the role, saying so" 'already has this role in Tradewater County Public Schools.</p>'
http POST "/admin/people/$zoe/memberships" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "org_id=99999&role=member"
expect_status "an organization that does not exist is refused" 400
expect_body "beside the organization" 'id="org_id-error">'
http POST "/admin/people/$zoe/memberships" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "org_id=5&role=chief"
expect_status "a role that is none of them is refused" 400
expect_body "beside the role" 'id="role-error">'
expect_eq "nothing was written" "$(db_digest)" "$before"
web_csrf "$lead"
http POST "/admin/people/$zoe/memberships" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "org_id=5&role=district_lead"
expect_status "a lead may not give roles here" 403
web_csrf "$admin"
http POST "/admin/people/$zoe/memberships" -b "$admin" --data-urlencode "csrf=$W_CSRF" --data-urlencode "title=Math coach <b>" -d "org_id=5&role=district_lead"
expect_status "an admin gives a second role" 303
http GET "/admin/people/$zoe?done=role-added" -b "$admin"
expect_body "which is listed, its title escaped" '<strong>District lead</strong>, Tradewater County Public Schools (Math coach &lt;b&gt;) <span class="tag">Current</span>'
role=$(sql "SELECT id FROM membership WHERE person_id = $zoe AND role = 'district_lead'")
http POST "/admin/people/$zoe/memberships/$role/remove" -b "$admin" --data-urlencode "csrf=$W_CSRF"
expect_status "and removes it" 303
expect_eq "the role is ended, kept as history" "$(sql "SELECT active FROM membership WHERE id = $role")" "0"
http GET "/admin/people/$zoe?done=role-removed" -b "$admin"
expect_body "marked ended" '<strong>District lead</strong>, Tradewater County Public Schools (Math coach &lt;b&gt;) <span class="tag">Ended</span></li>'
http POST "/admin/people/$zoe/memberships" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "org_id=5&role=district_lead"
expect_status "giving it again" 303
expect_eq "restores it" "$(sql "SELECT COUNT(*) || ' ' || MIN(active) FROM membership WHERE person_id = $zoe AND role = 'district_lead'")" "1 1"
other_role=$(sql "SELECT id FROM membership WHERE person_id = 7 LIMIT 1")
http POST "/admin/people/$zoe/memberships/$other_role/remove" -b "$admin" --data-urlencode "csrf=$W_CSRF"
expect_status "someone else's role through this person's page: 404" 404

# The member is signed in; the admin deactivates her.
http GET /dashboard -b "$mem"
expect_status "the member is signed in" 200
http POST /admin/people/1/deactivate -b "$admin" --data-urlencode "csrf=$W_CSRF"
expect_status "an admin cannot deactivate herself" 409
expect_body "and is told why" "You cannot deactivate yourself"
web_csrf "$lead"
http POST /admin/people/8/deactivate -b "$lead" --data-urlencode "csrf=$W_CSRF"
expect_status "a lead may not deactivate people" 403
web_csrf "$admin"
http POST /admin/people/8/deactivate -b "$admin" --data-urlencode "csrf=$W_CSRF"
expect_status "an admin deactivates the member" 303
http GET "/admin/people/8?done=deactivated" -b "$admin"
expect_body "who is marked inactive" 'Inactive: this person cannot sign in.'
expect_body "with a button to reactivate her" 'action="/admin/people/8/reactivate"'
http GET "/admin/people?q=member@demo" -b "$admin"
expect_body "and listed as inactive" "<td>Inactive</td>"
http GET /dashboard -b "$mem"
expect_status "her session stopped working at once" 303
expect_header "she is sent to sign in" "Location: /signin"
web_signin member@demo.capnet.example "$mem"
http GET /dashboard -b "$mem"
expect_status "and she cannot sign in again" 303
http POST /admin/people/8/reactivate -b "$admin" --data-urlencode "csrf=$W_CSRF"
expect_status "the admin reactivates her" 303
expect_eq "who is active again" "$(sql "SELECT active FROM person WHERE id = 8")" "1"
web_signin member@demo.capnet.example "$mem"
http GET /dashboard -b "$mem"
expect_status "and she signs in again" 200

# --- Organizations ---------------------------------------------------------------------
http GET "/admin/organizations?kind=school" -b "$admin"
expect_body "organizations by kind, with their parent" "<td>School</td><td>Tradewater County Public Schools</td>"
expect_body_lacks "only that kind" "<td>Cooperative</td>"
web_csrf "$admin"
before=$(db_digest)
http POST /admin/organizations -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "kind=school&name=Lost+Elementary&parent_id=2"
expect_status "a school under a cooperative is refused" 400
expect_body "beside the parent" 'id="parent_id-error">'
expect_body "with the name kept" 'value="Lost Elementary"'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST /admin/organizations -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "kind=school&name=Found+Elementary&parent_id=5&identifier=301-999"
expect_status "an admin adds a school" 303
http GET "/admin/organizations?kind=school&done=organization" -b "$admin"
expect_body "which is listed under its district" "<th scope=\"row\"><a href=\"/admin/organizations/$(sql "SELECT id FROM organization WHERE name = 'Found Elementary'")\">Found Elementary</a></th><td>School</td><td>Tradewater County Public Schools</td><td>301-999</td>"

# --- Imports ---------------------------------------------------------------------------
# upload KIND [curl -F options...]: an upload to /admin/imports/KIND; its answer's status
# in U_STATUS. When it sends the admin on to the import's page, that page is read again
# until the import has ended (at most a minute); the page ends up in H_BODY.
upload() {
	u_kind=$1
	shift
	http POST "/admin/imports/$u_kind" -b "$admin" "$@"
	U_STATUS=$H_STATUS
	U_PAGE=$(printf '%s\n' "$H_HEAD" | sed -n 's/^[Ll]ocation: //p')
	[ -n "$U_PAGE" ] || return 0
	u_n=0
	while http GET "$U_PAGE" -b "$admin" && [ $u_n -lt 120 ] &&
		printf '%s' "$H_BODY" | grep -q 'id="import-status"'; do
		u_n=$((u_n + 1))
		sleep 0.5
	done
}

# hold_writes SECONDS: keeps the database's writers waiting that long (in the background).
hold_writes() {
	if [ "$(t_backend)" = postgresql ]; then
		psql "$CAPNET_DB" -qAt -c "BEGIN; LOCK TABLE organization IN EXCLUSIVE MODE; SELECT pg_sleep($1); COMMIT;" >/dev/null &
	else
		(printf 'BEGIN IMMEDIATE;\n'; sleep "$1"; printf 'COMMIT;\n') | sqlite3 "${CAPNET_DB#sqlite:}" &
	fi
	H_HOLD=$!
	sleep 0.5
}

http GET /admin/imports -b "$admin"
expect_body "an upload form for rosters" 'action="/admin/imports/oneroster" enctype="multipart/form-data"'
expect_body "and one for standards" 'action="/admin/imports/case" enctype="multipart/form-data"'
expect_body "and no imports yet" "No imports yet."

before=$(db_digest)
upload case -F "csrf=$W_CSRF" -F "case_file=@$fixtures/case/bad_syntax.json"
expect_eq "an upload goes on to the import's page" "$U_STATUS" "303"
expect_body "where a broken CASE package is refused" "The import failed; nothing was changed"
expect_body "naming its line and column" "bad_syntax.json:5:13: not valid JSON"
expect_eq "and nothing was written" "$(db_digest)" "$before"
http GET /admin/imports -b "$admin"
expect_body "the imports page lists it" '>bad_syntax.json</a></th><td>Standards (CASE)</td>'
expect_body "as failed" "<td>Failed: nothing was changed</td>"
http POST /admin/imports/case -b "$admin" -F "case_file=@$fixtures/case/basic.json"
expect_status "an upload without the CSRF token is refused" 403
http POST /admin/imports/case -b "$admin" -F "csrf=$W_CSRF"
expect_status "an upload without a file" 400
expect_body "asks for one beside the field" 'id="case_file-error">Choose a file to upload.</p>'
upload case -F "csrf=$W_CSRF" -F "case_dry_run=1" -F "case_file=@$fixtures/case/basic.json"
expect_status "a check only" 200
expect_body "shows the counts" '<th scope="row">Items</th><td class="num">11</td>'
expect_body "and says nothing was written" "The file is valid. Nothing was written (a check only)."
expect_eq "and writes nothing" "$(db_digest)" "$before"
upload case -F "csrf=$W_CSRF" -F "case_file=@$fixtures/case/basic.json"
expect_status "an admin imports a CASE package" 200
expect_body "and sees what it added" '<th scope="row">Items</th><td class="num">11</td><td class="num">0</td><td class="num">0</td><td class="num">0</td></tr><tr><th scope="row">Associations</th><td class="num">15</td>'
expect_eq "which is stored" "$(sql "SELECT COUNT(*) FROM cf_item i JOIN framework f ON f.id = i.framework_id WHERE f.title = 'Sample Academic Standards for Mathematics'")" "11"
upload case -F "csrf=$W_CSRF" -F "case_file=@$fixtures/case/basic.json"
expect_body "importing it again changes nothing" '<th scope="row">Items</th><td class="num">0</td><td class="num">0</td><td class="num">11</td>'

(cd "$fixtures/oneroster" && zip -qr "$T_DIR/good.zip" good)
mkdir -p "$T_DIR/bad" && cp "$fixtures/oneroster/good/"*.csv "$T_DIR/bad/"
sed -i 's/,Teacher,areyes/,Teacherr,areyes/' "$T_DIR/bad/users.csv"
(cd "$T_DIR" && zip -qr "$T_DIR/bad.zip" bad)
printf 'not a zip archive' >"$T_DIR/notzip.zip"
before=$(db_digest)
upload oneroster -F "csrf=$W_CSRF" -F "roster_file=@$T_DIR/bad.zip"
expect_body "a roster with a bad role is refused" "The import failed; nothing was changed"
expect_body "naming the file, line and column" "users.csv:4:"
expect_body "and the value" "&#39;Teacherr&#39; is not a OneRoster role"
expect_eq "nothing was written" "$(db_digest)" "$before"
upload oneroster -F "csrf=$W_CSRF" -F "roster_file=@$T_DIR/notzip.zip"
expect_body "a file that is not a zip is refused, and named" "is not a readable zip archive"
expect_eq "nothing was written either" "$(db_digest)" "$before"
http POST /admin/imports/oneroster -b "$admin" -F "csrf=$W_CSRF" -F "parent_id=x2" -F "roster_file=@$T_DIR/good.zip"
expect_status "a parent that is not an id is refused" 400
expect_body "beside its field" "&#39;x2&#39; is not an organization&#39;s id"
upload oneroster -F "csrf=$W_CSRF" -F "roster_dry_run=1" -F "parent_id=2" -F "roster_file=@$T_DIR/good.zip"
expect_status "a roster checked only" 200
expect_body "shows what it would create" "<h2 id=\"result\">What would change</h2>"
expect_eq "and writes nothing" "$(db_digest)" "$before"

# While an import runs, its page says so and a second upload is refused; the first then
# ends and shows what it did. On PostgreSQL a lock keeps the import waiting; on SQLite,
# where a lock would keep the page from recording the import at all, the bundle is large
# enough to take several seconds (it is checked only, so it leaves nothing behind).
if [ "$(t_backend)" = postgresql ]; then
	slow="$T_DIR/good.zip"
else
	# Sanitizers make the import several times slower: a fifth of the users will do,
	# and keeps it well under the minute after which the admin's session is written
	# again (a write that would wait for the import's transaction).
	"$(dirname "$0")/../../bench/oneroster_gen" "$T_DIR/many" 20 200 "$([ "${SAN:-0}" = 1 ] && echo 20000 || echo 100000)" 0
	(cd "$T_DIR/many" && zip -qr "$T_DIR/many.zip" .)
	slow="$T_DIR/many.zip"
fi
http GET /admin/imports -b "$admin" # the session is seen now: no write of it for a minute
[ "$(t_backend)" = postgresql ] && hold_writes 5
http POST /admin/imports/oneroster -b "$admin" -F "csrf=$W_CSRF" -F "roster_dry_run=1" -F "roster_file=@$slow"
expect_status "an import that takes a while goes on to its page" 303
running=$(printf '%s\n' "$H_HEAD" | sed -n 's/^[Ll]ocation: //p')
http GET "$running" -b "$admin"
expect_body "which shows it running" '<p id="import-status" role="status" data-poll="'"$running"'/progress">Running: '
expect_body "with a link to the latest progress" ">Show the latest progress</a>"
expect_body "and the script that keeps it current" '<script src="/static/import.js" defer="defer"></script>'
http GET "$running/progress" -b "$admin"
expect_body "its progress is there as JSON too" '"status":"running"'
http POST /admin/imports/case -b "$admin" -F "csrf=$W_CSRF" -F "case_file=@$fixtures/case/basic.json"
expect_status "a second import meanwhile is refused" 409
expect_body "saying which one runs" "another import is running ($(basename "$slow"), started "
U_PAGE=$running
u_n=0
while http GET "$U_PAGE" -b "$admin" && [ $u_n -lt 600 ] && printf '%s' "$H_BODY" | grep -q 'id="import-status"'; do
	u_n=$((u_n + 1))
	sleep 0.5
done
expect_body "then it ends and says what it would have changed" "<h2 id=\"result\">What would change</h2>"
expect_eq "having written nothing" "$(db_digest)" "$before"
[ -z "${H_HOLD:-}" ] || wait "$H_HOLD"

orgs=$(sql "SELECT COUNT(*) FROM organization")
upload oneroster -F "csrf=$W_CSRF" -F "parent_id=2" -F "roster_file=@$T_DIR/good.zip"
expect_status "an admin imports a OneRoster bundle" 200
expect_body "and sees the counts" '<th scope="row">Organizations</th><td class="num">6</td><td class="num">0</td><td class="num">0</td><td class="num">0</td>'
expect_body "and the people not stored" "Users not stored: 2 student, 1 parent"
expect_eq "the organizations are stored" "$(sql "SELECT COUNT(*) FROM organization")" "$((orgs + 6))"
expect_eq "the top one under the organization chosen" "$(sql "SELECT parent_id FROM organization WHERE sourced_id = 'ky-doe'")" "2"
upload oneroster -F "csrf=$W_CSRF" -F "roster_file=@$T_DIR/good.zip" -F "parent_id=2"
expect_body "the same bundle again changes nothing" '<th scope="row">Organizations</th><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">6</td>'
(cd "$fixtures/oneroster" && zip -qr "$T_DIR/district.zip" district)
upload oneroster -F "csrf=$W_CSRF" -F "roster_dry_run=1" -F "roster_strict=1" -F "roster_file=@$T_DIR/district.zip"
expect_body "strict refuses a district's real export" "The import failed; nothing was changed"
upload oneroster -F "csrf=$W_CSRF" -F "roster_dry_run=1" -F "roster_file=@$T_DIR/district.zip"
expect_body "otherwise it imports with warnings" '<h3 id="warnings">Warnings: imported with less than the row asked for</h3>'
expect_body "each naming file, line and column" "orgs.csv:4: column &quot;parentSourcedId&quot;: the school &quot;Hancock County High School Annex&quot;"
expect_body "and the inactive rows counted" "Rows with status inactive, stored as inactive: 2."
web_csrf "$lead"
http POST /admin/imports/oneroster -b "$lead" -F "csrf=$W_CSRF" -F "roster_file=@$T_DIR/good.zip"
expect_status "a lead may not import" 403
http GET "$running" -b "$lead"
expect_status "nor see an import's page" 403
http GET "$running/progress" -b "$fac"
expect_status "nor may a facilitator see its progress" 403
head -c 21000000 /dev/zero >"$T_DIR/big.zip"
web_csrf "$admin"
http POST /admin/imports/oneroster -b "$admin" -F "csrf=$W_CSRF" -F "roster_file=@$T_DIR/big.zip"
expect_status "an upload over 20 MiB is refused" 413

t_end
