"""Mail is never lost and never sent twice: the outbox, its drains and a real SMTP server."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.db import utcnow
from app.extensions import db
from app.mail.delivery import RETRY_DELAYS, deliver_due, retry_delay
from app.mail.models import MailStatus, OutboxMail
from app.mail.outbox import queue_mail

PORTAL = "Réseau Île-de-France International"


def queue(to: str = "camille@example.org", lang: str = "fr", **kwargs) -> OutboxMail | None:
    kwargs.setdefault("template", "test")
    kwargs.setdefault("context", {"url": "https://portail.example.org/"})
    return queue_mail(db.session, to=to, lang=lang, **kwargs)


def outbox() -> list[OutboxMail]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutboxMail).order_by(OutboxMail.id)))


def test_a_committed_mail_arrives_as_text_and_html_from_the_portal(app, smtp_server):
    queue("camille@example.org")
    db.session.commit()
    assert deliver_due().sent == 1

    [message] = smtp_server.wait_for(1)
    assert message["To"] == "camille@example.org"
    assert message["From"].addresses[0].display_name == PORTAL
    assert message["From"].addresses[0].addr_spec == app.config["MAIL_DEFAULT_SENDER"]
    assert message["Subject"] == "Courriel d'essai du portail"
    assert message["Content-Language"] == "fr"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Ce courriel d'essai confirme que le portail peut vous écrire." in text
    assert "https://portail.example.org/" in text
    assert '<html lang="fr">' in html and 'href="https://portail.example.org/"' in html
    assert "Coopération et solidarité internationales des collectivités franciliennes" in text

    [mail] = outbox()
    assert mail.status == MailStatus.SENT and mail.sent_at is not None and mail.attempts == 1
    assert mail.subject == "Courriel d'essai du portail"
    # A real mail's content (its personal links) is not kept once it left.
    assert mail.context == {} and mail.body_text is None and mail.body_html is None


def test_a_rolled_back_change_sends_nothing(app, smtp_server):
    queue("camille@example.org")
    db.session.rollback()
    assert deliver_due().sent == 0
    assert outbox() == []
    assert smtp_server.wait_for(1, timeout=0.3) == []


def test_an_english_recipient_gets_the_mail_in_english(app, smtp_server):
    queue("alex@example.org", lang="en")
    queue("camille@example.org", lang="fr")
    db.session.commit()
    deliver_due()

    by_recipient = {m["To"]: m for m in smtp_server.wait_for(2)}
    english, french = by_recipient["alex@example.org"], by_recipient["camille@example.org"]
    assert english["Content-Language"] == "en"
    english_text = english.get_body(("plain",)).get_content()
    assert "International cooperation and solidarity of Île-de-France local authorities" in english_text
    assert "Coopération et solidarité" not in english_text
    assert '<html lang="en">' in english.get_body(("html",)).get_content()
    assert "Coopération et solidarité" in french.get_body(("plain",)).get_content()


def test_the_same_dedupe_key_queues_one_mail(app, smtp_server):
    first = queue(dedupe_key="invite:42:7")
    assert first is not None
    assert queue(dedupe_key="invite:42:7") is None  # a double click, in the same transaction
    db.session.commit()
    assert queue(dedupe_key="invite:42:7") is None  # or a later request
    assert queue(dedupe_key="invite:42:8") is not None
    db.session.commit()  # the refused duplicate spoiled nothing
    deliver_due()
    assert len(smtp_server.wait_for(2)) == 2
    assert [m.dedupe_key for m in outbox()] == ["invite:42:7", "invite:42:8"]


def test_queueing_refuses_what_could_never_be_sent(app):
    from jinja2 import TemplateNotFound

    with pytest.raises(TemplateNotFound):
        queue(template="no_such_mail")
    with pytest.raises(ValueError):
        queue(lang="de")
    with pytest.raises(ValueError):
        queue(to="camille@example.org\r\nBcc: everyone@example.org")
    with pytest.raises(TypeError):
        queue(context={"when": utcnow()})  # not JSON: format it before
    db.session.rollback()


def test_a_server_down_then_up_delivers_exactly_once(app, smtp_server):
    smtp_server.stop()
    queue("camille@example.org")
    db.session.commit()
    start = utcnow()

    outcome = deliver_due()
    assert outcome.sent == 0 and len(outcome.retrying) == 1
    [mail] = outbox()
    assert mail.status == MailStatus.PENDING and mail.attempts == 1
    assert "Connection refused" in mail.last_error or "ConnectionRefused" in mail.last_error
    assert start + RETRY_DELAYS[0] <= mail.next_attempt_at <= utcnow() + RETRY_DELAYS[0]

    assert deliver_due().sent == 0  # not due yet: no attempt made
    assert outbox()[0].attempts == 1

    smtp_server.start()
    later = utcnow() + timedelta(minutes=2)
    assert deliver_due(now=later).sent == 1
    assert deliver_due(now=later + timedelta(days=1)).sent == 0  # drained twice: sent once
    assert len(smtp_server.wait_for(1)) == 1
    assert smtp_server.wait_for(2, timeout=0.3) == smtp_server.messages[:1]
    [mail] = outbox()
    assert mail.status == MailStatus.SENT and mail.attempts == 2
    assert mail.last_error  # why it was late stays visible


def test_retries_back_off_then_give_up(app, smtp_server):
    app.config["MAIL_MAX_ATTEMPTS"] = 3
    smtp_server.stop()
    queue("camille@example.org")
    db.session.commit()

    now = utcnow()
    for attempt in (1, 2):
        assert len(deliver_due(now=now).retrying) == 1
        mail = outbox()[0]
        assert (mail.attempts, mail.status) == (attempt, MailStatus.PENDING)
        assert mail.next_attempt_at == now + retry_delay(attempt)
        now = mail.next_attempt_at
    outcome = deliver_due(now=now)
    assert [f.recipient for f in outcome.gave_up] == ["camille@example.org"]
    mail = outbox()[0]
    assert (mail.attempts, mail.status) == (3, MailStatus.FAILED)
    assert deliver_due(now=now + timedelta(days=30)).failures == []  # given up: left alone


def test_backoff_grows_from_a_minute_to_half_a_day():
    delays = [retry_delay(n) for n in range(1, 8)]
    assert delays[:5] == [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
                          timedelta(hours=2), timedelta(hours=12)]
    assert delays[5:] == [timedelta(hours=12)] * 2


def test_a_recipient_refused_for_good_is_given_up_at_once(app, smtp_server):
    smtp_server.refuse.add("nobody@example.org")
    queue("nobody@example.org")
    queue("camille@example.org")
    db.session.commit()
    outcome = deliver_due()
    assert outcome.sent == 1
    assert [f.recipient for f in outcome.gave_up] == ["nobody@example.org"]
    assert "550" in outbox()[0].last_error
    assert [m["To"] for m in smtp_server.wait_for(1)] == ["camille@example.org"]


def test_two_drains_at_once_send_each_mail_once(app, smtp_server):
    smtp_server.delay = 0.02  # long enough for the drains to overlap, even on a busy machine
    for n in range(40):
        queue(f"membre{n}@example.org")
    db.session.commit()

    barrier = threading.Barrier(4)
    outcomes, errors = [], []

    def drain() -> None:
        try:
            with app.app_context():
                barrier.wait()
                outcomes.append(deliver_due(batch_size=2))
        except Exception as exc:  # shown by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=drain) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sum(o.sent for o in outcomes) == 40
    assert sum(1 for o in outcomes if o.sent) > 1, [o.sent for o in outcomes]  # they did share the work
    received = smtp_server.wait_for(40)
    assert sorted(m["To"] for m in received) == sorted(f"membre{n}@example.org" for n in range(40))
    assert len({m["Message-ID"] for m in received}) == 40
    assert smtp_server.wait_for(41, timeout=0.3) == received
    assert {m.status for m in outbox()} == {MailStatus.SENT}


def test_a_mail_claimed_by_a_running_drain_is_not_sent_by_another(app, smtp_server):
    queue("camille@example.org")
    db.session.commit()
    # Another drain holds it (it is sending it right now).
    db.session.execute(sa.update(OutboxMail).values(claimed_by="x" * 32,
                                                    claimed_until=utcnow() + timedelta(minutes=10)))
    db.session.commit()
    assert deliver_due().sent == 0
    # That drain died: its claim runs out and the mail is sent.
    db.session.execute(sa.update(OutboxMail).values(claimed_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert deliver_due().sent == 1
    assert len(smtp_server.wait_for(1)) == 1


def test_a_sender_that_is_no_address_stops_the_start(tmp_path):
    from tests.conftest import make_app

    with pytest.raises(ValueError, match="MAIL_DEFAULT_SENDER"):
        make_app(f"sqlite:///{tmp_path / 'x.db'}", tmp_path / "ix", MAIL_DEFAULT_SENDER="Portail")
    app = make_app(f"sqlite:///{tmp_path / 'x.db'}", tmp_path / "ix",
                   MAIL_DEFAULT_SENDER="Coordination du réseau <coordination@example.org>")
    from app.mail.backends import sender

    assert str(sender(app.config)) == "Coordination du réseau <coordination@example.org>"
