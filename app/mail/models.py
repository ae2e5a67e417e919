"""The outbox: each mail the portal must send, written in the transaction that causes it."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, utcnow
from app.core.enums import LabelledEnum, enum_type


class MailStatus(LabelledEnum):
    PENDING = "pending"  # waiting for its first or next attempt
    SENT = "sent"
    FAILED = "failed"  # given up: too many attempts, or refused for good by the server

    @classmethod
    def __labels__(cls):
        return {"pending": _l("En attente"), "sent": _l("Envoyé"), "failed": _l("Abandonné")}


class OutboxMail(Base):
    """One mail to send.

    The row is written by the business action, in its transaction: a rolled-back change
    sends nothing, a committed one is never forgotten. Delivery (``app.mail.delivery``)
    claims rows for a while (``claimed_by``, ``claimed_until``) so that two drains never
    send the same mail, renders the templates in the recipient's language and records
    the outcome.
    """

    __tablename__ = "outbox_mails"
    __table_args__ = (
        sa.CheckConstraint("(status = 'sent') = (sent_at IS NOT NULL)", name="sent_at_when_sent"),
        sa.CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        sa.Index("ix_outbox_mails_due", "status", "next_attempt_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(sa.String(254))
    lang: Mapped[str] = mapped_column(sa.String(5))
    template: Mapped[str] = mapped_column(sa.String(100))
    context: Mapped[dict] = mapped_column(sa.JSON)
    # Two actions that mean the same mail (a double click, a retried request) give the
    # same key: the second is not queued.
    dedupe_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    status: Mapped[MailStatus] = mapped_column(enum_type(MailStatus), default=MailStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    claimed_by: Mapped[str | None] = mapped_column(sa.String(32))
    claimed_until: Mapped[datetime | None]
    # What the mail said, recorded when it is rendered. The bodies are kept only when no
    # mail leaves the portal (the console backend of `make run`): a real mail may carry
    # a personal link (an invitation, a new password) that the outbox must not keep.
    subject: Mapped[str | None] = mapped_column(sa.String(300))
    body_text: Mapped[str | None] = mapped_column(sa.Text)
    body_html: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<OutboxMail {self.id} {self.template} to {self.recipient} {self.status}>"
