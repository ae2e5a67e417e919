"""Actions on the agenda: they change state, audit, queue the index; they never commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.actors.models import Actor
from app.agenda import coordination, workflow
from app.agenda.models import (
    PARIS,
    Event,
    EventKind,
    EventOrganiser,
    EventStatus,
    NoticeKind,
    Visibility,
)
from app.agenda.twins import EventFacts, Twin, find_twins
from app.core import records
from app.core.db import utcnow
from app.core.rules import RuleViolations, Violation
from app.core.text import clean_html
from app.extensions import db
from app.network.models import Member, Territory, Theme

AUDITED = ["title", "kind", "summary", "description", "starts_at", "ends_at", "all_day", "online",
           "online_url", "place_name", "address", "commune", "departement_id", "audience", "places_left", "visibility",
           "status", "themes", "countries"]
# A change to these is news for a subscribed calendar: SEQUENCE grows.
CALENDAR_FIELDS = {"title", "summary", "description", "starts_at", "ends_at", "all_day", "online",
                   "online_url", "place_name", "address", "commune", "status"}

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
    places_left: int | None = None


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
    event.places_left = data.places_left
    event.visibility = data.visibility
    event.themes = list(data.themes)
    event.countries = list(data.countries)


def _bump_sequence(event: Event, changes: dict, action: str = "") -> None:
    """Calendars that hold the event pick up a change only when its SEQUENCE grows."""
    if CALENDAR_FIELDS & set(changes) or action in ("event.cancel", "event.merge", "event.unmerge"):
        event.sequence += 1


def _touch(user, event: Event, action: str, changes: dict) -> None:
    """Record a change: audit it, bump the calendar sequence if calendars care, reindex."""
    _bump_sequence(event, changes, action)
    event.updated_at = utcnow()
    records.transition(user, event, changes, action=action, doc_type="event")


def create_event(user, data: EventData, *, member: Member | None = None, actor: Actor | None = None,
                 status: EventStatus = EventStatus.DRAFT) -> Event:
    """A member's event (draft or published), or an association's proposal (``actor``)."""
    def apply(event: Event) -> None:
        _apply(event, data)
        event.organisers = [EventOrganiser(member=member, actor=None if member else actor,
                                           registration_url=data.registration_url, position=0)]

    event = Event(status=status, proposed_by=actor if status == EventStatus.PROPOSED else None)
    return records.create(user, event, apply, action="event.create", audited=AUDITED, doc_type="event")


def _own_link(organiser: EventOrganiser | None, url: str | None) -> dict:
    url = (url or "").strip() or None
    if organiser is None or organiser.registration_url == url:
        return {}
    before, organiser.registration_url = organiser.registration_url, url
    return {"registration_url": [before, url]}


def update_event(user, event: Event, data: EventData, *, version: int | None,
                 organiser: EventOrganiser | None = None) -> dict:
    """Change the shared event (its lead, the coordinator, or the proposer)."""
    def apply(event: Event) -> dict:
        _apply(event, data)
        return _own_link(organiser, data.registration_url)

    return records.update(user, event, apply, version=version, action="event.update", audited=AUDITED,
                          doc_type="event", on_change=lambda changes: _bump_sequence(event, changes))


def update_own_part(user, event: Event, organiser: EventOrganiser, registration_url: str | None, *,
                    version: int | None) -> dict:
    """A co-organiser's own part of a shared event: its registration link, nothing else."""
    return records.update(user, event, lambda _event: _own_link(organiser, registration_url),
                          version=version, action="event.update", audited=[], doc_type="event")


def move(user, event: Event, name: str, *, reason: str | None = None) -> None:
    """Make a move of the workflow table (publish, unpublish, cancel, reinstate, accept,
    decline); any move the table does not allow from the event's status is refused."""
    step = workflow.MOVES[name]
    if name in ("merge", "unmerge"):
        raise ValueError("use merge() and unmerge()")
    violations = workflow.check(step, event.status.value, reason=reason)
    if violations:
        raise RuleViolations(violations)
    before = event.status.value
    event.status = EventStatus(step.target)
    event.decline_reason = reason.strip() if event.status == EventStatus.DECLINED else None
    changes = {"status": [before, event.status.value]}
    if reason:
        changes["reason"] = [None, reason]
    _touch(user, event, step.audit_action, changes)


def delete_event(user, event: Event) -> None:
    records.transition(user, event, {"title": [event.title, None]}, action="event.delete", doc_type="event")
    # Twins merged into it lose their target: they end as cancelled, so that the
    # calendars which still hold them drop them too.
    for twin in db.session.scalars(sa.select(Event).where(Event.merged_into_id == event.id)):
        twin.merged_into = None
        twin.status = EventStatus.CANCELLED
        twin.sequence += 1
        records.written("event", [twin.id])
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
    """Fold ``source`` into ``target``: one event, every co-organiser with its own link.

    The merged organisers become co-organisers: they keep their own registration link
    and may take their announcement back, but the target stays its lead's to edit.
    """
    violations = workflow.check(workflow.MOVES["merge"], source.status.value,
                                members_only=source.is_members_only, source_id=source.id,
                                target=workflow.MergeTarget(target.id, workflow.Status(target.status.value),
                                                            target.is_members_only))
    if violations:
        raise RuleViolations(violations)
    position = max((o.position for o in target.organisers), default=0)
    known = {(o.member_id, o.actor_id) for o in target.organisers}
    source_member = source.organisers[0].member if source.organisers else None
    with db.session.no_autoflush:
        for organiser in list(source.organisers):
            if (organiser.member_id, organiser.actor_id) in known:
                continue
            position += 1
            organiser.origin_event_id = organiser.origin_event_id or source.id
            organiser.position = position
            # Its own words stay on the shared event's page.
            organiser.summary = organiser.summary or source.summary or None
            organiser.audience = organiser.audience or source.audience or None
            source.organisers.remove(organiser)
            target.organisers.append(organiser)
        before = source.status.value
        source.status_before_merge = source.status
        source.status = EventStatus.MERGED
        source.merged_into = target
    _touch(user, source, "event.merge", {"merged_into": [None, target.id], "status": [before, "merged"]})
    _touch(user, target, "event.merge", {"merged_from": [None, source.id]})
    coordination.record_notice(user, NoticeKind.MERGED, event=source, other=target, member=source_member)


def unmerge(user, source: Event) -> Event:
    """Undo :func:`merge`: the organisers that came from ``source`` go back to it."""
    target = source.merged_into
    violations = workflow.check(workflow.MOVES["unmerge"], source.status.value)
    if target is None or violations:
        raise RuleViolations(violations or [Violation("move_not_allowed")])
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
        source.status = EventStatus(workflow.restored(
            source.status_before_merge.value if source.status_before_merge else None))
        source.status_before_merge = None
    _touch(user, source, "event.unmerge", {"merged_into": [target.id, None]})
    _touch(user, target, "event.unmerge", {"merged_from": [source.id, None]})
    return target
