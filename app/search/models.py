"""The pending-index table: index changes recorded in the same transaction as the data."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, utcnow


class SearchPending(Base):
    """One record whose index entry must be brought up to date.

    Rows are written by the business layer in the transaction that changes the
    record, so a rolled-back change never reaches the index and a committed one is
    never forgotten: if the process dies before the index is updated, the row is
    still here for the next drain (after the next write, at the next start, now and
    then in a running worker, or ``flask search sync``).
    """

    __tablename__ = "search_pending"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[str] = mapped_column(sa.String(30))
    doc_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
