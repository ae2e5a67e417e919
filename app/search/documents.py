"""What each feature puts in the index: one loader per document type.

A loader takes a database session and record ids and returns, for each id, the
:class:`SearchDocument` to index, or None when the record must not be found (deleted,
unpublished). Features register their loaders in their own ``documents.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from sqlalchemy.orm import Session

from app.search.backend import SearchDocument

log = logging.getLogger(__name__)

Loader = Callable[[Session, list[int] | None], dict[int, SearchDocument | None]]

LOADERS: dict[str, Loader] = {}
# Every id of a type, for a full rebuild.
ALL_IDS: dict[str, Callable[[Session], list[int]]] = {}


def register(doc_type: str, all_ids: Callable[[Session], list[int]]):
    def decorator(loader: Loader) -> Loader:
        LOADERS[doc_type] = loader
        ALL_IDS[doc_type] = all_ids
        return loader

    return decorator


def bilingual(build: Callable[[], str]) -> dict[str, str]:
    """``subtitle`` and ``subtitle_en``: the same line built in French and in English."""
    from flask import has_app_context
    from flask_babel import force_locale

    if not has_app_context():
        return {"subtitle": build()}
    with force_locale("fr"):
        french = build()
    with force_locale("en"):
        english = build()
    return {"subtitle": french, "subtitle_en": english}


def load(session: Session, keys: set[tuple[str, int]]) -> tuple[list[SearchDocument], list[str]]:
    """Documents to (re)index and keys to delete, from the database as it is now."""
    by_type: dict[str, list[int]] = {}
    for doc_type, doc_id in keys:
        by_type.setdefault(doc_type, []).append(doc_id)
    docs: list[SearchDocument] = []
    deletes: list[str] = []
    for doc_type, ids in by_type.items():
        loader = LOADERS.get(doc_type)
        if loader is None:  # a type no feature registers any more: drop it from the index
            log.warning("no search loader for %r; deleting %d key(s)", doc_type, len(ids))
        found = loader(session, ids) if loader else {}
        for doc_id in ids:
            doc = found.get(doc_id)
            if doc is None:
                deletes.append(f"{doc_type}:{doc_id}")
            else:
                docs.append(doc)
    return docs, deletes


def every_document(session: Session, chunk: int = 500) -> Iterator[SearchDocument]:
    for doc_type, all_ids in ALL_IDS.items():
        ids = all_ids(session)
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            found = LOADERS[doc_type](session, part)
            for doc_id in part:
                doc = found.get(doc_id)
                if doc is not None:
                    yield doc
            session.expunge_all()
