"""Roles and the checks every feature builds on: who is staff, who coordinates, ``require``.

Each feature keeps its own rights in its ``permissions.py`` (plain functions of
(user, object) -> bool); this module imports no feature. ``user`` may be Flask-Login's
anonymous user: every check reads ``is_authenticated``.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user


def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.active)


def is_staff(user) -> bool:
    """An officer of a member collectivité, or the coordinator."""
    return is_signed_in(user) and user.is_officer


def is_coordinator(user) -> bool:
    return is_staff(user) and user.is_coordinator


def is_member_staff(user) -> bool:
    """Officers of a member and the coordinator: they see members-only content."""
    return is_staff(user)


def is_staff_of(user, member_id: int | None) -> bool:
    """An officer of that member (the coordinator is not, unless it is its own member)."""
    return is_staff(user) and member_id is not None and user.member_id == member_id


def acts_for_actor(user, actor_id: int | None) -> bool:
    """A signed-in account of that actor (an association's staff)."""
    return is_signed_in(user) and actor_id is not None and user.actor_id == actor_id


def can_view_audit(user) -> bool:
    return is_staff(user)


def require(allowed: bool) -> None:
    """403 for a signed-in user, the login page for an anonymous one."""
    if allowed:
        return
    if not current_user.is_authenticated:
        from app.extensions import login_manager

        abort(login_manager.unauthorized())
    abort(403)
