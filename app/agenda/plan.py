"""The shared training plan: every member's trainings of the past year and to come,
grouped by theme, clusters of similar titles and quarter, with the themes nobody covers.

Three statements whatever the number of trainings (the trainings with their
département, their organisers' names, their themes), read as plain values; the grouping
is plain Python.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from app.actors.models import Actor
from app.agenda.feeds import day_start
from app.agenda.models import (
    LISTED,
    Event,
    EventKind,
    EventOrganiser,
    EventStatus,
    Visibility,
    event_themes,
)
from app.agenda.overlap import clusters
from app.core.dates import PARIS
from app.core.pagination import arg_choice
from app.core.text import clean_arg, slugify
from app.extensions import db
from app.network.models import Member, Territory, Theme

PAST = timedelta(days=365)  # the plan shows the past year
AHEAD = timedelta(days=365)  # gaps: themes without a training in the coming twelve months
GROUPINGS = ("theme", "trimestre")
MODES = ("en_ligne", "presentiel")


@dataclass
class PlanFilters:
    """``/agenda/formations?membre=91&theme=education&mode=en_ligne&par=trimestre&brouillons=0``"""

    membre: str | None = None
    theme: str | None = None
    mode: str | None = None
    par: str = "theme"
    brouillons: bool = True  # officers: members' drafts too

    @classmethod
    def from_args(cls, args: MultiDict) -> PlanFilters:
        return cls(
            membre=clean_arg(args.get("membre"), 10) or None,
            theme=clean_arg(args.get("theme"), 60) or None,
            mode=arg_choice(args, "mode", MODES),
            par=arg_choice(args, "par", GROUPINGS) or "theme",
            brouillons=args.get("brouillons") not in ("0", "non", "false"),
        )

    def as_args(self) -> dict[str, str]:
        out = {name: value for name, value in (("membre", self.membre), ("theme", self.theme),
                                                ("mode", self.mode)) if value}
        if self.par != "theme":
            out["par"] = self.par
        if not self.brouillons:
            out["brouillons"] = "0"
        return out

    @property
    def active(self) -> bool:
        return bool(set(self.as_args()) - {"par"})


def _events_filter(filters: PlanFilters, *, staff: bool, today: date) -> sa.Select:
    """The ids of the plan's trainings: ending after a year ago; published and cancelled
    ones, and for officers the members-only ones and (unless asked not to) every member's
    drafts."""
    statuses = list(LISTED) + ([EventStatus.DRAFT] if staff and filters.brouillons else [])
    stmt = sa.select(Event.id).where(Event.kind == EventKind.TRAINING, Event.status.in_(statuses),
                                     Event.ends_at >= day_start(today - PAST))
    if not staff:
        stmt = stmt.where(Event.visibility == Visibility.PUBLIC)
    if filters.membre:
        stmt = stmt.where(Event.id.in_(
            sa.select(EventOrganiser.event_id).join(Member).where(Member.code == filters.membre)))
    if filters.theme:
        stmt = stmt.where(Event.id.in_(
            sa.select(event_themes.c.event_id).join(Theme).where(Theme.slug == filters.theme)))
    if filters.mode == "en_ligne":
        stmt = stmt.where(Event.online)
    elif filters.mode == "presentiel":
        stmt = stmt.where(sa.or_(~Event.online, Event.commune.is_not(None), Event.place_name.is_not(None)))
    return stmt


@dataclass(slots=True)
class Training:
    """What the plan shows of one training: plain values read in three statements
    (hundreds of full ORM events with their relations cost more than the page may)."""

    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    status: EventStatus
    visibility: Visibility
    online: bool
    place_name: str | None
    commune: str | None
    departement: str | None  # its code
    places_left: int | None
    organisers: list[tuple[int | None, str]] = field(default_factory=list)  # (member id, name), lead first
    theme_ids: list[int] = field(default_factory=list)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(PARIS)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(PARIS)

    @property
    def path(self) -> str:
        return f"/agenda/{self.id}-{slugify(self.title)}"

    @property
    def is_members_only(self) -> bool:
        return self.visibility == Visibility.MEMBERS

    @property
    def member_ids(self) -> set[int]:
        return {member_id for member_id, _name in self.organisers if member_id}


def trainings(filters: PlanFilters, *, staff: bool, today: date) -> list[Training]:
    """The plan's trainings, soonest first: three statements whatever their number."""
    ids = _events_filter(filters, staff=staff, today=today)
    rows = db.session.execute(
        sa.select(Event.id, Event.title, Event.starts_at, Event.ends_at, Event.status, Event.visibility,
                  Event.online, Event.place_name, Event.commune, Territory.code, Event.places_left)
        .outerjoin(Territory, Territory.id == Event.departement_id)
        .where(Event.id.in_(ids)).order_by(Event.starts_at, Event.id))
    found = {row[0]: Training(*row) for row in rows}
    for event_id, member_id, name in db.session.execute(
            sa.select(EventOrganiser.event_id, EventOrganiser.member_id, sa.func.coalesce(Member.name, Actor.name))
            .outerjoin(Member, Member.id == EventOrganiser.member_id)
            .outerjoin(Actor, Actor.id == EventOrganiser.actor_id)
            .where(EventOrganiser.event_id.in_(ids))
            .order_by(EventOrganiser.event_id, EventOrganiser.position, EventOrganiser.id)):
        if event_id in found:
            found[event_id].organisers.append((member_id, name or ""))
    for event_id, theme_id in db.session.execute(
            sa.select(event_themes.c.event_id, event_themes.c.theme_id)
            .join(Theme, Theme.id == event_themes.c.theme_id)
            .where(event_themes.c.event_id.in_(ids)).order_by(event_themes.c.event_id, Theme.position)):
        if event_id in found:
            found[event_id].theme_ids.append(theme_id)
    return list(found.values())


