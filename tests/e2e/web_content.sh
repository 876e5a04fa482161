# End to end: the standards and deliverables pages in a browser's place (curl with a
# cookie jar), on the demo data plus a small CASE framework. Journeys: browsing a
# framework and an item, finding standards; a district lead writes a deliverable in two
# versions, compares them, has a stale save refused with the text kept, and submits it;
# a facilitator reviews and publishes it; another district's lead adapts it with a note
# and sees how much is still the source; a newer published version gives that lead a
# notice to compare and mark seen; learning targets with the "I can" check shown beside
# the field; drafts of one district are not found for another; stored HTML in titles,
# bodies and notes comes back escaped; a form without its CSRF token is refused. The
# library: ranked search with filters, an item with its body as safe Markdown, its
# evidence tier explained, citations and standards, and a try-out recorded.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

FIXTURES="$(dirname "$0")/../fixtures/case"
run demo
expect_rc "the demo loads" 0
run import case "$FIXTURES/basic.json"
expect_rc "a CASE framework is imported" 0
printf 'capnet-demo-2026\n' >"$T_DIR/pw"
run user passwd angela.pruitt@pondriver.k12.example --password-stdin <"$T_DIR/pw"
srv_start || exit 1

# signin JAR EMAIL: signs in with the demo password, keeping the cookie in JAR.
signin() {
	web_signin_form "$T_DIR/$1.jar"
	http POST /signin -b "$T_DIR/$1.jar" -c "$T_DIR/$1.jar" --data-urlencode "csrf=$W_SIGNIN_CSRF" --data-urlencode "email=$2" \
		--data-urlencode "password=capnet-demo-2026" --data-urlencode "next=/dashboard"
	http GET /dashboard -b "$T_DIR/$1.jar"
	printf '%s' "$H_BODY" | grep -o 'name="csrf" value="[^"]*"' | head -n 1 |
		sed 's/.*value="//; s/"$//' >"$T_DIR/$1.csrf"
}
# get JAR PATH / post JAR PATH [curl options: --data-urlencode name=value ...]
get() { http GET "$2" -b "$T_DIR/$1.jar"; }
post() {
	p_jar=$1
	p_path=$2
	shift 2
	http POST "$p_path" -b "$T_DIR/$p_jar.jar" --data-urlencode "csrf=$(cat "$T_DIR/$p_jar.csrf")" "$@"
}
# location: the path the last answer redirects to.
location() { printf '%s' "$H_HEAD" | sed -n 's/^Location: //p'; }
# lacks NAME TEXT: the last body does not contain TEXT.
lacks() {
	if printf '%s' "$H_BODY" | grep -qF -- "$2"; then t_fail "$1" "body has: $2"; else t_ok "$1"; fi
}

signin lead lead@demo.capnet.example
signin fac facilitator@demo.capnet.example
signin pond angela.pruitt@pondriver.k12.example
signin partner partner@demo.capnet.example
expect_eq "each person has a CSRF token" "$(wc -c <"$T_DIR/pond.csrf")" "44"

# --- Standards -----------------------------------------------------------------------
get lead /standards
expect_status "the standards page" 200
expect_body "lists the imported framework" ">Sample Academic Standards for Mathematics</a>"
fw=$(sql "SELECT id FROM framework WHERE title = 'Sample Academic Standards for Mathematics'")
rp1=$(sql "SELECT id FROM cf_item WHERE human_coding_scheme = 'KY.6.RP.1'")
rpa=$(sql "SELECT id FROM cf_item WHERE human_coding_scheme = 'KY.6.RP.A'")
get lead "/standards/frameworks/$fw"
expect_body "a small framework is shown whole, nested" '<ul class="tree"><li><a href="/standards/items/'
expect_body "with codes linking to items" "<strong>KY.6.RP.3b</strong></a>"
get lead "/standards/frameworks/$fw?under=$rpa"
expect_body "one level under an item" "<h2 id=\"tree\">Under KY.6.RP.A</h2>"
expect_body "with its path as breadcrumbs" "<span aria-current=\"page\">KY.6.RP.A</span>"
expect_body "and a link to open a level with children" "Show the 2 items under it"
get lead "/standards/frameworks/$fw?under=abc"
expect_status "a bad ?under= is refused" 400
get lead "/standards/items/$rp1"
expect_status "an item's page" 200
expect_body "its statement" "Understand the concept of a ratio and use ratio language"
expect_body "its type and levels" "<dt>Type</dt><dd>Standard</dd>"
expect_body "its path" "<a href=\"/standards/items/$rpa\">KY.6.RP.A</a>"
expect_body "its associations, both within capnet and outside" "This comes before <a href="
expect_body "an exemplar outside capnet links out" 'href="https://tasks.example.org/ratios/bird-house"'
get lead "/standards/items/999999"
expect_status "an unknown item" 404
get lead "/standards/find?code=ky.7"
expect_body "find by code prefix, any case" "4 items found"
get lead "/standards/find?words=unit+rate"
expect_body "find by words" "KY.6.RP.2</strong>"
expect_body "hits show their path" 'class="muted path">Ratios and Proportional Relationships / KY.6.RP.A'
get lead "/standards/find?code=KY&words=ratio"
expect_status "a code and words together are refused" 400
expect_body "the error is beside the words field" 'id="words-error">Give either the start of a code or words'
expect_body "the input is kept" 'value="ratio"'
http GET /standards
expect_status "not signed in: sent to sign in" 303
expect_header "with the page to come back to" "Location: /signin?next=/standards"

