"""The members' grants as open data, in the national SCDL « Subventions » 2.1.1 format
(OpenDataFrance; décret n° 2017-779 and arrêté du 17 novembre 2017): one row per granted
share, UTF-8, comma-separated, ISO dates, amounts in euros with a dot.

``pourcentageSubvention`` is 1: it splits one grant between several beneficiaries, not a
project between its funders (each funder's grant is a row of its own). A member whose
SIRET is unknown cannot be named as ``idAttribuant`` (required, 14 digits), and a
beneficiary with neither SIRET nor RNA breaks the schema's ``one-of-required(idBeneficiaire,
rnaBeneficiaire)``: those rows are left out, and the list page says so, rather than
publishing a file the national validator refuses.

Grants are public acts (décret n° 2017-779): a project its funders hid from the portal's
pages stays in the file, which publishes no place (``objet`` is the project's public title).

Dates: ``dateConvention`` is the convention's date, else the decision's: under 23 000 € no
convention need be signed and the deliberation itself notifies the grant.
``datesPeriodeVersement`` is « from/until » when both payment dates are known; only one
of them: that date (for an « échelonné » grant known only by its last date, the period
from the decision to it); none: the decision's date. ``dispositifAide`` must be an
identifier from the national « dispositifs d'aide » data, which the calls do not have:
left empty (the column is optional) rather than given the call's title.

The file is for machines, not spreadsheets: values are written as they are (no quote
added before a leading ``=``, ``+``, ``-`` or ``@``, which would alter the data).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.actors.models import Actor
from app.extensions import db
from app.network.models import Member
from app.projects.models import Project, ProjectFunding

COLUMNS = (
    "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire",
    "idBeneficiaire", "rnaBeneficiaire", "objet", "montant", "nature", "conditionsVersement",
    "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention", "dispositifAide",
)
# The payment terms of a decision, in the words the format's examples use.
CONDITIONS = {"unique": "unique", "echelonne": "échelonné", "autre": "autre"}
OBJECT_MAX = 256


def _euros(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def _text(value: str, limit: int | None = None) -> str:
    """Free text as written, on one line (cut to ``limit`` characters)."""
    value = " ".join((value or "").split())
    if limit and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value


def _period(funding: ProjectFunding) -> str:
    start, until, decided = funding.payment_from, funding.payment_until, funding.decided_on
    if start and until:
        return f"{start.isoformat()}/{until.isoformat()}"
    if until and funding.payment_terms == "echelonne" and decided and decided < until:
        return f"{decided.isoformat()}/{until.isoformat()}"
    day = start or until or decided
    return day.isoformat() if day else ""


def _has_siret():
    return sa.and_(Member.siret.is_not(None), Member.siret != "")


def _beneficiary_named():
    return sa.or_(sa.and_(Actor.siret.is_not(None), Actor.siret != ""),
                  sa.and_(Actor.rna.is_not(None), Actor.rna != ""))


def _grants() -> sa.Select:
    """Every granted share of a project (hidden ones too: grants are public acts)."""
    return (sa.select(ProjectFunding).join(Project, ProjectFunding.project_id == Project.id)
            .join(Member, ProjectFunding.member_id == Member.id).join(Actor, Project.actor_id == Actor.id))


def rows(member_code: str | None = None) -> list[dict[str, str]]:
    """The granted shares the file can name, by funder then decision date."""
    stmt = (_grants().where(_has_siret(), _beneficiary_named())
            .options(selectinload(ProjectFunding.member),
                     selectinload(ProjectFunding.project).selectinload(Project.actor))
            .order_by(Member.code, ProjectFunding.decided_on, ProjectFunding.id))
    if member_code:
        stmt = stmt.where(Member.code == member_code)
    out = []
    for funding in db.session.scalars(stmt):
        project, member, actor = funding.project, funding.member, funding.project.actor
        convention = funding.convention_on or funding.decided_on
        out.append({
            "nomAttribuant": _text(member.name),
            "idAttribuant": member.siret,
            "dateConvention": convention.isoformat() if convention else "",
            "referenceDecision": _text(funding.decision_reference),
            "nomBeneficiaire": _text(actor.name),
            "idBeneficiaire": actor.siret or "",
            "rnaBeneficiaire": actor.rna or "",
            "objet": _text(project.title, OBJECT_MAX),
            "montant": _euros(funding.amount_cents),
            "nature": "aide en numéraire",
            "conditionsVersement": CONDITIONS.get(funding.payment_terms or "", "unique"),
            "datesPeriodeVersement": _period(funding),
            "idRAE": "",
            "notificationUE": "non",
            "pourcentageSubvention": "1",
            "dispositifAide": "",
        })
    return out


def csv_text(member_code: str | None = None) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(member_code))
    return out.getvalue()


def members() -> list[Member]:
    """The members whose grants the file holds (one file each)."""
    return list(db.session.scalars(
        sa.select(Member).where(Member.id.in_(sa.select(ProjectFunding.member_id)), _has_siret())
        .order_by(Member.code)))


def members_without_siret() -> list[Member]:
    """Funders whose grants the file cannot name yet."""
    return list(db.session.scalars(
        sa.select(Member).where(Member.id.in_(sa.select(ProjectFunding.member_id)),
                                sa.or_(Member.siret.is_(None), Member.siret == "")).order_by(Member.code)))


def grants_without_beneficiary_id() -> int:
    """Grants left out of the file because their beneficiary has neither SIRET nor RNA
    (of the members the file names)."""
    return db.session.scalar(_grants().where(_has_siret(), sa.not_(_beneficiary_named()))
                             .with_only_columns(sa.func.count(ProjectFunding.id))) or 0
