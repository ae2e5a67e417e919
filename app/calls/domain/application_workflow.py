"""The application's workflow table: every allowed change of an application's state, and
who may make it. Plain Python (no Flask, no database): services refuse any move not
listed here, permissions answer from it, and templates offer only the moves it allows.

The states are those French applicants know from démarches-simplifiées: brouillon,
déposé, en instruction, à corriger, accepté, refusé, sans suite, plus retiré. Their
labels live at the edge (:mod:`app.calls.messages`); here they are codes.

Who may act is a set of *parts* a person plays for one application, worked out by the
calls' permissions:

- ``applicant``: a user of the actor that applies;
- ``officer``: an officer of a member the application asks money of;
- ``lead``: an officer of the call's lead member who is also an officer of the application
  (classing a dossier "sans suite" ends it for every co-funder: the lead decides it);
- ``coordinator``: the Région's staff, for every application (audited as such);
- ``system``: the portal itself, consolidating the members' decisions (accepté and refusé
  are never chosen by a person: they follow from every member's share, see
  :func:`app.calls.domain.decisions.outcome`).

"Before a decision" means before any member decided its share: once one member has
granted or refused, withdrawing, dismissing or sending the dossier back for corrections
would undo a deliberation, so :func:`check` refuses it (``already_decided``).
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from enum import StrEnum

from app.core.rules import Violation


class State(StrEnum):
    DRAFT = "draft"                  # brouillon
    SUBMITTED = "submitted"          # déposé
    IN_REVIEW = "in_review"          # en instruction
    NEEDS_CHANGES = "needs_changes"  # à corriger
    ACCEPTED = "accepted"            # accepté
    REFUSED = "refused"              # refusé
    DISMISSED = "dismissed"          # sans suite
    WITHDRAWN = "withdrawn"          # retiré


class Part(StrEnum):
    APPLICANT = "applicant"
    OFFICER = "officer"
    LEAD = "lead"
    COORDINATOR = "coordinator"
    SYSTEM = "system"


@dataclass(frozen=True)
class Move:
    name: str
    sources: frozenset[State]
    target: State
    parts: frozenset[Part]
    audit_action: str
    # Conditions checked by :func:`check`: "message" (corrections asked say what to
    # correct), "reason" (a dismissal says why), "undecided" (no member decided yet).
    needs: tuple[str, ...] = ()


def _move(name, sources, target, parts, needs=()) -> Move:
    return Move(name, frozenset(sources), target, frozenset(parts), f"application.{name}", tuple(needs))


S, P = State, Part
# Before a decision: every state a person may still leave by withdrawing.
BEFORE_DECISION = frozenset({S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.NEEDS_CHANGES})

MOVES: dict[str, Move] = {m.name: m for m in (
    _move("submit", {S.DRAFT}, S.SUBMITTED, {P.APPLICANT}),
    _move("start_review", {S.SUBMITTED}, S.IN_REVIEW, {P.OFFICER, P.COORDINATOR}),
    _move("ask_changes", {S.SUBMITTED, S.IN_REVIEW}, S.NEEDS_CHANGES, {P.OFFICER, P.COORDINATOR},
          ["message", "undecided"]),
    _move("resubmit", {S.NEEDS_CHANGES}, S.SUBMITTED, {P.APPLICANT}),
    _move("withdraw", BEFORE_DECISION, S.WITHDRAWN, {P.APPLICANT}, ["undecided"]),
    _move("dismiss", {S.SUBMITTED, S.IN_REVIEW}, S.DISMISSED, {P.LEAD, P.COORDINATOR},
          ["reason", "undecided"]),
    _move("accept", {S.IN_REVIEW}, S.ACCEPTED, {P.SYSTEM}),
    _move("refuse", {S.IN_REVIEW}, S.REFUSED, {P.SYSTEM}),
)}

# The applicant may change the dossier only in these states; anywhere else it is frozen
# (the officers instruct what was submitted, and earlier versions stay readable).
EDITABLE = frozenset({S.DRAFT, S.NEEDS_CHANGES})
# No move leaves these states.
FINAL = frozenset({S.ACCEPTED, S.REFUSED, S.DISMISSED, S.WITHDRAWN})
# Submitted and not yet settled: what the joint-applicant alert calls "open". A draft is
# not open: the officers never see drafts, so an alert must not reveal one.
OPEN = frozenset({S.SUBMITTED, S.IN_REVIEW, S.NEEDS_CHANGES})

CODES = ("move_not_allowed", "message_required", "reason_required", "already_decided")


def check(move: Move, state: str, *, message: str | None = None, reason: str | None = None,
          decided_shares: int = 0) -> list[Violation]:
    """Why ``move`` may not be made from ``state`` (empty list: it may).

    ``decided_shares`` is how many members have already decided their share.
    """
    out = []
    if State(state) not in move.sources:
        out.append(Violation("move_not_allowed", params={"move": move.name, "state": str(state)}))
    if "message" in move.needs and not (message or "").strip():
        out.append(Violation("message_required", "message"))
    if "reason" in move.needs and not (reason or "").strip():
        out.append(Violation("reason_required", "reason"))
    if "undecided" in move.needs and decided_shares > 0:
        out.append(Violation("already_decided", params={"count": decided_shares}))
    return out


def allowed(move: Move, state: str, parts: Set[Part]) -> bool:
    """May someone playing ``parts`` make ``move`` from ``state``? (conditions aside)"""
    return State(state) in move.sources and bool(move.parts & parts)


def moves_for(state: str, parts: Set[Part]) -> list[Move]:
    """The moves to offer on a page, in the table's order."""
    return [m for m in MOVES.values() if allowed(m, state, parts)]


def editable(state: str) -> bool:
    return State(state) in EDITABLE


def frozen(state: str) -> bool:
    return not editable(state)


def final(state: str) -> bool:
    return State(state) in FINAL
