"""Calls for projects and the co-funders' envelopes."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.actors.models import ActorKind, FundingScheme
from app.calls.domain import call_workflow
from app.core.db import Base, TimestampMixin, utcnow
from app.core.enums import LabelledEnum, enum_type
from app.core.text import slugify
from app.network.models import Member, Territory, Theme


class CallState(LabelledEnum):
    """Mirrors :class:`app.calls.domain.call_workflow.State` (that one knows no models)."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"
    DECIDED = "decided"
    ARCHIVED = "archived"

    @classmethod
    def __labels__(cls):
        return {
            "draft": _l("Brouillon"),
            "published": _l("Publié"),
            "closed": _l("Clos"),
            "decided": _l("Décisions rendues"),
            "archived": _l("Archivé"),
        }


class EnvelopeStatus(LabelledEnum):
    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"

    @classmethod
    def __labels__(cls):
        return {
            "invited": _l("Invitation en attente de réponse"),
            "accepted": _l("Cofinanceur"),
            "declined": _l("Invitation déclinée"),
        }


class Attachment(LabelledEnum):
    """The documents a call may require of applicants (a fixed list)."""

    STATUTS = "statuts"
    BUDGET = "budget_previsionnel"
    RIB = "rib"
    ACTIVITY_REPORT = "rapport_activite"
    PARTNERSHIP = "convention_partenariat"
    OTHER = "autre"

    @classmethod
    def __labels__(cls):
        return {
            "statuts": _l("Statuts de l'association"),
            "budget_previsionnel": _l("Budget prévisionnel du projet"),
            "rib": _l("Relevé d'identité bancaire (RIB)"),
            "rapport_activite": _l("Dernier rapport d'activité"),
            "convention_partenariat": _l("Convention de partenariat avec le partenaire local"),
            "autre": _l("Autre pièce (précisée dans le texte de l'appel)"),
        }


