"""The mails one chooses on the account page: new calls, new schemes. A person who
ticked the box gets one mail per new record, in its language, with the link; nobody
else does, and publishing again sends nothing more."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.calls import services as calls
from app.core.db import utcnow
from app.extensions import db
from app.mail.models import OutboxMail
from app.mail.render import render


@pytest.fixture
def people(app, make_user):
    app.config["PORTAL_BASE_URL"] = "https://portail.example"
    now = utcnow()
    return {
        "fr": make_user("applicant", notify_new_calls=True, notify_new_schemes=True, email_confirmed_at=now,
                        email="lea@example.org", name="Léa"),
        "en": make_user("officer", member="93", notify_new_calls=True, notify_new_schemes=True, language="en",
                        email="sam@example.org", name="Sam"),
        "unticked": make_user("applicant", email_confirmed_at=now, email="quiet@example.org"),
        "unconfirmed": make_user("applicant", notify_new_calls=True, notify_new_schemes=True,
                                 email="unconfirmed@example.org"),
        "inactive": make_user("officer", member="94", notify_new_calls=True, notify_new_schemes=True,
                              active=False, email="gone@example.org"),
    }


def queued(template: str) -> list[OutboxMail]:
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.template == template)
                                   .order_by(OutboxMail.recipient)))


def test_a_published_call_is_announced_once_to_those_who_asked(app, people, make_member):
    lead = make_member("91")
    now = utcnow()
    call = calls.create_call(None, calls.CallData(title_fr="Appel conjoint eau", text_fr="Un appel.",
                                                  title_en="Joint water call", opens_at=now,
                                                  closes_at=now + timedelta(days=40)),
                             lead=lead, envelope=calls.EnvelopeData(50_000_00, 5_000_00, "Commission permanente"))
    calls.move(None, call, "publish")
    db.session.commit()
    mails = queued("new_call")
    assert [m.recipient for m in mails] == ["lea@example.org", "sam@example.org"]
    lea, sam = mails
    assert (lea.lang, sam.lang) == ("fr", "en")
    assert lea.context["link"] == f"https://portail.example/appels/{call.id}"
    assert sam.context["title"] == "Joint water call"

    calls.move(None, call, "unpublish")
    calls.move(None, call, "publish")
    db.session.commit()
    assert len(queued("new_call")) == 2  # published again: nothing more

    with app.test_request_context():
        french = render("new_call", lea.context, "fr")
        english = render("new_call", sam.context, "en")
    assert french.subject == "Nouvel appel à projets : « Appel conjoint eau »"
    assert "Un nouvel appel à projets du Département 91 est ouvert" in french.text
    assert "(heure de Paris)" in french.text and lea.context["link"] in french.html
    assert english.subject.startswith("New call for projects") and "Joint water call" in english.text
    assert "/compte" in english.text  # how to stop these mails


def test_a_published_scheme_is_announced_in_each_readers_language(app, people, make_scheme):
    scheme = make_scheme("Solidarité eau et assainissement", closes_on=date(2027, 3, 1))
    mails = queued("new_scheme")
    assert [m.recipient for m in mails] == ["lea@example.org", "sam@example.org"]
    with app.test_request_context():
        french = render("new_scheme", mails[0].context, "fr")
        english = render("new_scheme", mails[1].context, "en")
    assert "Un nouveau dispositif de financement du Département 91" in french.text
    assert "Date limite : 1er mars 2027." in french.text
    assert f"https://portail.example/dispositifs/{scheme.id}" in french.text
    assert "1 March 2027" in english.text


def test_a_draft_scheme_is_announced_when_it_is_published(app, people, make_scheme):
    from app.actors import services

    scheme = make_scheme("Brouillon", publish=False)
    assert queued("new_scheme") == []
    services.set_scheme_published(None, scheme, True)
    services.set_scheme_published(None, scheme, False)
    services.set_scheme_published(None, scheme, True)
    db.session.commit()
    assert len(queued("new_scheme")) == 2
