"""What any URL of the site answers, whatever it holds: ids beyond the database's integers,
methods a page does not take, query strings people typed."""

from __future__ import annotations

import pytest

from app.agenda import services as agenda_services
from app.agenda.models import EventStatus
from app.extensions import db
from tests.functional.test_agenda import data as event_data


@pytest.mark.parametrize("url", [
    "/api/v1/schemes/4322792824263181074432",
    "/api/v1/actors/2147483648",
    "/api/v1/actors/2147483647",
    "/api/v1/events/99999999999999999999",
    "/api/v1/territories/99999999999999999999",
    "/acteurs/99999999999999999999",
    "/acteurs/99999999999999999999-une-association",
    "/acteurs/99999999999999999999/historique",
    "/dispositifs/99999999999999999999",
    "/dispositifs/99999999999999999999-un-dispositif",
    "/dispositifs/99999999999999999999/historique",
    "/agenda/99999999999999999999",
    "/agenda/99999999999999999999.ics",
    "/agenda/99999999999999999999/modifier",
])
def test_ids_beyond_the_database_integers_are_not_found(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("method", "url"), [
    ("post", "/acteurs/"),
    ("delete", "/agenda/"),
    ("put", "/recherche"),
    ("post", "/api/v1/actors"),
    ("delete", "/api/v1/schemes/1"),
    ("trace", "/api/v1/suggest"),
])
def test_a_refused_method_names_the_allowed_ones(client, method, url):
    response = client.open(url, method=method.upper())
    assert response.status_code == 405
    assert "GET" in {m.strip() for m in response.headers.get("Allow", "").split(",")}


@pytest.mark.parametrize(("url", "expected"), [
    ("/acteurs/?lang=1.1&per_page=null&type=null&departement=99&page=abc", "Via le monde"),
    ("/dispositifs/?profil=null&age=null&ouvert=peut-etre&per_page=null&lang=1.1", "Bourse des solidarités"),
    # The search page keeps an unknown facet value as a filter (nothing matches it); paging and
    # language fall back to their defaults.
    ("/recherche?q=monde&per_page=null&page=0&lang=1.1", "Via le monde"),
    ("/agenda/?type=null&per_page=null&du=x&mode=ailleurs&lang=1.1", "Formation au montage de projets"),
])
def test_html_pages_ignore_a_broken_filter(client, make_actor, make_member, make_scheme, url, expected):
    """People type URLs: the page answers and shows what it would show without the filter."""
    make_actor("Via le monde", departement="93")
    make_scheme("Bourse des solidarités", funder="91")
    agenda_services.create_event(None, event_data("Formation au montage de projets"), member=make_member("93"),
                                 status=EventStatus.PUBLISHED)
    db.session.commit()
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert expected in response.get_data(as_text=True)
