"""CSV import of actors and funding schemes: ``flask import actors|schemes FILE``.

All or nothing: a file with any bad line imports nothing and lists every bad line
(line number, column, reason). A good file imports every line; importing it again
updates the same records instead of creating duplicates.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import AppGroup
from flask_babel import force_locale

from app.actors import services
from app.actors.messages import message
from app.actors.models import Actor, ActorKind, Beneficiary, Recurrence
from app.actors.rules import (
    Violation,
    check_departement,
    check_postal_code,
    check_rna,
    check_scheme_ranges,
    check_siret,
    normalise_identifier,
    parse_amount,
    parse_date,
    parse_rate,
)
from app.core.text import fold
from app.extensions import db
from app.network.models import Member, Territory, TerritoryKind, Theme

ACTOR_COLUMNS = ["nom", "sigle", "type", "description", "code_postal", "commune", "departement",
                 "themes", "pays_partenaires", "site_web", "email", "rna", "siret"]
ACTOR_REQUIRED = ["nom", "type", "departement"]
SCHEME_COLUMNS = ["nom", "financeur", "description", "beneficiaires", "themes", "montant_min",
                  "montant_max", "taux_max", "date_ouverture", "date_limite", "url"]
SCHEME_REQUIRED = ["nom", "financeur"]

_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class ImportRejected(Exception):
    def __init__(self, errors: list[tuple[int, Violation]]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass
class Row:
    line: int
    values: dict[str, str]


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


def read_csv(data: bytes, columns: list[str], required: list[str]) -> list[Row]:
    """Decode, sniff the separator, check the header; raise ImportRejected on a bad file."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ImportRejected([(0, Violation("encoding"))]) from None
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[Row] = []
    errors: list[tuple[int, Violation]] = []
    start = 1
    for record in _records(reader):
        line = start
        start = reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue
        if header is None:
            header = [fold(h).strip().replace(" ", "_").replace("-", "_") for h in record]
            missing = [c for c in required if c not in header]
            unknown = [h for h in header if h not in columns]
            if missing:
                errors.append((line, Violation("columns_missing", params={"columns": ", ".join(missing)})))
            if unknown:
                errors.append((line, Violation("columns_unknown", params={"columns": ", ".join(unknown)})))
            if errors:
                raise ImportRejected(errors)
            continue
        if len(record) != len(header):
            errors.append((line, Violation("columns_count",
                                           params={"found": len(record), "expected": len(header)})))
            continue
        rows.append(Row(line, {h: v.strip() for h, v in zip(header, record, strict=True)}))
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise ImportRejected([(0, Violation("empty_file"))])
    return rows


