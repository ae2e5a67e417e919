"""What the parsers of every record type share: reference lookups, cell checks, the
checks of a whole file (all or nothing, the same record twice) and the report."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from app.actors.importing.reader import ImportRejected, Row
from app.actors.rules import Violation
from app.core.text import fold
from app.extensions import db
from app.network.models import Member, Territory, TerritoryKind, Theme

_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)

# A parser reads one row: the record's data, or None and what is wrong with the row.
Parser = Callable[[Row, "Lookups"], tuple[Any, list[Violation]]]
# The (column, key) pairs a record is recognised by, most telling first.
Identity = Callable[[Any], list[tuple[str, str]]]
# Whether a record sharing the key of ``column`` with an earlier one is that record.
SameRecord = Callable[[Any, Any, str], bool]


@dataclass
class Lookups:
    """Reference data the rows are checked against, folded for matching."""

    themes: dict[str, Theme] = field(default_factory=dict)
    territories: dict[str, Territory] = field(default_factory=dict)
    departements: dict[str, Territory] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)

    @classmethod
    def from_database(cls) -> Lookups:
        lookups = cls()
        for theme in db.session.scalars(sa.select(Theme)):
            for key in (theme.slug, theme.label, theme.label_en):
                lookups.themes[fold(key)] = theme
        for territory in db.session.scalars(sa.select(Territory)):
            lookups.territories[territory.code.upper()] = territory
            if territory.kind == TerritoryKind.DEPARTEMENT:
                lookups.departements[territory.code] = territory
        for member in db.session.scalars(sa.select(Member)):
            for key in (member.code, member.name, member.short_name):
                lookups.members[fold(key)] = member
        return lookups

    def themes_in(self, value: str, column: str, errors: list[Violation]) -> list[Theme]:
        """The ``|``-separated themes of a cell, by label or slug; unknown ones are errors."""
        themes = []
        for label in split(value):
            theme = self.themes.get(fold(label))
            if theme is None:
                errors.append(Violation("theme_unknown", column, {"value": label}))
            else:
                themes.append(theme)
        return list(dict.fromkeys(themes))


def split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def check_url(value: str, column: str, errors: list[Violation]) -> str | None:
    if value and not _URL.fullmatch(value):
        errors.append(Violation("url_invalid", column, {"value": value}))
    return value or None


def check_length(value: str, column: str, limit: int, errors: list[Violation]) -> None:
    if len(value) > limit:
        errors.append(Violation("too_long", column, {"max": limit}))


def validate(rows: list[Row], parse: Parser, identity: Identity, lookups: Lookups,
             same_record: SameRecord = lambda data, other, column: True) -> list[tuple[Row, Any]]:
    """Parse every row; raise ImportRejected listing every bad row, or return them all.

    Two rows describing the same record are an error on the second one.
    """
    errors: list[tuple[int, Violation]] = []
    parsed = []
    seen: dict[tuple[str, str], list] = {}
    for row in rows:
        data, row_errors = parse(row, lookups)
        errors += [(row.line, e) for e in row_errors]
        if data is None:
            continue
        same = _same_as(data, seen, identity, same_record)
        if same:
            errors.append((row.line, Violation("duplicate_in_file", same[0], {"line": same[1]})))
        else:
            for key in identity(data):
                seen.setdefault(key, []).append((row.line, data))
        parsed.append((row, data))
    if errors:
        raise ImportRejected(errors)
    return parsed


def _same_as(data, seen: dict[tuple[str, str], list], identity: Identity,
             same_record: SameRecord) -> tuple[str, int] | None:
    """(column, line) of an earlier line describing the same record, if any."""
    for column, value in identity(data):
        for line, other in seen.get((column, value), []):
            if same_record(data, other, column):
                return column, line
    return None


# Identifiers are never erased by an empty cell.
NEVER_ERASED = {"rna", "siret"}


def keep_missing_columns(row: Row, existing, data, columns: dict[str, list[str]]) -> None:
    """On an update, a column absent from the file leaves the attributes it sets as they are.

    ``columns`` maps a column to the attributes it sets.
    """
    for column, attrs in columns.items():
        for attr in attrs:
            if column not in row.values or (attr in NEVER_ERASED and not getattr(data, attr)):
                setattr(data, attr, getattr(existing, attr))


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
