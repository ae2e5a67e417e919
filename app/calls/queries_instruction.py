"""The officers' instruction list of a call: the applications that ask the viewer's
member (every one for the coordinator), only those filed (never a draft, nor a draft
withdrawn before it was filed); counts per state, filters, sort,
and the envelopes' gauges. A bounded number of statements whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from app.auth.permissions import is_coordinator
from app.calls.domain import decisions
from app.calls.models import Call, EnvelopeStatus
from app.calls.models_applications import (
    Application,
    ApplicationShare,
    ApplicationState,
    Review,
    application_themes,
)
from app.core.pagination import Page, arg_choice, arg_int
from app.core.text import clean_arg
from app.extensions import db
from app.network.models import Territory, Theme

SORTS = ("date", "montant", "note")
DECIDED = ("oui", "non")
VISIBLE_STATES = [s for s in ApplicationState if s != ApplicationState.DRAFT]
# Asked of a member and still waiting for its decision: the gauge's "pending".
LIVE_STATES = [ApplicationState.SUBMITTED, ApplicationState.IN_REVIEW, ApplicationState.NEEDS_CHANGES]


@dataclass
class InstructionFilters:
    """``/appels/3/instruction?etat=in_review&theme=education&pays=SN&decide=non&tri=montant``"""

    etat: str | None = None
    theme: str | None = None
    pays: str | None = None
    decide: str | None = None
    tri: str = "date"

    @classmethod
    def from_args(cls, args: MultiDict) -> InstructionFilters:
        pays = clean_arg(args.get("pays"), 2).upper()
        return cls(etat=arg_choice(args, "etat", [s.value for s in VISIBLE_STATES]),
                   theme=clean_arg(args.get("theme"), 60) or None,
                   pays=pays if len(pays) == 2 and pays.isalpha() else None,
                   decide=arg_choice(args, "decide", DECIDED),
                   tri=arg_choice(args, "tri", SORTS) or "date")


def filed():
    """Applications filed at least once: a draft, or a draft withdrawn before it was ever
    filed, is the applicant's alone and never counts in instruction."""
    return sa.and_(Application.state != ApplicationState.DRAFT, Application.submitted_at.is_not(None))


def _mine(user):
    """The viewer's applications: those asking its member; all for the coordinator."""
    if is_coordinator(user):
        return sa.true()
    # EXISTS rather than IN: a semi-join either database plans well, with or without statistics.
    return sa.exists().where(ApplicationShare.application_id == Application.id,
                             ApplicationShare.member_id == user.member_id)


def base(call: Call, user) -> sa.Select:
    return sa.select(Application).where(Application.call_id == call.id, filed(), _mine(user))


def counts(call: Call, user) -> dict[str, int]:
    rows = db.session.execute(
        sa.select(Application.state, sa.func.count()).where(
            Application.call_id == call.id, filed(), _mine(user))
        .group_by(Application.state)).all()
    found = {state.value if hasattr(state, "value") else state: n for state, n in rows}
    return {s.value: found.get(s.value, 0) for s in VISIBLE_STATES}


def _undecided(user):
    """Applications with a share still to decide (the viewer's member's, or any)."""
    shares = sa.exists().where(ApplicationShare.application_id == Application.id,
                               ApplicationShare.granted_cents.is_(None))
    if not is_coordinator(user):
        shares = shares.where(ApplicationShare.member_id == user.member_id)
    return shares


def _asked(user):
    stmt = sa.select(sa.func.coalesce(sa.func.sum(ApplicationShare.asked_cents), 0)).where(
        ApplicationShare.application_id == Application.id)
    if not is_coordinator(user):
        stmt = stmt.where(ApplicationShare.member_id == user.member_id)
    return stmt.scalar_subquery()


def listing(call: Call, user, filters: InstructionFilters) -> sa.Select:
    stmt = base(call, user)
    if filters.etat:
        stmt = stmt.where(Application.state == ApplicationState(filters.etat))
    if filters.theme:
        stmt = stmt.where(Application.id.in_(
            sa.select(application_themes.c.application_id).join(Theme).where(Theme.slug == filters.theme)))
    if filters.pays:
        stmt = stmt.where(Application.partner_territory_id.in_(
            sa.select(Territory.id).where(Territory.country_code == filters.pays)))
    if filters.decide == "oui":
        stmt = stmt.where(~_undecided(user))
    elif filters.decide == "non":
        stmt = stmt.where(_undecided(user))
    if filters.tri == "montant":
        stmt = stmt.order_by(_asked(user).desc(), Application.id)
    elif filters.tri == "note":  # the best first, the unscored last
        stmt = stmt.order_by(_score().desc().nulls_last(), Application.id)
    else:
        stmt = stmt.order_by(Application.submitted_at.desc(), Application.id.desc())
    return stmt


