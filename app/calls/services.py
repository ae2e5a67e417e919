"""Actions on calls and envelopes: they change state, audit, queue mails and the index;
they never commit (the request does, once)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask import url_for

from app.auth.models import Role, User
from app.auth.permissions import is_coordinator, is_staff_of
from app.auth.queries import subscribers
from app.calls.domain import call_workflow
from app.calls.models import (
    Attachment,
    Call,
    CallCriterion,
    CallEnvelope,
    CallState,
    EnvelopeStatus,
)
from app.core import audit, records
from app.core.db import utcnow
from app.core.rules import RuleViolations, Violation
from app.core.text import clean_html
from app.extensions import db
from app.mail import outbox
from app.network.models import Member, MemberStatus, Territory, Theme

AUDITED = ["title_fr", "title_en", "text_fr", "text_en", "opens_at", "closes_at", "min_own_share",
           "max_public_rate", "beneficiary_kinds", "required_attachments", "anchoring_blocking",
           "scheme_id", "state", "themes", "territories", "criteria_text"]
ENVELOPE_AUDITED = ["status", "amount_cents", "ceiling_cents", "decision_body", "committed_cents"]


@dataclass
class CriterionData:
    label_fr: str
    weight: int = 1
    label_en: str = ""


@dataclass
class CallData:
    title_fr: str
    opens_at: datetime
    closes_at: datetime
    title_en: str = ""
    text_fr: str = ""
    text_en: str = ""
    min_own_share: int = 0
    max_public_rate: int = 80
    beneficiary_kinds: list[str] = field(default_factory=list)
    required_attachments: list[str] = field(default_factory=list)
    anchoring_blocking: bool = False
    scheme_id: int | None = None
    themes: list[Theme] = field(default_factory=list)
    territories: list[Territory] = field(default_factory=list)
    criteria: list[CriterionData] = field(default_factory=list)


@dataclass
class EnvelopeData:
    amount_cents: int
    ceiling_cents: int | None = None
    decision_body: str = ""


def facts(call: Call) -> call_workflow.CallFacts:
    return call_workflow.CallFacts(
        title_fr=call.title_fr or "", text_fr=call.text_fr or "", opens_at=call.opens_at,
        closes_at=call.closes_at, accepted_envelopes=len(call.accepted_envelopes))


def _member(envelope: CallEnvelope) -> dict:
    return {"member": [None, envelope.member.code]}


def _as_coordinator(user, member_id: int | None) -> dict:
    """The coordinator acting for another member: the audit says so."""
    if is_coordinator(user) and not is_staff_of(user, member_id):
        return {"acting_as": [None, "coordinator"]}
    return {}


def _apply(call: Call, data: CallData) -> None:
    call.title_fr = data.title_fr.strip()
    call.title_en = (data.title_en or "").strip()
    call.text_fr = clean_html(data.text_fr)
    call.text_en = clean_html(data.text_en)
    call.opens_at, call.closes_at = data.opens_at, data.closes_at
    call.min_own_share, call.max_public_rate = data.min_own_share, data.max_public_rate
    call.beneficiary_kinds = sorted({str(k) for k in data.beneficiary_kinds})
    call.required_attachments = [a.value for a in Attachment if a.value in set(data.required_attachments)]
    call.anchoring_blocking = data.anchoring_blocking
    call.scheme_id = data.scheme_id
    call.themes = list(data.themes)
    call.territories = list(data.territories)
    call.criteria = _criteria(call, data.criteria)


def _criteria(call: Call, wanted: list[CriterionData]) -> list[CallCriterion]:
    """The call's criteria as listed, changed in place so that the reviews' scores (keyed
    by criterion id) stay on them: a line whose label is unchanged keeps its criterion
    wherever it moved; the other lines take the remaining criteria in order (a label or a
    weight edited where it stood); lines beyond are new criteria, criteria beyond go (and
    their scores with them, see :func:`_rescore_reviews`). An English label the form does
    not show is kept while the French one stays the same."""
    lines = [(c.label_fr.strip(), (c.label_en or "").strip(), c.weight) for c in wanted if c.label_fr.strip()]
    free = list(call.criteria)
    matched: list[CallCriterion | None] = []
    for label_fr, _en, _weight in lines:
        same = next((c for c in free if c.label_fr == label_fr), None)
        if same is not None:
            free.remove(same)
        matched.append(same)
    out = []
    for position, ((label_fr, label_en, weight), criterion) in enumerate(zip(lines, matched, strict=True)):
        if criterion is None:
            criterion = free.pop(0) if free else CallCriterion(label_en="")
        if label_en or criterion.label_fr != label_fr:
            criterion.label_en = label_en
        criterion.label_fr, criterion.weight, criterion.position = label_fr, weight, position
        out.append(criterion)
    return out


def _check(data: CallData) -> None:
    violations = []
    if data.closes_at <= data.opens_at:
        violations.append(Violation("closes_before_opening", "closes_at"))
    if not 0 <= data.min_own_share <= 100:
        violations.append(Violation("share_out_of_range", "min_own_share"))
    if not 1 <= data.max_public_rate <= 100:
        violations.append(Violation("rate_out_of_range", "max_public_rate"))
    if violations:
        raise RuleViolations(violations)


def _check_envelope(data: EnvelopeData, committed: int = 0) -> None:
    violations = []
    if data.amount_cents <= 0:
        violations.append(Violation("amount_required", "amount"))
    elif data.amount_cents < committed:
        violations.append(Violation("below_committed", "amount", {"committed": committed}))
    if data.ceiling_cents is not None and data.ceiling_cents > data.amount_cents:
        violations.append(Violation("ceiling_above_amount", "ceiling"))
    if data.ceiling_cents is not None and data.ceiling_cents <= 0:
        violations.append(Violation("ceiling_required", "ceiling"))
    if violations:
        raise RuleViolations(violations)


# -- the call -------------------------------------------------------------------------------


def create_call(user, data: CallData, *, lead: Member, envelope: EnvelopeData) -> Call:
    """A draft call of ``lead``, with the lead's own envelope accepted at once."""
    _check(data)
    _check_envelope(envelope)

    def apply(call: Call) -> None:
        _apply(call, data)
        call.lead_member = lead
        call.envelopes = [CallEnvelope(member=lead, status=EnvelopeStatus.ACCEPTED,
                                       amount_cents=envelope.amount_cents, ceiling_cents=envelope.ceiling_cents,
                                       decision_body=envelope.decision_body.strip())]

    call = records.create(user, Call(state=CallState.DRAFT), apply, action="call.create",
                          audited=AUDITED + ["lead_member_id"], doc_type="call")
    coordinator = _as_coordinator(user, lead.id)
    if coordinator:  # the creation's own entry (not flushed yet) says who acted as what
        entry = next(e for e in db.session.new if isinstance(e, audit.AuditEntry)
                     and e.action == "call.create" and e.object_id == call.id)
        entry.changes = {**entry.changes, **coordinator}
    lead_envelope = call.envelopes[0]
    audit.record(user, "call.envelope.accept", lead_envelope,
                 {**_member(lead_envelope), **audit.diff({}, audit.snapshot(lead_envelope, ENVELOPE_AUDITED)),
                  **_as_coordinator(user, lead.id)})
    return call


