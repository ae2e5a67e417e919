"""The calls' lists: open first, then upcoming, then closed (bounded SQL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import get_locale
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from app.actors.linked_calls import LinkedCall
from app.calls.models import Call, CallEnvelope, CallState, EnvelopeStatus, call_themes
from app.core.db import utcnow
from app.core.pagination import arg_choice
from app.core.text import clean_arg
from app.network.models import Member, Theme

# The phase a reader filters on (French, in the URL) -> what it means.
PHASES = ("ouvert", "a_venir", "clos")
PUBLIC_STATES = (CallState.PUBLISHED, CallState.CLOSED, CallState.DECIDED, CallState.ARCHIVED)


@dataclass
class CallFilters:
    """``/appels/?membre=91&theme=education&etat=ouvert``"""

    membre: str | None = None
    theme: str | None = None
    etat: str | None = None

    @classmethod
    def from_args(cls, args: MultiDict) -> CallFilters:
        return cls(membre=clean_arg(args.get("membre"), 10) or None,
                   theme=clean_arg(args.get("theme"), 60) or None,
                   etat=arg_choice(args, "etat", PHASES))

    @property
    def active(self) -> bool:
        return bool(self.membre or self.theme or self.etat)


def _rank(now: datetime):
    """0 open, 1 upcoming, 2 closed (whatever was recorded: the clock decides)."""
    published = Call.state == CallState.PUBLISHED
    return sa.case(
        (sa.and_(published, Call.opens_at <= now, Call.closes_at > now), 0),
        (sa.and_(published, Call.opens_at > now), 1),
        else_=2,
    )


def listing(filters: CallFilters, now: datetime | None = None) -> sa.Select:
    now = now or utcnow()
    rank = _rank(now)
    stmt = (sa.select(Call).where(Call.state.in_(PUBLIC_STATES))
            .options(selectinload(Call.lead_member), selectinload(Call.themes), selectinload(Call.territories),
                     selectinload(Call.criteria),
                     selectinload(Call.envelopes).selectinload(CallEnvelope.member)))
    if filters.membre:
        stmt = stmt.where(Call.id.in_(
            sa.select(CallEnvelope.call_id).join(Member, CallEnvelope.member_id == Member.id)
            .where(Member.code == filters.membre, CallEnvelope.status == EnvelopeStatus.ACCEPTED)))
    if filters.theme:
        stmt = stmt.where(Call.id.in_(
            sa.select(call_themes.c.call_id).join(Theme).where(Theme.slug == filters.theme)))
    if filters.etat:
        stmt = stmt.where(rank == PHASES.index(filters.etat))
    # Open and upcoming: the soonest deadline first; closed: the latest first.
    soonest = sa.case((rank < 2, Call.closes_at), else_=None)
    return stmt.order_by(rank, soonest.asc(), Call.closes_at.desc(), Call.id)


def open_calls(limit: int = 5, now: datetime | None = None) -> list[Call]:
    from app.extensions import db

    now = now or utcnow()
    return list(db.session.scalars(
        sa.select(Call).where(Call.state == CallState.PUBLISHED, Call.opens_at <= now, Call.closes_at > now)
        .options(selectinload(Call.lead_member), selectinload(Call.envelopes).selectinload(CallEnvelope.member))
        .order_by(Call.closes_at, Call.id).limit(limit)))


def drafts_and_invitations(user) -> tuple[list[Call], list[CallEnvelope]]:
    """An officer's drafts (its member's, or every member's for the coordinator) and the
    invitations its member has not answered yet."""
    from app.extensions import db

    drafts = sa.select(Call).where(Call.state == CallState.DRAFT).options(selectinload(Call.lead_member))
    if not user.is_coordinator:
        drafts = drafts.where(Call.id.in_(sa.select(CallEnvelope.call_id)
                                          .where(CallEnvelope.member_id == user.member_id)))
    invitations = db.session.scalars(
        sa.select(CallEnvelope).where(CallEnvelope.member_id == user.member_id,
                                      CallEnvelope.status == EnvelopeStatus.INVITED)
        .options(selectinload(CallEnvelope.call)).order_by(CallEnvelope.id).limit(50)).all()
    return list(db.session.scalars(drafts.order_by(Call.closes_at).limit(50))), list(invitations)


def linked_calls(scheme_id: int | None, now: datetime) -> list[LinkedCall]:
    """The published calls not closed at ``now`` (of ``scheme_id`` when given), for the
    directory's pages (registered in :mod:`app.actors.linked_calls`)."""
    from app.extensions import db

    stmt = (sa.select(Call).where(Call.state == CallState.PUBLISHED, Call.closes_at > now)
            .options(selectinload(Call.lead_member), selectinload(Call.themes),
                     selectinload(Call.envelopes).selectinload(CallEnvelope.member))
            .order_by(Call.closes_at, Call.id))
    if scheme_id is not None:
        stmt = stmt.where(Call.scheme_id == scheme_id)
    locale = str(get_locale() or "fr")
    return [LinkedCall(
        id=call.id, title=call.title(locale), title_en=call.title_en or "", path=call.path, opens_at=call.opens_at, closes_at=call.closes_at,
        lead_name=call.lead_member.name, scheme_id=call.scheme_id, themes=tuple(t.slug for t in call.themes),
        member_codes=tuple(dict.fromkeys([call.lead_member.code, *(e.member.code for e in call.accepted_envelopes)])),
    ) for call in db.session.scalars(stmt)]
