"""Instruction and decisions: the officers' moves on an application, their reviews, each
member's decision on its share (the envelope moved in the same transaction), payments,
and the joint-applicant alerts. Like every service: flush, audit, queue mails; never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import has_request_context, url_for

from app.actors.models import Actor
from app.auth.models import User
from app.calls import services
from app.calls.domain import application_workflow as workflow
from app.calls.domain import decisions, identity
from app.calls.models import CallEnvelope, EnvelopeStatus
from app.calls.models_applications import (
    Application,
    ApplicationShare,
    ApplicationState,
    DecidedAs,
    Opinion,
    PaymentKind,
    PaymentTerms,
    Review,
    SharePayment,
)
from app.calls.permissions_instruction import decides_as_coordinator
from app.core import audit, records, signals
from app.core.dates import PARIS
from app.core.db import utcnow
from app.core.money import MAX_AMOUNT_CENTS
from app.core.rules import RuleViolations, Violation
from app.extensions import db
from app.mail import outbox

SHARE_AUDITED = ["granted_cents", "refusal_reason", "decision_reference", "decided_on", "convention_on",
                 "payment_terms", "payment_from", "payment_until", "decided_as"]
# Where a member may record (or correct) its decision.
DECIDABLE = (ApplicationState.IN_REVIEW, ApplicationState.ACCEPTED, ApplicationState.REFUSED)
SCORE_MAX = 5


# -- moves of the officers ------------------------------------------------------------------


def _decided_count(application: Application) -> int:
    return sum(1 for share in application.shares if share.decided)


def _as_coordinator(user, application: Application) -> dict:
    from app.auth.permissions import is_coordinator

    if is_coordinator(user) and user.member_id not in {s.member_id for s in application.shares}:
        return {"acting_as": [None, "coordinator"]}
    return {}


def move(user, application: Application, name: str, *, message: str = "", reason: str = "") -> None:
    """start_review, ask_changes (with a message to the applicant) or dismiss (with a reason)."""
    step = workflow.MOVES[name]
    violations = workflow.check(step, application.state.value, message=message, reason=reason,
                                decided_shares=_decided_count(application))
    if violations:
        raise RuleViolations(violations)
    before = application.state.value
    application.state = ApplicationState(step.target.value)
    application.updated_at = utcnow()
    changes = {"state": [before, application.state.value], **_as_coordinator(user, application)}
    if name == "ask_changes":
        application.correction_message = message.strip()
        changes["message"] = [None, application.correction_message]
    if name == "dismiss":
        application.decided_at = utcnow()
        changes["reason"] = [None, reason.strip()]
    records.transition(user, application, changes, action=step.audit_action, doc_type=None)
    if name == "ask_changes":
        _mail_applicant(application, "application_changes", {"message": application.correction_message},
                        key=f"changes:{application.id}:{application.version}")
    elif name == "dismiss":
        _mail_applicant(application, "application_dismissed", {"reason": reason.strip()},
                        key=f"dismissed:{application.id}")


# -- reviews --------------------------------------------------------------------------------


@dataclass
class ReviewData:
    scores: dict[int, int | None]  # criterion id -> 0..5 (None: not scored)
    opinion: str | None = None
    comment: str = ""


def review_of(application: Application, user) -> Review | None:
    return next((r for r in application.reviews if r.reviewer_id == user.id), None)


def save_review(user, application: Application, data: ReviewData, *, version: int | None) -> Review:
    criteria = {c.id for c in application.call.criteria}
    violations = []
    for criterion_id, score in data.scores.items():
        if criterion_id not in criteria:
            violations.append(Violation("criterion_unknown", "scores"))
        elif score is not None and not 0 <= score <= SCORE_MAX:
            violations.append(Violation("score_out_of_range", f"score_{criterion_id}"))
    if data.opinion and data.opinion not in Opinion._value2member_map_:
        violations.append(Violation("opinion_unknown", "opinion"))
    if violations:
        raise RuleViolations(violations)
    scores = {str(k): v for k, v in sorted(data.scores.items()) if v is not None}
    opinion = Opinion(data.opinion) if data.opinion else None
    review = review_of(application, user)
    if review is None:
        review = Review(application=application, member_id=user.member_id, reviewer_id=user.id)
        return records.create(user, review, lambda r: _apply_review(r, scores, opinion, data.comment),
                              action="application.review", audited=["scores", "opinion", "comment"],
                              doc_type=None)
    records.update(user, review, lambda r: _apply_review(r, scores, opinion, data.comment), version=version,
                   action="application.review", audited=["scores", "opinion", "comment"], doc_type=None)
    return review


def _apply_review(review: Review, scores: dict, opinion, comment: str) -> None:
    review.scores, review.opinion, review.comment = scores, opinion, comment.strip()


def weighted_score(review: Review, criteria) -> float | None:
    """The review's score out of 5, weighted by the call's criteria (None: nothing scored)."""
    total = weight = 0
    for criterion in criteria:
        score = (review.scores or {}).get(str(criterion.id))
        if score is not None:
            total += score * criterion.weight
            weight += criterion.weight
    return round(total / weight, 2) if weight else None


# -- decisions ------------------------------------------------------------------------------


def _facts(share: ApplicationShare, granted: int | None = ...) -> decisions.ShareFacts:
    return decisions.ShareFacts(share.member_id, share.asked_cents,
                                share.granted_cents if granted is ... else granted)


def _envelope(share: ApplicationShare) -> CallEnvelope | None:
    envelope = share.application.call.envelope_of(share.member_id)
    return envelope if envelope is not None and envelope.status == EnvelopeStatus.ACCEPTED else None


def _committed(envelope_id: int) -> tuple[int, int]:
    row = db.session.execute(sa.select(CallEnvelope.amount_cents, CallEnvelope.committed_cents)
                             .where(CallEnvelope.id == envelope_id)).one()
    return row.amount_cents, row.committed_cents


def _move_envelope(share: ApplicationShare, change: int) -> dict:
    """Take ``change`` from the member's envelope (give it back when negative) with the
    conditional UPDATE of :mod:`app.calls.services`; the before/after for the audit."""
    if change == 0:
        return {}
    envelope = _envelope(share)
    if envelope is None:
        raise RuleViolations([Violation("envelope_insufficient", "granted", {"available": 0, "needed": change})])
    try:
        if change > 0:
            services.reserve(envelope.id, change)
        else:
            services.release(envelope.id, -change)
    except services.EnvelopeInsufficient:
        amount, committed = _committed(envelope.id)
        raise RuleViolations([Violation("envelope_insufficient", "granted", {
            "available": max(amount - committed, 0), "needed": change})]) from None
    _amount, after = _committed(envelope.id)
    return {"committed_cents": [after - change, after]}


def _settled_outcome_kept(share: ApplicationShare, granted: int | None) -> list[Violation]:
    """Once accepted or refused (and the applicant told), a correction may not turn the
    outcome over: it is a new deliberation, outside this form."""
    application = share.application
    if application.state not in (ApplicationState.ACCEPTED, ApplicationState.REFUSED):
        return []
    facts = [_facts(s, granted) if s.id == share.id else _facts(s) for s in application.shares]
    if decisions.outcome(facts) != workflow.State(application.state.value):
        return [Violation("outcome_settled", "granted")]
    return []


def record_decision(user, share: ApplicationShare, data: decisions.DecisionInput, *, version: int | None,
                    notify: bool = True) -> dict:
    """Record (or correct) a member's decision on its share, moving its envelope by the
    difference in the same transaction; then consolidate the application's outcome."""
    application = share.application
    if application.state not in DECIDABLE:
        raise RuleViolations([Violation("decision_not_open", params={"state": application.state.value})])
    records.check_version(share, version)
    violations = decisions.check_decision(_facts(share), data)
    if violations:
        raise RuleViolations(violations)
    violations = _settled_outcome_kept(share, data.granted)
    if violations:
        raise RuleViolations(violations)
    before = audit.snapshot(share, SHARE_AUDITED)
    envelope_changes = _move_envelope(share, decisions.delta(share.granted_cents, data.granted))
    share.granted_cents = data.granted
    share.refusal_reason = data.reason.strip() if data.granted == 0 else ""
    share.decision_reference = data.reference.strip()
    share.decided_on = data.decided_on
    share.convention_on = data.convention_on
    share.payment_terms = PaymentTerms(data.payment_terms) if data.payment_terms else None
    share.payment_from, share.payment_until = data.payment_from, data.payment_until
    share.decided_by_id = getattr(user, "id", None)
    share.decided_as = DecidedAs.COORDINATOR if decides_as_coordinator(user, share) else DecidedAs.OFFICER
    share.decided_at = utcnow()
    db.session.flush()
    changes = audit.diff(before, audit.snapshot(share, SHARE_AUDITED))
    if not changes:
        return {}
    corrected = before["granted_cents"] is not None
    audit.record(user, "application.decision.correct" if corrected else "application.decision", share,
                 {"member": [None, share.member.code], **changes, **envelope_changes})
    if notify:  # the demo data records decisions without mailing anyone
        _mail_decision(share)
    by = _by(user, share)
    signals.share_decision_changed.send("calls", action="corrected" if corrected else "recorded",
                                        member_id=share.member_id, application=application_facts(application, **by))
    consolidate(application, **by)
    return changes


