"""What an application must satisfy to be submitted (déposé): the call open, every
required field, a balanced budget asking money only of participating members within
their ceilings and the call's rates, every attachment the call requires, and the local
anchoring when the call makes it blocking.

The services build :class:`ApplicationFacts` and :class:`CallRules` from the models;
:func:`check_submission` returns every violation at once so that the form shows them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from app.calls.domain import anchoring, cofinancing
from app.calls.domain.anchoring import AnchoringAnswers
from app.calls.domain.cofinancing import Budget, MemberTerms
from app.core.rules import Violation

CODES = ("call_not_open", "call_not_open_yet", "call_closed", "required", "dates_order",
         "attachment_missing")

# The fields of the harmonised form (Cerfa 12156) that a submitted dossier must fill.
REQUIRED_TEXTS = ("project_title", "summary", "expected_results", "local_benefits")


@dataclass(frozen=True)
class CallRules:
    opens_at: datetime | None
    closes_at: datetime | None
    # The participating members (their envelope accepted), by member id.
    members: Mapping[int, MemberTerms] = field(default_factory=dict)
    published: bool = True        # a draft call takes no application, whatever its dates
    min_own_share: int | None = None    # % of the project's cost
    max_public_rate: int | None = None  # % of the project's cost
    # kind -> the name the call gives it ("statuts", "budget prévisionnel", "RIB"...)
    required_attachments: Mapping[str, str] = field(default_factory=dict)
    anchoring_blocking: bool = False
    modest_amount: int | None = None    # cents: the "modest amount" of the anchoring checklist


@dataclass(frozen=True)
class ApplicationFacts:
    project_title: str = ""
    summary: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    partner_territory: int | str | None = None
    partner_organisation: str = ""  # optional on the form
    themes: tuple[str, ...] = ()
    expected_results: str = ""
    local_benefits: str = ""        # in Île-de-France
    budget: Budget = field(default_factory=Budget)
    attachments: frozenset[str] = frozenset()  # the kinds attached
    anchoring: AnchoringAnswers = field(default_factory=AnchoringAnswers)


def _aware(moment: datetime | None, name: str) -> None:
    if moment is not None and (moment.tzinfo is None or moment.utcoffset() is None):
        raise ValueError(f"{name} must be timezone-aware: {moment!r}")


def check_open(call: CallRules, now: datetime) -> list[Violation]:
    """Open from ``opens_at`` included to ``closes_at`` excluded: a dossier submitted at
    the closing second is late. Naive datetimes raise ValueError (a bug, not a user's
    mistake: "18:00" means nothing without its time zone on a daylight-saving night)."""
    _aware(now, "now")
    _aware(call.opens_at, "opens_at")
    _aware(call.closes_at, "closes_at")
    if not call.published or call.opens_at is None or call.closes_at is None:
        return [Violation("call_not_open", "call")]
    # Compared in UTC: Python compares two datetimes sharing one tzinfo by their wall
    # clocks, and in the hour repeated at the end of October 02:45 (first pass) comes
    # before 02:30 (second pass).
    instant = now.astimezone(UTC)
    if instant < call.opens_at.astimezone(UTC):
        return [Violation("call_not_open_yet", "call", {"opens_at": call.opens_at})]
    if instant >= call.closes_at.astimezone(UTC):
        return [Violation("call_closed", "call", {"closes_at": call.closes_at})]
    return []


def check_fields(app: ApplicationFacts) -> list[Violation]:
    out = [Violation("required", name) for name in REQUIRED_TEXTS
           if not (getattr(app, name) or "").strip()]
    if app.starts_on is None:
        out.append(Violation("required", "starts_on"))
    if app.ends_on is None:
        out.append(Violation("required", "ends_on"))
    if app.starts_on and app.ends_on and app.ends_on < app.starts_on:
        out.append(Violation("dates_order", "ends_on"))
    if app.partner_territory in (None, ""):
        out.append(Violation("required", "partner_territory"))
    if not app.themes:
        out.append(Violation("required", "themes"))
    return out


def check_attachments(app: ApplicationFacts, call: CallRules) -> list[Violation]:
    return [Violation("attachment_missing", "attachments", {"kind": kind, "label": label})
            for kind, label in call.required_attachments.items() if kind not in app.attachments]


def anchoring_results(app: ApplicationFacts, call: CallRules) -> dict[str, anchoring.Result]:
    """The checklist as the officers see it. The statement of local benefits is the
    form's own field, so the checklist reads it from there."""
    answers = app.anchoring
    if answers.local_benefits is None:
        answers = replace(answers, local_benefits=app.local_benefits)
    return anchoring.evaluate(answers, amount_asked=app.budget.asked,
                              modest_threshold=call.modest_amount)


def check_submission(app: ApplicationFacts, call: CallRules, now: datetime, *,
                     resubmission: bool = False) -> list[Violation]:
    """Every reason why ``app`` may not be submitted to ``call`` at ``now`` (empty: it may).

    A ``resubmission`` (the officers sent the dossier back for corrections) is not held to
    the closing time: the dossier was filed in time and the officers are waiting for it.
    Every other rule still holds. ``now`` must be timezone-aware either way.
    """
    opening = check_open(call, now)  # raises on a naive datetime, resubmission or not
    out = [] if resubmission else opening
    out += check_fields(app)
    out += cofinancing.check_budget(app.budget)
    out += cofinancing.check_requests(app.budget, call.members, min_own_share=call.min_own_share,
                                      max_public_rate=call.max_public_rate)
    out += check_attachments(app, call)
    if call.anchoring_blocking:  # advisory otherwise: shown, never refused
        out += anchoring.blocking_violations(anchoring_results(app, call))
    return out
