"""Two answers at once: a link posted twice, a claim decided twice. Each worker saw the
row before the other wrote it; the second write finds the work done and changes nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.accounts import claims, tokens
from app.accounts.models import AccountToken, ActorClaim, ClaimKind, ClaimStatus, TokenPurpose
from app.auth.models import Role, User
from app.core.db import utcnow
from app.core.rules import RuleViolations
from app.extensions import db


@pytest.fixture
def registrant(app):
    user = User(email="marie@example.org", name="Marie", role=Role.REGISTRANT, email_confirmed_at=utcnow())
    user.password_hash = "x"
    db.session.add(user)
    db.session.commit()
    return user


def test_a_link_used_by_another_worker_meanwhile_is_used(registrant):
    secret, _ = tokens.issue(registrant, TokenPurpose.RESET)
    db.session.commit()
    seen = tokens.find(secret, TokenPurpose.RESET)  # this worker: unused
    with Session(db.engine) as other:  # the other worker uses it and commits
        row = other.scalar(sa.select(AccountToken).where(AccountToken.id == seen.id))
        row.used_at = utcnow()
        other.commit()
    with pytest.raises(RuleViolations) as refused:
        tokens.spend(seen)
    assert refused.value.codes == ["link_used"]


def test_a_claim_decided_by_another_worker_meanwhile_is_decided(registrant, make_actor, make_user):
    actor = make_actor("Amis de Hanoï")
    coordinator = make_user("coordinator")
    claim = claims.claim_actor(registrant, actor)
    db.session.commit()
    assert claim.kind == ClaimKind.CLAIM
    with Session(db.engine) as other:  # the actor's mailbox confirms first
        row = other.get(ActorClaim, claim.id)
        row.state, row.decided_at = ClaimStatus.CONFIRMED, utcnow()
        other.commit()
    with pytest.raises(RuleViolations) as refused:
        claims.decide(coordinator, claim, "refuse", reason="Inconnue")  # from the stale page
    assert refused.value.codes == ["claim_decided"]
    db.session.rollback()
    db.session.expire_all()
    assert db.session.get(ActorClaim, claim.id).state == ClaimStatus.CONFIRMED
