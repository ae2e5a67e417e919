"""Single-use, time-limited links: a random secret in the mail, its SHA-256 in the table.

A link is refused when it is malformed, unknown (tampered with), already used (or
replaced by a newer one of the same kind), or expired; each case has its own code so
the page says which. Services flush, never commit.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa

from app.accounts.models import AccountToken, ActorClaim, TokenPurpose
from app.auth.models import User
from app.core.db import utcnow
from app.core.rules import RuleViolations, Violation
from app.extensions import db

LIFETIMES = {
    TokenPurpose.INVITATION: timedelta(days=7),
    TokenPurpose.SIGNUP: timedelta(days=2),
    TokenPurpose.RESET: timedelta(hours=2),
    TokenPurpose.EMAIL_CHANGE: timedelta(days=1),
    TokenPurpose.CLAIM: timedelta(days=7),
}
# secrets.token_urlsafe(32): 43 characters of the URL-safe base64 alphabet.
_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue(user: User, purpose: TokenPurpose, *, email: str | None = None,
          claim: ActorClaim | None = None, now: datetime | None = None) -> tuple[str, AccountToken]:
    """A new link for ``user``; earlier unused links of the same kind stop working.
    Returns the secret (for the mail only: it is stored nowhere) and the token row."""
    now = now or utcnow()
    supersede(user, purpose, claim=claim, now=now)
    secret = new_secret()
    token = AccountToken(purpose=purpose, token_hash=digest(secret), user=user, claim=claim,
                         email=email, created_at=now, expires_at=now + LIFETIMES[purpose])
    db.session.add(token)
    db.session.flush()
    return secret, token


def supersede(user: User, purpose: TokenPurpose, *, claim: ActorClaim | None = None,
              now: datetime | None = None) -> None:
    """Every unused link of this kind for ``user`` (and ``claim``) stops working."""
    if user.id is None:
        return
    stmt = sa.update(AccountToken).where(
        AccountToken.user_id == user.id, AccountToken.purpose == purpose, AccountToken.used_at.is_(None))
    if claim is not None and claim.id is not None:
        stmt = stmt.where(AccountToken.claim_id == claim.id)
    db.session.execute(stmt.values(used_at=now or utcnow()), execution_options={"synchronize_session": False})


def find(secret: str, purpose: TokenPurpose, *, now: datetime | None = None) -> AccountToken:
    """The live token of this kind for ``secret``; else RuleViolations with one of
    ``link_invalid`` (malformed, unknown, tampered), ``link_used``, ``link_expired``."""
    if not isinstance(secret, str) or not _SHAPE.fullmatch(secret):
        raise RuleViolations([Violation("link_invalid")])
    token = db.session.scalar(sa.select(AccountToken).where(
        AccountToken.token_hash == digest(secret), AccountToken.purpose == purpose))
    if token is None:
        raise RuleViolations([Violation("link_invalid")])
    if token.used_at is not None:
        raise RuleViolations([Violation("link_used")])
    if (now or utcnow()) >= token.expires_at:
        raise RuleViolations([Violation("link_expired")])
    return token


def spend(token: AccountToken, *, now: datetime | None = None) -> None:
    """Use the link: it never works again. Conditional, so that the same link posted
    twice at once works once (the second waits for the first's row lock, then finds
    it used)."""
    now = now or utcnow()
    done = db.session.execute(
        sa.update(AccountToken).where(AccountToken.id == token.id, AccountToken.used_at.is_(None))
        .values(used_at=now), execution_options={"synchronize_session": False})
    if done.rowcount != 1:
        raise RuleViolations([Violation("link_used")])
    token.used_at = now


def purge(*, expired_before: datetime) -> int:
    """Delete the links dead before ``expired_before`` (used or not): a dead link is
    refused whether its row is there or not, and the table stays small. Flushes."""
    result = db.session.execute(sa.delete(AccountToken).where(AccountToken.expires_at < expired_before),
                                execution_options={"synchronize_session": False})
    return result.rowcount or 0
