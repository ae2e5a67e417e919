"""The directory: actors and funding schemes."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.actors import rules
from app.core.db import Base, TimestampMixin
from app.core.enums import LabelledEnum, enum_type
from app.core.text import slugify
from app.network.models import Member, Territory, Theme


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
        {"sqlite_autoincrement": True},
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
        {"sqlite_autoincrement": True},
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
    # The scheme's page: eligibility conditions (one a line, shown as a checklist), how to
    # apply (sanitised HTML), documents to provide (lines « label | URL »), a contact.
    conditions: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    how_to_apply: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    documents: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    contact_name: Mapped[str | None] = mapped_column(sa.String(200))
    contact_email: Mapped[str | None] = mapped_column(sa.String(200))
    status: Mapped[PublicationStatus] = mapped_column(
        enum_type(PublicationStatus), default=PublicationStatus.DRAFT, index=True
    )
    published_at: Mapped[datetime | None]
    match_key: Mapped[str] = mapped_column(sa.String(420), index=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    funder_member: Mapped[Member | None] = relationship()
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
    def condition_items(self) -> list[str]:
        return [line.strip() for line in self.conditions.splitlines() if line.strip()]

    @property
    def document_items(self) -> list[tuple[str, str | None]]:
        """(label, URL or None) for each line « label | URL »."""
        return [rules.parse_document_line(line) for line in self.documents.splitlines() if line.strip()]

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

    @property
    def open_window(self) -> tuple[date | None, date | None]:
        return rules.open_window(self.recurrence == Recurrence.PERMANENT, self.opens_on, self.closes_on)

    def is_open_on(self, day: date) -> bool:
        return rules.is_open_on(self.recurrence == Recurrence.PERMANENT, self.opens_on, self.closes_on, day)

    def __repr__(self) -> str:
        return f"<FundingScheme {self.id} {self.name!r}>"