def quarter_of(moment: datetime) -> tuple[int, int]:
    return moment.year, (moment.month - 1) // 3 + 1


@dataclass
class Cluster:
    """Trainings of one theme whose titles are alike (often a single one)."""

    events: list[Training]

    @property
    def alike(self) -> bool:
        return len(self.events) > 1

    @property
    def members(self) -> set[str]:
        return {name for e in self.events for _member_id, name in e.organisers}


@dataclass
class ThemeGroup:
    theme: Theme | None  # None: trainings without a theme
    clusters: list[Cluster] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(c.events) for c in self.clusters)


@dataclass
class Plan:
    events: list[Training]
    by_theme: list[ThemeGroup]
    by_quarter: list[tuple[tuple[int, int], list[Training]]]
    gaps: list[Theme]  # themes without a training in the coming twelve months
    cluster_of: dict[int, str]  # event id -> first title of its cluster of alike titles


def build(events: list[Training], themes: list[Theme], *, today: date) -> Plan:
    """Group the trainings: clusters of alike titles (across themes, in the order of their
    first training), each under the theme most of its trainings share (its first theme
    for a lone training); and by quarter. Find the themes nobody covers."""
    by_id = {e.id: e for e in events}
    position = {t.id: i for i, t in enumerate(themes)}
    by_theme: dict[int | None, list[Cluster]] = defaultdict(list)
    cluster_of = {}
    for ids in clusters({e.id: e.title for e in events}):
        members = [by_id[i] for i in ids]
        votes = Counter(theme_id for e in members for theme_id in e.theme_ids)
        home = min(votes, key=lambda t: (-votes[t], position.get(t, 0))) if votes else None
        by_theme[home].append(Cluster(members))
        if len(ids) > 1:
            cluster_of.update((event_id, members[0].title) for event_id in ids)
    groups = [ThemeGroup(theme, by_theme[key]) for theme, key in [*((t, t.id) for t in themes), (None, None)]
              if by_theme.get(key)]
    quarters: dict[tuple[int, int], list[Training]] = defaultdict(list)
    for event in events:
        quarters[quarter_of(event.local_start)].append(event)
    horizon_start, horizon_end = day_start(today), day_start(today + AHEAD)
    covered = {theme_id for e in events if e.status != EventStatus.CANCELLED
               and e.ends_at >= horizon_start and e.starts_at < horizon_end for theme_id in e.theme_ids}
    return Plan(events=events, by_theme=groups, by_quarter=sorted(quarters.items()),
                gaps=[t for t in themes if t.id not in covered], cluster_of=cluster_of)
