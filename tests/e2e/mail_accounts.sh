# End to end: people get in by themselves, through mail read from a real mail server
# (tests/smtp_sink.py). An admin invites through the API; the invitation's link, read
# from the message with Python's email package, opens a page that sets a password and
# signs in; the link works once and a new invitation replaces it. A district lead
# invites only into her district, as member or district lead. "Forgot your password"
# answers the same for any address, mails a one-hour link, is throttled per address,
# and the new password ends every other session. /account changes the password.
# `capnet invite` does what the API does. Every step is audited.
. "$(dirname "$0")/../e2e_lib.sh"
. "$(dirname "$0")/../mail_lib.sh"
mail_begin
t_state_admin
c org add --kind district --name "Daviess County"          # 2
c org add --kind school --name "Apollo High" --parent-id 2 # 3
c org add --kind district --name "Ohio County"             # 4
printf 'lead password 123\n' >"$T_DIR/lpw"
c user add --given-name Dee --family-name Lead --email lead@daviess.org --org 2 --role district_lead --password-stdin <"$T_DIR/lpw"
run setting set site.base_url https://capnet.example.org/
admin_token=$("$CAPNET" token create --email admin@kde.ky.gov 2>/dev/null)
lead_token=$("$CAPNET" token create --email lead@daviess.org 2>/dev/null)
sink_start "$T_DIR/inbox"
srv_start --smtp-url "smtp://127.0.0.1:$SINK_PORT" --mail-interval 1 --mail-from capnet@kde.example

