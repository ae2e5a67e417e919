"""The agenda's filters, shared by the page, its feeds and the API (bounded SQL)."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import g
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from app.actors.models import Actor
from app.agenda.feeds import day_start
from app.agenda.models import (
    IN_FEEDS,
    LISTED,
    Event,
    EventKind,
    EventOrganiser,
    EventStatus,
    Visibility,
    event_countries,
    event_themes,
)
from app.core.dates import FIRST_YEAR, LAST_YEAR, iso_date
from app.core.db import utcnow
from app.core.pagination import arg_choice
from app.core.text import clean_arg, territory_code
from app.extensions import db
from app.network.models import IDF_DEPARTEMENTS, Member, MemberStatus, Territory, Theme
from app.network.queries import territory_ids_within

MODES = ("en_ligne", "presentiel")


def _date_arg(args: MultiDict, name: str) -> date | None:
    return iso_date(clean_arg(args.get(name), 10))


def _month_arg(args: MultiDict) -> date | None:
    text = clean_arg(args.get("mois"), 7)
    try:
        year, month = (int(p) for p in text.split("-"))
        return date(year, month, 1) if FIRST_YEAR <= year <= LAST_YEAR else None
    except ValueError:
        return None


@dataclass
class EventFilters:
    """``/agenda/?membre=91&type=formation&theme=...&departement=&pays=&mode=&du=&au=&passes=1``"""

    membre: str | None = None
    type: str | None = None
    theme: str | None = None
    departement: str | None = None
    pays: str | None = None
    mode: str | None = None
    du: date | None = None
    au: date | None = None
    passes: bool = False

    @classmethod
    def from_args(cls, args: MultiDict) -> EventFilters:
        return cls(
            membre=clean_arg(args.get("membre"), 20) or None,
            type=arg_choice(args, "type", {k.value for k in EventKind}),
            theme=clean_arg(args.get("theme"), 60) or None,
            departement=arg_choice(args, "departement", IDF_DEPARTEMENTS),
            pays=territory_code(args.get("pays")) or None,
            mode=arg_choice(args, "mode", MODES),
            du=_date_arg(args, "du"),
            au=_date_arg(args, "au"),
            passes=args.get("passes") in ("1", "on", "oui", "true"),
        )

    def as_args(self) -> dict[str, str]:
        """The filters as query-string arguments (for feed links that keep them)."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value in (None, False, ""):
                continue
            out[f.name] = "1" if value is True else value.isoformat() if isinstance(value, date) else value
        return out

    @property
    def active(self) -> bool:
        return bool(self.as_args())


ACTOR_PREFIX = "acteur-"


def organiser_actor_id(value: str | None) -> int | None:
    """``acteur-12`` (a partner organiser in the ``membre`` filter) -> 12; None for a member code."""
    if not value or not value.startswith(ACTOR_PREFIX):
        return None
    number = value.removeprefix(ACTOR_PREFIX)
    return int(number) if number.isdigit() and int(number) < 2**31 else -1


def organiser_choices(*, members: bool) -> dict[str, list]:
    """What the organiser filter offers: the network's members (not candidates, not
    former members) and the partner actors that organise an event the reader may see."""
    listed = sa.select(Event.id).where(Event.status.in_(LISTED))
    if not members:
        listed = listed.where(Event.visibility == Visibility.PUBLIC)
    actors = db.session.execute(
        sa.select(Actor.id, Actor.name).where(
            Actor.published.is_(True),
            Actor.id.in_(sa.select(EventOrganiser.actor_id).where(EventOrganiser.event_id.in_(listed))),
        ).order_by(Actor.name)).all()
    return {
        "members": list(db.session.scalars(
            sa.select(Member).where(Member.status == MemberStatus.ACTIVE).order_by(Member.code))),
        "actors": [(f"{ACTOR_PREFIX}{row.id}", row.name) for row in actors],
    }


