"""Who may manage accounts: plain functions of (user, object) -> bool.

- The coordinator manages every account, invites for every active member, decides the
  requests to act for an actor.
- An officer invites colleagues for its own member only.
- An actor's account invites colleagues to that actor only.
- A registrant (signed up, attached to no actor) may ask to be attached, and nothing
  more: every other right of the portal answers False for it.
"""

from __future__ import annotations

from app.auth.models import Role, User
from app.auth.permissions import acts_for_actor, is_coordinator, is_signed_in, is_staff, is_staff_of


def can_manage_users(user) -> bool:
    return is_coordinator(user)


def can_invite_staff(user) -> bool:
    """Reach the invitation page at all (for one's own member, or any for the coordinator)."""
    return is_staff(user)


def can_invite_for_member(user, member) -> bool:
    return member is not None and (is_coordinator(user) or is_staff_of(user, member.id))


def can_invite_as(user, role: Role) -> bool:
    """Officers invite officers; the coordinator invites officers and coordinators."""
    return (role == Role.OFFICER and is_staff(user)) or (role == Role.COORDINATOR and is_coordinator(user))


def can_manage_actor_accounts(user, actor) -> bool:
    """See an actor's accounts and invite colleagues: its own accounts, the coordinator."""
    return is_coordinator(user) or (
        acts_for_actor(user, actor.id) and user.role == Role.APPLICANT)


def can_change_member(user, target: User) -> bool:
    return is_coordinator(user) and target.role == Role.OFFICER


def can_set_active(user, target: User) -> bool:
    return is_coordinator(user) and target.id != user.id


def can_claim(user) -> bool:
    """Ask to act for an actor (or to create one): a signed-up person not attached yet."""
    return is_signed_in(user) and user.role == Role.REGISTRANT


def can_moderate_claims(user) -> bool:
    return is_coordinator(user)
