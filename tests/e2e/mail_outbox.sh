# End to end: the outbox and its sender, against a real mail server on 127.0.0.1
# (tests/smtp_sink.py). A message queued while no mail server is set waits, shown on
# /admin/mail and by `capnet mail list`; it survives kill -9 of the server and is
# delivered once when a server with --smtp-url starts. Its MIME structure and encoded
# headers are read back with Python's email package. A message whose sender died
# mid-delivery is taken over after the lease and delivered once; a mail server that is
# down is tried again until it is up. Two servers on one database never send a message
# twice.
. "$(dirname "$0")/../e2e_lib.sh"
. "$(dirname "$0")/../mail_lib.sh"
mail_begin
t_state_admin
run setting set site.base_url https://capnet.example.org/
JAR="$T_DIR/jar"

srv_start || exit 1
run mail test --to zoe@example.org --name "Zoë Ñúñez"
expect_rc "mail test queues a message" 0
id1=$T_OUT
W_PASSWORD="correct horse battery" web_signin admin@kde.ky.gov "$JAR"
H_BODY=$(curl -s -b "$JAR" "$SRV_URL/admin/mail")
expect_body "without a mail server the admin page says messages wait" "No mail server is set: messages wait in the outbox"
expect_body "the admin page lists the queued message" "capnet: a test message"
run mail list --status queued --format json
expect_out "mail list --status queued shows it" "\"id\":$id1,"
run mail list --status lost
expect_rc "mail list refuses an unknown status" 1
expect_err "the refusal names the status" "status 'lost' is not one of queued, sending, sent, failed"
run mail list --help
expect_out "mail list --help explains the outbox" "usage: capnet mail list"
sleep 1
expect_eq "without a mail server nothing is sent" "$(sql "SELECT status FROM mail_outbox WHERE id = $id1")" "queued"
kill -KILL "$SRV_PID"
wait "$SRV_PID" 2>/dev/null
SRV_PID=""

# kill -9 came between the change and the sending: the next server delivers it, once.
sink_start "$T_DIR/inbox"
srv_start --smtp-url "smtp://127.0.0.1:$SINK_PORT" --mail-interval 1 --mail-from capnet@kde.example
wait_until 15 test "$(mail_count "$T_DIR/inbox")" -ge 1
expect_eq "the queued message is delivered after kill -9 and a restart" "$(mail_count "$T_DIR/inbox")" "1"
H_BODY=$(curl -s -b "$JAR" "$SRV_URL/admin/mail")
expect_body "with a mail server the admin page names it" "Mail is sent through smtp://127.0.0.1:$SINK_PORT from capnet@kde.example"
sleep 2
expect_eq "it is delivered once" "$(mail_count "$T_DIR/inbox")" "1"
expect_eq "the outbox records it sent, after one attempt" \
	"$(sql "SELECT status || ' ' || attempts || ' ' || CASE WHEN sent_at IS NULL THEN 0 ELSE 1 END FROM mail_outbox WHERE id = $id1")" "sent 1 1"
eml="$T_DIR/inbox/0001.eml"
expect_eq "the envelope goes from --mail-from to the person" "$(tr '\n' ' ' <"$T_DIR/inbox/0001.rcpt")" "capnet@kde.example zoe@example.org "
expect_eq "the message is multipart/alternative" "$(mail_py "$eml" 'm.get_content_type()')" "multipart/alternative"
expect_eq "its parts are plain text then HTML, in UTF-8" \
	"$(mail_py "$eml" '" ".join(p.get_content_type() + ";" + str(p.get_content_charset()) for p in m.iter_parts())')" \
	"text/plain;utf-8 text/html;utf-8"
expect_eq "the name is an RFC 2047 encoded-word in the raw header" \
	"$(grep -c '^To: =?UTF-8?B?' "$eml")" "1"
