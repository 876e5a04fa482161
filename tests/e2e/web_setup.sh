# End to end: setting a network up in a browser's place (curl), on the demo. An admin
# creates a network and lands on its page, edits its details, adds a district team
# (among the districts not in it yet) and removes a facilitator; a facilitator edits the
# network and a meeting, reorders and removes agenda items and deletes a meeting after a
# confirmation page; a district lead adds a person of her district to her team and
# removes one. Bad input is refused beside its field with the input kept and the
# database unchanged; the wrong roles get 403, other districts 404; stored script in a
# network's name and description comes back escaped.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run demo
expect_rc "the demo loads" 0
printf 'capnet-demo-2026\n' >"$T_DIR/pw"
run user passwd angela.pruitt@pondriver.k12.example --password-stdin <"$T_DIR/pw"
expect_rc "another district's lead gets a password" 0
srv_start || exit 1

admin="$T_DIR/admin" fac="$T_DIR/fac" lead="$T_DIR/lead" mem="$T_DIR/mem" other="$T_DIR/other"
web_signin admin@demo.capnet.example "$admin"
web_signin facilitator@demo.capnet.example "$fac"
web_signin lead@demo.capnet.example "$lead"
web_signin member@demo.capnet.example "$mem"
web_signin angela.pruitt@pondriver.k12.example "$other"
xss='<script>alert(1)</script>'
img='"><img src=x onerror=alert(1)>'

# --- An admin creates a network -----------------------------------------------------------
http GET /networks -b "$admin"
expect_body "an admin is offered a new network" '<a href="/networks/new" class="button">New network</a>'
http GET /networks -b "$fac"
expect_body_lacks "a facilitator is not" 'href="/networks/new"'
http GET /networks/new -b "$admin"
expect_status "the new network form" 200
expect_body "with the content areas as people read them" '<option value="english_language_arts">English language arts</option>'
expect_body "and the cooperatives to run it" '<option value="2">Green River Regional Educational Cooperative</option>'
http GET /networks/new -b "$fac"
expect_status "a facilitator may not create a network" 403
http GET /networks/new -b "$lead"
expect_status "nor a district lead" 403

web_csrf "$admin"
before=$(db_digest)
http POST /networks -b "$admin" --data-urlencode "csrf=$W_CSRF" --data-urlencode "name=Science network kept" -d "content_area=science&region_id=2&school_year=2026-2027"
expect_status "a malformed school year is refused" 400
expect_body "beside its field" 'id="school_year-error">'
expect_body "with the input kept" 'value="Science network kept"'
expect_body "the region chosen kept" '<option value="2" selected>'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST /networks -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "name=&content_area=science&school_year=2026-27"
expect_status "a network without a name is refused" 400
expect_body "naming the field" '<a href="#name">'
http POST /networks -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "name=Rocks&content_area=geology&school_year=2026-27"
expect_status "an unknown content area is refused" 400
expect_body "beside its field" 'id="content_area-error">'
http POST /networks -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "name=Rocks&content_area=science&school_year=2026-27&region_id=5"
expect_status "a district cannot run a network" 400
expect_body "said beside the region" 'id="region_id-error">organization 5 is a district'
expect_eq "still nothing was written" "$(db_digest)" "$before"
http POST /networks -b "$admin" -d "name=Rocks&content_area=science&school_year=2026-27"
expect_status "a form without the CSRF token is refused" 403
web_csrf "$fac"
http POST /networks -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "name=Mine&content_area=science&school_year=2026-27"
expect_status "a facilitator may not post one either" 403
expect_eq "and nothing was written" "$(db_digest)" "$before"

