"""Lists of the accounts' pages: users with filters, actors to claim, requests waiting."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from app.accounts.models import ActorClaim, ClaimStatus
from app.actors.models import Actor
from app.actors.rules import normalise_identifier
from app.auth.models import Role, User
from app.core.pagination import arg_choice
from app.core.text import clean_arg, match_key
from app.extensions import db
from app.network.models import Member


@dataclass
class UserFilters:
    member: str | None = None  # a member's code
    role: str | None = None
    active: str | None = None  # "oui" / "non"

    @classmethod
    def from_args(cls, args: MultiDict, member_codes: list[str]) -> UserFilters:
        return cls(member=arg_choice(args, "membre", member_codes),
                   role=arg_choice(args, "role", [r.value for r in Role]),
                   active=arg_choice(args, "actif", ["oui", "non"]))

    def as_args(self) -> dict:
        return {k: v for k, v in (("membre", self.member), ("role", self.role), ("actif", self.active)) if v}


def users_query(filters: UserFilters) -> sa.Select:
    stmt = sa.select(User).options(selectinload(User.member), selectinload(User.actor))
    if filters.member:
        stmt = stmt.join(Member, User.member_id == Member.id).where(Member.code == filters.member)
    if filters.role:
        stmt = stmt.where(User.role == Role(filters.role))
    if filters.active:
        stmt = stmt.where(User.active.is_(filters.active == "oui"))
    return stmt.order_by(sa.func.lower(User.name), User.id)


def members() -> list[Member]:
    return list(db.session.scalars(sa.select(Member).order_by(Member.is_coordinator.desc(), Member.code)))


def actors_to_claim(query: str, limit: int = 20) -> list[Actor]:
    """Published actors found by their name (accents, case and punctuation ignored), RNA
    number or SIRET."""
    query = clean_arg(query, 200)
    if not query:
        return []
    identifier = normalise_identifier(query)
    conditions = [Actor.rna == identifier, Actor.siret == identifier]
    words = [w for w in match_key(query).split() if len(w) >= 2]
    if words:  # every word, in any order
        conditions.append(sa.and_(*[Actor.match_key.like(f"%{_escaped(w)}%", escape="\\") for w in words]))
    return list(db.session.scalars(
        sa.select(Actor).where(Actor.published, sa.or_(*conditions))
        .options(selectinload(Actor.departement)).order_by(Actor.name).limit(limit)))


def _escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def accounts_of_actor(actor: Actor) -> list[User]:
    return list(db.session.scalars(sa.select(User).where(User.actor_id == actor.id).order_by(User.name)))


def claims(state: ClaimStatus | None = ClaimStatus.PENDING, limit: int = 100) -> list[ActorClaim]:
    stmt = sa.select(ActorClaim).options(selectinload(ActorClaim.user), selectinload(ActorClaim.actor))
    if state is not None:
        stmt = stmt.where(ActorClaim.state == state)
    return list(db.session.scalars(stmt.order_by(ActorClaim.id.desc()).limit(limit)))
