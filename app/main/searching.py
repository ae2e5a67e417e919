"""From a query string to a search: the web edge's adaptor, shared by the search page and
the JSON API. The search package knows no request, no user and no feature: this module
reads them (the reader's rights and language, the query string) and asks it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import g
from werkzeug.datastructures import MultiDict

from app.auth.permissions import is_member_staff
from app.core.text import clean_arg, territory_code
from app.extensions import db
from app.main.understanding import Understood, concepts, understand
from app.network.models import IDF_DEPARTEMENTS, Territory, TerritoryKind, Theme
from app.search import backend, documents
from app.search.backend import SearchQuery, SearchResults


def type_labels() -> dict[str, object]:
    """Result types in the order the facet lists them (features register theirs)."""
    return {t.name: t.label for t in documents.types()}

# Query-string names (French, as in the URLs) -> facet fields of the index.
PARAMS = {"type": "type", "departement": "departement", "theme": "theme", "pays": "pays"}


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int(value or "")
    except ValueError:
        return default
    return min(max(number, low), high)


def _values(args: MultiDict, name: str) -> list[str]:
    """Repeated or comma-separated values, deduplicated, bounded: never a failure."""
    out: list[str] = []
    for raw in args.getlist(name)[:20]:
        for part in raw.split(","):
            part = clean_arg(part, 40)
            if part and part not in out:
                out.append(part)
    return out[:20]


def day_number(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


YES = ("1", "true", "oui", "on")


def suggest(args: MultiDict, user, *, limit: int = 8):
    """Type-ahead: names, like the search box would find them by default (no past events)."""
    return backend().suggest(clean_arg(args.get("q"), 200), members=is_member_staff(user), limit=limit,
                             locale=str(getattr(g, "locale", "fr")),
                             ends_after=day_number(date.today()), ends_after_types=documents.hide_ended_types())


@dataclass
class Search:
    query: SearchQuery
    results: SearchResults
    # The words read as a place or a theme (none when ?mots=1 asks for the words only).
    understood: list[Understood] | None = None


def words_only(args: MultiDict) -> bool:
    return args.get("mots") in YES


def query_from_args(args: MultiDict, user, *, max_per_page: int = 100, default_per_page: int = 20,
                    understood: list[Understood] | None = None) -> SearchQuery:
    filters = {field: _values(args, param) for param, field in PARAMS.items()}
    filters["pays"] = [territory_code(v) for v in filters["pays"]]
    themes = list(db.session.scalars(sa.select(Theme.slug).order_by(Theme.position)))
    text = clean_arg(args.get("q"), 2000)
    if understood is None:
        understood = [] if words_only(args) else understand(text)
    return SearchQuery(
        concepts=concepts(understood),
        anywhere_types=documents.anywhere_types(),
        text=text,
        filters={k: v for k, v in filters.items() if v},
        members=is_member_staff(user),
        locale=str(getattr(g, "locale", "fr")),
        open_on=day_number(date.today()) if args.get("ouvert") in YES else None,
        ends_after=None if args.get("passes") in YES else day_number(date.today()),
        ends_after_types=documents.hide_ended_types(),
        page=_int(args.get("page"), 1, 1, 10_000),
        per_page=_int(args.get("per_page"), default_per_page, 1, max_per_page),
        facet_domains={
            "type": list(type_labels()),
            "departement": list(IDF_DEPARTEMENTS),
            "theme": themes,
        },
    )


def run(args: MultiDict, user, **kwargs) -> Search:
    understood = [] if words_only(args) else understand(clean_arg(args.get("q"), 2000))
    query = query_from_args(args, user, understood=understood, **kwargs)
    return Search(query, backend().search(query), understood)


def facet_labels(locale: str = "fr") -> dict[str, dict[str, str]]:
    """Readable names for facet values: types, départements, themes, countries."""
    themes = {t.slug: t.label_for(locale) for t in db.session.scalars(sa.select(Theme))}
    places = db.session.execute(
        sa.select(Territory.code, Territory.name, Territory.name_en, Territory.kind).where(
            Territory.kind.in_([TerritoryKind.DEPARTEMENT, TerritoryKind.COUNTRY])
        )
    ).all()
    departements = {p.code: f"{p.name} ({p.code})" for p in places if p.kind == TerritoryKind.DEPARTEMENT}
    countries = {
        p.code: (p.name_en or p.name) if locale == "en" else p.name
        for p in places
        if p.kind == TerritoryKind.COUNTRY
    }
    return {
        "type": {k: str(v) for k, v in type_labels().items()},
        "departement": departements,
        "theme": themes,
        "pays": countries,
    }
