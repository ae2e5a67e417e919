"""Applications to a call (the harmonised dossier, Cerfa 12156), their budget, the share
asked of each member, the members' reviews, the attachments and the submitted revisions.

Named CHECK constraints tie a state to the columns it needs; the rules of the dossier
itself (balanced budget, ceilings, rates) live in :mod:`app.calls.domain` and are checked
at submission, since a draft may hold anything of the right shape.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.actors.models import Actor
from app.auth.models import User
from app.calls.messages import STATE_LABELS
from app.calls.models import Attachment, Call, CallCriterion
from app.core.db import Base, TimestampMixin, utcnow
from app.core.enums import LabelledEnum, enum_type
from app.files.models import StoredFile
from app.network.models import Member, Territory, Theme


class ApplicationState(LabelledEnum):
    """Mirrors :class:`app.calls.domain.application_workflow.State` (that one knows no models)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    NEEDS_CHANGES = "needs_changes"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    DISMISSED = "dismissed"
    WITHDRAWN = "withdrawn"

    @classmethod
    def __labels__(cls):
        return STATE_LABELS


class BudgetSide(LabelledEnum):
    EXPENSE = "expense"
    RESOURCE = "resource"

    @classmethod
    def __labels__(cls):
        return {"expense": _l("Dépense"), "resource": _l("Ressource")}


class ResourceCategory(LabelledEnum):
    """Where a resource line comes from. The own contribution is one figure of the dossier
    (``Application.own_contribution_cents``) and the amounts asked of the call's members
    are shares: neither is a line."""

    OTHER_PUBLIC = "other_public"
    OTHER_PRIVATE = "other_private"

    @classmethod
    def __labels__(cls):
        return {"other_public": _l("Autre financeur public"), "other_private": _l("Financeur privé")}


class PaymentTerms(LabelledEnum):
    UNIQUE = "unique"
    ECHELONNE = "echelonne"
    AUTRE = "autre"

    @classmethod
    def __labels__(cls):
        return {"unique": _l("versement unique"), "echelonne": _l("versement échelonné"),
                "autre": _l("autre")}


class DecidedAs(LabelledEnum):
    OFFICER = "officer"
    COORDINATOR = "coordinator"

    @classmethod
    def __labels__(cls):
        return {"officer": _l("agent de la collectivité"), "coordinator": _l("coordination")}


class PaymentKind(LabelledEnum):
    ADVANCE = "advance"
    BALANCE = "balance"
    OTHER = "other"

    @classmethod
    def __labels__(cls):
        return {"advance": _l("avance"), "balance": _l("solde"), "other": _l("autre versement")}


class Opinion(LabelledEnum):
    FAVOURABLE = "favourable"
    RESERVE = "reserve"
    DEFAVOURABLE = "defavourable"

    @classmethod
    def __labels__(cls):
        return {"favourable": _l("favorable"), "reserve": _l("réservé"),
                "defavourable": _l("défavorable")}


