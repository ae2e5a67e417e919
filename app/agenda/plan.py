"""The shared training plan: every member's trainings of the past year and to come,
grouped by theme, clusters of similar titles and quarter, with the themes nobody covers.

One bounded set of statements whatever the number of trainings (the events, then their
organisers, themes and départements by ``selectinload``); the grouping is plain Python.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

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
from app.core.pagination import arg_choice
from app.core.text import clean_arg
from app.network.models import Member, Theme

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


def plan_query(filters: PlanFilters, *, staff: bool, today: date) -> sa.Select:
    """Trainings ending after a year ago, soonest first: published and cancelled ones, and
    for officers the members-only ones and (unless asked not to) every member's drafts."""
    statuses = list(LISTED) + ([EventStatus.DRAFT] if staff and filters.brouillons else [])
    stmt = (sa.select(Event)
            .where(Event.kind == EventKind.TRAINING, Event.status.in_(statuses),
                   Event.ends_at >= day_start(today - PAST))
            .options(selectinload(Event.organisers).selectinload(EventOrganiser.member),
                     selectinload(Event.organisers).selectinload(EventOrganiser.actor),
                     selectinload(Event.themes), selectinload(Event.departement))
            .order_by(Event.starts_at, Event.id))
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


def quarter_of(moment: datetime) -> tuple[int, int]:
    return moment.year, (moment.month - 1) // 3 + 1


@dataclass
class Cluster:
    """Trainings of one theme whose titles are alike (often a single one)."""

    events: list[Event]

    @property
    def alike(self) -> bool:
        return len(self.events) > 1

    @property
    def members(self) -> set[str]:
        return {o.member.short_name or o.member.name for e in self.events for o in e.organisers if o.member}


@dataclass
class ThemeGroup:
    theme: Theme | None  # None: trainings without a theme
    clusters: list[Cluster] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(c.events) for c in self.clusters)


@dataclass
class Plan:
    events: list[Event]
    by_theme: list[ThemeGroup]
    by_quarter: list[tuple[tuple[int, int], list[Event]]]
    gaps: list[Theme]  # themes without a training in the coming twelve months
    cluster_of: dict[int, str]  # event id -> first title of its cluster of alike titles


def build(events: list[Event], themes: list[Theme], *, today: date) -> Plan:
    """Group the trainings: clusters of alike titles (across themes, in the order of their
    first training), each under the theme most of its trainings share (its first theme
    for a lone training); and by quarter. Find the themes nobody covers."""
    by_id = {e.id: e for e in events}
    position = {t.id: i for i, t in enumerate(themes)}
    by_theme: dict[int | None, list[Cluster]] = defaultdict(list)
    cluster_of = {}
    for ids in clusters({e.id: e.title for e in events}):
        members = [by_id[i] for i in ids]
        votes = Counter(t.id for e in members for t in e.themes)
        home = min(votes, key=lambda t: (-votes[t], position.get(t, 0))) if votes else None
        by_theme[home].append(Cluster(members))
        if len(ids) > 1:
            cluster_of.update((event_id, members[0].title) for event_id in ids)
    groups = [ThemeGroup(theme, by_theme[key]) for theme, key in [*((t, t.id) for t in themes), (None, None)]
              if by_theme.get(key)]
    quarters: dict[tuple[int, int], list[Event]] = defaultdict(list)
    for event in events:
        quarters[quarter_of(event.local_start)].append(event)
    horizon_start, horizon_end = day_start(today), day_start(today + AHEAD)
    covered = {t.id for e in events if e.status != EventStatus.CANCELLED
               and e.ends_at >= horizon_start and e.starts_at < horizon_end for t in e.themes}
    return Plan(events=events, by_theme=groups, by_quarter=sorted(quarters.items()),
                gaps=[t for t in themes if t.id not in covered], cluster_of=cluster_of)
