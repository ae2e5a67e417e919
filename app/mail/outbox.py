"""Queueing a mail: one row in the outbox, in the caller's transaction.

::

    from app.mail.outbox import queue_mail

    queue_mail(db.session, to="x@example.org", template="account_invitation",
               context={"name": user.name, "url": url}, lang="fr",
               dedupe_key=f"invite:{user.id}:{token.id}")
    db.session.commit()   # the caller's one commit; the mail leaves after the request

Nothing is sent here. A rolled-back transaction takes its mails with it; a committed
one is delivered after the request (a background thread, see ``app.mail.worker``) or by
``flask mail send``, retried with backoff when the server is down.
"""

from __future__ import annotations

import json
import uuid

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.mail.models import MailStatus, OutboxMail
from app.mail.render import check_template

# session.info flag: this transaction queued mail (cleared on rollback, read after commit).
QUEUED = "mail_queued"
LANGUAGES = ("fr", "en")


def queue_mail(session: Session, *, to: str, template: str, context: dict | None = None,
               lang: str = "fr", dedupe_key: str | None = None) -> OutboxMail | None:
    """Queue the mail ``template`` for ``to`` in the transaction of ``session``.

    ``context`` is what the templates receive; it is stored as JSON (plain values only:
    format dates and build URLs before). Return the new row, or None when a mail with
    the same ``dedupe_key`` was queued before (whatever became of it): the second
    request of a double click sends nothing more. Without a key, the mail is always queued.
    Raise ``ValueError`` for an unknown language or an address that cannot be one, ``TypeError`` for a context that is not
    JSON, ``jinja2.TemplateNotFound`` for a template that does not exist.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"mail language must be one of {LANGUAGES}, not {lang!r}")
    to = (to or "").strip()
    if "@" not in to or any(c.isspace() or not c.isprintable() for c in to) or len(to) > 254:
        raise ValueError(f"not a mail address: {to!r}")
    context = json.loads(json.dumps(context or {}))  # TypeError now, not at delivery
    check_template(template)
    key = dedupe_key or f"{template}:{uuid.uuid4().hex}"
    # Insert unless the key exists, without an error that would spoil the caller's
    # transaction: on PostgreSQL a concurrent insert of the same key waits for the
    # other transaction, then does nothing if it committed.
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    mail_id = session.scalar(
        insert(OutboxMail)
        .values(recipient=to, lang=lang, template=template, context=context, dedupe_key=key,
                status=MailStatus.PENDING)
        .on_conflict_do_nothing(index_elements=[OutboxMail.dedupe_key])
        .returning(OutboxMail.id)
    )
    if mail_id is None:
        return None
    session.info[QUEUED] = True
    return session.get(OutboxMail, mail_id)


def pending_count(session: Session) -> int:
    return session.scalar(
        sa.select(sa.func.count()).select_from(OutboxMail).where(OutboxMail.status == MailStatus.PENDING)
    ) or 0
