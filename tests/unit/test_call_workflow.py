"""The application's workflow table, walked move by move and state by state."""

from __future__ import annotations

import itertools

import pytest

from app.calls.domain import application_workflow as workflow
from app.calls.domain.application_workflow import MOVES, Part, State

PARTS = list(Part)
S = State

# The table as the issue states it: move -> (sources, target, who).
EXPECTED = {
    "submit": ({S.DRAFT}, S.SUBMITTED, {Part.APPLICANT}),
    "start_review": ({S.SUBMITTED}, S.IN_REVIEW, {Part.OFFICER, Part.COORDINATOR}),
    "ask_changes": ({S.SUBMITTED, S.IN_REVIEW}, S.NEEDS_CHANGES, {Part.OFFICER, Part.COORDINATOR}),
    "resubmit": ({S.NEEDS_CHANGES}, S.SUBMITTED, {Part.APPLICANT}),
    "withdraw": ({S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.NEEDS_CHANGES}, S.WITHDRAWN, {Part.APPLICANT}),
    # Classing "sans suite" ends the dossier for every co-funder: the lead member or the
    # coordinator, not any officer asked.
    "dismiss": ({S.SUBMITTED, S.IN_REVIEW}, S.DISMISSED, {Part.LEAD, Part.COORDINATOR}),
    "accept": ({S.IN_REVIEW}, S.ACCEPTED, {Part.SYSTEM}),
    "refuse": ({S.IN_REVIEW}, S.REFUSED, {Part.SYSTEM}),
}


def test_the_table_is_the_issues():
    assert {name: (set(m.sources), m.target, set(m.parts)) for name, m in MOVES.items()} == EXPECTED


def test_the_states_speak_the_applicants_vocabulary():
    assert [s.value for s in State] == ["draft", "submitted", "in_review", "needs_changes", "accepted",
                                        "refused", "dismissed", "withdrawn"]
    assert {m.target for m in MOVES.values()} | {S.DRAFT} == set(State)


@pytest.mark.parametrize(("move", "state"), [(m, s) for m in MOVES.values() for s in State],
                         ids=[f"{m}-{s}" for m in MOVES for s in State])
def test_each_move_from_every_state(move, state):
    violations = workflow.check(move, state, message="Joindre le RIB", reason="Hors sujet")
    assert (violations == []) == (state in move.sources)
    if violations:
        assert [v.code for v in violations] == ["move_not_allowed"]
        assert violations[0].params == {"move": move.name, "state": state.value}


@pytest.mark.parametrize(("move", "state"), [(m, s) for m in MOVES.values() for s in State],
                         ids=[f"{m}-{s}" for m in MOVES for s in State])
def test_only_the_listed_parts_may_make_a_move(move, state):
    for size in range(len(PARTS) + 1):
        for parts in itertools.combinations(PARTS, size):
            expected = state in move.sources and bool(set(parts) & move.parts)
            assert workflow.allowed(move, state, frozenset(parts)) == expected


@pytest.mark.parametrize("state", list(State))
def test_moves_offered_per_part(state):
    offered = {part: {m.name for m in workflow.moves_for(state, {part})} for part in PARTS}
    assert offered[Part.APPLICANT] == {name for name, (sources, _, parts) in EXPECTED.items()
                                       if state in sources and Part.APPLICANT in parts}
    # Nobody but the portal itself sets the consolidated outcomes.
    assert not {"accept", "refuse"} & (offered[Part.OFFICER] | offered[Part.LEAD] | offered[Part.COORDINATOR])
    assert "dismiss" not in offered[Part.OFFICER]


def test_nothing_leaves_a_final_state():
    for state in workflow.FINAL:
        assert workflow.moves_for(state, set(PARTS)) == []
        assert workflow.final(state)
    assert not any(workflow.final(s) for s in workflow.BEFORE_DECISION)


@pytest.mark.parametrize("state", list(State))
def test_only_a_draft_and_a_dossier_sent_back_are_editable(state):
    assert workflow.editable(state) == (state in {S.DRAFT, S.NEEDS_CHANGES})
    assert workflow.frozen(state) == (not workflow.editable(state))


@pytest.mark.parametrize("message", [None, "", "   \n"])
def test_corrections_need_a_message(message):
    assert [v.code for v in workflow.check(MOVES["ask_changes"], S.IN_REVIEW, message=message)] == [
        "message_required"]


@pytest.mark.parametrize("reason", [None, "", "  "])
def test_a_dismissal_needs_a_reason(reason):
    assert [v.code for v in workflow.check(MOVES["dismiss"], S.SUBMITTED, reason=reason)] == [
        "reason_required"]


@pytest.mark.parametrize("name", ["withdraw", "dismiss", "ask_changes"])
def test_nothing_undoes_a_members_decision(name):
    violations = workflow.check(MOVES[name], S.IN_REVIEW, message="m", reason="r", decided_shares=1)
    assert [v.code for v in violations] == ["already_decided"]
    assert workflow.check(MOVES[name], S.IN_REVIEW, message="m", reason="r", decided_shares=0) == []


def test_a_state_that_does_not_exist_is_a_bug():
    with pytest.raises(ValueError):
        workflow.check(MOVES["submit"], "brouillon")


def test_every_move_is_audited_under_its_name():
    assert {m.audit_action for m in MOVES.values()} == {f"application.{name}" for name in MOVES}
