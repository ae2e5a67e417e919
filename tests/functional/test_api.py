"""The JSON API returns what its OpenAPI description says, on the demo data."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from app.api.openapi import document


def validator(component: str) -> Draft202012Validator:
    doc = document()
    schema = {"$ref": f"#/components/schemas/{component}", "components": doc["components"]}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def check(data, component: str) -> None:
    errors = sorted(validator(component).iter_errors(data), key=lambda e: e.path)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_openapi_document_is_valid_openapi_3_1(demo_client):
    doc = demo_client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    for path, item in doc["paths"].items():
        for operation in item.values():
            assert "200" in operation["responses"], path
    Draft202012Validator.check_schema({"components": doc["components"]})


@pytest.mark.parametrize(("url", "component"), [
    ("/api/v1/search?q=cooperation", "SearchResults"),
    ("/api/v1/search?q=eau&type=scheme&per_page=100", "SearchResults"),
    ("/api/v1/search?departement=93&theme=education", "SearchResults"),
    ("/api/v1/search?q=dak", "SearchResults"),
    ("/api/v1/suggest?q=via", "Suggestions"),
    ("/api/v1/actors?per_page=100", "ActorPage"),
    ("/api/v1/actors?departement=93&lang=en", "ActorPage"),
    ("/api/v1/schemes?per_page=100", "SchemePage"),
    ("/api/v1/schemes?ouvert=1&profil=association", "SchemePage"),
    ("/api/v1/territories?per_page=100", "TerritoryPage"),
    ("/api/v1/territories?kind=partner_city", "TerritoryPage"),
])
def test_responses_match_the_description(demo_client, url, component):
    response = demo_client.get(url)
    assert response.status_code == 200
    check(response.get_json(), component)


def test_each_record_matches_and_a_scheme_names_its_funder(demo_client):
    for kind, component in (("actors", "Actor"), ("schemes", "Scheme"), ("territories", "Territory")):
        first = demo_client.get(f"/api/v1/{kind}?per_page=3").get_json()["results"][0]
        one = demo_client.get(f"/api/v1/{kind}/{first['id']}").get_json()
        check(one, component)
        assert one == first
    schemes = demo_client.get("/api/v1/schemes?financeur=91&per_page=100").get_json()["results"]
    assert schemes and all(s["funder"]["member_code"] == "91" for s in schemes)
    region = demo_client.get("/api/v1/schemes?financeur=IDF&per_page=1").get_json()["results"][0]
    assert region["funder"]["member_code"] == "IDF"
    outside = [s for s in demo_client.get("/api/v1/schemes?per_page=100").get_json()["results"]
               if s["funder"]["member_code"] is None]
    assert outside and all(s["funder"]["name"] for s in outside)


def test_search_response_shape_and_facets(demo_client):
    data = demo_client.get("/api/v1/search?q=coopération&per_page=5").get_json()
    assert data["per_page"] == 5 and data["page"] == 1 and data["total"] >= len(data["results"])
    assert set(data["facets"]) == {"type", "departement", "theme", "pays"}
    assert set(data["facets"]["departement"]) == {"75", "77", "78", "91", "92", "93", "94", "95"}
    assert len(data["facets"]["theme"]) == 16  # zero counts included
    assert sum(data["facets"]["type"].values()) == data["total"]
    # Beyond the documented 100 per page: refused, naming the parameter (it used to be clipped).
    too_many = demo_client.get("/api/v1/search?per_page=1000")
    assert too_many.status_code == 400
    assert [p["name"] for p in too_many.get_json()["invalid_params"]] == ["per_page"]


def test_paging_walks_every_actor_once(demo_client):
    first = demo_client.get("/api/v1/actors?per_page=10").get_json()
    seen = []
    for page in range(1, first["total"] // 10 + 2):
        seen += [a["id"] for a in demo_client.get(f"/api/v1/actors?per_page=10&page={page}").get_json()["results"]]
    assert len(seen) == len(set(seen)) == first["total"]


def test_a_partner_city_filters_like_its_page(demo_client):
    """/territoires/SN-dakar links to /acteurs/?pays=SN-dakar: both list Dakar's actors, whatever the case typed."""
    page = demo_client.get("/territoires/SN-dakar").get_data(as_text=True)
    actors = demo_client.get("/api/v1/actors?pays=SN-dakar&per_page=100").get_json()
    assert actors["total"] > 0
    assert all(a["name"].replace("'", "&#39;") in page for a in actors["results"])
    assert demo_client.get("/api/v1/actors?pays=sn-DAKAR&per_page=100").get_json()["total"] == actors["total"]
    schemes = [s["name"] for s in demo_client.get("/api/v1/schemes?pays=SN-dakar&per_page=100").get_json()["results"]]
    assert "Chantiers solidarité" in schemes
    assert "Aucun acteur" not in demo_client.get("/acteurs/?pays=SN-dakar").get_data(as_text=True)


def test_a_partner_country_page_lists_the_schemes_that_name_it(demo_client):
    page = demo_client.get("/territoires/SN").get_data(as_text=True)
    targeted = page.split('id="titre-dispositifs"', 1)[1].split("</section>", 1)[0]
    assert "Chantiers solidarité" in targeted  # names Dakar
    assert "PM&#39;UP" not in targeted and "PM'UP" not in targeted  # open to any country: counted, not listed
    assert "dispositifs ouverts à des projets dans tous les pays" in targeted
    assert 'href="/dispositifs/?pays=SN"' in targeted
