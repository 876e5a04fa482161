# End to end: the network and meeting pages in a browser's place (curl), on the demo.
# A facilitator adds a meeting and sees it on the network page at its local time; a
# district lead records attendance for their team and no other; members, partners and
# people of other districts see only what the policy lets them, and get 403 or 404 for
# the rest; stored script in text fields comes back escaped; a form without the CSRF
# token is refused.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run demo
expect_rc "the demo loads" 0
# Someone of a district that has no team in any network.
run org add --kind district --name "Faraway Independent Schools" --parent-id 1
far_org=$(sql "SELECT id FROM organization WHERE name = 'Faraway Independent Schools'")
printf 'capnet-demo-2026\n' >"$T_DIR/pw"
run user add --given-name Fay --family-name Far --email fay@faraway.example --org "$far_org" --role member --password-stdin <"$T_DIR/pw"
srv_start || exit 1

fac="$T_DIR/fac" lead="$T_DIR/lead" mem="$T_DIR/mem" partner="$T_DIR/partner" far="$T_DIR/far" admin="$T_DIR/admin"
web_signin facilitator@demo.capnet.example "$fac"
web_signin lead@demo.capnet.example "$lead"
web_signin member@demo.capnet.example "$mem"
web_signin partner@demo.capnet.example "$partner"
web_signin fay@faraway.example "$far"
web_signin admin@demo.capnet.example "$admin"

# --- Networks -------------------------------------------------------------------------
http GET /networks
expect_status "signed out, the networks page sends to sign-in" 303
expect_header "with the page to come back to" "Location: /signin?next=/networks"

http GET /networks -b "$fac"
expect_status "a facilitator's networks" 200
expect_body "lists the network they facilitate" "Green River Mathematics Leadership Network"
expect_body_lacks "not a network they have no part in" "Ohio Valley English/Language Arts"
http GET /networks -b "$partner"
expect_body "a partner sees every network it may read" "Ohio Valley English/Language Arts"
http GET /networks -b "$admin"
expect_body "an admin sees every network" "Ohio Valley English/Language Arts"
http GET /networks -b "$far"
expect_status "someone in no network still gets the page" 200
expect_body "saying so" "You are not in a network yet."

http GET /networks/1 -b "$fac"
expect_status "the network page" 200
expect_body "its facts" "<dd>Green River Regional Educational Cooperative</dd>"
expect_body "its facilitators" "Lauren Mattingly"
expect_body "its meetings link to meeting pages" '<a href="/meetings/1">Meeting 1: Number talks'
expect_body "at their local time with the zone" 'datetime="2026-09-15T09:00:00-05:00">Tue 15 Sep 2026, 9:00 AM</time> to <time datetime="2026-09-15T15:00:00-05:00">3:00 PM</time> <span class="muted">America/Chicago</span>'
expect_body "its teams with their lead" "<th scope=\"row\"><a href=\"/teams/1\">Tradewater County Public Schools</a></th><td>Dana Whitaker</td><td class=\"num\">4</td>"
expect_body "a facilitator may add a meeting" 'action="/networks/1/meetings"'
expect_body_lacks "but not a facilitator (admins only)" 'action="/networks/1/facilitators"'

http GET /networks/1 -b "$mem"
expect_status "a member reads their network" 200
expect_body "their own team" "Tradewater County Public Schools"
expect_body_lacks "not other districts' teams" "Pond River County Schools"
expect_body "only how many teams there are" "8 district teams take part."
expect_body_lacks "no meeting form for a member" 'action="/networks/1/meetings"'
http GET /networks/2 -b "$fac"
expect_status "a network the facilitator has no part in is not found" 404
http GET /networks/1 -b "$far"
expect_status "nor for another district's person" 404
http GET /networks/999 -b "$admin"
expect_status "a network that does not exist" 404

