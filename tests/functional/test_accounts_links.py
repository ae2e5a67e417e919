"""Signing up, the forgotten password, one's own settings: the links sent by mail work
once, expire, refuse tampering, and the answers never tell which addresses have an account."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.accounts import tokens
from app.accounts.models import AccountToken
from app.auth import models as auth_models
from app.auth.models import Role, User
from app.core.db import utcnow
from app.extensions import db
from tests.conftest import PASSWORD, csrf_token, link_path, login

NEW_PASSWORD = "cheval agrafe batterie correcte"


@pytest.fixture
def officer(make_user):
    return make_user("officer", email="agent@example.org", name="Agent de l'Essonne")


def post(client, url, **data):
    """A form as a browser sends it: with the CSRF token of the page at ``url``."""
    return client.post(url, data={"csrf_token": csrf_token(client, url), **data})


def post_again(client, url, **data):
    """A form posted once more (the page behind ``url`` may now be an error page)."""
    page = "/compte" if client.get("/connexion").status_code == 302 else "/connexion"
    return client.post(url, data={"csrf_token": csrf_token(client, page), **data})


def request_reset(client, email):
    return post(client, "/mot-de-passe-oublie", email=email)


def text(response) -> str:
    """The page as read (entities such as ``&#39;`` decoded)."""
    return html.unescape(response.get_data(as_text=True))


def users_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(User))


# -- the forgotten password -----------------------------------------------------------


def test_the_reset_link_works_once(client, officer, mails):
    response = request_reset(client, "Agent@Example.org ")
    assert response.headers["Location"] == "/mot-de-passe-oublie/message-envoye"
    (mail,) = mails
    assert (mail.to, mail.template, mail.lang) == ("agent@example.org", "password_reset", "fr")
    assert mail.context["name"] == "Agent de l'Essonne" and mail.context["expires_hours"] == 2
    path = link_path(mail.context["link"])
    assert path.startswith("/nouveau-mot-de-passe/")
    # Opening the link (a mail scanner does) uses nothing up.
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 200
    response = post(client, path, password=NEW_PASSWORD)
    assert response.status_code == 302
    assert client.get("/compte").status_code == 200  # signed in with a new session
    db.session.refresh(officer)
    assert officer.check_password(NEW_PASSWORD)

    again = client.get(path)
    assert again.status_code == 410
    assert "Ce lien a déjà servi" in again.get_data(as_text=True)
    stranger = login(client.application.test_client(), officer.email, PASSWORD)
    assert stranger.status_code == 200  # the old password is gone


def test_the_reset_link_expires(client, officer, mails, monkeypatch):
    request_reset(client, officer.email)
    path = link_path(mails[0].context["link"])
    later = utcnow() + timedelta(hours=2, minutes=1)
    monkeypatch.setattr(tokens, "utcnow", lambda: later)
    page = client.get(path)
    assert page.status_code == 410
    assert "Ce lien a expiré" in page.get_data(as_text=True)
    assert 'href="/mot-de-passe-oublie"' in page.get_data(as_text=True)  # the way to a new one
    response = client.post(path, data={"csrf_token": csrf_token(client, "/mot-de-passe-oublie"),
                                       "password": NEW_PASSWORD})
    assert response.status_code == 410
    db.session.refresh(officer)
    assert officer.check_password(PASSWORD)


@pytest.mark.parametrize("tamper", [
    lambda s: s[:-1] + ("A" if s[-1] != "A" else "B"),  # one character changed
    lambda s: s[:20],                                    # cut
    lambda s: s + "x",                                   # lengthened
    lambda s: s[:10] + "~" + s[11:],
    lambda s: "%00",
])
def test_a_tampered_or_malformed_reset_link_is_refused(client, officer, mails, tamper):
    request_reset(client, officer.email)
    path = link_path(mails[0].context["link"])
    secret = path.rsplit("/", 1)[1]
    response = client.get("/nouveau-mot-de-passe/" + tamper(secret))
    assert response.status_code == 404
    assert "Ce lien n'est pas valide" in text(response)
    # The real one still works.
    assert client.get(path).status_code == 200


