"""The demo data (`flask demo load`): what a visitor and the demo accounts find in it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.actors.models import Actor, FundingScheme, PublicationStatus, Recurrence
from app.auth.models import Role, User
from app.core.audit import AuditEntry
from app.demo.data import DEMO_PASSWORD
from app.demo.loader import DEMO_ACCOUNTS, load
from app.extensions import db
from app.network.models import Member, MemberStatus, Partnership, Territory, TerritoryKind
from app.search.backend import SearchQuery
from app.search.models import SearchPending
from app.search.sync import drain

FOUNDERS = ("IDF", "77", "91", "93", "94")
REGION_ZONES = ("SN-dakar", "VN-hanoi", "CL-santiago", "MG-antananarivo", "AM-erevan",
                "LB-beyrouth", "MR-nouakchott", "BR-sao-paulo", "CA-quebec")


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def counts() -> dict[str, int]:
    return {model.__name__: count(model) for model in
            (Member, Territory, Partnership, Actor, FundingScheme, User, AuditEntry, SearchPending)}


@pytest.fixture
def demo(demo_app):
    """The demo data, loaded once for the run (read-only tests)."""
    with demo_app.app_context():
        yield demo_app
        db.session.remove()


def test_demo_data_fills_the_portal(demo):
    assert count(Actor, Actor.published) >= 45
    assert count(FundingScheme, FundingScheme.status == PublicationStatus.PUBLISHED) >= 30

    members = {m.code: m for m in db.session.scalars(sa.select(Member))}
    assert all(members[code].status == MemberStatus.ACTIVE for code in FOUNDERS)
    assert [m.code for m in members.values() if m.is_coordinator] == ["IDF"]
    assert {members[c].status for c in ("78", "92", "95")} == {MemberStatus.CANDIDATE}
    assert "75" not in members

    region_partners = {p.territory.code for p in members["IDF"].partnerships}
    assert set(REGION_ZONES) <= region_partners
    dakar = db.session.scalar(sa.select(Territory).where(Territory.code == "SN-dakar"))
    assert dakar.kind == TerritoryKind.PARTNER_CITY and dakar.parent.code == "SN"


def test_every_actor_is_placed_in_its_departement(demo):
    for actor in db.session.scalars(sa.select(Actor)):
        if actor.departement:
            assert actor.postal_code and actor.postal_code.startswith(actor.departement.code), actor
        assert actor.rna is None and actor.siret is None
        assert actor.email is None or actor.email.endswith(".example.org")


def test_scheme_dates_follow_today(demo):
    today = date.today()
    schemes = list(db.session.scalars(sa.select(FundingScheme)))
    open_now = [s for s in schemes if s.is_open_on(today)]
    closed = [s for s in schemes if s.closes_on and s.closes_on < today]
    future = [s for s in schemes if s.opens_on and s.opens_on > today]
    assert len(open_now) >= 15 and closed and future
    assert all(s.opens_on is None for s in schemes if s.recurrence == Recurrence.PERMANENT)
    youth = next(s for s in schemes if s.name == "Chantiers jeunes de solidarité internationale")
    assert (youth.age_min, youth.age_max, youth.funder_member.code) == (18, 25, "78")
    mobil_asie = next(s for s in schemes if s.name == "Mobil'Asie")
    assert "VN-hanoi" in {t.code for t in mobil_asie.territories}


def test_demo_accounts_log_in(demo):
    assert len(DEMO_ACCOUNTS) == 7
    for email, _role, _belongs_to in DEMO_ACCOUNTS:
        user = db.session.scalar(sa.select(User).where(User.email == email))
        assert user is not None and user.active, email
        assert user.check_password(DEMO_PASSWORD), email
    coordinator = db.session.scalar(sa.select(User).where(User.email == "coordination@example.org"))
    assert coordinator.role == Role.COORDINATOR and coordinator.member.code == "IDF"
    applicant = db.session.scalar(sa.select(User).where(User.email == "association1@example.org"))
    assert applicant.role == Role.APPLICANT and applicant.actor.acronym == "ER & DE"


def test_loading_twice_changes_nothing(app):
    summary = load()
    assert "\n" not in summary and "acteurs" in summary
    drain(app.extensions["search"], db.engine)
    before = counts()
    assert "rien de nouveau" in load()
    assert counts() == before


def test_search_finds_the_demo_data(demo):
    app = demo
    results = app.extensions["search"].search(SearchQuery(text="Via le monde"))
    assert "Via le monde" in [hit.title for hit in results.hits]
    results = app.extensions["search"].search(SearchQuery(text="Dakar", filters={"type": ["territory"]}))
    assert "Dakar" in [hit.title for hit in results.hits]

    # Names joined by an apostrophe: either word finds them, as typed and as suggested.
    for typed, name in (("asie", "Mobil'Asie"), ("pro aide", "Pro'aide"), ("quebec mobil", "Mobil'Québec")):
        assert name in [hit.title for hit in app.extensions["search"].search(SearchQuery(text=typed)).hits], typed
    assert "Mobil'Asie" in [hit.title for hit in app.extensions["search"].suggest("mobil'")]
    assert "Mobil'Asie" in [hit.title for hit in app.extensions["search"].suggest("Mobil'As")]


def test_demo_agenda_has_the_network_calendar(demo):
    from app.agenda.models import Event, EventStatus, Visibility

    today = date.today()
    events = list(db.session.scalars(sa.select(Event)))
    by_title = {e.title: e for e in events}
    francophonie = by_title["Journée de la Francophonie"]
    assert (francophonie.first_day.month, francophonie.first_day.day) == (3, 20)
    europe = by_title["Fête de l'Europe : l'Europe des territoires solidaires"]
    assert (europe.first_day.month, europe.first_day.day) == (5, 9)
    assert (by_title["Fête de la musique du monde"].first_day.month,
            by_title["Fête de la musique du monde"].first_day.day) == (6, 21)
    ssi = next(e for e in events if e.kind.value == "ssi")
    assert ssi.first_day.month == 11 and ssi.last_day >= today
    # Everything within the coming twelve months.
    assert all(e.last_day >= today - timedelta(days=31) and e.first_day <= today + timedelta(days=366)
               for e in events)
    merged = [e for e in events if e.status == EventStatus.MERGED]
    assert len(merged) == 1 and merged[0].merged_into.status == EventStatus.PUBLISHED
    assert {o.member.code for o in merged[0].merged_into.organisers} == {"IDF", "91"}
    assert any(e.multi_day and e.kind.value == "formation" for e in events)
    assert [e.title for e in events if e.status == EventStatus.CANCELLED]
    assert [e.title for e in events if e.visibility == Visibility.MEMBERS]
    assert [e.title for e in events if e.status == EventStatus.PROPOSED]
    trainers = {o.member.code for e in events if e.kind.value == "formation" for o in e.organisers if o.member}
    assert len(trainers) >= 3  # trainings by several members


def test_association1_finds_its_filed_dossier(demo):
    from app.calls import application_services
    from app.calls.domain.submission import check_submission
    from app.calls.models_applications import Application, ApplicationState
    from tests.conftest import login

    applicant = db.session.scalar(sa.select(User).where(User.email == "association1@example.org"))
    filed = db.session.scalar(sa.select(Application).where(
        Application.actor_id == applicant.actor_id,
        Application.project_title == "Électricité solaire pour trois écoles de Dakar"))
    # Filed, then instructed and decided by the Région and the 91 (the decisions' demo).
    assert filed.state == ApplicationState.ACCEPTED and filed.revisions[0].number == 1
    with demo.test_request_context():
        # Filed as the rules would have filed it: balanced, within ceilings and rates, complete.
        facts, rules = application_services.facts(filed), application_services.rules(filed.call)
        assert check_submission(facts, rules, filed.submitted_at) == []
    client = demo.test_client()
    assert login(client, "association1@example.org", DEMO_PASSWORD).status_code == 302
    page = client.get("/candidatures/").get_data(as_text=True)
    assert "Électricité solaire pour trois écoles de Dakar" in page
    assert client.get(f"/candidatures/{filed.id}").status_code == 200
    other = db.session.scalar(sa.select(User).where(User.email == "association2@example.org"))
    draft = db.session.scalar(sa.select(Application).where(Application.actor_id == other.actor_id))
    assert draft.state == ApplicationState.DRAFT
    assert client.get(f"/candidatures/{draft.id}").status_code == 404