# --- A facilitator adds a meeting -------------------------------------------------------
web_csrf "$fac"
before=$(db_digest)
http POST /networks/1/meetings -b "$fac" --data-urlencode "title=Meeting 5" -d "starts_at=2027-05-04T09:00&ends_at=2027-05-04T15:00&tz=America/Chicago"
expect_status "a form without the CSRF token is refused" 403
http POST /networks/1/meetings -b "$fac" --data-urlencode "csrf=$W_CSRF" --data-urlencode "title=Meeting 5: Kept title" -d "starts_at=2027-05-04T09:00&ends_at=2027-05-04T08:00&tz=America/Chicago"
expect_status "a meeting that ends before it starts is refused" 400
expect_body "the error is beside its field" '<p class="field-error" id="ends_at-error">the meeting must end after it starts</p><input id="ends_at" name="ends_at" type="datetime-local" value="2027-05-04T08:00" required aria-invalid="true"'
expect_body "the input is kept" 'value="Meeting 5: Kept title"'
expect_body "the zone chosen is kept" '<option value="America/Chicago" selected>'
expect_eq "nothing was written" "$(db_digest)" "$before"

xss='<script>alert(1)</script>'
img='"><img src=x onerror=alert(1)>'
http POST /networks/1/meetings -b "$fac" --data-urlencode "csrf=$W_CSRF" --data-urlencode "title=Meeting 5 $xss" --data-urlencode "place=Room $img" -d "starts_at=2027-05-04T09:00&ends_at=2027-05-04T15:00&tz=America/Chicago&link=https://meet.example.org/m5"
expect_status "a facilitator adds a meeting" 303
expect_header "and is sent back to the network page" "Location: /networks/1?done=meeting#meetings"
expect_eq "stored in UTC" "$(sql "SELECT starts_at || ' ' || tz FROM meeting WHERE title LIKE 'Meeting 5 %'")" "2027-05-04T14:00:00Z America/Chicago"
http GET "/networks/1?done=meeting" -b "$fac"
expect_body "which says it was added" "The meeting was added."
expect_body "and lists it at its local time" 'datetime="2027-05-04T09:00:00-05:00">Tue 4 May 2027, 9:00 AM</time>'
expect_body "with its title escaped" "Meeting 5 &lt;script&gt;alert(1)&lt;/script&gt;"
expect_body_lacks "never as a script" "$xss"
expect_body "and its place escaped" "Room &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
expect_body_lacks "never as an element" "<img src=x"
expect_body "with its link" 'href="https://meet.example.org/m5"'

web_csrf "$mem"
http POST /networks/1/meetings -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "title=Mine&starts_at=2027-05-04T09:00&ends_at=2027-05-04T15:00&tz=America/Chicago"
expect_status "a member may not add a meeting" 403
web_csrf "$far"
http POST /networks/1/meetings -b "$far" --data-urlencode "csrf=$W_CSRF" -d "title=Mine&starts_at=2027-05-04T09:00&ends_at=2027-05-04T15:00&tz=America/Chicago"
expect_status "another district's person does not even find the network" 404

# --- Facilitators ----------------------------------------------------------------------
web_csrf "$fac"
http POST /networks/1/facilitators -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "email=monique.sanders@ovec.example"
expect_status "a facilitator may not add facilitators" 403
web_csrf "$admin"
http POST /networks/1/facilitators -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "email=nobody@nowhere.example"
expect_status "an unknown email is refused" 400
expect_body "beside the field, with the input kept" 'id="email-error">Nobody in capnet has the email address nobody@nowhere.example; add the person under Admin, People first.</p><input id="email" name="email" type="email" value="nobody@nowhere.example"'
http POST /networks/1/facilitators -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "email=monique.sanders@ovec.example"
expect_status "an admin adds a facilitator" 303
http GET /networks/1 -b "$admin"
expect_body "who is listed" "Monique Sanders"

# --- The meeting page --------------------------------------------------------------------
http GET /meetings/1 -b "$mem"
expect_status "a member reads a meeting of their network" 200
expect_body "its agenda in order" '<td class="num">1</td><td><span class="tag">Present</span></td><th scope="row">Capacity building, not train the trainer'
expect_body "with the total time" '<th scope="row">Total</th><td class="num">300</td>'
expect_body "their team's attendance" "<th scope=\"row\">Marcus Ridley</th><td>Tradewater County Public Schools</td>"
expect_body_lacks "no form to record attendance for a member" 'action="/meetings/1/attendance"'
expect_body_lacks "no agenda form for a member" 'action="/meetings/1/agenda"'
http GET /meetings/5 -b "$fac"
expect_status "a meeting of a network the facilitator has no part in" 404
http GET /meetings/1 -b "$far"
expect_status "another district's person does not find it" 404
http GET /meetings/1 -b "$partner"
expect_status "a partner reads the meeting" 200
expect_body_lacks "but not who attended" "Marcus Ridley"