expect_eq "the To header decodes to the name with its accents" "$(mail_py "$eml" 'm["To"].addresses[0].display_name')" "Zoë Ñúñez"
expect_eq "the plain text greets the person by name" "$(mail_py "$eml" 'body("text/plain").splitlines()[0]')" "Hello Zoë Ñúñez,"
expect_eq "the HTML greets the person by name" "$(mail_py "$eml" '"<p>Hello Zoë Ñúñez,</p>" in body("text/html")')" "True"
expect_eq "links use site.base_url" "$(mail_py "$eml" '"https://capnet.example.org/" in body("text/plain") and "href=\"https://capnet.example.org/\"" in body("text/html")')" "True"
expect_eq "it has a Message-ID of the sender's domain" "$(mail_py "$eml" 'm["Message-ID"].endswith("@kde.example>")')" "True"
expect_eq "it has a Date" "$(mail_py "$eml" 'm["Date"].datetime.year >= 2026')" "True"
expect_eq "every line is under 78 octets" "$(awk 'length($0) > 78' "$eml" | wc -l | tr -d ' ')" "0"
expect_eq "a test message has no List-Unsubscribe" "$(mail_py "$eml" 'm["List-Unsubscribe"]')" "None"
srv_stop
sink_stop

# The sender dies while the mail server holds the message: after the lease another
# process takes it over and delivers it, once.
sink_start "$T_DIR/stalled" --stall
stalled_pid=$SINK_PID
srv_start --smtp-url "smtp://127.0.0.1:$SINK_PORT" --mail-interval 1
run mail test --to lease@example.org
id2=$T_OUT
sending() { [ "$(sql "SELECT status FROM mail_outbox WHERE id = $id2")" = sending ]; }
wait_until 15 sending
expect_eq "the message is being sent" "$(sql "SELECT status FROM mail_outbox WHERE id = $id2")" "sending"
kill -KILL "$SRV_PID"
wait "$SRV_PID" 2>/dev/null
SRV_PID=""
kill -TERM "$stalled_pid" 2>/dev/null
wait "$stalled_pid" 2>/dev/null
sink_start "$T_DIR/inbox2"
srv_start --smtp-url "smtp://127.0.0.1:$SINK_PORT" --mail-interval 1 --mail-lease 2
wait_until 20 test "$(mail_count "$T_DIR/inbox2")" -ge 1
sleep 2
expect_eq "a message claimed by a dead process is delivered once after the lease" "$(mail_count "$T_DIR/inbox2")" "1"
expect_eq "it is recorded sent, after two attempts" "$(sql "SELECT status || ' ' || attempts FROM mail_outbox WHERE id = $id2")" "sent 2"
srv_stop
sink_stop

# The mail server is down: the message is tried again, later each time, until it is up.
sink_start "$T_DIR/probe"
port=$SINK_PORT
sink_stop
srv_start --smtp-url "smtp://127.0.0.1:$port" --mail-interval 1 --mail-retry 1
run mail test --to retry@example.org
id3=$T_OUT
tried() { [ "$(sql "SELECT attempts FROM mail_outbox WHERE id = $id3")" -ge 2 ]; }
wait_until 20 tried
expect_eq "with the mail server down the message waits, tried again" \
	"$(sql "SELECT status FROM mail_outbox WHERE id = $id3")" "queued"
expect_eq "the outbox keeps the last error" \
	"$(sql "SELECT CASE WHEN last_error LIKE 'could not deliver to the mail server:%' THEN 1 ELSE 0 END FROM mail_outbox WHERE id = $id3")" "1"
run mail list --status queued
expect_out "mail list shows the error" "could not deliver to the mail server"
sink_start "$T_DIR/inbox3" --port "$port"
wait_until 30 test "$(mail_count "$T_DIR/inbox3")" -ge 1
expect_eq "once the mail server is up the message is delivered" "$(mail_count "$T_DIR/inbox3")" "1"
expect_eq "and recorded sent" "$(sql "SELECT status FROM mail_outbox WHERE id = $id3")" "sent"
srv_stop

# Two servers on one database: each message goes out once.
n=0
while [ $n -lt 30 ]; do
	n=$((n + 1))
	c mail test --to "many$n@example.org"
done
srv_start --smtp-url "smtp://127.0.0.1:$port" --mail-interval 1
first=$SRV_PID
SRV_PID=""
srv_start --smtp-url "smtp://127.0.0.1:$port" --mail-interval 1
wait_until 30 test "$(mail_count "$T_DIR/inbox3")" -ge 31
sleep 2
expect_eq "two servers deliver 30 messages, each once" "$(mail_count "$T_DIR/inbox3")" "31"
expect_eq "no recipient got two" "$(cat "$T_DIR"/inbox3/*.rcpt | grep -c '^many' | tr -d ' ')/$(cat "$T_DIR"/inbox3/*.rcpt | grep '^many' | sort -u | wc -l | tr -d ' ')" "30/30"
kill -TERM "$first" 2>/dev/null
wait "$first" 2>/dev/null
srv_stop
sink_stop
