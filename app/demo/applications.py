"""Demo applications to the joint call: association1's (ER & DE) dossier filed with its
attachments, and association2's (GRDR) draft, so that `make run` shows an applicant a
filed dossier and another one a dossier in progress. Decisions come with the instruction.

One live application per actor and call is the rule, hence the draft belongs to the
second association. The states are written directly, as the calls' demo writes its
envelopes: loading the demo sends no mail.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from app.auth.models import User
from app.calls import application_services as services
from app.calls.models import Attachment, Call
from app.calls.models_applications import (
    Application,
    ApplicationAttachment,
    ApplicationRevision,
    ApplicationShare,
    ApplicationState,
    BudgetLine,
    BudgetSide,
    ResourceCategory,
)
from app.core.dates import PARIS
from app.demo.calls import JOINT_TITLE
from app.extensions import db
from app.files.storage import store
from app.network.models import Member, Territory, Theme

FILED_TITLE = "Électricité solaire pour trois écoles de Dakar"
DRAFT_TITLE = "Maraîchage et gestion de l'eau dans la vallée du fleuve"


def demo_pdf(title: str) -> bytes:
    """A one-page PDF standing in for a document (made here: nothing shipped)."""
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
            + f"% {title}\n".encode() + b"trailer<</Root 1 0 R>>\n%%EOF\n")


def _user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email))


def _application(call: Call, user: User, *, title: str, summary: str, territory: str, themes: list[str],
                 expenses: list[tuple[str, int]], own: int, others: list[tuple[str, str, int]],
                 requests: dict[str, int]) -> Application:
    members = {m.code: m for m in db.session.scalars(sa.select(Member))}
    application = Application(
        call=call, actor_id=user.actor_id, created_by_id=user.id, state=ApplicationState.DRAFT,
        project_title=title, summary=summary,
        starts_on=date(2027, 9, 1), ends_on=date(2028, 8, 31),
        partner_territory=db.session.scalar(sa.select(Territory).where(Territory.code == territory)),
        themes=list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(themes)))),
        expected_results="Des équipements en service, entretenus par des techniciens formés sur place.",
        local_benefits="Interventions dans des lycées franciliens et une exposition au Festival des solidarités.",
        own_contribution_cents=own * 100, head_office_idf=True, francilien_members_percent=72,
        awareness_actions="Quatre interventions en lycée et une exposition en Île-de-France.",
        cooperation_agreement=False)
    application.budget_lines = (
        [BudgetLine(side=BudgetSide.EXPENSE, label=label, amount_cents=euros * 100, position=n)
         for n, (label, euros) in enumerate(expenses)]
        + [BudgetLine(side=BudgetSide.RESOURCE, category=ResourceCategory(category), label=label,
                      amount_cents=euros * 100, position=n) for n, (label, category, euros) in enumerate(others)])
    application.shares = [ApplicationShare(member=members[code], asked_cents=euros * 100)
                          for code, euros in requests.items()]
    db.session.add(application)
    db.session.flush()
    return application


def _attach_all(application: Application, user: User) -> None:
    used = 0
    for kind in application.call.attachment_items:
        stored = store(db.session, demo_pdf(kind.value), f"{kind.value}.pdf", uploaded_by_id=user.id,
                       already_used=used)
        used += stored.size
        application.attachments.append(ApplicationAttachment(kind=Attachment(kind), stored_file=stored))
    db.session.flush()


def load_applications(today: date) -> int:
    call = db.session.scalar(sa.select(Call).where(Call.title_fr == JOINT_TITLE))
    filer, drafter = _user("association1@example.org"), _user("association2@example.org")
    if call is None or filer is None or drafter is None:
        return 0
    created = 0
    if not db.session.scalar(sa.select(Application.id).where(Application.call_id == call.id,
                                                             Application.actor_id == filer.actor_id)):
        application = _application(
            call, filer, title=FILED_TITLE, territory="SN-dakar", themes=["education", "environnement-climat"],
            summary="Panneaux solaires et formation de techniciens pour trois écoles élémentaires de Dakar, "
                    "avec la mairie d'arrondissement partenaire.",
            expenses=[("Panneaux et batteries", 14_000), ("Formation de techniciens", 4_000),
                      ("Sensibilisation en Île-de-France", 2_000)],
            own=4_000, others=[("Fondation d'entreprise", "other_private", 2_000)],
            requests={"IDF": 8_000, "91": 6_000})
        _attach_all(application, filer)
        submitted_at = datetime.combine(today - timedelta(days=3), time(10, 30), tzinfo=PARIS)
        application.state = ApplicationState.SUBMITTED
        application.submitted_at = submitted_at
        application.revision = 1
        application.revisions.append(ApplicationRevision(number=1, submitted_at=submitted_at,
                                                         submitted_by_id=filer.id,
                                                         snapshot=services.snapshot(application)))
        created += 1
    if not db.session.scalar(sa.select(Application.id).where(Application.call_id == call.id,
                                                             Application.actor_id == drafter.actor_id)):
        _application(
            call, drafter, title=DRAFT_TITLE, territory="SN-dakar", themes=["eau-assainissement"],
            summary="Périmètres maraîchers irrigués et comités de gestion de l'eau.",
            expenses=[("Forages et irrigation", 9_000), ("Animation des comités", 3_000)],
            own=2_500, others=[], requests={"93": 4_000})
        created += 1
    db.session.flush()
    return created