web_csrf "$admin"
http POST /networks -b "$admin" --data-urlencode "csrf=$W_CSRF" --data-urlencode "name=Science $xss" --data-urlencode "description=Inquiry first $img" -d "content_area=science&region_id=2&school_year=2026-27"
expect_status "an admin creates a network" 303
net=$(sql "SELECT id FROM network WHERE content_area = 'science'")
expect_header "and lands on its page" "Location: /networks/$net?done=created"
expect_eq "stored with its region" "$(sql "SELECT region_id || ' ' || school_year || ' ' || active FROM network WHERE id = $net")" "2 2026-27 1"
expect_eq "audited" "$(sql "SELECT COUNT(*) FROM audit_event WHERE entity = 'network' AND entity_id = $net AND action = 'create'")" "1"
http GET "/networks/$net?done=created" -b "$admin"
expect_status "its page" 200
expect_body "says it was created" "The network was created."
expect_body "its name escaped" "<h1>Science &lt;script&gt;alert(1)&lt;/script&gt;</h1>"
expect_body "its description escaped" "Inquiry first &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
expect_body_lacks "never as a script" "$xss"
expect_body_lacks "never as an element" "<img src=x"
expect_body "offers to edit the details" "href=\"/networks/$net/edit\""
http GET /networks -b "$admin"
expect_body "listed, escaped" "Science &lt;script&gt;alert(1)&lt;/script&gt;</a>"

# --- Its details ------------------------------------------------------------------------------
http GET "/networks/$net/edit" -b "$admin"
expect_status "the edit form" 200
expect_body "filled in" 'value="2026-27"'
expect_body "the name escaped in its field" 'value="Science &lt;script&gt;alert(1)&lt;/script&gt;"'
expect_body "the region selected" '<option value="2" selected>'
http GET "/networks/$net/edit" -b "$fac"
expect_status "a facilitator of another network does not find it" 404
http GET /networks/1/edit -b "$fac"
expect_status "the facilitator edits her own network's details" 200
http GET /networks/1/edit -b "$lead"
expect_status "a district lead reads the network but may not edit it" 403
http GET "/networks/$net/edit" -b "$lead"
expect_status "nor a network her district is not in" 404

version=$(sql "SELECT version FROM network WHERE id = $net")
before=$(db_digest)
http POST "/networks/$net/edit" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "version=$version&name=&content_area=science&school_year=2026-27&active=1"
expect_status "an emptied name is refused" 400
expect_body "beside its field" 'id="name-error">is required and cannot be empty</p>'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST "/networks/$net/edit" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "version=$((version + 7))&name=Stale&content_area=science&school_year=2026-27&active=1"
expect_status "a form read before someone else saved is refused" 412
expect_body "with the input kept" 'value="Stale"'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST "/networks/$net/edit" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "version=$version&name=Science+Leadership+Network&content_area=science&region_id=&school_year=2027-28&description="
expect_status "the admin saves the details" 303
expect_header "back on the network page" "Location: /networks/$net?done=saved"
expect_eq "the changes are stored; emptied fields cleared; unticked active ended" "$(sql "SELECT name || '|' || school_year || '|' || COALESCE(CAST(region_id AS TEXT), 'none') || '|' || COALESCE(description, 'none') || '|' || CAST(active AS TEXT) FROM network WHERE id = $net")" "Science Leadership Network|2027-28|none|none|0"
http GET "/networks/$net?done=saved" -b "$admin"
expect_body "which says so" "The details were saved."
expect_body "statewide now" "<dd>Statewide</dd>"
web_csrf "$fac"
http POST /networks/1/edit -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "name=Green+River+Mathematics+Leadership+Network&content_area=mathematics&region_id=2&school_year=2026-27&active=1" --data-urlencode "description=Number sense first"
expect_status "the facilitator saves her network's details" 303
expect_eq "stored" "$(sql "SELECT description FROM network WHERE id = 1")" "Number sense first"
web_csrf "$lead"
http POST /networks/1/edit -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "name=Mine&content_area=mathematics&school_year=2026-27"
expect_status "a district lead may not post it" 403

