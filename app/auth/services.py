"""Signing in and out: what an attacker probes (timing, stolen cookies, redirects).

Like every service, these functions change the session's objects and flush at most;
the view commits.
"""

from __future__ import annotations

import functools
import secrets
from urllib.parse import unquote, urlsplit, urlunsplit

import sqlalchemy as sa
from flask import session
from flask_login import login_user
from werkzeug.security import generate_password_hash

from app.auth import models
from app.auth.models import User
from app.extensions import db


def normalise_email(email: str) -> str:
    """The form of an address used to find its account (and to count its sign-in attempts)."""
    return email.strip().lower()


@functools.cache
def _dummy_hash() -> str:
    """A hash of the same algorithm and cost as the real ones, for no password at all."""
    return generate_password_hash(secrets.token_urlsafe(24))


def authenticate(email: str, password: str) -> User | None:
    """The active account with this address and password, or None.

    Exactly one password verification either way, so that the answer takes as long
    for an unknown or disabled address as for a known one (no enumeration by timing).
    """
    user = db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    # An invited account without a password yet costs the same work as any other.
    stored = user.password_hash if user is not None and user.has_password else _dummy_hash()
    matches = models.check_password_hash(stored, password)
    if user is not None and user.active and user.has_password and matches:
        return user
    return None


def dummy_hashing(password: str) -> None:
    """The work of hashing a new password, for an answer that must not tell whether an
    address has an account (signing up with a known address hashes nothing to store)."""
    models.generate_password_hash(password)


def start_session(user: User) -> None:
    """A new session for a new sign-in: nothing of the anonymous one is kept (its CSRF
    token above all, which a page seen before signing in may have leaked), but the
    reader's language, or else the account's own."""
    lang = session.get("lang") or user.language
    session.clear()
    if lang:
        session["lang"] = lang
    login_user(user)


def user_from_session_id(session_id: str) -> User | None:
    """The account a cookie names (``<id>:<session token>``, see ``User.get_id``), if the
    token is still the account's and the account is active."""
    user_id, _, _ = session_id.partition(":")
    if not user_id.isascii() or not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or not user.matches_session_id(session_id):
        return None
    return user


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None.

    Browsers drop tabs and newlines from URLs, read a backslash as a slash and
    ``//host`` as another site: rather than guess what a browser would make of such
    a value, refuse it. Percent-decoded forms are checked too, for whatever decodes
    the address once more on the way.
    """
    if not target or len(target) > 2048:
        return None
    layer = target
    for _ in range(3):
        if not _is_local_path(layer):
            return None
        decoded = unquote(layer)
        if decoded == layer:
            break
        layer = decoded
    else:
        return None  # encoded over and over: no link of ours looks like that
    if any(ch.isspace() for ch in target):
        return None
    # Rebuilt from its parts, without scheme or host whatever the parser made of it.
    parts = urlsplit(target)
    rebuilt = urlunsplit(("", "", parts.path, parts.query, parts.fragment))
    return rebuilt if _is_local_path(rebuilt) else None


def _is_local_path(value: str) -> bool:
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or ch == "\\" for ch in value):
        return False
    if not value.startswith("/") or value.startswith("//"):
        return False
    parts = urlsplit(value)
    return not parts.scheme and not parts.netloc
