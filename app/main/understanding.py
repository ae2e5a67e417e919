"""How the search understands an association's query: the words that name a partner
country or city, a département or commune of Île-de-France, or a theme, in French or in
English, with or without accents (« Sénégal », "senegal", "Senegal", "water", "Essonne").

Such a word also stands for that filter (:attr:`SearchQuery.concepts`): the records
tagged with it match, and a country's name finds the schemes open to every country. The
page says how it understood the query and links to the search of the words alone.

The vocabulary comes from the reference data (territories, themes), read once every few
minutes per process: it changes with a migration, not with a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from time import monotonic

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.network.models import IDF_DEPARTEMENTS, Territory, TerritoryKind, Theme
from app.search.analysis import STOP_WORDS, TOKEN_RE, fold_parts

REFRESH_SECONDS = 600
MAX_PHRASE = 5
# Words of theme names too common to stand for the theme on their own.
GENERIC = frozenset({
    "international", "internationale", "internationales", "internationaux", "local", "locale",
    "locales", "locaux", "developpement", "development", "aide", "aid", "planning", "and",
    "mobilite", "mobility", "humains", "human", "economique", "economic",
})

KINDS = {
    "pays": _l("pays partenaire"),
    "city": _l("territoire partenaire"),
    "departement": _l("département"),
    "commune": _l("commune d'Île-de-France"),
    "theme": _l("thème"),
}


@dataclass(frozen=True)
class Concept:
    facet: str  # "pays", "departement" or "theme": the filter the words stand for
    value: str
    kind: str  # a key of KINDS: how the page names it
    name: str  # French name
    name_en: str


@dataclass(frozen=True)
class Understood:
    """One phrase of the query and what it names (« Sénégal : pays partenaire »)."""

    words: str  # as typed
    concepts: tuple[Concept, ...]

    def labels(self, locale: str) -> list[str]:
        return [(c.name_en if locale == "en" else c.name) for c in self.concepts]

    @property
    def kind(self) -> str:
        return str(KINDS[self.concepts[0].kind])


def words_of(text: str) -> list[str]:
    return [part for token in TOKEN_RE.findall(text) for part in fold_parts(token) if part.strip("_")]


def _vocabulary() -> dict[tuple[str, ...], list[Concept]]:
    vocabulary: dict[tuple[str, ...], list[Concept]] = {}

    def add(phrase: str | None, concept: Concept, *, single_words: bool = False) -> None:
        if not phrase:
            return
        words = tuple(words_of(phrase))
        if not words or (len(words) == 1 and (len(words[0]) < 3 or words[0] in STOP_WORDS)):
            return
        entries = vocabulary.setdefault(words, [])
        if concept not in entries:
            entries.append(concept)
        if single_words and len(words) > 1:
            for word in words:
                if len(word) >= 3 and word not in STOP_WORDS and word not in GENERIC:
                    add(word, concept)

    rows = db.session.execute(
        sa.select(Territory.code, Territory.kind, Territory.name, Territory.name_en, Territory.country_code,
                  Territory.parent_id, Territory.id)
        .where(Territory.kind != TerritoryKind.REGION)).all()
    codes = {row.id: row.code for row in rows}
    for row in rows:
        if row.kind == TerritoryKind.COUNTRY and row.country_code != "FR":
            concept = Concept("pays", row.country_code, "pays", row.name, row.name_en or row.name)
        elif row.kind in (TerritoryKind.PARTNER_CITY, TerritoryKind.PARTNER_REGION):
            concept = Concept("pays", row.country_code, "city", row.name, row.name_en or row.name)
        elif row.kind == TerritoryKind.DEPARTEMENT and row.code in IDF_DEPARTEMENTS:
            concept = Concept("departement", row.code, "departement", row.name, row.name_en or row.name)
        elif row.kind == TerritoryKind.COMMUNE and codes.get(row.parent_id) in IDF_DEPARTEMENTS:
            concept = Concept("departement", codes[row.parent_id], "commune", row.name, row.name_en or row.name)
        else:
            continue
        add(row.name, concept)
        add(row.name_en, concept)
    for theme in db.session.scalars(sa.select(Theme)):
        concept = Concept("theme", theme.slug, "theme", theme.label, theme.label_en)
        add(theme.label, concept, single_words=True)
        add(theme.label_en, concept, single_words=True)
    return vocabulary


def vocabulary() -> dict[tuple[str, ...], list[Concept]]:
    cached = current_app.extensions.get("search_vocabulary")
    if cached is None or monotonic() - cached[0] > REFRESH_SECONDS:
        cached = current_app.extensions["search_vocabulary"] = (monotonic(), _vocabulary())
    return cached[1]


def understand(text: str) -> list[Understood]:
    """The phrases of ``text`` that name a place or a theme, longest first, left to right."""
    words = words_of(text[:2000])[:16]
    known = vocabulary()
    found: list[Understood] = []
    i = 0
    while i < len(words):
        for size in range(min(MAX_PHRASE, len(words) - i), 0, -1):
            phrase = tuple(words[i:i + size])
            if phrase in known:
                found.append(Understood(" ".join(phrase), tuple(known[phrase])))
                i += size
                break
        else:
            i += 1
    return found


def concepts(understood: list[Understood]) -> dict[str, dict[str, list[str]]]:
    """For :attr:`SearchQuery.concepts`: each word of a phrase -> the filters it stands for."""
    out: dict[str, dict[str, list[str]]] = {}
    for item in understood:
        for word in item.words.split():
            filters = out.setdefault(word, {})
            for concept in item.concepts:
                values = filters.setdefault(concept.facet, [])
                if concept.value not in values:
                    values.append(concept.value)
    return out