# --- A lead records attendance -----------------------------------------------------------
http GET /meetings/1 -b "$lead"
expect_body "a lead gets the attendance form for their team" '<legend>Tradewater County Public Schools</legend>'
expect_body_lacks "and no other team" "<legend>Pond River County Schools</legend>"
web_csrf "$lead"
http POST /meetings/1/attendance -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "p8=excused&p9=present"
expect_status "a lead records attendance" 303
expect_eq "which is stored" "$(sql "SELECT status FROM attendance WHERE meeting_id = 1 AND person_id = 8")" "excused"
http GET "/meetings/1?done=attendance" -b "$lead"
expect_body "and shown" "<th scope=\"row\">Marcus Ridley</th><td>Tradewater County Public Schools</td><td>Excused</td>"
expect_body "with a notice" "The attendance was saved."
before=$(db_digest)
http POST /meetings/1/attendance -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "p8=present&p12=absent"
expect_status "not for another district's member" 403
expect_eq "and nothing of the form was written" "$(db_digest)" "$before"
http POST /meetings/1/attendance -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "p8=asleep"
expect_status "an unknown status is refused" 400
expect_body "beside its field" 'id="p8-error">&#39;asleep&#39; is not a status; choose present, absent or excused</p>'
web_csrf "$mem"
http POST /meetings/1/attendance -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "p7=absent"
expect_status "a member may not record the team's attendance" 403
expect_eq "nothing changed" "$(db_digest)" "$before"

# --- A facilitator adds an agenda item ----------------------------------------------------
web_csrf "$fac"
http POST /meetings/1/agenda -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "kind=reflect&title=Exit+ticket&minutes=lots"
expect_status "minutes that are not a number are refused" 400
expect_body "beside the field, input kept" 'id="minutes-error">'
expect_body "the title is kept" 'value="Exit ticket"'
http POST /meetings/1/agenda -b "$fac" --data-urlencode "csrf=$W_CSRF" --data-urlencode "title=Exit ticket $xss" --data-urlencode "notes=Write $img" -d "kind=reflect&minutes=10"
expect_status "a facilitator adds an agenda item" 303
http GET /meetings/1 -b "$mem"
expect_body "it closes the agenda" '<td class="num">6</td><td><span class="tag">Reflect</span></td><th scope="row">Exit ticket &lt;script&gt;alert(1)&lt;/script&gt;</th><td class="num">10</td>'
expect_body "its notes escaped" "Write &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
expect_body_lacks "never as markup" "<img src=x"
web_csrf "$lead"
http POST /meetings/1/agenda -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "kind=reflect&title=Mine"
expect_status "a lead may not change the agenda" 403

