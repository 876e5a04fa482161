# End to end: notifications by email, read from a real mail server (tests/smtp_sink.py).
# A plan submitted mails the network's facilitators; returned or approved, the team's
# lead. Each notification carries List-Unsubscribe with List-Unsubscribe-Post (RFC
# 8058); a one-click POST to it sets that kind to in the app only, and following the
# link alone changes nothing. A person who chose the weekly digest gets one message
# gathering them (the digest's period shortened with --mail-digest).
. "$(dirname "$0")/../e2e_lib.sh"
. "$(dirname "$0")/../mail_lib.sh"
mail_begin
t_state_admin
c org add --kind cooperative --name "Green River Cooperative" --parent-id 1 # 2
c org add --kind district --name "Daviess County" --parent-id 2            # 3
c network add --name "Green River Math" --content-area mathematics --region-id 2 --school-year 2026-27
c team add --network-id 1 --district-id 3
c user add --given-name Ana --family-name Reyes --email ana@grrec.org --org 2 --role facilitator --no-password
printf 'dee password 1234\n' >"$T_DIR/dpw"
c user add --given-name Dee --family-name Lead --email dee@daviess.org --org 3 --role district_lead --password-stdin <"$T_DIR/dpw"
c network facilitator add 1 ana@grrec.org
c team member add 1 dee@daviess.org --role lead
sql "INSERT INTO plan (id, network_id, team_id, school_year, title, created_at, updated_at) VALUES (1, 1, 1, '2026-27', 'Number sense first', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z')" >/dev/null
run setting set site.base_url https://capnet.example.org/
sink_start "$T_DIR/inbox"
srv_start --smtp-url "smtp://127.0.0.1:$SINK_PORT" --mail-interval 1 --mail-digest 3

