"""Who may instruct and decide applications: plain functions of (user, object) -> bool.

An officer sees the filed applications that ask its member (never drafts, nor drafts
withdrawn before they were filed, never others'); the coordinator sees every filed one. Each member decides its own share only; the coordinator may decide
any share and is recorded as such.
"""

from __future__ import annotations

from app.auth.permissions import is_coordinator, is_staff, is_staff_of
from app.calls.domain import application_workflow as workflow
from app.calls.domain.application_workflow import Part
from app.calls.models import Call
from app.calls.models_applications import Application, ApplicationShare, ApplicationState


def asked_member_ids(application: Application) -> set[int]:
    return {share.member_id for share in application.shares}


def is_officer_of(user, application: Application) -> bool:
    """An officer of a member the application asks money of."""
    return is_staff(user) and user.member_id in asked_member_ids(application)


def is_filed(application: Application) -> bool:
    """Filed at least once: a draft, or a draft withdrawn before it was filed, is the
    applicant's alone (for the officers it does not exist)."""
    return application.state != ApplicationState.DRAFT and application.submitted_at is not None


def can_instruct(user, application: Application) -> bool:
    """See the dossier's instruction (reviews, alerts, decisions): only once filed."""
    if not is_filed(application):
        return False
    return is_coordinator(user) or is_officer_of(user, application)


def can_view_instruction_list(user, call: Call) -> bool:
    return is_coordinator(user) or (is_staff(user) and user.member_id in call.member_ids)


def instruction_parts(user, application: Application) -> frozenset[Part]:
    found = set()
    if is_coordinator(user):
        found.add(Part.COORDINATOR)
    if is_officer_of(user, application):
        found.add(Part.OFFICER)
        if is_staff_of(user, application.call.lead_member_id):
            found.add(Part.LEAD)
    return frozenset(found)


def can_move_application(user, application: Application, move: str) -> bool:
    return can_instruct(user, application) and workflow.allowed(
        workflow.MOVES[move], application.state.value, instruction_parts(user, application))


def instruction_moves(user, application: Application) -> list[str]:
    if not can_instruct(user, application):
        return []
    parts = instruction_parts(user, application) - {Part.APPLICANT, Part.SYSTEM}
    return [m.name for m in workflow.moves_for(application.state.value, parts)]


def can_review(user, application: Application) -> bool:
    """Officers of the members asked, and the coordinator, write one review each."""
    return can_instruct(user, application) and user.member_id is not None


def can_decide(user, share: ApplicationShare) -> bool:
    """That member's officers, or the coordinator (recorded as coordinator)."""
    if not can_instruct(user, share.application):
        return False
    return is_coordinator(user) or is_staff_of(user, share.member_id)


def decides_as_coordinator(user, share: ApplicationShare) -> bool:
    return is_coordinator(user) and not is_staff_of(user, share.member_id)
