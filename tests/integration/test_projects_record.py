"""The public record follows what the calls announce (app.core.signals), whatever order
and however often: one project per application, funding lines = the grants standing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import sqlalchemy as sa

from app.core import signals
from app.core.signals import ApplicationFacts, ShareFacts
from app.extensions import db
from app.projects import queries
from app.projects.models import Project, ProjectFunding
from tests.instruction_factory import make_application, make_call


def _facts(application, state: str, grants: dict[int, int | None]) -> ApplicationFacts:
    return ApplicationFacts(
        application_id=application.id, call_id=application.call_id, call_title_fr="Appel", call_title_en="",
        actor_id=application.actor_id, title="Puits", summary="Un puits.", local_benefits="",
        partner_territory_id=None, theme_ids=(), state=state, decided_at=datetime(2027, 3, 1, tzinfo=UTC),
        shares=tuple(ShareFacts(member_id=m, granted_cents=c, decision_reference=f"CP {m}" if c else "",
                                decided_on=date(2027, 3, 1) if c else None) for m, c in grants.items()))


def _send(facts: ApplicationFacts) -> None:
    signals.application_outcome_settled.send("test", outcome=facts.state, application=facts)
    db.session.commit()


def test_the_record_follows_the_decisions_and_is_kept_once(app, make_member, make_actor):
    idf, m91 = make_member("IDF"), make_member("91")
    call = make_call(idf, {idf: 10_000_000, m91: 10_000_000})
    application = make_application(call, make_actor(), {idf: 500_000, m91: 300_000})

    _send(_facts(application, "in_review", {idf.id: 500_000, m91.id: None}))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Project)) == 0

    accepted = _facts(application, "accepted", {idf.id: 500_000, m91.id: 300_000})
    _send(accepted)
    _send(accepted)  # said twice: nothing twice
    project = db.session.scalar(sa.select(Project))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Project)) == 1
    assert {f.member_id: f.amount_cents for f in project.fundings} == {idf.id: 500_000, m91.id: 300_000}
    assert project.decision_year == 2027 and project.public

    _send(replace(accepted, shares=(ShareFacts(idf.id, 0), ShareFacts(m91.id, 0))))
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProjectFunding)) == 0
    assert not db.session.get(Project, project.id).public  # every grant withdrawn: no longer shown
    assert db.session.scalars(queries.listing(queries.ProjectFilters())).all() == []


def test_a_members_siret_is_set_from_the_command_line(app, make_member):
    from app.core.audit import AuditEntry

    m91 = make_member("91")
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["projects", "siret", "91", "22910228000019"])
    assert refused.exit_code != 0 and "SIRET invalide" in refused.output
    assert runner.invoke(args=["projects", "siret", "XX", "22910228000018"]).exit_code != 0
    done = runner.invoke(args=["projects", "siret", "91", "229 102 280 00018"])
    assert done.exit_code == 0, done.output
    db.session.expire_all()
    assert db.session.get(type(m91), m91.id).siret == "22910228000018"
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "member.siret"))
    assert entry.changes == {"siret": [None, "22910228000018"]}


def test_the_payment_period_of_a_grant_known_by_one_end(app, make_member, make_actor):
    """« échelonné » known only by its last date: from the decision to it; otherwise the one
    date known; none: the decision's date."""
    from app.projects import opendata

    idf, m91, m93 = make_member("IDF", siret="23750007900312"), make_member("91", siret="22910228000018"), \
        make_member("93", siret="22930008201453")
    call = make_call(idf, {idf: 10_000_000, m91: 10_000_000, m93: 10_000_000})
    application = make_application(call, make_actor(rna="W751234567"), {idf: 500_000, m91: 300_000, m93: 100_000})
    decided = date(2027, 3, 1)
    _send(replace(_facts(application, "accepted", {}), shares=(
        ShareFacts(idf.id, 500_000, "CP 1", decided, payment_terms="echelonne", payment_until=date(2028, 3, 1)),
        ShareFacts(m91.id, 300_000, "CP 2", decided, payment_terms="unique", payment_from=date(2027, 6, 1)),
        ShareFacts(m93.id, 100_000, "CP 3", decided, payment_terms="unique"))))
    periods = {r["idAttribuant"]: (r["datesPeriodeVersement"], r["conditionsVersement"]) for r in opendata.rows()}
    assert periods == {"23750007900312": ("2027-03-01/2028-03-01", "échelonné"),
                       "22910228000018": ("2027-06-01", "unique"),
                       "22930008201453": ("2027-03-01", "unique")}
