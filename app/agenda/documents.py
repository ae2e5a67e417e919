"""What the search index keeps of events: published ones, members-only ones for members."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, selectinload

from app.actors.documents import countries_of, day_number
from app.agenda.models import Event, EventOrganiser, EventStatus
from app.core.dates import format_day
from app.core.text import html_to_text
from app.search.backend import MEMBERS, PUBLIC, SearchDocument
from app.search.documents import bilingual, register, reindex_with


def _all_event_ids(session: Session) -> list[int]:
    return list(session.scalars(
        sa.select(Event.id).where(Event.status == EventStatus.PUBLISHED).order_by(Event.id)))


def when(event: Event) -> str:
    if event.multi_day:
        return f"{format_day(event.first_day, 'd MMM')} – {format_day(event.last_day, 'd MMM yyyy')}"
    return format_day(event.first_day)


@register("event", _all_event_ids, label=_l("Agenda"), position=4, hide_ended=True)
def event_documents(session: Session, ids: list[int]) -> dict[int, SearchDocument | None]:
    events = session.scalars(
        sa.select(Event).where(Event.id.in_(ids)).options(
            selectinload(Event.themes), selectinload(Event.countries), selectinload(Event.departement),
            selectinload(Event.organisers).selectinload(EventOrganiser.member),
            selectinload(Event.organisers).selectinload(EventOrganiser.actor),
        )
    ).all()
    out: dict[int, SearchDocument | None] = {}
    for event in events:
        if event.status != EventStatus.PUBLISHED:
            continue
        place = event.commune or event.place_name or ""
        body = " ".join([
            event.summary, html_to_text(event.description), event.kind.title,
            event.place_name or "", event.commune or "", event.audience,
            " ".join(o.name for o in event.organisers),
            " ".join(t.label for t in event.themes), " ".join(t.name for t in event.countries),
        ])
        out[event.id] = SearchDocument(
            type="event", id=event.id, title=event.title, url=event.path, body=body,
            **bilingual(lambda event=event, place=place: " · ".join(
                p for p in (event.kind.title, when(event), place or (_("en ligne") if event.online else "")) if p)),
            departement=[event.departement.code] if event.departement else [],
            theme=[t.slug for t in event.themes],
            pays=countries_of(event.countries),
            audience=MEMBERS if event.is_members_only else PUBLIC,
            starts=day_number(event.first_day, 0),
            ends=day_number(event.last_day, 0),
        )
    return out


def _events_of_actors(session: Session, actor_ids: list[int]) -> list[tuple[str, int]]:
    """Events carry their organisers' names: renaming an actor re-indexes them."""
    return [("event", event_id) for event_id in session.scalars(
        sa.select(EventOrganiser.event_id).where(EventOrganiser.actor_id.in_(actor_ids)).distinct())]


reindex_with("actor", _events_of_actors)
