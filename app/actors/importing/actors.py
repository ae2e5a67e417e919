"""Actors from a CSV file: one row, one actor, matched on its RNA, SIRET or name."""

from __future__ import annotations

import re

import sqlalchemy as sa

from app.actors import services
from app.actors.importing.reader import ImportRejected, Row, read_csv
from app.actors.importing.records import (
    ImportReport,
    Lookups,
    check_length,
    check_url,
    keep_missing_columns,
    split,
    validate,
)
from app.actors.models import Actor, ActorKind
from app.actors.rules import (
    Violation,
    check_departement,
    check_postal_code,
    check_rna,
    check_siret,
    normalise_identifier,
)
from app.core.text import fold
from app.extensions import db

COLUMNS = ["nom", "sigle", "type", "description", "code_postal", "commune", "departement",
           "themes", "pays_partenaires", "site_web", "email", "rna", "siret"]
MULTILINE = {"description"}
REQUIRED = ["nom", "type", "departement"]

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


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
    check_length(name, "nom", 200, errors)
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
    themes = lookups.themes_in(v.get("themes", ""), "themes", errors)
    territories = []
    for code in split(v.get("pays_partenaires", "")):
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
    website = check_url(v.get("site_web", ""), "site_web", errors)
    check_length(v.get("sigle", ""), "sigle", 40, errors)
    check_length(v.get("commune", ""), "commune", 120, errors)
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
        # Public only when the actor chooses so, on its profile (RGPD).
        contact_public=False,
        rna=rna or None,
        siret=siret or None,
        themes=themes,
        territories=list(dict.fromkeys(territories)),
    ), []


def identity(data: services.ActorData) -> list[tuple[str, str]]:
    """The keys a line is matched on, in order: RNA, SIRET, then name and département."""
    keys = [(name, getattr(data, name)) for name in services.IDENTIFIERS if getattr(data, name)]
    return keys + [("nom", services.actor_match_key(data.name, data.departement.code))]


def same_actor(data: services.ActorData, other: services.ActorData, column: str) -> bool:
    """Two lines sharing an RNA or a SIRET are the same actor; two sharing a name and a
    département are not when their RNA numbers or their SIRETs differ."""
    return column != "nom" or services.identifiers_agree(other, data)


# Column -> attributes it sets (see keep_missing_columns).
KEEP = {
    "sigle": ["acronym"], "description": ["description"], "code_postal": ["postal_code"],
    "commune": ["commune"], "themes": ["themes"], "pays_partenaires": ["territories"],
    "site_web": ["website"], "email": ["email"], "rna": ["rna"], "siret": ["siret"],
}

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
    rows = read_csv(data, COLUMNS, REQUIRED, MULTILINE)
    parsed = validate(rows, parse_actor, identity, Lookups.from_database(), same_actor)
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
            keep_missing_columns(row, existing, actor_data, KEEP)
            # What the file never carries: the actor's own choices and counts.
            actor_data.contact_public = existing.contact_public
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
