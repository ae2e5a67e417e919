"""Each member's decision on its share of an application, the envelope it draws on, and
the application's outcome once every member asked has decided.

A *share* is one (application, member) pair: the amount asked, then the amount granted
(0 is a refusal). Correcting a grant moves the envelope by the difference only: lowering
a grant gives money back, raising it takes more, and :func:`fits` says whether the
envelope can take it. The database does the same test in one conditional UPDATE (and a
CHECK constraint) so that two officers deciding at the same second cannot overspend;
this pure function gives the same answer for messages and pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.calls.domain.application_workflow import State
from app.calls.domain.cofinancing import cents
from app.core.money import MAX_AMOUNT_CENTS
from app.core.rules import Violation

PAYMENT_TERMS = ("unique", "echelonne", "autre")

CODES = (
    "granted_negative", "granted_above_asked", "refusal_reason_required",
    "decision_reference_required", "decision_date_required", "payment_terms_unknown",
    "payment_period_required", "payment_period_order", "convention_before_decision",
    "envelope_insufficient", "envelope_negative", "envelope_below_committed", "amount_too_large",
)


@dataclass(frozen=True)
class ShareFacts:
    member_id: int
    asked: int                  # cents
    granted: int | None = None  # cents; None while the member has not decided, 0 a refusal


@dataclass(frozen=True)
class DecisionInput:
    granted: int  # cents
    reason: str = ""       # why a refusal (shown to the applicant)
    reference: str = ""    # the deliberation, e.g. "CP 2027-03-112"
    decided_on: date | None = None
    convention_on: date | None = None
    payment_terms: str | None = None  # one of PAYMENT_TERMS
    payment_from: date | None = None
    payment_until: date | None = None


def check_decision(share: ShareFacts, decision: DecisionInput) -> list[Violation]:
    """Why ``decision`` may not be recorded on ``share`` (empty list: it may)."""
    out = []
    granted = cents(decision.granted)
    if granted < 0:
        out.append(Violation("granted_negative", "granted", {"granted": granted}))
    elif granted > MAX_AMOUNT_CENTS:
        out.append(Violation("amount_too_large", "granted", {"amount": granted, "limit": MAX_AMOUNT_CENTS}))
    elif granted > share.asked:
        out.append(Violation("granted_above_asked", "granted", {"granted": granted, "asked": share.asked}))
    if granted == 0 and not decision.reason.strip():
        out.append(Violation("refusal_reason_required", "reason"))
    if granted > 0:
        if not decision.reference.strip():
            out.append(Violation("decision_reference_required", "reference"))
        if decision.decided_on is None:
            out.append(Violation("decision_date_required", "decided_on"))
    terms = decision.payment_terms or None
    if terms is not None and terms not in PAYMENT_TERMS:
        out.append(Violation("payment_terms_unknown", "payment_terms", {"value": terms}))
    if terms == "echelonne" and (decision.payment_from is None or decision.payment_until is None):
        out.append(Violation("payment_period_required", "payment_from"))
    if decision.payment_from and decision.payment_until and decision.payment_until < decision.payment_from:
        out.append(Violation("payment_period_order", "payment_until"))
    if decision.convention_on and decision.decided_on and decision.convention_on < decision.decided_on:
        out.append(Violation("convention_before_decision", "convention_on"))
    return out


def delta(previous_granted: int | None, granted: int) -> int:
    """What a decision (or its correction) takes from the envelope; negative: gives back."""
    return cents(granted) - (previous_granted or 0)


def fits(envelope_amount: int, committed: int, change: int) -> bool:
    """May ``change`` be added to what the envelope has ``committed``? Giving back always
    fits (committed never goes below zero); taking more fits within the amount."""
    return 0 <= committed + change <= envelope_amount


def check_envelope(envelope_amount: int, committed: int, change: int) -> list[Violation]:
    if fits(envelope_amount, committed, change):
        return []
    return [Violation("envelope_insufficient", "granted", {
        "available": max(envelope_amount - committed, 0), "needed": change})]


def check_envelope_amount(amount: int, committed: int) -> list[Violation]:
    """An envelope may be lowered, never below what its member already granted."""
    if cents(amount) < 0:
        return [Violation("envelope_negative", "amount", {"amount": amount})]
    if amount > MAX_AMOUNT_CENTS:
        return [Violation("amount_too_large", "amount", {"amount": amount, "limit": MAX_AMOUNT_CENTS})]
    if amount < committed:
        return [Violation("envelope_below_committed", "amount", {"amount": amount, "committed": committed})]
    return []


def outcome(shares: Iterable[ShareFacts]) -> State | None:
    """accepted when every member asked has decided and at least one granted money,
    refused when all refused, None while any is undecided (or nothing is asked)."""
    decided = [share.granted for share in shares]
    if not decided or any(granted is None for granted in decided):
        return None
    return State.ACCEPTED if any(granted > 0 for granted in decided) else State.REFUSED


@dataclass(frozen=True)
class Gauge:
    amount: int     # the envelope
    granted: int    # committed by decisions
    remaining: int
    pending: int    # asked of the member, not decided yet


def gauge(envelope_amount: int, shares: Iterable[ShareFacts]) -> Gauge:
    """One member's envelope on the call's instruction page."""
    shares = list(shares)
    granted = sum(s.granted or 0 for s in shares)
    pending = sum(s.asked for s in shares if s.granted is None)
    return Gauge(envelope_amount, granted, envelope_amount - granted, pending)