def test_only_the_newest_reset_link_works(client, officer, mails):
    request_reset(client, officer.email)
    request_reset(client, officer.email)
    first, second = (link_path(m.context["link"]) for m in mails)
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_a_weak_new_password_changes_nothing_and_keeps_the_link(client, officer, mails):
    request_reset(client, officer.email)
    path = link_path(mails[0].context["link"])
    page = post(client, path, password="motdepasse2026")
    assert page.status_code == 200
    assert "Ce mot de passe est trop courant" in page.get_data(as_text=True)
    db.session.refresh(officer)
    assert officer.check_password(PASSWORD)
    assert post(client, path, password=NEW_PASSWORD).status_code == 302


def test_the_reset_answer_is_the_same_for_any_address(client, officer, make_user, mails, monkeypatch):
    digests = []
    real = tokens.digest
    monkeypatch.setattr(tokens, "digest", lambda secret: digests.append(1) or real(secret))
    disabled = make_user("officer", email="ancien@example.org", active=False)
    answers = []
    for email in (officer.email, "personne@example.org", disabled.email):
        digests.clear()
        response = request_reset(client, email)
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        answers.append((response.status_code, response.headers["Location"], page, len(digests)))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][3] == 1  # the same hashing work
    assert [m.to for m in mails] == [officer.email]


# -- signing up -------------------------------------------------------------------------


def sign_up(client, email="contact@asso-exemple.org", name="Marie Dupont", password=NEW_PASSWORD):
    return post(client, "/inscription", email=email, name=name, password=password)


def test_signing_up_asks_to_confirm_the_address(client, mails):
    response = sign_up(client)
    assert response.headers["Location"] == "/inscription/message-envoye"
    user = db.session.scalar(sa.select(User).where(User.email == "contact@asso-exemple.org"))
    assert (user.role, user.actor_id, user.member_id, user.email_confirmed) == (Role.REGISTRANT, None, None, False)
    assert user.password_hash.startswith("scrypt:")
    (mail,) = mails
    assert (mail.to, mail.template) == ("contact@asso-exemple.org", "signup_confirmation")
    path = link_path(mail.context["link"])
    page = client.get(path)
    assert page.status_code == 200 and "contact@asso-exemple.org" in page.get_data(as_text=True)
    db.session.refresh(user)
    assert not user.email_confirmed  # opening the link is not confirming
    response = post(client, path)
    assert response.headers["Location"].startswith("/connexion?next=")
    db.session.refresh(user)
    assert user.email_confirmed
    assert post_again(client, path).status_code == 410


def test_signing_up_with_a_known_address_tells_only_the_mailbox(client, officer, mails, monkeypatch):
    hashes = []
    real = auth_models.generate_password_hash
    monkeypatch.setattr(auth_models, "generate_password_hash", lambda p, *a, **k: hashes.append(1) or real(p))
    answers = []
    for email in ("nouvelle@asso-exemple.org", officer.email):
        hashes.clear()
        response = sign_up(client, email=email)
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        answers.append((response.status_code, response.headers["Location"], page, len(hashes)))
    assert answers[0] == answers[1]
    assert answers[0][3] == 1  # one password hashed either way
    assert [(m.to, m.template) for m in mails] == [("nouvelle@asso-exemple.org", "signup_confirmation"),
                                                   (officer.email, "signup_existing")]
    assert link_path(mails[1].context["reset_link"]) == "/mot-de-passe-oublie"
    db.session.refresh(officer)
    assert officer.role == Role.OFFICER and officer.check_password(PASSWORD)


@pytest.mark.parametrize("password, message", [
    ("court", "au moins 12 caractères"),
    ("azertyuiop2026!", "Ce mot de passe est trop courant"),
    ("contact-2026-paris", "ne doit pas reprendre votre adresse"),
])
def test_a_weak_password_on_sign_up_creates_nothing_and_keeps_what_was_typed(client, mails, password, message):
    page = sign_up(client, password=password)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert message in html
    assert 'value="contact@asso-exemple.org"' in html and 'value="Marie Dupont"' in html
    assert users_count() == 0 and mails == []


def test_a_malformed_address_on_sign_up_is_said(client, mails):
    html = sign_up(client, email="pas-une-adresse").get_data(as_text=True)
    assert "Cette adresse électronique n'est pas valide." in html
    assert users_count() == 0 and mails == []