# --- A lead writes a deliverable --------------------------------------------------------
XSS='<script>alert(1)</script>'
ATTR='"><img src=x onerror=alert(1)>'
get lead /deliverables/new
expect_body "the form offers the lead's team" '<option value="1" selected>Tradewater County Public Schools - Green River Mathematics Leadership Network</option>'
before=$(db_digest)
post lead /deliverables/new --data-urlencode "team_id=1" --data-urlencode "kind=unit" --data-urlencode "title="
expect_status "a deliverable without a title is refused" 400
expect_body "the error is beside the title" 'id="title-error"'
expect_eq "and nothing is stored" "$(db_digest)" "$before"
post lead /deliverables/new --data-urlencode "team_id=1" --data-urlencode "kind=unit" \
	--data-urlencode "title=Ratio tables $XSS" \
	--data-urlencode "body=$(printf '# Ratio tables\r\n\r\nStart with a story.\r\n%s\r\n[click](javascript:alert(1))\r\nEnd.' "$XSS")" \
	--data-urlencode "change_note=First draft $ATTR"
expect_status "a lead creates a deliverable" 303
d1=$(location | sed 's|^/deliverables/\([0-9]*\).*|\1|')
expect_eq "it redirects to the new deliverable" "$(location)" "/deliverables/$d1?done=created"
expect_eq "a browser's CR LF line breaks are stored as LF" "$(sql "SELECT body FROM deliverable_version WHERE deliverable_id = $d1" | tr -cd '\r' | wc -c)" "0"
get lead "/deliverables/$d1?done=created"
expect_body "the page says it was created" "The deliverable was created."
expect_body "the title is escaped" "<h1>Ratio tables &lt;script&gt;alert(1)&lt;/script&gt;</h1>"
expect_body "the change note is escaped" "First draft &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
lacks "no stored script reaches the page" "$XSS"
lacks "no stored image tag reaches the page" "<img src=x"
lacks "no javascript: link from the Markdown" 'href="javascript:'
expect_body "the body is shown" "Start with a story."
expect_body "contributors come with their district" "Dana Whitaker, Tradewater County Public Schools"

get lead "/deliverables/$d1/edit"
expect_body "the editor is a textarea of the Markdown" '<textarea id="body" name="body" class="editor" required'
expect_body "based on the latest version" 'name="based_on" value="1"'
post lead "/deliverables/$d1/preview" --data-urlencode "based_on=1" --data-urlencode "body=Preview me: ratio tables"
expect_status "a preview" 200
expect_body "keeps the text in the editor" "Preview me: ratio tables</textarea>"
expect_body "and shows it rendered below" '<h2 id="preview">Preview</h2>'
post lead "/deliverables/$d1/versions" --data-urlencode "based_on=1" --data-urlencode "body="
expect_status "an empty version is refused" 400
expect_body "with the error beside the text" 'id="body-error"'
post lead "/deliverables/$d1/versions" --data-urlencode "based_on=1" \
	--data-urlencode "body=$(printf '# Ratio tables\n\nStart with a story about a recipe.\n')" \
	--data-urlencode "change_note=A recipe"
expect_status "a second version is saved" 303
expect_eq "two versions stored" "$(sql "SELECT COUNT(*) FROM deliverable_version WHERE deliverable_id = $d1")" "2"
before=$(db_digest)
post lead "/deliverables/$d1/versions" --data-urlencode "based_on=1" \
	--data-urlencode "body=Written from version one, kept" --data-urlencode "change_note=late"
