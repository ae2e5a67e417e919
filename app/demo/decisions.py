"""Demo applications on the joint call, with the members' decisions in every state, so
that agent91 sees an instruction list with a joint-applicant alert (ER & DE was funded by
the 93 on the 2026 call) and association1 (ER & DE) sees two decisions on its dossier.

Written straight to the models (the applicant's forms are another step's); decisions go
through :func:`app.calls.services_decisions.record_decision`, so the envelopes are
reserved as in real life. Nothing is created twice: an actor that already has an
application in the call keeps it.
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from app.actors.models import Actor
from app.auth.models import User
from app.calls import services_decisions
from app.calls.domain.decisions import DecisionInput
from app.calls.models import Call
from app.calls.models_applications import Application, ApplicationShare, ApplicationState
from app.core.db import utcnow
from app.extensions import db
from app.network.models import Member, Territory

# (actor, title, {member: euros asked}, state before decisions, {member: (euros granted, reason)},
#  the partner's territory, the one the title names: the list's « Pays du partenaire » filter)
JOINT = [
    # association1's dossier, filed by the applications' demo when it ran (else made here).
    ("Energie renouvelable et développement équitable", "Électricité solaire pour trois écoles de Dakar",
     {"IDF": 8_000, "91": 6_000}, ApplicationState.IN_REVIEW,
     {"IDF": (8_000, ""), "91": (5_000, "")}, "SN-dakar"),
    ("Fédération des associations pour le développement de la Région de Matam", "Maraîchage et eau potable à Matam",
     {"91": 5_000, "IDF": 8_000}, ApplicationState.SUBMITTED, {}, "SN"),  # Matam, Senegal
    ("Bibliothèques sans frontières", "Une bibliothèque numérique à Hanoï",
     {"91": 4_000, "IDF": 6_000}, ApplicationState.IN_REVIEW,
     {"91": (0, "Le projet ne concerne pas de public essonnien.")}, "VN-hanoi"),
    ("Groupe de recherche et d'échanges technologiques", "Filière riz à Saint-Louis",
     {"91": 3_000, "94": 5_000}, ApplicationState.IN_REVIEW,
     {"91": (0, "Enveloppe réservée aux projets d'éducation."), "94": (0, "Projet déjà soutenu par l'État.")},
     "SN"),  # Saint-Louis, Senegal
    ("Association Jean Monnet", "Échanges de jeunes avec São Paulo",
     {"91": 2_500}, ApplicationState.NEEDS_CHANGES, {}, "BR-sao-paulo"),
    ("ConvoiExceptionnel", "Convoi de matériel scolaire pour Diéma", {"91": 2_000}, ApplicationState.DISMISSED, {},
     "ML-diema"),
    # Left for the officers to decide (the browser test decides it, the 91 and the 93 each).
    ("Centre régional d'information et de prévention du sida et pour la santé des jeunes",
     "Prévention santé avec les jeunes de Hanoï", {"91": 3_000, "93": 2_000}, ApplicationState.SUBMITTED, {},
     "VN-hanoi"),
    ("Chœur régional Vittoria d'Île-de-France", "Tournée chorale solidaire à Dakar", {"93": 1_500},
     ApplicationState.DRAFT, {}, "SN-dakar"),
]
# Reviews of the officers (scores on the call's criteria in their order, out of 5): the
# instruction list's « Note » column and the co-funders' opinions on a dossier's page.
REVIEWS = [
    ("Électricité solaire pour trois écoles de Dakar", "coordination@example.org", (5, 4, 4, 3), "favourable",
     "Partenariat solide avec la mairie d'arrondissement ; budget réaliste et cofinancé."),
    ("Électricité solaire pour trois écoles de Dakar", "agent91@example.org", (4, 4, 3, 4), "favourable",
     "Sensibilisation prévue dans trois collèges essonniens ; jeunes de l'association impliqués."),
    ("Maraîchage et eau potable à Matam", "agent91@example.org", (4, 3, 3, 2), "reserve",
     "Préciser le rôle de la commune partenaire et le calendrier des forages."),
    ("Une bibliothèque numérique à Hanoï", "coordination@example.org", (3, 2, 4, 1), "reserve",
     "Peu de retombées en Île-de-France : à renforcer."),
    ("Filière riz à Saint-Louis", "agent91@example.org", (2, 1, 3, 1), "defavourable",
     "Hors des priorités éducatives de l'Essonne."),
]
# ER & DE was funded by the 93 on the 2026 call: the alert agent91 reads on its new dossier.
OLD = ("Energie renouvelable et développement équitable", "Ateliers sur l'énergie dans les collèges de Bobigny",
       {"93": 2_500}, {"93": (2_000, "")})


def _application(call: Call, actor: Actor, title: str, asked: dict[str, int], state: ApplicationState,
                 members: dict[str, Member], submitted_days_ago: int, territory: str | None = None) -> Application | None:
    # Any application of the actor in the call, even refused: loading twice adds nothing.
    # One filed by the applications' demo and not instructed yet is taken into instruction.
    existing = db.session.scalar(sa.select(Application).where(Application.call_id == call.id,
                                                              Application.actor_id == actor.id).limit(1))
    if existing is not None:
        if existing.state == ApplicationState.SUBMITTED and state == ApplicationState.IN_REVIEW \
                and not any(share.decided for share in existing.shares):
            existing.state = ApplicationState.IN_REVIEW
            db.session.flush()
            return existing
        return None
    now = utcnow()
    application = Application(call=call, actor=actor, state=state, project_title=title,
                              summary=f"{title} : projet de démonstration.",
                              own_contribution_cents=sum(asked.values()) * 50,
                              partner_territory=db.session.scalar(sa.select(Territory).where(
                                  Territory.code == territory)) if territory else None)
    if state != ApplicationState.DRAFT:
        application.submitted_at, application.revision = now - timedelta(days=submitted_days_ago), 1
    if state == ApplicationState.NEEDS_CHANGES:
        application.correction_message = "Merci de joindre le budget prévisionnel signé."
    if state == ApplicationState.DISMISSED:
        application.decided_at = now
    application.shares = [ApplicationShare(member=members[code], asked_cents=euros * 100)
                          for code, euros in asked.items()]
    db.session.add(application)
    db.session.flush()
    return application


def _decide(application: Application, granted: dict[str, tuple[int, str]], members: dict[str, Member],
            decided_on: date) -> None:
    for code, (euros, reason) in granted.items():
        share = application.share_of(members[code].id)
        if share is None:  # the filed dossier asks other members than planned: left to decide
            continue
        euros = min(euros, share.asked_cents // 100)
        services_decisions.record_decision(None, share, DecisionInput(
            granted=euros * 100, reason=reason, reference=f"CP {decided_on.year}-{code}-{application.id:03d}" if euros else "",
            decided_on=decided_on if euros else None, payment_terms="unique" if euros else None),
            version=share.version, notify=False)


def load_decisions(today: date, joint_title: str, old_title: str) -> int:
    members = {m.code: m for m in db.session.scalars(sa.select(Member))}
    actors = {a.name: a for a in db.session.scalars(sa.select(Actor).where(
        Actor.name.in_([row[0] for row in JOINT])))}
    joint = db.session.scalar(sa.select(Call).where(Call.title_fr == joint_title))
    old = db.session.scalar(sa.select(Call).where(Call.title_fr == old_title))
    created = 0
    if old is not None and OLD[0] in actors:
        application = _application(old, actors[OLD[0]], OLD[1], OLD[2], ApplicationState.IN_REVIEW, members, 250)
        if application is not None:
            _decide(application, OLD[3], members, today - timedelta(days=200))
            created += 1
    if joint is None:
        return created
    for days, (name, title, asked, state, granted, territory) in enumerate(JOINT, start=2):
        if name not in actors or any(code not in members for code in asked):
            continue
        application = _application(joint, actors[name], title, asked, state, members, days, territory)
        if application is None:
            continue
        _decide(application, granted, members, today - timedelta(days=1))
        created += 1
    _review(joint)
    return created


def _review(call: Call) -> None:
    """The demo's reviews, through the service (audited, totals stored); a reviewer who
    already reviewed a dossier keeps its review: loading twice adds nothing."""
    criteria = [c.id for c in call.criteria]
    for title, email, scores, opinion, comment in REVIEWS:
        reviewer = db.session.scalar(sa.select(User).where(User.email == email))
        application = db.session.scalar(sa.select(Application).where(
            Application.call_id == call.id, Application.project_title == title))
        if reviewer is None or application is None or services_decisions.review_of(application, reviewer):
            continue
        services_decisions.save_review(reviewer, application, services_decisions.ReviewData(
            scores=dict(zip(criteria, scores, strict=False)), opinion=opinion, comment=comment), version=None)
