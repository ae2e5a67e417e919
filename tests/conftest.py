"""Shared fixtures.

The suite runs on SQLite by default and on PostgreSQL when ``TEST_DATABASE_URL`` is
set. On PostgreSQL every run works in schemas of its own, dropped at the end, so
several runs can share one database.

- ``app`` / ``client``: an empty portal (reference data only), cleaned after each test.
- ``demo_app`` / ``demo_client``: the demo data, loaded once per run, read-only.
- ``make_*``: factories returning callables.
- ``smtp_server``: a real SMTP server on 127.0.0.1 that the portal sends to; the mails
  that arrived are in ``smtp_server.messages``. Without it, mails go to the console.
"""

from __future__ import annotations

import asyncio
import email.policy
import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

import app.models as _every_model  # noqa: F401  (mappers configure in unit tests too)
from app import create_app
from app.config import database_url
from app.extensions import db

PASSWORD = "mot-de-passe-de-test"
_HASH: list[str] = []


def _password_hash() -> str:
    """scrypt is slow on purpose; test accounts use a cheap hash so that hundreds of
    logins stay fast (the demo accounts keep scrypt, and test_demo checks them)."""
    if not _HASH:
        from werkzeug.security import generate_password_hash

        _HASH.append(generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000"))
    return _HASH[0]
DEMO_PASSWORD = "reseau-demo-2026"


class Database:
    """One database for the run: a SQLite file, or a PostgreSQL schema."""

    def __init__(self, base_url: str | None, tmp: Path, name: str):
        self.base_url = base_url
        self.schema = None
        if base_url:
            self.schema = f"t_{name}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
            engine = sa.create_engine(database_url(base_url))
            with engine.begin() as conn:
                conn.execute(sa.text(f'CREATE SCHEMA "{self.schema}"'))
            engine.dispose()
            sep = "&" if "?" in base_url else "?"
            self.url = f"{database_url(base_url)}{sep}options=-csearch_path%3D{self.schema}"
        else:
            self.url = f"sqlite:///{tmp / (name + '.db')}"

    @property
    def is_postgres(self) -> bool:
        return self.schema is not None

    def drop(self) -> None:
        if self.schema:
            engine = sa.create_engine(database_url(self.base_url))
            with engine.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{self.schema}" CASCADE'))
            engine.dispose()


class IsolatedClient(FlaskClient):
    """Each request in an application context of its own, as in production.

    Tests hold an application context to use the database; without this, requests
    would share its ``g`` (the signed-in user, the locale) with each other.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def make_app(url: str, index_dir: Path, **extra) -> Flask:
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "SEARCH_INDEX_DIR": str(index_dir),
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": None,
        "MAIL_SERVER": "",  # never a real server from the environment: the console, or smtp_server
        "FILES_DIR": str(Path(index_dir).parent / "files"),  # uploads stay in the test's folder
        "CLAMD_SOCKET": "",  # never the machine's antivirus: the tests start a fake clamd
        **extra,
    })
    app.test_client_class = IsolatedClient
    if url.startswith("sqlite"):
        with app.app_context():
            # Tests need no durability: skip fsync on every commit.
            sa.event.listen(db.engine, "connect",
                            lambda conn, _record: conn.execute("PRAGMA synchronous=OFF"))
    return app


def migrate(app: Flask) -> None:
    import flask_migrate

    with app.app_context():
        flask_migrate.upgrade()


@pytest.fixture(scope="session")
def database(tmp_path_factory) -> Iterator[Database]:
    database = Database(os.environ.get("TEST_DATABASE_URL"), tmp_path_factory.mktemp("db"), "main")
    app = make_app(database.url, tmp_path_factory.mktemp("ix0"))
    migrate(app)
    with app.app_context():
        database.reference_territories = db.session.scalar(sa.text("SELECT max(id) FROM territories"))
        db.engine.dispose()
    yield database
    database.drop()


# Tables holding reference data installed by the migrations: kept between tests.
REFERENCE = {"themes", "territories", "alembic_version"}


def _clean(database: Database) -> None:
    tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in REFERENCE]
    with db.engine.begin() as conn:
        if database.is_postgres:
            conn.execute(sa.text("TRUNCATE " + ", ".join(t.name for t in tables) + " RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())
        conn.execute(sa.text("DELETE FROM territories WHERE id > :n"), {"n": database.reference_territories})


@pytest.fixture
def app(database, tmp_path) -> Iterator[Flask]:
    app = make_app(database.url, tmp_path / "index")
    with app.app_context():
        yield app
        app.extensions["mail"].courier.wait_idle()  # mail delivered after a request, before cleaning
        db.session.remove()
        _clean(database)
        app.extensions["search"].close()
        db.engine.dispose()


@pytest.fixture
def client(app) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> Iterator[Database]:
    database = Database(os.environ.get("TEST_DATABASE_URL"), tmp_path_factory.mktemp("demo"), "demo")
    yield database
    database.drop()


@pytest.fixture(scope="session")
def demo_app(demo_database, tmp_path_factory) -> Iterator[Flask]:
    """The portal with its demo data and index: shared by every test, never written to."""
    from app.demo.loader import load
    from app.search.sync import rebuild

    app = make_app(demo_database.url, tmp_path_factory.mktemp("demo-index"))
    migrate(app)
    with app.app_context():
        load()
        rebuild(app.extensions["search"], db.engine)
        db.session.remove()
    yield app
    with app.app_context():
        app.extensions["search"].close()
        db.engine.dispose()


@pytest.fixture
def demo_client(demo_app) -> Iterator[FlaskClient]:
    with demo_app.app_context():
        yield demo_app.test_client()
        db.session.remove()


# -- helpers ---------------------------------------------------------------------

_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(client: FlaskClient, url: str) -> str:
    """The CSRF token of the form on the page at ``url`` (as a browser would get it)."""
    return hidden_fields(client, url)["csrf_token"]


_VERSION = re.compile(r'name="version" type="hidden" value="(\d+)"')


def hidden_fields(client: FlaskClient, url: str) -> dict[str, str]:
    """What a browser sends without the person typing it: the CSRF token, and the
    record's version on an edit form (the edit-conflict check requires it)."""
    page = client.get(url)
    html = page.get_data(as_text=True)
    match = _CSRF.search(html)
    assert match, f"no CSRF token on {url} ({page.status_code})"
    fields = {"csrf_token": match.group(1) or match.group(2)}
    version = _VERSION.search(html)
    if version:
        fields["version"] = version.group(1)
    return fields


def login(client: FlaskClient, email: str, password: str = PASSWORD):
    token = csrf_token(client, "/connexion")
    return client.post("/connexion", data={"email": email, "password": password, "csrf_token": token})


@pytest.fixture
def login_as(client):
    def _login(user_or_email, password: str = PASSWORD):
        email = getattr(user_or_email, "email", user_or_email)
        response = login(client, email, password)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return _login


@pytest.fixture
def switch(client, login_as):
    """Log out whoever is signed in, then sign in as ``user``: one client, several people."""
    def _switch(user):
        if 'action="/deconnexion"' in client.get("/").get_data(as_text=True):
            client.post("/deconnexion", data={"csrf_token": csrf_token(client, "/")})
        return login_as(user)

    return _switch


# -- mail ------------------------------------------------------------------------


class SMTPServer:
    """A real SMTP server (aiosmtpd) on a free port of 127.0.0.1, keeping what it receives.

    ``stop()`` then ``start()`` simulates a server that is down, then up again (same port);
    ``delay`` makes it answer slowly; ``refuse`` holds addresses it refuses for good (550).
    """

    def __init__(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.messages: list[EmailMessage] = []
        self.delay = 0.0
        self.refuse: set[str] = set()
        self._controller = None
        self._lock = threading.Lock()

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def received(self, message: EmailMessage) -> None:
        with self._lock:
            self.messages.append(message)

    def wait_for(self, count: int, timeout: float = 10) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return list(self.messages)


class _Handler:
    def __init__(self, server: SMTPServer) -> None:
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.server.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.server.delay:
            await asyncio.sleep(self.server.delay)
        self.server.received(BytesParser(policy=email.policy.default).parsebytes(envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(app) -> Iterator[SMTPServer]:
    """The portal's mail goes to this server (started) for the test."""
    server = SMTPServer()
    server.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_TIMEOUT=5)
    yield server
    app.extensions["mail"].courier.wait_idle()
    server.stop()


# -- factories --------------------------------------------------------------------


@pytest.fixture
def make_member(app):
    from app.network.models import Member, MemberKind, Territory

    def _make(code: str = "91", **overrides) -> Member:
        territory = db.session.scalar(sa.select(Territory).where(Territory.code == code))
        kind = MemberKind.REGION if code == "IDF" else MemberKind.DEPARTEMENT
        values = {
            "code": code, "kind": kind, "name": f"Département {code}" if code != "IDF" else "Région Île-de-France",
            "short_name": code, "territory": territory, "is_coordinator": code == "IDF",
        }
        values.update(overrides)
        member = Member(**values)
        db.session.add(member)
        db.session.commit()
        return member

    return _make


@pytest.fixture
def make_user(app, make_member):
    from app.auth.models import Role, User
    from app.network.models import Member

    def _make(role: str = "officer", member: Member | str | None = None, actor=None, **overrides) -> User:
        role = Role(role)
        if role != Role.APPLICANT and not isinstance(member, Member):
            code = member or ("IDF" if role == Role.COORDINATOR else "91")
            member = db.session.scalar(sa.select(Member).where(Member.code == code)) or make_member(code)
        if role == Role.APPLICANT and actor is None:
            actor = make_actor_default()
        user = User(
            email=overrides.pop("email", f"{role.value}-{uuid.uuid4().hex[:6]}@example.org"),
            name=overrides.pop("name", f"Compte {role.value}"),
            role=role,
            member=member if role != Role.APPLICANT else None,
            actor=actor,
            **overrides,
        )
        user.password_hash = _password_hash()
        db.session.add(user)
        db.session.commit()
        return user

    def make_actor_default():
        from app.actors import services
        from app.actors.models import ActorKind

        actor = services.create_actor(None, services.ActorData(name=f"Association {uuid.uuid4().hex[:5]}",
                                                               kind=ActorKind.ASSOCIATION))
        db.session.commit()
        return actor

    return _make


@pytest.fixture
def make_actor(app):
    from app.actors import services
    from app.actors.models import ActorKind
    from app.network.models import Territory, Theme

    def _make(name: str = "Association Solidarité Essonne", **overrides):
        departement = overrides.pop("departement", "91")
        themes = overrides.pop("themes", [])
        territories = overrides.pop("territories", [])
        data = services.ActorData(
            name=name,
            kind=overrides.pop("kind", ActorKind.ASSOCIATION),
            departement=db.session.scalar(sa.select(Territory).where(Territory.code == departement))
            if departement else None,
            themes=list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(themes)))),
            territories=list(db.session.scalars(sa.select(Territory).where(Territory.code.in_(territories)))),
            **overrides,
        )
        actor = services.create_actor(None, data)
        db.session.commit()
        return actor

    return _make