def update_call(user, call: Call, data: CallData, *, version: int | None) -> dict:
    _check(data)

    def apply(c: Call) -> dict:
        before = audit.snapshot(c, AUDITED)
        _apply(c, data)
        # The coordinator editing another member's call: the audit says so (when something changed).
        return _as_coordinator(user, c.lead_member_id) if audit.diff(before, audit.snapshot(c, AUDITED)) else {}

    criteria_before = [(c.id, c.weight) for c in call.criteria]
    changes = records.update(user, call, apply, version=version, action="call.update", audited=AUDITED,
                             doc_type="call")
    if [(c.id, c.weight) for c in call.criteria] != criteria_before:
        _rescore_reviews(call)
    return changes


def _rescore_reviews(call: Call) -> None:
    """The criteria changed: the scores of a removed criterion go, the others stay, and
    each review's stored total follows the call's new weights."""
    from app.calls.models_applications import Application, Review, weighted_score

    db.session.flush()
    weights = {str(c.id): c.weight for c in call.criteria}
    for review in db.session.scalars(sa.select(Review).join(Application).where(Application.call_id == call.id)):
        scores = review.scores or {}
        if any(key not in weights for key in scores):
            review.scores = {key: score for key, score in scores.items() if key in weights}
        review.total_score = weighted_score(review.scores, weights)
    db.session.flush()


def applications_count(call: Call) -> int:
    """Applications come with the next step of the feature; until then, none."""
    return 0


def move(user, call: Call, name: str, *, now: datetime | None = None) -> None:
    """Make a move of the workflow table; anything it does not allow is refused."""
    step = call_workflow.MOVES[name]
    now = now or utcnow()
    violations = call_workflow.check(step, call.state.value, facts(call), now=now,
                                     applications=applications_count(call))
    if violations:
        raise RuleViolations(violations)
    before = call.state.value
    call.state = CallState(step.target.value)
    call.updated_at = utcnow()
    changes = {"state": [before, call.state.value], **_as_coordinator(user, call.lead_member_id)}
    if name == "close":
        changes["by"] = [None, "closing_time"]
    records.transition(user, call, changes, action=step.audit_action, doc_type="call")
    if name == "publish":
        _announce(call)


