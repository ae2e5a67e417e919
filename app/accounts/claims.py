"""Requests to act for an actor: claim one of the directory, or propose a new one.

The coordinator approves or refuses any request; a claim on an actor with a contact
address is also confirmed by whoever reads that address (a link valid 7 days). Either
way the person becomes an account of the actor; a new actor is published then. A
refused new actor is deleted (it was never public). Actions flush, never commit.
"""

from __future__ import annotations

import sqlalchemy as sa

from app.accounts import mails, rules, tokens, workflow
from app.accounts.models import ActorClaim, ClaimKind, ClaimStatus, TokenPurpose
from app.accounts.services import AUDITED as USER_AUDITED
from app.actors import services as actor_services
from app.actors.models import Actor
from app.auth.models import Role, User
from app.core import records
from app.core.db import utcnow
from app.core.rules import RuleViolations, Violation
from app.extensions import db

AUDITED = ["actor_id", "kind", "state", "message"]


def pending_claim(user: User) -> ActorClaim | None:
    return db.session.scalar(sa.select(ActorClaim).where(
        ActorClaim.user_id == user.id, ActorClaim.state == ClaimStatus.PENDING))


def latest_claims(user: User, limit: int = 5) -> list[ActorClaim]:
    return list(db.session.scalars(sa.select(ActorClaim).where(ActorClaim.user_id == user.id)
                                   .order_by(ActorClaim.id.desc()).limit(limit)))


def person_facts(user: User) -> dict:
    """What the claim rules need to know of the person."""
    return {"email_confirmed": user.email_confirmed, "attached": user.actor_id is not None,
            "has_pending": pending_claim(user) is not None}


def check_claim(user: User, actor: Actor) -> list[Violation]:
    has_accounts = db.session.scalar(sa.select(User.id).where(User.actor_id == actor.id).limit(1)) is not None
    claimed = db.session.scalar(sa.select(ActorClaim.id).where(
        ActorClaim.actor_id == actor.id, ActorClaim.state == ClaimStatus.PENDING).limit(1)) is not None
    return rules.check_claim(**person_facts(user), actor_published=actor.published,
                             actor_has_accounts=has_accounts, actor_claimed=claimed)


def claim_actor(user: User, actor: Actor, message: str = "") -> ActorClaim:
    violations = check_claim(user, actor)
    if violations:
        raise RuleViolations(violations)
    claim = _create(user, actor, ClaimKind.CLAIM, message)
    if actor.email:
        _send_confirmation(claim)
    return claim


def request_new_actor(user: User, data: actor_services.ActorData, message: str = "") -> ActorClaim:
    """A new actor, unpublished until the coordinator approves the request."""
    violations = rules.check_new_actor_request(**person_facts(user))
    if violations:
        raise RuleViolations(violations)
    actor = actor_services.create_actor(user, data, published=False)
    return _create(user, actor, ClaimKind.CREATION, message)


def _create(user: User, actor: Actor, kind: ClaimKind, message: str) -> ActorClaim:
    def apply(claim: ActorClaim) -> None:
        claim.user, claim.actor, claim.actor_name, claim.kind = user, actor, actor.name, kind
        claim.state = ClaimStatus.PENDING
        claim.message = (message or "").strip()

    return records.create(user, ActorClaim(), apply, action="claim.create", audited=AUDITED, doc_type=None)


def _send_confirmation(claim: ActorClaim) -> None:
    """To the actor's contact address (never shown to the person who claims it)."""
    secret, token = tokens.issue(claim.user, TokenPurpose.CLAIM, claim=claim, email=claim.actor.email)
    mails.send(claim.actor.email, "claim_confirmation", {
        "actor_name": claim.actor.name,
        "claimant_name": claim.user.name,
        "claimant_email": claim.user.email,
        "message": claim.message,
        "link": mails.external_url("accounts.confirm_claim", secret=secret),
        "expires_days": tokens.LIFETIMES[TokenPurpose.CLAIM].days,
    }, lang="fr", dedupe_key=f"token:{token.id}")


