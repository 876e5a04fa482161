# End to end: the needs-assessment instrument pages in a browser's place (curl), on the
# demo. A facilitator copies capnet's default for her network, renames the copy, adds,
# edits, moves and removes indicators; the network's teams' next assessment uses the
# copy, and an indicator a team rated is kept, the page saying why beside it. District
# leads and members read instruments but may not change them (403), nor may another
# network's facilitator; the default is read-only. Bad input is refused beside its
# field with the input kept and nothing written; stored script comes back escaped.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run demo
expect_rc "the demo loads" 0
printf 'capnet-demo-2026\n' >"$T_DIR/pw"
run user passwd monique.sanders@ovec.example --password-stdin <"$T_DIR/pw"
expect_rc "a facilitator of the other network gets a password" 0
srv_start || exit 1

fac="$T_DIR/fac" lead="$T_DIR/lead" mem="$T_DIR/mem" ovec="$T_DIR/ovec" admin="$T_DIR/admin"
web_signin facilitator@demo.capnet.example "$fac"
web_signin lead@demo.capnet.example "$lead"
web_signin member@demo.capnet.example "$mem"
web_signin monique.sanders@ovec.example "$ovec"
web_signin admin@demo.capnet.example "$admin"
xss='<script>alert(1)</script>'
img='"><img src=x onerror=alert(1)>'
default=$(sql "SELECT id FROM instrument WHERE network_id IS NULL")

# --- The network's instruments -------------------------------------------------------------
http GET /networks/1 -b "$fac"
expect_body "the network page leads a facilitator to its instruments" '<a href="/networks/1/instruments">The network&#39;s instruments: copy and edit</a>'
http GET /networks/1 -b "$lead"
expect_body "and a district lead to the instrument the teams assess with" '<a href="/networks/1/instruments">The instrument the network&#39;s teams assess with</a>'
http GET /networks/1/instruments
expect_status "signed out, the page sends to sign-in" 303
http GET /networks/1/instruments -b "$fac"
expect_status "a facilitator reads the network's instruments" 200
expect_body "the teams use the default until the network has a copy" "capnet&#39;s default: the network has no copy of its own yet."
expect_body "the default is listed as read-only" "<td>capnet&#39;s default (read-only)</td>"
expect_body "she may copy it" 'action="/networks/1/instruments"'
http GET /networks/1/instruments -b "$lead"
expect_status "a district lead reads them too" 200
expect_body_lacks "but is offered no copy" 'action="/networks/1/instruments"'
http GET /networks/1/instruments -b "$ovec"
expect_status "another network's facilitator does not find the network" 404

# --- Copying ---------------------------------------------------------------------------------
web_csrf "$fac"
before=$(db_digest)
http POST /networks/1/instruments -b "$fac" -d "from=$default&name=Ours"
expect_status "a form without the CSRF token is refused" 403
http POST /networks/1/instruments -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "from=999" --data-urlencode "name=Kept name"
expect_status "copying an instrument that is not offered is refused" 400
expect_body "beside the field" '<p class="field-error" id="from-error">Choose the instrument to copy'
expect_body "with the name kept" 'value="Kept name"'
long=$(printf 'n%.0s' $(seq 1 201))
http POST /networks/1/instruments -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "from=$default&name=$long"
expect_status "a name too long is refused" 400
expect_body "beside the name" 'id="name-error">'
expect_eq "nothing was written" "$(db_digest)" "$before"
web_csrf "$lead"
http POST /networks/1/instruments -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "from=$default&name=Mine"
expect_status "a district lead may not copy for the network" 403
web_csrf "$ovec"
http POST /networks/1/instruments -b "$ovec" --data-urlencode "csrf=$W_CSRF" -d "from=$default&name=Mine"
expect_status "nor may another network's facilitator (who does not find the network)" 404
expect_eq "nothing was written" "$(db_digest)" "$before"

