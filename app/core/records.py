"""One audited path for every create and update: version check, snapshot, apply, diff,
flush, audit, re-index. Services call it; they never commit (the request does, once).

Re-indexing is announced, not done here: the search package subscribes with
:func:`on_write` (the core imports no feature and not search).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from app.core import audit
from app.core.db import utcnow
from app.extensions import db

T = TypeVar("T")

# Called with (session, doc_type, ids) after a record was written in a transaction.
_WRITE_HOOKS: list[Callable[[Any, str, list[int]], None]] = []


def on_write(hook: Callable[[Any, str, list[int]], None]) -> None:
    if hook not in _WRITE_HOOKS:
        _WRITE_HOOKS.append(hook)


def written(doc_type: str | None, ids: list[int]) -> None:
    """Tell the subscribers (the search index) that these records changed."""
    if doc_type:
        for hook in _WRITE_HOOKS:
            hook(db.session, doc_type, ids)


class EditConflict(Exception):
    """The record changed since the person opened the form (or the form said no version)."""


def check_version(obj, version: int | None) -> None:
    """``version`` is what the person started from; None only for trusted batch callers
    (the importer), never for a form: see :func:`app.core.forms.form_version`."""
    if version is not None and version != obj.version:
        raise EditConflict()


def create(user, obj: T, apply: Callable[[T], None], *, action: str, audited: list[str],
           doc_type: str | None) -> T:
    with db.session.no_autoflush:
        apply(obj)
    db.session.add(obj)
    db.session.flush()
    audit.record(user, action, obj, audit.snapshot(obj, audited))
    written(doc_type, [obj.id])
    return obj


def update(user, obj, apply: Callable[[Any], dict | None], *, version: int | None, action: str,
           audited: list[str], doc_type: str | None, on_change: Callable[[dict], None] | None = None) -> dict:
    """Apply a change and audit what it changed; returns the changes (empty: nothing to do).

    ``apply`` may return extra changes that the snapshot cannot see (a co-organiser's
    own link, say). ``on_change`` runs before the flush when something changed.
    """
    check_version(obj, version)
    with db.session.no_autoflush:
        before = audit.snapshot(obj, audited)
        extra = apply(obj) or {}
        changes = {**audit.diff(before, audit.snapshot(obj, audited)), **extra}
        if changes:
            # Touch the row even when only a list changed, so the version moves.
            obj.updated_at = utcnow()
            if on_change:
                on_change(changes)
    db.session.flush()
    if changes:
        audit.record(user, action, obj, changes)
        written(doc_type, [obj.id])
    return changes


def transition(user, obj, changes: dict, *, action: str, doc_type: str | None) -> None:
    """A state change already applied to ``obj``: flush, audit, re-index."""
    db.session.flush()
    audit.record(user, action, obj, changes)
    written(doc_type, [obj.id])