# mails TO: how many messages TO received.
mails() { grep -l -x "$1" "$T_DIR"/inbox/*.rcpt 2>/dev/null | wc -l | tr -d ' '; }
# newest TO: the newest message to TO.
newest() { f=$(grep -l -x "$1" "$T_DIR"/inbox/*.rcpt | sort | tail -n 1); echo "${f%.rcpt}.eml"; }

run plan status 1 submitted
expect_rc "the plan is submitted" 0
wait_until 15 test "$(mails ana@grrec.org)" -ge 1
eml=$(newest ana@grrec.org)
expect_eq "the facilitator is mailed that a plan awaits review" "$(mail_py "$eml" 'm["Subject"]')" "Plan submitted for review: Number sense first"
expect_eq "the message links to the plan under site.base_url" "$(mail_py "$eml" '"https://capnet.example.org/plans/1" in body("text/plain")')" "True"
expect_eq "it carries List-Unsubscribe-Post (RFC 8058)" "$(mail_py "$eml" 'm["List-Unsubscribe-Post"]')" "List-Unsubscribe=One-Click"
unsub=$(mail_py "$eml" 'm["List-Unsubscribe"].strip("<>")' | sed "s|^https://capnet.example.org|$SRV_URL|")
case "$unsub" in "$SRV_URL/mail/unsubscribe?token="*) t_ok "List-Unsubscribe is an https link of capnet" ;; *) t_fail "List-Unsubscribe is an https link of capnet" "$unsub" ;; esac
expect_eq "the lead is not mailed of a submission" "$(mails dee@daviess.org)" "0"
http GET "${unsub#"$SRV_URL"}"
expect_status "following the unsubscribe link shows a page" 200
expect_eq "following the link alone changes nothing" "$(sql "SELECT COUNT(*) FROM notify_pref")" "0"
H_STATUS=$(curl -s -o "$T_DIR/h_body" -w '%{http_code}' -X POST -d 'List-Unsubscribe=One-Click' "$unsub")
H_BODY=$(cat "$T_DIR/h_body")
expect_status "the one-click POST answers 200" 200
expect_body "saying the kind is now in the app only" "You are unsubscribed"
expect_eq "the kind is now in the app only" "$(sql "SELECT kind || ' ' || mode FROM notify_pref")" "plan_submitted in_app"
expect_eq "unsubscribing is audited" "$(sql "SELECT COUNT(*) FROM audit_event WHERE entity = 'notify_pref'")" "1"

run plan status 1 draft --note "add a goal for grade 3"
wait_until 15 test "$(mails dee@daviess.org)" -ge 1
expect_eq "the lead is mailed that the plan was returned" "$(mail_py "$(newest dee@daviess.org)" 'm["Subject"]')" "Plan returned for changes: Number sense first"
run plan status 1 submitted
sleep 3
expect_eq "after unsubscribing, a submission is not mailed" "$(mails ana@grrec.org)" "1"
expect_eq "nor queued" "$(sql "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'ana@grrec.org'")" "1"

# The lead chooses the digest on /account.
W_PASSWORD="dee password 1234" web_signin dee@daviess.org "$T_DIR/dee"
http GET /account -b "$T_DIR/dee"
expect_body "/account offers the notification choices" 'name="plan_decided"'
web_csrf "$T_DIR/dee" /account
H_STATUS=$(curl -s -o /dev/null -w '%{http_code}' -b "$T_DIR/dee" --data-urlencode "csrf=$W_CSRF" \
	--data-urlencode "plan_decided=digest" "$SRV_URL/account/mail")
expect_status "saving the choices answers with a redirect" 303
expect_eq "the lead's choice is the digest" "$(sql "SELECT mode FROM notify_pref WHERE kind = 'plan_decided'")" "digest"
run plan status 1 approved
expect_eq "with the digest, nothing is mailed at once" "$(sql "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'dee@daviess.org'")" "1"
wait_until 20 test "$(mails dee@daviess.org)" -ge 2
eml=$(newest dee@daviess.org)
expect_eq "the digest comes when its period is over" "$(mail_py "$eml" 'm["Subject"]')" "capnet: your weekly digest"
expect_eq "and lists the approval" "$(mail_py "$eml" '"Plan approved: Number sense first" in body("text/plain")')" "True"
sleep 3
expect_eq "each entry goes in one digest" "$(mails dee@daviess.org)" "2"

# Meetings: the teams get an iCalendar invitation, then its move, then its cancelling,
# all for the meeting's own UID.
# ics FILE: the calendar part of a message, lines unfolded (RFC 5545 §3.1).
ics() { mail_py "$1" 'body("text/calendar").replace("\r\n ", "")'; }
run meeting add --network-id 1 --title "Meeting 3: Number talks" --starts-at 2027-01-14T09:00 --ends-at 2027-01-14T15:00 --tz America/Chicago --place "GRREC, Room 2"
expect_rc "a meeting is scheduled" 0
wait_until 15 test "$(mails dee@daviess.org)" -ge 3
eml=$(newest dee@daviess.org)
expect_eq "the team is mailed the meeting" "$(mail_py "$eml" 'm["Subject"]')" "Meeting scheduled: Meeting 3: Number talks, 2027-01-14 09:00"
expect_eq "with a text/calendar part of method REQUEST" "$(mail_py "$eml" 'part("text/calendar").get_param("method")')" "REQUEST"
cal=$(ics "$eml")
uid=$(sql "SELECT uid FROM meeting WHERE id = 1")
for want in "METHOD:REQUEST" "UID:$uid" "DTSTART;TZID=America/Chicago:20270114T090000" "SEQUENCE:0" "ORGANIZER;CN=capnet:mailto:noreply@capnet.example.org" "mailto:dee@daviess.org" "BEGIN:VTIMEZONE" "LOCATION:GRREC\\, Room 2"; do
	case "$cal" in *"$want"*) t_ok "the invitation has $want" ;; *) t_fail "the invitation has $want" "$cal" ;; esac
done
run meeting update 1 --starts-at 2027-01-21T09:00 --ends-at 2027-01-21T15:00
wait_until 15 test "$(mails dee@daviess.org)" -ge 4
eml=$(newest dee@daviess.org)
expect_eq "moving it mails the team" "$(mail_py "$eml" 'm["Subject"]')" "Meeting moved: Meeting 3: Number talks, 2027-01-21 09:00"
cal=$(ics "$eml")
for want in "METHOD:REQUEST" "UID:$uid" "DTSTART;TZID=America/Chicago:20270121T090000" "SEQUENCE:1"; do
	case "$cal" in *"$want"*) t_ok "the move has $want" ;; *) t_fail "the move has $want" "$cal" ;; esac
done
run meeting update 1 --notes "Bring a number talk"
sleep 2
expect_eq "a change that does not move it mails nobody" "$(sql "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'meeting'")" "2"
run meeting delete 1
wait_until 15 test "$(mails dee@daviess.org)" -ge 5
eml=$(newest dee@daviess.org)
expect_eq "deleting it mails the cancellation" "$(mail_py "$eml" 'm["Subject"]')" "Meeting cancelled: Meeting 3: Number talks, 2027-01-21 09:00"
expect_eq "with a text/calendar part of method CANCEL" "$(mail_py "$eml" 'part("text/calendar").get_param("method")')" "CANCEL"
cal=$(ics "$eml")
for want in "METHOD:CANCEL" "UID:$uid" "STATUS:CANCELLED"; do
	case "$cal" in *"$want"*) t_ok "the cancellation has $want" ;; *) t_fail "the cancellation has $want" "$cal" ;; esac
done
expect_eq "the facilitator, on no team, gets no meeting mail" "$(sql "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'meeting' AND to_addr = 'ana@grrec.org'")" "0"

# A deliverable's new version: its owners (the team's lead, its contributors) hear of it.
printf 'Week 1: unit fractions\n' | "$CAPNET" deliverable create --network-id 1 --kind other --title "Fractions unit" --team-id 1 --author dee@daviess.org --file - >/dev/null 2>&1
printf 'Week 1: unit fractions on a number line\n' | "$CAPNET" deliverable save 1 --author ana@grrec.org --note "number lines" --file - >/dev/null 2>&1
expect_eq "the team's lead is told of the new version" \
	"$(sql "SELECT subject FROM mail_outbox WHERE kind = 'deliverable' AND to_addr = 'dee@daviess.org' ORDER BY id DESC LIMIT 1")" "New version 2 of Fractions unit"
wait_until 15 test "$(mail_py "$(newest dee@daviess.org)" 'm["Subject"]')" = "New version 2 of Fractions unit"
expect_eq "and mailed it" "$(mail_py "$(newest dee@daviess.org)" '"number lines" in body("text/plain")')" "True"
srv_stop
