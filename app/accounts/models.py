"""Links sent by mail (single-use tokens) and requests to be attached to an actor."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.actors.models import Actor
from app.auth.models import User
from app.core.db import Base, TimestampMixin, utcnow
from app.core.enums import LabelledEnum, enum_type


class TokenPurpose(LabelledEnum):
    INVITATION = "invitation"
    SIGNUP = "signup"
    RESET = "reset"
    EMAIL_CHANGE = "email_change"
    CLAIM = "claim"

    @classmethod
    def __labels__(cls):
        return {
            "invitation": _l("Invitation"),
            "signup": _l("Confirmation de l'adresse"),
            "reset": _l("Nouveau mot de passe"),
            "email_change": _l("Changement d'adresse"),
            "claim": _l("Confirmation d'un rattachement"),
        }


class AccountToken(Base):
    """One link sent by mail. Only a hash of its secret is kept: a copy of the database
    opens no account. Used once (``used_at``), dead after ``expires_at``."""

    __tablename__ = "account_tokens"
    __table_args__ = (
        sa.CheckConstraint("purpose != 'email_change' OR email IS NOT NULL", name="email_change_has_email"),
        sa.CheckConstraint("purpose != 'claim' OR claim_id IS NOT NULL", name="claim_has_claim"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[TokenPurpose] = mapped_column(enum_type(TokenPurpose))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("actor_claims.id", ondelete="CASCADE"), index=True)
    # The address the link was sent to when it is not the account's (a new address).
    email: Mapped[str | None] = mapped_column(sa.String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
    claim: Mapped[ActorClaim | None] = relationship()


class ClaimKind(LabelledEnum):
    CLAIM = "claim"  # an actor of the directory
    CREATION = "creation"  # a new actor, unpublished until approved

    @classmethod
    def __labels__(cls):
        return {
            "claim": _l("Rattachement à une fiche existante"),
            "creation": _l("Création d'une nouvelle fiche"),
        }


class ClaimStatus(LabelledEnum):
    """The states of :class:`app.accounts.workflow.ClaimState`, with their words."""

    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    CONFIRMED = "confirmed"

    @classmethod
    def __labels__(cls):
        return {
            "pending": _l("En attente"),
            "approved": _l("Acceptée par la coordination"),
            "refused": _l("Refusée"),
            "confirmed": _l("Confirmée par l'acteur"),
        }


class ActorClaim(TimestampMixin, Base):
    """A person's request to act for an actor: one of the directory, or a new one."""

    __tablename__ = "actor_claims"
    __table_args__ = (
        sa.CheckConstraint("(state = 'pending') = (decided_at IS NULL)", name="decided_at_when_decided"),
        sa.CheckConstraint("state != 'refused' OR reason IS NOT NULL", name="refusal_has_reason"),
        sa.CheckConstraint("state = 'refused' OR actor_id IS NOT NULL", name="has_actor_unless_refused"),
        # One request at a time per person and per actor (a double click, two tabs).
        sa.Index("ix_actor_claims_pending_user", "user_id", unique=True,
                 sqlite_where=sa.text("state = 'pending'"), postgresql_where=sa.text("state = 'pending'")),
        sa.Index("ix_actor_claims_pending_actor", "actor_id", unique=True,
                 sqlite_where=sa.text("state = 'pending'"), postgresql_where=sa.text("state = 'pending'")),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # A refused new actor is deleted: its name stays here.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("actors.id", ondelete="SET NULL"), index=True)
    actor_name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[ClaimKind] = mapped_column(enum_type(ClaimKind))
    state: Mapped[ClaimStatus] = mapped_column(enum_type(ClaimStatus, "claim_state"),
                                               default=ClaimStatus.PENDING, index=True)
    message: Mapped[str] = mapped_column(sa.Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(sa.Text)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    actor: Mapped[Actor | None] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def name(self) -> str:  # the audit trail's label
        return self.actor_name

    @property
    def is_pending(self) -> bool:
        return self.state == ClaimStatus.PENDING


class SavedSearch(TimestampMixin, Base):
    """The finder's answers an account saved under a name (the query string of
    ``/dispositifs``): listed on its account page; a new scheme that fits them is mailed."""

    __tablename__ = "saved_searches"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    query: Mapped[str] = mapped_column(sa.String(1000))

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<SavedSearch {self.id} {self.name!r}>"
