"""The directory: members of the network, territories, themes, actors and funding schemes."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, TimestampMixin
from app.enums import LabelledEnum, enum_type
from app.text import slugify

IDF_DEPARTEMENTS = ("75", "77", "78", "91", "92", "93", "94", "95")
REGION_CODE = "IDF"


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


class ActorKind(LabelledEnum):
    ASSOCIATION = "association"
    OSIM = "osim"
    COLLECTIVITE = "collectivite"
    CENTRE_RESSOURCES = "centre_ressources"
    RESEAU = "reseau"
    ENSEIGNEMENT = "enseignement"
    ENTREPRISE = "entreprise"
    AUTRE = "autre"

    @classmethod
    def __labels__(cls):
        return {
            "association": _l("Association"),
            "osim": _l("OSIM (organisation de solidarité issue des migrations)"),
            "collectivite": _l("Collectivité territoriale"),
            "centre_ressources": _l("Centre de ressources"),
            "reseau": _l("Réseau"),
            "enseignement": _l("Établissement d'enseignement ou de recherche"),
            "entreprise": _l("Entreprise"),
            "autre": _l("Autre"),
        }


class Beneficiary(LabelledEnum):
    """Who may receive a scheme's support ("which schemes fit me?")."""

    ASSOCIATION = "association"
    COLLECTIVITE = "collectivite"
    ENSEIGNEMENT = "enseignement"
    ETUDIANT = "etudiant"
    JEUNE = "jeune"
    APPRENTI = "apprenti"
    ENTREPRISE = "entreprise"

    @classmethod
    def __labels__(cls):
        return {
            "association": _l("Association"),
            "collectivite": _l("Collectivité ou établissement public"),
            "enseignement": _l("Établissement scolaire ou universitaire"),
            "etudiant": _l("Étudiant ou étudiante"),
            "jeune": _l("Jeune (à titre individuel)"),
            "apprenti": _l("Apprenti ou jeune en insertion"),
            "entreprise": _l("Entreprise"),
        }


class Recurrence(LabelledEnum):
    PERMANENT = "permanent"
    ANNUAL = "annual"
    ONE_OFF = "one_off"

    @classmethod
    def __labels__(cls):
        return {
            "permanent": _l("Permanent"),
            "annual": _l("Annuel"),
            "one_off": _l("Ponctuel"),
        }


class PublicationStatus(LabelledEnum):
    DRAFT = "draft"
    PUBLISHED = "published"

    @classmethod
    def __labels__(cls):
        return {"draft": _l("Brouillon"), "published": _l("Publié")}