# --- District teams ---------------------------------------------------------------------------
http GET "/networks/$net" -b "$admin"
expect_body "an admin may add a district team" "action=\"/networks/$net/teams\""
expect_body "choosing among the districts" '<option value="5">Tradewater County Public Schools</option>'
http GET /networks/1 -b "$admin"
expect_body "a network every district is in says so" "Every district already has a team in this network."
http GET /networks/1 -b "$fac"
expect_body "a facilitator is offered the team form too" 'id="add-team"'
http GET /networks/1 -b "$lead"
expect_body_lacks "a district lead is not" 'id="add-team"'
web_csrf "$admin"
before=$(db_digest)
http POST "/networks/$net/teams" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "district_id=2&name=Kept+name"
expect_status "a cooperative cannot be a team" 400
expect_body "said beside the district" 'id="district_id-error">organization 2 is a cooperative; a team comes from a district</p>'
expect_body "the name kept" 'value="Kept name"'
http POST "/networks/$net/teams" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "district_id="
expect_status "a team without a district is refused" 400
expect_body "beside its field" 'id="district_id-error">Choose the team&#39;s district.</p>'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST "/networks/$net/teams" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "district_id=5"
expect_status "the admin adds Tradewater's team" 303
expect_header "back to the teams" "Location: /networks/$net?done=team#teams"
team=$(sql "SELECT id FROM team WHERE network_id = $net AND district_id = 5")
expect_eq "named after its district" "$(sql "SELECT name FROM team WHERE id = $team")" "Tradewater County Public Schools"
http GET "/networks/$net?done=team" -b "$admin"
expect_body "listed" "<a href=\"/teams/$team\">Tradewater County Public Schools</a>"
expect_body "with a notice" "The team was added."
expect_body_lacks "no longer offered" '<option value="5">Tradewater'
http POST "/networks/$net/teams" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "district_id=5"
expect_status "a second team of the district is refused" 409
expect_body "said beside the district" 'id="district_id-error">Tradewater County Public Schools already has a team in this network'
web_csrf "$fac"
http POST /networks/1/teams -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "district_id=5"
expect_status "in the facilitator's network too" 409
http POST "/networks/$net/teams" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "district_id=10"
expect_status "a facilitator of another network does not find this one" 404
web_csrf "$lead"
http POST /networks/1/teams -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "district_id=10"
expect_status "a district lead may not add teams" 403

# --- Facilitators -------------------------------------------------------------------------------
web_csrf "$admin"
http POST "/networks/$net/facilitators" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "email=facilitator@demo.capnet.example"
expect_status "the admin adds a facilitator" 303
http GET "/networks/$net" -b "$admin"
expect_body "who can be removed" "action=\"/networks/$net/facilitators/2/remove\""
http GET "/networks/$net" -b "$fac"
expect_status "the new facilitator finds the network" 200
expect_body_lacks "but may not remove facilitators" "/facilitators/2/remove"
expect_body "and may edit it" "href=\"/networks/$net/edit\""
web_csrf "$fac"
http POST "/networks/$net/facilitators/2/remove" -b "$fac" --data-urlencode "csrf=$W_CSRF"
expect_status "a facilitator may not remove one" 403
web_csrf "$admin"
http POST "/networks/$net/facilitators/8/remove" -b "$admin" --data-urlencode "csrf=$W_CSRF"
expect_status "removing someone who does not facilitate it" 404
http POST "/networks/$net/facilitators/2/remove" -b "$admin" --data-urlencode "csrf=$W_CSRF"
expect_status "the admin removes the facilitator" 303
expect_header "back to the facts" "Location: /networks/$net?done=facilitator_removed#about"
expect_eq "who is gone" "$(sql "SELECT COUNT(*) FROM network_facilitator WHERE network_id = $net")" "0"
http GET "/networks/$net" -b "$fac"
expect_status "and no longer finds the network" 404