application_themes = sa.Table(
    "application_themes",
    Base.metadata,
    sa.Column("application_id", sa.ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)

# States that no longer hold the actor's place in a call: it may apply again.
RELEASED_STATES = ("withdrawn", "refused")


class Application(TimestampMixin, Base):
    __tablename__ = "applications"
    __table_args__ = (
        # Filed once: every state but a draft (and a draft withdrawn) was submitted at least once.
        sa.CheckConstraint(
            "state IN ('draft', 'withdrawn') OR (submitted_at IS NOT NULL AND revision >= 1)",
            name="submitted_unless_draft"),
        sa.CheckConstraint("revision >= 0", name="revision_not_negative"),
        sa.CheckConstraint("(state = 'withdrawn') = (withdrawn_at IS NOT NULL)", name="withdrawn_at_when_withdrawn"),
        sa.CheckConstraint("state NOT IN ('accepted', 'refused', 'dismissed') OR decided_at IS NOT NULL",
                           name="decided_at_when_decided"),
        sa.CheckConstraint("own_contribution_cents >= 0", name="own_contribution_not_negative"),
        sa.CheckConstraint(
            "francilien_members_percent IS NULL OR "
            "(francilien_members_percent >= 0 AND francilien_members_percent <= 100)",
            name="francilien_members_percent_range"),
        # One live application per actor and call; a withdrawn or refused one frees the place.
        sa.Index("uq_applications_live_per_actor", "call_id", "actor_id", unique=True,
                 postgresql_where=sa.text("state NOT IN ('withdrawn', 'refused')"),
                 sqlite_where=sa.text("state NOT IN ('withdrawn', 'refused')")),
        sa.Index("ix_applications_call_state", "call_id", "state"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(sa.ForeignKey("calls.id"), index=True)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    state: Mapped[ApplicationState] = mapped_column(enum_type(ApplicationState), default=ApplicationState.DRAFT)
    project_title: Mapped[str] = mapped_column(sa.String(200), default="")
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    partner_territory_id: Mapped[int | None] = mapped_column(sa.ForeignKey("territories.id"))
    partner_organisation: Mapped[str] = mapped_column(sa.String(200), default="")
    expected_results: Mapped[str] = mapped_column(sa.Text, default="")
    local_benefits: Mapped[str] = mapped_column(sa.Text, default="")  # in Île-de-France
    own_contribution_cents: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    # The local-anchoring answers (None: not answered).
    head_office_idf: Mapped[bool | None]
    francilien_members_percent: Mapped[int | None]
    awareness_actions: Mapped[str | None] = mapped_column(sa.Text)
    cooperation_agreement: Mapped[bool | None]
    cooperation_reference: Mapped[str] = mapped_column(sa.String(200), default="")
    # The officers' last request for corrections (shown to the applicant).
    correction_message: Mapped[str] = mapped_column(sa.Text, default="")
    submitted_at: Mapped[datetime | None]  # the last submission
    decided_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    revision: Mapped[int] = mapped_column(default=0, server_default="0")  # submissions so far
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    call: Mapped[Call] = relationship()
    actor: Mapped[Actor] = relationship()
    created_by: Mapped[User | None] = relationship()
    partner_territory: Mapped[Territory | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(secondary=application_themes, order_by=Theme.position)
    budget_lines: Mapped[list[BudgetLine]] = relationship(
        back_populates="application", cascade="all, delete-orphan",
        order_by="(BudgetLine.side, BudgetLine.position, BudgetLine.id)")
    shares: Mapped[list[ApplicationShare]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationShare.member_id")
    attachments: Mapped[list[ApplicationAttachment]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationAttachment.id")
    revisions: Mapped[list[ApplicationRevision]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationRevision.number")
    reviews: Mapped[list[Review]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="Review.id")

    @property
    def name(self) -> str:
        """For the audit trail's label."""
        return self.project_title or f"#{self.id}"

    @property
    def expenses(self) -> list[BudgetLine]:
        return [line for line in self.budget_lines if line.side == BudgetSide.EXPENSE]

    @property
    def resources(self) -> list[BudgetLine]:
        return [line for line in self.budget_lines if line.side == BudgetSide.RESOURCE]

    @property
    def current_attachments(self) -> list[ApplicationAttachment]:
        return [a for a in self.attachments if a.replaced_at is None]

    def share_of(self, member_id: int | None) -> ApplicationShare | None:
        return next((s for s in self.shares if s.member_id == member_id), None)

    @property
    def asked_cents(self) -> int:
        return sum(s.asked_cents for s in self.shares)

    @property
    def budget_text(self) -> str:
        """The budget in one line, for the audit trail."""
        return " | ".join(f"{line.side.value}:{line.category.value if line.category else ''}:"
                          f"{line.label}:{line.amount_cents}" for line in self.budget_lines)

    @property
    def requests_text(self) -> str:
        """The amounts asked, for the audit trail."""
        return " | ".join(f"{share.member_id}:{share.asked_cents}" for share in self.shares)

    def __repr__(self) -> str:
        return f"<Application {self.id} {self.state} call={self.call_id} actor={self.actor_id}>"


class BudgetLine(Base):
    """An expense line, or a resource line from another funder."""

    __tablename__ = "budget_lines"
    __table_args__ = (
        sa.CheckConstraint("amount_cents > 0", name="amount_positive"),
        sa.CheckConstraint("(side = 'resource') = (category IS NOT NULL)", name="category_for_resources"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    side: Mapped[BudgetSide] = mapped_column(enum_type(BudgetSide))
    category: Mapped[ResourceCategory | None] = mapped_column(enum_type(ResourceCategory))
    label: Mapped[str] = mapped_column(sa.String(200))
    amount_cents: Mapped[int] = mapped_column(sa.BigInteger)
    position: Mapped[int] = mapped_column(default=0)

    application: Mapped[Application] = relationship(back_populates="budget_lines")

    @property
    def public(self) -> bool:
        return self.category == ResourceCategory.OTHER_PUBLIC


class ApplicationShare(TimestampMixin, Base):
    """One member's part of an application: asked, then granted (NULL: undecided, 0: refused),
    with the deliberation, the convention and the payment terms; then the payments."""

    __tablename__ = "application_shares"
    __table_args__ = (
        sa.UniqueConstraint("application_id", "member_id", name="uq_application_shares_application_member"),
        sa.CheckConstraint("asked_cents > 0", name="asked_positive"),
        sa.CheckConstraint("granted_cents IS NULL OR (granted_cents >= 0 AND granted_cents <= asked_cents)",
                           name="granted_within_asked"),
        sa.CheckConstraint("(granted_cents IS NULL) = (decided_at IS NULL)", name="decided_at_when_decided"),
        sa.CheckConstraint("(granted_cents IS NULL) = (decided_as IS NULL)", name="decided_as_when_decided"),
        sa.CheckConstraint("payment_from IS NULL OR payment_until IS NULL OR payment_until >= payment_from",
                           name="payment_period_order"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("members.id"), index=True)
    asked_cents: Mapped[int] = mapped_column(sa.BigInteger)
    granted_cents: Mapped[int | None] = mapped_column(sa.BigInteger)
    refusal_reason: Mapped[str] = mapped_column(sa.Text, default="")
    decision_reference: Mapped[str] = mapped_column(sa.String(200), default="")
    decided_on: Mapped[date | None]
    convention_on: Mapped[date | None]
    payment_terms: Mapped[PaymentTerms | None] = mapped_column(enum_type(PaymentTerms))
    payment_from: Mapped[date | None]
    payment_until: Mapped[date | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_as: Mapped[DecidedAs | None] = mapped_column(enum_type(DecidedAs))
    decided_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    application: Mapped[Application] = relationship(back_populates="shares")
    member: Mapped[Member] = relationship()
    decided_by: Mapped[User | None] = relationship()
    payments: Mapped[list[SharePayment]] = relationship(
        back_populates="share", cascade="all, delete-orphan", order_by="(SharePayment.paid_on, SharePayment.id)")

    @property
    def name(self) -> str:
        return f"{self.member.short_name if self.member else ''} — {self.application.name if self.application else ''}"

    @property
    def decided(self) -> bool:
        return self.granted_cents is not None

    @property
    def paid_cents(self) -> int:
        return sum(p.amount_cents for p in self.payments)


class SharePayment(Base):
    __tablename__ = "share_payments"
    __table_args__ = (
        sa.CheckConstraint("amount_cents > 0", name="amount_positive"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    share_id: Mapped[int] = mapped_column(sa.ForeignKey("application_shares.id", ondelete="CASCADE"), index=True)
    amount_cents: Mapped[int] = mapped_column(sa.BigInteger)
    paid_on: Mapped[date]
    kind: Mapped[PaymentKind] = mapped_column(enum_type(PaymentKind))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    share: Mapped[ApplicationShare] = relationship(back_populates="payments")


class Review(TimestampMixin, Base):
    """One officer's review of an application for its member: a score (0..5) per criterion
    of the call, ``{"<criterion id>": score}``, an opinion and a comment."""

    __tablename__ = "reviews"
    __table_args__ = (
        sa.UniqueConstraint("application_id", "reviewer_id", name="uq_reviews_application_reviewer"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("members.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    scores: Mapped[dict[str, int]] = mapped_column(sa.JSON, default=dict)
    # The scores' mean weighted by the call's criteria (out of 5), None when nothing is
    # scored: computed on every save (below), so that the instruction list sorts by score
    # in SQL on either database (JSON is aggregated differently by SQLite and PostgreSQL).
    total_score: Mapped[float | None] = mapped_column(sa.Float)
    opinion: Mapped[Opinion | None] = mapped_column(enum_type(Opinion))
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    application: Mapped[Application] = relationship(back_populates="reviews")
    member: Mapped[Member] = relationship()
    reviewer: Mapped[User] = relationship()


def weighted_score(scores: dict | None, weights: dict[str, int]) -> float | None:
    """The mean of ``scores`` (criterion id -> 0..5) weighted by the criteria's weights;
    scores of criteria the call no longer has are ignored; None when nothing is scored."""
    total = weight = 0
    for key, score in (scores or {}).items():
        if key in weights and score is not None:
            total += score * weights[key]
            weight += weights[key]
    return total / weight if weight else None


def criteria_weights(connection, application_id: int) -> dict[str, int]:
    """The weights of the criteria of an application's call, by criterion id."""
    rows = connection.execute(
        sa.select(CallCriterion.id, CallCriterion.weight)
        .join(Application, Application.call_id == CallCriterion.call_id)
        .where(Application.id == application_id)).all()
    return {str(criterion_id): weight for criterion_id, weight in rows}


@sa.event.listens_for(Review, "before_insert")
@sa.event.listens_for(Review, "before_update")
def _compute_total_score(_mapper, connection, review: Review) -> None:
    application_id = review.application_id if review.application_id is not None else review.application.id
    review.total_score = weighted_score(review.scores, criteria_weights(connection, application_id))


class ApplicationAttachment(Base):
    """A file of the dossier for one kind the call requires (or "autre"). Replacing it keeps
    the earlier row (``replaced_at`` set) so that a submitted revision still names its file."""

    __tablename__ = "application_attachments"
    __table_args__ = (
        sa.Index("uq_application_attachments_current", "application_id", "kind", unique=True,
                 postgresql_where=sa.text("replaced_at IS NULL"),
                 sqlite_where=sa.text("replaced_at IS NULL")),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    kind: Mapped[Attachment] = mapped_column(enum_type(Attachment, "application_attachment_kind"))
    stored_file_id: Mapped[int] = mapped_column(sa.ForeignKey("stored_files.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    replaced_at: Mapped[datetime | None]

    application: Mapped[Application] = relationship(back_populates="attachments")
    stored_file: Mapped[StoredFile] = relationship()


class ApplicationRevision(Base):
    """The dossier as submitted the ``number``-th time, whole (fields, budget, shares,
    attachment ids), so that a resubmission keeps the earlier version readable."""

    __tablename__ = "application_revisions"
    __table_args__ = (
        sa.UniqueConstraint("application_id", "number", name="uq_application_revisions_application_number"),
        sa.CheckConstraint("number >= 1", name="number_positive"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    submitted_at: Mapped[datetime]
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    snapshot: Mapped[dict] = mapped_column(sa.JSON)

    application: Mapped[Application] = relationship(back_populates="revisions")
