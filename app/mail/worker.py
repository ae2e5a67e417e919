"""Delivery after the request, in a background thread: the response never waits for SMTP.

One thread per process (started on demand, ended after a quiet while) drains the
outbox whenever a request committed mail. Several wake-ups while it works make one
more drain, not one each. A process that stops with mail unsent leaves it in the
outbox: the next drain (a later request, ``flask mail send``) delivers it.
"""

from __future__ import annotations

import logging
import threading

from flask import Flask

log = logging.getLogger(__name__)


class Courier:
    def __init__(self, app: Flask, idle_seconds: float = 30) -> None:
        self.app = app
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._wanted = threading.Event()
        self._idle = threading.Condition(self._lock)
        self._busy = False
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        """Drain the outbox soon, in the background."""
        with self._lock:
            self._wanted.set()
            if self._thread is None or not self._thread.is_alive():  # none yet, or forked
                self._thread = threading.Thread(target=self._run, name="mail-delivery", daemon=True)
                self._thread.start()

    def wait_idle(self, timeout: float = 30) -> bool:
        """Wait until nothing is asked of the thread (tests, benchmarks); False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: not self._busy and not self._wanted.is_set(), timeout)

    def _run(self) -> None:
        from app.mail.delivery import deliver_due

        while True:
            if not self._wanted.wait(self.idle_seconds):
                with self._lock:
                    if not self._wanted.is_set():
                        self._thread = None
                        return
                continue
            with self._lock:
                self._wanted.clear()
                self._busy = True
            try:
                with self.app.app_context():
                    deliver_due()
            except Exception:  # the mail stays in the outbox for the next drain
                log.exception("mail: delivery after the request failed")
            finally:
                with self._lock:
                    self._busy = False
                    self._idle.notify_all()
