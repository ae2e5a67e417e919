"""Forms that send mail are limited per client address and per mailbox, like signing in;
every form of the accounts carries a CSRF token and is refused without it."""

from __future__ import annotations

import html

import pytest

from app.auth.models import Role, User
from app.core.db import utcnow
from app.extensions import db
from tests.conftest import PASSWORD, csrf_token, login, make_app

NEW_PASSWORD = "cheval agrafe batterie correcte"


@pytest.fixture
def limited(database, tmp_path, app):
    """Apps of their own with the limits on (tests run with them off), sharing the test
    database and its cleaning with ``app``."""
    made = []

    def _make(**config):
        limited_app = make_app(database.url, tmp_path / f"ix{len(made)}", **{
            "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://", "PORTAL_TRUSTED_PROXIES": 1,
            "LOGIN_RATE_LIMIT": "100 per minute", "LOGIN_ACCOUNT_RATE_LIMIT": "100 per minute",
            "SIGNUP_RATE_LIMIT": "100 per minute", "RESET_RATE_LIMIT": "100 per minute",
            "INVITE_RATE_LIMIT": "100 per minute", "MAIL_ADDRESS_RATE_LIMIT": "100 per minute", **config})
        made.append(limited_app)
        return limited_app

    yield _make
    for limited_app in made:
        with limited_app.app_context():
            limited_app.extensions["search"].close()
            db.engine.dispose()


def send(client, url, address="203.0.113.1", **data):
    token = csrf_token(client, "/connexion" if url != "/comptes/inviter" else url)
    return client.post(url, headers={"X-Forwarded-For": address}, data={"csrf_token": token, **data})


def sign_up(client, email, address="203.0.113.1"):
    return send(client, "/inscription", address, email=email, name="Marie Dupont", password=NEW_PASSWORD)


def reset(client, email, address="203.0.113.1"):
    return send(client, "/mot-de-passe-oublie", address, email=email)


def test_sign_ups_are_limited_per_client_address(limited, mails):
    client = limited(SIGNUP_RATE_LIMIT="2 per minute").test_client()
    assert [sign_up(client, f"personne{i}@example.org").status_code for i in range(3)] == [302, 302, 429]
    page = sign_up(client, "encore@example.org")
    assert page.status_code == 429 and 1 <= int(page.headers["Retry-After"]) <= 60
    assert "Trop de demandes" in html.unescape(page.get_data(as_text=True))
    # Another client is not held up.
    assert sign_up(client, "voisine@example.org", address="203.0.113.2").status_code == 302
    assert len(mails) == 3


def test_resets_are_limited_per_client_address(limited, make_user, mails):
    client = limited(RESET_RATE_LIMIT="2 per minute").test_client()
    assert [reset(client, f"personne{i}@example.org").status_code for i in range(3)] == [302, 302, 429]


def test_mails_to_one_address_are_limited_whichever_form_asks(limited, make_user, mails):
    make_user("officer", email="agent@example.org")
    client = limited(MAIL_ADDRESS_RATE_LIMIT="2 per minute").test_client()
    assert reset(client, "agent@example.org", "203.0.113.1").status_code == 302
    assert sign_up(client, "Agent@Example.org", "203.0.113.2").status_code == 302
    # From a third address, by a third form: the mailbox waits.
    assert reset(client, "agent@example.org", "203.0.113.3").status_code == 429
    assert sign_up(client, "agent@example.org", "203.0.113.4").status_code == 429
    assert len(mails) == 2
    # Other mailboxes are not held up.
    assert reset(client, "autre@example.org", "203.0.113.3").status_code == 302


@pytest.mark.parametrize("limits, sequence", [
    # Per client address: the fourth invitation from the same address waits, not another client's.
    ({"INVITE_RATE_LIMIT": "3 per minute"},
     [("a", 1, 302), ("b", 1, 302), ("c", 1, 302), ("d", 1, 429), ("d", 2, 302)]),
    # Per invited address: the same person is not invited twice in a row, from wherever.
    ({"MAIL_ADDRESS_RATE_LIMIT": "1 per minute"}, [("a", 1, 302), ("a", 2, 429), ("b", 2, 302)]),
])
def test_invitations_are_limited_per_client_address_and_per_invited_address(limited, make_user, mails,
                                                                           limits, sequence):
    coordinator = make_user("coordinator")
    client = limited(**limits).test_client()
    login(client, coordinator.email, PASSWORD)
    for name, address, expected in sequence:
        response = send(client, "/comptes/inviter", f"203.0.113.{address}", email=f"{name}@example.org",
                        name="Agent", member="IDF", role="officer")
        assert response.status_code == expected, (name, address)


# -- CSRF -------------------------------------------------------------------------------


@pytest.fixture
def pages(app, make_member, make_user, make_actor):
    make_member("IDF")
    actor = make_actor("Association des amis de Dakar")
    registrant = User(email="marie@example.org", name="Marie", role=Role.REGISTRANT, email_confirmed_at=utcnow())
    registrant.set_password(NEW_PASSWORD)
    db.session.add(registrant)
    db.session.commit()
    return {"coordinator": make_user("coordinator"), "applicant": make_user("applicant", actor=actor),
            "registrant": registrant, "actor": actor}


# (who signs in, URL of the form's page, URL it posts to)
FORMS = [
    (None, "/inscription", "/inscription"),
    (None, "/mot-de-passe-oublie", "/mot-de-passe-oublie"),
    ("coordinator", "/compte/profil", "/compte/profil"),
    ("coordinator", "/compte/mot-de-passe", "/compte/mot-de-passe"),
    ("coordinator", "/compte/adresse", "/compte/adresse"),
    ("coordinator", "/compte/notifications", "/compte/notifications"),
    ("coordinator", "/compte", "/compte/supprimer"),
    ("coordinator", "/comptes/inviter", "/comptes/inviter"),
    ("coordinator", "/comptes/", "/comptes/{applicant}/desactiver"),
    ("applicant", "/acteurs/{actor}/comptes", "/acteurs/{actor}/comptes"),
    ("registrant", "/compte/rattachement/{actor}", "/compte/rattachement/{actor}"),
    ("registrant", "/compte/rattachement/nouvel-acteur", "/compte/rattachement/nouvel-acteur"),
    ("registrant", "/compte/rattachement", "/compte/confirmation"),
]


@pytest.mark.parametrize("who, page, target", FORMS)
def test_every_form_carries_a_csrf_token_and_needs_it(client, pages, who, page, target):
    if who:
        user = pages[who]
        assert login(client, user.email, NEW_PASSWORD if who == "registrant" else PASSWORD).status_code == 302
    ids = {"actor": pages["actor"].id, "applicant": pages["applicant"].id}
    page, target = page.format(**ids), target.format(**ids)
    body = client.get(page).get_data(as_text=True)
    assert 'name="csrf_token"' in body, page
    assert client.post(target, data={"email": "x@example.org"}).status_code == 400, target
    assert client.post(target, data={"csrf_token": "forged", "email": "x@example.org"}).status_code == 400
