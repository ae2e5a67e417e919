"""The agenda digest: once a week, the network's next two weeks of events, mailed to the
accounts that asked for it on their account page (``flask agenda digest``, from cron)."""

from __future__ import annotations

from datetime import date, timedelta

import click
from flask.cli import AppGroup

from app.agenda.feeds import day_start
from app.agenda.models import EventStatus
from app.agenda.queries import EventFilters, events_query
from app.auth.queries import subscribers
from app.core.dates import PARIS
from app.core.db import utcnow
from app.extensions import db
from app.mail import outbox
from app.mail.links import NoPublicAddress, external_url

DAYS = 14
agenda_cli = AppGroup("agenda", help="Agenda commun.")


def _events(today: date, *, members: bool) -> list[dict]:
    stmt = events_query(EventFilters(), members=members, statuses=(EventStatus.PUBLISHED,),
                        since=day_start(today), until=day_start(today + timedelta(days=DAYS)))
    return [{"title": e.title, "starts_at": e.starts_at.isoformat(), "all_day": e.all_day,
             "place": "" if e.online and not e.commune else (e.commune or e.place_name or ""),
             "online": e.online, "link": external_url("agenda.event", event_id=e.id)}
            for e in db.session.scalars(stmt)]


def send_digest(today: date) -> int:
    """Queue this week's digest for every subscriber (once per ISO week and person, so a
    second run the same week sends nothing). Returns the number of mails queued."""
    year, week, _ = today.isocalendar()
    by_reach: dict[bool, list[dict]] = {}
    queued = 0
    for person in subscribers("notify_agenda_digest"):
        members = person.is_officer  # staff also read the members-only meetings
        if members not in by_reach:
            by_reach[members] = _events(today, members=members)
        events = by_reach[members]
        if not events:
            continue
        mail = outbox.queue_mail(
            db.session, to=person.email, template="agenda_digest", lang=person.language,
            context={"name": person.name, "since": today.isoformat(),
                     "until": (today + timedelta(days=DAYS - 1)).isoformat(), "events": events,
                     "agenda_link": external_url("agenda.index"), "account_link": external_url("accounts.account")},
            dedupe_key=f"agenda-digest:{year}-W{week:02d}:{person.id}")
        queued += mail is not None
    return queued


@agenda_cli.command("digest")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Le jour de départ (par défaut aujourd'hui).")
def digest_command(today) -> None:
    """Envoie le résumé des deux semaines à venir aux comptes qui l'ont demandé."""
    try:
        count = send_digest(today.date() if today else utcnow().astimezone(PARIS).date())
    except NoPublicAddress:
        raise click.ClickException("PORTAL_BASE_URL doit être défini pour écrire les liens des courriels.") from None
    db.session.commit()
    click.echo(f"Résumés de l'agenda mis en file d'envoi : {count}.")
