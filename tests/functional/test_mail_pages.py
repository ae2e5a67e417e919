"""The coordinator's "Courriels envoyés" page, delivery after a request, and `flask mail`."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from flask import abort

from app.extensions import db
from app.mail.delivery import deliver_due
from app.mail.models import MailStatus, OutboxMail
from app.mail.outbox import queue_mail
from tests.conftest import login

OUTBOX = "/coordination/courriels/"


@pytest.fixture
def mail_routes(app):
    """Two pages of a feature that sends mail (the accounts' pages will): one commits, one
    changes its mind. Added before the first request, as a feature's blueprint would be."""

    @app.get("/essai/courriel")
    def _sends():
        queue_mail(db.session, to="camille@example.org", template="test", context={"url": ""})
        db.session.commit()
        return "ok"

    @app.get("/essai/courriel-annule")
    def _changes_its_mind():
        queue_mail(db.session, to="camille@example.org", template="test", context={"url": ""})
        abort(409)


def mail_row(**values) -> OutboxMail:
    mail = OutboxMail(recipient="camille@example.org", lang="fr", template="test", context={},
                      dedupe_key=f"k{time.monotonic_ns()}", **values)
    db.session.add(mail)
    db.session.commit()
    return mail


@pytest.mark.parametrize("role, expected", [
    ("anonymous", 302), ("applicant", 403), ("officer", 403), ("coordinator", 200),
])
def test_only_the_coordinator_reads_the_outbox(client, make_user, role, expected):
    mail = mail_row(body_text="Bonjour", body_html="<p>Bonjour</p>")
    if role != "anonymous":
        login(client, make_user(role).email)
    for url in (OUTBOX, f"{OUTBOX}{mail.id}", f"{OUTBOX}{mail.id}/html"):
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 302:
            assert response.headers["Location"].startswith("/connexion")


def test_the_coordinator_sees_what_was_sent_pending_and_given_up(client, make_user):
    from app.core.db import utcnow

    mail_row(status=MailStatus.SENT, sent_at=utcnow(), attempts=1, subject="Invitation au portail")
    mail_row(attempts=2, subject="Nouveau mot de passe", last_error="ConnectionRefusedError: [Errno 111]")
    mail_row(status=MailStatus.FAILED, attempts=6, subject="Rappel d'échéance",
             last_error="SMTPRecipientsRefused: 550 No such user")
    login(client, make_user("coordinator").email)

    page = client.get(OUTBOX).get_data(as_text=True)
    for text in ("Invitation au portail", "Envoyé", "Nouveau mot de passe", "En attente",
                 "ConnectionRefusedError", "Rappel d&#39;échéance", "Abandonné", "550 No such user",
                 "camille@example.org"):
        assert text in page
    failed = client.get(OUTBOX + "?statut=failed").get_data(as_text=True)
    assert "Rappel d&#39;échéance" in failed and "Invitation au portail" not in failed


def test_a_mail_is_read_safely(client, make_user, capsys):
    """Console backend (no MAIL_SERVER): the mail is printed and kept for the coordinator."""
    hostile = "https://portail.example.org/?<script>alert(1)</script>"
    queue_mail(db.session, to="camille@example.org", template="test", context={"url": hostile})
    db.session.commit()
    assert deliver_due().sent == 1
    assert "Objet : Courriel d'essai du portail" in capsys.readouterr().out
    mail = db.session.scalar(sa.select(OutboxMail))
    login(client, make_user("coordinator").email)

    page = client.get(f"{OUTBOX}{mail.id}").get_data(as_text=True)
    assert "Courriel d&#39;essai du portail" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page

    html = client.get(f"{OUTBOX}{mail.id}/html")
    assert html.headers["Content-Type"].startswith("text/html")
    assert "sandbox" in html.headers["Content-Security-Policy"]
    assert "script-src" not in html.headers["Content-Security-Policy"]  # default-src 'none'
    assert "<script>alert" not in html.get_data(as_text=True)


def test_a_request_that_queues_mail_does_not_wait_for_a_slow_server(app, client, mail_routes,
                                                                     smtp_server):
    smtp_server.delay = 2
    started = time.perf_counter()
    assert client.get("/essai/courriel").status_code == 200
    assert time.perf_counter() - started < 1.5  # the server takes 2 s per mail
    assert smtp_server.messages == []
    [message] = smtp_server.wait_for(1, timeout=15)  # delivered after the response
    assert message["To"] == "camille@example.org"
    assert app.extensions["mail"].courier.wait_idle(15)
    db.session.expire_all()
    assert db.session.scalar(sa.select(OutboxMail.status)) == MailStatus.SENT


def test_a_request_that_changes_its_mind_sends_nothing(app, client, mail_routes, smtp_server):
    assert client.get("/essai/courriel-annule").status_code == 409
    assert app.extensions["mail"].courier.wait_idle(5)
    assert deliver_due().sent == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 0
    assert smtp_server.wait_for(1, timeout=0.3) == []


def test_flask_mail_send_reports_what_it_sent_and_what_it_gave_up(app, smtp_server):
    runner = app.test_cli_runner()
    app.config["MAIL_MAX_ATTEMPTS"] = 2
    smtp_server.stop()
    for address in ("camille@example.org", "alex@example.org"):
        queue_mail(db.session, to=address, template="test", context={})
    db.session.commit()

    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    assert "0 courriel(s) envoyé(s) ; 2 à réessayer ; 0 abandonné(s) ; 2 en attente." in result.output
    assert "camille@example.org, essai 1 : ConnectionRefusedError" in result.output
    assert "nouvel essai à" in result.output

    db.session.execute(sa.update(OutboxMail).values(next_attempt_at=OutboxMail.created_at))
    db.session.commit()
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 1  # given up: cron mails the output
    assert "0 courriel(s) envoyé(s) ; 0 à réessayer ; 2 abandonné(s) ; 0 en attente." in result.output
    assert "alex@example.org, essai 2 : ConnectionRefusedError" in result.output
    assert "ABANDONNÉ" in result.output

    smtp_server.start()
    result = runner.invoke(args=["mail", "retry"])
    assert "2 courriel(s) remis en attente" in result.output
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    assert "2 courriel(s) envoyé(s) ; 0 à réessayer ; 0 abandonné(s) ; 0 en attente." in result.output
    assert sorted(m["To"] for m in smtp_server.wait_for(2)) == ["alex@example.org", "camille@example.org"]


def test_flask_mail_test_sends_a_test_mail(app, smtp_server):
    result = app.test_cli_runner().invoke(args=["mail", "test", "alex@example.org", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "1 courriel(s) envoyé(s)" in result.output
    [message] = smtp_server.wait_for(1)
    assert (message["To"], message["Content-Language"]) == ("alex@example.org", "en")

    bad = app.test_cli_runner().invoke(args=["mail", "test", "not-an-address"])
    assert bad.exit_code == 2 and "not a mail address" in bad.output


@pytest.mark.parametrize("role, linked", [("officer", False), ("coordinator", True)])
def test_the_coordinator_finds_the_outbox_from_any_page(client, make_user, role, linked):
    login(client, make_user(role).email)
    assert (f'href="{OUTBOX}"' in client.get("/").get_data(as_text=True)) is linked
