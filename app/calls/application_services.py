"""Actions on applications (the applicant's side): save a draft, attach a file, submit or
resubmit, withdraw, remind. They audit every write, queue the mails and flush; they never
commit (the request does, once).

The rules are the domain's (:mod:`app.calls.domain`): this module only builds their
inputs (:func:`facts`, :func:`rules`) from the models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.actors.models import Actor
from app.auth.models import Role, User
from app.calls.domain import application_workflow as workflow
from app.calls.domain import cofinancing
from app.calls.domain.anchoring import IDF_DEPARTEMENTS, AnchoringAnswers
from app.calls.domain.submission import ApplicationFacts, CallRules, check_submission
from app.calls.models import Attachment, Call, CallState, EnvelopeStatus
from app.calls.models_applications import (
    RELEASED_STATES,
    Application,
    ApplicationAttachment,
    ApplicationRevision,
    ApplicationShare,
    ApplicationState,
    BudgetLine,
    BudgetSide,
    ResourceCategory,
)
from app.calls.services import _external, officers_of
from app.core import records
from app.core.dates import PARIS
from app.core.db import utcnow
from app.core.money import format_euros
from app.core.rules import RuleViolations, Violation
from app.extensions import db
from app.files.storage import store
from app.mail import outbox
from app.network.models import Territory, Theme

AUDITED = ["project_title", "summary", "starts_on", "ends_on", "partner_territory_id", "partner_organisation",
           "themes", "expected_results", "local_benefits", "own_contribution_cents", "head_office_idf",
           "francilien_members_percent", "awareness_actions", "cooperation_agreement",
           "cooperation_reference", "budget_text", "requests_text"]
REMINDER_DAYS = 7


@dataclass
class LineData:
    label: str
    amount_cents: int
    category: str | None = None  # resource lines: a ResourceCategory value


@dataclass
class ApplicationData:
    project_title: str = ""
    summary: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    partner_territory_id: int | None = None
    partner_organisation: str = ""
    theme_ids: list[int] = field(default_factory=list)
    expected_results: str = ""
    local_benefits: str = ""
    own_contribution_cents: int = 0
    expenses: list[LineData] = field(default_factory=list)
    resources: list[LineData] = field(default_factory=list)
    requests: dict[int, int] = field(default_factory=dict)  # member id -> cents asked
    head_office_idf: bool | None = None
    francilien_members_percent: int | None = None
    awareness_actions: str | None = None
    cooperation_agreement: bool | None = None
    cooperation_reference: str = ""


# -- the domain's inputs ---------------------------------------------------------------------


def participating(call: Call) -> dict[int, cofinancing.MemberTerms]:
    return {e.member_id: cofinancing.MemberTerms(e.member.name, e.ceiling_cents)
            for e in call.envelopes if e.status == EnvelopeStatus.ACCEPTED}


def rules(call: Call) -> CallRules:
    # A call closed or decided is still "published" for the rules: a late dossier reads
    # "clos depuis le ..." rather than "not open".
    return CallRules(
        opens_at=call.opens_at, closes_at=call.closes_at, members=participating(call),
        published=call.state != CallState.DRAFT, min_own_share=call.min_own_share or None,
        max_public_rate=call.max_public_rate,
        # Lazy labels: translated when the message is read, in the reader's language.
        required_attachments={a.value: Attachment.__labels__()[a.value] for a in call.attachment_items
                              if a != Attachment.OTHER},
        anchoring_blocking=call.anchoring_blocking)


def anchoring_answers(application: Application) -> AnchoringAnswers:
    """The form asks yes/no for the head office and a percentage of Francilien members;
    the checklist reads a département code and two counts, so both are put its way."""
    head = application.head_office_idf
    percent = application.francilien_members_percent
    return AnchoringAnswers(
        head_office_departement=None if head is None else (min(IDF_DEPARTEMENTS) if head else "hors-IDF"),
        members_total=None if percent is None else 100,
        members_francilien=percent,
        awareness_actions=application.awareness_actions,
        cooperation_agreement=application.cooperation_agreement,
    )


def budget(application: Application) -> cofinancing.Budget:
    return cofinancing.Budget(
        expenses=tuple(cofinancing.BudgetLine(line.label, line.amount_cents) for line in application.expenses),
        own_contribution=application.own_contribution_cents,
        other_funders=tuple(cofinancing.BudgetLine(line.label, line.amount_cents, public=line.public)
                            for line in application.resources),
        requests={share.member_id: share.asked_cents for share in application.shares})


def facts(application: Application) -> ApplicationFacts:
    return ApplicationFacts(
        project_title=application.project_title, summary=application.summary,
        starts_on=application.starts_on, ends_on=application.ends_on,
        partner_territory=application.partner_territory_id,
        partner_organisation=application.partner_organisation,
        themes=tuple(theme.slug for theme in application.themes),
        expected_results=application.expected_results, local_benefits=application.local_benefits,
        budget=budget(application),
        attachments=frozenset(a.kind.value for a in application.current_attachments),
        anchoring=anchoring_answers(application))


# -- queries ---------------------------------------------------------------------------------


def live_application(call: Call, actor_id: int) -> Application | None:
    """The actor's application to ``call`` that holds its place (not withdrawn nor refused)."""
    return db.session.scalar(sa.select(Application).where(
        Application.call_id == call.id, Application.actor_id == actor_id,
        Application.state.not_in(RELEASED_STATES)))


