"""The audit trail: who changed what, when, with the values before and after."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import Base, utcnow
from app.core.text import html_to_text
from app.extensions import db


class AuditEntry(Base):
    __tablename__ = "audit_entries"
    __table_args__ = (sa.Index("ix_audit_entries_object", "object_type", "object_id"),
                      {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(sa.String(60))
    object_type: Mapped[str] = mapped_column(sa.String(40))
    object_id: Mapped[int]
    object_label: Mapped[str] = mapped_column(sa.String(200), default="")
    changes: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)

    user = relationship("User")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return sorted(_plain(v) for v in value)
    return value


def snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    """The JSON-ready values of ``fields`` (related objects by their id or slug/code)."""
    values = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, list):
            value = [getattr(v, "code", None) or getattr(v, "slug", None) or getattr(v, "value", v)
                     for v in value]
        values[name] = _plain(value)
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def change_excerpt(text: str | None, other: str | None, length: int = 220) -> str:
    """The part of a long text where it differs from ``other``, as plain text: an edit
    after the first lines of a description must show in its history."""
    plain, against = html_to_text(text or ""), html_to_text(other or "")
    if len(plain) <= length:
        return plain
    same = next((i for i, (a, b) in enumerate(zip(plain, against, strict=False)) if a != b),
                min(len(plain), len(against)))
    start = max(0, same - 60)
    if start:
        space = plain.rfind(" ", 0, start)
        start = space + 1 if space > start - 30 else start
    excerpt = plain[start:start + length]
    return ("…" if start else "") + excerpt + ("…" if start + length < len(plain) else "")


def history_page(obj, *, name: str, url: str, section: tuple[str, str], back_label: str,
                 empty_label: str, value_labels: dict):
    """The page listing ``obj``'s audit trail, newest first, with its values in words."""
    from flask import render_template
    from sqlalchemy.orm import selectinload

    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.object_type == type(obj).__tablename__,
                                    AuditEntry.object_id == obj.id)
        .options(selectinload(AuditEntry.user)).order_by(AuditEntry.id.desc())
    ).all()
    return render_template("history.html", name=name, url=url, section=section, back_label=back_label,
                           empty_label=empty_label, entries=entries, value_labels=value_labels)


def record(user, action: str, obj: Any, changes: dict[str, Any] | None = None) -> AuditEntry:
    """Add an audit entry to the current transaction (it commits with the change itself)."""
    entry = AuditEntry(
        user_id=getattr(user, "id", None),
        action=action,
        object_type=type(obj).__tablename__,
        object_id=obj.id,
        object_label=str(getattr(obj, "name", "") or getattr(obj, "title", ""))[:200],
        changes=changes or {},
    )
    db.session.add(entry)
    return entry