expect_status "a save from a stale version is refused" 412
expect_body "the text is kept" "Written from version one, kept</textarea>"
expect_body "with a link to what changed" "href=\"/deliverables/$d1/diff?from=1&amp;to=2\""
expect_eq "and nothing is stored" "$(db_digest)" "$before"
get lead "/deliverables/$d1/diff?from=1&to=2"
expect_status "the differences page" 200
expect_body "removed lines in <del>" "<del>Start with a story.</del>"
expect_body "added lines in <ins>" "<ins>Start with a story about a recipe.</ins>"
expect_body "inside the diff styles" '<div class="diff">'
get lead "/deliverables/$d1/diff?from=1&to=9"
expect_status "an unknown version to compare" 404

post lead "/deliverables/$d1/submit" --data-urlencode "csrf=wrong"
expect_status "a wrong CSRF token is refused" 403
http POST "/deliverables/$d1/submit" -b "$T_DIR/lead.jar"
expect_status "a form without its CSRF token is refused" 403
expect_eq "the status did not change" "$(sql "SELECT status FROM deliverable WHERE id = $d1")" "draft"

# --- Drafts stay in their district ------------------------------------------------------
get pond "/deliverables/$d1"
expect_status "another district's lead: a draft is not found" 404
get pond "/deliverables/$d1/edit"
expect_status "nor its editor" 404
get pond "/deliverables/$d1/diff"
expect_status "nor its differences" 404
get pond /deliverables
lacks "nor is it listed" "Ratio tables"
get partner "/deliverables/$d1"
expect_status "a partner: not found either" 404

post lead "/deliverables/$d1/submit"
expect_status "the lead submits it for review" 303
expect_eq "it is in review" "$(sql "SELECT status FROM deliverable WHERE id = $d1")" "in_review"
get lead "/deliverables/$d1"
lacks "the lead is not offered Publish" 'action="/deliverables/'"$d1"'/publish"'
post lead "/deliverables/$d1/publish"
expect_status "a lead may not publish" 403

# --- A facilitator reviews and publishes ------------------------------------------------
get fac "/deliverables/$d1"
expect_body "the facilitator is offered Publish" "action=\"/deliverables/$d1/publish\""
get fac "/deliverables/$d1/review"
expect_body "the review form has a fieldset per dimension" '<fieldset id="key_shifts"><legend>Key shifts in the standards</legend>'
expect_body "scores 0-3 as radio buttons" '<input type="radio" id="alignment-3" name="alignment" value="3">'
post fac "/deliverables/$d1/reviews" --data-urlencode "comments=nothing scored"
expect_status "a review without a score is refused" 400
expect_body "the error is shown at the first dimension" 'id="alignment-error"'
expect_body "the comment is kept" "nothing scored</textarea>"
post fac "/deliverables/$d1/reviews" --data-urlencode "alignment=3" --data-urlencode "key_shifts=2" \
	--data-urlencode "instructional_supports=2" --data-urlencode "assessment=1" \
	--data-urlencode "comments=Strong $ATTR"
expect_status "the facilitator reviews it" 303
post fac "/deliverables/$d1/publish"
expect_status "and publishes it" 303
get lead "/deliverables/$d1"
expect_body "the summary shows the mean scores" '<th scope="row">Version 2</th><td class="num">1</td><td class="num">3.0</td>'
expect_body "the review comment is escaped" "Strong &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
expect_body "it is published" '<dd class="status-good">Published</dd>'

# --- Another district adapts it -----------------------------------------------------------
get pond "/deliverables/$d1"
expect_status "once published, the other district's lead reads it" 200
expect_body "and may adapt it" "href=\"/deliverables/$d1/derive\""
before=$(db_digest)
post pond "/deliverables/$d1/derive" --data-urlencode "team_id=2" --data-urlencode "context_note="
expect_status "an adaptation needs a note" 400
expect_body "the error is beside the note" 'id="context_note-error"'
expect_eq "and nothing is stored" "$(db_digest)" "$before"
post pond "/deliverables/$d1/derive" --data-urlencode "team_id=1" --data-urlencode "context_note=not ours"
expect_status "not for another district's team" 400
post pond "/deliverables/$d1/derive" --data-urlencode "team_id=2" \
	--data-urlencode "context_note=Our students start from tape diagrams $XSS"