def _announce(call: Call) -> None:
    """Tell the accounts that asked for new calls (once per call, even if republished)."""
    link = _external("calls.call", call_id=call.id)
    if not link.startswith("http"):  # a command without PORTAL_BASE_URL (the demo): no address
        return
    shared = {"lead": call.lead_member.name, "closes_at": call.closes_at.isoformat(),
              "funders": [e.member.name for e in call.accepted_envelopes],
              "link": link, "account_link": _external("accounts.account")}
    for person in subscribers("notify_new_calls"):
        outbox.queue_mail(db.session, to=person.email, template="new_call", lang=person.language,
                          context={**shared, "name": person.name, "title": call.title(person.language)},
                          dedupe_key=f"new-call:{call.id}:{person.id}")


def close_if_due(call: Call, now: datetime | None = None) -> bool:
    """Record the closing of a call whose closing time passed (the phase already says it)."""
    now = now or utcnow()
    if not call_workflow.due(call.state.value, call.closes_at, now):
        return False
    move(None, call, "close", now=now)
    return True


def close_due(now: datetime | None = None) -> list[Call]:
    """Every published call whose closing time passed, closed and audited. Each row is
    locked on PostgreSQL so that two runs (the command and a page) record it once."""
    now = now or utcnow()
    calls = db.session.scalars(
        sa.select(Call).where(Call.state == CallState.PUBLISHED, Call.closes_at <= now)
        .order_by(Call.id).with_for_update(skip_locked=True)).all()
    for call in calls:
        close_if_due(call, now)
    return calls


# -- envelopes ------------------------------------------------------------------------------


def _envelope_changes(envelope: CallEnvelope, before: dict) -> dict:
    return audit.diff(before, audit.snapshot(envelope, ENVELOPE_AUDITED))


def invite(user, call: Call, members: list[Member]) -> list[CallEnvelope]:
    """Invite other members to co-finance ``call``; each one's officers get a mail."""
    added = []
    for member in members:
        if member.status != MemberStatus.ACTIVE:
            raise RuleViolations([Violation("member_not_active", "members")])
        existing = call.envelope_of(member.id)
        if existing is not None and existing.status != EnvelopeStatus.DECLINED:
            continue
        if existing is None:
            existing = CallEnvelope(member=member, status=EnvelopeStatus.INVITED)
            call.envelopes.append(existing)
        else:
            existing.status = EnvelopeStatus.INVITED
        added.append(existing)
    db.session.flush()
    for envelope in added:
        audit.record(user, "call.envelope.invite", envelope,
                     {**_member(envelope), "status": [None, "invited"], **_as_coordinator(user, call.lead_member_id)})
        _mail_invitation(call, envelope)
    if added:
        records.written("call", [call.id])
    return added


def officers_of(member_id: int) -> list[User]:
    return list(db.session.scalars(sa.select(User).where(
        User.member_id == member_id, User.active.is_(True),
        User.role.in_([Role.OFFICER, Role.COORDINATOR])).order_by(User.id)))


def _mail_invitation(call: Call, envelope: CallEnvelope) -> None:
    link = _external("calls.envelope", call_id=call.id, envelope_id=envelope.id)
    for officer in officers_of(envelope.member_id):
        outbox.queue_mail(db.session, to=officer.email, template="call_invitation", lang=officer.language,
                          context={"name": officer.name, "call_title": call.title(officer.language),
                                   "lead": call.lead_member.name, "member": envelope.member.name,
                                   "closes_at": call.closes_at.isoformat(), "link": link},
                          dedupe_key=f"call-invitation:{envelope.id}:{officer.id}:{envelope.updated_at.isoformat() if envelope.updated_at else ''}")


def _external(endpoint: str, **values) -> str:
    from app.accounts.mails import external_url

    try:
        return external_url(endpoint, **values)
    except Exception:  # noqa: BLE001 - no public address on the command line: a relative link still helps
        return url_for(endpoint, **values) if _has_request() else ""


def _has_request() -> bool:
    from flask import has_request_context

    return has_request_context()


