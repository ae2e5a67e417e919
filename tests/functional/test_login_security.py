"""Signing in as an attacker would probe it: redirects, stolen cookies, guessing, timing."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from app.auth import models, services
from app.extensions import db
from tests.conftest import PASSWORD, csrf_token, login, make_app

# `next` values an attacker puts in a link to the login page, as the portal receives them
# (the query string already decoded once). Each must land on the home page.
FOREIGN_TARGETS = [
    "//evil.com", "///evil.com", "////evil.com", "/\\evil.com", "\\\\evil.com", "\\/evil.com",
    "/\t/evil.com", "/\n/evil.com", "/\r\n/evil.com", "\t//evil.com", " //evil.com", "/ /evil.com",
    "/\x00/evil.com", "/\x0b/evil.com", "/\u3000/evil.com", "/\u2028/evil.com",
    "https:evil.com", "https:/evil.com", "https://evil.com", "HTTPS://evil.com", "//evil.com:443/",
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "evil.com", "@evil.com",
    # Encoded once more: harmless for a browser, but a proxy or a second decoding would
    # make them the above, and no link of ours looks like that.
    "/%09/evil.com", "/%0a/evil.com", "/%2F/evil.com", "%2F%2Fevil.com", "/%5Cevil.com",
    "/%5C%5Cevil.com", "/%252F%252Fevil.com", "/%25252F%25252Fevil.com",
    "/%0d%0aSet-Cookie:%20x=y",
]
# Addresses of the portal's own pages: kept.
OWN_TARGETS = [
    "/acteurs/3/modifier",
    "/recherche?q=%C3%A9nergie&page=2",
    "/dispositifs/?theme=eau#resultats",
    "/agenda/2026/12",
    "/acteurs/https:evil.com",  # a path on this site, however odd
]


@pytest.fixture
def user(make_user):
    return make_user("officer", email="agent@example.org")


# -- 1. Redirects after signing in --------------------------------------------------


@pytest.mark.parametrize("target", FOREIGN_TARGETS)
def test_safe_next_refuses_other_sites(target):
    assert services.safe_next(target) is None


@pytest.mark.parametrize("target", OWN_TARGETS)
def test_safe_next_keeps_the_portals_own_pages(target):
    assert services.safe_next(target) == target


def test_signed_in_visitor_is_never_sent_to_another_site(client, user, login_as):
    login_as(user)
    for target in FOREIGN_TARGETS:
        response = client.get("/connexion", query_string={"next": target})
        assert (response.status_code, response.headers["Location"]) == (302, "/"), repr(target)
    # The probes of the report, as typed in the address bar.
    for url in ("/connexion?next=/%09/evil.com", "/connexion?next=/%0A/evil.com",
                "/connexion?next=%2F%5Cevil.com", "/connexion?next=https:evil.com"):
        response = client.get(url)
        assert (response.status_code, response.headers["Location"]) == (302, "/"), url
    for target in OWN_TARGETS:
        assert client.get("/connexion", query_string={"next": target}).headers["Location"] == target


def test_signing_in_never_sends_to_another_site(app, user):
    for target in FOREIGN_TARGETS + OWN_TARGETS:
        client = app.test_client()
        token = csrf_token(client, "/connexion")
        response = client.post("/connexion", data={
            "email": user.email, "password": PASSWORD, "csrf_token": token, "next": target})
        expected = target if target in OWN_TARGETS else "/"
        assert (response.status_code, response.headers["Location"]) == (302, expected), repr(target)


def test_the_login_page_carries_next_to_the_form(client, user):
    """What a protected page asks for (`?next=`) survives the form and is obeyed."""
    response = client.get("/compte")
    assert response.headers["Location"] == "/connexion?next=%2Fcompte"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'name="next" type="hidden" value="/compte"' in page
    response = client.post("/connexion", data={"email": user.email, "password": PASSWORD,
                                               "csrf_token": csrf_token(client, "/connexion"),
                                               "next": "/compte"})
    assert response.headers["Location"] == "/compte"


# -- 2. Guessing passwords: per account and per address, in shared storage ----------


@pytest.fixture
def limited(database, tmp_path, app):
    """Apps of their own with the login limits on (tests run with them off), sharing
    the test database and its cleaning with ``app``."""
    made = []

    def _make(**config):
        limited_app = make_app(database.url, tmp_path / f"ix{len(made)}", **{
            "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://",
            "LOGIN_RATE_LIMIT": "100 per minute", "LOGIN_ACCOUNT_RATE_LIMIT": "100 per minute",
            **config})
        made.append(limited_app)
        return limited_app

    yield _make
    for limited_app in made:
        with limited_app.app_context():
            limited_app.extensions["search"].close()
            db.engine.dispose()


def attempt(client, email, password="pas-le-bon", address=None):
    headers = {"X-Forwarded-For": address} if address else {}
    token = csrf_token(client, "/connexion")
    return client.post("/connexion", headers=headers,
                       data={"email": email, "password": password, "csrf_token": token})


def test_an_account_is_protected_whatever_the_address(limited, user, make_user):
    portal = limited(PORTAL_TRUSTED_PROXIES=1, LOGIN_ACCOUNT_RATE_LIMIT="3 per minute")
    client = portal.test_client()
    for i in range(3):
        assert attempt(client, user.email, address=f"203.0.113.{i}").status_code == 200
    # A fourth address, another spelling of the address, and even the right password:
    # the account waits.
    assert attempt(client, " Agent@Example.org ", address="203.0.113.9").status_code == 429
    assert attempt(client, user.email, PASSWORD, address="198.51.100.1").status_code == 429
    # Only that account.
    other = make_user("officer")
    assert attempt(client, other.email, PASSWORD, address="203.0.113.9").status_code == 302


def test_each_client_behind_the_trusted_proxy_has_its_own_count(limited, user):
    portal = limited(PORTAL_TRUSTED_PROXIES=1, LOGIN_RATE_LIMIT="3 per minute")
    client = portal.test_client()
    for i in range(3):
        assert attempt(client, f"personne{i}@example.org", address="203.0.113.7").status_code == 200
    assert attempt(client, "encore@example.org", address="203.0.113.7").status_code == 429
    # Everybody else behind the same proxy still signs in.
    assert attempt(client, user.email, PASSWORD, address="203.0.113.8").status_code == 302


def test_a_forged_forwarded_for_changes_nothing_without_a_trusted_proxy(limited):
    portal = limited(PORTAL_TRUSTED_PROXIES=0, LOGIN_RATE_LIMIT="3 per minute")
    client = portal.test_client()
    for i in range(3):
        assert attempt(client, f"personne{i}@example.org", address=f"203.0.113.{i}").status_code == 200
    assert attempt(client, "encore@example.org", address="192.0.2.200").status_code == 429


def test_too_many_attempts_is_explained_in_french(limited, user):
    portal = limited(LOGIN_ACCOUNT_RATE_LIMIT="1 per minute")
    client = portal.test_client()
    attempt(client, user.email)
    response = attempt(client, user.email)
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    page = response.get_data(as_text=True)
    assert "<h1>Trop de tentatives de connexion</h1>" in page
    assert "Vous pourrez réessayer dans 1 minute." in page
    assert 'lang="fr"' in page
    # The page itself is still there, only attempts wait.
    assert client.get("/connexion").status_code == 200


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")


def test_workers_share_their_counts_through_redis(limited, user):
    """Two instances of the portal, as two gunicorn workers: the second has its own
    connection to Redis and starts with the first one's attempts already counted."""
    import redis

    prefix = f"portal-test-{uuid.uuid4().hex}"
    store = redis.Redis.from_url(REDIS_URL)
    store.ping()  # Redis is part of the test setup: say so plainly if it is missing
    config = {"RATELIMIT_STORAGE_URI": REDIS_URL, "RATELIMIT_KEY_PREFIX": prefix,
              "LOGIN_ACCOUNT_RATE_LIMIT": "4 per minute"}
    try:
        first = limited(**config).test_client()
        assert [attempt(first, user.email).status_code for _ in range(2)] == [200, 200]
        second = limited(**config).test_client()
        assert [attempt(second, user.email).status_code for _ in range(3)] == [200, 200, 429]
        keys = [key.decode() for key in store.scan_iter(match=f"*{prefix}*")]
        assert keys, "the counts are not in Redis"
        # No e-mail address in the store: accounts are counted under a keyed hash.
        assert not any("example.org" in key for key in keys)
    finally:
        for key in store.scan_iter(match=f"*{prefix}*"):
            store.delete(key)
        store.close()