# --- Team members -------------------------------------------------------------------------------
http GET /teams/1 -b "$lead"
expect_status "the lead's team page" 200
expect_body "offers the people of her district not on the team" '<option value="36">Joy Kincaid (joy.kincaid@tradewater.k12.example)</option>'
expect_body_lacks "not those already on it" '<option value="8">'
expect_body_lacks "nor other districts' people" 'pondriver.k12.example)</option>'
expect_body "as member or lead" '<input type="radio" id="role-member" name="role" value="member" checked required>'
expect_body "and may remove members" 'action="/teams/1/members/8/remove"'
http GET /teams/1 -b "$mem"
expect_status "a member reads the team" 200
expect_body "the list" "Marcus Ridley"
expect_body_lacks "without the forms" 'action="/teams/1/members'
http GET /teams/1 -b "$other"
expect_status "another district's lead does not find the team" 404
http GET /teams/2 -b "$fac"
expect_body "the facilitator may add to any team of her network" 'action="/teams/2/members"'

web_csrf "$lead"
before=$(db_digest)
http POST /teams/1/members -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "person_id=12&role=member"
expect_status "a person of another district is refused" 400
expect_body "beside the field" 'id="person_id-error">Choose a person of Tradewater County Public Schools who is not on the team yet.</p>'
http POST /teams/1/members -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "person_id=36&role=boss"
expect_status "an unknown role is refused" 400
expect_body "beside its field" 'id="role-error">'
expect_body "the person chosen kept" '<option value="36" selected>'
http POST /teams/1/members -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "person_id=&role=member"
expect_status "no person chosen is refused" 400
expect_body "beside the field" 'id="person_id-error">Choose the person to add.</p>'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST /teams/1/members -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "person_id=36&role=member"
expect_status "the lead adds a person of her district" 303
expect_header "back to the members" "Location: /teams/1?done=member#members"
expect_eq "stored as member" "$(sql "SELECT role FROM team_member WHERE team_id = 1 AND person_id = 36")" "member"
expect_eq "audited" "$(sql "SELECT COUNT(*) FROM audit_event WHERE entity = 'team' AND entity_id = 1 AND after_json LIKE '%\"person_id\":36%'")" "1"
http GET "/teams/1?done=member" -b "$lead"
expect_body "who is listed" "<li>Joy Kincaid"
expect_body "with a notice" "The member was added."
http POST /teams/1/members/36/remove -b "$lead" --data-urlencode "csrf=$W_CSRF"
expect_status "and removes her again" 303
expect_eq "gone" "$(sql "SELECT COUNT(*) FROM team_member WHERE team_id = 1 AND person_id = 36")" "0"
http POST /teams/1/members/36/remove -b "$lead" --data-urlencode "csrf=$W_CSRF"
expect_status "removing someone not on the team" 404
http POST /teams/2/members -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "person_id=12&role=member"
expect_status "another district's team is not found" 404
web_csrf "$mem"
http POST /teams/1/members -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "person_id=36&role=member"
expect_status "a member may not add people" 403
http POST /teams/1/members/9/remove -b "$mem" --data-urlencode "csrf=$W_CSRF"
expect_status "nor remove them" 403
web_csrf "$admin"
http POST "/teams/$team/members" -b "$admin" --data-urlencode "csrf=$W_CSRF" -d "person_id=37&role=lead"
expect_status "the admin adds a lead to the new team" 303
expect_eq "as lead" "$(sql "SELECT role FROM team_member WHERE team_id = $team AND person_id = 37")" "lead"
http POST "/teams/$team/members/37/remove" -b "$admin" --data-urlencode "csrf=$W_CSRF"
expect_status "removing the last lead is allowed" 303

