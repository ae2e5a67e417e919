"""Keeping the index true to the database.

1. A service that changes a record calls :func:`enqueue` in the same transaction, which
   writes a row in ``search_pending``.
2. After the transaction commits, :func:`drain` applies the pending rows to the index
   and deletes them. A rolled-back transaction took its rows with it.
3. Only one process writes the index at a time (the index's own lock). A process that
   finds it busy leaves its rows pending; whoever holds the lock looks at the table
   again *after* releasing it, so a row committed meanwhile is never stranded.
4. If a process dies between commit and drain, the rows wait for the next drain:
   after the next write anywhere, at the next start of the application, after a
   request to a running worker at most once a minute (``app.search.catch_up``), or
   ``flask search sync``.
   A process that dies holding the index lock releases it (see ``whoosh_lock``).

Documents are built from the database *while holding the index lock*: two drains
can then never apply an older state of a record after a newer one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import nullcontext

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.search import documents
from app.search.backend import IndexBusy, SearchBackend
from app.search.models import SearchPending

log = logging.getLogger(__name__)


def _french():
    """Documents are indexed in French whatever the language of the request that wrote."""
    from flask import has_app_context
    from flask_babel import force_locale

    return force_locale("fr") if has_app_context() else nullcontext()

DIRTY = "search_pending_added"


def enqueue(session: Session, doc_type: str, ids: Iterable[int]) -> None:
    for doc_id in dict.fromkeys(ids):
        session.add(SearchPending(doc_type=doc_type, doc_id=doc_id))
    session.info[DIRTY] = True


def pending_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(SearchPending)) or 0


def drain(backend: SearchBackend, engine: Engine, *, wait: float = 0, batch_size: int = 500) -> int:
    """Apply pending index changes; return how many rows were applied.

    With ``wait=0`` (after a request) a busy index returns at once and leaves the
    rows to the process holding it; ``flask search sync`` waits longer.
    """
    applied = 0
    while True:
        ids: list[int] = []
        try:
            with backend.batch(wait=wait) as index_batch, Session(engine) as session, _french():
                rows = session.execute(
                    sa.select(SearchPending.id, SearchPending.doc_type, SearchPending.doc_id)
                    .order_by(SearchPending.id)
                    .limit(batch_size)
                ).all()
                if rows:
                    ids = [row.id for row in rows]
                    docs, deletes = documents.load(session, {(r.doc_type, r.doc_id) for r in rows})
                    index_batch.delete(deletes)
                    index_batch.index(docs)
        except IndexBusy:
            return applied
        if ids:
            # The index is committed; a crash before this line only means the same
            # rows are applied again later, from the database as it is then.
            with Session(engine) as session:
                session.execute(sa.delete(SearchPending).where(SearchPending.id.in_(ids)))
                session.commit()
            applied += len(ids)
            continue
        # Rows may have been committed while we held the lock, by processes that
        # found it busy and left: look again now that it is released.
        if not pending_count(engine):
            return applied


def rebuild(backend: SearchBackend, engine: Engine, *, wait: float = 60) -> int:
    """Rebuild the whole index from the database, then apply what came meanwhile."""
    with Session(engine) as session:
        # Rows written before the rebuild read the data are covered by it.
        last = session.scalar(sa.select(sa.func.max(SearchPending.id))) or 0
        count = 0
        with backend.batch(wait=wait, clear=True) as index_batch, _french():
            for doc in documents.every_document(session):
                index_batch.index([doc])
                count += 1
        session.execute(sa.delete(SearchPending).where(SearchPending.id <= last))
        session.commit()
    drain(backend, engine, wait=wait)
    return count
