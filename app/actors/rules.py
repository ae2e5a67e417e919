"""Validation rules of the directory, in plain Python (no Flask, no database).

Each check returns :class:`Violation` codes with parameters; the messages a person
reads are chosen at the edge (forms, importer) from :data:`app.actors.messages`.
Money parsing lives in :mod:`app.core.money`, shared by every feature.
"""

from __future__ import annotations

import re
from datetime import date

from app.core.dates import plausible
from app.core.money import MAX_AMOUNT_CENTS, parse_amount, parse_rate  # noqa: F401  (rules of the directory's fields)
from app.core.rules import Violation
from app.network.codes import IDF_DEPARTEMENTS

_RNA = re.compile(r"W\d{9}")
_SIRET = re.compile(r"\d{14}")
_POSTAL = re.compile(r"\d{5}")
# La Poste's establishments share one SIREN and do not follow the Luhn key.
_LA_POSTE_SIREN = "356000000"


def normalise_identifier(value: str | None) -> str:
    return re.sub(r"[\s.\-]", "", value or "").upper()


def check_rna(value: str) -> list[Violation]:
    """RNA number: ``W`` followed by nine digits (répertoire national des associations)."""
    if not _RNA.fullmatch(value):
        return [Violation("rna_invalid", "rna", {"value": value})]
    return []


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        n = int(char)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def check_siret(value: str) -> list[Violation]:
    """SIRET: fourteen digits with a valid Luhn key (La Poste excepted)."""
    if not _SIRET.fullmatch(value):
        return [Violation("siret_format", "siret", {"value": value})]
    if value.startswith(_LA_POSTE_SIREN):
        if sum(int(c) for c in value) % 5 != 0:
            return [Violation("siret_checksum", "siret", {"value": value})]
        return []
    if not luhn_ok(value):
        return [Violation("siret_checksum", "siret", {"value": value})]
    return []


def check_departement(value: str) -> list[Violation]:
    if value not in IDF_DEPARTEMENTS:
        return [Violation("departement_unknown", "departement",
                          {"value": value, "allowed": ", ".join(IDF_DEPARTEMENTS)})]
    return []


def check_postal_code(postal_code: str, departement: str | None) -> list[Violation]:
    if not _POSTAL.fullmatch(postal_code):
        return [Violation("postal_code_invalid", "code_postal", {"value": postal_code})]
    if departement and not postal_code.startswith(departement):
        return [Violation("postal_code_departement", "code_postal",
                          {"value": postal_code, "departement": departement})]
    return []


def check_members(total: int | None, francilien: int | None) -> list[Violation]:
    if total is not None and francilien is not None and francilien > total:
        return [Violation("members_idf_over_total", "members_idf")]
    return []


def parse_date(text: str) -> date:
    """``31/12/2026``, ``31-12-2026`` or ``2026-12-31``, in a plausible year (see app.core.dates)."""
    text = (text or "").strip()
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        if not match:
            raise ValueError(text)
        year, month, day = (int(g) for g in match.groups())
    parsed = date(year, month, day)
    if not plausible(parsed):
        raise ValueError(text)
    return parsed


def check_scheme_ranges(
    amount_min: int | None,
    amount_max: int | None,
    opens_on: date | None,
    closes_on: date | None,
    age_min: int | None = None,
    age_max: int | None = None,
) -> list[Violation]:
    out = []
    if amount_min is not None and amount_max is not None and amount_min > amount_max:
        out.append(Violation("amount_range", "montant_max"))
    if opens_on and closes_on and opens_on > closes_on:
        out.append(Violation("date_range", "date_limite"))
    if age_min is not None and age_max is not None and age_min > age_max:
        out.append(Violation("age_range", "age_max"))
    return out


def open_window(permanent: bool, opens_on: date | None, closes_on: date | None) -> tuple[date | None, date | None]:
    """The days a scheme accepts applications, as (first, last), None meaning unbounded.

    The one rule for "is this scheme open?": a permanent scheme with no closing date is
    always open (its opening date is history); otherwise from the opening date to the
    closing date, each bound optional. :func:`app.actors.queries.open_on` is its SQL twin
    and the index stores the same window.
    """
    if permanent and closes_on is None:
        return None, None
    return opens_on, closes_on


def is_open_on(permanent: bool, opens_on: date | None, closes_on: date | None, day: date) -> bool:
    first, last = open_window(permanent, opens_on, closes_on)
    return (first is None or first <= day) and (last is None or day <= last)


_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"']+\.[^\s<>\"']+", re.IGNORECASE)


def parse_document_line(line: str) -> tuple[str, str | None]:
    """« Règlement | https://… » → ("Règlement", "https://…"); a line without an address
    is a document to provide with no link (an address that is no web address counts as text)."""
    label, _sep, address = line.strip().rpartition("|") if "|" in line else (line.strip(), "", "")
    label, address = label.strip(), address.strip()
    if address and _WEB_ADDRESS.fullmatch(address):
        return (label or address, address)
    return (line.strip(), None)


def check_document_lines(text: str) -> list[Violation]:
    """Each line with a ``|`` must end with a web address (http:// or https://)."""
    out = []
    for line in text.splitlines():
        if "|" in line and parse_document_line(line)[1] is None:
            out.append(Violation("document_line", "documents", {"value": line.strip()}))
    return out
