"""What the search index keeps of calls (public ones only), and the calls' closing
times in the agenda's deadlines calendar."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, selectinload

from app.actors.documents import countries_of, day_number
from app.agenda.deadlines import Deadline, register_deadlines
from app.calls.models import Call, CallEnvelope
from app.calls.queries import PUBLIC_STATES
from app.core.dates import PARIS
from app.core.db import utcnow
from app.core.text import html_to_text
from app.core.web import current_locale, paris_moment
from app.extensions import db
from app.search.backend import PUBLIC, SearchDocument
from app.search.documents import bilingual, register


def _all_call_ids(session: Session) -> list[int]:
    return list(session.scalars(sa.select(Call.id).where(Call.state.in_(PUBLIC_STATES)).order_by(Call.id)))


@register("call", _all_call_ids, label=_l("Appels à projets"), position=5, hide_ended=True)
def call_documents(session: Session, ids: list[int]) -> dict[int, SearchDocument | None]:
    calls = session.scalars(
        sa.select(Call).where(Call.id.in_(ids)).options(
            selectinload(Call.themes), selectinload(Call.territories), selectinload(Call.lead_member),
            selectinload(Call.envelopes).selectinload(CallEnvelope.member))
    ).all()
    out: dict[int, SearchDocument | None] = {}
    for call in calls:
        if call.state not in PUBLIC_STATES:
            continue  # a draft is never found
        funders = ", ".join(e.member.name for e in call.accepted_envelopes)
        body = " ".join([call.title_en, html_to_text(call.text_fr), html_to_text(call.text_en), funders,
                         " ".join(t.label for t in call.themes), " ".join(t.name for t in call.territories)])
        departements = sorted({e.member.code for e in call.accepted_envelopes if e.member.code.isdigit()})
        closes = call.closes_at.astimezone(PARIS)
        out[call.id] = SearchDocument(
            type="call", id=call.id, title=call.title_fr, url=call.path, body=body,
            **bilingual(lambda call=call, funders=funders: " · ".join(
                p for p in (funders, _("clôture le %(day)s", day=paris_moment(call.closes_at))) if p)),
            departement=departements,
            theme=[t.slug for t in call.themes],
            pays=countries_of(call.territories),
            audience=PUBLIC,
            starts=day_number(call.opens_at.astimezone(PARIS).date(), 0),
            ends=day_number(closes.date(), 0),
        )
    return out


# -- the deadlines' calendar -------------------------------------------------------------------


def _deadline_calls() -> sa.Select:
    since = utcnow() - timedelta(days=92)
    return sa.select(Call).where(Call.state.in_(PUBLIC_STATES), Call.closes_at >= since)


def _fingerprint() -> str:
    summary = _deadline_calls().with_only_columns(Call.id, Call.updated_at, Call.version).subquery()
    row = db.session.execute(sa.select(sa.func.count(), sa.func.max(summary.c.updated_at),
                                       sa.func.sum(summary.c.id), sa.func.sum(summary.c.version))).one()
    return hashlib.sha256(repr(tuple(row)).encode()).hexdigest()[:32]


def _deadlines() -> list[Deadline]:
    calls = db.session.scalars(_deadline_calls().options(selectinload(Call.lead_member)).order_by(Call.id)).all()
    return [Deadline(
        uid=f"call-{call.id}-cloture",
        # The title often says « appel à projets » and holds guillemets: not repeated, not nested.
        summary=_("Clôture : %(title)s (%(lead)s)", title=call.title(current_locale()), lead=call.lead_member.name),
        at=call.closes_at, path=call.path, updated_at=call.updated_at, sequence=max(call.version - 1, 0),
        categories=(_("Appel à projets"),)) for call in calls]


def register_deadlines_source() -> None:
    register_deadlines("calls", _fingerprint, _deadlines)
