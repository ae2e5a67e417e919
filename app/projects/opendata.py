"""The members' grants as open data, in the national SCDL « Subventions » 2.1.1 format
(OpenDataFrance; décret n° 2017-779 and arrêté du 17 novembre 2017): one row per granted
share, UTF-8, comma-separated, ISO dates, amounts in euros with a dot.

``pourcentageSubvention`` is 1: it splits one grant between several beneficiaries, not a
project between its funders (each funder's grant is a row of its own). A member whose
SIRET is unknown cannot be named as ``idAttribuant`` (required, 14 digits): its rows are
left out, and the list page says so, rather than publishing a file the national
validator refuses.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.core.csv import neutralise
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
    """Free text as written (a value a spreadsheet could take for a formula neutralised)."""
    value = " ".join((value or "").split())
    if limit and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return neutralise(value)


def _period(funding: ProjectFunding) -> str:
    start = funding.payment_from or funding.decided_on
    if funding.payment_from and funding.payment_until:
        return f"{funding.payment_from.isoformat()}/{funding.payment_until.isoformat()}"
    return start.isoformat() if start else ""


def rows(member_code: str | None = None) -> list[dict[str, str]]:
    """The granted shares of the public projects, by funder then decision date."""
    stmt = (sa.select(ProjectFunding).join(Project).join(Member, ProjectFunding.member_id == Member.id)
            .where(Project.hidden.is_(False), Member.siret.is_not(None), Member.siret != "")
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
            "dispositifAide": _text(project.call_title_fr),
        })
    return out


def csv_text(member_code: str | None = None) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(member_code))
    return out.getvalue()


def members_without_siret() -> list[Member]:
    """Funders whose grants the file cannot name yet."""
    return list(db.session.scalars(
        sa.select(Member).where(Member.id.in_(sa.select(ProjectFunding.member_id)),
                                sa.or_(Member.siret.is_(None), Member.siret == "")).order_by(Member.code)))
