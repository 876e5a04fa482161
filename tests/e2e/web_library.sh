# End to end: adding and editing library items in the browser's forms, on the demo. A
# facilitator adds an item to her network's library (bad input is shown beside its
# field with the input kept and nothing written), previews its Markdown, finds it by
# searching, and edits it; a form read before someone else's save is refused. An
# admin keeps the statewide library; members and other networks' facilitators get 403.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run demo
expect_rc "the demo loads" 0
srv_start || exit 1
admin="$T_DIR/admin" fac="$T_DIR/fac" mem="$T_DIR/mem"
web_signin admin@demo.capnet.example "$admin"
web_signin facilitator@demo.capnet.example "$fac"
web_signin member@demo.capnet.example "$mem"
xss='<script>alert(1)</script>'
img='"><img src=x onerror=alert(1)>'

http GET /library -b "$fac"
expect_body "the library offers a facilitator to add an item" '<a href="/library/new" class="button">Add a library item</a>'
http GET /library -b "$mem"
expect_body_lacks "but not a member" 'href="/library/new"'
http GET /library/new -b "$mem"
expect_status "whose form is refused (403)" 403
http GET /library/1 -b "$mem"
expect_body_lacks "nor may a member edit an item" 'href="/library/1/edit"'
http GET /library/1/edit -b "$mem"
expect_status "or open its form (403)" 403

http GET /library/new -b "$fac"
expect_status "the form to add an item" 200
expect_body "offers the facilitator's network" '<option value="1">Green River Mathematics Leadership Network</option>'
expect_body_lacks "and not another's" 'Ohio Valley English/Language Arts Leadership Network</option>'
expect_body "the kinds" '<label for="kind-research">Research summary</label>'
expect_body "the evidence tiers" 'id="evidence_tier-none" name="evidence_tier" value="none" checked'
expect_body "content areas" 'id="content_areas-mathematics" name="content_areas" value="mathematics"'
expect_body "and grade bands" '<label for="grade_bands-k_2">K-2</label>'

web_csrf "$fac"
before=$(db_digest)
form="csrf=$W_CSRF"
http POST /library/new -b "$fac" --data-urlencode "$form" --data-urlencode "title=Choral counting $xss" -d "network_id=1&kind=strategy&evidence_tier=7&content_areas=mathematics"
expect_status "a tier that is not one is refused" 400
expect_body "beside the tier" 'id="evidence_tier-error">Choose a tier from 1 to 4, or no tier.</p>'
expect_body "with the title kept, escaped" 'value="Choral counting &lt;script&gt;alert(1)&lt;/script&gt;"'
expect_body "and the content area kept" 'value="mathematics" checked'
http POST /library/new -b "$fac" --data-urlencode "$form" -d "network_id=1&kind=strategy"
expect_status "an item without a title is refused" 400
expect_body "beside the title" 'id="title-error">'
http POST /library/new -b "$fac" --data-urlencode "$form" -d "network_id=2&kind=strategy&title=Elsewhere"
expect_status "another network's library is refused" 400
expect_body "beside the network" 'id="network_id-error">Choose one of the networks listed'
http POST /library/new -b "$fac" --data-urlencode "$form" -d "kind=strategy&title=Statewide"
expect_status "the statewide library is not a facilitator's" 400
expect_body "beside the network" 'id="network_id-error">Choose the network whose library holds the item.</p>'
http POST /library/new -b "$fac" --data-urlencode "$form" -d "network_id=1&kind=strategy&title=Tags&tags=$(printf 'x%.0s' $(seq 1 50))"
expect_status "a tag too long is refused" 400
expect_body "beside the tags" 'id="tags-error">'
http POST /library/new -b "$fac" --data-urlencode "$form" -d "network_id=1&kind=strategy&title=Bands&grade_bands=13_16"
expect_status "a grade band that is none is refused" 400
expect_body "beside the grade bands" 'id="grade_bands-error">'
http POST /library/new -b "$fac" --data-urlencode "$form" -d "network_id=1&kind=strategy&title=Aligned&alignments=KY.MA.3,NO.SUCH.CODE"
expect_status "a standard that does not exist is refused" 400
expect_body "beside the standards, naming it" 'id="alignments-error">No standard has the code or id &#39;NO.SUCH.CODE&#39;'
expect_body "with the standards kept" 'value="KY.MA.3,NO.SUCH.CODE"'
http POST /library/new -b "$fac" --data-urlencode "$form" --data-urlencode "citations=Smith (2020). A study. ftp://x" -d "network_id=1&kind=strategy&title=Cited&url=javascript:alert(1)"
expect_status "an address that is not a web address is refused" 400
expect_body "beside it" 'id="url-error">'
http POST /library/new -b "$fac" -d "network_id=1&kind=strategy&title=No+token"
expect_status "a form without the CSRF token is refused" 403
expect_eq "nothing was written" "$(db_digest)" "$before"