expect_status "the other district's lead adapts it" 303
d2=$(location | sed 's|^/deliverables/\([0-9]*\).*|\1|')
get pond "/deliverables/$d2"
expect_body "the adaptation names its source" "<a href=\"/deliverables/$d1\">Ratio tables &lt;script&gt;"
expect_body "with how much it is still the source" "duplicate, 100% the same as its source"
expect_body "and the note, escaped" "Our students start from tape diagrams &lt;script&gt;"
post pond "/deliverables/$d2/versions" --data-urlencode "based_on=1" \
	--data-urlencode "body=$(printf '# Tape diagrams for ratios\n\nOur grade 6 teams begin with tape diagrams and a bar model.\n')" \
	--data-urlencode "change_note=Ours now"
get pond "/deliverables/$d2"
expect_body "a rewritten version is new" "new, "
get fac "/deliverables/$d1"
expect_body "the facilitator sees the adaptation under the source" "by Pond River County Schools (from version 2)"

# --- A newer source version: a notice -----------------------------------------------------
post lead "/deliverables/$d1/versions" --data-urlencode "based_on=2" \
	--data-urlencode "body=$(printf '# Ratio tables\n\nStart with a story about a recipe.\n\nThen a double number line.\n')"
expect_status "the lead saves a third version, a revision" 303
post lead "/deliverables/$d1/submit"
post fac "/deliverables/$d1/publish"
expect_status "reviewed and published by the facilitator" 303
get pond /notices
expect_body "the adapting lead has a notice" "has a new published version 3"
n1=$(sql "SELECT id FROM notice WHERE deliverable_id = $d2 AND kind = 'source_updated'")
expect_body "with a link to compare" "href=\"/notices/$n1/compare\""
get pond "/notices/$n1/compare"
expect_status "the comparison" 200
expect_body "shows what the source would change" "<ins>Then a double number line.</ins>"
get lead "/notices/$n1/compare"
expect_status "someone else's notice is not found" 404
expect_body "in the words the API uses" "there is no notice with id $n1"
post lead "/notices/$n1/seen"
expect_status "nor marked seen by them" 404
expect_body "in the same words" "there is no notice with id $n1"
post pond "/notices/$n1/seen"
expect_status "mark seen" 303
get pond /notices
lacks "the notice is gone (notices of versions she co-authors stay)" "has a new published version 3"

# --- Learning targets -----------------------------------------------------------------------
post lead /deliverables/new --data-urlencode "team_id=1" --data-urlencode "kind=learning_target_set" \
	--data-urlencode "title=Ratio learning targets"
d3=$(location | sed 's|^/deliverables/\([0-9]*\).*|\1|')
before=$(db_digest)
post lead "/deliverables/$d3/targets" --data-urlencode "standard=KY.6.RP.1" \
	--data-urlencode "kind=knowledge" --data-urlencode "statement=Students will know what a ratio is"
expect_status "a target that is not an I can statement is refused" 400
expect_body "the error is beside the statement" '<p class="field-error" id="statement-error">must start with &quot;I can&quot;'
expect_body "the statement is kept" 'value="Students will know what a ratio is"'
expect_body "the standard is kept" 'value="KY.6.RP.1"'
expect_eq "and nothing is stored" "$(db_digest)" "$before"
post lead "/deliverables/$d3/targets" --data-urlencode "standard=KY.9.ZZ" \
	--data-urlencode "kind=knowledge" --data-urlencode "statement=I can name a ratio"
expect_body "an unknown standard is named beside its field" 'id="standard-error"'
post lead "/deliverables/$d3/targets" --data-urlencode "standard=KY.6.RP.1" \
	--data-urlencode "kind=knowledge" --data-urlencode "statement=I can say what a ratio compares"
expect_status "a target is added" 303
post lead "/deliverables/$d3/targets" --data-urlencode "standard=KY.6.RP.3" \
	--data-urlencode "kind=skill" --data-urlencode "statement=I can fill in a ratio table $XSS"
t2=$(sql "SELECT id FROM learning_target WHERE deliverable_id = $d3 AND kind = 'skill'")
post lead "/deliverables/$d3/targets/$t2/up"
expect_status "a target moves up" 303
expect_eq "it is first now" "$(sql "SELECT position FROM learning_target WHERE id = $t2")" "1"
get lead "/deliverables/$d3/targets"
expect_body "targets show kind and statement, escaped" "I can fill in a ratio table &lt;script&gt;alert(1)&lt;/script&gt; <span class=\"tag\">Performance skill</span>"
get lead "/deliverables/$d3/case.json"
expect_header "the CASE export is JSON" "Content-Type: application/json"
expect_header "as a download" "Content-Disposition: attachment"
expect_eq "with the targets as CFItems" "$(jget 'len(j["CFItems"])')" "2"
get lead "/standards/items/$rp1"
expect_body "the standard's page lists the target" "I can say what a ratio compares"
get pond "/standards/items/$rp1"
lacks "but not to another district while it is a draft" "I can say what a ratio compares"
get pond "/deliverables/$d3/targets"
expect_status "nor are the draft's targets found" 404
get lead "/deliverables/$d1/targets"
expect_status "a unit has no learning targets page" 404
post lead "/deliverables/$d1/standards" --data-urlencode "standard=KY.6.RP.3"
expect_status "a deliverable is aligned to a standard" 303
get lead "/deliverables/$d1"
expect_body "its standards are listed with links" "<a href=\"/standards/items/$(sql "SELECT id FROM cf_item WHERE human_coding_scheme = 'KY.6.RP.3'")\">KY.6.RP.3</a>"