# -- 3. Sessions end on the server ----------------------------------------------------


def sign_out(client):
    return client.post("/deconnexion", data={"csrf_token": csrf_token(client, "/compte")})


def test_a_copied_session_cookie_is_worthless_after_signing_out(app, client, user, login_as):
    login_as(user)
    stolen = client.get_cookie("session").value
    assert sign_out(client).status_code == 302
    assert client.get("/compte").status_code == 302

    thief = app.test_client()
    thief.set_cookie("session", stolen)
    response = thief.get("/compte")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/connexion")


def test_signing_out_ends_the_accounts_other_sessions(app, client, user, login_as):
    login_as(user)
    laptop = app.test_client()
    login(laptop, user.email)
    assert laptop.get("/compte").status_code == 200
    sign_out(client)
    assert laptop.get("/compte").status_code == 302
    # Signing in again works as before.
    assert login(laptop, user.email).status_code == 302
    assert laptop.get("/compte").status_code == 200


def test_a_new_password_ends_every_session(app, client, user, login_as):
    login_as(user)
    user.set_password("un-nouveau-mot-de-passe")
    db.session.commit()
    assert client.get("/compte").status_code == 302
    assert login(client, user.email).status_code == 200  # the old password is refused
    assert login(client, user.email, "un-nouveau-mot-de-passe").status_code == 302
    assert client.get("/compte").status_code == 200