def _by(user, share: ApplicationShare) -> dict:
    """Who decided, as the signals carry it."""
    return {"by_user_id": getattr(user, "id", None),
            "by_coordinator": bool(user is not None and decides_as_coordinator(user, share))}


def cancel_decision(user, share: ApplicationShare, *, version: int | None) -> None:
    """Undo a decision while the dossier is still in instruction: the grant goes back to
    the envelope and the share is undecided again."""
    if not share.decided:
        return
    if share.application.state != ApplicationState.IN_REVIEW:
        raise RuleViolations([Violation("outcome_settled")])
    records.check_version(share, version)
    before = audit.snapshot(share, SHARE_AUDITED)
    envelope_changes = _move_envelope(share, -(share.granted_cents or 0))
    share.granted_cents = None
    share.refusal_reason = share.decision_reference = ""
    share.decided_on = share.convention_on = share.payment_from = share.payment_until = None
    share.payment_terms = None
    share.decided_by_id = share.decided_as = share.decided_at = None
    db.session.flush()
    audit.record(user, "application.decision.cancel", share,
                 {"member": [None, share.member.code], **audit.diff(before, audit.snapshot(share, SHARE_AUDITED)),
                  **envelope_changes})
    signals.share_decision_changed.send("calls", action="cancelled", member_id=share.member_id,
                                        application=application_facts(share.application, **_by(user, share)))