call_themes = sa.Table(
    "call_themes",
    Base.metadata,
    sa.Column("call_id", sa.ForeignKey("calls.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)

call_territories = sa.Table(
    "call_territories",
    Base.metadata,
    sa.Column("call_id", sa.ForeignKey("calls.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("territory_id", sa.ForeignKey("territories.id", ondelete="CASCADE"), primary_key=True,
              index=True),
)


class Call(TimestampMixin, Base):
    """An *appel à projets* led by one member and co-financed by several.

    The eligible beneficiary kinds and the required attachments are small JSON lists of
    codes (of :class:`ActorKind` and :class:`Attachment`): a handful of fixed codes, always
    read with the call and never searched on their own, so an association table would
    only add joins. The service checks every code against its enum before storing it.
    """

    __tablename__ = "calls"
    __table_args__ = (
        sa.CheckConstraint("closes_at > opens_at", name="closes_after_opening"),
        sa.CheckConstraint("min_own_share >= 0 AND min_own_share <= 100", name="min_own_share_range"),
        sa.CheckConstraint("max_public_rate >= 1 AND max_public_rate <= 100", name="max_public_rate_range"),
        sa.Index("ix_calls_listing", "state", "closes_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_member_id: Mapped[int] = mapped_column(sa.ForeignKey("members.id"), index=True)
    title_fr: Mapped[str] = mapped_column(sa.String(200))
    title_en: Mapped[str] = mapped_column(sa.String(200), default="")
    # Sanitised HTML (app.core.text.clean_html), like the schemes' descriptions.
    text_fr: Mapped[str] = mapped_column(sa.Text, default="")
    text_en: Mapped[str] = mapped_column(sa.Text, default="")
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    min_own_share: Mapped[int] = mapped_column(default=0)
    max_public_rate: Mapped[int] = mapped_column(default=80)
    beneficiary_kinds: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    required_attachments: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    anchoring_blocking: Mapped[bool] = mapped_column(default=False)
    scheme_id: Mapped[int | None] = mapped_column(sa.ForeignKey("funding_schemes.id", ondelete="SET NULL"))
    state: Mapped[CallState] = mapped_column(enum_type(CallState), default=CallState.DRAFT)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    lead_member: Mapped[Member] = relationship()
    scheme: Mapped[FundingScheme | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(secondary=call_themes, order_by=Theme.position)
    territories: Mapped[list[Territory]] = relationship(secondary=call_territories, order_by=Territory.name)
    envelopes: Mapped[list[CallEnvelope]] = relationship(
        back_populates="call", cascade="all, delete-orphan", order_by="CallEnvelope.id")
    criteria: Mapped[list[CallCriterion]] = relationship(
        back_populates="call", cascade="all, delete-orphan", order_by="CallCriterion.position")

    def title(self, locale: str = "fr") -> str:
        return (self.title_en if locale == "en" and self.title_en else self.title_fr)

    def text(self, locale: str = "fr") -> str:
        return (self.text_en if locale == "en" and self.text_en else self.text_fr)

    @property
    def name(self) -> str:
        """For the audit trail's label."""
        return self.title_fr

    @property
    def slug(self) -> str:
        return slugify(self.title_fr)

    @property
    def path(self) -> str:
        return f"/appels/{self.id}-{self.slug}"

    def phase(self, now: datetime | None = None) -> call_workflow.Phase:
        return call_workflow.phase(self.state.value, self.opens_at, self.closes_at, now or utcnow())

    @property
    def is_open(self) -> bool:
        return self.phase() == call_workflow.Phase.OPEN

    @property
    def accepted_envelopes(self) -> list[CallEnvelope]:
        return [e for e in self.envelopes if e.status == EnvelopeStatus.ACCEPTED]

    @property
    def member_ids(self) -> set[int]:
        """Every member with an envelope (invited, accepted or declined)."""
        return {e.member_id for e in self.envelopes}

    @property
    def total_cents(self) -> int:
        return sum(e.amount_cents for e in self.accepted_envelopes)

    @property
    def beneficiary_kind_items(self) -> list[ActorKind]:
        return [ActorKind(k) for k in self.beneficiary_kinds or [] if k in ActorKind._value2member_map_]

    @property
    def attachment_items(self) -> list[Attachment]:
        return [Attachment(a) for a in self.required_attachments or []
                if a in Attachment._value2member_map_]

    @property
    def criteria_text(self) -> str:
        """The criteria in one line, for the audit trail."""
        return " | ".join(f"{c.label_fr} ({c.weight})" for c in self.criteria)

    def envelope_of(self, member_id: int | None) -> CallEnvelope | None:
        return next((e for e in self.envelopes if e.member_id == member_id), None)

    def __repr__(self) -> str:
        return f"<Call {self.id} {self.title_fr!r}>"


class CallCriterion(Base):
    """A scoring criterion of a call, with its weight."""

    __tablename__ = "call_criteria"
    __table_args__ = (
        sa.CheckConstraint("weight >= 1 AND weight <= 100", name="weight_range"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(sa.ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    label_fr: Mapped[str] = mapped_column(sa.String(200))
    label_en: Mapped[str] = mapped_column(sa.String(200), default="")
    weight: Mapped[int] = mapped_column(default=1)
    position: Mapped[int] = mapped_column(default=0)

    call: Mapped[Call] = relationship(back_populates="criteria")

    def label(self, locale: str = "fr") -> str:
        return self.label_en if locale == "en" and self.label_en else self.label_fr


class CallEnvelope(TimestampMixin, Base):
    """One participating member's money in a call.

    ``committed_cents`` moves only through :func:`app.calls.services.reserve` and
    :func:`~app.calls.services.release` (one conditional UPDATE each); the CHECK is the
    last guard should any other path try to overspend.
    """

    __tablename__ = "call_envelopes"
    __table_args__ = (
        sa.UniqueConstraint("call_id", "member_id", name="uq_call_envelopes_call_member"),
        sa.CheckConstraint("committed_cents >= 0 AND committed_cents <= amount_cents", name="committed_within_amount"),
        sa.CheckConstraint("amount_cents >= 0", name="amount_not_negative"),
        sa.CheckConstraint("ceiling_cents IS NULL OR (ceiling_cents > 0 AND ceiling_cents <= amount_cents)",
                           name="ceiling_within_amount"),
        sa.CheckConstraint("status != 'accepted' OR amount_cents > 0", name="accepted_has_amount"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(sa.ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("members.id"), index=True)
    status: Mapped[EnvelopeStatus] = mapped_column(enum_type(EnvelopeStatus), default=EnvelopeStatus.INVITED)
    amount_cents: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    ceiling_cents: Mapped[int | None] = mapped_column(sa.BigInteger)
    decision_body: Mapped[str] = mapped_column(sa.String(200), default="")
    committed_cents: Mapped[int] = mapped_column(sa.BigInteger, default=0, server_default="0")
    # The envelope form's edit-conflict check: what the officer started from. Moved by
    # every change of the member's answer, not by commitments (those never conflict).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    call: Mapped[Call] = relationship(back_populates="envelopes")
    member: Mapped[Member] = relationship()

    @property
    def name(self) -> str:
        return f"{self.member.short_name if self.member else ''} — {self.call.title_fr if self.call else ''}"

    @property
    def remaining_cents(self) -> int:
        return self.amount_cents - self.committed_cents


# The applications' models live in their own module (this one stays short); importing it
# here registers them wherever the calls' models are loaded (Alembic, app.models).
from app.calls import models_applications  # noqa: E402, F401
