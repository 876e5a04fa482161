#!/usr/bin/python3
"""tests/smtp_sink.py DIR [--port N] [--stall]: a mail server for the tests, on
127.0.0.1 (Debian's python3-aiosmtpd). Each message received is saved whole as
DIR/NNNN.eml (with its envelope in DIR/NNNN.rcpt); the port it listens on is written
to DIR/port once it is ready. --stall accepts the connection and the envelope but
never answers the end of a message's data, as a server that hangs does. Runs until
SIGTERM."""
import asyncio
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, stall):
        self.folder = folder
        self.stall = stall
        self.n = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.stall:
            await asyncio.sleep(3600)
        with self.lock:
            self.n += 1
            base = os.path.join(self.folder, "%04d" % self.n)
        # The message first, then its envelope: a reader that finds NNNN.rcpt finds
        # NNNN.eml whole.
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(base + ".tmp", base + ".eml")
        with open(base + ".rtmp", "w") as f:
            f.write("%s\n%s\n" % (envelope.mail_from, "\n".join(envelope.rcpt_tos)))
        os.rename(base + ".rtmp", base + ".rcpt")
        return "250 Message accepted for delivery"


def main():
    folder = sys.argv[1]
    port = 0
    if "--port" in sys.argv:
        port = int(sys.argv[sys.argv.index("--port") + 1])
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Sink(folder, "--stall" in sys.argv), hostname="127.0.0.1",
                            port=port or 8025)
    if port == 0:
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        controller.port = s.getsockname()[1]
        s.close()
    controller.start()
    with open(os.path.join(folder, "port.tmp"), "w") as f:
        f.write("%d\n" % controller.port)
    os.rename(os.path.join(folder, "port.tmp"), os.path.join(folder, "port"))
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
