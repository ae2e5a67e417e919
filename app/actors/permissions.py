"""Who may do what in the directory: actors and funding schemes."""

from __future__ import annotations

from app.actors.models import Actor, FundingScheme
from app.auth.permissions import (
    is_coordinator,
    is_member_staff,
    is_signed_in,
    is_staff,
    is_staff_of,
)
from app.network.models import Member


def can_create_scheme(user) -> bool:
    return is_staff(user)


def can_edit_scheme(user, scheme: FundingScheme) -> bool:
    return is_coordinator(user) or is_staff_of(user, scheme.funder_member_id)


def can_fund_as(user, member: Member | None) -> bool:
    """May ``user`` publish a scheme in the name of ``member`` (None: an outside funder)?"""
    return is_coordinator(user) or (member is not None and is_staff_of(user, member.id))


def can_view_scheme(user, scheme: FundingScheme) -> bool:
    return scheme.is_published or can_edit_scheme(user, scheme)


def can_edit_actor(user, actor: Actor) -> bool:
    if not is_signed_in(user):
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
