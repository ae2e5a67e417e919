"""Demo calls for projects: the joint call on international solidarity, open now, and an
older one, closed.

Facts from the network's documents (shared/reference/seeds_report.md): the Région and
the Départements co-finance projects side by side (R-26, R-27: each 20 % of a joint
project), decisions are voted by each council's *commission permanente* (S3:43, S3:311),
a grant of 10 000 € is the example of a "modest amount" in the local-interest test
(S3:51, used as the Région's ceiling), Seine-Saint-Denis ran a 30 000 € call in 2010
(S3:914, used as its envelope), and the Région's cooperation zones include Dakar, Hanoï
and São Paulo (S3:220). The other amounts are plausible, not announced ones.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from app.calls import services
from app.calls.models import Call, CallEnvelope, EnvelopeStatus
from app.core.dates import PARIS
from app.extensions import db
from app.network.models import Member, Territory, Theme

JOINT_TITLE = "Appel à projets conjoint « Solidarité internationale » 2027"
OLD_TITLE = "Appel à projets conjoint « Éducation à la citoyenneté mondiale » 2026"
JOINT_TITLE_EN = "2027 joint call for projects: International solidarity"
OLD_TITLE_EN = "2026 joint call for projects: Global citizenship education"

# Paragraphs as a person types them in the form: one line each (a line break in a
# paragraph would show as one).
JOINT_TEXT = "\n\n".join((
    "Le réseau Île-de-France International lance un appel à projets commun : un seul dossier pour "
    "demander le soutien de la Région Île-de-France et des Départements de l'Essonne, de la "
    "Seine-Saint-Denis et du Val-de-Marne.",
    "Sont attendus des projets de solidarité internationale portés par des associations franciliennes "
    "avec un partenaire local, dans les zones de coopération des membres du réseau (Dakar, Hanoï, "
    "São Paulo...), et comprenant des actions de sensibilisation en Île-de-France.",
    "Chaque cofinanceur instruit les dossiers qui le sollicitent et décide de sa part en commission "
    "permanente.",
))

JOINT_TEXT_EN = "\n\n".join((
    "The Île-de-France International network is launching a joint call for projects: a single "
    "application to seek the support of the Île-de-France Region and of the Départements of Essonne, "
    "Seine-Saint-Denis and Val-de-Marne.",
    "It is open to international solidarity projects led by associations based in Île-de-France with "
    "a local partner, in the cooperation areas of the network's members (Dakar, Hanoi, São Paulo...), "
    "and including awareness-raising activities in Île-de-France.",
    "Each co-funder reviews the applications addressed to it and decides on its share in its "
    "standing committee (commission permanente).",
))

OLD_TEXT = ("Projets d'éducation à la citoyenneté mondiale menés en Essonne et en Seine-Saint-Denis : "
            "animations dans les collèges, expositions, Festival des solidarités.")
OLD_TEXT_EN = ("Global citizenship education projects carried out in Essonne and Seine-Saint-Denis: "
               "workshops in lower secondary schools, exhibitions, the Festival des solidarités.")

# (member code, envelope in euros, ceiling per application in euros, decision body)
JOINT_ENVELOPES = [
    ("IDF", 120_000, 10_000, "Commission permanente du conseil régional"),
    ("91", 40_000, 8_000, "Commission permanente du conseil départemental de l'Essonne"),
    ("93", 30_000, 5_000, "Commission permanente du conseil départemental de la Seine-Saint-Denis"),
    ("94", 30_000, 5_000, "Commission permanente du conseil départemental du Val-de-Marne"),
]
OLD_ENVELOPES = [
    ("91", 20_000, 4_000, "Commission permanente du conseil départemental de l'Essonne"),
    ("93", 15_000, 3_000, "Commission permanente du conseil départemental de la Seine-Saint-Denis"),
]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=PARIS)


def _joint_dates(today: date) -> tuple[datetime, datetime]:
    """Open now: closing on 31 March 2027 at noon (Paris), or four months on when later."""
    closes_day = date(2027, 3, 31) if date(2027, 3, 31) >= today + timedelta(days=30) else today + timedelta(days=120)
    return _at(today - timedelta(days=14), 9), _at(closes_day, 12)


def _create(today: date, *, title: str, text: str, title_en: str, text_en: str, envelopes, opens_at: datetime, closes_at: datetime,
            themes: list[str], territories: list[str], criteria) -> Call:
    members = {m.code: m for m in db.session.scalars(sa.select(Member))}
    data = services.CallData(
        title_fr=title, text_fr=text, title_en=title_en, text_en=text_en, opens_at=opens_at, closes_at=closes_at, min_own_share=20,
        max_public_rate=80, beneficiary_kinds=["association", "osim"],
        required_attachments=["statuts", "budget_previsionnel", "rib", "rapport_activite"],
        themes=list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(themes)).order_by(Theme.position))),
        territories=list(db.session.scalars(sa.select(Territory).where(Territory.code.in_(territories)))),
        criteria=[services.CriterionData(label, weight, label_en) for label, label_en, weight in criteria])
    (lead_code, amount, ceiling, body), *others = envelopes
    call = services.create_call(None, data, lead=members[lead_code],
                                envelope=services.EnvelopeData(amount * 100, ceiling * 100, body))
    for code, amount, ceiling, body in others:
        call.envelopes.append(CallEnvelope(member=members[code], status=EnvelopeStatus.ACCEPTED,
                                           amount_cents=amount * 100, ceiling_cents=ceiling * 100,
                                           decision_body=body))
    db.session.flush()
    services.move(None, call, "publish", now=min(opens_at, _at(today, 0)) - timedelta(days=1))
    return call


# (French label, English label, weight)
CRITERIA = [
    ("Pertinence et qualité du partenariat local", "Relevance and quality of the local partnership", 3),
    ("Retombées et sensibilisation en Île-de-France", "Benefits and awareness-raising in Île-de-France", 2),
    ("Budget réaliste et cofinancements", "Realistic budget and co-funding", 2),
    ("Implication de jeunes et de membres franciliens", "Involvement of young people and members based in Île-de-France", 1),
]


def load_calls(today: date) -> int:
    created = 0
    if not db.session.scalar(sa.select(Call.id).where(Call.title_fr == JOINT_TITLE)):
        opens_at, closes_at = _joint_dates(today)
        _create(today, title=JOINT_TITLE, text=JOINT_TEXT, title_en=JOINT_TITLE_EN, text_en=JOINT_TEXT_EN,
                envelopes=JOINT_ENVELOPES, opens_at=opens_at,
                closes_at=closes_at, themes=["education", "sante", "eau-assainissement"],
                territories=["SN-dakar", "VN-hanoi", "BR-sao-paulo"], criteria=CRITERIA)
        created += 1
    if not db.session.scalar(sa.select(Call.id).where(Call.title_fr == OLD_TITLE)):
        opens_at, closes_at = _at(today - timedelta(days=330), 9), _at(today - timedelta(days=220), 12)
        call = _create(today, title=OLD_TITLE, text=OLD_TEXT, title_en=OLD_TITLE_EN, text_en=OLD_TEXT_EN,
                       envelopes=OLD_ENVELOPES, opens_at=opens_at,
                       closes_at=closes_at, themes=["education-developpement"], territories=[],
                       criteria=CRITERIA[:2])
        services.close_if_due(call)
        created += 1
    return created
