"""Actions on the directory. They change state, audit and queue the index; they never commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from app.actors import events
from app.actors.models import (
    Actor,
    ActorKind,
    Beneficiary,
    FundingScheme,
    PublicationStatus,
    Recurrence,
)
from app.auth.queries import subscribers
from app.core import records
from app.core.db import utcnow
from app.core.text import clean_html, match_key
from app.extensions import db
from app.mail import outbox
from app.mail.links import NoPublicAddress, external_url
from app.network.models import Member, Territory, Theme

SCHEME_AUDITED = [
    "name", "funder_member_id", "funder_name", "summary", "description", "age_min", "age_max",
    "amount_min_cents", "amount_max_cents", "max_rate_percent", "recurrence", "opens_on",
    "closes_on", "legal_basis", "url", "status", "themes", "territories", "beneficiaries",
    "conditions", "how_to_apply", "documents", "contact_name", "contact_email",
]
ACTOR_AUDITED = [
    "name", "acronym", "kind", "description", "postal_code", "commune", "departement_id",
    "website", "email", "phone", "contact_public", "rna", "siret", "members_total",
    "members_idf", "published", "themes", "territories",
]


@dataclass
class SchemeData:
    name: str
    funder_member: Member | None
    funder_name: str | None = None
    summary: str = ""
    description: str = ""
    beneficiaries: list[Beneficiary] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    territories: list[Territory] = field(default_factory=list)
    age_min: int | None = None
    age_max: int | None = None
    amount_min_cents: int | None = None
    amount_max_cents: int | None = None
    max_rate_percent: int | None = None
    recurrence: Recurrence = Recurrence.ANNUAL
    opens_on: date | None = None
    closes_on: date | None = None
    legal_basis: str | None = None
    url: str | None = None
    conditions: str = ""
    how_to_apply: str = ""
    documents: str = ""
    contact_name: str | None = None
    contact_email: str | None = None


@dataclass
class ActorData:
    name: str
    kind: ActorKind
    acronym: str | None = None
    description: str = ""
    postal_code: str | None = None
    commune: str | None = None
    departement: Territory | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    contact_public: bool = False
    rna: str | None = None
    siret: str | None = None
    members_total: int | None = None
    members_idf: int | None = None
    themes: list[Theme] = field(default_factory=list)
    territories: list[Territory] = field(default_factory=list)


def scheme_match_key(name: str, funder: str) -> str:
    return match_key(name, funder)


def _apply_scheme(scheme: FundingScheme, data: SchemeData) -> None:
    scheme.name = data.name.strip()
    scheme.funder_member = data.funder_member
    scheme.funder_name = None if data.funder_member else (data.funder_name or "").strip() or None
    scheme.summary = data.summary.strip()
    scheme.description = clean_html(data.description)
    scheme.beneficiaries = data.beneficiaries
    scheme.themes = list(data.themes)
    scheme.territories = list(data.territories)
    for name in ("age_min", "age_max", "amount_min_cents", "amount_max_cents",
                 "max_rate_percent", "recurrence", "opens_on", "closes_on"):
        setattr(scheme, name, getattr(data, name))
    scheme.legal_basis = (data.legal_basis or "").strip() or None
    scheme.url = (data.url or "").strip() or None
    scheme.conditions = (data.conditions or "").strip()
    scheme.how_to_apply = clean_html(data.how_to_apply or "")
    scheme.documents = (data.documents or "").strip()
    scheme.contact_name = (data.contact_name or "").strip() or None
    scheme.contact_email = (data.contact_email or "").strip() or None
    funder = data.funder_member.code if data.funder_member else scheme.funder_name
    scheme.match_key = scheme_match_key(scheme.name, funder or "")


def create_scheme(user, data: SchemeData, *, publish: bool = False) -> FundingScheme:
    scheme = FundingScheme(status=PublicationStatus.PUBLISHED if publish else PublicationStatus.DRAFT,
                           published_at=utcnow() if publish else None)
    records.create(user, scheme, lambda s: _apply_scheme(s, data), action="scheme.create",
                   audited=SCHEME_AUDITED, doc_type="scheme")
    if publish:
        announce_scheme(scheme)
        events.scheme_published(scheme)
    return scheme


def announce_scheme(scheme: FundingScheme) -> None:
    """Tell the accounts that asked for new schemes (once per scheme, even if it is
    unpublished and published again). A command run without PORTAL_BASE_URL has no
    address to link to and announces nothing."""
    try:
        link = external_url("actors.scheme", scheme_id=scheme.id)
        account_link = external_url("accounts.account")
    except NoPublicAddress:  # a command without PORTAL_BASE_URL: nobody to link to
        return
    for person in subscribers("notify_new_schemes"):
        outbox.queue_mail(db.session, to=person.email, template="new_scheme", lang=person.language,
                          context={"name": person.name, "title": scheme.name, "funder": scheme.funder_label,
                                   "closes_on": scheme.closes_on.isoformat() if scheme.closes_on else "",
                                   "link": link, "account_link": account_link},
                          dedupe_key=f"new-scheme:{scheme.id}:{person.id}")


def update_scheme(user, scheme: FundingScheme, data: SchemeData, *, version: int | None = None) -> dict:
    """``version``: what the person started from (None only for the importer)."""
    return records.update(user, scheme, lambda s: _apply_scheme(s, data), version=version,
                          action="scheme.update", audited=SCHEME_AUDITED, doc_type="scheme")


def set_scheme_published(user, scheme: FundingScheme, published: bool) -> bool:
    """Publish or unpublish; returns False when nothing changed."""
    status = PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT
    if scheme.status == status:
        return False
    before = scheme.status.value
    scheme.status = status
    if published:
        scheme.published_at = utcnow()
    records.transition(user, scheme, {"status": [before, status.value]},
                       action="scheme.publish" if published else "scheme.unpublish", doc_type="scheme")
    if published:
        announce_scheme(scheme)
        events.scheme_published(scheme)
    return True


def actor_match_key(name: str, departement_code: str | None) -> str:
    return match_key(name, departement_code or "")


def _apply_actor(actor: Actor, data: ActorData) -> None:
    actor.name = data.name.strip()
    actor.kind = data.kind
    actor.acronym = (data.acronym or "").strip() or None
    actor.description = clean_html(data.description)
    actor.postal_code = (data.postal_code or "").strip() or None
    actor.commune = (data.commune or "").strip() or None
    actor.departement = data.departement
    for name in ("website", "email", "phone"):
        setattr(actor, name, (getattr(data, name) or "").strip() or None)
    actor.contact_public = data.contact_public
    actor.rna = data.rna or None
    actor.siret = data.siret or None
    actor.members_total = data.members_total
    actor.members_idf = data.members_idf
    actor.themes = list(data.themes)
    actor.territories = list(data.territories)
    actor.match_key = actor_match_key(actor.name, data.departement.code if data.departement else None)


def create_actor(user, data: ActorData, *, published: bool = True) -> Actor:
    """``published=False``: a new actor proposed by a person, public once approved."""
    return records.create(user, Actor(published=published), lambda a: _apply_actor(a, data),
                          action="actor.create", audited=ACTOR_AUDITED, doc_type="actor")


def update_actor(user, actor: Actor, data: ActorData, *, version: int | None = None) -> dict:
    """``version``: what the person started from (None only for the importer)."""
    return records.update(user, actor, lambda a: _apply_actor(a, data), version=version,
                          action="actor.update", audited=ACTOR_AUDITED, doc_type="actor")


def set_actor_published(user, actor: Actor, published: bool) -> bool:
    if actor.published == published:
        return False
    actor.published = published
    records.transition(user, actor, {"published": [not published, published]},
                       action="actor.publish" if published else "actor.unpublish", doc_type="actor")
    return True


IDENTIFIERS = ("rna", "siret")


def identifiers_agree(actor, data) -> bool:
    """False when the two carry different RNA numbers or different SIRETs: two actors.

    Works on anything with ``rna`` and ``siret`` (an :class:`Actor`, an :class:`ActorData`).
    """
    return all(
        not (getattr(actor, name) and getattr(data, name)) or getattr(actor, name) == getattr(data, name)
        for name in IDENTIFIERS
    )


def actor_candidates(data: ActorData) -> list[Actor]:
    """The existing actors ``data`` may describe, oldest first: the one with its RNA, else
    the one with its SIRET, else those with the same name and département (accents, case
    and punctuation ignored) whose RNA and SIRET do not contradict its own. More than one
    means the name alone cannot tell which."""
    for name in IDENTIFIERS:
        value = getattr(data, name)
        if value:
            found = db.session.scalar(sa.select(Actor).where(getattr(Actor, name) == value))
            if found:
                return [found]
    key = actor_match_key(data.name, data.departement.code if data.departement else None)
    same_name = db.session.scalars(sa.select(Actor).where(Actor.match_key == key).order_by(Actor.id))
    return [actor for actor in same_name if identifiers_agree(actor, data)]


def find_actor(data: ActorData) -> Actor | None:
    """The existing actor ``data`` describes (see :func:`actor_candidates`); when several
    share its name and département, the oldest."""
    candidates = actor_candidates(data)
    return candidates[0] if candidates else None


def find_scheme(data: SchemeData) -> FundingScheme | None:
    funder = data.funder_member.code if data.funder_member else (data.funder_name or "")
    key = scheme_match_key(data.name, funder)
    return db.session.scalar(sa.select(FundingScheme).where(FundingScheme.match_key == key).limit(1))
