"""The call's workflow table: every allowed change of a call's state, who may make it,
and what it needs. Plain Python (no Flask, no database): services refuse any move not
listed here, permissions answer from it, and pages offer only the moves it allows.

A call closes *by itself* at its closing time: nothing waits for a cron. Its **phase**
(:func:`phase`) is worked out from the clock, so a published call whose closing time
has passed is closed for every reader and every rule at once. ``flask calls close-due``
(and the call's page, lazily) only *records* that transition in the audit trail.

Parts a person plays for one call (worked out by :mod:`app.calls.permissions`):

- ``lead``: an officer of the call's lead member;
- ``coordinator``: the Région's staff, for every call;
- ``clock``: the closing time itself (the command, or a page noticing it has passed).
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.core.rules import Violation


class State(StrEnum):
    """Mirrors :class:`app.calls.models.CallState` (kept plain here: no models)."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"
    DECIDED = "decided"
    ARCHIVED = "archived"


class Phase(StrEnum):
    """What a reader sees of a call at a given instant."""

    DRAFT = "draft"
    UPCOMING = "upcoming"  # published, not yet open
    OPEN = "open"
    CLOSED = "closed"  # closing time passed (recorded or not)
    DECIDED = "decided"
    ARCHIVED = "archived"


class Part(StrEnum):
    LEAD = "lead"
    COORDINATOR = "coordinator"
    CLOCK = "clock"


# Every code this module emits (app.calls.messages has a sentence for each).
CODES = ("call_move_not_allowed", "call_has_applications", "call_not_closed", "closing_in_past",
         "title_required", "text_required", "no_accepted_envelope", "closes_before_opening")


@dataclass(frozen=True)
class CallFacts:
    """What the rules need to know of a call."""

    title_fr: str
    text_fr: str
    opens_at: datetime
    closes_at: datetime
    accepted_envelopes: int


@dataclass(frozen=True)
class Move:
    name: str
    sources: frozenset[State]
    target: State
    parts: frozenset[Part]
    audit_action: str
    # Conditions checked by :func:`check`: "publishable", "no_applications",
    # "closing_passed", "closing_ahead".
    needs: tuple[str, ...] = ()


def _move(name, sources, target, parts, audit_action, needs=()) -> Move:
    return Move(name, frozenset(sources), target, frozenset(parts), audit_action, tuple(needs))


S, P = State, Part
MOVES: dict[str, Move] = {m.name: m for m in (
    _move("publish", {S.DRAFT}, S.PUBLISHED, {P.LEAD, P.COORDINATOR}, "call.publish", ["publishable"]),
    _move("unpublish", {S.PUBLISHED}, S.DRAFT, {P.LEAD, P.COORDINATOR}, "call.unpublish", ["no_applications"]),
    _move("close", {S.PUBLISHED}, S.CLOSED, {P.CLOCK}, "call.close", ["closing_passed"]),
    _move("reopen", {S.CLOSED}, S.PUBLISHED, {P.LEAD, P.COORDINATOR}, "call.reopen", ["closing_ahead"]),
    _move("decide", {S.CLOSED}, S.DECIDED, {P.LEAD, P.COORDINATOR}, "call.decide", ["closing_passed"]),
    _move("archive", {S.DECIDED}, S.ARCHIVED, {P.LEAD, P.COORDINATOR}, "call.archive"),
)}


def phase(state: str, opens_at: datetime, closes_at: datetime, now: datetime) -> Phase:
    """The call as a reader sees it at ``now``: open from ``opens_at`` included to
    ``closes_at`` excluded (one second after the closing time is too late). Aware
    datetimes compare as instants, whatever their zones: daylight saving changes nothing."""
    state = State(state)
    if state == S.DRAFT:
        return Phase.DRAFT
    if state == S.PUBLISHED:
        if now >= closes_at:
            return Phase.CLOSED
        return Phase.OPEN if now >= opens_at else Phase.UPCOMING
    return Phase(state.value)


def check(move: Move, state: str, facts: CallFacts, *, now: datetime, applications: int = 0) -> list[Violation]:
    """Why ``move`` may not be made from ``state`` (empty list: it may)."""
    out = []
    if State(state) not in move.sources:
        out.append(Violation("call_move_not_allowed", params={"move": move.name, "status": str(state)}))
    if "publishable" in move.needs:
        out.extend(publishable(facts, now))
    if "no_applications" in move.needs and applications:
        out.append(Violation("call_has_applications", params={"count": applications}))
    if "closing_passed" in move.needs and now < facts.closes_at:
        out.append(Violation("call_not_closed", "closes_at"))
    if "closing_ahead" in move.needs and now >= facts.closes_at:
        out.append(Violation("closing_in_past", "closes_at"))
    return out


def publishable(facts: CallFacts, now: datetime) -> list[Violation]:
    """What a call needs before the public sees it."""
    out = []
    if not facts.title_fr.strip():
        out.append(Violation("title_required", "title_fr"))
    if not facts.text_fr.strip():
        out.append(Violation("text_required", "text_fr"))
    if facts.accepted_envelopes < 1:
        out.append(Violation("no_accepted_envelope"))
    if facts.opens_at >= facts.closes_at:
        out.append(Violation("closes_before_opening", "closes_at"))
    elif facts.closes_at <= now:
        out.append(Violation("closing_in_past", "closes_at"))
    return out


def allowed(move: Move, state: str, parts: Set[Part]) -> bool:
    """May someone playing ``parts`` make ``move`` from ``state``? (conditions aside)"""
    return State(state) in move.sources and bool(move.parts & parts)


def moves_for(state: str, parts: Set[Part]) -> list[Move]:
    """The moves to offer on a page, in the table's order."""
    return [m for m in MOVES.values() if allowed(m, state, parts)]


def due(state: str, closes_at: datetime, now: datetime) -> bool:
    """A published call whose closing time passed: its closing is to be recorded."""
    return State(state) == S.PUBLISHED and now >= closes_at
