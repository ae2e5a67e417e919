"""List pages issue the same number of SQL statements for 10 items as for 100."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from app.extensions import db


@contextmanager
def counting():
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


@pytest.fixture
def many(app, make_member):
    """110 actors and 105 schemes, written in one transaction (one index drain)."""
    from app.actors import services
    from app.actors.models import ActorKind
    from app.network.models import Member, Territory, Theme

    members = {code: make_member(code) for code in ("IDF", "91", "93")}
    places = {t.code: t for t in db.session.scalars(
        sa.select(Territory).where(Territory.code.in_(["IDF", "91", "93", "94", "SN", "VN", "ML"])))}
    themes = {t.slug: t for t in db.session.scalars(sa.select(Theme))}
    for i in range(110):
        services.create_actor(None, services.ActorData(
            name=f"Association numéro {i:03d}", kind=ActorKind.ASSOCIATION,
            departement=places[("91", "93", "94")[i % 3]],
            themes=[themes["education"], themes["sante"]][: 1 + i % 2],
            territories=[places["SN"], places["VN"], places["ML"]][: 1 + i % 3]))
    for i in range(105):
        services.create_scheme(None, services.SchemeData(
            name=f"Dispositif numéro {i:03d}", funder_member=members[("IDF", "91", "93")[i % 3]],
            themes=[themes["education"]], territories=[places["IDF"], places["SN"]]), publish=True)
    db.session.commit()
    assert isinstance(members["IDF"], Member)


@pytest.fixture
def many_projects(many):
    """105 funded projects (two funders each, a theme, a partner place inside a country),
    written straight to the database like the calls' decisions would."""
    from app.actors.models import Actor
    from app.calls.models_applications import Application, ApplicationState
    from app.core.db import utcnow
    from app.network.models import Territory, TerritoryKind, Theme
    from app.projects.models import Project, ProjectFunding
    from tests.instruction_factory import make_call, member

    idf, m91 = member("IDF"), member("91")
    call = make_call(idf, {idf: 10**10, m91: 10**10})
    countries = {t.code: t for t in db.session.scalars(sa.select(Territory).where(Territory.code.in_(["SN", "VN", "ML"])))}
    places = [Territory(code=f"{code}-CITY", kind=TerritoryKind.PARTNER_CITY, name=f"Ville {code}",
                        country_code=code, parent=countries[code]) for code in ("SN", "VN", "ML")]
    db.session.add_all(places)
    theme = db.session.scalar(sa.select(Theme).where(Theme.slug == "education"))
    now = utcnow()
    actors = db.session.scalars(sa.select(Actor).order_by(Actor.id).limit(105)).all()
    applications = [Application(call=call, actor=actor, state=ApplicationState.ACCEPTED, project_title=f"Projet {i}",
                                summary="Un projet.", submitted_at=now, revision=1, decided_at=now)
                    for i, actor in enumerate(actors)]
    db.session.add_all(applications)
    db.session.flush()
    for i, application in enumerate(applications):
        db.session.add(Project(
            application_id=application.id, call_id=call.id, call_title_fr="Appel", actor_id=application.actor_id,
            title=f"Projet numéro {i:03d}", summary="Un projet.", local_benefits="Des ateliers.",
            partner_territory=places[i % len(places)], decision_year=2027, themes=[theme],
            fundings=[ProjectFunding(member_id=idf.id, amount_cents=100_000 + i, decision_reference="CP 1"),
                      ProjectFunding(member_id=m91.id, amount_cents=50_000 + i, decision_reference="CP 2")]))
    db.session.commit()


@pytest.mark.parametrize("url", ["/projets/?per_page={n}", "/api/v1/projects?per_page={n}"])
def test_project_lists_do_not_grow_with_the_page(client, many_projects, url):
    counts = {}
    for n in (10, 100):
        client.get(url.format(n=n))  # warm
        with counting() as statements:
            response = client.get(url.format(n=n))
        assert response.status_code == 200
        text = response.get_data(as_text=True)
        assert text.count("/projets/") - text.count('href="/projets/"') >= n  # every item of the page shown
        counts[n] = len(statements)
    assert counts[10] == counts[100], counts
    assert counts[100] <= 25


@pytest.mark.parametrize("url", [
    "/acteurs/?per_page={n}",
    "/acteurs/?departement=91&per_page={n}",
    "/dispositifs/?per_page={n}",
    "/dispositifs/?departement=93&pays=SN&profil=association&per_page={n}",
    "/api/v1/actors?per_page={n}",
    "/api/v1/schemes?per_page={n}",
    "/api/v1/territories?per_page={n}",
    "/recherche?q=numero&per_page={n}",
    "/api/v1/search?q=numero&per_page={n}",
])
def test_statements_do_not_grow_with_the_page(client, many, url):
    counts = {}
    for n in (10, 100):
        client.get(url.format(n=n))  # warm
        with counting() as statements:
            response = client.get(url.format(n=n))
        assert response.status_code == 200
        counts[n] = len(statements)
    assert counts[10] == counts[100], counts
    assert counts[100] <= 20


def test_territory_pages_are_bounded(client, many):
    counts = [len_statements(client, url) for url in ("/territoires/91", "/territoires/SN", "/territoires/")]
    assert max(counts) <= 20, counts


def len_statements(client, url) -> int:
    with counting() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def test_the_lists_really_hold_100_items(client, many):
    assert db.session.scalar(sa.text("SELECT count(*) FROM actors")) == 110
    assert len(client.get("/api/v1/actors?per_page=100").get_json()["results"]) == 100
