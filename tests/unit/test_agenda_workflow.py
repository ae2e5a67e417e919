"""The agenda's workflow table, walked move by move (no Flask, no database)."""

from __future__ import annotations

import itertools

import pytest

from app.agenda import workflow
from app.agenda.models import EventStatus
from app.agenda.workflow import MOVES, Part, Status

PARTS = list(Part)


def test_the_table_speaks_the_models_statuses():
    assert {s.value for s in Status} == {s.value for s in EventStatus}


@pytest.mark.parametrize("move", MOVES.values(), ids=list(MOVES))
def test_each_move_is_refused_from_every_status_it_does_not_list(move):
    for status in Status:
        violations = workflow.check(move, status, reason="motif",
                                    target=workflow.MergeTarget(999, Status.PUBLISHED, False))
        refused = any(v.code == "move_not_allowed" for v in violations)
        assert refused == (status not in move.sources), (move.name, status)


@pytest.mark.parametrize(("move", "status"), [(m, s) for m in MOVES.values() for s in Status],
                         ids=[f"{m}-{s}" for m in MOVES for s in Status])
def test_only_the_listed_parts_may_make_a_move(move, status):
    for size in range(len(PARTS) + 1):
        for parts in itertools.combinations(PARTS, size):
            expected = status in move.sources and bool(set(parts) & move.parts)
            assert workflow.allowed(move, status, frozenset(parts)) == expected


def test_a_co_organiser_decides_nothing_of_the_events_fate():
    """Joined by a merge, a member is staff (it may moderate proposals) but not lead."""
    offered = {m.name for m in workflow.moves_for(Status.PUBLISHED, {Part.STAFF})}
    assert offered == set()
    lead = {m.name for m in workflow.moves_for(Status.PUBLISHED, {Part.STAFF, Part.LEAD})}
    assert lead == {"unpublish", "cancel", "merge"}


def test_a_decline_needs_a_reason():
    codes = [v.code for v in workflow.check(MOVES["decline"], Status.PROPOSED, reason="  ")]
    assert codes == ["reason_required"]
    assert workflow.check(MOVES["decline"], Status.PROPOSED, reason="Hors sujet") == []


@pytest.mark.parametrize(("source_members_only", "target_members_only", "ok"), [
    (False, False, True), (True, True, True),
    (False, True, False),  # a public announcement would disappear into a members-only one
    (True, False, False),  # a members-only one would show its organisers and links to all
])
def test_a_merge_keeps_each_events_visibility(source_members_only, target_members_only, ok):
    target = workflow.MergeTarget(2, Status.PUBLISHED, target_members_only)
    violations = workflow.check(MOVES["merge"], Status.PUBLISHED, members_only=source_members_only,
                                target=target, source_id=1)
    assert (violations == []) == ok


@pytest.mark.parametrize("target_status", [s for s in Status if s != Status.PUBLISHED])
def test_a_merge_keeps_only_a_published_event(target_status):
    target = workflow.MergeTarget(2, target_status, False)
    assert [v.code for v in workflow.check(MOVES["merge"], Status.DRAFT, target=target, source_id=1)] == [
        "merge_target_not_published"]
    same = workflow.MergeTarget(1, Status.PUBLISHED, False)
    assert workflow.check(MOVES["merge"], Status.DRAFT, target=same, source_id=1)


@pytest.mark.parametrize(("before", "after"), [
    ("draft", Status.DRAFT), ("published", Status.PUBLISHED), ("cancelled", Status.CANCELLED),
    (None, Status.PUBLISHED), ("proposed", Status.PUBLISHED), ("merged", Status.PUBLISHED),
])
def test_undoing_a_merge_gives_back_what_the_event_was(before, after):
    assert workflow.restored(before) == after
