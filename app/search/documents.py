"""The registry of result types: what each feature puts in the index.

Each feature registers its types in its own ``documents.py`` (:func:`register`): a
label (the facet's words), a loader, every id for a rebuild, whether ended records hide
unless asked for, and which other records to re-index when one of its records changes
(:func:`reindex_with`: renaming an actor re-indexes the events it organises). Who may
see a document is the document's own ``audience`` (public, or members only); the
filters are the shared facets (type, département, theme, partner country). The search
package imports no feature: adding a type is one registration in the feature.

A loader takes a database session and record ids and returns, for each id, the
:class:`SearchDocument` to index, or None when the record must not be found (deleted,
unpublished).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.search.backend import SearchDocument

log = logging.getLogger(__name__)

Loader = Callable[[Session, list[int]], dict[int, SearchDocument | None]]
Dependents = Callable[[Session, list[int]], Iterable[tuple[str, int]]]


@dataclass(frozen=True)
class SearchType:
    name: str
    label: object  # a lazily translated string: the facet's and the results' words
    loader: Loader
    all_ids: Callable[[Session], list[int]]  # every id, for a full rebuild
    position: int = 100  # order in the type facet
    hide_ended: bool = False  # ended records are found only when asked for (?passes=1)
    # Its records that name no partner country are open to every country (schemes).
    anywhere: bool = False


TYPES: dict[str, SearchType] = {}
_DEPENDENTS: dict[str, list[Dependents]] = {}


def register(doc_type: str, all_ids: Callable[[Session], list[int]], *, label, position: int = 100,
             hide_ended: bool = False, anywhere: bool = False):
    """Decorator for a feature's loader: registers the result type ``doc_type``."""
    def decorator(loader: Loader) -> Loader:
        TYPES[doc_type] = SearchType(doc_type, label, loader, all_ids, position, hide_ended, anywhere)
        return loader

    return decorator


def reindex_with(doc_type: str, dependents: Dependents) -> None:
    """When records of ``doc_type`` change, re-index the keys ``dependents`` gives too."""
    if dependents not in _DEPENDENTS.setdefault(doc_type, []):
        _DEPENDENTS[doc_type].append(dependents)


def types() -> list[SearchType]:
    return sorted(TYPES.values(), key=lambda t: (t.position, t.name))


def hide_ended_types() -> tuple[str, ...]:
    return tuple(t.name for t in types() if t.hide_ended)


def anywhere_types() -> tuple[str, ...]:
    return tuple(t.name for t in types() if t.anywhere)


def with_dependents(session: Session, keys: set[tuple[str, int]]) -> set[tuple[str, int]]:
    by_type: dict[str, list[int]] = {}
    for doc_type, doc_id in keys:
        by_type.setdefault(doc_type, []).append(doc_id)
    extra = {key for doc_type, ids in by_type.items() for dependents in _DEPENDENTS.get(doc_type, [])
             for key in dependents(session, ids)}
    return keys | extra


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
    """Documents to (re)index and keys to delete, from the database as it is now, with
    the records that show something of them (their dependents)."""
    by_type: dict[str, list[int]] = {}
    for doc_type, doc_id in with_dependents(session, keys):
        by_type.setdefault(doc_type, []).append(doc_id)
    docs: list[SearchDocument] = []
    deletes: list[str] = []
    for doc_type, ids in by_type.items():
        registered = TYPES.get(doc_type)
        loader = registered.loader if registered else None
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
    for registered in types():
        ids = registered.all_ids(session)
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            found = registered.loader(session, part)
            for doc_id in part:
                doc = found.get(doc_id)
                if doc is not None:
                    yield doc
            session.expunge_all()