def consolidate(application: Application, *, by_user_id: int | None = None,
                by_coordinator: bool = False) -> str | None:
    """Every member asked has decided: accepted (one granted) or refused (all refused), by
    the portal itself ("system" part), audited; the signal names whose decision settled it."""
    if application.state != ApplicationState.IN_REVIEW:
        return None
    target = decisions.outcome(_facts(share) for share in application.shares)
    if target is None:
        return None
    step = workflow.MOVES["accept" if target == workflow.State.ACCEPTED else "refuse"]
    before = application.state.value
    application.state = ApplicationState(step.target.value)
    application.decided_at = application.updated_at = utcnow()
    records.transition(None, application, {"state": [before, application.state.value], "by": [None, "system"]},
                       action=step.audit_action, doc_type=None)
    signals.application_outcome_settled.send("calls", outcome=application.state.value, application=application_facts(
        application, by_user_id=by_user_id, by_coordinator=by_coordinator))
    return step.name


def application_facts(application: Application, *, by_user_id: int | None = None,
                      by_coordinator: bool = False) -> signals.ApplicationFacts:
    """The application as the rest of the portal may know it (plain data, public parts only)."""
    call = application.call
    return signals.ApplicationFacts(
        application_id=application.id, call_id=application.call_id, call_title_fr=call.title_fr,
        call_title_en=call.title_en or "", actor_id=application.actor_id, title=application.project_title,
        summary=application.summary, local_benefits=application.local_benefits,
        partner_territory_id=application.partner_territory_id,
        theme_ids=tuple(t.id for t in application.themes), state=application.state.value,
        decided_at=application.decided_at,
        shares=tuple(signals.ShareFacts(
            member_id=s.member_id, granted_cents=s.granted_cents, decision_reference=s.decision_reference,
            decided_on=s.decided_on, convention_on=s.convention_on,
            payment_terms=s.payment_terms.value if s.payment_terms else None,
            payment_from=s.payment_from, payment_until=s.payment_until) for s in application.shares),
        by_user_id=by_user_id, by_coordinator=by_coordinator)


# -- payments -------------------------------------------------------------------------------


def record_payment(user, share: ApplicationShare, *, amount: int, paid_on: date, kind: str) -> SharePayment:
    """A payment of a granted share; the total paid never goes above the grant."""
    if kind not in PaymentKind._value2member_map_:
        raise RuleViolations([Violation("payment_kind_unknown", "kind")])
    if amount <= 0 or amount > MAX_AMOUNT_CENTS:
        raise RuleViolations([Violation("payment_not_positive", "amount")])
    # Two payments typed at once: the second waits for the first (PostgreSQL row lock).
    db.session.execute(sa.select(ApplicationShare.id).where(ApplicationShare.id == share.id).with_for_update())
    paid = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(SharePayment.amount_cents), 0))
                             .where(SharePayment.share_id == share.id)) or 0
    granted = share.granted_cents or 0
    if paid + amount > granted:
        raise RuleViolations([Violation("paid_above_granted", "amount", {
            "granted": granted, "paid": paid, "available": max(granted - paid, 0)})])
    payment = SharePayment(share=share, amount_cents=amount, paid_on=paid_on, kind=PaymentKind(kind),
                           recorded_by_id=getattr(user, "id", None))
    db.session.add(payment)
    db.session.flush()
    audit.record(user, "application.payment", share, {"member": [None, share.member.code],
                                                      "paid_cents": [paid, paid + amount], "kind": [None, kind]})
    return payment