body='## How it goes

Count **together** aloud, and <script>alert(1)</script> [a link](javascript:alert(1)).'
http POST /library/new -b "$fac" --data-urlencode "$form" --data-urlencode "body=$body" -d "network_id=1&kind=strategy&title=Choral+counting&preview=1"
expect_status "a preview" 200
expect_body "renders the Markdown" '<strong>together</strong>'
expect_body "headings under the page's" '<h4>How it goes</h4>'
expect_body_lacks "never raw HTML" '<script>alert(1)</script>'
expect_body_lacks "nor script links" 'href="javascript:'
expect_body "and keeps the text in the form" '## How it goes'
expect_eq "a preview writes nothing" "$(db_digest)" "$before"

http POST /library/new -b "$fac" --data-urlencode "$form" --data-urlencode "body=$body" --data-urlencode "title=Choral counting $xss" --data-urlencode "summary=Counting aloud together $img" --data-urlencode "citations=Turrou, A. C. (2017). Choral counting. https://example.org/choral
NCTM (2014). Principles to actions." -d "network_id=1&kind=strategy&evidence_tier=3&tags=counting,+Number+Sense&content_areas=mathematics&grade_bands=k_2&grade_bands=3_5&alignments=KY.MA.3&license=CC+BY+4.0&url=https://example.org/choral"
expect_status "the facilitator adds an item" 303
id=$(sql "SELECT id FROM library_item WHERE title LIKE 'Choral counting%'")
expect_header "and is sent to it" "Location: /library/$id?done=added"
expect_eq "stored in her network's library" "$(sql "SELECT network_id || ' ' || kind || ' ' || evidence_tier || ' ' || created_by FROM library_item WHERE id = $id")" "1 strategy 3 2"
expect_eq "with its labels" "$(sql "SELECT value FROM library_label WHERE item_id = $id ORDER BY facet, value" | tr '\n' ' ')" "mathematics 3_5 k_2 counting number-sense "
expect_eq "its citations in order, the address apart" "$(sql "SELECT text || '|' || COALESCE(url, '') FROM library_citation WHERE item_id = $id ORDER BY position" | tr '\n' ';')" "Turrou, A. C. (2017). Choral counting.|https://example.org/choral;NCTM (2014). Principles to actions.|;"
expect_eq "and its standard" "$(sql "SELECT COUNT(*) FROM library_alignment WHERE item_id = $id")" "1"
http GET "/library/$id?done=added" -b "$fac"
expect_body "the item says it was added" "The item was added to the library."
expect_body "its title escaped" "<h1>Choral counting &lt;script&gt;alert(1)&lt;/script&gt;</h1>"
expect_body "its summary escaped" "Counting aloud together &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
expect_body_lacks "never as a script" "$xss"
expect_body_lacks "nor as markup" "$img"
expect_body "its tier" "ESSA Tier 3: promising evidence"
expect_body "and an edit link" "href=\"/library/$id/edit\""
http GET "/library?q=choral" -b "$fac"
expect_body "searching the library finds it" "href=\"/library/$id\">Choral counting &lt;script&gt;"
http GET "/library?q=choral" -b "$mem"
expect_body "for members too" "href=\"/library/$id\">Choral counting"

