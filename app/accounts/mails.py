"""The mails of the accounts' workflows, queued in the outbox in the caller's
transaction (a rolled-back action sends nothing), with links to the public address."""

from __future__ import annotations

from app.extensions import db
from app.mail import outbox

# Where the accounts' views and services have always found them.
from app.mail.links import NoPublicAddress, external_url  # noqa: F401


def send(to: str, template: str, context: dict, *, lang: str = "fr", dedupe_key: str | None = None) -> None:
    outbox.queue_mail(db.session, to=to, template=template, context=context, lang=lang,
                      dedupe_key=dedupe_key)
