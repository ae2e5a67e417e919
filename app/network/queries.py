"""Territories and themes as every feature looks them up."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.network.models import Member, MemberStatus, Territory, TerritoryKind, Theme


def territory_ids_within(code: str) -> sa.Select:
    """Ids of the territory ``code`` and of those it contains (two levels down)."""
    top = sa.select(Territory.id).where(Territory.code == code).scalar_subquery()
    child = sa.select(Territory.id).where(Territory.parent_id == top)
    grandchild = sa.select(Territory.id).where(Territory.parent_id.in_(child))
    return sa.union(sa.select(top), child, grandchild)


def ancestor_codes(code: str) -> list[str]:
    """``code`` and every territory containing it (a département -> Région -> France)."""
    codes = []
    territory = db.session.scalar(sa.select(Territory).where(Territory.code == code))
    while territory is not None:
        codes.append(territory.code)
        territory = territory.parent
    return codes


def partner_territories() -> list[Territory]:
    """Countries and partner territories abroad, for forms: partner cities first."""
    return list(db.session.scalars(
        sa.select(Territory).where(Territory.country_code != "FR")
        .order_by(sa.case((Territory.kind == TerritoryKind.COUNTRY, 1), else_=0), Territory.name)
    ))


def themes() -> list[Theme]:
    return list(db.session.scalars(sa.select(Theme).order_by(Theme.position)))


def departements() -> list[Territory]:
    return list(db.session.scalars(
        sa.select(Territory).where(Territory.kind == TerritoryKind.DEPARTEMENT).order_by(Territory.code)
    ))


def by_codes(codes: list[str]) -> list[Territory]:
    """Territories in the order of ``codes``; unknown codes are left out."""
    if not codes:
        return []
    found = {t.code: t for t in db.session.scalars(sa.select(Territory).where(Territory.code.in_(codes)))}
    return [found[c] for c in codes if c in found]


def themes_by_slug(slugs: list[str]) -> list[Theme]:
    if not slugs:
        return []
    return list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(slugs)).order_by(Theme.position)))


def countries() -> list[Territory]:
    """Partner countries (France aside), by name."""
    return list(db.session.scalars(
        sa.select(Territory).where(Territory.kind == TerritoryKind.COUNTRY, Territory.country_code != "FR")
        .order_by(Territory.name)))


def current_members() -> list[Member]:
    """Members and candidates, not those that left, by code."""
    return list(db.session.scalars(
        sa.select(Member).where(Member.status != MemberStatus.LEFT).order_by(Member.code)))