web_csrf "$fac"
http POST /networks/1/instruments -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "from=$default" --data-urlencode "name=Green River math needs assessment"
expect_status "the facilitator copies the default for her network" 303
copy=$(sql "SELECT id FROM instrument WHERE network_id = 1")
expect_header "and is sent to the copy" "Location: /instruments/$copy?done=copied"
expect_eq "with every indicator" "$(sql "SELECT COUNT(*) FROM indicator WHERE instrument_id = $copy")" "24"
http GET "/instruments/$copy?done=copied" -b "$fac"
expect_status "the copy's page" 200
expect_body "says it was copied" "The instrument was copied for the network"
expect_body "and that new assessments use it" "New assessments of the network&#39;s teams use it."
expect_body "groups the indicators by standard" '<h2 id="std-learning_communities">Learning Communities</h2>'
expect_body "the seventh standard too" '<h2 id="std-outcomes">Outcomes</h2>'
expect_body "each with its code and capacity level" '<strong>LC.4</strong> <span class="tag">institutional (policy)</span>'
expect_body "and a form to add one" "action=\"/instruments/$copy/indicators\""
http GET /networks/1/instruments -b "$fac"
expect_body "the network's page now names the copy in use" "<a href=\"/instruments/$copy\">Green River math needs assessment</a>, the network&#39;s newest copy."

# --- Renaming --------------------------------------------------------------------------------
before=$(db_digest)
http POST "/instruments/$copy/rename" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "name="
expect_status "an empty name is refused" 400
expect_body "beside the field" '<p class="field-error" id="name-error">Give the instrument a name.</p>'
expect_eq "nothing was written" "$(db_digest)" "$before"
iv=$(sql "SELECT version FROM instrument WHERE id = $copy")
http GET "/instruments/$copy" -b "$fac"
expect_body "the rename form carries the version it was read at" "name=\"version\" value=\"$iv\""
http POST "/instruments/$copy/rename" -b "$fac" --data-urlencode "csrf=$W_CSRF" --data-urlencode "name=Green River math $xss" -d "version=$iv"
expect_status "the facilitator renames the copy" 303
http POST "/instruments/$copy/rename" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "name=Typed+name&version=$iv"
expect_status "a second rename from the same stale form is refused" 412
expect_body "saying someone else changed it" "changed by someone else since you read it"
expect_body "the typed name kept" 'value="Typed name"'
expect_eq "the first rename stands" "$(sql "SELECT name FROM instrument WHERE id = $copy")" "Green River math $xss"
http GET "/instruments/$copy?done=renamed" -b "$fac"
expect_body "its new name is shown escaped" "<h1>Green River math &lt;script&gt;alert(1)&lt;/script&gt;</h1>"
expect_body_lacks "never as a script" "$xss"

# --- Adding an indicator ---------------------------------------------------------------------
before=$(db_digest)
http POST "/instruments/$copy/indicators" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "standard=learning_communities&capacity_level=people" --data-urlencode "text=Kept text"
expect_status "an indicator without a code is refused" 400
expect_body "beside the code" '<p class="field-error" id="code-error">Give the indicator a short code, e.g. LC.5.</p>'
expect_body "with the text kept" "Kept text</textarea>"
expect_body "and the level kept" 'value="people" checked'
http POST "/instruments/$copy/indicators" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "standard=learning_communities&capacity_level=people&code=L+C" --data-urlencode "text=Kept text"
expect_status "a code with a space is refused" 400
expect_body "beside the code" "id=\"code-error\">&#39;L C&#39; may hold only letters, digits, &#39;.&#39; and &#39;-&#39;"
http POST "/instruments/$copy/indicators" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "standard=learning_communities&capacity_level=people&code=lc.1" --data-urlencode "text=Kept text"
expect_status "a code the instrument already has is refused" 409
expect_body "beside the code" 'id="code-error">indicator'
http POST "/instruments/$copy/indicators" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "standard=recess&capacity_level=people&code=LC.5" --data-urlencode "text=Kept text"
expect_status "a standard that is not one is refused" 400
expect_body "beside the standard" 'id="standard-error">'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST "/instruments/$copy/indicators" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "standard=learning_communities&capacity_level=people&code=lc.5" --data-urlencode "text=Teachers co-plan $xss $img"
expect_status "the facilitator adds an indicator" 303
added=$(sql "SELECT id FROM indicator WHERE instrument_id = $copy AND code = 'LC.5'")
expect_header "and is sent to it on the instrument's page" "Location: /instruments/$copy?done=added#ind-$added"
expect_eq "last in the instrument" "$(sql "SELECT position FROM indicator WHERE id = $added")" "25"
http GET "/instruments/$copy?done=added" -b "$fac"
expect_body "it is shown under its standard with its code upper-cased" "<div class=\"card\" id=\"ind-$added\"><p><strong>LC.5</strong> <span class=\"tag\">people</span></p>"
expect_body "its text escaped" "Teachers co-plan &lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
expect_body_lacks "never as an element" "<img src=x"

