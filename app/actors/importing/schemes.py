"""Funding schemes from a CSV file: one row, one scheme, matched on its name and funder."""

from __future__ import annotations

from collections.abc import Callable

from app.actors import services
from app.actors.importing.reader import Row, read_csv
from app.actors.importing.records import (
    ImportReport,
    Lookups,
    check_length,
    check_url,
    keep_missing_columns,
    split,
    validate,
)
from app.actors.models import Beneficiary, Recurrence
from app.actors.rules import Violation, check_scheme_ranges, parse_amount, parse_date, parse_rate
from app.core.text import fold

COLUMNS = ["nom", "financeur", "description", "beneficiaires", "themes", "montant_min",
           "montant_max", "taux_max", "date_ouverture", "date_limite", "url"]
MULTILINE = {"description"}
REQUIRED = ["nom", "financeur"]


def _beneficiary(value: str) -> Beneficiary | None:
    key = fold(value)
    for b in Beneficiary:
        if key in (b.value, fold(b.title)):
            return b
    return None


def parse_scheme(row: Row, lookups: Lookups) -> tuple[services.SchemeData | None, list[Violation]]:
    v = row.values
    errors: list[Violation] = []
    name = v.get("nom", "")
    if not name:
        errors.append(Violation("required", "nom"))
    check_length(name, "nom", 200, errors)
    funder_text = v.get("financeur", "")
    member = lookups.members.get(fold(funder_text)) if funder_text else None
    if not funder_text:
        errors.append(Violation("required", "financeur"))
    check_length(funder_text, "financeur", 200, errors)
    beneficiaries = []
    for label in split(v.get("beneficiaires", "")):
        b = _beneficiary(label)
        if b is None:
            errors.append(Violation("beneficiary_unknown", "beneficiaires", {
                "value": label, "allowed": ", ".join(x.value for x in Beneficiary)}))
        else:
            beneficiaries.append(b)
    themes = lookups.themes_in(v.get("themes", ""), "themes", errors)

    def parsed(column: str, parser: Callable, code: str):
        text = v.get(column, "")
        if not text:
            return None
        try:
            return parser(text)
        except ValueError:
            errors.append(Violation(code, column, {"value": text}))
            return None

    amount_min = parsed("montant_min", parse_amount, "amount_invalid")
    amount_max = parsed("montant_max", parse_amount, "amount_invalid")
    rate = parsed("taux_max", parse_rate, "rate_invalid")
    opens_on = parsed("date_ouverture", parse_date, "date_invalid")
    closes_on = parsed("date_limite", parse_date, "date_invalid")
    errors += check_scheme_ranges(amount_min, amount_max, opens_on, closes_on)
    url = check_url(v.get("url", ""), "url", errors)
    if errors:
        return None, errors
    return services.SchemeData(
        name=name,
        funder_member=member,
        funder_name=None if member else funder_text,
        description=v.get("description", ""),
        beneficiaries=list(dict.fromkeys(beneficiaries)),
        themes=themes,
        amount_min_cents=amount_min,
        amount_max_cents=amount_max,
        max_rate_percent=rate,
        recurrence=Recurrence.ANNUAL if closes_on else Recurrence.PERMANENT,
        opens_on=opens_on,
        closes_on=closes_on,
        url=url,
    ), []


def identity(data: services.SchemeData) -> list[tuple[str, str]]:
    """A scheme is known by its name and its funder."""
    funder = data.funder_member.code if data.funder_member else data.funder_name
    return [("nom", services.scheme_match_key(data.name, funder or ""))]


# Column -> attributes it sets (see keep_missing_columns).
KEEP = {
    "description": ["description"], "beneficiaires": ["beneficiaries"], "themes": ["themes"],
    "montant_min": ["amount_min_cents"], "montant_max": ["amount_max_cents"],
    "taux_max": ["max_rate_percent"], "date_ouverture": ["opens_on"], "date_limite": ["closes_on"],
    "url": ["url"],
}


def import_schemes(data: bytes, user=None, *, publish: bool = True) -> ImportReport:
    rows = read_csv(data, COLUMNS, REQUIRED, MULTILINE)
    parsed = validate(rows, parse_scheme, identity, Lookups.from_database())
    report = ImportReport()
    for row, scheme_data in parsed:
        existing = services.find_scheme(scheme_data)
        if existing is not None:
            keep_missing_columns(row, existing, scheme_data, KEEP)
            # What the file never carries.
            scheme_data.summary = existing.summary
            scheme_data.territories = existing.territories
            scheme_data.age_min, scheme_data.age_max = existing.age_min, existing.age_max
            scheme_data.legal_basis = existing.legal_basis
            scheme_data.recurrence = existing.recurrence
            if services.update_scheme(user, existing, scheme_data):
                report.updated += 1
            else:
                report.unchanged += 1
        else:
            services.create_scheme(user, scheme_data, publish=publish)
            report.created += 1
    return report
