"""The shared training plan: grouping, drafts for officers, filters, CSV, bounded SQL."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from app.agenda import services
from app.agenda.models import EventKind, EventStatus
from app.extensions import db
from tests.functional.test_agenda import as_, data
from tests.functional.test_query_counts import counting

TODAY = date.today()
EAD = "Éducation au développement : animer un atelier en classe"


@pytest.fixture
def plan(agenda, make_member):
    members = agenda["members"]
    members["94"] = make_member("94", name="Département du Val-de-Marne", short_name="Val-de-Marne")
    published = EventStatus.PUBLISHED
    made = {
        "ead94": services.create_event(None, data(EAD, day=TODAY + timedelta(days=20), departement="94",
                                                  commune="Créteil", themes=["education-developpement"],
                                                  places_left=12), member=members["94"], status=published),
        "ead91": services.create_event(None, data("Animer un atelier d'éducation au développement",
                                                  day=TODAY + timedelta(days=50),
                                                  themes=["education-developpement"]), member=members["91"]),
        "water": services.create_event(None, data("Eau et assainissement : les bases",
                                                  day=TODAY + timedelta(days=100), departement="93",
                                                  commune="Bobigny", themes=["eau-assainissement"]),
                                       member=members["93"], status=published),
        "old": services.create_event(None, data("Gestion de l'eau au Sahel", day=TODAY - timedelta(days=400),
                                                themes=["eau-assainissement"]), member=members["93"],
                                     status=published),
        "meeting": services.create_event(None, data("Comité de pilotage", kind=EventKind.MEETING,
                                                    themes=["education-developpement"]),
                                         member=members["91"], status=published),
    }
    db.session.commit()
    return {k: e.id for k, e in made.items()}


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("<section", start)
    return html[start:end if end > 0 else None]


def test_the_public_sees_published_trainings_grouped_by_theme_without_drafts(client, plan):
    html = client.get("/agenda/formations").get_data(as_text=True)
    ead = section(html, "theme-education-developpement")
    assert EAD in ead and "Val-de-Marne" in ead and "Créteil" in ead and ">12<" in ead
    assert "Animer un atelier d&#39;éducation au développement" not in html  # a draft
    assert "Comité de pilotage" not in html  # not a training
    assert "Gestion de l&#39;eau au Sahel" not in html  # more than a year ago
    assert "Eau et assainissement : les bases" in section(html, "theme-eau-assainissement")


def test_officers_see_members_drafts_clustered_with_the_alike_training(app, client, agenda, plan):
    html = as_(client, agenda, "officer93").get("/agenda/formations").get_data(as_text=True)
    ead = section(html, "theme-education-developpement")
    assert "Sujet voisin" in ead and "2 formations proches" in ead
    assert "Animer un atelier d&#39;éducation au développement" in ead and "Brouillon" in ead
    # Another member's draft is listed, not opened.
    assert f'href="/agenda/{plan["ead91"]}-' not in html
    own = as_(app.test_client(), agenda, "officer91").get("/agenda/formations?brouillons=1").get_data(as_text=True)
    assert f'href="/agenda/{plan["ead91"]}-' in own
    hidden = client.get("/agenda/formations?brouillons=0").get_data(as_text=True)
    assert "Animer un atelier d&#39;éducation au développement" not in hidden


def test_gaps_are_the_themes_nobody_covers(client, plan):
    gaps = section(client.get("/agenda/formations").get_data(as_text=True), "titre-manques")
    assert "Santé" in gaps and "Éducation au développement" not in gaps and "Eau et assainissement" not in gaps


def test_grouping_by_quarter_and_filters(client, plan):
    html = client.get("/agenda/formations?par=trimestre&membre=94").get_data(as_text=True)
    assert EAD in html and "Eau et assainissement : les bases" not in html
    quarter = (TODAY + timedelta(days=20))
    assert f"T{(quarter.month - 1) // 3 + 1} {quarter.year}" in html
    assert "Aucune formation" in client.get("/agenda/formations?mode=en_ligne").get_data(as_text=True)


@pytest.mark.parametrize("query", ["?par=%00&membre=" + "9" * 500, "?theme=%ff&mode=x&brouillons=zz", "?par[]=1"])
def test_a_broken_query_string_answers_200(client, plan, query):
    assert client.get("/agenda/formations" + query).status_code == 200
    assert client.get("/agenda/formations.csv" + query).status_code == 200


def test_the_csv_export_neutralises_formulas(client, agenda, plan):
    services.create_event(None, data("=HYPERLINK(\"http://x\")", themes=["sante"]),
                          member=agenda["members"]["91"], status=EventStatus.PUBLISHED)
    db.session.commit()
    response = client.get("/agenda/formations.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["Trimestre", "Début", "Fin", "Formation"]
    titles = [row[3] for row in rows[1:]]
    assert EAD in titles and "'=HYPERLINK(\"http://x\")" in titles
    ead = next(row for row in rows if row[3] == EAD)
    assert ead[9] == "12" and "Val-de-Marne" in ead[5]


def test_the_plan_issues_the_same_statements_for_few_and_many_trainings(client, agenda, plan):
    def count():
        client.get("/agenda/formations")
        with counting() as statements:
            assert client.get("/agenda/formations").status_code == 200
        return len(statements)

    as_(client, agenda, "officer91")
    few = count()
    for i in range(40):
        services.create_event(None, data(f"Formation numéro {i}", day=TODAY + timedelta(days=i),
                                         themes=["sante", "education"][: 1 + i % 2]),
                              member=agenda["members"][("91", "93")[i % 2]],
                              status=(EventStatus.PUBLISHED, EventStatus.DRAFT)[i % 2])
    db.session.commit()
    assert count() == few <= 15