# --- Meetings ------------------------------------------------------------------------------------
http GET /meetings/1 -b "$fac"
expect_body "the facilitator may edit a meeting" '<a href="/meetings/1/edit" class="button">Edit the meeting</a>'
expect_body "and delete it after a confirmation" '<a href="/meetings/1/delete" class="button secondary">Delete the meeting</a>'
expect_body "and move agenda items" 'action="/agenda-items/'
http GET /meetings/1 -b "$lead"
expect_body_lacks "a lead may not" 'href="/meetings/1/edit"'
expect_body_lacks "nor change the agenda" 'action="/agenda-items/'
http GET /meetings/1/edit -b "$fac"
expect_status "the edit form" 200
expect_body "its start at local time" 'name="starts_at" type="datetime-local" value="2026-09-15T09:00"'
expect_body "its zone" '<option value="America/Chicago" selected>'
http GET /meetings/1/edit -b "$lead"
expect_status "a lead may not edit a meeting" 403
http GET /meetings/5/edit -b "$fac"
expect_status "a meeting of another network is not found" 404

web_csrf "$fac"
version=$(sql "SELECT version FROM meeting WHERE id = 1")
before=$(db_digest)
http POST /meetings/1/edit -b "$fac" --data-urlencode "csrf=$W_CSRF" --data-urlencode "title=Kept title" -d "version=$version&starts_at=2026-09-15T09:00&ends_at=2026-09-15T08:00&tz=America/Chicago"
expect_status "a meeting ending before it starts is refused" 400
expect_body "beside its field" 'id="ends_at-error">the meeting must end after it starts</p>'
expect_body "the input kept" 'value="Kept title"'
http POST /meetings/1/edit -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "version=$version&title=M&starts_at=2026-09-15T09:00&ends_at=2026-09-15T15:00&tz=America/Chicago&link=javascript:alert(1)"
expect_status "a link that is not http(s) is refused" 400
expect_body "beside its field" 'id="link-error">'
expect_eq "nothing was written" "$(db_digest)" "$before"
http POST /meetings/1/edit -b "$fac" --data-urlencode "csrf=$W_CSRF" --data-urlencode "title=Meeting 1: Number talks, moved" -d "version=$version&starts_at=2026-09-16T10:00&ends_at=2026-09-16T15:00&tz=America/New_York&place=&link=https://meet.example.org/m1" --data-urlencode "notes=Bring $img"
expect_status "the facilitator saves the meeting" 303
expect_header "back to it" "Location: /meetings/1?done=saved"
expect_eq "stored in UTC from its new zone, the place cleared" "$(sql "SELECT starts_at || '|' || tz || '|' || COALESCE(place, 'none') FROM meeting WHERE id = 1")" "2026-09-16T14:00:00Z|America/New_York|none"
http GET "/meetings/1?done=saved" -b "$fac"
expect_body "shown with a notice" "The meeting&#39;s details were saved."
expect_body "its notes escaped" "Bring &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
web_csrf "$lead"
http POST /meetings/1/edit -b "$lead" --data-urlencode "csrf=$W_CSRF" -d "title=Mine&starts_at=2026-09-16T10:00&ends_at=2026-09-16T15:00&tz=America/New_York"
expect_status "a lead may not post it" 403

