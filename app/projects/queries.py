"""The funded projects' lists: newest decisions first, filtered, with the sums per funder."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased, selectinload
from werkzeug.datastructures import MultiDict

from app.core.text import clean_arg
from app.extensions import db
from app.network.models import Member, Territory, TerritoryKind, Theme
from app.projects.models import Project, ProjectFunding, project_themes

YEARS = (1900, 2200)  # the plausible dates of app.core.dates


@dataclass
class ProjectFilters:
    """``/projets/?financeur=91&theme=education&pays=SN&annee=2027``"""

    financeur: str | None = None
    theme: str | None = None
    pays: str | None = None
    annee: int | None = None

    @classmethod
    def from_args(cls, args: MultiDict) -> ProjectFilters:
        year = clean_arg(args.get("annee"), 4)
        return cls(financeur=clean_arg(args.get("financeur"), 10) or None,
                   theme=clean_arg(args.get("theme"), 60) or None,
                   pays=clean_arg(args.get("pays"), 2).upper() or None,
                   annee=int(year) if year.isdigit() and YEARS[0] <= int(year) <= YEARS[1] else None)

    @property
    def active(self) -> bool:
        return bool(self.financeur or self.theme or self.pays or self.annee)


def public_condition():
    """Shown to everyone: not hidden, and at least one grant standing."""
    return sa.and_(Project.hidden.is_(False), Project.fundings.any())


def _filtered(filters: ProjectFilters) -> sa.Select:
    stmt = sa.select(Project).where(public_condition())
    if filters.financeur:
        stmt = stmt.where(Project.id.in_(
            sa.select(ProjectFunding.project_id).join(Member, ProjectFunding.member_id == Member.id)
            .where(Member.code == filters.financeur)))
    if filters.theme:
        stmt = stmt.where(Project.id.in_(
            sa.select(project_themes.c.project_id).join(Theme).where(Theme.slug == filters.theme)))
    if filters.pays:
        # A hidden place is never found by its country either.
        stmt = stmt.where(Project.place_hidden.is_(False), Project.partner_territory_id.in_(
            sa.select(Territory.id).where(Territory.country_code == filters.pays)))
    if filters.annee:
        stmt = stmt.where(Project.decision_year == filters.annee)
    return stmt


def listing(filters: ProjectFilters) -> sa.Select:
    return (_filtered(filters)
            .options(selectinload(Project.actor), selectinload(Project.themes),
                     selectinload(Project.partner_territory).selectinload(Territory.parent),
                     selectinload(Project.fundings).selectinload(ProjectFunding.member))
            .order_by(Project.decision_year.desc().nulls_last(), Project.id.desc()))


@dataclass(frozen=True)
class MemberTotal:
    code: str
    name: str
    cents: int
    projects: int


def totals(filters: ProjectFilters) -> list[MemberTotal]:
    """What each member granted to the projects the filters keep (every page of them)."""
    ids = _filtered(filters).with_only_columns(Project.id).subquery()
    rows = db.session.execute(
        sa.select(Member.code, Member.name, sa.func.sum(ProjectFunding.amount_cents),
                  sa.func.count(ProjectFunding.project_id))
        .join(Member, ProjectFunding.member_id == Member.id)
        .where(ProjectFunding.project_id.in_(sa.select(ids.c.id)))
        .group_by(Member.code, Member.name).order_by(Member.code)).all()
    return [MemberTotal(code, name, int(cents or 0), count) for code, name, cents, count in rows]


def funders() -> list[Member]:
    """Members that funded at least one project shown (the list's filter: a project its
    funders hid does not name them)."""
    return list(db.session.scalars(
        sa.select(Member).where(Member.id.in_(
            sa.select(ProjectFunding.member_id).join(Project, ProjectFunding.project_id == Project.id)
            .where(public_condition()))).order_by(Member.code)))


def countries() -> list[Territory]:
    """The partner countries of the public projects whose place is shown."""
    territory = aliased(Territory)
    codes = (sa.select(territory.country_code).join(Project, Project.partner_territory_id == territory.id)
             .where(public_condition(), Project.place_hidden.is_(False)))
    return list(db.session.scalars(sa.select(Territory).where(
        Territory.kind == TerritoryKind.COUNTRY, Territory.country_code.in_(codes), Territory.country_code != "FR")
        .order_by(Territory.name)))


def years() -> list[int]:
    return [y for y in db.session.scalars(
        sa.select(Project.decision_year).where(public_condition(), Project.decision_year.is_not(None))
        .distinct().order_by(Project.decision_year.desc()))]


def recent(limit: int = 3) -> list[Project]:
    return list(db.session.scalars(listing(ProjectFilters()).limit(limit)))
