"""Filtered, paginated lists of the directory, with a fixed number of SQL statements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from app.actors.models import (
    Actor,
    ActorKind,
    Beneficiary,
    FundingScheme,
    PublicationStatus,
    Recurrence,
    SchemeBeneficiary,
    actor_territories,
    actor_themes,
    scheme_territories,
    scheme_themes,
)
from app.core.money import parse_amount
from app.core.pagination import arg_choice, arg_int
from app.core.text import clean_arg, territory_code
from app.network.models import (
    IDF_DEPARTEMENTS,
    REGION_CODE,
    Member,
    Territory,
    TerritoryKind,
    Theme,
)
from app.network.queries import ancestor_codes, territory_ids_within


@dataclass
class ActorFilters:
    kind: str | None = None
    departement: str | None = None
    theme: str | None = None
    pays: str | None = None

    @classmethod
    def from_args(cls, args: MultiDict) -> ActorFilters:
        pays = territory_code(args.get("pays")) or None
        return cls(
            kind=arg_choice(args, "type", {k.value for k in ActorKind}),
            departement=arg_choice(args, "departement", IDF_DEPARTEMENTS),
            theme=clean_arg(args.get("theme"), 60) or None,
            pays=pays,
        )

    @property
    def active(self) -> bool:
        return any((self.kind, self.departement, self.theme, self.pays))


def actors_query(filters: ActorFilters, *, include_hidden: bool = False) -> sa.Select:
    stmt = sa.select(Actor).options(
        selectinload(Actor.departement), selectinload(Actor.themes), selectinload(Actor.territories)
    )
    if not include_hidden:
        stmt = stmt.where(Actor.published)
    if filters.kind:
        stmt = stmt.where(Actor.kind == ActorKind(filters.kind))
    if filters.departement:
        stmt = stmt.where(Actor.departement.has(Territory.code == filters.departement))
    if filters.theme:
        stmt = stmt.where(Actor.id.in_(
            sa.select(actor_themes.c.actor_id).join(Theme).where(Theme.slug == filters.theme)))
    if filters.pays:
        stmt = stmt.where(Actor.id.in_(
            sa.select(actor_territories.c.actor_id).where(
                actor_territories.c.territory_id.in_(territory_ids_within(filters.pays)))))
    return stmt.order_by(Actor.match_key, Actor.id)


@dataclass
class SchemeFilters:
    """"Which schemes fit me?": who I am, where, on what theme, with whom, how old, open now."""

    beneficiary: str | None = None
    departement: str | None = None
    theme: str | None = None
    pays: str | None = None
    age: int | None = None
    open_now: bool = False
    funder: str | None = None
    # With ``pays``: only the schemes that name that territory, not those open to any country.
    targeted: bool = False
    # The finder's page: the theme ranks (schemes of that theme first), it does not exclude.
    rank_theme: bool = False
    # The amount the project needs, in cents (the finder's co-financing plan).
    need_cents: int | None = None

    @classmethod
    def from_args(cls, args: MultiDict) -> SchemeFilters:
        return cls(
            beneficiary=arg_choice(args, "profil", {b.value for b in Beneficiary}),
            departement=arg_choice(args, "departement", IDF_DEPARTEMENTS),
            theme=clean_arg(args.get("theme"), 60) or None,
            pays=territory_code(args.get("pays")) or None,
            age=arg_int(args, "age", None, 0, 120),
            open_now=args.get("ouvert") in ("1", "on", "oui", "true"),
            funder=clean_arg(args.get("financeur"), 10) or None,
            need_cents=_amount_arg(args.get("montant")),
        )

    @property
    def active(self) -> bool:
        return any((self.beneficiary, self.departement, self.theme, self.pays,
                    self.age is not None, self.open_now, self.funder, self.need_cents))


def _amount_arg(value: str | None) -> int | None:
    """« 20 000 », « 20000 € » -> cents; anything else (or above a billion) -> None."""
    try:
        cents = parse_amount(clean_arg(value, 30))
    except ValueError:
        return None
    return cents if cents and 0 < cents <= 100_000_000_000 else None


def open_on(day: date):
    """SQL condition: the scheme accepts applications on ``day``. The SQL twin of
    :func:`app.actors.rules.is_open_on` (tested against it)."""
    return sa.or_(
        sa.and_(FundingScheme.recurrence == Recurrence.PERMANENT, FundingScheme.closes_on.is_(None)),
        sa.and_(
            sa.or_(FundingScheme.opens_on.is_(None), FundingScheme.opens_on <= day),
            sa.or_(FundingScheme.closes_on.is_(None), FundingScheme.closes_on >= day),
        ),
    )


def schemes_query(filters: SchemeFilters, *, status: PublicationStatus | None = PublicationStatus.PUBLISHED,
                  today: date | None = None) -> sa.Select:
    today = today or date.today()
    stmt = sa.select(FundingScheme).options(
        selectinload(FundingScheme.funder_member),
        selectinload(FundingScheme.themes),
        selectinload(FundingScheme.territories),
        selectinload(FundingScheme.beneficiary_rows),
    )
    if status is not None:
        stmt = stmt.where(FundingScheme.status == status)
    if filters.beneficiary:
        has_any = sa.select(SchemeBeneficiary.scheme_id).where(SchemeBeneficiary.scheme_id == FundingScheme.id)
        stmt = stmt.where(sa.or_(
            ~sa.exists(has_any),
            sa.exists(has_any.where(SchemeBeneficiary.beneficiary == Beneficiary(filters.beneficiary))),
        ))
    theme_rank = None
    if filters.theme:
        has_any = sa.select(scheme_themes.c.scheme_id).where(scheme_themes.c.scheme_id == FundingScheme.id)
        fits = sa.or_(~sa.exists(has_any), sa.exists(has_any.join(Theme).where(Theme.slug == filters.theme)))
        if filters.rank_theme:
            theme_rank = sa.case((fits, 0), else_=1)
        else:
            stmt = stmt.where(fits)
    french = sa.select(scheme_territories.c.scheme_id).join(Territory).where(
        scheme_territories.c.scheme_id == FundingScheme.id)
    if filters.departement:
        # Open to the département itself, to a territory containing it (Région, France)
        # or to one of its communes; or to no territory in particular.
        codes = ancestor_codes(filters.departement) or [filters.departement, REGION_CODE, "FR"]
        stmt = stmt.where(sa.or_(
            ~sa.exists(french.where(Territory.country_code == "FR")),
            sa.exists(french.where(sa.or_(
                Territory.code.in_(codes),
                Territory.id.in_(territory_ids_within(filters.departement)),
            ))),
        ))
    if filters.pays:
        partner = french.where(Territory.country_code != "FR")
        names_it = sa.exists(partner.where(sa.or_(
            Territory.id.in_(territory_ids_within(filters.pays)),
            Territory.code.in_(ancestor_codes(filters.pays) or [filters.pays]),
        )))
        stmt = stmt.where(names_it if filters.targeted else sa.or_(~sa.exists(partner), names_it))
    if filters.age is not None:
        stmt = stmt.where(
            sa.or_(FundingScheme.age_min.is_(None), FundingScheme.age_min <= filters.age),
            sa.or_(FundingScheme.age_max.is_(None), FundingScheme.age_max >= filters.age),
        )
    if filters.open_now:
        stmt = stmt.where(open_on(today))
    if filters.funder:
        stmt = stmt.where(FundingScheme.funder_member.has(Member.code == filters.funder))
    # Open now (soonest deadline first, permanent ones after), then opening soon (soonest
    # first), then closed (most recently closed first: the next round is the likeliest).
    is_open, upcoming = open_on(today), FundingScheme.opens_on > today
    state = sa.case((is_open, 0), (upcoming, 1), else_=2)
    soon = sa.case((is_open, FundingScheme.closes_on), (upcoming, FundingScheme.opens_on))
    closed = sa.case((state == 2, FundingScheme.closes_on))
    order = [state, soon.is_(None), soon, closed.desc(), FundingScheme.match_key, FundingScheme.id]
    return stmt.order_by(*([theme_rank] if theme_rank is not None else []), *order)


def country_names(stmt_filter=None) -> sa.Select:
    """(code, name, name_en) of every country, by French name: the country filters."""
    stmt = sa.select(Territory.code, Territory.name, Territory.name_en).where(
        Territory.kind == TerritoryKind.COUNTRY)
    return (stmt.where(stmt_filter) if stmt_filter is not None else stmt).order_by(Territory.name)


def countries_of_actors() -> sa.Select:
    """The countries some actor works with, directly or through one of their cities."""
    linked = sa.select(actor_territories.c.territory_id)
    return country_names(Territory.id.in_(linked)
                         | Territory.id.in_(sa.select(Territory.parent_id).where(Territory.id.in_(linked))))


def related_schemes(scheme: FundingScheme, limit: int = 5) -> sa.Select:
    """Published schemes of *other* funders on the same theme or naming the same partner
    country as ``scheme``: where a project holder may look for a second funder."""
    theme_ids = [t.id for t in scheme.themes]
    country_ids = [t.id for t in scheme.partner_territories]
    shared = []
    if theme_ids:
        shared.append(FundingScheme.id.in_(
            sa.select(scheme_themes.c.scheme_id).where(scheme_themes.c.theme_id.in_(theme_ids))))
    if country_ids:
        shared.append(FundingScheme.id.in_(
            sa.select(scheme_territories.c.scheme_id).where(scheme_territories.c.territory_id.in_(country_ids))))
    stmt = (sa.select(FundingScheme)
            .options(selectinload(FundingScheme.funder_member), selectinload(FundingScheme.themes))
            .where(FundingScheme.status == PublicationStatus.PUBLISHED, FundingScheme.id != scheme.id,
                   sa.or_(*shared) if shared else sa.false()))
    if scheme.funder_member_id is not None:
        stmt = stmt.where(sa.or_(FundingScheme.funder_member_id.is_(None),
                                 FundingScheme.funder_member_id != scheme.funder_member_id))
    else:
        stmt = stmt.where(sa.or_(FundingScheme.funder_member_id.is_not(None),
                                 FundingScheme.funder_name != scheme.funder_name))
    # Schemes of network members first (they can be combined in a co-financing plan).
    return stmt.order_by(FundingScheme.funder_member_id.is_(None), FundingScheme.match_key, FundingScheme.id).limit(limit)
