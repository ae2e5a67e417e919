"""Delivery after the request, in a background thread: the response never waits for SMTP.

One thread per process (started on demand, ended after a quiet while) drains the
outbox whenever a request committed mail. Several wake-ups while it works make one
more drain, not one each. A process that stops with mail unsent leaves it in the
outbox: the next drain (a later request, ``flask mail send``) delivers it.
"""

from __future__ import annotations

from flask import Flask

from app.core.background import BackgroundWorker


class Courier(BackgroundWorker):
    def __init__(self, app: Flask, idle_seconds: float = 30) -> None:
        super().__init__(app, "mail-delivery", _deliver, idle_seconds=idle_seconds)


def _deliver() -> None:
    from app.mail.delivery import deliver_due

    deliver_due()
