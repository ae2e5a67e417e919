"""Issue 10, the finder ranks, it does not exclude (demo data): an association in the
Essonne with a water project in Senegal needing 20 000 €."""

from __future__ import annotations

import re

ESSONNE_GRANT = "Soutien aux projets de solidarité internationale des acteurs essonniens"
ANSWERS = "profil=association&departement=91&theme=eau-assainissement&pays=SN&montant=20+000"


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").split())


def results_text(client, query: str) -> str:
    html = client.get(f"/dispositifs/?{query}").get_data(as_text=True)
    return text_of(html[html.index('id="resultats"'):])


def test_the_essonne_grant_is_kept_though_not_tagged_water(demo_client):
    text = results_text(demo_client, ANSWERS)
    assert ESSONNE_GRANT in text
    # Water schemes first; the others stay, saying what to check.
    listing = text.split("Une piste, pas un engagement", 1)[1]
    assert listing.index("1 % eau et assainissement") < listing.index(ESSONNE_GRANT)
    assert "Le thème « Eau et assainissement » n'est pas cité" in text
    assert "Finance au plus 50 % du coût : il faut trouver au moins 50 % ailleurs" in text
    assert "Intérêt local" in text
    assert "Ouvert à tous les pays, donc à Sénégal" in text


def test_a_cofinancing_plan_from_two_members(demo_client):
    text = results_text(demo_client, ANSWERS)
    plan = text[text.index("Un plan de financement possible"):text.index("Une piste, pas un engagement")]
    assert "Département de l'Essonne : jusqu'à 50 % (10 000 €)" in plan
    assert "Région Île-de-France : jusqu'à 30 % (6 000 €)" in plan
    assert "Apport propre : 20 % (4 000 €)" in plan


def test_hard_criteria_still_exclude(demo_client):
    text = results_text(demo_client, ANSWERS)
    # Seine-Saint-Denis' water scheme is for its own associations.
    assert "Financement des projets de solidarité internationale" not in text.replace(ESSONNE_GRANT, "")
    # A business finds no association grant.
    assert ESSONNE_GRANT not in results_text(demo_client, "profil=entreprise&departement=91")


def test_the_answers_are_in_the_url_and_come_back_in_the_form(demo_client):
    html = demo_client.get(f"/dispositifs/?{ANSWERS}").get_data(as_text=True)
    assert 'action="/dispositifs/#resultats"' in html
    assert 'name="montant" inputmode="numeric"' in html and 'value="20 000"' in html
    assert '<option value="eau-assainissement" selected>' in html


def test_odd_amounts_answer_200(demo_client):
    for amount in ("abc", "-5", "1e9", "9" * 40, "%00"):
        assert demo_client.get(f"/dispositifs/?montant={amount}&departement=91").status_code == 200


def test_the_coming_closing_dates_by_month(demo_client):
    html = demo_client.get("/dispositifs/echeances").get_data(as_text=True)
    text = text_of(html)
    assert "Dates limites des dispositifs" in text
    assert ESSONNE_GRANT in text and "Chantiers solidarité" in text
    assert "Mobilité internationale des apprentis" not in text  # permanent: no deadline
    months = re.findall(r'<h3 id="mois-(\d{4}-\d{2})">', html)
    assert months and months == sorted(months)
    assert "/agenda/echeances.ics" in html
    # Filtered like the list.
    essonne = text_of(demo_client.get("/dispositifs/echeances?financeur=91").get_data(as_text=True))
    assert ESSONNE_GRANT in essonne and "Chantiers solidarité" not in essonne
    assert demo_client.get("/dispositifs/echeances?profil=x&pays=%00&departement=zz").status_code == 200


def test_a_scheme_page_offers_its_dates_as_a_calendar_file(demo_client):
    import icalendar

    scheme = next(s for s in demo_client.get("/api/v1/schemes?per_page=100").get_json()["results"]
                  if s["name"] == ESSONNE_GRANT)
    html = demo_client.get(scheme["url"]).get_data(as_text=True)
    assert f'href="/dispositifs/{scheme["id"]}.ics"' in html
    response = demo_client.get(f"/dispositifs/{scheme['id']}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.get_data())
    assert any(ESSONNE_GRANT in str(c.get("summary")) for c in calendar.walk("VEVENT"))
    assert demo_client.get("/dispositifs/999999.ics").status_code == 404
