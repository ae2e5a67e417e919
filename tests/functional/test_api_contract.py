"""The API keeps the contract its OpenAPI description states: it shows public data only,
whoever asks."""

from __future__ import annotations

from app.agenda import services as agenda_services
from app.agenda.models import EventKind, EventStatus, Visibility
from app.extensions import db
from tests.conftest import login
from tests.functional.test_agenda import data as event_data


def test_the_api_shows_staff_exactly_what_it_shows_anyone(client, make_member, make_user, make_actor):
    """The API is public data only: a signed-in officer or coordinator gets what anyone gets."""
    region = make_member("IDF", short_name="Région")
    meeting = agenda_services.create_event(
        None, event_data("Comité technique du réseau", visibility=Visibility.MEMBERS, kind=EventKind.MEETING),
        member=region, status=EventStatus.PUBLISHED)
    agenda_services.create_event(None, event_data("Formation au montage de projets"), member=region,
                                 status=EventStatus.PUBLISHED)
    discreet = make_actor("Écoles du monde", email="contact@ecoles.example.org", contact_public=False)
    db.session.commit()
    meeting_id = meeting.id
    anonymous = client.application.test_client()
    urls = ["/api/v1/events?per_page=100", f"/api/v1/events/{meeting_id}", "/api/v1/search?q=comite technique",
            "/api/v1/search?per_page=100", "/api/v1/suggest?q=comit", f"/api/v1/actors/{discreet.id}",
            "/api/v1/actors?per_page=100"]
    public = {url: anonymous.get(url) for url in urls}
    assert public[f"/api/v1/events/{meeting_id}"].status_code == 404
    assert public["/api/v1/search?q=comite technique"].get_json()["total"] == 0

    for role, member in (("officer", "91"), ("coordinator", "IDF")):
        staff = client.application.test_client()
        assert login(staff, make_user(role, member=member).email).status_code == 302
        assert "Comité technique du réseau" in staff.get("/agenda/").get_data(as_text=True)  # the site shows it
        for url in urls:
            response = staff.get(url)
            assert (response.status_code, response.get_json()) == (public[url].status_code,
                                                                   public[url].get_json()), (role, url)