def test_a_remember_me_cookie_ends_with_the_session(app, user):
    from flask_login.utils import encode_cookie

    with app.test_request_context():
        remembered = encode_cookie(user.get_id())
    browser = app.test_client()
    browser.set_cookie("remember_token", remembered)
    assert browser.get("/compte").status_code == 200

    user.end_sessions()
    db.session.commit()
    other = app.test_client()
    other.set_cookie("remember_token", remembered)
    assert other.get("/compte").status_code == 302


@pytest.mark.parametrize("session_id", ["{id}", "{id}:", "{id}:faux", "{id}:{token}x", "x:{token}",
                                        "{id}:{token}:", "", ":", "{id}:é", "١:{token}"])
def test_a_forged_session_id_is_anonymous(client, user, session_id):
    with client.session_transaction() as session:
        session["_user_id"] = session_id.format(id=user.id, token=user.session_token)
        session["_fresh"] = True
    response = client.get("/compte")
    assert response.status_code == 302


def test_signing_in_gives_a_new_csrf_token(client, user):
    before = csrf_token(client, "/connexion")
    client.post("/connexion", data={"email": user.email, "password": PASSWORD, "csrf_token": before})
    after = csrf_token(client, "/compte")
    assert after != before
    # A token seen before signing in (in a shared computer's page, say) is refused.
    response = client.post("/deconnexion", data={"csrf_token": before})
    assert response.status_code == 400
    assert client.get("/compte").status_code == 200


def test_signing_in_keeps_the_readers_language(client, user):
    client.get("/?lang=en")
    login(client, user.email)
    assert '<html lang="en"' in client.get("/compte").get_data(as_text=True)


def test_every_account_has_its_own_session_token(make_user):
    first, second = make_user("officer"), make_user("coordinator")
    assert first.session_token and second.session_token
    assert first.session_token != second.session_token
    assert first.get_id() == f"{first.id}:{first.session_token}"


# -- 4. No account enumeration by timing ----------------------------------------------


@pytest.fixture
def verifications(monkeypatch):
    """The hashes each sign-in checked a password against."""
    checked = []
    real = models.check_password_hash

    def counting(pwhash, password):
        checked.append(pwhash)
        return real(pwhash, password)

    monkeypatch.setattr(models, "check_password_hash", counting)
    return checked


@pytest.mark.parametrize("case", ["unknown", "wrong password", "disabled", "right password"])
def test_every_sign_in_checks_exactly_one_password(client, user, make_user, verifications, case):
    disabled = make_user("officer", email="ancien@example.org", active=False)
    email, password = {
        "unknown": ("personne@example.org", PASSWORD),
        "wrong password": (user.email, "pas-le-bon"),
        "disabled": (disabled.email, PASSWORD),
        "right password": (user.email, PASSWORD),
    }[case]
    response = login(client, email, password)
    assert len(verifications) == 1
    if case == "right password":
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        assert "Adresse électronique ou mot de passe incorrect." in response.get_data(as_text=True)


def test_an_unknown_address_costs_a_real_hash(client, verifications):
    login(client, "personne@example.org")
    (checked,) = verifications
    # Same algorithm and cost as the passwords the portal sets (scrypt, werkzeug's default).
    method = checked.split("$")[0]
    assert method == generate_password_hash("x").split("$")[0]
    user = models.User()
    user.set_password("x")
    assert user.password_hash.split("$")[0] == method


def test_answers_do_not_tell_which_addresses_exist(client, user, make_user):
    disabled = make_user("officer", email="ancien@example.org", active=False)
    pages = [login(client, email, password).get_data(as_text=True)
             for email, password in [("personne@example.org", PASSWORD), (user.email, "pas-le-bon"),
                                     (disabled.email, PASSWORD)]]
    errors = [page.count("Adresse électronique ou mot de passe incorrect.") for page in pages]
    assert errors[0] >= 1 and errors == [errors[0]] * 3
    assert db.session.scalar(sa.select(models.User.last_login_at).where(models.User.id == user.id)) is None
