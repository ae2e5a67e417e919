"""Calls outside their own pages: home, search, API, the deadlines calendar."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from icalendar import Calendar

from app.calls import services
from app.core.db import utcnow
from app.extensions import db
from tests.functional.test_calls import calls  # noqa: F401  (the fixture)


def test_the_home_page_shows_open_calls_only(client, calls):  # noqa: F811
    html = client.get("/").get_data(as_text=True)
    assert "Appel conjoint solidarité internationale" in html
    assert "Brouillon de l" not in html


def test_search_finds_public_calls_never_drafts(client, calls):  # noqa: F811
    html = client.get("/recherche?q=solidarite&type=call").get_data(as_text=True)
    assert "Appel conjoint solidarité internationale" in html
    assert "Brouillon de l" not in client.get("/recherche?q=essonne&type=call").get_data(as_text=True)
    services.move(calls["users"]["coordinator"], calls["published"], "unpublish")
    db.session.commit()
    assert "Appel conjoint solidarité" not in client.get("/recherche?q=solidarite&type=call").get_data(as_text=True)


def test_the_api_lists_and_shows_public_calls(client, calls):  # noqa: F811
    listing = client.get("/api/v1/calls").get_json()
    assert listing["total"] == 1
    call = listing["results"][0]
    assert call["phase"] == "open" and call["lead"]["member_code"] == "IDF"
    assert {c["member_code"]: c["amount_cents"] for c in call["cofunders"]} == {"IDF": 200_000_00, "91": 50_000_00}
    assert "committed_cents" not in str(call)
    assert client.get(f"/api/v1/calls/{call['id']}").get_json()["title"] == call["title"]
    assert client.get(f"/api/v1/calls/{calls['draft'].id}").status_code == 404
    assert client.get("/api/v1/calls?etat=nimporte").status_code == 400
    assert client.get("/api/v1/calls?etat=clos").get_json()["total"] == 0
    assert "/calls" in client.get("/api/v1/openapi.json").get_json()["paths"]


def test_the_deadlines_calendar_holds_the_closing_time_and_follows_changes(client, calls):  # noqa: F811
    published = calls["published"]
    body = client.get("/agenda/echeances.ics").data
    events = [c for c in Calendar.from_ical(body).walk("VEVENT") if str(c["uid"]).startswith("call-")]
    assert [str(e["uid"]).split("@")[0] for e in events] == [f"call-{published.id}-cloture"]
    assert events[0]["dtstart"].dt == published.closes_at.replace(microsecond=0)
    assert "Appel conjoint solidarité internationale" in str(events[0]["summary"])
    # A moved closing time is in the next feed (the cached one is rebuilt).
    published.closes_at = utcnow() + timedelta(days=90)
    db.session.commit()
    body = client.get("/agenda/echeances.ics").data
    event = next(c for c in Calendar.from_ical(body).walk("VEVENT") if str(c["uid"]).startswith("call-"))
    assert event["dtstart"].dt == published.closes_at.replace(microsecond=0)
    assert "Brouillon de l" not in body.decode()


def test_the_demo_has_the_joint_call_open_and_an_older_one_closed(demo_client):
    from app.calls.models import Call, CallState

    joint = db.session.scalars(sa.select(Call).where(Call.title_fr.like("%Solidarité internationale%"))).one()
    assert joint.is_open
    assert sorted(e.member.code for e in joint.accepted_envelopes) == ["91", "93", "94", "IDF"]
    assert all(e.ceiling_cents and e.decision_body for e in joint.envelopes)
    old = db.session.scalars(sa.select(Call).where(Call.title_fr.like("%2026%"))).one()
    assert old.state == CallState.CLOSED
    html = demo_client.get("/appels/").get_data(as_text=True)
    assert html.index("Solidarité internationale") < html.index("Éducation à la citoyenneté mondiale")
    listing = demo_client.get("/api/v1/calls").get_json()
    assert [c["phase"] for c in listing["results"]] == ["open", "closed"]
