"""Browser tests: a live portal with the demo data, driven by the system Chromium.

- ``live_server`` (session): the demo data in a database of its own (the journeys write
  to it: an officer edits and unpublishes a scheme), served by werkzeug in a daemon
  thread; its base URL.
- ``browser`` (session): one headless Chromium for the whole run.
- ``mailing_portal(...)``: a journey's own portal (its database, its data) whose mail goes
  to a real SMTP server; ``person`` opens a browser context per person on the test
  module's ``portal``; ``mail_to`` waits for a mail.
- ``new_context`` / ``page`` (function): fresh browser contexts (no cookies, French),
  closed after the test. ``officer_page``: a page signed in as the Essonne officer.

Playwright cannot download its browsers on this machine: the tests launch
``/usr/bin/chromium`` (``make test`` installs it) and fail, never skip, without it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright
from werkzeug.serving import make_server

from app.extensions import db
from tests.conftest import DEMO_PASSWORD, Database, SMTPServer, make_app, migrate

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

OFFICER_91 = "agent91@example.org"
# A phone-sized window (the common 390 × 844 of today's phones), touch and all.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# Auto-waiting assertions give up after this long (the default, 5 s, is short on a busy
# 2-core machine while the first pages warm the server up).
expect.set_options(timeout=10_000)


@contextmanager
def serve(app: Flask, name: str) -> Iterator[str]:
    """Serve ``app`` on a free local port in a daemon thread: yields its base URL. The
    server handles each request in a thread of its own, and Flask pushes an application
    context per request: nothing is shared between requests but the engine's pool and the
    index. On the way out: the server stops, mail still leaving is waited for, the index
    and the engine are closed."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        if "mail" in app.extensions:
            app.extensions["mail"].courier.wait_idle()
        with app.app_context():
            app.extensions["search"].close()
            db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[str]:
    """The portal with its demo data, served on a free local port: yields its base URL."""
    from app.demo.loader import load
    from app.search.sync import rebuild

    database = Database(os.environ.get("TEST_DATABASE_URL"), tmp_path_factory.mktemp("browser-db"), "browser")
    try:
        app = make_app(database.url, tmp_path_factory.mktemp("browser-index"))
        # A published edit must be searchable at once: the index is updated after each commit.
        assert app.config["SEARCH_SYNC_AFTER_COMMIT"] is True
        migrate(app)
        with app.app_context():
            load()
            rebuild(app.extensions["search"], db.engine)
            db.session.remove()
        with serve(app, "browser-live-server") as url:
            yield url
    finally:
        database.drop()


# -- a portal of a journey's own, with real mail -----------------------------------------

MAIL_WAIT = 15  # seconds: the delivery thread sends right after the request, on a busy machine


@dataclass
class MailingPortal:
    """A portal served for one journey, its mail going to a local SMTP server; ``made``
    is what ``prepare`` returned (ids of the records it created)."""

    url: str
    app: Flask
    smtp: SMTPServer
    made: Any = None


@contextmanager
def mailing_portal(tmp_path_factory, name: str, prepare: Callable[[], Any] | None = None) -> Iterator[MailingPortal]:
    """A migrated database of its own, ``prepare()`` run in an application context (the
    demo data, a call...), served on a free local port configured as the deployment guide
    says (PORTAL_BASE_URL, MAIL_SERVER): its mail goes to a real SMTP server (aiosmtpd),
    delivered in the background after each request."""
    smtp = SMTPServer()
    smtp.start()
    database = Database(os.environ.get("TEST_DATABASE_URL"), tmp_path_factory.mktemp(f"{name}-db"), name)
    try:
        app = make_app(database.url, tmp_path_factory.mktemp(f"{name}-index"),
                       MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_TIMEOUT=5)
        assert app.config["MAIL_DELIVER_AFTER_REQUEST"] is True
        migrate(app)
        made = None
        if prepare is not None:
            with app.app_context():
                made = prepare()
                db.session.remove()
        with serve(app, f"{name}-live-server") as url:
            app.config["PORTAL_BASE_URL"] = url  # as the deployment guide says: the mails' links
            yield MailingPortal(url, app, smtp, made)
    finally:
        database.drop()
        smtp.stop()


