"""Writing the Whoosh index: its schema, what it keeps of a document, and write batches.

A second writer gets ``LockError`` at once in whoosh-reloaded 2.7.5: :func:`write_batch`
waits a bounded time and raises :class:`IndexBusy`, so callers keep their changes pending.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index, writing
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.index import LockError

from app.core.text import fold
from app.search import whoosh_lock
from app.search.analysis import french_analyzer, name_analyzer
from app.search.backend import IndexBusy, SearchDocument

log = logging.getLogger(__name__)
BUILD_PROCS = min(2, os.cpu_count() or 1)


def make_schema() -> Schema:
    french = french_analyzer()
    return Schema(
        key=ID(unique=True, stored=True),
        type=ID(stored=True),
        id=STORED,
        title=TEXT(analyzer=french, stored=True, phrase=False),
        name=TEXT(analyzer=name_analyzer(), phrase=False),
        body=TEXT(analyzer=french, stored=True, phrase=False),
        url=STORED,
        subtitle=STORED,
        subtitle_en=STORED,
        sort=ID(sortable=True),
        departement=KEYWORD(commas=True, scorable=False),
        theme=KEYWORD(commas=True, scorable=False),
        pays=KEYWORD(commas=True, scorable=False),
        audience=ID,
        # Signed on purpose: an unsigned NUMERIC answers open-ended ranges wrongly
        # (NumericRange(None, x) matched every value in whoosh-reloaded 2.7.5).
        starts=NUMERIC(int, bits=32),
        ends=NUMERIC(int, bits=32),
    )


def open_index(path: Path):
    """The index at ``path``, created (or recreated after a schema change) when needed."""
    path.mkdir(parents=True, exist_ok=True)
    if index.exists_in(path):
        ix = index.open_dir(path)
        if set(ix.schema.names()) != set(make_schema().names()):
            # An index written by an older version: start a new, empty one
            # (`flask search reindex` fills it; `make run` always does).
            log.warning("search index schema changed: recreating %s, reindex it", path)
            ix = index.create_in(path, make_schema())
        return ix
    try:
        return index.create_in(path, make_schema())
    except LockError:  # pragma: no cover - another process created it
        return index.open_dir(path)


def document_fields(doc: SearchDocument) -> dict:
    return {
        "key": doc.key,
        "type": doc.type,
        "id": doc.id,
        "title": doc.title,
        "name": doc.title,
        "body": doc.body,
        "url": doc.url,
        "subtitle": doc.subtitle,
        "subtitle_en": doc.subtitle_en or doc.subtitle,
        "sort": fold(doc.title)[:80],
        "departement": ",".join(doc.departement),
        "theme": ",".join(doc.theme),
        "pays": ",".join(doc.pays),
        "audience": doc.audience,
        **({"starts": doc.starts, "ends": doc.ends} if doc.ends is not None else {}),
    }


class Batch:
    def __init__(self, writer, clear: bool):
        self._writer = writer
        self._clear = clear
        self.changed = False

    def index(self, docs: list[SearchDocument]) -> None:
        add = self._writer.add_document if self._clear else self._writer.update_document
        for doc in docs:
            add(**document_fields(doc))
            self.changed = True

    def delete(self, keys: list[str]) -> None:
        for key in keys:
            self._writer.delete_by_term("key", key)
            self.changed = True


@contextmanager
def write_batch(ix, *, wait: float = 0, clear: bool = False) -> Iterator[Batch]:
    """Exclusive write access to ``ix``, committed when the block ends (see SearchBackend.batch)."""
    options = {"timeout": wait, "delay": 0.05, "limitmb": 128}
    if clear and BUILD_PROCS > 1:
        # A full rebuild analyses in parallel and keeps one segment per process.
        options.update(procs=BUILD_PROCS, multisegment=True)
    try:
        writer = ix.writer(**options)
    except LockError as exc:
        raise IndexBusy(str(exc)) from exc
    batch = Batch(writer, clear)
    with whoosh_lock.held(writer.writelock):
        try:
            yield batch
        except BaseException:
            writer.cancel()
            raise
        if batch.changed or clear:
            writer.commit(mergetype=writing.CLEAR if clear else None)
        else:
            writer.cancel()