# --- The agenda's order --------------------------------------------------------------------------
first=$(sql "SELECT id FROM agenda_item WHERE meeting_id = 1 ORDER BY position, id LIMIT 1")
second=$(sql "SELECT id FROM agenda_item WHERE meeting_id = 1 ORDER BY position, id LIMIT 1 OFFSET 1")
count=$(sql "SELECT COUNT(*) FROM agenda_item WHERE meeting_id = 1")
web_csrf "$fac"
http POST "/agenda-items/$second/up" -b "$fac" --data-urlencode "csrf=$W_CSRF"
expect_status "the facilitator moves the second item up" 303
expect_header "back to the agenda" "Location: /meetings/1?done=agenda_moved#agenda"
expect_eq "it is first now" "$(sql "SELECT id FROM agenda_item WHERE meeting_id = 1 ORDER BY position, id LIMIT 1")" "$second"
http POST "/agenda-items/$second/down" -b "$fac" --data-urlencode "csrf=$W_CSRF"
expect_eq "and back down" "$(sql "SELECT id FROM agenda_item WHERE meeting_id = 1 ORDER BY position, id LIMIT 1")" "$first"
http POST "/agenda-items/$first/remove" -b "$fac" --data-urlencode "csrf=$W_CSRF"
expect_status "she removes the first item" 303
expect_eq "which is gone" "$(sql "SELECT COUNT(*) FROM agenda_item WHERE meeting_id = 1")" "$((count - 1))"
http GET "/meetings/1?done=agenda_removed" -b "$fac"
expect_body "with a notice" "The agenda item was removed."
web_csrf "$lead"
http POST "/agenda-items/$second/up" -b "$lead" --data-urlencode "csrf=$W_CSRF"
expect_status "a lead may not reorder the agenda" 403
http POST "/agenda-items/$second/remove" -b "$lead" --data-urlencode "csrf=$W_CSRF"
expect_status "nor remove an item" 403
web_csrf "$other"
other_item=$(sql "SELECT a.id FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE m.network_id = 2 LIMIT 1")
web_csrf "$fac"
http POST "/agenda-items/$other_item/remove" -b "$fac" --data-urlencode "csrf=$W_CSRF"
expect_status "another network's item is not found" 404

# --- Deleting a meeting ----------------------------------------------------------------------------
web_csrf "$fac"
http POST "/networks/1/meetings" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "title=Spare+day&starts_at=2027-06-01T09:00&ends_at=2027-06-01T12:00&tz=America/Chicago"
spare=$(sql "SELECT id FROM meeting WHERE title = 'Spare day'")
http POST "/meetings/$spare/agenda" -b "$fac" --data-urlencode "csrf=$W_CSRF" -d "kind=plan&title=Plan+the+spring"
http GET "/meetings/$spare/delete" -b "$fac"
expect_status "the confirmation page" 200
expect_body "asks" "<h1>Delete this meeting?</h1>"
expect_body "says what goes with it" "Its 1 agenda item and the attendance recorded for 0 people are deleted with it."
expect_body "with the button that deletes" "action=\"/meetings/$spare/delete\""
expect_body "and a way back" "<a href=\"/meetings/$spare\" class=\"button secondary\">Keep it</a>"
http GET "/meetings/$spare/delete" -b "$lead"
expect_status "a lead may not delete a meeting" 403
web_csrf "$lead"
http POST "/meetings/$spare/delete" -b "$lead" --data-urlencode "csrf=$W_CSRF"
expect_status "nor post it" 403
web_csrf "$fac"
http POST "/meetings/$spare/delete" -b "$fac" --data-urlencode "csrf=$W_CSRF"
expect_status "the facilitator deletes the meeting" 303
expect_header "back on the network's meetings" "Location: /networks/1?done=meeting_deleted#meetings"
expect_eq "it is gone with its agenda" "$(sql "SELECT COUNT(*) FROM meeting WHERE id = $spare") $(sql "SELECT COUNT(*) FROM agenda_item WHERE meeting_id = $spare")" "0 0"
expect_eq "audited" "$(sql "SELECT COUNT(*) FROM audit_event WHERE entity = 'meeting' AND entity_id = $spare AND action = 'delete'")" "1"
http GET "/networks/1?done=meeting_deleted" -b "$fac"
expect_body "with a notice" "The meeting was deleted."
http GET "/meetings/$spare" -b "$fac"
expect_status "its page is gone" 404

# A meeting others reflected on stays, said on the confirmation page.
web_csrf "$mem"
http POST /meetings/1/reflection -b "$mem" --data-urlencode "csrf=$W_CSRF" -d "distill=Kept"
web_csrf "$fac"
before=$(db_digest)
http POST /meetings/1/delete -b "$fac" --data-urlencode "csrf=$W_CSRF"
expect_status "a meeting with reflections is not deleted" 409
expect_body "said on the confirmation page" "is still used by other records"
expect_eq "nothing was deleted" "$(db_digest)" "$before"

t_end
