"""Who gets the mails one may choose to receive (the account page's preferences)."""

from __future__ import annotations

import sqlalchemy as sa

from app.auth.models import NOTIFICATIONS, Role, User
from app.extensions import db


def subscribers(preference: str) -> list[User]:
    """Active accounts that ticked ``preference`` and can read their mail: a password
    chosen (an invitation not yet accepted is not an account yet) and, for people who
    signed up, an address they confirmed (staff addresses come from their invitation)."""
    if preference not in NOTIFICATIONS:
        raise ValueError(f"unknown mail preference {preference!r}")
    return list(db.session.scalars(sa.select(User).where(
        getattr(User, preference).is_(True), User.active.is_(True), User.password_hash.is_not(None),
        sa.or_(User.email_confirmed_at.is_not(None), User.role.in_([Role.OFFICER, Role.COORDINATOR])),
    ).order_by(User.id)))
