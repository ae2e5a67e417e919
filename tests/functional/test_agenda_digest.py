"""The agenda digest one ticks on the account page: the next two weeks of events, once a
week, in the reader's language; nothing for those who did not ask, nor twice a week."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa

from app.agenda import services
from app.agenda.digest import send_digest
from app.agenda.models import EventStatus, Visibility
from app.core.dates import PARIS
from app.core.db import utcnow
from app.extensions import db
from app.mail.models import OutboxMail
from app.mail.render import render

TODAY = date(2027, 3, 1)  # a Monday


def event(member, title, start, **extra):
    from tests.functional.test_agenda import data

    return services.create_event(None, data(title, day=start.date(), starts_at=start,
                                            ends_at=start + timedelta(hours=2), **extra),
                                 member=member, status=EventStatus.PUBLISHED)


def test_the_digest_lists_the_next_two_weeks_for_those_who_asked(app, make_member, make_user):
    app.config["PORTAL_BASE_URL"] = "https://portail.example"
    essonne = make_member("91")
    reader = make_user("applicant", notify_agenda_digest=True, email_confirmed_at=utcnow(),
                       email="lea@example.org")
    officer = make_user("officer", member=essonne, notify_agenda_digest=True, language="en",
                        email="sam@example.org")
    make_user("applicant", email_confirmed_at=utcnow(), email="quiet@example.org")
    soon = event(essonne, "Festival des solidarités", datetime(2027, 3, 4, 18, 30, tzinfo=PARIS))
    event(essonne, "Réunion des membres", datetime(2027, 3, 5, 9, 30, tzinfo=PARIS),
          visibility=Visibility.MEMBERS)
    event(essonne, "Trop tard", datetime(2027, 3, 20, 9, 0, tzinfo=PARIS))
    db.session.commit()

    assert send_digest(TODAY) == 2
    db.session.commit()
    assert send_digest(TODAY.replace(day=3)) == 0  # the same week: nothing more
    mails = {m.recipient: m for m in db.session.scalars(
        sa.select(OutboxMail).where(OutboxMail.template == "agenda_digest"))}
    assert set(mails) == {reader.email, officer.email}
    public = [e["title"] for e in mails[reader.email].context["events"]]
    staff = [e["title"] for e in mails[officer.email].context["events"]]
    assert public == ["Festival des solidarités"]  # members-only meetings stay with the members
    assert staff == ["Festival des solidarités", "Réunion des membres"]

    with app.test_request_context():
        french = render("agenda_digest", mails[reader.email].context, "fr")
        english = render("agenda_digest", mails[officer.email].context, "en")
    assert french.subject == "L'agenda du réseau du 1er mars au 14 mars 2027"
    assert "jeudi 4 mars, 18 h 30 : Festival des solidarités" in french.text
    assert f"https://portail.example/agenda/{soon.id}" in french.html
    assert "Thursday 4 March, 6:30 pm" in english.text


def test_the_command_says_how_many_and_needs_the_public_address(app, make_member):
    runner = app.test_cli_runner()
    app.config["PORTAL_BASE_URL"] = ""
    result = runner.invoke(args=["agenda", "digest", "--today", "2027-03-01"])
    assert result.exit_code == 0 and "mis en file d'envoi : 0" in result.output  # nobody asked
