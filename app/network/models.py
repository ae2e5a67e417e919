"""The network: its members, the territories on both sides of the cooperation, themes,
and the members' partnerships abroad."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import Base, TimestampMixin
from app.core.enums import LabelledEnum, enum_type
from app.core.text import slugify
from app.network.codes import IDF_DEPARTEMENTS, REGION_CODE  # noqa: F401  (part of the models' vocabulary)


class MemberKind(LabelledEnum):
    REGION = "region"
    DEPARTEMENT = "departement"
    COMMUNE = "commune"
    EPCI = "epci"

    @classmethod
    def __labels__(cls):
        return {
            "region": _l("Région"),
            "departement": _l("Département"),
            "commune": _l("Commune"),
            "epci": _l("Intercommunalité (EPCI)"),
        }


class MemberStatus(LabelledEnum):
    ACTIVE = "active"
    CANDIDATE = "candidate"
    LEFT = "left"

    @classmethod
    def __labels__(cls):
        return {
            "active": _l("Membre"),
            "candidate": _l("Adhésion en cours"),
            "left": _l("Ancien membre"),
        }


class TerritoryKind(LabelledEnum):
    COUNTRY = "country"
    REGION = "region"
    DEPARTEMENT = "departement"
    COMMUNE = "commune"
    PARTNER_REGION = "partner_region"
    PARTNER_CITY = "partner_city"

    @classmethod
    def __labels__(cls):
        return {
            "country": _l("Pays"),
            "region": _l("Région"),
            "departement": _l("Département"),
            "commune": _l("Commune"),
            "partner_region": _l("Région ou province partenaire"),
            "partner_city": _l("Ville ou collectivité partenaire"),
        }


class Territory(Base):
    """A place on either side of the cooperation, nested through ``parent``.

    French side: France > Île-de-France > départements > communes. Partner side:
    a country (ISO 3166-1 alpha-2 code) > its regions and cities.
    """

    __tablename__ = "territories"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    kind: Mapped[TerritoryKind] = mapped_column(enum_type(TerritoryKind))
    name: Mapped[str] = mapped_column(sa.String(200))
    name_en: Mapped[str | None] = mapped_column(sa.String(200))
    country_code: Mapped[str] = mapped_column(sa.String(2), index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("territories.id"), index=True)
    seat: Mapped[str | None] = mapped_column(sa.String(200))
    description: Mapped[str | None] = mapped_column(sa.Text)

    parent: Mapped[Territory | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Territory]] = relationship(
        back_populates="parent", order_by="Territory.name"
    )

    @property
    def is_french(self) -> bool:
        return self.country_code == "FR"

    def label(self, locale: str = "fr") -> str:
        return (self.name_en or self.name) if locale == "en" else self.name

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def path(self) -> str:
        return f"/territoires/{self.code}"

    def __repr__(self) -> str:
        return f"<Territory {self.code}>"


class Theme(Base):
    __tablename__ = "themes"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)
    label: Mapped[str] = mapped_column(sa.String(120))
    label_en: Mapped[str] = mapped_column(sa.String(120))
    position: Mapped[int] = mapped_column(default=0)

    def label_for(self, locale: str = "fr") -> str:
        return self.label_en if locale == "en" else self.label

    def __repr__(self) -> str:
        return f"<Theme {self.slug}>"


class Member(TimestampMixin, Base):
    """A collectivité of the network. The Région is the coordinator."""

    __tablename__ = "members"
    __table_args__ = (
        sa.CheckConstraint(
            "status != 'left' OR left_on IS NOT NULL", name="left_on_when_left"
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(10), unique=True)
    kind: Mapped[MemberKind] = mapped_column(enum_type(MemberKind))
    name: Mapped[str] = mapped_column(sa.String(200))
    short_name: Mapped[str] = mapped_column(sa.String(80))
    seat: Mapped[str | None] = mapped_column(sa.String(200))
    territory_id: Mapped[int | None] = mapped_column(sa.ForeignKey("territories.id"))
    status: Mapped[MemberStatus] = mapped_column(
        enum_type(MemberStatus), default=MemberStatus.ACTIVE
    )
    is_coordinator: Mapped[bool] = mapped_column(default=False)
    joined_on: Mapped[date | None]
    left_on: Mapped[date | None]
    deliberation_ref: Mapped[str | None] = mapped_column(sa.String(200))
    # The collectivité's SIRET (14 digits): its ``idAttribuant`` in the open data of its
    # grants (SCDL « Subventions »). Empty until someone who knows it types it in.
    siret: Mapped[str | None] = mapped_column(sa.String(14))
    website: Mapped[str | None] = mapped_column(sa.String(300))
    description: Mapped[str | None] = mapped_column(sa.Text)

    territory: Mapped[Territory | None] = relationship()
    partnerships: Mapped[list[Partnership]] = relationship(
        back_populates="member", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Member {self.code}>"


class PartnershipKind(LabelledEnum):
    DECENTRALISED = "decentralised"
    TWINNING = "twinning"
    PROGRAMME = "programme"
    ECONOMIC = "economic"

    @classmethod
    def __labels__(cls):
        return {
            "decentralised": _l("Coopération décentralisée"),
            "twinning": _l("Jumelage"),
            "programme": _l("Programme ou projet partagé"),
            "economic": _l("Partenariat économique"),
        }


class Partnership(Base):
    """A member's cooperation with a partner territory abroad."""

    __tablename__ = "partnerships"
    __table_args__ = (sa.UniqueConstraint("member_id", "territory_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("members.id", ondelete="CASCADE"))
    territory_id: Mapped[int] = mapped_column(sa.ForeignKey("territories.id"), index=True)
    kind: Mapped[PartnershipKind] = mapped_column(
        enum_type(PartnershipKind), default=PartnershipKind.DECENTRALISED
    )
    since_year: Mapped[int | None]
    dormant: Mapped[bool] = mapped_column(default=False)
    summary: Mapped[str | None] = mapped_column(sa.Text)

    member: Mapped[Member] = relationship(back_populates="partnerships")
    territory: Mapped[Territory] = relationship()
