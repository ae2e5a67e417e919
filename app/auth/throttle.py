"""Sign-in attempts counted per account and per client address.

The counts live in the limiter's storage (``RATELIMIT_STORAGE_URI``): Redis shares them
between workers and servers, the in-memory default is for a single process. The client
address is the one the trusted proxies report (``PORTAL_TRUSTED_PROXIES``, read by
werkzeug's ProxyFix); with no trusted proxy, X-Forwarded-For is ignored.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app, request

from app.auth.services import normalise_email


def client_address() -> str:
    return "address:" + (request.remote_addr or "unknown")


def _email() -> str:
    return normalise_email(request.form.get("email", ""))


def account() -> str:
    """The account an attempt is for, as counted: a keyed hash, so the storage
    holds no e-mail address."""
    secret = current_app.config["SECRET_KEY"]
    secret = secret.encode() if isinstance(secret, str) else secret
    return "account:" + hmac.new(secret, _email().encode(), hashlib.sha256).hexdigest()[:32]


def no_account() -> bool:
    """A form without an address is refused anyway, and must not fill a shared bucket."""
    return not _email()