# --- Editing an indicator --------------------------------------------------------------------
http GET "/indicators/$added/edit" -b "$fac"
expect_status "the edit page" 200
expect_body "holds its text" "Teachers co-plan &lt;script&gt;"
before=$(db_digest)
http POST "/indicators/$added" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "standard=learning_communities&capacity_level=people&code=LC.5&text="
expect_status "an empty text is refused" 400
expect_body "beside the text" '<p class="field-error" id="text-error">Write what the district looks like when this is fully in place.</p>'
expect_body "with the code kept" 'value="LC.5"'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST "/indicators/$added" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "standard=learning_communities&capacity_level=organizational&code=LC.6" --data-urlencode "text=Teachers co-plan units in their PLC every week."
expect_status "the facilitator changes its text, level and code" 303
expect_header "back to it" "Location: /instruments/$copy?done=saved#ind-$added"
expect_eq "which is stored" "$(sql "SELECT code || ' ' || capacity_level || ' ' || text FROM indicator WHERE id = $added")" "LC.6 organizational Teachers co-plan units in their PLC every week."
nv=$(sql "SELECT version FROM indicator WHERE id = $added")
http GET "/indicators/$added/edit" -b "$fac"
expect_body "the indicator form carries the version it was read at" "name=\"version\" value=\"$nv\""
http POST "/indicators/$added" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "standard=learning_communities&capacity_level=organizational&code=LC.6&version=$nv" --data-urlencode "text=Teachers co-plan units in their PLC."
expect_status "a save from the form" 303
http POST "/indicators/$added" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "standard=learning_communities&capacity_level=organizational&code=LC.6&version=$nv" --data-urlencode "text=Typed text"
expect_status "a second save from the same stale form is refused" 412
expect_body "the typed text kept" "Typed text</textarea>"
expect_eq "the first save stands" "$(sql "SELECT text FROM indicator WHERE id = $added")" "Teachers co-plan units in their PLC."

# --- Moving ----------------------------------------------------------------------------------
lc1=$(sql "SELECT id FROM indicator WHERE instrument_id = $copy AND code = 'LC.1'")
lc2=$(sql "SELECT id FROM indicator WHERE instrument_id = $copy AND code = 'LC.2'")
http GET "/instruments/$copy" -b "$fac"
expect_body "LC.1 may move down, next to LC.2" "action=\"/indicators/$lc1/move\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"$W_CSRF\"><input type=\"hidden\" name=\"to\" value=\"2\"><button type=\"submit\" class=\"secondary\">Down<span class=\"visually-hidden\"> LC.1</span>"
http POST "/indicators/$lc1/move" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "to=2"
expect_status "the facilitator moves LC.1 down" 303
expect_eq "it follows LC.2 now" "$(sql "SELECT position FROM indicator WHERE id = $lc2") $(sql "SELECT position FROM indicator WHERE id = $lc1")" "1 2"
http POST "/indicators/$added/move" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "to=1"
expect_status "and the new indicator to the top" 303
expect_eq "it is first" "$(sql "SELECT code FROM indicator WHERE instrument_id = $copy ORDER BY position LIMIT 1")" "LC.6"
before=$(db_digest)
http POST "/indicators/$added/move" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "to=first"
expect_status "a position that is not a number is refused" 400
expect_body "beside the field on the edit page" '<p class="field-error" id="to-error">Give the position as a whole number: 1 is the first indicator.</p>'
expect_eq "nothing was written" "$(db_digest)" "$before"

# --- Removing, and what a team's rating keeps ---------------------------------------------------
http POST "/indicators/$added/remove" -b "$fac" --data-urlencode "csrf=$W_CSRF"
expect_status "the facilitator removes the indicator nobody rated" 303
expect_eq "it is gone" "$(sql "SELECT COUNT(*) FROM indicator WHERE id = $added")" "0"

