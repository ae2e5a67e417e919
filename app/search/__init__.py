"""Full-text search: the index interface, the Whoosh backend, documents, sync, CLI."""

from __future__ import annotations

import logging
import threading
from time import monotonic

import sqlalchemy as sa
from flask import Flask, Response, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.core import records
from app.search.backend import SearchBackend
from app.search.models import SearchPending
from app.search.sync import DIRTY, drain, enqueue, pending_count

log = logging.getLogger(__name__)
_listening = False


def init_app(app: Flask) -> None:
    from app.search.cli import search_cli
    from app.search.whoosh_backend import WhooshBackend

    app.extensions["search"] = WhooshBackend(app.config["SEARCH_INDEX_DIR"])
    app.extensions["search_catch_up"] = NowAndThen()
    app.cli.add_command(search_cli)
    # Every audited write (app.core.records) queues its index change in its transaction.
    records.on_write(enqueue)
    app.after_request(_catch_up_now_and_then)
    _listen()


def _listen() -> None:
    """Drain the pending-index table after every commit that added to it (once per process)."""
    global _listening
    if _listening:
        return
    from app.extensions import db

    @event.listens_for(db.session, "after_commit")
    def _drain_after_commit(session: Session) -> None:
        if session.info.pop(DIRTY, False) and current_app.config["SEARCH_SYNC_AFTER_COMMIT"]:
            drain(backend(), db.engine)

    @event.listens_for(db.session, "after_rollback")
    def _forget(session: Session) -> None:
        session.info.pop(DIRTY, None)

    _listening = True


def backend() -> SearchBackend:
    return current_app.extensions["search"]


# -- catching up with what others left ---------------------------------------------------
#
# A process that dies between its commit and its drain leaves rows pending that nobody
# would look at before the next write. They are applied when an application starts, and
# now and then by a running one; never waiting for a busy index: its holder looks at the
# table again once it is done (see app.search.sync).


class NowAndThen:
    """True at most once every so many seconds in this process, for one thread only."""

    def __init__(self) -> None:
        self.last = monotonic()  # the application has just started: it caught up then
        self._lock = threading.Lock()

    def due(self, seconds: float) -> bool:
        if monotonic() - self.last < seconds or not self._lock.acquire(blocking=False):
            return False
        try:
            if monotonic() - self.last < seconds:
                return False
            self.last = monotonic()
            return True
        finally:
            self._lock.release()


def catch_up(app: Flask) -> int:
    """Apply the index changes left pending (cheap when there are none); how many were applied."""
    from app.extensions import db

    with app.app_context():
        try:
            if not sa.inspect(db.engine).has_table(SearchPending.__tablename__):
                return 0  # a database not migrated yet (`flask db upgrade` starting)
            if not pending_count(db.engine):
                return 0
            applied = drain(backend(), db.engine)
        except Exception:  # never keep the portal from starting or a page from closing
            log.warning("search: could not apply the pending index changes", exc_info=True)
            return 0
    if applied:
        log.info("search: applied %d index change(s) left pending", applied)
    return applied


def catch_up_at_start(app: Flask) -> int:
    """:func:`catch_up` when the application starts, leaving no database connection open."""
    from app.extensions import db

    applied = catch_up(app)
    with app.app_context():
        # A server that forks its workers after loading the app (gunicorn --preload)
        # must not hand them this process's pooled connections.
        db.engine.dispose()
    return applied


def _catch_up_now_and_then(response: Response) -> Response:
    seconds = current_app.config["SEARCH_CATCH_UP_SECONDS"]
    if seconds is not None and current_app.extensions["search_catch_up"].due(seconds):
        app = current_app._get_current_object()
        # Once the response is sent: the reader does not wait for the index.
        response.call_on_close(lambda: catch_up(app))
    return response
