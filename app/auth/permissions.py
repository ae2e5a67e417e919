"""Who may do what: plain functions of (user, object) -> bool, for views, templates and services.

``user`` may be Flask-Login's anonymous user: every check reads ``is_authenticated``.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from app.actors.models import Actor, FundingScheme
from app.agenda.models import LISTED, EventStatus
from app.network.models import Member


def _staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_officer and user.active)


def is_coordinator(user) -> bool:
    return _staff(user) and user.is_coordinator


def is_member_staff(user) -> bool:
    """Officers of a member and the coordinator: they see members-only content."""
    return _staff(user)


def can_create_scheme(user) -> bool:
    return _staff(user)


def can_edit_scheme(user, scheme: FundingScheme) -> bool:
    if not _staff(user):
        return False
    return user.is_coordinator or (
        scheme.funder_member_id is not None and scheme.funder_member_id == user.member_id
    )


def can_fund_as(user, member: Member | None) -> bool:
    """May ``user`` publish a scheme in the name of ``member`` (None: an outside funder)?"""
    if not _staff(user):
        return False
    if user.is_coordinator:
        return True
    return member is not None and member.id == user.member_id


def can_view_scheme(user, scheme: FundingScheme) -> bool:
    return scheme.is_published or can_edit_scheme(user, scheme)


def can_edit_actor(user, actor: Actor) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.active:
        return False
    if user.is_officer:
        return user.is_coordinator
    return user.actor_id == actor.id


def can_moderate_actor(user) -> bool:
    return is_coordinator(user)


def can_view_actor(user, actor: Actor) -> bool:
    return actor.published or can_edit_actor(user, actor)


def can_see_actor_contact(user, actor: Actor) -> bool:
    """RGPD: contacts are public only when the actor chose so; staff and the owner see them."""
    return actor.contact_public or is_member_staff(user) or can_edit_actor(user, actor)


def can_view_audit(user) -> bool:
    return _staff(user)


def require(allowed: bool) -> None:
    """403 for a signed-in user, the login page for an anonymous one."""
    if allowed:
        return
    if not current_user.is_authenticated:
        from app.extensions import login_manager

        abort(login_manager.unauthorized())
    abort(403)


# -- agenda -------------------------------------------------------------------------


def _organises(user, event) -> bool:
    return _staff(user) and user.member_id in event.member_ids


def _proposer(user, event) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.active and user.actor_id
                and event.proposed_by_actor_id == user.actor_id)


def can_view_event(user, event) -> bool:
    if event.status in LISTED or event.status == EventStatus.MERGED:
        return not event.is_members_only or is_member_staff(user)
    # Drafts, proposals and declined proposals: their authors and the officers.
    return is_member_staff(user) or _proposer(user, event)


def can_create_event(user) -> bool:
    return _staff(user)


def can_propose_event(user) -> bool:
    """Associations propose; an officer or the coordinator publishes or declines."""
    return bool(getattr(user, "is_authenticated", False) and user.active and user.actor_id
                and not user.is_officer)


def can_edit_event(user, event) -> bool:
    if event.status == EventStatus.MERGED:
        return False
    if is_coordinator(user) or _organises(user, event):
        return True
    return _proposer(user, event) and event.status == EventStatus.PROPOSED


def _leads(user, event) -> bool:
    """The first organiser announced the event; co-organisers joined it by a merge."""
    return _staff(user) and bool(event.organisers) and event.organisers[0].member_id == user.member_id


def can_manage_event(user, event) -> bool:
    """Publish, unpublish, cancel or delete: the lead organiser or the coordinator.

    A co-organiser edits the shared event and its own registration link, but cannot
    withdraw the announcement of the member who made it.
    """
    if event.status == EventStatus.MERGED:
        return False
    if is_coordinator(user) or _leads(user, event):
        return True
    return _proposer(user, event) and event.status == EventStatus.PROPOSED


def can_moderate_event(user, event) -> bool:
    return _staff(user) and event.status == EventStatus.PROPOSED


def can_merge_event(user, source, target) -> bool:
    """An officer folds their own announcement into another member's; the coordinator any.

    The kept event must be published, and a public announcement never disappears into
    a members-only one.
    """
    if source.id == target.id or target.status != EventStatus.PUBLISHED or source.status == EventStatus.MERGED:
        return False
    if target.is_members_only and not source.is_members_only:
        return False
    return is_coordinator(user) or _organises(user, source)


def can_unmerge_event(user, event) -> bool:
    """The coordinator, or the member whose announcement it was (to withdraw from the kept event)."""
    if event.status != EventStatus.MERGED or event.merged_into is None:
        return False
    return is_coordinator(user) or own_merged_announcement(user, event.merged_into) == event.id


def own_merged_announcement(user, event) -> int | None:
    """The id of the user's member's announcement merged into ``event``, if any."""
    if not _staff(user):
        return None
    return next((o.origin_event_id for o in event.organisers
                 if o.member_id == user.member_id and o.origin_event_id), None)
