"""User accounts and roles."""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.core.db import Base, TimestampMixin
from app.core.enums import LabelledEnum, enum_type

if TYPE_CHECKING:  # accounts belong to a member or an actor; auth imports no feature
    from app.actors.models import Actor
    from app.network.models import Member


class Role(LabelledEnum):
    # Signed up, address confirmed or not, attached to no actor yet: it may ask to be
    # attached (app.accounts) and has no other right than a visitor's.
    REGISTRANT = "registrant"
    APPLICANT = "applicant"
    OFFICER = "officer"
    COORDINATOR = "coordinator"

    @classmethod
    def __labels__(cls):
        return {
            "registrant": _l("Personne inscrite, sans acteur rattaché"),
            "applicant": _l("Porteur de projet (compte d'un acteur)"),
            "officer": _l("Agent d'une collectivité membre"),
            "coordinator": _l("Coordination du réseau (Région)"),
        }


LANGUAGES = ("fr", "en")
# The mails one may choose to receive (account page), as User column names.
NOTIFICATIONS = ("notify_new_schemes", "notify_new_calls", "notify_agenda_digest",
                 "notify_application_alerts")


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, TimestampMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint("role != 'applicant' OR actor_id IS NOT NULL", name="applicant_has_actor"),
        sa.CheckConstraint("role IN ('applicant', 'registrant') OR member_id IS NOT NULL",
                           name="staff_has_member"),
        sa.CheckConstraint("role != 'registrant' OR (actor_id IS NULL AND member_id IS NULL)",
                           name="registrant_belongs_to_nobody"),
        sa.CheckConstraint("language IN ('fr', 'en')", name="language_known"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    # None until the person chooses one (an invitation not yet accepted).
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    name: Mapped[str] = mapped_column(sa.String(120))
    role: Mapped[Role] = mapped_column(enum_type(Role))
    member_id: Mapped[int | None] = mapped_column(sa.ForeignKey("members.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("actors.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None]
    # Part of the identifier kept in session and remember-me cookies: replacing it ends
    # every session of the account on the server's side (sign-out, new password).
    session_token: Mapped[str] = mapped_column(sa.String(64), default=new_session_token)
    language: Mapped[str] = mapped_column(sa.String(2), default="fr", server_default="fr")
    # Set when the person proved the address is theirs (a link of a mail it received).
    email_confirmed_at: Mapped[datetime | None]
    invited_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # Mails one chose to receive: news are opt-in, alerts about one's own applications opt-out.
    notify_new_schemes: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    notify_new_calls: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    notify_agenda_digest: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    notify_application_alerts: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    member: Mapped[Member | None] = relationship("Member")
    actor: Mapped[Actor | None] = relationship("Actor")
    invited_by: Mapped[User | None] = relationship("User", remote_side=[id])

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and remember-me cookies."""
        return f"{self.id}:{self.session_token}"

    def matches_session_id(self, session_id: str) -> bool:
        _, _, token = session_id.partition(":")
        return bool(self.session_token) and hmac.compare_digest(
            token.encode(), self.session_token.encode())

    def end_sessions(self) -> None:
        """Make every session and remember-me cookie of this account worthless."""
        self.session_token = new_session_token()

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)  # scrypt
        self.end_sessions()

    def check_password(self, password: str) -> bool:
        return self.password_hash is not None and check_password_hash(self.password_hash, password)

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def is_registrant(self) -> bool:
        return self.role == Role.REGISTRANT

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_officer(self) -> bool:
        """Staff of a member collectivité (the coordinator's accounts included)."""
        return self.role in (Role.OFFICER, Role.COORDINATOR)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