# --- Reflections: private until shared, then the team's -----------------------------------
run user passwd priya.natarajan@tradewater.k12.example --password-stdin <"$T_DIR/pw"
run user passwd jerome.haskins@pondriver.k12.example --password-stdin <"$T_DIR/pw"
mate="$T_DIR/mate" other="$T_DIR/other"
web_signin priya.natarajan@tradewater.k12.example "$mate"
web_signin jerome.haskins@pondriver.k12.example "$other"
http GET /meetings/1 -b "$mem"
expect_body "a member gets a reflection form" 'action="/meetings/1/reflection"'
expect_body "with the four parts" '<label for="contextualize">Contextualize: what it means for our own schools</label>'
web_csrf "$mem"
before=$(db_digest)
http POST /meetings/1/reflection -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "distill=&synthesize=&internalize=&contextualize=&shared=1"
expect_status "an empty reflection is refused" 400
expect_body "beside its first part" 'id="distill-error">a reflection needs at least one of'
expect_body "the choice to share is kept" 'name="shared" value="1" checked'
expect_eq "nothing is written" "$(db_digest)" "$before"
http POST /meetings/1/reflection -b "$mem" --data-urlencode "csrf=$W_CSRF" --data-urlencode "distill=Zebrafinch talks $xss" -d "contextualize=Grade+3+first"
expect_status "a member writes a private reflection" 303
expect_eq "stored private" "$(sql "SELECT shared FROM reflection WHERE person_id = 8 AND meeting_id = 1")" "0"
rid=$(sql "SELECT id FROM reflection WHERE person_id = 8 AND meeting_id = 1")
http GET "/meetings/1?done=reflection" -b "$mem"
expect_body "the author reads it back, escaped" "Zebrafinch talks &lt;script&gt;alert(1)&lt;/script&gt;</textarea>"
expect_body "marked private" "Only you can read it; it is not shared."
http GET /meetings/1 -b "$mate"
expect_body_lacks "a teammate does not see a private reflection" "Zebrafinch"
http GET /meetings/1 -b "$other"
expect_body_lacks "nor does another district's member" "Zebrafinch"
http GET "/api/v1/reflections/$rid" -b "$other"
expect_status "whom the API answers 404 too" 404
http GET /meetings/1 -b "$fac"
expect_body_lacks "nor the facilitator, while it is private" "Zebrafinch"
http POST /meetings/1/reflection -b "$mem" --data-urlencode "csrf=$W_CSRF" --data-urlencode "distill=Zebrafinch talks $xss" -d "contextualize=Grade+3+first&shared=1"
expect_status "the member shares it" 303
http GET /meetings/1 -b "$mate"
expect_body "the team now reads it, escaped" "<h4>Marcus Ridley</h4><dl><dt>Distill: the few ideas that matter most</dt><dd class=\"prose\">Zebrafinch talks &lt;script&gt;alert(1)&lt;/script&gt;</dd>"
expect_body_lacks "never as a script" "$xss"
http GET /meetings/1 -b "$fac"
expect_body "so does the network's facilitator" "Zebrafinch"
http GET /meetings/1 -b "$other"
expect_body_lacks "another district's member still does not" "Zebrafinch"
http GET "/api/v1/reflections/$rid" -b "$other"
expect_status "nor through the API" 404
http GET /meetings/1 -b "$partner"
expect_body_lacks "a partner neither" "Zebrafinch"
expect_body_lacks "and a partner has no reflection form" 'action="/meetings/1/reflection"'
web_csrf "$partner"
http POST /meetings/1/reflection -b "$partner" --data-urlencode "csrf=$W_CSRF" -d "distill=Mine"
expect_status "a partner may not reflect on the meeting" 403
http POST /meetings/1/reflection -b "$mem" -d "distill=No+token"
expect_status "a reflection without the CSRF token is refused" 403

# --- Try-outs: counted for everyone, each one within its district ------------------------
run library add --kind strategy --title "Number talks $xss"
expect_rc "a library item" 0
item=$(sql "SELECT id FROM library_item ORDER BY id DESC LIMIT 1")
run library tryout add "$item" --person member@demo.capnet.example --meeting 1 --rating 5 --would-work yes --note "Kids talked $img"
run library tryout add "$item" --person jerome.haskins@pondriver.k12.example --meeting 1 --rating 3 --would-work maybe
expect_rc "two try-outs at the meeting" 0
http GET /meetings/1 -b "$mem"
expect_body "the item's try-outs are counted" '</a></th><td class="num">2</td><td class="num">4.0</td><td>1 / 1 / 0</td>'
expect_body "its title escaped" "Number talks &lt;script&gt;alert(1)&lt;/script&gt;"
expect_body "the member's own team's try-out" '<th scope="row">Marcus Ridley</th><td>Number talks'
expect_body "with its note escaped" "Kids talked &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
expect_body_lacks "not another district's" '<th scope="row">Jerome Haskins</th>'
http GET /meetings/1 -b "$fac"
expect_body "the facilitator sees every try-out" '<th scope="row">Jerome Haskins</th><td>Number talks'

# --- Profiles ---------------------------------------------------------------------------------
http GET /networks/1 -b "$fac"
expect_body "the facilitator sees every team's profile" '<h2 id="profiles">Capacity-building profiles</h2>'
expect_body "each component as a chart" 'aria-labelledby="profile-job_embedded-title"'
expect_body "and as a table" "<caption>Job-embedded and sustained: the numbers</caption>"
expect_body "with the train-the-trainer flag and its reason" '<th scope="row"><a href="/teams/2/profile">Pond River County Schools</a></th><td><span class="status-good">No</span></td><td>not flagged: '
http GET /networks/1 -b "$mem"
expect_body "a member sees their own team's profile" '<caption>Grounded in assessed needs: the numbers</caption>'
expect_body_lacks "not other districts' profiles" '<th scope="row">Pond River County Schools</th>'
http GET /networks/1 -b "$partner"
expect_body_lacks "a partner sees no team's profile" '<h2 id="profiles">'

t_end
