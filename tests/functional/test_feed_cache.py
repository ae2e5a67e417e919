"""Feeds polled by calendar applications: a 304 only when the body would be the same,
and a cache that junk query strings cannot fill."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from app.agenda import feeds, services
from app.agenda.models import PARIS, EventKind, EventStatus
from app.extensions import db

SOON = date.today() + timedelta(days=30)
FEEDS = ["/agenda.ics", "/agenda.atom", "/agenda/echeances.ics"]


@pytest.fixture
def webinar(app, make_member, make_scheme):
    member = make_member("91", short_name="Essonne")
    make_scheme("AMIE", funder="91", opens_on=date.today(), closes_on=date.today() + timedelta(days=40))
    event = services.create_event(None, services.EventData(
        title="Webinaire des porteurs de projets", kind=EventKind.TRAINING,
        starts_at=datetime.combine(SOON, time(10), tzinfo=PARIS),
        ends_at=datetime.combine(SOON, time(12), tzinfo=PARIS),
        online=True, online_url="https://visio.example.org/w"), member=member, status=EventStatus.PUBLISHED)
    db.session.commit()
    return event


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """How many times the agenda feed was built from the events (not served from the cache)."""
    seen: list[int] = []
    real = feeds.events_calendar

    def counted(*args, **kwargs):
        seen.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(feeds, "events_calendar", counted)
    return seen


@pytest.mark.parametrize("url", FEEDS)
def test_switching_to_english_gets_english_not_a_304(client, webinar, url):
    french = client.get(url)
    assert french.status_code == 200
    english = client.get(f"{url}?lang=en", headers={"If-None-Match": french.headers["ETag"]})
    assert english.status_code == 200
    assert english.get_data() != french.get_data()
    assert english.headers["ETag"] != french.headers["ETag"]
    # Each version is still answered 304 when the reader already has it.
    again = client.application.test_client().get(f"{url}?lang=en",
                                                 headers={"If-None-Match": english.headers["ETag"]})
    assert again.status_code == 304


def test_english_chosen_on_the_site_reaches_the_feed_through_the_cookie(client, webinar):
    french = client.get("/agenda.ics")
    assert "LOCATION:En ligne" in french.get_data(as_text=True)
    client.get("/agenda/?lang=en")  # the reader switches the site to English
    english = client.get("/agenda.ics", headers={"If-None-Match": french.headers["ETag"]})
    assert english.status_code == 200
    assert "LOCATION:Online" in english.get_data(as_text=True)


def test_a_feed_read_through_another_host_gets_its_own_links(client, webinar):
    local = client.get("/agenda.ics")
    other = client.get("/agenda.ics", base_url="https://portail.example.org",
                       headers={"If-None-Match": local.headers["ETag"]})
    assert other.status_code == 200
    assert f"URL:https://portail.example.org/agenda/{webinar.id}" in other.get_data(as_text=True)


def test_filters_have_their_own_etag(client, webinar):
    every = client.get("/agenda.ics")
    trainings = client.get("/agenda.ics?type=formation", headers={"If-None-Match": every.headers["ETag"]})
    assert trainings.status_code == 200
    assert "Agenda du réseau — formations" in trainings.get_data(as_text=True)


@pytest.mark.parametrize("url", FEEDS)
def test_vary_names_the_cookie_that_carries_the_language(client, webinar, url):
    # The body depends on the language (?lang= or the session cookie), the host (in the
    # URL) and the filters (in the URL): only the cookie lies outside the URL. The
    # language never comes from Accept-Language.
    response = client.get(url)
    assert response.vary.as_set() == {"cookie"}
    not_modified = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified.vary.as_set() == {"cookie"}
    assert not_modified.headers["ETag"] == response.headers["ETag"]


def test_junk_query_strings_share_one_build(client, webinar, builds):
    bodies = set()
    for i in range(300):
        response = client.get(f"/agenda.ics?x={i}")
        assert response.status_code == 200
        bodies.add(response.get_data())
    assert len(bodies) == 1
    assert len(builds) == 1
    # The same filters written differently are the same feed too.
    for url in ("/agenda.ics?type=formation", "/agenda.ics?utm=1&type=formation&membre=&passes=0"):
        assert client.get(url).status_code == 200
    assert len(builds) == 2


def test_the_atom_feed_names_itself_without_the_junk(client, webinar):
    body = client.get("/agenda.atom?utm_source=newsletter&type=formation").get_data(as_text=True)
    assert '<link href="http://localhost/agenda.atom?type=formation" rel="self"/>' in body
    assert "utm_source" not in body


def test_a_change_rebuilds_the_feed_once(client, webinar, builds, make_member):
    etag = client.get("/agenda.ics").headers["ETag"]
    services.create_event(None, services.EventData(
        title="Atelier du lendemain", kind=EventKind.WORKSHOP,
        starts_at=datetime.combine(SOON, time(14), tzinfo=PARIS),
        ends_at=datetime.combine(SOON, time(16), tzinfo=PARIS), commune="Évry-Courcouronnes"),
        member=webinar.organisers[0].member, status=EventStatus.PUBLISHED)
    db.session.commit()
    changed = client.get("/agenda.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert "Atelier du lendemain" in changed.get_data(as_text=True)
    assert client.get("/agenda.ics?x=1").get_data() == changed.get_data()
    assert len(builds) == 2
