"""Who may do what in the agenda: plain functions of (user, event) -> bool.

Status changes come from the workflow table (:mod:`app.agenda.workflow`): a person's
*parts* for an event (lead, coordinator, staff, announcer, proposer) decide which moves
they may make.
"""

from __future__ import annotations

from app.agenda import workflow
from app.agenda.models import LISTED, Event, EventStatus
from app.agenda.workflow import Part
from app.auth.permissions import (
    acts_for_actor,
    is_coordinator,
    is_member_staff,
    is_signed_in,
    is_staff,
    is_staff_of,
)


def leads(user, event: Event) -> bool:
    """An officer of the member that announced the event (its first organiser)."""
    return bool(event.organisers) and is_staff_of(user, event.organisers[0].member_id)


def organises(user, event: Event) -> bool:
    """Lead or co-organiser."""
    return is_staff(user) and user.member_id in event.member_ids


def _proposer(user, event: Event) -> bool:
    return acts_for_actor(user, event.proposed_by_actor_id)


def own_merged_announcement(user, event: Event) -> int | None:
    """The id of the user's member's announcement merged into ``event``, if any."""
    if not is_staff(user):
        return None
    return next((o.origin_event_id for o in event.organisers
                 if o.member_id == user.member_id and o.origin_event_id), None)


def parts(user, event: Event) -> frozenset[Part]:
    found = set()
    if is_coordinator(user):
        found.add(Part.COORDINATOR)
    if is_staff(user):
        found.add(Part.STAFF)
        if leads(user, event):
            found.add(Part.LEAD)
        target = event.merged_into
        if event.status == EventStatus.MERGED and target is not None \
                and own_merged_announcement(user, target) == event.id:
            found.add(Part.ANNOUNCER)
    if _proposer(user, event):
        found.add(Part.PROPOSER)
    return frozenset(found)


def can_move(user, event: Event, move: str) -> bool:
    """May ``user`` make the workflow ``move`` on ``event`` (its status allowing it)?"""
    return workflow.allowed(workflow.MOVES[move], event.status.value, parts(user, event))


def can_view_event(user, event: Event) -> bool:
    if event.status in LISTED or event.status == EventStatus.MERGED:
        return not event.is_members_only or is_member_staff(user)
    if event.status == EventStatus.DRAFT:
        # As for schemes: a draft is its organisers' (and the coordinator's) only.
        return is_coordinator(user) or organises(user, event)
    # Proposals and declined proposals: their authors and the officers who moderate them.
    return is_member_staff(user) or _proposer(user, event)


def can_create_event(user) -> bool:
    return is_staff(user)


def can_propose_event(user) -> bool:
    """Associations propose; an officer or the coordinator publishes or declines."""
    return is_signed_in(user) and bool(user.actor_id) and not user.is_officer


def can_edit_event(user, event: Event) -> bool:
    """Edit the shared event (title, dates, place, visibility...): its lead or the
    coordinator; an association its own proposal while it waits. A co-organiser that
    joined by a merge edits only its own part (:func:`can_edit_own_part`)."""
    if event.status == EventStatus.MERGED:
        return False
    if is_coordinator(user) or leads(user, event):
        return True
    return _proposer(user, event) and event.status == EventStatus.PROPOSED


def can_edit_own_part(user, event: Event) -> bool:
    """A co-organiser's own registration link on the shared event."""
    return event.status != EventStatus.MERGED and organises(user, event)


def can_manage_event(user, event: Event) -> bool:
    """Cancel or delete: the lead organiser or the coordinator (an association may
    withdraw its own proposal). A co-organiser cannot withdraw the lead's announcement."""
    if event.status == EventStatus.MERGED:
        return False
    if is_coordinator(user) or leads(user, event):
        return True
    return _proposer(user, event) and event.status == EventStatus.PROPOSED


def can_moderate_event(user, event: Event) -> bool:
    return can_move(user, event, "accept")


def can_merge_event(user, source: Event, target: Event) -> bool:
    """The lead of ``source`` (or the coordinator) folds it into another published event
    of the same visibility: a public announcement never disappears into a members-only
    one, and a members-only one never shows its organisers or links to the public."""
    if not can_move(user, source, "merge"):
        return False
    return not workflow.check(workflow.MOVES["merge"], source.status.value,
                              members_only=source.is_members_only, target=merge_target(target),
                              source_id=source.id)


def merge_target(event: Event) -> workflow.MergeTarget:
    return workflow.MergeTarget(event.id, workflow.Status(event.status.value), event.is_members_only)


def can_unmerge_event(user, event: Event) -> bool:
    """The coordinator, or the member whose announcement it was (to take it back)."""
    return event.merged_into is not None and can_move(user, event, "unmerge")