# last_mail TO [N]: the newest message file for TO once N (1) came, waiting up to 30 seconds.
last_mail() {
	n=0
	while [ $n -lt 150 ]; do
		f=$(grep -l -x "$1" "$T_DIR"/inbox/*.rcpt 2>/dev/null | sort | tail -n 1)
		if [ -n "$f" ] && [ "$(grep -l -x "$1" "$T_DIR"/inbox/*.rcpt | wc -l)" -ge "${2:-1}" ]; then
			echo "${f%.rcpt}.eml"
			return 0
		fi
		sleep 0.2
		n=$((n + 1))
	done
	return 1
}
# mail_link FILE: the capnet link in the message's plain text, made to point at the
# test server instead of site.base_url.
mail_link() {
	mail_py "$1" 'next(l for l in body("text/plain").splitlines() if l.startswith("https://capnet.example.org/"))' |
		sed "s|^https://capnet.example.org|$SRV_URL|"
}
# choose URL JAR PASSWORD [PASSWORD2]: opens a link's page and posts the password form
# as a browser would; sets H_STATUS and H_HEAD of the post.
choose() {
	page=$(curl -s -c "$2" -b "$2" "$1")
	csrf=$(printf '%s' "$page" | grep -o 'name="csrf" value="[^"]*"' | tail -n 1 | sed 's/.*value="//; s/"$//')
	token=$(printf '%s' "$page" | grep -o 'name="token" value="[^"]*"' | sed 's/.*value="//; s/"$//')
	action=$(printf '%s' "$1" | sed 's|?.*||')
	H_STATUS=$(curl -s -o "$T_DIR/h_body" -D "$T_DIR/h_head" -w '%{http_code}' -c "$2" -b "$2" \
		--data-urlencode "csrf=$csrf" --data-urlencode "token=$token" \
		--data-urlencode "password=$3" --data-urlencode "password2=${4:-$3}" "$action")
	H_BODY=$(cat "$T_DIR/h_body")
	H_HEAD=$(tr -d '\r' <"$T_DIR/h_head")
}

# An admin invites.
H_TOKEN=$admin_token
json POST /api/v1/invitations '{"email":"zoe@daviess.org","given_name":"Zoë","family_name":"Ñúñez","org_id":3,"role":"member"}'
expect_status "an admin's invitation answers 201" 201
zoe=$(jget 'j["person_id"]')
eml=$(last_mail zoe@daviess.org)
expect_eq "the invitation is mailed" "$(mail_py "$eml" 'm["Subject"]')" "You are invited to capnet"
expect_eq "to the person, by name" "$(mail_py "$eml" 'm["To"].addresses[0].display_name')" "Zoë Ñúñez"
link=$(mail_link "$eml")
case "$link" in "$SRV_URL/welcome?token="*) t_ok "its link opens the welcome page under site.base_url" ;; *) t_fail "its link opens the welcome page under site.base_url" "link: $link" ;; esac
expect_eq "the link's secret is stored only hashed" "$(sql "SELECT COUNT(*) FROM account_link WHERE token_hash = '${link#*token=}'")" "0"
H_TOKEN=
http GET "${link#"$SRV_URL"}"
expect_body "the welcome page names the address to sign in with" "Zoë Ñúñez, you sign in as zoe@daviess.org."
choose "$link" "$T_DIR/zoe" "short" "short"
expect_status "a too short password is refused on the page" 400
choose "$link" "$T_DIR/zoe" "zoe first password"
expect_status "setting the password answers with a redirect" 303
expect_header "to the dashboard" "Location: /dashboard"
http GET /dashboard -b "$T_DIR/zoe"
expect_status "the invited person is signed in" 200
expect_body "their dashboard shows" "Zoë"
http GET "${link#"$SRV_URL"}"
expect_status "the link works once" 404
expect_body "a used link says so" "This link no longer works"

# Sent again before it is used: the old link stops working.
H_TOKEN=$admin_token
json POST /api/v1/invitations '{"email":"sam@daviess.org","given_name":"Sam","family_name":"Two","org_id":2,"role":"member"}'
old=$(mail_link "$(last_mail sam@daviess.org)")
json POST /api/v1/invitations '{"email":"sam@daviess.org","given_name":"Sam","family_name":"Two","org_id":2,"role":"member"}'
expect_status "inviting again answers 201" 201
expect_eq "and says it was sent again" "$(jget 'j["resent"]')" "True"
last_mail sam@daviess.org 2 >/dev/null
# The message whose link is not the first one's (whatever order they came in).
new=""
for f in $(grep -l -x sam@daviess.org "$T_DIR"/inbox/*.rcpt | sort -r); do
	l=$(mail_link "${f%.rcpt}.eml")
	if [ "$l" != "$old" ]; then new=$l; break; fi
done
H_TOKEN=
http GET "${old#"$SRV_URL"}"
expect_status "the replaced link no longer works" 404
http GET "${new#"$SRV_URL"}"
expect_status "the new link works" 200
H_TOKEN=$admin_token
json POST /api/v1/invitations '{"email":"zoe@daviess.org","given_name":"Zoë","family_name":"Ñúñez","org_id":3,"role":"member"}'
expect_status "inviting someone who has a password is refused" 409
expect_body "naming the email" '"field":"email"'

# A district lead invites into her district only, as member or district lead.
H_TOKEN=$lead_token
json POST /api/v1/invitations '{"email":"kim@daviess.org","given_name":"Kim","family_name":"Three","org_id":3,"role":"district_lead"}'
expect_status "a lead invites a lead into a school of her district" 201
json POST /api/v1/invitations '{"email":"ola@ohio.org","given_name":"Ola","family_name":"Four","org_id":4,"role":"member"}'
expect_status "a lead may not invite into another district" 403
expect_body "the refusal names org_id" '"field":"org_id"'
json POST /api/v1/invitations '{"email":"fay@daviess.org","given_name":"Fay","family_name":"Five","org_id":2,"role":"facilitator"}'
expect_status "a lead may not invite a facilitator" 403
expect_body "the refusal names role" '"field":"role"'
expect_eq "nothing was made for refused invitations" "$(sql "SELECT COUNT(*) FROM person WHERE email IN ('ola@ohio.org','fay@daviess.org')")" "0"
H_TOKEN=

# Forgot password: the same answer for any address; one mail, to the person.
web_signin_form "$T_DIR/anon"
forgot() {
	web_signin_form "$T_DIR/anon"
	H_STATUS=$(curl -s -o "$T_DIR/h_body" -w '%{http_code}' -c "$T_DIR/anon" -b "$T_DIR/anon" \
		--data-urlencode "csrf=$W_SIGNIN_CSRF" --data-urlencode "email=$1" "$SRV_URL/signin/forgot")
	H_BODY=$(cat "$T_DIR/h_body")
}
http GET /signin
expect_body "the sign-in page offers a reset" 'href="/signin/forgot"'
forgot nobody@nowhere.org
unknown=$H_BODY
expect_status "an unknown address is answered 200" 200
forgot zoe@daviess.org
expect_eq "a known address gets the same page" "$H_BODY" "$unknown"
expect_body "which says a link may be on its way" "If an account has this address, a link to choose a new password is on its way."
eml=$(last_mail zoe@daviess.org 2)
expect_eq "the reset is mailed" "$(mail_py "$eml" 'm["Subject"]')" "Reset your capnet password"
expect_eq "nothing is mailed to an unknown address" "$(sql "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'nobody@nowhere.org'")" "0"
reset=$(mail_link "$eml")
http GET /dashboard -b "$T_DIR/zoe"
expect_status "zoe's first session still works" 200
choose "$reset" "$T_DIR/zoe2" "zoe second password"
expect_header "the reset signs in" "Location: /dashboard"
http GET /dashboard -b "$T_DIR/zoe2"
expect_status "with a new session" 200
http GET /dashboard -b "$T_DIR/zoe"
expect_status "the new password ended the other session" 303
W_PASSWORD="zoe first password" web_signin zoe@daviess.org "$T_DIR/old"
http GET /dashboard -b "$T_DIR/old"
expect_status "the old password no longer signs in" 303
forgot zoe@daviess.org
forgot zoe@daviess.org
forgot zoe@daviess.org
expect_eq "at most 3 resets an hour are mailed to an address" "$(sql "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'zoe@daviess.org' AND kind = 'reset'")" "3"
expect_eq "the answer is still the same" "$H_BODY" "$unknown"
expect_eq "a reset link lives one hour" "$(sql "SELECT COUNT(*) FROM account_link WHERE purpose = 'reset' AND person_id = $zoe AND expires_at > created_at AND expires_at <= '$(date -u -d '+61 minutes' +%Y-%m-%dT%H:%M:%SZ)'")" "3"
expect_eq "an invitation link lives 7 days" "$(sql "SELECT COUNT(*) FROM account_link WHERE purpose = 'invitation' AND person_id = $zoe AND expires_at > '$(date -u -d '+6 days' +%Y-%m-%dT%H:%M:%SZ)' AND expires_at <= '$(date -u -d '+7 days 1 minute' +%Y-%m-%dT%H:%M:%SZ)'")" "1"

# /account: the password change.
web_csrf "$T_DIR/zoe2" /account
H_STATUS=$(curl -s -o "$T_DIR/h_body" -w '%{http_code}' -b "$T_DIR/zoe2" -c "$T_DIR/zoe2" --data-urlencode "csrf=$W_CSRF" \
	--data-urlencode "current_password=wrong one here" --data-urlencode "password=zoe third password" \
	--data-urlencode "password2=zoe third password" "$SRV_URL/account/password")
H_BODY=$(cat "$T_DIR/h_body")
expect_status "a wrong current password is refused" 400
expect_body "saying so" "The current password is not right."
H_STATUS=$(curl -s -o /dev/null -w '%{http_code}' -b "$T_DIR/zoe2" -c "$T_DIR/zoe2" --data-urlencode "csrf=$W_CSRF" \
	--data-urlencode "current_password=zoe second password" --data-urlencode "password=zoe third password" \
	--data-urlencode "password2=zoe third password" "$SRV_URL/account/password")
expect_status "the password change answers with a redirect" 303
http GET "/account?done=password" -b "$T_DIR/zoe2"
expect_body "and the person stays signed in" "Your password is changed."
W_PASSWORD="zoe third password" web_signin zoe@daviess.org "$T_DIR/third"
http GET /dashboard -b "$T_DIR/third"
expect_status "the new password signs in" 200

# The admins' page.
W_PASSWORD="correct horse battery" web_signin admin@kde.ky.gov "$T_DIR/admin"
web_csrf "$T_DIR/admin" /admin/people
http GET /admin/people -b "$T_DIR/admin"
expect_body "/admin/people has the invitation form" 'action="/admin/invitations"'
admin_invite() {
	H_STATUS=$(curl -s -o "$T_DIR/h_body" -D "$T_DIR/h_head" -w '%{http_code}' -b "$T_DIR/admin" \
		--data-urlencode "csrf=$W_CSRF" --data-urlencode "i_email=$1" --data-urlencode "i_given_name=Pat" \
		--data-urlencode "i_family_name=Page" --data-urlencode "i_org_id=4" --data-urlencode "i_role=member" \
		"$SRV_URL/admin/invitations")
	H_BODY=$(cat "$T_DIR/h_body")
	H_HEAD=$(tr -d '\r' <"$T_DIR/h_head")
}
admin_invite pat@ohio.org
expect_header "the page's invitation is sent" "Location: /admin/people?done=invitation"
http GET "/admin/people?done=invitation" -b "$T_DIR/admin"
expect_body "and the page says so" "The invitation is on its way"
last_mail pat@ohio.org >/dev/null
expect_eq "and mailed" "$(grep -l -x pat@ohio.org "$T_DIR"/inbox/*.rcpt | wc -l | tr -d ' ')" "1"
admin_invite zoe@daviess.org
expect_status "the page refuses inviting someone with a password" 409
expect_body "beside the email field" 'id="i_email-error"'

# The command line.
run invite --help
expect_out "capnet invite --help says what it does" "usage: capnet invite --email ADDRESS"
run invite --email ann@ohio.org --given-name Ann --family-name Six --org 4 --role district_lead
expect_rc "capnet invite invites" 0
last_mail ann@ohio.org >/dev/null
expect_eq "its invitation is mailed" "$(mail_count "$T_DIR/inbox" >/dev/null; grep -l -x ann@ohio.org "$T_DIR"/inbox/*.rcpt | wc -l | tr -d ' ')" "1"

expect_eq "every invitation is audited" "$(sql "SELECT COUNT(*) FROM audit_event WHERE entity = 'invitation' AND action = 'create'")" "6"
expect_eq "every used link is audited" "$(sql "SELECT COUNT(*) FROM audit_event WHERE action = 'update' AND entity IN ('invitation','password_reset')")" "2"
expect_eq "every reset asked for is audited" "$(sql "SELECT COUNT(*) FROM audit_event WHERE entity = 'password_reset' AND action IN ('create','other')")" "4"
srv_stop
