"""A real SMTP server on loopback for Loket's mail tests (aiosmtpd).

Every message it accepts is appended to a JSON-lines file (fsynced before the
server answers 250), so a test reads exactly what the server received, even
across restarts of the server. Recipients at `ditolak.test` are refused with
550 (a permanent refusal); with --tls-cert and --tls-key the server offers
STARTTLS and requires it; with --user and --password it requires AUTH.

Usage: server.py --port N --out FILE [--tls-cert C --tls-key K] [--user U --password P]
Prints "SIAP <port>" once it listens, then runs until killed.
"""

import argparse
import base64
import json
import os
import signal
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Recorder:
    def __init__(self, out):
        self.out = out

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith("@ditolak.test"):
            return "550 5.1.1 <%s>: alamat tidak dikenal" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": base64.b64encode(envelope.original_content or envelope.content).decode(),
            "tls": session.ssl is not None,
            "auth": session.auth_data if session.authenticated else None,
            "at": time.time(),
        }
        with open(self.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")
            f.flush()
            os.fsync(f.fileno())
        return "250 2.0.0 Pesan diterima"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--user")
    p.add_argument("--password")
    a = p.parse_args()

    kwargs = {}
    if a.tls_cert:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.tls_cert, a.tls_key)
        kwargs.update(tls_context=ctx, require_starttls=True)
    if a.user:
        def check(server, session, envelope, mechanism, auth_data):
            ok = (
                isinstance(auth_data, LoginPassword)
                and auth_data.login.decode() == a.user
                and auth_data.password.decode() == a.password
            )
            # handled=False: the server answers 535 itself on a failure.
            return AuthResult(
                success=ok, handled=False, auth_data=auth_data.login.decode() if ok else None
            )

        kwargs.update(authenticator=check, auth_required=True, auth_require_tls=bool(a.tls_cert))
    controller = Controller(
        Recorder(a.out), hostname="127.0.0.1", port=a.port, ready_timeout=10, **kwargs
    )
    controller.start()
    print("SIAP %d" % a.port, flush=True)

    def stop(*_):
        controller.stop()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
