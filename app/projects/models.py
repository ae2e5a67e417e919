"""The public record of a funded project: one per accepted application of the shared
call, with one funding line per member that granted money.

Kept by :mod:`app.projects.services` from what the calls announce (:mod:`app.core.signals`):
the application is named by its id only (a foreign key by table name), so this package
never imports the calls' models and never reads the dossier's private parts.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.actors.models import Actor
from app.core.db import Base, TimestampMixin
from app.core.text import slugify
from app.network.models import Member, Territory, Theme

project_themes = sa.Table(
    "project_themes",
    Base.metadata,
    sa.Column("project_id", sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)


class Project(TimestampMixin, Base):
    __tablename__ = "projects"
    __table_args__ = (
        sa.Index("ix_projects_listing", "hidden", "decision_year"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"),
                                                unique=True)
    call_id: Mapped[int] = mapped_column(sa.ForeignKey("calls.id"), index=True)
    call_title_fr: Mapped[str] = mapped_column(sa.String(200), default="")
    call_title_en: Mapped[str] = mapped_column(sa.String(200), default="")
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.Text, default="")  # public, plain text
    local_benefits: Mapped[str] = mapped_column(sa.Text, default="")  # in Île-de-France
    partner_territory_id: Mapped[int | None] = mapped_column(sa.ForeignKey("territories.id"), index=True)
    decision_year: Mapped[int | None]
    # A partner's safety may ask to keep the place, or the whole project, off the public pages.
    place_hidden: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    hidden: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Who hid them (the member of the officer or coordinator who did): only that member's
    # officers, or the coordinator, may show them again (app.projects.permissions).
    place_hidden_by_member_id: Mapped[int | None] = mapped_column(sa.ForeignKey("members.id"))
    hidden_by_member_id: Mapped[int | None] = mapped_column(sa.ForeignKey("members.id"))
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    actor: Mapped[Actor] = relationship()
    partner_territory: Mapped[Territory | None] = relationship()
    place_hidden_by: Mapped[Member | None] = relationship(foreign_keys=[place_hidden_by_member_id])
    hidden_by: Mapped[Member | None] = relationship(foreign_keys=[hidden_by_member_id])
    themes: Mapped[list[Theme]] = relationship(secondary=project_themes, order_by=Theme.position)
    fundings: Mapped[list[ProjectFunding]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectFunding.member_id")

    @property
    def name(self) -> str:
        """For the audit trail's label."""
        return self.title

    @property
    def slug(self) -> str:
        return slugify(self.title)

    @property
    def path(self) -> str:
        return f"/projets/{self.id}"

    @property
    def funded(self) -> bool:
        return bool(self.fundings)

    @property
    def public(self) -> bool:
        """Shown to everyone: some money granted, and not hidden by its funders."""
        return self.funded and not self.hidden

    @property
    def public_place(self) -> Territory | None:
        return None if self.place_hidden else self.partner_territory

    @property
    def total_cents(self) -> int:
        return sum(f.amount_cents for f in self.fundings)

    @property
    def funder_ids(self) -> set[int]:
        return {f.member_id for f in self.fundings}

    def call_title(self, locale: str = "fr") -> str:
        return (self.call_title_en or self.call_title_fr) if locale == "en" else self.call_title_fr

    def __repr__(self) -> str:
        return f"<Project {self.id} application={self.application_id}>"


class ProjectFunding(Base):
    """One member's grant to the project, as its deliberation decided it (amount > 0)."""

    __tablename__ = "project_fundings"
    __table_args__ = (
        sa.UniqueConstraint("project_id", "member_id", name="uq_project_fundings_project_member"),
        sa.CheckConstraint("amount_cents > 0", name="amount_positive"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("members.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(sa.BigInteger)
    decision_reference: Mapped[str] = mapped_column(sa.String(200), default="")
    decided_on: Mapped[date | None]
    convention_on: Mapped[date | None]
    payment_terms: Mapped[str | None] = mapped_column(sa.String(32))
    payment_from: Mapped[date | None]
    payment_until: Mapped[date | None]

    project: Mapped[Project] = relationship(back_populates="fundings")
    member: Mapped[Member] = relationship()