@pytest.fixture
def make_scheme(app, make_member):
    from app.actors import services
    from app.network.models import Member, Territory, Theme

    def _make(name: str = "Soutien aux projets de solidarité internationale", funder: str | None = "91",
              publish: bool = True, **overrides):
        member = None
        if funder:
            member = db.session.scalar(sa.select(Member).where(Member.code == funder)) or make_member(funder)
        themes = overrides.pop("themes", [])
        territories = overrides.pop("territories", [])
        data = services.SchemeData(
            name=name,
            funder_member=member,
            funder_name=overrides.pop("funder_name", None if member else "Agence française de développement"),
            themes=list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(themes)))),
            territories=list(db.session.scalars(sa.select(Territory).where(Territory.code.in_(territories)))),
            **overrides,
        )
        scheme = services.create_scheme(None, data, publish=publish)
        db.session.commit()
        return scheme

    return _make


# -- mails ------------------------------------------------------------------------


@pytest.fixture
def mails(monkeypatch) -> list:
    """The mails queued in the outbox (``app.mail.outbox.queue_mail``), as recorded calls
    with ``to``, ``template``, ``context``, ``lang`` and ``dedupe_key``."""
    from types import SimpleNamespace

    queued: list = []

    def record(session, *, to, template, context, lang="fr", dedupe_key=None):
        queued.append(SimpleNamespace(to=to, template=template, context=context, lang=lang,
                                      dedupe_key=dedupe_key))

    monkeypatch.setattr("app.mail.outbox.queue_mail", record)
    return queued


def link_path(url: str) -> str:
    """The path of a link written in a mail, for the test client."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and parts.netloc, url
    return parts.path