# --- The list ---------------------------------------------------------------------------------
get lead "/deliverables?status=published"
expect_body "filtering by status" "Ratio tables &lt;script&gt;"
lacks "leaves out other statuses" "Ratio learning targets"
get lead "/deliverables?kind=pamphlet"
expect_status "an unknown kind is refused" 400
expect_body "beside its field" 'id="kind-error"'

# --- The library ---------------------------------------------------------------------------
printf '# Ratio tables\n\nUse a **table**. %s\n\n[bad](javascript:alert(1)) [good](https://example.org)\n' "$XSS" >"$T_DIR/body.md"
run library add --kind strategy --title "Ratio tables $XSS" --tier 2 --area mathematics --band 6-8 \
	--tag ratios --align "$rp1" --summary "Tables of equivalent ratios." --body-file "$T_DIR/body.md" \
	--citation "Lamon, S. (2012). Teaching Fractions and Ratios for Understanding. https://example.org/lamon"
expect_rc "a library item is added" 0
run library add --kind tool --title "Number line kit" --area mathematics --band 3-5 --summary "Printable number lines."
lib1=$(sql "SELECT id FROM library_item WHERE title LIKE 'Ratio tables%'")
get lead "/library?q=ratio+tables"
expect_status "a library search" 200
expect_body "finds the item, escaped" "<a href=\"/library/$lib1\">Ratio tables &lt;script&gt;"
expect_body "with its evidence tier" "ESSA Tier 2: moderate evidence"
expect_body "its labels" '<span class="tag">6-8</span><span class="tag">#ratios</span>'
expect_body "and its try-outs" "Not tried yet."
lacks "leaves out what does not match" "Number line kit"
get lead "/library?band=3-5"
expect_body "filters alone list items" "Number line kit"
lacks "only those passing the filter" "Ratio tables"
get lead "/library?tier=7"
expect_status "a bad tier is refused" 400
expect_body "beside its field" 'id="tier-error"'
get lead "/library/$lib1"
expect_status "the item's page" 200
expect_body "the body as Markdown" "<p>Use a <strong>table</strong>."
lacks "raw HTML in the body is dropped" "$XSS"
lacks "javascript: links are dropped" 'href="javascript:'
expect_body "headings come under the page's" "<h3>Ratio tables</h3>"
expect_body "the evidence tier explained" "quasi-experimental study"
expect_body "citations with their links" '<a href="https://example.org/lamon" rel="noopener">'
expect_body "aligned standards link to them" "<a href=\"/standards/items/$rp1\">KY.6.RP.1</a>"
before=$(db_digest)
post lead "/library/$lib1/tryouts" --data-urlencode "would_work=yes" --data-urlencode "note=kept note"
expect_status "a try-out without a rating is refused" 400
expect_body "the error is beside the rating" 'id="rating-error"'
expect_body "the note is kept" "kept note</textarea>"
expect_eq "and nothing is stored" "$(db_digest)" "$before"
post lead "/library/$lib1/tryouts" --data-urlencode "rating=4" --data-urlencode "would_work=maybe" \
	--data-urlencode "meeting_id=1" --data-urlencode "note=Worked with a recipe $XSS"
expect_status "a try-out is recorded" 303
get lead "/library/$lib1"
expect_body "the summary counts it" "Tried 1 time, rated 4.0 of 5 on average; would it work here? 0 yes, 1 maybe, 0 no."
expect_body "by district" "Tradewater County Public Schools: 1 person"
expect_body "the note is shown escaped" "Worked with a recipe &lt;script&gt;"
get pond "/standards/items/$rp1"
expect_body "the standard's page lists the aligned library item" "<a href=\"/library/$lib1\">Ratio tables &lt;script&gt;"

echo "1..$T_N"
