"""Actions on the agenda: they change state, audit, queue the index; they never commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.actors.models import Actor
from app.actors.services import EditConflict, check_version
from app.agenda.models import PARIS, Event, EventKind, EventOrganiser, EventStatus, Visibility
from app.agenda.twins import EventFacts, Twin, find_twins
from app.core import audit
from app.core.db import utcnow
from app.core.text import clean_html
from app.extensions import db
from app.network.models import Member, Territory, Theme
from app.search.sync import enqueue

AUDITED = ["title", "kind", "summary", "description", "starts_at", "ends_at", "all_day", "online",
           "online_url", "place_name", "address", "commune", "departement_id", "audience", "visibility",
           "status", "themes", "countries"]
# A change to these is news for a subscribed calendar: SEQUENCE grows.
CALENDAR_FIELDS = {"title", "summary", "description", "starts_at", "ends_at", "all_day", "online",
                   "online_url", "place_name", "address", "commune", "status"}

__all__ = ["EditConflict"]


@dataclass
class EventData:
    title: str
    kind: EventKind
    starts_at: datetime
    ends_at: datetime
    all_day: bool = False
    summary: str = ""
    description: str = ""
    online: bool = False
    online_url: str | None = None
    place_name: str | None = None
    address: str | None = None
    commune: str | None = None
    departement: Territory | None = None
    audience: str = ""
    visibility: Visibility = Visibility.PUBLIC
    themes: list[Theme] = field(default_factory=list)
    countries: list[Territory] = field(default_factory=list)
    registration_url: str | None = None


def _apply(event: Event, data: EventData) -> None:
    event.title = data.title.strip()
    event.kind = data.kind
    event.starts_at, event.ends_at, event.all_day = data.starts_at, data.ends_at, data.all_day
    event.summary = data.summary.strip()
    event.description = clean_html(data.description)
    event.online = data.online
    event.online_url = (data.online_url or "").strip() or None
    for name in ("place_name", "address", "commune"):
        setattr(event, name, (getattr(data, name) or "").strip() or None)
    event.departement = data.departement
    event.audience = data.audience.strip()
    event.visibility = data.visibility
    event.themes = list(data.themes)
    event.countries = list(data.countries)


def _touch(user, event: Event, action: str, changes: dict) -> None:
    """Record a change: audit it, bump the calendar sequence if calendars care, reindex."""
    if CALENDAR_FIELDS & set(changes) or action in ("event.cancel", "event.merge", "event.unmerge"):
        event.sequence += 1
    event.updated_at = utcnow()
    db.session.flush()
    audit.record(user, action, event, changes)
    enqueue(db.session, "event", [event.id])


def create_event(user, data: EventData, *, member: Member | None = None, actor: Actor | None = None,
                 status: EventStatus = EventStatus.DRAFT) -> Event:
    """A member's event (draft or published), or an association's proposal (``actor``)."""
    event = Event(status=status, proposed_by=actor if status == EventStatus.PROPOSED else None)
    with db.session.no_autoflush:
        _apply(event, data)
        event.organisers = [EventOrganiser(member=member, actor=None if member else actor,
                                           registration_url=data.registration_url, position=0)]
    db.session.add(event)
    db.session.flush()
    audit.record(user, "event.create", event, audit.snapshot(event, AUDITED))
    enqueue(db.session, "event", [event.id])
    return event


def update_event(user, event: Event, data: EventData, *, version: int | None = None,
                 organiser: EventOrganiser | None = None) -> dict:
    check_version(event, version)
    with db.session.no_autoflush:
        before = audit.snapshot(event, AUDITED)
        _apply(event, data)
        changes = audit.diff(before, audit.snapshot(event, AUDITED))
        if organiser is not None and organiser.registration_url != (data.registration_url or None):
            changes["registration_url"] = [organiser.registration_url, data.registration_url or None]
            organiser.registration_url = data.registration_url or None
    if changes:
        _touch(user, event, "event.update", changes)
    return changes


def set_status(user, event: Event, status: EventStatus, *, reason: str | None = None) -> bool:
    """Publish, unpublish (back to draft), cancel, or decline a proposal with a reason."""
    if event.status == status:
        return False
    before = event.status.value
    event.status = status
    event.decline_reason = reason.strip() if status == EventStatus.DECLINED and reason else None
    action = {EventStatus.PUBLISHED: "event.publish", EventStatus.CANCELLED: "event.cancel",
              EventStatus.DECLINED: "event.decline", EventStatus.DRAFT: "event.unpublish"}[status]
    changes = {"status": [before, status.value]}
    if reason:
        changes["reason"] = [None, reason]
    _touch(user, event, action, changes)
    return True


def delete_event(user, event: Event) -> None:
    audit.record(user, "event.delete", event, {"title": [event.title, None]})
    enqueue(db.session, "event", [event.id])
    # Twins merged into it lose their target: they end as cancelled, so that the
    # calendars which still hold them drop them too.
    for twin in db.session.scalars(sa.select(Event).where(Event.merged_into_id == event.id)):
        twin.merged_into = None
        twin.status = EventStatus.CANCELLED
        twin.sequence += 1
        enqueue(db.session, "event", [twin.id])
    db.session.delete(event)
    db.session.flush()


def facts(event: Event) -> EventFacts:
    return facts_of(event.id, event_data_of(event), frozenset(
        o.member.code if o.member else f"actor:{o.actor_id}" for o in event.organisers))


def event_data_of(event: Event) -> EventData:
    return EventData(
        title=event.title, kind=event.kind, starts_at=event.starts_at, ends_at=event.ends_at,
        all_day=event.all_day, online=event.online, place_name=event.place_name, commune=event.commune,
        departement=event.departement,
    )


def facts_of(event_id: int | None, data: EventData, organisers: frozenset[str]) -> EventFacts:
    return EventFacts(
        id=event_id,
        title=data.title,
        first_day=data.starts_at.astimezone(PARIS).date(),
        last_day=data.ends_at.astimezone(PARIS).date(),
        online=data.online and not (data.place_name or data.commune),
        commune=data.commune,
        departement=data.departement.code if data.departement else None,
        organisers=organisers,
    )


def likely_twins(candidate: EventFacts, starts_at: datetime, ends_at: datetime, *,
                 members_only: bool = False) -> list[tuple[Event, Twin]]:
    """Published events of other organisers that look like ``candidate``: those it may join.

    A draft is not offered (merging into it would hide the announcement until its
    organiser publishes), nor, for a public candidate, a members-only event. A draft
    twin is caught when the second of the two is published.
    """
    stmt = sa.select(Event).where(Event.id != (candidate.id or 0), Event.status == EventStatus.PUBLISHED)
    if not members_only:
        stmt = stmt.where(Event.visibility == Visibility.PUBLIC)
    others = db.session.scalars(
        stmt
        .where(
               Event.starts_at <= ends_at + timedelta(days=2),
               Event.ends_at >= starts_at - timedelta(days=2))
        .options(selectinload(Event.organisers).selectinload(EventOrganiser.member),
                 selectinload(Event.organisers).selectinload(EventOrganiser.actor),
                 selectinload(Event.departement))
        .limit(200)
    ).all()
    by_id = {e.id: e for e in others}
    return [(by_id[t.event_id], t) for t in find_twins(candidate, [facts(e) for e in others])]


def merge(user, source: Event, target: Event) -> None:
    """Fold ``source`` into ``target``: one event, every co-organiser with its own link."""
    if source.id == target.id or target.status == EventStatus.MERGED:
        raise ValueError("cannot merge an event into itself or into a merged event")
    position = max((o.position for o in target.organisers), default=0)
    known = {(o.member_id, o.actor_id) for o in target.organisers}
    with db.session.no_autoflush:
        for organiser in list(source.organisers):
            if (organiser.member_id, organiser.actor_id) in known:
                continue
            position += 1
            organiser.origin_event_id = organiser.origin_event_id or source.id
            organiser.position = position
            source.organisers.remove(organiser)
            target.organisers.append(organiser)
        before = source.status.value
        source.status = EventStatus.MERGED
        source.merged_into = target
    _touch(user, source, "event.merge", {"merged_into": [None, target.id], "status": [before, "merged"]})
    _touch(user, target, "event.merge", {"merged_from": [None, source.id]})


def unmerge(user, source: Event) -> Event:
    """Undo :func:`merge`: the organisers that came from ``source`` go back to it."""
    target = source.merged_into
    if target is None:
        raise ValueError("not a merged event")
    # Moving rows between two collections: no flush half-way (it would delete them).
    with db.session.no_autoflush:
        for organiser in list(target.organisers):
            if organiser.origin_event_id == source.id:
                target.organisers.remove(organiser)
                organiser.origin_event_id = None
                source.organisers.append(organiser)
        # An organiser that came with this twin may also have announced another twin
        # still merged here: that one now takes its place on the kept event.
        present = {(o.member_id, o.actor_id) for o in target.organisers}
        others = db.session.scalars(sa.select(Event).where(Event.merged_into_id == target.id,
                                                           Event.id != source.id)).all()
        for other in others:
            for organiser in list(other.organisers):
                if (organiser.member_id, organiser.actor_id) not in present:
                    other.organisers.remove(organiser)
                    organiser.origin_event_id = other.id
                    target.organisers.append(organiser)
                    present.add((organiser.member_id, organiser.actor_id))
        source.merged_into = None
        source.status = _status_before_merge(source)
    _touch(user, source, "event.unmerge", {"merged_into": [target.id, None]})
    _touch(user, target, "event.unmerge", {"merged_from": [source.id, None]})
    return target


def _status_before_merge(source: Event) -> EventStatus:
    """What ``source`` was before its last merge (a draft stays a draft once separated)."""
    changes = db.session.scalar(
        sa.select(audit.AuditEntry.changes)
        .where(audit.AuditEntry.object_type == Event.__tablename__, audit.AuditEntry.object_id == source.id,
               audit.AuditEntry.action == "event.merge")
        .order_by(audit.AuditEntry.id.desc()).limit(1))
    before = (changes or {}).get("status", [None])[0]
    restorable = {s.value: s for s in (EventStatus.PUBLISHED, EventStatus.DRAFT, EventStatus.CANCELLED)}
    return restorable.get(before, EventStatus.PUBLISHED)
