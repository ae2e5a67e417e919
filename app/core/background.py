"""One background thread per process for work that follows a request: mail to deliver,
files to scan. Started on demand, it ends after ``idle_seconds`` with nothing asked;
several wake-ups while it works make one more run, not one each. A process that stops
with work left leaves it where it was (the outbox, the pending files): the next run or
the command line does it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from flask import Flask

log = logging.getLogger(__name__)


class BackgroundWorker:
    def __init__(self, app: Flask, name: str, job: Callable[[], object], *, idle_seconds: float = 0) -> None:
        self.app = app
        self.name = name
        self.job = job
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._wanted = threading.Event()
        self._idle = threading.Condition(self._lock)
        self._busy = False
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        """Run the job soon, in the background."""
        with self._lock:
            self._wanted.set()
            if self._thread is None or not self._thread.is_alive():  # none yet, or forked
                self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
                self._thread.start()

    def wait_idle(self, timeout: float = 30) -> bool:
        """Wait until nothing is asked of the thread (tests, benchmarks); False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: not self._busy and not self._wanted.is_set(), timeout)

    def _run(self) -> None:
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
                    self.job()
            except Exception:  # the work stays where it was for the next run
                log.exception("%s: the run after the request failed", self.name)
            finally:
                with self._lock:
                    self._busy = False
                    self._idle.notify_all()
