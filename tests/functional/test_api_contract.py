"""The API keeps the contract its OpenAPI description states: what it refuses and how it says
so (RFC 9457 problem details), and that it shows public data only, whoever asks."""

from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator

from app.agenda import services as agenda_services
from app.agenda.models import EventKind, EventStatus, Visibility
from app.api.openapi import document
from app.extensions import db
from tests.conftest import login
from tests.functional.test_agenda import data as event_data

PROBLEM = "application/problem+json"


def problem_validator() -> Draft202012Validator:
    doc = document()
    schema = {"$ref": "#/components/schemas/Problem", "components": doc["components"]}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    errors = list(problem_validator().iter_errors(body))
    assert not errors, [e.message for e in errors]
    assert body["status"] == status
    return body


@pytest.mark.parametrize(("url", "names"), [
    # Found by generating requests from the description: answered 200 as if absent.
    ("/api/v1/search?type=null", {"type"}),
    ("/api/v1/search?per_page=null", {"per_page"}),
    ("/api/v1/actors?lang=1.1", {"lang"}),
    ("/api/v1/schemes/1?lang=", {"lang"}),
    ("/api/v1/events?type=null&type=null", {"type"}),
    ("/api/v1/search?per_page=5&per_page=6", {"per_page"}),
    ("/api/v1/search?type=actor,planete&departement=99", {"type", "departement"}),
    ("/api/v1/search?q=*&per_page=5000&page=0", {"per_page", "page"}),
    ("/api/v1/actors?page=abc&per_page=-1", {"page", "per_page"}),
    ("/api/v1/actors?per_page=%EF%BC%91%EF%BC%90", {"per_page"}),  # full-width digits
    ("/api/v1/actors?type=martien&departement=99", {"type", "departement"}),
    ("/api/v1/schemes?age=-5&profil=x", {"age", "profil"}),
    ("/api/v1/schemes?age=121&ouvert=peut-etre", {"age", "ouvert"}),
    ("/api/v1/territories?kind=planete&country=%00&per_page=x", {"kind", "country", "per_page"}),
    ("/api/v1/events?du=x&au=y&per_page=-3", {"du", "au", "per_page"}),
    ("/api/v1/events?du=20270320&mode=ailleurs&passes=oui", {"du", "mode", "passes"}),
    ("/api/v1/suggest?lang=de", {"lang"}),
])
def test_invalid_parameters_are_refused_with_a_problem_naming_them(client, url, names):
    body = assert_problem(client.get(url), 400)
    assert {p["name"] for p in body["invalid_params"]} == names
    assert all(p["reason"] for p in body["invalid_params"])
    assert all(name in body["detail"] for name in names)


@pytest.mark.parametrize("url", [
    "/api/v1/search?q=eau&type=actor,scheme&type=event&departement=93&departement=75,77&page=1&per_page=100&lang=en",
    "/api/v1/search?ouvert=1&passes=0&pays=SN&theme=education",
    "/api/v1/suggest?q=via&lang=en",
    "/api/v1/actors?type=association&departement=93&page=2&per_page=1",
    "/api/v1/schemes?profil=association&age=0&ouvert=0&financeur=91",
    "/api/v1/events?du=2026-01-01&au=2027-12-31&mode=en_ligne&passes=1&type=formation",
    "/api/v1/events?du=0001-01-01&au=9999-12-31",
    "/api/v1/territories?kind=country&country=sn&per_page=100",
    "/api/v1/actors?unknown=ignored",
])
def test_valid_parameters_are_accepted(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(("method", "url", "status"), [
    ("GET", "/api/v1/actors/999999", 404),
    ("GET", "/api/v1/schemes/4322792824263181074432", 404),
    ("GET", "/api/v1/nulle-part", 404),
    ("POST", "/api/v1/actors", 405),
    ("DELETE", "/api/v1/schemes/1", 405),
])
def test_api_errors_are_problems(client, method, url, status):
    body = assert_problem(client.open(url, method=method), status)
    assert body["type"] == "about:blank"
    assert body["title"] == {404: "Not Found", 405: "Method Not Allowed"}[status]


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


def test_the_description_documents_its_refusals(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    problem = {"$ref": "#/components/schemas/Problem"}
    for path, item in doc["paths"].items():
        operation = item["get"]
        if any(p["in"] == "query" for p in operation["parameters"]):
            bad = operation["responses"]["400"]
            bad = doc["components"]["responses"][bad["$ref"].rsplit("/", 1)[1]] if "$ref" in bad else bad
            assert bad["content"][PROBLEM]["schema"] == problem, path
        if "{id}" in path:
            missing = operation["responses"]["404"]
            missing = doc["components"]["responses"][missing["$ref"].rsplit("/", 1)[1]] if "$ref" in missing else missing
            assert missing["content"][PROBLEM]["schema"] == problem, path
    Draft202012Validator.check_schema({"components": doc["components"]})


def test_every_api_route_is_described_and_checked(app):
    """The description is the list of parameters the requests are held to: each route has its
    operation (named after the view), at the same path, in the JSON Schema the check reads."""
    from app.api.params import KEYWORDS

    doc = document()
    described = {item["get"]["operationId"]: path for path, item in doc["paths"].items()}
    routes = {rule.endpoint.removeprefix("api."): re.sub(r"<[^>]+>", "{id}", rule.rule.removeprefix("/api/v1"))
              for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")}
    routes.pop("openapi_json")
    assert routes == described
    for item in doc["paths"].values():
        for parameter in item["get"]["parameters"]:
            schema = parameter["schema"]
            assert set(schema) | set(schema.get("items", {})) <= KEYWORDS, parameter["name"]
