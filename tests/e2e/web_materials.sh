# End to end: a meeting's materials in a browser's place (curl), on the demo. The
# facilitator links a library item and a deliverable to an agenda item of an upcoming
# meeting from their pages, sees them among the meeting's materials and removes one.
# A link made twice is refused beside the field with the choice kept; members see the
# materials but no remove button and may not link; other networks' meetings are not
# offered; a form without the CSRF token is refused. Nothing refused is written.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run demo
expect_rc "the demo loads" 0
# A meeting that stays upcoming whatever the day the test runs.
run meeting add --network-id 1 --title "Summer institute" --starts-at 2099-06-15T09:00 --ends-at 2099-06-15T15:00 --tz America/Chicago --place "GRREC"
run meeting agenda add --meeting-id "$(sql "SELECT id FROM meeting WHERE title = 'Summer institute'")" --kind try-out --title "Try it: fraction talks" --minutes 60
expect_rc "an upcoming meeting with an agenda item" 0
meeting=$(sql "SELECT id FROM meeting WHERE title = 'Summer institute'")
item=$(sql "SELECT id FROM agenda_item WHERE meeting_id = $meeting")
ela_item=$(sql "SELECT MAX(ai.id) FROM agenda_item ai JOIN meeting m ON m.id = ai.meeting_id WHERE m.network_id = 2")
lib=$(sql "SELECT id FROM library_item WHERE title = 'Fractions on the number line'")
dlv=$(sql "SELECT id FROM deliverable WHERE title = 'Fraction number line tasks, grades 3-5'")
srv_start || exit 1
fac="$T_DIR/fac" mem="$T_DIR/mem"
web_signin facilitator@demo.capnet.example "$fac"
web_signin member@demo.capnet.example "$mem"

http GET "/meetings/1" -b "$mem"
expect_body "the demo's meetings show their materials" '<a href="/library/1">Number talks</a> (library Strategy) for Try it: dot-image and number-string talks in grade-band groups'

http GET "/library/$lib" -b "$fac"
expect_body "a library item offers the facilitator to use it at a meeting" '<h2 id="use-at-meeting">Use at a meeting</h2>'
expect_body "listing the upcoming meeting's agenda items" "<option value=\"$item\">2099-06-15, Summer institute: 1. Try it: fraction talks</option>"
expect_body_lacks "but not another network's" "<option value=\"$ela_item\">"
http GET "/library/$lib" -b "$mem"
expect_body_lacks "a member is not offered it" "Use at a meeting"

web_csrf "$fac"
http POST /materials -b "$fac" -d "csrf=$W_CSRF&entity=library_item&material_id=$lib&agenda_item_id=$item"
expect_status "the facilitator links the library item" 303
expect_header "and goes to the meeting's materials" "Location: /meetings/$meeting#materials"
http GET "/deliverables/$dlv" -b "$fac"
expect_body "a deliverable offers it too" "<option value=\"$item\">2099-06-15, Summer institute: 1. Try it: fraction talks</option>"
http POST /materials -b "$fac" -d "csrf=$W_CSRF&entity=deliverable&material_id=$dlv&agenda_item_id=$item"
expect_status "and she links the deliverable" 303
http GET "/meetings/$meeting" -b "$fac"
expect_body "both are the meeting's materials" "<a href=\"/library/$lib\">Fractions on the number line</a> (library Strategy) for Try it: fraction talks"
expect_body "the deliverable too" "<a href=\"/deliverables/$dlv\">Fraction number line tasks, grades 3-5</a> (deliverable, In review) for Try it: fraction talks"
expect_body "each with a button to remove it" 'Remove<span class="visually-hidden"> Fractions on the number line from Try it: fraction talks</span>'
expect_eq "each link is audited" "$(sql "SELECT COUNT(*) FROM audit_event WHERE entity = 'agenda_item_link' AND action = 'create' AND entity_id = $item")" "2"

before=$(db_digest)
http POST /materials -b "$fac" -d "csrf=$W_CSRF&entity=library_item&material_id=$lib&agenda_item_id=$item"
expect_status "linking it again is refused" 409
expect_body "beside the agenda item's field" '<p class="field-error" id="agenda_item_id-error">that library item is linked to this agenda item already</p>'
expect_body "with the choice kept" "<option value=\"$item\" selected>"
http POST /materials -b "$fac" -d "csrf=$W_CSRF&entity=library_item&material_id=$lib&agenda_item_id=x1"
expect_status "an agenda item that is not an id" 400
expect_body "is named" "&#39;x1&#39; is not an agenda item"
http POST /materials -b "$fac" -d "csrf=$W_CSRF&entity=library_item&material_id=$lib&agenda_item_id=$ela_item"
expect_status "another network's agenda item is not found" 404
expect_body "which is said beside the field" "There is no agenda item $ela_item you may change."
http POST /materials -b "$fac" -d "csrf=$W_CSRF&entity=meeting&material_id=1&agenda_item_id=$item"
expect_status "a material that is neither is refused" 400
http POST /materials -b "$fac" -d "entity=library_item&material_id=$lib&agenda_item_id=$item"
expect_status "a form without the CSRF token is refused" 403
web_csrf "$mem"
http POST /materials -b "$mem" -d "csrf=$W_CSRF&entity=library_item&material_id=3&agenda_item_id=$item"
expect_status "a member may not link materials" 403
http GET "/meetings/$meeting" -b "$mem"
expect_body "a member sees the materials" "<a href=\"/library/$lib\">Fractions on the number line</a>"
expect_body_lacks "without remove buttons" "/materials/remove"
http POST /materials/remove -b "$mem" -d "csrf=$W_CSRF&entity=library_item&material_id=$lib&agenda_item_id=$item"
expect_status "nor remove them" 403
expect_eq "nothing refused was written" "$(db_digest)" "$before"

web_csrf "$fac"
http POST /materials/remove -b "$fac" -d "csrf=$W_CSRF&entity=library_item&material_id=$lib&agenda_item_id=$item"
expect_status "the facilitator removes the library item" 303
http GET "/meetings/$meeting" -b "$fac"
expect_body_lacks "it is no longer a material" "<a href=\"/library/$lib\">"
expect_body "the deliverable still is" "<a href=\"/deliverables/$dlv\">"
http POST /materials/remove -b "$fac" -d "csrf=$W_CSRF&entity=library_item&material_id=$lib&agenda_item_id=$item"
expect_status "removing it again finds nothing" 404

t_end
