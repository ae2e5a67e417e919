"""An officer's dashboard (``/tableau-de-bord``): what waits for its member.

Its member's drafts (events and schemes), associations' proposals to moderate, overlaps
flagged between its trainings and other members', its schemes closing soon, its records
not updated for a year. The coordinator sees the same across all members, with counts
per member. Here, above the agenda and the directory, because it shows both.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from flask import render_template
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from app.actors.models import FundingScheme, PublicationStatus
from app.agenda import queries as agenda_queries
from app.agenda.models import Event, EventOrganiser, EventStatus, OverlapNotice
from app.auth.permissions import is_coordinator, is_staff, require
from app.core.db import utcnow
from app.extensions import db
from app.main.views import bp
from app.network import queries as network_queries

CLOSING_SOON = timedelta(days=30)
STALE = timedelta(days=365)
LIMIT = 50


@dataclass
class Dashboard:
    event_drafts: list[Event]
    scheme_drafts: list[FundingScheme]
    proposals: list[Event]
    notices_received: list[OverlapNotice]
    notices_sent: list[OverlapNotice]
    closing: list[FundingScheme]
    stale_events: list[Event]
    stale_schemes: list[FundingScheme]
    counts: dict[int, Counter] = field(default_factory=dict)  # coordinator: member id -> counts


def _of_member(stmt, member_id: int | None):
    if member_id is None:
        return stmt
    return stmt.where(Event.id.in_(sa.select(EventOrganiser.event_id).where(EventOrganiser.member_id == member_id)))


def _notices(column, member_id: int | None) -> list[OverlapNotice]:
    stmt = (sa.select(OverlapNotice)
            .options(selectinload(OverlapNotice.event), selectinload(OverlapNotice.other_event),
                     selectinload(OverlapNotice.member), selectinload(OverlapNotice.other_member))
            .order_by(OverlapNotice.created_at.desc(), OverlapNotice.id.desc()).limit(LIMIT))
    if member_id is not None:
        stmt = stmt.where(column == member_id)
    return list(db.session.scalars(stmt))


def build(member_id: int | None, *, today: date) -> Dashboard:
    """``member_id`` None: every member's (the coordinator)."""
    schemes = sa.select(FundingScheme).options(selectinload(FundingScheme.funder_member))
    if member_id is not None:
        schemes = schemes.where(FundingScheme.funder_member_id == member_id)
    published = FundingScheme.status == PublicationStatus.PUBLISHED
    stale_before = utcnow() - STALE
    with_organisers = selectinload(Event.organisers).selectinload(EventOrganiser.member)
    board = Dashboard(
        event_drafts=list(db.session.scalars(
            agenda_queries.drafts(member_id).options(with_organisers).limit(LIMIT))),
        scheme_drafts=list(db.session.scalars(
            schemes.where(FundingScheme.status == PublicationStatus.DRAFT).order_by(FundingScheme.name).limit(LIMIT))),
        proposals=list(db.session.scalars(agenda_queries.proposals().limit(LIMIT))),
        notices_received=_notices(OverlapNotice.other_member_id, member_id),
        notices_sent=_notices(OverlapNotice.member_id, member_id) if member_id is not None else [],
        closing=list(db.session.scalars(
            schemes.where(published, FundingScheme.closes_on >= today, FundingScheme.closes_on <= today + CLOSING_SOON)
            .order_by(FundingScheme.closes_on).limit(LIMIT))),
        stale_events=list(db.session.scalars(_of_member(
            sa.select(Event).where(Event.status == EventStatus.PUBLISHED, Event.updated_at < stale_before,
                                   Event.ends_at >= utcnow()), member_id)
            .options(with_organisers).order_by(Event.updated_at).limit(LIMIT))),
        stale_schemes=list(db.session.scalars(
            schemes.where(published, FundingScheme.updated_at < stale_before)
            .order_by(FundingScheme.updated_at).limit(LIMIT))),
    )
    if member_id is None:
        board.counts = _counts(today, stale_before)
    return board


def _counts(today: date, stale_before) -> dict[int, Counter]:
    """Per member, in a few grouped statements: drafts, overlaps received, schemes closing
    soon, records not updated for a year."""
    counts: dict[int, Counter] = {}

    def add(name: str, rows) -> None:
        for member_id, n in rows:
            if member_id is not None:
                counts.setdefault(member_id, Counter())[name] += n

    lead = sa.select(EventOrganiser.member_id, sa.func.count(sa.distinct(Event.id))).join(
        Event, Event.id == EventOrganiser.event_id).group_by(EventOrganiser.member_id)
    add("drafts", db.session.execute(lead.where(Event.status == EventStatus.DRAFT)))
    add("drafts", db.session.execute(
        sa.select(FundingScheme.funder_member_id, sa.func.count()).where(
            FundingScheme.status == PublicationStatus.DRAFT).group_by(FundingScheme.funder_member_id)))
    add("overlaps", db.session.execute(
        sa.select(OverlapNotice.other_member_id, sa.func.count()).group_by(OverlapNotice.other_member_id)))
    add("closing", db.session.execute(
        sa.select(FundingScheme.funder_member_id, sa.func.count()).where(
            FundingScheme.status == PublicationStatus.PUBLISHED, FundingScheme.closes_on >= today,
            FundingScheme.closes_on <= today + CLOSING_SOON).group_by(FundingScheme.funder_member_id)))
    add("stale", db.session.execute(lead.where(Event.status == EventStatus.PUBLISHED,
                                               Event.updated_at < stale_before, Event.ends_at >= utcnow())))
    add("stale", db.session.execute(
        sa.select(FundingScheme.funder_member_id, sa.func.count()).where(
            FundingScheme.status == PublicationStatus.PUBLISHED, FundingScheme.updated_at < stale_before)
        .group_by(FundingScheme.funder_member_id)))
    return counts


@bp.route("/tableau-de-bord")
@login_required
def dashboard():
    require(is_staff(current_user))
    coordinator = is_coordinator(current_user)
    board = build(None if coordinator else current_user.member_id, today=date.today())
    return render_template("main/dashboard.html", board=board, coordinator=coordinator,
                           members=network_queries.current_members() if coordinator else [],
                           member=current_user.member)