def applications_of_actor(actor_id: int) -> list[Application]:
    return list(db.session.scalars(
        sa.select(Application).where(Application.actor_id == actor_id)
        .options(selectinload(Application.call), selectinload(Application.shares).selectinload(ApplicationShare.member))
        .order_by(Application.created_at.desc(), Application.id.desc())))


def used_bytes(application: Application, *, except_kind: str | None = None) -> int:
    return sum(a.stored_file.size for a in application.current_attachments if a.kind.value != except_kind)


# -- writes ----------------------------------------------------------------------------------


def _check_shape(call: Call, data: ApplicationData) -> None:
    """What a draft must respect to be stored at all: money asked only of the call's
    co-funders (a forged member id is refused here), amounts above zero."""
    members = participating(call)
    out = [Violation("member_not_participating", "requests", {"member_id": member_id})
           for member_id in data.requests if member_id not in members]
    out += [Violation("request_not_positive", "requests", {"member": members[m].name, "asked": cents})
            for m, cents in data.requests.items() if m in members and cents <= 0]
    if out:
        raise RuleViolations(out)


def _apply(call: Call, data: ApplicationData):
    def apply(application: Application) -> None:
        application.project_title = data.project_title.strip()
        application.summary = data.summary.strip()
        application.starts_on, application.ends_on = data.starts_on, data.ends_on
        application.partner_territory = (db.session.get(Territory, data.partner_territory_id)
                                         if data.partner_territory_id else None)
        application.partner_organisation = data.partner_organisation.strip()
        application.themes = (list(db.session.scalars(sa.select(Theme).where(Theme.id.in_(data.theme_ids))))
                              if data.theme_ids else [])
        application.expected_results = data.expected_results.strip()
        application.local_benefits = data.local_benefits.strip()
        application.own_contribution_cents = data.own_contribution_cents
        application.head_office_idf = data.head_office_idf
        application.francilien_members_percent = data.francilien_members_percent
        application.awareness_actions = data.awareness_actions
        application.cooperation_agreement = data.cooperation_agreement
        application.cooperation_reference = data.cooperation_reference.strip()
        lines = [BudgetLine(side=BudgetSide.EXPENSE, label=line.label.strip(), amount_cents=line.amount_cents,
                            position=n) for n, line in enumerate(data.expenses)]
        lines += [BudgetLine(side=BudgetSide.RESOURCE, category=ResourceCategory(line.category or "other_private"),
                             label=line.label.strip(), amount_cents=line.amount_cents, position=n)
                  for n, line in enumerate(data.resources)]
        if _lines_key(application.budget_lines) != _lines_key(lines):
            application.budget_lines = lines
        shares = {share.member_id: share for share in application.shares}
        for member_id, cents in data.requests.items():
            if member_id in shares:
                shares[member_id].asked_cents = cents
            else:
                application.shares.append(ApplicationShare(member_id=member_id, asked_cents=cents))
        for member_id, share in shares.items():
            if member_id not in data.requests:
                application.shares.remove(share)
    return apply


def _lines_key(lines) -> list[tuple]:
    return [(str(line.side), str(line.category or ""), line.label, line.amount_cents) for line in lines]