web_csrf "$lead"
http POST /teams/1/assessments -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "school_year=2027-28"
expect_status "the district lead starts next year's assessment" 303
as=$(sql "SELECT id FROM assessment WHERE team_id = 1 AND school_year = '2027-28'")
expect_eq "on the network's copy" "$(sql "SELECT instrument_id FROM assessment WHERE id = $as")" "$copy"
http GET "/assessments/$as" -b "$lead"
expect_body "the assessment page names the instrument and links to it" "Instrument: <a href=\"/instruments/$copy\">Green River math &lt;script&gt;"
http POST "/assessments/$as/ratings" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "c$lc1=1&t$lc1=3&p$lc1=high"
expect_status "and rates LC.1" 303
http GET "/instruments/$copy" -b "$lead"
expect_status "the district lead reads the instrument her team assesses with" 200
expect_body_lacks "but gets no form to change it" "action=\"/instruments/$copy/indicators\""
expect_body_lacks "nor buttons" "action=\"/indicators/$lc1/remove\""

web_csrf "$fac"
before=$(db_digest)
http POST "/indicators/$lc1/remove" -b "$fac" --data-urlencode "csrf=$W_CSRF"
expect_status "removing the rated LC.1 is refused" 409
expect_body "the page says why beside it" "id=\"ind-$lc1\"><p><strong>LC.1</strong>"
expect_body "in plain words" '<p class="field-error">LC.1 cannot be removed: it is rated in 1 assessment. It stays so that those records keep their meaning; edit its text instead.</p>'
expect_eq "nothing was written" "$(db_digest)" "$before"

# --- Who may change it ------------------------------------------------------------------------
for who in lead mem ovec; do
	eval jar=\$$who
	web_csrf "$jar"
	http GET "/indicators/$lc2/edit" -b "$jar"
	expect_status "$who: the edit page is refused" 403
	http POST "/indicators/$lc2" -b "$jar" --data-urlencode "csrf=$W_CSRF" -d "standard=learning_communities&capacity_level=people&code=LC.2&text=Mine"
	expect_status "$who: changing an indicator is refused" 403
	http POST "/indicators/$lc2/move" -b "$jar" --data-urlencode "csrf=$W_CSRF" -d "to=9"
	expect_status "$who: moving one is refused" 403
	http POST "/indicators/$lc2/remove" -b "$jar" --data-urlencode "csrf=$W_CSRF"
	expect_status "$who: removing one is refused" 403
	http POST "/instruments/$copy/indicators" -b "$jar" --data-urlencode "csrf=$W_CSRF" -d "standard=data&capacity_level=people&code=DA.9&text=Mine"
	expect_status "$who: adding one is refused" 403
	http POST "/instruments/$copy/rename" -b "$jar" --data-urlencode "csrf=$W_CSRF" -d "name=Mine"
	expect_status "$who: renaming the copy is refused" 403
done
expect_eq "nothing was written" "$(db_digest)" "$before"

# --- capnet's default is read-only ----------------------------------------------------------
http GET "/instruments/$default" -b "$mem"
expect_status "a member reads the default" 200
expect_body "which says why it cannot be changed" "It is read-only, so that every assessment made on it keeps its meaning. To change it, copy it for your network and edit the copy."
expect_body_lacks "and offers him no copy" "Copy it for"
http GET "/instruments/$default" -b "$fac"
expect_body "a facilitator is offered to copy it for her network" "<a href=\"/networks/1/instruments?from=$default#copy\">Copy it for Green River Mathematics Leadership Network</a>"
expect_body_lacks "but no form to change it" "action=\"/instruments/$default/indicators\""
http POST "/indicators/1/remove" -b "$fac" --data-urlencode "csrf=$W_CSRF"
expect_status "a facilitator may not change the default" 403
web_csrf "$admin"
http POST "/indicators/1/remove" -b "$admin" --data-urlencode "csrf=$W_CSRF"
expect_status "an admin is told it is read-only" 409
expect_body "why" "capnet&#39;s default instrument is read-only"
expect_eq "nothing was written" "$(db_digest)" "$before"
http GET "/instruments/$copy" -b "$admin"
expect_body "an admin may copy the network's copy again for its network" "Copy it for Green River Mathematics Leadership Network"
expect_body_lacks "not for another network, whose teams could not use it" "Copy it for Ohio Valley"
http GET /instruments/999 -b "$fac"
expect_status "an instrument that does not exist" 404

t_end
