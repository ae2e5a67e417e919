"""Who may do what with calls: plain functions of (user, call) -> bool.

State changes come from the workflow table (:mod:`app.calls.domain.call_workflow`): a
person's *parts* for a call (lead, coordinator) decide which moves they may make.
"""

from __future__ import annotations

from app.auth.permissions import is_coordinator, is_staff, is_staff_of
from app.calls.domain import call_workflow
from app.calls.domain.call_workflow import Part
from app.calls.models import Call, CallEnvelope, CallState


def leads(user, call: Call) -> bool:
    return is_staff_of(user, call.lead_member_id)


def participates(user, call: Call) -> bool:
    """An officer of a member with an envelope in the call (invited, accepted or declined)."""
    return is_staff(user) and user.member_id in call.member_ids


def parts(user, call: Call) -> frozenset[Part]:
    found = set()
    if is_coordinator(user):
        found.add(Part.COORDINATOR)
    if leads(user, call):
        found.add(Part.LEAD)
    return frozenset(found)


def can_view_call(user, call: Call) -> bool:
    """The public sees a call once published; a draft is its co-funders' and the coordinator's."""
    if call.state != CallState.DRAFT:
        return True
    return is_coordinator(user) or participates(user, call)


def can_create_call(user) -> bool:
    return is_staff(user)


def can_edit_call(user, call: Call) -> bool:
    """Its lead member's officers and the coordinator (who may do anything, audited as such)."""
    return is_coordinator(user) or leads(user, call)


def can_invite_cofunders(user, call: Call) -> bool:
    return can_edit_call(user, call) and call.state in (CallState.DRAFT, CallState.PUBLISHED)


def can_move_call(user, call: Call, move: str) -> bool:
    return call_workflow.allowed(call_workflow.MOVES[move], call.state.value, parts(user, call))


def call_moves(user, call: Call) -> list[str]:
    return [m.name for m in call_workflow.moves_for(call.state.value, parts(user, call))]


def can_edit_envelope(user, envelope: CallEnvelope) -> bool:
    """That member's officers and the coordinator."""
    return is_coordinator(user) or is_staff_of(user, envelope.member_id)


def can_see_call_history(user, call: Call) -> bool:
    return is_coordinator(user) or participates(user, call)
