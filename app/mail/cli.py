"""``flask mail send``, ``flask mail test ADDRESS``, ``flask mail retry``."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup

from app.core.db import utcnow
from app.extensions import db
from app.mail.delivery import Outcome, deliver_due
from app.mail.models import MailStatus, OutboxMail
from app.mail.outbox import pending_count, queue_mail

mail_cli = AppGroup("mail", help="Courriels du portail (la file d'envoi).")


def _report(outcome: Outcome) -> None:
    click.echo(f"{outcome.sent} courriel(s) envoyé(s) ; {len(outcome.retrying)} à réessayer ; "
               f"{len(outcome.gave_up)} abandonné(s) ; {pending_count(db.session)} en attente.")
    for failure in outcome.failures:
        when = ("ABANDONNÉ" if failure.next_attempt_at is None
                else f"nouvel essai à {failure.next_attempt_at:%Y-%m-%d %H:%M} UTC")
        click.echo(f"  n° {failure.id} ({failure.template}) à {failure.recipient}, "
                   f"essai {failure.attempts} : {failure.error} — {when}")


@mail_cli.command("send")
def send_command() -> None:
    """Send the mails that are due; exit 1 if one was given up."""
    outcome = deliver_due()
    _report(outcome)
    if outcome.gave_up:
        raise SystemExit(1)


@mail_cli.command("test")
@click.argument("address")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
def test_command(address: str, lang: str) -> None:
    """Queue a test mail to ADDRESS and send what is due at once."""
    try:
        mail = queue_mail(db.session, to=address, template="test", lang=lang,
                          context={"url": current_app.config["PORTAL_BASE_URL"]})
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="ADDRESS") from exc
    db.session.commit()
    outcome = deliver_due()
    _report(outcome)
    db.session.expire_all()
    if db.session.get(OutboxMail, mail.id).status != MailStatus.SENT:
        raise SystemExit(1)


@mail_cli.command("retry")
@click.argument("ids", nargs=-1, type=int)
def retry_command(ids: tuple[int, ...]) -> None:
    """Give the given-up mails (all, or those IDS) a new series of attempts, now."""
    stmt = sa.update(OutboxMail).where(OutboxMail.status == MailStatus.FAILED)
    if ids:
        stmt = stmt.where(OutboxMail.id.in_(ids))
    count = db.session.execute(stmt.values(status=MailStatus.PENDING, attempts=0,
                                           next_attempt_at=utcnow())).rowcount
    db.session.commit()
    click.echo(f"{count} courriel(s) remis en attente : `flask mail send` les envoie.")