http GET "/library/$id/edit" -b "$fac"
expect_status "the edit form" 200
expect_body "holds the title" 'value="Choral counting &lt;script&gt;alert(1)&lt;/script&gt;"'
expect_body "the tags" 'value="counting, number-sense"'
expect_body "the citations, one a line" "Turrou, A. C. (2017). Choral counting. https://example.org/choral
NCTM (2014). Principles to actions."
expect_body "the standards by code" 'value="KY.MA.3"'
expect_body "the grade bands ticked" 'value="3_5" checked'
expect_body "and the tier chosen" 'value="3" checked'
version=$(sql "SELECT version FROM library_item WHERE id = $id")
web_csrf "$fac"
form="csrf=$W_CSRF"
before=$(db_digest)
http POST "/library/$id/edit" -b "$fac" --data-urlencode "$form" -d "version=$version&network_id=1&kind=strategy&title="
expect_status "emptying the title is refused" 400
expect_body "beside it" 'id="title-error">'
http POST "/library/$id/edit" -b "$fac" --data-urlencode "$form" --data-urlencode "citations=A study.
Another study. https://" -d "version=$version&network_id=1&kind=strategy&title=Choral+counting"
expect_status "a citation with a broken address is refused" 400
expect_body "beside the citations, naming which" 'id="citations-error">Citation 2: '
expect_body "with the citations kept" 'Another study. https://'
expect_eq "nothing was written" "$(db_digest)" "$before"
sql "UPDATE library_item SET version = version + 1 WHERE id = $id" # someone else saved it
http POST "/library/$id/edit" -b "$fac" --data-urlencode "$form" -d "version=$version&network_id=1&kind=tool&title=Choral+counting+routine"
expect_status "a form read before someone else's save is refused" 412
expect_body "saying so plainly" "Someone else saved this item after you opened it."
expect_body "with the input kept" 'value="Choral counting routine"'
version=$((version + 1))
expect_body "and the form now at the saved version" "name=\"version\" value=\"$version\""
http POST "/library/$id/edit" -b "$fac" --data-urlencode "$form" -d "version=$version&network_id=1&kind=tool&title=Choral+counting+routine&summary=&evidence_tier=none&tags=counting&grade_bands=k_2"
expect_status "the facilitator saves her changes" 303
expect_header "and is sent to the item" "Location: /library/$id?done=saved"
expect_eq "which are stored; emptied fields are cleared" "$(sql "SELECT kind || ' ' || title || ' ' || COALESCE(CAST(evidence_tier AS TEXT), 'none') || ' ' || COALESCE(summary, 'no summary') FROM library_item WHERE id = $id")" "tool Choral counting routine none no summary"
expect_eq "and so are the labels, citations and standards" "$(sql "SELECT (SELECT COUNT(*) FROM library_label WHERE item_id = $id) || ' ' || (SELECT COUNT(*) FROM library_citation WHERE item_id = $id) || ' ' || (SELECT COUNT(*) FROM library_alignment WHERE item_id = $id)")" "2 0 0"
http GET "/library/$id?done=saved" -b "$fac"
expect_body "the item says so" "Your changes were saved."

# Other roles and the statewide library.
lead="$T_DIR/lead"
web_signin lead@demo.capnet.example "$lead"
http GET "/library/$id/edit" -b "$lead"
expect_status "a district lead may not edit it (403)" 403
web_csrf "$lead"
http POST "/library/$id/edit" -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "version=$version&network_id=1&kind=tool&title=Taken"
expect_status "nor save it" 403
web_csrf "$mem"
http POST /library/new -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "kind=tool&title=Mine"
expect_status "a member may not add an item" 403
http GET /library/new -b "$admin"
expect_body "an admin may add to the statewide library" "With no network chosen, the item is in the statewide library."
web_csrf "$admin"
http POST /library/new -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "kind=research&title=State+research+brief&network_id="
expect_status "and does" 303
expect_eq "with no network" "$(sql "SELECT COALESCE(CAST(network_id AS TEXT), 'statewide') FROM library_item WHERE title = 'State research brief'")" "statewide"
state=$(sql "SELECT id FROM library_item WHERE title = 'State research brief'")
http GET "/library/$state/edit" -b "$fac"
expect_status "which a facilitator may not edit (403)" 403
http GET /library/99999/edit -b "$admin"
expect_status "an item that does not exist: 404" 404

t_end