def _records(reader):
    """The reader's records; a line the csv module cannot read rejects the file, by number."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise ImportRejected([(reader.line_num, Violation("unreadable_line"))]) from None


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _check_url(value: str, column: str, errors: list[Violation]) -> str | None:
    if value and not _URL.fullmatch(value):
        errors.append(Violation("url_invalid", column, {"value": value}))
    return value or None


def _too_long(value: str, column: str, limit: int, errors: list[Violation]) -> None:
    if len(value) > limit:
        errors.append(Violation("too_long", column, {"max": limit}))


def _kind(value: str) -> ActorKind | None:
    key = fold(value).replace(" ", "_").replace("-", "_")
    for kind in ActorKind:
        if key == kind.value or fold(value) == fold(kind.title) or fold(value) == fold(
            kind.title.split(" (")[0]
        ):
            return kind
    return None


def parse_actor(row: Row, lookups: Lookups) -> tuple[services.ActorData | None, list[Violation]]:
    v = row.values
    errors: list[Violation] = []
    name = v.get("nom", "")
    if not name:
        errors.append(Violation("required", "nom"))
    _too_long(name, "nom", 200, errors)
    kind = _kind(v.get("type", ""))
    if kind is None:
        errors.append(Violation("kind_unknown", "type", {
            "value": v.get("type", ""), "allowed": ", ".join(k.value for k in ActorKind)}))
    dep_code = v.get("departement", "").strip()
    departement = None
    if not dep_code:
        errors.append(Violation("required", "departement"))
    elif not check_departement(dep_code):
        departement = lookups.departements.get(dep_code)
    else:
        errors += check_departement(dep_code)
    postal = v.get("code_postal", "")
    if postal:
        errors += check_postal_code(postal, dep_code if departement else None)
    themes = []
    for label in _split(v.get("themes", "")):
        theme = lookups.themes.get(fold(label))
        if theme is None:
            errors.append(Violation("theme_unknown", "themes", {"value": label}))
        else:
            themes.append(theme)
    territories = []
    for code in _split(v.get("pays_partenaires", "")):
        territory = lookups.territories.get(code.upper())
        if territory is None or territory.is_french:
            errors.append(Violation("country_unknown", "pays_partenaires", {"value": code}))
        else:
            territories.append(territory)
    rna = normalise_identifier(v.get("rna"))
    if rna:
        errors += check_rna(rna)
    siret = normalise_identifier(v.get("siret"))
    if siret:
        errors += check_siret(siret)
    email = v.get("email", "")
    if email and not _EMAIL.fullmatch(email):
        errors.append(Violation("email_invalid", "email", {"value": email}))
    website = _check_url(v.get("site_web", ""), "site_web", errors)
    _too_long(v.get("sigle", ""), "sigle", 40, errors)
    _too_long(v.get("commune", ""), "commune", 120, errors)
    if errors:
        return None, errors
    return services.ActorData(
        name=name,
        kind=kind,
        acronym=v.get("sigle") or None,
        description=v.get("description", ""),
        postal_code=postal or None,
        commune=v.get("commune") or None,
        departement=departement,
        website=website,
        email=email or None,
        contact_public=bool(email),
        rna=rna or None,
        siret=siret or None,
        themes=list(dict.fromkeys(themes)),
        territories=list(dict.fromkeys(territories)),
    ), []


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
    _too_long(name, "nom", 200, errors)
    funder_text = v.get("financeur", "")
    member = lookups.members.get(fold(funder_text)) if funder_text else None
    if not funder_text:
        errors.append(Violation("required", "financeur"))
    _too_long(funder_text, "financeur", 200, errors)
    beneficiaries = []
    for label in _split(v.get("beneficiaires", "")):
        b = _beneficiary(label)
        if b is None:
            errors.append(Violation("beneficiary_unknown", "beneficiaires", {
                "value": label, "allowed": ", ".join(x.value for x in Beneficiary)}))
        else:
            beneficiaries.append(b)
    themes = []
    for label in _split(v.get("themes", "")):
        theme = lookups.themes.get(fold(label))
        if theme is None:
            errors.append(Violation("theme_unknown", "themes", {"value": label}))
        else:
            themes.append(theme)

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
    url = _check_url(v.get("url", ""), "url", errors)
    if errors:
        return None, errors
    return services.SchemeData(
        name=name,
        funder_member=member,
        funder_name=None if member else funder_text,
        description=v.get("description", ""),
        beneficiaries=list(dict.fromkeys(beneficiaries)),
        themes=list(dict.fromkeys(themes)),
        amount_min_cents=amount_min,
        amount_max_cents=amount_max,
        max_rate_percent=rate,
        recurrence=Recurrence.ANNUAL if closes_on else Recurrence.PERMANENT,
        opens_on=opens_on,
        closes_on=closes_on,
        url=url,
    ), []


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _identity(data) -> list[tuple[str, str]]:
    """The keys a line is matched on, in order: RNA, SIRET, then the name (with the
    département of an actor, the funder of a scheme)."""
    if isinstance(data, services.ActorData):
        keys = [(name, getattr(data, name)) for name in services.IDENTIFIERS if getattr(data, name)]
        return keys + [("nom", services.actor_match_key(data.name, data.departement.code))]
    funder = data.funder_member.code if data.funder_member else data.funder_name
    return [("nom", services.scheme_match_key(data.name, funder or ""))]


def _same_as(data, seen: dict[tuple[str, str], list]) -> tuple[str, int] | None:
    """(column, line) of an earlier line describing the same record, if any.

    Two lines sharing an RNA or a SIRET are the same; two actors sharing a name and a
    département are not when their RNA numbers or their SIRETs differ.
    """
    for column, value in _identity(data):
        for line, other in seen.get((column, value), []):
            by_name_only = column == "nom" and isinstance(data, services.ActorData)
            if not by_name_only or services.identifiers_agree(other, data):
                return column, line
    return None


def validate(rows: list[Row], parse, lookups: Lookups) -> list:
    errors: list[tuple[int, Violation]] = []
    parsed = []
    seen: dict[tuple[str, str], list] = {}
    for row in rows:
        data, row_errors = parse(row, lookups)
        errors += [(row.line, e) for e in row_errors]
        if data is None:
            continue
        same = _same_as(data, seen)
        if same:
            errors.append((row.line, Violation("duplicate_in_file", same[0], {"line": same[1]})))
        else:
            for key in _identity(data):
                seen.setdefault(key, []).append((row.line, data))
        parsed.append((row, data))
    if errors:
        raise ImportRejected(errors)
    return parsed


# Column -> attributes it sets. On an update, a column absent from the file leaves
# those attributes as they are; identifiers are never erased by an empty cell.
ACTOR_KEEP = {
    "sigle": ["acronym"], "description": ["description"], "code_postal": ["postal_code"],
    "commune": ["commune"], "themes": ["themes"], "pays_partenaires": ["territories"],
    "site_web": ["website"], "email": ["email"], "rna": ["rna"], "siret": ["siret"],
}
SCHEME_KEEP = {
    "description": ["description"], "beneficiaires": ["beneficiaries"], "themes": ["themes"],
    "montant_min": ["amount_min_cents"], "montant_max": ["amount_max_cents"],
    "taux_max": ["max_rate_percent"], "date_ouverture": ["opens_on"], "date_limite": ["closes_on"],
    "url": ["url"],
}
NEVER_ERASED = {"rna", "siret"}


def _keep_missing_columns(row: Row, existing, data, columns: dict[str, list[str]]) -> None:
    for column, attrs in columns.items():
        for attr in attrs:
            if column not in row.values or (attr in NEVER_ERASED and not getattr(data, attr)):
                setattr(data, attr, getattr(existing, attr))


IDENTIFIER_NAMES = {"rna": "numéro RNA", "siret": "SIRET"}


def _identifiers_taken(data: services.ActorData, existing: Actor | None) -> list[Violation]:
    """The row's RNA or SIRET already held by another actor: by a record other than the
    one the row updates, or by that record when its other identifier differs."""
    out = []
    for name in services.IDENTIFIERS:
        value = getattr(data, name)
        if not value:
            continue
        if existing is not None and getattr(existing, name) == value:
            holder = existing
        else:
            holder = db.session.scalar(sa.select(Actor).where(getattr(Actor, name) == value))
        if holder is not None and (holder is not existing or not services.identifiers_agree(holder, data)):
            out.append(Violation("identifier_taken", name, {
                "what": IDENTIFIER_NAMES[name], "other": holder.name}))
    return out


def import_actors(data: bytes, user=None) -> ImportReport:
    rows = read_csv(data, ACTOR_COLUMNS, ACTOR_REQUIRED)
    parsed = validate(rows, parse_actor, Lookups.from_database())
    report = ImportReport()
    errors: list[tuple[int, Violation]] = []
    for row, actor_data in parsed:
        candidates = services.actor_candidates(actor_data)
        if len(candidates) > 1:
            errors.append((row.line, Violation("ambiguous_match", "nom", {"count": len(candidates)})))
            continue
        existing = candidates[0] if candidates else None
        taken = _identifiers_taken(actor_data, existing)
        if taken:
            errors += [(row.line, violation) for violation in taken]
            continue
        if existing is not None:
            _keep_missing_columns(row, existing, actor_data, ACTOR_KEEP)
            # What the file never carries: the actor's own choices and counts.
            actor_data.contact_public = existing.contact_public or actor_data.contact_public
            actor_data.phone = existing.phone
            actor_data.members_total, actor_data.members_idf = existing.members_total, existing.members_idf
            if services.update_actor(user, existing, actor_data):
                report.updated += 1
            else:
                report.unchanged += 1
        else:
            services.create_actor(user, actor_data)
            report.created += 1
    if errors:
        raise ImportRejected(errors)
    return report


def import_schemes(data: bytes, user=None, *, publish: bool = True) -> ImportReport:
    rows = read_csv(data, SCHEME_COLUMNS, SCHEME_REQUIRED)
    parsed = validate(rows, parse_scheme, Lookups.from_database())
    report = ImportReport()
    for _row, scheme_data in parsed:
        existing = services.find_scheme(scheme_data)
        if existing is not None:
            _keep_missing_columns(_row, existing, scheme_data, SCHEME_KEEP)
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


def format_errors(errors: list[tuple[int, Violation]]) -> list[str]:
    out = []
    for line, violation in errors:
        where = f"ligne {line}" if line else "fichier"
        if violation.field:
            where += f", colonne « {violation.field} »"
        out.append(f"{where} : {message(violation)}")
    return out


import_cli = AppGroup("import", help="Importer des fiches depuis un fichier CSV.")


def _run(importer, path: Path, **kwargs) -> None:
    with force_locale("fr"):
        try:
            report = importer(path.read_bytes(), **kwargs)
        except ImportRejected as exc:
            db.session.rollback()
            click.echo(f"Rien n'a été importé : {len(exc.errors)} erreur(s) dans {path.name}.", err=True)
            for line in format_errors(exc.errors):
                click.echo(f"  {line}", err=True)
            raise SystemExit(1) from None
        db.session.commit()
    click.echo(
        f"{path.name} importé : {report.created} créée(s), {report.updated} mise(s) à jour, "
        f"{report.unchanged} inchangée(s)."
    )


@import_cli.command("actors")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_actors_command(path: Path) -> None:
    """Import actors from a CSV file (columns: see README)."""
    _run(import_actors, path)


@import_cli.command("schemes")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--brouillon", is_flag=True, help="Import new schemes as drafts.")
def import_schemes_command(path: Path, brouillon: bool) -> None:
    """Import funding schemes from a CSV file (columns: see README)."""
    _run(import_schemes, path, publish=not brouillon)
