"""Who is the same applicant, for the joint-applicant alert shown to the officers.

Two applications come from the same applicant when they share the directory's actor, or
its RNA number (``W`` + 9 digits), or its SIRET (14 digits); spaces, dots and dashes as
people type them are ignored.

The SIRET must match exactly, not just its first nine digits (the SIREN): the SIREN
names a legal person, and the local branches of a national federation or network are
often each registered as their own actor with their own SIRET under one SIREN. Matching
on the SIREN would tell an officer that two distinct local associations are "the same
applicant", a false alert that casts doubt on an honest dossier; matching one SIRET
never does, and two dossiers of the very same organisation share the actor, the RNA or
the SIRET anyway.

The alert is for the officers concerned only: it never reaches the applicant, the
public pages, search or the API (the views' business; here it is only computed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.calls.domain.application_workflow import OPEN

CODES = ("open_application_this_call", "open_application_other_call", "funded_recently")

# How far back a grant by another member is worth an alert.
FUNDED_YEARS = 3

_SEPARATORS = re.compile(r"[\s.\-\u00a0\u202f]")


def normalise_rna(value: str | None) -> str | None:
    """``w 123 456 789`` -> ``W123456789``; None when it is not an RNA number."""
    cleaned = _SEPARATORS.sub("", value or "").upper()
    return cleaned if re.fullmatch(r"W\d{9}", cleaned) else None


def normalise_siret(value: str | None) -> str | None:
    """``123 456 789 00012`` -> ``12345678900012``; None when it is not 14 digits."""
    cleaned = _SEPARATORS.sub("", value or "")
    return cleaned if re.fullmatch(r"\d{14}", cleaned) else None


@dataclass(frozen=True)
class Applicant:
    actor_id: int | None = None
    rna: str | None = None
    siret: str | None = None


def match(a: Applicant, b: Applicant) -> str | None:
    """Why ``a`` and ``b`` are the same applicant: "actor", "rna" or "siret"; None if not."""
    if a.actor_id is not None and a.actor_id == b.actor_id:
        return "actor"
    rna = normalise_rna(a.rna)
    if rna is not None and rna == normalise_rna(b.rna):
        return "rna"
    siret = normalise_siret(a.siret)
    if siret is not None and siret == normalise_siret(b.siret):
        return "siret"
    return None


def same_applicant(a: Applicant, b: Applicant) -> bool:
    return match(a, b) is not None


@dataclass(frozen=True)
class OtherApplication:
    application_id: int
    call_id: int
    applicant: Applicant
    state: str
    title: str = ""


@dataclass(frozen=True)
class PastGrant:
    application_id: int
    member_id: int
    member: str          # its name, for the message
    applicant: Applicant
    decided_on: date
    granted: int         # cents


@dataclass(frozen=True)
class Alert:
    code: str
    application_id: int  # the other dossier, for the link
    params: dict


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def alerts(applicant: Applicant, *, application_id: int, call_id: int,
           others: Iterable[OtherApplication], grants: Iterable[PastGrant], today: date,
           viewer_member_id: int | None = None) -> list[Alert]:
    """The alerts to show on one application to an officer of ``viewer_member_id`` (None:
    the coordinator). Other open applications (submitted, in review or sent back for
    corrections; never drafts, which officers do not see) of the same applicant in this
    call or another, then grants to it by another member than the viewer's decided in
    the last three years (the viewer knows its own)."""
    out = []
    for other in others:
        if other.application_id == application_id or other.state not in OPEN:
            continue
        how = match(applicant, other.applicant)
        if how is not None:
            code = "open_application_this_call" if other.call_id == call_id else "open_application_other_call"
            out.append(Alert(code, other.application_id, {"match": how, "title": other.title}))
    since = years_before(today, FUNDED_YEARS)
    for grant in grants:
        if (grant.application_id == application_id or grant.granted <= 0 or grant.decided_on < since
                or grant.member_id == viewer_member_id):
            continue
        how = match(applicant, grant.applicant)
        if how is not None:
            out.append(Alert("funded_recently", grant.application_id, {
                "match": how, "member": grant.member, "decided_on": grant.decided_on,
                "granted": grant.granted}))
    return out
