"""Draining the outbox: each due mail sent once, failures retried with backoff, then given up.

1. A drain *claims* a few due rows with one conditional UPDATE (``claimed_by`` = its own
   token, ``claimed_until`` = now + :data:`CLAIM`), committed before anything is sent.
   A row already claimed by a live drain is not due, so two drains (threads, workers,
   ``flask mail send`` from cron) never hold the same row. On PostgreSQL the candidates
   are picked ``FOR UPDATE SKIP LOCKED``: concurrent drains take different rows instead
   of queueing behind each other. On SQLite the UPDATE itself is serialised.
2. It renders and sends each claimed mail, and records the outcome at once, in its own
   transaction: sent (``sent_at``), or a failed attempt (``attempts``, ``last_error``,
   ``next_attempt_at`` after :data:`RETRY_DELAYS`), or given up after
   ``MAIL_MAX_ATTEMPTS`` attempts or a recipient refused for good.
3. It stops sending before its claim runs out (a slow server), so a mail can only be
   sent twice if the process dies between the server's acceptance and the next commit:
   the claim then expires and the mail is sent again (same Message-ID).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from time import monotonic, sleep

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.core.db import utcnow
from app.extensions import db
from app.mail.backends import Backend, backend_from_config, build_message, is_permanent
from app.mail.models import MailStatus, OutboxMail
from app.mail.render import render

log = logging.getLogger(__name__)

# Wait after the 1st, 2nd... failed attempt (the last one repeats).
RETRY_DELAYS = (
    timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
    timedelta(hours=12),
)
CLAIM = timedelta(minutes=10)
BATCH_SIZE = 20


@dataclass
class Failure:
    id: int
    recipient: str
    template: str
    attempts: int
    error: str
    next_attempt_at: datetime | None  # None: given up


@dataclass
class Outcome:
    sent: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def retrying(self) -> list[Failure]:
        return [f for f in self.failures if f.next_attempt_at is not None]

    @property
    def gave_up(self) -> list[Failure]:
        return [f for f in self.failures if f.next_attempt_at is None]


def retry_delay(attempts: int) -> timedelta:
    return RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]


def deliver_due(*, now: datetime | None = None, backend: Backend | None = None,
                batch_size: int = BATCH_SIZE) -> Outcome:
    """Send every mail due at ``now`` (default: now). Needs an application context."""
    config = current_app.config
    backend = backend or backend_from_config(config)
    engine = db.engine
    token = uuid.uuid4().hex
    outcome = Outcome()
    misses = 0
    try:
        while True:
            mails = _claim(engine, token, now or utcnow(), batch_size)
            if not mails:
                # Another drain claiming at the same instant may have made ours come back
                # empty while unclaimed mail is still due: try again before giving up.
                if misses >= 5 or not _any_due(engine, now or utcnow()):
                    return outcome
                misses += 1
                sleep(0.02 * misses)
                continue
            misses = 0
            deadline = monotonic() + CLAIM.total_seconds() - 3 * float(config["MAIL_TIMEOUT"]) - 30
            for mail in mails:
                if monotonic() > deadline:  # a slow server: let the claim go before it runs out
                    _release(engine, token)
                    break
                _deliver_one(engine, token, mail, backend, config, now or utcnow(), outcome)
    finally:
        backend.close()


def _due(now: datetime, clock: datetime):
    return sa.and_(
        OutboxMail.status == MailStatus.PENDING,
        OutboxMail.next_attempt_at <= now,
        sa.or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < clock),
    )


def _any_due(engine: Engine, now: datetime) -> bool:
    """Is some mail due and claimed by no running drain?"""
    with engine.connect() as conn:
        return conn.execute(sa.select(OutboxMail.id).where(_due(now, utcnow())).limit(1)).first() is not None


def _claim(engine: Engine, token: str, now: datetime, limit: int) -> list[OutboxMail]:
    clock = utcnow()  # claims run on the real clock, whatever ``now`` a test gives
    due = _due(now, clock)
    candidates = (sa.select(OutboxMail.id).where(due)
                  .order_by(OutboxMail.next_attempt_at, OutboxMail.id).limit(limit))
    if engine.dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    with engine.begin() as conn:
        # The ids first, then the UPDATE, in one transaction: on PostgreSQL a LIMIT ...
        # FOR UPDATE SKIP LOCKED subquery inside the UPDATE may be evaluated again while
        # another drain claims, and claim far more than ``limit`` rows (seen: 35 of 40),
        # leaving the other drains nothing. ``due`` again in the UPDATE: a row another
        # drain claimed between our SELECT and our UPDATE is skipped (SQLite).
        ids = list(conn.scalars(candidates))
        if ids:
            conn.execute(sa.update(OutboxMail).where(OutboxMail.id.in_(ids), due)
                         .values(claimed_by=token, claimed_until=clock + CLAIM))
    with Session(engine, expire_on_commit=False) as session:
        return list(session.scalars(
            sa.select(OutboxMail).where(OutboxMail.claimed_by == token, OutboxMail.status == MailStatus.PENDING)
            .order_by(OutboxMail.next_attempt_at, OutboxMail.id)
        ))


def _release(engine: Engine, token: str) -> None:
    with engine.begin() as conn:
        conn.execute(sa.update(OutboxMail).where(OutboxMail.claimed_by == token)
                     .values(claimed_by=None, claimed_until=None))


def _deliver_one(engine: Engine, token: str, mail: OutboxMail, backend: Backend, config,
                 now: datetime, outcome: Outcome) -> None:
    attempts = mail.attempts + 1
    values: dict = {"attempts": attempts, "last_attempt_at": now, "claimed_by": None, "claimed_until": None}
    try:
        rendered = render(mail.template, mail.context, mail.lang)
        values["subject"] = rendered.subject[:300]
        if backend.keeps_content:
            values.update(body_text=rendered.text, body_html=rendered.html)
        message = build_message(mail_id=mail.id, dedupe_key=mail.dedupe_key, recipient=mail.recipient,
                                lang=mail.lang, rendered=rendered, config=config)
        backend.send(message)
    except Exception as exc:  # whatever went wrong is recorded on the mail, and shown
        error = f"{type(exc).__name__}: {exc}"[:1000]
        give_up = attempts >= config["MAIL_MAX_ATTEMPTS"] or is_permanent(exc)
        values["last_error"] = error
        if give_up:
            values["status"] = MailStatus.FAILED
        else:
            values["next_attempt_at"] = now + retry_delay(attempts)
        outcome.failures.append(Failure(mail.id, mail.recipient, mail.template, attempts, error,
                                        None if give_up else values["next_attempt_at"]))
        log.warning("mail %d to %s: attempt %d failed (%s)%s", mail.id, mail.recipient, attempts,
                    error, ", given up" if give_up else "")
    else:
        values.update(status=MailStatus.SENT, sent_at=now)  # an earlier error stays: it tells why it was late
        if not backend.keeps_content:
            values["context"] = {}  # it may hold a personal link: not kept once delivered
        outcome.sent += 1
    with engine.begin() as conn:
        conn.execute(sa.update(OutboxMail).where(OutboxMail.id == mail.id, OutboxMail.claimed_by == token)
                     .values(**values))
