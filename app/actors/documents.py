"""What the search index keeps of actors, funding schemes and territories."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, selectinload

from app.actors.models import Actor, FundingScheme, PublicationStatus
from app.core.text import html_to_text
from app.network.models import IDF_DEPARTEMENTS, Territory, TerritoryKind
from app.search.backend import SearchDocument
from app.search.documents import bilingual, register

NO_START, NO_END = 0, 99991231


def day_number(day: date | None, default: int) -> int:
    return day.year * 10000 + day.month * 100 + day.day if day else default


def departements_of(territories: list[Territory]) -> list[str]:
    """The Île-de-France départements a set of French territories covers.

    Nothing, France or the Région means all eight: a scheme open to the Région is
    open to each of its départements.
    """
    codes: set[str] = set()
    french = [t for t in territories if t.is_french]
    if not french:
        return list(IDF_DEPARTEMENTS)
    for territory in french:
        if territory.kind == TerritoryKind.DEPARTEMENT:
            codes.add(territory.code)
        elif territory.kind == TerritoryKind.COMMUNE and territory.parent:
            codes.add(territory.parent.code)
        else:
            return list(IDF_DEPARTEMENTS)
    return sorted(codes)


def countries_of(territories: list[Territory]) -> list[str]:
    return sorted({t.country_code for t in territories if not t.is_french})


def _all_actor_ids(session: Session) -> list[int]:
    return list(session.scalars(sa.select(Actor.id).where(Actor.published).order_by(Actor.id)))


@register("actor", _all_actor_ids, label=_l("Acteurs"), position=1)
def actor_documents(session: Session, ids: list[int]) -> dict[int, SearchDocument | None]:
    actors = session.scalars(
        sa.select(Actor)
        .where(Actor.id.in_(ids))
        .options(
            selectinload(Actor.themes),
            selectinload(Actor.territories),
            selectinload(Actor.departement),
        )
    ).all()
    out: dict[int, SearchDocument | None] = {}
    for actor in actors:
        if not actor.published:
            continue
        place = ", ".join(p for p in (actor.commune, actor.departement and actor.departement.name) if p)
        body = " ".join(
            [
                html_to_text(actor.description),
                actor.acronym or "",
                place,
                " ".join(t.label for t in actor.themes),
                " ".join(t.name for t in actor.territories),
            ]
        )
        out[actor.id] = SearchDocument(
            type="actor",
            id=actor.id,
            title=actor.display_name,
            url=actor.path,
            body=body,
            **bilingual(lambda actor=actor, place=place: " · ".join(p for p in (actor.kind.title, place) if p)),
            departement=[actor.departement.code] if actor.departement else [],
            theme=[t.slug for t in actor.themes],
            pays=countries_of(actor.territories),
        )
    return out


def _all_scheme_ids(session: Session) -> list[int]:
    return list(
        session.scalars(
            sa.select(FundingScheme.id)
            .where(FundingScheme.status == PublicationStatus.PUBLISHED)
            .order_by(FundingScheme.id)
        )
    )


@register("scheme", _all_scheme_ids, label=_l("Dispositifs"), position=2, anywhere=True)
def scheme_documents(session: Session, ids: list[int]) -> dict[int, SearchDocument | None]:
    schemes = session.scalars(
        sa.select(FundingScheme)
        .where(FundingScheme.id.in_(ids))
        .options(
            selectinload(FundingScheme.themes),
            selectinload(FundingScheme.territories).selectinload(Territory.parent),
            selectinload(FundingScheme.funder_member),
            selectinload(FundingScheme.beneficiary_rows),
        )
    ).all()
    out: dict[int, SearchDocument | None] = {}
    for scheme in schemes:
        if not scheme.is_published:
            continue
        body = " ".join(
            [
                scheme.summary,
                html_to_text(scheme.description),
                scheme.funder_label,
                " ".join(t.label for t in scheme.themes),
                " ".join(t.name for t in scheme.territories),
                " ".join(b.title for b in scheme.beneficiaries),
            ]
        )
        out[scheme.id] = SearchDocument(
            type="scheme",
            id=scheme.id,
            title=scheme.name,
            url=scheme.path,
            body=body,
            subtitle=scheme.funder_label,
            departement=departements_of(scheme.territories),
            theme=[t.slug for t in scheme.themes],
            pays=countries_of(scheme.territories),
            starts=day_number(scheme.open_window[0], NO_START),
            ends=day_number(scheme.open_window[1], NO_END),
        )
    return out


def _all_territory_ids(session: Session) -> list[int]:
    return list(session.scalars(sa.select(Territory.id).order_by(Territory.id)))


@register("territory", _all_territory_ids, label=_l("Territoires"), position=3)
def territory_documents(session: Session, ids: list[int]) -> dict[int, SearchDocument | None]:
    territories = session.scalars(
        sa.select(Territory).where(Territory.id.in_(ids)).options(selectinload(Territory.parent))
    ).all()
    out: dict[int, SearchDocument | None] = {}
    for territory in territories:
        parent = territory.parent.name if territory.parent else ""
        body = " ".join(
            p for p in (territory.name_en, parent, territory.seat, territory.description) if p
        )
        departement = []
        if territory.kind == TerritoryKind.DEPARTEMENT:
            departement = [territory.code]
        out[territory.id] = SearchDocument(
            type="territory",
            id=territory.id,
            title=territory.name,
            url=territory.path,
            body=body,
            **bilingual(lambda territory=territory: " · ".join(
                p for p in (territory.kind.title, territory.parent and territory.parent.label(str(get_locale())))
                if p)),
            departement=departement,
            pays=[] if territory.is_french else [territory.country_code],
        )
    return out