def test_a_registrant_can_ask_for_a_new_confirmation_link(client, mails, login_as):
    sign_up(client)
    first = link_path(mails[0].context["link"])
    login_as("contact@asso-exemple.org", NEW_PASSWORD)
    assert client.post("/compte/confirmation", data={"csrf_token": csrf_token(client, "/compte")}).status_code == 302
    second = link_path(mails[1].context["link"])
    assert client.get(first).status_code == 410
    assert post(client, second).headers["Location"] == "/compte/rattachement"


# -- one's own account ------------------------------------------------------------------


def test_a_new_password_signs_out_the_other_sessions(app, client, officer, login_as):
    login_as(officer)
    laptop = app.test_client()
    login(laptop, officer.email)
    assert laptop.get("/compte").status_code == 200
    response = post(client, "/compte/mot-de-passe", current_password=PASSWORD, password=NEW_PASSWORD)
    assert response.headers["Location"] == "/compte"
    assert client.get("/compte").status_code == 200      # this browser stays signed in
    assert laptop.get("/compte").status_code == 302      # the other one is out


def test_changing_the_password_needs_the_current_one(client, officer, login_as):
    login_as(officer)
    page = post(client, "/compte/mot-de-passe", current_password="pas-le-bon", password=NEW_PASSWORD)
    assert "Mot de passe actuel incorrect." in page.get_data(as_text=True)
    db.session.refresh(officer)
    assert officer.check_password(PASSWORD)


def test_a_new_address_is_used_once_confirmed_from_its_mailbox(client, officer, mails, login_as):
    login_as(officer)
    page = post(client, "/compte/adresse", email="nouvelle@example.org", current_password="pas-le-bon")
    assert "Mot de passe actuel incorrect." in page.get_data(as_text=True)
    assert 'value="nouvelle@example.org"' in page.get_data(as_text=True)
    assert mails == []
    post(client, "/compte/adresse", email="Nouvelle@Example.org", current_password=PASSWORD)
    (mail,) = mails
    assert (mail.to, mail.template) == ("nouvelle@example.org", "email_change")
    db.session.refresh(officer)
    assert officer.email == "agent@example.org"  # not before the link is followed
    path = link_path(mail.context["link"])
    assert post(client, path).headers["Location"] == "/compte"
    db.session.refresh(officer)
    assert officer.email == "nouvelle@example.org"
    assert [(m.to, m.template) for m in mails[1:]] == [("agent@example.org", "email_changed")]
    assert post_again(client, path).status_code == 410


def test_a_new_address_taken_meanwhile_is_said_to_its_mailbox_only(client, officer, make_user, mails, login_as):
    login_as(officer)
    post(client, "/compte/adresse", email="prise@example.org", current_password=PASSWORD)
    assert client.get("/compte").status_code == 200  # the request page says nothing of the address
    make_user("officer", email="prise@example.org")
    page = client.get(link_path(mails[0].context["link"]))
    assert page.status_code == 409
    assert "Un compte existe déjà avec cette adresse électronique." in page.get_data(as_text=True)
    db.session.refresh(officer)
    assert officer.email == "agent@example.org"


def test_name_language_and_mails_are_chosen_on_the_account_page(client, officer, login_as):
    login_as(officer)
    post(client, "/compte/profil", name="Agent Essonne", language="en")
    post(client, "/compte/notifications", notify_new_schemes="y", notify_agenda_digest="y")
    db.session.refresh(officer)
    assert (officer.name, officer.language) == ("Agent Essonne", "en")
    assert (officer.notify_new_schemes, officer.notify_new_calls, officer.notify_agenda_digest,
            officer.notify_application_alerts) == (True, False, True, False)
    assert '<html lang="en"' in client.get("/compte").get_data(as_text=True)
    exported = client.get("/compte/export.json").get_json()
    assert exported["language"] == "en" and exported["notifications"]["notify_new_schemes"] is True


def test_deleting_the_account_takes_its_links_along(client, officer, mails, login_as):
    request_reset(client, officer.email)
    login_as(officer)
    response = client.post("/compte/supprimer", data={"csrf_token": csrf_token(client, "/compte"),
                                                       "password": PASSWORD})
    assert response.headers["Location"] == "/"
    assert users_count() == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AccountToken)) == 0
