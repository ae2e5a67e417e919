"""Full-text search: the index interface, the Whoosh backend, documents, sync, CLI."""

from __future__ import annotations

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.core import records
from app.search.backend import SearchBackend
from app.search.sync import DIRTY, drain, enqueue

_listening = False


def init_app(app: Flask) -> None:
    from app.search.cli import search_cli
    from app.search.whoosh_backend import WhooshBackend

    app.extensions["search"] = WhooshBackend(app.config["SEARCH_INDEX_DIR"])
    app.cli.add_command(search_cli)
    # Every audited write (app.core.records) queues its index change in its transaction.
    records.on_write(enqueue)
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
