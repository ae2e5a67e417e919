"""Who may do what with calls: plain functions of (user, call) -> bool.

State changes come from the workflow table (:mod:`app.calls.domain.call_workflow`): a
person's *parts* for a call (lead, coordinator) decide which moves they may make.
"""

from __future__ import annotations

from app.auth.models import Role
from app.auth.permissions import acts_for_actor, is_coordinator, is_signed_in, is_staff, is_staff_of
from app.calls.domain import application_workflow, call_workflow
from app.calls.domain.application_workflow import Part as ApplicationPart
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


# -- applications ------------------------------------------------------------------------------


def is_applicant_of(user, application) -> bool:
    """A user of the actor that applies (an association's account)."""
    return (is_signed_in(user) and user.role == Role.APPLICANT
            and acts_for_actor(user, application.actor_id))


def asks_member_of(user, application) -> bool:
    """An officer of a member the application asks money of."""
    return is_staff(user) and any(share.member_id == user.member_id for share in application.shares)


def application_parts(user, application) -> frozenset[ApplicationPart]:
    found = set()
    if is_applicant_of(user, application):
        found.add(ApplicationPart.APPLICANT)
    if asks_member_of(user, application):
        found.add(ApplicationPart.OFFICER)
    if is_coordinator(user):
        found.add(ApplicationPart.COORDINATOR)
    return frozenset(found)


def can_apply(user, call: Call) -> bool:
    """An association's account, to a call open now whose beneficiaries include its kind."""
    if not (is_signed_in(user) and user.role == Role.APPLICANT and user.actor_id is not None):
        return False
    if not call.is_open:
        return False
    kinds = call.beneficiary_kinds or []
    return not kinds or (user.actor is not None and user.actor.kind.value in kinds)


def can_view_application(user, application) -> bool:
    """Its applicant always; the officers of the members asked and the coordinator once it
    was filed (a draft is the association's work in progress)."""
    if is_applicant_of(user, application):
        return True
    if application.revision < 1:
        return False
    return is_coordinator(user) or asks_member_of(user, application)


def can_edit_application(user, application) -> bool:
    return is_applicant_of(user, application) and application_workflow.editable(application.state.value)


def can_submit_application(user, application) -> bool:
    move = "resubmit" if application.state.value == "needs_changes" else "submit"
    return application_workflow.allowed(application_workflow.MOVES[move], application.state.value,
                                        application_parts(user, application))


def can_withdraw_application(user, application) -> bool:
    return (application_workflow.allowed(application_workflow.MOVES["withdraw"], application.state.value,
                                         application_parts(user, application))
            and not any(share.granted_cents is not None for share in application.shares))


def can_download_attachment(user, application) -> bool:
    """The applicant, the officers of the members asked, the coordinator."""
    return can_view_application(user, application)


def can_list_own_applications(user) -> bool:
    return is_signed_in(user) and user.role == Role.APPLICANT and user.actor_id is not None
