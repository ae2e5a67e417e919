"""Issue 10, a search that understands an association's query (demo data)."""

from __future__ import annotations

import pytest


def search(client, q: str, **args) -> dict:
    return client.get("/api/v1/search", query_string={"q": q, "per_page": 100, **args}).get_json()


def titles(found: dict, kind: str | None = None) -> list[str]:
    return [r["title"] for r in found["results"] if kind is None or r["type"] == kind]


ESSONNE_GRANT = "Soutien aux projets de solidarité internationale des acteurs essonniens"
WATER_1PC = "1 % eau et assainissement"


def test_eau_senegal_finds_funding_schemes(demo_client):
    schemes = titles(search(demo_client, "eau Sénégal"), "scheme")
    # Schemes open to every country and tagged water; schemes that name water.
    assert WATER_1PC in schemes
    # Those holding both words come before those holding one.
    found = search(demo_client, "eau Sénégal")
    assert found["total"] > 0


@pytest.mark.parametrize("typed", ["Sénégal", "senegal", "Senegal", "SENEGAL"])
def test_a_country_name_finds_schemes_open_to_every_country(demo_client, typed):
    schemes = titles(search(demo_client, typed), "scheme")
    assert WATER_1PC in schemes  # open to every country: names none
    assert "Chantiers solidarité" in schemes  # names Dakar


def test_essonne_finds_the_schemes_open_to_the_whole_region(demo_client):
    schemes = titles(search(demo_client, "Essonne"), "scheme")
    assert ESSONNE_GRANT in schemes
    assert "AMIE – Aide à la mobilité internationale des étudiants franciliens" in schemes  # whole Région


@pytest.mark.parametrize(("typed", "expected"), [
    ("water", WATER_1PC),
    ("water Senegal", WATER_1PC),
    ("health", "Financement des projets de solidarité internationale"),
    ("youth", "Mobil'Asie"),
])
def test_english_words_find_french_records_through_themes_and_countries(demo_client, typed, expected):
    assert expected in titles(search(demo_client, typed, lang="en"))


@pytest.mark.parametrize("typed", ["assainisement", "asainissement", "cooperation decentraliseé", "coopératoin"])
def test_one_letter_wrong_still_finds(demo_client, typed):
    assert search(demo_client, typed)["total"] > 0


def test_all_words_rank_above_some_and_no_page_is_empty(demo_client):
    found = search(demo_client, "chantiers zzzzunknownword")
    assert found["total"] > 0  # one missing word no longer empties the page
    both = search(demo_client, "chantiers Dakar")
    assert both["results"][0]["title"] == "Chantiers solidarité"


def test_the_page_says_how_it_understood_the_query(demo_client):
    html = demo_client.get("/recherche?q=eau+S%C3%A9n%C3%A9gal").get_data(as_text=True)
    assert "Sénégal : pays partenaire" in html
    assert "Eau et assainissement : thème" in html
    assert "mots=1" in html
    words_only = demo_client.get("/recherche?q=eau+S%C3%A9n%C3%A9gal&mots=1").get_data(as_text=True)
    assert "Sénégal : pays partenaire" not in words_only
    # The words alone: « 1 % eau » does not name Senegal, but holds "eau".
    assert search(demo_client, "Sénégal", mots="1")["total"] < search(demo_client, "Sénégal")["total"]