actor_themes = sa.Table(
    "actor_themes",
    Base.metadata,
    sa.Column("actor_id", sa.ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)

actor_territories = sa.Table(
    "actor_territories",
    Base.metadata,
    sa.Column("actor_id", sa.ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "territory_id", sa.ForeignKey("territories.id", ondelete="CASCADE"), primary_key=True,
        index=True,
    ),
)

scheme_themes = sa.Table(
    "scheme_themes",
    Base.metadata,
    sa.Column("scheme_id", sa.ForeignKey("funding_schemes.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)

scheme_territories = sa.Table(
    "scheme_territories",
    Base.metadata,
    sa.Column("scheme_id", sa.ForeignKey("funding_schemes.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "territory_id", sa.ForeignKey("territories.id", ondelete="CASCADE"), primary_key=True,
        index=True,
    ),
)


class Territory(Base):
    """A place on either side of the cooperation, nested through ``parent``.

    French side: France > Île-de-France > départements > communes. Partner side:
    a country (ISO 3166-1 alpha-2 code) > its regions and cities.
    """

    __tablename__ = "territories"

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
    website: Mapped[str | None] = mapped_column(sa.String(300))
    description: Mapped[str | None] = mapped_column(sa.Text)

    territory: Mapped[Territory | None] = relationship()
    partnerships: Mapped[list[Partnership]] = relationship(
        back_populates="member", cascade="all, delete-orphan"
    )
    schemes: Mapped[list[FundingScheme]] = relationship(back_populates="funder_member")

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
    __table_args__ = (sa.UniqueConstraint("member_id", "territory_id"),)

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


class Actor(TimestampMixin, Base):
    """An organisation of the directory (association, collectivité, resource centre...)."""

    __tablename__ = "actors"
    __table_args__ = (
        sa.CheckConstraint("rna IS NULL OR length(rna) = 10", name="rna_length"),
        sa.CheckConstraint("siret IS NULL OR length(siret) = 14", name="siret_length"),
        sa.CheckConstraint(
            "members_idf IS NULL OR members_total IS NULL OR members_idf <= members_total",
            name="members_idf_within_total",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    acronym: Mapped[str | None] = mapped_column(sa.String(40))
    kind: Mapped[ActorKind] = mapped_column(enum_type(ActorKind))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    postal_code: Mapped[str | None] = mapped_column(sa.String(5))
    commune: Mapped[str | None] = mapped_column(sa.String(120))
    departement_id: Mapped[int | None] = mapped_column(sa.ForeignKey("territories.id"), index=True)
    website: Mapped[str | None] = mapped_column(sa.String(300))
    email: Mapped[str | None] = mapped_column(sa.String(200))
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    # RGPD: the public contact is shown only when the actor chose so.
    contact_public: Mapped[bool] = mapped_column(default=False)
    rna: Mapped[str | None] = mapped_column(sa.String(10), unique=True)
    siret: Mapped[str | None] = mapped_column(sa.String(14), unique=True)
    members_total: Mapped[int | None]
    members_idf: Mapped[int | None]
    published: Mapped[bool] = mapped_column(default=True)
    # Folded "name|departement" used to find the same actor again on import.
    match_key: Mapped[str] = mapped_column(sa.String(260), index=True)
    # Optimistic locking: two people editing the same profile cannot silently
    # overwrite each other (the second save is refused and says why).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    departement: Mapped[Territory | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(secondary=actor_themes, order_by=Theme.position)
    territories: Mapped[list[Territory]] = relationship(
        secondary=actor_territories, order_by=Territory.name
    )

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def path(self) -> str:
        return f"/acteurs/{self.id}-{self.slug}"

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def __repr__(self) -> str:
        return f"<Actor {self.id} {self.name!r}>"


class SchemeBeneficiary(Base):
    __tablename__ = "scheme_beneficiaries"

    scheme_id: Mapped[int] = mapped_column(
        sa.ForeignKey("funding_schemes.id", ondelete="CASCADE"), primary_key=True
    )
    beneficiary: Mapped[Beneficiary] = mapped_column(enum_type(Beneficiary), primary_key=True)


class FundingScheme(TimestampMixin, Base):
    """A *dispositif*: a funding or support scheme run by a member or an outside funder."""

    __tablename__ = "funding_schemes"
    __table_args__ = (
        sa.CheckConstraint(
            "funder_member_id IS NOT NULL OR funder_name IS NOT NULL", name="has_funder"
        ),
        sa.CheckConstraint(
            "amount_min_cents IS NULL OR amount_max_cents IS NULL "
            "OR amount_min_cents <= amount_max_cents",
            name="amount_range",
        ),
        sa.CheckConstraint(
            "max_rate_percent IS NULL OR (max_rate_percent > 0 AND max_rate_percent <= 100)",
            name="max_rate_range",
        ),
        sa.CheckConstraint(
            "age_min IS NULL OR age_max IS NULL OR age_min <= age_max", name="age_range"
        ),
        sa.CheckConstraint(
            "opens_on IS NULL OR closes_on IS NULL OR opens_on <= closes_on", name="date_range"
        ),
        sa.CheckConstraint(
            "status != 'published' OR published_at IS NOT NULL", name="published_at_when_published"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    funder_member_id: Mapped[int | None] = mapped_column(sa.ForeignKey("members.id"), index=True)
    funder_name: Mapped[str | None] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.String(400), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    age_min: Mapped[int | None]
    age_max: Mapped[int | None]
    amount_min_cents: Mapped[int | None] = mapped_column(sa.BigInteger)
    amount_max_cents: Mapped[int | None] = mapped_column(sa.BigInteger)
    max_rate_percent: Mapped[int | None]
    recurrence: Mapped[Recurrence] = mapped_column(
        enum_type(Recurrence), default=Recurrence.ANNUAL
    )
    opens_on: Mapped[date | None]
    closes_on: Mapped[date | None]
    legal_basis: Mapped[str | None] = mapped_column(sa.String(300))
    url: Mapped[str | None] = mapped_column(sa.String(300))
    status: Mapped[PublicationStatus] = mapped_column(
        enum_type(PublicationStatus), default=PublicationStatus.DRAFT, index=True
    )
    published_at: Mapped[datetime | None]
    match_key: Mapped[str] = mapped_column(sa.String(420), index=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    funder_member: Mapped[Member | None] = relationship(back_populates="schemes")
    themes: Mapped[list[Theme]] = relationship(secondary=scheme_themes, order_by=Theme.position)
    territories: Mapped[list[Territory]] = relationship(
        secondary=scheme_territories, order_by=Territory.name
    )
    beneficiary_rows: Mapped[list[SchemeBeneficiary]] = relationship(
        cascade="all, delete-orphan", order_by=SchemeBeneficiary.beneficiary
    )

    @property
    def beneficiaries(self) -> list[Beneficiary]:
        return [row.beneficiary for row in self.beneficiary_rows]

    @beneficiaries.setter
    def beneficiaries(self, values) -> None:
        wanted = [Beneficiary(v) for v in dict.fromkeys(values)]
        keep = [row for row in self.beneficiary_rows if row.beneficiary in wanted]
        have = {row.beneficiary for row in keep}
        self.beneficiary_rows = keep + [
            SchemeBeneficiary(beneficiary=b) for b in wanted if b not in have
        ]

    @property
    def funder_label(self) -> str:
        return self.funder_member.name if self.funder_member else (self.funder_name or "")

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def path(self) -> str:
        return f"/dispositifs/{self.id}-{self.slug}"

    @property
    def french_territories(self) -> list[Territory]:
        return [t for t in self.territories if t.is_french]

    @property
    def partner_territories(self) -> list[Territory]:
        return [t for t in self.territories if not t.is_french]

    def is_open_on(self, day: date) -> bool:
        if self.recurrence == Recurrence.PERMANENT and not self.closes_on:
            return True
        if self.opens_on and day < self.opens_on:
            return False
        return not (self.closes_on and day > self.closes_on)

    def __repr__(self) -> str:
        return f"<FundingScheme {self.id} {self.name!r}>"
