"""The joint agenda: events and trainings of every member, with their co-organisers."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.actors.models import Actor
from app.core.dates import PARIS
from app.core.db import Base, TimestampMixin, utcnow
from app.core.enums import LabelledEnum, enum_type
from app.core.text import slugify
from app.network.models import Member, Territory, Theme


class EventKind(LabelledEnum):
    TRAINING = "formation"
    MEETING = "reunion"
    CONFERENCE = "conference"
    WORKSHOP = "atelier"
    FESTIVAL = "festival"
    SSI = "ssi"
    INTERNATIONAL_DAY = "journee"
    RESTITUTION = "restitution"
    OTHER = "autre"

    @classmethod
    def __labels__(cls):
        return {
            "formation": _l("Formation"),
            "reunion": _l("Réunion"),
            "conference": _l("Conférence, colloque"),
            "atelier": _l("Atelier"),
            "festival": _l("Festival, fête"),
            "ssi": _l("Semaine de la solidarité internationale"),
            "journee": _l("Journée internationale"),
            "restitution": _l("Restitution de projet"),
            "autre": _l("Autre"),
        }

    @property
    def plural(self) -> str:
        """For names of lists and feeds: "Agenda du réseau — formations"."""
        return str({
            "formation": _l("formations"),
            "reunion": _l("réunions"),
            "conference": _l("conférences"),
            "atelier": _l("ateliers"),
            "festival": _l("festivals et fêtes"),
            "ssi": _l("Semaine de la solidarité internationale"),
            "journee": _l("journées internationales"),
            "restitution": _l("restitutions de projets"),
            "autre": _l("autres événements"),
        }[self.value])


class EventStatus(LabelledEnum):
    DRAFT = "draft"
    PROPOSED = "proposed"  # by an association, waiting for an officer
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    DECLINED = "declined"
    MERGED = "merged"  # folded into another event (its twin)

    @classmethod
    def __labels__(cls):
        return {
            "draft": _l("Brouillon"),
            "proposed": _l("Proposé, en attente de validation"),
            "published": _l("Publié"),
            "cancelled": _l("Annulé"),
            "declined": _l("Refusé"),
            "merged": _l("Fusionné avec un doublon"),
        }


class Visibility(LabelledEnum):
    PUBLIC = "public"
    MEMBERS = "members"

    @classmethod
    def __labels__(cls):
        return {"public": _l("Public"), "members": _l("Réservé aux membres du réseau")}


# Statuses shown in the agenda and its feeds: a cancelled or merged event stays in
# feeds (STATUS:CANCELLED) so that calendars which had it remove it.
LISTED = (EventStatus.PUBLISHED, EventStatus.CANCELLED)
IN_FEEDS = (EventStatus.PUBLISHED, EventStatus.CANCELLED, EventStatus.MERGED)

event_themes = sa.Table(
    "event_themes",
    Base.metadata,
    sa.Column("event_id", sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)

event_countries = sa.Table(
    "event_countries",
    Base.metadata,
    sa.Column("event_id", sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("territory_id", sa.ForeignKey("territories.id", ondelete="CASCADE"), primary_key=True,
              index=True),
)


class Event(TimestampMixin, Base):
    __tablename__ = "events"
    __table_args__ = (
        sa.CheckConstraint("ends_at >= starts_at", name="ends_after_start"),
        sa.CheckConstraint("status != 'declined' OR decline_reason IS NOT NULL", name="declined_has_reason"),
        sa.CheckConstraint("(status = 'merged') = (merged_into_id IS NOT NULL)", name="merged_has_target"),
        sa.CheckConstraint("online OR place_name IS NOT NULL OR commune IS NOT NULL", name="has_a_place"),
        sa.CheckConstraint("places_left IS NULL OR places_left >= 0", name="places_left_not_negative"),
        sa.Index("ix_events_listing", "status", "starts_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[EventKind] = mapped_column(enum_type(EventKind), index=True)
    summary: Mapped[str] = mapped_column(sa.String(400), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime] = mapped_column(index=True)
    all_day: Mapped[bool] = mapped_column(default=False)
    online: Mapped[bool] = mapped_column(default=False)
    online_url: Mapped[str | None] = mapped_column(sa.String(300))
    place_name: Mapped[str | None] = mapped_column(sa.String(200))
    address: Mapped[str | None] = mapped_column(sa.String(300))
    commune: Mapped[str | None] = mapped_column(sa.String(120))
    departement_id: Mapped[int | None] = mapped_column(sa.ForeignKey("territories.id"), index=True)
    audience: Mapped[str] = mapped_column(sa.String(300), default="")
    # Places still open, when the organiser knows it (the training plan shows it).
    places_left: Mapped[int | None]
    visibility: Mapped[Visibility] = mapped_column(enum_type(Visibility), default=Visibility.PUBLIC)
    status: Mapped[EventStatus] = mapped_column(enum_type(EventStatus), default=EventStatus.DRAFT)
    decline_reason: Mapped[str | None] = mapped_column(sa.Text)
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id"), index=True)
    # What the event was before a merge, so that undoing the merge gives it back.
    status_before_merge: Mapped[EventStatus | None] = mapped_column(
        enum_type(EventStatus, name="event_status_before_merge"))
    # Grows with every change a calendar should pick up (iCalendar SEQUENCE).
    sequence: Mapped[int] = mapped_column(default=0)
    proposed_by_actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("actors.id"))
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    departement: Mapped[Territory | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(secondary=event_themes, order_by=Theme.position)
    countries: Mapped[list[Territory]] = relationship(secondary=event_countries, order_by=Territory.name)
    organisers: Mapped[list[EventOrganiser]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventOrganiser.position",
        foreign_keys="EventOrganiser.event_id",
    )
    merged_into: Mapped[Event | None] = relationship(remote_side=[id])
    proposed_by: Mapped[Actor | None] = relationship()

    @property
    def slug(self) -> str:
        return slugify(self.title)

    @property
    def path(self) -> str:
        return f"/agenda/{self.id}-{self.slug}"

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(PARIS)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(PARIS)

    @property
    def first_day(self) -> date:
        return self.local_start.date()

    @property
    def last_day(self) -> date:
        return self.local_end.date()

    @property
    def multi_day(self) -> bool:
        return self.last_day > self.first_day

    @property
    def member_ids(self) -> set[int]:
        return {o.member_id for o in self.organisers if o.member_id}

    @property
    def is_members_only(self) -> bool:
        return self.visibility == Visibility.MEMBERS

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.title!r}>"


class EventOrganiser(Base):
    """One co-organiser of an event, a member or an actor, with its own registration link.

    ``origin_event_id`` remembers the event the organiser announced before a merge, so
    that the coordinator can undo the merge.
    """

    __tablename__ = "event_organisers"
    __table_args__ = (
        sa.CheckConstraint("(member_id IS NULL) != (actor_id IS NULL)", name="member_or_actor"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(sa.ForeignKey("members.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("actors.id"), index=True)
    registration_url: Mapped[str | None] = mapped_column(sa.String(300))
    # A co-organiser's own words on a shared event (kept from its announcement when
    # merged, or typed when it joined): the event's page shows every organiser's.
    summary: Mapped[str | None] = mapped_column(sa.String(400))
    audience: Mapped[str | None] = mapped_column(sa.String(300))
    position: Mapped[int] = mapped_column(default=0)
    origin_event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id", ondelete="SET NULL"))

    event: Mapped[Event] = relationship(back_populates="organisers", foreign_keys=[event_id])
    member: Mapped[Member | None] = relationship()
    actor: Mapped[Actor | None] = relationship()

    @property
    def name(self) -> str:
        return self.member.name if self.member else (self.actor.name if self.actor else "")


class NoticeKind(LabelledEnum):
    MERGED = "merged"  # the other member's announcement was folded into this training
    JOINED = "joined"  # the other member joined this training as co-organiser
    KEPT = "kept"  # the other member keeps its own training on a similar topic, and says why

    @classmethod
    def __labels__(cls):
        return {
            "merged": _l("Annonce fusionnée avec votre formation"),
            "joined": _l("Co-organisation de votre formation"),
            "kept": _l("Formation voisine maintenue"),
        }


class OverlapNotice(Base):
    """What a member did about another member's training on a similar topic: the other
    member's officers see it on their dashboard (and get it by mail).

    ``event_id`` is the acting member's training (None when it joined without an
    announcement of its own); ``other_event_id`` the training of the member told.
    """

    __tablename__ = "overlap_notices"
    __table_args__ = (
        sa.CheckConstraint("kind != 'kept' OR reason IS NOT NULL", name="kept_has_reason"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[NoticeKind] = mapped_column(enum_type(NoticeKind))
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    other_event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(sa.ForeignKey("members.id"))
    other_member_id: Mapped[int | None] = mapped_column(sa.ForeignKey("members.id"), index=True)
    reason: Mapped[str | None] = mapped_column(sa.Text)
    # Why the two looked alike: codes of app.agenda.overlap (same_words, same_themes, same_audience).
    likeness: Mapped[str] = mapped_column(sa.String(100), default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now(), index=True)

    event: Mapped[Event | None] = relationship(foreign_keys=[event_id])
    other_event: Mapped[Event] = relationship(foreign_keys=[other_event_id])
    member: Mapped[Member | None] = relationship(foreign_keys=[member_id])
    other_member: Mapped[Member | None] = relationship(foreign_keys=[other_member_id])