def decide(by: User | None, claim: ActorClaim, move_name: str, *, reason: str | None = None) -> None:
    """Make a move of the workflow table: approve, refuse (with a reason) or confirm."""
    move = workflow.MOVES[move_name]
    violations = workflow.check(move, claim.state.value, reason=reason,
                                creation=claim.kind == ClaimKind.CREATION)
    if violations:
        raise RuleViolations(violations)
    before = claim.state.value
    state, now = ClaimStatus(move.target.value), utcnow()
    reason = reason.strip() if move_name == "refuse" else None
    # Conditional, so that two answers at the same second (two coordinators, or the
    # coordinator and the actor's mailbox) make one decision: the second finds it made.
    done = db.session.execute(
        sa.update(ActorClaim).where(ActorClaim.id == claim.id, ActorClaim.state == ClaimStatus.PENDING)
        .values(state=state, decided_at=now, decided_by_id=by.id if by else None, reason=reason),
        execution_options={"synchronize_session": False})
    if done.rowcount != 1:
        raise RuleViolations([Violation("claim_decided")])
    claim.state, claim.decided_at, claim.decided_by, claim.reason = state, now, by, reason
    changes = {"state": [before, claim.state.value]}
    if claim.reason:
        changes["reason"] = [None, claim.reason]
    actor = claim.actor
    if move.attaches:
        _attach(by, claim.user, actor)
        if claim.kind == ClaimKind.CREATION:
            actor_services.set_actor_published(by, actor, True)
    elif claim.kind == ClaimKind.CREATION and actor is not None:
        claim.actor = None
        _delete_new_actor(by, actor)
    records.transition(by, claim, changes, action=move.audit_action, doc_type=None)
    tokens.supersede(claim.user, TokenPurpose.CLAIM, claim=claim)
    _tell_claimant(claim, actor)


def _attach(by: User | None, user: User, actor: Actor) -> None:
    def apply(user: User) -> None:
        # The columns too: the audit compares columns before the flush.
        user.role, user.actor, user.actor_id, user.member, user.member_id = Role.APPLICANT, actor, actor.id, None, None

    records.update(by, user, apply, version=None, action="user.attach", audited=USER_AUDITED, doc_type=None)


def _delete_new_actor(by: User | None, actor: Actor) -> None:
    records.transition(by, actor, {"name": [actor.name, None]}, action="actor.delete", doc_type="actor")
    db.session.delete(actor)
    db.session.flush()


def _tell_claimant(claim: ActorClaim, actor: Actor | None) -> None:
    user = claim.user
    if claim.state == ClaimStatus.REFUSED:
        mails.send(user.email, "claim_refused", {
            "name": user.name,
            "actor_name": claim.actor_name,
            "kind": claim.kind.value,
            "reason": claim.reason or "",
            "link": mails.external_url("accounts.claim_home"),
        }, lang=user.language, dedupe_key=f"claim:{claim.id}:decision")
        return
    mails.send(user.email, "claim_approved", {
        "name": user.name,
        "actor_name": actor.name,
        "kind": claim.kind.value,
        "confirmed_by": "actor" if claim.state == ClaimStatus.CONFIRMED else "coordination",
        "actor_link": mails.external_url("actors.actor", actor_id=actor.id, slug=actor.slug),
        "edit_link": mails.external_url("actors.actor_edit", actor_id=actor.id),
    }, lang=user.language, dedupe_key=f"claim:{claim.id}:decision")


def check_confirmation_link(secret: str):
    token = tokens.find(secret, TokenPurpose.CLAIM)
    claim = token.claim
    violations = workflow.check(workflow.MOVES["confirm"], claim.state.value,
                                creation=claim.kind == ClaimKind.CREATION)
    if violations:
        raise RuleViolations(violations)
    return token


def confirm_by_mail(secret: str) -> ActorClaim:
    """Whoever reads the actor's contact address says the person is one of them."""
    token = check_confirmation_link(secret)
    tokens.spend(token)
    decide(None, token.claim, "confirm")
    return token.claim
