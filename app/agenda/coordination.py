"""Coordinating trainings between members: overlaps found when an officer saves a
training, the three answers (merge, join as co-organiser, keep both with a reason), and
the notice the other member gets (its dashboard at once, a mail through the outbox).

Actions flush, never commit: a rolled-back request records and sends nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from sqlalchemy.orm import selectinload

from app.agenda.models import (
    PARIS,
    Event,
    EventKind,
    EventOrganiser,
    EventStatus,
    NoticeKind,
    OverlapNotice,
)
from app.agenda.overlap import WINDOW, Overlap, TrainingFacts, find_overlaps
from app.auth.models import Role, User
from app.core import records
from app.core.db import utcnow
from app.core.rules import RuleViolations, Violation
from app.extensions import db
from app.mail import outbox
from app.network.models import Member

# Statuses of the trainings an overlap is looked for among: announced ones. As for twins,
# a draft is not offered (its member has not decided yet; the plan shows drafts to
# officers): the overlap is caught when the second of the two is saved published.
CANDIDATES = (EventStatus.PUBLISHED,)
MAX_OTHERS = 500


def training_facts(event_id: int | None, *, title: str, starts_at: datetime, ends_at: datetime,
                   themes, audience: str, members: frozenset[str]) -> TrainingFacts:
    return TrainingFacts(id=event_id, title=title, first_day=starts_at.astimezone(PARIS).date(),
                         last_day=ends_at.astimezone(PARIS).date(), themes=frozenset(t.slug for t in themes),
                         audience=audience or "", members=members)


def facts_of_event(event: Event) -> TrainingFacts:
    return training_facts(event.id, title=event.title, starts_at=event.starts_at, ends_at=event.ends_at,
                          themes=event.themes, audience=event.audience,
                          members=frozenset(o.member.code for o in event.organisers if o.member))


def overlaps_for(candidate: TrainingFacts, starts_at: datetime, ends_at: datetime, *,
                 set_aside: frozenset[int] = frozenset()) -> list[tuple[Event, Overlap]]:
    """Other members' published trainings on a similar topic within three months of
    ``candidate``, anywhere; those its member already answered, and ``set_aside`` (likely
    twins the officer just said are another event), are left out."""
    stmt = (sa.select(Event)
            .where(Event.kind == EventKind.TRAINING, Event.status.in_(CANDIDATES),
                   Event.id != (candidate.id or 0),
                   Event.starts_at <= ends_at + WINDOW + timedelta(days=1),
                   Event.ends_at >= starts_at - WINDOW - timedelta(days=1))
            .options(selectinload(Event.organisers).selectinload(EventOrganiser.member),
                     selectinload(Event.organisers).selectinload(EventOrganiser.actor),
                     selectinload(Event.themes), selectinload(Event.departement))
            .order_by(Event.starts_at).limit(MAX_OTHERS))
    others = db.session.scalars(stmt).all()
    answered = set(set_aside)
    if candidate.id is not None:
        answered.update(db.session.scalars(sa.select(OverlapNotice.other_event_id)
                                           .where(OverlapNotice.event_id == candidate.id)))
    others = [e for e in others if e.id not in answered]
    by_id = {e.id: e for e in others}
    return [(by_id[o.event_id], o) for o in find_overlaps(candidate, [facts_of_event(e) for e in others])]


def _lead_member(event: Event) -> Member | None:
    first = event.organisers[0] if event.organisers else None
    return first.member if first else None


def record_notice(user, kind: NoticeKind, *, event: Event | None, other: Event, member: Member | None,
                  reason: str | None = None, likeness: tuple[str, ...] = ()) -> OverlapNotice | None:
    """Tell the other member (the lead of ``other``) what ``member`` did; nothing when it
    is the same member."""
    other_member = _lead_member(other)
    if other_member is None or (member is not None and other_member.id == member.id):
        return None
    notice = OverlapNotice(kind=kind, event=event, other_event=other, member=member, other_member=other_member,
                           reason=(reason or "").strip() or None, likeness=",".join(likeness),
                           created_by_id=getattr(user, "id", None), created_at=utcnow())
    db.session.add(notice)
    db.session.flush()
    if user is not None:  # a person acted (the demo loader and imports write no mail)
        _mail(notice)
    return notice


def keep_both(user, event: Event, overlaps: list[tuple[Event, Overlap]], reason: str) -> list[OverlapNotice]:
    """The officer keeps its training beside the others on a similar topic, and says why."""
    if not (reason or "").strip():
        raise RuleViolations([Violation("reason_required", "overlap_reason")])
    member = _lead_member(event)
    notices = [record_notice(user, NoticeKind.KEPT, event=event, other=other, member=member, reason=reason,
                             likeness=overlap.reasons) for other, overlap in overlaps]
    notices = [n for n in notices if n is not None]
    if notices:
        records.transition(user, event, {"overlaps_kept": [None, [n.other_event_id for n in notices]],
                                         "reason": [None, reason.strip()]},
                           action="event.overlap_kept", doc_type="event")
    return notices


def join(user, target: Event, member: Member, *, summary: str = "", audience: str = "",
         registration_url: str | None = None, likeness: tuple[str, ...] = ()) -> EventOrganiser:
    """``member`` co-organises ``target`` with its own summary, audience and link,
    without an announcement of its own."""
    if target.status not in CANDIDATES or target.kind != EventKind.TRAINING:
        raise RuleViolations([Violation("join_not_allowed", "target")])
    if any(o.member_id == member.id for o in target.organisers):
        raise RuleViolations([Violation("already_organiser", "target")])
    organiser = EventOrganiser(member=member, position=max((o.position for o in target.organisers), default=0) + 1,
                               summary=summary.strip() or None, audience=audience.strip() or None,
                               registration_url=(registration_url or "").strip() or None)
    target.organisers.append(organiser)
    target.sequence += 1
    target.updated_at = utcnow()
    records.transition(user, target, {"co_organiser": [None, member.code]}, action="event.join", doc_type="event")
    record_notice(user, NoticeKind.JOINED, event=None, other=target, member=member, likeness=likeness)
    return organiser


# -- mail -------------------------------------------------------------------------------------


def _link(endpoint: str, **values) -> str:
    """A full address for a mail: on PORTAL_BASE_URL when set, else on the request's own
    address (empty on the command line without either)."""
    base = (current_app.config.get("PORTAL_BASE_URL") or "").rstrip("/")
    if base:
        parts = urlsplit(base)
        adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/",
                                           url_scheme=parts.scheme or "https")
        return adapter.build(endpoint, values, force_external=True)
    if has_request_context() or current_app.config.get("SERVER_NAME"):
        return url_for(endpoint, _external=True, **values)
    return ""


def recipients(member_id: int) -> list[User]:
    """The officers of a member (active accounts)."""
    return list(db.session.scalars(sa.select(User).where(
        User.member_id == member_id, User.active.is_(True),
        User.role.in_([Role.OFFICER, Role.COORDINATOR])).order_by(User.id)))


def _mail(notice: OverlapNotice) -> None:
    other, event = notice.other_event, notice.event
    for user in recipients(notice.other_member_id):
        outbox.queue_mail(db.session, to=user.email, template="overlap_notice", lang=user.language or "fr",
                          dedupe_key=f"overlap-notice:{notice.id}:{user.id}", context={
                              "name": user.name, "kind": notice.kind.value,
                              "member_name": notice.member.name if notice.member else "",
                              "other_title": other.title, "other_link": _link("agenda.event", event_id=other.id),
                              "title": event.title if event else other.title,
                              "link": _link("agenda.event", event_id=event.id) if event else "",
                              "day": event.first_day.isoformat() if event else "",
                              "reason": notice.reason or "",
                              "dashboard_link": _link("main.dashboard"),
                          })