@pytest.fixture
def person(browser: Browser, portal: MailingPortal) -> Iterator[Callable[..., Page]]:
    """A page in a browser context of its own (own cookies): one person at their computer.
    ``portal`` is the test module's own."""
    contexts: list[BrowserContext] = []

    def _new(**options) -> Page:
        context = browser.new_context(base_url=portal.url, locale="fr-FR", **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield _new
    for context in contexts:
        context.close()


def mail_to(smtp: SMTPServer, address: str, subject: str) -> EmailMessage:
    """The one mail with this subject that reached ``address``, waiting for it a little:
    it leaves in the background once the request that queued it has answered."""
    deadline = time.monotonic() + MAIL_WAIT
    while True:
        found = [m for m in list(smtp.messages) if m["To"] == address and m["Subject"] == subject]
        if found or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert len(found) == 1, (address, subject, [(m["To"], m["Subject"]) for m in smtp.messages])
    return found[0]


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is missing ({CHROMIUM}): the browser tests need the system Chromium "
            "(Playwright cannot download its own here). Run `make test`, which installs it, "
            "or `apt-get install chromium`.",
            pytrace=False,
        )
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser: Browser, live_server: str) -> Iterator[Callable[..., BrowserContext]]:
    """Open fresh browser contexts (a visitor each: own cookies), all closed after the test."""
    contexts: list[BrowserContext] = []

    def _new(**options) -> BrowserContext:
        context = browser.new_context(base_url=live_server, locale="fr-FR", **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield _new
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context) -> Page:
    """A page in a fresh context of its own: an anonymous visitor."""
    return new_context().new_page()


def log_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form, as a person would."""
    page.goto("/connexion")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()


@pytest.fixture(scope="session")
def officer_state(browser: Browser, live_server: str) -> dict:
    """The cookies of the Essonne officer, signed in once for the session (scrypt is slow)."""
    context = browser.new_context(base_url=live_server, locale="fr-FR")
    try:
        page = context.new_page()
        log_in(page, OFFICER_91)
        return context.storage_state()
    finally:
        context.close()


@pytest.fixture
def officer_page(new_context, officer_state: dict) -> Page:
    """A page signed in as the Essonne officer (agent91@example.org)."""
    return new_context(storage_state=officer_state).new_page()


def fits_the_screen(page: Page) -> None:
    """Nothing wider than the window: no sideways scrolling to read or fill a form.
    Measured once the page has loaded (before its stylesheet applies, a table is wider)."""
    page.wait_for_load_state()
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], (page.url, widths)


def url_of(page: Page, title: str, kind: str) -> str:
    """The path of a published record, found by its exact title through the type-ahead API
    (ids differ between databases; titles are the demo data's)."""
    response = page.request.get("/api/v1/suggest", params={"q": title})
    assert response.ok, response.status
    for hit in response.json()["results"]:
        if hit["title"] == title and hit["type"] == kind:
            return hit["url"]
    raise AssertionError(f"no {kind} named {title!r} in the suggestions: {response.json()}")


# -- accessibility ----------------------------------------------------------------------

AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}


def assert_no_serious_violations(page: Page) -> None:
    results = AXE.run(page, options=AXE_OPTIONS).response
    assert results["passes"], f"axe checked nothing on {page.url}"
    violations = results["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}, {len(v['nodes'])} node(s)): {v['help']}; "
        f"first: {v['nodes'][0]['target']} {v['nodes'][0].get('failureSummary', '')!r}"
        for v in blocking
    )
    assert not blocking, f"axe on {page.url}:\n{report}"
