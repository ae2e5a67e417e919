"""The network's founding members (the 2010 convention of the groupement de commandes).

An empty database has its reference data (territories, themes) but no member: the
first coordinator's account needs the Région, and the officers it invites need their
Département. :func:`install_founders` puts in the five founders that are missing, with
their identity only (the demo data and the coordinator's pages add the rest).
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from app.core import audit
from app.extensions import db
from app.network.models import Member, MemberKind, MemberStatus, Territory

JOINED = date(2010, 10, 1)
# code, kind, name, short name, seat
FOUNDERS = (
    ("IDF", MemberKind.REGION, "Région Île-de-France", "Région", "Saint-Ouen-sur-Seine"),
    ("77", MemberKind.DEPARTEMENT, "Département de Seine-et-Marne", "Seine-et-Marne", "Melun"),
    ("91", MemberKind.DEPARTEMENT, "Département de l'Essonne", "Essonne", "Évry-Courcouronnes"),
    ("93", MemberKind.DEPARTEMENT, "Département de la Seine-Saint-Denis", "Seine-Saint-Denis", "Bobigny"),
    ("94", MemberKind.DEPARTEMENT, "Département du Val-de-Marne", "Val-de-Marne", "Créteil"),
)


def install_founders() -> list[Member]:
    """Create the founding members not in the database yet (flushes; the caller commits)."""
    existing = set(db.session.scalars(sa.select(Member.code)))
    territories = {t.code: t for t in db.session.scalars(
        sa.select(Territory).where(Territory.code.in_([f[0] for f in FOUNDERS])))}
    created = []
    for code, kind, name, short_name, seat in FOUNDERS:
        if code in existing:
            continue
        member = Member(code=code, kind=kind, name=name, short_name=short_name, seat=seat,
                        territory=territories.get(code), status=MemberStatus.ACTIVE,
                        is_coordinator=code == "IDF", joined_on=JOINED)
        db.session.add(member)
        db.session.flush()
        audit.record(None, "member.create", member, {"code": code, "status": member.status.value})
        created.append(member)
    return created
