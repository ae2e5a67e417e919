"""The workflow of a request to act for an actor (a *claim*): every allowed move, and
who may make it. Plain Python (no Flask, no database), like app/agenda/workflow.py.

- ``coordinator``: the Région's staff approve or refuse any pending request;
- ``mailbox``: whoever reads the actor's public address confirms a claim on an actor
  of the directory (a new actor has no address the network knows: the coordinator
  decides alone).

Approved and confirmed requests attach the person to the actor; a refused one changes
nothing for the person, and a refused new actor is deleted.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from enum import StrEnum

from app.core.rules import Violation


class ClaimState(StrEnum):
    """Mirrors :class:`app.accounts.models.ClaimStatus` (kept plain here: no models)."""

    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    CONFIRMED = "confirmed"


class Part(StrEnum):
    COORDINATOR = "coordinator"
    MAILBOX = "mailbox"


@dataclass(frozen=True)
class Move:
    name: str
    sources: frozenset[ClaimState]
    target: ClaimState
    parts: frozenset[Part]
    audit_action: str
    needs: tuple[str, ...] = ()  # "reason": a refusal says why; "existing_actor"
    attaches: bool = False  # the person becomes an account of the actor


S, P = ClaimState, Part
MOVES: dict[str, Move] = {m.name: m for m in (
    Move("approve", frozenset({S.PENDING}), S.APPROVED, frozenset({P.COORDINATOR}), "claim.approve",
         attaches=True),
    Move("refuse", frozenset({S.PENDING}), S.REFUSED, frozenset({P.COORDINATOR}), "claim.refuse",
         needs=("reason",)),
    Move("confirm", frozenset({S.PENDING}), S.CONFIRMED, frozenset({P.MAILBOX}), "claim.confirm",
         needs=("existing_actor",), attaches=True),
)}


def check(move: Move, state: str, *, reason: str | None = None, creation: bool = False) -> list[Violation]:
    """Why ``move`` may not be made from ``state`` (empty list: it may)."""
    out = []
    if ClaimState(state) not in move.sources:
        out.append(Violation("claim_decided", params={"state": str(state)}))
    if "reason" in move.needs and not (reason or "").strip():
        out.append(Violation("reason_required", "reason"))
    if "existing_actor" in move.needs and creation:
        out.append(Violation("claim_not_confirmable"))
    return out


def allowed(move: Move, state: str, parts: Set[Part]) -> bool:
    return ClaimState(state) in move.sources and bool(move.parts & parts)
