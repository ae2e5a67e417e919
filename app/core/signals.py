"""What one feature tells the others without importing them: signals (blinker, which
Flask already brings) carrying plain data, never another feature's model objects.

The calls announce each member's decision on its share of an application and the
application's settled outcome; the public portfolio of funded projects (``app.projects``,
on the same layer as the calls and independent of them) listens. Receivers run in the
sender's transaction: they flush, never commit, like every service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from blinker import Namespace

_signals = Namespace()

# Sent with ``action`` ("recorded", "corrected", "cancelled"), ``member_id`` and
# ``application`` (:class:`ApplicationFacts`, after the change).
share_decision_changed = _signals.signal("share-decision-changed")
# Sent with ``outcome`` ("accepted", "refused") and ``application`` (:class:`ApplicationFacts`).
application_outcome_settled = _signals.signal("application-outcome-settled")


@dataclass(frozen=True)
class ShareFacts:
    """One member's part of an application as decided (``granted_cents`` None: undecided,
    0: refused)."""

    member_id: int
    granted_cents: int | None
    decision_reference: str = ""
    decided_on: date | None = None
    convention_on: date | None = None
    payment_terms: str | None = None  # "unique", "echelonne", "autre"
    payment_from: date | None = None
    payment_until: date | None = None


@dataclass(frozen=True)
class ApplicationFacts:
    """What an application says publicly once funded (nothing of its budget, reviews,
    attachments or contacts)."""

    application_id: int
    call_id: int
    call_title_fr: str
    call_title_en: str
    actor_id: int
    title: str
    summary: str
    local_benefits: str
    partner_territory_id: int | None
    theme_ids: tuple[int, ...]
    state: str  # the application's state value ("in_review", "accepted", ...)
    decided_at: datetime | None
    shares: tuple[ShareFacts, ...]
    # Who caused this change: the user whose decision it was (None: the portal itself), and
    # whether they decided as the coordinator, in place of a member they do not belong to.
    by_user_id: int | None = None
    by_coordinator: bool = False
