"""Mail outbox benchmark: queueing, delivery to a local SMTP server, and a request that
queues a mail while the SMTP server answers slowly.

    .venv/bin/python bench/mail.py --mails 2000
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench .venv/bin/python bench/mail.py

Prints JSON:
- ``queued_per_s``: mails queued with ``queue_mail``, one transaction (commit) each, as
  many requests would;
- ``delivered_per_s``: ``flask mail send``'s drain of those mails to a local aiosmtpd
  server (rendering both templates in the recipient's language, one SMTP connection per
  batch, one commit per mail);
- ``slow_server``: p50/p95/max of a request that queues a mail and commits, while the
  SMTP server takes ``--delay`` seconds per mail (the request must not wait for it), and
  how long the background delivery took to send them all.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402
from timing import ms  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.mail.delivery import deliver_due  # noqa: E402
from app.mail.models import MailStatus, OutboxMail  # noqa: E402
from app.mail.outbox import queue_mail  # noqa: E402


class Server:
    """A local SMTP server counting what it receives, ``delay`` seconds per mail."""

    def __init__(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.received = 0
        self.delay = 0.0
        self._lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self._lock:
            self.received += 1
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mails", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=15, help="requests while the server is slow")
    parser.add_argument("--delay", type=float, default=2.0, help="seconds the slow server takes per mail")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-mail-"))
    url = os.environ.get("DATABASE_URL", f"sqlite:///{work / 'mail.db'}")
    server = Server()
    server.controller.start()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": str(work / "index"),
                      "SECRET_KEY": "bench", "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": server.port,
                      "MAIL_TIMEOUT": 10})

    @app.get("/bench/courriel")
    def _queue_one():  # what a page of the accounts will do: queue, commit, answer
        queue_mail(db.session, to="camille@example.org", template="test",
                   context={"url": "https://portail.example.org/"})
        db.session.commit()
        return "ok"

    import flask_migrate

    report: dict = {"database": url.split(":")[0], "mails": args.mails}
    with app.app_context():
        flask_migrate.upgrade()

        started = time.perf_counter()
        for n in range(args.mails):
            queue_mail(db.session, to=f"membre{n}@example.org", template="test",
                       context={"url": "https://portail.example.org/"}, lang="en" if n % 3 == 0 else "fr",
                       dedupe_key=f"bench:{n}")
            db.session.commit()
        queue_s = time.perf_counter() - started
        report["queued_per_s"] = round(args.mails / queue_s)

        started = time.perf_counter()
        outcome = deliver_due()
        deliver_s = time.perf_counter() - started
        assert outcome.sent == args.mails == server.received, (outcome, server.received)
        report["delivered_per_s"] = round(args.mails / deliver_s)
        report["drain_again_sent"] = deliver_due().sent  # 0: never twice

        server.delay = args.delay
        client = app.test_client()
        samples = []
        for _ in range(args.requests):
            started = time.perf_counter()
            assert client.get("/bench/courriel").status_code == 200
            samples.append(time.perf_counter() - started)
        requests_done = time.perf_counter()
        courier = app.extensions["mail"].courier
        all_sent = courier.wait_idle(timeout=args.requests * args.delay * 3 + 30)
        pending = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)
                                    .where(OutboxMail.status != MailStatus.SENT))
        report["slow_server"] = {
            "server_delay_s": args.delay,
            "requests": args.requests,
            "request_p50_ms": round(statistics.median(samples) * 1000, 1),
            "request_p95_ms": ms(samples, 0.95),
            "request_max_ms": round(max(samples) * 1000, 1),
            "all_delivered": bool(all_sent and pending == 0),
            "delivered_after_last_request_s": round(time.perf_counter() - requests_done, 1),
        }
        db.session.remove()
        db.engine.dispose()
    server.controller.stop()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