def events_query(filters: EventFilters, *, members: bool, statuses=LISTED,
                 since: datetime | None = None, until: datetime | None = None,
                 related: bool = True) -> sa.Select:
    """Events matching ``filters`` that the reader may see, soonest first.

    ``related=False`` loads the events alone (the month grid shows titles and times).
    """
    stmt = sa.select(Event).where(Event.status.in_(statuses))
    if related:
        stmt = stmt.options(
            selectinload(Event.organisers).selectinload(EventOrganiser.member),
            selectinload(Event.organisers).selectinload(EventOrganiser.actor),
            selectinload(Event.themes),
            selectinload(Event.departement),
            selectinload(Event.countries),
        )
    if not members:
        stmt = stmt.where(Event.visibility == Visibility.PUBLIC)
    if filters.membre:
        actor_id = organiser_actor_id(filters.membre)
        organisers = (sa.select(EventOrganiser.event_id).where(EventOrganiser.actor_id == actor_id)
                      if actor_id is not None else
                      sa.select(EventOrganiser.event_id).join(Member).where(Member.code == filters.membre))
        stmt = stmt.where(Event.id.in_(organisers))
    if filters.type:
        stmt = stmt.where(Event.kind == EventKind(filters.type))
    if filters.theme:
        stmt = stmt.where(Event.id.in_(
            sa.select(event_themes.c.event_id).join(Theme).where(Theme.slug == filters.theme)))
    if filters.departement:
        stmt = stmt.where(Event.departement.has(Territory.code == filters.departement))
    if filters.pays:
        stmt = stmt.where(Event.id.in_(sa.select(event_countries.c.event_id).where(
            event_countries.c.territory_id.in_(territory_ids_within(filters.pays)))))
    if filters.mode == "en_ligne":
        stmt = stmt.where(Event.online)
    elif filters.mode == "presentiel":
        stmt = stmt.where(sa.or_(~Event.online, Event.commune.is_not(None), Event.place_name.is_not(None)))
    if filters.du:
        since = max(since, day_start(filters.du)) if since else day_start(filters.du)
    if filters.au:
        end = day_start(filters.au + timedelta(days=1))
        until = min(until, end) if until else end
    if since is not None:
        stmt = stmt.where(Event.ends_at >= since)
    if until is not None:
        stmt = stmt.where(Event.starts_at < until)
    return stmt.order_by(Event.starts_at, Event.id)


def listing(filters: EventFilters, *, members: bool) -> sa.Select:
    """The list view: upcoming (and running) events, or past ones too when asked."""
    since = None if filters.passes or filters.du else utcnow()
    return events_query(filters, members=members, since=since)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    last = monthrange(month.year, month.month)[1]
    return day_start(month), day_start(month.replace(day=last) + timedelta(days=1))


def feed_query(filters: EventFilters, *, members: bool = False, limit: int = 1000) -> sa.Select:
    """Feeds hold the last three months and everything to come, cancelled ones included."""
    since = day_start(filters.du) if filters.du else utcnow() - timedelta(days=92)
    return events_query(filters, members=members, statuses=IN_FEEDS, since=since).limit(limit)


def feed_name(filters: EventFilters) -> str:
    """"Agenda du réseau — formations, Essonne": the feed names what it holds."""
    parts = []
    if filters.type:
        parts.append(EventKind(filters.type).plural)
    if filters.membre:
        actor_id = organiser_actor_id(filters.membre)
        if actor_id is not None:
            parts.append(db.session.scalar(sa.select(Actor.name).where(Actor.id == actor_id)) or filters.membre)
        else:
            member = db.session.scalar(sa.select(Member).where(Member.code == filters.membre))
            parts.append(member.short_name if member else filters.membre)
    if filters.departement:
        territory = db.session.scalar(sa.select(Territory).where(Territory.code == filters.departement))
        parts.append(territory.name if territory else filters.departement)
    if filters.theme:
        theme = db.session.scalar(sa.select(Theme).where(Theme.slug == filters.theme))
        parts.append(theme.label_for(str(g.locale)) if theme else filters.theme)
    if filters.pays:
        country = db.session.scalar(sa.select(Territory).where(Territory.code == filters.pays))
        parts.append(country.label(str(g.locale)) if country else filters.pays)
    if filters.mode:
        parts.append(_("en ligne") if filters.mode == "en_ligne" else _("en présentiel"))
    name = _("Agenda du réseau")
    return f"{name} — {', '.join(parts)}" if parts else name


def proposals() -> sa.Select:
    """Associations' proposals waiting for an officer, soonest first."""
    return (sa.select(Event).where(Event.status == EventStatus.PROPOSED)
            .options(selectinload(Event.proposed_by)).order_by(Event.starts_at))


def drafts(member_id: int | None) -> sa.Select:
    """Drafts, soonest first: a member's own (``member_id``), or every member's (None)."""
    stmt = sa.select(Event).where(Event.status == EventStatus.DRAFT).order_by(Event.starts_at)
    if member_id is not None:
        stmt = stmt.where(Event.id.in_(sa.select(EventOrganiser.event_id)
                                       .where(EventOrganiser.member_id == member_id)))
    return stmt