# -- mails ----------------------------------------------------------------------------------


def applicant_users(application: Application) -> list[User]:
    return list(db.session.scalars(sa.select(User).where(
        User.actor_id == application.actor_id, User.active.is_(True)).order_by(User.id)))


def _link(application: Application) -> str:
    from app.accounts.mails import external_url

    for endpoint in ("calls.application", "calls.instruction_dossier"):
        try:
            return external_url(endpoint, application_id=application.id)
        except Exception:  # noqa: BLE001 - no such page yet, or no public address
            continue
    return url_for("calls.instruction_dossier", application_id=application.id) if has_request_context() else ""


def _mail_applicant(application: Application, template: str, context: dict, *, key: str) -> None:
    """One mail per account of the applicant, rendered in its reader's language: the call's
    title in it, amounts and days kept as numbers and ISO text for the templates' filters."""
    base = {"project": application.project_title, "link": _link(application)}
    for user in applicant_users(application):
        outbox.queue_mail(db.session, to=user.email, template=template, lang=user.language,
                          context={**base, **context, "name": user.name,
                                   "call_title": application.call.title(user.language)},
                          dedupe_key=f"{key}:{user.id}")


def _mail_decision(share: ApplicationShare) -> None:
    _mail_applicant(share.application, "application_decision", {
        "member": share.member.name,
        "granted_cents": share.granted_cents or 0,
        "refused": not share.granted_cents,
        "reason": share.refusal_reason,
        "reference": share.decision_reference,
        "decided_on": share.decided_on.isoformat() if share.decided_on else "",
    }, key=f"decision:{share.id}:{share.version}")


# -- joint-applicant alerts -----------------------------------------------------------------


def _applicant(actor: Actor) -> identity.Applicant:
    return identity.Applicant(actor.id, actor.rna, actor.siret)


def alerts(application: Application, viewer_member_id: int | None, today: date | None = None) -> list[identity.Alert]:
    """The alerts an officer of ``viewer_member_id`` (None: the coordinator) reads on this
    dossier: three queries whatever the number of applications."""
    actor = application.actor
    same = [Application.actor_id == actor.id]
    if actor.rna:
        same.append(Actor.rna == actor.rna)
    if actor.siret:
        same.append(Actor.siret == actor.siret)
    today = today or utcnow().astimezone(PARIS).date()
    rows = db.session.execute(
        sa.select(Application.id, Application.call_id, Application.state, Application.project_title,
                  Actor.id, Actor.rna, Actor.siret)
        .join(Actor, Application.actor_id == Actor.id)
        .where(sa.or_(*same), Application.id != application.id,
               Application.state.in_([ApplicationState(s.value) for s in workflow.OPEN]))
        .order_by(Application.id.desc()).limit(50)).all()
    others = [identity.OtherApplication(r[0], r[1], identity.Applicant(r[4], r[5], r[6]), r[2].value, r[3])
              for r in rows]
    from app.network.models import Member

    since = identity.years_before(today, identity.FUNDED_YEARS)
    grant_rows = db.session.execute(
        sa.select(ApplicationShare.application_id, ApplicationShare.member_id, Member.name,
                  ApplicationShare.decided_on, ApplicationShare.granted_cents, Actor.id, Actor.rna, Actor.siret)
        .join(Application, ApplicationShare.application_id == Application.id)
        .join(Actor, Application.actor_id == Actor.id)
        .join(Member, ApplicationShare.member_id == Member.id)
        .where(sa.or_(*same), ApplicationShare.granted_cents > 0, ApplicationShare.decided_on >= since,
               Application.id != application.id)
        .order_by(ApplicationShare.decided_on.desc()).limit(50)).all()
    grants = [identity.PastGrant(r[0], r[1], r[2], identity.Applicant(r[5], r[6], r[7]), r[3], r[4])
              for r in grant_rows]
    return identity.alerts(_applicant(actor), application_id=application.id, call_id=application.call_id,
                           others=others, grants=grants, today=today, viewer_member_id=viewer_member_id)