def _load(ids: list[int]) -> list[Application]:
    if not ids:
        return []
    rows = db.session.scalars(
        sa.select(Application).where(Application.id.in_(ids))
        .options(selectinload(Application.actor), selectinload(Application.partner_territory),
                 selectinload(Application.shares).selectinload(ApplicationShare.member))).all()
    by_id = {a.id: a for a in rows}
    return [by_id[i] for i in ids if i in by_id]


def _score():
    """The mean of the application's reviews' weighted scores (out of 5); NULL when none
    is scored. Each review's own weighted score is stored when it is saved."""
    return (sa.select(sa.func.avg(Review.total_score)).where(Review.application_id == Application.id)
            .scalar_subquery())


def scores(call: Call, application_ids) -> dict[int, float]:
    """The mean of the reviews' weighted scores (out of 5), per application."""
    rows = db.session.execute(sa.select(Review.application_id, sa.func.avg(Review.total_score))
                              .where(Review.application_id.in_(application_ids), Review.total_score.is_not(None))
                              .group_by(Review.application_id)).all()
    return {application_id: round(float(mean), 2) for application_id, mean in rows}


def page(call: Call, user, filters: InstructionFilters, args: MultiDict) -> tuple[Page, dict[int, float]]:
    number = arg_int(args, "page", 1, 1, 100_000)
    per_page = arg_int(args, "per_page", 20, 1, 100)
    stmt = listing(call, user, filters)
    # The page's ids and the list's length in one statement (a window count); a page past
    # the end has no row to carry it, so only then is the length counted apart.
    rows = db.session.execute(stmt.with_only_columns(Application.id, sa.func.count().over())
                              .limit(per_page).offset((number - 1) * per_page)).all()
    shown = [application_id for application_id, _ in rows]
    total = rows[0][1] if rows else db.session.scalar(
        sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())) or 0
    marks = scores(call, shown) if shown else {}
    return Page(_load(shown), total, number, per_page), marks


def everything(call: Call, user, filters: InstructionFilters) -> tuple[list[Application], dict[int, float]]:
    """The whole list for the CSV export (same filters and order)."""
    stmt = listing(call, user, filters)
    ids = list(db.session.scalars(stmt.with_only_columns(Application.id).limit(20_000)))
    marks = scores(call, sa.select(Application.id).where(Application.id.in_(ids))) if ids else {}
    return _load(ids), marks


def countries(call: Call) -> list[Territory]:
    """The partner countries of the call's applications (the country filter's choices)."""
    from app.network.models import TerritoryKind

    used = (sa.select(Territory.country_code).join(Application, Application.partner_territory_id == Territory.id)
            .where(Application.call_id == call.id, filed()).distinct())
    return list(db.session.scalars(sa.select(Territory).where(
        Territory.kind == TerritoryKind.COUNTRY, Territory.country_code.in_(used)).order_by(Territory.name)))


@dataclass
class MemberGauge:
    member: object
    gauge: decisions.Gauge

    def percent(self, value: int) -> float:
        return round(100 * value / self.gauge.amount, 1) if self.gauge.amount else 0.0


def gauges(call: Call) -> list[MemberGauge]:
    """Per co-funder: its envelope, what it granted, what remains, what is asked and
    undecided (on dossiers still open). Summed by the database: one row per member."""
    pending = sa.case((sa.and_(ApplicationShare.granted_cents.is_(None), Application.state.in_(LIVE_STATES)),
                       ApplicationShare.asked_cents), else_=0)
    rows = db.session.execute(
        sa.select(ApplicationShare.member_id, sa.func.coalesce(sa.func.sum(ApplicationShare.granted_cents), 0),
                  sa.func.coalesce(sa.func.sum(pending), 0))
        .join(Application, ApplicationShare.application_id == Application.id)
        .where(Application.call_id == call.id, filed())
        .group_by(ApplicationShare.member_id)).all()
    sums = {member_id: (int(granted), int(asked)) for member_id, granted, asked in rows}
    out = []
    for envelope in call.envelopes:
        if envelope.status != EnvelopeStatus.ACCEPTED:
            continue
        granted, asked = sums.get(envelope.member_id, (0, 0))
        out.append(MemberGauge(envelope.member, decisions.Gauge(envelope.amount_cents, granted,
                                                                envelope.amount_cents - granted, asked)))
    return out
