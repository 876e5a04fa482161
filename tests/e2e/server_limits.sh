# End to end: the server's limits and its stop. A client that stalls mid-request is
# cut off after the idle timeout; an oversized head or a malformed request is refused;
# SIGTERM lets a request in flight finish and be stored, then the server exits 0.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run init
run org add --kind state --name "Kentucky Department of Education"
run user add --given-name Ann --family-name Admin --email admin@kde.ky.gov --org 1 --role admin --no-password
H_TOKEN=$("$CAPNET" token create --email admin@kde.ky.gov 2>/dev/null)
srv_start --timeout 2 --head-timeout 3 --max-header 8192 || exit 1

# A slowloris client: half a request head, then silence.
cut=$(python3 - "$SRV_PORT" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n")
start = time.time()
s.settimeout(10)
try:
    data = s.recv(100)
except socket.timeout:
    data = None
print("cut" if data == b"" and time.time() - start < 6 else "open")
PY
)
expect_eq "a stalled client is cut off after the timeout" "$cut" "cut"
# A slowloris client that trickles its head a byte every half second, never idle for
# long: cut once the head is overdue (3 s), well before it could finish.
# trickle.py PORT SENT TRICKLED: sends SENT at once, then TRICKLED a byte every half
# second (both with backslash escapes), never idle for long; prints "cut" when the
# server cuts it off within 6 s.
cat >"$T_DIR/trickle.py" <<'PY'
import socket, sys, time
sent, trickled = (a.encode().decode("unicode_escape").encode() for a in sys.argv[2:4])
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(sent)
start = time.time()
state = "open"
for ch in trickled:
    try:
        s.sendall(bytes([ch]))
        s.settimeout(0.5)
        if s.recv(100) == b"":
            state = "cut"
            break
    except socket.timeout:
        pass
    except OSError:
        state = "cut"
        break
    if time.time() - start > 12:
        break
took = time.time() - start
print(state if took < 6 else "%s after %.1f s" % (state, took))
PY
trickle=$(python3 "$T_DIR/trickle.py" "$SRV_PORT" "" "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: $(printf '%040d' 0)")
expect_eq "a client trickling its head byte by byte is cut off at the head deadline" "$trickle" "cut"
http GET /healthz
expect_status "the server still answers others" 200
bad=$(python3 - "$SRV_PORT" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"THIS IS NOT HTTP\r\n\r\n")
s.settimeout(5)
print(s.recv(100).split(b"\r\n")[0].decode())
PY
)
expect_eq "a malformed request gets 400" "$(echo "$bad" | cut -d' ' -f2)" "400"
http GET /healthz -H "X-Big: $(python3 -c "print('x' * 20000)")"
case $H_STATUS in 4??) t_ok "an oversized request head is refused ($H_STATUS)" ;; *) t_fail "an oversized request head is refused" "status $H_STATUS" ;; esac
http GET /healthz
expect_status "the server still answers" 200

# A slow upload is in flight when SIGTERM comes: it still completes and is stored.
python3 -c "print('{\"kind\":\"district\",\"name\":\"Slow District\",\"parent_id\":1}' + ' ' * 5000)" >"$T_DIR/slow.json"
curl -s -o "$T_DIR/slow.out" -w '%{http_code}' --limit-rate 2k -H "Authorization: Bearer $H_TOKEN" \
	-H 'Content-Type: application/json' --data-binary @"$T_DIR/slow.json" \
	"$SRV_URL/api/v1/organizations" >"$T_DIR/slow.code" &
client=$!
sleep 1
kill -TERM "$SRV_PID"
wait "$client"
expect_eq "the request in flight at SIGTERM completes" "$(cat "$T_DIR/slow.code")" "201"
wait "$SRV_PID"
rc=$?
SRV_PID=""
expect_eq "then the server exits 0" "$rc" "0"
expect_eq "and the record is stored" "$(sql "SELECT COUNT(*) FROM organization WHERE name = 'Slow District'")" "1"
expect_eq "the stop is logged" "$(grep -c 'finishing requests in flight' "$T_DIR/serve.log")" "1"

# crowd.py PORT idle|upload N: holds N connections open, idle (connected, nothing sent)
# or uploading slowly (a head announcing a large body, then a byte every 2 s), then
# probes /healthz five times and prints "fast" when every probe was answered within 1 s.
cat >"$T_DIR/crowd.py" <<'PY'
import socket, sys, threading, time
port, mode, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
held = []
for _ in range(n):
    if mode == "idle":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        s.connect_ex(("127.0.0.1", port))
    else:
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
    held.append(s)
def trickle():
    while True:
        time.sleep(2)
        for s in held:
            try:
                s.send(b" ")
            except OSError:
                pass
if mode == "upload":
    threading.Thread(target=trickle, daemon=True).start()
time.sleep(0.5)
slowest = 0.0
for _ in range(5):
    start = time.time()
    try:
        p = socket.create_connection(("127.0.0.1", port), timeout=3)
        p.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        ok = p.recv(100).startswith(b"HTTP/1.1 200")
        p.close()
    except OSError:
        ok = False
    slowest = max(slowest, time.time() - start if ok else 99)
print("fast" if slowest < 1 else "slowest probe %.1f s" % slowest)
for s in held:
    s.close()
PY
# A client that sends its head, then trickles its body a byte at a time: cut once the
# body is overdue (--body-timeout, here 3 s), although it is never idle for long.
srv_start --max-connections 4 --body-timeout 3 || exit 1
slow_body=$(python3 "$T_DIR/trickle.py" "$SRV_PORT" \
	"POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{" \
	"$(printf '%040d' 0)")
expect_eq "a client trickling its body is cut off at the body deadline" "$slow_body" "cut"
# Four such uploads fill --max-connections 4: a new connection sheds the one that has
# been uploading longest, so others are still answered at once.
slow_uploads=$(python3 "$T_DIR/crowd.py" "$SRV_PORT" upload 4)
expect_eq "with every connection uploading slowly, a request is still answered within 1 s" "$slow_uploads" "fast"
srv_stop

# Idle connections past --max-connections (512 by default) neither stall nor lock out
# others: a new connection sheds the longest-idle one that has sent nothing, so a probe
# is answered at once, not after the idle ones' head timeout (10 s).
srv_start || exit 1
for idle in 600 1000; do
	slowest=$(python3 "$T_DIR/crowd.py" "$SRV_PORT" idle "$idle")
	expect_eq "with $idle idle connections open, a request is still answered within 1 s" "$slowest" "fast"
done
srv_stop
expect_eq "the server stops cleanly after the idle connections" "$SRV_RC" "0"