def create_draft(user: User, call: Call, data: ApplicationData) -> Application:
    _check_shape(call, data)
    if live_application(call, user.actor_id) is not None:
        raise RuleViolations([Violation("application_exists", "call")])
    application = Application(call=call, actor_id=user.actor_id, created_by_id=user.id,
                              state=ApplicationState.DRAFT)
    return records.create(user, application, _apply(call, data), action="application.create",
                          audited=AUDITED, doc_type=None)


def _require_editable(application: Application) -> None:
    if not workflow.editable(application.state.value):
        raise RuleViolations([Violation("dossier_frozen", "", {"state": application.state.value})])


def save_draft(user: User, application: Application, data: ApplicationData, *, version: int | None) -> dict:
    records.check_version(application, version)
    _require_editable(application)
    _check_shape(application.call, data)
    return records.update(user, application, _apply(application.call, data), version=version,
                          action="application.update", audited=AUDITED, doc_type=None)


def attach(user: User, application: Application, kind: str, upload, *, version: int | None) -> ApplicationAttachment:
    """Store ``upload`` as the dossier's ``kind``, replacing the current one (kept for
    the revisions that name it). Raises RuleViolations (nothing kept) when refused."""
    records.check_version(application, version)
    _require_editable(application)
    allowed = {a.value for a in application.call.attachment_items} | {Attachment.OTHER.value}
    if kind not in allowed:
        raise RuleViolations([Violation("attachment_kind_unknown", "kind")])
    stored = store(db.session, upload, None, uploaded_by_id=user.id,
                   already_used=used_bytes(application, except_kind=kind), field="file")
    now = utcnow()
    replaced = next((a for a in application.current_attachments if a.kind.value == kind), None)
    if replaced is not None:
        replaced.replaced_at = now
        db.session.flush()  # the partial unique index allows one current file per kind
    attachment = ApplicationAttachment(kind=Attachment(kind), stored_file=stored, created_at=now)
    application.attachments.append(attachment)
    application.updated_at = now  # moves the version: a form opened before is now stale
    db.session.flush()
    records.transition(user, application, {"attachment": [
        replaced.stored_file.original_name if replaced else None, stored.original_name], "kind": kind},
        action="application.attach", doc_type=None)
    return attachment


def snapshot(application: Application) -> dict:
    """The whole dossier as plain JSON: what a revision keeps and what the dossier page shows."""
    return {
        "project_title": application.project_title,
        "summary": application.summary,
        "starts_on": application.starts_on.isoformat() if application.starts_on else None,
        "ends_on": application.ends_on.isoformat() if application.ends_on else None,
        "partner_territory": application.partner_territory.name if application.partner_territory else None,
        "partner_organisation": application.partner_organisation,
        "themes": [theme.label for theme in application.themes],
        "expected_results": application.expected_results,
        "local_benefits": application.local_benefits,
        "own_contribution_cents": application.own_contribution_cents,
        "expenses": [{"label": line.label, "amount_cents": line.amount_cents} for line in application.expenses],
        "resources": [{"label": line.label, "amount_cents": line.amount_cents, "category": line.category.value}
                      for line in application.resources],
        "shares": [{"member_id": share.member_id, "member": share.member.name if share.member else "",
                    "asked_cents": share.asked_cents} for share in application.shares],
        "anchoring": {
            "head_office_idf": application.head_office_idf,
            "francilien_members_percent": application.francilien_members_percent,
            "awareness_actions": application.awareness_actions,
            "cooperation_agreement": application.cooperation_agreement,
            "cooperation_reference": application.cooperation_reference,
        },
        "attachments": [{"id": a.id, "kind": a.kind.value, "stored_file_id": a.stored_file_id,
                         "name": a.stored_file.original_name, "size": a.stored_file.size}
                        for a in application.current_attachments],
    }


