"""The agenda's workflow table: every allowed change of an event's status, and who may
make it. Plain Python (no Flask, no database): services refuse any move not listed
here, permissions answer from it, and templates offer only the moves it allows.

Who may act is a set of *parts* a person plays for one event, worked out by
:mod:`app.agenda.permissions`:

- ``lead``: an officer of the member that announced the event (its first organiser);
- ``coordinator``: the Région's staff, for every event;
- ``staff``: any officer of a member (moderation of associations' proposals);
- ``announcer``: an officer of a member whose own announcement was merged into this
  one (it may take it back; nothing else);
- ``proposer``: the association that proposed the event.

A co-organiser that joined by a merge is *not* a lead: it decides nothing about the
shared event's fate (cancel, unpublish, merge elsewhere, visibility).
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from enum import StrEnum

from app.core.rules import Violation


class Status(StrEnum):
    """Mirrors :class:`app.agenda.models.EventStatus` (kept plain here: no models)."""

    DRAFT = "draft"
    PROPOSED = "proposed"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    DECLINED = "declined"
    MERGED = "merged"


class Part(StrEnum):
    LEAD = "lead"
    COORDINATOR = "coordinator"
    STAFF = "staff"
    ANNOUNCER = "announcer"
    PROPOSER = "proposer"


# Where an unmerged event goes back to: the status it had before the merge.
RESTORED = "restored"


@dataclass(frozen=True)
class Move:
    name: str
    sources: frozenset[Status]
    target: Status | str  # a status, or RESTORED
    parts: frozenset[Part]
    audit_action: str
    # Conditions checked by :func:`check`: "reason" (a decline says why),
    # "target_published" and "same_visibility" (a merge keeps what is public public and
    # what is members-only members-only).
    needs: tuple[str, ...] = ()


def _move(name, sources, target, parts, audit_action, needs=()) -> Move:
    return Move(name, frozenset(sources), target, frozenset(parts), audit_action, tuple(needs))


S, P = Status, Part
MOVES: dict[str, Move] = {m.name: m for m in (
    _move("publish", {S.DRAFT}, S.PUBLISHED, {P.LEAD, P.COORDINATOR}, "event.publish"),
    _move("reinstate", {S.CANCELLED}, S.PUBLISHED, {P.LEAD, P.COORDINATOR}, "event.publish"),
    _move("unpublish", {S.PUBLISHED}, S.DRAFT, {P.LEAD, P.COORDINATOR}, "event.unpublish"),
    _move("cancel", {S.PUBLISHED}, S.CANCELLED, {P.LEAD, P.COORDINATOR}, "event.cancel"),
    _move("accept", {S.PROPOSED}, S.PUBLISHED, {P.STAFF, P.COORDINATOR}, "event.publish"),
    _move("decline", {S.PROPOSED}, S.DECLINED, {P.STAFF, P.COORDINATOR}, "event.decline", ["reason"]),
    _move("merge", {S.DRAFT, S.PUBLISHED}, S.MERGED, {P.LEAD, P.COORDINATOR}, "event.merge",
          ["target_published", "same_visibility"]),
    _move("unmerge", {S.MERGED}, RESTORED, {P.ANNOUNCER, P.COORDINATOR}, "event.unmerge"),
)}

# Statuses an unmerged event may go back to (anything else becomes published).
RESTORABLE = frozenset({S.DRAFT, S.PUBLISHED, S.CANCELLED})


@dataclass(frozen=True)
class MergeTarget:
    """What a merge needs to know of the event it folds into."""

    id: int
    status: Status
    members_only: bool


def check(move: Move, status: str, *, members_only: bool = False, reason: str | None = None,
          target: MergeTarget | None = None, source_id: int | None = None) -> list[Violation]:
    """Why ``move`` may not be made from ``status`` (empty list: it may)."""
    out = []
    if Status(status) not in move.sources:
        out.append(Violation("move_not_allowed", params={"move": move.name, "status": str(status)}))
    if "reason" in move.needs and not (reason or "").strip():
        out.append(Violation("reason_required", "reason"))
    if "target_published" in move.needs and (
            target is None or target.id == source_id or target.status != Status.PUBLISHED):
        out.append(Violation("merge_target_not_published", "target"))
    if "same_visibility" in move.needs and target is not None and target.members_only != members_only:
        out.append(Violation("merge_visibility", "target"))
    return out


def allowed(move: Move, status: str, parts: Set[Part]) -> bool:
    """May someone playing ``parts`` make ``move`` from ``status``? (conditions aside)"""
    return Status(status) in move.sources and bool(move.parts & parts)


def moves_for(status: str, parts: Set[Part]) -> list[Move]:
    """The moves to offer on a page, in the table's order."""
    return [m for m in MOVES.values() if allowed(m, status, parts)]


def restored(status_before_merge: str | None) -> Status:
    """Where an unmerged event goes: back to what it was (a draft stays a draft)."""
    if status_before_merge and Status(status_before_merge) in RESTORABLE:
        return Status(status_before_merge)
    return Status.PUBLISHED