def accept_envelope(user, envelope: CallEnvelope, data: EnvelopeData, *, version: int | None = None) -> dict:
    """The member's officer sets (or changes) its envelope: amount, ceiling, decision body.
    Never below what decisions already committed. ``version`` is the envelope's version
    the officer started from (the form's; None only for trusted callers): another change
    saved meanwhile raises :class:`~app.core.records.EditConflict` and nothing is written."""
    records.check_version(envelope, version)
    committed = db.session.scalar(sa.select(CallEnvelope.committed_cents).where(CallEnvelope.id == envelope.id))
    _check_envelope(data, committed or 0)
    values = {"status": EnvelopeStatus.ACCEPTED, "amount_cents": data.amount_cents,
              "ceiling_cents": data.ceiling_cents, "decision_body": data.decision_body.strip()}
    if all(getattr(envelope, name) == value for name, value in values.items()):
        return {}  # nothing to write: the version stays, another officer's open form stays valid
    before = audit.snapshot(envelope, ENVELOPE_AUDITED)
    action = "call.envelope.update" if envelope.status == EnvelopeStatus.ACCEPTED else "call.envelope.accept"
    # One conditional statement: the amount can only be lowered where nothing committed
    # meanwhile goes above it, and only over the version read (no other answer saved since).
    updated = db.session.execute(
        sa.update(CallEnvelope)
        .where(CallEnvelope.id == envelope.id, CallEnvelope.version == envelope.version,
               CallEnvelope.committed_cents <= data.amount_cents)
        .values(**values, updated_at=utcnow(), version=CallEnvelope.version + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if updated != 1:
        current_version, committed = db.session.execute(
            sa.select(CallEnvelope.version, CallEnvelope.committed_cents).where(CallEnvelope.id == envelope.id)).one()
        if current_version != envelope.version:
            raise records.EditConflict()
        raise RuleViolations([Violation("below_committed", "amount", {"committed": committed or 0})])
    db.session.refresh(envelope)
    changes = _envelope_changes(envelope, before)
    if changes:
        audit.record(user, action, envelope, {**_member(envelope), **changes,
                                              **_as_coordinator(user, envelope.member_id)})
        records.written("call", [envelope.call_id])
    return changes


def decline_envelope(user, envelope: CallEnvelope, *, version: int | None = None) -> dict:
    """The invited member says no (never once money is committed, never the lead).
    ``version`` as for :func:`accept_envelope`: a stale page declines nothing."""
    records.check_version(envelope, version)
    if envelope.committed_cents:
        raise RuleViolations([Violation("below_committed", "amount", {"committed": envelope.committed_cents})])
    if envelope.member_id == envelope.call.lead_member_id:
        raise RuleViolations([Violation("lead_cannot_decline")])
    before = audit.snapshot(envelope, ENVELOPE_AUDITED)
    envelope.status = EnvelopeStatus.DECLINED
    envelope.amount_cents, envelope.ceiling_cents = 0, None
    db.session.flush()
    changes = _envelope_changes(envelope, before)
    audit.record(user, "call.envelope.decline", envelope,
                 {**_member(envelope), **changes, **_as_coordinator(user, envelope.member_id)})
    records.written("call", [envelope.call_id])
    return changes


# -- money: the only two ways committed_cents moves ----------------------------------------------


class EnvelopeInsufficient(RuleViolations):
    """What remains on the envelope (as read after the refusal) and what was needed."""

    def __init__(self, available: int, needed: int):
        super().__init__([Violation("envelope_insufficient", "amount",
                                    {"available": max(available, 0), "needed": needed})])


def reserve(envelope_id: int, cents: int) -> None:
    """Commit ``cents`` of an envelope, in the caller's transaction, in one conditional
    statement: two decisions at the same second can never overspend it (the second one
    waits for the first row lock on PostgreSQL, then finds the new total)."""
    if cents <= 0:
        raise ValueError("reserve a positive amount")
    done = db.session.execute(
        sa.update(CallEnvelope)
        .where(CallEnvelope.id == envelope_id, CallEnvelope.status == EnvelopeStatus.ACCEPTED,
               CallEnvelope.committed_cents + cents <= CallEnvelope.amount_cents)
        .values(committed_cents=CallEnvelope.committed_cents + cents)
        .execution_options(synchronize_session=False)
    ).rowcount
    if done != 1:
        left = db.session.execute(
            sa.select(CallEnvelope.amount_cents - CallEnvelope.committed_cents)
            .where(CallEnvelope.id == envelope_id, CallEnvelope.status == EnvelopeStatus.ACCEPTED)
        ).scalar()
        raise EnvelopeInsufficient(left or 0, cents)
    _expire(envelope_id)


def release(envelope_id: int, cents: int) -> None:
    """Give back ``cents`` (a grant corrected or cancelled), never below zero."""
    if cents <= 0:
        raise ValueError("release a positive amount")
    done = db.session.execute(
        sa.update(CallEnvelope)
        .where(CallEnvelope.id == envelope_id, CallEnvelope.committed_cents >= cents)
        .values(committed_cents=CallEnvelope.committed_cents - cents)
        .execution_options(synchronize_session=False)
    ).rowcount
    if done != 1:
        raise RuleViolations([Violation("release_above_committed", "amount")])
    _expire(envelope_id)


def _expire(envelope_id: int) -> None:
    envelope = db.session.identity_map.get(db.session.identity_key(CallEnvelope, envelope_id))
    if envelope is not None:
        db.session.expire(envelope, ["committed_cents"])