def submit(user: User, application: Application, *, version: int | None, now: datetime | None = None) -> None:
    """File the dossier (or file it again after corrections): every rule checked at once;
    on any violation nothing changes and no mail leaves."""
    records.check_version(application, version)
    now = now or utcnow()
    resubmission = application.state == ApplicationState.NEEDS_CHANGES
    move = workflow.MOVES["resubmit" if resubmission else "submit"]
    violations = workflow.check(move, application.state.value)
    if violations:
        raise RuleViolations(violations)
    db.session.refresh(application.call)
    violations = check_submission(facts(application), rules(application.call), now, resubmission=resubmission)
    if violations:
        raise RuleViolations(violations)
    before = application.state.value
    application.state = ApplicationState.SUBMITTED
    application.submitted_at = now
    application.revision += 1
    application.revisions.append(ApplicationRevision(
        number=application.revision, submitted_at=now, submitted_by_id=user.id, snapshot=snapshot(application)))
    records.transition(user, application, {"state": [before, "submitted"],
                                           "revision": [application.revision - 1, application.revision]},
                       action=move.audit_action, doc_type=None)
    _mail_submitted(application, resubmission=resubmission)


def withdraw(user: User, application: Application, *, version: int | None) -> None:
    records.check_version(application, version)
    decided = sum(1 for share in application.shares if share.granted_cents is not None)
    violations = workflow.check(workflow.MOVES["withdraw"], application.state.value, decided_shares=decided)
    if violations:
        raise RuleViolations(violations)
    before = application.state.value
    application.state = ApplicationState.WITHDRAWN
    application.withdrawn_at = utcnow()
    records.transition(user, application, {"state": [before, "withdrawn"]},
                       action="application.withdraw", doc_type=None)


# -- mails -----------------------------------------------------------------------------------


def applicant_users(actor_id: int) -> list[User]:
    return list(db.session.scalars(sa.select(User).where(
        User.actor_id == actor_id, User.role == Role.APPLICANT, User.active.is_(True)).order_by(User.id)))


def _paris(moment: datetime) -> str:
    """A moment for a queued mail's (JSON) context: ISO text, written out in the reader's
    language and Paris time by the mail's ``moment`` filter."""
    return moment.astimezone(PARIS).isoformat()


def _mail_submitted(application: Application, *, resubmission: bool) -> None:
    call = application.call
    link = _external("calls.application", application_id=application.id)
    actor = db.session.get(Actor, application.actor_id)
    for user in applicant_users(application.actor_id):
        outbox.queue_mail(db.session, to=user.email, template="application_receipt", lang=user.language, context={
            "name": user.name, "call_title": call.title(user.language), "project_title": application.project_title,
            "submitted_at": _paris(application.submitted_at), "revision": application.revision,
            "resubmission": resubmission,
            "requests": [[share.member.name, format_euros(share.asked_cents, user.language)]
                         for share in application.shares],
            "link": link},
            dedupe_key=f"application-receipt:{application.id}:{application.revision}:{user.id}")
    for share in application.shares:
        for officer in officers_of(share.member_id):
            outbox.queue_mail(db.session, to=officer.email, template="application_new", lang=officer.language,
                              context={
                "name": officer.name, "call_title": call.title(officer.language),
                "project_title": application.project_title, "actor": actor.name if actor else "",
                "member": share.member.name, "asked": format_euros(share.asked_cents, officer.language),
                "resubmission": resubmission, "link": link},
                dedupe_key=f"application-new:{application.id}:{application.revision}:{officer.id}")


def remind_drafts(now: datetime | None = None) -> int:
    """Mail the applicants whose draft's call closes within the next 7 days; once per
    application and person whatever how often it runs. Returns the mails queued."""
    now = now or utcnow()
    drafts = db.session.scalars(
        sa.select(Application).join(Call, Application.call_id == Call.id)
        .where(Application.state == ApplicationState.DRAFT, Call.state == CallState.PUBLISHED,
               Call.closes_at > now, Call.closes_at <= now + timedelta(days=REMINDER_DAYS))
        .options(selectinload(Application.call)).order_by(Application.id))
    queued = 0
    for application in drafts:
        link = _external("calls.application", application_id=application.id)
        for user in applicant_users(application.actor_id):
            if not user.notify_application_alerts:
                continue
            mail = outbox.queue_mail(db.session, to=user.email, template="application_reminder", lang=user.language,
                                     context={"name": user.name, "call_title": application.call.title(user.language),
                                              "project_title": application.project_title or "",
                                              "closes_at": _paris(application.call.closes_at), "link": link},
                                     dedupe_key=f"application-reminder:{application.id}:{user.id}")
            queued += mail is not None
    return queued
